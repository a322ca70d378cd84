"""The colloquium's presentation mode: the slide deck as plain data, and its component tree.

Slides are composed on a fixed 1920×1080 canvas that the browser scales to the screen (as
presentation software does), so that what fits on one projector fits on every one. Every slide is
rendered once; `assets/colloque.js` only switches which one is visible.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dash import dcc, html

from data.boundaries import PARTNER_DEPARTMENTS, boundaries
from data.headlines import HeadlineFigure
from data.interpretations import Note
from data.models import ActionStatus
from data.months import add_months
from data.progress import LATE, Status
from layouts import ids
from layouts.figures import (
    PROJECTOR,
    PROJECTOR_THEMES,
    add_note_marks,
    add_target_line,
    graph_config,
    partner_colour,
    projector_layout,
    projector_theme,
)
from layouts.i18n import (
    COMMON,
    Messages,
    data_date_text,
    format_date,
    format_month,
    format_number,
)
from layouts.interpretations import in_period, note_marks
from layouts.maps import MAP_WORDS, partners_map
from layouts.sentences import figure_text, value_text
from layouts.status import ACTION_ICONS, STATUS_ICONS, action_status_word, status_word

THEMES = tuple(PROJECTOR_THEMES)
# Chart sizes on the 1920×1080 canvas (the chart is drawn at this size, then scaled with the rest).
CHART_WIDTH = 800
CHART_HEIGHT = 470
# The map slide's canvas: most of the slide under its title.
MAP_WIDTH = 1600
MAP_HEIGHT = 720

SLIDE_TEXT = Messages(
    {
        "region": ("Présentation du colloque", "Colloquium presentation"),
        "roledescription": ("présentation", "presentation"),
        "slide": ("diapositive", "slide"),
        "slide_label": ("{n} sur {total} : {title}", "{n} of {total}: {title}"),
        "page_title": (
            "Mode présentation du colloque — Tableau de bord democraTIC",
            "Colloquium presentation mode — democraTIC dashboard",
        ),
        "instructions": (
            "Les diapositives avancent seules toutes les {seconds} secondes. Flèche droite ou Page "
            "suivante : diapositive suivante ; flèche gauche ou Page précédente : diapositive "
            "précédente ; Espace : pause ou reprise ; F : plein écran.",
            "Slides advance by themselves every {seconds} seconds. Right arrow or Page Down: next "
            "slide; left arrow or Page Up: previous slide; Space: pause or resume; F: full screen.",
        ),
        "paused": ("En pause", "Paused"),
        "offline": (
            "Serveur injoignable : les chiffres affichés sont ceux reçus à {heure}.",
            "Server unreachable: the figures shown are those received at {heure}.",
        ),
        "signed_out": (
            "Session terminée : reconnectez-vous pour mettre à jour les chiffres, reçus à {heure}.",
            "Session ended: sign in again to update the figures, received at {heure}.",
        ),
        "programme_name": ("Innovations democraTIC", "Innovations democraTIC"),
        "title_kicker": ("Colloque de restitution", "Closing colloquium"),
        "title_lead": (
            "Quatre collectivités ont expérimenté en 2012 des outils numériques au service de la "
            "démocratie locale.",
            "In 2012, four local governments tried digital tools for local democracy.",
        ),
        "with_partners": ("Avec", "With"),
        "figures_title": ("Le programme en chiffres", "The programme in figures"),
        "partners_engaged": ("collectivités partenaires", "partner local governments"),
        "events_held": (
            "rencontres, ateliers et formations tenus",
            "meetings, workshops and trainings held",
        ),
        "actions_running": ("actions engagées sur {total}", "actions under way out of {total}"),
        "partner_kicker": ("Partenaire {n} sur {total}", "Partner {n} of {total}"),
        "late_count": ("{n} indicateurs sur {total}", "{n} of {total} indicators"),
        "late_count_one": ("1 indicateur sur {total}", "1 of {total} indicators"),
        "target": ("objectif {target}", "target {target}"),
        "not_defined_title": (
            "Mise en œuvre en cours de définition",
            "Implementation still being defined",
        ),
        "not_defined_text": (
            "Aucun chiffre n'est encore attendu : il n'est pas affiché comme un zéro.",
            "No figure is expected yet: none is shown as a zero.",
        ),
        "planned_actions": ("Actions envisagées", "Planned actions"),
        "chart_sum": ("{label} : cumul depuis janvier", "{label}: running total since January"),
        "chart_level": ("{label}, mois par mois", "{label}, month by month"),
        "chart_target": ("Objectif {target}", "Target {target}"),
        "chart_alt": ("Valeurs du graphique : {values}.", "Chart values: {values}."),
        "no_chart": (
            "Pas encore de série mensuelle à représenter.",
            "No monthly series to chart yet.",
        ),
        "timeline_title": ("2012, action par action", "2012, action by action"),
        "map_title": ("Quatre territoires d'expérimentation", "Four places to experiment"),
        "map_alt": ("Carte : {places}.", "Map: {places}."),
        "timeline_undefined": ("Calendrier à définir", "Schedule to be defined"),
        "timeline_colloquium": ("Colloque", "Colloquium"),
        "timeline_dates": ("du {start} au {end}", "from {start} to {end}"),
        "closing_title": ("Merci !", "Thank you!"),
        "closing_lead": (
            "Les chiffres de cette présentation viennent du tableau de bord du programme.",
            "The figures in this presentation come from the programme's dashboard.",
        ),
        "closing_url": ("Retrouvez-les en ligne :", "Find them online:"),
        "qr_alt": ("Code QR vers {url}", "QR code to {url}"),
        "footer": ("Innovations democraTIC · {date}", "Innovations democraTIC · {date}"),
    }
)


@dataclass(frozen=True)
class PartnerSlide:
    """One partner's slide: its headline figures, status and summing-up sentence."""

    slug: str
    name: str
    category: str
    description: str
    figures: tuple[HeadlineFigure, ...]
    status: Status
    sentences: tuple[str, ...]
    # (title, status) of the partner's actions, shown when nothing is defined yet.
    actions: tuple[tuple[str, ActionStatus], ...] = ()
    # How many of all its indicators with a target are late (the slide shows only its key
    # figures, so a delay elsewhere is said in the header): (late, with a target).
    late: tuple[int, int] = (0, 0)

    @property
    def defined(self) -> bool:
        return self.status != Status.NOT_DEFINED


