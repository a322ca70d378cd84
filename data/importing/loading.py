"""Writing a validated file into the store, and the life of a load: record, approve, undo.

Every function works inside the caller's transaction: a load is all or nothing. Rows replaced by
a load (same natural key) are kept in `load_replaced_row`, so that undoing the load puts them back.
Each one first takes the store's writer lock (`data.write_lock`), before it reads what it will
replace or restore: two writers never decide from the same state, the second waits for the first
(or is told to retry).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterable

from sqlalchemy import and_, column, delete, func, select, tuple_, update
from sqlalchemy import values as values_list
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from data import audit
from data.importing.catalog import Catalog
from data.importing.kinds import EVENTS, OBSERVATIONS, OUTCOMES
from data.importing.validation import Report
from data.models import (
    OBSERVATION_KEY,
    DataLoad,
    Event,
    EventAttendance,
    LoadStatus,
    Observation,
    Outcome,
    ReplacedRow,
)
from data.rollup import Changes, changes_of
from data.store import bump_data_version
from data.write_lock import hold_writer_lock

Progress = Callable[[int], None]
CHUNK = 5_000
# Natural keys looked up per statement: 8 columns each, under SQLite's 32,766 bound parameters.
KEY_LOOKUP_SLICE = 1_000
# A load message keeps this many problems (the full list is shown when the file is checked).
MESSAGE_PROBLEMS = 30


class LoadRefused(Exception):
    """The load cannot be approved or undone; the message says why, in French."""


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


def record_load(
    session: Session,
    report: Report,
    catalog: Catalog,
    *,
    file_name: str,
    file_size: int,
    file_sha256: str,
    created_by: str,
    publish: bool,
    progress: Progress | None = None,
) -> DataLoad:
    """Write the rows of a valid report as one load; return the load."""
    if not report.ok:
        raise ValueError("a file with problems is never loaded")
    # Before anything is read or numbered: what the load replaces is decided under the lock, and
    # load numbers follow the order in which loads are written (undo relies on it).
    hold_writer_lock(session)
    partners = {row["partner"] for row in report.rows}
    load = DataLoad(
        created_by=created_by,
        kind=report.kind,
        file_name=file_name[:300],
        file_size=file_size,
        file_sha256=file_sha256,
        partner_id=catalog.partner_ids[next(iter(partners))] if len(partners) == 1 else None,
        rows_accepted=len(report.rows),
        rows_rejected=0,
        status=LoadStatus.ACCEPTED,
        message="; ".join(report.warnings),
        published=publish,
        published_at=_now() if publish else None,
        published_by=created_by if publish else None,
    )
    session.add(load)
    session.flush()
    writer = {OBSERVATIONS: _write_observations, EVENTS: _write_events, OUTCOMES: _write_outcomes}
    writer[report.kind](session, report.rows, catalog, load, progress)
    # Only observations feed the summary tables, and only their indicators' rows change.
    observations = report.rows if report.kind == OBSERVATIONS else []
    bump_data_version(
        session, changes_of((r["indicator_code"], r["period_start"]) for r in observations)
    )
    audit.record(session, **audit.of_load(load, created_by, audit.LOAD))
    return load


def record_rejection(
    session: Session,
    *,
    kind: str,
    file_name: str,
    file_size: int,
    file_sha256: str,
    created_by: str,
    partner_id: int | None,
    problems: list[str],
    rows_rejected: int,
) -> DataLoad:
    """Keep a trace of a file that was refused, so that someone can follow it up."""
    if session.get_bind().dialect.name == "sqlite":
        # SQLite has one writer whatever the table: wait for it as a load would (bounded, with a
        # plain message). PostgreSQL writes a journal line beside a running load.
        hold_writer_lock(session)
    shown = problems[:MESSAGE_PROBLEMS]
    if len(problems) > MESSAGE_PROBLEMS:
        shown.append(f"… et {len(problems) - MESSAGE_PROBLEMS} autres problèmes.")
    load = DataLoad(
        created_by=created_by,
        kind=kind,
        file_name=file_name[:300],
        file_size=file_size,
        file_sha256=file_sha256,
        partner_id=partner_id,
        rows_accepted=0,
        rows_rejected=rows_rejected,
        status=LoadStatus.REJECTED,
        message="\n".join(shown),
        published=False,
    )
    session.add(load)
    session.flush()
    return load


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


# --- approving and undoing


def approve_load(session: Session, load_id: int, by: str) -> DataLoad:
    """Publish a partner editor's load: its rows become visible to everyone."""
    hold_writer_lock(session)
    load = session.get(DataLoad, load_id, populate_existing=True)
    if load is None:
        raise LoadRefused(f"Le chargement n° {load_id} n'existe pas.")
    if load.status != LoadStatus.ACCEPTED:
        raise LoadRefused(
            f"Le chargement n° {load_id} n'est pas en vigueur : il ne peut être publié."
        )
    if load.published:
        raise LoadRefused(f"Le chargement n° {load_id} est déjà publié.")
    load.published = True
    load.published_at = _now()
    load.published_by = by
    _publish_corrections(session, load_id)
    for model in (Observation, Event, Outcome):
        session.execute(update(model).where(model.load_id == load_id).values(published=True))
    bump_data_version(session, _changes_of_load(session, load_id))
    audit.record(session, **audit.of_load(load, by, audit.APPROVAL))
    return load


