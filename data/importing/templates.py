"""Templates of each kind of file: the header line, one example row, and the allowed codes.

The example row is real-looking data (a Paris figure, an Essonne workshop), so it must never be
loaded by accident when a user fills in the template below it:

- in the XLSX workbook, the sheet to fill (« Données », the first sheet, the one that is read)
  holds only the header; the example lives on its own sheet, under a title line, so even a
  workbook whose sheets were reordered does not load it (the title line is not a header);
- a CSV has a single table, so its example row starts with a marker that no code can match
  (`EXAMPLE_MARKER`): the validator refuses it as an unknown code, with its line, its column and
  the marker's own words (« EXEMPLE à supprimer »), and nothing is loaded until the line is
  deleted or overwritten. This needs no change to the reader: a comment syntax would make the
  reader drop lines silently, and a user who copies the example line to fill it in would lose
  their data without a word.

The CSV is written as French Excel opens it: semicolons, UTF-8 with a BOM (without the BOM,
Excel reads UTF-8 as Windows-1252 and shows « dÃ©but »; Windows-1252 itself could not hold every
character of the labels).
"""

from __future__ import annotations

import csv
import io

from data.importing.catalog import (
    DIMENSION_NAMES,
    EVENT_KINDS,
    OUTCOME_KINDS,
    OUTCOME_STATUSES,
    PRACTICE_TYPES,
    STATUSES_BY_KIND,
    Catalog,
)
from data.importing.kinds import ATTENDANCE_PREFIX, EVENTS, OBSERVATIONS, OUTCOMES, columns
from data.spreadsheet_safety import append_xlsx_row, csv_text

EXAMPLES = {
    OBSERVATIONS: {
        "indicateur": "paris_pratiques_detectees",
        "partenaire": "paris",
        "debut": "01/03/2012",
        "fin": "31/03/2012",
        "territoire": "75111",
        "valeur": "3",
    },
    EVENTS: {
        "partenaire": "essonne",
        "action": "essonne-ateliers-pilote",
        "type": "atelier",
        "titre": "Atelier 3 : restitution au groupe pilote",
        "date": "15/11/2012",
        "lieu": "Hôtel du Département, Évry",
        "territoire": "91228",
        "canal": "presentiel",
        "resultats": "Bilan de la phase pilote présenté au groupe.",
        ATTENDANCE_PREFIX + "citoyen": "12",
        ATTENDANCE_PREFIX + "association": "5",
        ATTENDANCE_PREFIX + "elu": "3",
        ATTENDANCE_PREFIX + "agent": "6",
    },
    OUTCOMES: {
        "partenaire": "essonne",
        "action": "essonne-ateliers-pilote",
        "type": "proposition",
        "titre": "Budget participatif cantonal",
        "description": "Proposition issue du second atelier.",
        "statut": "retenue",
        "date": "14/06/2012",
    },
}


# Put before the first cell of the CSV's example row: no indicator or partner code contains it.
EXAMPLE_MARKER = "EXEMPLE à supprimer : "
EXAMPLE_SHEET_TITLE = (
    "Exemple d'une ligne remplie. Cette feuille n'est jamais chargée : "
    "écrivez vos lignes dans la feuille « Données »."
)


def template_header(kind: str, catalog: Catalog) -> list[str]:
    return [s.header for s in columns(kind, catalog)]


def example_row(kind: str, catalog: Catalog) -> list[str]:
    """The example, as it would be filled in (shown apart from the rows that are read)."""
    example = EXAMPLES[kind]
    return [example.get(s.key, "") for s in columns(kind, catalog)]


def template_rows(kind: str, catalog: Catalog) -> list[list[str]]:
    """The CSV's lines: the header, then the example row, marked so that it is never loaded."""
    example = example_row(kind, catalog)
    return [template_header(kind, catalog), [EXAMPLE_MARKER + example[0], *example[1:]]]


