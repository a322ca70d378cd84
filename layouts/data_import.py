"""The data page's loading section: the upload form, a background job's progress and the report
of a checked file (its problems, or what it would change).

One section of the data page (`layouts.data_page`), the only one that follows a file through its
checking and loading.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from data import french
from layouts import ids
from layouts.data_page_parts import DATA_PAGE_TEXT, _table
from layouts.i18n import format_number
from layouts.load_preview import preview_view


def import_section(
    can_import: bool,
    editor_partner: str | None,
    max_size: tuple[int, str],
    kinds: dict[str, str],
    lang: str,
) -> html.Section:
    heading = html.H2(DATA_PAGE_TEXT("import_title", lang), id="titre-import")
    if not can_import:
        return html.Section(
            [heading, dbc.Alert(DATA_PAGE_TEXT("login_needed", lang), color="info")],
            **{"aria-labelledby": "titre-import"},
        )
    templates = html.Ul(
        [
            html.Li(
                [
                    html.Span(label + " : "),
                    html.A("Excel (.xlsx)", href=f"/donnees/modele/{kind}.xlsx", download=""),
                    " · ",
                    html.A("CSV", href=f"/donnees/modele/{kind}.csv", download=""),
                ]
            )
            for kind, label in kinds.items()
        ],
        className="template-list",
    )
    return html.Section(
        [
            heading,
            html.P(DATA_PAGE_TEXT("import_help", lang, size=max_size[1])),
            html.P(
                DATA_PAGE_TEXT(
                    "editor_note",
                    lang,
                    partner=editor_partner,
                    of_partner=french.of(editor_partner),
                )
            )
            if editor_partner
            else None,
            html.H3(DATA_PAGE_TEXT("templates", lang), className="h6"),
            templates,
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(DATA_PAGE_TEXT("kind_label", lang), html_for=ids.DATA_KIND),
                            dbc.Select(
                                id=ids.DATA_KIND,
                                options=[
                                    {"label": DATA_PAGE_TEXT("kind_auto", lang), "value": "auto"}
                                ]
                                + [{"label": v, "value": k} for k, v in kinds.items()],
                                value="auto",
                            ),
                        ],
                        md=5,
                    ),
                    dbc.Col(
                        [
                            html.Span(
                                DATA_PAGE_TEXT("upload_label", lang),
                                className="form-label d-block",
                                id="libelle-depot",
                            ),
                            dcc.Upload(
                                html.Span(DATA_PAGE_TEXT("upload_text", lang)),
                                id=ids.DATA_UPLOAD,
                                className="upload-zone",
                                multiple=False,
                                accept=".csv,.txt,.xlsx,text/csv,"
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            ),
                        ],
                        md=7,
                    ),
                ],
                className="g-3 mb-3",
            ),
            dcc.Store(id=ids.DATA_TOKEN),
            dcc.Store(id=ids.DATA_RECEIVED),
            dcc.Store(id=ids.DATA_LIMIT, data={"bytes": max_size[0], "text": max_size[1]}),
            html.P(id=ids.DATA_TOO_BIG, className="text-danger fw-semibold", role="alert"),
            dcc.Store(id=ids.DATA_JOB),
            dcc.Interval(id=ids.DATA_POLL, interval=1000, disabled=True),
            html.Div(id=ids.DATA_PROGRESS),
            dcc.Loading(html.Div(id=ids.DATA_REPORT, role="status", **{"aria-live": "polite"})),
            # `hidden` on a wrapper: Bootstrap's d-flex would override it on the same element.
            html.Div(
                html.Div(
                    [
                        dbc.Button(
                            DATA_PAGE_TEXT("confirm", lang), id=ids.DATA_CONFIRM, color="primary"
                        ),
                        dbc.Button(
                            DATA_PAGE_TEXT("cancel", lang),
                            id=ids.DATA_CANCEL,
                            color="secondary",
                            outline=True,
                        ),
                    ],
                    className="d-flex gap-2 mb-3",
                ),
                id=ids.DATA_ACTIONS,
                hidden=True,
            ),
        ],
        className="data-section",
        **{"aria-labelledby": "titre-import"},
    )


PHASES = {
    "verification": ("Vérification", "Checking"),
    "comparaison": ("Comparaison avec les données en place", "Comparing with the stored data"),
    "chargement": ("Chargement", "Loading"),
}


def job_progress(job: dict, lang: str) -> html.Div:
    """A background check or load: a progress bar, what it is doing, and a button to stop it."""
    done, total = job.get("done") or 0, job.get("total") or 0
    running = job["state"] == "en_cours"
    finished = job["state"] == "termine"
    percent = 100 if finished else (min(99, int(done * 100 / total)) if total else 0)
    phase = PHASES.get(job.get("phase") or job.get("action"), ("Préparation", "Preparing"))
    phase = phase[0] if lang == "fr" else phase[1]
    if finished:
        text = "Terminé" if lang == "fr" else "Done"
    elif job["state"] == "annule":
        text = "Arrêté" if lang == "fr" else "Stopped"
    elif job["state"] == "echoue":
        text = "Échec" if lang == "fr" else "Failed"
    elif job.get("cancel_requested"):
        text = "Arrêt demandé…" if lang == "fr" else "Stopping…"
    else:
        lines = "lignes" if lang == "fr" else "rows"
        text = f"{phase} : {format_number(done, lang)} / {format_number(total, lang)} {lines}"
    label = f"{job.get('file_name', '')} — {text} ({percent} %)"
    return html.Div(
        [
            html.P(label, className="mb-1 job-label", id="donnees-travail-libelle"),
            html.Div(
                html.Div(
                    className="progress-bar" + (" progress-bar-striped" if running else ""),
                    style={"width": f"{percent}%"},
                ),
                className="progress mb-2",
                role="progressbar",
                **{
                    "aria-labelledby": "donnees-travail-libelle",
                    "aria-valuemin": "0",
                    "aria-valuemax": "100",
                    "aria-valuenow": str(percent),
                    "aria-valuetext": text,
                },
            ),
            dbc.Button(
                "Arrêter" if lang == "fr" else "Stop",
                id=ids.DATA_JOB_STOP,
                color="secondary",
                outline=True,
                size="sm",
                className="mb-3",
            )
            if running and not job.get("cancel_requested")
            else None,
        ],
        className="job-progress",
        **{"data-state": job["state"]},
    )


def report_view(result: dict, lang: str) -> html.Div:
    """The check of an uploaded file: what was read, then every problem, or the go-ahead."""
    details = html.P(
        f"{result['file_name']} — {', '.join(result['details'])}." if result["details"] else "",
        className="text-muted mb-2",
    )
    warnings = [dbc.Alert(w, color="warning", className="py-2") for w in result["warnings"]]
    if result["problems"]:
        count = max(result.get("problem_count") or 0, len(result["problems"]))
        rows = [
            html.Tr(
                [
                    html.Td(p["line"] or "—"),
                    html.Td(p["column"] or "—", className="text-nowrap"),
                    html.Td(p["message"]),
                ]
            )
            for p in result["problems"]
        ]
        summary = (
            f"Le fichier est refusé : {format_number(count, lang)} "
            f"problème{'s' if count > 1 else ''} à corriger. "
            "Rien n'a été chargé. Corrigez le fichier puis déposez-le à nouveau."
        )
        shown = len(result["problems"])
        more = (
            html.P(
                f"… et {format_number(count - shown, lang)} autre{'s' if count - shown > 1 else ''}"
                f" problème{'s' if count - shown > 1 else ''} ({format_number(count, lang)} au "
                f"total) : seuls les {format_number(shown, lang)} premiers sont affichés.",
                className="report-more",
            )
            if count > shown
            else None
        )
        return html.Div(
            [
                details,
                dbc.Alert(summary, color="danger", className="report-refused"),
                *warnings,
                _table("problems", rows, lang, summary) if rows and result["located"] else None,
                html.Ul([html.Li(p["message"]) for p in result["problems"]])
                if not result["located"]
                else None,
                more,
            ],
            className="import-report",
        )
    count = result["rows"]
    publication = (
        "Les données seront publiées dès le chargement."
        if result["publish"]
        else "Les données resteront non publiées jusqu'à l'approbation d'un chargé de mission."
    )
    return html.Div(
        [
            details,
            dbc.Alert(
                f"Le fichier est valide : {format_number(count, lang)} "
                f"ligne{'s' if count > 1 else ''} de « {result['kind_label']} » prête"
                f"{'s' if count > 1 else ''} à charger. {publication} Confirmez pour charger.",
                color="success",
                className="report-valid",
            ),
            *warnings,
            preview_view(result.get("preview"), lang),
        ],
        className="import-report",
    )
