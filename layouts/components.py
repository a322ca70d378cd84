"""Small building blocks shared by every page."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html


def page_header(title: str, lead: str | None = None, kicker: str | None = None) -> html.Div:
    return html.Div(
        [
            html.P(kicker, className="page-kicker") if kicker else None,
            html.H1(title, className="page-title"),
            html.P(lead, className="lead page-lead") if lead else None,
        ],
        className="page-header",
    )


def key_figure(value: str, label: str, detail: str | None = None) -> dbc.Card:
    """A headline number with its plain-French label (the number is the biggest thing on it)."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.P(value, className="key-figure-value"),
                html.P(label, className="key-figure-label"),
                html.P(detail, className="key-figure-detail") if detail else None,
            ]
        ),
        className="key-figure h-100",
    )


def figure_row(cards: list) -> dbc.Row:
    return dbc.Row(
        [dbc.Col(card, xs=12, sm=6, lg=3, className="mb-3") for card in cards],
        className="key-figures",
    )
