"""Interpretations in real Chromium, on SQLite and PostgreSQL: a programme manager writes one on a partner page and sees
its mark on the chart and its listing; the public never sees an internal one; no axe violation."""

from __future__ import annotations

import datetime as dt

import pytest

from data import interpretations
from data.access import PUBLIC_VIEWER, Viewer
from data.store import transaction
from tests.browser_support import read_to_the_end, wait_for
from tests.conftest import app_settings_on

pytestmark = pytest.mark.browser


@pytest.fixture
def settings(tmp_path, demo_store):
    """Every test of this module on SQLite and on PostgreSQL."""
    return app_settings_on(demo_store, tmp_path)


MANAGER = Viewer(role="charge_de_mission", email="cm@example.org")
FORM = "#interpretation-formulaire"
NOW = dt.datetime(2012, 11, 5, tzinfo=dt.UTC)
CODE = "paris_coordinateurs_rencontres"


def _note(session, author: Viewer, title: str, start: str, code: str = CODE, **fields):
    """An interpretation of Paris's `code`, written by `author` on NOW."""
    return interpretations.create(
        session,
        author,
        indicator_code=code,
        scope="paris",
        start=start,
        title=title,
        now=NOW,
        **fields,
    )


def _as(app, viewer) -> None:
    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: viewer


def _marks_on_charts(page) -> list[str]:
    return page.evaluate(
        """[...document.querySelectorAll('.chart-card .js-plotly-plot')].flatMap(
            g => ((g.layout || {}).annotations || []).filter(a => a.hovertext).map(a => a.hovertext))"""
    )


def test_a_manager_adds_an_interpretation_and_sees_its_mark_and_listing(app, live_server, page):
    _as(app, MANAGER)
    page.goto(live_server.url + "/partenaires/paris")
    page.wait_for_selector(FORM, state="attached")
    page.click(f"{FORM} summary")
    page.fill("#interpretation-debut", "2012-03-01")
    page.fill("#interpretation-fin", "2012-03-31")
    page.fill("#interpretation-titre", "Grève des transports")
    page.fill("#interpretation-texte", "Sessions **annulées**.\n\n<script>x</script>")
    page.click("#interpretation-ajouter")
    # HTML is refused, with the reason, and nothing is stored.
    page.wait_for_selector("#interpretation-message >> text=balise HTML")
    assert page.locator(".chart-notes").count() == 0
    page.fill("#interpretation-texte", "Sessions **annulées** deux semaines.")
    page.get_by_label("public : tout le monde").check()
    page.click("#interpretation-ajouter")
    page.wait_for_selector(".chart-notes >> text=Grève des transports")
    listing = page.locator(".chart-notes").first
    assert "annulées" in listing.locator("strong").all_inner_texts()
    assert "du 1er mars 2012 au 31 mars 2012" in listing.inner_text()
    # The charts are drawn as the reader scrolls to them.
    read_to_the_end(page)
    wait_for(page, "document.querySelectorAll('.chart-card .js-plotly-plot').length > 0")
    wait_for(
        page,
        "[...document.querySelectorAll('.chart-card .js-plotly-plot')].some("
        "g => ((g.layout || {}).shapes || []).some(s => s.type === 'rect'))",
    )
    assert any(text.startswith("Grève des transports") for text in _marks_on_charts(page))


def test_the_public_sees_public_interpretations_only(app, live_server, page, demo_store):
    with transaction(demo_store) as session:
        for title, visibility in (("Explication publique", "public"), ("Note interne", "interne")):
            _note(session, MANAGER, title, "2012-04-02", visibility=visibility)
    _as(app, PUBLIC_VIEWER)
    page.goto(live_server.url + "/partenaires/paris")
    page.wait_for_selector(".chart-notes >> text=Explication publique")
    read_to_the_end(page)
    assert "Note interne" not in page.locator("#contenu").inner_text()
    assert page.locator(FORM).count() == 0
    assert "cm@example.org" not in page.content()
    assert _marks_on_charts(page) == [] or all(
        "Note interne" not in text for text in _marks_on_charts(page)
    )


def test_the_interpretations_and_their_form_have_no_accessibility_violation(
    app, live_server, page, demo_store
):
    from axe_playwright_python.sync_playwright import Axe

    with transaction(demo_store) as session:
        first = _note(
            session,
            MANAGER,
            "Grève",
            "2012-03-01",
            end="2012-03-31",
            body="Voir [le communiqué](https://example.org/a).",
            visibility="public",
        )
        interpretations.reply(session, MANAGER, first, "Merci **beaucoup**.", NOW)
    _as(app, MANAGER)
    page.goto(live_server.url + "/partenaires/paris")
    page.wait_for_selector(".chart-notes .note-reply")
    page.click(f"{FORM} summary")
    page.wait_for_selector("#interpretation-titre")
    results = Axe().run(page, context="#contenu")
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == [], violations


def test_on_paper_interpretations_are_their_titles_and_the_page_keeps_two_sheets(
    app, live_server, page, demo_store
):
    from tests.test_browser_partners import open_page
    from tests.test_browser_print import page_texts, print_to_pdf

    long_text = "Un long paragraphe d'explication. " * 40
    with transaction(demo_store) as session:
        for number, code in enumerate([CODE, CODE, "paris_sessions_echange"]):
            note = _note(
                session,
                MANAGER,
                f"Explication numéro {number + 1}",
                f"2012-0{number + 3}-01",
                code,
                body=long_text,
                visibility="public",
            )
            interpretations.reply(session, MANAGER, note, long_text, NOW)
    _as(app, PUBLIC_VIEWER)
    open_page(page, f"{live_server.url}/partenaires/paris")
    page.wait_for_selector(".chart-notes")
    texts = page_texts(print_to_pdf(page))
    assert 1 <= len(texts) <= 2, f"{len(texts)} pages"
    printed = " ".join(texts)
    shown = page.locator(".chart-notes").all_inner_texts()
    for title in ("Explication numéro 1", "Explication numéro 2"):
        assert title in " ".join(shown)
        assert title in printed
    assert "Un long paragraphe" not in printed


def test_a_manager_approves_a_waiting_interpretation_on_the_data_page(
    app, live_server, page, demo_store
):
    from axe_playwright_python.sync_playwright import Axe

    from layouts import interpretation_admin as admin

    editor = Viewer(role="editeur", partner_slug="paris", email="editeur@paris.example")
    with transaction(demo_store) as session:
        waiting = _note(session, editor, "Grève en attente", "2012-03-05", visibility="public")
    _as(app, MANAGER)
    page.goto(live_server.url + "/donnees")
    section = f"#{admin.SECTION}"
    page.wait_for_selector(f"{section} >> text=Grève en attente")
    page.select_option(f"#{admin.STATUS}", "en_attente")
    page.wait_for_selector(f"#{admin.AREA} >> text=1 interprétation(s).")
    page.select_option(f"#{admin.TARGET}", str(waiting))
    page.get_by_label("approuver (publier)").check()
    page.click(f"#{admin.APPLY}")
    page.wait_for_selector(f"#{admin.AREA} .alert-success")
    assert "Aucune interprétation pour ces filtres." in page.locator(f"#{admin.AREA}").inner_text()
    page.select_option(f"#{admin.STATUS}", "publie")
    page.wait_for_selector(f"#{admin.AREA} >> text=Grève en attente")
    results = Axe().run(page, context=section)
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == [], violations
    # Approved: the public sees it under the chart.
    _as(app, PUBLIC_VIEWER)
    page.goto(live_server.url + "/partenaires/paris")
    page.wait_for_selector(".chart-notes >> text=Grève en attente")
