"""From the bytes of an uploaded file to a table of cells numbered as Excel numbers its lines.

Accepted: CSV (`;`, `,` or tab separated, UTF-8 with or without BOM, Windows-1252, UTF-16 as
Excel's « texte Unicode ») and XLSX (first sheet). Anything else is refused with a message.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from data.importing.parsing import clean_text, is_blank

# A spreadsheet that inflates to more than this is refused (protects against zip bombs).
MAX_XLSX_INFLATED = 200 * 1024 * 1024
_SEPARATORS = (";", "\t", ",")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class FileRefused(Exception):
    """The file cannot be read at all; its message is one French sentence for the user."""


@dataclass
class RawTable:
    """The header cells and the data rows, each row with its line number as Excel shows it."""

    headers: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    format: str = "csv"
    encoding: str | None = None
    separator: str | None = None


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        megabytes = size / (1024 * 1024)
        if megabytes.is_integer():
            return f"{megabytes:.0f} Mo"
        return f"{megabytes:.1f} Mo".replace(".", ",")
    if size >= 1024:
        return f"{size / 1024:.0f} Ko"
    return f"{size} octets"


def read_table(content: bytes, file_name: str = "", max_bytes: int | None = None) -> RawTable:
    """Read a CSV or XLSX file; raise FileRefused with a French message when it cannot be read."""
    if max_bytes is not None and len(content) > max_bytes:
        raise FileRefused(
            f"Le fichier est trop volumineux ({human_size(len(content))}) : la taille maximale "
            f"est de {human_size(max_bytes)}. Découpez-le en plusieurs fichiers."
        )
    if not content.strip():
        raise FileRefused("Le fichier est vide.")
    name = file_name.lower()
    if content.startswith(b"PK\x03\x04"):
        return _read_xlsx(content)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            "Ce fichier est au format Excel 97-2003 (.xls), qui n'est pas pris en charge : "
            "ouvrez-le dans Excel et enregistrez-le au format .xlsx ou CSV."
        )
    if content.startswith(b"%PDF"):
        raise FileRefused(
            "Ce fichier est un PDF : seuls les fichiers CSV et Excel (.xlsx) sont acceptés."
        )
    if name.endswith((".xlsx", ".xlsm")):
        raise FileRefused(
            "Ce fichier porte l'extension .xlsx mais n'est pas un classeur Excel valide."
        )
    return _read_csv(_decode(content))


def _decode(content: bytes) -> tuple[str, str]:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as error:
            raise FileRefused("Le fichier n'est pas un texte lisible (UTF-16 invalide).") from error
    if b"\x00" in content:
        raise FileRefused(
            "Le fichier n'est ni un CSV ni un classeur Excel (.xlsx) : son contenu est binaire."
        )
    try:
        text, encoding = content.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        try:
            text, encoding = content.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError as error:
            raise FileRefused(
                "Le texte du fichier n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le depuis "
                "Excel au format « CSV UTF-8 (délimité par des virgules) »."
            ) from error
    controls = len(_CONTROLS.findall(text))
    if controls > max(3, len(text) // 1000):
        raise FileRefused(
            "Le fichier n'est ni un CSV ni un classeur Excel (.xlsx) : son contenu est binaire."
        )
    return text, encoding


def _separator(first_line: str) -> str:
    """The separator of the header line: the one that splits it into most cells (`;` first)."""
    counts = {sep: len(next(csv.reader([first_line], delimiter=sep))) for sep in _SEPARATORS}
    best = max(counts.values())
    return next(sep for sep in _SEPARATORS if counts[sep] == best)


def _read_csv(decoded: tuple[str, str]) -> RawTable:
    text, encoding = decoded
    first = next((line for line in text[:65_536].splitlines() if line.strip()), "")
    separator = _separator(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    table: RawTable | None = None
    try:
        for number, record in enumerate(reader, start=1):
            if table is None:
                if all(is_blank(cell) for cell in record):
                    continue  # blank lines above the header
                table = RawTable(
                    headers=[clean_text(c) or "" for c in record],
                    format="csv",
                    encoding=encoding,
                    separator=separator,
                )
                continue
            if all(is_blank(cell) for cell in record):
                continue  # empty lines (often trailing) are not rows
            table.rows.append((number, list(record)))
    except csv.Error as error:
        raise FileRefused(f"Le fichier CSV est mal formé ({error}).") from error
    if table is None:
        raise FileRefused("Le fichier est vide.")
    return table


def _read_xlsx(content: bytes) -> RawTable:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise FileRefused(
            "Le classeur Excel est endommagé : il ne peut pas être ouvert."
        ) from error
    if "xl/workbook.xml" not in names:
        if "mimetype" in names or "content.xml" in names:
            raise FileRefused(
                "Ce fichier est un classeur OpenDocument (.ods) : enregistrez-le au format .xlsx "
                "ou CSV."
            )
        raise FileRefused("Ce fichier compressé n'est pas un classeur Excel (.xlsx).")
    if inflated > MAX_XLSX_INFLATED:
        raise FileRefused("Le classeur Excel est trop volumineux une fois décompressé.")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        raise FileRefused(
            "Le classeur Excel est endommagé : il ne peut pas être ouvert."
        ) from error
    try:
        sheet = workbook.worksheets[0]
        table: RawTable | None = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            if all(is_blank(cell) for cell in cells):
                continue
            if table is None:
                table = RawTable(headers=[clean_text(c) or "" for c in cells], format="xlsx")
                continue
            table.rows.append((number, cells))
    finally:
        workbook.close()
    if table is None:
        raise FileRefused("La première feuille du classeur est vide.")
    # Excel keeps formatted empty columns: drop trailing untitled columns.
    while table.headers and not table.headers[-1]:
        table.headers.pop()
    return table
