"""Summary tables: the observations pre-aggregated by month (and by day), kept exact.

Aggregating a year of a million raw rows takes about a second; the same answer read from the
summary rows takes milliseconds, and their number does not grow with the raw rows (it is bounded
by indicators x months x breakdown values). `queries.aggregate` reads them whenever one fits the
question, and the raw rows otherwise.

They are rebuilt inside the very transaction that changes the facts: `bump_data_version` (called
by every load, undo and approval) marks the session, and the rebuild runs just before it commits.
The data version they were built from is recorded; a reader uses them only when it equals the
store's current version, so a stale summary can never be served.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    Connection,
    Date,
    Engine,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from data.models import Aggregation, Indicator, Observation, ObservationRollup, Partner, StoreInfo
from data.months import month_end, whole_months
from data.observation_filter import (
    BREAKDOWNS,
    DIMENSION_COLUMNS,
    AggregateRow,
    FilterShape,
    ObservationFilter,
    conditions,
    period_bucket,
    visible,
)
from data.version_memo import per_data_version

ROLLUP_VERSION_KEY = "rollup_version"
DATA_VERSION_KEY = "data_version"
CUMULATIVE = (Aggregation.LATEST.value, Aggregation.DISTINCT.value)
ALL_DIMENSIONS = tuple(DIMENSION_COLUMNS)


@dataclass(frozen=True)
class Rollup:
    grain: str  # "mois" or "jour"
    dimensions: tuple[str, ...]  # the breakdowns it keeps

    @property
    def grouping(self) -> str:
        return ",".join(self.dimensions)


# From the smallest to the largest: a question is answered by the first one that fits it.
# The monthly rollup that keeps every breakdown is built first (from the raw rows); the coarser
# monthly ones are built from it, which is much cheaper.
CELLS = Rollup("mois", ALL_DIMENSIONS)
ROLLUPS = (
    Rollup("mois", ()),
    Rollup("mois", ("canal",)),
    Rollup("mois", ("tranche_age",)),
    Rollup("mois", ("profil",)),
    Rollup("mois", ("canal", "tranche_age")),
    Rollup("mois", ("profil", "canal")),
    Rollup("mois", ("profil", "tranche_age")),
    Rollup("mois", ("territoire",)),
    Rollup("mois", ("territoire", "canal")),
    Rollup("mois", ("territoire", "tranche_age")),
    Rollup("mois", ("territoire", "profil")),
    Rollup("jour", ()),
    CELLS,
)
MONTH_GRAINS = (None, "mois", "trimestre", "annee")


# --- building


# What a change touched: for each indicator, the first and last period start of the
# observations it wrote, replaced or took back.
Changes = dict[str, tuple[dt.date, dt.date]]


def changes_of(observations: Iterable[tuple[str, dt.date]]) -> Changes:
    """(indicator, period start) pairs -> the span each indicator's changes cover."""
    changes: Changes = {}
    for code, start in observations:
        first, last = changes.get(code, (start, start))
        changes[code] = (min(first, start), max(last, start))
    return changes


def mark_changed(session: Session, version_before: str, changes: Changes | None = None) -> None:
    """Bring the summary rows up to date just before this session commits (once, whatever the
    calls). `changes`: the indicators whose observations changed and the span of their period
    starts (None: unknown, every summary row is rebuilt; empty: none, as for a load of events).
    Only those indicators' rows for the months of that span are rebuilt, provided the summary
    rows matched the store before this change (`version_before`); otherwise everything is."""
    from sqlalchemy import event

    pending = session.info.get(_SCOPE_KEY, _NOT_PENDING)
    if pending is _NOT_PENDING:
        built_for = session.get(StoreInfo, ROLLUP_VERSION_KEY, populate_existing=True)
        up_to_date = built_for is not None and built_for.value == version_before
        session.info[_SCOPE_KEY] = dict(changes) if up_to_date and changes is not None else None

        def _before_commit(committing: Session) -> None:
            scope = committing.info.pop(_SCOPE_KEY, None)
            committing.flush()
            rebuild(committing.connection(), scope)

        event.listen(session, "before_commit", _before_commit, once=True)
    elif pending is not None:
        merged = None
        if changes is not None:
            merged = changes_of(
                (code, day)
                for span in (pending, changes)
                for code, days in span.items()
                for day in days
            )
        session.info[_SCOPE_KEY] = merged


