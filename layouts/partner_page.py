"""A partner's page, for elected officials: where the experiment stands, in ten seconds.

The page's assembly (header, period controls, summary, sections) as a pure component tree built
from a `PartnerPage` the callbacks assemble from the store; its charts are in
`layouts.partner_cards`, their data in `layouts.partner_chart_data`.
"""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html

from layouts.chart_exports import export_components
from layouts.components import page_header
from layouts.copy_link import copy_link_button
from layouts.headline_cards import headline_row
from layouts.i18n import COMMON, data_date_text
from layouts.interpretation_form import interpretation_section
from layouts.interpretations import delay_explanations, when
from layouts.outcomes import outcomes_section
from layouts.partner_cards import breakdown_card, series_card, territory_card, totals_table
from layouts.partner_chart_data import TIMELINE, export_filename
from layouts.partner_page_model import PartnerPage
from layouts.partner_page_text import PARTNER_PAGE_TEXT
from layouts.pdf_button import pdf_button
from layouts.sentences import period_phrase, summary_sentences
from layouts.timeline import timeline_card


def period_controls(page: PartnerPage, lang: str) -> html.Div:
    """A plain GET form (works without JavaScript; the period stays in the address, to share)
    and links to the usual periods."""
    path = f"/partenaires/{page.partner['slug']}"
    options = [{"label": label, "value": value} for value, label in page.month_choices]
    form = html.Form(
        [
            html.Div(
                [
                    dbc.Label(PARTNER_PAGE_TEXT("from", lang), html_for="periode-debut"),
                    dbc.Select(
                        id="periode-debut",
                        name="debut",
                        options=options,
                        value=f"{page.start:%Y-%m}",
                    ),
                ],
                className="period-field",
            ),
            html.Div(
                [
                    dbc.Label(PARTNER_PAGE_TEXT("to", lang), html_for="periode-fin"),
                    dbc.Select(
                        id="periode-fin", name="fin", options=options, value=f"{page.end:%Y-%m}"
                    ),
                ],
                className="period-field",
            ),
            html.Button(
                PARTNER_PAGE_TEXT("apply", lang),
                type="submit",
                className="btn btn-primary period-apply",
            ),
        ],
        action=path,
        method="get",
        className="period-form",
        **{"aria-label": PARTNER_PAGE_TEXT("period_form", lang)},
    )
    presets = html.Nav(
        html.Ul(
            [
                html.Li(
                    html.A(
                        label,
                        href=href,
                        className="period-preset" + (" active" if current else ""),
                        **({"aria-current": "true"} if current else {}),
                    )
                )
                for label, href, current in page.presets
            ],
            className="period-presets",
        ),
        **{"aria-label": PARTNER_PAGE_TEXT("presets", lang)},
    )
    return html.Div(
        [
            html.H2(PARTNER_PAGE_TEXT("period_form", lang), className="visually-hidden"),
            form,
            presets,
        ],
        className="period-controls no-print",
    )


def print_button(lang: str) -> html.Button:
    """Prints the page; `assets/print-charts.js` handles the click (the CSP forbids inline
    scripts) after laying the charts out for the paper."""
    return html.Button(
        [
            html.I(className="bi bi-printer", **{"aria-hidden": "true"}),
            " ",
            PARTNER_PAGE_TEXT("print", lang),
        ],
        type="button",
        className="btn btn-outline-secondary btn-sm print-button no-print",
        title=PARTNER_PAGE_TEXT("print_label", lang),
        **{"data-print": "page", "aria-label": PARTNER_PAGE_TEXT("print_label", lang)},
    )


def print_running_line(page: PartnerPage, name: str, period: str, lang: str) -> str:
    """The line at the top of every printed page: who, which period, data date, source.
    `assets/print-charts.js` hands it to the page's top margin (`@page` in assets/print.css), so
    it repeats on each sheet without a forced page break and never covers the content."""
    period_label = (
        f"{PARTNER_PAGE_TEXT('period', lang)} : "
        if lang == "fr"
        else f"{PARTNER_PAGE_TEXT('period', lang)}: "
    )
    return " · ".join(
        [
            name,
            period_label + period,
            data_date_text(page.data_date, lang),
            COMMON("source", lang, source=page.source),
        ]
    )


def _section(key: str, lang: str, children, extra_class: str = "") -> html.Section:
    heading_id = f"section-{key.replace('_', '-')}"
    return html.Section(
        [html.H2(PARTNER_PAGE_TEXT(key, lang), id=heading_id), *children],
        className=f"page-section {extra_class}".strip(),
        **{"aria-labelledby": heading_id},
    )


def _grid(cards: Sequence, columns: int = 2) -> dbc.Row:
    width = 12 // columns
    return dbc.Row([dbc.Col(card, xs=12, lg=width, className="mb-4") for card in cards])


def _interpretation_form(page: PartnerPage, name: str, lang: str) -> html.Details | None:
    if not page.may_write_notes:
        return None
    indicators = [(s.indicator["code"], s.indicator.label(lang)) for s in page.series]
    choices = []
    for series in page.series:
        for note in page.notes.get(series.indicator["code"], []):
            choices.append((note.id, f"{note.title} — {when(note, lang)}"))
            choices.extend(
                (reply.id, f"    ↳ {reply.body[:60]} ({reply.author})") for reply in note.replies
            )
    return interpretation_section(
        page.partner["slug"], name, indicators, choices, page.may_moderate_notes, lang
    )


