"""`/partenaires/<slug>.pdf`: a partner page for the period asked, as an A4 landscape PDF.

The server's own headless Chromium (dashboard/pdf_renderer.py) opens the app's page at its
internal address and prints it. The viewer's rights apply and go no further:
- a public visitor's page is rendered by a browser holding no key at all (public data, small
  counts protected, exactly as the visitor's own page);
- a signed-in viewer's rights are lent to that browser through a render grant
  (data/render_grants.py): a random key, bound to the viewer's role and partner, valid for
  seconds, set as a cookie straight into the browser the server started (never in a URL, never
  sent to the viewer) and deleted once the PDF is made.
Without Chromium the route answers a French 503 page and the partner page's button says why.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

import flask

from callbacks.context import LANGUAGE_COOKIE, connect, current_language, current_viewer, resources
from callbacks.partner import PDF_UNAVAILABLE
from callbacks.period import parse_period
from dashboard import pdf_renderer
from data import queries, render_grants
from data.store import session_factory, transaction
from layouts.i18n import normalise_language

log = logging.getLogger(__name__)

PDF_PATH = "/partenaires/<slug>.pdf"
# Set on `server.config` when the app starts: None, or why no PDF can be made here (French).
UNAVAILABLE_KEY = PDF_UNAVAILABLE
# The viewer a render grant stands for, on a request of the server's own browser.
LENT_VIEWER = "democratic_lent_viewer"
# One PDF at a time per process: a Chromium costs some 200 MB; others wait their turn (within
# the same time limit).
_ONE_AT_A_TIME = threading.BoundedSemaphore(1)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def unavailable_reason() -> str | None:
    """Why this server makes no PDF (French), or None; read once at start-up."""
    if not flask.has_app_context():
        return None
    return flask.current_app.config.get(UNAVAILABLE_KEY)


def pdf_path(slug: str, query: str = "") -> str:
    return f"/partenaires/{slug}.pdf{query}"


def lent_viewer():
    """The viewer a live render grant of this request stands for (the server's own browser),
    else None. Read by the accounts layer before it decides who is asking."""
    return flask.g.get(LENT_VIEWER) if flask.has_request_context() else None


def register(server: flask.Flask) -> None:
    """The route, and the reading of render grants. Call before the accounts layer registers
    its own guard, so that the guard sees the lent rights."""
    settings = server.extensions["democratic"].settings
    server.config[UNAVAILABLE_KEY] = pdf_renderer.unavailable_reason(settings.chromium_path)

    @server.before_request
    def _read_render_grant() -> None:
        token = flask.request.cookies.get(render_grants.COOKIE)
        if not token:
            return
        with session_factory(resources().engine)() as session:
            viewer = render_grants.viewer_of(session, token, now())
        if viewer is not None:
            flask.g.setdefault(LENT_VIEWER, viewer)

    @server.get(PDF_PATH)
    def partner_pdf(slug: str):
        lang = normalise_language(flask.request.args.get("langue") or current_language())
        with connect() as connection:
            partner = queries.partner(connection, slug)
        if partner is None or partner["kind"] == "programme":
            flask.abort(404)
        reason = server.config.get(UNAVAILABLE_KEY)
        if reason:
            return _unavailable(f"Le PDF n'est pas disponible : {reason}")
        period = parse_period(flask.request.args.get("debut"), flask.request.args.get("fin"), lang)
        base = _base_url(settings)
        if base is None:
            return _unavailable(
                "Le PDF n'est pas disponible : l'adresse interne du tableau de bord est "
                "inconnue (définissez DEMOCRATIC_PDF_BASE_URL)."
            )
        target = f"{base}/partenaires/{slug}" + ("" if period.is_default else period.query())
        try:
            pdf = make_pdf(target, lang, settings)
        except pdf_renderer.RenderUnavailable as error:
            return _unavailable(f"Le PDF n'est pas disponible : {error}")
        except pdf_renderer.RenderTimeout as error:
            log.warning("PDF de %s non produit à temps", slug)
            return _unavailable(str(error), status=504)
        name = f"democratic-{slug}-{period.start:%Y-%m}-{period.end:%Y-%m}.pdf"
        response = flask.make_response(pdf)
        response.headers["Content-Type"] = "application/pdf"
        response.headers["Content-Disposition"] = f'inline; filename="{name}"'
        return response


def make_pdf(url: str, lang: str, settings) -> bytes:
    """The page at `url` as the current viewer sees it (see the module's docstring)."""
    viewer = current_viewer() if flask.has_request_context() else None
    cookies = [pdf_renderer.Cookie(LANGUAGE_COOKIE, lang)]
    engine = resources().engine
    if not _ONE_AT_A_TIME.acquire(timeout=settings.pdf_timeout_seconds):
        raise pdf_renderer.RenderTimeout(
            "Le PDF n'a pas pu être préparé : d'autres PDF sont en cours. Réessayez dans un moment."
        )
    token = None
    try:
        if viewer is not None and not viewer.is_public:
            # Lent for the render's time limit and a margin, no longer; made once this PDF's
            # turn has come.
            lifetime = dt.timedelta(seconds=settings.pdf_timeout_seconds + 10)
            with transaction(engine) as session:
                token = render_grants.grant(session, viewer, now(), lifetime)
            cookies.append(pdf_renderer.Cookie(render_grants.COOKIE, token))
        return pdf_renderer.render_pdf(
            url, cookies, settings.pdf_timeout_seconds, settings.chromium_path, lang
        )
    finally:
        _ONE_AT_A_TIME.release()
        if token is not None:
            with transaction(engine) as session:
                render_grants.withdraw(session, token)


def _base_url(settings) -> str | None:
    """Where the server's browser reads the app: the configured address, else the local end of
    the socket this request came in on. Never the Host header, which a client writes."""
    if settings.pdf_base_url:
        return settings.pdf_base_url.rstrip("/")
    environ = flask.request.environ
    sock = environ.get("gunicorn.socket") or environ.get("werkzeug.socket")
    try:
        address = sock.getsockname()
    except (AttributeError, OSError):
        return None
    if not isinstance(address, tuple):  # a Unix socket: no address a browser can open
        return None
    host, port = address[:2]
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}"


def _unavailable(message: str, status: int = 503) -> flask.Response:
    title = "PDF indisponible"
    response = flask.make_response(
        flask.render_template("message.html", title=title, message=message, lang="fr"), status
    )
    if status == 503:
        response.headers["Retry-After"] = "300"
    return response
