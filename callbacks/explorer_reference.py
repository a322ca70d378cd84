"""What the explorer names and offers, read once per data version: reference labels and the
(partner, indicator, breakdown) combinations that exist in a period.

Both are asked on every callback; both change only when the data version does (a load, an undo,
an approval). Both go through the one cache-aside helper (data/cache.py): the reference labels
in a small bounded local cache, the combinations in the shared cache, keyed by the data version.
"""

from __future__ import annotations

import json

import flask
from sqlalchemy import Connection

from callbacks import context
from data import explorer as explorer_data
from data import queries
from data.cache import LocalCache, get_or_compute, store_identity
from layouts.explorer_state import Allowed

# (store, data version) -> (reference, whether the store holds demonstration data)
_REFERENCES = LocalCache(8)


def reference_and_demo(connection: Connection) -> tuple[explorer_data.Reference, bool]:
    def read() -> tuple[explorer_data.Reference, bool]:
        return explorer_data.load_reference(connection), explorer_data.is_demonstration(connection)

    if not flask.has_app_context():
        return read()
    key = (store_identity(connection.engine), context.data_version_of_request(connection))
    return get_or_compute(_REFERENCES, key, read)


def reference(connection: Connection) -> explorer_data.Reference:
    return reference_and_demo(connection)[0]


def allowed(ref: explorer_data.Reference) -> Allowed:
    return Allowed(**ref.allowed())


def existing_combinations(
    connection: Connection, flt: queries.ObservationFilter
) -> list[explorer_data.Combination]:
    """`existing_combinations`, kept in the shared cache under the data version (a load, undo
    or approval changes the version, so a stale entry is never read)."""
    # The answer depends on the months the period touches, not its days (see
    # existing_combinations): any day of the same months shares the entry.
    return context.shared_answer(
        "explorer-facets",
        explorer_data.month_scope(flt).as_key(),
        lambda: explorer_data.existing_combinations(connection, flt),
        version=lambda: context.data_version_of_request(connection),
        encode=lambda combinations: json.dumps(combinations).encode(),
        decode=lambda payload: [explorer_data.Combination(*item) for item in json.loads(payload)],
    )
