"""Loading: idempotent by natural key, on record, undone and approved; published by role."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from data import queries
from data.importing.load_review import LoadRefused, approve_load, undo_load
from data.importing.service import import_file
from data.models import DataLoad, Event, LoadStatus, Observation, Outcome
from data.store import data_version, transaction
from tests.importing_support import MANAGER, PARIS_EDITOR, csv_bytes, snapshot, xlsx_bytes

ROWS = [
    ["Indicateur", "Début", "Fin", "Territoire", "Valeur"],
    ["paris_pratiques_detectees", "01/03/2012", "31/03/2012", "75111", "3"],
    [
        "Pratiques innovantes détectées",
        "01/03/2012",
        "31/03/2012",
        "Paris 12e arrondissement",
        "1 204",
    ],
]


def total(engine, code="paris_pratiques_detectees", published_only=False) -> float:
    with engine.connect() as connection:
        rows = queries.aggregate(
            connection, queries.ObservationFilter(indicators=(code,), published_only=published_only)
        )
    return sum(r.value for r in rows)


def test_a_valid_file_is_loaded_and_on_record(engine):
    content = csv_bytes(ROWS)
    version = _version(engine)
    result = import_file(engine, content, "paris-mars.csv", MANAGER)
    assert result.ok and result.load_id
    assert total(engine) == 1207
    with transaction(engine) as session:
        load = session.get(DataLoad, result.load_id)
        assert (load.created_by, load.file_name, load.file_size) == (
            "cm@example.org",
            "paris-mars.csv",
            len(content),
        )
        assert load.kind == "observations" and load.rows_accepted == 2
        assert load.status == LoadStatus.ACCEPTED and load.published
        assert len(load.file_sha256) == 64
    assert _version(engine) > version


def test_re_importing_the_same_file_does_not_double_the_figures(engine):
    import_file(engine, csv_bytes(ROWS), "a.csv", MANAGER)
    import_file(engine, csv_bytes(ROWS), "a.csv", MANAGER)
    assert total(engine) == 1207
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Observation)) == 2


def test_undo_puts_back_the_values_a_load_replaced(engine):
    first = import_file(engine, csv_bytes(ROWS), "v1.csv", MANAGER)
    corrected = [list(r) for r in ROWS]
    corrected[1][-1] = "5"
    corrected.append(["paris_pratiques_detectees", "01/04/2012", "30/04/2012", "75111", "2"])
    second = import_file(engine, csv_bytes(corrected), "v2.csv", MANAGER)
    assert total(engine) == 5 + 1204 + 2
    with transaction(engine) as session:
        undo_load(session, second.load_id, "cm@example.org")
    assert total(engine) == 1207
    with transaction(engine) as session:
        assert session.get(DataLoad, second.load_id).status == LoadStatus.UNDONE
        with pytest.raises(LoadRefused, match="rien à annuler"):
            undo_load(session, second.load_id, "cm@example.org")
    with transaction(engine) as session:
        undo_load(session, first.load_id, "cm@example.org")
    assert total(engine) == 0


def test_undoing_an_older_load_keeps_a_later_one_right(engine):
    first = import_file(engine, csv_bytes(ROWS[:2]), "v1.csv", MANAGER)
    second = import_file(engine, csv_bytes([ROWS[0], ROWS[1][:-1] + ["9"]]), "v2.csv", MANAGER)
    with transaction(engine) as session:
        undo_load(session, first.load_id, "cm")
    assert total(engine) == 9  # the later value stays
    with transaction(engine) as session:
        undo_load(session, second.load_id, "cm")
    assert total(engine) == 0  # nothing existed before the first load


def test_a_partner_editor_load_waits_for_approval(engine):
    result = import_file(engine, csv_bytes(ROWS), "editeur.csv", PARIS_EDITOR)
    assert result.ok and not result.published
    assert total(engine, published_only=True) == 0
    assert total(engine, published_only=False) == 1207
    with transaction(engine) as session:
        load = approve_load(session, result.load_id, "cm@example.org")
        assert load.published_by == "cm@example.org" and load.published_at is not None
    assert total(engine, published_only=True) == 1207
    with transaction(engine) as session, pytest.raises(LoadRefused, match="déjà publié"):
        approve_load(session, result.load_id, "cm@example.org")


def test_a_rejected_file_is_on_record_and_a_dry_run_leaves_no_trace(engine):
    bad = csv_bytes([ROWS[0], ["paris_pratiques_detectees", "01/03/2012", "", "", "douze"]])
    before = snapshot(engine)
    dry = import_file(engine, bad, "essai.csv", MANAGER, dry_run=True)
    assert not dry.ok and snapshot(engine) == before
    failed = import_file(engine, bad, "essai.csv", MANAGER)
    assert failed.rejection_id is not None
    with transaction(engine) as session:
        load = session.get(DataLoad, failed.rejection_id)
        assert load.status == LoadStatus.REJECTED
        assert load.message == "Ligne 2, colonne E « Valeur » : « douze » n'est pas un nombre."
    after = snapshot(engine)
    assert {k: v for k, v in after.items() if k != "data_load"} == {
        k: v for k, v in before.items() if k != "data_load"
    }


def test_events_with_attendance_and_outcomes_load_and_reload_in_place(engine):
    events = [
        ["partenaire", "action", "type", "titre", "date", "lieu", "présents citoyens", "Élus"],
        [
            "Essonne",
            "essonne-ateliers-pilote",
            "Atelier",
            "Atelier 3",
            "15/11/2012",
            "Évry",
            "12",
            "3",
        ],
    ]
    first = import_file(engine, xlsx_bytes(events), "ateliers.xlsx", MANAGER)
    assert first.ok, first.problems()
    events[1][6] = "14"
    import_file(engine, xlsx_bytes(events), "ateliers.xlsx", MANAGER)
    with transaction(engine) as session:
        (event,) = session.scalars(select(Event)).all()
        assert event.event_date == dt.date(2012, 11, 15) and event.kind == "atelier"
        assert {a.profile: a.count for a in event.attendance} == {"citoyen": 14, "elu": 3}
    outcomes = [
        ["partenaire", "type", "titre", "statut", "date"],
        ["essonne", "Proposition", "Budget participatif cantonal", "Retenue", "14/06/2012"],
    ]
    result = import_file(engine, csv_bytes(outcomes), "resultats.csv", MANAGER)
    assert result.ok, result.problems()
    with transaction(engine) as session:
        (outcome,) = session.scalars(select(Outcome)).all()
        assert (outcome.kind, outcome.status) == ("proposition", "retenue")
        undo_load(session, result.load_id, "cm")
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Outcome)) == 0


def _version(engine) -> int:
    with engine.connect() as connection:
        return int(data_version(connection))