# (indicator, first day, last day) of summary rows to rebuild.
Span = tuple[str, dt.date, dt.date]
_SCOPE_KEY = "rollup_rebuild_scope"
_NOT_PENDING = object()


def rebuild(connection: Connection, changes: Changes | None = None) -> None:
    """Replace the summary rows from the raw observations, and record the data version they
    match. With `changes`, only the rows of those indicators, for the months their span covers:
    a monthly file for one partner rebuilds a few thousand summary rows, not the whole table."""
    if changes is None:
        spans = [None]
        connection.execute(delete(ObservationRollup))
    else:
        spans = [
            (code, first.replace(day=1), month_end(last))
            for code, (first, last) in sorted(changes.items())
        ]
        r = ObservationRollup
        for code, first, last in spans:
            connection.execute(
                delete(r).where(
                    r.indicator_code == code, r.period_start >= first, r.period_start <= last
                )
            )
    for span in spans:
        for rollup in [CELLS] + [r for r in ROLLUPS if r is not CELLS]:
            from_cells = rollup.grain == "mois" and rollup is not CELLS
            _insert(connection, rollup, from_cells, span)
    if spans and connection.dialect.name == "postgresql":
        # Fresh statistics, or the planner may scan the whole table instead of the index.
        connection.execute(text("ANALYZE observation_rollup"))
    version = (
        connection.scalar(select(StoreInfo.value).where(StoreInfo.key == DATA_VERSION_KEY)) or "0"
    )
    table = StoreInfo.__table__
    if connection.scalar(select(StoreInfo.key).where(StoreInfo.key == ROLLUP_VERSION_KEY)):
        connection.execute(
            table.update().where(table.c.key == ROLLUP_VERSION_KEY).values(value=version)
        )
    else:
        connection.execute(insert(table).values(key=ROLLUP_VERSION_KEY, value=version))


def refresh_if_stale(engine: Engine) -> bool:
    """Rebuild the summary rows if they do not match the store's data (after an upgrade)."""
    with engine.begin() as connection:
        if _versions_match(connection):
            return False
        rebuild(connection)
        return True


def _month_start(column: ColumnElement, dialect: str) -> ColumnElement:
    if dialect == "sqlite":
        return func.strftime("%Y-%m-01", column)
    return cast(func.date_trunc("month", column), Date)


def _source(connection: Connection, rollup: Rollup, from_cells: bool, span: Span | None):
    """The rows a rollup is built from, with the columns of a summary row (only those of one
    indicator over a span of days, when given)."""
    dialect = connection.dialect.name
    if from_cells:
        r = ObservationRollup
        statement = select(
            r.indicator_code,
            r.partner_id,
            r.period_start.label("bucket"),
            r.published,
            r.current,
            *[
                (getattr(r, col) if name in rollup.dimensions else literal("")).label(col)
                for name, col in DIMENSION_COLUMNS.items()
            ],
            r.aggregation,
            r.value_sum,
            r.n_all,
            r.latest_start,
            r.value_latest,
            r.n_latest,
            r.latest_end,
        ).where(r.grouping == CELLS.grouping, r.grain == CELLS.grain)
        return _within(statement, r, span).subquery("source")
    o = Observation
    bucket = o.period_start if rollup.grain == "jour" else _month_start(o.period_start, dialect)
    statement = select(
        o.indicator_code,
        o.partner_id,
        bucket.label("bucket"),
        o.published,
        o.current,
        *[
            (getattr(o, col) if name in rollup.dimensions else literal("")).label(col)
            for name, col in DIMENSION_COLUMNS.items()
        ],
        Indicator.aggregation.label("aggregation"),
        o.value.label("value_sum"),
        literal(1).label("n_all"),
        o.period_start.label("latest_start"),
        o.value.label("value_latest"),
        literal(1).label("n_latest"),
        o.period_end.label("latest_end"),
    ).join(Indicator, Indicator.code == o.indicator_code)
    return _within(statement, o, span).subquery("source")


