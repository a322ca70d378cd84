"""Checking a file with pandera, a chunk of rows at a time, and saying what is wrong in plain French.

Two passes over each chunk, both declared as pandera schemas validated lazily (every failure
collected):
1. each cell on its own — known code, a number, a date within the programme, a required value;
2. each row as a whole, wherever the cells a check reads are readable — coherent period, partner,
   breakdowns allowed by the indicator, rights of the person loading.
Duplicates of a natural key across the whole file are found from a 128-bit hash of each row's key
(24 bytes a row, not its cells). Every failure becomes a Problem located by the line number Excel
shows and the file's own header; a report keeps the first `REPORT_PROBLEMS` of them (in file
order) and counts the rest (`data.importing.problems`). This module runs the passes over each
chunk (`data.importing.file_columns`, `data.importing.cell_checks`, `data.importing.row_checks`),
settles the duplicates and turns valid rows into what the loader writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np

from data.importing.catalog import Catalog
from data.importing.cell_checks import cell_pass
from data.importing.file_columns import chunk_frame, map_headers
from data.importing.kinds import ATTENDANCE_PREFIX, EVENTS, OBSERVATIONS, OUTCOMES
from data.importing.kinds import columns as kind_columns
from data.importing.problems import REPORT_PROBLEMS, Problem, Report
from data.importing.reading import RawTable, Row
from data.importing.row_checks import row_pass, typed_rows

NATURAL_KEYS = {
    OBSERVATIONS: (
        ("indicateur", "debut", "fin", "territoire", "profil", "canal", "tranche_age"),
        "même indicateur, même période et même ventilation",
    ),
    EVENTS: (("partenaire", "date", "titre"), "même partenaire, même date et même titre"),
    OUTCOMES: (("partenaire", "type", "titre"), "même partenaire, même type et même titre"),
}


class _Duplicates:
    """Natural keys seen across the whole file, as 128-bit hashes with their line numbers.

    24 bytes a row (a million rows: 24 Mo) instead of the row's cells; a collision between two
    different keys has a probability of about n² / 2¹²⁹, nil in practice.
    """

    def __init__(self) -> None:
        self._hashes: list[np.ndarray] = []
        self._lines: list[np.ndarray] = []

    def add(self, keys: Iterable[tuple[int, tuple]]) -> None:
        lines, digests = [], bytearray()
        for line, key in keys:
            lines.append(line)
            digests += hashlib.blake2b(repr(key).encode(), digest_size=16).digest()
        if lines:
            self._hashes.append(np.frombuffer(bytes(digests), dtype="<u8").reshape(-1, 2))
            self._lines.append(np.asarray(lines, dtype=np.int64))

    def repeated(self) -> Iterable[tuple[int, int]]:
        """(line, first line with the same key) for every row that repeats an earlier one."""
        if not self._lines:
            return []
        hashes, lines = np.concatenate(self._hashes), np.concatenate(self._lines)
        self._hashes, self._lines = [], []
        order = np.lexsort((lines, hashes[:, 1], hashes[:, 0]))
        hashes, lines = hashes[order], lines[order]
        same = np.all(hashes[1:] == hashes[:-1], axis=1)
        if not same.any():
            return []
        starts = np.where(np.concatenate(([True], ~same)), np.arange(len(lines)), 0)
        first = lines[np.maximum.accumulate(starts)]
        repeated = np.flatnonzero(np.concatenate(([False], same)))
        return zip(lines[repeated].tolist(), first[repeated].tolist(), strict=True)


def _output_row(kind: str, row: dict, line: int, catalog: Catalog) -> dict:
    """A valid row as the loader wants it: codes, ids and '' for empty breakdowns."""

    def text(key: str) -> str:
        return row.get(key) or ""

    if kind == OBSERVATIONS:
        info = catalog.indicator_info[row["indicateur"]]
        return {
            "line": line,
            "indicator_code": info.code,
            "partner": info.partner,
            "action_id": info.action_id,
            "period_start": row["debut"],
            "period_end": row["fin"] or row["debut"],
            "territory_code": text("territoire"),
            "profile": text("profil"),
            "channel": text("canal"),
            "age_band": text("tranche_age"),
            "value": float(row["valeur"]),
        }
    action_id = catalog.action_info[row["action"]][0] if row.get("action") else None
    if kind == EVENTS:
        attendance = {
            key[len(ATTENDANCE_PREFIX) :]: int(value)
            for key, value in row.items()
            if key.startswith(ATTENDANCE_PREFIX) and value is not None
        }
        return {
            "line": line,
            "partner": row["partenaire"],
            "action_id": action_id,
            "kind": row["type"],
            "title": row["titre"],
            "event_date": row["date"],
            "place": text("lieu"),
            "territory_code": text("territoire"),
            "channel": text("canal"),
            "outcomes": text("resultats"),
            "attendance": attendance,
        }
    return {
        "line": line,
        "partner": row["partenaire"],
        "action_id": action_id,
        "kind": row["type"],
        "title": row["titre"],
        "description": text("description"),
        "status": text("statut"),
        "practice_type": text("type_pratique"),
        "outcome_date": row.get("date"),
    }


class ChunkValidator:
    """Validation of a file a chunk of rows at a time; rules across the whole file (duplicates
    of a natural key) are settled by `finish`.

    Valid typed rows go to `report.rows` as long as the file has no problem; at the first
    problem they are dropped, and only problems are collected from then on.
    """

    def __init__(
        self,
        headers: list[str],
        kind: str,
        catalog: Catalog,
        n_rows: int,
        *,
        editor_partner: str | None = None,
        rows: list | None = None,
        keep: int = REPORT_PROBLEMS,
    ) -> None:
        self.kind, self.catalog, self.editor_partner = kind, catalog, editor_partner
        self.report = Report(kind=kind, n_rows=n_rows, keep=keep)
        if rows is not None:
            self.report.rows = rows
        self.width = len(headers)
        self.layout = map_headers(headers, kind_columns(kind, catalog), self.report)
        self.duplicates = _Duplicates()
        if self.layout is not None and not n_rows:
            self.report.add(
                Problem(0, -1, "", "Le fichier ne contient aucune ligne de données sous l'en-tête.")
            )

    @property
    def useful(self) -> bool:
        """Whether reading the rows can tell anything more (the header line is usable)."""
        return self.layout is not None

    def check(self, rows: list[Row]) -> None:
        if self.layout is None or not rows:
            return
        report, layout, catalog = self.report, self.layout, self.catalog
        frame = chunk_frame(rows, self.width, layout, report)
        bad_cells = cell_pass(frame, layout, catalog, report)
        typed = typed_rows(frame, layout, catalog)
        records = row_pass(
            typed, self.kind, layout, catalog, self.editor_partner, report, bad_cells
        )
        key_columns, _ = NATURAL_KEYS[self.kind]
        wanted = set(key_columns)
        # An unreadable key is nobody's duplicate.
        self.duplicates.add(
            (line, tuple("" if record[c] is None else record[c] for c in key_columns))
            for line, record in records.items()
            if not (bad_cells.get(line, set()) & wanted)
        )
        if report.problem_count:
            if report.rows:
                report.rows.clear()
            return
        report.rows.extend(
            _output_row(self.kind, record, line, catalog) for line, record in records.items()
        )

    def finish(self) -> Report:
        _, key_words = NATURAL_KEYS[self.kind]
        for line, first in self.duplicates.repeated():
            self.report.add(
                Problem(
                    line,
                    -1,
                    "",
                    f"cette ligne répète la ligne {first} ({key_words}) : chaque donnée ne "
                    "doit figurer qu'une fois dans le fichier.",
                )
            )
        if self.report.problem_count and self.report.rows:
            self.report.rows.clear()
        self.report.kept()
        return self.report


def validate(
    table: RawTable, kind: str, catalog: Catalog, editor_partner: str | None = None
) -> Report:
    """Every problem of a table held in memory; `rows` is filled only when there is none.

    `editor_partner`: the only partner the person loading may write for (None: any partner).
    """
    validator = ChunkValidator(
        table.headers, kind, catalog, len(table.rows), editor_partner=editor_partner
    )
    validator.check(table.rows)
    return validator.finish()


SUPPORTED_KINDS = (OBSERVATIONS, EVENTS, OUTCOMES)
