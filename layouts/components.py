"""Small building blocks shared by every page."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html


def html_element(tag: str, children, class_name: str | None = None, **attributes) -> dict:
    """An html component as the JSON Dash sends it, for the most numerous nodes of a page (the
    cells of its data tables): building a Component object validates its arguments and costs
    about ten times more, for the same JSON. Attributes left as None are left out."""
    props: dict = {} if children is None else {"children": children}
    if class_name:
        props["className"] = class_name
    props.update((name, value) for name, value in attributes.items() if value is not None)
    return {"type": tag, "namespace": "dash_html_components", "props": props}


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


def form_message(text: str | None, colour: str):
    """A form's answer (« enregistré », or why not) above its section; nothing when there is none."""
    return dbc.Alert(text, color=colour, className="mt-2 mb-2") if text else None
