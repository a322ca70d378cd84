"""The partner page's « Interpréter les chiffres » section: write an interpretation on one of
the page's indicators, and reply to, edit, delete, approve or hide one. Drawn only for those
who may write for this partner (its editors and the programme managers); every change is
checked again on the server (callbacks/interpretations.py, data/interpretations.py). Pure
components."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.interpretations import BODY_MAX, TITLE_MAX
from layouts.i18n import Messages

# Component ids (used here and in callbacks/interpretations.py only).
SECTION = "interpretation-formulaire"
PARTNER = "interpretation-partenaire"
INDICATOR = "interpretation-indicateur"
SCOPE = "interpretation-portee"
START = "interpretation-debut"
END = "interpretation-fin"
TITLE = "interpretation-titre"
BODY = "interpretation-texte"
VISIBILITY = "interpretation-visibilite"
ADD = "interpretation-ajouter"
TARGET = "interpretation-cible"
ACTION = "interpretation-action"
CHANGE_TEXT = "interpretation-nouveau-texte"
APPLY = "interpretation-appliquer"
MESSAGE = "interpretation-message"
RELOAD = "interpretation-recharger"

INTERPRETATION_FORM_TEXT = Messages(
    {
        "title": ("Interpréter les chiffres", "Interpret the figures"),
        "lead": (
            "Expliquez un chiffre (une grève, un retard de saisie, un nouvel animateur) : "
            "l'interprétation s'affiche sur le graphique de l'indicateur, à sa date ou sur sa "
            "période, et dans la liste sous le graphique. Mise en forme : **gras**, *italique*, "
            "[texte du lien](https://adresse), une ligne vide entre deux paragraphes.",
            "Explain a figure (a strike, late data, a new facilitator): the interpretation shows "
            "on the indicator's chart, at its date or over its period, and in the list under the "
            "chart. Formatting: **bold**, *italics*, [link text](https://address), an empty line "
            "between paragraphs.",
        ),
        "add_title": ("Nouvelle interprétation", "New interpretation"),
        "indicator": ("Indicateur", "Indicator"),
        "scope": ("Pour", "For"),
        "programme": ("le programme", "the programme"),
        "start": ("Date (ou début de la période)", "Date (or start of the period)"),
        "end": ("Fin de la période (facultatif)", "End of the period (optional)"),
        "heading": ("Titre (120 caractères au plus)", "Title (120 characters at most)"),
        "body": ("Texte", "Text"),
        "visibility": ("Visible par", "Visible to"),
        "internal": (
            "interne : comptes de ce partenaire et chargés de mission",
            "internal: this partner's accounts and programme managers",
        ),
        "public": ("public : tout le monde", "public: everyone"),
        "public_waits": (
            "Une interprétation publique d'un éditeur partenaire attend l'approbation d'un "
            "chargé de mission avant d'être vue du public.",
            "A partner editor's public interpretation waits for a programme manager's approval "
            "before the public sees it.",
        ),
        "add": ("Enregistrer l'interprétation", "Save the interpretation"),
        "change_title": ("Répondre, modifier, supprimer", "Reply, edit, delete"),
        "target": ("Interprétation", "Interpretation"),
        "action": ("Action", "Action"),
        "reply": ("répondre", "reply"),
        "edit": ("remplacer le texte (son auteur)", "replace the text (its author)"),
        "delete": ("supprimer, avec ses réponses", "delete, with its replies"),
        "approve": ("approuver (publier)", "approve (publish)"),
        "hide": ("masquer (modération)", "hide (moderation)"),
        "change_text": ("Réponse ou nouveau texte", "Reply or new text"),
        "apply": ("Appliquer", "Apply"),
        "none": ("Aucune interprétation pour l'instant.", "No interpretation yet."),
        "saved": ("Interprétation enregistrée.", "Interpretation saved."),
        "done": ("C'est fait.", "Done."),
    }
)


def _field(label: str, control, element_id: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=element_id), control], className="mb-2")


def interpretation_section(
    slug: str,
    partner_name: str,
    indicators: Sequence[tuple[str, str]],
    notes: Sequence[tuple[int, str]],
    may_moderate: bool,
    lang: str,
) -> html.Details:
    """`indicators`: (code, label) of the page's charts; `notes`: (id, label) of the
    interpretations this viewer reads; `may_moderate`: a programme manager."""
    scopes = [{"label": partner_name, "value": slug}]
    if may_moderate:
        scopes.append({"label": INTERPRETATION_FORM_TEXT("programme", lang), "value": "programme"})
    actions = [
        {"label": INTERPRETATION_FORM_TEXT(key, lang), "value": key}
        for key in ("reply", "edit", "delete", *(("approve", "hide") if may_moderate else ()))
    ]
    add_part = html.Fieldset(
        [
            html.Legend(INTERPRETATION_FORM_TEXT("add_title", lang), className="h5"),
            _field(
                INTERPRETATION_FORM_TEXT("indicator", lang),
                dbc.Select(
                    id=INDICATOR,
                    options=[{"label": label, "value": code} for code, label in indicators],
                    value=indicators[0][0] if indicators else None,
                ),
                INDICATOR,
            ),
            _field(
                INTERPRETATION_FORM_TEXT("scope", lang),
                dbc.RadioItems(id=SCOPE, options=scopes, value=slug, inline=True),
                SCOPE,
            ),
            html.Div(
                [
                    _field(
                        INTERPRETATION_FORM_TEXT("start", lang),
                        dbc.Input(id=START, type="date"),
                        START,
                    ),
                    _field(
                        INTERPRETATION_FORM_TEXT("end", lang), dbc.Input(id=END, type="date"), END
                    ),
                ],
                className="interpretation-dates",
            ),
            _field(
                INTERPRETATION_FORM_TEXT("heading", lang),
                dbc.Input(id=TITLE, maxLength=TITLE_MAX),
                TITLE,
            ),
            _field(
                INTERPRETATION_FORM_TEXT("body", lang),
                dbc.Textarea(id=BODY, maxLength=BODY_MAX, rows=4),
                BODY,
            ),
            _field(
                INTERPRETATION_FORM_TEXT("visibility", lang),
                dbc.RadioItems(
                    id=VISIBILITY,
                    options=[
                        {"label": INTERPRETATION_FORM_TEXT("internal", lang), "value": "interne"},
                        {"label": INTERPRETATION_FORM_TEXT("public", lang), "value": "public"},
                    ],
                    value="interne",
                ),
                VISIBILITY,
            ),
            html.P(INTERPRETATION_FORM_TEXT("public_waits", lang), className="small text-muted")
            if not may_moderate
            else None,
            dbc.Button(INTERPRETATION_FORM_TEXT("add", lang), id=ADD, color="primary", n_clicks=0),
        ],
        className="mb-3",
    )
    change_part = html.Fieldset(
        [
            html.Legend(INTERPRETATION_FORM_TEXT("change_title", lang), className="h5"),
            _field(
                INTERPRETATION_FORM_TEXT("target", lang),
                dbc.Select(
                    id=TARGET,
                    options=[{"label": label, "value": str(i)} for i, label in notes],
                    value=str(notes[0][0]) if notes else None,
                ),
                TARGET,
            ),
            None if notes else html.P(INTERPRETATION_FORM_TEXT("none", lang), className="small"),
            _field(
                INTERPRETATION_FORM_TEXT("action", lang),
                dbc.RadioItems(id=ACTION, options=actions, value="reply"),
                ACTION,
            ),
            _field(
                INTERPRETATION_FORM_TEXT("change_text", lang),
                dbc.Textarea(id=CHANGE_TEXT, maxLength=BODY_MAX, rows=3),
                CHANGE_TEXT,
            ),
            dbc.Button(
                INTERPRETATION_FORM_TEXT("apply", lang), id=APPLY, color="secondary", n_clicks=0
            ),
        ]
    )
    return html.Details(
        [
            html.Summary(html.H2(INTERPRETATION_FORM_TEXT("title", lang), className="h4 d-inline")),
            html.P(INTERPRETATION_FORM_TEXT("lead", lang)),
            dcc.Store(id=PARTNER, data=slug),
            dcc.Location(id=RELOAD, refresh=True),
            html.Div(id=MESSAGE, role="status", **{"aria-live": "polite"}),
            add_part,
            change_part,
        ],
        id=SECTION,
        className="interpretation-form no-print",
    )
