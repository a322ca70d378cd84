"""The data page's « Interprétations » section: every interpretation a programme manager (or a
partner editor, for their partner) may manage, filtered by partner, indicator, status and
visibility, with the same changes as on the partner page (approve a waiting one, hide it,
reply, replace its text, delete it). Pure components; the wiring, and every check, is on the
server (callbacks/interpretation_admin.py, data/interpretations.py)."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html

from data.interpretations import BODY_MAX, Note
from layouts.chart_card import scroll_region
from layouts.components import form_message
from layouts.i18n import Messages
from layouts.interpretation_form import INTERPRETATION_FORM_TEXT
from layouts.interpretations import when

# Component ids (used here and in callbacks/interpretation_admin.py only).
SECTION = "donnees-interpretations"
PARTNER = "interpretations-gestion-partenaire"
INDICATOR = "interpretations-gestion-indicateur"
STATUS = "interpretations-gestion-statut"
VISIBILITY = "interpretations-gestion-visibilite"
AREA = "interpretations-gestion-zone"
TARGET = "interpretations-gestion-cible"
ACTION = "interpretations-gestion-action"
TEXT = "interpretations-gestion-texte"
APPLY = "interpretations-gestion-appliquer"
MESSAGE = "interpretations-gestion-message"
EVERY = "tous"  # a filter's « Tous »: no filter

ADMIN_TEXT = Messages(
    {
        "title": ("Interprétations", "Interpretations"),
        "lead_manager": (
            "Toutes les interprétations des partenaires et du programme : approuvez celles qui "
            "attendent, masquez, répondez, corrigez (son auteur) ou supprimez.",
            "Every interpretation of the partners and the programme: approve those waiting, "
            "hide, reply, correct (its author) or delete.",
        ),
        "lead_editor": (
            "Les interprétations de votre partenaire : répondez, corrigez ou supprimez les "
            "vôtres. Une interprétation publique attend l'approbation d'un chargé de mission.",
            "Your partner's interpretations: reply, correct or delete your own. A public "
            "interpretation waits for a programme manager's approval.",
        ),
        "partner": ("Partenaire", "Partner"),
        "indicator": ("Indicateur", "Indicator"),
        "status": ("Statut", "Status"),
        "visibility": ("Visibilité", "Visibility"),
        "every": ("Tous", "All"),
        "programme": ("Programme", "Programme"),
        "publie": ("publiée", "published"),
        "en_attente": ("en attente d'approbation", "awaiting approval"),
        "masque": ("masquée", "hidden"),
        "interne": ("interne", "internal"),
        "public": ("publique", "public"),
        "number": ("N°", "No."),
        "when": ("Date ou période", "Date or period"),
        "heading": ("Titre", "Title"),
        "author": ("Auteur", "Author"),
        "replies": ("Réponses", "Replies"),
        "caption": ("Interprétations selon les filtres", "Interpretations for these filters"),
        "count": ("{count} interprétation(s).", "{count} interpretation(s)."),
        "none": ("Aucune interprétation pour ces filtres.", "No interpretation for these filters."),
        "change": ("Agir sur une interprétation", "Act on an interpretation"),
    }
)
STATUSES = ("en_attente", "publie", "masque")
VISIBILITIES = ("interne", "public")


def _field(element_id: str, label: str, control) -> html.Div:
    return html.Div([dbc.Label(label, html_for=element_id), control], className="sharing-field")


def _select(element_id: str, label: str, options: Sequence[tuple[str, str]], lang: str):
    choices = [{"label": ADMIN_TEXT("every", lang), "value": EVERY}]
    choices += [{"label": text, "value": value} for value, text in options]
    return _field(element_id, label, dbc.Select(id=element_id, options=choices, value=EVERY))


def target_options(notes: Sequence[Note], lang: str) -> list[dict]:
    """The interpretations listed, as the choices of the « act on » list."""
    return [
        {"label": f"n° {n.id} — {n.title} ({ADMIN_TEXT(n.status, lang)})", "value": str(n.id)}
        for n in notes
    ]


def notes_table(
    notes: Sequence[Note],
    partners: dict[str, str],
    indicators: dict[str, str],
    lang: str,
    note: str | None = None,
    colour: str = "success",
) -> html.Div:
    """The interpretations the filters keep, one line each (`note`: what the last change did)."""
    said = [form_message(note, colour)] if note else []
    if not notes:
        return html.Div([*said, html.P(ADMIN_TEXT("none", lang))])
    headers = ("number", "partner", "indicator", "when", "heading", "visibility", "status")
    head = html.Thead(
        html.Tr(
            [html.Th(ADMIN_TEXT(h, lang), scope="col") for h in headers]
            + [
                html.Th(ADMIN_TEXT("author", lang), scope="col"),
                html.Th(ADMIN_TEXT("replies", lang), scope="col", className="num"),
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Th(str(n.id), scope="row"),
                    html.Td(partners.get(n.scope, n.scope)),
                    html.Td(indicators.get(n.indicator_code, n.indicator_code)),
                    html.Td(when(n, lang)),
                    html.Td(n.title),
                    html.Td(ADMIN_TEXT(n.visibility, lang)),
                    html.Td(
                        html.Strong(ADMIN_TEXT(n.status, lang))
                        if n.status == "en_attente"
                        else ADMIN_TEXT(n.status, lang)
                    ),
                    html.Td(n.author),
                    html.Td(str(len(n.replies)), className="num"),
                ]
            )
            for n in notes
        ]
    )
    caption = ADMIN_TEXT("caption", lang)
    table = html.Table([html.Caption(caption), head, body], className="table table-sm data-table")
    return html.Div(
        [*said, html.P(ADMIN_TEXT("count", lang, count=len(notes))), scroll_region(table, caption)]
    )


def admin_section(
    area,
    partners: Sequence[tuple[str, str]],
    indicators: Sequence[tuple[str, str]],
    targets: list[dict],
    may_moderate: bool,
    lang: str,
) -> html.Section:
    """`partners`, `indicators`: (code, label) offered in the filters; `targets`: the listed
    interpretations as choices; `may_moderate`: a programme manager (approve, hide)."""
    actions = [
        {"label": INTERPRETATION_FORM_TEXT(key, lang), "value": key}
        for key in (*(("approve", "hide") if may_moderate else ()), "reply", "edit", "delete")
    ]
    filters = html.Div(
        [
            _select(PARTNER, ADMIN_TEXT("partner", lang), partners, lang),
            _select(INDICATOR, ADMIN_TEXT("indicator", lang), indicators, lang),
            _select(
                STATUS,
                ADMIN_TEXT("status", lang),
                [(s, ADMIN_TEXT(s, lang)) for s in STATUSES],
                lang,
            ),
            _select(
                VISIBILITY,
                ADMIN_TEXT("visibility", lang),
                [(v, ADMIN_TEXT(v, lang)) for v in VISIBILITIES],
                lang,
            ),
        ],
        className="sharing-form",
    )
    change = html.Fieldset(
        [
            html.Legend(ADMIN_TEXT("change", lang), className="h5"),
            _field(
                TARGET,
                INTERPRETATION_FORM_TEXT("target", lang),
                dbc.Select(
                    id=TARGET,
                    options=targets,
                    value=targets[0]["value"] if targets else None,
                ),
            ),
            _field(
                ACTION,
                INTERPRETATION_FORM_TEXT("action", lang),
                dbc.RadioItems(id=ACTION, options=actions, value=actions[0]["value"]),
            ),
            _field(
                TEXT,
                INTERPRETATION_FORM_TEXT("change_text", lang),
                dbc.Textarea(id=TEXT, maxLength=BODY_MAX, rows=3),
            ),
            dbc.Button(
                INTERPRETATION_FORM_TEXT("apply", lang), id=APPLY, color="primary", n_clicks=0
            ),
            html.Div(id=MESSAGE, role="status", **{"aria-live": "polite"}),
        ],
        className="mt-3",
    )
    lead = ADMIN_TEXT("lead_manager" if may_moderate else "lead_editor", lang)
    return html.Section(
        [
            html.H2(ADMIN_TEXT("title", lang), id="titre-interpretations"),
            html.P(lead),
            filters,
            html.Div(area, id=AREA, **{"aria-live": "polite"}),
            change,
        ],
        id=SECTION,
        className="data-section sharing-section",
        **{"aria-labelledby": "titre-interpretations"},
    )