def _within(statement, table, span: Span | None):
    if span is None:
        return statement
    code, first, last = span
    return statement.where(
        table.indicator_code == code, table.period_start >= first, table.period_start <= last
    )


def _insert(connection: Connection, rollup: Rollup, from_cells: bool, span: Span | None) -> None:
    source = _source(connection, rollup, from_cells, span)
    keys = [
        source.c.indicator_code,
        source.c.partner_id,
        source.c.bucket,
        source.c.published,
        source.c.current,
        *[source.c[col] for col in DIMENSION_COLUMNS.values()],
        source.c.aggregation,
    ]
    target_columns = [
        "grouping",
        "grain",
        "indicator_code",
        "partner_id",
        "period_start",
        "published",
        "current",
        *DIMENSION_COLUMNS.values(),
        "aggregation",
        "value_sum",
        "n_all",
        "latest_start",
        "value_latest",
        "n_latest",
        "latest_end",
    ]
    head = [literal(rollup.grouping), literal(rollup.grain)]
    # Additive indicators: plain sums (the great majority of rows, no window needed).
    additive = (
        select(
            *head,
            *keys,
            func.sum(source.c.value_sum),
            func.sum(source.c.n_all),
            func.max(source.c.latest_start),
            literal(0.0),
            literal(0),
            func.max(source.c.latest_end),
        )
        .where(source.c.aggregation.not_in(CUMULATIVE))
        .group_by(*keys)
    )
    connection.execute(ObservationRollup.__table__.insert().from_select(target_columns, additive))
    # Cumulative indicators: the values at the group's latest date.
    latest = func.max(source.c.latest_start).over(partition_by=keys)
    ranked = (
        select(source, latest.label("group_latest"))
        .where(source.c.aggregation.in_(CUMULATIVE))
        .subquery("ranked")
    )
    rkeys = [ranked.c[k.name] for k in keys]
    at_latest = ranked.c.latest_start == ranked.c.group_latest
    cumulative = select(
        *head,
        *rkeys,
        func.sum(ranked.c.value_sum),
        func.sum(ranked.c.n_all),
        func.max(ranked.c.latest_start),
        func.sum(case((at_latest, ranked.c.value_latest), else_=0.0)),
        func.sum(case((at_latest, ranked.c.n_latest), else_=0)),
        func.max(ranked.c.latest_end),
    ).group_by(*rkeys)
    connection.execute(ObservationRollup.__table__.insert().from_select(target_columns, cumulative))


# --- reading


# Only "fresh" is kept: summary rows built for a data version stay right until it changes,
# while stale ones may be rebuilt (`democratic init-db`) without a change of version.
@per_data_version(keep=bool)
def is_fresh(connection: Connection) -> bool:
    """Whether the summary rows match the store's current data (and may be read)."""
    return _versions_match(connection)


def _versions_match(connection: Connection, store_info: dict[str, str] | None = None) -> bool:
    values = store_info
    if values is None:
        values = dict(
            connection.execute(
                select(StoreInfo.key, StoreInfo.value).where(
                    StoreInfo.key.in_([DATA_VERSION_KEY, ROLLUP_VERSION_KEY])
                )
            ).all()
        )
    return ROLLUP_VERSION_KEY in values and values[ROLLUP_VERSION_KEY] == values.get(
        DATA_VERSION_KEY, "0"
    )


def choose(flt: ObservationFilter, grain: str | None, by: Sequence[str]) -> Rollup | None:
    """The smallest rollup that answers this question exactly, if any."""
    needed = set(by) | {b.name for b in BREAKDOWNS if getattr(flt, b.field)}
    monthly_ok = grain in MONTH_GRAINS and whole_months(flt.start, flt.end)
    for rollup in ROLLUPS:
        if not needed <= set(rollup.dimensions):
            continue
        if rollup.grain == "mois" and not monthly_ok:
            continue
        return rollup
    return None


