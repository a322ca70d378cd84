"""From an uploaded file to its rows, numbered as Excel numbers its lines, a chunk at a time.

Accepted: CSV (`;`, `,` or tab separated, UTF-8 with or without BOM, Windows-1252, UTF-16 as
Excel's « texte Unicode ») and XLSX (first sheet). Anything else is refused with a message.

A file is read in bounded memory: `open_table` checks it in one streaming pass (format,
encoding, number of rows against the row limit) and `TableSource.chunks` then hands its rows over
a chunk at a time. Nothing ever holds the whole file's cells.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from data.importing.parsing import clean_text, is_blank

# A spreadsheet that inflates to more than this is refused (protects against zip bombs).
MAX_XLSX_INFLATED = 200 * 1024 * 1024
# Rows handed over at once to validation and to the writer.
CHUNK_ROWS = 10_000
_SEPARATORS = (";", "\t", ",")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BLOCK = 1024 * 1024

Row = tuple[int, list[object]]


class FileRefused(Exception):
    """The file cannot be read at all; its message is one French sentence for the user."""


@dataclass
class RawTable:
    """The header cells and the data rows, each row with its line number as Excel shows it."""

    headers: list[str]
    rows: list[Row] = field(default_factory=list)
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


def french_count(number: int) -> str:
    """1000000 -> « 1 000 000 » (a no-break space between thousands, as French writes them)."""
    return f"{number:,}".replace(",", "\u00a0")


def too_many_rows(max_rows: int) -> FileRefused:
    return FileRefused(
        f"Le fichier compte plus de {french_count(max_rows)} lignes de données : c'est la limite "
        f"par fichier (réglage DEMOCRATIC_MAX_UPLOAD_ROWS). Découpez-le en plusieurs fichiers."
    )


def too_big(size: int, max_bytes: int) -> FileRefused:
    return FileRefused(
        f"Le fichier est trop volumineux ({human_size(size)}) : la taille maximale "
        f"est de {human_size(max_bytes)}. Découpez-le en plusieurs fichiers."
    )


Source = bytes | Path


@contextmanager
def _opened(source: Source) -> Iterator[BinaryIO]:
    if isinstance(source, bytes | bytearray):
        yield io.BytesIO(source)
    else:
        with open(source, "rb") as handle:
            yield handle


def source_size(source: Source) -> int:
    return len(source) if isinstance(source, bytes | bytearray) else Path(source).stat().st_size


@dataclass
class TableSource:
    """A file checked and ready to be read a chunk at a time; `n_rows` data rows below its header."""

    source: Source
    headers: list[str]
    header_line: int
    n_rows: int
    format: str = "csv"
    encoding: str | None = None  # the codec, for CSV
    encoding_label: str | None = None  # as the user knows it (« Windows-1252 »)
    separator: str | None = None
    max_rows: int | None = None

    def rows(self) -> Iterator[Row]:
        text = self.format == "csv"
        reader = self._csv_rows if text else self._xlsx_rows
        count = 0
        for line, cells in reader():
            if line <= self.header_line:
                continue
            # CSV cells are all text: one join tells a blank line at C speed.
            if (not "".join(cells).strip()) if text else all(is_blank(c) for c in cells):
                continue
            count += 1
            if self.max_rows is not None and count > self.max_rows:
                raise too_many_rows(self.max_rows)
            yield line, cells

    def chunks(self, size: int = CHUNK_ROWS) -> Iterator[list[Row]]:
        """The data rows, `size` at a time: only one chunk is ever held."""
        chunk: list[Row] = []
        for row in self.rows():
            chunk.append(row)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _csv_rows(self) -> Iterator[Row]:
        with _opened(self.source) as handle:
            text = io.TextIOWrapper(handle, encoding=self.encoding, newline="")
            try:
                yield from enumerate(csv.reader(text, delimiter=self.separator), start=1)
            except csv.Error as error:
                raise FileRefused(f"Le fichier CSV est mal formé ({error}).") from error

    def _xlsx_rows(self) -> Iterator[Row]:
        with _workbook(self.source) as sheet:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(values)


def read_table(
    content: Source,
    file_name: str = "",
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> RawTable:
    """The whole table at once, for small files; big ones go through `open_table` and chunks."""
    source = open_table(content, file_name, max_bytes=max_bytes, max_rows=max_rows)
    return RawTable(
        headers=source.headers,
        rows=list(source.rows()),
        format=source.format,
        encoding=source.encoding_label,
        separator=source.separator,
    )


def open_table(
    content: Source,
    file_name: str = "",
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> TableSource:
    """Check a CSV or XLSX file in one streaming pass; raise FileRefused with a French message
    when it cannot be read, is too big, or has more than `max_rows` data rows."""
    size = source_size(content)
    if max_bytes is not None and size > max_bytes:
        raise too_big(size, max_bytes)
    with _opened(content) as handle:
        head = handle.read(8)
        blank = not head.strip()
        binary = b"\x00" in head
        while blank or not binary:
            block = handle.read(_BLOCK)
            if not block:
                break
            blank = blank and not block.strip()
            binary = binary or b"\x00" in block
    if blank:
        raise FileRefused("Le fichier est vide.")
    name = file_name.lower()
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(content, max_rows)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            "Ce fichier est au format Excel 97-2003 (.xls), qui n'est pas pris en charge : "
            "ouvrez-le dans Excel et enregistrez-le au format .xlsx ou CSV."
        )
    if head.startswith(b"%PDF"):
        raise FileRefused(
            "Ce fichier est un PDF : seuls les fichiers CSV et Excel (.xlsx) sont acceptés."
        )
    if name.endswith((".xlsx", ".xlsm")):
        raise FileRefused(
            "Ce fichier porte l'extension .xlsx mais n'est pas un classeur Excel valide."
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _open_csv(content, "utf-16", "UTF-16", max_rows)
        except UnicodeDecodeError as error:
            raise FileRefused("Le fichier n'est pas un texte lisible (UTF-16 invalide).") from error
    if binary:
        raise FileRefused(
            "Le fichier n'est ni un CSV ni un classeur Excel (.xlsx) : son contenu est binaire."
        )
    try:
        return _open_csv(content, "utf-8-sig", "UTF-8", max_rows)
    except UnicodeDecodeError:
        pass
    try:
        return _open_csv(content, "cp1252", "Windows-1252", max_rows)
    except UnicodeDecodeError as error:
        raise FileRefused(
            "Le texte du fichier n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le depuis "
            "Excel au format « CSV UTF-8 (délimité par des virgules) »."
        ) from error


def _separator(first_line: str) -> str:
    """The separator of the header line: the one that splits it into most cells (`;` first)."""
    counts = {sep: len(next(csv.reader([first_line], delimiter=sep))) for sep in _SEPARATORS}
    best = max(counts.values())
    return next(sep for sep in _SEPARATORS if counts[sep] == best)


def _open_csv(content: Source, codec: str, label: str, max_rows: int | None) -> TableSource:
    """One pass over the text: it decodes, it is text (not binary), and its rows are counted."""
    with _opened(content) as handle:
        decoder = codecs.getincrementaldecoder(codec)(errors="strict")
        start = decoder.decode(handle.read(65_536))
    first = next((line for line in start.splitlines() if line.strip()), "")
    separator = _separator(first)
    counts = {"chars": 0, "controls": 0}

    def lines(text: io.TextIOWrapper) -> Iterator[str]:
        for line in text:
            counts["chars"] += len(line)
            if _CONTROLS.search(line):
                counts["controls"] += len(_CONTROLS.findall(line))
            yield line

    headers, header_line, n_rows = None, 0, 0
    with _opened(content) as handle:
        text = io.TextIOWrapper(handle, encoding=codec, errors="strict", newline="")
        try:
            for number, record in enumerate(csv.reader(lines(text), delimiter=separator), 1):
                if all(is_blank(cell) for cell in record):
                    continue  # blank lines above the header, empty (often trailing) lines
                if headers is None:
                    headers, header_line = [clean_text(c) or "" for c in record], number
                    continue
                n_rows += 1
                if max_rows is not None and n_rows > max_rows:
                    raise too_many_rows(max_rows)
        except csv.Error as error:
            raise FileRefused(f"Le fichier CSV est mal formé ({error}).") from error
    if counts["controls"] > max(3, counts["chars"] // 1000):
        raise FileRefused(
            "Le fichier n'est ni un CSV ni un classeur Excel (.xlsx) : son contenu est binaire."
        )
    if headers is None:
        raise FileRefused("Le fichier est vide.")
    return TableSource(
        content,
        headers,
        header_line,
        n_rows,
        format="csv",
        encoding=codec,
        encoding_label=label,
        separator=separator,
        max_rows=max_rows,
    )


@contextmanager
def _workbook(content: Source):
    """The first sheet of a workbook opened read-only: openpyxl then streams its rows."""
    import openpyxl

    with _opened(content) as handle:
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
            raise FileRefused(
                "Le classeur Excel est endommagé : il ne peut pas être ouvert."
            ) from error
        try:
            yield workbook.worksheets[0]
        finally:
            workbook.close()


def _open_xlsx(content: Source, max_rows: int | None) -> TableSource:
    try:
        with _opened(content) as handle, zipfile.ZipFile(handle) as archive:
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
    headers, header_line, n_rows = None, 0, 0
    with _workbook(content) as sheet:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if all(is_blank(cell) for cell in values):
                continue
            if headers is None:
                headers, header_line = [clean_text(c) or "" for c in values], number
                continue
            n_rows += 1
            if max_rows is not None and n_rows > max_rows:
                raise too_many_rows(max_rows)
    if headers is None:
        raise FileRefused("La première feuille du classeur est vide.")
    # Excel keeps formatted empty columns: drop trailing untitled columns.
    while headers and not headers[-1]:
        headers.pop()
    return TableSource(content, headers, header_line, n_rows, format="xlsx", max_rows=max_rows)