def _publish_corrections(session: Session, load_id: int) -> None:
    """The load's pending rows that correct a published value: the published row takes the new
    value (its old one recorded for undo, as any load's replaced row) and the pending row goes.
    A chunk at a time: each pass removes the pending rows it handled."""
    pending, published = aliased(Observation), aliased(Observation)
    same_key = and_(*(getattr(pending, k) == getattr(published, k) for k in OBSERVATION_KEY))
    statement = (
        select(
            pending.id.label("pending_id"),
            pending.value.label("new_value"),
            pending.action_id.label("new_action_id"),
            published.id,
            published.value,
            published.action_id,
            published.load_id,
        )
        .join(published, and_(same_key, published.published.is_(True)))
        .where(pending.load_id == load_id, pending.published.is_(False))
        .order_by(pending.id)
        .limit(CHUNK)
    )
    while pairs := session.execute(statement).all():
        session.execute(
            ReplacedRow.__table__.insert(),
            [
                {
                    "load_id": load_id,
                    "table_name": "observation",
                    "row_id": p.id,
                    "payload": _encode(
                        {
                            "value": p.value,
                            "action_id": p.action_id,
                            "load_id": p.load_id,
                            "published": True,
                        }
                    ),
                }
                for p in pairs
            ],
        )
        gone = [p.pending_id for p in pairs]
        # What the pending row had replaced (another pending value) is superseded with it.
        session.execute(
            delete(ReplacedRow).where(
                ReplacedRow.table_name == "observation", ReplacedRow.row_id.in_(gone)
            )
        )
        session.execute(delete(Observation).where(Observation.id.in_(gone)))
        session.execute(
            update(Observation),
            [
                {
                    "id": p.id,
                    "value": p.new_value,
                    "action_id": p.new_action_id,
                    "load_id": load_id,
                    "current": True,
                }
                for p in pairs
            ],
        )


def undo_load(session: Session, load_id: int, by: str) -> DataLoad:
    """Take a load back, as if it had never been made: the rows it wrote and that still carry
    it are deleted or get back the values it replaced; rows a later load has since replaced keep
    the later values, and that later load now remembers what this one had replaced (so that
    undoing it too gives the state before both). Rows it did not write are never touched."""
    hold_writer_lock(session)
    load = session.get(DataLoad, load_id, populate_existing=True)
    if load is None:
        raise LoadRefused(f"Le chargement n° {load_id} n'existe pas.")
    if load.status != LoadStatus.ACCEPTED:
        raise LoadRefused(f"Le chargement n° {load_id} n'est pas en vigueur : rien à annuler.")
    own = {
        (r.table_name, r.row_id): json.loads(r.payload)
        for r in session.scalars(select(ReplacedRow).where(ReplacedRow.load_id == load_id))
    }
    # Read before the rows go back: every observation this load wrote or replaced holds its id.
    changed = _changes_of_load(session, load_id)
    _hand_over_history(session, load_id, own)
    _restore_observations(session, load_id, own)
    _restore_events(session, load_id, own)
    _restore_outcomes(session, load_id, own)
    session.execute(delete(ReplacedRow).where(ReplacedRow.load_id == load_id))
    _refresh_current(session, changed)
    load.status = LoadStatus.UNDONE
    note = f"Annulé le {_now():%d/%m/%Y à %H:%M} UTC par {by}."
    load.message = f"{load.message}\n{note}".strip()
    bump_data_version(session, changed)
    audit.record(session, **audit.of_load(load, by, audit.UNDO))
    return load


