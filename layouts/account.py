"""The header's account area (who is signed in, log out / log in) and the publication note."""

from __future__ import annotations

import datetime as dt

from dash import html

from layouts import ids
from layouts.i18n import Messages, data_date_text

TEXT = Messages(
    {
        "login": ("Se connecter", "Log in"),
        "logout": ("Se déconnecter", "Log out"),
        "signed_in_as": ("Connecté : {name} ({role})", "Signed in: {name} ({role})"),
        "role_editeur": ("éditeur {partner}", "editor, {partner}"),
        "role_charge_de_mission": ("chargé de mission", "programme manager"),
        "role_administrateur": ("administrateur", "administrator"),
        "sees_unpublished_all": (
            "Vous voyez aussi les données non publiées : {waiting}.",
            "You also see unpublished data: {waiting}.",
        ),
        "sees_unpublished_partner": (
            "Vous voyez aussi les données non publiées de votre partenaire : {waiting}.",
            "You also see your partner's unpublished data: {waiting}.",
        ),
        "pending_shown": (
            "Les valeurs en attente remplacent ici, pour vous, les valeurs publiées, que le "
            "public voit jusqu'à l'approbation : ",
            "Pending values replace the published ones here, for you; the public sees the "
            "published ones until approval: ",
        ),
        "pending_link": ("les comparer", "compare them"),
        "waiting_0": ("aucun chargement en attente d'approbation", "no load awaiting approval"),
        "waiting_1": ("1 chargement en attente d'approbation", "1 load awaiting approval"),
        "waiting_n": (
            "{count} chargements en attente d'approbation",
            "{count} loads awaiting approval",
        ),
    }
)


def login_link(lang: str) -> html.A:
    return html.A(
        TEXT("login", lang),
        href="/connexion",
        id=ids.LOGIN_LINK,
        className="btn btn-outline-primary btn-sm",
    )


def account_area(
    name: str, role: str, partner_name: str | None, csrf_token: str, lang: str
) -> html.Div:
    """Who is signed in, and a logout button: a plain form POST with its CSRF token."""
    role_label = TEXT(f"role_{role}", lang, **({"partner": partner_name or ""}))
    return html.Div(
        [
            html.Span(
                TEXT("signed_in_as", lang, name=name, role=role_label),
                id=ids.ACCOUNT_NAME,
                className="account-name",
            ),
            html.Form(
                # The CSRF token travels as the submit button's own name and value: a plain form
                # POST that works without JS (Dash has no hidden <input> of its own).
                html.Button(
                    TEXT("logout", lang),
                    type="submit",
                    name="csrf_token",
                    value=csrf_token,
                    id=ids.LOGOUT_BUTTON,
                    className="btn btn-outline-primary btn-sm",
                ),
                method="post",
                action="/deconnexion",
            ),
        ],
        className="account-area",
    )


def publication_note(
    data_date: dt.date | None,
    lang: str,
    unpublished_scope: str | None = None,
    waiting: int = 0,
) -> html.P:
    """How recent the published figures are (the data date, as every page says it); says so
    when the viewer sees unpublished ones."""
    parts = [data_date_text(data_date, lang) + "."]
    if unpublished_scope:
        key = "waiting_0" if waiting == 0 else "waiting_1" if waiting == 1 else "waiting_n"
        pending = TEXT(key, lang, count=waiting) if key == "waiting_n" else TEXT(key, lang)
        parts.append(" " + TEXT(f"sees_unpublished_{unpublished_scope}", lang, waiting=pending))
        if waiting:
            # The figures on this page count pending values: say so, and where to see them
            # beside the published ones (docs/pending-values.md).
            parts += [
                " " + TEXT("pending_shown", lang),
                html.A(TEXT("pending_link", lang), href="/donnees#donnees-en-attente"),
                ".",
            ]
    return html.P(parts, id=ids.PUBLICATION_NOTE, className="publication-note", role="note")
