"""Whole callback answers kept as the compressed bytes sent, so that the same question asked again
costs little more than sending them.

A view callback's answer (a page, the explorer's view, its map) is a function of the request's
body (which callback, with which inputs and state), the language, the viewer's visibility class
(role and own partner: what the disclosure gate and the publication rules give them), the
settings that shape pages (the small-count threshold among them), the disclosure rule, the day
and the store's data version. When a callback says its answer depends on nothing else
(`keep_answer()`), the bytes Dash produced are compressed once, for the encoding the browser
accepts, and kept in the app's cache under a key holding all of the above; the next identical
question is answered with those bytes: no Dash dispatch, no JSON serialisation, no compression.

What a kept answer never skips: everything that runs before the view (the session looked up in
the store, the public-access guard, the origin check; the callback's envelope was checked when
these very bytes were first answered, see `register`) and
after it (security headers, `Cache-Control: no-store` for signed-in viewers) runs for every
request. A kept answer only ever reaches a viewer of the same visibility class, under the same
threshold and rule, as the one it was computed (and gated) for. Callbacks that act (exports,
loads, approvals, sign-in) or depend on more than the key (the data page's journal, an
interpretation's author) never call `keep_answer()`, so they always run.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from collections.abc import Callable

import brotli
import dash
import flask
import sqlalchemy.exc

from callbacks.context import (
    current_language,
    current_viewer,
    data_version_of_request,
    resources,
)
from data import privacy
from data.cache import versioned_key

ENCODINGS = ("br", "gzip")
_KEEP = "democratic_keep_answer"
_OUTCOME = "democratic_answer_cache"


def keep_answer() -> None:
    """Called while computing a callback's answer: it depends only on what the answer cache's
    key holds (see the module's docstring), so it may be kept and sent again."""
    if flask.has_request_context():
        flask.g.setdefault(_KEEP, True)


def outcome() -> str | None:
    """How this request's answer was served: "hit", "miss" (computed and kept), or None."""
    return flask.g.get(_OUTCOME) if flask.has_request_context() else None


def chosen_encoding(request: flask.Request) -> str:
    """The compression the browser accepts, in the app's order of preference ("" for none)."""
    return request.accept_encodings.best_match(ENCODINGS) or ""


def answer_key(request: flask.Request, encoding: str) -> str:
    """Where the answer to this request (its address and body), for this viewer and encoding,
    is kept."""
    viewer = current_viewer()
    question = [
        request.method,
        request.full_path,
        hashlib.sha256(request.get_data(cache=True)).hexdigest(),
        encoding,
        current_language(),
        viewer.role,
        viewer.partner_slug,
        resources().settings.display_key(),  # the small-count threshold among them
        privacy.RULE,
        dt.date.today().isoformat(),
    ]
    return versioned_key(resources().cache_prefix, "answer", data_version_of_request(), question)


def compress(data: bytes, encoding: str, config: flask.Config) -> bytes:
    """`data` compressed as the app's compression settings say (dashboard/compression.py)."""
    if encoding == "br":
        return brotli.compress(data, quality=config.get("COMPRESS_BR_LEVEL", 4))
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=config.get("COMPRESS_LEVEL", 6), mtime=0)
    return data


def _response(payload: bytes, encoding: str) -> flask.Response:
    response = flask.Response(payload, mimetype="application/json")
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["Vary"] = "Accept-Encoding"
    return response


def wrap(view: Callable[..., flask.Response]) -> Callable[..., flask.Response]:
    """Dash's callback view, answering from the kept bytes when it can."""

    def answer(*args, **kwargs):
        cache = resources().cache
        if cache is None:
            return view(*args, **kwargs)
        request = flask.request
        encoding = chosen_encoding(request)
        try:
            key = answer_key(request, encoding)
        except sqlalchemy.exc.OperationalError as error:
            if error.connection_invalidated:
                # A pooled connection that died while idle (the pool is not pinged): the
                # request is run again on a fresh one (dashboard/read_retry.py).
                raise
            # The store is down (its data version is part of the key): the view answers as if
            # there were no cache, refusing a malformed request (400) before any database work,
            # and any other with the French « réessayez » (503, dashboard/read_retry.py).
            return view(*args, **kwargs)
        kept = cache.get(key)
        if isinstance(kept, bytes):
            flask.g.setdefault(_OUTCOME, "hit")
            return _response(kept, encoding)
        response = flask.make_response(view(*args, **kwargs))
        if not (
            flask.g.get(_KEEP)
            and response.status_code == 200
            and response.mimetype == "application/json"
            and "Content-Encoding" not in response.headers
            and "Set-Cookie" not in response.headers
        ):
            return response
        payload = compress(response.get_data(), encoding, flask.current_app.config)
        cache.set(key, payload)
        flask.g.setdefault(_OUTCOME, "miss")
        return _response(payload, encoding)

    answer.__name__ = getattr(view, "__name__", "dispatch")
    return answer


def register(app: dash.Dash) -> None:
    """Put the answer cache in front of the callback view (once the envelope guard wraps it) and
    of the layout view (the site's frame, the same for everyone not signed in).

    A kept answer is found by the hash of the request's bytes: those very bytes passed the
    guard when the answer was computed (only a 200 is kept, and a refused envelope gets a 400),
    and the guard's verdict depends on nothing else, so it is not parsed and checked again."""
    server = app.server
    for name in ("_dash-update-component", "_dash-layout"):
        endpoint = app.config.routes_pathname_prefix + name
        server.view_functions[endpoint] = wrap(server.view_functions[endpoint])
