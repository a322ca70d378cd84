"""Interpretations as pages show them: their marks on a chart, and the list under it.

The text's light formatting (paragraphs, **bold**, *italics*, lists, [links](https://…)) is
parsed as CommonMark by markdown-it-py with every HTML rule off, then turned into Dash
components token by token: no HTML string is ever made or given to the browser, so a text
cannot carry a script, a style or a frame whatever it holds. Links keep only web and mail
addresses, and never pass the page's referrer or authority on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from dash import html
from markdown_it import MarkdownIt

from data.headlines import HeadlineFigure
from data.interpretations import AWAITING, HIDDEN, INTERNAL, SAFE_SCHEMES, Note
from data.progress import Status
from layouts.figures import NoteMark, plain
from layouts.i18n import Messages, format_date

INTERPRETATION_TEXT = Messages(
    {
        "heading": ("Interprétations", "Interpretations"),
        "replies": ("Réponses", "Replies"),
        "internal": ("interne", "internal"),
        "awaiting": ("en attente d'approbation", "awaiting approval"),
        "hidden": ("masquée", "hidden"),
        "edited": ("modifiée le {date}", "edited on {date}"),
        "by": ("par {author}", "by {author}"),
        "range": ("du {start} au {end}", "from {start} to {end}"),
        "new_tab": ("(nouvel onglet)", "(new tab)"),
        "explains": (
            "Retard expliqué pour {label} : « {title} » ({when}).",
            "Delay explained for {label}: “{title}” ({when}).",
        ),
    }
)

# CommonMark's « zero » preset with only what the text may use: no HTML, no images, no
# headings, no code, no tables.
_MARKDOWN = MarkdownIt("zero").enable(["emphasis", "link", "newline", "list", "autolink"])
LINK_REL = "noopener noreferrer nofollow"

_BLOCKS: dict[str, Callable[..., object]] = {
    "paragraph": html.P,
    "bullet_list": html.Ul,
    "ordered_list": html.Ol,
    "list_item": html.Li,
    "strong": html.Strong,
    "em": html.Em,
}


def _link(attrs: dict, lang: str) -> Callable[..., object] | None:
    href = str(attrs.get("href") or "")
    if not href.lower().startswith(SAFE_SCHEMES):
        return None  # the words stay, without a link

    def make(children):
        return html.A(
            children,
            href=href,
            rel=LINK_REL,
            target="_blank",
            title=INTERPRETATION_TEXT("new_tab", lang),
        )

    return make


def formatted(text: str, lang: str = "fr") -> list:
    """The text's Dash components (paragraphs, lists, bold, italics, links)."""
    root: list = []
    stack: list[tuple[Callable[..., object] | None, list]] = [(None, root)]

    def walk(tokens) -> None:
        for token in tokens:
            kind = token.type
            if kind == "inline":
                walk(token.children or [])
            elif kind.endswith("_open"):
                name = kind[: -len("_open")]
                maker = _link(token.attrs, lang) if name == "link" else _BLOCKS.get(name)
                stack.append((maker, []))
            elif kind.endswith("_close"):
                maker, children = stack.pop()
                parent = stack[-1][1]
                if maker is None:
                    parent.extend(children)
                else:
                    parent.append(maker(children))
            elif kind == "softbreak":
                stack[-1][1].append(" ")
            elif kind == "hardbreak":
                stack[-1][1].append(html.Br())
            elif token.content:
                stack[-1][1].append(token.content)

    walk(_MARKDOWN.parse(text))
    return root


def when(note: Note, lang: str) -> str:
    if note.end_date is None:
        return format_date(note.start_date, lang)
    return INTERPRETATION_TEXT(
        "range",
        lang,
        start=format_date(note.start_date, lang),
        end=format_date(note.end_date, lang),
    )


