"""The overview's map card: the four partners' territories on one map, with its table."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from data.boundaries import PARTNER_DEPARTMENTS, boundaries
from layouts.chart_card import chart_card, data_table
from layouts.i18n import Messages
from layouts.maps import MAP_WORDS, partners_map

MAP_CARD_TEXT = Messages(
    {
        "title": (
            "Les territoires des quatre partenaires",
            "The four partners' territories",
        ),
        "definition": (
            "Le département où chaque partenaire mène ses actions : Paris et la petite et la "
            "grande couronne. Un territoire hachuré est encore en cours de définition.",
            "The département where each partner runs its actions: Paris and its inner and outer "
            "suburbs. A hatched territory is still being defined.",
        ),
        "partner": ("Partenaire", "Partner"),
        "territory": ("Territoire", "Territory"),
        "defined": ("défini", "defined"),
        "map": ("Carte", "Map"),
    }
)


def overview_map_card(partners: Sequence[dict], colours: dict[str, str], lang: str) -> html.Div:
    """`partners`: {slug, name, short_name, defined} of each partner with a département."""
    bundled = boundaries()
    drawn = [
        {**p, "department": PARTNER_DEPARTMENTS[p["slug"]]}
        for p in partners
        if p["slug"] in PARTNER_DEPARTMENTS
    ]
    figure = partners_map(
        drawn, bundled, lang=lang, colours=colours, source=bundled.source_line(lang), height=460
    )
    title = MAP_CARD_TEXT("title", lang)
    table = data_table(
        title,
        [
            MAP_CARD_TEXT("partner", lang),
            MAP_CARD_TEXT("territory", lang),
            MAP_CARD_TEXT("map", lang),
        ],
        [
            [
                p["name"],
                bundled.places[p["department"]].name,
                MAP_CARD_TEXT("defined", lang)
                if p["defined"]
                else MAP_WORDS("being_defined", lang),
            ]
            for p in drawn
        ],
        lang,
        numeric_from=3,
    )
    return chart_card(
        "carte-partenaires", title, MAP_CARD_TEXT("definition", lang), figure, table, lang
    )
