"""The whole store, exported as a data package, imports back identically on both backends."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert

from data.exporting import export_store, import_store
from data.importing.service import import_file
from data.models import User
from data.reference_loading import load_reference
from data.store import StoreError, make_engine, transaction, upgrade
from tests.importing_support import PARIS_EDITOR, csv_bytes, snapshot


def test_export_then_import_into_an_empty_store_gives_back_the_same_content(
    demo_engine, tmp_path, sqlite_url
):
    # An unpublished load, with a replaced row on record, so every table has something.
    rows = [
        ["indicateur", "début", "territoire", "valeur"],
        ["paris_pratiques_detectees", "01/03/2012", "75111", "2,5"],
    ]
    assert import_file(demo_engine, csv_bytes(rows), "a.csv", PARIS_EDITOR).ok
    rows[1][-1] = "4"
    assert import_file(demo_engine, csv_bytes(rows), "b.csv", PARIS_EDITOR).ok
    _add_interpretations(demo_engine)
    export_store(demo_engine, tmp_path / "export")

    # Into a store of the same backend, created empty (reference data only, as init-db does).
    target = make_engine(
        sqlite_url.replace("store.sqlite3", "target.sqlite3")
        if demo_engine.dialect.name == "sqlite"
        else _second_postgres(demo_engine)
    )
    upgrade(target)
    with transaction(target) as session:
        load_reference(session)
    counts = import_store(target, tmp_path / "export")
    assert counts["observation"] > 1000
    assert snapshot(target) == snapshot(demo_engine)
    # Ids continue after the imported ones (PostgreSQL sequences).
    assert import_file(target, csv_bytes(rows), "c.csv", PARIS_EDITOR).ok
    with pytest.raises(StoreError, match="importez un export dans un stockage vide"):
        import_store(target, tmp_path / "export")
    target.dispose()


def _add_interpretations(engine) -> None:
    """An interpretation over a range, in several paragraphs, with text a spreadsheet would read
    as a formula inside, and a reply waiting for approval: all must come back exactly."""
    import datetime as dt

    from data import interpretations
    from data.access import Viewer

    now = dt.datetime(2012, 11, 5, 9, 30, tzinfo=dt.UTC)
    manager = Viewer("charge_de_mission", None, "charge@example.org")
    editor = Viewer("editeur", "paris", "editeur.paris@example.org")
    with transaction(engine) as session:
        first = interpretations.create(
            session,
            manager,
            indicator_code="paris_pratiques_detectees",
            scope="paris",
            start="2012-03-01",
            end="2012-03-31",
            title="Grève ; « reprise » en avril",
            body='Premier paragraphe, **gras**.\n\n- une liste\n-2+3 ;=SOMME(A1) "cité"',
            visibility="public",
            now=now,
        )
        interpretations.reply(session, editor, first, "'Merci\n=pour la précision", now)


def _second_postgres(engine):
    from sqlalchemy import create_engine, text

    name = engine.url.database + "_b"
    admin = create_engine(engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _CREATED.append((engine.url.set(database="postgres"), name))
    return engine.url.set(database=name).render_as_string(hide_password=False)


_CREATED: list = []


@pytest.fixture(autouse=True)
def _drop_second_databases():
    yield
    from sqlalchemy import create_engine, text

    while _CREATED:
        url, name = _CREATED.pop()
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_the_export_is_a_valid_frictionless_data_package_without_accounts(demo_engine, tmp_path):
    with transaction(demo_engine) as session:
        session.execute(
            insert(User).values(
                email="cm@example.org", password_hash="secret-hash", role="charge_de_mission"
            )
        )
    package = export_store(demo_engine, tmp_path / "export")
    names = [r["name"] for r in package["resources"]]
    assert "app_user" not in names and not (tmp_path / "export" / "app_user.csv").exists()
    assert "secret-hash" not in "".join(p.read_text() for p in (tmp_path / "export").iterdir())
    assert package["licenses"][0]["name"] == "etalab-2.0"
    observation = next(r for r in package["resources"] if r["name"] == "observation")
    assert observation["schema"]["primaryKey"] == ["id"]
    assert {
        "fields": ["indicator_code"],
        "reference": {"resource": "indicator", "fields": ["code"]},
    } in observation["schema"]["foreignKeys"]

    from frictionless import Package

    report = Package(str(tmp_path / "export" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])[:5]
    descriptor = json.loads((tmp_path / "export" / "datapackage.json").read_text())
    assert descriptor["democratic"]["excluded_tables"] == [
        "app_user",
        "login_attempt",
        "upload_job",
    ]
    # Sessions follow their accounts out of the export.
    assert not {"account_session", "login_attempt", "upload_job"} & set(names)


def test_a_directory_that_is_not_an_export_is_refused(engine, tmp_path):
    with pytest.raises(StoreError, match="datapackage.json est absent"):
        import_store(engine, tmp_path)
    (tmp_path / "datapackage.json").write_text('{"democratic": {"schema_version": "0000"}}')
    with pytest.raises(StoreError, match="version de schéma '0000'"):
        import_store(engine, tmp_path)
