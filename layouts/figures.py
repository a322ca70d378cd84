"""The figure kit: every plotly layout and shared figure element is built here, once.

Chart modules (`charts`, `explorer_charts`, `colloquium`) keep only their traces and what is
their own (axis ranges, labels next to the data); the frame around them comes from this module:
the base layout per size and theme, the French number format, the hover label, the target line,
the empty figure and the `config` of every dcc.Graph. So a number reads the same (`1 234,5`) on a
card, in the explorer and on the projector.

Figures are plain dicts (no plotly.express, no template object): small JSON payloads and fast to
build. Nothing here does I/O.

Sizes: the page size serves the screen, the phone and paper alike, because page charts are
responsive (`responsive` in the config) and `assets/print-charts.js` redraws them to their
boxes on the sheet (`assets/print.css`), with fewer axis ticks, before printing; only the projector, drawn on a fixed 1920×1080 canvas, has its own size, in a
light and a dark theme.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from layouts.i18n import COMMON, Messages

# Okabe–Ito, a colour-blind-safe palette: one colour per partner, the same everywhere.
PARTNER_COLOURS = {
    "paris": "#0072B2",
    "seine-saint-denis": "#D55E00",
    "val-de-marne": "#009E73",
    "essonne": "#CC79A7",
    "programme": "#4D4D4D",
}
ACCENT = "#0b5394"
GRID = "#e5e8ec"
INK = "#1d2733"
MUTED = "#4d5866"
TRANSPARENT = "rgba(0,0,0,0)"
FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

# --- the French number format
# plotly.js reads `separators` as two characters, decimal then thousands
# (`numSeparate`: `separators.charAt(0)`, `.charAt(1)`). French: a comma, and the narrow no-break
# space U+202F, the same as Babel's French group symbol (the tables and labels) and as
# `assets/plotly-locale-fr.js`; an ordinary space would let `1 234` break across two lines.
SEPARATORS = {"fr": ",\u202f", "en": ".,"}
# Numeric axes: 4-digit ticks grouped too (plotly groups only from 5 digits by default) and no SI
# suffix (`20k`), so that a tick reads « 1 500 » like the label next to the bar.
NUMBER_AXIS = {"separatethousands": True, "exponentformat": "none"}
# d3-format for ticks given an explicit format: grouped, trailing zeros trimmed (`1 234,5`).
TICK_FORMAT = ",~f"


def separators(lang: str) -> str:
    return SEPARATORS.get(lang, SEPARATORS["fr"])


def hover_number(axis: str) -> str:
    """A data value in a hover template, with at most two decimals (`1 234,56`, `12`)."""
    return f"%{{{axis}:,.2~f}}"


def plain(text: object) -> str:
    """Data-sourced text made inert for plotly (which renders <b>, <a href>...)."""
    return html.escape(str(text), quote=False)


def partner_colour(slug: str) -> str:
    return PARTNER_COLOURS.get(slug, ACCENT)


# --- sizes and themes


@dataclass(frozen=True)
class Size:
    """Text sizes (px) and line width of one medium."""

    font: int  # body text and ticks
    title: int  # the title; on a slide, which has none, the emphasised last value
    note: int  # source line, target label
    target_width: float


@dataclass(frozen=True)
class Theme:
    ink: str
    muted: str
    grid: str
    background: str


PAGE = Size(font=13, title=16, note=11, target_width=1.5)
PROJECTOR = Size(font=22, title=30, note=24, target_width=3)
PAGE_THEME = Theme(ink=INK, muted=MUTED, grid=GRID, background="#ffffff")
# The projector draws on the slide's own background, light (« clair ») or dark (« sombre »).
PROJECTOR_THEMES = {
    "clair": Theme(ink="#1d2733", muted="#4d5866", grid="#d6dbe1", background=TRANSPARENT),
    "sombre": Theme(ink="#f4f6f8", muted="#c9d1db", grid="#3a4654", background=TRANSPARENT),
}


def projector_theme(name: str) -> Theme:
    return PROJECTOR_THEMES.get(name, PROJECTOR_THEMES["clair"])


def hover_label() -> dict:
    return {"font": {"family": FONT_FAMILY}}


def hover_template(*lines: str) -> str:
    """Hover lines, without the trace-name box plotly adds by default."""
    return "<br>".join(lines) + "<extra></extra>"


def labelled(label: str, value: str, lang: str) -> str:
    """`label : value` with the French space before the colon, `label: value` in English."""
    return f"{label}{': ' if lang == 'en' else ' : '}{value}"


def _frame(lang: str, size: Size, theme: Theme) -> dict:
    """What every layout shares: font, number format, backgrounds, hover label."""
    return {
        "font": {"family": FONT_FAMILY, "size": size.font, "color": theme.ink},
        "separators": separators(lang),
        "paper_bgcolor": theme.background,
        "plot_bgcolor": theme.background,
        "hoverlabel": hover_label(),
        "showlegend": False,
    }


def axis(theme: Theme = PAGE_THEME, size: Size | None = None) -> dict:
    """A light, fixed axis (charts are read, not zoomed) with French-grouped numbers."""
    result = {
        "gridcolor": theme.grid,
        "linecolor": theme.grid,
        "zeroline": False,
        "fixedrange": True,
        # Never rotated: on a phone plotly would turn month names 45° when they crowd; level,
        # they are read at a glance, and plotly shows fewer of them instead.
        "tickangle": 0,
        **NUMBER_AXIS,
    }
    if size is not None:
        result["tickfont"] = {"size": size.font, "color": theme.ink}
    return result


def base_layout(title: str, lang: str, source: str | None = None, height: int = 320) -> dict:
    """The layout every page chart starts from: a title that states the finding, light
    gridlines, and the source line (« Données de démonstration » while they are)."""
    layout: dict = {
        **_frame(lang, PAGE, PAGE_THEME),
        "title": {
            "text": title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": PAGE.title, "color": INK},
        },
        "margin": {"l": 48, "r": 16, "t": 56, "b": 56 if source else 40},
        "height": height,
        "xaxis": axis(),
        "yaxis": axis(),
    }
    if source:
        layout["annotations"] = [
            {
                "text": COMMON("source", lang, source=source),
                # Named so that the paper layout can leave it to the page's running line.
                "name": "source",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -44,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": PAGE.note, "color": MUTED},
            }
        ]
    return layout


def projector_layout(lang: str, theme: str, width: int, height: int) -> dict:
    """The layout of a chart on a slide: fixed size, large type, the slide's background."""
    colours = projector_theme(theme)
    return {
        **_frame(lang, PROJECTOR, colours),
        "width": width,
        "height": height,
        "margin": {"l": 80, "r": 110, "t": 24, "b": 56},
        "xaxis": axis(colours, PROJECTOR),
        "yaxis": axis(colours, PROJECTOR),
    }


