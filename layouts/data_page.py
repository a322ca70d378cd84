"""The data page: loading files (upload, report, confirmation), the record of loads, data
quality (freshness and completeness) and the indicator catalogue. Pure components."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import dash_bootstrap_components as dbc
from dash import dcc, html

from data import french
from layouts import ids
from layouts.components import html_element, page_header
from layouts.i18n import Messages, dimension_name, format_date, format_number
from layouts.load_preview import preview_view

DATA_PAGE_TEXT = Messages(
    {
        "title": ("Données et qualité", "Data and quality"),
        "lead": (
            "Charger les fichiers des partenaires, suivre les chargements, repérer les données "
            "manquantes, consulter le catalogue des indicateurs et tout exporter.",
            "Load the partners' files, follow the loads, spot missing data, read the indicator "
            "catalogue and export everything.",
        ),
        "import_title": ("Charger un fichier", "Load a file"),
        "import_help": (
            "Fichiers CSV (séparateur point-virgule ou virgule, UTF-8 ou Windows-1252) ou Excel "
            ".xlsx (première feuille), d'au plus {size}. Le fichier est d'abord vérifié : rien "
            "n'est chargé tant que vous n'avez pas confirmé, et un fichier qui comporte une "
            "erreur n'est jamais chargé en partie.",
            "CSV files (semicolon or comma separated, UTF-8 or Windows-1252) or Excel .xlsx "
            "(first sheet), up to {size}. The file is checked first: nothing is loaded until "
            "you confirm, and a file with an error is never partly loaded.",
        ),
        "login_needed": (
            "Connectez-vous avec un compte de chargé de mission ou d'éditeur partenaire pour "
            "charger des données.",
            "Log in with a programme manager or partner editor account to load data.",
        ),
        "editor_note": (
            "Votre compte charge les données {of_partner} ; elles seront publiées après "
            "l'approbation d'un chargé de mission.",
            "Your account loads {partner}'s data; it is published once a programme manager "
            "approves it.",
        ),
        "kind_label": ("Type de fichier", "Kind of file"),
        "kind_auto": ("Reconnaître d'après l'en-tête", "Recognise from the header"),
        "templates": ("Modèles à remplir", "Templates to fill in"),
        "upload_label": ("Fichier à vérifier", "File to check"),
        "upload_text": (
            "Déposez le fichier ici ou cliquez pour le choisir",
            "Drop the file here or click to choose it",
        ),
        "loads_title": ("Chargements", "Loads"),
        "loads_empty": ("Aucun chargement pour le moment.", "No load yet."),
        "quality_title": ("Fraîcheur et complétude", "Freshness and completeness"),
        "quality_lead": (
            "Pour chaque indicateur : la dernière période renseignée et les périodes attendues "
            "(selon la fréquence de l'indicateur) pour lesquelles aucune donnée n'est chargée, "
            "au {date}.",
            "For each indicator: the last period with data and the expected periods (by the "
            "indicator's frequency) with no data loaded, as of {date}.",
        ),
        "failed_title": ("Chargements refusés à reprendre", "Refused loads to follow up"),
        "catalogue_title": ("Catalogue des indicateurs", "Indicator catalogue"),
        "export_title": ("Exporter tout le stockage", "Export the whole store"),
        "export_text": (
            "Une archive ZIP : une table par fichier CSV et sa description (paquet de données "
            "Frictionless, datapackage.json), sous Licence Ouverte 2.0 d'Etalab pour les données "
            "des partenaires. Les comptes des utilisateurs n'y figurent pas.",
            "A ZIP archive: one CSV file per table and its description (a Frictionless data "
            "package, datapackage.json), under the Etalab Open Licence 2.0 for the partners' "
            "data. User accounts are not included.",
        ),
        "export_button": ("Télécharger l'export (ZIP)", "Download the export (ZIP)"),
        "confirm": ("Confirmer le chargement", "Confirm the load"),
        "cancel": ("Abandonner", "Discard"),
        "approve": ("Publier", "Publish"),
        "undo": ("Annuler le chargement", "Undo the load"),
        "none_missing": ("aucune", "none"),
        "not_defined": ("mise en œuvre en cours de définition", "implementation being defined"),
        "no_data": ("aucune donnée", "no data"),
        "punctual": ("ponctuel : pas de période attendue", "one-off: no expected period"),
        "undo_title": ("Annuler ce chargement ?", "Undo this load?"),
        "undo_confirm": ("Oui, annuler le chargement", "Yes, undo the load"),
        "undo_keep": ("Non, le garder", "No, keep it"),
    }
)
COLUMNS = {
    "loads": (
        ("N°", "No."),
        ("Date", "Date"),
        ("Par", "By"),
        ("Fichier", "File"),
        ("Type", "Kind"),
        ("Partenaire", "Partner"),
        ("Lignes", "Rows"),
        ("État", "Status"),
        ("Actions", "Actions"),
    ),
    "quality": (
        ("Partenaire", "Partner"),
        ("Indicateur", "Indicator"),
        ("Fréquence attendue", "Expected frequency"),
        ("Dernière donnée", "Latest data"),
        ("Périodes manquantes", "Missing periods"),
    ),
    "catalogue": (
        ("Code", "Code"),
        ("Indicateur", "Indicator"),
        ("Ce qui est compté", "What is counted"),
        ("Unité", "Unit"),
        ("Partenaire", "Partner"),
        ("Ventilations", "Breakdowns"),
        ("Fréquence", "Frequency"),
    ),
    "problems": (("Ligne", "Line"), ("Colonne", "Column"), ("Problème", "Problem")),
}
STATUS_LABELS = {
    "accepte": ("en vigueur", "in force"),
    "rejete": ("refusé", "refused"),
    "annule": ("annulé", "undone"),
}
FREQUENCIES = {
    "mois": ("mensuelle", "monthly"),
    "trimestre": ("trimestrielle", "quarterly"),
    "annee": ("annuelle", "yearly"),
    "ponctuel": ("ponctuelle", "one-off"),
}
KIND_LABELS = {
    "observations": ("Observations", "Observations"),
    "evenements": ("Événements", "Events"),
    "resultats": ("Résultats qualitatifs", "Qualitative outcomes"),
    "demonstration": ("Démonstration", "Demonstration"),
}


PARIS = ZoneInfo("Europe/Paris")


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """Moments are stored in UTC (naive on SQLite): shown in Paris time."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(PARIS)


