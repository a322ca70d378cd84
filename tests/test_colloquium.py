"""The colloquium's slide deck: built from the store, honest about what is not defined, and its
URL options, JSON refresh and QR code routes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re

import pytest
from dash import dcc, html
from sqlalchemy import select

from callbacks import colloquium
from callbacks.context import aggregate_for_viewer
from dashboard.settings import Settings
from data import queries
from data.access import PUBLIC_VIEWER
from data.headlines import HeadlineFigure, SparkPoint, headline_figures
from data.models import ActionStatus, Indicator, Observation, Partner
from data.progress import Status
from data.reference import PARTNER_SLUGS, YEAR_END, YEAR_START
from data.store import bump_data_version, transaction
from layouts import colloquium as view
from layouts import colloquium_deck, colloquium_parts, colloquium_slides
from layouts.i18n import format_number


def _text(component) -> str:
    """All the text a component shows (its strings, recursively)."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(_text(c) for c in component)
    return _text(getattr(component, "children", None))


def _find(component, predicate) -> list:
    found = []
    if isinstance(component, list | tuple):
        for child in component:
            found += _find(child, predicate)
        return found
    if component is None or isinstance(component, str | int | float):
        return found
    if predicate(component):
        found.append(component)
    return found + _find(getattr(component, "children", None), predicate)


def _classed(css: str):
    return lambda c: css in (getattr(c, "className", None) or "").split()


SETTINGS = Settings(database_url="sqlite://")


# --- the deck read from the store


def test_deck_has_a_slide_per_partner_in_order_and_val_de_marne_not_defined(demo_engine):
    with demo_engine.connect() as connection:
        deck = colloquium.read_deck(connection, "fr", PUBLIC_VIEWER, SETTINGS)
        paris_total = {
            r.indicator_code: r.value
            for r in aggregate_for_viewer(
                connection,
                queries.ObservationFilter(partners=("paris",)),
                viewer=PUBLIC_VIEWER,
            )
        }
    assert [p.slug for p in deck.partners] == PARTNER_SLUGS
    vdm = next(p for p in deck.partners if p.slug == "val-de-marne")
    assert vdm.status == Status.NOT_DEFINED
    assert not vdm.defined
    assert all(not f.defined and f.value is None for f in vdm.figures)
    assert "en cours de définition" in vdm.sentences[0]
    assert {status for _title, status in vdm.actions} == {ActionStatus.NOT_DEFINED}

    paris = next(p for p in deck.partners if p.slug == "paris")
    assert paris.defined
    lead = paris.figures[0]
    assert lead.indicator_code == "paris_coordinateurs_rencontres"
    assert lead.value == paris_total["paris_coordinateurs_rencontres"]
    assert paris.sentences and format_number(lead.value, "fr") in paris.sentences[0]

    slides = view.slides(deck, "clair")
    assert len(slides) == colloquium_parts.slide_count(deck) == 5 + len(PARTNER_SLUGS)
    labels = [getattr(s, "aria-label") for s in slides]
    assert labels[0].startswith(f"1 sur {len(slides)} : ")
    assert [label.split(" : ", 1)[1] for label in labels[2:6]] == [p.name for p in deck.partners]


def test_val_de_marne_slide_says_not_defined_and_shows_no_number_or_chart(demo_engine):
    with demo_engine.connect() as connection:
        deck = colloquium.read_deck(connection, "fr", PUBLIC_VIEWER, SETTINGS)
    rank = [p.slug for p in deck.partners].index("val-de-marne") + 1
    slide = colloquium_slides.partner_slide(deck, deck.partners[rank - 1], rank, "clair")
    text = _text(slide)
    assert "Mise en œuvre en cours de définition" in text
    assert "Rencontres entre agents et porteurs de projets innovants" in text
    assert _find(slide, _classed("slide-figure-value")) == []
    assert _find(slide, lambda c: isinstance(c, dcc.Graph)) == []
    assert not re.search(r"(?<![\d,])0(?![\d,])", text.replace("2012", "")), text


