"""Wiring of the data page's « Historique » sections (layouts/history_section.py): revising a
target and reading or exporting the audit trail, for programme managers and administrators
only. Every callback checks the viewer's role on the server; anyone else's request changes
nothing and reads nothing."""

from __future__ import annotations

import datetime as dt
import math

import dash
from dash import Input, Output, State, dcc, no_update

from callbacks.context import connect, current_language, current_viewer, resources
from callbacks.explorer_exports import XLSX_TYPE
from data import audit, queries, target_history
from data.access import Viewer
from data.explorer_export import csv_bytes, xlsx_bytes
from data.store import transaction
from layouts import history_section as view
from layouts.target_history import revision_sentence


def may_see_history(viewer: Viewer) -> bool:
    return viewer.sees_all_unpublished  # programme managers and administrators


def sections() -> list:
    if not may_see_history(current_viewer()):
        return []
    lang = current_language()
    with connect() as connection:
        choices = _choices(connection, lang)
        targets_part = _targets_area(connection, lang)
        audit_part = _audit_area(connection, lang, None, None, None, 1)
    return [view.targets_section(targets_part, choices, lang), view.audit_section(audit_part, lang)]


def _names(connection, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Indicator labels and partner names, as the page writes them."""
    labels = {
        i["code"]: i["label_en" if lang == "en" else "label_fr"]
        for i in queries.indicators(connection)
    }
    partners = {
        p["slug"]: p["name_en" if lang == "en" else "short_name"]
        for p in queries.partners(connection)
    }
    return labels, partners


def _choices(connection, lang: str) -> list[tuple[str, str]]:
    labels, partners = _names(connection, lang)
    ordered = sorted(
        queries.targets(connection), key=lambda t: (t["partner_slug"], t["indicator_code"])
    )
    return [
        (
            f"{t['indicator_code']}|{t['partner_slug']}",
            f"{partners.get(t['partner_slug'], t['partner_slug'])} — "
            f"{labels.get(t['indicator_code'], t['indicator_code'])}",
        )
        for t in ordered
    ]


def _targets_area(connection, lang: str, note=None, colour="success"):
    revisions = [r for r in target_history.history(connection) if r.previous_value is not None]
    revisions.sort(key=lambda r: r.revised_at, reverse=True)
    labels, partners = _names(connection, lang)
    shares = {i["code"] for i in queries.indicators(connection) if i["unit_fr"] == "%"}
    sentences = [
        f"{partners.get(r.partner_slug, r.partner_slug)} — "
        f"{labels.get(r.indicator_code, r.indicator_code)} : "
        f"{revision_sentence(r, lang, r.indicator_code in shares)} ({r.revised_by})"
        for r in revisions
    ]
    return view.targets_area(sentences, lang, note, colour)


def _day(text) -> dt.date | None:
    """A filter's day, written JJ/MM/AAAA (or AAAA-MM-JJ); ValueError with a French message."""
    if text in (None, ""):
        return None
    if not isinstance(text, str) or len(text) > 10:
        raise ValueError("Date invalide : écrivez-la JJ/MM/AAAA, par exemple 12/06/2012.")
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(f"Date invalide « {text} » : écrivez-la JJ/MM/AAAA, par exemple 12/06/2012.")


def _filters(action, start, end) -> dict:
    return {
        "action": action if action in audit.ACTIONS else None,
        "start": _day(start),
        "end": _day(end),
    }


def _audit_area(connection, lang, action, start, end, page):
    try:
        filters = _filters(action, start, end)
    except ValueError as refused:
        return view.audit_area([], 1, 1, 0, lang, str(refused))
    total = audit.count(connection, **filters)
    pages = max(math.ceil(total / audit.PAGE_SIZE), 1)
    page = min(max(page if isinstance(page, int) and not isinstance(page, bool) else 1, 1), pages)
    rows = [
        (
            e.occurred_at.strftime("%d/%m/%Y %H:%M"),
            e.actor,
            view.action_label(e.action, lang),
            e.subject,
            audit.detail_text(e.detail),
        )
        for e in audit.events(connection, page=page, **filters)
    ]
    return view.audit_area(rows, page, pages, total, lang)


def _clicked(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def register(app: dash.Dash) -> None:
    @app.callback(
        Output(view.TARGET_AREA, "children"),
        Input(view.TARGET_SAVE, "n_clicks"),
        State(view.TARGET_CHOICE, "value"),
        State(view.TARGET_VALUE, "value"),
        State(view.TARGET_START, "value"),
        State(view.TARGET_END, "value"),
        State(view.TARGET_FROM, "value"),
        State(view.TARGET_REASON, "value"),
        prevent_initial_call=True,
    )
    def revise_target(clicks, choice, value, start, end, effective, reason):
        viewer = current_viewer()
        if not may_see_history(viewer) or not _clicked(clicks):
            return no_update
        lang = current_language()
        try:
            indicator, _, partner = (choice if isinstance(choice, str) else "").partition("|")
            with connect() as connection:
                chain = [
                    r
                    for r in target_history.history(connection, partner)
                    if r.indicator_code == indicator
                ]
            if not chain:
                raise target_history.RevisionRefused("Choisissez un objectif de la liste.")
            latest = chain[-1]
            day = _day(effective)
            if day is None:
                raise target_history.RevisionRefused(
                    "Indiquez la date à partir de laquelle l'objectif révisé est en vigueur."
                )
            with transaction(resources().engine) as session:
                revision = target_history.revise(
                    session,
                    actor=viewer.email or viewer.role,
                    indicator_code=indicator,
                    partner_slug=partner,
                    value=value if isinstance(value, str | int | float) else "",
                    period_start=_day(start) or latest.period_start,
                    period_end=_day(end) or latest.period_end,
                    effective_from=day,
                    reason=reason if isinstance(reason, str) else "",
                )
                number = revision.revision
            note, colour = view.HISTORY_TEXT("saved", lang, number=number), "success"
        except ValueError as refused:
            note, colour = str(refused), "danger"
        # Straight from the database: this request's reads are kept for the version it began at.
        with resources().engine.connect() as connection:
            return _targets_area(connection, lang, note, colour)

    @app.callback(
        Output(view.AUDIT_AREA, "children"),
        Input(view.AUDIT_ACTION, "value"),
        Input(view.AUDIT_START, "value"),
        Input(view.AUDIT_END, "value"),
        Input(view.AUDIT_PAGE, "value"),
        prevent_initial_call=True,
    )
    def filter_audit(action, start, end, page):
        if not may_see_history(current_viewer()):
            return no_update
        with connect() as connection:
            return _audit_area(connection, current_language(), action, start, end, page)

    @app.callback(
        Output(view.AUDIT_DOWNLOAD, "data"),
        Input(view.AUDIT_CSV, "n_clicks"),
        Input(view.AUDIT_XLSX, "n_clicks"),
        State(view.AUDIT_ACTION, "value"),
        State(view.AUDIT_START, "value"),
        State(view.AUDIT_END, "value"),
        prevent_initial_call=True,
    )
    def export_audit(csv_clicks, xlsx_clicks, action, start, end):
        if not may_see_history(current_viewer()):
            return no_update
        as_xlsx = dash.ctx.triggered_id == view.AUDIT_XLSX
        if not _clicked(xlsx_clicks if as_xlsx else csv_clicks):
            return no_update
        try:
            filters = _filters(action, start, end)
        except ValueError:
            return no_update
        with connect() as connection:
            rows = audit.export_rows(audit.events(connection, page_size=None, **filters))
        if as_xlsx:
            content = xlsx_bytes(audit.EXPORT_HEADERS, rows, "Journal")
            return dcc.send_bytes(content, "journal-democratic.xlsx", type=XLSX_TYPE)
        content = csv_bytes(audit.EXPORT_HEADERS, rows)
        return dcc.send_bytes(content, "journal-democratic.csv", type="text/csv")
