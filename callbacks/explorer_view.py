"""The explorer's view: everything that follows the filters, computed for the viewer of the
request (one aggregate query per chart, and one for the table).

Pure of Dash wiring: `compute_view` takes a validated state and answers a `layout.View` that both
the page (first visit) and the update callback place as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from dash import html
from sqlalchemy import Connection

from callbacks.context import (
    aggregate_for_viewer,
    current_viewer,
    pending_for_viewer,
    small_count_threshold,
)
from callbacks.context import viewer_filter as restrict_to_viewer
from callbacks.explorer_reference import existing_combinations, reference_and_demo
from data import explorer as explorer_data
from data import interpretations, privacy
from data.indicator_families import family
from layouts import explorer as layout
from layouts import explorer_charts as charts
from layouts import explorer_filters as filters
from layouts import ids
from layouts.explorer_chart_data import LegendItem, chart_data_table, html_legend
from layouts.explorer_state import LIST_PARAMETERS, ExplorerState, Notice
from layouts.explorer_table import data_table, format_cell
from layouts.explorer_text import EXPLORER_TEXT, dimension_label
from layouts.figures import (
    PENDING_TEXT,
    add_note_marks,
    empty_figure,
    labelled,
    pending_hover,
    pending_rings,
    plain,
)
from layouts.i18n import COMMON, Messages
from layouts.interpretations import in_period, note_list, note_marks
from layouts.sentences import value_text, youth_grid_notice

FILTER_FIELDS = tuple(LIST_PARAMETERS.values())
GRAPHS = (
    ids.EXPLORER_EVOLUTION,
    ids.EXPLORER_BREAKDOWN_GRAPH,
    ids.EXPLORER_COMPARISON,
    ids.EXPLORER_PER_CAPITA,
)
# Every partner and its category is always offered, even without figures in the period.
ALWAYS_OFFERED = ("partners", "categories")

EXPLORER_VIEW_TEXT = Messages(
    {
        "value": ("Valeur", "Value"),
        "period": ("Période", "Period"),
        "indicator": ("Indicateur", "Indicator"),
        "partner": ("Partenaire", "Partner"),
        "family_member": ("{partner} : {indicator}", "{partner}: {indicator}"),
        "programme_source": (
            "Programme Innovations democraTIC",
            "Innovations democraTIC programme",
        ),
    }
)


def source(connection, lang: str) -> str:
    if reference_and_demo(connection)[1]:
        return COMMON("demo_data", lang)
    return EXPLORER_VIEW_TEXT("programme_source", lang)


def compute_view(
    connection: Connection,
    state: ExplorerState,
    reference: explorer_data.Reference,
    lang: str,
    extra_notices: Sequence[Notice] = (),
    compact: bool = False,
) -> layout.View:
    """Everything that follows the filters, for the viewer of this request (`compact`: the
    charts simplified for a phone's screen)."""
    viewer = current_viewer()
    flt = state.observation_filter()
    combinations = existing_combinations(connection, restrict_to_viewer(flt, viewer))
    facets = explorer_data.facet_values(
        combinations, {field: getattr(state, field) for field in FILTER_FIELDS}
    )
    being_defined = _being_defined(reference)
    options = {
        field: filters.checklist_options(
            list(dict.fromkeys(reference.order(field))),
            facets[field],
            getattr(state, field),
            lambda code, field=field: reference.label(field, code, lang),
            lang,
            always=reference.order(field) if field in ALWAYS_OFFERED else (),
            being_defined=being_defined.get(field, ()),
        )
        for field in FILTER_FIELDS
    }
    notices = list(dict.fromkeys(n.text(lang) for n in (*state.notices, *extra_notices)))
    if _youth_withheld(connection, flt, state, viewer):
        notices.append(youth_grid_notice(lang, threshold=small_count_threshold()))
    chips = _chips(state, reference, lang)
    chart_source = source(connection, lang)

    evolution_rows = aggregate_for_viewer(connection, flt, grain=state.grain, viewer=viewer)
    if not evolution_rows:
        # The chosen partners are all still defining their implementation: say so, as their
        # own pages do, rather than "no data matches".
        waiting = [
            reference.label("partners", slug, lang)
            for slug in state.partners
            if slug in reference.being_defined
        ]
        return layout.View(
            options=options,
            notices=filters.notices(notices, lang),
            chips=filters.chips(chips, lang),
            summary="",
            empty=layout.empty_message(
                lang, waiting if waiting and len(waiting) == len(state.partners) else ()
            ),
            results_class="d-none",
            figures={},
            chart_data={},
            comparison_note="",
            table=[],
            focus_options=layout.focus_options([], lang),
            focus="",
        )
    figures: dict[str, dict] = {}
    chart_data: dict[str, list] = {}
    _evolution(evolution_rows, state, reference, lang, chart_source, figures, chart_data)
    _mark_pending(
        connection, viewer, flt, state, evolution_rows, reference, lang, figures, chart_data
    )
    _mark_interpretations(connection, viewer, state, evolution_rows, lang, figures, chart_data)
    focus_options, focus = _breakdown(
        connection, flt, state, reference, lang, chart_source, figures, chart_data, viewer
    )
    note = _comparison(connection, flt, state, reference, lang, chart_source, figures, chart_data)
    lines = table_rows(connection, flt, state, reference, lang, evolution_rows, viewer)
    partners_seen = {r.partner_slug for r in evolution_rows}
    indicators_seen = {r.indicator_code for r in evolution_rows}
    programme = any(reference.is_programme(slug) for slug in partners_seen)
    return layout.View(
        options=options,
        notices=filters.notices(notices, lang),
        chips=filters.chips(chips, lang),
        summary=layout.summary_text(
            len(indicators_seen),
            len(partners_seen) - programme,
            state.start,
            state.end,
            lang,
            programme=programme,
        ),
        empty=[],
        results_class="",
        figures={graph: charts.fit(figure, compact) for graph, figure in figures.items()},
        chart_data=chart_data,
        comparison_note=note,
        table=data_table(lines, state, lang, threshold=small_count_threshold()),
        focus_options=focus_options,
        focus=focus,
    )


def _being_defined(reference: explorer_data.Reference) -> dict[str, set[str]]:
    """The partners still defining their implementation, and their categories."""
    slugs = set(reference.being_defined)
    return {
        "partners": slugs,
        "categories": {
            reference.partners[slug]["category_code"]
            for slug in slugs
            if slug in reference.partners and reference.partners[slug].get("category_code")
        },
    }


def _youth_withheld(connection, flt, state: ExplorerState, viewer) -> bool:
    """Whether one of the view's questions (totals, the breakdown chart, the table's detail)
    falls off the public grid for youth figures (data.privacy)."""
    field = explorer_data.BREAKDOWN_FIELDS[state.breakdown]
    questions = [(flt, ()), (replace(flt, **{field: ()}), (state.breakdown,))]
    if state.detail in explorer_data.BREAKDOWN_FIELDS:
        questions.append((flt, (state.detail,)))
    return any(privacy.youth_withheld(connection, viewer, q, by) for q, by in questions)


def _indicator_name(reference, code: str, lang: str) -> str:
    info = reference.indicators.get(code)
    label = reference.label("indicators", code, lang)
    if info is None:
        return label
    return f"{label} ({reference.label('partners', info.partner, lang)})"


def _mark_interpretations(connection, viewer, state, rows, lang, figures, chart_data) -> None:
    """The interpretations this viewer reads on the charted indicators, marked on the evolution
    chart (numbered in date order; their titles on hover) and listed with its table."""
    figure = figures.get(ids.EXPLORER_EVOLUTION)
    codes = sorted({r.indicator_code for r in rows})
    if not figure or not figure.get("data") or not codes:
        return
    notes = interpretations.visible_notes(connection, viewer, codes)
    marks = note_marks(notes, lang, state.start, state.end)
    if marks:
        add_note_marks(figure["layout"], marks)
        listed = note_list(
            ids.EXPLORER_EVOLUTION,
            in_period(notes, state.start, state.end),
            lang,
            show_authors=not viewer.is_public,
        )
        chart_data.setdefault(ids.EXPLORER_EVOLUTION, []).append(listed)


def _mark_pending(
    connection, viewer, flt, state, rows, reference, lang, figures, chart_data
) -> None:
    """Rings over the evolution's points that count a value waiting for approval, whose hover
    gives the published value they would replace (for those who see them; never the public)."""
    figure = figures.get(ids.EXPLORER_EVOLUTION)
    pending = pending_for_viewer(connection, flt, state.grain, viewer=viewer)
    if not pending or not figure or not figure.get("data"):
        return
    drawn = {trace.get("name") for trace in figure["data"]}
    points = []
    for row in rows:
        name = _indicator_name(reference, row.indicator_code, lang)
        if row.key not in pending or row.value is None or row.period is None:
            continue
        if plain(name) not in drawn:
            continue  # a series beyond the chart's cap
        before = pending[row.key]
        published = (
            None
            if before is None
            else value_text(
                before.value,
                lang,
                suppressed=before.suppressed,
                threshold=small_count_threshold(),
            )
        )
        when = charts.period_label(row.period, state.grain, lang)
        hover = f"{plain(name)} — {labelled(when, value_text(row.value, lang), lang)}"
        points.append((row.period, row.value, f"{hover}<br>{pending_hover(published, lang)}"))
    if not points:
        return
    figure["data"].append(
        pending_rings(
            [p[0] for p in points],
            [p[1] for p in points],
            [[p[2]] for p in points],
            "%{customdata[0]}<extra></extra>",
            lang,
        )
    )
    chart_data.setdefault(ids.EXPLORER_EVOLUTION, []).insert(
        0, html.P(PENDING_TEXT("rings_note", lang), className="explorer-note")
    )


def _evolution(rows, state, reference, lang, source, figures, chart_data) -> None:
    points: dict[str, list[tuple[str, float]]] = defaultdict(list)
    partner_of: dict[str, str] = {}
    for row in rows:
        if row.value is None or row.period is None:
            continue
        points[row.indicator_code].append((row.period, row.value))
        partner_of[row.indicator_code] = row.partner_slug
    ranked = sorted(points, key=lambda code: -max(v for _, v in points[code]))
    series = [
        charts.Series(_indicator_name(reference, code, lang), partner_of[code], points[code])
        for code in ranked
    ]
    if not series:
        figures[ids.EXPLORER_EVOLUTION] = empty_figure(EXPLORER_TEXT("no_chart_data", lang), lang)
        return
    figures[ids.EXPLORER_EVOLUTION] = charts.evolution_figure(series, state.grain, lang, source)
    shown = series[: charts.MAX_SERIES]
    periods = sorted({p for s in shown for p, _ in s.points})
    table = []
    for period in periods:
        cells = [charts.period_label(period, state.grain, lang)]
        for item in shown:
            value = dict(item.points).get(period)
            cells.append(format_cell(value, lang) if value is not None else "—")
        table.append(cells)
    extra = []
    if len(series) > len(shown):
        extra = [
            html.P(
                EXPLORER_TEXT("series_capped", lang, shown=len(shown), total=len(series)),
                className="explorer-note",
            )
        ]
    legend = html_legend([LegendItem(*item) for item in charts.legend_items(shown)])
    chart_data[ids.EXPLORER_EVOLUTION] = [legend, *extra] + chart_data_table(
        [EXPLORER_VIEW_TEXT("period", lang)] + [s.label for s in shown], table, lang
    )


def _breakdown(connection, flt, state, reference, lang, source, figures, chart_data, viewer):
    """The breakdown of one indicator (the chosen one, else the largest) by the chosen dimension;
    returns the indicators that can be broken down so, and the one shown."""
    field = explorer_data.BREAKDOWN_FIELDS[state.breakdown]
    # The chart of a dimension ignores that dimension's own filter and highlights the selection
    # instead, so that a click on one bar does not make the others disappear.
    rows = aggregate_for_viewer(
        connection, replace(flt, **{field: ()}), by=(state.breakdown,), viewer=viewer
    )
    rows = [r for r in rows if r.value is not None and r.dimension(state.breakdown)]
    dimension = dimension_label(state.breakdown, lang).lower()
    if not rows:
        figures[ids.EXPLORER_BREAKDOWN_GRAPH] = empty_figure(
            EXPLORER_TEXT("no_breakdown", lang, dimension=dimension), lang
        )
        chart_data[ids.EXPLORER_BREAKDOWN_GRAPH] = []
        return layout.focus_options([], lang), ""
    largest: dict[str, float] = defaultdict(float)
    for row in rows:
        largest[row.indicator_code] = max(largest[row.indicator_code], row.value)
    candidates = sorted(largest, key=lambda c: reference.indicators[c].sort_order)
    focus = state.focus if state.focus in largest else max(largest, key=lambda c: largest[c])
    selected = set(getattr(state, field))
    shown = sorted((r for r in rows if r.indicator_code == focus), key=lambda r: -(r.value or 0.0))
    # The largest values, and every selected one even when small.
    shown = [
        r
        for i, r in enumerate(shown)
        if i < charts.MAX_BARS or r.dimension(state.breakdown) in selected
    ]
    info = reference.indicators[focus]
    bars = [
        charts.Bar(
            category=reference.label(field, row.dimension(state.breakdown), lang),
            value=explorer_data.rounded(row.value, 1),
            filter_token=f"{field}:{row.dimension(state.breakdown)}",
            trace=_indicator_name(reference, focus, lang),
            partner_slug=row.partner_slug,
            selected=row.dimension(state.breakdown) in selected,
        )
        for row in shown
    ]
    unit = info.unit_en if lang == "en" else info.unit_fr
    figures[ids.EXPLORER_BREAKDOWN_GRAPH] = charts.bar_figure(
        bars,
        charts.breakdown_title(reference.label("indicators", focus, lang), dimension, bars, lang),
        lang,
        source,
        axis_title=unit,
    )
    extra = []
    total_values = sum(1 for r in rows if r.indicator_code == focus)
    if total_values > len(bars):
        extra = [
            html.P(
                EXPLORER_TEXT("bars_capped", lang, shown=len(bars), total=total_values),
                className="explorer-note",
            )
        ]
    chart_data[ids.EXPLORER_BREAKDOWN_GRAPH] = extra + chart_data_table(
        [dimension_label(state.breakdown, lang), EXPLORER_VIEW_TEXT("value", lang)],
        [[b.category, format_cell(b.value, lang)] for b in bars],
        lang,
    )
    options = layout.focus_options(
        [(code, _indicator_name(reference, code, lang)) for code in candidates], lang
    )
    # The choice stays "automatic" unless one was made (and still applies): the URL stays short.
    return options, state.focus if state.focus == focus else ""


def _comparison(connection, flt, state, reference, lang, chart_source, figures, chart_data):
    """One indicator family (« personnes touchées »...) across partners: each bar is one
    partner's own indicator of that family, in number and per inhabitants. Every partner of the
    family is named, those without a figure in the table and the note."""
    chosen = family(state.compare)
    viewer = current_viewer()
    # The family chooses the indicators; the chart keeps every partner and marks the chosen ones
    # (a click on a bar filters by that partner).
    question = replace(
        flt, partners=(), categories=(), indicators=tuple(chosen.indicators.values())
    )
    rows = {
        r.partner_slug: r
        for r in aggregate_for_viewer(connection, question, viewer=viewer)
        if r.value is not None and chosen.indicators.get(r.partner_slug) == r.indicator_code
    }
    selected = set(state.partners)
    per_partner = explorer_data.populations(reference, state.territories)
    absolute, rates, left_out, without = [], [], [], []
    for slug, code in chosen.indicators.items():
        name = reference.label("partners", slug, lang)
        row = rows.get(slug)
        if row is None:
            without.append(name)
            continue
        bar = charts.Bar(
            category=name,
            value=explorer_data.rounded(row.value, 1),
            filter_token=f"partners:{slug}",
            trace=name,
            partner_slug=slug,
            selected=slug in selected,
        )
        absolute.append((bar, code))
        population = per_partner.get(slug)
        info = reference.indicators.get(code)
        if population and info and info.per_capita_makes_sense:
            rates.append((bar, code, row.value / population))
        else:
            left_out.append(name)
    absolute.sort(key=lambda item: -item[0].value)
    title_family = chosen.label(lang)
    if not absolute:
        figures[ids.EXPLORER_COMPARISON] = empty_figure(EXPLORER_TEXT("no_chart_data", lang), lang)
        figures[ids.EXPLORER_PER_CAPITA] = empty_figure(EXPLORER_TEXT("no_chart_data", lang), lang)
        chart_data[ids.EXPLORER_COMPARISON] = chart_data[ids.EXPLORER_PER_CAPITA] = []
    else:
        bars = [bar for bar, _ in absolute]
        figures[ids.EXPLORER_COMPARISON] = charts.bar_figure(
            bars,
            charts.comparison_title(title_family, bars, lang),
            lang,
            chart_source,
            axis_title=chosen.unit(lang),
            legend=False,
        )
        chart_data[ids.EXPLORER_COMPARISON] = chart_data_table(
            [
                EXPLORER_VIEW_TEXT("partner", lang),
                EXPLORER_VIEW_TEXT("indicator", lang),
                EXPLORER_VIEW_TEXT("value", lang),
            ],
            [
                [bar.category, _indicator_label(reference, code, lang), bar.label(lang)]
                for bar, code in absolute
            ]
            + [[name, "—", "—"] for name in without],
            lang,
        )
        scale = explorer_data.per_inhabitants_scale(rate for _, _, rate in rates)
        scaled = sorted(
            ((replace(bar, value=rate * scale), code) for bar, code, rate in rates),
            key=lambda item: -item[0].value,
        )
        # Enough digits that no rate is rounded to 0 (0,04 stays 0,04).
        digits = max([1, *(explorer_data.significant_digits(b.value) for b, _ in scaled)])
        scaled = [
            (replace(b, value=explorer_data.rounded(b.value, digits), decimals=digits), code)
            for b, code in scaled
        ]
        per_capita = [bar for bar, _ in scaled]
        figures[ids.EXPLORER_PER_CAPITA] = (
            charts.bar_figure(
                per_capita,
                charts.comparison_title(title_family, per_capita, lang, per=scale),
                lang,
                chart_source,
                axis_title=charts.per_capita_axis(scale, lang),
                legend=False,
            )
            if per_capita
            else empty_figure(EXPLORER_TEXT("no_chart_data", lang), lang)
        )
        chart_data[ids.EXPLORER_PER_CAPITA] = chart_data_table(
            [
                EXPLORER_VIEW_TEXT("partner", lang),
                EXPLORER_VIEW_TEXT("indicator", lang),
                charts.per_capita_axis(scale, lang),
            ],
            [
                [bar.category, _indicator_label(reference, code, lang), bar.label(lang)]
                for bar, code in scaled
            ],
            lang,
        )
    sources = sorted(
        {p["population_source"] for p in reference.partners.values() if p.get("population_source")}
    )
    note = EXPLORER_TEXT(
        "comparison_note",
        lang,
        family=title_family,
        indicators=", ".join(
            EXPLORER_VIEW_TEXT(
                "family_member",
                lang,
                partner=reference.label("partners", slug, lang),
                indicator=_indicator_label(reference, code, lang),
            )
            for slug, code in chosen.indicators.items()
        ),
        source=", ".join(sources) or "—",
    )
    # A partner still defining its implementation is not "without figures for these filters".
    waiting = [
        reference.label("partners", slug, lang)
        for slug in chosen.indicators
        if slug in reference.being_defined
    ]
    others = [name for name in without if name not in waiting]
    if others:
        note += " " + EXPLORER_TEXT("comparison_no_figure", lang, names=", ".join(others))
    if waiting and set(waiting) <= set(without):
        note += " " + EXPLORER_TEXT("comparison_being_defined", lang, names=", ".join(waiting))
    if left_out and absolute:
        names = ", ".join(dict.fromkeys(left_out))
        note += " " + EXPLORER_TEXT("no_population", lang, names=names)
    return note


def _indicator_label(reference, code: str, lang: str) -> str:
    return reference.label("indicators", code, lang)


def table_rows(connection, flt, state, reference, lang, evolution_rows, viewer):
    grain, by = None, ()
    if state.detail == "periode":
        grain = state.grain
        rows = evolution_rows  # the same query: indicator x partner x period
    else:
        by = (state.detail,) if state.detail in explorer_data.BREAKDOWN_FIELDS else ()
        rows = aggregate_for_viewer(connection, flt, by=by, viewer=viewer)
    # The lines that count a value waiting for approval (none for the public).
    pending = pending_for_viewer(connection, flt, grain, by, viewer=viewer)
    lines = explorer_data.table_rows(
        rows, reference, state.detail, lang, state.territories, pending
    )
    return explorer_data.sort_rows(lines, state.sort, state.descending)


def _chips(state: ExplorerState, reference, lang: str) -> list[filters.Chip]:
    items = []
    period = filters.period_chip_label(state, lang)
    if period:
        items.append(filters.Chip("period:reset", period))
    for field in FILTER_FIELDS:
        for code in getattr(state, field):
            items.append(filters.Chip(f"{field}:{code}", reference.label(field, code, lang)))
    return items