def test_a_partner_late_outside_its_key_figures_says_so_on_its_slide(demo_engine):
    # The slide shows four key figures; its status is rolled up from every indicator, and a late
    # partner's header says how many are late (the same count as its page's table).
    with demo_engine.connect() as connection:
        deck = colloquium.read_deck(connection, "fr", PUBLIC_VIEWER, SETTINGS)
        read = functools.partial(aggregate_for_viewer, viewer=PUBLIC_VIEWER)
        every = headline_figures(
            connection, "paris", YEAR_START, YEAR_END, read, headlines_only=False
        )
    late = [f for f in every if f.status in {Status.BEHIND, Status.NOT_REACHED}]
    targeted = [f for f in every if f.status not in {Status.NO_TARGET, Status.NO_DATA}]
    assert len(late) > sum(1 for f in deck.partners[0].figures if f in late)
    rank = [p.slug for p in deck.partners].index("paris") + 1
    paris = deck.partners[rank - 1]
    assert paris.status is Status.BEHIND
    header = _text(
        _find(colloquium_slides.partner_slide(deck, paris, rank, "clair"), _classed("slide-kicker"))
    )
    assert f"En retard : {len(late)} indicateurs sur {len(targeted)}" in " ".join(header.split())
    essonne = next(p for p in deck.partners if p.slug == "essonne")
    assert essonne.status is Status.REACHED


def test_timeline_places_actions_in_the_year_and_undefined_ones_as_such(demo_engine):
    with demo_engine.connect() as connection:
        deck = colloquium.read_deck(connection, "fr", PUBLIC_VIEWER, SETTINGS)
        actions = queries.actions(connection)
    slide = colloquium_slides.timeline_slide(deck)
    rows = _find(slide, _classed("timeline-row"))
    assert len(rows) == len(actions)
    undefined = _find(slide, _classed("timeline-undefined"))
    expected = sum(1 for a in actions if a["start_date"] is None)
    # One per undefined action, plus the legend's swatch.
    assert len(undefined) == expected + 1
    bars = [
        b
        for b in _find(slide, _classed("timeline-bar"))
        if "timeline-undefined" not in b.className and b.style
    ]
    for bar in bars:
        left = float(bar.style["left"].rstrip("%"))
        width = float(bar.style["width"].rstrip("%"))
        assert left >= 0 and left + width <= 100.001


def test_events_held_counts_published_events_up_to_the_data_date(demo_engine):
    with demo_engine.connect() as connection:
        deck = colloquium.read_deck(connection, "fr", PUBLIC_VIEWER, SETTINGS)
        events = queries.events(connection)
    assert deck.events_held == sum(
        1 for e in events if deck.year_start <= e["event_date"] <= deck.as_of
    )
    assert deck.events_held > 0


# --- a deck made by hand: nothing defined, nothing published


def _figure(code: str, *, value, target=None, defined=True, status=Status.NO_TARGET, points=()):
    return HeadlineFigure(
        indicator_code=code,
        partner_slug="test",
        label_fr=f"Libellé {code}",
        label_en=f"Label {code}",
        definition_fr="",
        definition_en="",
        unit_fr="rencontres",
        unit_en="meetups",
        aggregation="somme",
        higher_is_better=True,
        value=value,
        target=target,
        full_target=target,
        target_prorated=False,
        expected=None,
        status=status,
        defined=defined,
        sparkline=tuple(points),
    )


def _deck(partners: tuple[colloquium_deck.PartnerSlide, ...], **changes) -> colloquium_deck.Deck:
    programme = colloquium_deck.PartnerSlide(
        "programme", "Programme", "Colloque", "", (), Status.NO_DATA, ("Rien encore.",)
    )
    deck = colloquium_deck.Deck(
        lang="fr",
        as_of=dt.date(2012, 6, 30),
        demonstration=False,
        colloquium_date=dt.date(2012, 12, 6),
        year_start=dt.date(2012, 1, 1),
        year_end=dt.date(2012, 12, 31),
        programme=programme,
        partners=partners,
        events_held=0,
        timeline=(),
        threshold=5,
    )
    return dataclasses.replace(deck, **changes)


def test_a_partner_with_nothing_defined_gets_words_not_zeros():
    nothing = colloquium_deck.PartnerSlide(
        slug="nouveau",
        name="Partenaire sans rien",
        category="Rencontres",
        description="",
        figures=(),
        status=Status.NOT_DEFINED,
        sentences=("La mise en œuvre est en cours de définition.",),
        actions=(("Une action à venir", ActionStatus.NOT_DEFINED),),
    )
    deck = _deck((nothing,))
    slides = view.slides(deck, "sombre")
    assert len(slides) == 6
    slide = slides[2]
    text = _text(slide)
    assert "Mise en œuvre en cours de définition" in text
    assert "Une action à venir" in text
    assert "En cours de définition" in text  # the action's status, in words
    assert _find(slide, lambda c: isinstance(c, dcc.Graph)) == []
    assert " 0 " not in f" {text} "


