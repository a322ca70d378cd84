"""Hardening around every request: security headers, French error pages without stack traces,
a check of the callback endpoint's envelope, and the Origin check on state-changing requests.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import dash
import flask
from dash.exceptions import DependencyException
from werkzeug.exceptions import HTTPException

from dashboard.callback_envelope import envelope_problem
from data.access import AccessRefused

log = logging.getLogger(__name__)

CALLBACK_PATH = "_dash-update-component"

# Messages shown to people (French first; the API answers carry the same text).
ERROR_MESSAGES = {
    400: "Requête invalide : le serveur n'a pas pu la comprendre.",
    401: "Connexion requise : identifiez-vous pour consulter le tableau de bord.",
    403: "Accès refusé : votre compte ne permet pas cette opération.",
    404: "Page introuvable : cette adresse ne correspond à aucune page du tableau de bord.",
    405: "Méthode non autorisée pour cette adresse.",
    413: "Fichier trop volumineux : la taille maximale acceptée est de {limit}.",
    415: "Requête invalide : contenu d'un type inattendu.",
    429: "Trop de tentatives : patientez quelques minutes avant de réessayer.",
    500: "Erreur interne : l'opération n'a pas abouti. Elle a été consignée ; réessayez plus tard.",
}
TITLES = {
    400: "Requête invalide",
    401: "Connexion requise",
    403: "Accès refusé",
    404: "Page introuvable",
    405: "Méthode non autorisée",
    413: "Fichier trop volumineux",
    415: "Requête invalide",
    429: "Trop de tentatives",
    500: "Erreur interne",
}


# --- headers


def content_security_policy(
    script_hashes: list[str], frame_ancestors: tuple[str, ...] = ("'none'",)
) -> str:
    """No 'unsafe-eval', no inline script but Dash's own (by hash). Styles may be inline: plotly
    and Dash's components set style attributes and inject style rules at run time. No page may
    be framed, but the embedded page by the sites listed for its partner (`allow_framing`)."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": list(frame_ancestors),
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def register_headers(app: dash.Dash) -> None:
    server = app.server
    policy: dict[str, str] = {}

    @server.after_request
    def _security_headers(response: flask.Response) -> flask.Response:
        if "value" not in policy:
            # Computed at the first response, once every callback (and its inline clientside
            # script) is registered.
            policy["value"] = content_security_policy(list(app.csp_hashes()))
        headers = response.headers
        headers["Content-Security-Policy"] = policy["value"]
        headers["X-Content-Type-Options"] = "nosniff"
        # Same-origin referrers are kept: the language switch returns to the page it came from.
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        framing = flask.g.get(_FRAMING_ALLOWED)
        if framing:
            # The embedded page, for the sites listed for its partner only: frame-ancestors
            # names them (X-Frame-Options cannot name a site, and would override it in old
            # browsers).
            headers["Content-Security-Policy"] = content_security_policy(
                list(app.csp_hashes()), tuple(framing)
            )
            del headers["X-Frame-Options"]
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Cross-Origin-Resource-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
        if flask.request.is_secure:
            headers["Strict-Transport-Security"] = "max-age=31536000"
        if not flask.request.path.startswith(STATIC_PREFIXES) and _is_signed_in():
            # Pages and data seen by an account must not stay in a shared or back-button cache.
            headers["Cache-Control"] = "no-store"
            headers.add("Vary", "Cookie")
        return response


_FRAMING_ALLOWED = "democratic_frame_ancestors"


def allow_framing(origins: list[str]) -> None:
    """Let this response be framed by these origins, already validated
    (`data.embed_origins.normalise_origin`); none: it stays unframeable like every page."""
    flask.g.setdefault(_FRAMING_ALLOWED, list(origins))


def _is_signed_in() -> bool:
    from flask_login import current_user

    try:
        return bool(current_user and current_user.is_authenticated)
    except Exception:  # noqa: BLE001 - no login manager (headers must never break a response)
        return False


STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/vendor/", "/_favicon.ico")


# --- errors


def wants_json() -> bool:
    path = flask.request.path
    return (
        "/_dash-" in path
        or flask.request.is_json
        or flask.request.accept_mimetypes.best == ("application/json")
    )


def error_response(status: int, message: str | None = None) -> flask.Response:
    """A French answer without any internal detail: JSON for the app's requests, else a page."""
    text = message or ERROR_MESSAGES.get(status, ERROR_MESSAGES[500])
    if status == 413:
        # The file size people chose, not the request limit (which allows for base64 encoding).
        settings = flask.current_app.extensions["democratic"].settings
        text = text.format(limit=f"{settings.max_upload_bytes / (1024 * 1024):g} Mo")
    if wants_json():
        response = flask.jsonify({"status": status, "message": text})
    else:
        response = flask.make_response(
            flask.render_template(
                "message.html",
                title=TITLES.get(status, TITLES[500]),
                message=text,
                lang="fr",
            )
        )
    response.status_code = status
    return response


