"""What the public sees and how recent it is: the record of published loads."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, func, select

from data.models import DataLoad, LoadStatus, Partner, StoreInfo

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
