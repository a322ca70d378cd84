"""A partner's page, for elected officials: where the experiment stands, in ten seconds.

Pure component tree built from a `PartnerPage` the callbacks assemble from the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import dash_bootstrap_components as dbc
from dash import html

from data.headlines import HeadlineFigure
from data.indicator_record import IndicatorRecord
from data.interpretations import Note
from data.models import Aggregation
from layouts import charts, findings, maps
from layouts.chart_card import chart_card, data_table, scroll_region
from layouts.chart_exports import ChartData, cell_value, export_components, export_tools, table_rows
from layouts.components import html_element, page_header
from layouts.copy_link import copy_link_button
from layouts.figures import PENDING_TEXT
from layouts.headline_cards import headline_row
from layouts.i18n import COMMON, Messages, data_date_text, dimension_name, format_month
from layouts.interpretation_form import interpretation_section
from layouts.interpretations import (
    delay_explanations,
    in_period,
    note_list,
    note_marks,
    when,
)
from layouts.outcomes import outcomes_section
from layouts.pdf_button import PdfLink, pdf_button
from layouts.sentences import (
    hidden_text,
    period_phrase,
    summary_sentences,
    value_text,
    whole_units,
)
from layouts.status import status_badge
from layouts.target_history import revisions_note
from layouts.timeline import timeline_card, timeline_data

PARTNER_PAGE_TEXT = Messages(
    {
        "kicker": ("Partenaire du programme", "Programme partner"),
        "period": ("Période", "Period"),
        "period_form": ("Changer de période", "Change the period"),
        "print": ("Imprimer", "Print"),
        "print_label": (
            "Imprimer cette page (A4 paysage, deux pages au plus)",
            "Print this page (A4 landscape, two pages at most)",
        ),
        "from": ("De", "From"),
        "to": ("À", "To"),
        "apply": ("Afficher", "Show"),
        "presets": ("Périodes fréquentes", "Common periods"),
        "year": ("Année 2012", "Year 2012"),
        "quarter": ("{n}ᵉ trimestre", "Q{n}"),
        "first_quarter": ("1er trimestre", "Q1"),
        "notice_title": ("Période non reconnue", "Period not recognised"),
        "summary": ("En bref", "In brief"),
        "headlines": ("Chiffres clés", "Key figures"),
        "over_time": ("Évolution dans le temps", "Over time"),
        "breakdowns": ("Répartitions", "Breakdowns"),
        "where": ("Où les actions ont eu lieu", "Where things happened"),
        "where_note": (
            "La carte montre chaque territoire ; son tableau les classe du plus actif au moins "
            "actif.",
            "The map shows each place; its table ranks them from the most active.",
        ),
        "timeline": ("Calendrier des actions", "Timeline of actions"),
        "outcomes": ("Résultats qualitatifs", "Qualitative outcomes"),
        "all_indicators": ("Tous les indicateurs", "All indicators"),
        "indicator": ("Indicateur", "Indicator"),
        "value": ("Valeur", "Value"),
        "unit": ("Unité", "Unit"),
        "target": ("Objectif", "Target"),
        "status": ("Statut", "Status"),
        "definition": ("Ce qui est compté", "What is counted"),
        "month": ("Mois", "Month"),
        "place": ("Territoire", "Place"),
        "insee": ("Code INSEE", "INSEE code"),
        "no_charts": (
            "Aucune donnée chiffrée pour cette période.",
            "No figures for this period.",
        ),
        "not_defined_charts": (
            "La mise en œuvre de ce partenaire est en cours de définition : les graphiques "
            "apparaîtront avec les premières données.",
            "This partner's implementation is still being defined: charts will appear with the "
            "first data.",
        ),
        "profil": ("par profil", "by profile"),
        "canal": ("par canal", "by channel"),
        "tranche_age": ("par tranche d'âge", "by age band"),
        "territoire": ("par territoire", "by place"),
        "scroll_hint": (
            "Sur un téléphone, faites défiler le tableau vers la droite : objectif, statut et "
            "définition.",
            "On a phone, scroll the table sideways: target, status and definition.",
        ),
        "all_indicators_caption": (
            "Valeur de chaque indicateur sur la période",
            "Value of each indicator over the period",
        ),
    }
)


# The timeline card's id prefix (the print layout finds it by its title's id, `calendrier-titre`).
TIMELINE = "calendrier"


@dataclass
class IndicatorSeries:
    """One indicator's data for the page: monthly rows and breakdown rows."""

    indicator: IndicatorRecord
    monthly: list[dict]  # {period, value, suppressed}
    breakdowns: dict[str, list[dict]] = field(default_factory=dict)  # dim -> {label, value, ...}
    target: float | None = None
    # The target's revisions (data.target_history), and the target in force as (from, value)
    # steps over the page's period: the chart draws the steps, the card lists the revisions.
    revisions: tuple = ()
    target_steps: tuple = ()


