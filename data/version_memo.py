"""Reference reads kept between requests, for as long as the data do not change.

A partner page reads the catalogue, the territories, the targets, the events... about twenty
small queries, each a round trip to the database, for answers that change only when data are
loaded. Every load, undo and approval bumps the store's data version (data.store), so an answer
read at one version stays true until the version changes.

The version itself is read from the store at most once a second per process
(`data_version_seen`): a load, undo or approval made by this process is seen at once (the store
forgets the version read as soon as the change commits, data.store.bump_data_version), one made
by another process (the other workers, another host, the command line) within
`VERSION_FRESH_SECONDS`.

The web layer says which version a connection sees (`remember_version`, once per request); a
read on a connection without one (the command line, imports, tests that call the data layer
directly) goes to the database as before. Answers are kept per process (data.cache's bounded
local cache), and each caller gets its own copy of the lists and dicts, so that no caller can
change what the next one reads.
"""

from __future__ import annotations

import functools
import threading
import time
import weakref
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine

from data.cache import LocalCache, get_or_compute, store_identity

VERSION_KEY = "democratic_data_version"
# A version holds a few dozen answers (a function and its arguments each); entries of versions
# gone by are pushed out, least recently used first, beyond this many.
KEPT = 512

_kept = LocalCache(KEPT)

T = TypeVar("T")

# How long a process answers with the data version it last read before reading it again: the
# longest that a change made by another process may go unseen here (docs/concurrent-loads.md).
# Without it, every request (even one answered from the cache) made a round trip to the store.
VERSION_FRESH_SECONDS = 1.0
clock = time.monotonic  # replaced by tests, which step time rather than wait

_seen_lock = threading.Lock()
# Per engine: (the version read, when the read started). Weak: an engine disposed of and
# dropped takes its entry with it.
_seen: weakref.WeakKeyDictionary[Engine, tuple[str, float]] = weakref.WeakKeyDictionary()
_forgotten = 0  # how many times this process forgot every version read


def data_version_seen(engine: Engine, read: Callable[[], str]) -> str:
    """The store's data version: the one read less than `VERSION_FRESH_SECONDS` ago, else
    `read()` (and kept)."""
    now = clock()
    with _seen_lock:
        seen = _seen.get(engine)
        forgotten = _forgotten
    if seen is not None and now - seen[1] < VERSION_FRESH_SECONDS:
        return seen[0]
    version = read()
    with _seen_lock:
        # A change committed while this read was under way made it forget: the version read may
        # be the one before that change, so it is not kept.
        if _forgotten == forgotten:
            _seen[engine] = (version, now)
    return version


def forget_versions_seen() -> None:
    """This process changed the data: every version read is read again at its next use."""
    global _forgotten
    with _seen_lock:
        _forgotten += 1
        _seen.clear()


def remember_version(connection: Connection, version: str) -> None:
    """Declare the data version this connection sees, until `forget_version`."""
    connection.info[VERSION_KEY] = version


def forget_version(connection: Connection) -> None:
    # The info dict belongs to the pooled database connection: it must not outlive the request.
    connection.info.pop(VERSION_KEY, None)


def per_data_version(
    function: Callable[..., T] | None = None, *, keep: Callable[[object], bool] = lambda _v: True
):
    """Keep `function(connection, *args)`'s answers per data version; `keep` says which answers
    may be kept (an answer that a later event at the same version could change may not)."""

    def decorate(read: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(read)
        def memoised(connection: Connection, *args, **kwargs) -> T:
            version = connection.info.get(VERSION_KEY)
            if version is None:
                return read(connection, *args, **kwargs)
            # Versions are counters, the same in every store: the key names the store too (by
            # its URL without the password: no secret in a key).
            key = (
                store_identity(connection.engine),
                version,
                read.__module__,
                read.__qualname__,
                args,
                tuple(sorted(kwargs.items())),
            )
            return get_or_compute(
                _kept,
                key,
                lambda: read(connection, *args, **kwargs),
                # Kept in a box, so that an answer of None is kept too; a copy in and a copy
                # out, so that no caller can change what the next one reads.
                encode=lambda answer: (_copy(answer),),
                decode=lambda box: _copy(box[0]),
                keep=keep,
            )

        return memoised

    return decorate(function) if function is not None else decorate


def _copy(value):
    """A copy of the containers callers might change (their values are strings, numbers, dates
    and tuples)."""
    if isinstance(value, list):
        return [dict(item) if isinstance(item, dict) else item for item in value]
    if isinstance(value, dict):
        return dict(value)
    return value
