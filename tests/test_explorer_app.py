"""The explorer in the app: the page from its URL, and the callbacks answering raw POSTs —
including hostile ones — with a French message, never a 500."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json

import dash
import pytest
from openpyxl import load_workbook
from plotly.utils import PlotlyJSONEncoder

from callbacks.explorer_view import FILTER_FIELDS, GRAPHS
from data import queries
from data.store import transaction
from layouts import ids
from layouts.i18n import format_date
from layouts.table_body import ROWS_ATTRIBUTE

MAIN_INPUTS = [
    ids.EXPLORER_START,
    ids.EXPLORER_END,
    ids.EXPLORER_GRAIN,
    ids.EXPLORER_BREAKDOWN,
    ids.EXPLORER_DETAIL,
]


def explorer_page(app, **query) -> str:
    with app.server.test_request_context("/explorer"):
        layout = dash.page_registry["explorateur"]["layout"](**query)
    return json.dumps(layout, cls=PlotlyJSONEncoder, ensure_ascii=False)


def callback_spec(client, output_fragment: str) -> dict:
    for spec in client.get("/_dash-dependencies").get_json():
        if output_fragment in spec["output"]:
            return spec
    raise AssertionError(f"no callback writes {output_fragment}")


def _item(dep: dict, value=None, with_value=True) -> dict | list:
    """One entry of a callback request, expanding the ALL wildcards as the page lays them out."""
    raw_id = dep["id"]
    prop = dep["property"]
    if raw_id.startswith("{"):
        kind = json.loads(raw_id)["type"]
        indexes = {
            ids.EXPLORER_FILTER: FILTER_FIELDS,
            ids.EXPLORER_CHART_DATA: GRAPHS,
        }.get(kind, ())
        if value is not None and not isinstance(value, list):
            # A forged request: the wildcard's list replaced by something else entirely.
            return {"id": raw_id, "property": prop, "value": value}
        values = (
            value
            if isinstance(value, list) and len(value) == len(indexes)
            else [None] * len(indexes)
        )
        return [
            {"id": {"type": kind, "index": index}, "property": prop}
            | ({"value": v} if with_value else {})
            for index, v in zip(indexes, values, strict=True)
        ]
    return {"id": raw_id, "property": prop} | ({"value": value} if with_value else {})


def post_update(client, values: dict, changed: str, fragment: str = ids.EXPLORER_TABLE):
    """POST a callback request as the browser would, with `values` keyed by component id."""
    spec = callback_spec(client, fragment)
    outputs = []
    for part in spec["output"].split("..."):
        part = part.strip(".")
        if not part:
            continue
        raw_id, _, prop = part.rpartition(".")
        outputs.append(_item({"id": raw_id, "property": prop}, with_value=False))
    payload = {
        "output": spec["output"],
        "outputs": outputs if spec["output"].startswith("..") else outputs[0],
        "inputs": [_item(dep, values.get(_key(dep))) for dep in spec["inputs"]],
        "state": [_item(dep, values.get(_key(dep))) for dep in spec["state"]],
        "changedPropIds": [changed],
    }
    return client.post("/_dash-update-component", json=payload)


def _key(dep: dict) -> str:
    raw_id = dep["id"]
    if raw_id.startswith("{"):
        return json.loads(raw_id)["type"] + "." + dep["property"]
    return raw_id + "." + dep["property"]


def controls(**overrides):
    values = {
        f"{ids.EXPLORER_START}.value": "2012-01-01",
        f"{ids.EXPLORER_END}.value": "2012-12-31",
        f"{ids.EXPLORER_GRAIN}.value": "mois",
        f"{ids.EXPLORER_BREAKDOWN}.value": "territoire",
        f"{ids.EXPLORER_DETAIL}.value": "total",
        f"{ids.EXPLORER_FILTER}.value": [[] for _ in FILTER_FIELDS],
        f"{ids.EXPLORER_SORT}.data": {"sort": "ordre", "desc": False},
        f"{ids.EXPLORER_FOCUS}.value": "",
    }
    values.update(overrides)
    return values


def response_text(response) -> str:
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_the_page_answers_200_for_any_query(client):
    for query in (
        "",
        "?partenaires=paris&debut=2012-03-01",
        "?debut=2012-13-45&zz=%3Cscript%3E",
        "?partenaires=" + "x" * 5000,
        "?tri=1;DROP%20TABLE%20observation",
        "?ordre=desc&ordre=asc",
    ):
        assert client.get("/explorer" + query).status_code == 200


def test_the_page_is_built_from_its_url_with_notices_for_what_it_ignored(app):
    page = explorer_page(app, partenaires="paris,lyon", debut="2012-02-30", couleur="rouge")
    assert "Retirer le filtre : Paris" in page
    assert "« lyon » n'est pas une valeur connue pour le filtre « partenaires »" in page
    assert "« 2012-02-30 » (début de période) n'est pas une date valide" in page
    assert "Le paramètre « couleur » de l'adresse est inconnu" in page


def test_the_table_shows_the_aggregates_of_the_database(app, sqlite_demo_engine):
    page = explorer_page(app, partenaires="seine-saint-denis")
    with sqlite_demo_engine.connect() as connection:
        rows = queries.aggregate(
            connection, queries.ObservationFilter(partners=("seine-saint-denis",))
        )
    totals = {r.indicator_code: r.value for r in rows}
    assert totals["ssd_clameurs_publiees"] == 1380  # the demonstration's annual total
    assert "1\u202f380" in page
    assert "6 indicateurs, 1 partenaire" in page


def components(node: object) -> list[dict]:
    """Every component of a layout in Dash's JSON form, in page order."""
    if isinstance(node, list):
        return [found for child in node for found in components(child)]
    if isinstance(node, dict) and isinstance(node.get("props"), dict):
        return [node, *components(node["props"].get("children"))]
    return []


