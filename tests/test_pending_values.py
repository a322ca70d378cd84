"""A pending correction never hides the published value (docs/pending-values.md): the public
keeps the published value until a programme manager approves the correction; the partner's
editors and programme managers see the pending value; approving publishes it; undoing the
approved load gives back exactly what was published. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import json

import dash
import pytest
from alembic import command
from sqlalchemy import func, select, text

from data import publication, queries, rollup
from data.exporting import export_store, import_store
from data.importing.load_review import approve_load, undo_load
from data.importing.service import import_file
from data.models import DataLoad, LoadStatus, Observation, ObservationRollup
from data.observation_filter import ObservationFilter
from data.reference_loading import load_reference
from data.store import alembic_config, make_engine, transaction, upgrade
from tests.importing_support import MANAGER, PARIS_EDITOR, PUBLIC, csv_bytes, snapshot

CODE = "paris_pratiques_detectees"
HEADER = ["Indicateur", "Début", "Fin", "Territoire", "Valeur"]
MARCH = [CODE, "01/03/2012", "31/03/2012", "75111", "3"]
APRIL = [CODE, "01/04/2012", "30/04/2012", "75111", "7"]


def _rows(*rows):
    return csv_bytes([HEADER, *[list(r) for r in rows]])


def _corrected(row, value):
    return [*row[:-1], value]


def seen(engine, viewer, grain=None, start=dt.date(2012, 1, 1), end=dt.date(2012, 12, 31)):
    """What `viewer` reads of the indicator, by month when `grain` is given: the pages' and
    the explorer's one aggregate (summary rows when they fit, raw rows otherwise)."""
    flt = ObservationFilter(start=start, end=end, indicators=(CODE,)).for_viewer(viewer)
    with engine.connect() as connection:
        rows = queries.aggregate(connection, flt, grain)
    return {r.period: r.value for r in rows} if grain else sum(r.value for r in rows)


def seen_raw(engine, viewer):
    flt = ObservationFilter(indicators=(CODE,)).for_viewer(viewer)
    with engine.connect() as connection:
        return sum(r.value for r in queries.aggregate_raw(connection, flt))


def seen_in_summary(engine, viewer):
    flt = ObservationFilter(indicators=(CODE,)).for_viewer(viewer)
    with engine.connect() as connection:
        rows = rollup.aggregate(connection, flt, None, ())
    assert rows is not None, "the summary rows answer this question"
    return sum(r.value for r in rows)


def _published_then_corrected(engine):
    """A published March (3) and April (7), then a partner editor's pending correction of
    March to 5 and a new May row (2)."""
    first = import_file(engine, _rows(MARCH, APRIL), "v1.csv", MANAGER)
    assert first.ok and first.published
    may = [CODE, "01/05/2012", "31/05/2012", "75111", "2"]
    pending = import_file(engine, _rows(_corrected(MARCH, "5"), may), "v2.csv", PARIS_EDITOR)
    assert pending.ok and not pending.published
    return first, pending


def test_the_public_keeps_the_published_value_while_a_correction_waits(engine):
    _published_then_corrected(engine)
    assert seen(engine, PUBLIC) == 3 + 7
    assert seen_raw(engine, PUBLIC) == 3 + 7
    assert seen_in_summary(engine, PUBLIC) == 3 + 7
    months = seen(engine, PUBLIC, "mois")
    assert months == {"2012-03-01": 3, "2012-04-01": 7}
    # A question the summary rows cannot answer (days within a month) reads the raw rows.
    assert seen(engine, PUBLIC, start=dt.date(2012, 3, 1), end=dt.date(2012, 3, 15)) == 3
    with engine.connect() as connection:
        stored = {
            (v, p, c)
            for v, p, c in connection.execute(
                select(Observation.value, Observation.published, Observation.current).where(
                    Observation.period_start == dt.date(2012, 3, 1)
                )
            )
        }
    # The published row is untouched; the pending row stands beside it.
    assert stored == {(3.0, True, False), (5.0, False, True)}


@pytest.mark.parametrize("viewer", [PARIS_EDITOR, MANAGER], ids=["editeur", "charge"])
def test_the_editor_and_managers_see_the_pending_value_counted_once(engine, viewer):
    _published_then_corrected(engine)
    assert seen(engine, viewer) == 5 + 7 + 2
    assert seen_raw(engine, viewer) == 5 + 7 + 2
    assert seen_in_summary(engine, viewer) == 5 + 7 + 2
    assert seen(engine, viewer, "mois") == {"2012-03-01": 5, "2012-04-01": 7, "2012-05-01": 2}
    with engine.connect() as connection:
        pending = publication.pending_corrections(connection, viewer.unpublished_partners() or None)
    assert [(c["old"], c["new"]) for c in pending] == [(3.0, 5.0), (None, 2.0)]


