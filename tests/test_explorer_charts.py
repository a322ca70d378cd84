"""The explorer's figure builders: plain rows in, plain-dict figures out, clicks carry filters."""

from __future__ import annotations

from layouts import explorer_charts as charts


def test_evolution_lines_carry_their_period_and_name_the_peak():
    series = [
        charts.Series(
            "Clameurs publiées", "seine-saint-denis", [("2012-01-01", 10.0), ("2012-04-01", 30.0)]
        ),
        charts.Series("Sessions", "paris", [("2012-04-01", 2.0)]),
    ]
    figure = charts.evolution_figure(series, "trimestre", "fr", "Données de démonstration")
    first = figure["data"][0]
    assert first["customdata"] == ["period:2012-01-01", "period:2012-04-01"]
    assert first["text"] == ["T1 2012", "T2 2012"]
    assert first["line"]["color"] == "#D55E00"
    assert figure["layout"]["xaxis"]["ticktext"] == ["T1 2012", "T2 2012"]
    assert figure["layout"]["title"]["text"] == (
        "2 indicateurs par trimestre : le plus élevé, Clameurs publiées, culmine en T2 2012"
    )
    assert figure["layout"]["separators"] == ",\u202f"


def test_one_series_title_says_when_it_was_highest():
    series = [charts.Series("Clameurs publiées", "seine-saint-denis", [("2012-03-01", 1234.0)])]
    figure = charts.evolution_figure(series, "mois", "fr", None)
    assert figure["layout"]["title"]["text"] == (
        "Clameurs publiées : au plus haut en mars 2012 (1\u202f234)"
    )


def test_lines_of_one_partner_differ_by_dash_and_marker_not_only_colour():
    series = [
        charts.Series(f"Indicateur {i}", "paris", [("2012-01-01", float(10 - i))]) for i in range(3)
    ]
    figure = charts.evolution_figure(series, "mois", "fr", None)
    dashes = [t["line"]["dash"] for t in figure["data"]]
    symbols = [t["marker"]["symbol"] for t in figure["data"]]
    assert len(set(dashes)) == 3 and len(set(symbols)) == 3
    legend = charts.legend_items(series)
    assert [item[3] for item in legend] == ["●", "■", "◆"]


def test_at_most_six_lines_are_drawn():
    series = [charts.Series(f"I{i}", "paris", [("2012-01-01", 1.0)]) for i in range(9)]
    assert len(charts.evolution_figure(series, "mois", "fr", None)["data"]) == charts.MAX_SERIES


def test_selected_bars_are_ticked_outlined_and_the_others_paled():
    bars = [
        charts.Bar("Paris 11e", 8.0, "territories:75111", "Sessions", "paris", selected=True),
        charts.Bar("Paris 18e", 4.0, "territories:75118", "Sessions", "paris"),
    ]
    figure = charts.bar_figure(bars, "Titre", "fr", None)
    (trace,) = figure["data"]
    assert trace["y"] == ["✓ Paris 11e", "Paris 18e"]
    assert trace["customdata"] == ["territories:75111", "territories:75118"]
    assert trace["marker"]["line"]["width"] == [3, 0]
    assert trace["marker"]["opacity"] == [1.0, 0.4]
    assert trace["text"] == ["8", "4"]
    assert figure["layout"]["showlegend"] is False


def test_comparison_title_names_the_family_and_the_partner_with_the_most():
    bars = [
        charts.Bar("Seine-Saint-Denis", 2.7, "partners:seine-saint-denis", "Seine-Saint-Denis"),
        charts.Bar("Paris", 5.6, "partners:paris", "Paris"),
    ]
    assert charts.comparison_title("Personnes touchées", bars, "fr") == (
        "Personnes touchées, en nombre : le plus, Paris"
    )
    assert charts.comparison_title("Rencontres tenues", bars, "fr", per=1_000_000) == (
        "Rencontres tenues pour 1\u202f000\u202f000 habitants : le plus, Paris"
    )
    assert charts.per_capita_axis(100_000, "en") == "per 100,000 inhabitants"


def test_period_labels():
    assert charts.period_label("2012-03-01", "mois", "fr") == "mars 2012"
    assert charts.period_label("2012-07-01", "trimestre", "en") == "Q3 2012"
    assert charts.period_label("2012-01-01", "annee", "fr") == "2012"


def test_labels_from_the_data_are_inert_in_the_figures():
    hostile = '<a href="javascript:alert(1)">clic</a>'
    series = [charts.Series(hostile, "paris", [("2012-01-01", 1.0)])]
    evolution = charts.evolution_figure(series, "mois", "fr", None)
    assert evolution["data"][0]["name"].startswith("&lt;a href")
    assert "<a" not in evolution["layout"]["title"]["text"]
    bars = [charts.Bar(hostile, 1.0, "territories:75111", hostile, "paris")]
    figure = charts.bar_figure(bars, hostile, "fr", None)
    assert "<a" not in figure["data"][0]["y"][0]
    assert "<a" not in figure["data"][0]["name"]
    assert "<a" not in figure["layout"]["title"]["text"]


def _long_bars() -> list:
    return [
        charts.Bar("Paris 13e arrondissement (75113)", 306.0, "territories:75113", "Participants"),
        charts.Bar("Paris 17e arrondissement (75117)", 262.0, "territories:75117", "Sessions"),
    ]


def test_a_long_title_is_wrapped_not_cut_and_the_figure_grows_with_it():
    title = "Participants aux réunions hybrides par territoire : en tête, Paris 13e (75113)"
    figure = charts.bar_figure(_long_bars(), title, "fr", "Données de démonstration")
    wide = charts.fit(figure)
    phone = charts.fit(figure, compact=True)
    assert wide["layout"]["title"]["text"] == title  # short enough for a wide card
    lines = phone["layout"]["title"]["text"].split("<br>")
    assert len(lines) > 1
    assert max(len(line) for line in lines) <= charts.TITLE_CHARS["compact"]
    assert " ".join(lines) == title  # every word kept
    assert phone["layout"]["height"] > figure["layout"]["height"]
    assert figure["layout"]["title"]["text"] == title  # the original is left untouched


def test_at_phone_width_charts_are_simplified():
    bars = charts.bar_figure(_long_bars(), "Titre", "fr", "Source", axis_title="participants")
    phone = charts.fit(bars, compact=True)["layout"]
    # Two traces: the legend goes under the plot, never between the title and the bars.
    assert phone["showlegend"] is True
    assert phone["legend"]["yanchor"] == "top" and phone["legend"]["y"] < 0
    assert phone["xaxis"]["tickangle"] == 0 and phone["yaxis"]["tickangle"] == 0
    assert all(len(label) <= charts.PHONE_LABEL_CHARS for label in phone["yaxis"]["categoryarray"])
    series = [charts.Series("Clameurs", "seine-saint-denis", [("2012-01-01", 1.0)])]
    evolution = charts.fit(charts.evolution_figure(series, "mois", "fr", None), compact=True)
    assert evolution["layout"]["xaxis"]["tickangle"] == 0
    assert evolution["layout"]["xaxis"]["nticks"] == 4


def test_a_small_rate_keeps_its_digits_on_its_bar():
    bar = charts.Bar("Paris", 0.04, "partners:paris", "Paris", decimals=2)
    figure = charts.bar_figure([bar], "Titre", "fr", None, legend=False)
    assert figure["data"][0]["text"] == ["0,04"]
