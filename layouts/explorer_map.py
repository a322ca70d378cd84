"""The explorer's map: where the shown indicator happened, one territory a click away from the
filter (the callbacks are in callbacks/explorer_map.py)."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.chart_card import data_table
from layouts.figures import graph_config
from layouts.i18n import Messages

MAP_TEXT = Messages(
    {
        "title": ("Carte par territoire", "Map by territory"),
        "hint": (
            "Cliquez sur un territoire pour filtrer par lui (un second clic retire le filtre). "
            "Le tableau sous la carte donne les mêmes valeurs.",
            "Click a territory to filter by it (a second click removes the filter). The table "
            "below the map gives the same values.",
        ),
        "measure": ("Valeur affichée", "Value shown"),
        "absolute": ("Valeur", "Value"),
        "per_capita": ("Pour 10 000 habitants", "Per 10,000 inhabitants"),
        "place": ("Territoire", "Place"),
        "insee": ("Code INSEE", "INSEE code"),
        "population": ("Habitants", "Inhabitants"),
        "none": (
            "Aucune donnée par territoire pour ces filtres.",
            "No data by territory for these filters.",
        ),
        "no_per_capita": (
            "Pour cet indicateur, une valeur par habitant n'a pas de sens : valeurs brutes.",
            "For this indicator a value per inhabitant makes no sense: raw values.",
        ),
        "of": ("{indicator} ({measure})", "{indicator} ({measure})"),
    }
)
MEASURES = ("valeur", "habitants")


def map_section(lang: str) -> html.Section:
    """The map's section, drawn empty: its callback fills it from the explorer's address."""
    return html.Section(
        [
            html.H2(MAP_TEXT("title", lang), className="h4", id=f"{ids.EXPLORER_MAP}-titre"),
            html.P(MAP_TEXT("hint", lang), className="explorer-note"),
            html.Div(
                [
                    dbc.Label(MAP_TEXT("measure", lang), html_for=ids.EXPLORER_MAP_MEASURE),
                    dbc.RadioItems(
                        id=ids.EXPLORER_MAP_MEASURE,
                        options=[
                            {"label": MAP_TEXT("absolute", lang), "value": "valeur"},
                            {"label": MAP_TEXT("per_capita", lang), "value": "habitants"},
                        ],
                        value="valeur",
                        inline=True,
                    ),
                ],
                className="explorer-chart-tools",
            ),
            dcc.Graph(
                id=ids.EXPLORER_MAP,
                config=graph_config(lang, "read"),
                figure={"data": [], "layout": {}},
                className="explorer-graph explorer-map",
            ),
            dcc.Store(id=ids.EXPLORER_MAP_CODES, data=[]),
            html.Div(id=ids.EXPLORER_MAP_DATA),
        ],
        className="explorer-chart",
        **{"aria-labelledby": f"{ids.EXPLORER_MAP}-titre"},
    )


def map_table(
    caption: str, rows: Sequence[Sequence[str]], per_capita: bool, lang: str
) -> html.Details:
    """The map's numbers, ranked: the keyboard's and screen readers' way to the map."""
    headers = [MAP_TEXT("place", lang), MAP_TEXT("insee", lang), caption]
    if per_capita:
        headers.append(MAP_TEXT("population", lang))
    return data_table(caption, headers, rows, lang, numeric_from=2)
