"""Real Chromium: the server's first answer already shows the page (dashboard/first_paint.py),
without any script; once Dash has drawn it there is exactly one page, in the same place."""

from __future__ import annotations

import pytest

from tests.test_first_paint import copy_of

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 900}
# What the reader came for, and where it stands on the screen.
HEADLINES = {
    "/partenaires/paris": ["h1", ".summary-sentence", ".page-header"],
    "/": ["h1", ".page-lead", ".headline-card"],
    "/explorer": ["h1", ".page-lead", ".explorer-summary"],
}
BOXES = """selectors => selectors.map(selector => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return [selector, Math.round(box.x), Math.round(box.y), Math.round(box.width),
            Math.round(box.height)];
})"""
DUPLICATE_IDS = """() => {
    const seen = new Set(), twice = [];
    document.querySelectorAll('[id]').forEach(e => { if (seen.has(e.id)) twice.push(e.id); seen.add(e.id); });
    return twice;
}"""


def test_the_first_answer_shows_the_page_without_javascript(live_server, client, browser):
    context = browser.new_context(viewport=VIEWPORT, locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        for path, selectors in HEADLINES.items():
            # Before any script: the HTML itself holds the headline...
            assert "<h1" in copy_of(client.get(path).get_data(as_text=True)), path
            # ...and Chromium shows it, with nothing else drawn over or in place of it.
            page.goto(live_server.url + path)
            for selector in selectors:
                assert page.locator(selector).first.is_visible(), (path, selector)
            assert page.locator("h1").count() == 1
            assert page.locator("h1").inner_text().strip(), path
            assert not page.locator("#react-entry-point").is_visible()
    finally:
        context.close()


def test_once_dash_has_drawn_the_page_there_is_one_page_in_the_same_place(live_server, browser):
    without_scripts = browser.new_context(
        viewport=VIEWPORT, locale="fr-FR", java_script_enabled=False
    )
    with_scripts = browser.new_context(viewport=VIEWPORT, locale="fr-FR")
    try:
        static, drawn = without_scripts.new_page(), with_scripts.new_page()
        for path, selectors in HEADLINES.items():
            static.goto(live_server.url + path)
            drawn.goto(live_server.url + path)  # returns once Dash has drawn the page
            assert drawn.locator("#premier-affichage").count() == 0, path
            assert drawn.locator("#_pages_content h1").count() == 1, path
            assert drawn.locator("main").count() == 1 and drawn.locator("h1").count() == 1
            assert drawn.evaluate(DUPLICATE_IDS) == [], path
            assert drawn.locator("[id^='statique-']").count() == 0, path
            # Nothing moved when Dash took over: the headline is where the copy had it.
            assert drawn.evaluate(BOXES, selectors) == static.evaluate(BOXES, selectors), path
    finally:
        without_scripts.close()
        with_scripts.close()


def test_a_screen_reader_finds_one_page_whose_parts_are_named(live_server, page):
    """The accessibility tree once Dash has drawn the page: one main landmark and one level-1
    heading (the copy is removed, not hidden), and axe finds nothing serious."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(live_server.url + "/partenaires/paris")
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("heading", level=1).count() == 1
    violations = [
        (v["id"], v["impact"])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert violations == []
