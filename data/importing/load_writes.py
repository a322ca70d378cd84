"""Writing a load's rows in the store: observations upserted on their natural key a chunk at a
time, events and outcomes updated in place (their ids are referenced), and what each replaces
kept in `load_replaced_row` so that undoing the load can put it back.

Kept apart from recording a load (`data.importing.loading`) and from approving or undoing one
(`data.importing.load_review`): the preview of a file reads the same natural keys and existing
rows without writing anything.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterable

from sqlalchemy import and_, column, select, tuple_, update
from sqlalchemy import values as values_list
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from data.importing.catalog import Catalog
from data.models import (
    OBSERVATION_KEY,
    Event,
    EventAttendance,
    Observation,
    Outcome,
    ReplacedRow,
)

Progress = Callable[[int], None]
CHUNK = 5_000
# Natural keys looked up per statement: 8 columns each, under SQLite's 32,766 bound parameters.
KEY_LOOKUP_SLICE = 1_000


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _chunks(rows: Iterable, size: int = CHUNK) -> Iterable[list]:
    """Lists of `size` items from any iterable (a list, or rows spooled on disk)."""
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _fresh(statement):
    """Rows read under the writer's lock replace any copy the session loaded before it."""
    return statement.execution_options(populate_existing=True)


def _encode(payload: dict | None) -> str:
    return json.dumps(payload, default=lambda v: v.isoformat(), ensure_ascii=False)


# --- observations: an upsert on the natural key, in chunks


def _upsert_statement(session: Session):
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Observation)
    # A pending row and the published row it corrects share the natural key: a load replaces
    # only the row of its own kind (pending or published), never the other.
    return statement.on_conflict_do_update(
        index_elements=[*OBSERVATION_KEY, "published"],
        set_={
            name: statement.excluded[name] for name in ("value", "action_id", "load_id", "current")
        },
    )


def _write_observations(session, rows, catalog, load, progress) -> None:
    # A chunk at a time, so that memory holds one chunk whatever the file's length. Keys are
    # unique within a file (validation refuses repeats), so a chunk never replaces a row that an
    # earlier chunk of the same load wrote.
    statement = _upsert_statement(session)
    for chunk in _chunks(rows):
        values = [
            {
                "indicator_code": r["indicator_code"],
                "partner_id": catalog.partner_ids[r["partner"]],
                "action_id": r["action_id"],
                "period_start": r["period_start"],
                "period_end": r["period_end"],
                "territory_code": r["territory_code"],
                "profile": r["profile"],
                "channel": r["channel"],
                "age_band": r["age_band"],
                "value": r["value"],
                "load_id": load.id,
                "published": load.published,
                "current": True,
            }
            for r in chunk
        ]
        existing = existing_observations(session, values, published=load.published)
        twins = existing_observations(session, values, published=not load.published)
        if load.published:
            # A correction of this key waits for approval: it stays what insiders see.
            for value in values:
                value["current"] = tuple(value[k] for k in OBSERVATION_KEY) not in twins
        elif twins:
            # The published values stay for the public; insiders now see the pending ones.
            session.execute(
                update(Observation)
                .where(Observation.id.in_([old["id"] for old in twins.values()]))
                .values(current=False)
            )
        replaced = [
            {
                "load_id": load.id,
                "table_name": "observation",
                "row_id": old["id"],
                "payload": _encode(
                    {k: old[k] for k in ("value", "action_id", "load_id", "published")}
                ),
            }
            for key, old in existing.items()
        ]
        if replaced:
            session.execute(ReplacedRow.__table__.insert(), replaced)
        session.execute(statement, values)
        if progress:
            progress(len(chunk))


def observation_values(chunk: list[dict], catalog: Catalog) -> list[dict]:
    """The natural key of each valid row, as stored (the partner by its id)."""
    return [
        {
            **{k: r[k] for k in OBSERVATION_KEY if k != "partner_id"},
            "partner_id": catalog.partner_ids[r["partner"]],
        }
        for r in chunk
    ]


