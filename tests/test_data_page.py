"""The data page on the server: who may do what, uploads bound to their sender, downloads."""

from __future__ import annotations

import io
import zipfile

import dash
import pytest
from sqlalchemy import func, select

from callbacks import data_page, pending_uploads
from data.importing.service import import_file
from data.models import DataLoad, LoadStatus, Observation
from tests.callback_requests import post_callback
from tests.importing_support import MANAGER, PARIS_EDITOR, csv_bytes

ROWS = [
    ["indicateur", "début", "territoire", "valeur"],
    ["paris_pratiques_detectees", "01/03/2012", "75111", "7"],
]


def _viewer(app, viewer):
    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: viewer


def _layout(app) -> str:
    with app.server.test_request_context("/donnees"):
        return str(dash.page_registry["donnees"]["layout"]())


def test_the_page_shows_catalogue_and_quality_to_everyone_and_imports_to_accounts(app):
    public = _layout(app)
    assert "Catalogue des indicateurs" in public and "paris_pratiques_detectees" in public
    assert "Fraîcheur et complétude" in public
    # Breakdowns are named as people read them, never by their code.
    assert "Tranche d'âge" in public and "tranche_age" not in public
    assert "Connectez-vous" in public and "donnees-depot" not in public
    assert "/donnees/export.zip" not in public
    _viewer(app, MANAGER)
    managed = _layout(app)
    assert "donnees-depot" in managed and "/donnees/export.zip" in managed
    assert "Données de démonstration" in managed  # the demonstration load is on record


def test_the_public_is_told_to_log_in_and_cannot_download_the_store(client):
    import json

    from tests.page_support import page_body

    # The page the renderer shows, as it asks for it: an invitation, no upload zone.
    response = client.post("/_dash-update-component", json=page_body("/donnees"))
    assert response.status_code == 200
    content = json.dumps(response.get_json()["response"]["_pages_content"], ensure_ascii=False)
    assert "Connectez-vous" in content
    assert "donnees-depot" not in content
    assert client.get("/donnees/export.zip").status_code == 403


def test_a_pending_upload_can_only_be_confirmed_by_its_sender(app):
    _viewer(app, PARIS_EDITOR)
    with app.server.test_request_context("/"):
        token = pending_uploads.save_pending(
            csv_bytes(ROWS),
            {
                "viewer": pending_uploads.binding(PARIS_EDITOR),
                "file_name": "a.csv",
                "kind": "observations",
            },
        )
        other = data_page._confirm(token, MANAGER, "fr")
        assert "n'est plus en attente" in str(other[0])
        assert pending_uploads.take_pending("../../etc/passwd", PARIS_EDITOR) is None
        status, *_ = data_page._confirm(token, PARIS_EDITOR, "fr")
        assert "en attente d'approbation" in str(status)
        again = data_page._confirm(token, PARIS_EDITOR, "fr")  # used once
        assert "n'est plus en attente" in str(again[0])


def test_approve_and_undo_are_checked_against_the_viewer(app):
    engine = app.server.extensions["democratic"].engine
    loaded = import_file(engine, csv_bytes(ROWS), "a.csv", PARIS_EDITOR)
    other = import_file(
        engine,
        csv_bytes(
            [
                ["indicateur", "début", "valeur"],
                ["essonne_acteurs_mis_en_relation", "01/03/2012", "2"],
            ]
        ),
        "b.csv",
        MANAGER,
    )
    with app.server.test_request_context("/"):
        refused = data_page._load_action(data_page.ids.DATA_APPROVE, loaded.load_id, PARIS_EDITOR)
        assert "Seul un chargé de mission peut publier" in str(refused)
        refused = data_page._load_action(data_page.ids.DATA_UNDO, other.load_id, PARIS_EDITOR)
        assert "ne permet pas d'annuler" in str(refused)
        assert "Chargement inconnu" in str(
            data_page._load_action(data_page.ids.DATA_UNDO, "1", MANAGER)
        )
        done = data_page._load_action(data_page.ids.DATA_APPROVE, loaded.load_id, MANAGER)
        assert f"Chargement n° {loaded.load_id} publié." in str(done)
        undone = data_page._load_action(data_page.ids.DATA_UNDO, other.load_id, MANAGER)
        assert "annulé" in str(undone)
    with engine.connect() as connection:
        statuses = dict(connection.execute(select(DataLoad.id, DataLoad.status)).all())
        assert statuses[other.load_id] == LoadStatus.UNDONE
        assert (
            connection.scalar(
                select(func.count())
                .select_from(Observation)
                .where(Observation.load_id == loaded.load_id)
            )
            == 1
        )