def test_the_tables_rows_travel_as_one_attribute_not_as_components(app):
    """The cells of the table and of the charts' tables are not components that Dash would draw
    one by one: each body carries its rows, already formatted, that the browser builds."""
    page = json.loads(explorer_page(app, partenaires="seine-saint-denis"))
    every = components(page)
    assert "Td" not in {c["type"] for c in every}
    bodies = [json.loads(c["props"][ROWS_ATTRIBUTE]) for c in every if c["type"] == "Tbody"]
    assert len(bodies) >= 2  # the table, and the numbers under the charts
    (table,) = [
        json.loads(c["props"][ROWS_ATTRIBUTE])
        for c in components([c for c in every if c["props"].get("id") == ids.EXPLORER_TABLE])
        if c["type"] == "Tbody"
    ]
    assert table["classes"] == [None, None, "text-end", None, "text-end"]
    (clameurs,) = [row for row in table["rows"] if row[1] == "Clameurs publiées"]
    assert clameurs[:3] == ["Seine-Saint-Denis", "Clameurs publiées", "1\u202f380"]


def test_an_empty_result_says_so_plainly(app):
    # Essonne's pilot-group workshops have no figure by channel: nothing matches.
    page = explorer_page(app, partenaires="essonne", canaux="mobile", debut="2012-01-01")
    assert "Aucune donnée ne correspond à ces filtres" in page


def test_a_partner_still_defining_its_implementation_is_offered_and_said_so(app):
    """Val-de-Marne has no figure: it is offered with its category, and choosing it says why
    nothing is shown, as its own page does, rather than « aucune donnée ne correspond »."""
    page = explorer_page(app)
    assert "Val-de-Marne (sans chiffres : mise en œuvre en cours de définition)" in page
    assert "Rencontres (sans chiffres : mise en œuvre en cours de définition)" in page
    chosen = explorer_page(app, partenaires="val-de-marne")
    assert "La mise en œuvre de Val-de-Marne est en cours de définition" in chosen
    assert "Aucune donnée ne correspond" not in chosen


def test_the_programme_is_not_counted_as_a_partner(app):
    page = explorer_page(app)
    assert "3 partenaires et le programme" in page
    assert "4 partenaires" not in page


def test_a_callback_post_updates_the_url_and_the_view(client):
    values = controls()
    values[f"{ids.EXPLORER_FILTER}.value"] = [["essonne"]] + [[] for _ in FILTER_FIELDS[1:]]
    response = post_update(
        client, values, f'{{"index":"partners","type":"{ids.EXPLORER_FILTER}"}}.value'
    )
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert answer[ids.EXPLORER_URL]["search"] == "?partenaires=essonne"
    assert "Retirer le filtre : Essonne" in json.dumps(
        answer[ids.EXPLORER_CHIPS], ensure_ascii=False
    )


