"""Figure builders and chart titles: plain rows in, plotly dicts and findings out."""

from __future__ import annotations

import datetime as dt
import json

from layouts import charts, findings

MONTHS = [
    {"period": "2012-01-01", "value": 3.0, "suppressed": False},
    {"period": "2012-02-01", "value": 1234.0, "suppressed": False},
    {"period": "2012-03-01", "value": None, "suppressed": True},
]


def test_time_series_bars_show_french_numbers_and_hidden_counts():
    figure = charts.time_series(
        MONTHS, lang="fr", colour="#0072B2", value_label="Clameurs", source="Démo", threshold=5
    )
    trace = figure["data"][0]
    assert trace["type"] == "bar"
    assert trace["x"] == ["2012-01-01", "2012-02-01", "2012-03-01"]
    assert trace["y"] == [3.0, 1234.0, 0]  # a hidden count draws no bar...
    assert trace["text"] == ["3", "1\u202f234", "< 5"]  # ...but says "< 5"
    assert trace["customdata"][0] == ["janvier 2012", "3"]
    assert figure["layout"]["separators"] == ",\u202f"
    assert "Source : Démo" in figure["layout"]["annotations"][0]["text"]


def test_time_series_line_with_target_and_english_formats():
    rows = [{"period": dt.date(2012, m, 1), "value": 10.0 * m} for m in (1, 2)]
    figure = charts.time_series(
        rows,
        lang="en",
        colour="#D55E00",
        value_label="Young people",
        kind="line",
        target=400,
        target_label="Target: 400",
    )
    assert figure["data"][0]["type"] == "scatter"
    assert figure["layout"]["shapes"][0]["y0"] == 400
    assert figure["layout"]["yaxis"]["range"][1] >= 400
    assert figure["data"][0]["customdata"][1] == ["February 2012", "20"]
    assert figure["layout"]["separators"] == ".,"


def test_time_series_single_point_gets_a_readable_axis():
    figure = charts.time_series(
        [{"period": "2012-06-01", "value": 2.0}], lang="fr", colour="#000", value_label="x"
    )
    assert figure["layout"]["xaxis"]["range"] == ["2012-05-01", "2012-07-02"]


def test_time_series_without_rows_is_an_empty_chart_not_an_error():
    figure = charts.time_series([], lang="fr", colour="#000", value_label="x")
    assert figure["data"][0]["x"] == []


def test_ranked_territories_rank_and_escape_data_text():
    rows = [
        {"label": "Bobigny", "value": 3.0},
        {"label": "<img src=x onerror=alert(1)>", "value": 9.0},
        {"label": "Pantin", "value": None, "suppressed": True},
    ]
    figure = charts.ranked_territories(
        rows, lang="fr", colour="#D55E00", value_label="Clameurs", threshold=5
    )
    trace = figure["data"][0]
    labels = [a["text"] for a in figure["layout"]["annotations"]]
    assert labels == ["&lt;img src=x onerror=alert(1)&gt;", "Bobigny", "Pantin"]
    assert trace["x"] == [9.0, 3.0, 0]
    assert trace["text"] == ["9", "3", "< 5"]
    assert "<img" not in json.dumps(figure)


def test_bar_breakdown_keeps_the_given_order_and_top():
    rows = [{"label": f"Tranche {i}", "value": float(i)} for i in range(5)]
    figure = charts.bar_breakdown(rows, lang="fr", colour="#000", value_label="x", top=3)
    assert figure["data"][0]["x"] == [0.0, 1.0, 2.0]


def test_gantt_draws_dated_actions_and_says_when_an_action_is_not_defined():
    rows = [
        {
            "label": "Ateliers",
            "start": dt.date(2012, 3, 1),
            "end": dt.date(2012, 3, 31),
            "status": "en_cours",
            "status_label": "En cours",
            "colour": "#CC79A7",
        },
        {
            "label": "Démocratie <b>continue</b>",
            "start": None,
            "end": None,
            "status": "non_defini",
            "status_label": "En cours de définition",
            "colour": "#009E73",
        },
    ]
    figure = charts.gantt(
        rows,
        lang="fr",
        start=dt.date(2012, 1, 1),
        end=dt.date(2012, 12, 31),
        undefined_label="pas encore de dates",
        events=[{"row": 0, "date": "2012-03-22", "label": "Atelier 1"}],
        markers=[(dt.date(2012, 12, 6), "Colloque"), (dt.date(2013, 1, 5), "hors période")],
    )
    bars = [t for t in figure["data"] if t["type"] == "bar"]
    assert len(bars) == 1  # the undefined action has no bar...
    assert bars[0]["base"] == ["2012-03-01"]
    assert bars[0]["x"] == [31 * charts.DAY_MS]
    texts = [a["text"] for a in figure["layout"]["annotations"]]
    assert any("pas encore de dates" in t for t in texts)  # ...but says so
    assert any("Démocratie &lt;b&gt;continue&lt;/b&gt;" in t for t in texts)
    assert figure["data"][-1]["customdata"] == [["Atelier 1", "22 mars 2012"]]
    assert len(figure["layout"]["shapes"]) == 1  # markers outside the period are left out
    assert figure["layout"]["barmode"] == "overlay"


