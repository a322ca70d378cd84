"""How recent the published figures are, as every page's header says it (the data date itself
is tested in test_data_date)."""

from __future__ import annotations

import datetime as dt

from data import publication
from data.models import DataLoad, LoadStatus
from data.store import transaction
from layouts.account import publication_note


def test_nothing_published_yet(engine):
    with engine.connect() as connection:
        assert publication.latest_publication(connection) is None
    assert "Aucune donnée publiée" in str(publication_note(None, "fr"))


def test_demonstration_data_is_dated_by_its_own_day(sqlite_demo_engine):
    with sqlite_demo_engine.connect() as connection:
        day = publication.latest_publication(connection)
    assert day.year == 2012
    assert f"Données au {day.day} " in str(publication_note(day, "fr"))


def test_the_latest_approved_load_dates_the_figures_and_waiting_loads_are_counted(engine):
    approved = dt.datetime(2012, 11, 3, 10, 0, tzinfo=dt.UTC)
    with transaction(engine) as session:
        session.add(
            DataLoad(
                created_by="cm",
                kind="observations",
                file_name="a.csv",
                status=LoadStatus.ACCEPTED,
                published=True,
                published_at=approved,
            )
        )
        session.add(
            DataLoad(
                created_by="ed",
                kind="observations",
                file_name="b.csv",
                status=LoadStatus.ACCEPTED,
                published=False,
            )
        )
        session.add(
            DataLoad(
                created_by="ed",
                kind="observations",
                file_name="c.csv",
                status=LoadStatus.REJECTED,
                published=False,
            )
        )
    with engine.connect() as connection:
        assert publication.latest_publication(connection) == dt.date(2012, 11, 3)
        assert publication.unpublished_loads(connection) == 1
    note = str(publication_note(dt.date(2012, 11, 3), "fr", "all", 1))
    assert "Données au 3 novembre 2012" in note
    assert "1 chargement en attente d'approbation" in note
    assert "aucun chargement en attente" in str(
        publication_note(dt.date(2012, 11, 3), "fr", "all", 0)
    )
    assert "Data as of 3 November 2012" in str(publication_note(dt.date(2012, 11, 3), "en"))
