"""Approving a partner editor's load (its rows become public) and undoing a load (the rows it
replaced come back), each under the store's writer lock.

Kept apart from writing a load (`data.importing.loading`, `data.importing.load_writes`): these
act on a load already in the store, from the data page's journal.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.orm import Session, aliased

from data import audit
from data.importing.load_writes import (
    CHUNK,
    OUTCOME_FIELDS,
    _apply_event,
    _chunks,
    _encode,
    _fresh,
    _now,
)
from data.models import (
    OBSERVATION_KEY,
    DataLoad,
    Event,
    LoadStatus,
    Observation,
    Outcome,
    ReplacedRow,
)
from data.rollup import Changes
from data.store import bump_data_version
from data.write_lock import hold_writer_lock


class LoadRefused(Exception):
    """The load cannot be approved or undone; the message says why, in French."""


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
