"""The explorer's controls as posted by the browser, read once into a validated state, and what
a click (a chart point, a chip, a column header, a usual period, « effacer ») does to it.

Nothing posted is trusted: `posted_state` gives whatever arrives (a forged request included) to
`from_controls`, which keeps what is valid and turns the rest into notices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from data.months import period_end
from data.reference import YEAR_END, YEAR_START
from layouts import explorer as layout
from layouts import ids
from layouts.explorer_state import (
    DEFAULT_STATE,
    LIST_PARAMETERS,
    SORT_COLUMNS,
    Allowed,
    ExplorerState,
    Notice,
    from_controls,
)

FILTER_FIELDS = tuple(LIST_PARAMETERS.values())
NUMERIC_SORTS = ("valeur", "habitants")
FINER = {"annee": "trimestre", "trimestre": "mois", "mois": "mois"}


def controls(
    filter_ids: Sequence[object],
    filter_values: object,
    *,
    start: object,
    end: object,
    grain: object,
    breakdown: object,
    detail: object,
    sort_data: object,
    focus: object,
    compare: object,
) -> dict:
    """The controls' values as posted, keyed by state field (types are checked later)."""
    if not isinstance(filter_values, list) or len(filter_values) != len(filter_ids):
        # A forged request: every list filter gets the odd value, which is reported and dropped.
        filter_values = [filter_values] * len(filter_ids)
    values: dict = {
        field: value
        for field, value in zip(filter_ids, filter_values, strict=True)
        if field in FILTER_FIELDS
    }
    if not isinstance(sort_data, dict):
        sort_data = {"sort": sort_data}  # reported as a bad choice, then the default is used
    values.update(
        start=start,
        end=end,
        grain=grain,
        breakdown=breakdown,
        detail=detail,
        sort=sort_data.get("sort"),
        order="desc" if sort_data.get("desc") is True else "asc",
        focus="" if focus == layout.FOCUS_AUTO else focus,
        compare=compare,
    )
    return values


def period_of(iso: str, grain: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the time bucket a chart point stands for."""
    start = dt.date.fromisoformat(iso)
    return start, period_end(start, grain)


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
            start, end = period_of(code, state.grain)
        except ValueError:
            return state, [Notice("bad_click")]
        if (start, end) == (state.start, state.end):
            return replace(state, start=YEAR_START, end=YEAR_END), []
        # Drill down: a quarter is then seen by month, a year by quarter.
        return replace(state, start=start, end=end, grain=FINER[state.grain]), []
    if field in FILTER_FIELDS and code in getattr(allowed, field):
        return state.toggled(field, code), []
    return state, [Notice("bad_click")]


def clicked_token(click: object) -> object:
    try:
        return click["points"][0]["customdata"]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return None


def state_after(
    trigger: object, values: dict, clicks: dict, allowed: Allowed
) -> tuple[ExplorerState, list[Notice]]:
    """The one reading of the posted controls, then what the trigger does to it."""
    if isinstance(trigger, dict) and trigger.get("type") == ids.EXPLORER_PRESET:
        # A usual period: its dates replace the posted ones, validated like them.
        first, _, last = str(trigger.get("index")).partition("_")
        values = {**values, "start": first, "end": last}
    state = from_controls(values, allowed)
    if trigger == ids.EXPLORER_RESET:
        return (
            replace(
                DEFAULT_STATE,
                grain=state.grain,
                breakdown=state.breakdown,
                detail=state.detail,
                sort=state.sort,
                descending=state.descending,
                compare=state.compare,
                notices=state.notices,
            ),
            [],
        )
    if isinstance(trigger, dict) and trigger.get("type") == ids.EXPLORER_CHIP:
        token = trigger.get("index")
        if isinstance(token, str) and token.startswith("period:"):
            token = "period:reset"
        return apply_token(state, token, allowed)
    if isinstance(trigger, dict) and trigger.get("type") == ids.EXPLORER_SORT_BUTTON:
        column = trigger.get("index")
        if column == state.sort:
            return replace(state, descending=not state.descending), []
        if column not in SORT_COLUMNS:
            return state, [Notice("bad_click")]
        # A new column: its natural order (largest first for numbers).
        return replace(state, sort=column, descending=column in NUMERIC_SORTS), []
    if isinstance(trigger, str) and trigger in clicks:
        return apply_token(state, clicked_token(clicks[trigger]), allowed)
    return state, []
