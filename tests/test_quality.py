"""Data quality: the last period with data and the expected periods that are missing."""

from __future__ import annotations

import datetime as dt

from data import quality
from data.importing.service import import_file
from tests.importing_support import MANAGER, csv_bytes

D = dt.date


def test_expected_periods_are_the_elapsed_ones_of_the_frequency():
    months = quality.expected_periods(D(2012, 1, 16), D(2012, 6, 29), "mois", D(2012, 4, 15))
    assert [label for _start, label in months] == ["janvier 2012", "février 2012", "mars 2012"]
    quarters = quality.expected_periods(
        D(2012, 1, 1), D(2012, 12, 31), "trimestre", D(2012, 11, 30)
    )
    assert [label for _s, label in quarters] == ["T1 2012", "T2 2012", "T3 2012"]
    assert (
        quality.expected_periods(D(2012, 1, 1), D(2012, 12, 31), "ponctuel", D(2012, 12, 31)) == []
    )


def test_freshness_names_the_missing_months_and_the_last_period(engine):
    rows = [["indicateur", "début", "fin", "territoire", "valeur"]] + [
        ["paris_pratiques_detectees", f"01/{m:02d}/2012", end, "75111", "1"]
        for m, end in ((1, "31/01/2012"), (2, "29/02/2012"), (4, "30/04/2012"))
    ]
    assert import_file(engine, csv_bytes(rows), "p.csv", MANAGER).ok
    with engine.connect() as connection:
        items = {f.indicator_code: f for f in quality.freshness(connection, D(2012, 6, 30))}
    practices = items["paris_pratiques_detectees"]
    assert practices.last_period_end == D(2012, 4, 30)
    assert practices.missing == ("mars 2012", "mai 2012", "juin 2012")
    # Val-de-Marne's implementation is still being defined: nothing is expected, nothing missing.
    meetups = items["vdm_rencontres_tenues"]
    assert meetups.not_defined and meetups.missing == ()
    assert items["essonne_ateliers_tenus"].missing == ()  # one-off: no expected period


def test_failed_loads_are_listed_for_follow_up(engine):
    import_file(
        engine,
        csv_bytes([["indicateur", "début", "valeur"], ["x", "01/03/2012", "1"]]),
        "faux.csv",
        MANAGER,
    )
    with engine.connect() as connection:
        (load,) = quality.loads(connection)
    assert load["status"] == "rejete" and load["file_name"] == "faux.csv"
    assert load["message"].startswith("Ligne 2, colonne A « indicateur »")