def register_error_handlers(server: flask.Flask) -> None:
    @server.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        status = error.code or 500
        if status < 400:
            return error
        response = error_response(status)
        if status == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        if status == 429:
            retry = getattr(error, "retry_after", None)
            if retry:
                response.headers["Retry-After"] = str(retry)
        return response

    @server.errorhandler(AccessRefused)
    def _refused(error: AccessRefused):
        log.warning("Accès refusé (%s) : %s", flask.request.path, error)
        return error_response(403, str(error) or None)

    @server.errorhandler(PermissionError)
    def _not_allowed(error: PermissionError):
        if error.errno is not None:  # a file the server may not read: an internal failure
            return _unexpected(error)
        log.warning("Opération refusée (%s) : %s", flask.request.path, error)
        return error_response(403, str(error) or None)

    @server.errorhandler(DependencyException)
    def _unknown_script(error: DependencyException):
        # Dash raises it for a path under /_dash-component-suites/ that it does not serve.
        log.info("Fichier de composant inconnu : %s", flask.request.path)
        return error_response(404)

    @server.errorhandler(Exception)
    def _unexpected(error: Exception):
        # The traceback goes to the log, never to the person.
        log.exception("Erreur non prévue sur %s %s", flask.request.method, flask.request.path)
        return error_response(500)


# --- the callback endpoint


def callback_envelope_problem(app: dash.Dash, body) -> str | None:
    """Why a body sent to the callback endpoint is malformed, or None (see callback_envelope).
    The renderer always sends this shape; anything else is forged or broken and is refused with
    400 before Dash sees it."""
    return envelope_problem(app.callback_map, body)


def _callback_body():
    """The request's JSON (kept by Flask for Dash's own read), or None when unreadable."""
    try:
        return flask.request.get_json(silent=True)
    except RecursionError:  # "[[[[…" nested deeper than the parser's stack
        return None


# Exceptions that a callback raises when handed values of an unexpected shape (a forged request):
# answered 400, and logged with their traceback so that a real bug is still seen.
MALFORMED_VALUE_ERRORS = (TypeError, ValueError, KeyError, IndexError, AttributeError)


def guard_callback_endpoint(app: dash.Dash) -> None:
    """Wrap Dash's callback view: malformed envelopes get 400, refusals 403, never a 500 page."""
    server = app.server
    endpoint = app.config.routes_pathname_prefix + CALLBACK_PATH
    view = server.view_functions[endpoint]

    def guarded_dispatch(*args, **kwargs):
        body = _callback_body()
        problem = callback_envelope_problem(app, body)
        if problem:
            log.warning("Appel de calcul refusé : %s", problem)
            return error_response(400, f"Requête invalide : {problem}")
        try:
            return view(*args, **kwargs)
        except (AccessRefused, PermissionError):
            raise
        except MALFORMED_VALUE_ERRORS:
            log.exception("Calcul %s interrompu par des valeurs inattendues", body.get("output"))
            return error_response(400, "Requête invalide : valeurs inattendues pour ce calcul.")

    guarded_dispatch.__name__ = getattr(view, "__name__", "dispatch")
    server.view_functions[endpoint] = guarded_dispatch


# --- cross-site requests


def register_origin_check(server: flask.Flask) -> None:
    """Refuse a state-changing request whose Origin (or Referer) is another site: the session
    cookie is SameSite=Lax already; this is the second lock (OWASP's "verify origin")."""

    @server.before_request
    def _same_origin_only():
        request = flask.request
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        source = request.headers.get("Origin") or request.headers.get("Referer")
        if not source or source == "null":
            # Browsers send Origin on every cross-site POST; tools without it hold no cookie of
            # a victim. "null" (sandboxed documents) is refused when a session is present.
            if source == "null" and request.cookies.get(server.config["SESSION_COOKIE_NAME"]):
                return error_response(403, "Requête refusée : origine inconnue.")
            return None
        if urlsplit(source).netloc != request.host:
            log.warning("Requête d'une autre origine refusée : %s", source)
            return error_response(403, "Requête refusée : elle ne vient pas de ce site.")
        return None


def safe_local_path(candidate: str | None) -> str:
    """Only a path of this site may be redirected to (no open redirect)."""
    if not candidate:
        return "/"
    parts = urlsplit(candidate)
    if parts.netloc and parts.netloc != flask.request.host:
        return "/"
    if parts.scheme and parts.scheme not in ("http", "https"):
        return "/"
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path + (f"?{parts.query}" if parts.query else "")


def register(app: dash.Dash) -> None:
    register_headers(app)
    register_error_handlers(app.server)
    register_origin_check(app.server)
