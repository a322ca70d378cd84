"""Status rules: reached, ahead, on track, behind, not defined, no target, no data."""

from __future__ import annotations

import datetime as dt

import pytest

from data.progress import Status, elapsed_fraction, status_for

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
