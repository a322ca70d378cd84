"""The question asked of the data, defined once: its fields, its conditions, its visibility."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from data.access import Viewer
from data.models import Observation, ObservationRollup, Partner, Role
from data.observation_filter import (
    BREAKDOWN_FIELDS,
    BREAKDOWN_NAMES,
    LIST_FIELDS,
    ObservationFilter,
    conditions,
)
from data.reference import BREAKDOWN_DIMENSIONS
from layouts import explorer_state
from layouts.explorer_state import Allowed, ExplorerState

EVERYTHING = ObservationFilter(
    start=dt.date(2012, 3, 1),
    end=dt.date(2012, 5, 31),
    partners=("paris",),
    categories=("cat",),
    indicators=("ind",),
    territories=("75056",),
    profiles=("elu",),
    channels=("web",),
    age_bands=("15-17",),
    unpublished_partners=("essonne",),
)


def _bound_names(table, flt: ObservationFilter) -> set[str]:
    statement = (
        select(table.indicator_code)
        .join(Partner, Partner.id == table.partner_id)
        .where(*conditions(table, flt.shape))
    )
    return set(statement.compile().params)


@pytest.mark.parametrize("table", [Observation, ObservationRollup])
@pytest.mark.parametrize(
    "flt",
    [
        EVERYTHING,
        ObservationFilter(),
        ObservationFilter(channels=("web",), published_only=False),
        dataclasses.replace(EVERYTHING, unpublished_partners=()),
    ],
)
def test_every_condition_on_either_table_has_its_value(table, flt):
    """The raw observations and the summary rows are asked with the same bound parameters, and
    the filter gives a value to each (no more, no fewer)."""
    assert _bound_names(table, flt) == set(flt.parameters())


def test_the_shape_names_the_fields_set_and_the_visibility_rule():
    shape = EVERYTHING.shape
    assert shape.lists == LIST_FIELDS
    assert shape.published_only and shape.with_unpublished
    assert ObservationFilter(published_only=False, unpublished_partners=("x",)).shape == (
        (),
        False,
        False,
        False,
    )


def test_the_pending_question_is_the_same_rule_narrowed_to_pending_rows():
    insider = ObservationFilter(unpublished_partners=("paris",))
    assert insider.shows_pending and not ObservationFilter().shows_pending
    assert ObservationFilter(published_only=False).shows_pending
    pending = insider.pending()
    assert pending.shape.pending_only and pending.shape.with_unpublished
    assert pending.as_key() != insider.as_key()  # never answered from the other's cache entry
    public = pending.as_published()
    assert public == ObservationFilter()  # the public's question, whatever it came from


def test_every_list_of_breakdowns_is_the_filters():
    assert BREAKDOWN_DIMENSIONS == BREAKDOWN_NAMES == explorer_state.BREAKDOWNS


def test_list_fields_are_the_filters_own_fields():
    tuples = [
        f.name
        for f in dataclasses.fields(ObservationFilter)
        if f.type == "tuple[str, ...]" and f.name != "unpublished_partners"
    ]
    assert tuple(tuples) == LIST_FIELDS
    assert set(BREAKDOWN_FIELDS.values()) < set(LIST_FIELDS)


def test_the_explorer_state_has_every_list_field_and_builds_the_filter():
    values = {name: (f"code-{name}",) for name in LIST_FIELDS}
    state = ExplorerState(**values)
    flt = state.observation_filter()
    assert {name: getattr(flt, name) for name in LIST_FIELDS} == values
    assert {f.name for f in dataclasses.fields(Allowed)} == set(LIST_FIELDS)


@pytest.mark.parametrize(
    ("viewer", "published_only", "unpublished"),
    [
        (Viewer(), True, ()),
        (Viewer(role=Role.PARTNER_EDITOR.value, partner_slug="essonne"), True, ("essonne",)),
        (Viewer(role=Role.PROGRAMME_MANAGER.value), False, ()),
    ],
)
def test_a_viewer_sees_what_their_role_allows(viewer, published_only, unpublished):
    flt = EVERYTHING.for_viewer(viewer)
    assert (flt.published_only, flt.unpublished_partners) == (published_only, unpublished)
    assert flt.partners == EVERYTHING.partners  # the question itself is unchanged


def test_the_scope_keeps_only_the_period_and_the_visibility():
    scope = EVERYTHING.scope(end=dt.date(2012, 6, 30))
    assert scope == ObservationFilter(
        start=EVERYTHING.start, end=dt.date(2012, 6, 30), unpublished_partners=("essonne",)
    )
