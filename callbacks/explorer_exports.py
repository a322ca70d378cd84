"""The explorer's exports: the table's rows and values, as CSV (for Excel) or XLSX.

The export reads the same controls as the table, so it holds exactly the same rows; it is sent
with `dcc.send_bytes`.
"""

from __future__ import annotations

import datetime as dt

from dash import dcc

from callbacks.context import aggregate_for_viewer, connect, current_viewer, small_count_threshold
from callbacks.explorer_reference import reference
from callbacks.explorer_view import source, table_rows
from data import publication
from data.access import Viewer
from data.explorer_export import csv_bytes, xlsx_bytes
from data.interpretations import PROGRAMME, visible_notes
from layouts.explorer_state import ExplorerState, to_query
from layouts.explorer_table import table_cells, table_columns, with_pending
from layouts.i18n import Messages, data_date_text, format_date
from layouts.interpretations import in_period

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXPLORER_EXPORT_TEXT = Messages(
    {
        "sheet": ("Explorateur", "Explorer"),
        "about": ("À propos", "About"),
        "about_view": ("Vue", "View"),
        "about_exported": ("Exporté le", "Exported on"),
        # The data date, in the words of every page (data.publication.data_date).
        "about_data_date": ("Données au", "Data as of"),
        "about_source": ("Source", "Source"),
        "notes_sheet": ("Interprétations", "Interpretations"),
        "notes_headers": (
            "Indicateur|Pour|Date (ou début)|Fin|Titre|Texte|Réponse à|Visibilité|État|Auteur",
            "Indicator|For|Date (or start)|End|Title|Text|Reply to|Visibility|Status|Author",
        ),
        "about_rule": ("Règle d'agrégation", "Aggregation rule"),
        "about_rule_text": (
            "Chaque indicateur suit sa propre règle (somme, dernière valeur cumulée ou moyenne) ; "
            "les indicateurs ne s'additionnent pas entre eux.",
            "Each indicator follows its own rule (sum, latest cumulative value or mean); "
            "indicators are never added together.",
        ),
    }
)


def export(state: ExplorerState, kind: str, lang: str) -> dict:
    """The download of the table of `state` (`kind`: "csv" or "xlsx"), for this viewer."""
    with connect() as connection:
        ref = reference(connection)
        flt = state.observation_filter()
        evolution = (
            aggregate_for_viewer(connection, flt, grain=state.grain)
            if state.detail == "periode"
            else []
        )
        viewer = current_viewer()
        rows = table_rows(connection, flt, state, ref, lang, evolution, viewer)
        chart_source = source(connection, lang)
        notes = _notes_in_view(connection, state, viewer) if kind != "csv" else []
        data_date = publication.data_date(connection)
    headers = [header for _key, header in table_columns(state, lang, with_pending(rows))]
    cells = table_cells(rows, state, lang, threshold=small_count_threshold())
    stem = f"explorateur-democratic-{state.start.isoformat()}-{state.end.isoformat()}"
    if kind == "csv":
        return dcc.send_bytes(csv_bytes(headers, cells), f"{stem}.csv", type="text/csv")
    about = [
        (EXPLORER_EXPORT_TEXT("about_view", lang), to_query(state) or "?"),
        (EXPLORER_EXPORT_TEXT("about_exported", lang), format_date(dt.date.today(), lang)),
        (
            EXPLORER_EXPORT_TEXT("about_data_date", lang),
            format_date(data_date, lang) if data_date else data_date_text(None, lang),
        ),
        (EXPLORER_EXPORT_TEXT("about_source", lang), chart_source),
        (EXPLORER_EXPORT_TEXT("about_rule", lang), EXPLORER_EXPORT_TEXT("about_rule_text", lang)),
    ]
    notes_sheet = (
        EXPLORER_EXPORT_TEXT("notes_sheet", lang),
        EXPLORER_EXPORT_TEXT("notes_headers", lang).split("|"),
        notes,
    )
    content = xlsx_bytes(
        headers,
        cells,
        EXPLORER_EXPORT_TEXT("sheet", lang),
        about,
        EXPLORER_EXPORT_TEXT("about", lang),
        extra_sheets=[notes_sheet],
    )
    return dcc.send_bytes(content, f"{stem}.xlsx", type=XLSX_TYPE)


def _notes_in_view(connection, state: ExplorerState, viewer: Viewer) -> list[list]:
    """The interpretations this viewer may read on the view's indicators and partners, over
    its period, each followed by its replies (authors named to signed-in viewers only)."""
    scopes = [*state.partners, PROGRAMME] if state.partners else None
    notes = visible_notes(connection, viewer, list(state.indicators) or None, scopes)
    rows: list[list] = []
    for note in in_period(notes, state.start, state.end):
        for item, parent in ((note, None), *((reply, note) for reply in note.replies)):
            rows.append(
                [
                    item.indicator_code,
                    item.scope,
                    item.start_date.isoformat(),
                    item.end_date.isoformat() if item.end_date else None,
                    item.title or None,
                    item.body or None,
                    parent.title if parent else None,
                    item.visibility,
                    item.status,
                    None if viewer.is_public else item.author,
                ]
            )
    return rows
