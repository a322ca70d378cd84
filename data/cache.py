"""Caches: one way to read an answer from a cache or compute and keep it, over two kinds of cache.

- `LocalCache`: in this process, bounded (the least recently used entries go first) and
  thread-safe; it holds any value (bytes, lists, records).
- `RedisCache`: shared by every process and host, JSON bytes only (never pickle: whatever sits
  in Redis must not be able to run code here), and it fails open: if Redis is unreachable, the
  answer is computed (slower, never wrong).

`get_or_compute` is the cache-aside logic, written once. Keys that depend on the data say which
data version they were computed at (`versioned_key`): every load, undo or approval bumps the
version, so entries computed before it are never read again, on any process, with no message to
send; old entries simply expire or are pushed out.

No key holds a secret: a key names its store by `store_identity` (the database URL without its
password), and keys shared through Redis are hashes of the question.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Hashable, Iterator
from typing import Any, Protocol, TypeVar

import cachetools
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

T = TypeVar("T")


class Cache(Protocol):
    def get(self, key: Any) -> Any | None: ...

    def set(self, key: Any, value: Any) -> None: ...


class LocalCache:
    """In-process, bounded, thread-safe. `capacity` counts entries, or, with `size_of`, the sum of
    `size_of(value)` over the entries (a value larger than the whole capacity is not kept)."""

    def __init__(
        self, capacity: int = 2048, *, size_of: Callable[[Any], int] | None = None
    ) -> None:
        # cachetools' caches are not thread-safe by themselves: even a read reorders the LRU list.
        self._entries: cachetools.LRUCache = cachetools.LRUCache(capacity, getsizeof=size_of)
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            return self._entries.get(key)

    def set(self, key: Hashable, value: Any) -> None:
        # A value larger than the whole cache is served, not kept.
        with self._lock, contextlib.suppress(ValueError):
            self._entries[key] = value

    def __iter__(self) -> Iterator[Hashable]:
        """The keys held now (a copy: the cache may change while they are read)."""
        with self._lock:
            return iter(list(self._entries))

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


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


# The app's answers kept in one process (without Redis): whole pages (about 100-150 KB of JSON
# each), the compressed answers of callbacks (a tenth of that), aggregates. Bounded in bytes, so
# that a worker's memory stays bounded however many different questions it is asked.
LOCAL_ANSWERS_BYTES = 64 * 1024 * 1024


def make_cache(redis_url: str | None) -> Cache:
    """The app's cache of answers (bytes): Redis when configured, else local to the process."""
    return RedisCache(redis_url) if redis_url else LocalCache(LOCAL_ANSWERS_BYTES, size_of=len)


@dataclasses.dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


def store_identity(store: Engine | str) -> str:
    """Which store (an engine, or a database URL) an answer comes from, fit for a key: its URL
    without the password (even hashed, a short password could be found again from a key)."""
    url = store.url if isinstance(store, Engine) else make_url(store)
    return url.render_as_string(hide_password=True)


def versioned_key(prefix: str, kind: str, version: str, question: object) -> str:
    """A key for an answer to `question` (anything JSON can write) at data `version`."""
    digest = hashlib.sha256(json.dumps([question, version]).encode()).hexdigest()
    return f"{prefix}:{kind}:{digest}"


def _same(value):
    return value


def _always(_value) -> bool:
    return True


def get_or_compute(
    cache: Cache,
    key: Hashable,
    compute: Callable[[], T],
    *,
    encode: Callable[[T], Any] = _same,
    decode: Callable[[Any], T] = _same,
    keep: Callable[[T], bool] = _always,
    stats: CacheStats | None = None,
) -> T:
    """The answer kept under `key`, else `compute()`'s, kept (`encode`d) when `keep` allows.

    An entry that no longer decodes (written by another version of the code) is computed again
    and replaced. `encode` and `decode` also let an in-process cache keep copies, so that no
    caller can change what the next one reads."""
    kept = cache.get(key)
    if kept is not None:
        try:
            value = decode(kept)
        except (ValueError, TypeError, KeyError, IndexError):
            pass  # computed again below
        else:
            if stats:
                stats.hits += 1
            return value
    if stats:
        stats.misses += 1
    value = compute()
    if keep(value):
        cache.set(key, encode(value))
    return value
