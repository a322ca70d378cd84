"""Month arithmetic, as tables of cases: year boundaries, month ends, leap years."""

from __future__ import annotations

import datetime as dt

import pytest

from data import months

D = dt.date


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (D(2012, 1, 1), D(2012, 1, 1), D(2012, 1, 31)),
        (D(2012, 2, 10), D(2012, 2, 1), D(2012, 2, 29)),  # leap year
        (D(2011, 2, 28), D(2011, 2, 1), D(2011, 2, 28)),
        (D(2000, 2, 1), D(2000, 2, 1), D(2000, 2, 29)),  # divisible by 400: leap
        (D(1900, 2, 1), D(1900, 2, 1), D(1900, 2, 28)),  # divisible by 100 only: not leap
        (D(2012, 4, 30), D(2012, 4, 1), D(2012, 4, 30)),
        (D(2012, 12, 31), D(2012, 12, 1), D(2012, 12, 31)),
    ],
)
def test_month_start_and_end(day, start, end):
    assert months.month_start(day) == start
    assert months.month_end(day) == end


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (D(2012, 1, 15), 0, D(2012, 1, 1)),
        (D(2012, 1, 31), 1, D(2012, 2, 1)),  # from a month's last day: no overflow into March
        (D(2012, 11, 30), 1, D(2012, 12, 1)),
        (D(2012, 12, 31), 1, D(2013, 1, 1)),  # year boundary
        (D(2012, 10, 1), 3, D(2013, 1, 1)),
        (D(2012, 1, 1), 12, D(2013, 1, 1)),
        (D(2012, 2, 29), 12, D(2013, 2, 1)),
        (D(2012, 1, 1), 25, D(2014, 2, 1)),
        (D(2012, 1, 1), -1, D(2011, 12, 1)),  # backwards across the year
        (D(2012, 3, 31), -13, D(2011, 2, 1)),
    ],
)
def test_add_months(day, count, expected):
    assert months.add_months(day, count) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2012, 1, 1), D(2012, 1, 31), [D(2012, 1, 1)]),
        (D(2012, 1, 20), D(2012, 3, 1), [D(2012, 1, 1), D(2012, 2, 1), D(2012, 3, 1)]),
        (
            D(2011, 11, 30),
            D(2012, 2, 1),
            [D(2011, 11, 1), D(2011, 12, 1), D(2012, 1, 1), D(2012, 2, 1)],
        ),
        (D(2012, 3, 1), D(2012, 2, 29), []),  # an empty period has no month
        (D(2012, 2, 29), D(2012, 2, 29), [D(2012, 2, 1)]),
    ],
)
def test_month_starts_overlapping_a_period(start, end, expected):
    assert list(months.month_starts(start, end)) == expected


def test_month_spans_cover_each_month_to_its_last_day():
    assert months.month_spans(D(2011, 12, 15), D(2012, 2, 3)) == [
        (D(2011, 12, 1), D(2011, 12, 31)),
        (D(2012, 1, 1), D(2012, 1, 31)),
        (D(2012, 2, 1), D(2012, 2, 29)),
    ]
    assert len(months.month_spans(D(2012, 1, 1), D(2012, 12, 31))) == 12


@pytest.mark.parametrize(
    ("year", "number", "first", "last"),
    [
        (2012, 1, D(2012, 1, 1), D(2012, 3, 31)),
        (2012, 2, D(2012, 4, 1), D(2012, 6, 30)),
        (2012, 3, D(2012, 7, 1), D(2012, 9, 30)),
        (2012, 4, D(2012, 10, 1), D(2012, 12, 31)),
    ],
)
def test_quarter_spans(year, number, first, last):
    assert months.quarter_span(year, number) == (first, last)
    assert months.quarter(first) == months.quarter(last) == number


@pytest.mark.parametrize(
    ("day", "frequency", "expected"),
    [
        (D(2012, 2, 29), "mois", D(2012, 2, 1)),
        (D(2012, 3, 31), "trimestre", D(2012, 1, 1)),
        (D(2012, 4, 1), "trimestre", D(2012, 4, 1)),
        (D(2012, 12, 31), "trimestre", D(2012, 10, 1)),
        (D(2012, 12, 31), "annee", D(2012, 1, 1)),
    ],
)
def test_period_start(day, frequency, expected):
    assert months.period_start(day, frequency) == expected


@pytest.mark.parametrize(
    ("frequency", "start", "following"),
    [
        ("mois", D(2012, 11, 1), D(2012, 12, 1)),
        ("trimestre", D(2012, 10, 1), D(2013, 1, 1)),
        ("annee", D(2012, 1, 1), D(2013, 1, 1)),
    ],
)
def test_the_period_after_one_of_each_frequency(frequency, start, following):
    assert months.period_start(D(2012, 11, 15), frequency) == start
    assert months.add_months(start, months.MONTHS_PER_PERIOD[frequency]) == following


@pytest.mark.parametrize(
    ("start", "end", "count", "whole"),
    [
        (D(2012, 1, 1), D(2012, 1, 31), 1, True),
        (D(2012, 1, 15), D(2012, 1, 31), 1, False),
        (D(2012, 2, 1), D(2012, 2, 28), 1, False),  # 2012 is a leap year: February has 29 days
        (D(2011, 11, 1), D(2012, 2, 29), 4, True),  # across a year boundary
        (D(2012, 1, 31), D(2012, 2, 1), 2, False),
        (D(2012, 1, 1), D(2012, 12, 31), 12, True),
    ],
)
def test_month_count_and_whole_months(start, end, count, whole):
    assert months.month_count(start, end) == count
    assert months.whole_months(start, end) is whole
