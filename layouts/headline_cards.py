"""Headline figure cards: the value and its unit, the target, progress, trend and status."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.headlines import HeadlineFigure
from layouts.chart_card import info_button
from layouts.charts import sparkline
from layouts.figures import graph_config
from layouts.i18n import Messages, format_month, format_number, format_share
from layouts.sentences import amount_text, figure_text, value_text
from layouts.status import status_badge

HEADLINE_TEXT = Messages(
    {
        "not_defined_value": ("Non défini", "Not defined"),
        "target": ("Objectif : {target}", "Target: {target}"),
        "target_prorated": (
            "Objectif sur la période : {target} ({full} sur l'année)",
            "Target for the period: {target} ({full} for the year)",
        ),
        "no_target": ("Pas d'objectif chiffré", "No numeric target"),
        "progress": ("{share} de l'objectif", "{share} of the target"),
        "expected": ("attendu à cette date : {expected}", "expected by now: {expected}"),
        "expected_exact": (
            "Attendu à cette date avec une progression régulière vers l'objectif : {exact}",
            "Expected by now with steady progress towards the target: {exact}",
        ),
        "trend": ("Évolution : {points}", "Trend: {points}"),
        "trend_point": ("{value} en {month}", "{value} in {month}"),
        "hidden": ("valeur masquée (moins de {n})", "value hidden (fewer than {n})"),
    }
)


def _target_line(figure: HeadlineFigure, lang: str) -> str:
    if figure.target is None:
        return HEADLINE_TEXT("no_target", lang)
    target = amount_text(figure, figure.target, lang)
    if figure.target_prorated and figure.full_target is not None:
        full = amount_text(figure, figure.full_target, lang)
        return HEADLINE_TEXT("target_prorated", lang, target=target, full=full)
    return HEADLINE_TEXT("target", lang, target=target)


def _shows_expected(figure: HeadlineFigure) -> bool:
    return figure.expected is not None and figure.progress is not None and figure.progress < 1


def exact_expected(figure: HeadlineFigure, lang: str) -> str | None:
    """The exact expected value, in the card's definition (« … : 3,7 »): the card itself says it
    as people count it (« attendu à cette date : 4 »)."""
    if not _shows_expected(figure):
        return None
    if figure.is_share:
        exact = format_share(figure.expected, lang, 1)
    else:
        # At most two decimals, none trailing: « 3,7 », « 3,67 », « 4 ».
        value = round(figure.expected, 2)
        decimals = next(d for d in (0, 1, 2) if round(value, d) == value)
        exact = format_number(value, lang, decimals)
    return HEADLINE_TEXT("expected_exact", lang, exact=exact)


def definition_text(figure: HeadlineFigure, lang: str) -> str:
    """What is counted, then the exact expected value when the card shows one, rounded."""
    exact, definition = exact_expected(figure, lang), figure.definition(lang).strip()
    if not exact:
        return definition
    if definition and not definition.endswith((".", "!", "?", "»")):
        definition += "."
    return f"{definition} {exact}.".strip()


def _progress(figure: HeadlineFigure, lang: str) -> html.Div | None:
    if figure.progress is None:
        return None
    percent = 100 * figure.progress
    words = HEADLINE_TEXT("progress", lang, share=format_share(percent, lang))
    exact = exact_expected(figure, lang)
    if exact:
        # Rounded as people count (« attendu : 4 »); the exact value is in the definition.
        words += " · " + HEADLINE_TEXT(
            "expected", lang, expected=amount_text(figure, figure.expected, lang)
        )
    return html.Div(
        [
            html.Div(
                html.Div(className="progress-bar", style={"width": f"{min(percent, 100):.0f}%"}),
                className="progress headline-progress",
                role="progressbar",
                **{
                    "aria-valuenow": f"{min(percent, 100):.0f}",
                    "aria-valuemin": "0",
                    "aria-valuemax": "100",
                    "aria-label": words,
                },
            ),
            html.P(words, className="headline-progress-text", title=exact),
        ]
    )


def trend_text(figure: HeadlineFigure, lang: str, *, threshold: int) -> str | None:
    """The sparkline in words: its first and last points."""
    points = [p for p in figure.sparkline if p.value is not None or p.suppressed]
    if not points:
        return None
    chosen = [points[0]] if len(points) == 1 else [points[0], points[-1]]
    parts = [
        HEADLINE_TEXT(
            "trend_point",
            lang,
            value=value_text(
                p.value, lang, suppressed=p.suppressed, share=figure.is_share, threshold=threshold
            ),
            month=format_month(p.month, lang),
        )
        for p in chosen
    ]
    return HEADLINE_TEXT("trend", lang, points=" → ".join(parts))


def _sparkline(figure: HeadlineFigure, colour: str, lang: str, threshold: int) -> html.Div | None:
    points = [(p.month, p.value) for p in figure.sparkline]
    if not any(v is not None for _m, v in points):
        return None
    return html.Div(
        [
            html.Div(
                dcc.Graph(
                    figure=sparkline(points, colour=colour, lang=lang),
                    config=graph_config(lang, "static"),
                    className="sparkline",
                    # Its box from the start: without it, the graph's own default (height:
                    # 100%) empties the box between its code's arrival and its drawing.
                    style={"height": "48px"},
                ),
                **{"aria-hidden": "true"},
            ),
            html.P(trend_text(figure, lang, threshold=threshold), className="visually-hidden"),
        ],
        className="headline-trend",
    )


def headline_card(
    figure: HeadlineFigure, colour: str, lang: str, element_id: str, *, threshold: int
) -> dbc.Card:
    if not figure.defined:
        value = html.P(
            HEADLINE_TEXT("not_defined_value", lang), className="headline-value headline-undefined"
        )
    else:
        unit = "" if figure.is_share or figure.value is None else figure.unit(lang)
        value = html.P(
            [
                html.Span(
                    figure_text(figure, lang, threshold=threshold), className="headline-number"
                ),
                html.Span(f" {unit}", className="headline-unit") if unit else None,
            ],
            className="headline-value",
        )
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H3(figure.label(lang), className="headline-label"),
                        info_button(
                            f"{element_id}-definition", definition_text(figure, lang), lang
                        ),
                    ],
                    className="headline-head",
                ),
                value,
                html.P(HEADLINE_TEXT("hidden", lang, n=threshold), className="headline-note")
                if figure.suppressed
                else None,
                status_badge(figure.status, lang),
                html.P(_target_line(figure, lang), className="headline-target")
                if figure.defined
                else None,
                _progress(figure, lang) if figure.defined else None,
                _sparkline(figure, colour, lang, threshold) if figure.defined else None,
            ]
        ),
        className="headline-card h-100",
        style={"--partner-colour": colour},
    )


def headline_row(
    figures: Sequence[HeadlineFigure], colour: str, lang: str, prefix: str, *, threshold: int
) -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(
                headline_card(f, colour, lang, f"{prefix}-{f.indicator_code}", threshold=threshold),
                xs=12,
                sm=6,
                xl=12 // min(max(len(figures), 1), 4) if len(figures) <= 4 else 4,
                className="mb-3",
            )
            for f in figures
        ],
        className="headline-row",
    )


# Public name for other views of the same card (the embedded page, the digest's message).
target_line = _target_line