@pytest.mark.parametrize("kind", ["observations", "evenements", "resultats"])
def test_templates_download_as_xlsx_and_csv(client, kind):
    from openpyxl import load_workbook

    xlsx = client.get(f"/donnees/modele/{kind}.xlsx")
    assert xlsx.status_code == 200
    workbook = load_workbook(io.BytesIO(xlsx.data))
    assert workbook.sheetnames == ["Données", "Exemple", "Codes autorisés"]
    assert workbook["Données"].max_row == 1  # the header only: the example is on its own sheet
    assert workbook["Exemple"].max_row == 3  # a title line, the header and the example
    csv = client.get(f"/donnees/modele/{kind}.csv")
    assert csv.status_code == 200 and csv.data.startswith(b"\xef\xbb\xbf")
    # The CSV's example row is marked so that it is refused, never loaded by accident.
    assert csv.data.decode("utf-8-sig").splitlines()[1].startswith("EXEMPLE à supprimer : ")
    assert client.get(f"/donnees/modele/{kind}.pdf").status_code == 404


def test_the_whole_store_export_is_for_managers_only(app, client):
    refused = client.get("/donnees/export.zip")
    assert refused.status_code == 403
    assert "réservé aux chargés de mission" in refused.get_data(as_text=True)
    _viewer(app, MANAGER)
    response = client.get("/donnees/export.zip")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert "datapackage.json" in names and "observation.csv" in names
    assert "app_user.csv" not in names


def test_a_forged_upload_from_the_public_is_refused_and_loads_nothing(app, client):
    import base64

    engine = app.server.extensions["democratic"].engine
    contents = "data:text/csv;base64," + base64.b64encode(csv_bytes(ROWS)).decode()
    response = post_callback(
        client,
        app,
        "donnees-rapport.children",
        [
            {
                "id": "donnees-fichier-recu",
                "property": "data",
                "value": {"contents": contents, "filename": "a.csv"},
            }
        ],
        [
            {"id": "donnees-type-fichier", "property": "value", "value": "auto"},
            {"id": "donnees-jeton", "property": "data", "value": None},
        ],
        "donnees-fichier-recu.data",
    )
    assert response.status_code == 200
    assert "Connectez-vous" in response.get_data(as_text=True)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(DataLoad)) == 1  # the demo's


def test_a_forged_undo_from_a_partner_editor_on_another_partner_is_refused(app, client):
    engine = app.server.extensions["democratic"].engine
    other = import_file(
        engine,
        csv_bytes(
            [
                ["indicateur", "début", "valeur"],
                ["essonne_acteurs_mis_en_relation", "01/03/2012", "2"],
            ]
        ),
        "b.csv",
        MANAGER,
    )
    _viewer(app, PARIS_EDITOR)
    # The browser says "undo load n" (the dialog's target): the server checks who asks.
    response = post_callback(
        client,
        app,
        "donnees-etat.children",
        [
            {"id": "donnees-confirmer", "property": "n_clicks", "value": None},
            {"id": "donnees-abandonner", "property": "n_clicks", "value": None},
            [],
            {"id": "donnees-annulation-confirmer", "property": "n_clicks", "value": 1},
        ],
        [
            {"id": "donnees-jeton", "property": "data", "value": None},
            {"id": "donnees-annulation-cible", "property": "data", "value": other.load_id},
        ],
        "donnees-annulation-confirmer.n_clicks",
    )
    assert response.status_code == 200
    assert "ne permet pas d'annuler" in response.get_data(as_text=True)
    with engine.connect() as connection:
        status = connection.scalar(select(DataLoad.status).where(DataLoad.id == other.load_id))
    assert status == LoadStatus.ACCEPTED