def partner_page(page: PartnerPage, lang: str) -> html.Div:
    partner = page.partner
    name = partner["name_en" if lang == "en" else "name_fr"]
    description = partner["description_en" if lang == "en" else "description_fr"]
    period = period_phrase(page.start, page.end, lang)
    undefined = bool(page.figures) and all(not f.defined for f in page.figures)

    notice = None
    if page.problems:
        notice = dbc.Alert(
            [html.Strong(PARTNER_PAGE_TEXT("notice_title", lang) + " — "), " ".join(page.problems)],
            color="warning",
            className="period-notice",
        )
    withheld = (
        dbc.Alert(" ".join(page.withheld), color="info", className="withheld-notice")
        if page.withheld
        else None
    )
    header = html.Div(
        [
            page_header(name, description, kicker=PARTNER_PAGE_TEXT("kicker", lang)),
            html.P(
                [
                    html.Span(
                        f"{PARTNER_PAGE_TEXT('period', lang)} : "
                        if lang == "fr"
                        else f"{PARTNER_PAGE_TEXT('period', lang)}: "
                    ),
                    html.Strong(period),
                    html.Span(" · "),
                    html.Span(data_date_text(page.data_date, lang)),
                    # On paper the source is on every page, beside the period and the data date.
                    html.Span(
                        " · " + COMMON("source", lang, source=page.source), className="print-only"
                    ),
                ],
                className="period-line",
            ),
            html.Div(
                [print_button(lang), pdf_button(page.pdf, lang), copy_link_button(lang)],
                className="page-actions no-print",
            ),
        ],
        className="partner-header",
        style={"--partner-colour": page.colour},
    )
    summary = html.Section(
        [
            html.H2(
                PARTNER_PAGE_TEXT("summary", lang),
                className="visually-hidden",
                id="section-en-bref",
            ),
            *[
                html.P(s, className="summary-sentence")
                for s in summary_sentences(
                    partner["slug"],
                    page.every_figure or page.figures,
                    page.start,
                    page.end,
                    lang,
                    threshold=page.threshold,
                )
                + delay_explanations(
                    page.every_figure or page.figures, page.notes, page.start, page.end, lang
                )
            ],
        ],
        className="summary",
        **{"aria-labelledby": "section-en-bref"},
    )
    headlines = _section(
        "headlines",
        lang,
        [headline_row(page.figures, page.colour, lang, "chiffre", threshold=page.threshold)],
    )

    series_cards = [series_card(s, page, lang, period) for s in page.series if s.monthly]
    breakdown_cards = [
        breakdown_card(s, dim, page, lang, period)
        for s in page.series
        for dim in ("profil", "canal", "tranche_age")
        if s.breakdowns.get(dim)
    ]
    empty = PARTNER_PAGE_TEXT("not_defined_charts" if undefined else "no_charts", lang)
    sections = [
        _section(
            "over_time",
            lang,
            [_grid(series_cards) if series_cards else html.P(empty, className="empty-note")],
        )
    ]
    if breakdown_cards:
        # On paper, a map that is not a headline indicator's (Essonne's inventory) is a section
        # more than the two sheets were laid out for: printed beside a lone breakdown chart.
        beside = (
            len(breakdown_cards) == 1
            and page.territory is not None
            and page.territory not in page.series
        )
        extra = "paper-beside-map" if beside else ""
        sections.append(_section("breakdowns", lang, [_grid(breakdown_cards)], extra))
    if page.territory is not None and page.territory.breakdowns.get("territoire"):
        sections.append(
            _section(
                "where",
                lang,
                [
                    html.P(PARTNER_PAGE_TEXT("where_note", lang), className="section-note"),
                    territory_card(page, lang, period),
                ],
            )
        )
    sections.append(
        _section(
            "timeline",
            lang,
            [
                timeline_card(
                    TIMELINE,
                    page.actions,
                    page.events,
                    lang,
                    start=page.start,
                    end=page.end,
                    source=page.source,
                    colours={partner["slug"]: page.colour},
                    as_of=page.data_date,
                    export_filename=export_filename(page, TIMELINE),
                )
            ],
        )
    )
    sections.append(_section("outcomes", lang, [outcomes_section(page.outcomes, lang)]))
    sections.append(
        _section(
            "all_indicators",
            lang,
            [
                html.P(PARTNER_PAGE_TEXT("scroll_hint", lang), className="scroll-hint"),
                totals_table(page, lang),
            ],
            "indicators-section",
        )
    )
    return html.Div(
        [
            header,
            notice,
            withheld,
            period_controls(page, lang),
            summary,
            headlines,
            *sections,
            _interpretation_form(page, name, lang),
            *export_components(
                {
                    "partenaire": partner["slug"],
                    "debut": f"{page.start:%Y-%m}",
                    "fin": f"{page.end:%Y-%m}",
                }
            ),
        ],
        className="partner-page",
        **{
            "data-partenaire": partner["slug"],
            "data-print-running": print_running_line(page, name, period, lang),
        },
    )
