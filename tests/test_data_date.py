"""One data date (« Données au … »): the last day the published figures count, the same value
in the same words in the header, on the overview, the partner pages, the colloquium screen and
the print running line — and it moves when a later period is published, not when a file is."""

from __future__ import annotations

import datetime as dt
import re

from data import publication
from data.importing.service import import_file
from tests.importing_support import MANAGER, PARIS_EDITOR, csv_bytes
from tests.test_partner_pages import render

HEADER = ["indicateur", "début", "fin", "territoire", "valeur"]


def _load(engine, start: str, end: str, viewer=MANAGER):
    row = ["paris_pratiques_detectees", start, end, "75111", "3"]
    result = import_file(engine, csv_bytes([HEADER, row]), "fichier.csv", viewer)
    assert result.ok, result.problems()


def _date(engine, **options):
    with engine.connect() as connection:
        return publication.data_date(connection, **options)


def test_no_published_figure_means_no_data_date(engine):
    assert _date(engine) is None


def test_the_data_date_is_the_last_day_the_published_figures_count(engine, monkeypatch):
    _load(engine, "01/03/2012", "31/03/2012")
    assert _date(engine) == dt.date(2012, 3, 31)
    _load(engine, "01/10/2012", "31/10/2012", viewer=PARIS_EDITOR)  # waits for approval
    assert _date(engine) == dt.date(2012, 3, 31)
    _load(engine, "01/11/2012", "30/11/2012")
    assert _date(engine) == dt.date(2012, 11, 30)
    # A period still running on the day it is read counts up to that day.
    assert _date(engine, today=dt.date(2012, 11, 20)) == dt.date(2012, 11, 20)
    # Without up-to-date summary rows, the observations give the same answer.
    monkeypatch.setattr(publication, "is_fresh", lambda _connection: False)
    assert _date(engine) == dt.date(2012, 11, 30)


def _data_dates(text: str) -> set[str]:
    """Every data date a page shows (a chart marker says it in lower case: « données au »)."""
    found = re.findall(r"[Dd]onnées (?:publiées )?au \d+(?:er)? \w+ \d{4}", text)
    return {date[0].upper() + date[1:] for date in found}


def test_every_page_says_the_same_data_date_before_and_after_a_load(app, sqlite_demo_engine):
    from dashboard.auth import header_parts

    def everywhere() -> dict[str, set[str]]:
        shown = {
            path: _data_dates(render(app, page, **kwargs))
            for path, page, kwargs in (
                ("/", "programme", {}),
                ("/partenaires/paris", "partenaire", {"slug": "paris"}),
                ("/partenaires/essonne", "partenaire", {"slug": "essonne"}),
                ("/colloque", "colloque", {}),
            )
        }
        with app.server.test_request_context("/"), sqlite_demo_engine.connect() as connection:
            _area, note = header_parts(connection, "fr")
        shown["header"] = _data_dates(str(note))
        return shown

    before = everywhere()
    assert all(found == {"Données au 30 novembre 2012"} for found in before.values()), before
    # Loaded today (years later), a correction of November: still the day the figures count,
    # in the header as on the pages (the header once said the day of the load).
    _load(sqlite_demo_engine, "01/11/2012", "30/11/2012")
    assert everywhere() == before
    # December's figures, in a demonstration seen from 30 November: counted up to that day.
    _load(sqlite_demo_engine, "01/12/2012", "31/12/2012")
    assert everywhere() == before


def test_the_print_running_line_says_the_data_date():
    from layouts.partner_page import print_running_line
    from layouts.partner_page_model import PartnerPage

    page = PartnerPage(
        partner={},
        start=dt.date(2012, 1, 1),
        end=dt.date(2012, 12, 31),
        as_of=dt.date(2012, 12, 31),
        problems=(),
        figures=[],
        series=[],
        territory=None,
        total_places=0,
        actions=[],
        events=[],
        outcomes=[],
        totals=[],
        source="Paris",
        colour="#000",
        threshold=5,
        month_choices=[],
        data_date=dt.date(2012, 11, 30),
    )
    line = print_running_line(page, "Paris", "année 2012", "fr")
    assert "Données au 30 novembre 2012" in line
