"""Summary tables: the same answers as the raw rows, rebuilt with every change, never stale."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from data import demo, queries, rollup
from data.models import Observation, StoreInfo
from data.store import bump_data_version, transaction
from tests.store_templates import reference_store

F = queries.ObservationFilter
QUESTIONS = [
    (F(), None, ()),
    (F(), "mois", ()),
    (F(partners=("paris",)), "trimestre", ()),
    (F(partners=("seine-saint-denis",)), "mois", ("canal",)),
    (F(partners=("seine-saint-denis",), age_bands=("15-17", "18-20")), "annee", ("canal",)),
    (F(categories=("jeunesse",)), "mois", ("tranche_age",)),
    (F(indicators=("colloque_inscriptions",)), "mois", ("profil",)),
    (F(), "mois", ("territoire",)),
    (F(start=dt.date(2012, 3, 5), end=dt.date(2012, 8, 17)), "mois", ()),
    (F(start=dt.date(2012, 4, 1), end=dt.date(2012, 6, 30)), "jour", ()),
    (F(published_only=False), None, ("profil",)),
    (F(partners=("paris",), territories=("75101", "75111")), "mois", ("canal",)),
    (F(territories=("75101", "75102"), channels=("presentiel",)), "mois", ("profil",)),
]


def same(rows, expected) -> bool:
    """The same rows with the same figures. Both sides empty would prove nothing: every question
    here has an answer in the stores of these tests, so an empty one fails."""
    assert expected, "the raw rows give no answer: nothing would be compared"
    assert rows, "the summary rows give no answer"
    key = lambda r: (r.indicator_code, r.partner_slug, r.period, r.dimensions)  # noqa: E731
    if [key(r) for r in rows] != [key(r) for r in expected]:
        return False
    return all(
        r.n == e.n and r.value == pytest.approx(e.value)
        for r, e in zip(rows, expected, strict=True)
    )


def _scaled_store(engine) -> None:
    reference_store(engine)
    demo.generate(engine, observations=20_000)


@pytest.fixture
def scaled_engine(store_url, store_templates):
    """A store of 20,000 observations: built once per run and backend, copied for each test."""
    engine = store_templates.engine(store_url, "demo-20000", _scaled_store)
    yield engine
    engine.dispose()


def test_summary_rows_give_the_raw_rows_answer(scaled_engine):
    with scaled_engine.connect() as connection:
        for flt, grain, by in QUESTIONS:
            summary = rollup.aggregate(connection, flt, grain, by)
            assert summary is not None, (flt, grain, by)
            assert same(summary, queries.aggregate_raw(connection, flt, grain, by)), (flt, by)


def test_the_store_summary_counts_observations_from_the_summary_rows(scaled_engine):
    with scaled_engine.connect() as connection:
        raw = connection.scalar(select(func.count()).select_from(Observation))
        assert rollup.observation_count(connection) == raw
        assert queries.store_summary(connection).observations == raw


def test_questions_no_summary_fits_are_read_from_the_raw_rows(scaled_engine):
    flt = F(territories=("75101",), channels=("presentiel",))
    assert rollup.choose(flt, "jour", ()) is None
    with scaled_engine.connect() as connection:
        assert rollup.aggregate(connection, flt, "jour", ()) is None
        assert same(
            queries.aggregate(connection, flt, "jour", ()),
            queries.aggregate_raw(connection, flt, "jour", ()),
        )


def _workshops(engine) -> float:
    with engine.connect() as connection:
        rows = queries.aggregate(connection, F(indicators=("essonne_ateliers_tenus",)))
    return rows[0].value


def test_a_change_rebuilds_the_summary_rows_in_the_same_transaction(demo_engine):
    assert _workshops(demo_engine) == 2
    with transaction(demo_engine) as session:
        first = session.scalar(
            select(Observation).where(Observation.indicator_code == "essonne_ateliers_tenus")
        )
        first.value += 1
        bump_data_version(session)
    with demo_engine.connect() as connection:
        # Answered from the summary rows, which already hold the change.
        assert rollup.choose(F(), None, ()) is not None
        assert rollup.aggregate(connection, F(), None, ()) is not None
    assert _workshops(demo_engine) == 3


def _add_workshops_behind_the_summaries(engine, version_key: str, version: str) -> None:
    """A writer that changes the facts without going through bump_data_version's session hook
    (5 more workshops), and sets one of the versions."""
    with engine.begin() as connection:
        connection.execute(
            update(Observation)
            .where(Observation.indicator_code == "essonne_ateliers_tenus")
            .values(value=Observation.value + 5)
        )
        connection.execute(
            update(StoreInfo).where(StoreInfo.key == version_key).values(value=version)
        )


def test_stale_summary_rows_are_never_served(demo_engine):
    _add_workshops_behind_the_summaries(demo_engine, "data_version", "999")
    with demo_engine.connect() as connection:
        assert rollup.aggregate(connection, F(), None, ()) is None
    assert _workshops(demo_engine) == 12
    assert rollup.refresh_if_stale(demo_engine) is True
    assert rollup.refresh_if_stale(demo_engine) is False
    with demo_engine.connect() as connection:
        assert rollup.aggregate(connection, F(), None, ()) is not None
    assert _workshops(demo_engine) == 12


def test_data_freshness_reads_the_summary_rows_with_the_same_result(scaled_engine):
    from data import quality

    as_of = dt.date(2012, 11, 30)
    with scaled_engine.connect() as connection:
        assert rollup.months_with_data(connection, True, dt.date(2011, 1, 1))
        from_summary = quality.freshness(connection, as_of, published_only=True)
    with scaled_engine.begin() as connection:
        connection.execute(
            update(StoreInfo).where(StoreInfo.key == "rollup_version").values(value="stale")
        )
    with scaled_engine.connect() as connection:
        assert rollup.months_with_data(connection, True, dt.date(2011, 1, 1)) is None
        assert quality.freshness(connection, as_of, published_only=True) == from_summary


def _summary_rows(engine) -> dict[str, set[tuple]]:
    """Every summary row (without its id), by indicator."""
    from data.models import ObservationRollup as R

    columns = [c for c in R.__table__.c if c.name != "id"]
    found: dict[str, set[tuple]] = {}
    with engine.connect() as connection:
        for row in connection.execute(select(*columns)):
            found.setdefault(row.indicator_code, set()).add(tuple(row))
    return found


def _rows_ids(engine, code: str, before: dt.date = dt.date.max) -> set[int]:
    from data.models import ObservationRollup as R

    statement = select(R.id).where(R.indicator_code == code, R.period_start < before)
    with engine.connect() as connection:
        return set(connection.scalars(statement))


def _all_questions_match_the_raw_rows(engine) -> None:
    with engine.connect() as connection:
        assert rollup.is_fresh(connection)
        for flt, grain, by in QUESTIONS:
            assert same(
                rollup.aggregate(connection, flt, grain, by),
                queries.aggregate_raw(connection, flt, grain, by),
            ), (flt, grain, by)


def test_a_load_rebuilds_only_the_summary_rows_of_its_indicators_and_months(scaled_engine):
    from data.importing.load_review import approve_load, undo_load
    from data.importing.service import import_file
    from tests.importing_support import PARIS_EDITOR, csv_bytes

    changed = "paris_pratiques_detectees"
    before = _summary_rows(scaled_engine)
    untouched_ids = _rows_ids(scaled_engine, "essonne_ateliers_tenus")
    # The file's rows start in March and October: the months before March are not rebuilt.
    earlier_ids = _rows_ids(scaled_engine, changed, before=dt.date(2012, 3, 1))
    assert earlier_ids
    rows = [
        ["Indicateur", "Début", "Fin", "Territoire", "Valeur"],
        [changed, "01/03/2012", "31/03/2012", "75111", "4321"],
        [changed, "01/10/2012", "31/10/2012", "75118", "17"],
    ]
    result = import_file(scaled_engine, csv_bytes(rows), "paris.csv", PARIS_EDITOR)
    assert result.ok and not result.published
    after = _summary_rows(scaled_engine)
    assert after[changed] != before[changed]
    # Every other indicator's rows were left in place (the same rows, not rebuilt).
    assert {k: v for k, v in after.items() if k != changed} == {
        k: v for k, v in before.items() if k != changed
    }
    assert _rows_ids(scaled_engine, "essonne_ateliers_tenus") == untouched_ids
    assert _rows_ids(scaled_engine, changed, before=dt.date(2012, 3, 1)) == earlier_ids
    _all_questions_match_the_raw_rows(scaled_engine)
    with transaction(scaled_engine) as session:
        approve_load(session, result.load_id, "cm@example.org")
    _all_questions_match_the_raw_rows(scaled_engine)
    with transaction(scaled_engine) as session:
        undo_load(session, result.load_id, "cm@example.org")
    _all_questions_match_the_raw_rows(scaled_engine)
    assert _summary_rows(scaled_engine) == before
    assert _rows_ids(scaled_engine, "essonne_ateliers_tenus") == untouched_ids


def test_summary_rows_that_were_stale_are_rebuilt_whole_by_the_next_load(demo_engine):
    from data.importing.service import import_file
    from tests.importing_support import MANAGER, csv_bytes

    _add_workshops_behind_the_summaries(demo_engine, "rollup_version", "stale")
    rows = [
        ["Indicateur", "Début", "Fin", "Territoire", "Valeur"],
        ["paris_pratiques_detectees", "01/03/2012", "31/03/2012", "75111", "3"],
    ]
    assert import_file(demo_engine, csv_bytes(rows), "paris.csv", MANAGER).ok
    # Not only the loaded indicator: the change made behind the summary's back is in too.
    _all_questions_match_the_raw_rows(demo_engine)
    assert _workshops(demo_engine) == 12


def test_a_load_of_events_leaves_the_summary_rows_as_they_are(demo_engine):
    from data.importing.service import import_file
    from tests.importing_support import MANAGER, xlsx_bytes

    before = _summary_rows(demo_engine)
    ids = _rows_ids(demo_engine, "essonne_ateliers_tenus")
    rows = [
        ["partenaire", "action", "type", "titre", "date", "lieu", "présents citoyens"],
        ["Essonne", "essonne-ateliers-pilote", "Atelier", "Atelier 9", "15/11/2012", "Évry", "12"],
    ]
    result = import_file(demo_engine, xlsx_bytes(rows), "ateliers.xlsx", MANAGER)
    assert result.ok, result.problems()
    assert _summary_rows(demo_engine) == before
    assert _rows_ids(demo_engine, "essonne_ateliers_tenus") == ids
    with demo_engine.connect() as connection:
        assert rollup.is_fresh(connection)
