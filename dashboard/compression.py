"""Compressed responses (brotli, else gzip), with the compressed static files kept in memory.

plotly.min.js is 4.8 MB: about 1.4 MB compressed, but compressing it costs a few hundred
milliseconds of CPU. Static files (Dash's component bundles, our assets) never change for a given
URL (Dash fingerprints them, assets carry their modification time), so each is compressed once
per process; callback responses are compressed on the fly and never kept.
"""

from __future__ import annotations

import threading

import flask
from flask_compress import Compress

STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/vendor/")
NOT_KEPT = "not-kept:"


class StaticFilesCache:
    """flask-compress cache backend that keeps static files only."""

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        if NOT_KEPT in key:
            return None
        with self._lock:
            return self._entries.get(key)

    def set(self, key: str, value: bytes) -> None:
        if NOT_KEPT in key:
            return
        with self._lock:
            self._entries[key] = value


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
