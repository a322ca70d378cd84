"""The explorer's table of figures: its columns, its cells as plain values (which the exports
write too) and the table itself, whose column headers are sort buttons.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from data.explorer import TableRow
from layouts import ids
from layouts.explorer_charts import period_label
from layouts.explorer_state import BREAKDOWNS, ExplorerState
from layouts.explorer_text import EXPLORER_TEXT, dimension_label
from layouts.figures import PENDING_TEXT
from layouts.i18n import format_number
from layouts.sentences import hidden_text
from layouts.table_body import table_body

MAX_TABLE_ROWS = 500


def with_pending(rows: Sequence[TableRow]) -> bool:
    """Whether the table counts a value waiting for approval: then it says so for each line
    (never for the public, whose rows never count one)."""
    return any(row.pending for row in rows)


def table_columns(state: ExplorerState, lang: str, pending: bool = False) -> list[tuple[str, str]]:
    """(sort key, header) of the table's columns for this view (`pending`: with the columns
    that mark values waiting for approval, see `with_pending`)."""
    columns = [
        ("partenaire", EXPLORER_TEXT("col_partner", lang)),
        ("indicateur", EXPLORER_TEXT("col_indicator", lang)),
    ]
    if state.detail == "periode":
        columns.append(("periode", EXPLORER_TEXT("col_period", lang)))
    elif state.detail in BREAKDOWNS:
        columns.append(("detail", dimension_label(state.detail, lang)))
    columns += [
        ("valeur", EXPLORER_TEXT("col_value", lang)),
        ("", EXPLORER_TEXT("col_unit", lang)),
        ("habitants", EXPLORER_TEXT("col_per_10k", lang)),
    ]
    if pending:
        columns += [
            ("", PENDING_TEXT("status", lang)),
            ("", PENDING_TEXT("published_value", lang)),
        ]
    return columns


def table_cells(
    rows: Sequence[TableRow], state: ExplorerState, lang: str, *, threshold: int
) -> list[list]:
    """The table's cells as plain values (text or numbers): the screen and the exports both
    come from these, so an exported value is the value on screen."""
    result = []
    pending = with_pending(rows)
    for row in rows:
        cells: list = [row.partner, row.indicator]
        if state.detail == "periode":
            cells.append(period_label(row.period, state.grain, lang) if row.period else "")
        elif state.detail in BREAKDOWNS:
            cells.append(row.detail or "")
        cells += [
            row.value if row.value is not None else hidden_text(threshold),
            row.unit,
            row.per_10k,
        ]
        if pending:
            cells += [
                PENDING_TEXT("mark" if row.pending else "published", lang),
                _published_cell(row, threshold) if row.pending else cells[-3],
            ]
        result.append(cells)
    return result


def _published_cell(row: TableRow, threshold: int):
    """What a pending value would replace: nothing yet (None, « — »), a number, or a small count
    hidden as everywhere else."""
    return hidden_text(threshold) if row.published_hidden else row.published_value


def format_cell(value, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, float | int):
        decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
        return format_number(value, lang, decimals=min(decimals, 2))
    return str(value)


def data_table(
    rows: Sequence[TableRow], state: ExplorerState, lang: str, *, threshold: int
) -> list:
    columns = table_columns(state, lang, with_pending(rows))
    cells = table_cells(rows, state, lang, threshold=threshold)
    numeric = {
        EXPLORER_TEXT("col_value", lang),
        EXPLORER_TEXT("col_per_10k", lang),
        PENDING_TEXT("published_value", lang),
    }
    headers = []
    for key, header in columns:
        if not key:
            headers.append(html.Th(header, scope="col"))
            continue
        active = state.sort == key
        direction = "descending" if state.descending else "ascending"
        arrow = ("▼" if state.descending else "▲") if active else "↕"
        headers.append(
            html.Th(
                html.Button(
                    [header, html.Span(f" {arrow}", **{"aria-hidden": "true"})],
                    id=ids.indexed(ids.EXPLORER_SORT_BUTTON, key),
                    type="button",
                    className="explorer-sort",
                    title=EXPLORER_TEXT("sort_by", lang, column=header),
                ),
                scope="col",
                className="text-end" if header in numeric else None,
                **({"aria-sort": direction} if active else {}),
            )
        )
    shown = cells[:MAX_TABLE_ROWS]
    aligned = ["text-end" if header in numeric else None for _key, header in columns]
    # The rows are built by the browser from one attribute (layouts.table_body): up to 500 rows
    # of cells as components made this the heaviest part of the page for Dash to draw.
    body = table_body([[format_cell(cell, lang) for cell in row] for row in shown], aligned)
    note = (
        EXPLORER_TEXT("truncated", lang, shown=MAX_TABLE_ROWS, total=len(cells))
        if len(cells) > MAX_TABLE_ROWS
        else EXPLORER_TEXT("rows", lang, n=format_number(len(cells), lang))
    )
    return [
        html.Div(
            html.Table(
                [
                    html.Caption(EXPLORER_TEXT("table_caption", lang)),
                    html.Thead(html.Tr(headers)),
                    body,
                ],
                className="table table-sm table-hover explorer-table",
            ),
            className="table-responsive explorer-table-wrap",
            tabIndex="0",
            role="region",
            # Not the section's own name: two landmarks must not share a label (axe).
            **{"aria-label": EXPLORER_TEXT("table_region", lang)},
        ),
        html.P(note, className="explorer-table-note"),
    ]
