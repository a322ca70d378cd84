"""Wiring of the data page's « Interprétations » section (layouts/interpretation_admin.py): for
programme managers, every partner's and the programme's interpretations; for a partner editor,
their own partner's. The viewer is resolved on the server for every request; the filters the
browser sends only narrow what that viewer may read, and every change goes through
data.interpretations (callbacks.interpretations.apply_change), which refuses what this viewer
may not do, whatever the request carries."""

from __future__ import annotations

import datetime as dt

import dash
from dash import Input, Output, State, no_update

from callbacks.context import current_language, current_viewer, resources
from callbacks.interpretations import apply_change, clicked, note_id, text_or_none
from data import interpretations, queries
from data.access import AccessRefused, Viewer
from data.interpretations import PROGRAMME, Note
from data.models import Role
from data.store import transaction
from layouts import interpretation_admin as view
from layouts.interpretation_form import INTERPRETATION_FORM_TEXT


def may_manage(viewer: Viewer) -> bool:
    """Programme managers and administrators; a partner editor for their own partner."""
    return interpretations.is_manager(viewer) or (
        viewer.role == Role.PARTNER_EDITOR.value and bool(viewer.partner_slug)
    )


def _scopes(viewer: Viewer, chosen: object) -> list[str]:
    """The partners (and the programme) whose interpretations this viewer manages, narrowed to
    the one chosen in the filter when it is one of them."""
    if interpretations.is_manager(viewer):
        every = [p.slug for p in _partners()] + [PROGRAMME]
    else:
        every = [viewer.partner_slug]
    return [chosen] if chosen in every else every


def _partners():
    from data.reference import PARTNERS

    return [p for p in PARTNERS if p.kind != "programme"]


def _names(connection, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    partners = {
        p["slug"]: p["name_en" if lang == "en" else "short_name"]
        for p in queries.partners(connection)
    }
    partners[PROGRAMME] = view.ADMIN_TEXT("programme", lang)
    labels = {
        i["code"]: i["label_en" if lang == "en" else "label_fr"]
        for i in queries.indicators(connection)
    }
    return partners, labels


def listed(connection, viewer: Viewer, partner, indicator, status, visibility) -> list[Note]:
    """The interpretations this viewer reads and manages, kept by the filters (values that are
    not choices of the list filter nothing)."""
    notes = interpretations.visible_notes(connection, viewer, None, _scopes(viewer, partner))
    return [
        n
        for n in notes
        if (
            not isinstance(indicator, str)
            or indicator == view.EVERY
            or n.indicator_code == indicator
        )
        and (status not in view.STATUSES or n.status == status)
        and (visibility not in view.VISIBILITIES or n.visibility == visibility)
    ]


def _area(connection, viewer, lang, filters, note=None, colour="success"):
    notes = listed(connection, viewer, *filters)
    partners, labels = _names(connection, lang)
    table = view.notes_table(notes, partners, labels, lang, note, colour)
    return table, view.target_options(notes, lang)


def sections() -> list:
    viewer = current_viewer()
    if not may_manage(viewer):
        return []
    lang = current_language()
    with resources().engine.connect() as connection:
        area, targets = _area(connection, viewer, lang, (None, None, None, None))
        partners, labels = _names(connection, lang)
        scopes = _scopes(viewer, None)
        indicators = [
            (i["code"], f"{partners.get(i['partner_slug'], '')} — {labels[i['code']]}")
            for i in queries.indicators(connection)
            if i["partner_slug"] in scopes
        ]
    partner_choices = [(s, partners.get(s, s)) for s in scopes]
    return [
        view.admin_section(
            area,
            partner_choices,
            indicators,
            targets,
            interpretations.can_moderate(viewer),
            lang,
        )
    ]


def register(app: dash.Dash) -> None:
    @app.callback(
        Output(view.AREA, "children"),
        Output(view.TARGET, "options"),
        Output(view.MESSAGE, "children"),
        Input(view.PARTNER, "value"),
        Input(view.INDICATOR, "value"),
        Input(view.STATUS, "value"),
        Input(view.VISIBILITY, "value"),
        Input(view.APPLY, "n_clicks"),
        State(view.TARGET, "value"),
        State(view.ACTION, "value"),
        State(view.TEXT, "value"),
        prevent_initial_call=True,
    )
    def manage_interpretations(
        partner, indicator, status, visibility, clicks, target, action, text
    ):
        viewer = current_viewer()
        if not may_manage(viewer):
            return no_update, no_update, no_update
        lang = current_language()
        filters = (partner, indicator, status, visibility)
        note, colour = None, "success"
        if dash.ctx.triggered_id == view.APPLY:
            if not clicked(clicks):
                return no_update, no_update, no_update
            try:
                with transaction(resources().engine) as session:
                    apply_change(
                        session,
                        viewer,
                        note_id(target),
                        action,
                        text_or_none(text),
                        dt.datetime.now(dt.UTC),
                    )
                note = INTERPRETATION_FORM_TEXT("done", lang)
            except (interpretations.InterpretationRefused, AccessRefused) as refused:
                note, colour = str(refused), "danger"
        # Straight from the database: the change just made is read back.
        with resources().engine.connect() as connection:
            area, targets = _area(connection, viewer, lang, filters, note, colour)
        return area, targets, note or ""
