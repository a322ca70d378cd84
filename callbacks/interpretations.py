"""Wiring of the partner page's « Interpréter les chiffres » form (layouts/interpretation_form.py).

One callback for every change: it resolves the viewer on the server and hands the request to
data.interpretations, which refuses what this viewer may not do whatever the request carries
(a forged partner, interpretation or action). A refusal is said in French and changes nothing;
a change reloads the page, which shows the interpretation on its chart."""

from __future__ import annotations

import datetime as dt

import dash
from dash import Input, Output, State, no_update

from callbacks.context import current_language, current_viewer, resources
from data import interpretations
from data.access import AccessRefused
from data.models import Role
from data.reference import PARTNER_SLUGS
from data.store import transaction
from layouts import interpretation_form as form


def clicked(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def text_or_none(value: object) -> object:
    return value if isinstance(value, str) else None


def note_id(value: object) -> int | None:
    if isinstance(value, str) and value.isdigit() and len(value) < 12:
        return int(value)
    return None


def _partner_path(slug: object, search: object) -> str | None:
    """The page to reload: only a known partner's, with its own period query."""
    if slug not in PARTNER_SLUGS:
        return None
    query = search if isinstance(search, str) and search.startswith("?") else ""
    if len(query) > 500 or any(c in query for c in "\r\n#"):
        query = ""
    return f"/partenaires/{slug}{query}"


def register(app: dash.Dash) -> None:
    @app.callback(
        Output(form.MESSAGE, "children"),
        Output(form.RELOAD, "href"),
        Input(form.ADD, "n_clicks"),
        Input(form.APPLY, "n_clicks"),
        State(form.PARTNER, "data"),
        State(form.INDICATOR, "value"),
        State(form.SCOPE, "value"),
        State(form.START, "value"),
        State(form.END, "value"),
        State(form.TITLE, "value"),
        State(form.BODY, "value"),
        State(form.VISIBILITY, "value"),
        State(form.TARGET, "value"),
        State(form.ACTION, "value"),
        State(form.CHANGE_TEXT, "value"),
        State(form.RELOAD, "search"),  # the page's own query (its period), kept on reload
        prevent_initial_call=True,
    )
    def change_interpretations(
        add_clicks,
        apply_clicks,
        slug,
        indicator,
        scope,
        start,
        end,
        title,
        body,
        visibility,
        target,
        action,
        text,
        search,
    ):
        viewer = current_viewer()
        # Only those who may write for some partner reach the data layer, which checks the rest.
        if viewer.is_public or not (
            interpretations.is_manager(viewer) or viewer.role == Role.PARTNER_EDITOR.value
        ):
            return no_update, no_update
        adding = dash.ctx.triggered_id == form.ADD
        if not clicked(add_clicks if adding else apply_clicks):
            return no_update, no_update
        lang = current_language()
        now = dt.datetime.now(dt.UTC)
        try:
            with transaction(resources().engine) as session:
                if adding:
                    interpretations.create(
                        session,
                        viewer,
                        indicator_code=text_or_none(indicator),
                        scope=text_or_none(scope),
                        start=text_or_none(start),
                        end=text_or_none(end),
                        title=text_or_none(title),
                        body=text_or_none(body),
                        visibility=text_or_none(visibility),
                        now=now,
                    )
                else:
                    apply_change(session, viewer, note_id(target), action, text_or_none(text), now)
        except (interpretations.InterpretationRefused, AccessRefused) as refused:
            return str(refused), no_update
        message = form.INTERPRETATION_FORM_TEXT("saved" if adding else "done", lang)
        path = _partner_path(slug, search)
        return message, path if path else no_update


def apply_change(session, viewer, note_id, action, text, now) -> None:
    """Reply to, edit, delete, approve or hide one interpretation, as `viewer` (the data layer
    refuses what they may not do). The partner page and the data page both act through it."""
    if note_id is None:
        raise interpretations.InterpretationRefused("Choisissez une interprétation de la liste.")
    if action == "reply":
        interpretations.reply(session, viewer, note_id, text, now)
    elif action == "edit":
        interpretations.edit(session, viewer, note_id, body=text or "", now=now)
    elif action == "delete":
        interpretations.delete(session, viewer, note_id)
    elif action == "approve":
        interpretations.set_status(session, viewer, note_id, interpretations.PUBLISHED)
    elif action == "hide":
        interpretations.set_status(session, viewer, note_id, interpretations.HIDDEN)
    else:
        raise interpretations.InterpretationRefused("Choisissez une action de la liste.")