@dataclass(frozen=True)
class TimelineAction:
    partner_slug: str
    partner_name: str
    title: str
    status: ActionStatus
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Deck:
    """Everything the slides show, already read for the current viewer and language."""

    lang: str
    as_of: dt.date
    demonstration: bool
    colloquium_date: dt.date
    year_start: dt.date
    year_end: dt.date
    programme: PartnerSlide
    partners: tuple[PartnerSlide, ...]
    events_held: int
    timeline: tuple[TimelineAction, ...]
    # The small-count threshold in force (the app's setting): hidden counts are written « < N ».
    threshold: int
    public_url: str = ""
    qr_src: str = ""  # URL of the QR code image (served by the app), empty without a public URL
    # « Données au … » (data.publication.data_date): the same day on every page.
    data_date: dt.date | None = None
    # The interpretations the viewer reads, by indicator: marked on the slides' charts.
    notes: Mapping[str, tuple[Note, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Options:
    """The presentation's settings, validated (see callbacks.colloquium.parse_options)."""

    interval: int
    refresh: int
    theme: str


# --- small pieces


def _icon(css: str) -> html.I:
    return html.I(className=f"bi {css}", **{"aria-hidden": "true"})


def _status(status: Status, lang: str) -> html.P:
    value = str(status)
    return html.P(
        [_icon(STATUS_ICONS[value]), " ", status_word(value, lang)],
        className=f"slide-status slide-status-{value}",
    )


def _footer(deck: Deck) -> html.Footer:
    lang = deck.lang
    parts = [data_date_text(deck.data_date, lang)]
    if deck.demonstration:
        parts.append(COMMON("demo_data", lang))
    return html.Footer(
        [
            html.Span(SLIDE_TEXT("footer", lang, date=format_date(deck.colloquium_date, lang))),
            html.Span(" · ".join(parts), className="slide-footer-data"),
        ],
        className="slide-footer",
    )


def slide_count(deck: Deck) -> int:
    """Title, programme figures, one per partner, the map, timeline, closing."""
    return 5 + len(deck.partners)


def _slide(deck: Deck, n: int, kind: str, title: str, body: list, *, colour: str | None = None):
    """Slide `n`: a <section> with its kind, the partner colour band if any, and the footer."""
    style = {"--slide-colour": colour} if colour else None
    label = SLIDE_TEXT("slide_label", deck.lang, n=n, total=slide_count(deck), title=title)
    return html.Section(
        [*body, _footer(deck)],
        className=f"slide slide-{kind}",
        style=style,
        **{"aria-roledescription": SLIDE_TEXT("slide", deck.lang), "aria-label": label},
    )


def _text(
    figure: HeadlineFigure,
    value: float | None,
    lang: str,
    suppressed: bool = False,
    threshold: int | None = None,
) -> str:
    """Another value (a target, a month) written the way `figure` is written."""
    return value_text(
        value, lang, suppressed=suppressed, share=figure.is_share, threshold=threshold
    )


def figure_value(figure: HeadlineFigure, lang: str, *, threshold: int) -> str:
    """A headline figure as the room reads it; never a zero for what is not defined."""
    if not figure.defined:
        return COMMON("not_defined", lang)
    return figure_text(figure, lang, threshold=threshold)


def _figure_block(figure: HeadlineFigure, lang: str, lead: bool, threshold: int) -> html.Div:
    # "No target" is not news for a room: the status is said only when there is one to say.
    details = [] if figure.status == Status.NO_TARGET else [_status(figure.status, lang)]
    if figure.full_target is not None and figure.defined:
        target = _text(figure, figure.full_target, lang)
        details.insert(
            0, html.P(SLIDE_TEXT("target", lang, target=target), className="slide-target")
        )
    return html.Div(
        [
            html.P(figure_value(figure, lang, threshold=threshold), className="slide-figure-value"),
            html.P(figure.label(lang), className="slide-figure-label"),
            html.Div(details, className="slide-figure-details"),
        ],
        className="slide-figure slide-figure-lead" if lead else "slide-figure",
    )


def _figure_line(figure: HeadlineFigure, lang: str, threshold: int) -> html.Div:
    """A secondary figure on one line: the number, then its label and status."""
    details = [] if figure.status == Status.NO_TARGET else [_status(figure.status, lang)]
    if figure.full_target is not None and figure.defined:
        target = _text(figure, figure.full_target, lang)
        details.insert(
            0, html.Span(SLIDE_TEXT("target", lang, target=target), className="slide-target")
        )
    return html.Div(
        [
            html.P(figure_value(figure, lang, threshold=threshold), className="figure-line-value"),
            html.Div(
                [
                    html.P(figure.label(lang), className="figure-line-label"),
                    html.Div(details, className="slide-figure-details") if details else None,
                ]
            ),
        ],
        className="figure-line",
    )


# --- the chart


def chart_figure(figures: Sequence[HeadlineFigure]) -> HeadlineFigure | None:
    """The figure worth a chart: the first with a monthly series, preferring one with a target."""
    candidates = [
        f for f in figures if f.defined and sum(p.value is not None for p in f.sparkline) >= 2
    ]
    with_target = [f for f in candidates if f.target is not None]
    return (with_target or candidates or [None])[0]


def progress_chart(figure: HeadlineFigure, deck: Deck, theme: str, colour: str) -> dict:
    """A lean line chart of the figure's monthly trend, with its target as a labelled line."""
    lang = deck.lang
    palette = projector_theme(theme)
    points = [p for p in figure.sparkline]
    x = [p.month.isoformat() for p in points]
    y = [p.value for p in points]
    values = [v for v in y if v is not None]
    top = max(values + ([figure.target] if figure.target is not None else []) + [1])
    layout = projector_layout(lang, theme, CHART_WIDTH, CHART_HEIGHT)
    layout["xaxis"].update(
        {
            "type": "date",
            "range": [deck.year_start.isoformat(), deck.year_end.isoformat()],
            "dtick": "M2",
            "tickformat": "%b",
        }
    )
    layout["yaxis"].update(
        {"range": [0, top * 1.18], "tick0": 0, "dtick": axis_step(top, figure.is_share)}
    )
    layout["shapes"] = []
    layout["annotations"] = []
    last = next(((p.month, p.value) for p in reversed(points) if p.value is not None), None)
    if last is not None:
        layout["annotations"].append(
            {
                "x": last[0].isoformat(),
                "y": last[1],
                "text": f"<b>{_text(figure, last[1], lang)}</b>",
                "showarrow": False,
                "xanchor": "left",
                "xshift": 14,
                "font": {"size": PROJECTOR.title, "color": palette.ink},
            }
        )
    if figure.target is not None:
        target_text = _text(figure, figure.target, lang)
        add_target_line(
            layout,
            figure.target,
            SLIDE_TEXT("chart_target", lang, target=target_text),
            size=PROJECTOR,
            theme=palette,
        )
    marks = note_marks(
        deck.notes.get(figure.indicator_code, ()), lang, deck.year_start, deck.year_end
    )
    if marks:
        add_note_marks(layout, marks, size=PROJECTOR, theme=palette)
    data = {
        "type": "scatter",
        "mode": "lines+markers",
        "x": x,
        "y": y,
        "line": {"color": colour, "width": 6},
        "marker": {"color": colour, "size": 14},
        "connectgaps": False,
        "hoverinfo": "skip",
    }
    return {"data": [data], "layout": layout}


def axis_step(top: float, share: bool) -> float:
    """A round step giving 3 to 6 gridlines up to `top`; counts never get fractional ticks."""
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return step if share else max(1, math.ceil(step))


def _chart_block(
    figure: HeadlineFigure | None, deck: Deck, theme: str, colour: str, key: str
) -> html.Div:
    lang = deck.lang
    if figure is None:
        return html.Div(
            html.P(SLIDE_TEXT("no_chart", lang), className="slide-no-chart"),
            className="slide-chart",
        )
    title_key = "chart_sum" if figure.aggregation == "somme" else "chart_level"
    colon = " : " if lang == "fr" else ": "
    values = " ; ".join(
        f"{format_month(p.month, lang)}{colon}{_text(figure, p.value, lang, p.suppressed, deck.threshold)}"
        for p in figure.sparkline
    )
    return html.Div(
        [
            html.H3(
                SLIDE_TEXT(title_key, lang, label=figure.label(lang)), className="slide-chart-title"
            ),
            dcc.Graph(
                id=f"colloque-graphique-{key}",
                figure=progress_chart(figure, deck, theme, colour),
                config=graph_config(lang, "projector"),
                className="slide-graph",
                style={"width": f"{CHART_WIDTH}px", "height": f"{CHART_HEIGHT}px"},
            ),
            html.P(SLIDE_TEXT("chart_alt", lang, values=values), className="visually-hidden"),
            *[
                # Nothing hovers on a projector: the marks' numbers are named under the chart.
                html.P(f"{number} — {note.title}", className="slide-chart-note")
                for number, note in enumerate(
                    in_period(
                        deck.notes.get(figure.indicator_code, ()), deck.year_start, deck.year_end
                    ),
                    start=1,
                )
            ],
        ],
        className="slide-chart",
    )


# --- the slides


def title_slide(deck: Deck, n: int = 1) -> html.Section:
    lang = deck.lang
    partners = html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        className="partner-chip", style={"background": partner_colour(p.slug)}
                    ),
                    p.name,
                ],
                className="title-partner",
            )
            for p in deck.partners
        ],
        className="title-partners",
        **{"aria-label": SLIDE_TEXT("with_partners", lang)},
    )
    body = [
        html.P(
            f"{SLIDE_TEXT('title_kicker', lang)} · {format_date(deck.colloquium_date, lang)}",
            className="slide-kicker",
        ),
        html.H2(SLIDE_TEXT("programme_name", lang), className="slide-title title-main"),
        html.P(SLIDE_TEXT("title_lead", lang), className="slide-lead"),
        partners,
    ]
    if deck.qr_src:
        body.append(_qr(deck, compact=True))
    return _slide(deck, n, "titre", SLIDE_TEXT("programme_name", lang), body)


