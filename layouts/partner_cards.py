"""A partner page's chart cards (figure, table, export tools, notes) and its table of every
indicator: the figures drawn from a `PartnerPage`."""

from __future__ import annotations

from dash import html

from layouts import charts, maps
from layouts.chart_card import chart_card, data_table, scroll_region
from layouts.chart_exports import ChartData, export_tools, table_rows
from layouts.components import html_element
from layouts.interpretations import in_period, note_list, note_marks
from layouts.partner_chart_data import (
    breakdown_data,
    export_filename,
    series_data,
    territory_data,
)
from layouts.partner_page_model import IndicatorSeries, PartnerPage, is_level
from layouts.partner_page_text import PARTNER_PAGE_TEXT
from layouts.sentences import value_text, whole_units
from layouts.status import status_badge
from layouts.target_history import revisions_note


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
    label, share, level = indicator.label(lang), indicator.is_share, is_level(indicator)
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


def series_card(series: IndicatorSeries, page: PartnerPage, lang: str, period: str) -> html.Div:
    """One indicator's monthly chart card, with its notes and its target's revisions."""
    figure = series_figure(series, page, lang)
    data = series_data(series, lang, period, page.threshold)
    notes = in_period(page.notes.get(series.indicator.code, []), page.start, page.end)
    listed = note_list(data.key, notes, lang, show_authors=page.show_authors)
    card = _card(data, page, series.indicator.definition(lang), figure, lang, notes=listed)
    card.children.append(revisions_note(series.revisions, lang, series.indicator.is_share))
    return card


def breakdown_card(
    series: IndicatorSeries, dimension: str, page: PartnerPage, lang: str, period: str
) -> html.Div:
    """One indicator's breakdown along one dimension (profile, channel, age band)."""
    indicator = series.indicator
    figure = charts.bar_breakdown(
        series.breakdowns[dimension],
        lang=lang,
        colour=page.colour,
        value_label=indicator.label(lang),
        source=page.source,
        share=indicator.is_share,
        threshold=page.threshold,
    )
    data = breakdown_data(series, dimension, lang, period, page.threshold)
    return _card(data, page, indicator.definition(lang), figure, lang)


def territory_card(page: PartnerPage, lang: str, period: str) -> html.Div:
    """The map of places (ranked bars where no map is bundled), the ranked list as its table."""
    series = page.territory
    indicator = series.indicator
    rows = series.breakdowns["territoire"]
    label = indicator.label(lang)
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
    data = territory_data(page, lang, period)
    return _card(data, page, indicator.definition(lang), figure, lang, numeric_from=2)


def totals_table(page: PartnerPage, lang: str) -> html.Div:
    """Every indicator's value, target and status over the period, in one table."""
    rows = []
    for total in page.totals:
        indicator = total.indicator
        share = indicator.is_share
        status = status_badge(total.status, lang) if total.status else "—"
        rows.append(
            html_element(
                "Tr",
                [
                    html_element("Th", indicator.label(lang), scope="row"),
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
                    html_element("Td", "" if share else indicator.unit(lang)),
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
                    html_element("Td", indicator.definition(lang), "definition-cell"),
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