@pytest.mark.parametrize(
    "overrides",
    [
        {f"{ids.EXPLORER_START}.value": 12},
        {f"{ids.EXPLORER_START}.value": {"$gt": ""}},
        {f"{ids.EXPLORER_END}.value": "1999-01-01"},
        {f"{ids.EXPLORER_GRAIN}.value": ["mois"]},
        {f"{ids.EXPLORER_BREAKDOWN}.value": "territory_code; DROP TABLE observation"},
        {f"{ids.EXPLORER_FILTER}.value": [["paris' OR '1'='1"]] + [[] for _ in FILTER_FIELDS[1:]]},
        {f"{ids.EXPLORER_FILTER}.value": [[{"a": 1}]] + [[] for _ in FILTER_FIELDS[1:]]},
        {f"{ids.EXPLORER_SORT}.data": 42},
        {f"{ids.EXPLORER_SORT}.data": {"sort": "1=1", "desc": "oui"}},
        {f"{ids.EXPLORER_FOCUS}.value": "<img src=x onerror=alert(1)>"},
    ],
)
def test_hostile_callback_posts_get_a_french_notice_never_a_500(client, overrides):
    response = post_update(client, controls(**overrides), f"{ids.EXPLORER_START}.value")
    assert response.status_code == 200
    text = response_text(response)
    assert "Dans l'adresse ou les filtres" in text
    assert "DROP TABLE" not in text or "n'est pas un choix possible" in text


def test_a_wildcard_input_sent_as_a_single_value_is_refused_with_400(client):
    # The renderer sends a list of items for an ALL wildcard: one item in its place is forged.
    response = post_update(
        client, controls(**{f"{ids.EXPLORER_FILTER}.value": "paris"}), f"{ids.EXPLORER_START}.value"
    )
    assert response.status_code == 400
    assert response.get_json()["message"] == (
        "Requête invalide : « inputs » : une liste était attendue pour « value »."
    )


def test_a_forged_chart_click_is_ignored_with_a_notice(client):
    values = controls()
    values[f"{ids.EXPLORER_BREAKDOWN_GRAPH}.clickData"] = {
        "points": [{"customdata": "partners:lyon"}]
    }
    response = post_update(client, values, f"{ids.EXPLORER_BREAKDOWN_GRAPH}.clickData")
    assert response.status_code == 200
    assert "Le clic reçu ne correspond à aucun filtre connu" in response_text(response)
    values[f"{ids.EXPLORER_BREAKDOWN_GRAPH}.clickData"] = "not a click"
    response = post_update(client, values, f"{ids.EXPLORER_BREAKDOWN_GRAPH}.clickData")
    assert response.status_code == 200


def test_a_chart_click_toggles_the_filter(client):
    values = controls()
    values[f"{ids.EXPLORER_BREAKDOWN_GRAPH}.clickData"] = {
        "points": [{"customdata": "territories:75111"}]
    }
    response = post_update(client, values, f"{ids.EXPLORER_BREAKDOWN_GRAPH}.clickData")
    answer = response.get_json()["response"]
    assert answer[ids.EXPLORER_URL]["search"] == "?territoires=75111"


def test_a_click_on_a_month_drills_into_it(client):
    values = controls()
    values[f"{ids.EXPLORER_EVOLUTION}.clickData"] = {
        "points": [{"customdata": "period:2012-02-01"}]
    }
    response = post_update(client, values, f"{ids.EXPLORER_EVOLUTION}.clickData")
    answer = response.get_json()["response"]
    assert answer[ids.EXPLORER_URL]["search"] == "?debut=2012-02-01&fin=2012-02-29"


def export(client, button: str, **overrides):
    response = post_update(
        client,
        controls(**overrides) | {f"{button}.n_clicks": 1},
        f"{button}.n_clicks",
        fragment=ids.EXPLORER_DOWNLOAD,
    )
    assert response.status_code == 200
    data = response.get_json()["response"][ids.EXPLORER_DOWNLOAD]["data"]
    return data["filename"], base64.b64decode(data["content"])


