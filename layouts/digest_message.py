"""The digest's e-mail, in words: subject, plain text and HTML, built from the same summary
view as the embedded page (layouts/embed_view.py), so that the message's sentence and figures
are the page's. Readable without opening anything: the figures are in the body itself; the PDF
is an attachment on top."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from layouts.embed_view import SummaryView
from layouts.i18n import COMMON, Messages, format_date, format_month

DIGEST_TEXT = Messages(
    {
        "subject": (
            "{name} — lettre {frequency} ({period})",
            "{name} — {frequency} digest ({period})",
        ),
        "mensuel": ("mensuelle", "monthly"),
        "hebdomadaire": ("hebdomadaire", "weekly"),
        "week": ("semaine du {first} au {last}", "week of {first} to {last}"),
        "intro": (
            "{name} : où en sont les actions, d'après le tableau de bord democraTIC.",
            "{name}: where things stand, from the democraTIC dashboard.",
        ),
        "headlines": ("Chiffres clés", "Key figures"),
        "see_page": ("Voir la page : {url}", "See the page: {url}"),
        "see_page_link": ("Voir la page sur le tableau de bord", "See the page on the dashboard"),
        "pdf_attached": (
            "La page en PDF est jointe à ce message.",
            "The page as a PDF is attached.",
        ),
        "pdf_missing": (
            "La page en PDF n'a pas pu être jointe cette fois : {reason}",
            "The page as a PDF could not be attached this time: {reason}",
        ),
        "pdf_none": (
            "Cette lettre n'a pas de PDF joint : la page du programme en donne la vue d'ensemble.",
            "This digest has no PDF attached: the programme's page gives the overview.",
        ),
        "sent_at": ("Envoyé le {moment}.", "Sent on {moment}."),
        "why": (
            "Vous recevez cette lettre {frequency} car un chargé de mission du programme vous y a "
            "abonné.",
            "You receive this {frequency} digest because a programme manager subscribed you.",
        ),
        "unsubscribe": ("Se désabonner : {url}", "Unsubscribe: {url}"),
        "unsubscribe_link": ("Se désabonner", "Unsubscribe"),
    }
)


@dataclass(frozen=True)
class DigestText:
    subject: str
    text: str
    html: str


def period_label(period_key: str, lang: str) -> str:
    """`novembre 2026`, or `semaine du 23 novembre 2026 au 29 novembre 2026`."""
    if "-W" in period_key:
        year, week = period_key.split("-W")
        first = dt.date.fromisocalendar(int(year), int(week), 1)
        return DIGEST_TEXT(
            "week",
            lang,
            first=format_date(first, lang),
            last=format_date(first + dt.timedelta(days=6), lang),
        )
    year, month = period_key.split("-")
    return format_month(dt.date(int(year), int(month), 1), lang)


def digest_text(
    views: list[SummaryView],
    title: str,
    frequency: str,
    period_key: str,
    page_url: str,
    unsubscribe_url: str,
    pdf_note: str,
    sent_at: str,
    lang: str,
) -> DigestText:
    """`views`: one partner's summary, or each partner's for the programme's digest."""
    how_often = DIGEST_TEXT(frequency, lang)
    subject = DIGEST_TEXT(
        "subject", lang, name=title, frequency=how_often, period=period_label(period_key, lang)
    )
    lines = [subject, "", DIGEST_TEXT("intro", lang, name=title), ""]
    parts = [
        f'<h1 style="font-size:20px;margin:0 0 8px">{escape(subject)}</h1>',
        f"<p>{escape(DIGEST_TEXT('intro', lang, name=title))}</p>",
    ]
    for view in views:
        if len(views) > 1:
            lines += [view.name.upper(), ""]
            parts.append(f'<h2 style="font-size:17px;margin:16px 0 4px">{escape(view.name)}</h2>')
        lines += [view.running_line, ""]
        parts.append(f'<p style="color:#4d5866;font-size:13px">{escape(view.running_line)}</p>')
        for sentence in view.sentences:
            lines.append(sentence)
            parts.append(f"<p>{escape(sentence)}</p>")
        lines += [
            "",
            DIGEST_TEXT("headlines", lang) + " :"
            if lang == "fr"
            else DIGEST_TEXT("headlines", lang) + ":",
        ]
        rows = []
        for card in view.cards:
            value = f"{card.number} {card.unit}".strip()
            target = f" ({card.target})" if card.target else ""
            lines.append(
                f"- {card.label} : {value} — {card.status}{target}"
                if lang == "fr"
                else f"- {card.label}: {value} — {card.status}{target}"
            )
            rows.append(
                "<tr>"
                f'<th scope="row" style="text-align:left;padding:4px 8px 4px 0">{escape(card.label)}</th>'
                f'<td style="text-align:right;padding:4px 8px;font-weight:bold">{escape(value)}</td>'
                f'<td style="padding:4px 8px">{escape(card.status)}{escape(target)}</td>'
                "</tr>"
            )
        lines.append("")
        parts.append(
            f'<table style="border-collapse:collapse"><caption style="text-align:left;font-weight:bold">'
            f"{escape(DIGEST_TEXT('headlines', lang))}</caption>{''.join(rows)}</table>"
        )
    lines += [
        DIGEST_TEXT("see_page", lang, url=page_url),
        pdf_note,
        "",
        DIGEST_TEXT("sent_at", lang, moment=sent_at),
        DIGEST_TEXT("why", lang, frequency=how_often),
        DIGEST_TEXT("unsubscribe", lang, url=unsubscribe_url),
    ]
    parts += [
        f'<p><a href="{escape(page_url)}">{escape(DIGEST_TEXT("see_page_link", lang))}</a></p>',
        f"<p>{escape(pdf_note)}</p>",
        f'<p style="color:#4d5866;font-size:13px">{escape(DIGEST_TEXT("sent_at", lang, moment=sent_at))} '
        f"{escape(DIGEST_TEXT('why', lang, frequency=how_often))} "
        f'<a href="{escape(unsubscribe_url)}">{escape(DIGEST_TEXT("unsubscribe_link", lang))}</a></p>',
    ]
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(subject)}</title></head>'
        f'<body style="font-family:Arial,sans-serif;color:#1d2733;max-width:640px">{"".join(parts)}</body></html>'
    )
    return DigestText(subject, "\n".join(lines) + "\n", page)


def programme_title(lang: str) -> str:
    return (
        "Programme Innovations democraTIC" if lang == "fr" else "Innovations democraTIC programme"
    )


def app_title(lang: str) -> str:
    return COMMON("app_title", lang)
