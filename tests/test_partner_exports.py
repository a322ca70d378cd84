"""A partner page's chart downloaded as CSV or XLSX, through HTTP as the browser asks for it: the
file holds the chart's rows as the page shows them to the viewer who asks (a public visitor gets
the protected youth counts, a programme manager the exact ones), the « À propos » sheet writes its
dates in French, and a request the page could not have sent is no download."""

from __future__ import annotations

import base64
import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook

from callbacks.partner_export import export_request
from data.access import Viewer
from layouts import ids
from tests.page_support import folded_tables

# In March 2012 the demonstration data has Seine-Saint-Denis youth trained in each age band, one
# of them fewer than five: the public page hides it and rounds the others to five.
SLUG, START, END = "seine-saint-denis", "2012-03", "2012-03"
YOUTH_CHART = "repartition-ssd_jeunes_formes-tranche_age"
CONTEXT = {"partenaire": SLUG, "debut": START, "fin": END}


def _ask(client, key: str, kind: str = ids.PARTNER_CHART_CSV, context: object = CONTEXT):
    button = {"type": kind, "index": key}
    # Both kinds of button are inputs of the one callback: CSV first, then XLSX.
    inputs = [[{"id": button, "property": "n_clicks", "value": 1}], []]
    if kind == ids.PARTNER_CHART_XLSX:
        inputs.reverse()
    body = {
        "output": f"{ids.PARTNER_DOWNLOAD}.data",
        "outputs": {"id": ids.PARTNER_DOWNLOAD, "property": "data"},
        "inputs": inputs,
        "state": [{"id": ids.PARTNER_EXPORT_CONTEXT, "property": "data", "value": context}],
        "changedPropIds": [json.dumps(button, sort_keys=True, separators=(",", ":")) + ".n_clicks"],
    }
    return client.post("/_dash-update-component", json=body)


def _file(response) -> tuple[str, bytes]:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    data = response.get_json()["response"][ids.PARTNER_DOWNLOAD]["data"]
    return data["filename"], base64.b64decode(data["content"])


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # a BOM: French Excel reads UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _as(app, role: str | None):
    if role:
        app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: Viewer(role=role)
    return app.server.test_client()


def test_a_public_visitor_downloads_the_protected_values_the_page_shows(app):
    client = _as(app, None)
    name, content = _file(_ask(client, YOUTH_CHART))
    assert name == f"{SLUG}-{YOUTH_CHART}-{START}-{END}.csv"
    header, *rows = _csv_rows(content)
    assert header[0] == "Tranche d'âge"
    values = [row[1] for row in rows]
    assert "< 5" in values
    numbers = [int(v) for v in values if v != "< 5"]
    assert numbers and all(n % 5 == 0 for n in numbers), values
    # The same cells as the chart's table on the public page (folded: built when opened).
    assert rows in [table["rows"] for table in folded_tables(_page_answer(client))]


def test_the_folded_tables_of_the_public_page_never_hold_a_hidden_small_count(app):
    """A chart's table travels in the page as rows, built in the browser when opened: those rows
    are the ones the disclosure rules gave the viewer. The public's youth counts are rounded to
    five or hidden (« < 5 »), where a programme manager's same tables hold exact small counts."""

    def youth_values(role: str | None) -> list[list[str]]:
        tables = folded_tables(_page_answer(_as(app, role)))
        youth = [t for t in tables if t["label"].startswith("Jeunes")]
        assert youth, [t["label"] for t in tables]
        return [row[t["numericFrom"] :] for t in youth for row in t["rows"]]

    public = [cell for row in youth_values(None) for cell in row]
    assert "< 5" in public
    assert all(cell == "< 5" or int(cell) % 5 == 0 for cell in public), public
    exact = [cell for row in youth_values("charge_de_mission") for cell in row]
    assert "< 5" not in exact
    assert any(int(cell) % 5 for cell in exact), exact


def test_a_programme_manager_downloads_the_exact_values(app):
    header, *rows = _csv_rows(_file(_ask(_as(app, "charge_de_mission"), YOUTH_CHART))[1])
    values = [row[1] for row in rows]
    assert "< 5" not in values
    assert any(int(v) % 5 for v in values), values  # not rounded


def test_the_workbook_holds_numbers_and_says_in_french_what_it_is(app):
    name, content = _file(_ask(_as(app, None), YOUTH_CHART, ids.PARTNER_CHART_XLSX))
    assert name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(content))
    data, about = book.worksheets
    cells = [row for row in data.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(value, int | float) for _label, value in cells)
    facts = dict(about.iter_rows(values_only=True))
    assert facts["Période"] == "du 1er mars au 31 mars 2012"
    assert facts["Données au"] == "31 mars 2012"
    assert "-" not in facts["Exporté le"]  # « 6 décembre 2026 », never 2026-12-06
    assert facts["Partenaire"] == "Conseil général de la Seine-Saint-Denis"


def _page_answer(client) -> dict:
    from tests.callback_requests import Requests

    requests = Requests(client)
    return requests.post(
        requests.page_body(f"/partenaires/{SLUG}", f"?debut={START}&fin={END}")
    ).get_json()


@pytest.mark.parametrize(
    ("context", "key"),
    [
        (CONTEXT, "repartition-inconnue"),  # no such chart on the page
        ({**CONTEXT, "partenaire": "programme"}, YOUTH_CHART),  # the programme has no page
        ({**CONTEXT, "debut": "2012-13"}, YOUTH_CHART),  # no such month
        ({**CONTEXT, "fin": "2011-12"}, YOUTH_CHART),  # an end before the start
        ("paris", YOUTH_CHART),
    ],
)
def test_a_request_the_page_could_not_send_is_no_download(app, context, key):
    response = _ask(_as(app, None), key, context=context)
    assert response.status_code == 200
    assert response.get_json()["response"][ids.PARTNER_DOWNLOAD]["data"] is None


@pytest.mark.parametrize(
    ("context", "key", "expected"),
    [
        (CONTEXT, YOUTH_CHART, (SLUG, START, END, YOUTH_CHART)),
        (CONTEXT, "Évolution", None),
        (CONTEXT, "x" * 121, None),
        (CONTEXT, 3, None),
        ({**CONTEXT, "partenaire": "nulle-part"}, YOUTH_CHART, None),
        ({**CONTEXT, "debut": 201203}, YOUTH_CHART, None),
        ([CONTEXT], YOUTH_CHART, None),
    ],
)
def test_export_requests_are_checked_before_anything_is_read(context, key, expected):
    assert export_request(context, key) == expected


def test_the_timeline_downloads_its_actions_with_their_dates_and_events(app):
    name, content = _file(_ask(_as(app, None), "calendrier"))
    assert name == f"{SLUG}-calendrier-{START}-{END}.csv"
    header, *rows = _csv_rows(content)
    assert header == ["Action", "Statut", "Début", "Fin prévue", "Événements"]
    assert rows and all(row[4].isdigit() for row in rows)
    # Dates as the page writes them, in French (« 1er mars 2012 »).
    assert any(re.fullmatch(r"(1er|\d{1,2}) [a-zéû]+ 2012", row[2]) for row in rows), rows
