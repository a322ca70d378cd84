"""The page already drawn in the server's first answer, so that what the reader came for (the
page's headline, its sentence, its figures) shows at the first paint, not after Dash's scripts,
the layout request and the page's callback.

The copy is built by the very functions Dash runs for this request: the site's frame of the app's
layout and the page's layout from the Dash Pages registry, called with the path variables and the
query string as Dash's router calls it, for the viewer of this request. So the disclosure rules,
the roles and the partner restrictions apply to it exactly as to the page Dash draws (the page's
body comes from the same cache, callbacks/page_cache.py: the page callback that follows is a hit).
It is written out as static HTML (layouts/static_html.py) in a container just before Dash's, and
assets/first-paint.js removes it in the very frame Dash shows the page it has drawn: nothing
moves, nothing blinks, and a screen reader never meets the page twice.

The answer is never kept for someone else: `Cache-Control: private, no-cache` (no-store for
accounts, dashboard/security.py) and `Vary: Cookie` (the language and the account are cookies).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

import dash
import flask
import orjson
from dash._pages import _parse_query_string, _path_to_page
from markupsafe import Markup

from callbacks.page_cache import page_json
from dashboard import auth, pages, routing
from data.cache import LocalCache
from layouts.static_html import ID_PREFIX, to_html

log = logging.getLogger(__name__)

CONTAINER_ID = "premier-affichage"
# Where the copy goes in the index page: right before Dash's own entry point.
MARKER = "<!--premier-affichage-->"
PAGE_CONTENT_ID = "_pages_content"  # Dash Pages' container of the page (dash.page_container)


def page_copy(app: dash.Dash, frame: Callable[[], object]) -> Markup | None:
    """This request's page as static HTML, or None where Dash alone draws it: a path that is
    no page (its 404), the presentation mode (the slide shown and its scale depend on the
    screen and on the address's #fragment, which only the browser knows), or a page that
    could not be built (its callback will say why, as it does without the copy)."""
    request = flask.request
    if request.method != "GET" or not routing.is_page_path(request.path):
        return None
    if pages.is_bare_path(request.path):
        return None
    page, variables = _path_to_page(app.strip_relative_path(request.path))
    layout = page.get("layout") if page else None
    if not callable(layout):
        return None
    if page.get("module") in pages.BUILT_PER_ACCOUNT and auth.current_account() is not None:
        # Not kept whole for an account (dashboard/pages.py): drawn here too, it would be built
        # twice per visit. Dash alone draws it for them.
        return None
    try:
        search = "?" + request.query_string.decode("utf-8", "replace")
        # As Dash's router calls it (dash.Dash.router): path variables, then the query string.
        body = layout(**{**(variables or {}), **_parse_query_string(search)})
        shell = _as_json(frame())
    except Exception:  # noqa: BLE001 - the page is still drawn by Dash, which reports its error
        log.exception("première page non dessinée par le serveur : %s", request.path)
        return None
    if not _put_page(shell, []):
        return None
    # The frame written around an empty page container, the page's body written into it: the
    # container's opening tag is found as written (a text holding it would be escaped).
    before, found, after = str(to_html(shell)).partition(_PAGE_CONTENT_TAG)
    if not found:
        return None
    return Markup('<div id="{}" class="first-paint">{}</div>').format(
        CONTAINER_ID, Markup(before + found) + _written_body(body) + Markup(after)
    )


_PAGE_CONTENT_TAG = f'<div id="{ID_PREFIX}{PAGE_CONTENT_ID}">'
# A page's body written out, by the bytes of its JSON: the same body (the public's partner page
# until the data change) is written once per process. The key is the whole body, so a body is
# only ever written for itself, whoever asks.
_WRITTEN = LocalCache(16 * 1024 * 1024, size_of=len)


def _written_body(body: object) -> Markup:
    encoded = page_json(body)
    key = hashlib.sha256(encoded).hexdigest()
    kept = _WRITTEN.get(key)
    if kept is None:
        kept = str(to_html(orjson.loads(encoded)))
        _WRITTEN.set(key, kept)
    return Markup(kept)


def insert(index_html: str, copy: Markup | None) -> str:
    """The index page with the copy in place of the marker (the marker goes in any case)."""
    before, found, after = index_html.partition(MARKER)
    if not found:
        return index_html
    return before + (str(copy) if copy else "") + after


def _as_json(tree: object) -> object:
    """A layout in the form Dash sends it (a cached page body is already one)."""
    if isinstance(tree, dict | list | str) and not hasattr(tree, "to_plotly_json"):
        return tree
    return orjson.loads(page_json(tree))


def _put_page(node: object, body: object) -> bool:
    """The page's body as the children of Dash Pages' container, as its callback sets them."""
    if isinstance(node, list):
        return any(_put_page(child, body) for child in node)
    if not isinstance(node, dict):
        return False
    props = node.get("props")
    if not isinstance(props, dict):
        return False
    if props.get("id") == PAGE_CONTENT_ID:
        props["children"] = body
        return True
    return _put_page(props.get("children"), body)


def register(app: dash.Dash) -> None:
    prefix = app.config.routes_pathname_prefix
    index_endpoints = {prefix, prefix + "<path:path>"}

    @app.server.after_request
    def _never_shared(response: flask.Response) -> flask.Response:
        # The page as this viewer sees it, in their language: for nobody else. (For an
        # account, dashboard/security.py makes it no-store.)
        if response.mimetype == "text/html" and flask.request.endpoint in index_endpoints:
            response.headers.setdefault("Cache-Control", "private, no-cache")
            response.vary.add("Cookie")
        return response
