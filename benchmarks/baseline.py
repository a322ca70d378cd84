"""The naive baseline, measured in the same run: the same chart computed by loading the rows
into pandas, against the app's own aggregate (SQL, summary tables)."""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select

from data import queries
from data.models import Aggregation, Indicator, Observation, Partner
from data.store import make_engine

CUMULATIVE = {Aggregation.LATEST.value, Aggregation.DISTINCT.value}


@dataclass(frozen=True)
class Baseline:
    chart: str
    naive_ms: float  # rows loaded into pandas, then grouped
    raw_sql_ms: float  # one SQL GROUP BY over the raw rows
    app_ms: float  # what the app does (queries.aggregate)
    rows_loaded: int
    same_result: bool


def naive_monthly(connection, slug: str) -> tuple[dict, int]:
    """A partner's indicators per month, the way a notebook would do it."""
    statement = (
        select(
            Observation.indicator_code,
            Observation.period_start,
            Observation.value,
            Indicator.aggregation,
        )
        .join(Partner, Partner.id == Observation.partner_id)
        .join(Indicator, Indicator.code == Observation.indicator_code)
        .where(Partner.slug == slug, Observation.published.is_(True))
    )
    frame = pd.read_sql(statement, connection)
    frame["bucket"] = pd.to_datetime(frame["period_start"]).dt.to_period("M").dt.start_time
    frame["aggregation"] = frame["aggregation"].astype(str).map(lambda a: getattr(a, "value", a))
    result: dict = {}
    for (code, bucket), group in frame.groupby(["indicator_code", "bucket"]):
        rule = group["aggregation"].iloc[0]
        if rule in CUMULATIVE:
            value = group.loc[group["period_start"] == group["period_start"].max(), "value"].sum()
        elif rule == Aggregation.MEAN.value:
            value = group["value"].mean()
        else:
            value = group["value"].sum()
        result[(code, bucket.date().isoformat())] = float(value)
    return result, len(frame)


def _timed(function, repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), value


def measure(database_url: str, slug: str = "seine-saint-denis", repeat: int = 3) -> Baseline:
    engine = make_engine(database_url)
    flt = queries.ObservationFilter(partners=(slug,))
    try:
        with engine.connect() as connection:
            naive_ms, (naive, loaded) = _timed(lambda: naive_monthly(connection, slug), repeat)
            raw_ms, _ = _timed(lambda: queries.aggregate_raw(connection, flt, "mois"), repeat)
            app_ms, rows = _timed(lambda: queries.aggregate(connection, flt, "mois"), repeat)
    finally:
        engine.dispose()
    ours = {(r.indicator_code, r.period): r.value for r in rows}
    same = ours.keys() == naive.keys() and all(
        math.isclose(ours[k], naive[k], rel_tol=1e-9, abs_tol=1e-9) for k in ours
    )
    return Baseline(
        chart=f"{slug}, indicateurs par mois",
        naive_ms=naive_ms,
        raw_sql_ms=raw_ms,
        app_ms=app_ms,
        rows_loaded=loaded,
        same_result=same,
    )
