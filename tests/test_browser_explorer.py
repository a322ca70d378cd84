"""The explorer in real Chromium: the URL keeps the view, charts cross-filter, exports download,
and axe finds no serious accessibility violation."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.browser_support import read_to_the_end, wait_for

pytestmark = pytest.mark.browser

SUMMARY = "#explorateur-resume"


def open_explorer(page, live_server, query: str = "") -> None:
    page.goto(live_server.url + "/explorer" + query)
    page.wait_for_selector(f"{SUMMARY}:not(:empty)")


def table_values(page) -> dict[str, str]:
    """Indicator -> value cell, as shown in the table."""
    rows = page.locator(".explorer-table tbody tr")
    result = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        result[cells[1]] = cells[2]
    return result


def test_filters_go_into_the_url_and_a_reload_shows_the_same_view(live_server, page):
    open_explorer(page, live_server)
    page.get_by_label("Seine-Saint-Denis", exact=True).check()
    wait_for(page, "location.search.includes('partenaires=seine-saint-denis')")
    page.get_by_label("Trimestre").check()
    wait_for(page, "location.search.includes('pas=trimestre')")
    page.get_by_role("button", name="Retirer le filtre : Seine-Saint-Denis").wait_for()
    before = table_values(page)
    assert "Clameurs publiées" in before
    assert "Sessions d'échange de savoirs" not in before
    url = page.url

    page.reload()
    page.wait_for_selector(f"{SUMMARY}:not(:empty)")
    assert page.url == url
    assert page.get_by_label("Seine-Saint-Denis", exact=True).is_checked()
    assert page.get_by_label("Trimestre").is_checked()
    assert page.get_by_role("button", name="Retirer le filtre : Seine-Saint-Denis").is_visible()
    assert table_values(page) == before

    # Back goes to the previous view (monthly), forward comes back.
    page.go_back()
    wait_for(page, "!location.search.includes('pas=trimestre')")
    wait_for(
        page,
        "document.querySelector('input[value=\"mois\"]') && "
        "document.querySelector('input[value=\"mois\"]').checked",
    )
    assert page.get_by_label("Seine-Saint-Denis", exact=True).is_checked()
    page.go_forward()
    wait_for(page, "location.search.includes('pas=trimestre')")
    wait_for(
        page,
        "document.querySelector('input[value=\"trimestre\"]') && "
        "document.querySelector('input[value=\"trimestre\"]').checked",
    )


def test_clicking_a_bar_filters_the_other_charts_and_a_chip_removes_it(live_server, page):
    open_explorer(page, live_server, "?partenaires=paris")
    table_before = table_values(page)
    # The largest bar comes first; its label names the territory it stands for. (Each chart's box
    # is kept from the start: the chart is below the window's reach until scrolled to.)
    page.locator("#explorateur-repartition").scroll_into_view_if_needed()
    page.wait_for_selector("#explorateur-repartition .point path")
    # Every view answered and drawn before the click: a chart redrawn under the pointer would
    # lose it (charts are drawn one per task, as they come near the window).
    wait_for(page, "!document.querySelector('[data-dash-is-loading=\"true\"]')")
    wait_for(page, "document.querySelector('#explorateur-repartition .js-plotly-plot')._fullLayout")
    label = page.evaluate(
        "document.querySelector('#explorateur-repartition .js-plotly-plot').data[0].y[0]"
    )
    first_bar = page.locator("#explorateur-repartition .point path").first
    first_bar.click(force=True)  # plotly's drag layer takes the click, as for a mouse user
    wait_for(page, "location.search.includes('territoires=')")
    chip = page.get_by_role("button", name=f"Retirer le filtre : {label}")
    chip.wait_for()
    # The table now holds that arrondissement only: its totals are smaller.
    wait_for(page, "document.querySelectorAll('.explorer-table tbody tr').length > 0")
    table_after = table_values(page)
    assert table_after != table_before
    # The clicked chart keeps every bar and marks the selection with a tick, not colour alone.
    assert page.locator("#explorateur-repartition text", has_text=f"✓ {label}").count() == 1

    chip.click()
    wait_for(page, "!location.search.includes('territoires=')")
    page.get_by_role("button", name=f"Retirer le filtre : {label}").wait_for(state="detached")
    assert table_values(page) == table_before


def test_unknown_parameters_open_the_page_with_a_notice(live_server, page):
    open_explorer(page, live_server, "?partenaires=paris,lyon&debut=2012-14-01&x=%3Cb%3Eoui")
    notices = page.locator("#explorateur-avis").inner_text()
    assert "« lyon » n'est pas une valeur connue" in notices
    assert "« 2012-14-01 » (début de période) n'est pas une date valide" in notices
    assert "Le paramètre « x » de l'adresse est inconnu" in notices
    assert page.get_by_label("Paris", exact=True).is_checked()
    assert page.locator("#explorateur-avis b").count() == 0  # never rendered as HTML


def test_an_empty_result_says_so(live_server, page):
    page.goto(live_server.url + "/explorer?partenaires=essonne&canaux=mobile")
    page.wait_for_selector("text=Aucune donnée ne correspond à ces filtres")
    assert not page.locator("#explorateur-resultats").is_visible()


def test_a_partner_without_figures_is_offered_and_says_why(live_server, page):
    open_explorer(page, live_server)
    option = page.get_by_label(
        "Val-de-Marne (sans chiffres : mise en œuvre en cours de définition)", exact=True
    )
    option.check()
    wait_for(page, "location.search.includes('partenaires=val-de-marne')")
    page.wait_for_selector("text=La mise en œuvre de Val-de-Marne est en cours de définition")
    assert page.get_by_text("Aucune donnée ne correspond").count() == 0


def test_the_csv_export_downloads_the_numbers_on_screen(live_server, page):
    open_explorer(page, live_server, "?partenaires=essonne")
    on_screen = table_values(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Exporter en CSV (Excel)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = download.path().read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    exported = {row[1]: row[2] for row in rows[1:]}
    assert set(exported) == set(on_screen)
    for indicator, shown in on_screen.items():
        # 1 234,5 on screen (narrow no-break space), 1234,5 in the CSV
        assert shown.replace("\u202f", "").replace("\xa0", "") == exported[indicator]

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Exporter en XLSX").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")


def test_sorting_by_value_from_the_column_header(live_server, page):
    open_explorer(page, live_server, "?partenaires=paris")
    page.get_by_role("button", name="Valeur").click()
    wait_for(page, "location.search.includes('tri=valeur')")
    page.wait_for_selector("th[aria-sort='descending']")
    values = [
        float(v.replace("\u202f", "").replace(",", "."))
        for v in page.locator(".explorer-table tbody td:nth-child(3)").all_inner_texts()
    ]
    assert values == sorted(values, reverse=True)


def test_the_numbers_under_a_chart_follow_the_time_step(live_server, page):
    open_explorer(page, live_server, "?partenaires=paris")
    # The evolution's numbers come first; their rows are built from the answer's data
    # (assets/data-tables.js), again when the answer changes them.
    numbers = page.locator(".explorer-chart-data").first
    numbers.locator("summary").click()
    periods = (
        "Array.from(document.querySelector('.explorer-chart-data')"
        ".querySelectorAll('tbody tr > td:first-child')).map(c => c.textContent).join('|')"
    )
    assert page.evaluate(periods).startswith("janvier 2012|février 2012|mars 2012")
    assert numbers.locator("tbody tr").first.is_visible()
    page.get_by_label("Trimestre").check()
    wait_for(page, f"{periods} === 'T1 2012|T2 2012|T3 2012|T4 2012'")


def charts_drawn(page) -> None:
    """Wait until every chart of the results is drawn by plotly (each is drawn as the reader
    scrolls to it)."""
    # A chart replaced after the reader passed it waits, undrawn, until it comes near the window
    # again (assets/plotly-on-demand.js): read again, as a reader scrolling back would.
    every_drawn = (
        "Array.from(document.querySelectorAll('#explorateur-resultats .explorer-graph'))"
        ".every(g => g.querySelector('.main-svg'))"
    )
    for _ in range(3):
        read_to_the_end(page)
        if page.evaluate(every_drawn):
            return
    wait_for(page, every_drawn)


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("query", ["", "?partenaires=paris&ventilation=canal&detail=territoire"])
def test_axe_finds_no_violation_once_the_charts_are_drawn(live_server, browser, query, width):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    try:
        open_explorer(page, live_server, query)
        charts_drawn(page)
        results = Axe().run(page)
        found = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
        ]
        assert found == []
    finally:
        context.close()


def test_a_usual_period_is_one_click_and_the_dates_are_french_months(live_server, page):
    open_explorer(page, live_server)
    start = page.get_by_label("Du", exact=True)
    # Months in words, within the programme's period only (no browser date format).
    labels = [text for text in start.locator("option").all_inner_texts() if text]
    assert labels[0] == "janvier 2011" and labels[-1] == "décembre 2013"
    assert "mars 2012" in labels
    page.get_by_role("button", name="2e trimestre 2012").click()
    wait_for(page, "location.search.includes('debut=2012-04-01&fin=2012-06-30')")
    wait_for(
        page,
        "Array.from(document.querySelectorAll('.explorer-preset[aria-pressed=\"true\"]'))"
        ".map(b => b.textContent).join() === 'T2 20122e trimestre 2012'",
    )
    assert start.input_value() == "2012-04-01"
    assert page.get_by_label("Au", exact=True).input_value() == "2012-06-30"
    chip = page.get_by_role("button", name=re.compile("^Retirer le filtre : Période"))
    chip.wait_for()
    assert "avril 2012" in chip.inner_text() and "juin 2012" in chip.inner_text()


def test_the_copy_link_button_copies_the_view_and_says_so(live_server, browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="fr-FR",
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    try:
        open_explorer(page, live_server, "?partenaires=paris")
        button = page.get_by_role("button", name="Copier le lien de cette page")
        assert button.is_visible()
        button.click()
        status = page.get_by_role("status").filter(has_text="Lien copié")
        status.wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == page.url
    finally:
        context.close()


def page_position(locator) -> tuple[float, float]:
    """Where the element is in the page (not in the window: clicking a filter scrolls)."""
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY]; }"
    )


def settled_position(locator) -> tuple[float, float]:
    """The element's place once the page has stopped moving (charts resize after their first
    drawing): read until two readings agree."""
    position = None
    while True:
        locator.page.wait_for_timeout(250)
        current = page_position(locator)
        if current == position:
            return current
        position = current


def test_a_filter_change_shows_a_loading_state_without_moving_the_page(live_server, page):
    open_explorer(page, live_server)
    charts_drawn(page)
    table = page.locator("#explorateur-tableau")
    before = settled_position(table)
    held = []

    def hold(route):
        # The answer is held until the loading state has been seen.
        held.append(route)

    page.route("**/_dash-update-component*", hold)
    page.get_by_label("Essonne", exact=True).check()
    loading = page.get_by_text("Calcul en cours…").first
    loading.wait_for()
    assert page_position(table) == before  # no layout shift
    assert table.is_visible()  # the previous figures stay in place, paled
    for route in held:
        route.continue_()
    page.unroute("**/_dash-update-component*")
    wait_for(page, "location.search.includes('partenaires=essonne')")


def test_at_phone_width_charts_are_simplified_and_tables_scroll_in_their_box(live_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    try:
        open_explorer(page, live_server, "?partenaires=paris,lyon")
        read_to_the_end(page)
        # The browser says it is a phone; the charts come back simplified.
        wait_for(
            page,
            "(() => { const g = document.querySelector('#explorateur-repartition .js-plotly-plot');"
            " return g && g.layout && g.layout.title.text.includes('<br>'); })()",
        )
        charts_drawn(page)
        for graph in ("explorateur-evolution", "explorateur-repartition"):
            layout = page.evaluate(f"document.querySelector('#{graph} .js-plotly-plot').layout")
            assert layout["xaxis"]["tickangle"] == 0
            # Each title line fits the screen.
            for line in page.locator(f"#{graph} .gtitle tspan.line").all():
                assert line.bounding_box()["x"] >= 0
                box = line.bounding_box()
                assert box["x"] + box["width"] <= 360
        assert (
            page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            <= 0
        )
        # What the address got wrong is still said, above the filters.
        notice = page.get_by_text("« lyon » n'est pas une valeur connue")
        assert notice.is_visible()
        filters = page.locator(".explorer-filters")
        assert notice.bounding_box()["y"] < filters.bounding_box()["y"]
        wrap = page.locator(".explorer-table-wrap")
        assert wrap.evaluate("e => getComputedStyle(e).overflowX") in ("auto", "scroll")
    finally:
        context.close()


def test_the_page_fits_a_phone(live_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    try:
        open_explorer(page, live_server, "?partenaires=paris")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        context.close()