def _head(key: str, lang: str) -> html.Thead:
    index = 1 if lang == "en" else 0
    return html.Thead(html.Tr([html.Th(c[index], scope="col") for c in COLUMNS[key]]))


def _table(key: str, rows: list, lang: str, caption: str) -> html.Div:
    return html.Div(
        html.Table(
            [
                html.Caption(caption, className="visually-hidden"),
                _head(key, lang),
                html.Tbody(rows),
            ],
            className="table table-sm data-table align-middle",
        ),
        className="table-responsive",
    )


def _label(table: dict, code: str, lang: str) -> str:
    pair = table.get(str(code))
    return pair[1 if lang == "en" else 0] if pair else str(code)


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


def loads_table(loads: list[dict], rights: dict[int, tuple[bool, bool]], lang: str) -> html.Div:
    """`rights`: load id -> (may approve, may undo), decided on the server."""
    if not loads:
        return html.P(DATA_PAGE_TEXT("loads_empty", lang))
    rows = []
    for load in loads:
        approve, undo = rights.get(load["id"], (False, False))
        status = _label(STATUS_LABELS, load["status"], lang)
        if load["status"] == "accepte":
            status += " · " + ("publié" if load["published"] else "non publié (à approuver)")
        actions = [
            dbc.Button(
                DATA_PAGE_TEXT("approve", lang),
                id={"type": ids.DATA_APPROVE, "index": load["id"]},
                size="sm",
                color="primary",
                className="me-1",
                title=f"{DATA_PAGE_TEXT('approve', lang)} : n° {load['id']}",
            )
            if approve
            else None,
            dbc.Button(
                DATA_PAGE_TEXT("undo", lang),
                id={"type": ids.DATA_UNDO, "index": load["id"]},
                size="sm",
                color="danger",
                outline=True,
                title=f"{DATA_PAGE_TEXT('undo', lang)} : n° {load['id']}",
            )
            if undo
            else None,
        ]
        created = _local(load["created_at"])
        rows.append(
            html.Tr(
                [
                    html.Td(load["id"]),
                    html.Td(
                        f"{format_date(created.date(), lang)} {created:%H:%M}" if created else "—"
                    ),
                    html.Td(load["created_by"]),
                    html.Td(load["file_name"], className="text-break"),
                    html.Td(_label(KIND_LABELS, load["kind"], lang)),
                    html.Td(load["partner_name"] or "—"),
                    html.Td(format_number(load["rows_accepted"], lang), className="text-end"),
                    html.Td(status),
                    html.Td([a for a in actions if a is not None] or "—"),
                ]
            )
        )
    return _table("loads", rows, lang, DATA_PAGE_TEXT("loads_title", lang))


