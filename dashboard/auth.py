"""Sign-in: server-side sessions behind Flask-Login, the login and logout routes, session expiry,
the viewer resolver, login attempts limited across every process, and the guard that closes the
dashboard when it is not public.

Why these libraries: Flask-Login is the Flask project's standard session manager (small, audited,
handles the "who is this request" part and nothing else); Flask-WTF gives the CSRF token of the
login form (signed, tied to the session) without turning CSRF on for Dash's JSON endpoint.

Sessions live in the store (`data.account_sessions`): the signed cookie carries only a random
session id, looked up on every request, so that signing out, a password change, disabling the
account and expiry end the session on the server, whoever still holds a copy of the cookie.
Login attempts are counted in the store too (`data.login_attempts`): the one place every worker
and every host shares, whether or not Redis is configured.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging

import dash
import flask
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, generate_csrf, validate_csrf
from sqlalchemy.exc import SQLAlchemyError
from wtforms.validators import ValidationError

from callbacks.context import EXTENSION_KEY, resources
from dashboard import pdf
from dashboard.security import STATIC_PREFIXES, error_response, safe_local_path, wants_json
from data import account_sessions, login_attempts, users
from data.access import PUBLIC_VIEWER, Viewer
from data.account_sessions import EndReason
from data.store import session_factory, transaction

log = logging.getLogger(__name__)

LOGIN_PATH = "/connexion"
LOGOUT_PATH = "/deconnexion"

ROLE_LABELS = {
    "editeur": ("Éditeur partenaire", "Partner editor"),
    "charge_de_mission": ("Chargé de mission", "Programme manager"),
    "administrateur": ("Administrateur", "Administrator"),
}


class SignedIn(UserMixin):
    """The account of the current session, as Flask-Login wants it."""

    def __init__(self, account: users.Account, token: str):
        self.account = account
        self.token = token

    def get_id(self) -> str:
        # What the cookie carries: the session's random id, nothing about the account.
        return self.token

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
    """The viewer of this request, from the live server-side session only."""
    user = current_user
    if user and user.is_authenticated:
        return user.viewer()
    # The server's own browser printing a page for a signed-in viewer (dashboard/pdf.py).
    return pdf.lent_viewer() or PUBLIC_VIEWER


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _limits(settings) -> account_sessions.Limits:
    return account_sessions.Limits.of(settings.session_idle_minutes, settings.session_max_hours)


def _load_user(token: str) -> SignedIn | None:
    """Flask-Login's loader: the cookie's session id, checked against the store on every request
    (an ended or expired session is refused; "last seen" moves at most once a minute)."""
    context = resources()
    moment = now()
    with session_factory(context.engine)() as session:
        checked = account_sessions.look_up(session, token, moment, _limits(context.settings))
        account = users.account_of(checked.user, checked.partner_slug) if checked.user else None
    if checked.end_reason or checked.touch:
        try:
            with transaction(context.engine) as session:
                account_sessions.record(session, checked, moment)
        except SQLAlchemyError:
            # The decision stands whatever happens to its record: a refused session stays
            # refused (and is ended at its next request); a live one is served. A store busy
            # with a long load (SQLite: one writer at a time) must not fail the request.
            log.warning("Session : écriture différée (%s)", checked.end_reason or "vue")
    if checked.expired:
        flask.g.session_expired = True
    return SignedIn(account, token) if account else None


def _end_session(reason: str) -> None:
    """End the current session on the server, then forget it in the browser."""
    user = current_user
    if user and user.is_authenticated:
        with transaction(resources().engine) as session:
            account_sessions.end_session(session, user.token, now(), reason)
    logout_user()
    flask.session.clear()


def _is_open_path(path: str) -> bool:
    return (
        path.startswith(STATIC_PREFIXES)
        or path in (LOGIN_PATH, LOGOUT_PATH)
        or (path.startswith("/langue/"))
        # A digest's recipients have no account: their unsubscribe link must work.
        or path.startswith("/desabonnement/")
    )


def _is_page_request() -> bool:
    """A page the browser navigates to (sent to the login page), not a request of the app's
    own scripts (Dash's, the presentation mode's refresh), which get a 401 they can act on."""
    return flask.request.method == "GET" and not wants_json()


def register(app: dash.Dash) -> None:
    server = app.server
    settings = server.extensions[EXTENSION_KEY].settings
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.public_url.startswith("https://"),
        SESSION_COOKIE_NAME="democratic_session",
        # The cookie's own lifetime; the server enforces both limits itself, from the store.
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.session_max_hours),
        # The cookie changes only at login and logout (the idle clock is kept in the store):
        # parallel callback responses do not each rewrite it.
        SESSION_REFRESH_EACH_REQUEST=False,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        DEMOCRATIC_VIEWER_RESOLVER=resolve_viewer,
    )

    manager = LoginManager()
    manager.init_app(server)
    manager.session_protection = "basic"
    manager.user_loader(_load_user)

    @server.before_request
    def _sessions_and_public_access():
        path = flask.request.path
        if path.startswith(STATIC_PREFIXES):
            return None  # stylesheets and scripts: no account to load, nothing to guard
        signed_in = current_user.is_authenticated  # the session is looked up here
        if not signed_in and "_user_id" in flask.session:
            # A session the server ended (elsewhere, by a password change, disabling, expiry):
            # the browser is told to forget the cookie.
            logout_user()
            flask.session.clear()
        if flask.g.get("session_expired") and _is_page_request() and not _is_open_path(path):
            target = flask.request.full_path.rstrip("?")
            return flask.redirect(f"{LOGIN_PATH}?expiree=1&suite={_quote(target)}")
        if settings.public_access or signed_in or pdf.lent_viewer() or _is_open_path(path):
            return None
        if _is_page_request():
            target = flask.request.full_path.rstrip("?")
            return flask.redirect(f"{LOGIN_PATH}?suite={_quote(target)}")
        return error_response(401)

    secret = server.config["SECRET_KEY"].encode()

    def _keyed(kind: str, value: str) -> str:
        # Neither the address nor what was typed as an account is kept in clear (someone may
        # type a password in the e-mail field); a keyed hash still groups the attempts.
        message = f"{kind}:{value}".encode("utf-8", "replace")
        return hmac.new(secret, message, hashlib.sha256).hexdigest()

    def _too_many_attempts() -> flask.Response | None:
        """Count this attempt where every process sees it; a 429 answer if over a limit."""
        request = flask.request
        address_key = _keyed("adresse", request.remote_addr or "")
        account_key = _keyed("compte", (request.form.get("email") or "").strip().lower()[:254])
        moment = now()
        engine = resources().engine
        # Committed before counting: concurrent attempts in other workers see this one.
        with transaction(engine) as session:
            attempt = login_attempts.record(session, address_key, account_key, moment)
        with transaction(engine) as session:
            wait = login_attempts.over_limit(session, attempt, address_key, account_key, moment)
        if wait is None:
            return None
        log.warning("Tentatives de connexion limitées depuis %s", request.remote_addr)
        response = error_response(429)
        response.headers["Retry-After"] = str(wait)
        return response

    @server.route(LOGIN_PATH, methods=["GET", "POST"])
    def login():
        request = flask.request
        suite = safe_local_path(request.values.get("suite") or "/")
        if request.method == "GET":
            if current_user.is_authenticated:
                return flask.redirect(suite)
            expired = request.args.get("expiree") == "1"
            return _login_page(suite, error=None, expired=expired)
        refused = _too_many_attempts()
        if refused is not None:
            return refused
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
            token = account_sessions.open_session(session, account.id, now()) if account else ""
        if account is None:
            log.warning("Échec de connexion pour %r depuis %s", email[:254], request.remote_addr)
            return _login_page(
                suite,
                error="Adresse électronique ou mot de passe incorrect.",
                email=email,
                status=401,
            )
        # Nothing from before the login carries over; a session open in this browser ends.
        _end_session(EndReason.REPLACED)
        login_user(SignedIn(account, token))
        flask.session.permanent = True
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
        _end_session(EndReason.LOGOUT)
        return flask.redirect("/", code=303)


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
    note = account_layout.publication_note(publication.data_date(connection), lang, scope, waiting)
    return area, note
