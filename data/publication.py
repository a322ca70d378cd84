"""What the public sees and how recent it is: the record of published loads, and the data date.

The data date (« Données au … ») is one notion, read here and shown the same way on every page:
the last day counted by the published figures — the latest end of a published observation's
period, never later than today (the demonstration's own day for demonstration data). It is what an elected official reads « données au 30 novembre
2012 » as: the figures count what happened up to that day. The day a file was loaded or
published is an office fact, not a data date (see docs/date-des-donnees.md).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, and_, func, select
from sqlalchemy.orm import aliased

from data.models import (
    OBSERVATION_KEY,
    DataLoad,
    LoadStatus,
    Observation,
    ObservationRollup,
    Partner,
    StoreInfo,
)
from data.rollup import ROLLUPS, is_fresh
from data.version_memo import per_data_version

DEMONSTRATION_KIND = "demonstration"


def latest_publication(connection: Connection) -> dt.date | None:
    """The day of the most recent published load (None when nothing is published).

    The demonstration dataset is dated by its own fictional "as of" day in 2012, not by the day it
    was generated: the note then agrees with the figures beside it.
    """
    row = connection.execute(
        select(func.coalesce(DataLoad.published_at, DataLoad.created_at), DataLoad.kind)
        .where(DataLoad.published.is_(True), DataLoad.status == LoadStatus.ACCEPTED)
        .order_by(func.coalesce(DataLoad.published_at, DataLoad.created_at).desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    moment, kind = row
    if kind == DEMONSTRATION_KIND:
        as_of = connection.scalar(
            select(StoreInfo.value).where(StoreInfo.key == "demonstration_as_of")
        )
        if as_of:
            return dt.date.fromisoformat(as_of)
    return moment.date() if isinstance(moment, dt.datetime) else moment


@per_data_version
def data_date(connection: Connection, today: dt.date | None = None) -> dt.date | None:
    """The data date: the last day the published figures count (None when none is published).

    Read from the monthly summary rows (a few thousand) when they are up to date, else from the
    observations; kept per data version, since only a load, an approval or an undo changes it.
    """
    if is_fresh(connection):
        first = ROLLUPS[0]
        latest = connection.scalar(
            select(func.max(ObservationRollup.latest_end)).where(
                ObservationRollup.grouping == first.grouping,
                ObservationRollup.grain == first.grain,
                ObservationRollup.published.is_(True),
            )
        )
    else:
        latest = connection.scalar(
            select(func.max(Observation.period_end)).where(Observation.published.is_(True))
        )
    if latest is None:
        return None
    if isinstance(latest, str):  # SQLite hands an aggregate of dates back as text
        latest = dt.date.fromisoformat(latest[:10])
    if isinstance(latest, dt.datetime):
        latest = latest.date()
    # A period that ends after today (a yearly figure loaded in its course) counts up to today.
    return min(latest, today or _today(connection))


def _today(connection: Connection) -> dt.date:
    """Today, or the demonstration's own day while the store holds demonstration data (its
    figures are seen from the eve of the colloquium, as its statuses are)."""
    info = dict(
        connection.execute(
            select(StoreInfo.key, StoreInfo.value).where(
                StoreInfo.key.in_(["demonstration", "demonstration_as_of"])
            )
        ).all()
    )
    if info.get("demonstration") == "true" and info.get("demonstration_as_of"):
        return dt.date.fromisoformat(info["demonstration_as_of"])
    return dt.date.today()


def unpublished_loads(connection: Connection, partner_slugs: tuple[str, ...] | None = None) -> int:
    """How many accepted loads wait for approval (all partners when `partner_slugs` is None)."""
    statement = (
        select(func.count())
        .select_from(DataLoad)
        .where(DataLoad.published.is_(False), DataLoad.status == LoadStatus.ACCEPTED)
    )
    if partner_slugs is not None:
        statement = statement.join(Partner, Partner.id == DataLoad.partner_id).where(
            Partner.slug.in_(partner_slugs)
        )
    return int(connection.scalar(statement) or 0)


# Pending values listed one by one on the approval screen; beyond, they are counted.
PENDING_ROWS = 200
BREAKDOWN_COLUMNS = ("territory_code", "profile", "channel", "age_band")


def pending_count(connection: Connection, partner_slugs: tuple[str, ...] | None = None) -> int:
    """How many observations wait for approval (all partners' when `partner_slugs` is None)."""
    statement = (
        select(func.count())
        .select_from(Observation)
        .join(Partner, Partner.id == Observation.partner_id)
        .where(Observation.published.is_(False))
    )
    if partner_slugs is not None:
        statement = statement.where(Partner.slug.in_(partner_slugs))
    return int(connection.scalar(statement) or 0)


def pending_corrections(
    connection: Connection,
    partner_slugs: tuple[str, ...] | None = None,
    load_id: int | None = None,
    limit: int = PENDING_ROWS,
) -> list[dict]:
    """The observations waiting for approval, each with the published value it would replace
    (`old`, None for a new row) and its pending value (`new`): what the approval screen shows
    side by side. All partners' when `partner_slugs` is None; one load's when `load_id` is given.
    At most `limit` rows (the approval screen says how many there are in all)."""
    pending, published = aliased(Observation), aliased(Observation)
    same_key = and_(
        *(getattr(pending, k) == getattr(published, k) for k in OBSERVATION_KEY),
        published.published.is_(True),
    )
    statement = (
        select(
            pending.load_id,
            Partner.slug,
            pending.indicator_code,
            pending.period_start,
            pending.period_end,
            *(getattr(pending, k) for k in BREAKDOWN_COLUMNS),
            published.value.label("old"),
            pending.value.label("new"),
        )
        .join(Partner, Partner.id == pending.partner_id)
        .outerjoin(published, same_key)
        .where(pending.published.is_(False))
        .order_by(pending.load_id, pending.indicator_code, pending.period_start, pending.id)
        .limit(limit)
    )
    if partner_slugs is not None:
        statement = statement.where(Partner.slug.in_(partner_slugs))
    if load_id is not None:
        statement = statement.where(pending.load_id == load_id)
    return [
        {
            "load_id": row.load_id,
            "partner": row.slug,
            "indicator": row.indicator_code,
            "period_start": row.period_start.isoformat(),
            "period_end": row.period_end.isoformat(),
            "breakdown": " · ".join(c for c in row[5 : 5 + len(BREAKDOWN_COLUMNS)] if c),
            "old": row.old,
            "new": row.new,
        }
        for row in connection.execute(statement)
    ]