def quality_section(freshness: list, failed: list[dict], as_of, lang: str) -> html.Section:
    rows = []
    for item in freshness:
        if item.not_defined:
            missing = DATA_PAGE_TEXT("not_defined", lang)
        elif item.frequency == "ponctuel":
            missing = DATA_PAGE_TEXT("punctual", lang)
        else:
            missing = ", ".join(item.missing) or DATA_PAGE_TEXT("none_missing", lang)
        # Plain-dict cells (layouts.components.html_element): this table has a row per indicator.
        rows.append(
            html_element(
                "Tr",
                [
                    html_element("Td", item.partner_name),
                    html_element(
                        "Td",
                        [
                            html_element("Span", item.indicator_label),
                            html_element("Br", None),
                            html_element("Code", item.indicator_code),
                        ],
                    ),
                    html_element("Td", _label(FREQUENCIES, item.frequency, lang)),
                    html_element(
                        "Td",
                        format_date(item.last_period_end, lang)
                        if item.last_period_end
                        else DATA_PAGE_TEXT("no_data", lang),
                    ),
                    html_element("Td", missing, "missing-periods" if item.missing else None),
                ],
            )
        )
    failed_block = None
    if failed:
        failed_block = html.Div(
            [
                html.H3(DATA_PAGE_TEXT("failed_title", lang), className="h5"),
                html.Ul(
                    [
                        html.Li(
                            [
                                html.Strong(f"{load['file_name']}"),
                                f" — {load['created_by']}, "
                                f"{format_date(load['created_at'].date(), lang) if load['created_at'] else ''}"
                                f" ({load['partner_name'] or '—'}) : ",
                                html.Span(
                                    (load["message"] or "").splitlines()[0]
                                    if load["message"]
                                    else ""
                                ),
                            ]
                        )
                        for load in failed
                    ]
                ),
            ]
        )
    return html.Section(
        [
            html.H2(DATA_PAGE_TEXT("quality_title", lang), id="titre-qualite"),
            html.P(DATA_PAGE_TEXT("quality_lead", lang, date=format_date(as_of, lang))),
            _table("quality", rows, lang, DATA_PAGE_TEXT("quality_title", lang)),
            failed_block,
        ],
        className="data-section",
        **{"aria-labelledby": "titre-qualite"},
    )


def catalogue_section(indicators: list[dict], partners: dict[str, str], lang: str) -> html.Section:
    en = lang == "en"
    rows = [
        html_element(
            "Tr",
            [
                html_element("Td", html_element("Code", i["code"])),
                html_element("Td", i["label_en" if en else "label_fr"]),
                html_element("Td", i["definition_en" if en else "definition_fr"]),
                html_element("Td", i["unit_en" if en else "unit_fr"]),
                html_element("Td", partners.get(i["partner_slug"], i["partner_slug"])),
                html_element(
                    "Td", ", ".join(dimension_name(b, lang) for b in i["breakdowns"]) or "—"
                ),
                html_element("Td", _label(FREQUENCIES, i["expected_frequency"], lang)),
            ],
        )
        for i in indicators
    ]
    return html.Section(
        [
            html.H2(DATA_PAGE_TEXT("catalogue_title", lang), id="titre-catalogue"),
            _table("catalogue", rows, lang, DATA_PAGE_TEXT("catalogue_title", lang)),
        ],
        className="data-section",
        **{"aria-labelledby": "titre-catalogue"},
    )


def export_section(lang: str) -> html.Section:
    return html.Section(
        [
            html.H2(DATA_PAGE_TEXT("export_title", lang), id="titre-export"),
            html.P(DATA_PAGE_TEXT("export_text", lang)),
            html.A(
                DATA_PAGE_TEXT("export_button", lang),
                href="/donnees/export.zip",
                className="btn btn-outline-primary",
                download="",
            ),
        ],
        className="data-section",
        **{"aria-labelledby": "titre-export"},
    )


def page(
    import_part: html.Section,
    loads_part: html.Div | None,
    quality_part: html.Section,
    catalogue_part: html.Section,
    export_part: html.Section | None,
    lang: str,
) -> html.Div:
    loads_block = None
    if loads_part is not None:
        loads_block = html.Section(
            [
                html.H2(DATA_PAGE_TEXT("loads_title", lang), id="titre-chargements"),
                html.Div(id=ids.DATA_STATUS, role="status", **{"aria-live": "polite"}),
                html.Div(loads_part, id=ids.DATA_LOADS),
                undo_dialog(lang),
            ],
            className="data-section",
            **{"aria-labelledby": "titre-chargements"},
        )
    return html.Div(
        [
            page_header(DATA_PAGE_TEXT("title", lang), DATA_PAGE_TEXT("lead", lang)),
            import_part,
            loads_block,
            quality_part,
            catalogue_part,
            export_part,
        ],
        className="data-page",
    )


def undo_dialog(lang: str) -> dbc.Modal:
    """Undoing is not reversible: it is asked for twice."""
    return html.Div(
        [
            dcc.Store(id=ids.DATA_UNDO_TARGET),
            dbc.Modal(
                [
                    dbc.ModalHeader(dbc.ModalTitle(DATA_PAGE_TEXT("undo_title", lang))),
                    dbc.ModalBody(html.P(id=ids.DATA_UNDO_TEXT)),
                    dbc.ModalFooter(
                        [
                            dbc.Button(
                                DATA_PAGE_TEXT("undo_confirm", lang),
                                id=ids.DATA_UNDO_CONFIRM,
                                color="danger",
                            ),
                            dbc.Button(
                                DATA_PAGE_TEXT("undo_keep", lang),
                                id=ids.DATA_UNDO_KEEP,
                                color="secondary",
                                outline=True,
                            ),
                        ]
                    ),
                ],
                id=ids.DATA_UNDO_DIALOG,
                is_open=False,
            ),
        ]
    )


def undo_question(load: dict) -> str:
    return (
        f"Le chargement n° {load['id']} (« {load['file_name']} », "
        f"{load['rows_accepted']} lignes) sera annulé : les lignes qu'il a apportées seront "
        "retirées et les valeurs qu'il avait remplacées rétablies."
    )
