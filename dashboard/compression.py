"""Compressed responses (brotli, else gzip), with the compressed static files kept in memory.

plotly.min.js is 4.8 MB: about 1.4 MB compressed, but compressing it costs a few hundred
milliseconds of CPU. Static files (Dash's component bundles, our assets) never change for a given
URL (Dash fingerprints them, assets carry their modification time), so each is compressed once
per process and the browser keeps it for a year. Callback answers are compressed per request, or
once when the whole answer is kept (callbacks/answer_cache.py).
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
    # After-request functions run last registered first: this one hands flask-compress a
    # static file as bytes, before it runs.
    server.after_request(_static_file_as_bytes)
    server.after_request(_cache_fingerprinted_assets)


def _static_file_as_bytes(response: flask.Response) -> flask.Response:
    """A static file as bytes, not a stream of its chunks: flask-compress compresses a stream
    chunk by chunk on every request and never keeps it (brotli of the plotly bundle took about
    0.15 s of CPU per visitor); bytes it compresses once and keeps (StaticFilesCache). Reading a
    file the system already holds in memory costs far less than compressing it."""
    if (
        flask.request.method == "GET"
        and flask.request.path.startswith(STATIC_PREFIXES)
        and response.status_code == 200
        and response.is_streamed
    ):
        response.direct_passthrough = False
        response.set_data(response.get_data())
    return response


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
