"""The pieces the colloquium's slides are built from: a slide's frame and footer, its figure
blocks and lines, and the progress chart drawn on the projector's canvas.

Shared by every slide (`layouts.colloquium_slides`); kept apart so that the slides module holds
only the slides.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from dash import dcc, html

from data.headlines import HeadlineFigure
from data.progress import Status
from layouts.colloquium_deck import SLIDE_TEXT, Deck
from layouts.figures import (
    PROJECTOR,
    add_note_marks,
    add_target_line,
    graph_config,
    projector_layout,
    projector_theme,
)
from layouts.i18n import (
    COMMON,
    data_date_text,
    format_date,
    format_month,
)
from layouts.interpretations import in_period, note_marks
from layouts.sentences import figure_text, value_text
from layouts.status import STATUS_ICONS, status_word

# Chart sizes on the 1920×1080 canvas (the chart is drawn at this size, then scaled with the rest).
CHART_WIDTH = 800
CHART_HEIGHT = 470


# --- small pieces


def _icon(css: str) -> html.I:
    return html.I(className=f"bi {css}", **{"aria-hidden": "true"})


def _status(status: Status, lang: str) -> html.P:
    value = str(status)
    return html.P(
        [_icon(STATUS_ICONS[value]), " ", status_word(value, lang)],
        className=f"slide-status slide-status-{value}",
    )


def _footer(deck: Deck) -> html.Footer:
    lang = deck.lang
    parts = [data_date_text(deck.data_date, lang)]
    if deck.demonstration:
        parts.append(COMMON("demo_data", lang))
    return html.Footer(
        [
            html.Span(SLIDE_TEXT("footer", lang, date=format_date(deck.colloquium_date, lang))),
            html.Span(" · ".join(parts), className="slide-footer-data"),
        ],
        className="slide-footer",
    )


def slide_count(deck: Deck) -> int:
    """Title, programme figures, one per partner, the map, timeline, closing."""
    return 5 + len(deck.partners)


def _slide(deck: Deck, n: int, kind: str, title: str, body: list, *, colour: str | None = None):
    """Slide `n`: a <section> with its kind, the partner colour band if any, and the footer."""
    style = {"--slide-colour": colour} if colour else None
    label = SLIDE_TEXT("slide_label", deck.lang, n=n, total=slide_count(deck), title=title)
    return html.Section(
        [*body, _footer(deck)],
        className=f"slide slide-{kind}",
        style=style,
        **{"aria-roledescription": SLIDE_TEXT("slide", deck.lang), "aria-label": label},
    )


def _text(
    figure: HeadlineFigure,
    value: float | None,
    lang: str,
    suppressed: bool = False,
    threshold: int | None = None,
) -> str:
    """Another value (a target, a month) written the way `figure` is written."""
    return value_text(
        value, lang, suppressed=suppressed, share=figure.is_share, threshold=threshold
    )


def figure_value(figure: HeadlineFigure, lang: str, *, threshold: int) -> str:
    """A headline figure as the room reads it; never a zero for what is not defined."""
    if not figure.defined:
        return COMMON("not_defined", lang)
    return figure_text(figure, lang, threshold=threshold)


def _figure_block(figure: HeadlineFigure, lang: str, lead: bool, threshold: int) -> html.Div:
    # "No target" is not news for a room: the status is said only when there is one to say.
    details = [] if figure.status == Status.NO_TARGET else [_status(figure.status, lang)]
    if figure.full_target is not None and figure.defined:
        target = _text(figure, figure.full_target, lang)
        details.insert(
            0, html.P(SLIDE_TEXT("target", lang, target=target), className="slide-target")
        )
    return html.Div(
        [
            html.P(figure_value(figure, lang, threshold=threshold), className="slide-figure-value"),
            html.P(figure.label(lang), className="slide-figure-label"),
            html.Div(details, className="slide-figure-details"),
        ],
        className="slide-figure slide-figure-lead" if lead else "slide-figure",
    )


def _figure_line(figure: HeadlineFigure, lang: str, threshold: int) -> html.Div:
    """A secondary figure on one line: the number, then its label and status."""
    details = [] if figure.status == Status.NO_TARGET else [_status(figure.status, lang)]
    if figure.full_target is not None and figure.defined:
        target = _text(figure, figure.full_target, lang)
        details.insert(
            0, html.Span(SLIDE_TEXT("target", lang, target=target), className="slide-target")
        )
    return html.Div(
        [
            html.P(figure_value(figure, lang, threshold=threshold), className="figure-line-value"),
            html.Div(
                [
                    html.P(figure.label(lang), className="figure-line-label"),
                    html.Div(details, className="slide-figure-details") if details else None,
                ]
            ),
        ],
        className="figure-line",
    )


# --- the chart


def chart_figure(figures: Sequence[HeadlineFigure]) -> HeadlineFigure | None:
    """The figure worth a chart: the first with a monthly series, preferring one with a target."""
    candidates = [
        f for f in figures if f.defined and sum(p.value is not None for p in f.sparkline) >= 2
    ]
    with_target = [f for f in candidates if f.target is not None]
    return (with_target or candidates or [None])[0]


def progress_chart(figure: HeadlineFigure, deck: Deck, theme: str, colour: str) -> dict:
    """A lean line chart of the figure's monthly trend, with its target as a labelled line."""
    lang = deck.lang
    palette = projector_theme(theme)
    points = [p for p in figure.sparkline]
    x = [p.month.isoformat() for p in points]
    y = [p.value for p in points]
    values = [v for v in y if v is not None]
    top = max(values + ([figure.target] if figure.target is not None else []) + [1])
    layout = projector_layout(lang, theme, CHART_WIDTH, CHART_HEIGHT)
    layout["xaxis"].update(
        {
            "type": "date",
            "range": [deck.year_start.isoformat(), deck.year_end.isoformat()],
            "dtick": "M2",
            "tickformat": "%b",
        }
    )
    layout["yaxis"].update(
        {"range": [0, top * 1.18], "tick0": 0, "dtick": axis_step(top, figure.is_share)}
    )
    layout["shapes"] = []
    layout["annotations"] = []
    last = next(((p.month, p.value) for p in reversed(points) if p.value is not None), None)
    if last is not None:
        layout["annotations"].append(
            {
                "x": last[0].isoformat(),
                "y": last[1],
                "text": f"<b>{_text(figure, last[1], lang)}</b>",
                "showarrow": False,
                "xanchor": "left",
                "xshift": 14,
                "font": {"size": PROJECTOR.title, "color": palette.ink},
            }
        )
    if figure.target is not None:
        target_text = _text(figure, figure.target, lang)
        add_target_line(
            layout,
            figure.target,
            SLIDE_TEXT("chart_target", lang, target=target_text),
            size=PROJECTOR,
            theme=palette,
        )
    marks = note_marks(
        deck.notes.get(figure.indicator_code, ()), lang, deck.year_start, deck.year_end
    )
    if marks:
        add_note_marks(layout, marks, size=PROJECTOR, theme=palette)
    data = {
        "type": "scatter",
        "mode": "lines+markers",
        "x": x,
        "y": y,
        "line": {"color": colour, "width": 6},
        "marker": {"color": colour, "size": 14},
        "connectgaps": False,
        "hoverinfo": "skip",
    }
    return {"data": [data], "layout": layout}


