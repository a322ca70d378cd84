"""The explorer's figures: evolution over time, breakdown by a dimension, partner comparison.

Pure builders (plain rows in, plain-dict figure out). Each point carries, in `customdata`, the
filter it stands for ("territories:75111", "partners:paris", "period:2012-03-01"), so that a click
on it can filter the other charts. Different indicators are never added together: each trace is
one indicator (or one partner), because their units differ.
"""

from __future__ import annotations

import copy
import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from data.months import quarter
from layouts.figures import (
    INK,
    MUTED,
    TICK_FORMAT,
    base_layout,
    hover_number,
    hover_template,
    labelled,
    partner_colour,
    plain,
)
from layouts.findings import leader_text
from layouts.i18n import Messages, format_number

MAX_SERIES = 6
MAX_BARS = 15
# Shapes and dashes tell the lines of one partner apart without relying on colour.
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")
# The same, as the page's HTML legend draws them (CSS border style, a character for the symbol).
CSS_DASHES = ("solid", "dashed", "dotted", "dashed", "double", "dotted")
GLYPHS = ("●", "■", "◆", "▲", "✕", "★")

EXPLORER_CHART_TEXT = Messages(
    {
        "evolution_one": (
            "{label} : au plus haut en {peak} ({value})",
            "{label}: highest in {peak} ({value})",
        ),
        "evolution_many": (
            "{n} indicateurs par {grain} : le plus élevé, {label}, culmine en {peak}",
            "{n} indicators by {grain}: the largest, {label}, peaks in {peak}",
        ),
        "breakdown_title": (
            "{indicator} par {dimension} : en tête, {top}",
            "{indicator} by {dimension}: {top} comes first",
        ),
        "comparison_title": (
            "{family}, en nombre : le plus, {top}",
            "{family}, in number: most, {top}",
        ),
        "per_capita_title": (
            "{family} pour {n} habitants : le plus, {top}",
            "{family} per {n} inhabitants: most, {top}",
        ),
        "grain_mois": ("mois", "month"),
        "grain_trimestre": ("trimestre", "quarter"),
        "grain_annee": ("année", "year"),
        "axis_per_capita": ("pour {n} habitants", "per {n} inhabitants"),
    }
)


@dataclass(frozen=True)
class Series:
    """One line of the evolution chart: one indicator of one partner."""

    label: str
    partner_slug: str
    points: Sequence[tuple[str, float]]  # (ISO first day of the bucket, value)


@dataclass(frozen=True)
class Bar:
    """One bar: its category label, value, the filter it stands for, and its trace."""

    category: str
    value: float
    filter_token: str
    trace: str
    partner_slug: str = ""
    selected: bool = False
    # Decimals of the bar's label (None: none for a whole number, else one).
    decimals: int | None = None

    def label(self, lang: str) -> str:
        decimals = self.decimals
        if decimals is None:
            decimals = 0 if float(self.value).is_integer() else 1
        return format_number(self.value, lang, decimals)


def period_label(iso: str, grain: str, lang: str) -> str:
    """`mars 2012`, `T2 2012` or `2012`: the name of a time bucket."""
    from layouts.i18n import format_month

    day = dt.date.fromisoformat(iso)
    if grain == "annee":
        return str(day.year)
    if grain == "trimestre":
        return f"{'Q' if lang == 'en' else 'T'}{quarter(day)} {day.year}"
    if grain == "jour":
        from layouts.i18n import format_date

        return format_date(day, lang)
    return format_month(day, lang)


def evolution_figure(series: Sequence[Series], grain: str, lang: str, source: str | None) -> dict:
    """Lines over time, one per indicator (the largest MAX_SERIES when there are more)."""
    shown = list(series)[:MAX_SERIES]
    traces = []
    seen_partner: dict[str, int] = {}
    for item in shown:
        rank = seen_partner.get(item.partner_slug, 0)
        seen_partner[item.partner_slug] = rank + 1
        xs = [p for p, _ in item.points]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": plain(item.label),
                "x": xs,
                "y": [v for _, v in item.points],
                "customdata": [f"period:{p}" for p in xs],
                "text": [period_label(p, grain, lang) for p in xs],
                "line": {
                    "color": partner_colour(item.partner_slug),
                    "width": 2.5,
                    "dash": DASHES[rank % len(DASHES)],
                },
                "marker": {"size": 8, "symbol": SYMBOLS[rank % len(SYMBOLS)]},
                "hovertemplate": hover_template(
                    "%{fullData.name}", labelled("%{text}", hover_number("y"), lang)
                ),
            }
        )
    if len(shown) == 1 and shown[0].points:
        peak_period, peak_value = max(shown[0].points, key=lambda p: p[1])
        title = EXPLORER_CHART_TEXT(
            "evolution_one",
            lang,
            label=shown[0].label,
            peak=period_label(peak_period, grain, lang),
            value=format_number(peak_value, lang, decimals=0 if peak_value.is_integer() else 1),
        )
    elif shown:
        # Series come largest first: say where the largest one peaks.
        peak_period, _ = max(shown[0].points, key=lambda p: p[1])
        title = EXPLORER_CHART_TEXT(
            "evolution_many",
            lang,
            n=len(shown),
            grain=EXPLORER_CHART_TEXT(f"grain_{grain}", lang),
            label=shown[0].label,
            peak=period_label(peak_period, grain, lang),
        )
    else:
        title = ""
    layout = base_layout(plain(title), lang, source, height=340)
    # The legend is drawn in the page (see `legend_items`): it wraps on a phone.
    layout["showlegend"] = False
    layout["xaxis"].update({"type": "date", "tickformat": "%b %Y"})
    if grain in ("trimestre", "annee"):
        # Name the buckets themselves (T2 2012), not the months plotly would pick.
        periods = sorted({p for item in shown for p, _ in item.points})
        layout["xaxis"].update(
            {"tickvals": periods, "ticktext": [period_label(p, grain, lang) for p in periods]}
        )
    layout["yaxis"].update({"rangemode": "tozero", "tickformat": TICK_FORMAT})
    layout["hovermode"] = "closest"
    return {"data": traces, "layout": layout}


