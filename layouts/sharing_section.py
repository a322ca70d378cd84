"""The data page's « Diffusion » sections: the sites allowed to embed each partner's page with
the `<iframe>` code to copy, and the scheduled digests (subscriptions, and the log of what was
sent, in Paris time). Pure components; the wiring is callbacks/sharing.py."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html

from layouts.components import form_message
from layouts.i18n import Messages

# Component ids (used here and in callbacks/sharing.py only).
EMBED_AREA = "integrer-zone"
EMBED_PARTNER = "integrer-partenaire"
EMBED_ORIGIN = "integrer-site"
EMBED_ADD = "integrer-autoriser"
EMBED_REMOVE = (
    "integrer-retirer"  # pattern-matching: {"type": EMBED_REMOVE, "index": "slug origin"}
)
DIGEST_AREA = "lettre-zone"
DIGEST_EMAIL = "lettre-adresse"
DIGEST_SCOPE = "lettre-perimetre"
DIGEST_LANG = "lettre-langue"
DIGEST_FREQUENCY = "lettre-frequence"
DIGEST_ADD = "lettre-abonner"
DIGEST_END = "lettre-desabonner"  # pattern-matching: {"type": DIGEST_END, "index": id}

SHARING_TEXT = Messages(
    {
        "embed_title": ("Intégrer une page partenaire", "Embed a partner page"),
        "embed_lead": (
            "Un partenaire peut afficher ses chiffres publics sur son propre site, dans un cadre "
            "(iframe) : chiffres publiés seulement, petits effectifs protégés, sans navigation "
            "ni export. Seuls les sites listés ici peuvent l'afficher ; tout autre site est "
            "refusé par le navigateur.",
            "A partner may show its public figures on its own website, in a frame (iframe): "
            "published figures only, small counts protected, no navigation or export. Only the "
            "sites listed here may show it; the browser refuses any other site.",
        ),
        "embed_admin_only": (
            "Seul un administrateur peut modifier la liste des sites.",
            "Only an administrator may change the list of sites.",
        ),
        "partner": ("Partenaire", "Partner"),
        "site": ("Adresse du site (https://…)", "Site address (https://…)"),
        "allow": ("Autoriser ce site", "Allow this site"),
        "remove": ("Retirer", "Remove"),
        "remove_label": ("Retirer {origin} pour {partner}", "Remove {origin} for {partner}"),
        "no_site": ("Aucun site : le cadre est refusé partout.", "No site: the frame is refused."),
        "sites": ("Sites autorisés", "Allowed sites"),
        "snippet": ("Code à copier dans le site", "Code to paste into the site"),
        "allowed": (
            "{origin} peut désormais afficher la page de {partner}.",
            "{origin} may now show {partner}'s page.",
        ),
        "already": (
            "{origin} était déjà autorisé pour {partner}.",
            "{origin} was already allowed for {partner}.",
        ),
        "removed": ("{origin} retiré pour {partner}.", "{origin} removed for {partner}."),
        "digest_title": ("Lettre périodique par courriel", "E-mail digest"),
        "digest_lead": (
            "Chaque destinataire reçoit, le 1er du mois (mensuelle) ou le lundi (hebdomadaire) "
            "à 8 h, heure de Paris, la phrase et les chiffres clés de la page du partenaire ou "
            "du programme, la page en PDF et un lien de désabonnement. Les chiffres sont ceux "
            "que voit le public.",
            "Each recipient receives, on the 1st of the month (monthly) or on Monday (weekly) "
            "at 8:00 Paris time, the sentence and key figures of the partner's or the "
            "programme's page, the page as a PDF and an unsubscribe link. The figures are those "
            "the public sees.",
        ),
        "email": ("Adresse électronique du destinataire", "Recipient's e-mail address"),
        "scope": ("Page", "Page"),
        "programme": ("Le programme (tous les partenaires)", "The programme (every partner)"),
        "language": ("Langue", "Language"),
        "french": ("Français", "French"),
        "english": ("Anglais", "English"),
        "frequency": ("Fréquence", "Frequency"),
        "mensuel": ("Mensuelle", "Monthly"),
        "hebdomadaire": ("Hebdomadaire", "Weekly"),
        "subscribe": ("Abonner", "Subscribe"),
        "subscribed": ("{email} est abonné.", "{email} is subscribed."),
        "ended": ("Abonnement terminé.", "Subscription ended."),
        "subscriptions": ("Abonnements en cours", "Current subscriptions"),
        "no_subscription": ("Aucun abonnement.", "No subscription."),
        "since": ("Depuis", "Since"),
        "end": ("Désabonner", "Unsubscribe"),
        "end_label": ("Désabonner {email} ({scope})", "Unsubscribe {email} ({scope})"),
        "log": ("Journal des envois (heures de Paris)", "Sending log (Paris time)"),
        "no_log": (
            "Aucun envoi pour l'instant. Les lettres partent avec la commande "
            "« democratic digest send », lancée par une minuterie du système.",
            "Nothing sent yet. Digests leave with the « democratic digest send » command, run "
            "by a system timer.",
        ),
        "when": ("Moment", "When"),
        "recipient": ("Destinataire", "Recipient"),
        "period": ("Période", "Period"),
        "state": ("État", "State"),
        "attempts": ("Essais", "Attempts"),
        "pdf": ("PDF joint", "PDF attached"),
        "yes": ("oui", "yes"),
        "no": ("non", "no"),
    }
)


def _select(element_id: str, label: str, options: Sequence[tuple[str, str]], value: str):
    return html.Div(
        [
            dbc.Label(label, html_for=element_id),
            dbc.Select(
                id=element_id,
                options=[{"label": text, "value": code} for code, text in options],
                value=value,
            ),
        ],
        className="sharing-field",
    )


def _input(element_id: str, label: str, kind: str = "text"):
    return html.Div(
        [dbc.Label(label, html_for=element_id), dbc.Input(id=element_id, type=kind, maxLength=254)],
        className="sharing-field sharing-field-wide",
    )


# --- embedding


def embed_section(area, partners: Sequence[tuple[str, str]], editable: bool, lang: str):
    controls = (
        html.Div(
            [
                _select(EMBED_PARTNER, SHARING_TEXT("partner", lang), partners, partners[0][0]),
                _input(EMBED_ORIGIN, SHARING_TEXT("site", lang), "url"),
                dbc.Button(
                    SHARING_TEXT("allow", lang),
                    id=EMBED_ADD,
                    color="primary",
                    className="sharing-button",
                ),
            ],
            className="sharing-form",
        )
        if editable
        else html.P(SHARING_TEXT("embed_admin_only", lang), className="text-muted")
    )
    return html.Section(
        [
            html.H2(SHARING_TEXT("embed_title", lang), id="titre-integrer"),
            html.P(SHARING_TEXT("embed_lead", lang)),
            controls,
            html.Div(area, id=EMBED_AREA),
        ],
        className="data-section sharing-section",
        **{"aria-labelledby": "titre-integrer"},
    )


def embed_area(
    listed: Sequence[tuple[str, str, list[str], str]],
    editable: bool,
    lang: str,
    message: str | None = None,
    colour: str = "success",
):
    """`listed`: (slug, partner name, allowed origins, iframe code) per partner."""
    blocks = []
    for slug, name, origins, code in listed:
        items = [
            html.Li(
                [
                    html.Code(origin),
                    " ",
                    html.Button(
                        SHARING_TEXT("remove", lang),
                        id={"type": EMBED_REMOVE, "index": f"{slug} {origin}"},
                        type="button",
                        className="btn btn-link btn-sm",
                        **{
                            "aria-label": SHARING_TEXT(
                                "remove_label", lang, origin=origin, partner=name
                            )
                        },
                    )
                    if editable
                    else None,
                ]
            )
            for origin in origins
        ]
        snippet_id = f"integrer-code-{slug}"
        blocks.append(
            html.Div(
                [
                    html.H3(name, className="h5 mt-3"),
                    html.P(SHARING_TEXT("sites", lang) + " :", className="mb-1"),
                    html.Ul(items)
                    if items
                    else html.P(SHARING_TEXT("no_site", lang), className="text-muted"),
                    dbc.Label(SHARING_TEXT("snippet", lang), html_for=snippet_id, className="mb-1"),
                    dbc.Textarea(
                        id=snippet_id, value=code, readOnly=True, rows=2, className="sharing-code"
                    ),
                ],
                className="sharing-partner",
            )
        )
    return [form_message(message, colour), *blocks]


# --- digests


def digest_section(area, scopes: Sequence[tuple[str, str]], lang: str):
    return html.Section(
        [
            html.H2(SHARING_TEXT("digest_title", lang), id="titre-lettre"),
            html.P(SHARING_TEXT("digest_lead", lang)),
            html.Div(
                [
                    _input(DIGEST_EMAIL, SHARING_TEXT("email", lang), "email"),
                    _select(DIGEST_SCOPE, SHARING_TEXT("scope", lang), scopes, scopes[0][0]),
                    _select(
                        DIGEST_LANG,
                        SHARING_TEXT("language", lang),
                        [
                            ("fr", SHARING_TEXT("french", lang)),
                            ("en", SHARING_TEXT("english", lang)),
                        ],
                        "fr",
                    ),
                    _select(
                        DIGEST_FREQUENCY,
                        SHARING_TEXT("frequency", lang),
                        [
                            ("mensuel", SHARING_TEXT("mensuel", lang)),
                            ("hebdomadaire", SHARING_TEXT("hebdomadaire", lang)),
                        ],
                        "mensuel",
                    ),
                    dbc.Button(
                        SHARING_TEXT("subscribe", lang),
                        id=DIGEST_ADD,
                        color="primary",
                        className="sharing-button",
                    ),
                ],
                className="sharing-form",
            ),
            html.Div(area, id=DIGEST_AREA),
        ],
        className="data-section sharing-section",
        **{"aria-labelledby": "titre-lettre"},
    )


def programme_option(lang: str) -> str:
    return SHARING_TEXT("programme", lang)


def frequency_word(frequency: str, lang: str) -> str:
    return SHARING_TEXT(frequency, lang)


def digest_area(
    subscriptions: Sequence[dict],
    log: Sequence[dict],
    lang: str,
    message: str | None = None,
    colour: str = "success",
):
    """`subscriptions`: id, email, scope (name), lang, frequency, since; `log`: when,
    recipient, scope, period, state, attempts, pdf, error (every time already in Paris time)."""
    if subscriptions:
        rows = [
            html.Tr(
                [
                    html.Td(s["email"]),
                    html.Td(s["scope"]),
                    html.Td(s["frequency"]),
                    html.Td(s["lang"]),
                    html.Td(s["since"]),
                    html.Td(
                        html.Button(
                            SHARING_TEXT("end", lang),
                            id={"type": DIGEST_END, "index": s["id"]},
                            type="button",
                            className="btn btn-link btn-sm",
                            **{
                                "aria-label": SHARING_TEXT(
                                    "end_label", lang, email=s["email"], scope=s["scope"]
                                )
                            },
                        )
                    ),
                ]
            )
            for s in subscriptions
        ]
        head = [
            SHARING_TEXT(k, lang) for k in ("recipient", "scope", "frequency", "language", "since")
        ] + [""]
        table = _table(head, rows, SHARING_TEXT("subscriptions", lang))
    else:
        table = html.P(SHARING_TEXT("no_subscription", lang), className="text-muted")
    if log:
        log_rows = [
            html.Tr(
                [
                    html.Td(line["when"]),
                    html.Td(line["recipient"]),
                    html.Td(line["scope"]),
                    html.Td(line["period"]),
                    html.Td(
                        [
                            line["state"],
                            html.Br() if line["error"] else None,
                            html.Small(line["error"]) if line["error"] else None,
                        ]
                    ),
                    html.Td(str(line["attempts"]), className="text-end"),
                    html.Td(SHARING_TEXT("yes" if line["pdf"] else "no", lang)),
                ]
            )
            for line in log
        ]
        head = [
            SHARING_TEXT(k, lang)
            for k in ("when", "recipient", "scope", "period", "state", "attempts", "pdf")
        ]
        log_table = _table(head, log_rows, SHARING_TEXT("log", lang))
    else:
        log_table = html.P(SHARING_TEXT("no_log", lang), className="text-muted")
    return [
        form_message(message, colour),
        html.H3(SHARING_TEXT("subscriptions", lang), className="h6 mt-3"),
        table,
        html.H3(SHARING_TEXT("log", lang), className="h6 mt-3"),
        log_table,
    ]


def _table(head: Sequence[str], rows, caption: str):
    return html.Div(
        html.Table(
            [
                html.Caption(caption, className="visually-hidden"),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                html.Tbody(rows),
            ],
            className="table table-sm sharing-table",
        ),
        className="table-responsive",
        tabIndex=0,
        role="region",
        **{"aria-label": caption},
    )


def iframe_code(base_url: str, slug: str, title: str) -> str:
    """The `<iframe>` a partner pastes into its site (the embedded page, dashboard/embed.py)."""
    src = f"{base_url.rstrip('/')}/integrer/{slug}"
    safe_title = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return (
        f'<iframe src="{src}" title="{safe_title}" width="100%" height="720" '
        'style="border:0" loading="lazy"></iframe>'
    )
