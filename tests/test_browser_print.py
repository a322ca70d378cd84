"""A partner page on paper, in real Chromium: printed to PDF on A4 landscape, it takes two pages
at most, each with the period, the data date and the source; on the paper layout no chart spills
out of its card or covers its title; the print button is a labelled, keyboard-reachable button.

The PDF is made the way Chromium's headless print-to-PDF makes it: without `beforeprint`, after
print media emulation (which assets/print-charts.js answers by laying the page out for paper)."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from tests.browser_support import wait_for
from tests.test_browser_partners import open_page

pytestmark = pytest.mark.browser

# Every partner page with figures, and Val-de-Marne, whose implementation is being defined.
PARTNERS = ["paris", "seine-saint-denis", "essonne", "val-de-marne"]
# The demonstration data: the year 2012 by default, data up to 30 November 2012.
ON_EVERY_PAGE = [
    "Période : en 2012",
    "Données au 30 novembre 2012",
    "Source : Données de démonstration",
]

# Every chart of the page redrawn to the size of its box on paper.
PAPER_READY = """() => document.documentElement.classList.contains('paper') &&
    Array.from(document.querySelectorAll('.js-plotly-plot')).every(plot => {
        const svg = plot.querySelector('.main-svg');
        return plot.offsetParent === null ||
            (svg && Math.abs(svg.getBoundingClientRect().width
                             - plot.getBoundingClientRect().width) < 1.5);
    })"""

# For every visible chart: its box (the plot and its drawing), its card's and its title's.
CHART_BOXES = """() => Array.from(document.querySelectorAll('.chart-card'))
    .flatMap(card => Array.from(card.querySelectorAll('.js-plotly-plot'))
        .filter(plot => plot.offsetParent !== null)
        .map(plot => {
            const rects = [plot, ...plot.querySelectorAll('.main-svg')]
                .map(e => e.getBoundingClientRect());
            const title = card.querySelector('.chart-title').getBoundingClientRect();
            const box = card.getBoundingClientRect();
            return {
                title: card.querySelector('.chart-title').textContent,
                left: Math.min(...rects.map(r => r.left)),
                right: Math.max(...rects.map(r => r.right)),
                top: Math.min(...rects.map(r => r.top)),
                bottom: Math.max(...rects.map(r => r.bottom)),
                card: {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
                titleBottom: title.bottom,
            };
        }))"""


def page_texts(pdf: bytes) -> list[str]:
    """The text of each PDF page, spaces normalised (PDF text has no-break spaces)."""
    texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
    return [re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " ")) for text in texts]


def print_to_pdf(page) -> bytes:
    page.emulate_media(media="print")
    wait_for(page, PAPER_READY)
    return page.pdf(format="A4", landscape=True, print_background=True)


@pytest.mark.parametrize("slug", PARTNERS)
def test_partner_page_prints_on_two_a4_pages_with_period_date_and_source(live_server, page, slug):
    open_page(page, f"{live_server.url}/partenaires/{slug}")
    texts = page_texts(print_to_pdf(page))
    assert 1 <= len(texts) <= 2, f"{slug}: {len(texts)} pages"
    for number, text in enumerate(texts, start=1):
        for expected in ON_EVERY_PAGE:
            assert expected in text, f"{slug}, page {number}: « {expected} » missing"


# A page that grows by a few lines (a longer summary, one more late indicator, a notice) must
# not spill onto a third sheet: nothing forces a page break, sections flow.
ADD_SUMMARY_LINES = """(count) => {
    const summary = document.querySelector('.summary');
    for (let i = 1; i <= count; i++) {
        const line = document.createElement('p');
        line.className = 'summary-sentence';
        line.textContent = 'Une phrase de plus dans le résumé, numéro ' + i + '.';
        summary.appendChild(line);
    }
}"""


@pytest.mark.parametrize("slug", PARTNERS)
def test_a_page_a_few_lines_longer_still_prints_on_two_pages_each_under_the_running_line(
    live_server, page, slug
):
    open_page(page, f"{live_server.url}/partenaires/{slug}")
    page.evaluate(ADD_SUMMARY_LINES, 3)
    running = page.get_attribute(".partner-page", "data-print-running")
    texts = page_texts(print_to_pdf(page))
    assert 1 <= len(texts) <= 2, f"{slug}: {len(texts)} pages"
    for number, text in enumerate(texts, start=1):
        # The running line opens every sheet, in the top margin, above the content.
        assert text.startswith(running), f"{slug}, page {number}: {text[:120]}"
        for expected in ON_EVERY_PAGE:
            assert expected in running


@pytest.mark.parametrize("slug", ["paris", "seine-saint-denis", "essonne"])
def test_on_paper_no_chart_spills_out_of_its_card_or_covers_its_title(live_server, page, slug):
    open_page(page, f"{live_server.url}/partenaires/{slug}")
    page.emulate_media(media="print")
    wait_for(page, PAPER_READY)
    charts = page.evaluate(CHART_BOXES)
    assert len(charts) >= 2  # the charts and the timeline (the ranking of places is a list)
    for chart in charts:
        card = chart["card"]
        assert card["left"] - 0.5 <= chart["left"], chart["title"]
        assert chart["right"] <= card["right"] + 0.5, chart["title"]
        assert chart["bottom"] <= card["bottom"] + 0.5, chart["title"]
        assert chart["top"] >= chart["titleBottom"] - 0.5, chart["title"]


def test_printing_then_back_to_the_screen_gives_the_charts_their_screen_size(live_server, page):
    open_page(page, f"{live_server.url}/partenaires/paris")
    card = page.locator(".chart-card").first
    width_on_screen = card.locator(".main-svg").first.bounding_box()["width"]
    print_to_pdf(page)
    page.emulate_media(media="screen")
    wait_for(page, "() => !document.documentElement.classList.contains('paper')")
    wait_for(
        page,
        f"""() => Math.abs(document.querySelector('.chart-card .main-svg')
                .getBoundingClientRect().width - {width_on_screen}) < 1.5""",
    )


@pytest.mark.parametrize(("lang", "words"), [("fr", "Imprimer"), ("en", "Print")])
def test_print_button_is_a_labelled_button_reached_by_keyboard(live_server, page, lang, words):
    open_page(page, f"{live_server.url}/partenaires/essonne")
    if lang == "en":
        page.click("#choix-langue")
        page.wait_for_selector("html[lang=en]")
        open_page(page, f"{live_server.url}/partenaires/essonne")
    button = page.locator("button[data-print]")
    assert button.count() == 1
    assert button.inner_text().strip() == words
    assert words in button.get_attribute("aria-label")
    # Tab order reaches it; Enter starts printing: the page switches to its paper layout first.
    page.evaluate(
        "window.__printed = 0; window.addEventListener('beforeprint', () => window.__printed++)"
    )
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-print')"):
            break
    else:
        pytest.fail("the print button is not reached with the Tab key")
    page.keyboard.press("Enter")
    wait_for(page, "() => window.__printed > 0")


# The timeline as drawn: its month names, and whether any bar touches any of its words.
TIMELINE = """() => {
    const card = document.querySelector('.chart-card:has(#calendrier-titre)');
    const months = Array.from(card.querySelectorAll('.xtick text')).map(t => t.textContent);
    const words = Array.from(card.querySelectorAll('.annotation-text'))
        .map(t => t.getBoundingClientRect());
    const bars = Array.from(card.querySelectorAll('.bars .point path'))
        .map(p => p.getBoundingClientRect());
    const meet = (a, b) => a.left < b.right && b.left < a.right
        && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    return {months, bars: bars.length,
            overlaps: bars.filter(b => words.some(w => meet(b, w))).length};
}"""


@pytest.mark.parametrize("media", ["screen", "print"])
def test_timeline_shows_the_first_month_and_keeps_words_off_the_bars(live_server, page, media):
    # A period starting in an even month: it used to get no label for its first month.
    open_page(page, f"{live_server.url}/partenaires/paris?debut=2012-02&fin=2012-12")
    if media == "print":
        page.emulate_media(media="print")
        wait_for(page, PAPER_READY)
    timeline = page.evaluate(TIMELINE)
    assert timeline["months"][0] == "févr.", timeline["months"]
    assert timeline["bars"] >= 3
    assert timeline["overlaps"] == 0


def test_the_table_of_places_folded_on_screen_is_built_for_paper(live_server, page):
    """On screen a chart's table is built only when opened (assets/data-tables.js); paper shows
    the table of places beside its map, so going to paper builds it, every place in it."""
    open_page(page, f"{live_server.url}/partenaires/seine-saint-denis")
    card = page.locator(".chart-card:has([id^='territoires-'][id$='-titre'])")
    assert card.locator("table").count() == 0  # folded on screen: not built
    places = card.locator("[data-table]").evaluate(
        "holder => JSON.parse(holder.getAttribute('data-table')).rows.map(row => row[0])"
    )
    page.emulate_media(media="print")
    wait_for(page, PAPER_READY)
    printed = card.locator("table tbody th[scope=row]")
    assert printed.all_inner_texts() == places and printed.first.is_visible()
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    # NFKC: the PDF's text has ligatures (« Pierreﬁtte »).
    texts = unicodedata.normalize("NFKC", " ".join(page_texts(pdf)))
    assert [place for place in places if place not in texts] == []


# The map's drawing (the territories) and each line of its source note, on paper.
MAP_ON_PAPER = """() => {
    const card = document.querySelector('.chart-card:has([id^="territoires-"][id$="-titre"])');
    const svg = card.querySelector('.main-svg').getBoundingClientRect();
    return {
        drawing: card.querySelector('.overplot').getBoundingClientRect().height,
        bottom: svg.bottom,
        notes: Array.from(card.querySelectorAll('.annotation-text'))
            .map(text => [text.textContent, text.getBoundingClientRect().bottom]),
    };
}"""


@pytest.mark.parametrize("slug", ["paris", "seine-saint-denis", "essonne"])
def test_on_paper_the_maps_source_line_is_printed_whole(live_server, page, slug):
    open_page(page, f"{live_server.url}/partenaires/{slug}")
    page.emulate_media(media="print")
    wait_for(page, PAPER_READY)
    printed = page.evaluate(MAP_ON_PAPER)
    assert any("IGN" in text for text, _ in printed["notes"])
    assert [text for text, bottom in printed["notes"] if bottom > printed["bottom"] + 0.5] == []


def test_on_paper_essonnes_map_beside_its_lone_chart_is_not_a_thumbnail(live_server, page):
    """Essonne prints its map beside its one breakdown chart, where there is room below the
    chart: the cantons get at least 2 cm of height (76 px at 96 px an inch), not 1.5."""
    open_page(page, f"{live_server.url}/partenaires/essonne")
    page.emulate_media(media="print")
    wait_for(page, PAPER_READY)
    assert page.evaluate(MAP_ON_PAPER)["drawing"] >= 76
