"""What the explorer shows under each chart in words: its legend, written in the page, and its
numbers, as a folded table (the chart's text alternative).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dash import html

from layouts.explorer_text import EXPLORER_TEXT
from layouts.table_body import table_body


def chart_data_table(headers: Sequence[str], rows: Sequence[Sequence[str]], lang: str) -> list:
    """The text alternative of a chart: its numbers, folded under the chart."""
    if not rows:
        return []
    return [
        html.Details(
            [
                html.Summary(EXPLORER_TEXT("chart_data", lang)),
                html.Div(
                    html.Table(
                        [
                            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                            # Built by the browser from one attribute (layouts.table_body).
                            table_body(rows, [_cell_class(i) for i in range(len(headers))]),
                        ],
                        className="table table-sm explorer-data-table",
                    ),
                    className="table-responsive",
                ),
            ],
            className="explorer-chart-data",
        )
    ]


def _cell_class(index: int) -> str:
    return "text-end" if index > 0 else ""


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str
    line: str  # CSS border style: solid, dashed, dotted, double
    glyph: str  # the marker's shape, as a character


def html_legend(items: Sequence[LegendItem]) -> html.Ul:
    """A legend in the page rather than in the figure: it wraps on a phone, is read by screen
    readers, and tells lines apart by shape and dash as well as colour."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        [
                            html.Span(
                                className="explorer-legend-line",
                                style={"borderTop": f"3px {item.line} {item.colour}"},
                            ),
                            html.Span(
                                item.glyph,
                                style={"color": item.colour},
                                className="explorer-legend-glyph",
                            ),
                        ],
                        **{"aria-hidden": "true"},
                        className="explorer-legend-sample",
                    ),
                    html.Span(item.label),
                ]
            )
            for item in items
        ],
        className="explorer-legend-list",
    )
