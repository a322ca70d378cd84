"""A chart as elected officials read it: a title that states the finding, what is counted (on
hover and on keyboard focus), the chart, and the same numbers as a table reachable by keyboard."""

from __future__ import annotations

import json
from collections.abc import Sequence

from dash import dcc, html

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
# The attribute holding a folded table (read by assets/data-tables.js).
TABLE_ATTRIBUTE = "data-table"


def info_button(element_id: str, definition: str, lang: str) -> html.Span:
    """An (i) button: screen readers read the definition through aria-describedby, and
    assets/tooltips.js shows the same text in a bubble on hover and on keyboard focus (no
    tooltip component: a dozen of them per page were a noticeable part of its rendering)."""
    description_id = f"{element_id}-texte"
    return html.Span(
        [
            # The icon is the button's own ::before (Bootstrap Icons' classes on the button), not
            # a component inside it; its name is the aria-label.
            html.Button(
                id=element_id,
                type="button",
                className="info-button bi bi-info-circle",
                **{
                    "aria-label": CHART_CARD_TEXT("definition", lang),
                    "aria-describedby": description_id,
                },
            ),
            html.Span(definition, id=description_id, className="visually-hidden"),
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
    friendly). Columns from `numeric_from` on are right-aligned.

    Only the summary is a component: the table itself travels as one compact data attribute
    and is built in the browser when the details opens, or when the page goes to paper
    (assets/data-tables.js). A page holds some twenty of these tables, about half of its
    components: rendering them all at once, folded and unseen, blocked the page for hundreds
    of milliseconds. The rows are the ones given here, already through the disclosure rules:
    nothing is asked of the server when a table opens."""
    table = {
        "caption": CHART_CARD_TEXT("data_of", lang, title=caption),
        "label": caption,
        "headers": [str(h) for h in headers],
        "rows": [["" if cell is None else str(cell) for cell in row] for row in rows],
        "numericFrom": numeric_from,
    }
    return html.Details(
        [
            html.Summary(
                [
                    summary or CHART_CARD_TEXT("show_table", lang),
                    html.Span(f" — {caption}", className="visually-hidden"),
                ]
            ),
            html.Div(
                className="data-table-holder",
                **{TABLE_ATTRIBUTE: json.dumps(table, ensure_ascii=False, separators=(",", ":"))},
            ),
        ],
        className="chart-data",
    )


def table_of(details: html.Details) -> dict:
    """The table a folded `data_table` builds when opened: caption, label of its scrolling
    box, headers, rows and the first right-aligned column."""
    holder = details.children[1]
    return json.loads(getattr(holder, TABLE_ATTRIBUTE))


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
