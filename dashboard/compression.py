"""Compressed responses (brotli, else gzip), with the compressed static files kept in memory.

plotly.min.js is 4.8 MB: about 1.4 MB compressed, but compressing it costs a few hundred
milliseconds of CPU. Static files (Dash's component bundles, our assets) never change for a given
URL (Dash fingerprints them, assets carry their modification time), so each is compressed once
per process and the browser keeps it for a year; callback responses are compressed on the fly
and never kept.
"""

from __future__ import annotations

import flask
from flask_compress import Compress

from data.cache import LocalCache

STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/vendor/")
NOT_KEPT = "not-kept:"
# Every bundle the app serves, compressed both ways, is about 10 MB; the bound is in bytes
# because the key holds the query string, which any visitor can vary: without a bound, made-up
# URLs would fill the memory.
KEPT_BYTES = 64 * 1024 * 1024


class StaticFilesCache:
    """flask-compress cache backend that keeps static files only (the least recently used go
    first beyond `capacity_bytes`)."""

    def __init__(self, capacity_bytes: int = KEPT_BYTES) -> None:
        self._kept = LocalCache(capacity_bytes, size_of=len)

    def get(self, key: str) -> bytes | None:
        if NOT_KEPT in key:
            return None
        return self._kept.get(key)

    def set(self, key: str, value: bytes) -> None:
        if NOT_KEPT in key:
            return
        self._kept.set(key, value)


def _cache_key(request: flask.Request) -> str:
    if request.method == "GET" and request.path.startswith(STATIC_PREFIXES):
        return request.full_path
    return NOT_KEPT


def register_compression(server: flask.Flask) -> None:
    cache = StaticFilesCache()
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        # Brotli's fast levels compress about as well as gzip -6, in less time.
        COMPRESS_BR_LEVEL=4,
        COMPRESS_LEVEL=6,
        COMPRESS_CACHE_KEY=_cache_key,
        COMPRESS_CACHE_BACKEND=lambda: cache,
    )
    Compress(server)
    server.after_request(_cache_fingerprinted_assets)


def _cache_fingerprinted_assets(response: flask.Response) -> flask.Response:
    """Dash adds `?m=<modification time>` to every asset URL it puts in a page: a changed file
    gets a new URL, so the browser may keep each one for a year, and a repeat visit downloads
    none of them (Flask would have it revalidate every file on every visit)."""
    request = flask.request
    if (
        request.path.startswith("/assets/")
        and request.args.get("m")
        and response.status_code == 200
    ):
        response.cache_control.no_cache = None
        response.cache_control.public = True
        response.cache_control.max_age = 365 * 86400
        response.cache_control.immutable = True
    return response
