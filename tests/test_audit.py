"""The audit trail: loads, approvals and undos on record in their own transaction, read and
filtered by Paris day, exported; and the migration that brings an existing store to it."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import func, select

from data import audit
from data.explorer_export import csv_bytes
from data.importing.load_review import LoadRefused, approve_load, undo_load
from data.importing.service import import_file
from data.models import AuditEvent, Observation, Target, TargetRevision
from data.reference_loading import load_reference
from data.store import alembic_config, current_revision, head_revision, make_engine, transaction
from data.store import upgrade as upgrade_store
from tests.importing_support import MANAGER, PARIS_EDITOR
from tests.importing_support import csv_bytes as file_bytes

ROWS = [
    ["Indicateur", "Début", "Fin", "Territoire", "Valeur"],
    ["paris_pratiques_detectees", "01/03/2012", "31/03/2012", "75111", "3"],
]


def trail(engine, **filters) -> list[audit.Event]:
    with engine.connect() as connection:
        return audit.events(connection, page_size=None, **filters)


def test_a_load_its_approval_and_its_undo_are_on_record(engine):
    loaded = import_file(engine, file_bytes(ROWS), "paris-mars.csv", PARIS_EDITOR)
    with transaction(engine) as session:
        approve_load(session, loaded.load_id, "cm@example.org")
    with transaction(engine) as session:
        undo_load(session, loaded.load_id, "cm@example.org")
    events = trail(engine)
    assert [(e.action, e.actor) for e in reversed(events)] == [
        (audit.LOAD, "editeur@paris.example"),
        (audit.APPROVAL, "cm@example.org"),
        (audit.UNDO, "cm@example.org"),
    ]
    assert {e.subject for e in events} == {f"chargement n° {loaded.load_id}"}
    assert events[-1].detail["fichier"] == "paris-mars.csv"
    assert [e.action for e in trail(engine, action=audit.UNDO)] == [audit.UNDO]


def test_a_refused_approval_leaves_no_audit_row(engine):
    loaded = import_file(engine, file_bytes(ROWS), "a.csv", MANAGER)  # published at once
    before = len(trail(engine))
    with pytest.raises(LoadRefused, match="déjà publié"), transaction(engine) as session:
        approve_load(session, loaded.load_id, "cm@example.org")
    assert len(trail(engine)) == before


def test_days_are_paris_days_and_pages_hold_the_newest_first(engine):
    # 23:30 UTC on 31 May is already 1 June in Paris.
    moments = [dt.datetime(2026, 5, 31, 23, 30, tzinfo=dt.UTC)] + [
        dt.datetime(2026, 5, 30, 8, m, tzinfo=dt.UTC) for m in range(3)
    ]
    with transaction(engine) as session:
        for index, moment in enumerate(moments):
            session.add(
                AuditEvent(
                    occurred_at=moment,
                    actor="a",
                    action=audit.LOAD,
                    subject=f"n{index}",
                    detail="{}",
                )
            )
    june = trail(engine, start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 1))
    assert [e.subject for e in june] == ["n0"]
    assert june[0].occurred_at.hour == 1  # shown in Paris time (UTC+2 in summer)
    may = trail(engine, end=dt.date(2026, 5, 31))
    assert [e.subject for e in may] == ["n3", "n2", "n1"]
    with engine.connect() as connection:
        second_page = audit.events(connection, page=2, page_size=3)
        assert audit.count(connection) == 4
    assert [e.subject for e in second_page] == ["n1"]


def test_the_export_keeps_hostile_text_inert(engine):
    with transaction(engine) as session:
        audit.record(session, actor="=cmd|' /C calc'!A0", action=audit.LOAD, subject="s", detail={})
    content = csv_bytes(audit.EXPORT_HEADERS, audit.export_rows(trail(engine))).decode("utf-8-sig")
    assert "'=cmd" in content


def test_an_existing_store_is_upgraded_with_its_targets_as_revision_one(store_url):
    engine = make_engine(store_url)
    try:
        upgrade_store(engine)
        with transaction(engine) as session:
            load_reference(session)
        import_file(engine, file_bytes(ROWS), "avant.csv", MANAGER)
        # Back to the schema before this version, with its data in it, then up again.
        command.downgrade(alembic_config(engine), "0008")
        with engine.begin() as connection:
            connection.execute(Target.__table__.update().values(value=Target.value + 1))
        upgrade_store(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            targets = {t.id: t.value for t in connection.execute(select(Target.id, Target.value))}
            revisions = {
                r.target_id: (r.revision, r.value, r.effective_from)
                for r in connection.execute(select(TargetRevision))
            }
            observations = connection.scalar(select(func.count()).select_from(Observation))
            events = connection.scalar(select(func.count()).select_from(AuditEvent))
        assert targets and revisions == {i: (1, v, None) for i, v in targets.items()}
        assert observations == 1 and events == 0
    finally:
        engine.dispose()


def test_the_detail_reads_as_key_and_value():
    text = audit.detail_text({"avant": 20.0, "apres": 30.5, "raison": "r"})
    assert text == "apres : 30,5 ; avant : 20 ; raison : r"
