"""Read queries: functions of a connection that build `select()` statements and aggregate in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, func, literal, select
from sqlalchemy.sql import Select

from data import rollup
from data.indicator_record import IndicatorRecord
from data.models import (
    Action,
    Aggregation,
    Category,
    DataLoad,
    DimensionValue,
    Event,
    Indicator,
    Observation,
    Outcome,
    Partner,
    StoreInfo,
    Target,
    Territory,
)
from data.observation_filter import DIMENSION_COLUMNS, check_question, conditions, period_bucket

# The question and the shape of its answer are defined in data.observation_filter; callers keep
# naming them here too, beside `aggregate` (explicit re-exports).
from data.observation_filter import GRAINS as GRAINS
from data.observation_filter import AggregateRow as AggregateRow
from data.observation_filter import ObservationFilter as ObservationFilter
from data.version_memo import per_data_version


def aggregate(
    connection: Connection,
    flt: ObservationFilter,
    grain: str | None = None,
    by: Sequence[str] = (),
) -> list[AggregateRow]:
    """Indicator values per partner, optionally per time bucket and breakdowns, following each
    indicator's aggregation rule: additive ones are summed (or averaged); cumulative ones
    (latest, distinct) keep the latest period's values within each bucket, summed across cells.

    Read from the summary rows (data.rollup) when one fits, else from the raw observations:
    both give the same answer.
    """
    check_question(grain, by)
    rows = rollup.aggregate(connection, flt, grain, by)
    return rows if rows is not None else aggregate_raw(connection, flt, grain, by)


def aggregate_raw(
    connection: Connection,
    flt: ObservationFilter,
    grain: str | None = None,
    by: Sequence[str] = (),
) -> list[AggregateRow]:
    """`aggregate` computed from the raw observations (one SQL GROUP BY)."""
    check_question(grain, by)
    dialect = connection.dialect.name
    bucket = period_bucket(Observation.period_start, grain, dialect) if grain else literal(None)
    dims = [getattr(Observation, DIMENSION_COLUMNS[name]) for name in by]
    base = (
        select(
            Observation.indicator_code,
            Partner.slug.label("partner_slug"),
            bucket.label("bucket"),
            *[d.label(f"dim_{name}") for name, d in zip(by, dims, strict=True)],
            Observation.period_start,
            Observation.value,
            Indicator.aggregation,
        )
        .join(Partner, Partner.id == Observation.partner_id)
        .join(Indicator, Indicator.code == Observation.indicator_code)
        .where(and_(*conditions(Observation, flt.shape)))
    ).subquery("obs")

    group_cols = [base.c.indicator_code, base.c.partner_slug, base.c.bucket] + [
        base.c[f"dim_{name}"] for name in by
    ]
    # Latest period within each (indicator, partner, bucket): cumulative indicators keep only it.
    latest = func.max(base.c.period_start).over(
        partition_by=[base.c.indicator_code, base.c.partner_slug, base.c.bucket]
    )
    ranked = select(base, latest.label("latest_start")).subquery("ranked")
    cumulative = ranked.c.aggregation.in_([Aggregation.LATEST.value, Aggregation.DISTINCT.value])
    keep = (~cumulative) | (ranked.c.period_start == ranked.c.latest_start)
    r_group = [ranked.c[c.name] for c in group_cols]
    value = case(
        (ranked.c.aggregation == Aggregation.MEAN.value, func.avg(ranked.c.value)),
        else_=func.sum(ranked.c.value),
    )
    statement: Select = (
        select(*r_group, value.label("value"), func.count().label("n"))
        .where(keep)
        .group_by(*r_group, ranked.c.aggregation)
        .order_by(*r_group)
    )
    rows = []
    for row in connection.execute(statement, flt.parameters()):
        mapping = row._mapping
        rows.append(
            AggregateRow(
                indicator_code=mapping["indicator_code"],
                partner_slug=mapping["partner_slug"],
                period=mapping["bucket"],
                dimensions=tuple((name, mapping[f"dim_{name}"]) for name in by),
                value=float(mapping["value"]),
                n=int(mapping["n"]),
            )
        )
    return rows


# --- reference data


@per_data_version
def partners(connection: Connection) -> list[dict]:
    return [
        dict(row._mapping)
        for row in connection.execute(
            select(
                Partner.id,
                Partner.slug,
                Partner.name_fr,
                Partner.name_en,
                Partner.short_name,
                Partner.kind,
                Partner.category_code,
                Partner.description_fr,
                Partner.description_en,
                Partner.population,
                Partner.population_source,
                Partner.licence,
            ).order_by(Partner.sort_order)
        )
    ]


def partner(connection: Connection, slug: str) -> dict | None:
    return next((p for p in partners(connection) if p["slug"] == slug), None)


@per_data_version
def indicators(connection: Connection, partner_slug: str | None = None) -> list[IndicatorRecord]:
    """The indicators (of one partner, or all), in catalogue order, as read-only records."""
    statement = (
        select(*Indicator.__table__.c, Partner.slug.label("partner_slug"))
        .join(Partner, Partner.id == Indicator.partner_id)
        .order_by(Indicator.sort_order)
    )
    if partner_slug:
        statement = statement.where(Partner.slug == partner_slug)
    return [IndicatorRecord.from_row(row._mapping) for row in connection.execute(statement)]


@per_data_version
def youth_indicators(connection: Connection) -> dict[str, str]:
    """Codes of the indicators that count young people, with their aggregation rule."""
    statement = select(Indicator.code, Indicator.aggregation).where(Indicator.about_youth.is_(True))
    return {code: Aggregation(rule).value for code, rule in connection.execute(statement)}


@per_data_version
def categories(connection: Connection) -> list[dict]:
    statement = select(*Category.__table__.c).order_by(Category.code)
    return [dict(r._mapping) for r in connection.execute(statement)]


@per_data_version
def actions(connection: Connection, partner_slug: str | None = None) -> list[dict]:
    statement = (
        select(
            Action.id,
            Action.code,
            Action.title_fr,
            Action.title_en,
            Action.status,
            Action.start_date,
            Action.end_date,
            Partner.slug.label("partner_slug"),
        )
        .join(Partner, Partner.id == Action.partner_id)
        .order_by(Partner.sort_order, Action.id)
    )
    if partner_slug:
        statement = statement.where(Partner.slug == partner_slug)
    return [dict(r._mapping) for r in connection.execute(statement)]


@per_data_version
def territories(connection: Connection, partner_slug: str | None = None) -> list[dict]:
    statement = (
        select(
            Territory.code,
            Territory.name,
            Territory.level,
            Territory.population,
            Partner.slug.label("partner_slug"),
        )
        .join(Partner, Partner.id == Territory.partner_id)
        .order_by(Territory.code)
    )
    if partner_slug:
        statement = statement.where(Partner.slug == partner_slug)
    return [dict(r._mapping) for r in connection.execute(statement)]


@per_data_version
def dimension_values(connection: Connection, dimension: str | None = None) -> list[dict]:
    statement = select(*DimensionValue.__table__.c).order_by(DimensionValue.sort_order)
    if dimension:
        statement = statement.where(DimensionValue.dimension == dimension)
    return [dict(row._mapping) for row in connection.execute(statement)]


@per_data_version
def targets(connection: Connection, partner_slug: str | None = None) -> list[dict]:
    statement = select(
        Target.indicator_code,
        Partner.slug.label("partner_slug"),
        Target.period_start,
        Target.period_end,
        Target.value,
    ).join(Partner, Partner.id == Target.partner_id)
    if partner_slug:
        statement = statement.where(Partner.slug == partner_slug)
    return [dict(r._mapping) for r in connection.execute(statement)]


@per_data_version
def events(
    connection: Connection, partner_slug: str | None = None, published_only: bool = True
) -> list[dict]:
    statement = (
        select(
            Event.id,
            Event.kind,
            Event.title,
            Event.event_date,
            Event.place,
            Event.territory_code,
            Event.channel,
            Event.outcomes,
            Action.code.label("action_code"),
            Partner.slug.label("partner_slug"),
        )
        .join(Partner, Partner.id == Event.partner_id)
        .outerjoin(Action, Action.id == Event.action_id)
        .order_by(Event.event_date, Event.id)
    )
    if partner_slug:
        statement = statement.where(Partner.slug == partner_slug)
    if published_only:
        statement = statement.where(Event.published.is_(True))
    return [dict(r._mapping) for r in connection.execute(statement)]


@per_data_version
def outcomes(
    connection: Connection, partner_slug: str | None = None, published_only: bool = True
) -> list[dict]:
    statement = (
        select(
            Outcome.id,
            Outcome.kind,
            Outcome.title,
            Outcome.description,
            Outcome.status,
            Outcome.practice_type,
            Outcome.outcome_date,
            Action.code.label("action_code"),
            Partner.slug.label("partner_slug"),
        )
        .join(Partner, Partner.id == Outcome.partner_id)
        .outerjoin(Action, Action.id == Outcome.action_id)
        .order_by(Outcome.outcome_date, Outcome.id)
    )
    if partner_slug:
        statement = statement.where(Partner.slug == partner_slug)
    if published_only:
        statement = statement.where(Outcome.published.is_(True))
    return [dict(r._mapping) for r in connection.execute(statement)]


@dataclass(frozen=True)
class StoreSummary:
    observations: int
    events: int
    outcomes: int
    indicators: int
    partners: int
    loads: int
    demonstration: bool
    as_of: dt.date | None
    last_load_at: dt.datetime | None


def store_summary(connection: Connection) -> StoreSummary:
    """Counts and facts about the store, in three queries (every page shows some of them)."""

    def count(model):
        return select(func.count()).select_from(model).scalar_subquery()

    info = dict(connection.execute(select(StoreInfo.key, StoreInfo.value)).all())
    as_of = info.get("demonstration_as_of")
    # Counting a million raw rows is a full scan; the summary rows hold the same count.
    observations = rollup.observation_count(connection, info)
    counts = connection.execute(
        select(
            count(Event).label("events"),
            count(Outcome).label("outcomes"),
            count(Indicator).label("indicators"),
            count(Partner).label("partners"),
            count(DataLoad).label("loads"),
            select(func.max(DataLoad.created_at)).scalar_subquery().label("last_load_at"),
            (count(Observation) if observations is None else literal(observations)).label(
                "observations"
            ),
        )
    ).one()
    return StoreSummary(
        observations=int(counts.observations or 0),
        events=int(counts.events or 0),
        outcomes=int(counts.outcomes or 0),
        indicators=int(counts.indicators or 0),
        partners=int(counts.partners or 0),
        loads=int(counts.loads or 0),
        demonstration=info.get("demonstration") == "true",
        as_of=dt.date.fromisoformat(as_of) if as_of else None,
        last_load_at=counts.last_load_at,
    )