def test_a_defined_partner_without_data_shows_dashes_and_no_chart():
    empty = _figure("vide", value=None, target=10, status=Status.NO_DATA)
    partner = colloquium_deck.PartnerSlide(
        "vide", "Partenaire vide", "Ateliers", "", (empty,), Status.NO_DATA, ("Aucune donnée.",)
    )
    slide = colloquium_slides.partner_slide(_deck((partner,)), partner, 1, "clair")
    values = [_text(v) for v in _find(slide, _classed("slide-figure-value"))]
    assert values == ["—"]
    assert "Pas encore de données" in _text(slide)
    assert "Pas encore de série mensuelle" in _text(slide)


def test_partner_chart_shows_the_trend_its_target_and_a_text_alternative():
    points = [SparkPoint(dt.date(2012, m, 1), float(m * 2)) for m in range(1, 7)]
    lead = _figure("suivi", value=12, target=20, status=Status.ON_TRACK, points=points)
    partner = colloquium_deck.PartnerSlide(
        "paris", "Mairie de Paris", "Conseils", "", (lead,), Status.ON_TRACK, ("Phrase.",)
    )
    slide = colloquium_slides.partner_slide(_deck((partner,)), partner, 1, "sombre")
    graphs = _find(slide, lambda c: isinstance(c, dcc.Graph))
    assert len(graphs) == 1
    figure = graphs[0].figure
    assert figure["data"][0]["y"] == [p.value for p in points]
    assert figure["layout"]["shapes"][0]["y0"] == 20
    assert any("Objectif 20" in a["text"] for a in figure["layout"]["annotations"])
    assert graphs[0].config["staticPlot"] is True  # nothing to hover
    alternative = _text(_find(slide, _classed("visually-hidden")))
    assert "juin 2012 : 12" in alternative
    assert "Phrase." in _text(slide)


@pytest.mark.parametrize(
    ("top", "share", "step"),
    [
        (2.4, False, 1),
        (24, False, 10),
        (250, False, 100),
        (8, False, 2),
        (43.0, True, 20),
        (0.8, True, 0.2),
    ],
)
def test_chart_gridlines_fall_on_round_whole_steps(top, share, step):
    assert colloquium_parts.axis_step(top, share) == step


def test_qr_code_appears_on_title_and_closing_slides_only_with_a_public_url():
    partner = colloquium_deck.PartnerSlide("p", "P", "C", "", (), Status.NO_DATA, ())
    without = view.slides(_deck((partner,)), "clair")
    assert _find(without, lambda c: isinstance(c, html.Img)) == []
    deck = _deck((partner,), public_url="https://democratic.example.org", qr_src="/colloque/qr.svg")
    images = _find(view.slides(deck, "clair"), lambda c: isinstance(c, html.Img))
    assert len(images) == 2
    assert all(i.src == "/colloque/qr.svg" and "democratic.example.org" in i.alt for i in images)


# --- URL options


@pytest.mark.parametrize("raw", ["abc", "0", "1", "3601", "-5", "2.5", "２０", "1e3", " "])
def test_a_bad_interval_falls_back_to_the_setting_with_a_french_message(raw):
    settings = Settings(database_url="sqlite://", slide_interval=15)
    parsed = colloquium.parse_options({"interval": raw}, settings, "fr")
    assert parsed.options.interval == 15
    if raw.strip():
        assert len(parsed.warnings) == 1
        message = parsed.warnings[0]
        assert "« interval »" in message and f"« {raw} »" in message
        assert "entre 2 et 3600" in message and "15 secondes" in message
    else:
        assert parsed.warnings == ()


def test_good_options_are_taken_and_settings_give_the_defaults():
    settings = Settings(database_url="sqlite://", slide_interval=30, slide_refresh=60)
    parsed = colloquium.parse_options({"interval": "7", "theme": "sombre"}, settings, "fr")
    assert parsed.options == colloquium_deck.Options(interval=7, refresh=60, theme="sombre")
    assert parsed.warnings == ()
    default = colloquium.parse_options({}, settings, "fr")
    assert default.options == colloquium_deck.Options(interval=30, refresh=60, theme="clair")


def test_unknown_theme_is_refused_with_the_expected_values():
    parsed = colloquium.parse_options({"theme": "rose"}, SETTINGS, "fr")
    assert parsed.options.theme == "clair"
    assert "« rose »" in parsed.warnings[0] and "« sombre »" in parsed.warnings[0]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://democratic.example.org/colloque", True),
        ("http://10.0.0.5:8050", True),
        ("javascript:alert(1)", False),
        ("ftp://example.org", False),
        ("https://exa mple.org", False),
        ("", False),
    ],
)
def test_only_a_plain_web_address_is_used_as_public_url(url, kept):
    settings = Settings(database_url="sqlite://", public_url=url)
    assert colloquium.public_url(settings) == (url if kept else "")


