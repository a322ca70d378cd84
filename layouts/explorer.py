"""The explorer page: its frame (filters beside the results), the charts' cards, the table's
section, and the short texts of its view (summary, empty state, the breakdown's indicator choice).

Pure component trees: callbacks hand in plain values (the filter state, a `View` of everything
that follows the filters) and get components back. The filter panel, the chips and notices
(layouts.explorer_filters), what goes under each chart (layouts.explorer_chart_data) and the
table (layouts.explorer_table) have their own modules; the words are in layouts.explorer_text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.indicator_families import FAMILIES
from layouts import explorer_map, ids
from layouts.components import page_header
from layouts.copy_link import copy_link_button
from layouts.explorer_filters import filter_panel
from layouts.explorer_state import BREAKDOWNS, DETAILS, ExplorerState
from layouts.explorer_text import EXPLORER_TEXT, detail_label, dimension_label
from layouts.figures import graph_config
from layouts.i18n import format_date, format_number

# The breakdown chart's "automatic" indicator choice (a select cannot show an empty value).
FOCUS_AUTO = "auto"


@dataclass
class View:
    """Every part of the page that follows the filters, ready to be placed or sent back."""

    options: dict[str, list[dict]]
    notices: list
    chips: list
    summary: str
    empty: list
    results_class: str
    figures: dict[str, dict]  # graph id -> figure
    chart_data: dict[str, list]  # graph id -> its data table (text alternative)
    comparison_note: str
    table: list
    focus_options: list[dict]
    focus: str


def page(state: ExplorerState, view: View, lang: str) -> html.Div:
    """The whole page, filled with the view the callback would send for the same state."""
    breakdown_select = html.Div(
        [
            dbc.Label(
                EXPLORER_TEXT("breakdown_by", lang),
                html_for=ids.EXPLORER_BREAKDOWN,
                className="me-2",
            ),
            dbc.Select(
                id=ids.EXPLORER_BREAKDOWN,
                options=[{"label": dimension_label(d, lang), "value": d} for d in BREAKDOWNS],
                value=state.breakdown,
                className="explorer-select",
            ),
        ],
        className="explorer-inline-control",
    )
    focus_select = html.Div(
        [
            dbc.Label(EXPLORER_TEXT("focus", lang), html_for=ids.EXPLORER_FOCUS, className="me-2"),
            dbc.Select(
                id=ids.EXPLORER_FOCUS,
                options=view.focus_options,
                value=view.focus or FOCUS_AUTO,
                className="explorer-select explorer-select-wide",
            ),
        ],
        className="explorer-inline-control",
    )
    detail_select = html.Div(
        [
            dbc.Label(
                EXPLORER_TEXT("detail", lang), html_for=ids.EXPLORER_DETAIL, className="me-2"
            ),
            dbc.Select(
                id=ids.EXPLORER_DETAIL,
                options=[{"label": detail_label(d, lang), "value": d} for d in DETAILS],
                value=state.detail,
                className="explorer-select",
            ),
        ],
        className="explorer-inline-control",
    )
    results = html.Div(
        [
            html.P(EXPLORER_TEXT("click_hint", lang), className="explorer-hint"),
            chart_card(ids.EXPLORER_EVOLUTION, EXPLORER_TEXT("evolution", lang), view, lang),
            chart_card(
                ids.EXPLORER_BREAKDOWN_GRAPH,
                EXPLORER_TEXT("breakdown", lang),
                view,
                lang,
                html.Div([breakdown_select, focus_select], className="explorer-chart-tools"),
            ),
            explorer_map.map_section(lang),
            html.Section(
                [
                    html.H2(EXPLORER_TEXT("comparison", lang), className="h4"),
                    html.Div(
                        html.Div(
                            [
                                dbc.Label(
                                    EXPLORER_TEXT("compare_by", lang),
                                    html_for=ids.EXPLORER_COMPARE,
                                    className="me-2",
                                ),
                                dbc.Select(
                                    id=ids.EXPLORER_COMPARE,
                                    options=[
                                        {"label": f.label(lang), "value": f.code} for f in FAMILIES
                                    ],
                                    value=state.compare,
                                    className="explorer-select",
                                ),
                            ],
                            className="explorer-inline-control",
                        ),
                        className="explorer-chart-tools",
                    ),
                    html.P(
                        view.comparison_note,
                        id=ids.EXPLORER_COMPARISON_NOTE,
                        className="explorer-note",
                    ),
                    _graph_block(ids.EXPLORER_COMPARISON, view, lang),
                    _graph_block(ids.EXPLORER_PER_CAPITA, view, lang),
                ],
                className="explorer-chart",
                **{"aria-label": EXPLORER_TEXT("comparison", lang)},
            ),
            html.Section(
                [
                    html.H2(EXPLORER_TEXT("table", lang), className="h4"),
                    html.Div(
                        [
                            detail_select,
                            html.Div(
                                [
                                    html.Button(
                                        EXPLORER_TEXT("export_csv", lang),
                                        id=ids.EXPLORER_CSV,
                                        type="button",
                                        className="btn btn-primary btn-sm",
                                    ),
                                    html.Button(
                                        EXPLORER_TEXT("export_xlsx", lang),
                                        id=ids.EXPLORER_XLSX,
                                        type="button",
                                        className="btn btn-outline-primary btn-sm",
                                    ),
                                ],
                                className="explorer-exports",
                            ),
                        ],
                        className="explorer-table-tools",
                    ),
                    html.P(EXPLORER_TEXT("export_note", lang), className="explorer-note"),
                    loading(html.Div(view.table, id=ids.EXPLORER_TABLE), lang),
                    dcc.Download(id=ids.EXPLORER_DOWNLOAD),
                ],
                className="explorer-table-section",
                **{"aria-label": EXPLORER_TEXT("table", lang)},
            ),
        ],
        id=ids.EXPLORER_RESULTS,
        className=view.results_class,
    )
    return html.Div(
        [
            dcc.Location(id=ids.EXPLORER_URL, refresh=False),
            dcc.Store(id=ids.EXPLORER_SORT, data={"sort": state.sort, "desc": state.descending}),
            dcc.Store(id=ids.EXPLORER_SCREEN, data=""),
            page_header(EXPLORER_TEXT("title", lang), EXPLORER_TEXT("lead", lang)),
            copy_link_button(lang),
            # Above the filters, so that what was ignored in the address is read first, on a
            # phone too (where the filters come before the results).
            html.Div(view.notices, id=ids.EXPLORER_NOTICES, role="status"),
            dbc.Row(
                [
                    dbc.Col(filter_panel(state, view.options, lang), lg=3, className="mb-3"),
                    dbc.Col(
                        [
                            html.Section(
                                [
                                    html.H2(EXPLORER_TEXT("active_filters", lang), className="h5"),
                                    html.Div(view.chips, id=ids.EXPLORER_CHIPS),
                                ],
                                className="explorer-active",
                                **{"aria-label": EXPLORER_TEXT("active_filters", lang)},
                            ),
                            html.P(
                                view.summary, id=ids.EXPLORER_SUMMARY, className="explorer-summary"
                            ),
                            html.Div(view.empty, id=ids.EXPLORER_EMPTY, role="status"),
                            results,
                        ],
                        lg=9,
                    ),
                ]
            ),
        ],
        className="explorer",
    )


def loading(children, lang: str) -> dcc.Loading:
    """A loading state while the view is computed: the old content stays in place, paled, under
    a spinner (no layout shift); shown only when the answer takes more than a moment."""
    return dcc.Loading(
        children,
        type="circle",
        delay_show=300,
        overlay_style={"visibility": "visible", "opacity": 0.45},
        className="explorer-loading",
        custom_spinner=html.Span(
            EXPLORER_TEXT("loading", lang), className="explorer-loading-text", role="status"
        ),
    )


def chart_card(graph_id: str, heading: str, view: View, lang: str, extra=None) -> html.Section:
    return html.Section(
        [
            html.H2(heading, className="h4"),
            extra,
            _graph_block(graph_id, view, lang),
        ],
        className="explorer-chart",
        **{"aria-label": heading},
    )


def _graph_block(graph_id: str, view: View, lang: str) -> html.Div:
    figure = view.figures.get(graph_id, {"data": [], "layout": {}})
    height = figure.get("layout", {}).get("height")
    return html.Div(
        [
            loading(
                # The chart's box is kept until it is drawn, so nothing below it moves (the
                # graph's own box is empty until its code arrives); a floor, not a height: a
                # later view may be taller or shorter (released once drawn,
                # assets/plotly-on-demand.js).
                html.Div(
                    dcc.Graph(
                        id=graph_id,
                        config=graph_config(lang),
                        figure=figure,
                        className="explorer-graph",
                    ),
                    className="graph-reserve",
                    style={"minHeight": f"{height}px"} if height else None,
                ),
                lang,
            ),
            html.Div(
                view.chart_data.get(graph_id, []),
                id=ids.indexed(ids.EXPLORER_CHART_DATA, graph_id),
            ),
        ]
    )


def empty_message(lang: str, being_defined: Sequence[str] = ()) -> list:
    """Why nothing is shown: the chosen partners are still defining their implementation (as
    their own pages say), or the filters match no figure."""
    if being_defined:
        text = EXPLORER_TEXT("empty_being_defined", lang, names=", ".join(being_defined))
    else:
        text = EXPLORER_TEXT("empty", lang)
    return [html.P(text, className="explorer-empty")]


def summary_text(
    n_indicators: int,
    n_partners: int,
    start: dt.date,
    end: dt.date,
    lang: str,
    programme: bool = False,
) -> str:
    """« 23 indicateurs, 3 partenaires et le programme, du … au … »: the programme (its
    colloquium) is not counted as a partner."""
    if programme and n_partners == 0:
        partners = EXPLORER_TEXT("programme_only", lang)
    elif programme:
        partners = EXPLORER_TEXT(
            "and_programme", lang, partners=_count("n_partners", n_partners, lang)
        )
    else:
        partners = _count("n_partners", n_partners, lang)
    return EXPLORER_TEXT(
        "summary",
        lang,
        indicators=_count("n_indicators", n_indicators, lang),
        partners=partners,
        start=format_date(start, lang),
        end=format_date(end, lang),
    )


def _count(key: str, n: int, lang: str) -> str:
    return (
        EXPLORER_TEXT(f"{key}_one", lang)
        if n == 1
        else EXPLORER_TEXT(key, lang, n=format_number(n, lang))
    )


def focus_options(candidates: Sequence[tuple[str, str]], lang: str) -> list[dict]:
    """The breakdown chart's indicator choice: automatic (the largest), or one of them."""
    return [{"label": EXPLORER_TEXT("focus_auto", lang), "value": FOCUS_AUTO}] + [
        {"label": label, "value": code} for code, label in candidates
    ]
