"""Which paths are pages: the navigation and the 404 status both come from the page registry."""

from __future__ import annotations

import re

import dash
import flask

from data.reference import PARTNER_SLUGS

PARTNER_PATH = re.compile(r"^/partenaires/(?P<slug>[a-z0-9-]+)$")


def is_page_path(path: str) -> bool:
    """True when `path` is one of the app's pages (fixed paths and existing partners)."""
    normalised = path.rstrip("/") or "/"
    for page in dash.page_registry.values():
        if page.get("path") == normalised and page.get("module") != "not_found_404":
            return True
    match = PARTNER_PATH.match(normalised)
    return bool(match and match.group("slug") in PARTNER_SLUGS)


def page_title(path: str) -> str | None:
    """The registered title of the page at `path` (called when it depends on the path)."""
    normalised = path.rstrip("/") or "/"
    match = PARTNER_PATH.match(normalised)
    for page in dash.page_registry.values():
        title = page.get("title")
        if match and page.get("path_template") == "/partenaires/<slug>":
            return title(slug=match.group("slug")) if callable(title) else title
        if page.get("path") == normalised:
            return title() if callable(title) else title
    return None


def register_not_found_status(app: dash.Dash) -> None:
    """Dash Pages answers 200 for every path; unknown pages get a real 404 here."""
    prefix = app.config.routes_pathname_prefix
    index_endpoints = {prefix, prefix + "<path:path>"}

    @app.server.before_request
    def _unknown_page_is_404():
        request = flask.request
        if (
            request.method == "GET"
            and request.endpoint in index_endpoints
            and not is_page_path(request.path)
        ):
            return flask.Response(app.index(), status=404, mimetype="text/html")
        return None