def _qr(deck: Deck, compact: bool = False, caption: str = "") -> html.Figure:
    """The public URL, as a QR code (when the image is served) and in words."""
    lang = deck.lang
    image = (
        html.Img(
            src=deck.qr_src,
            alt=SLIDE_TEXT("qr_alt", lang, url=deck.public_url),
            className="qr-image",
        )
        if deck.qr_src
        else None
    )
    return html.Figure(
        [
            image,
            html.Figcaption(
                [html.Span(caption, className="qr-caption") if caption else None, deck.public_url],
                className="qr-url",
            ),
        ],
        className="slide-qr slide-qr-compact" if compact else "slide-qr",
    )


def figures_slide(deck: Deck, n: int = 2) -> html.Section:
    """The programme's headline figures: partners, events held, actions under way, colloquium."""
    lang = deck.lang
    running = [
        a for a in deck.timeline if a.status in (ActionStatus.IN_PROGRESS, ActionStatus.DONE)
    ]
    blocks = [
        html.Div(
            [
                html.P(format_number(len(deck.partners), lang), className="slide-figure-value"),
                html.P(SLIDE_TEXT("partners_engaged", lang), className="slide-figure-label"),
            ],
            className="slide-figure",
        ),
        html.Div(
            [
                html.P(format_number(deck.events_held, lang), className="slide-figure-value"),
                html.P(SLIDE_TEXT("events_held", lang), className="slide-figure-label"),
            ],
            className="slide-figure",
        ),
        html.Div(
            [
                html.P(format_number(len(running), lang), className="slide-figure-value"),
                html.P(
                    SLIDE_TEXT(
                        "actions_running", lang, total=format_number(len(deck.timeline), lang)
                    ),
                    className="slide-figure-label",
                ),
            ],
            className="slide-figure",
        ),
    ]
    blocks += [_figure_block(f, lang, False, deck.threshold) for f in deck.programme.figures[:3]]
    body = [
        html.H2(SLIDE_TEXT("figures_title", lang), className="slide-title"),
        html.Div(blocks, className="figures-grid"),
    ]
    if deck.programme.sentences:
        body.append(html.P(" ".join(deck.programme.sentences), className="slide-sentence"))
    return _slide(deck, n, "chiffres", SLIDE_TEXT("figures_title", lang), body)


