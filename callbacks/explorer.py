"""The explorer's wiring: the page from its URL, one callback for every change, the exports.

The URL is the view: the page is built from its query string (first visit, reload, back and
forward buttons all go through Dash Pages' router), and every change made on the page writes the
new query string back (dcc.Location with refresh=False, so no reload). A single callback reads
the controls, applies what was clicked (a chart, a chip, a column header), validates everything on
the server and answers with the whole view: one aggregate query per chart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import replace

import dash
import flask
from dash import ALL, Input, Output, State, ctx, html
from dash.exceptions import PreventUpdate
from sqlalchemy import Connection

from callbacks import context
from callbacks.context import aggregate_for_viewer, connect, current_language, current_viewer
from callbacks.context import viewer_filter as restrict_to_viewer
from data import explorer as explorer_data
from data import privacy, publication, queries
from data.explorer_export import csv_bytes, xlsx_bytes
from data.reference import YEAR_END, YEAR_START
from layouts import explorer as layout
from layouts import explorer_charts as charts
from layouts import ids
from layouts.explorer_state import (
    DEFAULT_STATE,
    LIST_PARAMETERS,
    Allowed,
    ExplorerState,
    Notice,
    from_controls,
    parse_query,
    to_query,
)
from layouts.i18n import COMMON, Messages, data_date_text, format_date
from layouts.sentences import youth_grid_notice

FILTER_FIELDS = tuple(LIST_PARAMETERS.values())
GRAPHS = (
    ids.EXPLORER_EVOLUTION,
    ids.EXPLORER_BREAKDOWN_GRAPH,
    ids.EXPLORER_COMPARISON,
    ids.EXPLORER_PER_CAPITA,
)
NUMERIC_SORTS = ("valeur", "habitants")

M = Messages(
    {
        "value": ("Valeur", "Value"),
        "period": ("Période", "Period"),
        "indicator": ("Indicateur", "Indicator"),
        "partner": ("Partenaire", "Partner"),
        "unit": ("Unité", "Unit"),
        "sheet": ("Explorateur", "Explorer"),
        "about": ("À propos", "About"),
        "about_view": ("Vue", "View"),
        "about_exported": ("Exporté le", "Exported on"),
        # The data date, in the words of every page (data.publication.data_date).
        "about_data_date": ("Données au", "Data as of"),
        "about_source": ("Source", "Source"),
        "about_rule": ("Règle d'agrégation", "Aggregation rule"),
        "about_rule_text": (
            "Chaque indicateur suit sa propre règle (somme, dernière valeur cumulée ou moyenne) ; "
            "les indicateurs ne s'additionnent pas entre eux.",
            "Each indicator follows its own rule (sum, latest cumulative value or mean); "
            "indicators are never added together.",
        ),
        "about_population": ("Populations", "Populations"),
        "programme_source": (
            "Programme Innovations democraTIC",
            "Innovations democraTIC programme",
        ),
    }
)


# --- reading the store


def _allowed(reference: explorer_data.Reference) -> Allowed:
    return Allowed(**reference.allowed())


# Reference labels per (store, data version): a handful of small tables, read once per version
# rather than on every callback (loads, undos and approvals change the version).
_REFERENCES: OrderedDict[tuple[str, str], tuple[explorer_data.Reference, bool]] = OrderedDict()
_REFERENCES_KEPT = 8


def _reference_and_demo(connection: Connection) -> tuple[explorer_data.Reference, bool]:
    if not flask.has_app_context():
        return explorer_data.load_reference(connection), explorer_data.is_demonstration(connection)
    key = (
        context.resources().engine.url.render_as_string(hide_password=True),
        context.data_version_of_request(connection),
    )
    found = _REFERENCES.get(key)
    if found is None:
        found = (
            explorer_data.load_reference(connection),
            explorer_data.is_demonstration(connection),
        )
        _REFERENCES[key] = found
        while len(_REFERENCES) > _REFERENCES_KEPT:
            _REFERENCES.popitem(last=False)
    return found


def _reference(connection: Connection) -> explorer_data.Reference:
    return _reference_and_demo(connection)[0]


def _source(connection, lang: str) -> str:
    if _reference_and_demo(connection)[1]:
        return COMMON("demo_data", lang)
    return M("programme_source", lang)


def _existing_combinations(
    connection: Connection, flt: queries.ObservationFilter
) -> list[explorer_data.Combination]:
    """`existing_combinations`, kept in the shared cache under the data version (a load, undo
    or approval changes the version, so a stale entry is never read)."""
    cache = context.resources().cache if flask.has_app_context() else None
    if cache is None:
        return explorer_data.existing_combinations(connection, flt)
    # The answer depends on the months the period touches, not its days (see
    # existing_combinations): any day of the same months shares the entry.
    question = json.dumps(
        [context.data_version_of_request(connection), explorer_data.month_scope(flt).as_key()]
    )
    key = f"{context.resources().cache_prefix}:explorer-facets:{hashlib.sha256(question.encode()).hexdigest()}"
    payload = cache.get(key)
    if payload is not None:
        try:
            return [explorer_data.Combination(*item) for item in json.loads(payload)]
        except (ValueError, TypeError):
            pass  # an entry written by another version of the code: computed again below
    combinations = explorer_data.existing_combinations(connection, flt)
    cache.set(key, json.dumps(combinations).encode())
    return combinations


def compute_view(
    connection: Connection,
    state: ExplorerState,
    reference: explorer_data.Reference,
    lang: str,
    extra_notices: Sequence[Notice] = (),
) -> layout.View:
    """Everything that follows the filters, for the viewer of this request."""
    viewer = current_viewer()
    flt = state.observation_filter()
    combinations = _existing_combinations(connection, restrict_to_viewer(flt, viewer))
    facets = explorer_data.facet_values(
        combinations, {field: getattr(state, field) for field in FILTER_FIELDS}
    )
    options = {
        field: layout.checklist_options(
            list(dict.fromkeys(reference.order(field))),
            facets[field],
            getattr(state, field),
            lambda code, field=field: reference.label(field, code, lang),
            lang,
        )
        for field in FILTER_FIELDS
    }
    notices = list(dict.fromkeys(n.text(lang) for n in (*state.notices, *extra_notices)))
    if _youth_withheld(connection, flt, state, viewer):
        notices.append(youth_grid_notice(lang))
    chips = _chips(state, reference, lang)
    source = _source(connection, lang)

    evolution_rows = aggregate_for_viewer(connection, flt, grain=state.grain, viewer=viewer)
    if not evolution_rows:
        return layout.View(
            options=options,
            notices=layout.notices(notices, lang),
            chips=layout.chips(chips, lang),
            summary="",
            empty=layout.empty_message(lang),
            results_class="d-none",
            figures={},
            chart_data={},
            comparison_note="",
            table=[],
            focus_options=layout.focus_options([], lang),
            focus="",
        )
    figures: dict[str, dict] = {}
    chart_data: dict[str, list] = {}
    _evolution(evolution_rows, state, reference, lang, source, figures, chart_data)
    focus_options, focus = _breakdown(
        connection, flt, state, reference, lang, source, figures, chart_data, viewer
    )
    comparison_rows = aggregate_for_viewer(connection, replace(flt, partners=()), viewer=viewer)
    note = _comparison(comparison_rows, state, reference, lang, source, figures, chart_data)
    table_rows = _table_rows(connection, flt, state, reference, lang, evolution_rows, viewer)
    partners_seen = {r.partner_slug for r in evolution_rows}
    indicators_seen = {r.indicator_code for r in evolution_rows}
    return layout.View(
        options=options,
        notices=layout.notices(notices, lang),
        chips=layout.chips(chips, lang),
        summary=layout.summary_text(
            len(indicators_seen), len(partners_seen), state.start, state.end, lang
        ),
        empty=[],
        results_class="",
        figures=figures,
        chart_data=chart_data,
        comparison_note=note,
        table=layout.data_table(table_rows, state, lang),
        focus_options=focus_options,
        focus=focus,
    )


def _youth_withheld(connection, flt, state: ExplorerState, viewer) -> bool:
    """Whether one of the view's questions (totals, the breakdown chart, the table's detail)
    falls off the public grid for youth figures (data.privacy)."""
    field = explorer_data.BREAKDOWN_FIELDS[state.breakdown]
    questions = [(flt, ()), (replace(flt, **{field: ()}), (state.breakdown,))]
    if state.detail in explorer_data.BREAKDOWN_FIELDS:
        questions.append((flt, (state.detail,)))
    return any(privacy.youth_withheld(connection, viewer, q, by) for q, by in questions)


def _indicator_name(reference, code: str, lang: str) -> str:
    info = reference.indicators.get(code)
    label = reference.label("indicators", code, lang)
    if info is None:
        return label
    return f"{label} ({reference.label('partners', info.partner, lang)})"


def _evolution(rows, state, reference, lang, source, figures, chart_data) -> None:
    points: dict[str, list[tuple[str, float]]] = defaultdict(list)
    partner_of: dict[str, str] = {}
    for row in rows:
        if row.value is None or row.period is None:
            continue
        points[row.indicator_code].append((row.period, row.value))
        partner_of[row.indicator_code] = row.partner_slug
    ranked = sorted(points, key=lambda code: -max(v for _, v in points[code]))
    series = [
        charts.Series(_indicator_name(reference, code, lang), partner_of[code], points[code])
        for code in ranked
    ]
    if not series:
        figures[ids.EXPLORER_EVOLUTION] = layout.empty_figure(layout.T("no_chart_data", lang), lang)
        return
    figures[ids.EXPLORER_EVOLUTION] = charts.evolution_figure(series, state.grain, lang, source)
    shown = series[: charts.MAX_SERIES]
    periods = sorted({p for s in shown for p, _ in s.points})
    table = []
    for period in periods:
        cells = [charts.period_label(period, state.grain, lang)]
        for item in shown:
            value = dict(item.points).get(period)
            cells.append(layout.format_cell(value, lang) if value is not None else "—")
        table.append(cells)
    extra = []
    if len(series) > len(shown):
        extra = [
            html.P(
                layout.T("series_capped", lang, shown=len(shown), total=len(series)),
                className="explorer-note",
            )
        ]
    legend = layout.html_legend([layout.LegendItem(*item) for item in charts.legend_items(shown)])
    chart_data[ids.EXPLORER_EVOLUTION] = [legend, *extra] + layout.chart_data_table(
        [M("period", lang)] + [s.label for s in shown], table, lang
    )


def _breakdown(connection, flt, state, reference, lang, source, figures, chart_data, viewer):
    """The breakdown of one indicator (the chosen one, else the largest) by the chosen dimension;
    returns the indicators that can be broken down so, and the one shown."""
    field = explorer_data.BREAKDOWN_FIELDS[state.breakdown]
    # The chart of a dimension ignores that dimension's own filter and highlights the selection
    # instead, so that a click on one bar does not make the others disappear.
    rows = aggregate_for_viewer(
        connection, replace(flt, **{field: ()}), by=(state.breakdown,), viewer=viewer
    )
    rows = [r for r in rows if r.value is not None and r.dimension(state.breakdown)]
    dimension = layout.dimension_label(state.breakdown, lang).lower()
    if not rows:
        figures[ids.EXPLORER_BREAKDOWN_GRAPH] = layout.empty_figure(
            layout.T("no_breakdown", lang, dimension=dimension), lang
        )
        chart_data[ids.EXPLORER_BREAKDOWN_GRAPH] = []
        return layout.focus_options([], lang), ""
    largest: dict[str, float] = defaultdict(float)
    for row in rows:
        largest[row.indicator_code] = max(largest[row.indicator_code], row.value)
    candidates = sorted(largest, key=lambda c: reference.indicators[c].sort_order)
    focus = state.focus if state.focus in largest else max(largest, key=lambda c: largest[c])
    selected = set(getattr(state, field))
    shown = sorted((r for r in rows if r.indicator_code == focus), key=lambda r: -(r.value or 0.0))
    # The largest values, and every selected one even when small.
    shown = [
        r
        for i, r in enumerate(shown)
        if i < charts.MAX_BARS or r.dimension(state.breakdown) in selected
    ]
    info = reference.indicators[focus]
    bars = [
        charts.Bar(
            category=reference.label(field, row.dimension(state.breakdown), lang),
            value=explorer_data.rounded(row.value, 1),
            filter_token=f"{field}:{row.dimension(state.breakdown)}",
            trace=_indicator_name(reference, focus, lang),
            partner_slug=row.partner_slug,
            selected=row.dimension(state.breakdown) in selected,
        )
        for row in shown
    ]
    unit = info.unit_en if lang == "en" else info.unit_fr
    figures[ids.EXPLORER_BREAKDOWN_GRAPH] = charts.bar_figure(
        bars,
        charts.breakdown_title(reference.label("indicators", focus, lang), dimension, bars, lang),
        lang,
        source,
        axis_title=unit,
    )
    extra = []
    total_values = sum(1 for r in rows if r.indicator_code == focus)
    if total_values > len(bars):
        extra = [
            html.P(
                layout.T("bars_capped", lang, shown=len(bars), total=total_values),
                className="explorer-note",
            )
        ]
    chart_data[ids.EXPLORER_BREAKDOWN_GRAPH] = extra + layout.chart_data_table(
        [layout.dimension_label(state.breakdown, lang), M("value", lang)],
        [[b.category, layout.format_cell(b.value, lang)] for b in bars],
        lang,
    )
    options = layout.focus_options(
        [(code, _indicator_name(reference, code, lang)) for code in candidates], lang
    )
    # The choice stays "automatic" unless one was made (and still applies): the URL stays short.
    return options, state.focus if state.focus == focus else ""


def _comparison(rows, state, reference, lang, source, figures, chart_data) -> str:
    rows = [r for r in rows if r.value is not None]
    rows.sort(key=lambda r: -r.value)
    rows = rows[: charts.MAX_BARS + 5]
    selected = set(state.partners)
    per_partner = explorer_data.populations(reference, state.territories)
    absolute, per_capita, left_out = [], [], []
    for row in rows:
        info = reference.indicators.get(row.indicator_code)
        bar = charts.Bar(
            category=reference.label("indicators", row.indicator_code, lang),
            value=explorer_data.rounded(row.value, 1),
            filter_token=f"partners:{row.partner_slug}",
            trace=reference.label("partners", row.partner_slug, lang),
            partner_slug=row.partner_slug,
            selected=row.partner_slug in selected,
        )
        absolute.append(bar)
        population = per_partner.get(row.partner_slug)
        if population and info and info.per_capita_makes_sense:
            value = explorer_data.rounded(row.value * explorer_data.PER_INHABITANTS / population, 2)
            per_capita.append(replace(bar, value=value))
        elif not population:
            left_out.append(bar.trace)
    if not absolute:
        figures[ids.EXPLORER_COMPARISON] = layout.empty_figure(
            layout.T("no_chart_data", lang), lang
        )
        figures[ids.EXPLORER_PER_CAPITA] = layout.empty_figure(
            layout.T("no_chart_data", lang), lang
        )
        return ""
    figures[ids.EXPLORER_COMPARISON] = charts.bar_figure(
        absolute, charts.comparison_title(absolute, lang, False), lang, source
    )
    per_capita.sort(key=lambda b: -b.value)
    figures[ids.EXPLORER_PER_CAPITA] = (
        charts.bar_figure(
            per_capita,
            charts.comparison_title(per_capita, lang, True),
            lang,
            source,
            axis_title=charts.per_capita_axis(lang),
        )
        if per_capita
        else layout.empty_figure(layout.T("no_chart_data", lang), lang)
    )
    for graph, bars in ((ids.EXPLORER_COMPARISON, absolute), (ids.EXPLORER_PER_CAPITA, per_capita)):
        chart_data[graph] = layout.chart_data_table(
            [M("indicator", lang), M("partner", lang), M("value", lang)],
            [[b.category, b.trace, layout.format_cell(b.value, lang)] for b in bars],
            lang,
        )
    sources = sorted(
        {p["population_source"] for p in reference.partners.values() if p.get("population_source")}
    )
    note = layout.T("comparison_note", lang, source=", ".join(sources) or "—")
    if left_out:
        names = ", ".join(dict.fromkeys(left_out))
        note += " " + layout.T("no_population", lang, names=names)
    return note


def _table_rows(connection, flt, state, reference, lang, evolution_rows, viewer):
    if state.detail == "periode":
        rows = evolution_rows  # the same query: indicator x partner x period
    else:
        by = (state.detail,) if state.detail in explorer_data.BREAKDOWN_FIELDS else ()
        rows = aggregate_for_viewer(connection, flt, by=by, viewer=viewer)
    lines = explorer_data.table_rows(rows, reference, state.detail, lang, state.territories)
    return explorer_data.sort_rows(lines, state.sort, state.descending)


def _chips(state: ExplorerState, reference, lang: str) -> list[layout.Chip]:
    items = []
    period = layout.period_chip_label(state, lang)
    if period:
        items.append(layout.Chip("period:reset", period))
    for field in FILTER_FIELDS:
        for code in getattr(state, field):
            items.append(layout.Chip(f"{field}:{code}", reference.label(field, code, lang)))
    return items


# --- the page


def page(**query) -> html.Div:
    """The explorer as its URL describes it (Dash Pages passes the query string's values)."""
    lang = current_language()
    with connect() as connection:
        reference = _reference(connection)
        state = parse_query(query, _allowed(reference))
        view = compute_view(connection, state, reference, lang)
    return layout.page(state, view, lang)


# --- the callbacks


def _period_of(iso: str, grain: str) -> tuple[dt.date, dt.date]:
    start = dt.date.fromisoformat(iso)
    if grain == "annee":
        return start, dt.date(start.year, 12, 31)
    months = 3 if grain == "trimestre" else 1
    month = start.month + months
    year = start.year + (month - 1) // 12
    end = dt.date(year, (month - 1) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


FINER = {"annee": "trimestre", "trimestre": "mois", "mois": "mois"}


def apply_token(
    state: ExplorerState, token: object, allowed: Allowed
) -> tuple[ExplorerState, list[Notice]]:
    """The state after a click on a chart point or a chip (a "field:code" token)."""
    if not isinstance(token, str) or ":" not in token:
        return state, [Notice("bad_click")]
    field, _, code = token.partition(":")
    if field == "period":
        if code == "reset":
            return replace(state, start=YEAR_START, end=YEAR_END), []
        try:
            start, end = _period_of(code, state.grain)
        except ValueError:
            return state, [Notice("bad_click")]
        if (start, end) == (state.start, state.end):
            return replace(state, start=YEAR_START, end=YEAR_END), []
        # Drill down: a quarter is then seen by month, a year by quarter.
        return replace(state, start=start, end=end, grain=FINER[state.grain]), []
    if field in FILTER_FIELDS and code in getattr(allowed, field):
        return state.toggled(field, code), []
    return state, [Notice("bad_click")]


def _controls(filter_ids, filter_values, start, end, grain, breakdown, detail, sort_data) -> dict:
    """The controls' values as posted, keyed by state field (types are checked later)."""
    if not isinstance(filter_values, list) or len(filter_values) != len(filter_ids):
        # A forged request: every list filter gets the odd value, which is reported and dropped.
        filter_values = [filter_values] * len(filter_ids)
    controls: dict = {
        field: value
        for field, value in zip(filter_ids, filter_values, strict=True)
        if field in FILTER_FIELDS
    }
    if not isinstance(sort_data, dict):
        sort_data = {"sort": sort_data}  # reported as a bad choice, then the default is used
    controls.update(
        start=start,
        end=end,
        grain=grain,
        breakdown=breakdown,
        detail=detail,
        sort=sort_data.get("sort"),
        order="desc" if sort_data.get("desc") is True else "asc",
    )
    return controls


def _clicked_token(click: object) -> object:
    try:
        return click["points"][0]["customdata"]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return None


def register(app: dash.Dash) -> None:
    graph_clicks = [Input(graph, "clickData") for graph in GRAPHS]

    @app.callback(
        Output(ids.EXPLORER_START, "value"),
        Output(ids.EXPLORER_END, "value"),
        Output(ids.EXPLORER_GRAIN, "value"),
        Output(ids.EXPLORER_BREAKDOWN, "value"),
        Output(ids.EXPLORER_DETAIL, "value"),
        Output(ids.indexed(ids.EXPLORER_FILTER, ALL), "value"),
        Output(ids.EXPLORER_FOCUS, "options"),
        Output(ids.EXPLORER_FOCUS, "value"),
        Output(ids.indexed(ids.EXPLORER_FILTER, ALL), "options"),
        Output(ids.EXPLORER_SORT, "data"),
        Output(ids.EXPLORER_URL, "search"),
        Output(ids.EXPLORER_NOTICES, "children"),
        Output(ids.EXPLORER_CHIPS, "children"),
        Output(ids.EXPLORER_SUMMARY, "children"),
        Output(ids.EXPLORER_EMPTY, "children"),
        Output(ids.EXPLORER_RESULTS, "className"),
        *[Output(graph, "figure") for graph in GRAPHS],
        *[Output(graph, "clickData") for graph in GRAPHS],
        Output(ids.indexed(ids.EXPLORER_CHART_DATA, ALL), "children"),
        Output(ids.EXPLORER_COMPARISON_NOTE, "children"),
        Output(ids.EXPLORER_TABLE, "children"),
        Input(ids.EXPLORER_START, "value"),
        Input(ids.EXPLORER_END, "value"),
        Input(ids.EXPLORER_GRAIN, "value"),
        Input(ids.EXPLORER_BREAKDOWN, "value"),
        Input(ids.EXPLORER_DETAIL, "value"),
        Input(ids.indexed(ids.EXPLORER_FILTER, ALL), "value"),
        Input(ids.EXPLORER_FOCUS, "value"),
        *graph_clicks,
        Input(ids.indexed(ids.EXPLORER_CHIP, ALL), "n_clicks"),
        Input(ids.indexed(ids.EXPLORER_SORT_BUTTON, ALL), "n_clicks"),
        Input(ids.EXPLORER_RESET, "n_clicks"),
        State(ids.EXPLORER_SORT, "data"),
        prevent_initial_call=True,
    )
    def update_explorer(start, end, grain, breakdown, detail, filter_values, focus, *rest):
        clicks = rest[: len(GRAPHS)]
        sort_data = rest[-1]
        trigger = ctx.triggered_id
        triggered_value = ctx.triggered[0]["value"] if ctx.triggered else None
        if (
            isinstance(trigger, dict)
            and trigger.get("type")
            in (
                ids.EXPLORER_CHIP,
                ids.EXPLORER_SORT_BUTTON,
            )
            and not triggered_value
        ):
            raise PreventUpdate  # a chip or a header was (re)drawn, not clicked
        if trigger in GRAPHS and not triggered_value:
            raise PreventUpdate  # our own reset of clickData
        filter_ids = [item["id"]["index"] for item in ctx.outputs_list[5]]
        controls = _controls(
            filter_ids, filter_values, start, end, grain, breakdown, detail, sort_data
        )
        controls["focus"] = "" if focus == layout.FOCUS_AUTO else focus
        lang = current_language()
        with connect() as connection:
            reference = _reference(connection)
            allowed = _allowed(reference)
            state = from_controls(controls, allowed)
            extra: list[Notice] = []
            if trigger == ids.EXPLORER_RESET:
                state = replace(
                    DEFAULT_STATE,
                    grain=state.grain,
                    breakdown=state.breakdown,
                    detail=state.detail,
                    sort=state.sort,
                    descending=state.descending,
                    notices=state.notices,
                )
            elif isinstance(trigger, dict) and trigger.get("type") == ids.EXPLORER_CHIP:
                token = trigger.get("index")
                if isinstance(token, str) and token.startswith("period:"):
                    token = "period:reset"
                state, extra = apply_token(state, token, allowed)
            elif isinstance(trigger, dict) and trigger.get("type") == ids.EXPLORER_SORT_BUTTON:
                column = trigger.get("index")
                if column == state.sort:
                    state = replace(state, descending=not state.descending)
                else:
                    state = from_controls(
                        {
                            **controls,
                            "sort": column,
                            "order": "desc" if column in NUMERIC_SORTS else "asc",
                        },
                        allowed,
                    )
            elif trigger in GRAPHS:
                token = _clicked_token(clicks[GRAPHS.index(trigger)])
                state, extra = apply_token(state, token, allowed)
            view = compute_view(connection, state, reference, lang, extra_notices=extra)
        chart_data_ids = [item["id"]["index"] for item in ctx.outputs_list[-3]]
        return (
            state.start.isoformat(),
            state.end.isoformat(),
            state.grain,
            state.breakdown,
            state.detail,
            [list(getattr(state, field)) for field in filter_ids],
            view.focus_options,
            view.focus or layout.FOCUS_AUTO,
            [view.options.get(field, []) for field in filter_ids],
            {"sort": state.sort, "desc": state.descending},
            to_query(state),
            view.notices,
            view.chips,
            view.summary,
            view.empty,
            view.results_class,
            *[view.figures.get(graph, layout.empty_figure("", lang)) for graph in GRAPHS],
            *[None for _ in GRAPHS],
            [view.chart_data.get(graph, []) for graph in chart_data_ids],
            view.comparison_note,
            view.table,
        )

    @app.callback(
        Output(ids.EXPLORER_DOWNLOAD, "data"),
        Input(ids.EXPLORER_CSV, "n_clicks"),
        Input(ids.EXPLORER_XLSX, "n_clicks"),
        State(ids.EXPLORER_START, "value"),
        State(ids.EXPLORER_END, "value"),
        State(ids.EXPLORER_GRAIN, "value"),
        State(ids.EXPLORER_BREAKDOWN, "value"),
        State(ids.EXPLORER_DETAIL, "value"),
        State(ids.indexed(ids.EXPLORER_FILTER, ALL), "value"),
        State(ids.EXPLORER_SORT, "data"),
        State(ids.EXPLORER_FOCUS, "value"),
        prevent_initial_call=True,
    )
    def export(_csv, _xlsx, start, end, grain, breakdown, detail, filter_values, sort_data, focus):
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        filter_ids = [item["id"]["index"] for item in ctx.states_list[5]]
        controls = _controls(
            filter_ids, filter_values, start, end, grain, breakdown, detail, sort_data
        )
        controls["focus"] = "" if focus == layout.FOCUS_AUTO else focus
        lang = current_language()
        with connect() as connection:
            reference = _reference(connection)
            # The export reads the same controls as the table, so it holds the same rows.
            state = from_controls(controls, _allowed(reference))
            flt = state.observation_filter()
            evolution = (
                aggregate_for_viewer(connection, flt, grain=state.grain)
                if state.detail == "periode"
                else []
            )
            rows = _table_rows(connection, flt, state, reference, lang, evolution, current_viewer())
            source = _source(connection, lang)
            data_date = publication.data_date(connection)
        headers = [header for _key, header in layout.table_columns(state, lang)]
        cells = layout.table_cells(rows, state, lang)
        stem = f"explorateur-democratic-{state.start.isoformat()}-{state.end.isoformat()}"
        if ctx.triggered_id == ids.EXPLORER_CSV:
            return {
                "content": _b64(csv_bytes(headers, cells)),
                "filename": f"{stem}.csv",
                "type": "text/csv",
                "base64": True,
            }
        about = [
            (M("about_view", lang), to_query(state) or "?"),
            (M("about_exported", lang), format_date(dt.date.today(), lang)),
            (
                M("about_data_date", lang),
                format_date(data_date, lang) if data_date else data_date_text(None, lang),
            ),
            (M("about_source", lang), source),
            (M("about_rule", lang), M("about_rule_text", lang)),
        ]
        return {
            "content": _b64(xlsx_bytes(headers, cells, M("sheet", lang), about, M("about", lang))),
            "filename": f"{stem}.xlsx",
            "type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "base64": True,
        }


def _b64(content: bytes) -> str:
    import base64

    return base64.b64encode(content).decode("ascii")
