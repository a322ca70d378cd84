"""The record of loads on the data page: the table of loads with what the viewer may do on each
(decided on the server) beside the values waiting for approval, and the dialog that asks twice
before a load is undone.

Part of the data page's wiring (`callbacks.data_page`, which approves and undoes loads).
"""

from __future__ import annotations

from dash import ALL, Input, Output, ctx, html, no_update

from callbacks.context import connect, current_viewer
from data import publication, quality, queries
from data.access import Viewer
from data.importing import rights
from layouts import data_page as view
from layouts import ids
from layouts.load_preview import pending_view


def loads_table(connection, viewer: Viewer, lang: str):
    loads = quality.loads(connection, rights.editor_partner(viewer))
    allowed = {
        load["id"]: (
            rights.can_approve(viewer) and load["status"] == "accepte" and not load["published"],
            load["status"] == "accepte"
            and load["kind"] != "demonstration"
            and rights.can_undo(viewer, load["partner_slug"], load["published"]),
        )
        for load in loads
    }
    # The values waiting for approval, beside the published ones they would replace: what
    # « Publier » changes for the public (the editor sees their partner's, managers all).
    partner_scope = None if viewer.sees_all_unpublished else viewer.unpublished_partners()
    pending = publication.pending_corrections(connection, partner_scope)
    total = publication.pending_count(connection, partner_scope) if pending else 0
    labels = {
        i.code: i.label_en if lang == "en" else i.label_fr for i in queries.indicators(connection)
    }
    names = {p["slug"]: p["short_name"] for p in queries.partners(connection)}
    return html.Div(
        [view.loads_table(loads, allowed, lang), pending_view(pending, total, labels, names, lang)]
    )


def register_undo_dialog(app) -> None:
    @app.callback(
        Output(ids.DATA_UNDO_DIALOG, "is_open"),
        Output(ids.DATA_UNDO_TARGET, "data"),
        Output(ids.DATA_UNDO_TEXT, "children"),
        Input({"type": ids.DATA_UNDO, "index": ALL}, "n_clicks"),
        Input(ids.DATA_UNDO_KEEP, "n_clicks"),
        Input(ids.DATA_UNDO_CONFIRM, "n_clicks"),
        prevent_initial_call=True,
    )
    def ask(_undo_clicks, _keep_clicks, _confirm_clicks):
        trigger = ctx.triggered_id
        if not trigger or not any(t.get("value") for t in ctx.triggered):
            return no_update, no_update, no_update
        if not isinstance(trigger, dict):
            return False, None, ""
        load_id = trigger.get("index")
        viewer = current_viewer()
        if not isinstance(load_id, int) or not rights.can_import(viewer):
            return False, None, ""
        with connect() as connection:
            # A partner editor only ever hears about their own partner's loads.
            found = quality.loads(connection, rights.editor_partner(viewer), load_id=load_id)
        if not found:
            return False, None, ""
        return True, load_id, view.undo_question(found[0])
