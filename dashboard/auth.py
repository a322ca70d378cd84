"""Sign-in: Flask-Login sessions, the login and logout routes, session expiry, the viewer resolver,
rate-limited login attempts, and the guard that closes the dashboard when it is not public.

Why these libraries: Flask-Login is the Flask project's standard session manager (small, audited,
handles the "who is this request" part and nothing else); Flask-WTF gives the CSRF token of the
login form (signed, tied to the session) without turning CSRF on for Dash's JSON endpoint;
Flask-Limiter (on the `limits` library) counts attempts in Redis when REDIS_URL is set, so that
every worker shares the count, and in memory otherwise.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

import dash
import flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, generate_csrf, validate_csrf
from wtforms.validators import ValidationError

from callbacks.context import EXTENSION_KEY, resources
from dashboard.security import STATIC_PREFIXES, error_response, safe_local_path, wants_json
from data import users
from data.access import PUBLIC_VIEWER, Viewer
from data.store import session_factory, transaction

log = logging.getLogger(__name__)

LOGIN_PATH = "/connexion"
LOGOUT_PATH = "/deconnexion"
LOGIN_LIMITS = "5 per minute; 30 per hour"  # per address of the client
ACCOUNT_LIMITS = "20 per hour"  # per account asked for, whatever the client's address
# Re-writing the session cookie on every callback would be waste: the idle clock moves by minutes.
SEEN_RESOLUTION_SECONDS = 60

ROLE_LABELS = {
    "editeur": ("Éditeur partenaire", "Partner editor"),
    "charge_de_mission": ("Chargé de mission", "Programme manager"),
    "administrateur": ("Administrateur", "Administrator"),
}


class SignedIn(UserMixin):
    """The account of the current session, as Flask-Login wants it."""

    def __init__(self, account: users.Account):
        self.account = account

    def get_id(self) -> str:
        # The token changes with the password: changing it ends every open session.
        return f"{self.account.id}:{self.account.session_token}"

    @property
    def is_active(self) -> bool:
        return self.account.active

    def viewer(self) -> Viewer:
        return Viewer(
            role=self.account.role.value,
            partner_slug=self.account.partner_slug,
            email=self.account.email,
        )


def current_account() -> users.Account | None:
    if not flask.has_request_context():
        return None
    user = current_user
    return user.account if user and user.is_authenticated else None


def resolve_viewer() -> Viewer:
    """The viewer of this request, from the signed session cookie only."""
    user = current_user
    if user and user.is_authenticated:
        return user.viewer()
    return PUBLIC_VIEWER


def _load_user(identifier: str) -> SignedIn | None:
    user_id, _, token = identifier.partition(":")
    if not user_id.isdigit():
        return None
    with session_factory(resources().engine)() as session:
        account = users.load_account(session, int(user_id))
    if account is None or not account.active or account.session_token != token:
        return None
    return SignedIn(account)


def _end_session() -> None:
    logout_user()
    flask.session.clear()


def _expiry_check(settings) -> None:
    """Idle and absolute expiry, checked on the server from the session's own timestamps."""
    if not current_user.is_authenticated:
        return
    now = time.time()
    session = flask.session
    started = session.get("connecte_le", 0)
    seen = session.get("vu_le", 0)
    if (
        now - started > settings.session_max_hours * 3600
        or now - seen > settings.session_idle_minutes * 60
    ):
        _end_session()
        flask.g.session_expired = True
        return
    if now - seen > SEEN_RESOLUTION_SECONDS:
        session["vu_le"] = now


def _is_open_path(path: str) -> bool:
    return (
        path.startswith(STATIC_PREFIXES)
        or path in (LOGIN_PATH, LOGOUT_PATH)
        or (path.startswith("/langue/"))
    )


def _is_page_request() -> bool:
    """A page the browser navigates to (sent to the login page), not a request of the app's
    own scripts (Dash's, the presentation mode's refresh), which get a 401 they can act on."""
    return flask.request.method == "GET" and not wants_json()