def add_target_line(
    layout: dict, value: float, label: str, *, size: Size = PAGE, theme: Theme = PAGE_THEME
) -> None:
    """A dashed line across the plot at `value`, with `label` (already escaped) above its left
    end: the same target line on a page and on a slide."""
    layout.setdefault("shapes", []).append(
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": value,
            "y1": value,
            "line": {"color": theme.muted, "width": size.target_width, "dash": "dash"},
        }
    )
    layout.setdefault("annotations", []).append(
        {
            "text": label,
            "xref": "paper",
            "x": 0,
            "y": value,
            "xanchor": "left",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": size.note, "color": theme.muted},
        }
    )


def add_target_steps(
    layout: dict,
    steps: Sequence[tuple[str, float]],
    end: str,
    label: str,
    *,
    size: Size = PAGE,
    theme: Theme = PAGE_THEME,
) -> None:
    """The target in force at each date, as a dashed step line: `steps` are (ISO date from which
    a value applies, value), oldest first, the first from the chart's first date; `end` is the
    chart's last date. One step is the plain target line (the same line as `add_target_line`);
    `label` (already escaped) sits above the latest step."""
    if len(steps) <= 1:
        if steps:
            add_target_line(layout, steps[0][1], label, size=size, theme=theme)
        return
    line = {"color": theme.muted, "width": size.target_width, "dash": "dash"}
    shapes = layout.setdefault("shapes", [])
    for (since, value), following in zip(steps, [*steps[1:], (end, None)], strict=True):
        until = following[0]
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "x0": since,
                "x1": until,
                "y0": value,
                "y1": value,
                "line": line,
            }
        )
        if following[1] is not None:  # the change itself: a riser from one value to the next
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "x0": until,
                    "x1": until,
                    "y0": value,
                    "y1": following[1],
                    "line": line,
                }
            )
    layout.setdefault("annotations", []).append(
        {
            "text": label,
            "xref": "x",
            "x": steps[-1][0],
            "y": steps[-1][1],
            "xanchor": "left",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": size.note, "color": theme.muted},
        }
    )


@dataclass(frozen=True)
class NoteMark:
    """An interpretation as a chart shows it: its number (as in the list under the chart), a
    date or a date range (ISO), and the hover text (already escaped with `plain`)."""

    number: int
    start: str
    end: str | None
    hover: str


NOTE_COLOUR = "#6a3d9a"  # violet: no partner's colour, and 7:1 on white for the numbers


