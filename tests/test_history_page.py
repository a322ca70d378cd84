"""The data page's « Historique » sections through HTTP, as each role's browser (or a forged
request) would use them: who sees them, a programme manager revising a target (French messages
for bad input, store unchanged), the audit trail filtered, paged and exported."""

from __future__ import annotations

import base64
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine

from data import audit, target_history
from layouts import history_section as view
from tests.accounts import create_accounts
from tests.test_sharing_page import data_page, signed_in, text

CHOICE = "paris_coordinateurs_rencontres|paris"


@pytest.fixture
def store(settings):
    engine = create_engine(settings.database_url)
    create_accounts(engine)
    yield engine
    engine.dispose()


def _post(client, output, inputs, state, changed):
    return client.post(
        "/_dash-update-component",
        json={
            "output": output,
            "outputs": {"id": output.split(".")[0], "property": output.split(".")[1]},
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "state": [{"id": i, "property": "value", "value": v} for i, v in state],
            "changedPropIds": [changed],
        },
    )


def revise_request(client, value, reason, effective="12/06/2012", choice=CHOICE, start=None):
    return _post(
        client,
        f"{view.TARGET_AREA}.children",
        [(view.TARGET_SAVE, "n_clicks", 1)],
        [
            (view.TARGET_CHOICE, choice),
            (view.TARGET_VALUE, value),
            (view.TARGET_START, start),
            (view.TARGET_END, None),
            (view.TARGET_FROM, effective),
            (view.TARGET_REASON, reason),
        ],
        f"{view.TARGET_SAVE}.n_clicks",
    )


def audit_request(client, action="", start=None, end=None, page=1):
    inputs = [
        (view.AUDIT_ACTION, "value", action),
        (view.AUDIT_START, "value", start),
        (view.AUDIT_END, "value", end),
        (view.AUDIT_PAGE, "value", page),
    ]
    return _post(client, f"{view.AUDIT_AREA}.children", inputs, [], f"{view.AUDIT_ACTION}.value")


def export_request(client, button):
    inputs = [(view.AUDIT_CSV, "n_clicks", 1), (view.AUDIT_XLSX, "n_clicks", 1)]
    state = [(view.AUDIT_ACTION, ""), (view.AUDIT_START, None), (view.AUDIT_END, None)]
    return _post(client, f"{view.AUDIT_DOWNLOAD}.data", inputs, state, f"{button}.n_clicks")


def revisions(store) -> list[int]:
    with store.connect() as connection:
        return [
            r.revision
            for r in target_history.history(connection, "paris")
            if r.indicator_code == "paris_coordinateurs_rencontres"
        ]


@pytest.mark.parametrize(
    ("email", "sees"),
    [
        (None, False),
        ("editeur.paris@example.org", False),
        ("charge@example.org", True),
        ("admin@example.org", True),
    ],
)
def test_only_programme_managers_and_administrators_see_the_sections(app, store, email, sees):
    page = data_page(signed_in(app, email))
    assert ("Réviser un objectif" in page) is sees
    assert ("Journal des modifications" in page) is sees


def test_a_programme_manager_revises_a_target_and_bad_input_changes_nothing(app, store):
    client = signed_in(app, "charge@example.org")
    for value, reason, effective, message in [
        ("trente", "r", "12/06/2012", "« trente » n'est pas un nombre"),
        ("30", "  ", "12/06/2012", "La raison de la révision est obligatoire"),
        ("30", "r", "01/02/2015", "hors de la période du programme"),
        ("30", "r", "demain", "Date invalide « demain »"),
        ("30", "r", None, "Indiquez la date"),
    ]:
        refused = revise_request(client, value, reason, effective)
        assert refused.status_code == 200 and message in text(refused), value
    assert revise_request(client, "30", "r", choice="inconnu|paris").status_code == 200
    assert revisions(store) == [1]
    done = revise_request(client, "30", "deux quartiers de plus")
    assert "Révision n° 2 enregistrée." in text(done)
    assert "Objectif relevé de 20 à 30 le 12 juin 2012 : deux quartiers de plus." in text(done)
    assert revisions(store) == [1, 2]
    listed = text(audit_request(client, action=audit.TARGET_REVISION))
    assert "Révision d'objectif" in listed and "charge@example.org" in listed
    assert "Page 1 sur 1 — 1 événement(s)" in listed
    assert "Aucun événement" in text(audit_request(client, action=audit.UNDO))
    assert "Date invalide" in text(audit_request(client, start="32/13/2012"))


def test_an_editors_or_the_publics_forged_revision_or_export_gets_nothing(app, store):
    for email in ("editeur.paris@example.org", None):
        client = signed_in(app, email)
        response = revise_request(client, "999", "forcé")
        assert response.status_code in (200, 204) and "999" not in text(response)
        assert "Journal" not in text(export_request(client, view.AUDIT_CSV))
    assert revisions(store) == [1]


def test_the_trail_is_exported_as_csv_and_xlsx(app, store):
    client = signed_in(app, "charge@example.org")
    revise_request(client, "=1+1", '=HYPERLIEN("x")')  # refused: not a number
    revise_request(client, "25", '=HYPERLIEN("x")')
    csv_answer = export_request(client, view.AUDIT_CSV).get_json()["response"]
    sent = csv_answer[view.AUDIT_DOWNLOAD]["data"]
    content = base64.b64decode(sent["content"]).decode("utf-8-sig")
    assert sent["filename"] == "journal-democratic.csv"
    assert content.startswith("Date (heure de Paris);Auteur;Action;Objet;Détail")
    assert content.count("revision_objectif") == 1
    xlsx_answer = export_request(client, view.AUDIT_XLSX).get_json()["response"]
    workbook = load_workbook(
        io.BytesIO(base64.b64decode(xlsx_answer[view.AUDIT_DOWNLOAD]["data"]["content"]))
    )
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[1][1:4] == (
        "charge@example.org",
        "revision_objectif",
        "objectif paris_coordinateurs_rencontres / paris",
    )
    assert all(not str(cell).startswith("=") for row in rows for cell in row if cell)