@dataclass
class IndicatorTotal:
    indicator: IndicatorRecord
    value: float | None
    suppressed: bool
    target: float | None
    status: str | None  # a data.progress.Status value, by the one rule for every indicator
    count: bool = (
        False  # a count: its target is shown in whole units (layouts.sentences.whole_units)
    )


@dataclass
class PartnerPage:
    partner: dict
    start: dt.date
    end: dt.date
    as_of: dt.date
    problems: tuple[str, ...]
    figures: list[HeadlineFigure]
    series: list[IndicatorSeries]
    territory: IndicatorSeries | None  # the indicator whose places are ranked
    total_places: int
    actions: list[dict]
    events: list[dict]
    outcomes: list[dict]
    totals: list[IndicatorTotal]
    source: str
    colour: str
    month_choices: list[tuple[str, str]]
    # The small-count threshold in force (the app's setting): hidden counts are written « < N ».
    threshold: int
    presets: list[tuple[str, str, bool]] = field(default_factory=list)  # (label, href, current)
    # What this viewer is not shown for this period, and why (youth figures off the grid).
    withheld: tuple[str, ...] = ()
    # Every indicator's figure (the table's rows): the sentence and the status are said from
    # all of them, so that a delay outside the key figures is never left out.
    every_figure: list[HeadlineFigure] = field(default_factory=list)
    # « Données au … » (data.publication.data_date): the same day on every page.
    data_date: dt.date | None = None
    # The « PDF » button beside « Imprimer » (layouts/pdf_button.py), or None.
    pdf: PdfLink | None = None
    # The interpretations this viewer may read, by indicator code (data.interpretations), and
    # whether their authors are named (to signed-in viewers only).
    notes: dict[str, list[Note]] = field(default_factory=dict)
    show_authors: bool = False
    # The « Interpréter les chiffres » form: for this partner's editors and programme managers
    # (decided on the server, data.interpretations.can_write), with moderation for the latter.
    may_write_notes: bool = False
    may_moderate_notes: bool = False


def _label(indicator: IndicatorRecord, lang: str) -> str:
    return indicator.label(lang)


def _definition(indicator: IndicatorRecord, lang: str) -> str:
    return indicator.definition(lang)


def _unit(indicator: IndicatorRecord, lang: str) -> str:
    return indicator.unit(lang)


def _is_share(indicator: IndicatorRecord) -> bool:
    return indicator.is_share


def _is_level(indicator: IndicatorRecord) -> bool:
    return indicator.aggregation != Aggregation.SUM


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


def _month_text(period: object, lang: str) -> str:
    return format_month(dt.date.fromisoformat(str(period)[:10]), lang)


def _series_data(series: IndicatorSeries, lang: str, period: str, threshold: int) -> ChartData:
    indicator = series.indicator
    label, share = _label(indicator, lang), _is_share(indicator)
    finding = findings.series_finding(
        label,
        series.monthly,
        lang,
        period=period,
        cumulative=_is_level(indicator),
        share=share,
        threshold=threshold,
    )
    unit = "" if share else f" ({_unit(indicator, lang)})"
    hidden = hidden_text(threshold)
    ordered = sorted(series.monthly, key=lambda r: str(r["period"]))
    headers: tuple[str, ...] = (PARTNER_PAGE_TEXT("month", lang), label + unit)
    rows = [
        (_month_text(r["period"], lang), cell_value(r.get("value"), r.get("suppressed"), hidden))
        for r in ordered
    ]
    if any(r.get("pending") for r in ordered):
        # Those who see values waiting for approval: each month says whether it counts one,
        # and the published value it would replace (the public never gets these columns).
        headers += (PENDING_TEXT("status", lang), PENDING_TEXT("published_value", lang))
        rows = [
            (
                *row,
                PENDING_TEXT("mark" if r.get("pending") else "published", lang),
                cell_value(r.get("published"), r.get("published_suppressed"), hidden)
                if r.get("pending")
                else row[1],
            )
            for row, r in zip(rows, ordered, strict=True)
        ]
    return ChartData(
        key=f"evolution-{indicator['code']}",
        title=finding,
        headers=headers,
        rows=tuple(rows),
        share=share,
    )