def aggregate(
    connection: Connection, flt: ObservationFilter, grain: str | None, by: Sequence[str]
) -> list[AggregateRow] | None:
    """`queries.aggregate` answered from the summary rows, or None when none fits or they are
    not up to date (the caller then reads the raw rows)."""
    rollup = choose(flt, grain, by)
    if rollup is None or not is_fresh(connection):
        return None
    statement = _aggregate_statement(connection.dialect.name, rollup, grain, tuple(by), flt.shape)
    parameters = {"grouping": rollup.grouping, "grain": rollup.grain, **flt.parameters()}
    # Columns by position (indicator, partner, bucket, each breakdown, value, n): a protected
    # breakdown reads tables of thousands of rows, and named access costs a lookup per cell.
    names = tuple(by)
    width = len(names)
    return [
        AggregateRow(
            row[0],
            row[1],
            row[2],
            tuple(zip(names, row[3 : 3 + width], strict=True)),
            float(row[3 + width]),
            int(row[4 + width]),
        )
        for row in connection.execute(statement, parameters)
    ]


@functools.lru_cache(maxsize=512)
def _aggregate_statement(
    dialect: str, rollup: Rollup, grain: str | None, by: tuple[str, ...], shape: FilterShape
):
    """The summary query for one shape of question, built once: values come as bound
    parameters. Building this statement (three nested selects) cost more than running it."""
    r = ObservationRollup
    bucket = period_bucket(r.period_start, grain, dialect) if grain else literal(None)
    where = [r.grouping == bindparam("grouping"), r.grain == bindparam("grain")]
    where += conditions(r, shape)
    dims = [getattr(r, DIMENSION_COLUMNS[name]).label(f"dim_{name}") for name in by]
    base = (
        select(
            r.indicator_code,
            Partner.slug.label("partner_slug"),
            bucket.label("bucket"),
            *dims,
            r.aggregation,
            r.value_sum,
            r.n_all,
            r.latest_start,
            r.value_latest,
            r.n_latest,
        )
        .join(Partner, Partner.id == r.partner_id)
        .where(and_(*where))
    ).subquery("summary")
    latest = func.max(base.c.latest_start).over(
        partition_by=[base.c.indicator_code, base.c.partner_slug, base.c.bucket]
    )
    ranked = select(base, latest.label("overall_latest")).subquery("ranked")
    cumulative = ranked.c.aggregation.in_(CUMULATIVE)
    keep = (~cumulative) | (ranked.c.latest_start == ranked.c.overall_latest)
    group = [ranked.c.indicator_code, ranked.c.partner_slug, ranked.c.bucket] + [
        ranked.c[f"dim_{name}"] for name in by
    ]
    value = case(
        (
            ranked.c.aggregation == Aggregation.MEAN.value,
            func.sum(ranked.c.value_sum) / func.sum(ranked.c.n_all),
        ),
        (cumulative, func.sum(ranked.c.value_latest)),
        else_=func.sum(ranked.c.value_sum),
    )
    n = case((cumulative, func.sum(ranked.c.n_latest)), else_=func.sum(ranked.c.n_all))
    return (
        select(*group, value.label("value"), n.label("n"))
        .where(keep)
        .group_by(*group, ranked.c.aggregation)
        .order_by(*group)
    )


def observation_count(
    connection: Connection, store_info: dict[str, str] | None = None
) -> int | None:
    """How many raw observations the store holds, from the summary rows (None if stale).
    `store_info`: the store_info rows when the caller has read them already."""
    if not _versions_match(connection, store_info):
        return None
    coarsest = ROLLUPS[0]
    total = connection.scalar(
        select(func.sum(ObservationRollup.n_all)).where(
            ObservationRollup.grouping == coarsest.grouping,
            ObservationRollup.grain == coarsest.grain,
        )
    )
    return int(total or 0)


def months_with_data(connection: Connection, published_only: bool, since: dt.date):
    """(indicator code, first day of the month as ISO text, latest period end) for every month
    holding observations, from the summary rows; None when they are stale."""
    if not is_fresh(connection):
        return None
    r = ObservationRollup
    statement = (
        select(
            r.indicator_code,
            period_bucket(r.period_start, "mois", connection.dialect.name),
            func.max(r.latest_end),
        )
        .where(
            r.grouping == ROLLUPS[0].grouping,
            r.grain == ROLLUPS[0].grain,
            r.period_start >= since,
        )
        .group_by(r.indicator_code, r.period_start)
    )
    statement = statement.where(visible(r, False, published_only))
    return connection.execute(statement).all()
