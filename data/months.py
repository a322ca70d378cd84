"""Calendar months and quarters, as every period of the programme is counted.

The one place for month arithmetic (first and last day, stepping by months, quarters): the
headline figures, the data-quality report, the demonstration data and the period controls all
call these rather than re-deriving `month + 1` and `% 12`. The standard library's `calendar`
knows month lengths and leap years; the rest is the year-and-month carry.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

# How many months each period frequency spans (as stored in `Indicator.expected_frequency`).
MONTHS_PER_PERIOD = {"mois": 1, "trimestre": 3, "annee": 12}


def month_start(day: dt.date) -> dt.date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, count: int) -> dt.date:
    """The first day of the month `count` months after `day`'s (before it if negative)."""
    years, month_index = divmod(day.month - 1 + count, 12)
    return dt.date(day.year + years, month_index + 1, 1)


def month_count(start: dt.date, end: dt.date) -> int:
    """How many calendar months [start, end] touches (0 or less when end is before start's
    month)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def whole_months(start: dt.date, end: dt.date) -> bool:
    """Whether [start, end] begins on a first and ends on a last day of a month."""
    return start == month_start(start) and end == month_end(end)


def month_starts(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """The first day of every month overlapping [start, end], in order (none if end < start)."""
    current = month_start(start)
    while current <= end:
        yield current
        current = add_months(current, 1)


def month_spans(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """(first day, last day) of every month overlapping [start, end]."""
    return [(first, month_end(first)) for first in month_starts(start, end)]


def quarter(day: dt.date) -> int:
    """The quarter (1 to 4) `day` falls in."""
    return (day.month - 1) // 3 + 1


def quarter_span(year: int, number: int) -> tuple[dt.date, dt.date]:
    """First and last day of quarter `number` (1 to 4) of `year`."""
    first = dt.date(year, 3 * number - 2, 1)
    return first, month_end(add_months(first, 2))


def period_start(day: dt.date, frequency: str) -> dt.date:
    """The first day of the month, quarter or year (`frequency`) containing `day`."""
    if frequency == "annee":
        return dt.date(day.year, 1, 1)
    if frequency == "trimestre":
        return quarter_span(day.year, quarter(day))[0]
    return month_start(day)


def period_end(first_day: dt.date, frequency: str) -> dt.date:
    """The last day of the day, month, quarter or year bucket starting on `first_day` (quarters
    start in January, April, July or October, as the SQL buckets cut them)."""
    if frequency not in MONTHS_PER_PERIOD:
        return first_day
    return add_months(first_day, MONTHS_PER_PERIOD[frequency]) - dt.timedelta(days=1)


def calendar_period(start: dt.date, end: dt.date) -> str | None:
    """ "mois", "trimestre" or "annee" when [start, end] is exactly one calendar month, quarter
    or year; None for any other span."""
    if not whole_months(start, end):
        return None
    months = month_count(start, end)
    for frequency, length in MONTHS_PER_PERIOD.items():
        if months == length and (start.month - 1) % length == 0:
            return frequency
    return None
