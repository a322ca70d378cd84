"""Files as French Excel writes them are read correctly; anything else is refused with a message."""

from __future__ import annotations

import datetime as dt

import pytest

from data.importing.parsing import match_key, parse_date, parse_number
from data.importing.reading import FileRefused, read_table
from tests.importing_support import OBSERVATION_HEADER, csv_bytes, xlsx_bytes


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1 234,5", 1234.5),
        ("1\u202f234", 1234.0),  # narrow no-break space (Excel, LibreOffice)
        ("1\u00a0234,25", 1234.25),  # no-break space
        ("1.234", 1234.0),  # dot as thousands separator
        ("1.234,5", 1234.5),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("  7 ", 7.0),
        ("43 %", 43.0),
        (12, 12.0),
        (12.5, 12.5),
        ("douze", None),
        ("1,2,3", None),
        ("", None),
        (True, None),
    ],
)
def test_numbers_as_french_excel_writes_them(cell, expected):
    assert parse_number(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("05/03/2012", dt.date(2012, 3, 5)),
        ("5/3/2012", dt.date(2012, 3, 5)),
        ("05-03-2012", dt.date(2012, 3, 5)),
        ("05/03/2012 00:00", dt.date(2012, 3, 5)),
        ("2012-03-05", dt.date(2012, 3, 5)),
        (dt.datetime(2012, 3, 5, 0, 0), dt.date(2012, 3, 5)),
        ("31/02/2012", None),
        ("03/2012", None),
        ("mars 2012", None),
    ],
)
def test_dates_dd_mm_yyyy_and_excel_dates(cell, expected):
    assert parse_date(cell) == expected


def test_labels_match_whatever_the_case_accents_and_spaces():
    assert match_key("  Val-de-Marne ") == match_key("VAL DE MARNE") == match_key("val de marne")
    assert match_key("Élus") == match_key("elus")
    assert match_key("Tranche d’âge") == match_key("tranche d'age")


ROWS = [
    OBSERVATION_HEADER,
    ["paris_pratiques_detectees", "Paris", "01/03/2012", "31/03/2012", "75111", "1 234,5"],
    ["paris_pratiques_detectees", "Mairie de Paris", "01/04/2012", "30/04/2012", "75112", "2"],
]


@pytest.mark.parametrize(
    ("separator", "encoding", "newline", "bom"),
    [
        (";", "cp1252", "\r\n", b""),
        (";", "utf-8", "\r\n", b"\xef\xbb\xbf"),
        (";", "utf-8", "\n", b""),
        (",", "utf-8", "\r\n", b"\xef\xbb\xbf"),
        ("\t", "utf-8", "\r\n", b""),
    ],
)
def test_csv_conventions_give_the_same_table(separator, encoding, newline, bom):
    rows = [list(r) for r in ROWS]
    if separator == ",":
        rows[1][-1] = '"1 234,5"'  # Excel quotes a cell that contains the separator
    content = bom + csv_bytes(rows, separator, encoding, newline, trailing_blank_lines=2)
    table = read_table(content, "fichier.csv")
    assert table.separator == separator
    assert table.headers == OBSERVATION_HEADER
    assert [line for line, _cells in table.rows] == [2, 3]
    assert table.rows[0][1][-1] == "1 234,5"
    assert table.rows[1][1][1] == "Mairie de Paris"


def test_windows_1252_accents_are_read():
    content = csv_bytes([["Début", "Élus"], ["01/03/2012", "3"]], encoding="cp1252")
    table = read_table(content, "f.csv")
    assert table.encoding == "Windows-1252"
    assert table.headers == ["Début", "Élus"]


def test_utf16_text_from_excel_unicode_export():
    content = "Début\tvaleur\r\n01/03/2012\t3\r\n".encode("utf-16")
    table = read_table(content, "f.txt")
    assert table.headers == ["Début", "valeur"]
    assert table.rows == [(2, ["01/03/2012", "3"])]


def test_line_numbers_are_those_excel_shows_even_with_blank_lines_inside():
    content = csv_bytes([["a", "b"], ["1", "2"], ["", ""], ["3", "4"]])
    assert [line for line, _ in read_table(content, "f.csv").rows] == [2, 4]


def test_xlsx_keeps_native_numbers_and_dates_and_excel_row_numbers():
    content = xlsx_bytes(
        [
            OBSERVATION_HEADER,
            ["paris_pratiques_detectees", "paris", dt.datetime(2012, 3, 1), None, 75111, 4],
        ]
    )
    table = read_table(content, "f.xlsx")
    assert table.format == "xlsx"
    assert table.rows[0][0] == 2
    assert table.rows[0][1][2] == dt.datetime(2012, 3, 1)
    assert table.rows[0][1][5] == 4


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"", "vide.csv", "Le fichier est vide."),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "ancien.xls", "Excel 97-2003 (.xls)"),
        (b"%PDF-1.4 ...", "rapport.pdf", "Ce fichier est un PDF"),
        (bytes(range(256)) * 4, "image.png", "son contenu est binaire"),
        (b"PK\x03\x04 pas vraiment un zip", "casse.xlsx", "endommagé"),
        (b"bonjour", "faux.xlsx", "n'est pas un classeur Excel valide"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(content, name, expected):
    with pytest.raises(FileRefused) as refused:
        read_table(content, name)
    assert expected in str(refused.value)


def test_opendocument_spreadsheets_are_refused_with_advice():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(FileRefused, match=r"OpenDocument \(\.ods\)"):
        read_table(buffer.getvalue(), "tableur.ods")


def test_oversized_files_are_refused_before_reading():
    with pytest.raises(FileRefused) as refused:
        read_table(b"a;b\r\n" * 1000, "gros.csv", max_bytes=1024)
    assert str(refused.value) == (
        "Le fichier est trop volumineux (5 Ko) : la taille maximale est de 1 Ko. "
        "Découpez-le en plusieurs fichiers."
    )