def test_exports_hold_the_tables_numbers(client, sqlite_demo_engine):
    filters = [["paris"]] + [[] for _ in FILTER_FIELDS[1:]]
    name, content = export(client, ids.EXPLORER_CSV, **{f"{ids.EXPLORER_FILTER}.value": filters})
    assert name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    value_column = header.index("Valeur")
    exported = {r[1]: float(r[value_column].replace(",", ".")) for r in body}
    with sqlite_demo_engine.connect() as connection:
        totals = queries.aggregate(connection, queries.ObservationFilter(partners=("paris",)))
    assert len(exported) == len(totals)
    assert exported["Sessions d'échange de savoirs"] == 9  # the demonstration's total
    assert sum(exported.values()) == pytest.approx(sum(round(r.value, 1) for r in totals))

    name, content = export(client, ids.EXPLORER_XLSX, **{f"{ids.EXPLORER_FILTER}.value": filters})
    assert name.endswith(".xlsx")
    sheet, notes, about = load_workbook(io.BytesIO(content)).worksheets
    assert notes.title == "Interprétations" and notes.max_row == 1  # none written: headers only
    xlsx_rows = list(sheet.iter_rows(values_only=True))
    assert {r[1]: r[value_column] for r in xlsx_rows[1:]} == exported
    # The « À propos » sheet dates the export in French (« 6 décembre 2026 », not 2026-12-06).
    exported_on = dict(about.iter_rows(values_only=True))["Exporté le"]
    assert exported_on == format_date(dt.date.today(), "fr") and "-" not in exported_on


def test_export_ignores_a_hostile_post(client):
    name, content = export(client, ids.EXPLORER_CSV, **{f"{ids.EXPLORER_START}.value": [1, 2]})
    assert name.endswith(".csv") and content.startswith(b"\xef\xbb\xbf")


def test_youth_questions_off_the_public_grid_are_explained(app):
    odd = explorer_page(app, partenaires="seine-saint-denis", debut="2012-02-01", fin="2012-04-30")
    assert "Les chiffres sur les jeunes ne sont publiés que pour un mois" in odd
    crossed = explorer_page(
        app, partenaires="seine-saint-denis", canaux="web", ventilation="territoire"
    )
    assert "Les chiffres sur les jeunes ne sont publiés que pour un mois" in crossed
    year = explorer_page(app, partenaires="seine-saint-denis")
    assert "Les chiffres sur les jeunes ne sont publiés que pour un mois" not in year


def test_public_exports_give_youth_counts_rounded_or_hidden(client):
    # Through the real callback, as the public downloads it: every count of young people by
    # commune is a multiple of 5 or « < 5 », never its exact value (docs/disclosure-control.md).
    filters = [["seine-saint-denis"]] + [[] for _ in FILTER_FIELDS[1:]]
    youth = {"Clameurs publiées", "Jeunes ayant publié au moins une clameur"}
    for button in (ids.EXPLORER_CSV, ids.EXPLORER_XLSX):
        _name, content = export(
            client,
            button,
            **{
                f"{ids.EXPLORER_FILTER}.value": filters,
                f"{ids.EXPLORER_DETAIL}.value": "territoire",
            },
        )
        if button == ids.EXPLORER_CSV:
            rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        else:
            rows = list(
                load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)
            )
        column = rows[0].index("Valeur")
        values = [r[column] for r in rows[1:] if r[1] in youth]
        assert len(values) > 20  # one line per commune and indicator
        assert "< 5" in values  # the demonstration has communes with few young people
        for value in values:
            if value != "< 5":
                number = float(str(value).replace(",", "."))
                assert number >= 5 and number % 5 == 0, value


def test_what_the_address_got_wrong_is_said_before_the_filters(app):
    """On a phone the filters come first: the notice about the address must come before them."""
    page = explorer_page(app, pas="semaine")
    assert "« semaine » n'est pas un choix possible pour « pas de temps »" in page
    assert page.index(ids.EXPLORER_NOTICES) < page.index("explorer-filters")


def test_the_page_offers_usual_periods_french_months_and_a_copy_link(app):
    page = explorer_page(app)
    assert "1er trimestre 2012" in page and "Année 2012" in page
    assert '"label": "janvier 2011"' in page and '"label": "décembre 2013"' in page
    assert "Copier le lien" in page and "data-copy-link" in page


