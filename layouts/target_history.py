"""How a target changed, in words: « Objectif relevé de 20 à 30 le 12 juin 2012 : … », shown
under the indicator's chart on a partner page (the chart's step line shows the same story)."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from data.target_history import Revision
from layouts.i18n import Messages, format_date
from layouts.sentences import value_text

TARGET_HISTORY_TEXT = Messages(
    {
        "raised": (
            "Objectif relevé de {before} à {after} le {day}",
            "Target raised from {before} to {after} on {day}",
        ),
        "lowered": (
            "Objectif abaissé de {before} à {after} le {day}",
            "Target lowered from {before} to {after} on {day}",
        ),
        "kept": (
            "Objectif maintenu à {after}, période revue le {day}",
            "Target kept at {after}, period revised on {day}",
        ),
        "heading": ("Révisions de l'objectif", "Target revisions"),
    }
)


def revision_sentence(revision: Revision, lang: str, share: bool = False) -> str:
    """One revision as a sentence, its reason after a colon (French spacing in French)."""
    before, after = revision.previous_value, revision.value
    key = "raised" if after > before else "lowered" if after < before else "kept"
    text = TARGET_HISTORY_TEXT(
        key,
        lang,
        before=value_text(before, lang, share=share),
        after=value_text(after, lang, share=share),
        day=format_date(revision.effective_from, lang),
    )
    if revision.reason:
        text += (" : " if lang == "fr" else ": ") + revision.reason
    return text + "."


def revisions_note(revisions: Sequence[Revision], lang: str, share: bool = False):
    """The revisions of one target after its first value, as a short list (None if none)."""
    later = [r for r in revisions if r.previous_value is not None and r.effective_from]
    if not later:
        return None
    return html.Div(
        [
            html.P(TARGET_HISTORY_TEXT("heading", lang), className="target-revisions-title"),
            html.Ul([html.Li(revision_sentence(r, lang, share)) for r in later]),
        ],
        className="target-revisions",
    )
