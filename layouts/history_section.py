"""The data page's « Historique » sections, for programme managers: revise a target (every
revision kept, with its reason), and read or export the audit trail of who changed what (Paris
time). Pure components; the wiring is callbacks/history_section.py."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.audit import ACTIONS
from layouts.components import form_message
from layouts.i18n import Messages

# Component ids (used here and in callbacks/history_section.py only).
TARGET_AREA = "objectif-zone"
TARGET_CHOICE = "objectif-choix"
TARGET_VALUE = "objectif-valeur"
TARGET_START = "objectif-debut"
TARGET_END = "objectif-fin"
TARGET_FROM = "objectif-en-vigueur"
TARGET_REASON = "objectif-raison"
TARGET_SAVE = "objectif-reviser"
AUDIT_AREA = "journal-zone"
AUDIT_ACTION = "journal-action"
AUDIT_START = "journal-du"
AUDIT_END = "journal-au"
AUDIT_PAGE = "journal-page"
AUDIT_CSV = "journal-csv"
AUDIT_XLSX = "journal-xlsx"
AUDIT_DOWNLOAD = "journal-telechargement"
ALL_ACTIONS = "toutes"  # the action filter's « Toutes »: no filter

HISTORY_TEXT = Messages(
    {
        "targets_title": ("Réviser un objectif", "Revise a target"),
        "targets_lead": (
            "Chaque révision est conservée avec sa raison ; les graphiques suivent l'objectif en "
            "vigueur à chaque date et les statuts celui en vigueur à la date d'évaluation.",
            "Every revision is kept with its reason; charts follow the target in force at each "
            "date and statuses the one in force at the date of evaluation.",
        ),
        "target": ("Objectif", "Target"),
        "value": ("Nouvelle valeur", "New value"),
        "start": (
            "Début de la période (JJ/MM/AAAA, vide : inchangé)",
            "Period start (DD/MM/YYYY, empty: unchanged)",
        ),
        "end": (
            "Fin de la période (JJ/MM/AAAA, vide : inchangée)",
            "Period end (DD/MM/YYYY, empty: unchanged)",
        ),
        "from": ("En vigueur à partir du (JJ/MM/AAAA)", "In force from (DD/MM/YYYY)"),
        "reason": ("Raison de la révision", "Reason for the revision"),
        "save": ("Enregistrer la révision", "Save the revision"),
        "saved": ("Révision n° {number} enregistrée.", "Revision no. {number} saved."),
        "history": ("Révisions enregistrées", "Revisions on record"),
        "no_revision": ("Aucune révision pour l'instant.", "No revision yet."),
        "audit_title": ("Journal des modifications", "Audit trail"),
        "audit_table": ("Événements du journal, défilement horizontal", "Trail events, scrollable"),
        "audit_lead": (
            "Qui a chargé, publié, annulé un chargement ou révisé un objectif, et quand (heure "
            "de Paris).",
            "Who loaded, approved, undid a load or revised a target, and when (Paris time).",
        ),
        "action": ("Action", "Action"),
        "all": ("Toutes", "All"),
        "since": ("Du (JJ/MM/AAAA)", "From (DD/MM/YYYY)"),
        "until": ("Au (JJ/MM/AAAA)", "To (DD/MM/YYYY)"),
        "page": ("Page", "Page"),
        "pages": (
            "Page {page} sur {pages} — {total} événement(s)",
            "Page {page} of {pages} — {total} event(s)",
        ),
        "when": ("Date (heure de Paris)", "Date (Paris time)"),
        "who": ("Auteur", "By"),
        "subject": ("Objet", "Subject"),
        "detail": ("Détail", "Detail"),
        "empty": ("Aucun événement pour ces filtres.", "No event for these filters."),
        "csv": ("Exporter le journal (CSV)", "Export the trail (CSV)"),
        "xlsx": ("Exporter le journal (XLSX)", "Export the trail (XLSX)"),
        "chargement": ("Chargement", "Load"),
        "publication": ("Publication", "Approval"),
        "annulation": ("Annulation", "Undo"),
        "revision_objectif": ("Révision d'objectif", "Target revision"),
        "interpretation": ("Interprétation", "Interpretation"),
    }
)


def _field(element_id: str, label: str, control) -> html.Div:
    return html.Div([dbc.Label(label, html_for=element_id), control], className="sharing-field")


def _text(element_id: str, label: str, max_length: int = 20) -> html.Div:
    return _field(element_id, label, dbc.Input(id=element_id, type="text", maxLength=max_length))


def action_label(action: str, lang: str) -> str:
    return HISTORY_TEXT(action, lang) if action in ACTIONS else action


# --- target revisions


def targets_section(area, choices: Sequence[tuple[str, str]], lang: str) -> html.Section:
    """`choices`: (« indicator|partner », label) of every target."""
    form = html.Div(
        [
            _field(
                TARGET_CHOICE,
                HISTORY_TEXT("target", lang),
                dbc.Select(
                    id=TARGET_CHOICE,
                    options=[{"label": text, "value": code} for code, text in choices],
                    value=choices[0][0] if choices else None,
                ),
            ),
            _text(TARGET_VALUE, HISTORY_TEXT("value", lang)),
            _text(TARGET_START, HISTORY_TEXT("start", lang)),
            _text(TARGET_END, HISTORY_TEXT("end", lang)),
            _text(TARGET_FROM, HISTORY_TEXT("from", lang)),
            _text(TARGET_REASON, HISTORY_TEXT("reason", lang), 500),
            dbc.Button(
                HISTORY_TEXT("save", lang),
                id=TARGET_SAVE,
                color="primary",
                className="sharing-button",
            ),
        ],
        className="sharing-form",
    )
    return html.Section(
        [
            html.H2(HISTORY_TEXT("targets_title", lang), id="titre-objectifs"),
            html.P(HISTORY_TEXT("targets_lead", lang)),
            form,
            html.Div(area, id=TARGET_AREA, **{"aria-live": "polite"}),
        ],
        className="data-section sharing-section",
        **{"aria-labelledby": "titre-objectifs"},
    )


def targets_area(sentences: Sequence[str], lang: str, note=None, colour: str = "success"):
    """The revisions on record (as sentences, newest first) under an optional message."""
    return [
        form_message(note, colour),
        html.H3(HISTORY_TEXT("history", lang), className="h5 mt-3"),
        html.Ul([html.Li(s) for s in sentences])
        if sentences
        else html.P(HISTORY_TEXT("no_revision", lang), className="text-muted"),
    ]


# --- audit trail


def audit_section(area, lang: str) -> html.Section:
    actions = [{"label": HISTORY_TEXT("all", lang), "value": ALL_ACTIONS}] + [
        {"label": HISTORY_TEXT(a, lang), "value": a} for a in ACTIONS
    ]
    filters = html.Div(
        [
            _field(
                AUDIT_ACTION,
                HISTORY_TEXT("action", lang),
                dbc.Select(id=AUDIT_ACTION, options=actions, value=ALL_ACTIONS),
            ),
            _text(AUDIT_START, HISTORY_TEXT("since", lang)),
            _text(AUDIT_END, HISTORY_TEXT("until", lang)),
            _field(
                AUDIT_PAGE,
                HISTORY_TEXT("page", lang),
                dbc.Input(id=AUDIT_PAGE, type="number", min=1, value=1),
            ),
        ],
        className="sharing-form",
    )
    exports = html.Div(
        [
            dbc.Button(
                HISTORY_TEXT("csv", lang), id=AUDIT_CSV, color="secondary", className="me-2"
            ),
            dbc.Button(HISTORY_TEXT("xlsx", lang), id=AUDIT_XLSX, color="secondary"),
            dcc.Download(id=AUDIT_DOWNLOAD),
        ],
        className="mt-2",
    )
    return html.Section(
        [
            html.H2(HISTORY_TEXT("audit_title", lang), id="titre-journal"),
            html.P(HISTORY_TEXT("audit_lead", lang)),
            filters,
            html.Div(area, id=AUDIT_AREA, **{"aria-live": "polite"}),
            exports,
        ],
        className="data-section sharing-section",
        **{"aria-labelledby": "titre-journal"},
    )


def audit_area(
    rows: Sequence[Sequence[str]], page: int, pages: int, total: int, lang: str, note=None
):
    """`rows`: (when, who, action, subject, detail) already written for the page."""
    if not rows:
        return [
            form_message(note, "danger"),
            html.P(HISTORY_TEXT("empty", lang), className="text-muted"),
        ]
    head = [HISTORY_TEXT(k, lang) for k in ("when", "who", "action", "subject", "detail")]
    return [
        form_message(note, "danger"),
        html.P(HISTORY_TEXT("pages", lang, page=page, pages=pages, total=total)),
        html.Div(
            html.Table(
                [
                    html.Caption(HISTORY_TEXT("audit_title", lang), className="visually-hidden"),
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                    html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
                ],
                className="table table-sm",
            ),
            className="table-responsive",
            tabIndex=0,
            role="region",
            **{"aria-label": HISTORY_TEXT("audit_table", lang)},
        ),
    ]
