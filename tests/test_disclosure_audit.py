"""An auditor of what a public visitor can work out about young people by combining answers.

It asks the real public query (`aggregate_for_viewer` with the public viewer: what the explorer,
the partner pages, the headline cards, the presentation mode and the explorer's exports all read)
every question a visitor can build over a grid: every month range of 2012 (so every month,
quarter and the year) for the total and each breakdown, and, over the months, quarters and the
year, the crossed breakdowns and the filters on one or several values. Each answer is read as the
visitor reads it, following docs/disclosure-control.md: « < N » means some whole number from 0 to
N - 1; a multiple of the rounding base means the values that round to it; any other number is
exact. Every answer is then a linear constraint on the unknown counts of the finest cells
(month x place x channel x age band), and an integer program (HiGHS, through scipy) gives, for
every hidden count, the least and the greatest value all the answers allow. A hidden count of
young people whose least and greatest values are equal has been given away.

The data hold many small counts on purpose (0 to 4 in most cells), for a summed indicator, a
cumulative (distinct) one and one broken down by age band only.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from dataclasses import dataclass

import flask
import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp
from sqlalchemy import select

from callbacks.context import EXTENSION_KEY, aggregate_for_viewer
from data import queries
from data.access import PUBLIC_VIEWER
from data.models import Observation, Partner
from data.months import month_end
from data.store import bump_data_version, transaction

THRESHOLD = 5
BASE = 5  # the rounding base the documentation announces: the threshold
MONTHS = range(1, 13)
RANGES = [(first, last) for first in MONTHS for last in MONTHS if first <= last]
GRID = [(m, m) for m in MONTHS] + [(q, q + 2) for q in (1, 4, 7, 10)] + [(1, 12)]

# Breakdown name -> (filter field, values used in the data).
DIMENSIONS = {
    "territoire": ("territories", ("93001", "93048")),
    "canal": ("channels", ("mobile", "web")),
    "tranche_age": ("age_bands", ("15-17", "18-20", "21-25")),
}
COLUMNS = {"territoire": "territory_code", "canal": "channel", "tranche_age": "age_band"}


@dataclass(frozen=True)
class Indicator:
    code: str
    dims: tuple[str, ...]
    cumulative: bool  # 'distinct': a period's value is its latest month's


INDICATORS = (
    Indicator("ssd_clameurs_publiees", ("territoire", "canal", "tranche_age"), False),
    Indicator("ssd_jeunes_contributeurs", ("territoire", "tranche_age"), True),
    Indicator("ssd_jeunes_formes", ("tranche_age",), False),
)

Cell = tuple[int, tuple[str, ...]]  # (month, one code per dimension of the indicator)


def youth_data(indicator: Indicator, seed: int) -> dict[Cell, int]:
    """Small counts in most cells, a few larger ones; cumulative counts never go down; nothing in
    January for the cumulative indicator (a range may have no data)."""
    rng = random.Random(seed)
    codes = [DIMENSIONS[d][1] for d in indicator.dims]
    cells = list(itertools.product(*codes))
    data: dict[Cell, int] = {}
    running = dict.fromkeys(cells, 0)
    for month in MONTHS:
        if indicator.cumulative and month == 1:
            continue
        for cell in cells:
            step = rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 4, 6, 9))
            if indicator.cumulative:
                running[cell] += rng.choice((0, 0, 1))
                data[(month, cell)] = running[cell]
            else:
                data[(month, cell)] = step
    return data


DATA = {ind.code: youth_data(ind, seed) for seed, ind in enumerate(INDICATORS, start=12)}


@pytest.fixture
def youth_store(engine):
    with transaction(engine) as session:
        partner = session.scalar(select(Partner.id).where(Partner.slug == "seine-saint-denis"))
        for indicator in INDICATORS:
            for (month, codes), value in DATA[indicator.code].items():
                start = dt.date(2012, month, 1)
                end = dt.date(2012, month, 28)
                session.add(
                    Observation(
                        indicator_code=indicator.code,
                        partner_id=partner,
                        period_start=start,
                        period_end=end,
                        value=value,
                        published=True,
                        **{COLUMNS[d]: c for d, c in zip(indicator.dims, codes, strict=True)},
                    )
                )
        bump_data_version(session)
    return engine


class _Resources:
    cache = None
    cache_prefix = "audit"

    class settings:  # noqa: N801 - stands for a Settings object
        small_count_threshold = THRESHOLD


@pytest.fixture
def public_reader(youth_store):
    """The public query, inside a request as the pages and the explorer call it."""
    server = flask.Flask(__name__)
    server.extensions[EXTENSION_KEY] = _Resources()
    with server.test_request_context("/"), youth_store.connect() as connection:

        def read(flt, by=()):
            return aggregate_for_viewer(connection, flt, by=by, viewer=PUBLIC_VIEWER)

        yield read


@dataclass(frozen=True)
class Question:
    months: tuple[int, int]
    by: tuple[str, ...]
    selection: tuple[tuple[str, tuple[str, ...]], ...]  # breakdown -> kept values


def questions(indicator: Indicator) -> list[Question]:
    found = []
    for months in RANGES:
        found.append(Question(months, (), ()))
        found += [Question(months, (d,), ()) for d in indicator.dims]
    for months in GRID:
        for size in range(2, len(indicator.dims) + 1):
            found += [
                Question(months, by, ()) for by in itertools.combinations(indicator.dims, size)
            ]
        for d in indicator.dims:
            values = DIMENSIONS[d][1]
            subsets = [s for n in range(1, len(values)) for s in itertools.combinations(values, n)]
            others = tuple(o for o in indicator.dims if o != d)
            for subset in subsets:
                found.append(Question(months, (), ((d, subset),)))
                if others:
                    found.append(Question(months, others[:1], ((d, subset),)))
    return found


def ask(read, indicator: Indicator, question: Question) -> list[queries.AggregateRow]:
    first, last = question.months
    filters = {DIMENSIONS[d][0]: values for d, values in question.selection}
    flt = queries.ObservationFilter(
        start=dt.date(2012, first, 1),
        end=month_end(dt.date(2012, last, 1)),
        indicators=(indicator.code,),
        **filters,
    )
    return read(flt, by=question.by)


def cells_of(indicator: Indicator, question: Question, row) -> frozenset[Cell]:
    """The finest cells an answer adds up (the indicator's aggregation rule, as documented)."""
    selection = dict(question.selection)
    keep = selection | {name: (code,) for name, code in row.dimensions}

    def matches(codes: tuple[str, ...], wanted: dict[str, tuple[str, ...]]) -> bool:
        return all(codes[i] in wanted[d] for i, d in enumerate(indicator.dims) if d in wanted)

    first, last = question.months
    in_range = [c for c in DATA[indicator.code] if first <= c[0] <= last]
    present = [c for c in in_range if matches(c[1], keep)]
    if indicator.cumulative:
        # The latest month with data under the filters, whatever the row's breakdown value.
        latest = max(c[0] for c in in_range if matches(c[1], selection))
        present = [c for c in present if c[0] == latest]
    return frozenset(present)


def interval(row) -> tuple[int, int]:
    """What a visitor knows of an answer's true value, by the published rule."""
    if row.suppressed:
        return 0, THRESHOLD - 1
    value = row.value
    if value >= THRESHOLD and float(value / BASE).is_integer():
        return max(THRESHOLD, math.ceil(value - BASE / 2)), math.ceil(value + BASE / 2) - 1
    return math.ceil(value), math.floor(value)  # shown as is: exact


def bounds(
    cells: list[Cell], constraints: dict[frozenset[Cell], tuple[int, int]], target: frozenset[Cell]
) -> tuple[int, int]:
    """Least and greatest value of the sum of `target` over whole, non-negative cells meeting every
    constraint."""
    index = {cell: i for i, cell in enumerate(cells)}
    matrix = np.zeros((len(constraints), len(cells)))
    lows, highs = [], []
    for k, (members, (low, high)) in enumerate(constraints.items()):
        for cell in members:
            matrix[k, index[cell]] = 1
        lows.append(low)
        highs.append(high)
    objective = np.zeros(len(cells))
    for cell in target:
        objective[index[cell]] = 1
    common = dict(
        constraints=LinearConstraint(matrix, lows, highs),
        integrality=np.ones(len(cells)),
        bounds=Bounds(0, np.inf),
    )
    least = milp(objective, **common)
    greatest = milp(-objective, **common)
    assert least.success and greatest.success, "the answers contradict the published rule"
    return round(least.fun), round(-greatest.fun)


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_no_hidden_count_of_young_people_can_be_derived_from_public_answers(
    public_reader, indicator
):
    truth = DATA[indicator.code]
    constraints: dict[frozenset[Cell], tuple[int, int]] = {}
    hidden: set[frozenset[Cell]] = set()
    shown_exactly_small = []
    misstated = []
    for question in questions(indicator):
        for row in ask(public_reader, indicator, question):
            members = cells_of(indicator, question, row)
            true_value = sum(truth[c] for c in members)
            low, high = interval(row)
            if row.suppressed and true_value >= THRESHOLD:
                # « < N » said of a larger count (a cell hidden to cover another): the visitor
                # only learns that it is hidden.
                misstated.append((question, row.dimensions, true_value))
                low, high = 0, math.inf
            assert low <= true_value <= high, (question, row, true_value)
            if not row.suppressed and row.value < THRESHOLD:
                shown_exactly_small.append((question, row.dimensions, row.value))
            known = constraints.get(members, (0, math.inf))
            constraints[members] = (max(known[0], low), min(known[1], high))
            if row.suppressed:
                hidden.add(members)
    # The grid itself is answered: every month, quarter and the year, for the total and every
    # breakdown value (an auditor of a gate that answers nothing would prove nothing).
    for months in GRID:
        if not any(months[0] <= m <= months[1] for m, _codes in truth):
            continue  # no data in that period
        assert ask(public_reader, indicator, Question(months, (), ())), months
        for d in indicator.dims:
            rows = ask(public_reader, indicator, Question(months, (d,), ()))
            assert {r.dimension(d) for r in rows} == set(DIMENSIONS[d][1]), (months, d)
    # Every small finest cell is protected too, whether or not an answer hides it alone.
    hidden |= {frozenset([c]) for c, v in truth.items() if 0 < v < THRESHOLD}
    assert hidden, "the data must hold small counts for the audit to mean anything"
    cells = sorted(truth)
    derived = []
    for target in sorted(hidden, key=sorted):
        true_value = sum(truth[c] for c in target)
        if true_value == 0:
            continue  # that nobody is counted singles no one out
        least, greatest = bounds(cells, constraints, target)
        assert least <= true_value <= greatest
        if least == greatest:
            derived.append((sorted(target), true_value))
    assert not derived and not shown_exactly_small and not misstated, (
        f"{len(derived)} hidden counts of young people derived exactly from public answers "
        f"(e.g. {derived[:2]}); {len(shown_exactly_small)} small counts shown as they are "
        f"(e.g. {shown_exactly_small[:2]}); {len(misstated)} counts of {THRESHOLD} or more "
        f"shown as « < {THRESHOLD} » (e.g. {misstated[:2]})"
    )
