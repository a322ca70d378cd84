"""Small youth counts: hidden from the public in every breakdown, with complementary cells hidden
so that a total minus the visible cells gives nothing back; programme managers see them."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import select

from callbacks.context import aggregate_for_viewer
from data import privacy, queries
from data.access import PUBLIC_VIEWER, Viewer
from data.models import Observation, Partner
from data.queries import AggregateRow
from data.store import bump_data_version, transaction

YOUTH = "ssd_jeunes_contributeurs"
OTHER = "paris_coordinateurs_rencontres"


def row(dims: dict[str, str], value: float, indicator: str = YOUTH, period=None) -> AggregateRow:
    return AggregateRow(
        indicator_code=indicator,
        partner_slug="seine-saint-denis",
        period=period,
        dimensions=tuple(dims.items()),
        value=value,
        n=1,
    )


def visible_sum(rows) -> float:
    return sum(r.value for r in rows if not r.suppressed)


def test_a_single_small_cell_is_hidden_with_a_complement_so_the_total_reveals_nothing():
    # Total 3 + 12 + 40 = 55 is shown elsewhere; hiding only the 3 would let 55 - 52 give it back.
    rows = [row({"canal": "sms"}, 3), row({"canal": "web"}, 12), row({"canal": "app"}, 40)]
    result = privacy.suppress(rows, {YOUTH})
    hidden = {r.dimension("canal") for r in result if r.suppressed}
    assert hidden == {"sms", "web"}  # the smallest other cell covers it
    for r in result:
        assert (r.value is None) is r.suppressed
    total = sum(r.value for r in rows)
    assert total - visible_sum(result) == 15  # the two hidden cells together, not either one


def test_zero_and_large_counts_stay_visible_and_other_indicators_are_untouched():
    rows = [row({"canal": "sms"}, 0), row({"canal": "web"}, 5), row({"canal": "app"}, 40)]
    assert not any(r.suppressed for r in privacy.suppress(rows, {YOUTH}))
    other = [row({"canal": "sms"}, 1, OTHER), row({"canal": "web"}, 30, OTHER)]
    assert privacy.suppress(other, {YOUTH}) == other


def test_threshold_is_a_setting():
    rows = [row({"canal": "sms"}, 7), row({"canal": "web"}, 8), row({"canal": "app"}, 40)]
    assert not any(r.suppressed for r in privacy.suppress(rows, {YOUTH}, threshold=5))
    hidden = {
        r.dimension("canal") for r in privacy.suppress(rows, {YOUTH}, threshold=10) if r.suppressed
    }
    assert hidden == {"sms", "web"}


def test_two_way_table_every_row_and_column_hides_none_or_at_least_two():
    values = {
        ("93001", "15-17"): 2,
        ("93001", "18-20"): 30,
        ("93001", "21-25"): 11,
        ("93005", "15-17"): 25,
        ("93005", "18-20"): 9,
        ("93005", "21-25"): 14,
        ("93006", "15-17"): 18,
        ("93006", "18-20"): 22,
        ("93006", "21-25"): 1,
    }
    rows = [row({"territoire": t, "tranche_age": a}, v) for (t, a), v in values.items()]
    result = privacy.suppress(rows, {YOUTH})
    hidden = {
        (r.dimension("territoire"), r.dimension("tranche_age")) for r in result if r.suppressed
    }
    assert ("93001", "15-17") in hidden and ("93006", "21-25") in hidden
    for axis in (0, 1):
        for key, cells in itertools.groupby(
            sorted(values, key=lambda c: c[1 - axis]), key=lambda c: c[1 - axis]
        ):
            count = sum(cell in hidden for cell in cells)
            assert count != 1, (axis, key)


def test_each_period_is_its_own_table():
    rows = [
        row({"canal": "sms"}, 2, period="2012-03-01"),
        row({"canal": "web"}, 20, period="2012-03-01"),
        row({"canal": "sms"}, 30, period="2012-04-01"),
        row({"canal": "web"}, 20, period="2012-04-01"),
    ]
    result = privacy.suppress(rows, {YOUTH})
    assert [r.suppressed for r in result] == [True, True, False, False]


def test_projection_hides_any_sum_that_contains_a_hidden_cell():
    rows = privacy.suppress(
        [row({"canal": "sms"}, 3), row({"canal": "web"}, 12), row({"canal": "app"}, 40)], {YOUTH}
    )
    only_app = privacy.project(rows, {"canal": {"app"}}, by=())
    assert [(r.value, r.suppressed) for r in only_app] == [(40, False)]
    with_sms = privacy.project(rows, {"canal": {"app", "sms"}}, by=())
    assert [(r.value, r.suppressed) for r in with_sms] == [(None, True)]


# --- through the store, as every page reads it


@pytest.fixture
def youth_store(engine):
    """Seine-Saint-Denis' young contributors by channel: 3 by SMS, 12 on the web, 40 on the app."""
    with transaction(engine) as session:
        partner = session.scalar(select(Partner.id).where(Partner.slug == "seine-saint-denis"))
        for channel, value in (("sms", 3), ("web", 12), ("application", 40)):
            session.add(
                Observation(
                    indicator_code=YOUTH,
                    partner_id=partner,
                    period_start=dt.date(2012, 5, 1),
                    period_end=dt.date(2012, 5, 31),
                    channel=channel,
                    value=value,
                    published=True,
                )
            )
        bump_data_version(session)  # as every load does: caches and summaries follow
    return engine