def add_note_marks(
    layout: dict, marks: list[NoteMark], *, size: Size = PAGE, theme: Theme = PAGE_THEME
) -> None:
    """Interpretations on a time axis: a dotted line at a date, a shaded band over a range, and
    the interpretation's number at the top, which shows its title on hover (plotly gives shapes
    no hover text; annotations have one). The same marks on a page, in the explorer and on a
    slide."""
    shapes = layout.setdefault("shapes", [])
    annotations = layout.setdefault("annotations", [])
    for mark in marks:
        if mark.end:
            shapes.append(
                {
                    "type": "rect",
                    "xref": "x",
                    "yref": "paper",
                    "x0": mark.start,
                    "x1": mark.end,
                    "y0": 0,
                    "y1": 1,
                    "fillcolor": NOTE_COLOUR,
                    "opacity": 0.1,
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
        else:
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": mark.start,
                    "x1": mark.start,
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": NOTE_COLOUR, "width": size.target_width, "dash": "dot"},
                }
            )
        note = {
            "text": f"<b>{mark.number}</b>",
            "hovertext": mark.hover,
            "xref": "x",
            "yref": "paper",
            "x": mark.start,
            "y": 1,
            "xanchor": "left",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": size.note, "color": NOTE_COLOUR},
        }
        if theme.background != TRANSPARENT:
            note["bgcolor"] = theme.background  # the number stays legible over a bar
        annotations.append(note)


# --- values waiting for approval (docs/pending-values.md), for those who see them only

PENDING_TEXT = Messages(
    {
        "pending": ("en attente de validation", "awaiting approval"),
        "replaces": ("remplace la valeur publiée {value}", "would replace the published {value}"),
        "first": ("aucune valeur publiée avant", "nothing published before"),
        "legend": ("En attente de validation", "Awaiting approval"),
        "mark": ("en attente", "pending"),
        "published": ("publiée", "published"),
        "status": ("Validation", "Approval"),
        "published_value": ("Valeur publiée", "Published value"),
        "rings_note": (
            "Les points cerclés comptent une valeur en attente de validation : survolez-les pour "
            "la valeur publiée qu'elle remplacerait ; le tableau les marque « en attente ».",
            "Ringed points count a value awaiting approval: hover them for the published value "
            "it would replace; the table marks them « pending ».",
        ),
    }
)
PENDING_INK = "#1d2733"  # the outline and hatching of a pending value: ink, 15:1 on white
# Bars: hatched over the partner's colour (still read in black and white), outlined in ink.
PENDING_PATTERN = {
    "shape": "/",
    "fillmode": "overlay",
    "fgcolor": "#ffffff",
    "size": 7,
    "solidity": 0.4,
}


def show_pending_legend(layout: dict) -> None:
    """The legend naming the pending marks, on a line of its own under the source line (the
    bottom margin grows by that line; the plot keeps the rest of the chart's height)."""
    margin = layout["margin"]
    margin["b"] += 28
    plot = max(layout.get("height", 320) - margin["t"] - margin["b"], 1)
    layout["showlegend"] = True
    layout["legend"] = {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": -62 / plot,  # 62 px under the plot: below the source line (44 px, one line)
        "yanchor": "top",
        "font": {"size": PAGE.note, "color": INK},
        "bgcolor": TRANSPARENT,
    }


def pending_hover(published: str | None, lang: str) -> str:
    """The hover line of a pending value: what it is, and the published value it would replace
    (`published` as the page writes it, or None when nothing was published there)."""
    said = (
        PENDING_TEXT("replaces", lang, value=published)
        if published is not None
        else PENDING_TEXT("first", lang)
    )
    return f"<i>{PENDING_TEXT('pending', lang)}</i> — {plain(said)}"


def mark_pending(
    trace: dict, pending: Sequence[bool], hovers: Sequence[str], lang: str
) -> dict | None:
    """Mark the pending points of `trace` (a bar or a line of values over time): each one's
    hover says « en attente de validation » and the published value it would replace (`hovers`,
    from `pending_hover`, "" elsewhere). Bars are hatched and outlined in place, and the trace
    returned is their legend entry only; a line gets a trace of open rings over its pending
    points, returned to be drawn over it (with a legend entry). Returns None, and changes
    nothing, when no point is pending: the public's figures stay as they were."""
    if not any(pending):
        return None
    customdata = [[*row, extra] for row, extra in zip(trace["customdata"], hovers, strict=True)]
    trace["customdata"] = customdata
    trace["hovertemplate"] = trace["hovertemplate"].replace(
        "<extra></extra>", f"<br>%{{customdata[{len(customdata[0]) - 1}]}}<extra></extra>"
    )
    if trace["type"] == "bar":
        marker = trace.setdefault("marker", {})
        marker["pattern"] = {
            **PENDING_PATTERN,
            "shape": ["/" if p else "" for p in pending],
        }
        marker["line"] = {
            "color": [PENDING_INK if p else marker.get("color", PENDING_INK) for p in pending],
            "width": [2 if p else 0 for p in pending],
        }
        trace["showlegend"] = False  # the legend names the hatching only
        # A legend entry alone (no bar of its own): what the hatching means, without hovering.
        return {
            "type": "bar",
            "x": [None],
            "y": [None],
            "name": PENDING_TEXT("legend", lang),
            "marker": {
                "color": marker.get("color", PENDING_INK),
                "pattern": dict(PENDING_PATTERN),
                "line": {"color": PENDING_INK, "width": 2},
            },
            "showlegend": True,
            "hoverinfo": "skip",
        }
    points = [i for i, p in enumerate(pending) if p]
    trace["showlegend"] = False  # the legend names the rings only
    return pending_rings(
        [trace["x"][i] for i in points],
        [trace["y"][i] for i in points],
        [customdata[i] for i in points],
        trace["hovertemplate"],
        lang,
    )


