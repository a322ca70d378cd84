"""What checking a file found: each problem located as the user will find it in Excel, and the
report that keeps the first of them and counts the rest.

Kept apart from the checks themselves (`data.importing.validation` and the cell and row checks)
because the preview, the loader and the import service read reports without checking anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the file, where the user will find it."""

    line: int  # as Excel numbers it (header = 1); 0 for the file as a whole
    position: int  # column position, to sort problems as they appear on screen
    column: str  # the file's own header text ("" when the problem is about a whole line)
    message: str

    @property
    def where(self) -> str:
        """The column as the user finds it in Excel: its letter, then the file's own header."""
        if not self.column:
            return ""
        if self.position < 0:
            return f"« {self.column} »"
        return f"{get_column_letter(self.position + 1)} « {self.column} »"

    def __str__(self) -> str:
        if self.line and self.column:
            return f"Ligne {self.line}, colonne {self.where} : {self.message}"
        if self.line:
            return f"Ligne {self.line} : {self.message}"
        return self.message


# A report keeps this many problems (the first ones in the file); the others are only counted.
REPORT_PROBLEMS = 500


@dataclass
class Report:
    """What validation found: the typed rows (when there is no problem) and the problems.

    `problems` holds the first `REPORT_PROBLEMS` problems in file order, `problem_count` counts
    them all, `lines_rejected` the distinct lines that have one. `rows` is a list, or a
    `RowSpool` on disk for files read in chunks.
    """

    kind: str
    n_rows: int
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problem_count: int = 0
    keep: int = REPORT_PROBLEMS
    _lines: bytearray = field(default_factory=bytearray, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.problem_count and self.n_rows > 0

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        self.problems.append(problem)
        if len(self.problems) > 2 * self.keep:  # amortised: memory stays within 2 × keep
            self.problems = sorted(set(self.problems))[: self.keep]
        if problem.line:
            # One byte a line (1 Mo for a million lines): the exact count of lines refused.
            if problem.line >= len(self._lines):
                self._lines.extend(bytes(problem.line + 1 - len(self._lines)))
            self._lines[problem.line] = 1

    @property
    def lines_rejected(self) -> int:
        lines = {p.line for p in self.problems if p.line}
        return max(self._lines.count(1), len(lines))

    def kept(self) -> list[Problem]:
        """The problems shown, in file order: the first `keep` of the file."""
        self.problems = sorted(set(self.problems))[: self.keep]
        return self.problems

    @property
    def problems_left_out(self) -> int:
        return max(0, max(self.problem_count, len(self.problems)) - len(self.kept()))

    def messages(self) -> list[str]:
        shown = [str(p) for p in self.kept()]
        if self.problems_left_out:
            shown.append(more_problems(self.problems_left_out, self.problem_count))
        return shown


def more_problems(left_out: int, total: int) -> str:
    s = "s" if left_out > 1 else ""
    return f"… et {left_out} autre{s} problème{s} ({total} au total)."


def fr_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")