def test_approving_publishes_and_undoing_gives_back_exactly_what_was_published(engine):
    _, pending = _published_then_corrected(engine)
    before = snapshot(engine)["observation"]
    published_before = [row for row in before if row[-2] is True]
    with transaction(engine) as session:
        approve_load(session, pending.load_id, "cm@example.org")
    for viewer in (PUBLIC, PARIS_EDITOR, MANAGER):
        assert seen(engine, viewer) == 5 + 7 + 2
        assert seen_in_summary(engine, viewer) == 5 + 7 + 2
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Observation)) == 3
        assert publication.pending_corrections(connection) == []
    with transaction(engine) as session:
        undo_load(session, pending.load_id, "cm@example.org")
    after = snapshot(engine)["observation"]
    # The published rows, ids and all, exactly as before the correction was loaded.
    assert after == [(*row[:-1], True) for row in published_before]
    for viewer in (PUBLIC, PARIS_EDITOR, MANAGER):
        assert seen(engine, viewer) == 3 + 7


def test_undoing_a_pending_correction_keeps_the_published_value(engine):
    first, pending = _published_then_corrected(engine)
    before = snapshot(engine)["observation"]
    with transaction(engine) as session:
        undo_load(session, pending.load_id, "editeur@paris.example")
    after = snapshot(engine)["observation"]
    # Only the published rows are left, seen again by everyone.
    assert [row[:-1] for row in after] == [row[:-1] for row in before if row[-2] is True]
    assert all(row[-1] is True for row in after)
    for viewer in (PUBLIC, PARIS_EDITOR, MANAGER):
        assert seen(engine, viewer) == 3 + 7
        assert seen_in_summary(engine, viewer) == 3 + 7
    with engine.connect() as connection:
        assert (
            connection.scalar(
                select(func.count())
                .select_from(ObservationRollup)
                .where(ObservationRollup.current.is_(False))
            )
            == 0
        )


def test_a_manager_load_over_a_pending_correction_leaves_it_pending(engine):
    _, pending = _published_then_corrected(engine)
    assert import_file(engine, _rows(_corrected(MARCH, "4")), "v3.csv", MANAGER).ok
    assert seen(engine, PUBLIC) == 4 + 7
    assert seen(engine, PARIS_EDITOR) == 5 + 7 + 2
    with transaction(engine) as session:
        approve_load(session, pending.load_id, "cm@example.org")
    assert seen(engine, PUBLIC) == 5 + 7 + 2
    with transaction(engine) as session:
        undo_load(session, pending.load_id, "cm@example.org")
    assert seen(engine, PUBLIC) == 4 + 7


def test_a_second_pending_correction_replaces_the_first_and_undo_brings_it_back(engine):
    _, first_pending = _published_then_corrected(engine)
    second = import_file(engine, _rows(_corrected(MARCH, "6")), "v3.csv", PARIS_EDITOR)
    assert seen(engine, PARIS_EDITOR) == 6 + 7 + 2
    assert seen(engine, PUBLIC) == 3 + 7
    with transaction(engine) as session:
        undo_load(session, second.load_id, "editeur@paris.example")
    assert seen(engine, PARIS_EDITOR) == 5 + 7 + 2
    assert seen(engine, PUBLIC) == 3 + 7


def test_the_whole_store_export_keeps_both_values_and_imports_back_exactly(
    engine, tmp_path, sqlite_url
):
    _published_then_corrected(engine)
    export_store(engine, tmp_path / "export")
    if engine.dialect.name == "sqlite":
        target = make_engine(sqlite_url.replace("store.sqlite3", "target.sqlite3"))
    else:
        name = f"{engine.url.database}_target"
        with make_engine(
            engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT"
        ).connect() as admin:
            admin.execute(text(f'CREATE DATABASE "{name}"'))
        target = make_engine(engine.url.set(database=name))
    try:
        upgrade(target)
        with transaction(target) as session:
            load_reference(session)
        import_store(target, tmp_path / "export")
        assert snapshot(target) == snapshot(engine)
        assert seen(target, PUBLIC) == 3 + 7
        assert seen(target, PARIS_EDITOR) == 5 + 7 + 2
    finally:
        target.dispose()
        if engine.dialect.name != "sqlite":
            with make_engine(
                engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT"
            ).connect() as admin:
                admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# --- upgrading a store whose pending load overwrote a published row (before this revision)


