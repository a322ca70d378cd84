"""Status rules: reached, ahead, on track, behind, not reached, not defined, no target, no data;
and the one roll-up of several statuses into one."""

from __future__ import annotations

import datetime as dt

import pytest

from data.progress import (
    Status,
    action_is_over,
    elapsed_fraction,
    progress_span,
    roll_up,
    status_for,
)

START, END = dt.date(2012, 1, 1), dt.date(2012, 12, 31)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2011, 12, 31), 0.0),
        (dt.date(2012, 12, 31), 1.0),
        (dt.date(2013, 6, 1), 1.0),
        (dt.date(2012, 7, 1), 183 / 366),
    ],
)
def test_elapsed_fraction(as_of, expected):
    assert elapsed_fraction(START, END, as_of) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "target", "fraction", "defined", "expected"),
    [
        (None, 10, 0.5, False, Status.NOT_DEFINED),
        (0, 10, 0.5, False, Status.NOT_DEFINED),  # undefined wins over any number
        (None, 10, 0.5, True, Status.NO_DATA),
        (7, None, 0.5, True, Status.NO_TARGET),
        (10, 10, 0.5, True, Status.REACHED),
        (6, 10, 0.5, True, Status.AHEAD),
        (5, 10, 0.5, True, Status.ON_TRACK),
        (4.6, 10, 0.5, True, Status.ON_TRACK),
        (3, 10, 0.5, True, Status.BEHIND),
        (0, 10, 0.0, True, Status.ON_TRACK),  # nothing expected yet
    ],
)
def test_status_rules(value, target, fraction, defined, expected):
    assert status_for(value, target, fraction, defined=defined) == expected


def test_lower_is_better():
    assert status_for(8, 10, 1.0, higher_is_better=False) == Status.REACHED
    assert status_for(12, 10, 1.0, higher_is_better=False) == Status.BEHIND


# The one rule for an indicator, as a table of cases (docs/statuts.md says it in words):
# value, target, share of the action's time elapsed, action over?, expected status.
@pytest.mark.parametrize(
    ("value", "target", "fraction", "over", "expected"),
    [
        # Reached is reached, whether the action runs or is over.
        (30, 30, 0.4, False, Status.REACHED),
        (31, 30, 1.0, True, Status.REACHED),
        # An action that has ended below its target has missed it: never « dans les temps »,
        # however close (26 out of 30 for an action that ended in June).
        (26, 30, 1.0, True, Status.NOT_REACHED),
        (29.9, 30, 1.0, True, Status.NOT_REACHED),
        (0, 30, 1.0, True, Status.NOT_REACHED),
        # A running action is judged against steady progress at the data date, ±10 %.
        (9, 12, 1.0, False, Status.BEHIND),  # 9 out of 12 when 12 were expected
        (8, 10, 0.95, False, Status.BEHIND),  # 8 out of 10 when 9.5 were expected
        (11, 12, 0.95, False, Status.ON_TRACK),  # 11 when 11.4 were expected
        (10.3, 12, 0.95, False, Status.ON_TRACK),  # 10 % under 11.4, still on track
        (10.2, 12, 0.95, False, Status.BEHIND),  # just over 10 % under
        (7, 12, 0.5, False, Status.AHEAD),  # 7 when 6 were expected
        (0, 12, 0.0, False, Status.ON_TRACK),  # nothing expected yet
        # Nothing to compare with.
        (26, None, 1.0, True, Status.NO_TARGET),
        (None, 30, 1.0, True, Status.NO_DATA),
    ],
)
def test_one_rule_for_an_indicator(value, target, fraction, over, expected):
    assert status_for(value, target, fraction, action_over=over) is expected


def test_lower_is_better_when_the_action_is_over():
    assert status_for(8, 10, 1.0, higher_is_better=False, action_over=True) is Status.REACHED
    assert status_for(12, 10, 1.0, higher_is_better=False, action_over=True) is (Status.NOT_REACHED)


def test_not_defined_wins_even_when_the_action_is_over():
    assert status_for(None, 10, 1.0, defined=False, action_over=True) is Status.NOT_DEFINED


# The one roll-up, for a partner's indicators and for the programme's partners.
R, A, OK, B, N = (Status.REACHED, Status.AHEAD, Status.ON_TRACK, Status.BEHIND, Status.NOT_REACHED)
ND, NT, NDATA = Status.NOT_DEFINED, Status.NO_TARGET, Status.NO_DATA


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        # Paris as the issue saw it: two on track or reached key figures, two late elsewhere.
        ([R, R, OK, B, B], B),
        # One late indicator among many reached ones is enough: never « dans les temps ».
        ([R, R, R, R, B], B),
        ([R, A, OK, N], B),  # an ended action below its target counts as a delay
        ([N], B),
        ([R, OK, NT, NDATA], OK),  # otherwise the weakest of those with a target
        ([R, A], A),
        ([R, R, NT], R),  # Essonne: both targeted figures met
        ([NT, NT], NT),
        ([NDATA, NT], NT),
        ([NDATA, ND], NDATA),
        ([ND, ND], ND),
        ([], ND),
        # Indicators still being defined do not hide a delay on the others.
        ([ND, ND, B], B),
        # The programme: partners' roll-ups rolled up again by the same rule.
        ([B, R, ND, OK], B),
        ([OK, R, ND, A], OK),
    ],
)
def test_one_roll_up_for_partners_and_the_programme(statuses, expected):
    assert roll_up(statuses) is expected


def test_progress_span_follows_the_action():
    year = (dt.date(2012, 1, 1), dt.date(2012, 12, 31))
    june = dt.date(2012, 6, 29)
    assert progress_span(*year) == year
    assert progress_span(*year, dt.date(2012, 1, 16), june) == (dt.date(2012, 1, 16), june)
    # An action wholly outside the target's span keeps the target's span.
    assert progress_span(*year, dt.date(2013, 1, 1), dt.date(2013, 6, 30)) == year
    assert action_is_over(june, dt.date(2012, 11, 30))
    assert not action_is_over(june, june)
    assert action_is_over(None, june, done=True)
    assert not action_is_over(None, june)
