"""Data quality for the data page: what is loaded, what is missing, which loads failed.

Aggregation stays in SQL (one row per indicator and month); only the calendar arithmetic of
expected periods is done here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from data import rollup
from data.models import Action, ActionStatus, DataLoad, Indicator, Observation, Partner, StoreInfo
from data.months import MONTHS_PER_PERIOD, add_months, period_end, period_start, quarter
from data.observation_filter import period_bucket, visible
from data.reference import YEAR_END, YEAR_START

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


@dataclass(frozen=True)
class Freshness:
    """One indicator of one partner: its last period with data and the expected periods missing."""

    partner_slug: str
    partner_name: str
    indicator_code: str
    indicator_label: str
    frequency: str
    last_period_end: dt.date | None
    missing: tuple[str, ...]  # French labels of the expected periods without data
    not_defined: bool  # the action is still being defined: nothing is expected yet


def reference_date(connection: Connection, today: dt.date | None = None) -> dt.date:
    """The day completeness is judged at: the demonstration's own date, else today (within 2012)."""
    info = dict(connection.execute(select(StoreInfo.key, StoreInfo.value)).all())
    if info.get("demonstration") == "true" and info.get("demonstration_as_of"):
        return dt.date.fromisoformat(info["demonstration_as_of"])
    today = today or dt.date.today()
    return min(max(today, YEAR_START), YEAR_END)


def _period(day: dt.date, frequency: str) -> tuple[dt.date, str]:
    """The start of the period containing `day`, and its French label."""
    first = period_start(day, frequency)
    if frequency == "trimestre":
        return first, f"T{quarter(day)} {day.year}"
    if frequency == "annee":
        return first, str(day.year)
    return first, f"{MONTHS[day.month - 1]} {day.year}"


def _next(start: dt.date, frequency: str) -> dt.date:
    return add_months(start, MONTHS_PER_PERIOD.get(frequency, 1))


def expected_periods(
    start: dt.date, end: dt.date, frequency: str, as_of: dt.date
) -> list[tuple[dt.date, str]]:
    """Periods of `frequency` overlapping [start, end] and fully elapsed at `as_of`."""
    if frequency not in MONTHS_PER_PERIOD:
        return []
    periods = []
    current, _label = _period(start, frequency)
    while current <= end:
        if period_end(current, frequency) > as_of:
            break
        periods.append(_period(current, frequency))
        current = _next(current, frequency)
    return periods


def freshness(
    connection: Connection, as_of: dt.date, published_only: bool = False
) -> list[Freshness]:
    month = period_bucket(Observation.period_start, "mois", connection.dialect.name)
    since = add_months(YEAR_START, -12)
    statement = (
        select(
            Observation.indicator_code,
            month.label("month"),
            func.max(Observation.period_end).label("last_end"),
        )
        .where(Observation.period_start >= since)
        .group_by(Observation.indicator_code, month)
    )
    statement = statement.where(visible(Observation, False, published_only))
    months: dict[str, set[dt.date]] = {}
    last: dict[str, dt.date] = {}
    # The summary rows give the same months and ends without scanning every observation.
    summary = rollup.months_with_data(connection, published_only, since)
    for code, bucket, last_end in connection.execute(statement) if summary is None else summary:
        months.setdefault(code, set()).add(dt.date.fromisoformat(bucket))
        if isinstance(last_end, str):
            last_end = dt.date.fromisoformat(last_end)
        if code not in last or last_end > last[code]:
            last[code] = last_end
    rows = []
    indicators = connection.execute(
        select(
            Indicator.code,
            Indicator.label_fr,
            Indicator.expected_frequency,
            Partner.slug,
            Partner.short_name,
            Action.status,
            Action.start_date,
            Action.end_date,
        )
        .join(Partner, Partner.id == Indicator.partner_id)
        .outerjoin(Action, Action.id == Indicator.action_id)
        .order_by(Partner.sort_order, Indicator.sort_order)
    )
    for row in indicators:
        not_defined = row.status == ActionStatus.NOT_DEFINED.value or row.status == (
            ActionStatus.NOT_DEFINED
        )
        covered = {_period(m, row.expected_frequency)[0] for m in months.get(row.code, set())}
        missing = ()
        if not not_defined:
            start = row.start_date or YEAR_START
            end = min(row.end_date or YEAR_END, YEAR_END)
            missing = tuple(
                label
                for begin, label in expected_periods(start, end, row.expected_frequency, as_of)
                if begin not in covered
            )
        rows.append(
            Freshness(
                partner_slug=row.slug,
                partner_name=row.short_name,
                indicator_code=row.code,
                indicator_label=row.label_fr,
                frequency=row.expected_frequency,
                last_period_end=last.get(row.code),
                missing=missing,
                not_defined=not_defined,
            )
        )
    return rows


def loads(
    connection: Connection,
    partner_slug: str | None = None,
    limit: int = 50,
    load_id: int | None = None,
) -> list[dict]:
    """The latest loads (all of them, one partner's, or one load), most recent first."""
    statement = (
        select(
            DataLoad.id,
            DataLoad.created_at,
            DataLoad.created_by,
            DataLoad.kind,
            DataLoad.file_name,
            DataLoad.file_size,
            DataLoad.file_sha256,
            DataLoad.rows_accepted,
            DataLoad.rows_rejected,
            DataLoad.status,
            DataLoad.message,
            DataLoad.published,
            DataLoad.published_by,
            Partner.slug.label("partner_slug"),
            Partner.short_name.label("partner_name"),
        )
        .outerjoin(Partner, Partner.id == DataLoad.partner_id)
        .order_by(DataLoad.id.desc())
        .limit(limit)
    )
    if partner_slug:
        statement = statement.where(Partner.slug == partner_slug)
    if load_id is not None:
        statement = statement.where(DataLoad.id == load_id)
    return [dict(r._mapping) for r in connection.execute(statement)]
