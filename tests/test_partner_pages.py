"""Partner pages and the overview, built on the server: period from the URL, languages, inert
data, the partner still being defined, the page title."""

from __future__ import annotations

import datetime as dt
import json

import dash
import pytest
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy import select

from callbacks.period import parse_period
from data.models import Event, Outcome, Partner
from data.store import transaction


def render(app, page: str, path: str = "/", lang: str = "fr", **kwargs) -> str:
    headers = {"Cookie": f"langue={lang}"}
    with app.server.test_request_context(path, headers=headers):
        layout = dash.page_registry[page]["layout"](**kwargs)
    return json.dumps(layout, cls=PlotlyJSONEncoder, ensure_ascii=False)


def test_partner_page_shows_headline_figures_sentence_and_charts(app):
    page = render(app, "partenaire", slug="seine-saint-denis")
    # The public is given youth counts rounded to 5 (412 -> 410; 1 380 stays).
    assert "410 jeunes ont publié 1\u202f380 clameurs en 2012." in page
    assert "Clameurs publiées" in page
    assert '"type": "bar"' in page
    assert "Objectif : 1\u202f500" in page
    assert "Calendrier des actions" in page
    assert "Montreuil" in page  # the ranked places


def test_partner_page_in_english(app):
    page = render(app, "partenaire", lang="en", slug="seine-saint-denis")
    # The public is given youth counts rounded to 5 (412 -> 410; 1 380 stays).
    assert "410 young people published 1,380 clameurs in 2012." in page
    assert "Key figures" in page and "Chiffres clés" not in page


def test_a_period_from_the_url_changes_the_figures(app):
    year = render(app, "partenaire", slug="essonne")
    spring = render(app, "partenaire", slug="essonne", debut="2012-03", fin="2012-06")
    assert "du 1er mars au 30 juin 2012" in spring
    assert "2 ateliers tenus sur 2 prévus ; 5 sur 17 propositions retenues" in year
    assert "propositions retenues" not in spring  # the proposals were retained in September


@pytest.mark.parametrize(
    ("debut", "fin", "expected"),
    [
        ("<script>alert(1)</script>", None, "n'est pas un mois"),
        ("2012-13", None, "n'est pas un mois"),
        ("2030-01", None, "doit être compris entre janvier 2011 et décembre 2013"),
        ("2012-09", "2012-03", "commence (septembre 2012) après sa fin (mars 2012)"),
    ],
)
def test_a_bad_period_is_ignored_with_a_visible_notice(app, debut, fin, expected):
    page = render(app, "partenaire", slug="paris", debut=debut, fin=fin)
    assert expected in page
    assert "La période par défaut, l'année 2012 entière, est affichée." in page
    assert "en 2012" in page


def test_parse_period_defaults_and_partial_values():
    assert parse_period(None, None, "fr").is_default
    period = parse_period("2012-04", None, "fr")
    assert (period.start, period.end) == (dt.date(2012, 4, 1), dt.date(2012, 12, 31))
    period = parse_period(None, "2012-02", "fr")
    assert period.end == dt.date(2012, 2, 29) and not period.problems
    long = parse_period("x" * 500, None, "fr")
    assert all(len(p) < 300 for p in long.problems)


def test_partner_being_defined_is_never_shown_as_zero(app):
    page = render(app, "partenaire", slug="val-de-marne")
    assert "Non défini" in page
    assert "En cours de définition" in page
    assert "La mise en œuvre est en cours de définition" in page
    assert '"headline-number"' not in page  # no number at all on its cards


def test_programme_is_not_a_partner_page(app, client):
    page = render(app, "partenaire", slug="programme")
    assert "Page introuvable" in page
    # Its tab says so too, from the first byte and when Dash Pages sets the title in the browser.
    response = client.get("/partenaires/programme")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "<title>Page introuvable — Tableau de bord democraTIC</title>" in html
    assert "Programme Innovations democraTIC —" not in html
    with app.server.test_request_context("/"):
        title = dash.page_registry["partenaire"]["title"](slug="programme")
    assert title == "Page introuvable — Tableau de bord democraTIC"


def test_data_text_stays_inert_in_pages_and_charts(app, sqlite_demo_engine):
    hostile = '<img src=x onerror="alert(1)">'
    with transaction(sqlite_demo_engine) as session:
        paris = session.scalar(select(Partner.id).where(Partner.slug == "paris"))
        session.add(
            Event(
                partner_id=paris,
                action_id=None,
                kind="entretien",
                title=hostile,
                event_date=dt.date(2012, 5, 10),
            )
        )
        session.add(
            Outcome(
                partner_id=paris, kind="pratique", title=hostile, outcome_date=dt.date(2012, 5, 10)
            )
        )
    with app.server.test_request_context("/"):
        layout = dash.page_registry["partenaire"]["layout"](slug="paris")
    as_json = json.dumps(layout, cls=PlotlyJSONEncoder, ensure_ascii=False)
    # Shown as text by React (a component's children), never as markup: no component of the
    # page renders HTML from data.
    assert "dangerouslySetInnerHTML" not in as_json and "Markdown" not in as_json
    components = list(_walk(json.loads(as_json)))
    assert any(c["props"].get("children") == hostile for c in components)
    figures = [c["props"]["figure"] for c in components if c["props"].get("figure")]
    assert figures
    assert all("<img" not in json.dumps(f) for f in figures)


