"""Aggregation in SQL, checked against values computed by hand, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, select

from data import queries
from data.models import Observation, Partner

D = dt.date


@pytest.fixture
def small_store(engine):
    """A handful of observations whose aggregates are easy to compute by hand."""
    with engine.connect() as connection:
        ids = dict(connection.execute(select(Partner.slug, Partner.id)).all())

    def obs(code, slug, start, end, value, **dims):
        return {
            "indicator_code": code,
            "partner_id": ids[slug],
            "period_start": start,
            "period_end": end,
            "value": value,
            "territory_code": dims.get("territory", ""),
            "channel": dims.get("channel", ""),
            "age_band": dims.get("age", ""),
            "profile": dims.get("profile", ""),
            "published": dims.get("published", True),
        }

    rows = [
        # additive: 3 + 4 in January (two arrondissements), 5 in February, 2 in April
        obs("paris_sessions_echange", "paris", D(2012, 1, 1), D(2012, 1, 31), 3, territory="75111"),
        obs("paris_sessions_echange", "paris", D(2012, 1, 1), D(2012, 1, 31), 4, territory="75118"),
        obs("paris_sessions_echange", "paris", D(2012, 2, 1), D(2012, 2, 29), 5, territory="75111"),
        obs("paris_sessions_echange", "paris", D(2012, 4, 1), D(2012, 4, 30), 2, territory="75120"),
        # cumulative distinct count: 10 then 25 (two cells each month)
        obs(
            "ssd_jeunes_contributeurs",
            "seine-saint-denis",
            D(2012, 2, 1),
            D(2012, 2, 29),
            6,
            age="15-17",
        ),
        obs(
            "ssd_jeunes_contributeurs",
            "seine-saint-denis",
            D(2012, 2, 1),
            D(2012, 2, 29),
            4,
            age="18-20",
        ),
        obs(
            "ssd_jeunes_contributeurs",
            "seine-saint-denis",
            D(2012, 3, 1),
            D(2012, 3, 31),
            15,
            age="15-17",
        ),
        obs(
            "ssd_jeunes_contributeurs",
            "seine-saint-denis",
            D(2012, 3, 1),
            D(2012, 3, 31),
            10,
            age="18-20",
        ),
        # an unpublished load's value
        obs(
            "paris_sessions_echange",
            "paris",
            D(2012, 5, 1),
            D(2012, 5, 31),
            100,
            territory="75101",
            published=False,
        ),
    ]
    with engine.begin() as connection:
        connection.execute(insert(Observation), rows)
    return engine


def values(rows):
    return {(r.indicator_code, r.period, r.dimensions): r.value for r in rows}


def test_additive_total_over_the_year(small_store):
    with small_store.connect() as connection:
        rows = queries.aggregate(connection, queries.ObservationFilter(partners=("paris",)))
    assert values(rows) == {("paris_sessions_echange", None, ()): 14.0}


def test_cumulative_indicator_keeps_the_latest_period_only(small_store):
    with small_store.connect() as connection:
        rows = queries.aggregate(
            connection, queries.ObservationFilter(indicators=("ssd_jeunes_contributeurs",))
        )
    assert values(rows) == {("ssd_jeunes_contributeurs", None, ()): 25.0}


def test_monthly_and_quarterly_buckets(small_store):
    flt = queries.ObservationFilter(indicators=("paris_sessions_echange",))
    with small_store.connect() as connection:
        months = queries.aggregate(connection, flt, grain="mois")
        quarters = queries.aggregate(connection, flt, grain="trimestre")
        cumulative_q = queries.aggregate(
            connection,
            queries.ObservationFilter(indicators=("ssd_jeunes_contributeurs",)),
            grain="trimestre",
        )
    assert [(r.period, r.value) for r in months] == [
        ("2012-01-01", 7.0),
        ("2012-02-01", 5.0),
        ("2012-04-01", 2.0),
    ]
    assert [(r.period, r.value) for r in quarters] == [("2012-01-01", 12.0), ("2012-04-01", 2.0)]
    assert [(r.period, r.value) for r in cumulative_q] == [("2012-01-01", 25.0)]


def test_breakdown_by_territory_and_filters(small_store):
    flt = queries.ObservationFilter(
        indicators=("paris_sessions_echange",), territories=("75111", "75118")
    )
    with small_store.connect() as connection:
        rows = queries.aggregate(connection, flt, by=("territoire",))
    assert {r.dimension("territoire"): r.value for r in rows} == {"75111": 8.0, "75118": 4.0}


def test_period_filter_is_inclusive(small_store):
    flt = queries.ObservationFilter(start=D(2012, 2, 1), end=D(2012, 4, 1), partners=("paris",))
    with small_store.connect() as connection:
        rows = queries.aggregate(connection, flt)
    assert rows[0].value == 7.0


def test_unpublished_values_only_for_those_allowed(small_store):
    with small_store.connect() as connection:
        public = queries.aggregate(connection, queries.ObservationFilter(partners=("paris",)))
        manager = queries.aggregate(
            connection, queries.ObservationFilter(partners=("paris",), published_only=False)
        )
        editor = queries.aggregate(
            connection,
            queries.ObservationFilter(partners=("paris",), unpublished_partners=("paris",)),
        )
        other_editor = queries.aggregate(
            connection,
            queries.ObservationFilter(partners=("paris",), unpublished_partners=("essonne",)),
        )
    assert public[0].value == 14.0
    assert manager[0].value == editor[0].value == 114.0
    assert other_editor[0].value == 14.0


def test_unknown_grain_or_breakdown_is_refused(small_store):
    with small_store.connect() as connection:
        with pytest.raises(ValueError, match="grain"):
            queries.aggregate(connection, queries.ObservationFilter(), grain="semaine")
        with pytest.raises(ValueError, match="ventilation"):
            queries.aggregate(connection, queries.ObservationFilter(), by=("1; DROP TABLE x",))
