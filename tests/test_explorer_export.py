"""Exports of the explorer's table: re-reading the CSV and the XLSX gives the numbers on screen."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from data.explorer_export import csv_bytes, csv_number, xlsx_bytes

HEADERS = ["Partenaire", "Indicateur", "Valeur", "Unité", "Pour 10 000 habitants"]
CELLS = [
    ["Paris", "Sessions d'échange de savoirs", 14.0, "sessions", 0.06],
    ["Seine-Saint-Denis", "Personnes touchées; « actions »", 18500.0, "personnes", 122.03],
    ["Essonne", "Membres du groupe pilote", "< 5", "membres", None],
    ["Paris", '=HYPERLINK("http://x")', 1234.5, "%", None],
]


def read_french_number(text: str) -> float | None:
    return float(text.replace(",", ".")) if text else None


def test_csv_follows_french_excel_conventions():
    content = csv_bytes(HEADERS, CELLS)
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Partenaire;Indicateur;Valeur;Unité;Pour 10 000 habitants"
    assert "\r\n" in text
    assert ";1234,5;" in text  # decimal comma, no thousands separator
    assert ";18500;" in text  # whole numbers without ",0"


def test_csv_read_back_gives_the_same_numbers_and_texts():
    text = csv_bytes(HEADERS, CELLS).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == HEADERS
    body = rows[1:]
    assert [read_french_number(r[2]) for r in body[:2]] == [14.0, 18500.0]
    assert [read_french_number(r[4]) for r in body] == [0.06, 122.03, None, None]
    assert body[1][1] == "Personnes touchées; « actions »"  # the semicolon is quoted
    assert body[2][2] == "< 5"
    assert sum(read_french_number(r[2]) for r in body if r[2] != "< 5") == 14 + 18500 + 1234.5


def test_text_that_looks_like_a_formula_is_made_inert():
    text = csv_bytes(HEADERS, CELLS).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    workbook = load_workbook(io.BytesIO(xlsx_bytes(HEADERS, CELLS, "Explorateur")))
    assert workbook.active["B5"].value.startswith("'=")


def test_xlsx_read_back_gives_the_same_numbers_as_numbers():
    content = xlsx_bytes(
        HEADERS, CELLS, "Explorateur", about=[("Vue", "?partenaires=paris")], about_title="À propos"
    )
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Explorateur"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [r[2] for r in rows[1:]] == [14.0, 18500.0, "< 5", 1234.5]
    assert [r[4] for r in rows[1:]] == [0.06, 122.03, None, None]
    assert sheet.freeze_panes == "A2"
    assert workbook["À propos"]["B1"].value == "?partenaires=paris"


def test_csv_number_formatting():
    assert csv_number(3) == "3"
    assert csv_number(3.0) == "3"
    assert csv_number(0.06) == "0,06"
    assert csv_number(-2.5) == "-2,5"
