"""The explorer's filter panel (period, usual periods, the lists of values), the chips of the
active filters, and the notices about what the address or the filters got wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import html

from data.months import month_end, month_starts, quarter_span
from data.reference import PROGRAMME_END, PROGRAMME_START, YEAR_END, YEAR_START
from layouts import ids
from layouts.explorer_state import GRAINS, ExplorerState
from layouts.explorer_text import EXPLORER_TEXT
from layouts.i18n import format_date, format_month

FIELD_LABELS = {
    "partners": "partners",
    "categories": "categories",
    "indicators": "indicators",
    "territories": "territories",
    "profiles": "profiles",
    "channels": "channels",
    "age_bands": "age_bands",
}
# Long lists are folded (and scroll) unless a value of theirs is selected.
LONG_LISTS = ("indicators", "territories")


def filter_group(
    field: str, options: Sequence[dict], value: Sequence[str], lang: str
) -> html.Fieldset:
    checklist = dbc.Checklist(
        id=ids.indexed(ids.EXPLORER_FILTER, field),
        options=list(options),
        value=list(value),
        className="explorer-checklist",
    )
    legend = EXPLORER_TEXT(FIELD_LABELS[field], lang)
    # When no value exists given the other filters, CSS shows this text in the empty list.
    body = html.Div(
        checklist, className="explorer-options", **{"data-empty": EXPLORER_TEXT("no_value", lang)}
    )
    if field in LONG_LISTS:
        body = html.Details(
            [html.Summary(f"{legend} ({len(options)})"), body],
            open=bool(value),
            className="explorer-fold",
        )
    return html.Fieldset(
        [html.Legend(legend, className="explorer-legend"), body],
        className="explorer-group",
    )


def checklist_options(
    codes_in_order: Sequence[str],
    existing: set[str],
    selected: Sequence[str],
    label,
    lang: str,
    always: Collection[str] = (),
    being_defined: Collection[str] = (),
) -> list[dict]:
    """The values that exist given the other filters, plus the selected ones and those always
    offered (every partner and its category), marked when they have no data, so that nothing is
    hidden: a partner still defining its implementation says so, as on its own page."""
    options = []
    for code in codes_in_order:
        if code in existing:
            options.append({"label": label(code), "value": code})
        elif code in being_defined:
            options.append(
                {"label": f"{label(code)} ({EXPLORER_TEXT('being_defined', lang)})", "value": code}
            )
        elif code in selected or code in always:
            options.append(
                {"label": f"{label(code)} {EXPLORER_TEXT('absent', lang)}", "value": code}
            )
    return options


def period_options(day: dt.date, which: str, lang: str) -> list[dict]:
    """The months of the programme, named in words (« mars 2012 »): the first day of each for
    the start, the last day for the end. A day set by the address that is not a month's edge is
    offered too, so that the select always shows the period in force."""
    options = []
    for first in month_starts(PROGRAMME_START, PROGRAMME_END):
        value = first if which == "start" else month_end(first)
        options.append({"label": format_month(first, lang), "value": value.isoformat()})
    if day.isoformat() not in {o["value"] for o in options}:
        options.append({"label": format_date(day, lang), "value": day.isoformat()})
        options.sort(key=lambda o: o["value"])
    return options


def presets(year: int, lang: str) -> list[tuple[str, str, dt.date, dt.date]]:
    """(short label, full label, start, end) of the usual periods: the year and its quarters."""
    spans = [
        (
            EXPLORER_TEXT("preset_year", lang, year=year),
            EXPLORER_TEXT("preset_year", lang, year=year),
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
        )
    ]
    for n in range(1, 5):
        first, last = quarter_span(year, n)
        full = EXPLORER_TEXT(
            "preset_quarter_1_label" if n == 1 else "preset_quarter_label", lang, n=n, year=year
        )
        spans.append((EXPLORER_TEXT("preset_quarter", lang, n=n, year=year), full, first, last))
    return spans


def preset_buttons(state: ExplorerState, lang: str) -> list:
    """The usual periods as buttons; the one in force is pressed (aria-pressed, and marked)."""
    buttons = []
    for short, full, first, last in presets(YEAR_START.year, lang):
        current = (first, last) == (state.start, state.end)
        buttons.append(
            html.Button(
                # Short on screen (T2 2012), in words for screen readers (2e trimestre 2012).
                [
                    html.Span(short, **{"aria-hidden": "true"}),
                    html.Span(full, className="visually-hidden"),
                ],
                id=ids.indexed(ids.EXPLORER_PRESET, f"{first.isoformat()}_{last.isoformat()}"),
                type="button",
                className="explorer-preset" + (" active" if current else ""),
                title=full,
                **{"aria-pressed": "true" if current else "false"},
            )
        )
    return [
        html.Div(
            buttons,
            role="group",
            className="explorer-presets",
            **{"aria-label": EXPLORER_TEXT("presets", lang)},
        )
    ]


def filter_panel(state: ExplorerState, options: Mapping[str, list[dict]], lang: str) -> html.Aside:
    period = html.Fieldset(
        [
            html.Legend(EXPLORER_TEXT("period", lang), className="explorer-legend"),
            html.Div(preset_buttons(state, lang), id=ids.EXPLORER_PRESETS),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(EXPLORER_TEXT("from", lang), html_for=ids.EXPLORER_START),
                            dbc.Select(
                                id=ids.EXPLORER_START,
                                options=period_options(state.start, "start", lang),
                                value=state.start.isoformat(),
                            ),
                        ],
                        xs=12,
                        sm=6,
                        lg=12,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(EXPLORER_TEXT("to", lang), html_for=ids.EXPLORER_END),
                            dbc.Select(
                                id=ids.EXPLORER_END,
                                options=period_options(state.end, "end", lang),
                                value=state.end.isoformat(),
                            ),
                        ],
                        xs=12,
                        sm=6,
                        lg=12,
                    ),
                ],
                className="g-2 mb-2",
            ),
            html.Fieldset(
                [
                    html.Legend(EXPLORER_TEXT("grain", lang), className="explorer-sublegend"),
                    dbc.RadioItems(
                        id=ids.EXPLORER_GRAIN,
                        options=[
                            {"label": EXPLORER_TEXT(f"grain_{g}", lang), "value": g} for g in GRAINS
                        ],
                        value=state.grain,
                        inline=True,
                    ),
                ],
            ),
        ],
        className="explorer-group",
    )
    groups = [
        filter_group(field, options.get(field, []), getattr(state, field), lang)
        for field in FIELD_LABELS
    ]
    return html.Aside(
        [
            html.H2(EXPLORER_TEXT("filters", lang), id="explorateur-titre-filtres", className="h4"),
            period,
            *groups,
            html.Button(
                EXPLORER_TEXT("reset", lang),
                id=ids.EXPLORER_RESET,
                type="button",
                className="btn btn-outline-primary btn-sm mt-2",
            ),
        ],
        className="explorer-filters",
        **{"aria-labelledby": "explorateur-titre-filtres"},
    )


# --- chips and notices


@dataclass(frozen=True)
class Chip:
    token: str  # "partners:paris", "period:reset"
    label: str


def chips(items: Sequence[Chip], lang: str) -> list:
    if not items:
        return [html.P(EXPLORER_TEXT("no_active_filter", lang), className="explorer-no-filter")]
    return [
        html.Ul(
            [
                html.Li(
                    html.Button(
                        [html.Span(item.label), html.Span(" ✕", **{"aria-hidden": "true"})],
                        id=ids.indexed(ids.EXPLORER_CHIP, item.token),
                        type="button",
                        className="explorer-chip",
                        **{"aria-label": EXPLORER_TEXT("remove_filter", lang, label=item.label)},
                    )
                )
                for item in items
            ],
            className="explorer-chip-list",
        )
    ]


def period_chip_label(state: ExplorerState, lang: str) -> str | None:
    if (state.start, state.end) == (YEAR_START, YEAR_END):
        return None
    return EXPLORER_TEXT(
        "period_chip",
        lang,
        start=format_date(state.start, lang),
        end=format_date(state.end, lang),
    )


def notices(texts: Sequence[str], lang: str) -> list:
    if not texts:
        return []
    return [
        dbc.Alert(
            [
                html.P(html.Strong(EXPLORER_TEXT("notices_title", lang)), className="mb-1"),
                html.Ul([html.Li(text) for text in texts], className="mb-0"),
            ],
            color="warning",
            className="explorer-notices",
        )
    ]