# --- the page and its routes


def test_presentation_page_is_bare_and_others_keep_the_site_frame(client):
    page = client.get("/colloque").get_data(as_text=True)
    assert '<body class="colloque-mode">' in page
    assert "colloque-mode" not in client.get("/").get_data(as_text=True).split("<body", 1)[1][:40]


def test_page_layout_renders_every_slide_with_its_settings(app):
    with app.server.test_request_context("/colloque?interval=5&theme=sombre"):
        stage = colloquium.layout(interval="5", theme="sombre")
    assert stage.id == "colloque"
    assert getattr(stage, "data-interval") == "5"
    assert getattr(stage, "data-theme") == "sombre"
    assert getattr(stage, "data-source") == "/colloque/contenu.json?theme=sombre"
    deck = _find(stage, lambda c: getattr(c, "id", None) == "colloque-diapositives")[0]
    assert len(deck.children) == 9
    assert _find(stage, _classed("colloque-warnings")) == []


def test_page_layout_with_bad_parameters_still_presents_and_says_why(app):
    with app.server.test_request_context("/colloque?interval=vite"):
        stage = colloquium.layout(interval="vite", theme="<script>")
    assert getattr(stage, "data-interval") == "20"
    warnings = _text(_find(stage, _classed("colloque-warnings")))
    assert "« vite »" in warnings and "« <script> »" in warnings


def test_content_json_matches_the_page_and_changes_with_the_store(app, client, settings):
    with app.server.test_request_context("/colloque"):
        stage = colloquium.layout()
    response = client.get("/colloque/contenu.json?theme=clair")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    payload = response.get_json()
    assert payload["version"] == getattr(stage, "data-version")
    assert payload["count"] == len(payload["slides"]) == 9
    assert payload["slides"][0]["type"] == "Section"

    from data.store import make_engine

    engine = make_engine(settings.database_url)
    with transaction(engine) as session:
        paris = session.scalar(select(Partner).where(Partner.slug == "paris"))
        indicator = session.get(Indicator, "paris_coordinateurs_rencontres")
        session.add(
            Observation(
                indicator_code=indicator.code,
                partner_id=paris.id,
                period_start=dt.date(2012, 11, 1),
                period_end=dt.date(2012, 11, 30),
                territory_code="75101",
                value=7,
            )
        )
        bump_data_version(session)
    engine.dispose()
    changed = client.get("/colloque/contenu.json?theme=clair").get_json()
    assert changed["version"] != payload["version"]
    assert "30" in json.dumps(changed["slides"][2])


def test_content_json_refuses_an_unknown_theme_in_french(client):
    response = client.get("/colloque/contenu.json?theme=%3Cb%3E")
    assert response.status_code == 400
    assert "« <b> »" in response.get_json()["erreur"]


def test_qr_code_is_served_as_svg_only_when_a_public_url_is_set(client, tmp_path, settings):
    assert client.get("/colloque/qr.svg").status_code == 404
    from dashboard.app import create_app

    configured = dataclasses.replace(settings, public_url="https://democratic.example.org")
    response = create_app(configured).server.test_client().get("/colloque/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).lstrip().startswith("<svg")


def test_partner_chart_marks_the_interpretations_and_names_them_under_it():
    from data.interpretations import Note

    points = [SparkPoint(dt.date(2012, m, 1), float(m * 2)) for m in range(1, 7)]
    lead = _figure("suivi", value=12, target=20, status=Status.ON_TRACK, points=points)
    partner = colloquium_deck.PartnerSlide(
        "paris", "Mairie de Paris", "Conseils", "", (lead,), Status.ON_TRACK, ("Phrase.",)
    )
    note = Note(
        id=1,
        indicator_code="suivi",
        scope="paris",
        parent_id=None,
        start_date=dt.date(2012, 3, 1),
        end_date=dt.date(2012, 3, 31),
        title="Grève des transports",
        body="",
        visibility="public",
        status="publie",
        author="charge@example.org",
        created_at=dt.datetime(2012, 11, 5, tzinfo=dt.UTC),
        edited_at=None,
    )
    deck = _deck((partner,), notes={"suivi": (note,)})
    slide = colloquium_slides.partner_slide(deck, partner, 1, "sombre")
    figure = _find(slide, lambda c: isinstance(c, dcc.Graph))[0].figure
    bands = [s for s in figure["layout"]["shapes"] if s["type"] == "rect"]
    assert [(b["x0"], b["x1"]) for b in bands] == [("2012-03-01", "2012-03-31")]
    assert "1 — Grève des transports" in _text(slide)
