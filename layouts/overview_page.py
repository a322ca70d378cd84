"""The programme overview: its figures, the four partners side by side, the 2012 timeline of all
actions and the road to the colloquium."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.headlines import HeadlineFigure, key_figures
from data.progress import Status
from layouts.components import page_header
from layouts.headline_cards import headline_row
from layouts.i18n import Messages, data_date_text, format_date, format_number
from layouts.map_cards import overview_map_card
from layouts.outcomes import milestone_list
from layouts.sentences import figure_text, summary_sentences
from layouts.status import status_badge
from layouts.timeline import timeline_card

OVERVIEW_TEXT = Messages(
    {
        "title": (
            "Le programme Innovations democraTIC en 2012",
            "The Innovations democraTIC programme in 2012",
        ),
        "lead": (
            "Quatre collectivités expérimentent des outils numériques de démocratie locale ; "
            "le programme se conclut par un colloque en fin d'année.",
            "Four local governments try digital tools for local democracy; the programme ends "
            "with a colloquium at the end of the year.",
        ),
        "programme_figures": ("Chiffres du programme", "Programme figures"),
        "partners": ("Les quatre partenaires", "The four partners"),
        "partners_note": (
            "Statut d'ensemble : « En retard » dès qu'un indicateur du partenaire est en retard "
            "ou n'a pas atteint son objectif à la fin de son action ; sinon le moins favorable "
            "des indicateurs qui ont un objectif.",
            "Overall status: « Behind » as soon as one of the partner's indicators is behind or "
            "missed its target when its action ended; otherwise the weakest of the indicators "
            "that have a target.",
        ),
        "see_page": ("Voir la page : {name}", "See the page: {name}"),
        "programme_status": ("Ensemble du programme :", "Whole programme:"),
        "late_partners": (
            "au moins un indicateur en retard chez {names}.",
            "at least one indicator behind at {names}.",
        ),
        "timeline": ("Calendrier 2012 de toutes les actions", "2012 timeline of all actions"),
        "road": ("En route vers le colloque", "The road to the colloquium"),
        "colloquium_on": ("Colloque de restitution le {date}", "Closing colloquium on {date}"),
        "days_left": ("dans {n} jours", "in {n} days"),
        "day_left": ("dans {n} jour", "in {n} day"),
        "held": ("tenu", "held"),
        "milestones_done": (
            "{done} étapes franchies sur {total}",
            "{done} milestones reached out of {total}",
        ),
        "colloquium_marker": ("Colloque", "Colloquium"),
        "not_defined": ("Non défini", "Not defined"),
    }
)


@dataclass
class PartnerSummary:
    partner: dict
    colour: str
    status: Status
    key_figure: HeadlineFigure | None
    sentence: str
    late: tuple[str, ...] = ()  # what is late, by name (from every indicator, not only key ones)


@dataclass
class Overview:
    as_of: dt.date
    programme_figures: list[HeadlineFigure]  # every indicator of the programme itself
    partners: list[PartnerSummary]
    actions: list[dict]
    events: list[dict]
    milestones: list[dict]
    colloquium_date: dt.date
    colours: dict[str, str]
    short_names: dict[str, str]
    source: str
    start: dt.date
    end: dt.date
    # The small-count threshold in force (the app's setting): hidden counts are written « < N ».
    threshold: int
    # The programme's roll-up of every partner's status (data.progress.roll_up), and the short
    # names of the partners (or the programme itself) with an indicator late.
    programme_status: Status | None = None
    late_names: tuple[str, ...] = ()
    # « Données au … » (data.publication.data_date): the same day on every page.
    data_date: dt.date | None = None


def _programme_status(view: Overview, lang: str) -> html.P | None:
    if view.programme_status is None:
        return None
    parts = [
        OVERVIEW_TEXT("programme_status", lang),
        " ",
        status_badge(view.programme_status, lang),
    ]
    if view.late_names:
        names = view.late_names
        joined = (
            names[0]
            if len(names) == 1
            else ", ".join(names[:-1]) + (" et " if lang == "fr" else " and ") + names[-1]
        )
        parts += [" — ", OVERVIEW_TEXT("late_partners", lang, names=joined)]
    return html.P(parts, className="programme-status")


def partner_card(summary: PartnerSummary, lang: str, *, threshold: int) -> dbc.Card:
    partner = summary.partner
    name = partner["name_en" if lang == "en" else "name_fr"]
    figure = summary.key_figure
    if figure is None or not figure.defined:
        key = html.P(
            OVERVIEW_TEXT("not_defined", lang), className="partner-key-value headline-undefined"
        )
        key_label = None
    else:
        unit = "" if figure.is_share else f" {figure.unit(lang)}"
        key = html.P(
            [
                html.Span(
                    figure_text(figure, lang, threshold=threshold), className="partner-key-number"
                ),
                unit,
            ],
            className="partner-key-value",
        )
        key_label = html.P(figure.label(lang), className="partner-key-label")
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(
                    [html.Span(className="partner-swatch", **{"aria-hidden": "true"}), name],
                    className="partner-card-title",
                ),
                status_badge(summary.status, lang),
                key,
                key_label,
                html.P(summary.sentence, className="partner-card-sentence"),
                *[html.P(s, className="partner-card-late") for s in summary.late],
                dcc.Link(
                    OVERVIEW_TEXT("see_page", lang, name=partner["short_name"]),
                    href=f"/partenaires/{partner['slug']}",
                    className="partner-card-link",
                ),
            ]
        ),
        className="partner-card h-100",
        style={"--partner-colour": summary.colour},
    )


def _section(key: str, lang: str, children) -> html.Section:
    heading_id = f"section-{key.replace('_', '-')}"
    return html.Section(
        [html.H2(OVERVIEW_TEXT(key, lang), id=heading_id), *children],
        className="page-section",
        **{"aria-labelledby": heading_id},
    )


def _road(view: Overview, lang: str) -> list:
    days = (view.colloquium_date - view.as_of).days
    when = OVERVIEW_TEXT("colloquium_on", lang, date=format_date(view.colloquium_date, lang))
    if days > 0:
        when += " — " + OVERVIEW_TEXT(
            "days_left" if days > 1 else "day_left", lang, n=format_number(days, lang)
        )
    done = sum(1 for m in view.milestones if m.get("status") == "atteint")
    return [
        html.P(html.Strong(when), className="road-date"),
        html.P(
            OVERVIEW_TEXT(
                "milestones_done",
                lang,
                done=format_number(done, lang),
                total=format_number(len(view.milestones), lang),
            ),
            className="road-progress",
        )
        if view.milestones
        else None,
        milestone_list(view.milestones, lang),
    ]


def _map_partners(view: Overview, lang: str) -> list[dict]:
    """Each partner as the map shows it: a partner without a defined key figure yet is « en
    cours de définition » (Val-de-Marne in 2012), as its card says « Non défini »."""
    return [
        {
            "slug": p.partner["slug"],
            "name": p.partner["name_en" if lang == "en" else "name_fr"],
            "short_name": p.partner["short_name"],
            "defined": p.key_figure is not None and p.key_figure.defined,
        }
        for p in view.partners
    ]


def overview_page(view: Overview, lang: str) -> html.Div:
    programme_sentences = summary_sentences(
        "programme", view.programme_figures, view.start, view.end, lang, threshold=view.threshold
    )
    programme_cards = key_figures(view.programme_figures) or view.programme_figures
    return html.Div(
        [
            page_header(OVERVIEW_TEXT("title", lang), OVERVIEW_TEXT("lead", lang)),
            html.P(data_date_text(view.data_date, lang), className="period-line"),
            _section(
                "programme_figures",
                lang,
                [
                    html.Div(
                        [html.P(s, className="summary-sentence") for s in programme_sentences],
                        className="summary",
                    ),
                    headline_row(
                        programme_cards,
                        view.colours.get("programme", "#4D4D4D"),
                        lang,
                        "programme",
                        threshold=view.threshold,
                    ),
                ],
            ),
            _section(
                "partners",
                lang,
                [
                    _programme_status(view, lang),
                    html.P(OVERVIEW_TEXT("partners_note", lang), className="section-note"),
                    dbc.Row(
                        [
                            dbc.Col(
                                partner_card(p, lang, threshold=view.threshold),
                                xs=12,
                                sm=6,
                                xl=3,
                                className="mb-3",
                            )
                            for p in view.partners
                        ]
                    ),
                    overview_map_card(_map_partners(view, lang), view.colours, lang),
                ],
            ),
            _section(
                "timeline",
                lang,
                [
                    timeline_card(
                        "calendrier-programme",
                        view.actions,
                        view.events,
                        lang,
                        start=view.start,
                        end=view.end,
                        source=view.source,
                        colours=view.colours,
                        as_of=view.data_date,
                        group_labels=view.short_names,
                        markers=[(view.colloquium_date, OVERVIEW_TEXT("colloquium_marker", lang))],
                    )
                ],
            ),
            _section("road", lang, _road(view, lang)),
        ],
        className="overview-page",
    )