def test_the_upgrade_brings_back_the_published_value_a_pending_load_overwrote(store_url):
    engine = make_engine(store_url)
    try:
        command.upgrade(alembic_config(engine), "0008")
        with transaction(engine) as session:
            load_reference(session)
            session.add_all(
                [
                    DataLoad(
                        id=1,
                        created_by="cm",
                        kind="observations",
                        file_name="v1.csv",
                        status=LoadStatus.ACCEPTED,
                        published=True,
                    ),
                    DataLoad(
                        id=2,
                        created_by="ed",
                        kind="observations",
                        file_name="v2.csv",
                        status=LoadStatus.ACCEPTED,
                        published=False,
                    ),
                ]
            )
        with engine.begin() as connection:
            partner = connection.scalar(text("SELECT id FROM partner WHERE slug = 'paris'"))
            insert = text(
                "INSERT INTO observation (indicator_code, partner_id, period_start, "
                "period_end, territory_code, profile, channel, age_band, value, load_id, "
                "published) VALUES (:code, :partner, :start, :end, '75111', '', '', '', "
                ":value, :load, :published)"
            )
            common = {"code": CODE, "partner": partner}
            # March: published 3 by load 1, overwritten (pending) by load 2 with 5.
            march = {"start": dt.date(2012, 3, 1), "end": dt.date(2012, 3, 31)}
            april = {"start": dt.date(2012, 4, 1), "end": dt.date(2012, 4, 30)}
            connection.execute(
                insert, {**common, **march, "value": 5, "load": 2, "published": False}
            )
            connection.execute(
                insert, {**common, **april, "value": 7, "load": 1, "published": True}
            )
            payload = {"value": 3.0, "action_id": None, "load_id": 1, "published": True}
            connection.execute(
                text(
                    "INSERT INTO load_replaced_row (load_id, table_name, row_id, payload) "
                    "SELECT 2, 'observation', id, :payload FROM observation WHERE load_id = 2"
                ),
                {"payload": json.dumps(payload)},
            )
        upgrade(engine)
        rollup.refresh_if_stale(engine)
        assert seen(engine, PUBLIC) == 3 + 7
        assert seen(engine, PARIS_EDITOR) == 5 + 7
        with transaction(engine) as session:
            approve_load(session, 2, "cm@example.org")
        assert seen(engine, PUBLIC) == 5 + 7
        with transaction(engine) as session:
            undo_load(session, 2, "cm@example.org")
        assert seen(engine, PUBLIC) == 3 + 7
        assert seen(engine, MANAGER) == 3 + 7
    finally:
        engine.dispose()


# --- the approval screen on /donnees (SQLite: the app's store)


def _data_page(app, viewer) -> str:
    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: viewer
    with app.server.test_request_context("/donnees"):
        return str(dash.page_registry["donnees"]["layout"]())


def test_the_approval_screen_shows_the_published_and_the_pending_value_side_by_side(app):
    engine = app.server.extensions["democratic"].engine
    row = [CODE, "01/03/2012", "31/03/2012", "75111", "1 234"]
    assert import_file(engine, _rows(row), "v1.csv", MANAGER).ok
    pending = import_file(engine, _rows(_corrected(row, "4 321")), "v2.csv", PARIS_EDITOR)
    for viewer in (MANAGER, PARIS_EDITOR):
        page = _data_page(app, viewer)
        assert "Valeurs en attente d'approbation (publiée → en attente)" in page
        # Components print narrow no-break spaces (French thousands) escaped.
        assert "Td(children=Del('1\\u202f234')" in page
        assert "Ins('4\\u202f321'), ' ', Span(children='en attente'" in page
        assert f"n° {pending.load_id}" in page
    assert "Valeurs en attente" not in _data_page(app, PUBLIC)
    with transaction(engine) as session:
        approve_load(session, pending.load_id, "cm@example.org")
    assert "Aucune valeur en attente d'approbation." in _data_page(app, MANAGER)


# --- the pages' exports (SQLite: the app's store, with the demonstration data)


def _paris_march_row(engine) -> list[str]:
    """A published demonstration figure of Paris in March 2012 (territory only), as a file row."""
    with engine.connect() as connection:
        row = connection.execute(
            select(Observation.territory_code, Observation.value)
            .where(
                Observation.indicator_code == CODE,
                Observation.period_start == dt.date(2012, 3, 1),
                Observation.period_end == dt.date(2012, 3, 31),
                Observation.territory_code != "",
                Observation.profile == "",
                Observation.channel == "",
                Observation.age_band == "",
                Observation.published.is_(True),
            )
            .limit(1)
        ).one()
    return [CODE, "01/03/2012", "31/03/2012", row.territory_code, str(int(row.value) + 40)]


