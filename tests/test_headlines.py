"""Headline figures: values read for the viewer, targets for the period, status and trend."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from data import queries
from data.demo_series import AS_OF
from data.headlines import (
    as_of_date,
    headline_figures,
    partner_status,
    sparkline_points,
    target_for_period,
)
from data.models import Aggregation, Observation, Partner
from data.progress import Status, elapsed_fraction
from data.reference import ACTIONS
from data.reference_indicators import INDICATORS

YEAR = (dt.date(2012, 1, 1), dt.date(2012, 12, 31))


def _sum_in_sql(connection, slug: str, code: str, start: dt.date, end: dt.date) -> float:
    statement = (
        select(func.sum(Observation.value))
        .join(Partner, Partner.id == Observation.partner_id)
        .where(
            Partner.slug == slug,
            Observation.indicator_code == code,
            Observation.period_start.between(start, end),
        )
    )
    return float(connection.scalar(statement) or 0)


def test_figures_follow_headline_order_and_sum_the_period(demo_engine):
    with demo_engine.connect() as connection:
        figures = headline_figures(connection, "paris", *YEAR, queries.aggregate)
        indicators = sorted(
            (i for i in queries.indicators(connection, "paris") if i["headline_rank"]),
            key=lambda i: i["headline_rank"],
        )
        assert [f.indicator_code for f in figures] == [i["code"] for i in indicators]
        first = figures[0]
        assert first.aggregation == Aggregation.SUM.value
        assert first.value == pytest.approx(
            _sum_in_sql(connection, "paris", first.indicator_code, *YEAR)
        )
        assert 3 <= len(figures) <= 6


def test_status_compares_the_value_with_steady_progress_at_the_demonstration_date(demo_engine):
    with demo_engine.connect() as connection:
        assert as_of_date(connection, *YEAR) == AS_OF
        figures = headline_figures(connection, "seine-saint-denis", *YEAR, queries.aggregate)
    # Steady progress is expected over the part of the year where the indicator's action runs;
    # an action that has ended owes its whole target.
    spans = {a.code: (a.start, a.end) for a in ACTIONS}
    actions_of = {i.code: i.action for i in INDICATORS}
    for figure in figures:
        action_start, action_end = spans[actions_of[figure.indicator_code]]
        over = action_end < AS_OF
        fraction = 1.0 if over else elapsed_fraction(action_start, action_end, AS_OF)
        assert figure.target is not None
        assert figure.action_over is over
        assert figure.expected == pytest.approx(figure.target * fraction)
        if figure.value >= figure.target:
            assert figure.status is Status.REACHED
        elif over:
            assert figure.status is Status.NOT_REACHED
        elif figure.value < 0.9 * figure.expected:
            assert figure.status is Status.BEHIND
        else:
            assert figure.status in {Status.AHEAD, Status.ON_TRACK}


def test_partner_still_being_defined_is_not_defined_never_zero(demo_engine):
    with demo_engine.connect() as connection:
        figures = headline_figures(connection, "val-de-marne", *YEAR, queries.aggregate)
    assert figures
    assert all(not f.defined and f.value is None for f in figures)
    assert all(f.status is Status.NOT_DEFINED for f in figures)
    assert partner_status(figures) is Status.NOT_DEFINED


def test_a_shorter_period_prorates_additive_targets_and_keeps_levels(demo_engine):
    spring = (dt.date(2012, 3, 1), dt.date(2012, 6, 30))
    with demo_engine.connect() as connection:
        figures = {
            f.indicator_code: f
            for f in headline_figures(connection, "paris", *spring, queries.aggregate)
        }
        whole = {
            f.indicator_code: f
            for f in headline_figures(connection, "paris", *YEAR, queries.aggregate)
        }
    coordinators = figures["paris_coordinateurs_rencontres"]
    assert coordinators.target_prorated
    assert coordinators.target == pytest.approx(20 * 122 / 366)
    assert coordinators.full_target == 20
    assert coordinators.value < whole["paris_coordinateurs_rencontres"].value
    share = figures["paris_part_conseils_touches"]  # a level: the 2012 target stays whole
    assert not share.target_prorated and share.target == 40
    # Steady progress towards the end-of-2012 level from the start of its action (which ends
    # in December), measured on 30 June.
    action = next(
        a
        for a in ACTIONS
        if a.code == next(i.action for i in INDICATORS if i.code == share.indicator_code)
    )
    assert action.start > YEAR[0] and action.end > spring[1]
    span = (action.start, min(action.end, YEAR[1]))
    assert share.expected == pytest.approx(40 * elapsed_fraction(*span, spring[1]))


def test_sparkline_is_a_running_total_for_sums_and_levels_otherwise(demo_engine):
    with demo_engine.connect() as connection:
        figures = {
            f.indicator_code: f
            for f in headline_figures(connection, "paris", *YEAR, queries.aggregate)
        }
    running = figures["paris_coordinateurs_rencontres"].sparkline
    assert [p.month.month for p in running] == list(range(1, AS_OF.month + 1))
    values = [p.value for p in running]
    assert values == sorted(values)  # never decreasing
    assert values[-1] == pytest.approx(figures["paris_coordinateurs_rencontres"].value)
    level = figures["paris_part_conseils_touches"].sparkline
    assert level[-1].value == pytest.approx(figures["paris_part_conseils_touches"].value)


def test_empty_store_gives_no_data_and_no_trend(engine):
    with engine.connect() as connection:
        figures = headline_figures(connection, "essonne", *YEAR, queries.aggregate)
    assert figures
    assert all(f.value is None and f.sparkline == () for f in figures)
    assert {f.status for f in figures} == {Status.NO_DATA}
    assert partner_status(figures) is Status.NO_DATA


def test_suppressed_rows_hide_the_value_and_the_running_total(demo_engine):
    def small_counts_hidden(connection, flt, grain=None, by=()):
        rows = queries.aggregate(connection, flt, grain=grain, by=by)
        return [
            dataclasses.replace(r, value=None, suppressed=True) if r.value < 5 else r for r in rows
        ]

    with demo_engine.connect() as connection:
        figures = {
            f.indicator_code: f
            for f in headline_figures(connection, "essonne", *YEAR, small_counts_hidden)
        }
    workshops = figures["essonne_ateliers_tenus"]  # 2 workshops: a small count
    assert workshops.suppressed and workshops.value is None
    assert workshops.status is Status.NO_DATA
    hidden_from = next(i for i, p in enumerate(workshops.sparkline) if p.suppressed)
    assert all(p.value is None for p in workshops.sparkline[hidden_from:])


def test_target_for_period_without_targets_is_none():
    assert target_for_period([], Aggregation.SUM.value, *YEAR) is None


def test_sparkline_points_with_a_single_month():
    row = queries.AggregateRow("x", "paris", "2012-03-01", (), 7.0, 1)
    points = sparkline_points(
        [row], Aggregation.SUM.value, dt.date(2012, 3, 1), dt.date(2012, 3, 31)
    )
    assert [(p.month, p.value) for p in points] == [(dt.date(2012, 3, 1), 7.0)]
