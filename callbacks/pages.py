"""Page layout functions: read the store for the current viewer and build each page's body.

Dash Pages calls these with the path variables and the query string as keyword arguments; they
accept and ignore anything else, so that a hostile query string cannot break a page.
"""

from __future__ import annotations

from dash import html

from callbacks.context import connect, current_language
from data import queries
from layouts import pages as page_layouts


def data_page(**_query) -> html.Div:
    return _simple("data")


def not_found(**_query) -> html.Div:
    return page_layouts.not_found(current_language())


def _simple(key: str) -> html.Div:
    with connect() as connection:
        return page_layouts.simple_page(key, queries.store_summary(connection), current_language())