def template_csv(kind: str, catalog: Catalog) -> bytes:
    """As French Excel opens it directly: semicolons, UTF-8 with a BOM (text never a formula)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([csv_text(cell) for cell in row] for row in template_rows(kind, catalog))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def allowed_codes(kind: str, catalog: Catalog) -> list[tuple[str, list[tuple[str, str]]]]:
    """(column, [(code, meaning)]) for every column that takes a code, plus how to fill each."""
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (
            "Colonnes",
            [(s.header, _column_help(s.required, s.help)) for s in columns(kind, catalog)],
        )
    ]
    if kind == OBSERVATIONS:
        sections.append(
            (
                "indicateur",
                [
                    (
                        code,
                        f"{info.label} ({catalog.partner_name(info.partner)}"
                        + (
                            f" ; ventilations : {', '.join(info.breakdowns)}"
                            if info.breakdowns
                            else ""
                        )
                        + ")",
                    )
                    for code, info in catalog.indicator_info.items()
                ],
            )
        )
    sections.append(("partenaire", list(catalog.partners.labels.items())))
    if kind in (EVENTS, OUTCOMES):
        sections.append(
            (
                "action",
                [
                    (code, f"{catalog.actions.labels[code]} ({catalog.partner_name(partner)})")
                    for code, (_id, partner) in catalog.action_info.items()
                ],
            )
        )
    if kind == EVENTS:
        sections.append(("type", list(EVENT_KINDS.items())))
    if kind == OUTCOMES:
        sections.append(("type", list(OUTCOME_KINDS.items())))
        sections.append(
            (
                "statut",
                [
                    (
                        code,
                        f"{label} ({', '.join(k for k, s in STATUSES_BY_KIND.items() if code in s)})",
                    )
                    for code, label in OUTCOME_STATUSES.items()
                ],
            )
        )
        sections.append(("type de pratique", list(PRACTICE_TYPES.items())))
    if kind in (OBSERVATIONS, EVENTS):
        dims = ("profil", "canal", "tranche_age") if kind == OBSERVATIONS else ("canal",)
        for name in dims:
            sections.append((DIMENSION_NAMES[name], list(catalog.dimensions[name].labels.items())))
        sections.append(
            (
                "territoire",
                [
                    (
                        code,
                        f"{label} ({catalog.partner_name(catalog.territory_partner[code] or '')})",
                    )
                    for code, label in catalog.territories.labels.items()
                ],
            )
        )
    return sections


def allowed_codes_text(kind: str, catalog: Catalog) -> str:
    lines = []
    for title, entries in allowed_codes(kind, catalog):
        lines.append(f"\n{title} :")
        lines.extend(f"  {code} — {meaning}" for code, meaning in entries)
    return "\n".join(lines).strip() + "\n"


def template_xlsx(kind: str, catalog: Catalog) -> bytes:
    """A workbook: the sheet to fill (the header only: it is the sheet that is read), a sheet
    with the example row, then a sheet of the allowed codes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Données"
    header, example = template_header(kind, catalog), example_row(kind, catalog)
    append_xlsx_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sample = workbook.create_sheet("Exemple")
    for row in ([EXAMPLE_SHEET_TITLE], header, example):
        append_xlsx_row(sample, row)
    sample["A1"].font = Font(italic=True)
    for cell in sample[2]:
        cell.font = Font(bold=True)
    for target in (sheet, sample):
        for letter, head, value in zip(
            (c.column_letter for c in sheet[1]), header, example, strict=True
        ):
            target.column_dimensions[letter].width = max(
                12, min(40, max(len(head), len(value)) + 2)
            )
    codes = workbook.create_sheet("Codes autorisés")
    append_xlsx_row(codes, ["Colonne", "Code", "Signification"])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    for title, entries in allowed_codes(kind, catalog):
        for code, meaning in entries:
            # Codes and meanings come from the store (labels, partner names): never formulas.
            append_xlsx_row(codes, [title, code, meaning])
    codes.column_dimensions["A"].width = 18
    codes.column_dimensions["B"].width = 34
    codes.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column_help(required: bool, text: str) -> str:
    status = "obligatoire" if required else "facultative"
    return f"{status} — {text}" if text and text != "Facultatif." else status
