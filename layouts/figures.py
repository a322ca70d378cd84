"""Shared figure plumbing: partner colours, a lean layout and the graph configuration.

Figures are plain dicts (no plotly.express, no template object): small JSON payloads and fast to
build. Every builder takes plain rows and returns a figure; none does I/O.
"""

from __future__ import annotations

from layouts.i18n import COMMON

# Okabe–Ito, a colour-blind-safe palette: one colour per partner, the same everywhere.
PARTNER_COLOURS = {
    "paris": "#0072B2",
    "seine-saint-denis": "#D55E00",
    "val-de-marne": "#009E73",
    "essonne": "#CC79A7",
    "programme": "#4D4D4D",
}
ACCENT = "#0b5394"
GRID = "#e5e8ec"
INK = "#1d2733"
MUTED = "#4d5866"
FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
# Plotly's own separators: decimal then thousands (French: `1 234,5`).
SEPARATORS = {"fr": ",\u202f", "en": ".,"}


def partner_colour(slug: str) -> str:
    return PARTNER_COLOURS.get(slug, ACCENT)


def graph_config(lang: str) -> dict:
    """The `config` of every dcc.Graph: French locale, no logo, a lean mode bar."""
    return {
        "locale": lang,
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    }


def base_layout(title: str, lang: str, source: str | None = None, height: int = 320) -> dict:
    """The layout every chart starts from: a title that states the finding, light gridlines,
    and the source line (« Données de démonstration » while they are)."""
    layout: dict = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16, "color": INK}},
        "font": {"family": FONT_FAMILY, "size": 13, "color": INK},
        "separators": SEPARATORS.get(lang, SEPARATORS["fr"]),
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 48, "r": 16, "t": 56, "b": 56 if source else 40},
        "height": height,
        "showlegend": False,
        "xaxis": {"gridcolor": GRID, "linecolor": GRID, "zeroline": False, "fixedrange": True},
        "yaxis": {"gridcolor": GRID, "linecolor": GRID, "zeroline": False, "fixedrange": True},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
    if source:
        layout["annotations"] = [
            {
                "text": COMMON("source", lang, source=source),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -44,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 11, "color": MUTED},
            }
        ]
    return layout
