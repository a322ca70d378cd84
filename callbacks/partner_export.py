"""A partner page's chart, downloaded as CSV or XLSX: the rows of that chart, as this viewer sees
them on the page.

Nothing the browser sends is trusted: the partner and the period come from the page's context
store and are checked as the page's own URL is (`callbacks.period`); the chart is looked up among
the charts the page draws for this viewer; and the page is rebuilt on the server for the viewer
of this request (`callbacks.context.current_viewer`), so that the disclosure rules
(`data.privacy.for_viewer`) and the publication rules protect a file exactly as they protect the
page. Anything else is no download.
"""

from __future__ import annotations

import base64
import datetime as dt
import re

from dash import ALL, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from callbacks.context import connect, current_language, current_viewer
from callbacks.partner import build_page
from callbacks.period import parse_period
from data import queries
from data.explorer_export import csv_bytes, xlsx_bytes
from data.reference import PARTNER_SLUGS
from layouts import ids
from layouts.i18n import Messages, format_date
from layouts.partner_chart_data import chart_data, export_filename
from layouts.sentences import hidden_text, period_phrase

PARTNER_EXPORT_TEXT = Messages(
    {
        "sheet": ("Données", "Data"),
        "about": ("À propos", "About"),
        "chart": ("Graphique", "Chart"),
        "partner": ("Partenaire", "Partner"),
        "period": ("Période", "Period"),
        "as_of": ("Données au", "Data as of"),
        "source": ("Source", "Source"),
        "exported": ("Exporté le", "Exported on"),
        "hidden": ("Valeurs masquées", "Hidden values"),
        "hidden_text": (
            "« {hidden} » : un petit effectif n'est pas publié, pour protéger les personnes ; "
            "les valeurs sont celles que la page montre à ce compte.",
            "“{hidden}”: a small count is not published, to protect the people counted; the "
            "values are those the page shows to this account.",
        ),
    }
)

MONTH = re.compile(r"^\d{4}-\d{2}$")
# A chart key is a card's id prefix: letters, digits, dashes and underscores, short.
KEY = re.compile(r"^[a-z0-9_-]{1,120}$")
# What a refused request gets: an empty download, which the browser ignores.
NO_FILE = None
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_request(context: object, key: object) -> tuple[str, str, str, str] | None:
    """(partner slug, first month, last month, chart key) when the request is well formed, else
    None. Pure: what the browser sent, checked before anything is read."""
    if not isinstance(context, dict) or not isinstance(key, str) or not KEY.match(key):
        return None
    slug, start, end = context.get("partenaire"), context.get("debut"), context.get("fin")
    if slug not in PARTNER_SLUGS:
        return None
    if not all(isinstance(v, str) and MONTH.match(v) for v in (start, end)):
        return None
    return slug, start, end, key


def _b64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


def register(app) -> None:
    @app.callback(
        Output(ids.PARTNER_DOWNLOAD, "data"),
        Input(ids.indexed(ids.PARTNER_CHART_CSV, ALL), "n_clicks"),
        Input(ids.indexed(ids.PARTNER_CHART_XLSX, ALL), "n_clicks"),
        State(ids.PARTNER_EXPORT_CONTEXT, "data"),
        prevent_initial_call=True,
    )
    def export(_csv, _xlsx, context):
        trigger = ctx.triggered_id
        clicked = ctx.triggered[0].get("value") if ctx.triggered else None
        # A click count that is not a positive number is no click (a button just drawn).
        if not isinstance(trigger, dict) or isinstance(clicked, bool):
            raise PreventUpdate
        if not isinstance(clicked, int) or clicked < 1:
            raise PreventUpdate
        # A click whose chart, partner or period this page could not have sent: no file.
        request = export_request(context, trigger.get("index"))
        if request is None:
            return NO_FILE
        slug, start, end, key = request
        lang = current_language()
        period = parse_period(start, end, lang)
        if period.problems:
            return NO_FILE
        with connect() as connection:
            partner = queries.partner(connection, slug)
            if partner is None or partner["kind"] == "programme":
                return NO_FILE
            # Rebuilt for this request's viewer: the rights are checked here, not in the browser.
            page = build_page(connection, partner, period, current_viewer(), lang)
        data = chart_data(page, lang).get(key)
        if data is None:
            return NO_FILE
        stem = export_filename(page, key)
        if trigger.get("type") == ids.PARTNER_CHART_CSV:
            return {
                "content": _b64(csv_bytes(data.headers, data.rows)),
                "filename": f"{stem}.csv",
                "type": "text/csv",
                "base64": True,
            }
        name = partner["name_en" if lang == "en" else "name_fr"]
        about = [
            (PARTNER_EXPORT_TEXT("chart", lang), data.title),
            (PARTNER_EXPORT_TEXT("partner", lang), name),
            (PARTNER_EXPORT_TEXT("period", lang), period_phrase(page.start, page.end, lang)),
            (PARTNER_EXPORT_TEXT("as_of", lang), format_date(page.as_of, lang)),
            (PARTNER_EXPORT_TEXT("source", lang), page.source),
            (PARTNER_EXPORT_TEXT("exported", lang), format_date(dt.date.today(), lang)),
            (
                PARTNER_EXPORT_TEXT("hidden", lang),
                PARTNER_EXPORT_TEXT("hidden_text", lang, hidden=hidden_text(page.threshold)),
            ),
        ]
        content = xlsx_bytes(
            data.headers,
            data.rows,
            PARTNER_EXPORT_TEXT("sheet", lang),
            about,
            PARTNER_EXPORT_TEXT("about", lang),
        )
        return {
            "content": _b64(content),
            "filename": f"{stem}.xlsx",
            "type": XLSX_TYPE,
            "base64": True,
        }
