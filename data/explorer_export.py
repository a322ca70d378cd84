"""Exports of the explorer's table: CSV as French Excel reads it, and XLSX.

Both take the same cells as the table on screen (text or numbers, already rounded), so that an
exported value is exactly the value shown; text goes through `data.spreadsheet_safety`, so that a
spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from data.spreadsheet_safety import append_xlsx_row, csv_text

Cell = str | int | float | None


def csv_number(value: float | int) -> str:
    """`1234,5`: decimal comma, no thousands separator (French Excel reads it as a number)."""
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return repr(number).replace(".", ",")


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """Semicolon-separated, decimal comma, UTF-8 with BOM, CRLF: opens as is in French Excel."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_text(str(header)) for header in headers])
    for row in rows:
        writer.writerow(
            [
                ""
                if cell is None
                else csv_number(cell)
                if isinstance(cell, int | float) and not isinstance(cell, bool)
                else csv_text(str(cell))
                for cell in row
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    sheet_title: str,
    about: Sequence[tuple[str, str]] = (),
    about_title: str = "À propos",
    extra_sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Cell]]]] = (),
) -> bytes:
    """A workbook whose first sheet is the table (numbers as numbers), then `extra_sheets`
    (title, headers, rows: the interpretations in the view), and a last sheet that says what
    it holds (filters, source, date of export)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    append_xlsx_row(sheet, [str(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_xlsx_row(
            sheet,
            [
                cell
                if cell is None or (isinstance(cell, int | float) and not isinstance(cell, bool))
                else str(cell)
                for cell in row
            ],
        )
    for index, header in enumerate(headers, start=1):
        width = max([len(str(header))] + [len(str(r[index - 1] or "")) for r in rows[:200]])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = "A2"
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, float) and not cell.value.is_integer():
                cell.number_format = "#,##0.0#"
            elif isinstance(cell.value, int | float):
                cell.number_format = "#,##0"
    for title, extra_headers, extra_rows in extra_sheets:
        extra = workbook.create_sheet(title[:31])
        append_xlsx_row(extra, [str(header) for header in extra_headers])
        for cell in extra[1]:
            cell.font = Font(bold=True)
        for row in extra_rows:
            append_xlsx_row(extra, [None if cell is None else str(cell) for cell in row])
        extra.freeze_panes = "A2"
    if about:
        info = workbook.create_sheet(about_title[:31])
        for key, value in about:
            append_xlsx_row(info, [key, value])
        info.column_dimensions["A"].width = 28
        info.column_dimensions["B"].width = 100
        for cell in info["A"]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