def _late_status(partner: PartnerSlide, lang: str) -> list:
    """` · ⚠ En retard : 4 indicateurs sur 6` when the partner's roll-up is late, else nothing."""
    late, total = partner.late
    if partner.status not in LATE or not late:
        return []
    count = (
        SLIDE_TEXT("late_count_one", lang, total=total)
        if late == 1
        else SLIDE_TEXT("late_count", lang, n=late, total=total)
    )
    return [
        " · ",
        html.Span(
            [_icon(STATUS_ICONS[str(partner.status)]), " ", status_word(partner.status, lang)],
            className=f"slide-status slide-status-{partner.status}",
        ),
        f" : {count}" if lang == "fr" else f": {count}",
    ]


def partner_slide(deck: Deck, partner: PartnerSlide, rank: int, theme: str) -> html.Section:
    """The partner ranked `rank` (from 1): slide 2 + rank."""
    n = 2 + rank
    lang = deck.lang
    colour = partner_colour(partner.slug)
    header = html.Div(
        [
            html.P(
                [
                    f"{SLIDE_TEXT('partner_kicker', lang, n=rank, total=len(deck.partners))} · "
                    f"{partner.category}",
                    *_late_status(partner, lang),
                ],
                className="slide-kicker",
            ),
            html.H2(partner.name, className="slide-title"),
        ],
        className="slide-header",
    )
    if not partner.defined:
        body = [
            header,
            html.Div(
                [
                    html.Div(
                        [
                            html.P(
                                [
                                    _icon(STATUS_ICONS[Status.NOT_DEFINED.value]),
                                    " ",
                                    SLIDE_TEXT("not_defined_title", lang),
                                ],
                                className="undefined-title",
                            ),
                            html.P(
                                SLIDE_TEXT("not_defined_text", lang), className="undefined-text"
                            ),
                        ],
                        className="undefined-block",
                    ),
                    html.Div(
                        [
                            html.H3(
                                SLIDE_TEXT("planned_actions", lang), className="slide-chart-title"
                            ),
                            html.Ul(
                                [
                                    html.Li(
                                        [
                                            html.Span(title, className="action-title"),
                                            html.Span(
                                                [
                                                    _icon(ACTION_ICONS[str(status)]),
                                                    " ",
                                                    action_status_word(status, lang),
                                                ],
                                                className="action-status",
                                            ),
                                        ]
                                    )
                                    for title, status in partner.actions
                                ],
                                className="undefined-actions",
                            ),
                        ],
                        className="slide-chart",
                    ),
                ],
                className="partner-grid",
            ),
            html.P(" ".join(partner.sentences), className="slide-sentence"),
        ]
        return _slide(deck, n, "partenaire", partner.name, body, colour=colour)

    figures = list(partner.figures)
    lead, others = (figures[0], figures[1:3]) if figures else (None, [])
    left = []
    if lead is not None:
        left.append(_figure_block(lead, lang, True, deck.threshold))
    if others:
        left.append(
            html.Div(
                [_figure_line(f, lang, deck.threshold) for f in others], className="figure-lines"
            )
        )
    body = [
        header,
        html.Div(
            [
                html.Div(left, className="partner-figures"),
                _chart_block(chart_figure(figures), deck, theme, colour, partner.slug),
            ],
            className="partner-grid",
        ),
        # One sentence: the finding (the figures above and the header say the status).
        html.P(partner.sentences[0] if partner.sentences else "", className="slide-sentence"),
    ]
    return _slide(deck, n, "partenaire", partner.name, body, colour=colour)


