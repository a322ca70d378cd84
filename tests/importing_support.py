"""Helpers for the import tests: files written as French Excel writes them, and store snapshots."""

from __future__ import annotations

import datetime as dt
import io

from sqlalchemy import Engine, select

from data.access import Viewer
from data.exporting import exported_tables

MANAGER = Viewer(role="charge_de_mission", email="cm@example.org")
ADMIN = Viewer(role="administrateur", email="admin@example.org")
PARIS_EDITOR = Viewer(role="editeur", partner_slug="paris", email="editeur@paris.example")
PUBLIC = Viewer()


def csv_bytes(
    rows: list[list[str]],
    separator: str = ";",
    encoding: str = "cp1252",
    newline: str = "\r\n",
    trailing_blank_lines: int = 0,
) -> bytes:
    """Lines as Excel writes them (no quoting needed for these cells)."""
    text = newline.join(separator.join(cells) for cells in rows) + newline
    text += (separator * (len(rows[0]) - 1) + newline) * trailing_blank_lines
    return text.encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def snapshot(engine: Engine, leaving_out: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every exported table's rows (but those named in `leaving_out`, say tables a migration
    has yet to create), ordered by key, datetimes in UTC: two equal snapshots mean the same
    content."""

    def normal(value):
        if isinstance(value, dt.datetime):
            return (
                value.replace(tzinfo=None)
                if value.tzinfo is None
                else value.astimezone(dt.UTC).replace(tzinfo=None)
            )
        return value

    with engine.connect() as connection:
        return {
            table.name: [
                tuple(normal(v) for v in row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in exported_tables()
            if table.name not in leaving_out
        }


OBSERVATION_HEADER = ["Indicateur", "Partenaire", "Début", "Fin", "Territoire", "Valeur"]
