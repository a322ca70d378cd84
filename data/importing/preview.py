"""What a load would do, told before it is confirmed: the rows it adds, those it replaces (old
value → new value) and those it leaves as they are, by indicator and month.

Computed at the end of a check (the page's first step, the command line's dry run) from the
valid rows, with the same lookup of stored rows by exact key as the load itself
(`data.importing.loading`), a chunk at a time: memory holds one chunk, the counts by indicator
and month, and the first `DETAIL_ROWS` replaced rows — whatever the file's length. The result is
plain JSON (it is kept with the check's job and read back by the page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session

from data.importing.catalog import Catalog
from data.importing.kinds import EVENTS, OBSERVATIONS
from data.importing.load_writes import (
    CHUNK,
    _chunks,
    event_key,
    existing_events,
    existing_observations,
    existing_outcomes,
    observation_values,
    outcome_key,
)
from data.importing.problems import Report
from data.models import OBSERVATION_KEY
from data.months import month_start

# Replaced rows shown one by one; beyond, they are counted (the total is always stated).
DETAIL_ROWS = 200
ADDED, REPLACED, UNCHANGED = "ajoutees", "remplacees", "inchangees"
BREAKDOWN_KEYS = ("territory_code", "profile", "channel", "age_band")

# What an event or outcome row says, by field, with the label shown beside an old → new value.
EVENT_FIELDS = {
    "kind": "type",
    "action_id": "action",
    "place": "lieu",
    "territory_code": "territoire",
    "channel": "canal",
    "outcomes": "résultats",
}
OUTCOME_LABELS = {
    "action_id": "action",
    "description": "description",
    "status": "statut",
    "practice_type": "type de pratique",
    "outcome_date": "date",
}


def preview_load(
    session: Session,
    report: Report,
    catalog: Catalog,
    advance: Callable[[int], None] | None = None,
) -> dict:
    """What loading `report`'s rows would do to the store, as plain JSON."""
    if report.kind == OBSERVATIONS:
        return _observations(session, report, catalog, advance)
    return _events_or_outcomes(session, report, catalog, advance)


def _empty(kind: str) -> dict:
    return {
        "kind": kind,
        "totals": {ADDED: 0, REPLACED: 0, UNCHANGED: 0},
        "groups": [],
        "changes": [],
        "detail_limit": DETAIL_ROWS,
    }


def _observations(session, report: Report, catalog: Catalog, advance) -> dict:
    preview = _empty(OBSERVATIONS)
    totals, changes = preview["totals"], preview["changes"]
    groups: dict[tuple[str, dt.date], dict[str, int]] = {}
    for chunk in _chunks(report.rows, CHUNK):
        values = observation_values(chunk, catalog)
        stored = existing_observations(session, values)
        for row, value in zip(chunk, values, strict=True):
            old = stored.get(tuple(value[k] for k in OBSERVATION_KEY))
            if old is None:
                outcome = ADDED
            elif old["value"] == row["value"] and old["action_id"] == row["action_id"]:
                outcome = UNCHANGED
            else:
                outcome = REPLACED
            month = month_start(row["period_start"])
            counts = groups.setdefault(
                (row["indicator_code"], month), {ADDED: 0, REPLACED: 0, UNCHANGED: 0}
            )
            counts[outcome] += 1
            totals[outcome] += 1
            if outcome == REPLACED and len(changes) < DETAIL_ROWS:
                changes.append(
                    {
                        "line": row["line"],
                        "indicator": row["indicator_code"],
                        "period_start": row["period_start"].isoformat(),
                        "period_end": row["period_end"].isoformat(),
                        "breakdown": _breakdown(row, catalog),
                        "old": old["value"],
                        "new": row["value"],
                    }
                )
        if advance:
            advance(len(chunk))
    preview["groups"] = [
        {
            "indicator": code,
            "label": catalog.indicator_info[code].label if code in catalog.indicator_info else code,
            "month": month.isoformat(),
            **counts,
        }
        for (code, month), counts in sorted(groups.items())
    ]
    return preview


def _breakdown(row: dict, catalog: Catalog) -> str:
    """Where and for whom a figure counts, as the file says it ("" for the whole)."""
    parts = []
    for key in BREAKDOWN_KEYS:
        code = row.get(key) or ""
        if code:
            label = catalog.territories.labels.get(code) if key == "territory_code" else None
            parts.append(f"{code} {label}" if label and label != code else code)
    return " · ".join(parts)


def _events_or_outcomes(session, report: Report, catalog: Catalog, advance) -> dict:
    """Stored events and outcomes are few (tens a partner): read at once, as the load does; the
    file's rows are read a chunk at a time."""
    kind = report.kind
    preview = _empty(kind)
    totals, changes = preview["totals"], preview["changes"]
    rows = report.rows
    if kind == EVENTS:
        stored, key_of, fields = existing_events(session, rows, catalog), event_key, EVENT_FIELDS
    else:
        stored, key_of = existing_outcomes(session, rows, catalog), outcome_key
        fields = OUTCOME_LABELS
    actions = {info[0]: code for code, info in catalog.action_info.items()}
    for chunk in _chunks(rows, CHUNK):
        for row in chunk:
            old = stored.get(key_of(row, catalog))
            differences = [] if old is None else _differences(old, row, fields, actions)
            if kind == EVENTS and old is not None:
                before = {a.profile: a.count for a in old.attendance}
                if before != row["attendance"]:
                    differences.append(
                        ["présents", _attendance(before), _attendance(row["attendance"])]
                    )
            outcome = ADDED if old is None else REPLACED if differences else UNCHANGED
            totals[outcome] += 1
            if outcome != UNCHANGED and len(changes) < DETAIL_ROWS:
                changes.append(
                    {
                        "line": row["line"],
                        "title": row["title"],
                        "partner": catalog.partner_name(row["partner"]),
                        "when": _shown(row["event_date"])
                        if kind == EVENTS
                        else catalog.outcome_kinds.labels.get(row["kind"], row["kind"]),
                        "outcome": outcome,
                        "differences": differences,
                    }
                )
        if advance:
            advance(len(chunk))
    return preview


def _differences(old, row: dict, fields: dict[str, str], actions: dict[int, str]) -> list:
    found = []
    for name, label in fields.items():
        before, after = getattr(old, name), row[name]
        if (before or None) != (after or None):
            if name == "action_id":
                before, after = actions.get(before, before), actions.get(after, after)
            found.append([label, _shown(before), _shown(after)])
    return found


def _attendance(counts: dict[str, int]) -> str:
    return ", ".join(f"{profile} {count}" for profile, count in sorted(counts.items())) or "—"


def _shown(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