def _position(day: dt.date, deck: Deck) -> float:
    """Where `day` falls on the year's bar, in percent."""
    span = (deck.year_end - deck.year_start).days + 1
    return max(0.0, min(100.0, (day - deck.year_start).days / span * 100))


def _timeline_legend(lang: str) -> html.Ul:
    """How a bar says where an action stands (its pattern, not its colour)."""
    entries = [
        ("timeline-termine", action_status_word(ActionStatus.DONE, lang)),
        ("timeline-en_cours", action_status_word(ActionStatus.IN_PROGRESS, lang)),
        ("timeline-undefined", SLIDE_TEXT("timeline_undefined", lang)),
    ]
    return html.Ul(
        [html.Li([html.Span(className=f"legend-swatch {css}"), word]) for css, word in entries],
        className="timeline-legend",
        **{"aria-hidden": "true"},
    )


def map_slide(deck: Deck, theme: str) -> html.Section:
    """The partners' départements on one map, names large enough for the back of the room;
    Val-de-Marne hatched while its actions are being defined."""
    n = slide_count(deck) - 2
    lang = deck.lang
    bundled = boundaries()
    partners = [
        {
            "slug": p.slug,
            "name": p.name,
            "short_name": bundled.places[PARTNER_DEPARTMENTS[p.slug]].name,
            "department": PARTNER_DEPARTMENTS[p.slug],
            "defined": p.defined,
        }
        for p in deck.partners
        if p.slug in PARTNER_DEPARTMENTS
    ]
    figure = partners_map(
        partners,
        bundled,
        lang=lang,
        colours={p["slug"]: partner_colour(p["slug"]) for p in partners},
        height=MAP_HEIGHT,
        size=PROJECTOR,
        theme=projector_theme(theme),
    )
    figure["layout"]["width"] = MAP_WIDTH
    places = " ; ".join(
        p["short_name"]
        if p["defined"]
        else f"{p['short_name']} ({MAP_WORDS('being_defined', lang)})"
        for p in partners
    )
    body = [
        html.H2(SLIDE_TEXT("map_title", lang), className="slide-title"),
        dcc.Graph(
            id="colloque-carte",
            figure=figure,
            config=graph_config(lang, "projector"),
            className="slide-graph slide-map",
            style={"width": f"{MAP_WIDTH}px", "height": f"{MAP_HEIGHT}px"},
        ),
        html.P(SLIDE_TEXT("map_alt", lang, places=places), className="visually-hidden"),
        html.P(bundled.source_line(lang), className="slide-map-source"),
    ]
    return _slide(deck, n, "carte", SLIDE_TEXT("map_title", lang), body)