def legend_items(series: Sequence[Series]) -> list[tuple[str, str, str, str]]:
    """(label, colour, CSS dash, glyph) of each line the evolution chart draws, in its order."""
    items = []
    seen_partner: dict[str, int] = {}
    for item in list(series)[:MAX_SERIES]:
        rank = seen_partner.get(item.partner_slug, 0)
        seen_partner[item.partner_slug] = rank + 1
        items.append(
            (
                item.label,
                partner_colour(item.partner_slug),
                CSS_DASHES[rank % len(CSS_DASHES)],
                GLYPHS[rank % len(GLYPHS)],
            )
        )
    return items


def bar_figure(
    bars: Sequence[Bar],
    title: str,
    lang: str,
    source: str | None,
    axis_title: str | None = None,
    colour_by_partner: bool = False,
    legend: bool | None = None,
) -> dict:
    """Horizontal bars grouped by trace; selected bars are outlined and ticked (✓) in their
    label, and the others paled, so that the selection never rests on colour alone."""
    categories: list[str] = []
    for bar in bars:
        if bar.category not in categories:
            categories.append(bar.category)
    any_selected = any(b.selected for b in bars)
    selected_categories = {b.category for b in bars if b.selected}
    traces = []
    trace_names: list[str] = []
    for bar in bars:
        if bar.trace not in trace_names:
            trace_names.append(bar.trace)
    for index, name in enumerate(trace_names):
        own = [b for b in bars if b.trace == name]
        colour = (
            partner_colour(own[0].partner_slug) if colour_by_partner or own[0].partner_slug else INK
        )
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": plain(name),
                "y": [_tick(b.category, b.category in selected_categories) for b in own],
                "x": [b.value for b in own],
                "customdata": [b.filter_token for b in own],
                "text": [b.label(lang) for b in own],
                "textposition": "outside",
                "cliponaxis": False,
                "marker": {
                    "color": colour,
                    "opacity": [1.0 if (b.selected or not any_selected) else 0.4 for b in own],
                    "line": {"color": INK, "width": [3 if b.selected else 0 for b in own]},
                    "pattern": {"shape": ["", "/", ".", "x", "-", "+"][index % 6]},
                },
                "hovertemplate": hover_template(
                    "%{fullData.name}", labelled("%{y}", hover_number("x"), lang)
                ),
            }
        )
    layout = base_layout(plain(title), lang, source, height=max(260, 90 + 26 * len(bars)))
    # One bar per trace (a partner per bar, the category naming it): no slots to group, and no
    # legend repeating the category labels.
    one_per_trace = all(sum(1 for b in bars if b.trace == name) == 1 for name in trace_names)
    layout["barmode"] = "relative" if one_per_trace and len(trace_names) > 1 else "group"
    layout["showlegend"] = len(trace_names) > 1 if legend is None else legend
    layout["legend"] = {
        "orientation": "h",
        "y": 1.0,
        "x": 0,
        "yanchor": "bottom",
        "font": {"size": 12},
    }
    if layout["showlegend"]:
        layout["margin"]["t"] = 96
        layout["title"]["y"] = 0.97
        layout["title"]["yanchor"] = "top"
    layout["yaxis"].update(
        {
            "autorange": "reversed",
            "automargin": True,
            "categoryorder": "array",
            "categoryarray": [_tick(c, c in selected_categories) for c in categories],
            "ticks": "",
        }
    )
    layout["xaxis"].update({"rangemode": "tozero", "tickformat": TICK_FORMAT, "automargin": True})
    if axis_title:
        layout["xaxis"]["title"] = {"text": axis_title, "font": {"size": 12, "color": MUTED}}
    layout["margin"]["r"] = 48
    return {"data": traces, "layout": layout}


def _tick(label: str, selected: bool) -> str:
    short = label if len(label) <= 42 else label[:41] + "…"
    return plain(f"✓ {short}" if selected else short)


def breakdown_title(indicator: str, dimension_label: str, bars: Sequence[Bar], lang: str) -> str:
    return EXPLORER_CHART_TEXT(
        "breakdown_title",
        lang,
        indicator=indicator,
        dimension=dimension_label,
        top=_leader(bars, lang),
    )