def _changes_of_load(session: Session, load_id: int) -> Changes:
    """The observations a load holds, by indicator (the summary rows to rebuild)."""
    statement = (
        select(
            Observation.indicator_code,
            func.min(Observation.period_start),
            func.max(Observation.period_start),
        )
        .where(Observation.load_id == load_id)
        .group_by(Observation.indicator_code)
    )
    return {code: (first, last) for code, first, last in session.execute(statement)}


def _refresh_current(session: Session, changes: Changes) -> None:
    """Published rows whose pending correction is gone are seen by insiders again. Only rows
    marked as corrected are read (few), within the span the change touched."""
    twin = aliased(Observation)
    o = Observation
    pending_twin = (
        select(twin.id)
        .where(
            *(getattr(twin, k) == getattr(o, k) for k in OBSERVATION_KEY),
            twin.published.is_(False),
        )
        .exists()
    )
    for code, (first, last) in changes.items():
        session.execute(
            update(o)
            .where(
                o.indicator_code == code,
                o.period_start >= first,
                o.period_start <= last,
                o.published.is_(True),
                o.current.is_(False),
                ~pending_twin,
            )
            .values(current=True)
            .execution_options(synchronize_session=False)
        )


def _hand_over_history(session: Session, load_id: int, own: dict) -> None:
    """Later loads that replaced this load's rows remember them; they must now remember what
    this load had replaced (or that the row did not exist), since this load is being undone."""
    # JSON is written with json.dumps' default separators: a LIKE narrows the scan in SQL.
    candidates = select(ReplacedRow).where(
        ReplacedRow.load_id > load_id, ReplacedRow.payload.like(f'%"load_id": {load_id},%')
    )
    for later in session.scalars(_fresh(candidates)):
        payload = json.loads(later.payload)
        if payload is not None and payload.get("load_id") == load_id:
            later.payload = _encode(own.get((later.table_name, later.row_id)))


def _restore_observations(session: Session, load_id: int, own: dict) -> None:
    # Only the rows that still carry this load: a row a later load replaced keeps the later
    # values (that load now remembers what this one had replaced, see _hand_over_history).
    still_ours = set(session.scalars(select(Observation.id).where(Observation.load_id == load_id)))
    restored = [
        {"id": row_id, **payload}
        for (table, row_id), payload in own.items()
        if table == "observation" and payload is not None and row_id in still_ours
    ]
    for chunk in _chunks(restored):
        session.execute(update(Observation), chunk)
    session.execute(delete(Observation).where(Observation.load_id == load_id))


def _restore_events(session: Session, load_id: int, own: dict) -> None:
    for event in session.scalars(_fresh(select(Event).where(Event.load_id == load_id))):
        payload = own.get(("event", event.id))
        if payload is None:
            session.delete(event)
        else:
            _apply_event(event, payload)
    session.flush()


def _restore_outcomes(session: Session, load_id: int, own: dict) -> None:
    for outcome in session.scalars(_fresh(select(Outcome).where(Outcome.load_id == load_id))):
        payload = own.get(("outcome", outcome.id))
        if payload is None:
            session.delete(outcome)
            continue
        for name in OUTCOME_FIELDS:
            value = payload[name]
            if name == "outcome_date" and value:
                value = dt.date.fromisoformat(value)
            setattr(outcome, name, value)
        outcome.load_id = payload["load_id"]
        outcome.published = payload["published"]
    session.flush()


def rows_of_load(session: Session, load_id: int) -> int:
    """How many rows still carry this load (some may have been replaced by later loads)."""
    return sum(
        session.scalar(select(func.count()).select_from(model).where(model.load_id == load_id)) or 0
        for model in (Observation, Event, Outcome)
    )


__all__ = [
    "LoadRefused",
    "approve_load",
    "record_load",
    "record_rejection",
    "undo_load",
]
