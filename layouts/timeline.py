"""The timeline of actions (Gantt-like) with their status and events, as a chart card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from dash import html

from data.models import ActionStatus
from layouts import charts
from layouts.chart_card import CHART_CARD_TEXT, chart_card, data_table
from layouts.chart_exports import ChartData, export_tools, table_rows
from layouts.findings import count_phrase
from layouts.i18n import Messages, format_date, format_number
from layouts.status import action_status_word

TIMELINE_TEXT = Messages(
    {
        "finding": ("Actions : {parts}", "Actions: {parts}"),
        "finding_none": ("Aucune action sur cette période", "No action in this period"),
        "definition": (
            "Chaque barre va du début à la fin prévue d'une action ; les losanges sont les "
            "événements (rencontres, ateliers, formations...). Une action sans dates est en cours "
            "de définition.",
            "Each bar runs from an action's start to its planned end; diamonds are events "
            "(meetups, workshops, training sessions...). An action without dates is still being "
            "defined.",
        ),
        "action": ("Action", "Action"),
        "status": ("Statut", "Status"),
        "start": ("Début", "Start"),
        "end": ("Fin prévue", "Planned end"),
        "events": ("Événements", "Events"),
        "date": ("Date", "Date"),
        "event": ("Événement", "Event"),
        "place": ("Lieu", "Place"),
        "events_caption": ("Événements de la période", "Events in the period"),
        "as_of": ("données au {date}", "data as of {date}"),
        "undefined": ("pas encore de dates", "no dates yet"),
    }
)

STATUS_COUNTS = {
    ActionStatus.DONE.value: (("terminée", "terminées"), ("done", "done")),
    ActionStatus.IN_PROGRESS.value: (("en cours", "en cours"), ("in progress", "in progress")),
    ActionStatus.PLANNED.value: (("prévue", "prévues"), ("planned", "planned")),
    ActionStatus.NOT_DEFINED.value: (
        ("en cours de définition", "en cours de définition"),
        ("being defined", "being defined"),
    ),
}


def _title(action: Mapping, lang: str) -> str:
    return action["title_en" if lang == "en" else "title_fr"]


def _overlaps(action: Mapping, start: dt.date, end: dt.date) -> bool:
    if action.get("start_date") is None or action.get("end_date") is None:
        return True  # not yet defined: always shown, as such
    return action["start_date"] <= end and action["end_date"] >= start


def timeline_finding(actions: Sequence[Mapping], lang: str) -> str:
    if not actions:
        return TIMELINE_TEXT("finding_none", lang)
    counts = []
    for status, (fr, en) in STATUS_COUNTS.items():
        n = sum(1 for a in actions if str(a["status"]) == status)
        one, many = en if lang == "en" else fr
        counts.append((n, one, many))
    return TIMELINE_TEXT("finding", lang, parts=count_phrase(counts, lang))


def timeline_data(
    key: str,
    actions: Sequence[Mapping],
    events: Sequence[Mapping],
    lang: str,
    *,
    start: dt.date,
    end: dt.date,
    group_labels: Mapping[str, str] | None = None,
) -> ChartData:
    """The timeline as a table: one row per action shown (its status, dates and the number of
    its events in the period), for the card's table and its downloads."""
    shown = [a for a in actions if _overlaps(a, start, end)]
    per_action = {a["code"]: 0 for a in shown}
    for event in events:
        if start <= event["event_date"] <= end and event.get("action_code") in per_action:
            per_action[event["action_code"]] += 1

    def label(action: Mapping) -> str:
        prefix = f"{group_labels[action['partner_slug']]} · " if group_labels else ""
        return prefix + _title(action, lang)

    return ChartData(
        key=key,
        title=timeline_finding(shown, lang),
        headers=(
            TIMELINE_TEXT("action", lang),
            TIMELINE_TEXT("status", lang),
            TIMELINE_TEXT("start", lang),
            TIMELINE_TEXT("end", lang),
            TIMELINE_TEXT("events", lang),
        ),
        rows=tuple(
            (
                label(a),
                action_status_word(a["status"], lang),
                format_date(a.get("start_date"), lang),
                format_date(a.get("end_date"), lang),
                per_action[a["code"]],
            )
            for a in shown
        ),
    )


def timeline_card(
    element_id: str,
    actions: Sequence[Mapping],
    events: Sequence[Mapping],
    lang: str,
    *,
    start: dt.date,
    end: dt.date,
    source: str | None,
    colours: Mapping[str, str],
    as_of: dt.date | None = None,
    group_labels: Mapping[str, str] | None = None,
    markers: Sequence[tuple[dt.date, str]] = (),
    export_filename: str | None = None,
) -> html.Div:
    """Actions overlapping [start, end] (and those not yet defined), with the period's events.
    `group_labels` prefixes each action with its partner's name (for the programme overview);
    with `export_filename`, the card offers its table as CSV and XLSX and its image."""
    shown = [a for a in actions if _overlaps(a, start, end)]
    row_of = {a["code"]: i for i, a in enumerate(shown)}
    in_period = [e for e in events if start <= e["event_date"] <= end]

    def label(action: Mapping) -> str:
        prefix = f"{group_labels[action['partner_slug']]} · " if group_labels else ""
        return prefix + _title(action, lang)

    rows = [
        {
            "label": label(a),
            "start": a.get("start_date"),
            "end": a.get("end_date"),
            "status": str(a["status"]),
            "status_label": action_status_word(a["status"], lang),
            "colour": colours.get(a["partner_slug"], "#0b5394"),
        }
        for a in shown
    ]
    chart_events = [
        {"row": row_of[e["action_code"]], "date": e["event_date"], "label": e["title"]}
        for e in in_period
        if e.get("action_code") in row_of
    ]
    all_markers = list(markers)
    if as_of is not None and as_of < end:
        all_markers.append((as_of, TIMELINE_TEXT("as_of", lang, date=format_date(as_of, lang))))
    finding = timeline_finding(shown, lang)
    figure = charts.gantt(
        rows,
        lang=lang,
        start=start,
        end=end,
        undefined_label=TIMELINE_TEXT("undefined", lang),
        source=source,
        events=chart_events,
        markers=all_markers,
    )
    data = timeline_data(
        element_id, actions, events, lang, start=start, end=end, group_labels=group_labels
    )
    actions_table = data_table(
        finding, list(data.headers), table_rows(data, lang), lang, numeric_from=4
    )
    tools = export_tools(element_id, finding, export_filename, lang) if export_filename else None
    card = chart_card(
        element_id,
        finding,
        TIMELINE_TEXT("definition", lang),
        figure,
        actions_table,
        lang,
        tools=tools,
    )
    if in_period:
        card.children.append(
            data_table(
                TIMELINE_TEXT("events_caption", lang),
                [
                    TIMELINE_TEXT("date", lang),
                    TIMELINE_TEXT("event", lang),
                    TIMELINE_TEXT("place", lang),
                ],
                [
                    [format_date(e["event_date"], lang), e["title"], e.get("place") or "—"]
                    for e in in_period
                ],
                lang,
                numeric_from=3,
                summary=CHART_CARD_TEXT(
                    "show_events", lang, count=format_number(len(in_period), lang)
                ),
            )
        )
    return card
