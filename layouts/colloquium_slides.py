"""The colloquium's slides, one function each: the title, the programme's figures, one per
partner, the map, the timeline and the closing slide.

Built from the deck (`layouts.colloquium_deck`) and the shared pieces
(`layouts.colloquium_parts`); `layouts.colloquium` puts them in order on the stage.
"""

from __future__ import annotations

import datetime as dt

from dash import dcc, html

from data.boundaries import PARTNER_DEPARTMENTS, boundaries
from data.models import ActionStatus
from data.months import add_months
from data.progress import LATE, Status
from layouts.colloquium_deck import SLIDE_TEXT, Deck, PartnerSlide
from layouts.colloquium_parts import (
    _chart_block,
    _figure_block,
    _figure_line,
    _icon,
    _slide,
    chart_figure,
    slide_count,
)
from layouts.figures import (
    PROJECTOR,
    graph_config,
    partner_colour,
    projector_theme,
)
from layouts.i18n import (
    format_date,
    format_number,
)
from layouts.maps import MAP_WORDS, partners_map
from layouts.status import ACTION_ICONS, STATUS_ICONS, action_status_word, status_word

# The map slide's canvas: most of the slide under its title.
MAP_WIDTH = 1600
MAP_HEIGHT = 720


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
