"""What the explorer names and offers, read once per data version: reference labels and the
(partner, indicator, breakdown) combinations that exist in a period.

Both are asked on every callback; both change only when the data version does (a load, an undo,
an approval). The reference labels are kept in a small local store guarded by a lock (callbacks
run in several threads); the combinations go to the shared cache, keyed by the data version.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

import flask
from sqlalchemy import Connection

from callbacks import context
from data import explorer as explorer_data
from data import queries
from layouts.explorer_state import Allowed

# (store, data version) -> (reference, whether the store holds demonstration data)
_REFERENCES: OrderedDict[tuple[str, str], tuple[explorer_data.Reference, bool]] = OrderedDict()
_REFERENCES_KEPT = 8
_LOCK = threading.Lock()


def reference_and_demo(connection: Connection) -> tuple[explorer_data.Reference, bool]:
    if not flask.has_app_context():
        return explorer_data.load_reference(connection), explorer_data.is_demonstration(connection)
    key = (
        # The address without its password: a secret never goes into a key.
        context.resources().engine.url.render_as_string(hide_password=True),
        context.data_version_of_request(connection),
    )
    with _LOCK:
        found = _REFERENCES.get(key)
        if found is not None:
            _REFERENCES.move_to_end(key)
            return found
    # Read outside the lock: two threads may both read the same version once, which is harmless.
    found = (explorer_data.load_reference(connection), explorer_data.is_demonstration(connection))
    with _LOCK:
        _REFERENCES[key] = found
        while len(_REFERENCES) > _REFERENCES_KEPT:
            _REFERENCES.popitem(last=False)
    return found


def reference(connection: Connection) -> explorer_data.Reference:
    return reference_and_demo(connection)[0]


def allowed(ref: explorer_data.Reference) -> Allowed:
    return Allowed(**ref.allowed())


def existing_combinations(
    connection: Connection, flt: queries.ObservationFilter
) -> list[explorer_data.Combination]:
    """`existing_combinations`, kept in the shared cache under the data version (a load, undo
    or approval changes the version, so a stale entry is never read)."""
    cache = context.resources().cache if flask.has_app_context() else None
    if cache is None:
        return explorer_data.existing_combinations(connection, flt)
    # The answer depends on the months the period touches, not its days (see
    # existing_combinations): any day of the same months shares the entry.
    question = json.dumps(
        [context.data_version_of_request(connection), explorer_data.month_scope(flt).as_key()]
    )
    digest = hashlib.sha256(question.encode()).hexdigest()
    key = f"{context.resources().cache_prefix}:explorer-facets:{digest}"
    payload = cache.get(key)
    if payload is not None:
        try:
            return [explorer_data.Combination(*item) for item in json.loads(payload)]
        except (ValueError, TypeError):
            pass  # an entry written by another version of the code: computed again below
    combinations = explorer_data.existing_combinations(connection, flt)
    cache.set(key, json.dumps(combinations).encode())
    return combinations