class _Resources:
    cache = None
    cache_prefix = "test"

    class settings:  # noqa: N801 - stands for a Settings object
        small_count_threshold = 5


@pytest.fixture
def request_context(youth_store):
    import flask

    from callbacks.context import EXTENSION_KEY

    server = flask.Flask(__name__)
    server.extensions[EXTENSION_KEY] = _Resources()
    with server.test_request_context("/"):
        yield youth_store


def test_public_breakdown_hides_small_cell_and_its_complement_but_keeps_the_total(request_context):
    engine = request_context
    flt = queries.ObservationFilter(indicators=(YOUTH,))
    with engine.connect() as connection:
        public = aggregate_for_viewer(connection, flt, by=("canal",), viewer=PUBLIC_VIEWER)
        manager = aggregate_for_viewer(
            connection, flt, by=("canal",), viewer=Viewer(role="charge_de_mission")
        )
        total = aggregate_for_viewer(connection, flt, viewer=PUBLIC_VIEWER)
    shown = {r.dimension("canal"): r.value for r in public}
    assert shown == {"application": 40, "sms": None, "web": None}
    assert {r.dimension("canal"): r.value for r in manager} == {
        "application": 40,
        "sms": 3,
        "web": 12,
    }
    assert [r.value for r in total] == [55]
    assert total[0].value - sum(v for v in shown.values() if v is not None) == 15


def test_public_filter_cannot_isolate_a_small_cell(request_context):
    engine = request_context
    with engine.connect() as connection:
        sms = aggregate_for_viewer(
            connection,
            queries.ObservationFilter(indicators=(YOUTH,), channels=("sms",)),
            viewer=PUBLIC_VIEWER,
        )
        web_and_app = aggregate_for_viewer(
            connection,
            queries.ObservationFilter(indicators=(YOUTH,), channels=("web", "application")),
            viewer=PUBLIC_VIEWER,
        )
        app_only = aggregate_for_viewer(
            connection,
            queries.ObservationFilter(indicators=(YOUTH,), channels=("application",)),
            viewer=PUBLIC_VIEWER,
        )
        sms_manager = aggregate_for_viewer(
            connection,
            queries.ObservationFilter(indicators=(YOUTH,), channels=("sms",)),
            viewer=Viewer(role="charge_de_mission"),
        )
    assert [(r.value, r.suppressed) for r in sms] == [(None, True)]
    # total (55) minus web+app would give sms back: web+app is hidden too
    assert [(r.value, r.suppressed) for r in web_and_app] == [(None, True)]
    assert [r.value for r in app_only] == [40]
    assert [r.value for r in sms_manager] == [3]


def test_partner_editors_do_not_see_small_counts(request_context):
    engine = request_context
    editor = Viewer(role="editeur", partner_slug="seine-saint-denis")
    with engine.connect() as connection:
        rows = aggregate_for_viewer(
            connection, queries.ObservationFilter(indicators=(YOUTH,)), by=("canal",), viewer=editor
        )
    assert sum(r.suppressed for r in rows) == 2