def note_marks(notes: Sequence[Note], lang: str, start: dt.date, end: dt.date) -> list[NoteMark]:
    """The marks of the interpretations that fall in the chart's period, numbered as listed."""
    return [
        NoteMark(
            number=number,
            start=max(note.start_date, start).isoformat(),
            end=min(note.end_date, end).isoformat() if note.end_date else None,
            hover=plain(f"{note.title} — {when(note, lang)}"),
        )
        for number, note in enumerate(in_period(notes, start, end), start=1)
    ]


def in_period(notes: Sequence[Note], start: dt.date, end: dt.date) -> list[Note]:
    return [n for n in notes if n.start_date <= end and (n.end_date or n.start_date) >= start]


def _flags(note: Note, lang: str) -> list[str]:
    flags = []
    if note.visibility == INTERNAL:
        flags.append(INTERPRETATION_TEXT("internal", lang))
    if note.status == AWAITING:
        flags.append(INTERPRETATION_TEXT("awaiting", lang))
    elif note.status == HIDDEN:
        flags.append(INTERPRETATION_TEXT("hidden", lang))
    return flags


def _byline(note: Note, lang: str, show_authors: bool) -> str:
    parts = []
    if show_authors:
        parts.append(INTERPRETATION_TEXT("by", lang, author=note.author))
    if note.edited_at is not None:
        parts.append(
            INTERPRETATION_TEXT("edited", lang, date=format_date(note.edited_at.date(), lang))
        )
    parts.extend(_flags(note, lang))
    return " · ".join(parts)


def note_list(
    element_id: str, notes: Sequence[Note], lang: str, *, show_authors: bool
) -> html.Section | None:
    """The interpretations listed under a chart, numbered like its marks, with their replies.

    Authors are named only to signed-in viewers (an address is personal data)."""
    if not notes:
        return None
    heading_id = f"{element_id}-interpretations"
    items = []
    for number, note in enumerate(notes, start=1):
        byline = _byline(note, lang, show_authors)
        replies = [
            html.Li(
                [
                    html.Div(formatted(reply.body, lang), className="note-text"),
                    html.P(_byline(reply, lang, show_authors), className="note-byline"),
                ],
                className="note-reply",
            )
            for reply in note.replies
        ]
        items.append(
            html.Li(
                [
                    html.P(
                        [
                            html.Span(
                                str(number), className="note-number", **{"aria-hidden": "true"}
                            ),
                            html.Strong(note.title, className="note-title"),
                            html.Span(" — " + when(note, lang), className="note-when"),
                        ],
                        className="note-head",
                    ),
                    html.Div(formatted(note.body, lang), className="note-text"),
                    html.P(byline, className="note-byline") if byline else None,
                    html.Ul(
                        replies,
                        className="note-replies",
                        **{"aria-label": INTERPRETATION_TEXT("replies", lang)},
                    )
                    if replies
                    else None,
                ],
                className="note",
                id=f"{element_id}-note-{note.id}",
            )
        )
    return html.Section(
        [
            html.H4(INTERPRETATION_TEXT("heading", lang), id=heading_id, className="notes-heading"),
            html.Ol(items, className="note-list"),
        ],
        className="chart-notes",
        **{"aria-labelledby": heading_id},
    )


def delay_explanations(
    figures: Sequence[HeadlineFigure],
    notes: dict[str, list[Note]],
    start: dt.date,
    end: dt.date,
    lang: str,
) -> list[str]:
    """For each late figure (behind schedule, or target missed) with an interpretation in the
    period, the sentence that points to it (the latest one), to follow the summary's delays."""
    sentences = []
    for figure in figures:
        if figure.status not in (Status.BEHIND, Status.NOT_REACHED):
            continue
        explained = in_period(notes.get(figure.indicator_code, []), start, end)
        if explained:
            latest = max(explained, key=lambda n: (n.start_date, n.id))
            label = figure.label(lang)
            sentences.append(
                INTERPRETATION_TEXT(
                    "explains",
                    lang,
                    label=label[:1].lower() + label[1:] if label[1:2].islower() else label,
                    title=latest.title,
                    when=when(latest, lang),
                )
            )
    return sentences
