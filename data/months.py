"""Calendar months, as every period of the programme is counted."""

from __future__ import annotations

import calendar
import datetime as dt


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s (before it when negative)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def calendar_period(start: dt.date, end: dt.date) -> str | None:
    """ "mois", "trimestre" or "annee" when [start, end] is exactly one calendar month, quarter
    or year; None for any other span."""
    if start.day != 1 or end != month_end(end):
        return None
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 1:
        return "mois"
    if months == 3 and start.month % 3 == 1:
        return "trimestre"
    if months == 12 and start.month == 1:
        return "annee"
    return None


def bucket_end(first_day: dt.date, grain: str) -> dt.date:
    """The last day of the day/month/quarter/year bucket starting on `first_day`."""
    if grain == "jour":
        return first_day
    length = {"mois": 1, "trimestre": 3, "annee": 12}[grain]
    return add_months(first_day, length) - dt.timedelta(days=1)
