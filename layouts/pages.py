"""Page bodies of the first version: each page's title and live figures from the store.

Richer pages replace these one by one (partner pages, explorer, data, presentation mode).
"""

from __future__ import annotations

from dash import dcc, html

from layouts.components import figure_row, key_figure, page_header
from layouts.i18n import COMMON, Messages, format_number

PAGE_TEXT = Messages(
    {
        "explorer_title": ("Explorateur des indicateurs", "Indicator explorer"),
        "explorer_lead": (
            "Filtrer, comparer les partenaires et exporter les chiffres.",
            "Filter, compare partners and export the figures.",
        ),
        "data_title": ("Données et qualité", "Data and quality"),
        "data_lead": (
            "Catalogue des indicateurs, fraîcheur des données et chargements.",
            "Indicator catalogue, data freshness and loads.",
        ),
        "indicator_count": ("indicateurs suivis", "indicators followed"),
    }
)


def simple_page(key: str, summary, lang: str) -> html.Div:
    return html.Div(
        [
            page_header(PAGE_TEXT(f"{key}_title", lang), PAGE_TEXT(f"{key}_lead", lang)),
            figure_row(
                [
                    key_figure(
                        format_number(summary.indicators, lang), PAGE_TEXT("indicator_count", lang)
                    ),
                    key_figure(
                        format_number(summary.observations, lang), COMMON("observations", lang)
                    ),
                    key_figure(format_number(summary.events, lang), COMMON("events", lang)),
                    key_figure(format_number(summary.outcomes, lang), COMMON("outcomes", lang)),
                ]
            ),
        ]
    )


def not_found(lang: str) -> html.Div:
    return html.Div(
        [
            page_header(COMMON("not_found_title", lang), COMMON("not_found_text", lang)),
            dcc.Link(COMMON("back_home", lang), href="/"),
        ]
    )
