"""A partner page's charts as data, by key: the titles, headers and rows that each chart's
table shows and its downloaded files hold, and the files' names."""

from __future__ import annotations

import datetime as dt

from layouts import findings
from layouts.chart_exports import ChartData, cell_value
from layouts.figures import PENDING_TEXT
from layouts.i18n import dimension_name, format_month
from layouts.partner_page_model import IndicatorSeries, PartnerPage, is_level
from layouts.partner_page_text import PARTNER_PAGE_TEXT
from layouts.sentences import hidden_text, period_phrase
from layouts.timeline import timeline_data

# The timeline card's id prefix (the print layout finds it by its title's id, `calendrier-titre`).
TIMELINE = "calendrier"


def _month_text(period: object, lang: str) -> str:
    return format_month(dt.date.fromisoformat(str(period)[:10]), lang)


def series_data(series: IndicatorSeries, lang: str, period: str, threshold: int) -> ChartData:
    indicator = series.indicator
    label, share = indicator.label(lang), indicator.is_share
    finding = findings.series_finding(
        label,
        series.monthly,
        lang,
        period=period,
        cumulative=is_level(indicator),
        share=share,
        threshold=threshold,
    )
    unit = "" if share else f" ({indicator.unit(lang)})"
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


def breakdown_data(
    series: IndicatorSeries, dimension: str, lang: str, period: str, threshold: int
) -> ChartData:
    indicator = series.indicator
    rows = series.breakdowns[dimension]
    label = f"{indicator.label(lang)} {PARTNER_PAGE_TEXT(dimension, lang)}"
    hidden = hidden_text(threshold)
    return ChartData(
        key=f"repartition-{indicator['code']}-{dimension}",
        title=findings.breakdown_finding(label, rows, lang, period=period, threshold=threshold),
        headers=(dimension_name(dimension, lang), indicator.label(lang)),
        rows=tuple(
            (r["label"], cell_value(r.get("value"), r.get("suppressed"), hidden)) for r in rows
        ),
        share=indicator.is_share,
    )


def territory_data(page: PartnerPage, lang: str, period: str) -> ChartData:
    series = page.territory
    indicator = series.indicator
    rows = series.breakdowns["territoire"]
    label = indicator.label(lang)
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
    charts_data = [series_data(s, lang, period, page.threshold) for s in page.series if s.monthly]
    charts_data += [
        breakdown_data(s, dim, lang, period, page.threshold)
        for s in page.series
        for dim in ("profil", "canal", "tranche_age")
        if s.breakdowns.get(dim)
    ]
    if page.territory is not None and page.territory.breakdowns.get("territoire"):
        charts_data.append(territory_data(page, lang, period))
    charts_data.append(
        timeline_data(TIMELINE, page.actions, page.events, lang, start=page.start, end=page.end)
    )
    return {data.key: data for data in charts_data}


def export_filename(page: PartnerPage, key: str) -> str:
    """`essonne-evolution-ateliers-2012-01-2012-12`: partner, chart, period (no extension)."""
    return f"{page.partner['slug']}-{key}-{page.start:%Y-%m}-{page.end:%Y-%m}"
