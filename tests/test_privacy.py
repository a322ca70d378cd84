"""Youth counts as the public and partner editors are given them: only over the grid of whole
calendar months, quarters and the year, one breakdown value at a time; rounded to the base; small
ones (zero included) hidden. Programme managers see every exact value. The whole-interface audit
is tests/test_disclosure_audit.py."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from callbacks.context import aggregate_for_viewer
from data import months, privacy, queries
from data.access import PUBLIC_VIEWER, Viewer
from data.models import Observation, Partner
from data.queries import AggregateRow
from data.store import bump_data_version, transaction

YOUTH = "ssd_jeunes_contributeurs"
OTHER = "paris_coordinateurs_rencontres"
RULES = {YOUTH: "distinct"}


def row(value: float, indicator: str = YOUTH, n: int = 1, period=None) -> AggregateRow:
    return AggregateRow(
        indicator_code=indicator,
        partner_slug="seine-saint-denis",
        period=period,
        dimensions=(("canal", "web"),),
        value=value,
        n=n,
    )


@pytest.mark.parametrize(
    ("value", "threshold", "shown"),
    [
        (0, 5, None),  # zero is hidden too: « < 5 » must not mean "at least 1"
        (1, 5, None),
        (4, 5, None),
        (5, 5, 5),
        (7, 5, 5),
        (8, 5, 10),
        (12, 5, 10),
        (13, 5, 15),
        (412, 5, 410),
        (9, 10, None),
        (14, 10, 10),
        (15, 10, 20),  # halves go up
        (3, 1, 3),  # threshold 1: nothing hidden but below 1, whole numbers
    ],
)
def test_youth_counts_are_rounded_to_the_threshold_and_small_ones_hidden(value, threshold, shown):
    [result] = privacy.protect([row(value)], RULES, threshold)
    assert result.value == shown
    assert result.suppressed is (shown is None)


def test_other_indicators_and_means_are_not_rounded():
    other = row(7, OTHER)
    assert privacy.protect([other], RULES) == [other]
    mean_rules = {YOUTH: "moyenne"}
    assert privacy.protect([row(17.3, n=5)], mean_rules)[0].value == 17.3
    assert privacy.protect([row(17.3, n=4)], mean_rules)[0].suppressed


@pytest.mark.parametrize(
    ("start", "end", "kind"),
    [
        ("2012-03-01", "2012-03-31", "mois"),
        ("2012-02-01", "2012-02-29", "mois"),
        ("2012-04-01", "2012-06-30", "trimestre"),
        ("2012-01-01", "2012-12-31", "annee"),
        ("2012-02-01", "2012-04-30", None),  # three months, not a quarter
        ("2012-01-01", "2012-11-30", None),  # the year to date
        ("2012-03-02", "2012-03-31", None),  # part of a month
        ("2012-03-01", "2012-03-30", None),
        ("2012-07-01", "2013-06-30", None),
    ],
)
def test_calendar_periods_of_the_grid(start, end, kind):
    assert months.calendar_period(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == kind


def flt(start="2012-01-01", end="2012-12-31", **filters) -> queries.ObservationFilter:
    return queries.ObservationFilter(
        start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end), **filters
    )


@pytest.mark.parametrize(
    ("question", "grain", "by", "period", "answered"),
    [
        (flt(), None, (), None, True),
        (flt(), None, ("canal",), None, True),
        (flt(channels=("web",)), None, (), None, True),
        (flt(channels=("web", "sms")), None, (), None, False),  # two values added up
        (flt(channels=("web", "sms")), None, ("canal",), None, True),  # each one alone
        (flt(), None, ("canal", "territoire"), None, False),  # crossed
        (flt(channels=("web",)), None, ("territoire",), None, False),  # crossed by a filter
        (flt("2012-02-01", "2012-04-30"), None, (), None, False),
        (flt("2012-02-01", "2012-04-30"), "mois", (), "2012-03-01", True),
        (flt("2012-02-01", "2012-07-31"), "trimestre", (), "2012-01-01", False),  # cut quarter
        (flt("2012-02-01", "2012-07-31"), "trimestre", (), "2012-04-01", True),
        (flt(), "jour", (), "2012-03-05", False),
        (flt(), "annee", (), "2012-01-01", True),
    ],
)
def test_the_grid_of_questions(question, grain, by, period, answered):
    assert privacy.on_grid(row(10, period=period), question, grain, by) is answered


# --- through the store, as every page reads it


@pytest.fixture
def youth_store(engine):
    """Young contributors by channel in May: 3 by SMS, 12 on the web, 40 on the app; and 9 on
    the web in June."""
    with transaction(engine) as session:
        partner = session.scalar(select(Partner.id).where(Partner.slug == "seine-saint-denis"))
        for month, channel, value in (
            (5, "sms", 3),
            (5, "web", 12),
            (5, "application", 40),
            (6, "web", 9),
        ):
            session.add(
                Observation(
                    indicator_code="ssd_clameurs_publiees",
                    partner_id=partner,
                    period_start=dt.date(2012, month, 1),
                    period_end=dt.date(2012, month, 28),
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
def read(youth_store):
    import flask

    from callbacks.context import EXTENSION_KEY

    server = flask.Flask(__name__)
    server.extensions[EXTENSION_KEY] = _Resources()
    with server.test_request_context("/"), youth_store.connect() as connection:

        def read(viewer, by=(), grain=None, **filters):
            question = flt(**filters)
            question = queries.ObservationFilter(
                **{**question.__dict__, "indicators": ("ssd_clameurs_publiees",)}
            )
            rows = aggregate_for_viewer(connection, question, grain, by, viewer=viewer)
            return {(r.period, r.dimensions): r.value for r in rows}

        yield read


MANAGER = Viewer(role="charge_de_mission")


def test_public_breakdown_is_rounded_and_managers_see_exact_values(read):
    may = {"start": "2012-05-01", "end": "2012-05-31"}
    assert read(PUBLIC_VIEWER, by=("canal",), **may) == {
        (None, (("canal", "application"),)): 40,
        (None, (("canal", "sms"),)): None,
        (None, (("canal", "web"),)): 10,
    }
    assert read(PUBLIC_VIEWER, **may) == {(None, ()): 55}
    assert read(MANAGER, by=("canal",), **may) == {
        (None, (("canal", "application"),)): 40,
        (None, (("canal", "sms"),)): 3,
        (None, (("canal", "web"),)): 12,
    }


def test_overlapping_periods_cannot_be_subtracted(read):
    # May-June (64) minus June (9) would give May (55) back; May-June is no calendar period,
    # so the public is not answered it, while the manager is.
    assert read(PUBLIC_VIEWER, start="2012-05-01", end="2012-06-30") == {}
    assert read(MANAGER, start="2012-05-01", end="2012-06-30") == {(None, ()): 64}
    # The quarter holding both is answered, rounded.
    assert read(PUBLIC_VIEWER, start="2012-04-01", end="2012-06-30") == {(None, ()): 65}


def test_a_filter_cannot_add_up_parts_to_isolate_a_small_one(read):
    may = {"start": "2012-05-01", "end": "2012-05-31"}
    assert read(PUBLIC_VIEWER, channels=("web", "application"), **may) == {}
    assert read(PUBLIC_VIEWER, channels=("sms",), **may) == {(None, ()): None}
    assert read(MANAGER, channels=("sms",), **may) == {(None, ()): 3}


def test_partner_editors_are_protected_like_the_public(read):
    editor = Viewer(role="editeur", partner_slug="seine-saint-denis")
    may = {"start": "2012-05-01", "end": "2012-05-31"}
    assert read(editor, by=("canal",), **may) == read(PUBLIC_VIEWER, by=("canal",), **may)
    assert read(editor, start="2012-05-01", end="2012-06-30") == {}
