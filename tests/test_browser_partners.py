"""Partner pages and the overview in real Chromium: charts drawn, English switch, print view,
keyboard access to definitions and tables, phone width, and axe-core's accessibility check."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.browser_support import read_to_the_end, wait_for

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/partenaires/paris",
    "/partenaires/seine-saint-denis",
    "/partenaires/val-de-marne",
    "/partenaires/essonne",
]
SERIOUS = {"serious", "critical"}


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("h1")
    page.wait_for_selector(".chart-graph, .sparkline", state="attached")
    # Read down to the end: each chart is drawn as it comes near the window.
    read_to_the_end(page)
    # Every graph container must have become a drawn plotly chart.
    wait_for(
        page,
        """() => {
            const graphs = Array.from(document.querySelectorAll('.chart-graph, .sparkline'));
            return graphs.length > 0 && graphs.every(g => g.querySelector('.main-svg'));
        }""",
    )


def ticks(page) -> list[str]:
    """The x-axis tick labels drawn by plotly (SVG text)."""
    return page.eval_on_selector_all(
        ".chart-graph .xtick text", "nodes => nodes.map(n => n.textContent)"
    )


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def serious_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in SERIOUS
    ]


# Each page is loaded once for all the checks that need a browser: drawing a page costs more
# than the checks themselves.
@pytest.mark.parametrize("path", PAGES)
def test_every_chart_renders_and_axe_finds_no_serious_violation(live_server, page, path):
    errors = console_errors(page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, live_server.url + path)
    graphs = page.locator(".chart-graph")
    assert graphs.count() >= 1
    for i in range(graphs.count()):
        plot = graphs.nth(i).locator(".js-plotly-plot")
        assert plot.count() == 1
        box = plot.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100
        # Something is drawn: bars, lines or the timeline's labels.
        assert plot.locator(".point, .trace, .annotation").count() > 0
    assert errors == []
    # Drawn by the app's basic plotly.js bundle: the full one (4.8 MB) is never fetched.
    assert any("plotly-basic.min.js" in url for url in requested)
    assert not any("package_data/plotly.min.js" in url for url in requested)
    # Nothing comes from the internet (the bundle's map-tile URL default is never used).
    assert all(url.startswith(live_server.url) for url in requested), requested
    assert serious_violations(page) == []


def test_switching_to_english_changes_labels_numbers_and_chart_locale(live_server, page):
    open_page(page, live_server.url + "/partenaires/seine-saint-denis")
    # The public is given youth counts rounded to 5 (412 -> 410; 1 380 stays).
    assert "410 jeunes ont publié 1\u202f380 clameurs en 2012." in page.inner_text("main")
    french_ticks = ticks(page)
    assert "mars" in french_ticks
    page.click("#choix-langue")
    page.wait_for_selector("html[lang=en]")
    open_page(page, page.url)
    main = page.inner_text("main")
    assert "410 young people published 1,380 clameurs in 2012." in main
    assert "Key figures" in main and "Chiffres clés" not in main
    english_ticks = ticks(page)
    assert "Mar" in english_ticks and "mars" not in english_ticks


def test_period_form_keeps_the_period_in_the_address(live_server, page):
    open_page(page, live_server.url + "/partenaires/paris")
    page.select_option("#periode-debut", "2012-03")
    page.select_option("#periode-fin", "2012-06")
    page.click(".period-apply")
    page.wait_for_url("**/partenaires/paris?debut=2012-03&fin=2012-06")
    open_page(page, page.url)
    assert "du 1er mars au 30 juin 2012" in page.inner_text(".period-line")
    assert page.locator(".period-preset[aria-current=true]").count() == 0
    page.click("text=2e trimestre")
    page.wait_for_url("**/partenaires/paris?debut=2012-04&fin=2012-06")
    open_page(page, page.url)
    assert "du 1er avril au 30 juin 2012" in page.inner_text(".period-line")
    assert page.locator(".period-preset[aria-current=true]").inner_text() == "2e trimestre"


def test_bad_period_shows_a_notice_and_the_default_period(live_server, page):
    open_page(page, live_server.url + "/partenaires/paris?debut=%3Cb%3Eoups&fin=2012-06")
    notice = page.locator(".period-notice")
    assert "« <b>oups »" in notice.inner_text()  # shown as text, not markup
    assert page.locator(".period-notice b").count() == 0
    assert "en 2012" in page.inner_text(".period-line")


def test_definition_shows_on_keyboard_focus_and_tables_open_with_the_keyboard(live_server, page):
    open_page(page, live_server.url + "/partenaires/paris")
    button = page.locator(".chart-card .info-button").first
    button.focus()
    tooltip = page.locator(".tooltip")
    tooltip.wait_for(state="visible")
    assert "coordinateurs" in tooltip.inner_text()
    page.keyboard.press("Escape")  # dismissible without moving the focus (WCAG 1.4.13)
    assert not tooltip.is_visible()
    summary = page.locator(".chart-card details > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    table = page.locator(".chart-card details").first.locator("table")
    table.wait_for(state="visible")
    assert table.locator("tbody tr").count() >= 1
    assert table.locator("th[scope=col]").count() == 2


def test_definition_shows_on_hover_stays_on_screen_at_phone_width_and_can_be_hovered(
    browser, live_server
):
    """One bubble for every (i) button (assets/tooltips.js), inside a 360 px window whether the
    button is at the left of a headline card or at the right edge of a chart card; the pointer
    can move onto it, Escape hides it without moving the focus, and paper never shows it."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    try:
        open_page(page, live_server.url + "/partenaires/paris")
        bubble = page.locator(".tooltip")
        for selector in (".headline-card .info-button", ".chart-card .info-button"):
            button = page.locator(selector).first
            button.scroll_into_view_if_needed()
            button.hover()
            bubble.wait_for(state="visible")
            assert bubble.get_attribute("role") == "tooltip"
            described = page.locator("#" + button.get_attribute("aria-describedby"))
            assert bubble.inner_text() == described.inner_text() != ""
            box = bubble.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (selector, box)
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
            assert bubble.is_visible()  # hoverable (WCAG 1.4.13)
        page.mouse.move(5, 5)
        wait_for(page, "() => !document.querySelector('.tooltip:not([hidden])')")
        button = page.locator(".chart-card .info-button").nth(1)
        button.scroll_into_view_if_needed()
        button.hover()
        bubble.wait_for(state="visible")
        page.evaluate("window.focusedBefore = document.activeElement")
        page.keyboard.press("Escape")
        assert not bubble.is_visible()
        assert page.evaluate("document.activeElement === window.focusedBefore")
        page.mouse.move(5, 5)
        button.hover()
        bubble.wait_for(state="visible")
        page.emulate_media(media="print")
        assert not bubble.is_visible()
    finally:
        context.close()