def test_the_partner_comparison_compares_one_family_across_partners(client):
    values = controls()
    values[f"{ids.EXPLORER_COMPARE}.value"] = "rencontres-tenues"
    response = post_update(client, values, f"{ids.EXPLORER_COMPARE}.value")
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert answer[ids.EXPLORER_URL]["search"] == "?comparer=rencontres-tenues"
    figure = answer[ids.EXPLORER_COMPARISON]["figure"]
    partners = [y for trace in figure["data"] for y in trace["y"]]
    assert partners == ["Paris", "Seine-Saint-Denis", "Essonne"]  # largest first, one bar each
    rates = answer[ids.EXPLORER_PER_CAPITA]["figure"]
    assert "pour 1\u202f000\u202f000 habitants" in rates["layout"]["xaxis"]["title"]["text"]
    assert all(text != "0,0" for trace in rates["data"] for text in trace["text"])
    note = answer[ids.EXPLORER_COMPARISON_NOTE]["children"]
    assert "Mise en œuvre en cours de définition, pas encore de chiffre : Val-de-Marne." in note


def test_a_phone_screen_gets_simpler_charts_and_keeps_the_notices_of_its_address(client):
    values = controls()
    values[f"{ids.EXPLORER_SCREEN}.data"] = "compact"
    response = post_update(client, values, f"{ids.EXPLORER_SCREEN}.data")
    assert response.status_code == 200
    answer = response.get_json()["response"]
    # The notices the page showed for its address are left as they are.
    assert ids.EXPLORER_NOTICES not in answer
    layout = answer[ids.EXPLORER_EVOLUTION]["figure"]["layout"]
    assert "<br>" in layout["title"]["text"]
    assert layout["xaxis"]["tickangle"] == 0


def test_the_programme_alone_is_not_called_a_partner(app):
    page = explorer_page(app, partenaires="programme")
    assert "indicateurs, le programme seul, du" in page


def test_the_xlsx_export_lists_the_interpretations_this_viewer_reads_in_the_view(
    client, sqlite_demo_engine
):
    from data import interpretations
    from data.access import Viewer

    manager = Viewer("charge_de_mission", None, "charge@example.org")
    now = dt.datetime(2012, 11, 5, tzinfo=dt.UTC)
    with transaction(sqlite_demo_engine) as session:
        for title, visibility, start in (
            ("=Grève publique", "public", "2012-03-01"),
            ("Note interne", "interne", "2012-04-01"),
            ("Hors période", "public", "2011-04-01"),
        ):
            note = interpretations.create(
                session,
                manager,
                indicator_code="paris_sessions_echange",
                scope="paris",
                start=start,
                title=title.lstrip("="),
                body="Texte\n=1+2" if visibility == "public" else "",
                visibility=visibility,
                now=now,
            )
        interpretations.reply(session, manager, note, "Réponse", now)
    filters = [["paris"]] + [[] for _ in FILTER_FIELDS[1:]]
    _name, content = export(client, ids.EXPLORER_XLSX, **{f"{ids.EXPLORER_FILTER}.value": filters})
    notes = load_workbook(io.BytesIO(content))["Interprétations"]
    rows = list(notes.iter_rows(values_only=True))
    assert rows[0][:5] == ("Indicateur", "Pour", "Date (ou début)", "Fin", "Titre")
    # The public (this client) reads the public interpretation of the period only, no author.
    assert [(r[0], r[4], r[9]) for r in rows[1:]] == [
        ("paris_sessions_echange", "Grève publique", None)
    ]


def test_the_evolution_chart_marks_the_interpretations_this_viewer_reads(
    client, sqlite_demo_engine
):
    from data import interpretations
    from data.access import Viewer

    manager = Viewer("charge_de_mission", None, "charge@example.org")
    now = dt.datetime(2012, 11, 5, tzinfo=dt.UTC)
    with transaction(sqlite_demo_engine) as session:
        for title, visibility in (("Grève", "public"), ("Note interne", "interne")):
            interpretations.create(
                session,
                manager,
                indicator_code="paris_sessions_echange",
                scope="paris",
                start="2012-05-02",
                title=title,
                visibility=visibility,
                now=now,
            )
    values = controls()
    values[f"{ids.EXPLORER_FILTER}.value"] = [["paris"]] + [[] for _ in FILTER_FIELDS[1:]]
    response = post_update(
        client, values, f'{{"index":"partners","type":"{ids.EXPLORER_FILTER}"}}.value'
    )
    answer = response.get_json()["response"]
    notes = answer[ids.EXPLORER_EVOLUTION]["figure"]["layout"]["annotations"]
    # The public (this client) sees the public one only, on the chart and with its table.
    assert [n["hovertext"] for n in notes if "hovertext" in n] == ["Grève — 2 mai 2012"]
    assert "Note interne" not in json.dumps(answer)
