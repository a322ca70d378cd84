"""A chart as elected officials read it: a title that states the finding, what is counted (on
hover and on keyboard focus), the chart, and the same numbers as a table reachable by keyboard."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts.components import html_element
from layouts.figures import graph_config
from layouts.i18n import Messages

CHART_CARD_TEXT = Messages(
    {
        "definition": ("Ce qui est compté", "What is counted"),
        "show_table": ("Voir les données en tableau", "Show the data as a table"),
        "data_of": ("Données : {title}", "Data: {title}"),
        "show_events": (
            "Voir la liste des événements ({count})",
            "Show the list of events ({count})",
        ),
    }
)


def info_button(element_id: str, definition: str, lang: str) -> html.Span:
    """An (i) button: the definition shows on hover and on keyboard focus (dbc.Tooltip), and is
    read by screen readers through aria-describedby."""
    description_id = f"{element_id}-texte"
    return html.Span(
        [
            html.Button(
                html.I(className="bi bi-info-circle", **{"aria-hidden": "true"}),
                id=element_id,
                type="button",
                className="info-button",
                **{
                    "aria-label": CHART_CARD_TEXT("definition", lang),
                    "aria-describedby": description_id,
                },
            ),
            html.Span(definition, id=description_id, className="visually-hidden"),
            dbc.Tooltip(definition, target=element_id, trigger="hover focus", placement="top"),
        ],
        className="info",
    )


def scroll_region(table: html.Table, label: str) -> html.Div:
    """A table that may scroll sideways on a phone: the scrolling box takes the keyboard focus
    (arrow keys scroll it) and is named after the table (WCAG 2.1.1, axe scrollable-region)."""
    return html.Div(
        table, className="table-responsive", tabIndex="0", role="region", **{"aria-label": label}
    )


def data_table(
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    lang: str,
    numeric_from: int = 1,
    summary: str | None = None,
) -> html.Details:
    """The numbers behind a chart, folded under a native <details> (keyboard and screen-reader
    friendly, works without JavaScript). Columns from `numeric_from` on are right-aligned."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(h, scope="col", className="num" if i >= numeric_from else None)
                for i, h in enumerate(headers)
            ]
        )
    )
    body = html.Tbody(
        [
            html_element(
                "Tr",
                [
                    html_element("Th", cell, scope="row")
                    if i == 0
                    else html_element("Td", cell, "num" if i >= numeric_from else None)
                    for i, cell in enumerate(row)
                ],
            )
            for row in rows
        ]
    )
    return html.Details(
        [
            html.Summary(
                [
                    summary or CHART_CARD_TEXT("show_table", lang),
                    html.Span(f" — {caption}", className="visually-hidden"),
                ]
            ),
            scroll_region(
                html.Table(
                    [html.Caption(CHART_CARD_TEXT("data_of", lang, title=caption)), head, body],
                    className="table table-sm data-table",
                ),
                caption,
            ),
        ],
        className="chart-data",
    )


def chart_card(
    element_id: str,
    finding: str,
    definition: str,
    figure: dict,
    table: html.Details,
    lang: str,
    heading: str = "H3",
    tools: html.Div | None = None,
    notes: html.Section | None = None,
) -> html.Div:
    """One chart card; `finding` is its title, `element_id` a unique prefix for its ids;
    `notes`, right under the chart, list the interpretations marked on it
    (layouts.interpretations); `tools`, under the table, offer the chart's data and image
    (layouts.chart_exports)."""
    heading_id = f"{element_id}-titre"
    title_tag = getattr(html, heading)
    return html.Div(
        [
            html.Div(
                [
                    title_tag(finding, id=heading_id, className="chart-title"),
                    info_button(f"{element_id}-definition", definition, lang),
                ],
                className="chart-head",
            ),
            # The plot itself is an image for assistive technology; its numbers are in the table.
            html.Div(
                dcc.Graph(
                    figure=figure,
                    config=graph_config(lang, "read"),
                    className="chart-graph",
                    responsive=True,
                    # A responsive graph takes its container's height: give it the figure's own
                    # (also as a variable: on paper, assets/print.css sizes charts from it).
                    style={
                        "height": f"{figure['layout'].get('height', 320)}px",
                        "--figure-height": f"{figure['layout'].get('height', 320)}px",
                    },
                ),
                role="img",
                **{"aria-labelledby": heading_id},
            ),
            notes,
            table,
            tools,
        ],
        className="chart-card",
    )
