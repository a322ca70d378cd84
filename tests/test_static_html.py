"""A layout written out as static HTML (layouts/static_html.py): what the browser would show,
escaped, with nothing that acts and no id shared with the page Dash draws."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import orjson
from dash import dcc, html

from callbacks.page_cache import page_json
from layouts.static_html import to_html
from layouts.table_body import ROWS_ATTRIBUTE, table_body

HOSTILE = '</script><script>alert(1)</script><img src=x onerror="alert(2)">{%scripts%}'


def written(layout) -> str:
    return str(to_html(orjson.loads(page_json(layout))))


def test_hostile_text_is_written_as_text():
    page = written(
        html.Div(
            [
                html.P(HOSTILE, className="interpretation"),
                html.Span(HOSTILE, title=HOSTILE, **{"aria-label": HOSTILE}),
            ]
        )
    )
    assert "<script" not in page and "</script" not in page and "<img" not in page
    assert (
        page.count("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") == 4
    )  # 2 texts, 2 attributes
    assert "onerror=&#34;alert(2)&#34;" in page  # an attribute's quotes cannot close it
    assert "onerror=" not in page.replace("onerror=&#34;", "")


def test_only_listed_tags_and_attributes_are_written():
    raw = {
        "namespace": "dash_html_components",
        "type": "Div",
        "props": {
            "onClick": "alert(1)",
            "onmouseover": "alert(2)",
            "dangerouslySetInnerHTML": {"__html": "<b>x</b>"},
            "data-role": "kept",
            "aria-hidden": True,
            "n_clicks": 3,
            "children": [
                {"namespace": "dash_html_components", "type": "Script", "props": {"children": "x"}},
                {"namespace": "dash_html_components", "type": "Iframe", "props": {"src": "/"}},
                {"namespace": "dash_html_components", "type": "Style", "props": {"children": "*"}},
                {"namespace": "dash_html_components", "type": "Base", "props": {"href": "//e"}},
            ],
        },
    }
    page = str(to_html(raw))
    assert page == '<div data-role="kept" aria-hidden="true"></div>'


def test_links_lead_only_to_web_addresses():
    page = written(
        html.Div(
            [
                html.A("a", href="javascript:alert(1)"),
                html.A("b", href=" JaVaScRiPt:alert(1)"),
                html.A("c", href="java\tscript:alert(1)"),
                html.A("d", href="data:text/html,<script>alert(1)</script>"),
                dcc.Link("e", href="vbscript:msgbox"),
                html.A("f", href="/partenaires/paris?debut=2012-01"),
                html.A("g", href="https://example.org/"),
                html.A("h", href="mailto:contact@example.org"),
            ]
        )
    )
    assert "script:" not in page.lower() and "data:" not in page
    assert page.count("href=") == 3
    assert 'href="/partenaires/paris?debut=2012-01"' in page


def test_ids_and_every_reference_to_them_are_prefixed():
    page = written(
        html.Div(
            [
                html.A("Aller au contenu", href="#contenu", className="skip-link"),
                html.Main(html.H1("Titre", id="titre"), id="contenu"),
                html.Div(role="img", **{"aria-labelledby": "titre note"}),
                html.Button(id="info", **{"aria-describedby": "info-texte"}),
                html.Label("Du", htmlFor="debut"),
                dbc.Label("Au", html_for="fin"),
                html.Div(id={"type": "filtre", "index": "partners"}),
            ]
        )
    )
    assert 'href="#statique-contenu"' in page
    assert 'id="statique-contenu"' in page and 'id="statique-titre"' in page
    assert 'aria-labelledby="statique-titre statique-note"' in page
    assert 'aria-describedby="statique-info-texte"' in page
    assert 'for="statique-debut"' in page and 'for="statique-fin"' in page
    # A pattern-matching id is left out, with nothing referring to it.
    assert "filtre" not in page
    assert 'id="contenu"' not in page and 'id="titre"' not in page


def test_style_is_written_as_react_writes_it():
    page = written(
        html.Div(
            style={
                "minHeight": 360,
                "opacity": 0.45,
                "--figure-height": "320px",
                "zIndex": 2,
                "width": '1px"><script>',
                "bad name": "x",
            }
        )
    )
    assert "min-height: 360px; opacity: 0.45; --figure-height: 320px; z-index: 2;" in page
    assert "<script" not in page and "bad" not in page


def test_components_that_draw_nothing_here_are_left_out():
    page = written(
        html.Div(
            [
                dcc.Store(id="s", data={"secret": "x"}),
                dcc.Location(id="l"),
                dcc.Interval(id="i"),
                dcc.Download(id="d"),
                dbc.Tooltip("aide", target="x"),
                dbc.Modal("dialogue", id="m", is_open=False),
                dbc.Alert("fermée", is_open=False),
            ]
        )
    )
    assert page == "<div></div>"


def test_a_chart_is_an_empty_box_of_its_reserved_size():
    figure = {"data": [{"type": "bar", "y": [1, 2]}], "layout": {"height": 320}}
    page = written(
        dcc.Graph(figure=figure, className="chart-graph", style={"height": "320px"}, id="g")
    )
    assert page == (
        '<div id="statique-g" class="chart-graph dash-graph" style="height: 320px;"></div>'
    )


def test_a_body_whose_rows_the_browser_builds_is_written_with_those_rows():
    rows = [["Paris", "1\u202f234"], [HOSTILE, "< 5"]]
    page = written(
        html.Table([html.Thead(html.Tr(html.Th("Valeur"))), table_body(rows, [None, "text-end"])])
    )
    # The rows as the browser builds them (assets/data-tables.js), text escaped.
    assert '<tr><td>Paris</td><td class="text-end">1\u202f234</td></tr>' in page
    assert '<td class="text-end">&lt; 5</td></tr></tbody></table>' in page
    assert "<script" not in page and page.count("<tr>") == 3
    # An attribute that is not rows writes an empty body, as the browser would leave it.
    empty = written(html.Tbody(**{ROWS_ATTRIBUTE: "[not rows"}))
    assert empty == '<tbody data-table-rows="[not rows"></tbody>'


def test_bootstrap_components_are_drawn_as_bootstrap_draws_them():
    page = written(
        dbc.Container(
            dbc.Row(
                [
                    dbc.Col(dbc.Card(dbc.CardBody("carte")), xs=12, sm=6, lg=3, className="mb-3"),
                    dbc.Col(dbc.Alert("note", color="info")),
                ],
                className="g-2",
            ),
            fluid="lg",
        )
    )
    assert page.startswith('<div class="container-lg"><div class="g-2 row">')
    assert '<div class="mb-3 col-lg-3 col-sm-6 col-12"><div class="card">' in page
    assert '<div class="card-body">carte</div>' in page
    assert '<div class="col"><div class="alert alert-info fade show" role="alert">note' in page


def test_form_controls_show_their_value_and_cannot_be_used_before_dash_runs():
    page = written(
        html.Div(
            [
                dbc.Select(
                    id="debut",
                    options=[{"label": "janvier", "value": "01"}, {"label": "mars", "value": "03"}],
                    value="03",
                ),
                dbc.RadioItems(
                    id="pas", options=[{"label": "Mois", "value": "m"}], value="m", inline=True
                ),
                dbc.Checklist(id="p", options=[{"label": "<Paris>", "value": "paris"}], value=[]),
                dbc.Button("Afficher", id="ok"),
            ]
        )
    )
    assert '<option value="03" selected>mars</option>' in page
    assert '<option value="01">janvier</option>' in page
    assert '<div class="form-check form-check-inline"><input id="statique-choix-1"' in page
    assert 'type="radio" value="m" checked inert><label class="form-check-label" ' in page
    assert 'for="statique-choix-1">Mois</label>' in page
    assert "&lt;Paris&gt;" in page and 'value="paris" inert>' in page
    assert page.count(" inert") == 4
    assert '<button id="statique-ok" class="btn-primary btn" type="button" inert>' in page
