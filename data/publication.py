"""What the public sees and how recent it is: the record of published loads."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, func, select

from data.models import DataLoad, LoadStatus


def latest_publication(connection: Connection) -> dt.datetime | None:
    """When the most recent published load was approved (None when nothing is published)."""
    return connection.scalar(
        select(func.max(func.coalesce(DataLoad.published_at, DataLoad.created_at))).where(
            DataLoad.published.is_(True), DataLoad.status == LoadStatus.ACCEPTED
        )
    )


def unpublished_loads(connection: Connection, partner_slugs: tuple[str, ...] | None = None) -> int:
    """How many accepted loads wait for approval (all partners when `partner_slugs` is None)."""
    from data.models import Partner

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
