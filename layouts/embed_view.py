"""What the embedded page (`/integrer/<slug>`) and the digest's message show of a partner page:
plain values, built from the same `PartnerPage` and the same words and figures as the page
(figure kit, sentences, statuses), for an HTML template rather than Dash components."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from data.models import Aggregation
from layouts import findings
from layouts.figures import graph_config
from layouts.headline_cards import target_line
from layouts.i18n import Messages, format_month
from layouts.partner_cards import series_figure
from layouts.partner_page import print_running_line
from layouts.partner_page_model import PartnerPage
from layouts.sentences import figure_text, period_phrase, summary_sentences, value_text
from layouts.status import status_word

# The embedded page keeps to what a frame of a few hundred pixels holds.
MAX_CHARTS = 2

EMBED_TEXT = Messages(
    {
        "headlines": ("Chiffres clés", "Key figures"),
        "month": ("Mois", "Month"),
        "table": ("Les valeurs du graphique", "The chart's values"),
        "status": ("Statut : {status}", "Status: {status}"),
        "not_defined": ("Non défini", "Not defined"),
    }
)


@dataclass(frozen=True)
class Card:
    label: str
    number: str
    unit: str
    status: str
    target: str


@dataclass(frozen=True)
class Chart:
    element_id: str
    finding: str
    figure: dict
    headers: tuple[str, str]
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SummaryView:
    name: str
    running_line: str
    period: str
    sentences: tuple[str, ...]
    cards: tuple[Card, ...]
    charts: tuple[Chart, ...]
    config: dict
    words: dict


def summary_view(page: PartnerPage, lang: str, with_charts: bool = True) -> SummaryView:
    partner = page.partner
    name = partner["name_en" if lang == "en" else "name_fr"]
    period = period_phrase(page.start, page.end, lang)
    cards = tuple(
        Card(
            label=f.label(lang),
            number=figure_text(f, lang, threshold=page.threshold)
            if f.defined
            else EMBED_TEXT("not_defined", lang),
            unit="" if f.is_share or f.value is None or not f.defined else f.unit(lang),
            status=EMBED_TEXT("status", lang, status=status_word(f.status, lang)),
            # Without a target the status says so already (« Sans objectif chiffré »).
            target=target_line(f, lang) if f.defined and f.target is not None else "",
        )
        for f in page.figures
    )
    chart_list: list[Chart] = []
    for series in page.series if with_charts else []:
        if len(chart_list) >= MAX_CHARTS or not series.monthly:
            continue
        indicator = series.indicator
        label, share = indicator.label(lang), indicator.is_share
        level = indicator.aggregation != Aggregation.SUM
        finding = findings.series_finding(
            label,
            series.monthly,
            lang,
            period=period,
            cumulative=level,
            share=share,
            threshold=page.threshold,
        )
        figure = series_figure(series, page, lang)
        rows = tuple(
            (
                format_month(dt.date.fromisoformat(str(r["period"])[:10]), lang),
                value_text(
                    r.get("value"),
                    lang,
                    suppressed=bool(r.get("suppressed")),
                    share=share,
                    threshold=page.threshold,
                ),
            )
            for r in sorted(series.monthly, key=lambda r: str(r["period"]))
        )
        chart_list.append(
            Chart(
                f"integre-{indicator.code}",
                finding,
                figure,
                (EMBED_TEXT("month", lang), label),
                rows,
            )
        )
    return SummaryView(
        name=name,
        running_line=print_running_line(page, name, period, lang),
        period=period,
        sentences=tuple(
            summary_sentences(
                partner["slug"],
                page.every_figure or page.figures,
                page.start,
                page.end,
                lang,
                threshold=page.threshold,
            )
        ),
        cards=cards,
        charts=tuple(chart_list),
        config=graph_config(lang, "read"),
        words={key: EMBED_TEXT(key, lang) for key in ("headlines", "table")},
    )
