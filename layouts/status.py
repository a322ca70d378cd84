"""Status badges: a word and an icon, never colour alone (WCAG 1.4.1)."""

from __future__ import annotations

from dash import html

from data.models import ActionStatus
from data.progress import Status
from layouts.i18n import Messages

STATUS_WORDS = Messages(
    {
        Status.REACHED.value: ("Objectif atteint", "Target reached"),
        Status.AHEAD.value: ("En avance", "Ahead"),
        Status.ON_TRACK.value: ("Dans les temps", "On track"),
        Status.BEHIND.value: ("En retard", "Behind"),
        Status.NOT_REACHED.value: ("Objectif non atteint", "Target not reached"),
        Status.NOT_DEFINED.value: ("En cours de définition", "Not yet defined"),
        Status.NO_TARGET.value: ("Sans objectif chiffré", "No target set"),
        Status.NO_DATA.value: ("Pas encore de données", "No data yet"),
    }
)

ACTION_WORDS = Messages(
    {
        ActionStatus.DONE.value: ("Terminée", "Done"),
        ActionStatus.IN_PROGRESS.value: ("En cours", "In progress"),
        ActionStatus.PLANNED.value: ("Prévue", "Planned"),
        ActionStatus.NOT_DEFINED.value: ("En cours de définition", "Not yet defined"),
    }
)

# Bootstrap Icons (served by the app): a distinct shape for each status.
STATUS_ICONS = {
    Status.REACHED.value: "bi-check-circle-fill",
    Status.AHEAD.value: "bi-arrow-up-right-circle",
    Status.ON_TRACK.value: "bi-arrow-right-circle",
    Status.BEHIND.value: "bi-exclamation-triangle-fill",
    Status.NOT_REACHED.value: "bi-x-circle-fill",
    Status.NOT_DEFINED.value: "bi-hourglass-split",
    Status.NO_TARGET.value: "bi-dash-circle",
    Status.NO_DATA.value: "bi-question-circle",
}
ACTION_ICONS = {
    ActionStatus.DONE.value: "bi-check-circle-fill",
    ActionStatus.IN_PROGRESS.value: "bi-play-circle",
    ActionStatus.PLANNED.value: "bi-calendar-event",
    ActionStatus.NOT_DEFINED.value: "bi-hourglass-split",
}


def status_word(status: Status | str, lang: str) -> str:
    return STATUS_WORDS(str(status), lang)


def action_status_word(status: ActionStatus | str, lang: str) -> str:
    return ACTION_WORDS(str(status), lang)


def _badge(word: str, icon: str, css: str) -> html.Span:
    return html.Span(
        [html.I(className=f"bi {icon}", **{"aria-hidden": "true"}), " ", word],
        className=f"status-badge {css}",
    )


def status_badge(status: Status | str, lang: str) -> html.Span:
    """`✓ Objectif atteint`, `⚠ En retard`, `⧗ En cours de définition`..."""
    value = str(status)
    return _badge(status_word(value, lang), STATUS_ICONS[value], f"status-{value}")


def action_status_badge(status: ActionStatus | str, lang: str) -> html.Span:
    value = str(status)
    return _badge(action_status_word(value, lang), ACTION_ICONS[value], f"action-{value}")
