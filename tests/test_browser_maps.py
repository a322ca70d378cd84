"""The maps in real Chromium: each draws its territories from the app's own files (no request
leaves the app), a click on a territory in the explorer filters by it and writes the filter in
the address, and axe-core finds no serious violation on the pages with a map."""

from __future__ import annotations

import urllib.parse

import pytest

from tests.browser_support import wait_for
from tests.test_browser_partners import serious_violations

pytestmark = pytest.mark.browser

# The territories each map draws: filled shapes in the map's SVG.
MAP_FILLS = """selector => {
    const graph = document.querySelector(selector);
    return graph ? graph.querySelectorAll('.scatterlayer .trace path.js-fill').length : -1;
}"""


# The explorer map's table, opened, holds the rows its answer carries.
SAME_ROWS_AS_THE_PAGE = """() => {
    const holder = document.querySelector('#explorateur-carte-donnees [data-table]');
    const rows = JSON.parse(holder.getAttribute('data-table')).rows;
    const built = Array.from(holder.querySelectorAll('tbody tr'))
        .map(tr => Array.from(tr.children).map(cell => cell.textContent));
    return JSON.stringify(built) === JSON.stringify(rows);
}"""


def _outside_requests(page, base_url: str) -> list[str]:
    """Every request the page makes to anywhere but the app."""
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not (r.url.startswith(base_url) or r.url.startswith("data:"))
            else None
        ),
    )
    return outside


def _fills(page, selector: str) -> int:
    return page.evaluate(MAP_FILLS, selector)


@pytest.mark.parametrize(
    ("path", "selector", "shapes"),
    [
        # 20 arrondissements (and the legend's swatches, drawn as fills too).
        ("/partenaires/paris", ".chart-card:has([id^='territoires-']) .js-plotly-plot", 20),
        # The 39 communes of today's map (Pierrefitte-sur-Seine is in Saint-Denis since 2025).
        (
            "/partenaires/seine-saint-denis",
            ".chart-card:has([id^='territoires-']) .js-plotly-plot",
            39,
        ),
        ("/", ".chart-card:has(#carte-partenaires-titre) .js-plotly-plot", 4),
        # Essonne's inventory is by canton: its 21 cantons, and Brunoy and Montgeron (each split
        # between two cantons) drawn as such.
        ("/partenaires/essonne", ".chart-card:has([id^='territoires-']) .js-plotly-plot", 23),
    ],
)
def test_each_map_draws_its_territories_from_the_app_alone(
    live_server, page, path, selector, shapes
):
    outside = _outside_requests(page, live_server.url)
    page.goto(live_server.url + path)
    # A chart is drawn when it comes near the window: the reader scrolls down to the map.
    card = page.locator(selector.removesuffix(" .js-plotly-plot"))
    card.scroll_into_view_if_needed()
    wait_for(page, f"() => ({MAP_FILLS})({selector!r}) >= {shapes}")
    drawn = _fills(page, selector)
    # The shapes, plus at most one swatch per legend entry (five classes, « < 5 », no data).
    assert shapes <= drawn <= shapes + 7
    assert outside == []
    assert serious_violations(page) == []


def test_essonnes_map_draws_its_cantons_named_with_their_values(live_server, page):
    outside = _outside_requests(page, live_server.url)
    page.goto(live_server.url + "/partenaires/essonne")
    selector = ".chart-card:has([id^='territoires-']) .js-plotly-plot"
    page.locator(selector.removesuffix(" .js-plotly-plot")).scroll_into_view_if_needed()
    wait_for(page, f"() => ({MAP_FILLS})({selector!r}) >= 23")
    drawn = page.evaluate(
        """selector => document.querySelector(selector).data
            .filter(t => t.fill === 'toself' && t.customdata)
            .map(t => [t.customdata[0], t.text])""",
        selector,
    )
    codes = sorted(code for code, _text in drawn)
    assert codes == [f"91{n:02d}" for n in range(1, 22)] + ["9198", "9199"]
    texts = dict(drawn)
    assert texts["9118"].startswith("Canton des Ulis : ")
    # The ranked table names the cantons with data, as the map colours them (built when
    # opened: assets/data-tables.js).
    page.click(".chart-card:has([id^='territoires-']) details.chart-data > summary")
    table = page.locator(".chart-card:has([id^='territoires-']) table").first
    listed = table.evaluate("t => t.textContent")
    coloured = [
        text.split(" : ")[0]
        for code, text in drawn
        if code < "9198" and not text.endswith("pas de données")
    ]
    assert coloured and all(name in listed for name in coloured)
    assert outside == []
    assert serious_violations(page) == []


def test_the_presentations_map_slide_draws_the_four_departements(live_server, page):
    outside = _outside_requests(page, live_server.url)
    page.goto(live_server.url + "/colloque?interval=600")
    # The map is on the last slide but two: drawn when its slide comes.
    wait_for(page, "window.colloque && window.colloque.state() !== null")
    for key in ("End", "ArrowLeft", "ArrowLeft"):
        page.keyboard.press(key)
    wait_for(page, "window.colloque.state().shown === window.colloque.state().count - 3")
    wait_for(page, f"() => ({MAP_FILLS})('#colloque-carte') >= 4")
    assert _fills(page, "#colloque-carte") == 4
    assert outside == []


def test_a_click_on_a_territory_in_the_explorer_filters_by_it_and_keeps_it_in_the_url(
    live_server, page
):
    outside = _outside_requests(page, live_server.url)
    page.goto(live_server.url + "/explorer?partenaires=seine-saint-denis")
    selector = "#explorateur-carte"
    # Charts are drawn when they come near the window, as a reader scrolls to them.
    page.locator(selector).scroll_into_view_if_needed()
    wait_for(page, f"() => ({MAP_FILLS})({selector!r}) >= 39")
    # The map's own table names every territory it colours (built when opened).
    page.click("#explorateur-carte-donnees details > summary")
    assert page.locator("#explorateur-carte-donnees table tbody tr").count() >= 30
    # Click the middle of Montreuil's shape (its bounding box, as plotly drew it).
    page.locator(selector).scroll_into_view_if_needed()
    box = page.evaluate(
        """() => {
            const graph = document.querySelector('#explorateur-carte .js-plotly-plot');
            const traces = graph.data;
            const index = traces.findIndex(t => t.customdata && t.customdata[0] === '93048');
            const path = graph.querySelectorAll('.scatterlayer .trace')[index]
                .querySelector('path.js-fill');
            const r = path.getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }"""
    )
    page.mouse.click(box["x"], box["y"])
    wait_for(page, "() => window.location.search.includes('93048')")
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert "93048" in ",".join(query["territoires"])
    # The filter is on: the territory's box is checked and the map outlines it.
    wait_for(
        page,
        """() => {
            const graph = document.querySelector('#explorateur-carte .js-plotly-plot');
            const t = graph.data.find(t => t.customdata && t.customdata[0] === '93048');
            return t && t.line && t.line.width === 3;
        }""",
    )
    # The new answer brings a new, folded table: opened, it is built from the rows it carries.
    page.click("#explorateur-carte-donnees details > summary")
    wait_for(page, SAME_ROWS_AS_THE_PAGE)
    assert outside == []
    assert serious_violations(page) == []
