"""Whole page bodies kept in the shared cache: a partner page is the same for every public
visitor until the data change, and building it (hundreds of components, French number formats,
figures) costs far more than reading it back.

The key holds everything the body depends on: the page, its path variables and query string,
the language, the viewer's visibility class (role and own partner: never a body built for
someone who sees more), the settings that shape pages, the day, and the store's data version
(bumped by every load, undo and approval, so a change invalidates every process at once).
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from collections.abc import Callable

import flask
import orjson

from callbacks.answer_cache import keep_answer
from callbacks.context import (
    current_language,
    current_viewer,
    data_version_of_request,
    resources,
    shared_answer,
)
from data import privacy


def cached_page(name: str, layout: Callable[..., object]) -> Callable[..., object]:
    @functools.wraps(layout)
    def page(**kwargs):
        if not flask.has_request_context() or resources().cache is None:
            return layout(**kwargs)
        # The page depends on nothing but this key: the callback's whole answer may be kept too.
        keep_answer()
        viewer = current_viewer()
        question = [
            name,
            resources().settings.display_key(),
            privacy.RULE,  # what a protected viewer is shown of youth counts
            sorted((str(k), str(v)) for k, v in kwargs.items()),
            current_language(),
            viewer.role,
            viewer.partner_slug,
            dt.date.today().isoformat(),
        ]
        # Kept as the JSON Dash sends, and handed to Dash as plain dicts, which it serialises
        # far faster than a tree of components: the body is serialised once, here, not once for
        # the cache and once more for the response.
        payload = shared_answer(
            "page",
            question,
            lambda: page_json(layout(**kwargs)),
            version=data_version_of_request,
            encode=bytes,
            decode=bytes,
        )
        return orjson.loads(payload)

    return page


def page_json(body: object) -> bytes:
    """A layout as the JSON Dash sends: orjson walks the tree in C and asks each component for
    its props (`to_plotly_json`); plotly's own serialiser walks it in Python first, three
    times slower for a page of several hundred components."""
    return orjson.dumps(body, default=_json_default, option=orjson.OPT_SERIALIZE_NUMPY)


def _json_default(value: object) -> object:
    as_json = getattr(value, "to_plotly_json", None)
    if as_json is not None:
        return as_json()
    if isinstance(value, decimal.Decimal):
        return float(value)
    raise TypeError(f"not serialisable to JSON: {type(value).__name__}")
