"""Before a load is confirmed, its check tells what it would do: rows added, rows replaced with
their old and new values, rows unchanged — by indicator and month — and changes nothing."""

from __future__ import annotations

import pytest

from data.importing import preview as preview_module
from data.importing.service import import_file
from tests.importing_support import MANAGER, csv_bytes, snapshot

HEADER = ["indicateur", "début", "fin", "territoire", "valeur"]
MARCH = ["paris_pratiques_detectees", "01/03/2012", "31/03/2012"]
APRIL = ["paris_pratiques_detectees", "01/04/2012", "30/04/2012"]


def _loaded(engine, rows):
    result = import_file(engine, csv_bytes([HEADER, *rows]), "premier.csv", MANAGER)
    assert result.ok and result.load_id, result.problems()
    return result


def test_a_check_tells_added_replaced_and_unchanged_rows_by_indicator_and_month(engine):
    _loaded(engine, [[*MARCH, "75111", "3"], [*MARCH, "75112", "5"], [*APRIL, "75111", "1"]])
    before = snapshot(engine)
    second = csv_bytes(
        [
            HEADER,
            [*MARCH, "75111", "4"],  # line 2: replaced, 3 -> 4
            [*MARCH, "75112", "5"],  # line 3: the same value
            [*MARCH, "75113", "2"],  # line 4: new
            [*APRIL, "75111", "1,5"],  # line 5: replaced, 1 -> 1.5
        ]
    )
    for options in ({"dry_run": True}, {"check_only": True}):
        result = import_file(engine, second, "second.csv", MANAGER, **options)
        assert result.ok and result.load_id is None
        preview = result.preview
        assert preview["totals"] == {"ajoutees": 1, "remplacees": 2, "inchangees": 1}
        assert [
            (g["indicator"], g["month"], g["ajoutees"], g["remplacees"], g["inchangees"])
            for g in preview["groups"]
        ] == [
            ("paris_pratiques_detectees", "2012-03-01", 1, 1, 1),
            ("paris_pratiques_detectees", "2012-04-01", 0, 1, 0),
        ]
        assert [(c["line"], c["period_start"], c["old"], c["new"]) for c in preview["changes"]] == [
            (2, "2012-03-01", 3.0, 4.0),
            (5, "2012-04-01", 1.0, 1.5),
        ]
        assert preview["changes"][0]["breakdown"].startswith("75111")
        assert snapshot(engine) == before  # told, not done


def test_the_detail_of_replaced_rows_is_bounded_and_the_total_stated(engine, monkeypatch):
    territories = ["75111", "75112", "75113", "75114", "75115"]
    _loaded(engine, [[*MARCH, t, "1"] for t in territories])
    monkeypatch.setattr(preview_module, "DETAIL_ROWS", 2)
    result = import_file(
        engine,
        csv_bytes([HEADER, *([*MARCH, t, "2"] for t in territories)]),
        "second.csv",
        MANAGER,
        dry_run=True,
    )
    assert result.preview["totals"]["remplacees"] == len(territories)
    assert [c["line"] for c in result.preview["changes"]] == [2, 3]  # the first ones, in order
    assert result.preview["detail_limit"] == 2


def test_a_refused_file_has_no_preview(engine):
    result = import_file(
        engine, csv_bytes([HEADER, [*MARCH, "75111", "douze"]]), "faux.csv", MANAGER, dry_run=True
    )
    assert not result.ok and result.preview is None


@pytest.mark.parametrize(
    ("kind", "header", "first", "second", "difference"),
    [
        (
            "evenements",
            ["partenaire", "type", "titre", "date", "lieu", "présents citoyens"],
            ["essonne", "atelier", "Atelier 3", "15/11/2012", "Évry", "12"],
            ["essonne", "atelier", "Atelier 3", "15/11/2012", "Corbeil", "12"],
            ["lieu", "Évry", "Corbeil"],
        ),
        (
            "resultats",
            ["partenaire", "type", "titre", "statut"],
            ["essonne", "proposition", "Budget participatif", "proposee"],
            ["essonne", "proposition", "Budget participatif", "retenue"],
            ["statut", "proposee", "retenue"],
        ),
    ],
)
def test_events_and_outcomes_tell_what_is_added_and_what_is_replaced(
    engine, kind, header, first, second, difference
):
    loaded = import_file(engine, csv_bytes([header, first]), "premier.csv", MANAGER, kind=kind)
    assert loaded.ok, loaded.problems()
    added = [*second[:2], "Nouveau", *second[3:]]
    result = import_file(
        engine, csv_bytes([header, second, added]), "second.csv", MANAGER, kind=kind, dry_run=True
    )
    assert result.ok, result.problems()
    preview = result.preview
    assert preview["totals"]["ajoutees"] == 1 and preview["totals"]["remplacees"] == 1
    replaced = [c for c in preview["changes"] if c["outcome"] == "remplacees"]
    assert [c["differences"] for c in replaced] == [[difference]]
    assert [c["title"] for c in preview["changes"] if c["outcome"] == "ajoutees"] == ["Nouveau"]


def test_the_preview_of_a_long_file_holds_one_chunk_whatever_its_length(sqlite_demo_engine):
    import gc
    import tracemalloc

    from benchmarks.uploads import HEADER as LONG_HEADER
    from benchmarks.uploads import observation_rows
    from data.importing.catalog import load_catalog
    from data.importing.load_writes import CHUNK
    from data.importing.preview import preview_load
    from data.importing.reading import open_table
    from data.importing.spool import RowSpool
    from data.importing.validation import ChunkValidator
    from data.store import transaction

    engine = sqlite_demo_engine
    longest = 4 * CHUNK
    rows = list(observation_rows(engine, longest))
    loaded = import_file(engine, csv_bytes([LONG_HEADER, *rows]), "long.csv", MANAGER)
    assert loaded.ok, loaded.problems()[:3]
    # The same keys with other values: every row of the file replaces a stored one.
    changed = [[*row[:-1], "1"] for row in rows]

    def peak(count: int) -> tuple[int, dict]:
        table = open_table(csv_bytes([LONG_HEADER, *changed[:count]]), "corrections.csv")
        spool = RowSpool()
        with transaction(engine) as session:
            catalog = load_catalog(session.connection())
            validator = ChunkValidator(table.headers, "observations", catalog, count, rows=spool)
            for chunk in table.chunks():
                validator.check(chunk)
            report = validator.finish()
            gc.collect()
            tracemalloc.start()
            try:
                preview = preview_load(session, report, catalog)
                return tracemalloc.get_traced_memory()[1], preview
            finally:
                tracemalloc.stop()
                spool.close()

    one_chunk, short = peak(CHUNK)
    four_chunks, long = peak(longest)
    assert short["totals"]["remplacees"] == CHUNK and long["totals"]["remplacees"] == longest
    assert len(long["changes"]) == preview_module.DETAIL_ROWS  # the detail stops, the count not
    # Four times the rows, about the same memory: one chunk and the counts are held, not the file.
    assert four_chunks < 2 * one_chunk