def _partner_chart_csv(app, viewer) -> bytes:
    from tests.test_partner_exports import _ask, _file

    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: viewer
    context = {"partenaire": "paris", "debut": "2012-03", "fin": "2012-03"}
    key = f"evolution-{CODE}"
    return _file(_ask(app.server.test_client(), key, context=context))[1]


def _explorer_csv(app, viewer) -> bytes:
    from callbacks import explorer_exports
    from layouts.explorer_state import ExplorerState

    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: viewer
    state = ExplorerState(start=dt.date(2012, 3, 1), end=dt.date(2012, 3, 31), indicators=(CODE,))
    with app.server.test_request_context("/explorer"):
        return explorer_exports.export(state, "csv", "fr")["content"]


def test_exports_give_the_public_the_published_value_and_insiders_the_pending_one(app):
    engine = app.server.extensions["democratic"].engine
    exports = (_partner_chart_csv, _explorer_csv)
    before = {f: f(app, PUBLIC) for f in exports}
    pending = import_file(engine, _rows(_paris_march_row(engine)), "v2.csv", PARIS_EDITOR)
    assert pending.ok and not pending.published
    for export in exports:
        assert export(app, PUBLIC) == before[export]
        seen_by_editor = export(app, PARIS_EDITOR)
        assert seen_by_editor != before[export]
        assert export(app, MANAGER) == seen_by_editor
    with transaction(engine) as session:
        approve_load(session, pending.load_id, "cm@example.org")
    for export in exports:
        assert export(app, PUBLIC) == export(app, PARIS_EDITOR) != before[export]
    with transaction(engine) as session:
        undo_load(session, pending.load_id, "cm@example.org")
    for export in exports:
        assert export(app, PUBLIC) == before[export]


def test_an_export_made_before_pending_values_imports_with_every_row_current(
    engine, tmp_path, sqlite_url
):
    assert import_file(engine, _rows(MARCH, APRIL), "v1.csv", MANAGER).ok
    export_store(engine, tmp_path / "export")
    # The observations' file as an export made before the `current` column existed.
    path = tmp_path / "export" / "observation.csv"
    with open(path, encoding="utf-8", newline="") as source:
        header, *records = list(csv.reader(source))
    kept = [i for i, name in enumerate(header) if name != "current"]
    with open(path, "w", encoding="utf-8", newline="") as target_file:
        csv.writer(target_file).writerows([[r[i] for i in kept] for r in [header, *records]])
    target = make_engine(sqlite_url.replace("store.sqlite3", "old-export.sqlite3"))
    try:
        upgrade(target)
        with transaction(target) as session:
            load_reference(session)
        import_store(target, tmp_path / "export")
        assert snapshot(target)["observation"] == snapshot(engine)["observation"]
        assert seen(target, PUBLIC) == seen(target, MANAGER) == 3 + 7
    finally:
        target.dispose()


def test_every_page_tells_insiders_that_pending_values_replace_the_published_ones():
    from layouts.account import publication_note

    note = str(publication_note(dt.date(2012, 11, 3), "fr", "partner", 1))
    assert "Les valeurs en attente remplacent ici, pour vous, les valeurs publiées" in note
    assert "/donnees#donnees-en-attente" in note
    assert "valeurs en attente" not in str(publication_note(dt.date(2012, 11, 3), "fr", "all", 0))
    assert "valeurs en attente" not in str(publication_note(dt.date(2012, 11, 3), "fr"))


def test_the_explorer_table_shows_a_hidden_published_value_as_hidden_not_as_missing():
    """A pending value that would replace a published small count: « Valeur publiée » says
    « < 5 » as every hidden count does; « — » stays for a value that had no published number."""
    from data.explorer import TableRow
    from layouts.explorer_state import ExplorerState
    from layouts.explorer_table import table_cells

    def row(**pending):
        return TableRow(
            order=(),
            category="",
            partner="Paris",
            partner_slug="paris",
            indicator="Clameurs",
            indicator_code=CODE,
            unit="nombre",
            period=None,
            detail_code=None,
            detail=None,
            value=12.0,
            per_10k=None,
            population_source=None,
            **pending,
        )

    rows = [
        row(pending=True, published_value=None, published_hidden=True),
        row(pending=True, published_value=None),
        row(pending=True, published_value=9.0),
        row(),
    ]
    state = ExplorerState(start=dt.date(2012, 3, 1), end=dt.date(2012, 3, 31), indicators=(CODE,))
    published = [cells[-1] for cells in table_cells(rows, state, "fr", threshold=5)]
    assert published == ["< 5", None, 9.0, 12.0]
