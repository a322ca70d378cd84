"""What every page and callback needs from the current request: the store, the language, the viewer.

Everything here is read on the server; nothing the browser sends about who it is is trusted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import flask
from sqlalchemy import Connection, Engine

from data import privacy, queries
from data.access import PUBLIC_VIEWER, Viewer
from layouts.i18n import normalise_language

EXTENSION_KEY = "democratic"
LANGUAGE_COOKIE = "langue"


@dataclass
class Resources:
    """What the app factory hands to every request (kept in `server.extensions`)."""

    engine: Engine
    settings: object


def resources() -> Resources:
    return flask.current_app.extensions[EXTENSION_KEY]


def connect() -> Connection:
    return resources().engine.connect()


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
    return replace(
        flt,
        published_only=not viewer.sees_all_unpublished,
        unpublished_partners=viewer.unpublished_partners(),
    )


def aggregate_for_viewer(
    connection: Connection,
    flt: queries.ObservationFilter,
    grain: str | None = None,
    by: Sequence[str] = (),
    viewer: Viewer | None = None,
) -> list[queries.AggregateRow]:
    """The one way callbacks read aggregates: publication rules and small-count suppression
    applied for the current viewer."""
    viewer = viewer or current_viewer()
    flt = viewer_filter(flt, viewer)
    rows = queries.aggregate(connection, flt, grain=grain, by=by)
    if viewer.sees_small_counts:
        return rows
    threshold = getattr(resources().settings, "small_count_threshold", privacy.DEFAULT_THRESHOLD)
    return privacy.protect_breakdown(connection, rows, flt, grain, by, threshold)