def comparison_title(family: str, bars: Sequence[Bar], lang: str, per: int | None = None) -> str:
    """The partner comparison's title: the family compared and the partner with the most, in
    number or (`per`) per that many inhabitants."""
    top = _leader(bars, lang)
    if per is None:
        return EXPLORER_CHART_TEXT("comparison_title", lang, family=family, top=top)
    return EXPLORER_CHART_TEXT(
        "per_capita_title", lang, family=family, n=format_number(per, lang), top=top
    )


def _leader(bars: Sequence[Bar], lang: str) -> str:
    return leader_text([(b.category, b.value) for b in bars], lang)


def per_capita_axis(per: int, lang: str) -> str:
    return EXPLORER_CHART_TEXT("axis_per_capita", lang, n=format_number(per, lang))


# --- fitting a figure to the screen

# Characters per title line: a wide card, and a phone (360 px) once the browser says so.
TITLE_CHARS = {"wide": 90, "compact": 36}
PHONE_LABEL_CHARS = 20
TITLE_LINE_HEIGHT = 20


def fit(figure: dict, compact: bool = False) -> dict:
    """The figure laid out for its screen: the title wrapped over several lines (plotly never
    wraps a title: it would be cut), and, on a phone, a simpler chart — legend under the plot,
    horizontal ticks and fewer of them, shorter category labels, narrower margins."""
    result = copy.deepcopy(figure)
    layout = result.setdefault("layout", {})
    title = layout.get("title")
    lines = 1
    if isinstance(title, dict) and title.get("text"):
        wrapped = textwrap.wrap(title["text"], TITLE_CHARS["compact" if compact else "wide"])
        lines = max(1, len(wrapped))
        title["text"] = "<br>".join(wrapped)
        if compact:
            title["font"] = {**title.get("font", {}), "size": 14}
        extra = TITLE_LINE_HEIGHT * (lines - 1)
        if not layout.get("showlegend") or compact:
            # Just above the plot, the top margin growing to hold every line (a title anchored
            # to the top of the figure has its first lines cut off by plotly).
            title.update(
                {"yref": "paper", "y": 1, "yanchor": "bottom", "pad": {"b": 16}, "automargin": True}
            )
            layout.setdefault("margin", {})["t"] = 16
        elif "margin" in layout:
            layout["margin"]["t"] = layout["margin"].get("t", 56) + extra
        if "height" in layout:
            # The plot keeps its own height whatever the number of title lines.
            layout["height"] += extra
    if not compact:
        return result
    margin = layout.setdefault("margin", {})
    margin["l"] = min(margin.get("l", 48), 40)
    margin["r"] = min(margin.get("r", 16), 36)
    if layout.get("showlegend"):
        # Under the plot rather than between the title and the bars.
        layout["legend"] = {
            **layout.get("legend", {}),
            "orientation": "h",
            "x": 0,
            "y": -0.12,
            "yanchor": "top",
        }
        margin["t"] = 30 + TITLE_LINE_HEIGHT * lines
        margin["b"] = margin.get("b", 56) + 40
        layout["height"] = layout.get("height", 320) + 40
    if (layout.get("xaxis") or {}).get("title"):
        # Room for the axis title above the source line, which the narrow plot brings closer.
        margin["b"] = margin.get("b", 56) + 18
        for note in layout.get("annotations", []):
            if note.get("name") == "source":
                note["yshift"] = note.get("yshift", -44) - 18
    for note in layout.get("annotations", []):
        if note.get("name") == "source":
            # From the plot's right edge leftwards: the category labels' margin is free there.
            note.update({"x": 1, "xanchor": "right"})
    for name in ("xaxis", "yaxis"):
        axis = layout.get(name)
        if isinstance(axis, dict) and axis.get("visible", True):
            axis["tickangle"] = 0
    xaxis = layout.get("xaxis", {})
    if xaxis.get("type") == "date":
        xaxis["nticks"] = 4
        xaxis["tickformat"] = "%b<br>%Y"
        if "tickvals" in xaxis:
            # Named buckets (T2 2012): keep every other one when there are many.
            step = max(1, len(xaxis["tickvals"]) // 4)
            xaxis["tickvals"] = xaxis["tickvals"][::step]
            xaxis["ticktext"] = xaxis["ticktext"][::step]
    elif xaxis:
        xaxis["nticks"] = 4
    for trace in result.get("data", []):
        if trace.get("type") == "bar" and trace.get("orientation") == "h":
            trace["y"] = [_short(label) for label in trace.get("y", [])]
    yaxis = layout.get("yaxis", {})
    if "categoryarray" in yaxis:
        yaxis["categoryarray"] = [_short(label) for label in yaxis["categoryarray"]]
    return result


def _short(label: str) -> str:
    if "&" in label:
        return label  # an escaped character: cutting it could leave half an entity
    return label if len(label) <= PHONE_LABEL_CHARS else label[: PHONE_LABEL_CHARS - 1] + "…"
