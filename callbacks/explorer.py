"""The explorer's wiring: the page from its URL, one callback for every change, the exports.

The URL is the view: the page is built from its query string (first visit, reload, back and
forward buttons all go through Dash Pages' router), and every change made on the page writes the
new query string back (dcc.Location with refresh=False, so no reload). One callback reads the
controls once (callbacks.explorer_controls), applies what was clicked, validates everything on
the server and answers the whole view (callbacks.explorer_view), each output by name.
"""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from callbacks.answer_cache import keep_answer
from callbacks.context import connect, current_language
from callbacks.explorer_controls import controls, state_after
from callbacks.explorer_exports import export
from callbacks.explorer_reference import allowed, reference
from callbacks.explorer_view import GRAPHS, compute_view
from layouts import explorer as layout
from layouts import ids
from layouts.explorer_filters import preset_buttons
from layouts.explorer_state import from_controls, parse_query, to_query
from layouts.figures import empty_figure

# Buttons drawn again with each answer: a callback they fire without a click is ignored.
REDRAWN_BUTTONS = (ids.EXPLORER_CHIP, ids.EXPLORER_SORT_BUTTON, ids.EXPLORER_PRESET)
COMPACT = "compact"
# The browser says once whether the screen is a phone's (the server cannot know): the charts
# are then simplified (callbacks.explorer_view, layouts.explorer_charts.fit).
SCREEN_SCRIPT = """
function (_id) {
    return window.innerWidth < 576 ? "compact" : window.dash_clientside.no_update;
}
"""


def page(**query):
    """The explorer as its URL describes it (Dash Pages passes the query string's values)."""
    lang = current_language()
    with connect() as connection:
        ref = reference(connection)
        state = parse_query(query, allowed(ref))
        view = compute_view(connection, state, ref, lang)
    return layout.page(state, view, lang)


def _control_inputs(kind=Input) -> dict:
    return dict(
        start=kind(ids.EXPLORER_START, "value"),
        end=kind(ids.EXPLORER_END, "value"),
        grain=kind(ids.EXPLORER_GRAIN, "value"),
        breakdown=kind(ids.EXPLORER_BREAKDOWN, "value"),
        detail=kind(ids.EXPLORER_DETAIL, "value"),
        filter_values=kind(ids.indexed(ids.EXPLORER_FILTER, ALL), "value"),
        focus=kind(ids.EXPLORER_FOCUS, "value"),
        compare=kind(ids.EXPLORER_COMPARE, "value"),
    )


VIEW_OUTPUTS = dict(
    start=Output(ids.EXPLORER_START, "value"),
    end=Output(ids.EXPLORER_END, "value"),
    grain=Output(ids.EXPLORER_GRAIN, "value"),
    breakdown=Output(ids.EXPLORER_BREAKDOWN, "value"),
    detail=Output(ids.EXPLORER_DETAIL, "value"),
    filter_values=Output(ids.indexed(ids.EXPLORER_FILTER, ALL), "value"),
    focus_options=Output(ids.EXPLORER_FOCUS, "options"),
    focus=Output(ids.EXPLORER_FOCUS, "value"),
    compare=Output(ids.EXPLORER_COMPARE, "value"),
    filter_options=Output(ids.indexed(ids.EXPLORER_FILTER, ALL), "options"),
    presets=Output(ids.EXPLORER_PRESETS, "children"),
    sort=Output(ids.EXPLORER_SORT, "data"),
    search=Output(ids.EXPLORER_URL, "search"),
    notices=Output(ids.EXPLORER_NOTICES, "children"),
    chips=Output(ids.EXPLORER_CHIPS, "children"),
    summary=Output(ids.EXPLORER_SUMMARY, "children"),
    empty=Output(ids.EXPLORER_EMPTY, "children"),
    results_class=Output(ids.EXPLORER_RESULTS, "className"),
    figures={graph: Output(graph, "figure") for graph in GRAPHS},
    clicks={graph: Output(graph, "clickData") for graph in GRAPHS},
    chart_data=Output(ids.indexed(ids.EXPLORER_CHART_DATA, ALL), "children"),
    comparison_note=Output(ids.EXPLORER_COMPARISON_NOTE, "children"),
    table=Output(ids.EXPLORER_TABLE, "children"),
)


def _ids_of(outputs: object) -> list:
    """The indexes of a wildcard output's components, as the page drew them."""
    return [item["id"]["index"] for item in outputs] if isinstance(outputs, list) else []


