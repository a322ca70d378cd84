"""The timeline of actions: each bar on its action's row, under its words; months counted from
the period's first month (a period starting in February used to get no « févr. » label)."""

from __future__ import annotations

import datetime as dt

from layouts import charts


def _row(label: str, start: dt.date | None, end: dt.date | None, status: str) -> dict:
    return {
        "label": label,
        "start": start,
        "end": end,
        "status": status,
        "status_label": status,
        "colour": "#0072B2",
    }


ROWS = [
    _row("Rencontres", dt.date(2012, 2, 1), dt.date(2012, 3, 31), "termine"),
    _row("Démocratie continue", None, None, "non_defini"),  # no bar, but keeps its row
    _row("Ateliers", dt.date(2012, 5, 15), dt.date(2012, 7, 31), "en_cours"),
]


def _gantt(start: dt.date, end: dt.date) -> dict:
    return charts.gantt(
        ROWS, lang="fr", start=start, end=end, undefined_label="pas encore de dates"
    )


def test_each_bar_sits_on_its_own_actions_row_under_its_words():
    figure = _gantt(dt.date(2012, 2, 1), dt.date(2012, 7, 31))
    bars = [trace for trace in figure["data"] if trace["type"] == "bar"]
    # The words of each action, by row: an annotation just above the row's centre line.
    words = {
        round(a["y"] + 0.2): a["text"]
        for a in figure["layout"]["annotations"]
        if a.get("yanchor") == "bottom" and a.get("yref", "y") == "y"
    }
    assert {row: text.split(" — ")[0] for row, text in words.items()} == {
        0: "Rencontres",
        1: "Démocratie continue",
        2: "Ateliers",
    }
    assert [(bar["y"], bar["base"], bar["customdata"][0][0]) for bar in bars] == [
        ([0], ["2012-02-01"], "Rencontres"),
        ([2], ["2012-05-15"], "Ateliers"),
    ]
    # A bar runs to the end of its last day: 1 February to 31 March is 60 days (2012 is leap).
    assert bars[0]["x"] == [60 * charts.DAY_MS]
    # Rows read from the top: the first action at the top of a reversed axis.
    low, high = figure["layout"]["yaxis"]["range"]
    assert low > 2 > 0 > high


def test_months_are_counted_from_the_first_month_of_the_period():
    for start in (dt.date(2012, 1, 1), dt.date(2012, 2, 1), dt.date(2012, 4, 1)):
        xaxis = _gantt(start, dt.date(2012, 12, 31))["layout"]["xaxis"]
        # The axis starts on the period's first day, a tick on each month from that one, the
        # first month always named...
        assert xaxis["range"][0] == start.isoformat()
        assert (xaxis["tickmode"], xaxis["tick0"], xaxis["dtick"]) == (
            "linear",
            start.isoformat(),
            "M1",
        )
        # ...and each month's name is centred on its month, never cut at the left edge.
        assert xaxis["ticklabelmode"] == "period"
    half_year = _gantt(dt.date(2012, 2, 1), dt.date(2012, 7, 31))["layout"]["xaxis"]
    assert (half_year["range"][1], half_year["ticklabelstep"]) == ("2012-08-01", 1)
    # A year names one month in two (the first, the third...): room for them on a phone.
    assert (
        _gantt(dt.date(2012, 2, 1), dt.date(2013, 1, 31))["layout"]["xaxis"]["ticklabelstep"] == 2
    )
