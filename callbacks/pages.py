"""Page layout functions: read the store for the current viewer and build each page's body.

Dash Pages calls these with the path variables and the query string as keyword arguments; they
accept and ignore anything else, so that a hostile query string cannot break a page.
"""

from __future__ import annotations

from dash import html

from callbacks.context import aggregate_for_viewer, connect, current_language
from data import queries
from layouts import pages as page_layouts
from layouts.i18n import format_number, format_share


def overview(**_query) -> html.Div:
    lang = current_language()
    with connect() as connection:
        return page_layouts.overview(
            queries.store_summary(connection), queries.partners(connection), lang
        )


def partner(slug: str | None = None, **_query) -> html.Div:
    lang = current_language()
    with connect() as connection:
        row = queries.partner(connection, slug or "")
        if row is None:
            return page_layouts.not_found(lang)
        indicator_rows = [
            i for i in queries.indicators(connection, slug) if i["headline_rank"] is not None
        ]
        totals = {
            r.indicator_code: r.value
            for r in aggregate_for_viewer(connection, queries.ObservationFilter(partners=(slug,)))
        }
        figures = []
        for indicator in sorted(indicator_rows, key=lambda i: i["headline_rank"])[:3]:
            value = totals.get(indicator["code"])
            label = indicator["label_en" if lang == "en" else "label_fr"]
            if indicator["unit_fr"] == "%":
                figures.append((label, format_share(value, lang)))
            else:
                figures.append((label, format_number(value, lang)))
        return page_layouts.partner(row, figures, len(queries.actions(connection, slug)), lang)


def explorer(**_query) -> html.Div:
    return _simple("explorer")


def data_page(**_query) -> html.Div:
    return _simple("data")


def not_found(**_query) -> html.Div:
    return page_layouts.not_found(current_language())


def _simple(key: str) -> html.Div:
    with connect() as connection:
        return page_layouts.simple_page(key, queries.store_summary(connection), current_language())
