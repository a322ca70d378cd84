"""A cache of aggregates, shared by every process through Redis when one is configured.

Keys hold the whole question (the filter, which already carries the viewer's visibility class,
the grain and the breakdowns) and the store's data version: every load, undo or approval bumps
the version, so entries computed before it are never read again, on any process, with no
message to send. Old entries simply expire.

Values are JSON (never pickle: whatever sits in Redis must not be able to run code here).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Protocol

import orjson

log = logging.getLogger(__name__)


class Cache(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def set(self, key: str, value: bytes) -> None: ...


class LocalCache:
    """In-process, bounded (least recently used entries go first), thread-safe."""

    def __init__(self, max_entries: int = 2048) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


class RedisCache:
    """Shared by every process and host. If Redis is unreachable, the app answers from the
    store (slower, never wrong) and says so once in the log."""

    def __init__(self, url: str, timeout_seconds: int = 3600) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.timeout_seconds = timeout_seconds
        self._warned = False

    def get(self, key: str) -> bytes | None:
        try:
            return self.client.get(key)
        except Exception as error:  # noqa: BLE001 - any Redis failure means "not cached"
            self._warn(error)
            return None

    def set(self, key: str, value: bytes) -> None:
        try:
            self.client.set(key, value, ex=self.timeout_seconds)
        except Exception as error:  # noqa: BLE001
            self._warn(error)

    def _warn(self, error: Exception) -> None:
        if not self._warned:
            self._warned = True
            log.warning("Cache Redis indisponible (%s) : calcul direct.", type(error).__name__)


def make_cache(redis_url: str | None) -> Cache:
    return RedisCache(redis_url) if redis_url else LocalCache()


@dataclasses.dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


def cache_key(
    prefix: str, version: str, flt, grain: str | None, by: Sequence[str], variant: str = ""
) -> str:
    """`variant` tells apart two answers to the same question (none today: the cache holds the
    rows as stored, and the disclosure gate, data.privacy, is applied after it)."""
    question = [flt.as_key(), grain, list(by), version, variant]
    digest = hashlib.sha256(json.dumps(question).encode()).hexdigest()
    return f"{prefix}:aggregate:{digest}"


def _encode(rows) -> bytes:
    # orjson: some answers (a fine breakdown over a long period) hold thousands of rows.
    return orjson.dumps(
        [
            [r.indicator_code, r.partner_slug, r.period, r.dimensions, r.value, r.n, r.suppressed]
            for r in rows
        ]
    )


def _decode(payload: bytes):
    from data.queries import AggregateRow

    return [
        AggregateRow(
            indicator_code=code,
            partner_slug=slug,
            period=period,
            dimensions=tuple(tuple(pair) for pair in dimensions),
            value=value,
            n=n,
            suppressed=suppressed,
        )
        for code, slug, period, dimensions, value, n, suppressed in orjson.loads(payload)
    ]


def cached(
    cache: Cache,
    key: str,
    compute: Callable[[], list],
    stats: CacheStats | None = None,
) -> list:
    """The rows for `key` from the cache, or computed and stored."""
    payload = cache.get(key)
    if payload is not None:
        try:
            rows = _decode(payload)
        except (ValueError, TypeError, orjson.JSONDecodeError):
            rows = None  # an entry from another version of the code: recompute it
        if rows is not None:
            if stats:
                stats.hits += 1
            return rows
    if stats:
        stats.misses += 1
    rows = compute()
    cache.set(key, _encode(rows))
    return rows
