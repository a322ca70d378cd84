"""No `Server` header naming the software or its version, under gunicorn or Werkzeug's server.

Both servers write the header themselves, below the app (gunicorn: `Server: gunicorn`; Werkzeug:
`Server: Werkzeug/3.x Python/3.x`), so the app cannot remove it from a response: each server's
own hook is used. A banner tells an attacker which known flaws to try; it tells a user nothing.
"""

from __future__ import annotations

from werkzeug.serving import WSGIRequestHandler


class BannerlessRequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler (used by `democratic serve`) without the `Server` header."""

    def send_header(self, keyword: str, value: str) -> None:
        # http.server sends it from send_response() for every answer, error pages included.
        if keyword.lower() == "server":
            return
        super().send_header(keyword, value)


def hide_gunicorn_banner() -> None:
    """Drop the `Server` line that gunicorn writes before the app's headers (called from
    gunicorn.conf.py, in the master process, so every forked worker inherits it)."""
    from gunicorn.http import wsgi

    original = wsgi.Response.default_headers
    if getattr(original, "bannerless", False):
        return

    def default_headers(self) -> list[str]:
        return [line for line in original(self) if not line.lower().startswith("server:")]

    default_headers.bannerless = True  # type: ignore[attr-defined]
    wsgi.Response.default_headers = default_headers