def existing_observations(
    session: Session, values: list[dict], published: bool | None = None
) -> dict[tuple, dict]:
    """The stored rows that share a natural key with the file's rows: the published or the
    pending ones, or (`published` None) those insiders see (a pending correction rather than
    the published value it corrects).

    Looked up by the exact key (the unique index answers), a slice of keys at a time: a range
    of periods would also fetch every row that earlier chunks of the same load wrote, which made
    a long file's load quadratic in time and its memory grow with the file. A slice keeps the
    bound parameters under SQLite's limit (32,766) on every backend.
    """
    wanted = list(dict.fromkeys(tuple(v[k] for k in OBSERVATION_KEY) for v in values))
    columns = [Observation.__table__.c[k] for k in OBSERVATION_KEY]
    postgres = session.get_bind().dialect.name == "postgresql"
    found = {}
    for keys in _chunks(wanted, KEY_LOOKUP_SLICE):
        statement = select(
            Observation.id,
            *columns,
            Observation.value,
            Observation.action_id,
            Observation.load_id,
            Observation.published,
        )
        if published is None:
            statement = statement.where(Observation.current.is_(True))
        else:
            statement = statement.where(Observation.published.is_(published))
        if postgres:
            # PostgreSQL plans a row-value IN list as a filter over the whole table; joined to
            # the keys as a VALUES list, each key is one probe of the natural key's index.
            wanted_keys = values_list(
                *(column(c.name, c.type) for c in columns), name="wanted_keys"
            ).data(keys)
            statement = statement.join(
                wanted_keys, and_(*(c == wanted_keys.c[c.name] for c in columns))
            )
        else:
            statement = statement.where(tuple_(*columns).in_(keys))
        for row in session.execute(statement):
            mapping = dict(row._mapping)
            found[tuple(mapping[k] for k in OBSERVATION_KEY)] = mapping
    return found


# --- events and outcomes: few rows, updated in place (their ids are referenced)


def _event_payload(event: Event) -> dict:
    return {
        "kind": event.kind,
        "action_id": event.action_id,
        "place": event.place,
        "territory_code": event.territory_code,
        "channel": event.channel,
        "outcomes": event.outcomes,
        "load_id": event.load_id,
        "published": event.published,
        "attendance": {a.profile: a.count for a in event.attendance},
    }


def event_key(row: dict, catalog: Catalog) -> tuple:
    return (catalog.partner_ids[row["partner"]], row["event_date"], row["title"])


def existing_events(session: Session, rows, catalog: Catalog) -> dict[tuple, Event]:
    """The stored events that share a key (partner, date, title) with the file's rows."""
    partner_ids = {catalog.partner_ids[r["partner"]] for r in rows}
    return {
        (e.partner_id, e.event_date, e.title): e
        for e in session.scalars(_fresh(select(Event).where(Event.partner_id.in_(partner_ids))))
    }


def _write_events(session, rows, catalog, load, progress) -> None:
    existing = existing_events(session, rows, catalog)
    for row in rows:
        key = event_key(row, catalog)
        event = existing.get(key)
        if event is not None:
            session.add(
                ReplacedRow(
                    load_id=load.id,
                    table_name="event",
                    row_id=event.id,
                    payload=_encode(_event_payload(event)),
                )
            )
        else:
            event = Event(partner_id=key[0], event_date=key[1], title=key[2])
            session.add(event)
        _apply_event(event, {**row, "load_id": load.id, "published": load.published})
    session.flush()
    if progress:
        progress(len(rows))


def _apply_event(event: Event, values: dict) -> None:
    for name in ("kind", "action_id", "place", "territory_code", "channel", "outcomes"):
        setattr(event, name, values[name])
    event.load_id = values["load_id"]
    event.published = values["published"]
    counts = values["attendance"]
    kept = [a for a in event.attendance if a.profile in counts]
    for attendance in kept:
        attendance.count = counts[attendance.profile]
    present = {a.profile for a in kept}
    event.attendance = kept + [
        EventAttendance(profile=p, count=c) for p, c in counts.items() if p not in present
    ]


OUTCOME_FIELDS = ("action_id", "description", "status", "practice_type", "outcome_date")


def outcome_key(row: dict, catalog: Catalog) -> tuple:
    return (catalog.partner_ids[row["partner"]], row["kind"], row["title"])


def existing_outcomes(session: Session, rows, catalog: Catalog) -> dict[tuple, Outcome]:
    """The stored outcomes that share a key (partner, kind, title) with the file's rows."""
    partner_ids = {catalog.partner_ids[r["partner"]] for r in rows}
    return {
        (o.partner_id, o.kind, o.title): o
        for o in session.scalars(_fresh(select(Outcome).where(Outcome.partner_id.in_(partner_ids))))
    }


def _write_outcomes(session, rows, catalog, load, progress) -> None:
    existing = existing_outcomes(session, rows, catalog)
    for row in rows:
        key = outcome_key(row, catalog)
        outcome = existing.get(key)
        if outcome is not None:
            payload = {name: getattr(outcome, name) for name in OUTCOME_FIELDS}
            payload |= {"load_id": outcome.load_id, "published": outcome.published}
            session.add(
                ReplacedRow(
                    load_id=load.id,
                    table_name="outcome",
                    row_id=outcome.id,
                    payload=_encode(payload),
                )
            )
        else:
            outcome = Outcome(partner_id=key[0], kind=key[1], title=key[2])
            session.add(outcome)
        for name in OUTCOME_FIELDS:
            setattr(outcome, name, row[name])
        outcome.load_id = load.id
        outcome.published = load.published
    session.flush()
    if progress:
        progress(len(rows))