def register(app: dash.Dash) -> Limiter:
    server = app.server
    settings = server.extensions[EXTENSION_KEY].settings
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.public_url.startswith("https://"),
        SESSION_COOKIE_NAME="democratic_session",
        # The cookie's own lifetime; the server enforces both limits itself.
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.session_max_hours),
        # Written only when it changes (login, the idle clock once a minute): parallel callback
        # responses do not each rewrite the cookie.
        SESSION_REFRESH_EACH_REQUEST=False,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        DEMOCRATIC_VIEWER_RESOLVER=resolve_viewer,
    )

    manager = LoginManager()
    manager.init_app(server)
    manager.session_protection = "basic"
    manager.user_loader(_load_user)

    limiter = Limiter(
        get_remote_address,
        app=server,
        storage_uri=settings.redis_url or "memory://",
        strategy="fixed-window",
        # A rate limit must never make the site fail: if Redis is down, count in memory.
        in_memory_fallback_enabled=bool(settings.redis_url),
        swallow_errors=True,
        headers_enabled=True,
    )

    @server.before_request
    def _sessions_and_public_access():
        path = flask.request.path
        if path.startswith(STATIC_PREFIXES):
            return None  # stylesheets and scripts: no account to load, nothing to guard
        _expiry_check(settings)
        if flask.g.get("session_expired") and _is_page_request() and not _is_open_path(path):
            target = flask.request.full_path.rstrip("?")
            return flask.redirect(f"{LOGIN_PATH}?expiree=1&suite={_quote(target)}")
        if settings.public_access or current_user.is_authenticated or _is_open_path(path):
            return None
        if _is_page_request():
            target = flask.request.full_path.rstrip("?")
            return flask.redirect(f"{LOGIN_PATH}?suite={_quote(target)}")
        return error_response(401)

    def _account_key() -> str:
        address = (flask.request.form.get("email") or "").strip().lower()[:254]
        return f"compte:{address}"

    @server.route(LOGIN_PATH, methods=["GET", "POST"])
    @limiter.limit(LOGIN_LIMITS, methods=["POST"])
    @limiter.limit(ACCOUNT_LIMITS, methods=["POST"], key_func=_account_key)
    def login():
        request = flask.request
        suite = safe_local_path(request.values.get("suite") or "/")
        if request.method == "GET":
            if current_user.is_authenticated:
                return flask.redirect(suite)
            expired = request.args.get("expiree") == "1"
            return _login_page(suite, error=None, expired=expired)
        try:
            validate_csrf(request.form.get("csrf_token"))
        except (ValidationError, CSRFError):
            return _login_page(
                suite,
                error="Le formulaire a expiré : saisissez à nouveau vos identifiants.",
                status=400,
            )
        email = request.form.get("email", "")
        password = request.form.get("password", "")
        with transaction(resources().engine) as session:
            account = users.authenticate(session, email, password)
        if account is None:
            log.warning("Échec de connexion pour %r depuis %s", email[:254], request.remote_addr)
            return _login_page(
                suite,
                error="Adresse électronique ou mot de passe incorrect.",
                email=email,
                status=401,
            )
        flask.session.clear()  # nothing from before the login carries over
        login_user(SignedIn(account))
        flask.session.permanent = True
        now = time.time()
        flask.session["connecte_le"] = now
        flask.session["vu_le"] = now
        # The logout form's token is made now, once: the page's parallel requests then all carry
        # the same session, and none can drop the token by writing back an older cookie.
        generate_csrf()
        log.info("Connexion de %s (%s)", account.email, account.role.value)
        return flask.redirect(suite, code=303)

    @server.route(LOGOUT_PATH, methods=["GET", "POST"])
    def logout():
        request = flask.request
        if request.method == "GET":
            if not current_user.is_authenticated:
                return flask.redirect("/")
            return flask.render_template(
                "logout.html", csrf_token=generate_csrf(), account=current_account(), lang="fr"
            )
        try:
            validate_csrf(request.form.get("csrf_token"))
        except (ValidationError, CSRFError):
            return error_response(400, "Le formulaire a expiré : rechargez la page.")
        _end_session()
        return flask.redirect("/", code=303)

    return limiter


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


def _login_page(
    suite: str,
    error: str | None,
    expired: bool = False,
    email: str = "",
    status: int = 200,
):
    settings = resources().settings
    response = flask.make_response(
        flask.render_template(
            "login.html",
            csrf_token=generate_csrf(),
            suite=suite,
            error=error,
            expired=expired or flask.g.get("session_expired", False),
            email=email[:254],
            public_access=settings.public_access,
            lang="fr",
        ),
        status,
    )
    return response


def logout_form_token() -> str:
    """The CSRF token for the shell's logout button (a plain form POST)."""
    return generate_csrf()


def header_parts(connection, lang: str):
    """The shell's account area and publication note for the current request."""
    from data import publication, queries
    from layouts import account as account_layout

    account = current_account()
    if account is None:
        area = account_layout.login_link(lang)
        scope, waiting = None, 0
    else:
        partner_name = None
        if account.partner_slug:
            row = queries.partner(connection, account.partner_slug)
            partner_name = row["short_name"] if row else account.partner_slug
        area = account_layout.account_area(
            account.name, account.role.value, partner_name, generate_csrf(), lang
        )
        viewer = resolve_viewer()
        if viewer.sees_all_unpublished:
            scope, waiting = "all", publication.unpublished_loads(connection)
        elif viewer.unpublished_partners():
            scope = "partner"
            waiting = publication.unpublished_loads(connection, viewer.unpublished_partners())
        else:
            scope, waiting = None, 0
    note = account_layout.publication_note(
        publication.latest_publication(connection), lang, scope, waiting
    )
    return area, note
