"""The explorer's map: drawn from the explorer's address, and a click on a territory toggles the
territory filter (the explorer's own callback then answers and writes the address: the filter is
kept in the URL like any other).

Separate from callbacks/explorer.py on purpose: the map reads the same state (the address) and
writes only the territory checklist's value, so the explorer's callback needs no change.
"""

from __future__ import annotations

from dataclasses import replace

import dash
from dash import Input, Output, State, html

from callbacks import explorer_reference
from callbacks.answer_cache import keep_answer
from callbacks.context import (
    aggregate_for_viewer,
    connect,
    current_language,
    current_viewer,
    small_count_threshold,
)
from callbacks.explorer_view import source
from data import explorer as explorer_data
from data.boundaries import PARTNER_DEPARTMENTS
from layouts import ids, maps
from layouts.explorer_map import MAP_TEXT, map_table
from layouts.explorer_state import parse_query
from layouts.figures import empty_figure
from layouts.sentences import value_text

TERRITORY_FILTER = ids.indexed(ids.EXPLORER_FILTER, "territories")
MAX_QUERY = 2000


def _state(search: object, reference):
    query = search if isinstance(search, str) and len(search) <= MAX_QUERY else ""
    return parse_query(query.lstrip("?"), explorer_reference.allowed(reference))


def map_view(connection, state, reference, lang: str, measure: object, viewer):
    """(figure, table, codes by trace) of the map for this explorer state and viewer."""
    flt = state.observation_filter()
    # Like the breakdown chart, the map ignores its own dimension's filter and outlines the
    # selection instead: a click does not make the other territories disappear.
    rows = aggregate_for_viewer(
        connection, replace(flt, territories=()), by=("territoire",), viewer=viewer
    )
    rows = [
        r
        for r in rows
        if r.dimension("territoire") and reference.indicators.get(r.indicator_code) is not None
    ]
    drawable = [
        r for r in rows if reference.indicators[r.indicator_code].partner in PARTNER_DEPARTMENTS
    ]
    if not drawable:
        return empty_figure(MAP_TEXT("none", lang), lang), [], []
    totals: dict[str, float] = {}
    for row in drawable:
        totals[row.indicator_code] = totals.get(row.indicator_code, 0.0) + (row.value or 0.0)
    focus = state.focus if state.focus in totals else max(totals, key=lambda c: (totals[c], c))
    info = reference.indicators[focus]
    per_capita = measure == "habitants" and info.per_capita_makes_sense
    threshold = small_count_threshold()
    map_rows, table_rows = [], []
    for row in (r for r in drawable if r.indicator_code == focus):
        code = row.dimension("territoire")
        place = reference.territories.get(code, {})
        population = place.get("population")
        value = row.value
        if per_capita:
            value = (
                explorer_data.rounded(value * explorer_data.PER_INHABITANTS / population, 2)
                if value is not None and population
                else None
            )
        label = reference.label("territories", code, lang)
        map_rows.append(
            {"code": code, "label": label, "value": value, "suppressed": row.suppressed}
        )
        cells = [
            label,
            code,
            value_text(value, lang, suppressed=row.suppressed, threshold=threshold),
        ]
        if per_capita:
            cells.append(value_text(population, lang))
        table_rows.append((row.suppressed, -(value or 0.0), cells))
    measure_word = MAP_TEXT("per_capita" if per_capita else "absolute", lang)
    caption = MAP_TEXT(
        "of", lang, indicator=reference.label("indicators", focus, lang), measure=measure_word
    )
    figure = maps.partner_territory_map(
        info.partner,
        map_rows,
        lang=lang,
        value_label=caption,
        threshold=threshold,
        source=source(connection, lang),
        selected=frozenset(state.territories),
        height=460,
    )
    codes = [t["customdata"][0] for t in figure["data"] if t.get("fill") and t["x"] != [None]]
    table = [map_table(caption, [c for *_k, c in sorted(table_rows)], per_capita, lang)]
    if measure == "habitants" and not per_capita:
        table.insert(0, html.P(MAP_TEXT("no_per_capita", lang), className="explorer-note"))
    return figure, table, codes


def clicked_code(click: object, codes: object) -> str | None:
    """The INSEE code of a clicked territory: a printed value carries it, a shape's fill is
    found by its trace number (plotly gives a fill's click no point data)."""
    try:
        point = click["points"][0]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(point, dict):
        return None
    data = point.get("customdata")
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if isinstance(data, str):
        return data
    number = point.get("curveNumber")
    if isinstance(number, int) and isinstance(codes, list) and 0 <= number < len(codes):
        code = codes[number]
        return code if isinstance(code, str) else None
    return None


def toggled(current: object, code: str) -> list[str]:
    values = [v for v in current if isinstance(v, str)] if isinstance(current, list) else []
    return [v for v in values if v != code] if code in values else [*values, code]


def register(app: dash.Dash) -> None:
    @app.callback(
        Output(ids.EXPLORER_MAP, "figure"),
        Output(ids.EXPLORER_MAP_DATA, "children"),
        Output(ids.EXPLORER_MAP_CODES, "data"),
        Input(ids.EXPLORER_URL, "search"),
        Input(ids.EXPLORER_MAP_MEASURE, "value"),
    )
    def draw_map(search, measure):
        # The viewer's rights come from the server (current_viewer), never from the request;
        # every figure passes the privacy gate (aggregate_for_viewer).
        keep_answer()
        lang = current_language()
        with connect() as connection:
            reference = explorer_reference.reference(connection)
            state = _state(search, reference)
            return map_view(connection, state, reference, lang, measure, current_viewer())

    @app.callback(
        Output(TERRITORY_FILTER, "value", allow_duplicate=True),
        Output(ids.EXPLORER_MAP, "clickData"),
        Input(ids.EXPLORER_MAP, "clickData"),
        State(TERRITORY_FILTER, "value"),
        State(ids.EXPLORER_MAP_CODES, "data"),
        prevent_initial_call=True,
    )
    def click_territory(click, current, codes):
        # The click is always cleared, so that a second click on the same territory is seen
        # again; the filter changes only for a territory of the programme's reference list.
        code = clicked_code(click, codes)
        if code is None:
            return dash.no_update, None
        with connect() as connection:
            allowed = explorer_reference.reference(connection).allowed()["territories"]
        if code not in allowed:
            return dash.no_update, None
        return toggled(current, code), None
