"""The audit trail: who loaded, approved, undid, revised a target, and when.

One function writes it, `record`, called by each change in its own transaction: the row is
committed with the change or rolled back with it, so the trail never tells of a change that
did not happen. Rows are only ever appended. Times are stored in UTC and shown in Europe/Paris.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select

from data.models import AuditEvent

PARIS = ZoneInfo("Europe/Paris")

# The actions of the trail, as stored (French codes, like every stored code of the store).
LOAD = "chargement"
APPROVAL = "publication"
UNDO = "annulation"
TARGET_REVISION = "revision_objectif"
# Any write on an interpretation (its detail says which: creation, modification, reponse…).
INTERPRETATION = "interpretation"
ACTIONS = (LOAD, APPROVAL, UNDO, TARGET_REVISION, INTERPRETATION)

PAGE_SIZE = 25


def record(connection, *, actor: str, action: str, subject: str, detail: Mapping) -> None:
    """Append one event, in the caller's transaction (a Session or a Connection)."""
    connection.execute(
        insert(AuditEvent).values(
            occurred_at=dt.datetime.now(dt.UTC),
            actor=(actor or "?")[:254],
            action=action[:40],
            subject=subject[:300],
            detail=json.dumps(dict(detail), ensure_ascii=False, default=str, sort_keys=True),
        )
    )


def of_load(load, actor: str, action: str) -> dict:
    """`record`'s arguments for a load, its approval or its undo (one line at each call)."""
    return {
        "actor": actor,
        "action": action,
        "subject": f"chargement n° {load.id}",
        "detail": {
            "fichier": load.file_name,
            "type": load.kind,
            "lignes": load.rows_accepted,
            "publie": bool(load.published),
        },
    }


@dataclass(frozen=True)
class Event:
    id: int
    occurred_at: dt.datetime  # Europe/Paris
    actor: str
    action: str
    subject: str
    detail: dict


def _paris(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back naive datetimes: they were written in UTC.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(PARIS)


def _filtered(statement, action: str | None, start: dt.date | None, end: dt.date | None):
    if action:
        statement = statement.where(AuditEvent.action == action)
    # Days are Paris days, as shown: from midnight in Paris to the next midnight.
    if start:
        since = dt.datetime.combine(start, dt.time(), PARIS).astimezone(dt.UTC)
        statement = statement.where(AuditEvent.occurred_at >= since)
    if end:
        until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), PARIS)
        statement = statement.where(AuditEvent.occurred_at < until.astimezone(dt.UTC))
    return statement


def events(
    connection,
    *,
    action: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    page: int = 1,
    page_size: int | None = PAGE_SIZE,
) -> list[Event]:
    """The events matching the filters, newest first, one page of them (all if no page_size)."""
    statement = _filtered(select(AuditEvent), action, start, end).order_by(
        AuditEvent.occurred_at.desc(), AuditEvent.id.desc()
    )
    if page_size:
        statement = statement.limit(page_size).offset(max(page - 1, 0) * page_size)
    return [
        Event(
            id=row.id,
            occurred_at=_paris(row.occurred_at),
            actor=row.actor,
            action=row.action,
            subject=row.subject,
            detail=json.loads(row.detail or "{}"),
        )
        for row in connection.execute(statement)
    ]


def count(
    connection,
    *,
    action: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> int:
    statement = _filtered(select(func.count(AuditEvent.id)), action, start, end)
    return connection.execute(statement).scalar_one()


def detail_text(detail: dict) -> str:
    """The detail as a reader reads it, « clé : valeur » one after the other (the exports keep
    the JSON)."""

    def shown(value) -> str:
        if isinstance(value, float):  # French decimal comma, no useless « ,0 »
            return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
        return str(value)

    return " ; ".join(f"{key} : {shown(value)}" for key, value in sorted(detail.items()))


EXPORT_HEADERS = ("Date (heure de Paris)", "Auteur", "Action", "Objet", "Détail")


def export_rows(listed: list[Event]) -> list[list[str]]:
    """The events as the cells of a CSV or XLSX export (text goes through the writers' guard)."""
    return [
        [
            e.occurred_at.strftime("%d/%m/%Y %H:%M:%S"),
            e.actor,
            e.action,
            e.subject,
            json.dumps(e.detail, ensure_ascii=False, sort_keys=True),
        ]
        for e in listed
    ]