def _breakdown_data(
    series: IndicatorSeries, dimension: str, lang: str, period: str, threshold: int
) -> ChartData:
    indicator = series.indicator
    rows = series.breakdowns[dimension]
    label = f"{_label(indicator, lang)} {PARTNER_PAGE_TEXT(dimension, lang)}"
    hidden = hidden_text(threshold)
    return ChartData(
        key=f"repartition-{indicator['code']}-{dimension}",
        title=findings.breakdown_finding(label, rows, lang, period=period, threshold=threshold),
        headers=(dimension_name(dimension, lang), _label(indicator, lang)),
        rows=tuple(
            (r["label"], cell_value(r.get("value"), r.get("suppressed"), hidden)) for r in rows
        ),
        share=_is_share(indicator),
    )


def _territory_data(page: PartnerPage, lang: str, period: str) -> ChartData:
    series = page.territory
    indicator = series.indicator
    rows = series.breakdowns["territoire"]
    label = _label(indicator, lang)
    ranked = sorted(rows, key=lambda r: (bool(r.get("suppressed")), -(r.get("value") or 0)))
    hidden = hidden_text(page.threshold)
    return ChartData(
        key=f"territoires-{indicator['code']}",
        title=findings.territory_finding(
            label,
            rows,
            lang,
            period=period,
            total_places=page.total_places,
            threshold=page.threshold,
        ),
        headers=(PARTNER_PAGE_TEXT("place", lang), PARTNER_PAGE_TEXT("insee", lang), label),
        rows=tuple(
            (r["label"], r.get("code", ""), cell_value(r.get("value"), r.get("suppressed"), hidden))
            for r in ranked
        ),
    )


def chart_data(page: PartnerPage, lang: str) -> dict[str, ChartData]:
    """Every chart of the page as data, by key: what its table shows and its files hold."""
    period = period_phrase(page.start, page.end, lang)
    charts_data = [_series_data(s, lang, period, page.threshold) for s in page.series if s.monthly]
    charts_data += [
        _breakdown_data(s, dim, lang, period, page.threshold)
        for s in page.series
        for dim in ("profil", "canal", "tranche_age")
        if s.breakdowns.get(dim)
    ]
    if page.territory is not None and page.territory.breakdowns.get("territoire"):
        charts_data.append(_territory_data(page, lang, period))
    charts_data.append(
        timeline_data(TIMELINE, page.actions, page.events, lang, start=page.start, end=page.end)
    )
    return {data.key: data for data in charts_data}


def export_filename(page: PartnerPage, key: str) -> str:
    """`essonne-evolution-ateliers-2012-01-2012-12`: partner, chart, period (no extension)."""
    return f"{page.partner['slug']}-{key}-{page.start:%Y-%m}-{page.end:%Y-%m}"


def _card(
    data: ChartData,
    page: PartnerPage,
    definition: str,
    figure: dict,
    lang: str,
    numeric_from=1,
    notes: html.Section | None = None,
) -> html.Div:
    table = data_table(
        data.title, list(data.headers), table_rows(data, lang), lang, numeric_from=numeric_from
    )
    tools = export_tools(data.key, data.title, export_filename(page, data.key), lang)
    return chart_card(
        data.key, data.title, definition, figure, table, lang, tools=tools, notes=notes
    )


def series_figure(series: IndicatorSeries, page: PartnerPage, lang: str) -> dict:
    """The monthly chart of one indicator, as the page draws it (the embedded page too)."""
    indicator = series.indicator
    label, share, level = _label(indicator, lang), _is_share(indicator), _is_level(indicator)
    target_label = None
    if series.target is not None and level:
        target_label = (
            PARTNER_PAGE_TEXT("target", lang) + " : "
            if lang == "fr"
            else PARTNER_PAGE_TEXT("target", lang) + ": "
        )
        target_label += value_text(series.target, lang, share=share)
    notes = in_period(page.notes.get(indicator.code, []), page.start, page.end)
    return charts.time_series(
        series.monthly,
        lang=lang,
        colour=page.colour,
        value_label=label,
        source=page.source,
        kind="line" if level else "bar",
        share=share,
        target=series.target if level else None,
        target_label=target_label,
        threshold=page.threshold,
        notes=note_marks(notes, lang, page.start, page.end),
        target_steps=series.target_steps,
    )


