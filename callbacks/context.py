"""What every page and callback needs from the current request: the store, the language, the viewer.

Everything here is read on the server; nothing the browser sends about who it is is trusted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import flask
import orjson
from sqlalchemy import Connection, Engine

from data import privacy, queries
from data.access import PUBLIC_VIEWER, Viewer
from data.cache import Cache, CacheStats, get_or_compute, versioned_key
from data.store import data_version, read_data_version
from data.version_memo import data_version_seen, forget_version, remember_version
from layouts.i18n import normalise_language

EXTENSION_KEY = "democratic"
T = TypeVar("T")
LANGUAGE_COOKIE = "langue"


@dataclass
class Resources:
    """What the app factory hands to every request (kept in `server.extensions`)."""

    engine: Engine
    settings: object
    # Cache of answers (data.cache): Redis when configured, shared by every process; else local.
    cache: Cache | None = None
    cache_prefix: str = "democratic"


def resources() -> Resources:
    return flask.current_app.extensions[EXTENSION_KEY]


@contextmanager
def connect() -> Iterator[Connection]:
    """A connection for this request; reference reads on it are kept per data version
    (data.version_memo), read once per request."""
    with resources().engine.connect() as connection:
        if not flask.has_request_context():
            yield connection
            return
        remember_version(connection, _data_version(connection))
        try:
            yield connection
        finally:
            forget_version(connection)


def current_language() -> str:
    if not flask.has_request_context():
        return "fr"
    return normalise_language(flask.request.cookies.get(LANGUAGE_COOKIE))


def current_viewer() -> Viewer:
    """The viewer of this request (the accounts feature resolves it from the session)."""
    if not flask.has_request_context():
        return PUBLIC_VIEWER
    resolver = flask.current_app.config.get("DEMOCRATIC_VIEWER_RESOLVER")
    return resolver() if resolver else PUBLIC_VIEWER


def viewer_filter(flt: queries.ObservationFilter, viewer: Viewer) -> queries.ObservationFilter:
    """Restrict a filter to what the viewer may read (unpublished data)."""
    return flt.for_viewer(viewer)


def small_count_threshold() -> int:
    """The small-count threshold this app applies (DEMOCRATIC_SMALL_COUNT_THRESHOLD). The one
    source for both the disclosure gate below and the pages that write « < N », so that a page
    states the threshold actually applied; read from the app serving the request, so two apps in
    one process keep their own."""
    settings = resources().settings if flask.has_app_context() else None
    return getattr(settings, "small_count_threshold", privacy.DEFAULT_THRESHOLD)


def aggregate_for_viewer(
    connection: Connection,
    flt: queries.ObservationFilter,
    grain: str | None = None,
    by: Sequence[str] = (),
    viewer: Viewer | None = None,
) -> list[queries.AggregateRow]:
    """The one way callbacks read aggregates: publication rules for the current viewer, then the
    data layer's disclosure gate (`privacy.for_viewer`: youth counts rounded, small ones hidden,
    unless the viewer may see them)."""
    viewer = viewer or current_viewer()
    flt = viewer_filter(flt, viewer)
    threshold = small_count_threshold()
    # The cache holds the exact rows, keyed on the viewer's visibility (in the filter); the gate
    # is applied after it on every read, so that no cached answer reaches a viewer unprotected.
    rows = _aggregate(connection, flt, grain, by)
    return privacy.for_viewer(connection, rows, viewer, threshold, flt, grain, by)


def pending_for_viewer(
    connection: Connection,
    flt: queries.ObservationFilter,
    grain: str | None = None,
    by: Sequence[str] = (),
    viewer: Viewer | None = None,
) -> dict[tuple, queries.AggregateRow | None]:
    """Which numbers of `aggregate_for_viewer`'s answer count a value waiting for approval, by
    key, each with the published number it would replace (None when nothing is published
    there yet), protected for this viewer like any aggregate. By `AggregateRow.key`. Empty for the public, and for
    anyone when nothing is pending: the publication rule is the filter's (`pending`,
    `as_published`), never written here."""
    viewer = viewer or current_viewer()
    seen = viewer_filter(flt, viewer)
    if not seen.shows_pending:
        return {}
    pending = _aggregate(connection, seen.pending(), grain, by)
    if not pending:
        return {}
    public = seen.as_published()
    published = privacy.for_viewer(
        connection,
        _aggregate(connection, public, grain, by),
        viewer,
        small_count_threshold(),
        public,
        grain,
        by,
    )
    before = {row.key: row for row in published}
    return {row.key: before.get(row.key) for row in pending}


def _aggregate(
    connection: Connection,
    flt: queries.ObservationFilter,
    grain: str | None,
    by: Sequence[str],
) -> list[queries.AggregateRow]:
    """The rows from the cache, or from the store's aggregate and kept."""
    # The question holds the viewer's visibility (in the filter).
    return shared_answer(
        "aggregate",
        [flt.as_key(), grain, list(by)],
        lambda: queries.aggregate(connection, flt, grain=grain, by=by),
        version=lambda: _data_version(connection),
        encode=_encode_rows,
        decode=_decode_rows,
    )


def shared_answer(
    kind: str,
    question: object,
    compute: Callable[[], T],
    *,
    version: Callable[[], str],
    encode: Callable[[T], bytes],
    decode: Callable[[bytes], T],
) -> T:
    """The answer to `question` (JSON) at the data `version` this request sees, from the app's
    shared cache, else computed and kept there; counted in this request's `cache_stats`.

    The key holds the data version, so that a load, undo or approval invalidates every entry on
    every process at once. Outside the app (or with no cache) the answer is computed, and the
    version not even read."""
    cache = resources().cache if flask.has_app_context() else None
    if cache is None:
        return compute()
    key = versioned_key(resources().cache_prefix, kind, version(), question)
    return get_or_compute(cache, key, compute, encode=encode, decode=decode, stats=cache_stats())


def _encode_rows(rows: list[queries.AggregateRow]) -> bytes:
    # orjson: some answers (a fine breakdown over a long period) hold thousands of rows.
    return orjson.dumps(
        [
            [r.indicator_code, r.partner_slug, r.period, r.dimensions, r.value, r.n, r.suppressed]
            for r in rows
        ]
    )


def _decode_rows(payload: bytes) -> list[queries.AggregateRow]:
    return [
        queries.AggregateRow(
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


def data_version_of_request(connection: Connection | None = None) -> str:
    """The data version this request sees (for keys of other cached answers); read on a
    connection of its own when none is given."""
    if connection is None:
        if not flask.has_request_context():
            return read_data_version(resources().engine)
        version = flask.g.get("democratic_data_version")
        if version is None:
            # A kept answer needs nothing else from the store: no connection is held for it.
            engine = resources().engine
            version = data_version_seen(engine, lambda: read_data_version(engine))
            flask.g.democratic_data_version = version
        return version
    return _data_version(connection)


def _data_version(connection: Connection) -> str:
    """Once per request: a request sees one version of the data, the one this process read
    last if it is recent enough (data.version_memo)."""
    if flask.has_request_context():
        version = flask.g.get("democratic_data_version")
        if version is None:
            version = data_version_seen(connection.engine, lambda: data_version(connection))
            flask.g.democratic_data_version = version
        return version
    return data_version(connection)


def cache_stats() -> CacheStats:
    """This request's cache hits and misses (reported in the Server-Timing header)."""
    if not flask.has_request_context():
        return CacheStats()
    stats = flask.g.get("democratic_cache_stats")
    if stats is None:
        stats = flask.g.democratic_cache_stats = CacheStats()
    return stats
