"""Qualitative outcomes: practices detected or inventoried, workshop proposals and what became of
them, milestones. Every title and description comes from data and is rendered as plain text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from dash import html

from layouts.i18n import Messages, format_date, format_number

OUT = Messages(
    {
        "practices": ("Pratiques repérées", "Practices spotted"),
        "proposals": (
            "Propositions des ateliers et leurs suites",
            "Workshop proposals and what became of them",
        ),
        "milestones": ("Étapes franchies et à venir", "Milestones reached and to come"),
        "contacts": ("Mises en relation", "Contacts made"),
        "none": (
            "Aucun résultat qualitatif n'est enregistré pour cette période.",
            "No qualitative outcome is recorded for this period.",
        ),
        "count": ("{label} ({count})", "{label} ({count})"),
        "undated": ("date à préciser", "date to be set"),
    }
)

PRACTICE_TYPES = Messages(
    {
        "consultation": ("Consultation", "Consultation"),
        "cartographie": ("Cartographie participative", "Participatory mapping"),
        "information": ("Information des habitants", "Informing residents"),
        "outil_collaboratif": ("Outils collaboratifs", "Collaborative tools"),
        "diffusion": ("Diffusion des séances", "Streaming meetings"),
        "formation": ("Formation", "Training"),
    }
)

# Proposal statuses in the order of their fate, then milestone statuses.
PROPOSAL_STATUSES = Messages(
    {
        "en_pilote": ("En cours d'expérimentation", "Being piloted"),
        "retenue": ("Retenues pour la phase pilote", "Retained for the pilot phase"),
        "proposee": ("À l'étude", "Under consideration"),
        "ecartee": ("Écartées", "Set aside"),
    }
)
MILESTONE_STATUSES = Messages(
    {"atteint": ("Franchie", "Reached"), "a_venir": ("À venir", "To come")}
)
MILESTONE_ICONS = {"atteint": "bi-check-circle-fill", "a_venir": "bi-calendar-event"}


def _label(table: Messages, code: str, lang: str) -> str:
    """A known code's label, or the code itself made readable (imported data may add codes)."""
    if code in table.table:
        return table(code, lang)
    return (code or "—").replace("_", " ").capitalize()


def _grouped(items: Sequence[Mapping], key: str) -> dict[str, list[Mapping]]:
    groups: dict[str, list[Mapping]] = {}
    for item in items:
        groups.setdefault(item.get(key) or "", []).append(item)
    return groups


def _group_list(
    groups: dict[str, list[Mapping]], labels: Messages, lang: str, order=()
) -> html.Div:
    keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
    return html.Div(
        [
            html.Div(
                [
                    html.H4(
                        OUT(
                            "count",
                            lang,
                            label=_label(labels, key, lang),
                            count=format_number(len(groups[key]), lang),
                        ),
                        className="outcome-group-title",
                    ),
                    html.Ul(
                        [html.Li(item["title"]) for item in groups[key]], className="outcome-list"
                    ),
                ],
                className="outcome-group",
            )
            for key in keys
        ],
        className="outcome-groups",
    )


def milestone_badge(status: str, lang: str) -> html.Span:
    icon = MILESTONE_ICONS.get(status, "bi-circle")
    return html.Span(
        [
            html.I(className=f"bi {icon}", **{"aria-hidden": "true"}),
            " ",
            _label(MILESTONE_STATUSES, status, lang),
        ],
        className=f"status-badge milestone-{status if status in MILESTONE_ICONS else 'autre'}",
    )


def milestone_list(
    milestones: Sequence[Mapping], lang: str, today: dt.date | None = None
) -> html.Ol:
    """Milestones in date order, each with its date, status in words and icon, and description."""
    ordered = sorted(milestones, key=lambda m: (m.get("outcome_date") or dt.date.max, m["title"]))
    return html.Ol(
        [
            html.Li(
                [
                    html.Span(
                        format_date(m["outcome_date"], lang)
                        if m.get("outcome_date")
                        else OUT("undated", lang),
                        className="milestone-date",
                    ),
                    html.Span(m["title"], className="milestone-title"),
                    milestone_badge(m.get("status") or "", lang),
                    html.P(m["description"], className="milestone-description")
                    if m.get("description")
                    else None,
                ],
                className="milestone" + (" milestone-done" if m.get("status") == "atteint" else ""),
            )
            for m in ordered
        ],
        className="milestones",
    )


def outcomes_section(outcomes: Sequence[Mapping], lang: str) -> html.Div:
    """All of a partner's qualitative outcomes, by kind."""
    by_kind = _grouped(outcomes, "kind")
    blocks = []
    if "pratique" in by_kind:
        blocks.append(
            html.Div(
                [
                    html.H3(
                        OUT(
                            "count",
                            lang,
                            label=OUT("practices", lang),
                            count=format_number(len(by_kind["pratique"]), lang),
                        )
                    ),
                    _group_list(
                        _grouped(by_kind["pratique"], "practice_type"), PRACTICE_TYPES, lang
                    ),
                ],
                className="outcome-block",
            )
        )
    if "proposition" in by_kind:
        blocks.append(
            html.Div(
                [
                    html.H3(
                        OUT(
                            "count",
                            lang,
                            label=OUT("proposals", lang),
                            count=format_number(len(by_kind["proposition"]), lang),
                        )
                    ),
                    _group_list(
                        _grouped(by_kind["proposition"], "status"),
                        PROPOSAL_STATUSES,
                        lang,
                        order=tuple(PROPOSAL_STATUSES.table),
                    ),
                ],
                className="outcome-block",
            )
        )
    if "mise_en_relation" in by_kind:
        blocks.append(
            html.Div(
                [
                    html.H3(OUT("contacts", lang)),
                    html.Ul(
                        [html.Li(item["title"]) for item in by_kind["mise_en_relation"]],
                        className="outcome-list",
                    ),
                ],
                className="outcome-block",
            )
        )
    if "jalon" in by_kind:
        blocks.append(
            html.Div(
                [html.H3(OUT("milestones", lang)), milestone_list(by_kind["jalon"], lang)],
                className="outcome-block",
            )
        )
    others = [
        k for k in by_kind if k not in {"pratique", "proposition", "mise_en_relation", "jalon"}
    ]
    for kind in others:
        blocks.append(
            html.Div(
                [
                    html.H3(_label(Messages({}), kind, lang)),
                    html.Ul(
                        [html.Li(item["title"]) for item in by_kind[kind]], className="outcome-list"
                    ),
                ],
                className="outcome-block",
            )
        )
    if not blocks:
        return html.P(OUT("none", lang), className="empty-note")
    return html.Div(blocks, className="outcomes")
