"""A chart's own data, offered as CSV, XLSX and an image: the buttons under a partner page's chart.

Each chart of a partner page is described by a `ChartData` (its title, its column headers and its
rows as plain values: numbers as numbers, a hidden count as `< 5`, as the page writes it). The
table under the chart and the downloads both come from it, so a downloaded value is the value the
page shows to the same viewer, disclosure rules included (`data.privacy.for_viewer` has already
protected the rows the page is built from). The files are written by `data.explorer_export`,
the explorer's writer, through `data.spreadsheet_safety`.

The CSV and XLSX buttons are answered on the server (`callbacks.partner_export`), which rebuilds
the page for the viewer who asks; the image button is drawn in the browser by
`assets/chart-image.js` (plotly.js's own PNG export of the chart as shown).
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from data.explorer_export import Cell
from layouts import ids
from layouts.i18n import Messages
from layouts.sentences import value_text

CHART_EXPORT_TEXT = Messages(
    {
        "download": ("Télécharger :", "Download:"),
        "group": ("Télécharger « {title} »", "Download “{title}”"),
        "csv_label": (
            "Données de ce graphique en CSV (tableur, séparateur point-virgule)",
            "This chart's data as CSV",
        ),
        "xlsx_label": (
            "Données de ce graphique en classeur Excel (XLSX)",
            "This chart's data as XLSX",
        ),
        "png": ("Image PNG", "PNG image"),
        "png_label": ("Ce graphique en image PNG", "This chart as a PNG image"),
    }
)


@dataclass(frozen=True)
class ChartData:
    """What a chart shows, as a table: `key` is its card's id prefix (unique on the page)."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    share: bool = False  # values are percentages


def shown(cell: Cell, lang: str, share: bool = False) -> str:
    """A cell as the page writes it: `1 234`, `43 %`, `< 5` (already text), `—` when missing."""
    if cell is None:
        return "—"
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return value_text(float(cell), lang, share=share)
    return str(cell)


def cell_value(value: float | None, suppressed: bool, hidden: str) -> Cell:
    """A value for the table and the files: the number, `hidden` (`< 5`) when protected."""
    if suppressed:
        return hidden
    return value


def export_tools(key: str, title: str, filename: str, lang: str) -> html.Div:
    """CSV, XLSX and PNG buttons for the chart `key`, named after its title for screen readers."""
    return html.Div(
        [
            html.Span(
                CHART_EXPORT_TEXT("download", lang),
                className="chart-exports-label",
                **{"aria-hidden": "true"},
            ),
            html.Button(
                "CSV",
                id=ids.indexed(ids.PARTNER_CHART_CSV, key),
                type="button",
                className="btn btn-link btn-sm chart-export",
                title=CHART_EXPORT_TEXT("csv_label", lang),
                **{"aria-label": f"CSV — {CHART_EXPORT_TEXT('csv_label', lang)}"},
            ),
            html.Button(
                "XLSX",
                id=ids.indexed(ids.PARTNER_CHART_XLSX, key),
                type="button",
                className="btn btn-link btn-sm chart-export",
                title=CHART_EXPORT_TEXT("xlsx_label", lang),
                **{"aria-label": f"XLSX — {CHART_EXPORT_TEXT('xlsx_label', lang)}"},
            ),
            html.Button(
                CHART_EXPORT_TEXT("png", lang),
                type="button",
                className="btn btn-link btn-sm chart-export",
                title=CHART_EXPORT_TEXT("png_label", lang),
                **{
                    "data-chart-image": filename,
                    "aria-label": f"{CHART_EXPORT_TEXT('png', lang)} — {CHART_EXPORT_TEXT('png_label', lang)}",
                },
            ),
        ],
        className="chart-exports no-print",
        role="group",
        **{"aria-label": CHART_EXPORT_TEXT("group", lang, title=title)},
    )


def export_components(context: dict) -> list:
    """The page's one download target, and what its charts are (partner, period) for the
    server, which checks it again: it is only a hint of what the page shows."""
    return [
        dcc.Store(id=ids.PARTNER_EXPORT_CONTEXT, data=context),
        dcc.Download(id=ids.PARTNER_DOWNLOAD),
    ]


def table_rows(data: ChartData, lang: str) -> list[list[str]]:
    """The chart's rows as the page's table writes them."""
    return [[shown(cell, lang, data.share) for cell in row] for row in data.rows]
