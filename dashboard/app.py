"""The app factory: everything is built from injected settings; nothing happens at import time."""

from __future__ import annotations

from pathlib import Path

import dash
import flask

from callbacks import (
    answer_cache,
    colloquium,
    data_page,
    explorer,
    explorer_map,
    history_section,
    interpretation_admin,
    interpretations,
    partner_export,
    sharing,
)
from callbacks.context import (
    EXTENSION_KEY,
    LANGUAGE_COOKIE,
    Resources,
    connect,
    current_language,
)
from dashboard import (
    auth,
    compression,
    digest_mail,
    embed,
    first_paint,
    pages,
    pdf,
    read_retry,
    routing,
    security,
    timing,
    vendor,
)
from dashboard.settings import PROJECT_ROOT, Settings
from data import queries
from data.cache import make_cache
from data.store import make_engine
from layouts import shell
from layouts.i18n import COMMON, normalise_language

ASSETS_FOLDER = PROJECT_ROOT / "assets"

INDEX_STRING = """<!DOCTYPE html>
<html lang="{lang}">
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        {{%favicon%}}
        {{%css%}}
        <link rel="preload" href="/assets/bootstrap-icons.woff2" as="font" type="font/woff2" crossorigin>
    </head>
    <body{body_class}>
        {first_paint}{{%app_entry%}}
        <div class="dash-footer">
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </div>
    </body>
</html>"""


class DemocraticDash(dash.Dash):
    """Dash with the page language set per request (`lang` on <html>, WCAG 3.1.1), its title
    and its first-paint copy from the first byte, and without Babel's polyfill."""

    def interpolate_index(self, **kwargs):
        self.index_string = _index_string(current_language(), _request_path())
        # The page's own title in <title> from the first byte (Dash Pages only sets it later,
        # in the browser): tabs, bookmarks and screen readers get it right away.
        if flask.has_request_context():
            if routing.is_page_path(flask.request.path):
                kwargs["title"] = routing.page_title(flask.request.path) or kwargs.get("title", "")
            else:
                # A 404 says so in its tab too, not the title of a page it is not.
                lang = current_language()
                kwargs["title"] = f"{COMMON('not_found_title', lang)} — {COMMON('app_title', lang)}"
        # Babel's polyfill out, regenerator's runtime already in its place (dashboard/vendor.py).
        kwargs["scripts"] = vendor.without_polyfill(kwargs["scripts"])
        index = super().interpolate_index(**kwargs)
        # The page already drawn, inserted once Dash has filled its template in (never part
        # of the template: a page's text is not Dash's to interpolate).
        copy = first_paint.page_copy(self, _layout) if flask.has_request_context() else None
        return first_paint.insert(index, copy)


def _request_path() -> str:
    return flask.request.path if flask.has_request_context() else "/"


def _index_string(lang: str, path: str) -> str:
    # A bare page (the presentation mode) hides the site's frame from the first paint;
    # assets/colloque.js keeps the class in step when the path changes in the browser.
    body_class = ' class="colloque-mode"' if pages.is_bare_path(path) else ""
    return INDEX_STRING.format(lang=lang, body_class=body_class, first_paint=first_paint.MARKER)


def create_app(settings: Settings) -> dash.Dash:
    engine = make_engine(settings.database_url)
    server = flask.Flask(__name__, instance_path=str(settings.instance_path))
    server.config.update(
        SECRET_KEY=settings.resolved_secret_key(),
        # An upload arrives base64-encoded (4/3 of its size) inside a callback's JSON body.
        MAX_CONTENT_LENGTH=settings.max_upload_bytes * 4 // 3 + 64 * 1024,
    )
    server.extensions[EXTENSION_KEY] = Resources(
        engine=engine,
        settings=settings,
        cache=make_cache(settings.redis_url),
        cache_prefix=settings.resolved_cache_prefix(),
    )
    timing.register_server_timing(server)
    compression.register_compression(server)

    app = DemocraticDash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder="",
        assets_folder=str(Path(ASSETS_FOLDER)),
        external_stylesheets=vendor.STYLESHEETS,
        title=COMMON("app_title", "fr"),
        update_title=None,
        # Synchronous callbacks whatever is installed: Dash turns async on by itself as soon as
        # asgiref is importable (another package may bring it), and Flask then gets coroutines.
        use_async=False,
        suppress_callback_exceptions=True,
        serve_locally=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        # plotly.js is fetched when the first chart needs it, and regenerator's runtime must
        # come before the component bundles, where Dash would not put an asset (dashboard/vendor.py).
        assets_ignore=vendor.NOT_AUTOMATIC,
    )
    app.config.meta_tags.append(vendor.plotly_meta(app, ASSETS_FOLDER))
    app.config.external_scripts.append(vendor.regenerator_runtime(app, ASSETS_FOLDER))
    app.index_string = _index_string("fr", "/")
    # Accounts and hardening first: their guards run before any other request hook.
    security.register(app)
    pdf.register(server)  # before the accounts' guard: it reads the rights lent for a PDF
    auth.register(app)
    security.guard_callback_endpoint(app)
    # In front of the envelope guard: a kept answer is for the very bytes the guard let through.
    answer_cache.register(app)
    read_retry.register(server, engine)
    pages.register_pages()
    app.layout = _layout
    vendor.register(server)
    routing.register_not_found_status(app)
    first_paint.register(app)
    explorer.register(app)
    explorer_map.register(app)
    colloquium.register(app)
    partner_export.register(app)
    _register_language_route(server)
    data_page.register(app)
    sharing.register(app)
    interpretations.register(app)
    history_section.register(app)
    interpretation_admin.register(app)
    embed.register(server)
    digest_mail.register(server)
    return app


def finish_setup(server: flask.Flask) -> None:
    """Let Dash finish setting itself up before the first visitor's request.

    Dash does it at its first request (the callbacks' list with the pages' router, the
    component bundles it may serve), marking it done before doing it: in a worker with several
    threads, requests arriving meanwhile found bundles not yet registered (404) and callbacks
    not yet listed. One request made here, to a file, runs it to the end first."""
    with server.test_client() as client:
        client.get("/assets/style.css").close()


def _layout():
    lang = current_language()
    main, partner_entries = pages.navigation_entries(lang)
    demonstration = False
    account = publication = None
    if flask.has_request_context():
        with connect() as connection:
            demonstration = queries.store_summary(connection).demonstration
            account, publication = auth.header_parts(connection, lang)
        if auth.current_account() is None:
            # Nobody signed in: the frame depends on the language and the data only (no
            # account area, no token), so the whole answer may be kept.
            answer_cache.keep_answer()
    return shell.shell(
        dash.page_container,
        shell.navigation(main, partner_entries, lang),
        lang,
        demonstration,
        account=account,
        publication=publication,
    )


def _register_language_route(server: flask.Flask) -> None:
    @server.get("/langue/<code>")
    def set_language(code: str):
        lang = normalise_language(code)
        target = security.safe_local_path(flask.request.args.get("suite") or flask.request.referrer)
        response = flask.redirect(target)
        response.set_cookie(
            LANGUAGE_COOKIE, lang, max_age=365 * 86400, samesite="Lax", httponly=True
        )
        return response