def _walk(node):
    """Every component of a layout in the JSON form Dash sends."""
    if isinstance(node, list):
        for child in node:
            yield from _walk(child)
    elif isinstance(node, dict) and "props" in node and "type" in node:
        yield node
        yield from _walk(node["props"].get("children"))


def test_overview_shows_the_four_partners_side_by_side(app):
    page = render(app, "programme")
    for slug in ("paris", "seine-saint-denis", "val-de-marne", "essonne"):
        assert f"/partenaires/{slug}" in page
    assert "En route vers le colloque" in page
    assert "Colloque de restitution le 6 décembre 2012" in page
    assert "Calendrier 2012 de toutes les actions" in page


def test_partner_page_states_each_status_in_words_and_an_icon(app):
    """Word and icon, never colour alone; the page's title is checked just below."""
    page = json.loads(render(app, "partenaire", slug="essonne"))
    cards = [c for c in _walk(page) if "headline-card" in (c["props"].get("className") or "")]
    badges = [
        b
        for card in cards
        for b in _walk(card["props"].get("children"))
        if "status-badge" in (b["props"].get("className") or "")
    ]
    assert len(badges) >= 3
    first = badges[0]["props"]["children"]
    assert "Objectif atteint" in "".join(c for c in first if isinstance(c, str))
    icons = [c for c in first if isinstance(c, dict) and c["type"] == "I"]
    assert len(icons) == 1 and icons[0]["props"]["className"].startswith("bi ")


def test_partner_page_title_names_the_partner(app, client):
    with app.server.test_request_context("/", headers={"Cookie": "langue=en"}):
        title = dash.page_registry["partenaire"]["title"](slug="essonne")
    assert title.startswith("Essonne departmental council")
    html = client.get("/partenaires/essonne").get_data(as_text=True)
    assert "<title>Conseil général de l'Essonne — Tableau de bord democraTIC</title>" in html


def test_tab_titles_follow_the_language(client):
    assert "<title>Vue d'ensemble — Tableau de bord democraTIC</title>" in client.get("/").get_data(
        as_text=True
    )
    client.set_cookie("langue", "en")
    assert "<title>Overview — democraTIC dashboard</title>" in client.get("/").get_data(
        as_text=True
    )
    assert "<title>City of Paris — democraTIC dashboard</title>" in client.get(
        "/partenaires/paris"
    ).get_data(as_text=True)


def test_hidden_counts_state_the_threshold_in_force(settings):
    from dataclasses import replace

    from dashboard.app import create_app
    from tests.page_support import page_body

    def page_text(threshold: int) -> str:
        app = create_app(replace(settings, small_count_threshold=threshold))
        client = app.server.test_client()
        response = client.post(
            "/_dash-update-component", json=page_body("/partenaires/seine-saint-denis")
        )
        assert response.status_code == 200
        return json.dumps(response.get_json(), ensure_ascii=False)

    strict = page_text(1000)
    # Every breakdown cell of young people under 1 000 is hidden, and said to be.
    assert "< 1000" in strict and "< 5" not in strict
    usual = page_text(5)
    assert "< 1000" not in usual and "< 5" in usual
    # Nothing of the second app's setting reaches a new app with the first one's.
    assert "< 1000" in page_text(1000)


def test_youth_totals_off_the_public_grid_are_withheld_and_the_page_says_why(app):
    # February to April is no calendar month, quarter or year: the public gets no youth total
    # for it (two overlapping periods would give a difference), and is told so.
    odd = render(app, "partenaire", slug="seine-saint-denis", debut="2012-02", fin="2012-04")
    assert "ne sont publiés que pour un mois, un trimestre ou l'année entiers" in odd
    quarter = render(app, "partenaire", slug="seine-saint-denis", debut="2012-04", fin="2012-06")
    assert "ne sont publiés que pour un mois" not in quarter
    # A partner without youth indicators has nothing withheld.
    paris = render(app, "partenaire", slug="paris", debut="2012-02", fin="2012-04")
    assert "ne sont publiés que pour un mois" not in paris


def test_a_card_says_the_expected_count_in_whole_units_and_the_exact_value_in_its_definition():
    import json
    from dataclasses import replace

    from plotly.utils import PlotlyJSONEncoder

    from data.progress import Status
    from layouts.headline_cards import headline_card
    from tests.test_colloquium import _figure

    figure = replace(
        _figure("ateliers", value=2.0, target=10.0, status=Status.BEHIND),
        definition_fr="Ateliers tenus avec le groupe pilote",
        expected=3.7,
    )
    card = json.dumps(
        headline_card(figure, "#CC79A7", "fr", "chiffre-ateliers", threshold=5),
        cls=PlotlyJSONEncoder,
        ensure_ascii=False,
    )
    assert "attendu à cette date : 4" in card
    assert "3,7 rencontres" not in card and "attendu à cette date : 3,7" not in card
    assert (
        "Ateliers tenus avec le groupe pilote. Attendu à cette date avec une progression "
        "régulière vers l'objectif : 3,7." in card
    )
