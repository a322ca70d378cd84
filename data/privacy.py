"""Counts about young people, as a viewer who may not see small counts is given them.

Two rules, applied in one place (`for_viewer`) to every aggregate on its way to such a viewer.

1. A fixed grid of questions. Such a viewer is answered about young people only for a whole
calendar month, quarter or year, and for the total or one breakdown value at a time (one place,
one channel, one age band). Any other question (a range of months that is not one of those
periods, a part of a month, two breakdowns crossed, several values of a breakdown added up) gets
no youth figure: each such answer would be one more equation to combine with the others. Over
the grid, the same few hundred numbers are the only ones ever given, whatever the page.

2. Rounding. Every number of a youth indicator given to such a viewer (a total, a part) is
rounded on its own to a multiple of the rounding base, and a value below the threshold — zero
included — is not given at all (shown « < 5 »). The base is the threshold itself
(DEMOCRATIC_SMALL_COUNT_THRESHOLD, 5 by default), so that the smallest number ever shown, the
base, is also the first value that is not hidden.

Why both, rather than hiding cells table by table: the visitor chooses the table. Two exact
answers whose difference is a hidden cell (two overlapping periods, a total and its visible
parts) give the cell back, whatever each table hides. With every answer rounded, a difference of
answers is only known to within a few units, and a hidden count stays inside an interval of
several possible values; rounding alone is not enough when the visitor may ask many overlapping
questions (rounding intervals, intersected, can close on one value), hence the grid. Zero is
hidden too: were « < 5 » to mean "1 to 4", four hidden cells under a hidden total would each be
proved to be exactly 1. docs/disclosure-control.md states what a determined visitor can and
cannot learn; tests/test_disclosure_audit.py checks it.

Means (indicators averaged, not counted) are not rounded: a mean of fewer observations than the
threshold is hidden instead.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence

from data import queries
from data.models import Aggregation
from data.months import calendar_period, period_end
from data.observation_filter import FIELD_BREAKDOWNS, AggregateRow, ObservationFilter

DEFAULT_THRESHOLD = 5
# Changes whenever what a protected viewer is shown changes for the same data and settings: part
# of the keys of cached pages, so that no page built under an older rule is served again.
RULE = "grid-rounded-v1"


def rounding_base(threshold: int) -> int:
    """The multiple counts are rounded to: the threshold (at least 1)."""
    return max(1, int(threshold))


def _shown(row: AggregateRow, value: float | None) -> AggregateRow:
    # The constructor, not dataclasses.replace: several times faster, on every row of every read.
    return AggregateRow(
        row.indicator_code,
        row.partner_slug,
        row.period,
        row.dimensions,
        value,
        row.n,
        value is None,
    )


def protect(
    rows: Iterable[AggregateRow],
    youth_indicators: Mapping[str, str],
    threshold: int = DEFAULT_THRESHOLD,
) -> list[AggregateRow]:
    """The rows as a protected viewer sees them. `youth_indicators`: code -> aggregation rule
    (`queries.youth_indicators`); other indicators are returned unchanged."""
    base = rounding_base(threshold)
    result = []
    for row in rows:
        rule = youth_indicators.get(row.indicator_code)
        value = row.value
        if rule is None or row.suppressed or value is None:
            result.append(row)
        elif rule == Aggregation.MEAN.value:
            result.append(_shown(row, None) if row.n < threshold else row)
        elif value < threshold:  # small, zero included: « < 5 »
            result.append(_shown(row, None))
        else:
            # The nearest multiple of the base, halves up.
            result.append(_shown(row, float(math.floor(value / base + 0.5) * base)))
    return result


def answer_period(
    period: str | None, flt: ObservationFilter, grain: str | None
) -> tuple[dt.date, dt.date]:
    """The days a row adds up: the question's period, cut to the row's time bucket."""
    if grain is None or period is None:
        return flt.start, flt.end
    first = dt.date.fromisoformat(period)
    return max(first, flt.start), min(period_end(first, grain), flt.end)


def grid_test(
    flt: ObservationFilter, grain: str | None, by: Sequence[str]
) -> Callable[[AggregateRow], bool]:
    """Whether a row of this question's answer is a question of the public grid: a whole
    calendar month, quarter or year, and at most one breakdown value."""
    constrained = set(by)
    for field, name in FIELD_BREAKDOWNS.items():
        values = getattr(flt, field)
        if not values:
            continue
        constrained.add(name)
        if name not in by and len(set(values)) != 1:
            return lambda _row: False  # several values added up
    if len(constrained) > 1:
        return lambda _row: False  # breakdowns crossed
    periods: dict[str | None, bool] = {}  # a few buckets for thousands of rows

    def test(row: AggregateRow) -> bool:
        known = periods.get(row.period)
        if known is None:
            known = calendar_period(*answer_period(row.period, flt, grain)) is not None
            periods[row.period] = known
        return known

    return test


def on_grid(
    row: AggregateRow, flt: ObservationFilter, grain: str | None, by: Sequence[str]
) -> bool:
    return grid_test(flt, grain, by)(row)


def for_viewer(
    connection,
    rows: list[AggregateRow],
    viewer,
    threshold: int,
    flt: ObservationFilter,
    grain: str | None = None,
    by: Sequence[str] = (),
) -> list[AggregateRow]:
    """The one gate every aggregate passes on its way to a viewer: exact for those who may see
    small counts (programme managers); for everyone else (the public, partner editors), youth
    rows off the grid left out and the others rounded."""
    if viewer.sees_small_counts:
        return rows
    youth = queries.youth_indicators(connection)
    if not youth:
        return rows
    test = grid_test(flt, grain, by)
    kept = [r for r in rows if r.indicator_code not in youth or test(r)]
    return protect(kept, youth, threshold)


def youth_withheld(connection, viewer, flt: ObservationFilter, by: Sequence[str] = ()) -> bool:
    """Whether some youth figure of this question is not given to `viewer` (off the grid), so
    that the page can say why rather than leave a blank. When the question's period is on the
    grid, so is every month, quarter or year bucket of it."""
    if viewer.sees_small_counts:
        return False
    if grid_test(flt, None, by)(AggregateRow("", "", None, (), None, 0)):
        return False
    return _youth_in_scope(connection, flt)


def _youth_in_scope(connection, flt: ObservationFilter) -> bool:
    for indicator in queries.indicators(connection):
        if not indicator.about_youth:
            continue
        if flt.indicators and indicator.code not in flt.indicators:
            continue
        if flt.partners and indicator.partner_slug not in flt.partners:
            continue
        if flt.categories and indicator.category_code not in flt.categories:
            continue
        return True
    return False
