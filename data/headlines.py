"""A partner's headline figures: value, target, what was expected by now, status and trend.

Shared by the partner pages, the programme overview and the colloquium's presentation mode.
Aggregates are read through a reader handed in by the caller (the web layer passes
`callbacks.context.aggregate_for_viewer`), so that publication rules and small-count suppression
are applied for the current viewer and this module stays free of any web framework.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from data import queries, target_history
from data.indicator_record import IndicatorWords
from data.models import ActionStatus, Aggregation, StoreInfo
from data.months import month_starts
from data.progress import (
    LATE,
    Status,
    action_is_over,
    elapsed_fraction,
    expected_value,
    progress_span,
    roll_up,
    status_for,
)
from data.version_memo import per_data_version

# (connection, filter, grain=None, by=()) -> rows, e.g. callbacks.context.aggregate_for_viewer.
AggregateReader = Callable[..., list[queries.AggregateRow]]

MAX_FIGURES = 6


@dataclass(frozen=True)
class SparkPoint:
    month: dt.date  # first day of the month
    value: float | None  # None when suppressed for this viewer
    suppressed: bool = False


@dataclass(frozen=True)
class HeadlineFigure(IndicatorWords):
    """One headline figure of one partner over one period; the labels come in both languages."""

    indicator_code: str
    partner_slug: str
    label_fr: str
    label_en: str
    definition_fr: str
    definition_en: str
    unit_fr: str
    unit_en: str
    aggregation: str
    higher_is_better: bool
    value: float | None  # None: no data, not defined, or suppressed
    target: float | None  # the target for the period shown (pro rata for additive indicators)
    full_target: float | None  # the target as set (usually for the whole of 2012)
    target_prorated: bool
    expected: float | None  # what steady progress towards the target would give by `as_of`
    status: Status
    defined: bool  # False when the indicator's action is still being defined
    suppressed: bool = False  # a small count about young people hidden from this viewer
    sparkline: tuple[SparkPoint, ...] = field(default_factory=tuple)
    headline_rank: int | None = None  # its place among the partner's key figures, if one
    action_over: bool = False  # its action has ended (then a target not reached is missed)

    @property
    def is_count(self) -> bool:
        """A count of people or things (every unit but shares and means): whole units."""
        return not self.is_share and self.aggregation != Aggregation.MEAN.value

    @property
    def is_late(self) -> bool:
        return self.status in LATE

    @property
    def progress(self) -> float | None:
        """Value as a fraction of the target (1.0 = target reached), None without both."""
        if self.value is None or not self.target:
            return None
        return self.value / self.target


def as_of_date(connection: Connection, start: dt.date, end: dt.date) -> dt.date:
    """The date progress is measured at: the demonstration's own date when the store holds
    demonstration data (it is seen from the eve of the colloquium), else today; clipped to the
    period so that a past period counts as complete and a future one as not started."""
    stored = _store_info(connection, "demonstration_as_of")
    as_of = dt.date.fromisoformat(stored) if stored else dt.date.today()
    return min(max(as_of, start), end)


def is_demonstration(connection: Connection) -> bool:
    """True when the store holds the demonstration dataset (said on every chart's source line)."""
    return _store_info(connection, "demonstration") == "true"


@per_data_version
def _store_info(connection: Connection, key: str) -> str | None:
    return connection.scalar(select(StoreInfo.value).where(StoreInfo.key == key))


def _overlap_days(a_start: dt.date, a_end: dt.date, b_start: dt.date, b_end: dt.date) -> int:
    return max(0, (min(a_end, b_end) - max(a_start, b_start)).days + 1)


@dataclass(frozen=True)
class PeriodTarget:
    value: float  # the target for the period shown
    full_value: float  # the target as set
    prorated: bool
    # The span over which steady progress is expected: the period shown for a prorated sum, the
    # target's own period for a level (a share of councils reached by the end of 2012).
    start: dt.date
    end: dt.date


def target_for_period(
    targets: Sequence[dict], aggregation: str, start: dt.date, end: dt.date
) -> PeriodTarget | None:
    """The target that applies to [start, end], from the indicator's targets (None if none).

    Additive indicators (sums) get the overlapping share of each target, pro rata of days; levels
    (latest value, distinct people, mean) keep the target of the period that contains `end`.
    """
    overlapping = [
        t for t in targets if _overlap_days(t["period_start"], t["period_end"], start, end)
    ]
    if not overlapping:
        return None
    if aggregation == Aggregation.SUM.value:
        total = 0.0
        prorated = False
        for t in overlapping:
            days = (t["period_end"] - t["period_start"]).days + 1
            share = _overlap_days(t["period_start"], t["period_end"], start, end) / days
            prorated = prorated or share < 1
            total += t["value"] * share
        full = sum(t["value"] for t in overlapping)
        return PeriodTarget(total, full, prorated, start, end)
    covering = [t for t in overlapping if t["period_start"] <= end <= t["period_end"]]
    chosen = (covering or overlapping)[-1]
    return PeriodTarget(
        chosen["value"], chosen["value"], False, chosen["period_start"], chosen["period_end"]
    )


def sparkline_points(
    rows: Sequence[queries.AggregateRow], aggregation: str, start: dt.date, as_of: dt.date
) -> tuple[SparkPoint, ...]:
    """Monthly trend points up to `as_of`: a running total for additive indicators (the road to
    the target), the month's level for the others. Months without data are skipped for levels."""
    by_month = {dt.date.fromisoformat(r.period): r for r in rows if r.period}
    if not by_month:
        return ()  # no data: no trend (a flat line at zero would claim a value)
    points: list[SparkPoint] = []
    if aggregation == Aggregation.SUM.value:
        running = 0.0
        hidden = False
        for month in month_starts(start, as_of):
            row = by_month.get(month)
            if row is not None and row.suppressed:
                hidden = True
            elif row is not None and row.value is not None:
                running += row.value
            # Once one month is hidden, the running total would reveal it: hide the rest too.
            points.append(SparkPoint(month, None if hidden else running, hidden))
        return tuple(points)
    for month in month_starts(start, as_of):
        row = by_month.get(month)
        if row is not None:
            points.append(SparkPoint(month, row.value, row.suppressed))
    return tuple(points)


def headline_figures(
    connection: Connection,
    partner_slug: str,
    start: dt.date,
    end: dt.date,
    read: AggregateReader,
    *,
    as_of: dt.date | None = None,
    limit: int = MAX_FIGURES,
    headlines_only: bool = True,
) -> list[HeadlineFigure]:
    """The partner's headline figures over [start, end], in headline order (at most `limit`);
    with `headlines_only=False`, every indicator of the partner, in catalogue order."""
    if headlines_only:
        indicators = sorted(
            (
                i
                for i in queries.indicators(connection, partner_slug)
                if i.headline_rank is not None
            ),
            key=lambda i: i.headline_rank,
        )[:limit]
    else:
        indicators = queries.indicators(connection, partner_slug)
    if not indicators:
        return []
    as_of = as_of_date(connection, start, end) if as_of is None else min(max(as_of, start), end)
    codes = tuple(i.code for i in indicators)
    actions = {a["id"]: a for a in queries.actions(connection, partner_slug)}
    all_targets = target_history.targets_on(connection, partner_slug, as_of)  # then in force
    flt = queries.ObservationFilter(
        start=start, end=end, partners=(partner_slug,), indicators=codes
    )
    totals = {r.indicator_code: r for r in read(connection, flt)}
    monthly: dict[str, list[queries.AggregateRow]] = {}
    for row in read(connection, flt, "mois"):
        monthly.setdefault(row.indicator_code, []).append(row)

    figures = []
    for indicator in indicators:
        code = indicator.code
        aggregation = indicator.aggregation
        action = actions.get(indicator.action_id) or {}
        defined = action.get("status") != ActionStatus.NOT_DEFINED
        total = totals.get(code)
        suppressed = bool(total and total.suppressed)
        value = None if total is None or suppressed else total.value
        applicable = target_for_period(
            [t for t in all_targets if t["indicator_code"] == code], aggregation, start, end
        )
        # Data entered for an action still being defined is shown; without data it is "not
        # defined", never zero.
        is_defined = defined or value is not None
        target = applicable.value if applicable else None
        # An action marked done without an end date is over; one with dates is over once its end
        # date has passed on the date progress is measured at (so a past period is judged as it
        # stood then).
        over = action_is_over(
            action.get("end_date"),
            as_of,
            done=action.get("status") == ActionStatus.DONE and action.get("end_date") is None,
        )
        fraction = 1.0
        if applicable:
            span = progress_span(
                applicable.start, applicable.end, action.get("start_date"), action.get("end_date")
            )
            fraction = 1.0 if over else elapsed_fraction(*span, as_of)
        expected = expected_value(target, fraction) if target is not None else None
        status = status_for(
            value,
            target,
            fraction,
            defined=is_defined,
            higher_is_better=indicator.higher_is_better,
            action_over=over,
        )
        figures.append(
            HeadlineFigure(
                indicator_code=code,
                partner_slug=partner_slug,
                label_fr=indicator.label_fr,
                label_en=indicator.label_en,
                definition_fr=indicator.definition_fr,
                definition_en=indicator.definition_en,
                unit_fr=indicator.unit_fr,
                unit_en=indicator.unit_en,
                aggregation=aggregation,
                higher_is_better=indicator.higher_is_better,
                value=value,
                target=target,
                full_target=applicable.full_value if applicable else None,
                target_prorated=bool(applicable and applicable.prorated),
                expected=expected,
                status=status,
                defined=is_defined,
                suppressed=suppressed,
                sparkline=sparkline_points(monthly.get(code, []), aggregation, start, as_of),
                headline_rank=indicator.headline_rank,
                action_over=over,
            )
        )
    return figures


def key_figures(
    figures: Sequence[HeadlineFigure], limit: int = MAX_FIGURES
) -> list[HeadlineFigure]:
    """The partner's key figures among all its figures, in headline order (at most `limit`)."""
    ranked = [f for f in figures if f.headline_rank is not None]
    return sorted(ranked, key=lambda f: f.headline_rank)[:limit]


def partner_status(figures: Sequence[HeadlineFigure]) -> Status:
    """One status for a partner, by the single roll-up rule (data.progress.roll_up). Pass every
    indicator of the partner, not only its key figures: a delay on any of them must show."""
    return roll_up(f.status for f in figures)


def late_figures(figures: Sequence[HeadlineFigure]) -> list[HeadlineFigure]:
    """The figures that are late (behind, or an ended action below its target)."""
    return [f for f in figures if f.is_late]
