"""The data page's wiring: upload -> report -> confirm, approve and undo loads, downloads.

Checks and loads run as background jobs (`data.importing.jobs`): a request waits a moment for a
small file's answer, then hands over to a progress bar that polls the job's state in the store.

Every decision is taken on the server from the viewer resolved there. An uploaded file is kept
server-side under a random token bound to the viewer who sent it; confirming re-reads and
re-checks that file, never anything the browser sends back (`callbacks.pending_uploads`). The
record of loads is in `callbacks.load_journal`, the downloads in `callbacks.data_downloads`.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from dash import ALL, Input, Output, State, ctx, html, no_update

from callbacks.answer_cache import keep_answer
from callbacks.context import connect, current_language, current_viewer, resources
from callbacks.data_downloads import register_routes
from callbacks.load_journal import loads_table, register_undo_dialog
from callbacks.pending_uploads import (
    binding,
    drop_pending,
    pending_dir,
    remember_kind,
    save_pending,
    take_pending,
)
from data import quality, queries
from data.access import Viewer
from data.importing import jobs, rights
from data.importing.kinds import KIND_LABELS, normalise_kind
from data.importing.load_review import LoadRefused, approve_load, undo_load
from data.importing.reading import human_size
from data.importing.service import ImportResult, record_refused_upload
from data.models import DataLoad, Partner
from data.store import transaction
from data.write_lock import StoreBusy, hold_writer_lock
from layouts import data_import, data_page_parts, ids
from layouts import data_page as view

# --- the page


def page_layout(**_query) -> html.Div:
    lang = current_language()
    viewer = current_viewer()
    settings = resources().settings
    may_import = rights.can_import(viewer)
    if not may_import:
        # No journal of loads, no upload, no section of the managers' (page_sections): what
        # this viewer sees changes with the data version and the day only, so the whole
        # answer may be kept (callbacks/answer_cache.py).
        keep_answer()
    with connect() as connection:
        partners = {p["slug"]: p["short_name"] for p in queries.partners(connection)}
        editor = rights.editor_partner(viewer)
        import_part = data_import.import_section(
            may_import,
            partners.get(editor) if editor else None,
            (settings.max_upload_bytes, human_size(settings.max_upload_bytes)),
            KIND_LABELS,
            lang,
        )
        loads_part = loads_table(connection, viewer, lang) if may_import else None
        as_of = quality.reference_date(connection)
        fresh = quality.freshness(connection, as_of, published_only=not viewer.sees_all_unpublished)
        failed = []
        if may_import:
            failed = [
                load
                for load in quality.loads(connection, editor, limit=200)
                if load["status"] == "rejete"
            ][:10]
        catalogue = view.catalogue_section(queries.indicators(connection), partners, lang)
    return view.page(
        import_part,
        loads_part,
        view.quality_section(fresh, failed, as_of, lang),
        catalogue,
        view.export_section(lang) if rights.can_export_store(viewer) else None,
        lang,
    )


# --- report


def _report_data(result: ImportResult | dict, viewer: Viewer) -> dict:
    data = result if isinstance(result, dict) else jobs.result_data(result)
    return {
        **data,
        "located": any(p["line"] for p in data["problems"]),
        "publish": rights.publishes_at_once(viewer),
    }


def _decode(contents: object) -> bytes | None:
    if not isinstance(contents, str) or "," not in contents:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return None


def _message(text: str, color: str = "danger") -> html.Div:
    import dash_bootstrap_components as dbc

    return dbc.Alert(text, color=color)


# --- callbacks


def register(app) -> None:
    register_routes(app.server)
    register_undo_dialog(app)

    # An oversized file is stopped in the browser, with the same message as on the server,
    # instead of being sent and refused by the web server without a word; only its name and
    # size go to the server, to be recorded in the load journal.
    app.clientside_callback(
        """
        function (contents, filename, limit) {
            if (!contents) { return [null, ""]; }
            var size = Math.floor((contents.length - contents.indexOf(",") - 1) * 3 / 4);
            if (limit && size > limit.bytes) {
                var shown = (size / 1048576).toFixed(1).replace(".", ",") + " Mo";
                return [{refused_size: size, filename: filename},
                    "Le fichier « " + filename + " » est trop volumineux (" + shown +
                    ") : la taille maximale est de " + limit.text +
                    ". Découpez-le en plusieurs fichiers."];
            }
            return [{contents: contents, filename: filename}, ""];
        }
        """,
        Output(ids.DATA_RECEIVED, "data"),
        Output(ids.DATA_TOO_BIG, "children"),
        Input(ids.DATA_UPLOAD, "contents"),
        State(ids.DATA_UPLOAD, "filename"),
        State(ids.DATA_LIMIT, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.DATA_REPORT, "children"),
        Output(ids.DATA_TOKEN, "data"),
        Output(ids.DATA_ACTIONS, "hidden"),
        Output(ids.DATA_UPLOAD, "contents"),
        Output(ids.DATA_LOADS, "children", allow_duplicate=True),
        Output(ids.DATA_JOB, "data"),
        Output(ids.DATA_POLL, "disabled"),
        Output(ids.DATA_PROGRESS, "children"),
        Input(ids.DATA_RECEIVED, "data"),
        State(ids.DATA_KIND, "value"),
        State(ids.DATA_TOKEN, "data"),
        prevent_initial_call=True,
    )
    def check_upload(received, kind, previous_token):
        # The same file may be dropped again after a correction: the upload is emptied each time.
        if not isinstance(received, dict):
            return (no_update,) * 8
        report, token, hidden, job = _check(received, kind, previous_token)
        viewer = current_viewer()
        loads = no_update
        if rights.can_import(viewer):  # a refused file is on record at once
            with connect() as connection:
                loads = loads_table(connection, viewer, current_language())
        return report, token, hidden, None, loads, *_following(job)

    def _check(received: dict, kind, previous_token):
        """(report, pending token, actions hidden, job being followed or None)."""
        contents, filename = received.get("contents"), received.get("filename")
        lang = current_language()
        viewer = current_viewer()
        if not rights.can_import(viewer):
            return _message(data_page_parts.DATA_PAGE_TEXT("login_needed", lang)), None, True, None
        drop_pending(previous_token, viewer)
        settings = resources().settings
        file_name = filename if isinstance(filename, str) else "fichier"
        file_name = Path(file_name).name[:200]
        refused_size = received.get("refused_size")
        if isinstance(refused_size, int) and refused_size > settings.max_upload_bytes:
            record_refused_upload(
                resources().engine, file_name, refused_size, viewer, settings.max_upload_bytes
            )
            return None, None, True, None
        content = _decode(contents)
        if content is None:
            return (
                _message("Le fichier n'a pas pu être reçu : déposez-le à nouveau."),
                None,
                True,
                None,
            )
        kind = normalise_kind(kind) if isinstance(kind, str) and kind != "auto" else None
        token = save_pending(content, {"viewer": binding(viewer), "file_name": file_name})
        del content  # the file is on disk now; the job reads it from there
        job_id = jobs.check_job(
            resources().engine,
            pending_dir() / f"{token}.bin",
            file_name,
            viewer,
            kind=kind,
            max_bytes=settings.max_upload_bytes,
            max_rows=settings.max_upload_rows,
        )
        jobs.wait(job_id, settings.upload_wait_seconds)
        job = {"id": job_id, "token": token}
        state = jobs.job_state(resources().engine, job_id, viewer)
        if state is None or state["state"] == jobs.RUNNING:
            return None, None, True, job
        report, token_out, hidden = _checked(state, job, viewer, lang)
        return report, token_out, hidden, None

    @app.callback(
        Output(ids.DATA_STATUS, "children"),
        Output(ids.DATA_LOADS, "children"),
        Output(ids.DATA_REPORT, "children", allow_duplicate=True),
        Output(ids.DATA_TOKEN, "data", allow_duplicate=True),
        Output(ids.DATA_ACTIONS, "hidden", allow_duplicate=True),
        Output(ids.DATA_JOB, "data", allow_duplicate=True),
        Output(ids.DATA_POLL, "disabled", allow_duplicate=True),
        Output(ids.DATA_PROGRESS, "children", allow_duplicate=True),
        Input(ids.DATA_CONFIRM, "n_clicks"),
        Input(ids.DATA_CANCEL, "n_clicks"),
        Input({"type": ids.DATA_APPROVE, "index": ALL}, "n_clicks"),
        Input(ids.DATA_UNDO_CONFIRM, "n_clicks"),
        State(ids.DATA_TOKEN, "data"),
        State(ids.DATA_UNDO_TARGET, "data"),
        prevent_initial_call=True,
    )
    def act(_confirm_clicks, _cancel_clicks, _approve_clicks, _undo_clicks, token, undo_target):
        trigger = ctx.triggered_id
        if not trigger or not any(t.get("value") for t in ctx.triggered):
            return (no_update,) * 8
        lang = current_language()
        viewer = current_viewer()
        if not rights.can_import(viewer):
            return (
                _message(data_page_parts.DATA_PAGE_TEXT("login_needed", lang)),
                no_update,
                no_update,
                None,
                True,
                no_update,
                no_update,
                no_update,
            )
        keep = no_update
        job = None
        if trigger == ids.DATA_CANCEL:
            drop_pending(token, viewer)
            status, report, token_out, hidden = (
                _message("Le fichier a été écarté : rien n'a été chargé.", "secondary"),
                None,
                None,
                True,
            )
        elif trigger == ids.DATA_CONFIRM:
            status, report, token_out, hidden, job = _confirm(token, viewer, lang)
        elif isinstance(trigger, dict) and trigger.get("type") == ids.DATA_APPROVE:
            status = _load_action(ids.DATA_APPROVE, trigger.get("index"), viewer)
            report, token_out, hidden = keep, keep, keep
        elif trigger == ids.DATA_UNDO_CONFIRM:
            # The id comes from the browser: _load_action checks the viewer's rights on it.
            status = _load_action(ids.DATA_UNDO, undo_target, viewer)
            report, token_out, hidden = keep, keep, keep
        else:
            return (no_update,) * 8
        with connect() as connection:
            table = loads_table(connection, viewer, lang)
        following = _following(job) if trigger == ids.DATA_CONFIRM else (keep, keep, keep)
        return status, table, report, token_out, hidden, *following

    @app.callback(
        Output(ids.DATA_PROGRESS, "children", allow_duplicate=True),
        Output(ids.DATA_POLL, "disabled", allow_duplicate=True),
        Output(ids.DATA_JOB, "data", allow_duplicate=True),
        Output(ids.DATA_REPORT, "children", allow_duplicate=True),
        Output(ids.DATA_TOKEN, "data", allow_duplicate=True),
        Output(ids.DATA_ACTIONS, "hidden", allow_duplicate=True),
        Output(ids.DATA_STATUS, "children", allow_duplicate=True),
        Output(ids.DATA_LOADS, "children", allow_duplicate=True),
        Input(ids.DATA_POLL, "n_intervals"),
        State(ids.DATA_JOB, "data"),
        prevent_initial_call=True,
    )
    def follow(_ticks, job):
        return _follow(job)

    @app.callback(
        Output(ids.DATA_PROGRESS, "children", allow_duplicate=True),
        Input(ids.DATA_JOB_STOP, "n_clicks"),
        State(ids.DATA_JOB, "data"),
        prevent_initial_call=True,
    )
    def stop(clicks, job):
        if not clicks or not isinstance(job, dict):
            return no_update
        viewer = current_viewer()
        if not rights.can_import(viewer):
            return no_update
        jobs.request_cancel(resources().engine, job.get("id"), viewer)
        state = jobs.job_state(resources().engine, job.get("id"), viewer)
        return data_import.job_progress(state, current_language()) if state else no_update


def _following(job: dict | None) -> tuple:
    """(job store, interval disabled, progress) for a job to follow, or none."""
    if job is None:
        return None, True, None
    state = jobs.job_state(resources().engine, job["id"], current_viewer())
    progress = data_import.job_progress(state, current_language()) if state else None
    return job, False, progress


def _checked(state: dict, job: dict, viewer: Viewer, lang: str):
    """The end of a check: (report, token to confirm or None, actions hidden)."""
    result = state.get("result") or {}
    if state["state"] != jobs.DONE:
        drop_pending(job.get("token"), viewer)
        return _message(result.get("message", "Le traitement a échoué.")), None, True
    report = data_import.report_view(_report_data(result, viewer), lang)
    if not result.get("ok"):
        drop_pending(job.get("token"), viewer)
        return report, None, True
    remember_kind(job.get("token"), viewer, result.get("kind"))
    return report, job.get("token"), False


def _loaded_message(result: dict, file_name: str) -> html.Div:
    count = result.get("rows") or 0
    state = "publiées" if result.get("published") else "en attente d'approbation"
    return _message(
        f"Chargement n° {result.get('load_id')} effectué : {count} ligne{'s' if count > 1 else ''} "
        f"de « {file_name} » chargée{'s' if count > 1 else ''}, {state}.",
        "success",
    )


def _follow(job) -> tuple:
    """The progress of the followed job; at its end, its report or its load."""
    keep = no_update
    viewer = current_viewer()
    lang = current_language()
    if not isinstance(job, dict) or not rights.can_import(viewer):
        return None, True, None, keep, keep, keep, keep, keep
    state = jobs.job_state(resources().engine, job.get("id"), viewer)
    if state is None:
        return None, True, None, keep, keep, keep, keep, keep
    progress = data_import.job_progress(state, lang)
    if state["state"] == jobs.RUNNING:
        return progress, False, keep, keep, keep, keep, keep, keep
    with connect() as connection:
        loads = loads_table(connection, viewer, lang)
    result = state.get("result") or {}
    if state["action"] == jobs.CHECKING:
        report, token, hidden = _checked(state, job, viewer, lang)
        return progress, True, None, report, token, hidden, keep, loads
    if state["state"] != jobs.DONE:
        status = _message(result.get("message", "Le traitement a échoué."))
        return progress, True, None, keep, None, True, status, loads
    if not result.get("ok"):
        status = _message("Le fichier n'est plus valide : rien n'a été chargé.")
        report = data_import.report_view(_report_data(result, viewer), lang)
        return progress, True, None, report, None, True, status, loads
    return (
        progress,
        True,
        None,
        None,
        None,
        True,
        _loaded_message(result, state["file_name"]),
        loads,
    )


def _confirm(token, viewer: Viewer, lang: str):
    """(status, report, token, actions hidden, job to follow or None)."""
    pending = take_pending(token, viewer)
    if pending is None:
        return (
            _message(
                "Ce fichier n'est plus en attente (déjà chargé, abandonné ou expiré) : "
                "déposez-le à nouveau."
            ),
            None,
            None,
            True,
            None,
        )
    path, meta = pending
    settings = resources().settings
    # Checked again: the store may have changed since the file was first checked.
    job_id = jobs.load_job(
        resources().engine,
        path,
        meta["file_name"],
        viewer,
        kind=meta.get("kind"),
        max_bytes=settings.max_upload_bytes,
        max_rows=settings.max_upload_rows,
        cleanup=lambda: path.unlink(missing_ok=True),
    )
    jobs.wait(job_id, settings.upload_wait_seconds)
    state = jobs.job_state(resources().engine, job_id, viewer)
    if state is None or state["state"] == jobs.RUNNING:
        waiting = "Chargement en cours…" if lang == "fr" else "Loading…"
        return _message(waiting, "info"), None, None, True, {"id": job_id}
    result = state.get("result") or {}
    if state["state"] != jobs.DONE:
        return _message(result.get("message", "Le chargement a échoué.")), None, None, True, None
    if not result.get("ok"):
        return (
            _message("Le fichier n'est plus valide : rien n'a été chargé."),
            data_import.report_view(_report_data(result, viewer), lang),
            None,
            True,
            None,
        )
    return _loaded_message(result, meta["file_name"]), None, None, True, None


def _load_action(kind: str, load_id: object, viewer: Viewer) -> html.Div:
    if not isinstance(load_id, int) or isinstance(load_id, bool):
        return _message("Chargement inconnu.")
    engine = resources().engine
    author = rights.author(viewer)
    try:
        with transaction(engine) as session:
            # Before the load is read: its state and the viewer's rights on it are decided under
            # the writer's lock, so that an approval cannot slip between an editor's check and
            # undo.
            hold_writer_lock(session)
            load = session.get(DataLoad, load_id)
            if load is None:
                raise LoadRefused(f"Le chargement n° {load_id} n'existe pas.")
            partner = session.get(Partner, load.partner_id) if load.partner_id else None
            slug = partner.slug if partner else None
            if kind == ids.DATA_APPROVE:
                if not rights.can_approve(viewer):
                    raise LoadRefused("Seul un chargé de mission peut publier un chargement.")
                approve_load(session, load_id, author)
                return _message(f"Chargement n° {load_id} publié.", "success")
            if load.kind == "demonstration":
                raise LoadRefused("Les données de démonstration ne s'annulent pas ici.")
            if not rights.can_undo(viewer, slug, load.published):
                raise LoadRefused(
                    "Votre compte ne permet pas d'annuler ce chargement : seuls les chargements "
                    "non publiés de votre partenaire peuvent l'être."
                )
            undo_load(session, load_id, author)
            return _message(
                f"Chargement n° {load_id} annulé : ses lignes ont été retirées et les valeurs "
                "qu'il avait remplacées rétablies.",
                "success",
            )
    except (LoadRefused, StoreBusy) as error:
        return _message(str(error))