def timeline_slide(deck: Deck) -> html.Section:
    n = slide_count(deck) - 1
    lang = deck.lang
    months = []
    day = deck.year_start
    while day <= deck.year_end:
        months.append(
            html.Span(
                # Month initials (J F M A…): twelve labels fit the track at a legible size.
                format_date(day, lang, "LLLLL"),
                className="timeline-month",
                style={"left": f"{_position(day, deck):.3f}%"},
            )
        )
        day = add_months(day, 1)
    colloquium_at = f"{_position(deck.colloquium_date, deck):.3f}%"
    rows = []
    previous = None
    for action in deck.timeline:
        colour = partner_colour(action.partner_slug)
        if action.start is None or action.end is None:
            bar = html.Span(
                SLIDE_TEXT("timeline_undefined", lang), className="timeline-bar timeline-undefined"
            )
            dates = SLIDE_TEXT("timeline_undefined", lang)
        else:
            left = _position(action.start, deck)
            width = max(_position(action.end, deck) - left, 0.8)
            bar = html.Span(
                className=f"timeline-bar timeline-{action.status.value}",
                style={"left": f"{left:.3f}%", "width": f"{width:.3f}%", "--bar-colour": colour},
            )
            dates = SLIDE_TEXT(
                "timeline_dates",
                lang,
                start=format_date(action.start, lang),
                end=format_date(action.end, lang),
            )
        first = action.partner_slug != previous
        previous = action.partner_slug
        rows.append(
            html.Li(
                [
                    html.Span(
                        [
                            html.Span(className="partner-chip", style={"background": colour}),
                            action.partner_name,
                        ]
                        if first
                        else None,
                        className="timeline-partner",
                    ),
                    html.Span(action.title, className="timeline-title"),
                    html.Span(
                        [
                            bar,
                            html.Span(
                                f" {action_status_word(action.status, lang)}, {dates}",
                                className="visually-hidden",
                            ),
                        ],
                        className="timeline-track",
                    ),
                ],
                className="timeline-row timeline-first" if first else "timeline-row",
            )
        )
    body = [
        html.H2(SLIDE_TEXT("timeline_title", lang), className="slide-title"),
        html.Div(
            [
                _timeline_legend(lang),
                html.Div(
                    [
                        html.Div(months, className="timeline-months"),
                        html.Span(
                            SLIDE_TEXT("timeline_colloquium", lang),
                            className="timeline-colloquium-label",
                            style={"left": colloquium_at},
                        ),
                    ],
                    className="timeline-axis",
                    **{"aria-hidden": "true"},
                ),
                html.Ul(rows, className="timeline-rows"),
                html.Div(
                    html.Span(className="timeline-colloquium-line", style={"left": colloquium_at}),
                    className="timeline-overlay",
                    **{"aria-hidden": "true"},
                ),
            ],
            className="timeline",
        ),
    ]
    return _slide(deck, n, "calendrier", SLIDE_TEXT("timeline_title", lang), body)


