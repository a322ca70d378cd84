"""Text that leaves the app in a file a spreadsheet may open (CSV, XLSX) is never read as a formula.

Excel and LibreOffice run a cell that starts with `=`, `+`, `-` or `@` (and, in some versions, a
tab or a carriage return before them) as a formula: `=HYPERLINK(…)` sends data away, and
`-2+3+cmd|…` ran a command through DDE. Anything a partner editor types may reach a programme
manager's spreadsheet, so every writer of CSV or XLSX in the app asks this module, and only
this module, how to write text (OWASP, "CSV Injection").

The rule for CSV: a `'` is put before any character that a spreadsheet would read as the start
of a formula — at the start of the text, and right after every character where a spreadsheet may
start a new cell or row inside a field (`,` `;` tab, CR, LF), because Excel splits a CSV on the
list separator of the user's locale (`;` in French, `,` in English) whatever the file uses, and
may then open a cell in the middle of a quoted field. A text already starting (there) with `'`
or `"` gets one too, so that the mark is unambiguous and can be taken off exactly:
`restored_from_csv(csv_text(t)) == t` for every text, which keeps the whole-store export an exact
copy of the store (datapackage.json records this convention for the importer).

Only text is neutralised: numbers are written as numbers by the callers, so `-2,5` stays a
negative number and never gains a mark.

We write the rule here rather than use `defusedcsv`: that package only looks at the first
character (not tab, CR, nor cells opened by a separator inside a field), changes `|` into `\\|`,
leaves a text that already starts with `'` as is (so its mark cannot be taken off exactly),
offers no way back for an import, and covers CSV only, not XLSX.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# What a spreadsheet reads as the start of a formula (OWASP's list).
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
MARK = "'"
# Where a spreadsheet may start a new cell or a new row inside one CSV field.
CELL_BREAKS = frozenset(",;\t\r\n")
# Marked at a cell start: the triggers, plus the two characters that would make the mark
# ambiguous or that open a quoted cell in a spreadsheet splitting on another separator.
_MARKED = FORMULA_TRIGGERS | {MARK, '"'}
# The same rule as regular expressions (the export writes millions of cells: this runs in C).
_BREAK = "[" + re.escape("".join(sorted(CELL_BREAKS))) + "]"
_TO_MARK = "[" + re.escape("".join(sorted(_MARKED))) + "]"
_MARK_INSIDE = re.compile(_BREAK + _TO_MARK).search
_MARK_PLACES = re.compile(f"(^|{_BREAK})(?={_TO_MARK})")
_MARKS = re.compile(f"(^|{_BREAK}){re.escape(MARK)}")

# Recorded in datapackage.json: an importer takes the marks off (and only then).
CONVENTION = {
    "version": 1,
    "mark": MARK,
    "description": (
        "Dans les colonnes de texte, une apostrophe (') précède tout caractère = + - @ ' \" "
        "tabulation ou retour chariot placé au début du texte ou juste après une virgule, un "
        "point-virgule, une tabulation ou un saut de ligne, pour qu'un tableur ne l'exécute "
        "jamais comme une formule. Pour retrouver le texte exact, retirez l'apostrophe placée "
        "à ces endroits (democratic import DOSSIER le fait)."
    ),
}


def csv_text(text: str) -> str:
    """The text as a CSV field may hold it: every cell a spreadsheet could open in it starts inert."""
    if text[:1] in _MARKED or _MARK_INSIDE(text) is not None:
        # The look-ahead consumes nothing after a break: in "\t\t=" all three places get a mark.
        return _MARK_PLACES.sub(r"\1" + MARK, text)
    return text


def restored_from_csv(text: str) -> str:
    """The exact inverse of `csv_text`: the mark at every cell start is taken off.

    `csv_text` marked every cell start holding a `'`, so a `'` there is always a mark; the
    character after it is kept as it is (the match consumes the mark, so `''` loses one only).
    """
    if MARK not in text:
        return text
    return _MARKS.sub(r"\1", text)


def xlsx_text(text: str) -> str:
    """The text as an XLSX string cell holds it: a formula trigger at the start gets the mark.

    An XLSX cell is one cell (no separator can open another), so only its start matters; the
    mark keeps the cell text when someone edits it and presses Enter.
    """
    return MARK + text if text[:1] in FORMULA_TRIGGERS else text


def append_xlsx_row(sheet, values: Iterable[object]) -> None:
    """Append a row to an openpyxl sheet: numbers stay numbers, text is a string cell, never a
    formula (openpyxl would store a string starting with `=` as one unless told otherwise)."""
    row = [xlsx_text(v) if isinstance(v, str) else v for v in values]
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.startswith(MARK):
                cell.quotePrefix = True  # Excel keeps the cell as text if it is edited