def register(app: dash.Dash) -> None:
    app.clientside_callback(
        SCREEN_SCRIPT, Output(ids.EXPLORER_SCREEN, "data"), Input(ids.EXPLORER_SCREEN, "id")
    )

    @app.callback(
        output=VIEW_OUTPUTS,
        inputs=dict(
            **_control_inputs(),
            clicks={graph: Input(graph, "clickData") for graph in GRAPHS},
            chips=Input(ids.indexed(ids.EXPLORER_CHIP, ALL), "n_clicks"),
            sort_buttons=Input(ids.indexed(ids.EXPLORER_SORT_BUTTON, ALL), "n_clicks"),
            presets=Input(ids.indexed(ids.EXPLORER_PRESET, ALL), "n_clicks"),
            reset=Input(ids.EXPLORER_RESET, "n_clicks"),
            screen=Input(ids.EXPLORER_SCREEN, "data"),
        ),
        state=dict(sort_data=State(ids.EXPLORER_SORT, "data")),
        prevent_initial_call=True,
    )
    def update_explorer(clicks, chips, sort_buttons, presets, reset, screen, sort_data, **posted):
        trigger = ctx.triggered_id
        triggered_value = ctx.triggered[0]["value"] if ctx.triggered else None
        if (
            isinstance(trigger, dict)
            and trigger.get("type") in REDRAWN_BUTTONS
            and not triggered_value
        ):
            raise PreventUpdate  # a chip, a header or a preset was (re)drawn, not clicked
        if isinstance(trigger, str) and trigger in GRAPHS and not triggered_value:
            raise PreventUpdate  # our own reset of clickData
        # A view of the posted controls for this viewer's class: the same question gets the
        # same answer until the data change.
        keep_answer()
        filter_ids = _ids_of(ctx.outputs_grouping["filter_values"])
        values = controls(filter_ids, sort_data=sort_data, **posted)
        lang = current_language()
        with connect() as connection:
            ref = reference(connection)
            rules = allowed(ref)
            state, extra = state_after(
                trigger, values, clicks if isinstance(clicks, dict) else {}, rules
            )
            view = compute_view(
                connection, state, ref, lang, extra_notices=extra, compact=screen == COMPACT
            )
        # The screen's width was just told: the view is the page's own, only laid out again.
        # What the page said about its address stays (the controls no longer carry it).
        relaid = trigger == ids.EXPLORER_SCREEN
        return dict(
            start=state.start.isoformat(),
            end=state.end.isoformat(),
            grain=state.grain,
            breakdown=state.breakdown,
            detail=state.detail,
            filter_values=[list(getattr(state, field)) for field in filter_ids],
            focus_options=view.focus_options,
            focus=view.focus or layout.FOCUS_AUTO,
            compare=state.compare,
            filter_options=[view.options.get(field, []) for field in filter_ids],
            presets=preset_buttons(state, lang),
            sort={"sort": state.sort, "desc": state.descending},
            search=to_query(state),
            notices=dash.no_update if relaid else view.notices,
            chips=view.chips,
            summary=view.summary,
            empty=view.empty,
            results_class=view.results_class,
            figures={graph: view.figures.get(graph, empty_figure("", lang)) for graph in GRAPHS},
            clicks={graph: None for graph in GRAPHS},
            chart_data=[
                view.chart_data.get(graph, [])
                for graph in _ids_of(ctx.outputs_grouping["chart_data"])
            ],
            comparison_note=view.comparison_note,
            table=view.table,
        )

    @app.callback(
        output=Output(ids.EXPLORER_DOWNLOAD, "data"),
        inputs=dict(
            csv=Input(ids.EXPLORER_CSV, "n_clicks"),
            xlsx=Input(ids.EXPLORER_XLSX, "n_clicks"),
        ),
        state=dict(**_control_inputs(State), sort_data=State(ids.EXPLORER_SORT, "data")),
        prevent_initial_call=True,
    )
    def download(csv, xlsx, sort_data, **posted):
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        filter_ids = _ids_of(ctx.args_grouping["filter_values"])
        values = controls(filter_ids, sort_data=sort_data, **posted)
        lang = current_language()
        with connect() as connection:
            state = from_controls(values, allowed(reference(connection)))
        kind = "csv" if ctx.triggered_id == ids.EXPLORER_CSV else "xlsx"
        return export(state, kind, lang)