def axis_step(top: float, share: bool) -> float:
    """A round step giving 3 to 6 gridlines up to `top`; counts never get fractional ticks."""
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return step if share else max(1, math.ceil(step))


def _chart_block(
    figure: HeadlineFigure | None, deck: Deck, theme: str, colour: str, key: str
) -> html.Div:
    lang = deck.lang
    if figure is None:
        return html.Div(
            html.P(SLIDE_TEXT("no_chart", lang), className="slide-no-chart"),
            className="slide-chart",
        )
    title_key = "chart_sum" if figure.aggregation == "somme" else "chart_level"
    colon = " : " if lang == "fr" else ": "
    values = " ; ".join(
        f"{format_month(p.month, lang)}{colon}{_text(figure, p.value, lang, p.suppressed, deck.threshold)}"
        for p in figure.sparkline
    )
    return html.Div(
        [
            html.H3(
                SLIDE_TEXT(title_key, lang, label=figure.label(lang)), className="slide-chart-title"
            ),
            dcc.Graph(
                id=f"colloque-graphique-{key}",
                figure=progress_chart(figure, deck, theme, colour),
                config=graph_config(lang, "projector"),
                className="slide-graph",
                style={"width": f"{CHART_WIDTH}px", "height": f"{CHART_HEIGHT}px"},
            ),
            html.P(SLIDE_TEXT("chart_alt", lang, values=values), className="visually-hidden"),
            *[
                # Nothing hovers on a projector: the marks' numbers are named under the chart.
                html.P(f"{number} — {note.title}", className="slide-chart-note")
                for number, note in enumerate(
                    in_period(
                        deck.notes.get(figure.indicator_code, ()), deck.year_start, deck.year_end
                    ),
                    start=1,
                )
            ],
        ],
        className="slide-chart",
    )