def pending_rings(
    xs: Sequence, ys: Sequence, customdata: Sequence, hovertemplate: str, lang: str
) -> dict:
    """Open rings over the points of a line that count a value waiting for approval, named
    « En attente de validation » in the legend; their hover says what `hovertemplate` says."""
    return {
        "type": "scatter",
        "mode": "markers",
        "x": list(xs),
        "y": list(ys),
        "customdata": list(customdata),
        "hovertemplate": hovertemplate,
        "marker": {
            "symbol": "circle-open",
            "size": 15,
            "color": PENDING_INK,
            "line": {"width": 2.5, "color": PENDING_INK},
        },
        "name": PENDING_TEXT("legend", lang),
        "showlegend": True,
        "cliponaxis": False,
    }


def empty_figure(message: str, lang: str) -> dict:
    """A figure without data that says why, in the middle of a short frame."""
    layout = {
        **_frame(lang, PAGE, PAGE_THEME),
        "height": 160,
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "annotations": [
            {
                "text": message,
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 14},
            }
        ],
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
    }
    return {"data": [], "layout": layout}


# --- maps

# A sequential single-hue palette (ColorBrewer « Blues »): its lightness falls steadily from the
# first class to the last, so that the order of the classes survives a black-and-white print.
# ColorBrewer's 7-class Blues without its two lightest: the palest class then stays distinct from
# the white page, the white borders and the grey of « pas de données » (WCAG 1.4.11, and on paper).
MAP_CLASSES = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594")
# Classes dark enough that a value printed on them is written in white.
MAP_DARK_FROM = 3
MAP_BORDER = "#ffffff"


def map_layout(
    lang: str,
    *,
    latitude: float,
    source: str | None = None,
    height: int = 420,
    size: Size = PAGE,
    theme: Theme = PAGE_THEME,
) -> dict:
    """The frame of a map drawn as plain polygons (longitude on x, latitude on y): no axes, one
    degree of latitude as long as 1/cos(latitude) degrees of longitude (a local equirectangular
    projection, right at the scale of a département), the legend above the map, the source line
    below. On a page, the card's heading is the map's title; on a slide, the slide's."""
    layout = (
        base_layout("", lang, source, height=height) if size is PAGE else _frame(lang, size, theme)
    )
    layout.pop("title", None)
    hidden = {"visible": False, "fixedrange": True, "showgrid": False, "zeroline": False}
    layout.update(
        height=height,
        # Room for a two-line source line (the data's, the boundaries') right under the map:
        # a map has no axis labels to leave room for.
        margin={"l": 4, "r": 4, "t": 8, "b": 36 if source else 8},
        xaxis={**hidden},
        yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1 / math.cos(math.radians(latitude))},
        showlegend=True,
        hovermode="closest",
        dragmode=False,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "bottom",
            "font": {"size": size.note if size is PAGE else size.font, "color": theme.ink},
            # Read, not filtered: a click on the legend hides nothing.
            "itemclick": False,
            "itemdoubleclick": False,
        },
    )
    for note in layout.get("annotations", []):
        note["yshift"] = -4
    return layout


# --- the dcc.Graph configuration

GraphUse = Literal["explore", "read", "static", "projector"]


def graph_config(lang: str, use: GraphUse = "explore") -> dict:
    """The `config` of every dcc.Graph: French locale, no logo, a lean mode bar.

    `explore` (the explorer) keeps the mode bar; `read` (chart cards) drops it: those pages are
    read, not explored, and its icon-only buttons have no accessible name; `static` (sparklines)
    answers no pointer at all; `projector` is static and keeps its canvas size.
    """
    config: dict = {
        "locale": lang,
        "displaylogo": False,
        "responsive": use != "projector",
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    }
    if use != "explore":
        config["displayModeBar"] = False
    if use in ("static", "projector"):
        config["staticPlot"] = True
    return config