def closing_slide(deck: Deck) -> html.Section:
    n = slide_count(deck)
    lang = deck.lang
    body = [
        html.H2(SLIDE_TEXT("closing_title", lang), className="slide-title title-main"),
        html.P(SLIDE_TEXT("closing_lead", lang), className="slide-lead"),
    ]
    if deck.public_url:
        body.append(_qr(deck, caption=SLIDE_TEXT("closing_url", lang)))
    body.append(
        html.Ul(
            [
                html.Li(
                    [
                        html.Span(
                            className="partner-chip", style={"background": partner_colour(p.slug)}
                        ),
                        p.name,
                    ],
                    className="title-partner",
                )
                for p in deck.partners
            ],
            className="title-partners",
        )
    )
    return _slide(deck, n, "cloture", SLIDE_TEXT("closing_title", lang), body)


def slides(deck: Deck, theme: str) -> list[html.Section]:
    """The whole deck, in order: title, programme figures, one per partner, timeline, closing."""
    result = [title_slide(deck), figures_slide(deck)]
    result += [partner_slide(deck, p, n, theme) for n, p in enumerate(deck.partners, start=1)]
    result += [map_slide(deck, theme), timeline_slide(deck), closing_slide(deck)]
    return result


def presentation(
    slide_list: list,
    options: Options,
    *,
    lang: str,
    version: str,
    source: str,
    warnings: Sequence[str] = (),
) -> html.Div:
    """The stage: the scaled canvas with every slide, the progress bar and the notices.

    The data-* attributes configure `assets/colloque.js`; nothing on it is clickable.
    """
    return html.Div(
        [
            html.H1(SLIDE_TEXT("page_title", lang), className="visually-hidden"),
            html.P(
                SLIDE_TEXT("instructions", lang, seconds=options.interval),
                className="visually-hidden",
            ),
            html.Div(
                [
                    html.Div(slide_list, id=ids.COLLOQUE_DECK, className="colloque-deck"),
                    html.P(
                        id=ids.COLLOQUE_COUNTER,
                        className="colloque-counter",
                        **{"aria-hidden": "true"},
                    ),
                    html.P(
                        [_icon("bi-pause-fill"), " ", SLIDE_TEXT("paused", lang)],
                        id=ids.COLLOQUE_PAUSED,
                        className="colloque-paused",
                    ),
                    html.P(id=ids.COLLOQUE_NOTICE, className="colloque-notice", role="status"),
                    html.Div(
                        html.Div(className="colloque-progress-bar"),
                        id=ids.COLLOQUE_PROGRESS,
                        className="colloque-progress",
                        **{"aria-hidden": "true"},
                    ),
                    html.Ul(
                        [html.Li(w) for w in warnings], className="colloque-warnings", role="alert"
                    )
                    if warnings
                    else None,
                ],
                className="colloque-canvas",
            ),
        ],
        id=ids.COLLOQUE_STAGE,
        className=f"colloque theme-{options.theme}",
        role="region",
        **{
            "aria-label": SLIDE_TEXT("region", lang),
            "aria-roledescription": SLIDE_TEXT("roledescription", lang),
            "data-interval": str(options.interval),
            "data-refresh": str(options.refresh),
            "data-theme": options.theme,
            "data-source": source,
            "data-version": version,
            "data-offline": SLIDE_TEXT("offline", lang, heure="{heure}"),
            "data-signed-out": SLIDE_TEXT("signed_out", lang, heure="{heure}"),
            "data-lang": lang,
        },
    )
