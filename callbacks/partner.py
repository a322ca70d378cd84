"""The partner page: read the store for the current viewer and the period asked for in the URL."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import flask
from dash import html
from sqlalchemy import Connection

from callbacks.context import (
    aggregate_for_viewer,
    connect,
    current_language,
    current_viewer,
    pending_for_viewer,
    small_count_threshold,
)
from callbacks.period import Period, month_choices, parse_period, period_query
from data import interpretations, privacy, publication, queries, target_history
from data.access import Viewer
from data.headlines import (
    MAX_FIGURES,
    as_of_date,
    headline_figures,
    is_demonstration,
    key_figures,
)
from data.interpretations import PROGRAMME, Note
from data.months import quarter_span
from data.reference import BREAKDOWN_DIMENSIONS, YEAR_END, YEAR_START
from layouts import pages as page_layouts
from layouts.figures import partner_colour
from layouts.i18n import COMMON, Messages
from layouts.partner_page import partner_page
from layouts.partner_page_model import IndicatorSeries, IndicatorTotal, PartnerPage
from layouts.pdf_button import PdfLink
from layouts.sentences import youth_grid_notice

# Set by the app factory (dashboard/pdf.py): None, or why this server makes no PDF.
PDF_UNAVAILABLE = "DEMOCRATIC_PDF_UNAVAILABLE"

PARTNER_TEXT = Messages(
    {
        "year": ("Année 2012", "Year 2012"),
        "quarter_1": ("1er trimestre", "1st quarter"),
        "quarter_n": ("{n}e trimestre", "{n}th quarter"),
        "quarter_2_en": ("", "2nd quarter"),
        "quarter_3_en": ("", "3rd quarter"),
        "unspecified": ("Non précisé", "Not specified"),
        "source_partner": (
            "{partner}, programme Innovations democraTIC",
            "{partner}, Innovations democraTIC programme",
        ),
    }
)


def layout(slug: str | None = None, debut: object = None, fin: object = None, **_query) -> html.Div:
    """Dash Pages calls this with the path variable and the query string; anything else in the
    query is ignored, and the period is validated here, on the server."""
    lang = current_language()
    period = parse_period(debut, fin, lang)
    with connect() as connection:
        partner = queries.partner(connection, slug or "")
        if partner is None or partner["kind"] == "programme":
            return page_layouts.not_found(lang)
        page = build_page(connection, partner, period, current_viewer(), lang)
    return partner_page(page, lang)


def title(slug: str | None = None, **_variables) -> str:
    """The browser tab's title: the partner's name first (several tabs stay distinguishable).
    A slug that has no page (the programme itself, a typo) gets the 404 page's title, as its
    answer is that page."""
    lang = current_language()
    partner = next((p for p in _partner_names() if p[0] == slug), None)
    if partner is None:
        return f"{COMMON('not_found_title', lang)} — {COMMON('app_title', lang)}"
    return f"{partner[2] if lang == 'en' else partner[1]} — {COMMON('app_title', lang)}"


def _partner_names() -> list[tuple[str, str, str]]:
    """The partners that have a page: the programme is not one of them."""
    from data.reference import PARTNERS

    return [(p.slug, p.name_fr, p.name_en) for p in PARTNERS if p.kind != "programme"]


def presets(slug: str, period: Period, lang: str) -> list[tuple[str, str, bool]]:
    """(label, href, is current) for the whole year and each quarter of 2012."""
    path = f"/partenaires/{slug}"
    spans = [(PARTNER_TEXT("year", lang), YEAR_START, YEAR_END)]
    for n in range(1, 5):
        first, last = quarter_span(YEAR_START.year, n)
        if n == 1:
            label = PARTNER_TEXT("quarter_1", lang)
        elif lang == "en" and n in (2, 3):
            label = PARTNER_TEXT(f"quarter_{n}_en", lang)
        else:
            label = PARTNER_TEXT("quarter_n", lang, n=n)
        spans.append((label, first, last))
    return [
        (
            label,
            path + ("" if (s, e) == (YEAR_START, YEAR_END) else period_query(s, e)),
            (s, e) == (period.start, period.end),
        )
        for label, s, e in spans
    ]


def _cells(rows, dimension: str, names: dict[str, str], lang: str) -> list[dict]:
    cells = []
    for row in rows:
        code = row.dimension(dimension)
        cells.append(
            {
                "label": names.get(code) or (code if code else PARTNER_TEXT("unspecified", lang)),
                "code": code,
                "value": row.value,
                "suppressed": row.suppressed,
            }
        )
    return cells


def pending_fields(pending: dict, row) -> dict:
    """A number's mark when it counts a value waiting for approval: `pending`, and the
    published number it would replace (`published`, None when there was none)."""
    if row.key not in pending:
        return {}
    before = pending[row.key]
    return {
        "pending": True,
        "published": None if before is None else before.value,
        "published_suppressed": bool(before is not None and before.suppressed),
    }


def _other_territory_series(connection, read, everything, indicators, names, lang):
    """When no headline indicator is given by territory: the first other indicator that is, so
    that a partner page with territorial data always has its map (Essonne's inventory of
    practices, by canton). None when the period has no data by territory."""
    for indicator in indicators:
        if "territoire" not in indicator["breakdowns"]:
            continue
        question = replace(everything, indicators=(indicator["code"],))
        rows = read(connection, question, None, ("territoire",))
        cells = [c for c in _cells(rows, "territoire", names, lang) if c["code"]]
        if cells:
            return IndicatorSeries(
                indicator=indicator, monthly=[], breakdowns={"territoire": cells}
            )
    return None


def _places_at_level(places: list[dict], cells: list[dict]) -> int:
    """How many of the partner's places are at the level its rows are given at: Essonne's
    communes, or its cantons when the rows are by canton."""
    level_of = {p["code"]: p["level"] for p in places}
    levels = [level_of[c["code"]] for c in cells if c.get("code") in level_of]
    if not levels:
        return len(places)
    level = max(sorted(set(levels)), key=levels.count)
    return sum(1 for p in places if p["level"] == level)


def _youth_notice(connection, viewer: Viewer, flt, lang: str) -> tuple[str, ...]:
    """A period that is no whole month, quarter or year: youth totals are not given to the
    public (data.privacy), and the page says so."""
    return (
        (youth_grid_notice(lang, threshold=small_count_threshold()),)
        if privacy.youth_withheld(connection, viewer, flt)
        else ()
    )


def build_page(
    connection: Connection, partner: dict, period: Period, viewer: Viewer, lang: str
) -> PartnerPage:
    slug = partner["slug"]
    read = partial(aggregate_for_viewer, viewer=viewer)
    start, end = period.start, period.end
    indicators = queries.indicators(connection, slug)
    # Every indicator's figure (for the table), the headline ones among them for the cards.
    totals = headline_figures(connection, slug, start, end, read, headlines_only=False)
    figures = key_figures(totals, MAX_FIGURES)
    by_code = {f.indicator_code: f for f in figures}
    headline = sorted(
        (i for i in indicators if i["headline_rank"] is not None), key=lambda i: i["headline_rank"]
    )[:MAX_FIGURES]
    everything = queries.ObservationFilter(start=start, end=end, partners=(slug,))

    monthly: dict[str, list[dict]] = {}
    # Every indicator, as headline_figures asked just before: the same question, so the
    # aggregate cache answers it without another query.
    headline_codes = {i["code"] for i in headline}
    every_code = tuple(i["code"] for i in indicators)
    every_month = replace(everything, indicators=every_code)
    # The months that count a value waiting for approval (only for those who see them).
    pending = pending_for_viewer(connection, every_month, "mois", viewer=viewer)
    for row in read(connection, every_month, "mois"):
        if row.indicator_code not in headline_codes:
            continue
        monthly.setdefault(row.indicator_code, []).append(
            {
                "period": row.period,
                "value": row.value,
                "suppressed": row.suppressed,
                **pending_fields(pending, row),
            }
        )
    names = {
        dim: {
            v["code"]: v["label_en" if lang == "en" else "label_fr"]
            for v in queries.dimension_values(connection, dim)
        }
        for dim in ("profil", "canal", "tranche_age")
    }
    places = queries.territories(connection, slug)
    names["territoire"] = {p["code"]: p["name"] for p in places}
    breakdowns: dict[str, dict[str, list[dict]]] = {}
    for dimension in BREAKDOWN_DIMENSIONS:
        codes = tuple(i["code"] for i in headline if dimension in i["breakdowns"])
        if not codes:
            continue
        rows = read(connection, replace(everything, indicators=codes), None, (dimension,))
        for code in codes:
            cells = _cells(
                [r for r in rows if r.indicator_code == code], dimension, names[dimension], lang
            )
            # A breakdown with a single "not specified" cell says nothing.
            if cells and not (len(cells) == 1 and not cells[0]["code"]):
                breakdowns.setdefault(code, {})[dimension] = cells

    revisions: dict[str, list] = {}
    for revision in target_history.history(connection, slug):
        revisions.setdefault(revision.indicator_code, []).append(revision)
    series = [
        IndicatorSeries(
            indicator=i,
            monthly=monthly.get(i["code"], []),
            breakdowns=breakdowns.get(i["code"], {}),
            target=by_code[i["code"]].target if i["code"] in by_code else None,
            revisions=tuple(revisions.get(i["code"], ())),
            target_steps=tuple(target_history.steps(revisions.get(i["code"], ()), start, end)),
        )
        for i in headline
    ]
    territory = next((s for s in series if "territoire" in s.breakdowns), None)
    if territory is None:
        territory = _other_territory_series(
            connection, read, everything, indicators, names["territoire"], lang
        )

    indicator_totals = [
        IndicatorTotal(
            indicator=indicator,
            value=total.value,
            suppressed=total.suppressed,
            target=total.target,
            status=str(total.status),
            count=total.is_count,
        )
        for indicator, total in zip(indicators, totals, strict=True)
    ]

    published_only = not viewer.sees_all_unpublished
    events = queries.events(connection, slug, published_only=published_only)
    outcomes = [
        o
        for o in queries.outcomes(connection, slug, published_only=published_only)
        if o["outcome_date"] is None or start <= o["outcome_date"] <= end
    ]
    source = (
        COMMON("demo_data", lang)
        if is_demonstration(connection)
        else PARTNER_TEXT("source_partner", lang, partner=partner["short_name"])
    )
    return PartnerPage(
        partner=partner,
        start=start,
        end=end,
        as_of=as_of_date(connection, start, end),
        data_date=publication.data_date(connection),
        problems=period.problems,
        withheld=_youth_notice(connection, viewer, everything, lang),
        figures=figures,
        series=series,
        territory=territory,
        total_places=_places_at_level(places, territory.breakdowns["territoire"])
        if territory
        else len(places),
        actions=queries.actions(connection, slug),
        events=events,
        outcomes=outcomes,
        totals=indicator_totals,
        source=source,
        colour=partner_colour(slug),
        month_choices=month_choices(lang),
        threshold=small_count_threshold(),
        presets=presets(slug, period, lang),
        every_figure=totals,
        pdf=_pdf_link(slug, period),
        # Every indicator's: the summary points to the interpretation of any late figure.
        notes=_notes(connection, viewer, slug, [f.indicator_code for f in totals]),
        show_authors=not viewer.is_public,
        may_write_notes=interpretations.can_write(viewer, slug),
        may_moderate_notes=interpretations.can_moderate(viewer),
    )


def _notes(connection, viewer, slug: str, codes: list[str]) -> dict[str, list[Note]]:
    """The interpretations of these indicators this viewer may read (rights decided in
    data.interpretations, on the server), by indicator."""
    by_code: dict[str, list[Note]] = {}
    for note in interpretations.visible_notes(connection, viewer, codes, [slug, PROGRAMME]):
        by_code.setdefault(note.indicator_code, []).append(note)
    return by_code


def _pdf_link(slug: str, period: Period) -> PdfLink:
    """The PDF of this page and period (dashboard/pdf.py), or why this server makes none."""
    unavailable = flask.current_app.config.get(PDF_UNAVAILABLE) if flask.has_app_context() else None
    query = "" if period.is_default else period.query()
    return PdfLink(f"/partenaires/{slug}.pdf{query}", unavailable)