def test_a_folded_table_opened_with_the_keyboard_shows_the_rows_of_the_chart_csv(live_server, page):
    """A chart's table is built when its details opens (assets/data-tables.js): opened with
    the keyboard, it is the accessible table the page used to carry, with the rows the public
    downloads as CSV (youth counts protected: « < 5 », others rounded to five)."""
    youth = "repartition-ssd_jeunes_formes-tranche_age"
    page.goto(live_server.url + "/partenaires/seine-saint-denis?debut=2012-03&fin=2012-03")
    card = page.locator(f".chart-card:has(#{youth}-titre)")
    card.scroll_into_view_if_needed()
    details = card.locator("details.chart-data")
    assert details.locator("table").count() == 0  # folded: not built yet
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    table = details.locator("table")
    table.wait_for(state="visible")
    region = details.locator(".table-responsive[role=region][tabindex='0']")
    assert region.get_attribute("aria-label") in table.locator("caption").inner_text()
    headers = table.locator("thead th[scope=col]").all_inner_texts()
    rows = [
        [line.locator("th[scope=row]").inner_text(), *line.locator("td.num").all_inner_texts()]
        for line in table.locator("tbody tr").all()
    ]
    with page.expect_download() as download:
        card.locator("button.chart-export", has_text="CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert [headers, *rows] == list(csv.reader(io.StringIO(content), delimiter=";"))
    assert "< 5" in [cell for row in rows for cell in row]
    assert serious_violations(page) == []  # the table built in the browser, checked by axe


def test_print_view_hides_controls_and_keeps_charts(live_server, page):
    open_page(page, live_server.url + "/partenaires/seine-saint-denis")
    page.emulate_media(media="print")
    for selector in (".site-header", ".period-controls", ".info-button", "#choix-langue"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".headline-card").first.is_visible()
    charts = page.locator(".chart-graph .js-plotly-plot")
    assert charts.count() > 0 and charts.first.is_visible()
    pdf = page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")


# Visible text elements whose box goes past the right edge of the screen, outside a scroll box.
CUT_AT_THE_EDGE = """() => Array.from(document.querySelectorAll(
        'main h1, main h2, main h3, main p, main th, main td, main button, main a, main li'))
    .filter(e => e.offsetParent !== null && !e.closest('.table-responsive'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map(e => e.tagName + ': ' + e.textContent.slice(0, 40))"""
UNREACHABLE_TABLES = """() => Array.from(document.querySelectorAll('main table'))
    .filter(t => t.offsetParent !== null)
    .filter(t => {
        const box = t.closest('.table-responsive');
        return !box || (box.scrollWidth > box.clientWidth + 1 &&
                        !(box.tabIndex === 0 && box.getAttribute('aria-label')));
    })
    .map(t => (t.caption ? t.caption.textContent : '').slice(0, 40))"""
ROTATED_TICKS = r"""() => Array.from(document.querySelectorAll('.js-plotly-plot .xtick text'))
    .filter(t => /rotate\((?!0[,)])/.test(t.getAttribute('transform') || ''))
    .map(t => t.textContent)"""


def test_phone_width_has_no_horizontal_scrolling_and_axe_finds_no_serious_violation(
    browser, live_server
):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    try:
        found = {}
        for path in PAGES:
            open_page(page, live_server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
            # Nothing is cut at the screen's edge: what is wider than the screen is inside a
            # scroll box of its own, which the keyboard can reach (« Objec… » was cut).
            assert page.evaluate(CUT_AT_THE_EDGE) == [], path
            # Tables wider than their box scroll in it, named and focusable.
            assert page.evaluate(UNREACHABLE_TABLES) == [], path
            # Charts simplify: no rotated tick, every chart within its card.
            assert page.evaluate(ROTATED_TICKS) == [], path
            found[path] = [v[0] for v in serious_violations(page)]
    finally:
        context.close()
    assert found == {path: [] for path in PAGES}


def test_copy_the_link_and_download_a_charts_data_and_image(browser, live_server):
    """« Copier le lien » copies the address with its period and says so in a live region; each
    chart's CSV, XLSX and PNG buttons give a file named after the partner, chart and period."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", accept_downloads=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    try:
        url = f"{live_server.url}/partenaires/essonne?debut=2012-03&fin=2012-06"
        open_page(page, url)
        button = page.get_by_role("button", name="Copier le lien")
        assert button.is_visible()
        button.click()
        wait_for(page, "() => document.querySelector('[data-copy-link-status]').textContent")
        assert page.locator("[data-copy-link-status]").inner_text() == "Lien copié"
        assert page.locator("[data-copy-link-status]").get_attribute("aria-live") == "polite"
        assert page.evaluate("navigator.clipboard.readText()") == url
        card = page.locator(".chart-card").filter(has=page.locator(".chart-exports")).first
        names = []
        for label in ("CSV", "XLSX", "Image PNG"):
            with page.expect_download() as download:
                card.get_by_role("button", name=label).click()
            names.append(download.value.suggested_filename)
        stem = names[0].removesuffix(".csv")
        assert stem.startswith("essonne-") and stem.endswith("-2012-03-2012-06")
        assert names == [f"{stem}.csv", f"{stem}.xlsx", f"{stem}.png"]
    finally:
        context.close()