def _series_card(series: IndicatorSeries, page: PartnerPage, lang: str, period: str) -> html.Div:
    figure = series_figure(series, page, lang)
    data = _series_data(series, lang, period, page.threshold)
    notes = in_period(page.notes.get(series.indicator.code, []), page.start, page.end)
    listed = note_list(data.key, notes, lang, show_authors=page.show_authors)
    card = _card(data, page, _definition(series.indicator, lang), figure, lang, notes=listed)
    card.children.append(revisions_note(series.revisions, lang, _is_share(series.indicator)))
    return card


def _breakdown_card(
    series: IndicatorSeries, dimension: str, page: PartnerPage, lang: str, period: str
) -> html.Div:
    indicator = series.indicator
    figure = charts.bar_breakdown(
        series.breakdowns[dimension],
        lang=lang,
        colour=page.colour,
        value_label=_label(indicator, lang),
        source=page.source,
        share=_is_share(indicator),
        threshold=page.threshold,
    )
    data = _breakdown_data(series, dimension, lang, period, page.threshold)
    return _card(data, page, _definition(indicator, lang), figure, lang)


def _territory_card(page: PartnerPage, lang: str, period: str) -> html.Div:
    series = page.territory
    indicator = series.indicator
    rows = series.breakdowns["territoire"]
    label = _label(indicator, lang)
    # The map, with the ranked list below as its table; ranked bars where no map is bundled.
    figure = maps.partner_territory_map(
        page.partner["slug"],
        rows,
        lang=lang,
        value_label=label,
        source=page.source,
        threshold=page.threshold,
    ) or charts.ranked_territories(
        rows,
        lang=lang,
        colour=page.colour,
        value_label=label,
        source=page.source,
        threshold=page.threshold,
    )
    data = _territory_data(page, lang, period)
    return _card(data, page, _definition(indicator, lang), figure, lang, numeric_from=2)


def _totals_table(page: PartnerPage, lang: str) -> html.Div:
    rows = []
    for total in page.totals:
        indicator = total.indicator
        share = _is_share(indicator)
        status = status_badge(total.status, lang) if total.status else "—"
        rows.append(
            html_element(
                "Tr",
                [
                    html_element("Th", _label(indicator, lang), scope="row"),
                    html_element(
                        "Td",
                        value_text(
                            total.value,
                            lang,
                            suppressed=total.suppressed,
                            share=share,
                            threshold=page.threshold,
                        ),
                        "num",
                    ),
                    html_element("Td", "" if share else _unit(indicator, lang)),
                    html_element(
                        "Td",
                        (
                            whole_units(
                                total.target, lang, None if total.suppressed else total.value
                            )
                            if total.count
                            else value_text(total.target, lang, share=share)
                        )
                        if total.target is not None
                        else "—",
                        "num",
                    ),
                    html_element("Td", status),
                    html_element("Td", _definition(indicator, lang), "definition-cell"),
                ],
            )
        )
    headers = ["indicator", "value", "unit", "target", "status", "definition"]
    return scroll_region(
        html.Table(
            [
                html.Caption(PARTNER_PAGE_TEXT("all_indicators_caption", lang)),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(
                                PARTNER_PAGE_TEXT(h, lang),
                                scope="col",
                                className="num" if h in {"value", "target"} else None,
                            )
                            for h in headers
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm data-table indicators-table",
        ),
        PARTNER_PAGE_TEXT("all_indicators_caption", lang),
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
    indicators = [(s.indicator["code"], _label(s.indicator, lang)) for s in page.series]
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

    series_cards = [_series_card(s, page, lang, period) for s in page.series if s.monthly]
    breakdown_cards = [
        _breakdown_card(s, dim, page, lang, period)
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
                    _territory_card(page, lang, period),
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
                _totals_table(page, lang),
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
