"""Hostile text through the real import path and back out through the pages: stored exactly,
shown as plain text (Dash text nodes), never as markup or a link."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, select

from data.importing.service import import_file
from data.models import DataLoad, Outcome
from tests.importing_support import MANAGER, xlsx_bytes

HOSTILE_TITLES = [
    "<script>alert('titre')</script>",
    '<img src=x onerror="alert(1)">',
    "javascript:alert(document.cookie)",
    "'; DROP TABLE outcome; --",
    "Ünïcödé \u202eévil\u200b \U0001f600 ﷽",
    "x" * 290,
]
HOSTILE_FILE_NAME = '<b onmouseover="alert(1)">bilan</b>.xlsx'


def test_hostile_texts_are_imported_as_is_and_rendered_inert(settings, client):
    rows = [["partenaire", "type", "titre", "description", "statut", "date"]]
    for number, title in enumerate(HOSTILE_TITLES):
        rows.append(
            [
                "essonne",
                "Proposition",
                title,
                f"<a href='javascript:alert({number})'>lien</a>",
                "Retenue",
                "14/06/2012",
            ]
        )
    engine = create_engine(settings.database_url)
    result = import_file(engine, xlsx_bytes(rows), HOSTILE_FILE_NAME, MANAGER)
    assert result.ok, result.problems()
    with engine.connect() as connection:
        stored = set(connection.scalars(select(Outcome.title)))
        file_names = set(connection.scalars(select(DataLoad.file_name)))
    engine.dispose()
    assert set(HOSTILE_TITLES) <= stored  # the store still has every table and every text
    assert HOSTILE_FILE_NAME in file_names

    from tests.test_access import _render_page

    for path in ("/partenaires/essonne", "/donnees", "/"):
        answer = _render_page(client, path)
        payload = json.loads(answer)
        assert payload["multi"] is True
        # Texts travel as JSON strings that React puts in text nodes; no component of the answer
        # may carry a data-sourced URL or raw HTML.
        assert "dangerouslySetInnerHTML" not in answer
        assert '"href":"javascript' not in answer.replace(" ", "")
        html = client.get(path).get_data(as_text=True)
        # The page drawn in the first answer shows the texts, escaped: as text, never as markup.
        assert "<script>alert" not in html and "<img" not in html
        if path == "/partenaires/essonne":  # the page that lists the outcomes' titles
            assert "&lt;img src=x onerror=" in html