def test_sparkline_marks_the_last_known_point():
    points = [(dt.date(2012, 1, 1), 1.0), (dt.date(2012, 2, 1), 4.0), (dt.date(2012, 3, 1), None)]
    figure = charts.sparkline(points, colour="#0072B2", lang="fr")
    assert figure["data"][1]["x"] == ["2012-02-01"]
    assert figure["layout"]["xaxis"]["visible"] is False


def test_findings_state_the_total_the_peak_and_the_leader():
    assert findings.series_finding("Clameurs", MONTHS, "fr", period="en 2012", threshold=5) == (
        "Clameurs : 1\u202f237 en 2012, surtout en février 2012 (1\u202f234)"
    )
    level = [{"period": "2012-01-01", "value": 3.0}, {"period": "2012-11-01", "value": 43.0}]
    assert findings.series_finding(
        "Part", level, "en", period="in 2012", share=True, threshold=5
    ) == ("Part: 43% in November 2012, from 3% in January 2012")
    assert (
        findings.series_finding("X", [], "fr", period="en 2012", threshold=5)
        == "X : aucune donnée en 2012"
    )
    hidden = [{"period": "2012-01-01", "value": None, "suppressed": True}]
    assert "moins de 5" in findings.series_finding("X", hidden, "fr", period="en 2012", threshold=5)
    rows = [{"label": "Web", "value": 90.0}, {"label": "Mobile", "value": 10.0}]
    assert findings.breakdown_finding("Clameurs par canal", rows, "fr", period="", threshold=5) == (
        "Clameurs par canal : Web en tête (90\u00a0% du total)"
    )
    assert findings.territory_finding("C", rows, "en", period="", total_places=40, threshold=5) == (
        "C: Web first, 2 places involved out of 40"
    )


def test_single_bar_has_a_visible_width_and_ties_have_no_peak_month():
    rows = [{"period": "2012-09-01", "value": 5.0}]
    figure = charts.time_series(rows, lang="fr", colour="#000", value_label="x")
    assert figure["data"][0]["width"][0] > 20 * charts.DAY_MS
    assert figure["layout"]["yaxis"]["dtick"] == 1
    tie = [{"period": "2012-03-01", "value": 1.0}, {"period": "2012-06-01", "value": 1.0}]
    assert findings.series_finding("Ateliers", tie, "fr", period="en 2012", threshold=5) == (
        "Ateliers : 2 en 2012"
    )


def test_findings_name_every_leader_when_several_share_the_top_value():
    """Five cantons with the same count: naming one « en tête » would state what the data does
    not; the title names the tied ones (two, then how many more)."""
    tied = [{"label": f"Canton {n}", "value": 5.0} for n in "ABCDE"] + [
        {"label": "Canton F", "value": 2.0}
    ]
    assert findings.territory_finding(
        "Pratiques", tied, "fr", period="", total_places=21, threshold=5
    ) == (
        "Pratiques : Canton A, Canton B et 3 autres à égalité en tête, 6 territoires concernés sur 21"
    )
    pair = [{"label": "Web", "value": 4.0}, {"label": "Mobile", "value": 4.0}]
    assert findings.breakdown_finding("Clameurs", pair, "en", period="", threshold=5) == (
        "Clameurs: Web and Mobile tied first (50% of the total each)"
    )
    assert findings.leader_text([("Paris", 3.0), ("Essonne", 3.0)], "fr") == (
        "Paris et Essonne, à égalité"
    )
    assert findings.leader_text([("Paris", 3.0), ("Essonne", 2.0)], "fr") == "Paris"
    assert findings.leader_text([], "fr") == "—"
