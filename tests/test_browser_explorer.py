"""The explorer in real Chromium: the URL keeps the view, charts cross-filter, exports download,
and axe finds no serious accessibility violation."""

from __future__ import annotations

import csv
import io

import pytest

from tests.browser_support import wait_for

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
    # The largest bar comes first; its label names the territory it stands for.
    page.wait_for_selector("#explorateur-repartition .point path")
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
    page.goto(live_server.url + "/explorer?partenaires=val-de-marne")
    page.wait_for_selector("text=Aucune donnée ne correspond à ces filtres")
    assert not page.locator("#explorateur-resultats").is_visible()


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


@pytest.mark.parametrize("query", ["", "?partenaires=paris&ventilation=canal&detail=territoire"])
def test_axe_finds_no_serious_violation(live_server, page, query):
    from axe_playwright_python.sync_playwright import Axe

    open_explorer(page, live_server, query)
    results = Axe().run(page)
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


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
