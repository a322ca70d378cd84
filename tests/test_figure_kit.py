"""The figure kit: every figure of every builder has the same frame (French number format, font,
hover label), the target line and the empty figure are drawn one way, and the French separators
render as French in Chromium with the app's own plotly.js bundle."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.numbers import get_decimal_symbol, get_group_symbol

from dashboard.settings import PROJECT_ROOT
from data.headlines import HeadlineFigure, SparkPoint
from layouts import charts, colloquium_deck, colloquium_parts, explorer_charts, figures, maps
from tests.test_colloquium import _deck as slide_deck
from tests.test_colloquium import _figure as slide_figure

NNBSP = "\u202f"  # narrow no-break space: the French thousands separator
DAY = dt.date


def _headline(target: float | None = 1500.0) -> HeadlineFigure:
    points = [SparkPoint(DAY(2012, m, 1), 200.0 * m) for m in range(1, 7)]
    return slide_figure("rencontres", value=1200.0, target=target, points=points)


def _deck(lang: str) -> colloquium_deck.Deck:
    return slide_deck((), lang=lang)


MONTHS = [
    {"period": "2012-01-01", "value": 1500.0},
    {"period": "2012-02-01", "value": 2500.0},
    {"period": "2012-03-01", "value": None, "suppressed": True},
]
CATEGORIES = [{"label": "Bobigny", "value": 1234.5}, {"label": "Pantin", "value": 3.0}]
ACTIONS = [
    {
        "label": "Ateliers",
        "start": DAY(2012, 3, 1),
        "end": DAY(2012, 3, 31),
        "status": "en_cours",
        "status_label": "En cours",
        "colour": "#CC79A7",
    }
]

# Every figure builder of the app, called as its pages call it.
BUILDERS = {
    "sparkline": lambda lang: charts.sparkline(
        [(DAY(2012, 1, 1), 1.0), (DAY(2012, 2, 1), 4.0)], colour="#0072B2", lang=lang
    ),
    "time_series": lambda lang: charts.time_series(
        MONTHS,
        lang=lang,
        colour="#0072B2",
        value_label="Clameurs",
        source="Démo",
        target=3000,
        target_label="Objectif",
        threshold=5,
    ),
    "time_series_line": lambda lang: charts.time_series(
        MONTHS,
        lang=lang,
        colour="#0072B2",
        value_label="Part",
        kind="line",
        share=True,
        threshold=5,
    ),
    "bar_breakdown": lambda lang: charts.bar_breakdown(
        CATEGORIES, lang=lang, colour="#000", value_label="Clameurs", title="Titre"
    ),
    "ranked_territories": lambda lang: charts.ranked_territories(
        CATEGORIES, lang=lang, colour="#D55E00", value_label="Clameurs", source="Démo"
    ),
    "gantt": lambda lang: charts.gantt(
        ACTIONS,
        lang=lang,
        start=DAY(2012, 1, 1),
        end=DAY(2012, 12, 31),
        undefined_label="pas encore de dates",
        events=[{"row": 0, "date": "2012-03-22", "label": "Atelier 1"}],
        markers=[(DAY(2012, 12, 6), "Colloque")],
    ),
    "evolution": lambda lang: explorer_charts.evolution_figure(
        [explorer_charts.Series("Clameurs", "paris", [("2012-01-01", 1500.0)])],
        "mois",
        lang,
        "Démo",
    ),
    "explorer_bars": lambda lang: explorer_charts.bar_figure(
        [
            explorer_charts.Bar("Paris 11e", 1234.5, "territories:75111", "Sessions", "paris"),
            explorer_charts.Bar("Paris 18e", 4.0, "territories:75118", "Ateliers", "paris"),
        ],
        "Titre",
        lang,
        None,
    ),
    "projector_light": lambda lang: colloquium_parts.progress_chart(
        _headline(), _deck(lang), "clair", "#0072B2"
    ),
    "projector_dark": lambda lang: colloquium_parts.progress_chart(
        _headline(), _deck(lang), "sombre", "#0072B2"
    ),
    "empty": lambda lang: figures.empty_figure("Aucune donnée pour ces filtres", lang),
    "territory_map": lambda lang: maps.partner_territory_map(
        "paris",
        [{"code": "75111", "label": "Paris 11e", "value": 1234.5}],
        lang=lang,
        value_label="Clameurs",
        source="Démo",
        threshold=5,
    ),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_every_figure_has_the_kits_number_format_font_and_hover_label(builder, lang):
    layout = BUILDERS[builder](lang)["layout"]
    assert layout["separators"] == {"fr": ",\u202f", "en": ".,"}[lang]
    assert layout["font"]["family"] == figures.FONT_FAMILY
    assert layout["hoverlabel"] == {"font": {"family": figures.FONT_FAMILY}}
    for name in ("xaxis", "yaxis"):
        shown = layout[name].get("visible", True)
        if shown:
            assert layout[name]["tickangle"] == 0, name  # never rotated, even on a phone
        if shown and layout[name].get("type") != "date":
            # Numeric ticks grouped from 4 digits, never `2k`: « 1 500 » like the labels.
            assert layout[name]["separatethousands"] is True, name
            assert layout[name]["exponentformat"] == "none", name


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_hover_labels_follow_the_languages_punctuation(builder):
    for lang, wrong in (("fr", re.compile(r"\S:")), ("en", re.compile(r" :"))):
        for trace in BUILDERS[builder](lang)["data"]:
            template = trace.get("hovertemplate")
            if template is None:
                continue
            assert template.endswith("<extra></extra>")  # no trace-name box
            outside_fields = re.sub(r"%\{[^}]*\}", "", template)
            assert not wrong.search(outside_fields), (lang, template)


def test_the_french_separators_are_those_of_babel_and_of_plotlys_french_locale():
    """plotly.js takes `separators` as two characters: the decimal mark, then the thousands one."""
    french = figures.separators("fr")
    assert french == f"{get_decimal_symbol('fr_FR')}{get_group_symbol('fr_FR')}"
    assert french[1] == NNBSP  # not an ordinary space, which would let « 1 234 » wrap
    locale = (PROJECT_ROOT / "assets" / "plotly-locale-fr.js").read_text()
    assert 'decimal: ","' in locale
    assert 'thousands: "\\u202f"' in locale
    assert figures.separators("de") == french  # an unknown language falls back to French


def test_the_page_target_line_is_a_dashed_line_across_the_plot_with_its_label():
    layout = BUILDERS["time_series"]("fr")["layout"]
    assert layout["shapes"] == [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": 3000,
            "y1": 3000,
            "line": {"color": figures.MUTED, "width": 1.5, "dash": "dash"},
        }
    ]
    label = layout["annotations"][-1]
    assert (label["text"], label["y"], label["x"], label["xref"]) == ("Objectif", 3000, 0, "paper")
    assert label["font"] == {"size": 11, "color": figures.MUTED}


@pytest.mark.parametrize("theme", ["clair", "sombre"])
def test_the_projector_target_line_is_the_same_line_larger_in_the_slides_colours(theme):
    layout = colloquium_parts.progress_chart(_headline(), _deck("fr"), theme, "#0072B2")["layout"]
    muted = figures.PROJECTOR_THEMES[theme].muted
    (shape,) = layout["shapes"]
    assert shape["y0"] == shape["y1"] == 1500
    assert (shape["xref"], shape["x0"], shape["x1"]) == ("paper", 0, 1)
    assert shape["line"] == {"color": muted, "width": 3, "dash": "dash"}
    label = layout["annotations"][-1]
    assert label["text"] == f"Objectif 1{NNBSP}500"
    assert label["font"] == {"size": 24, "color": muted}
    assert layout["font"]["color"] == figures.PROJECTOR_THEMES[theme].ink
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)"


def test_a_chart_without_target_has_no_target_line():
    layout = colloquium_parts.progress_chart(_headline(None), _deck("fr"), "clair", "#000")[
        "layout"
    ]
    assert layout["shapes"] == []
    assert all("Objectif" not in a["text"] for a in layout["annotations"])


def test_the_empty_figure_says_why_in_its_middle_and_draws_no_axis():
    figure = figures.empty_figure("Aucune donnée pour ces filtres", "fr")
    assert figure["data"] == []
    (note,) = figure["layout"]["annotations"]
    assert note["text"] == "Aucune donnée pour ces filtres"
    assert (note["xref"], note["yref"], note["x"], note["y"]) == ("paper", "paper", 0.5, 0.5)
    assert figure["layout"]["xaxis"] == {"visible": False}
    assert figure["layout"]["yaxis"] == {"visible": False}


def test_graph_configs_per_use():
    explore = figures.graph_config("fr")
    assert explore["locale"] == "fr"
    assert explore["displaylogo"] is False
    assert "displayModeBar" not in explore  # the explorer keeps its mode bar
    read = figures.graph_config("en", "read")
    assert (read["locale"], read["displayModeBar"], read.get("staticPlot")) == ("en", False, None)
    static = figures.graph_config("fr", "static")
    assert static["staticPlot"] is True and static["responsive"] is True
    projector = figures.graph_config("fr", "projector")
    assert projector["staticPlot"] is True and projector["responsive"] is False


LAYOUT_WORDS = re.compile(
    r'"separators"|FONT_FAMILY|paper_bgcolor|plot_bgcolor|"hoverlabel"|<extra></extra>'
    r'|"staticPlot"|"displayModeBar"|"displaylogo"|"dash": "dash"'
)


def test_no_module_but_the_kit_builds_a_layouts_frame():
    """One home: a chart module that set its own separators or font would drift again."""
    layouts_dir = PROJECT_ROOT / "layouts"
    offenders = {
        path.name: LAYOUT_WORDS.findall(path.read_text())
        for path in sorted(Path(layouts_dir).glob("*.py"))
        if path.name != "figures.py"
    }
    assert {name: words for name, words in offenders.items() if words} == {}


# --- what only a browser shows: the numbers plotly.js draws


@pytest.mark.browser
def test_chromium_draws_french_ticks_and_labels_with_the_apps_bundle(page):
    figure = BUILDERS["time_series"]("fr")
    figure["layout"]["width"] = 600
    page.set_content('<div id="chart"></div>')
    page.add_script_tag(path=str(PROJECT_ROOT / "assets" / "plotly-basic.min.js"))
    page.add_script_tag(path=str(PROJECT_ROOT / "assets" / "plotly-locale-fr.js"))
    page.evaluate(
        "([figure, config]) => Plotly.newPlot('chart', figure.data, figure.layout, config)",
        [figure, figures.graph_config("fr", "read")],
    )
    ticks = page.evaluate(
        "() => [...document.querySelectorAll('.ytick text')].map(t => t.textContent)"
    )
    labels = page.evaluate(
        "() => [...document.querySelectorAll('.bartext')].map(t => t.textContent)"
    )
    months = page.evaluate(
        "() => [...document.querySelectorAll('.xtick text')].map(t => t.textContent)"
    )
    assert f"1{NNBSP}000" in ticks and f"3{NNBSP}000" in ticks, ticks
    assert f"1{NNBSP}500" in labels and f"2{NNBSP}500" in labels, labels
    assert "janv." in months, months  # the French locale is in use


@pytest.mark.browser
def test_chromium_draws_the_mode_bar_in_french(page):
    """The explorer keeps plotly's mode bar: its tooltips (« Download plot as a PNG ») are French."""
    figure = BUILDERS["time_series"]("fr")
    figure["layout"]["width"] = 600
    page.set_content('<div id="chart"></div>')
    page.add_script_tag(path=str(PROJECT_ROOT / "assets" / "plotly-basic.min.js"))
    page.add_script_tag(path=str(PROJECT_ROOT / "assets" / "plotly-locale-fr.js"))
    page.evaluate(
        "([figure, config]) => Plotly.newPlot('chart', figure.data, figure.layout, config)",
        [figure, figures.graph_config("fr")],
    )
    titles = page.evaluate(
        "() => [...document.querySelectorAll('.modebar-btn')].map(b => b.getAttribute('data-title'))"
    )
    assert "Télécharger le graphique en image PNG" in titles, titles
    assert not [t for t in titles if re.search(r"\b(Download|Zoom in|Reset|Autoscale|Pan)\b", t)]
