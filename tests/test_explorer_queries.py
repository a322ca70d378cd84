"""The explorer's queries: facets, table rows and per-inhabitant values, checked against values
computed by hand on a small store, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, select

from data import explorer, queries
from data.models import Observation, Partner

D = dt.date


@pytest.fixture
def small_store(engine):
    with engine.connect() as connection:
        ids = dict(connection.execute(select(Partner.slug, Partner.id)).all())

    def obs(code, slug, month, value, published=True, **dims):
        start = D(2012, month, 1)
        end = D(2012, month + 1, 1) - dt.timedelta(days=1)
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
            "published": published,
        }

    rows = [
        # Paris, additive: 75111 -> 3 + 5 = 8, 75118 -> 4, 75120 -> 2; total 14.
        obs("paris_sessions_echange", "paris", 1, 3, territory="75111"),
        obs("paris_sessions_echange", "paris", 1, 4, territory="75118"),
        obs("paris_sessions_echange", "paris", 2, 5, territory="75111"),
        obs("paris_sessions_echange", "paris", 4, 2, territory="75120"),
        # Paris, by channel: presentiel 30 + 10 = 40, distanciel 20.
        obs("paris_participants_hybrides", "paris", 3, 30, territory="75111", channel="presentiel"),
        obs("paris_participants_hybrides", "paris", 3, 20, territory="75111", channel="distanciel"),
        obs("paris_participants_hybrides", "paris", 5, 10, territory="75118", channel="presentiel"),
        # Essonne, cumulative (latest): the pilot group, 12 citizens and 4 elected officials in
        # June (May's values are superseded).
        obs("essonne_membres_groupe_pilote", "essonne", 5, 10, profile="citoyen"),
        obs("essonne_membres_groupe_pilote", "essonne", 5, 3, profile="elu"),
        obs("essonne_membres_groupe_pilote", "essonne", 6, 12, profile="citoyen"),
        obs("essonne_membres_groupe_pilote", "essonne", 6, 4, profile="elu"),
        # Essonne, additive, in Évry.
        obs("essonne_pratiques_inventoriees", "essonne", 2, 7, territory="91228"),
        # Unpublished: never seen by the public.
        obs("paris_sessions_echange", "paris", 6, 100, published=False, territory="75101"),
    ]
    with engine.begin() as connection:
        connection.execute(insert(Observation), rows)
    return engine


def test_facets_offer_only_values_that_exist_given_the_other_filters(small_store):
    with small_store.connect() as connection:
        combos = explorer.existing_combinations(connection, queries.ObservationFilter())
    everything = explorer.facet_values(combos, {})
    assert everything["partners"] == {"paris", "essonne"}
    assert everything["territories"] == {"75111", "75118", "75120", "91228"}
    assert everything["profiles"] == {"citoyen", "elu"}
    assert everything["channels"] == {"presentiel", "distanciel"}
    assert everything["categories"] == {"conseils", "ateliers"}
    # The unpublished observation's territory is not offered to the public.
    assert "75101" not in everything["territories"]

    paris = explorer.facet_values(combos, {"partners": ["paris"]})
    assert paris["territories"] == {"75111", "75118", "75120"}
    assert paris["profiles"] == set()
    # A filter's own options ignore its own selection: the other partners stay offered.
    assert paris["partners"] == {"paris", "essonne"}

    remote = explorer.facet_values(combos, {"channels": ["distanciel"]})
    assert remote["indicators"] == {"paris_participants_hybrides"}
    assert remote["partners"] == {"paris"}
    # Breakdowns combine one at a time: the territories of the indicators with remote data.
    assert remote["territories"] == {"75111", "75118"}

    evry = explorer.facet_values(combos, {"territories": ["91228"], "partners": ["paris"]})
    assert evry["partners"] == {"essonne"}  # given the territory, only Essonne has data there
    assert evry["territories"] == {"75111", "75118", "75120"}  # given Paris
    assert evry["indicators"] == set()  # Paris has nothing in Évry: an empty, not an error


def test_facets_follow_the_period(small_store):
    with small_store.connect() as connection:
        combos = explorer.existing_combinations(
            connection, queries.ObservationFilter(start=D(2012, 5, 1), end=D(2012, 6, 30))
        )
    facets = explorer.facet_values(combos, {})
    assert facets["indicators"] == {"paris_participants_hybrides", "essonne_membres_groupe_pilote"}
    assert facets["territories"] == {"75118"}


def test_facets_include_unpublished_values_for_those_allowed(small_store):
    with small_store.connect() as connection:
        combos = explorer.existing_combinations(
            connection, queries.ObservationFilter(published_only=False)
        )
    assert "75101" in explorer.facet_values(combos, {})["territories"]


def rows_by_indicator(lines):
    return {line.indicator_code: line for line in lines}


def test_table_totals_and_values_per_10000_inhabitants(small_store):
    with small_store.connect() as connection:
        reference = explorer.load_reference(connection)
        rows = queries.aggregate(connection, queries.ObservationFilter())
    lines = rows_by_indicator(explorer.table_rows(rows, reference, "total", "fr"))
    sessions = lines["paris_sessions_echange"]
    assert sessions.value == 14.0
    # Paris: 2 234 105 inhabitants -> 14 * 10 000 / 2 234 105 = 0.0627 -> 0.06
    assert sessions.per_10k == 0.06
    assert sessions.partner == "Paris"
    assert sessions.indicator == "Sessions d'échange de savoirs"
    assert lines["paris_participants_hybrides"].value == 60.0
    # Latest value of a cumulative indicator: 12 + 4 in June; Essonne 1 208 004 inhabitants.
    members = lines["essonne_membres_groupe_pilote"]
    assert members.value == 16.0
    assert members.per_10k == round(16 * 10_000 / 1_208_004, 2) == 0.13
    assert members.population_source == "INSEE, populations légales 2009 (arrondies)"


def test_table_detailed_by_territory_uses_each_territorys_population(small_store):
    flt = queries.ObservationFilter(indicators=("paris_sessions_echange",))
    with small_store.connect() as connection:
        reference = explorer.load_reference(connection)
        rows = queries.aggregate(connection, flt, by=("territoire",))
    lines = {
        line.detail_code: line for line in explorer.table_rows(rows, reference, "territoire", "fr")
    }
    assert {code: line.value for code, line in lines.items()} == {
        "75111": 8.0,
        "75118": 4.0,
        "75120": 2.0,
    }
    # Paris 11e: 153 202 inhabitants -> 8 * 10 000 / 153 202 = 0.522 -> 0.52
    assert lines["75111"].per_10k == 0.52
    assert lines["75111"].detail == "Paris 11e arrondissement (75111)"


def test_table_by_channel_and_by_period(small_store):
    flt = queries.ObservationFilter(indicators=("paris_participants_hybrides",))
    with small_store.connect() as connection:
        reference = explorer.load_reference(connection)
        by_channel = queries.aggregate(connection, flt, by=("canal",))
        by_quarter = queries.aggregate(connection, flt, grain="trimestre")
    channels = explorer.table_rows(by_channel, reference, "canal", "fr")
    assert {(line.detail, line.value) for line in channels} == {
        ("Présentiel", 40.0),
        ("Distanciel", 20.0),
    }
    quarters = explorer.table_rows(by_quarter, reference, "periode", "fr")
    assert [(line.period, line.value) for line in quarters] == [
        ("2012-01-01", 50.0),
        ("2012-04-01", 10.0),
    ]


def test_the_programme_has_no_value_per_inhabitant(engine):
    with engine.begin() as connection:
        programme = connection.scalar(select(Partner.id).where(Partner.slug == "programme"))
        connection.execute(
            insert(Observation),
            [
                {
                    "indicator_code": "colloque_inscriptions",
                    "partner_id": programme,
                    "period_start": D(2012, 10, 1),
                    "period_end": D(2012, 10, 31),
                    "value": 212,
                    "published": True,
                }
            ],
        )
    with engine.connect() as connection:
        reference = explorer.load_reference(connection)
        rows = queries.aggregate(connection, queries.ObservationFilter())
    (line,) = explorer.table_rows(rows, reference, "total", "fr")
    assert (line.value, line.per_10k) == (212.0, None)


def test_a_share_is_never_divided_by_a_population(engine):
    with engine.connect() as connection:
        reference = explorer.load_reference(connection)
    row = queries.AggregateRow("paris_part_conseils_touches", "paris", None, (), 43.0, 1)
    (line,) = explorer.table_rows([row], reference, "total", "fr")
    assert (line.value, line.per_10k) == (43.0, None)


def test_sorting_keeps_missing_values_last_in_both_directions(small_store):
    with small_store.connect() as connection:
        reference = explorer.load_reference(connection)
    rows = [
        queries.AggregateRow("paris_sessions_echange", "paris", None, (), 14.0, 4),
        queries.AggregateRow("paris_part_conseils_touches", "paris", None, (), 43.0, 1),
        queries.AggregateRow(
            "essonne_membres_groupe_pilote", "essonne", None, (), None, 1, suppressed=True
        ),
    ]
    lines = explorer.table_rows(rows, reference, "total", "fr")
    ascending = [line.value for line in explorer.sort_rows(lines, "valeur", False)]
    descending = [line.value for line in explorer.sort_rows(lines, "valeur", True)]
    assert ascending == [14.0, 43.0, None]
    assert descending == [43.0, 14.0, None]
    by_name = [line.indicator for line in explorer.sort_rows(lines, "indicateur", False)]
    assert by_name == sorted(by_name, key=str.casefold)


@pytest.mark.parametrize(
    "selection",
    [
        {},
        {"partners": ["seine-saint-denis"]},
        {"channels": ["mobile"], "age_bands": ["15-17"]},
        {"territories": ["75111", "93066"], "categories": ["conseils"]},
    ],
)
def test_summary_rows_and_raw_observations_offer_the_same_values(
    demo_engine, monkeypatch, selection
):
    from data import rollup

    flt = queries.ObservationFilter(start=D(2012, 3, 1), end=D(2012, 9, 30))
    with demo_engine.connect() as connection:
        assert rollup.is_fresh(connection)
        from_rollup = explorer.facet_values(
            explorer.existing_combinations(connection, flt), selection
        )
        monkeypatch.setattr(rollup, "is_fresh", lambda _connection: False)
        from_raw = explorer.facet_values(explorer.existing_combinations(connection, flt), selection)
    assert from_rollup == from_raw
    assert from_rollup["indicators"]


def test_per_inhabitant_values_use_the_kept_territories_population(small_store):
    territories = ("75111", "75118")
    flt = queries.ObservationFilter(indicators=("paris_sessions_echange",), territories=territories)
    with small_store.connect() as connection:
        reference = explorer.load_reference(connection)
        rows = queries.aggregate(connection, flt)
    (line,) = explorer.table_rows(rows, reference, "total", "fr", territories)
    # 3 + 4 + 5 = 12 sessions in the 11e and 18e: 153 202 + 200 631 = 353 833 inhabitants
    assert line.value == 12.0
    assert line.per_10k == round(12 * 10_000 / 353_833, 2) == 0.34
    populations = explorer.populations(reference, territories)
    assert populations["paris"] == 353_833
    assert populations["essonne"] is None  # none of its territories is kept
