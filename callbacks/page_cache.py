"""Whole page bodies kept in the shared cache: a partner page is the same for every public
visitor until the data change, and building it (hundreds of components, French number formats,
figures) costs far more than reading it back.

The key holds everything the body depends on: the page, its path variables and query string,
the language, the viewer's visibility class (role and own partner: never a body built for
someone who sees more), the day, and the store's data version (bumped by every load, undo and
approval, so a change invalidates every process at once).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable

import flask
import orjson
from plotly.io.json import to_json_plotly

from callbacks.context import (
    _data_version,
    cache_stats,
    connect,
    current_language,
    current_viewer,
    resources,
)


def cached_page(name: str, layout: Callable[..., object]) -> Callable[..., object]:
    @functools.wraps(layout)
    def page(**kwargs):
        if not flask.has_request_context():
            return layout(**kwargs)
        res = resources()
        if res.cache is None:
            return layout(**kwargs)
        viewer = current_viewer()
        with connect() as connection:
            version = _data_version(connection)
        question = [
            name,
            sorted((str(k), str(v)) for k, v in kwargs.items()),
            current_language(),
            viewer.role,
            viewer.partner_slug,
            dt.date.today().isoformat(),
            version,
        ]
        digest = hashlib.sha256(json.dumps(question).encode()).hexdigest()
        key = f"{res.cache_prefix}:page:{digest}"
        stats = cache_stats()
        payload = res.cache.get(key)
        if payload is not None:
            stats.hits += 1
            # Dash sends plain dicts in component form as they are.
            return orjson.loads(payload)
        stats.misses += 1
        body = layout(**kwargs)
        res.cache.set(key, to_json_plotly(body).encode())
        return body

    return page
