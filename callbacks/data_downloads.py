"""The data page's downloads: the files' templates (CSV, Excel) and the full export of the store,
reserved to programme managers.

Plain Flask routes beside the data page's callbacks (`callbacks.data_page`), which register them.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import flask

from callbacks.context import connect, current_viewer, resources
from data.exporting import export_zip
from data.importing import rights
from data.importing.catalog import load_catalog
from data.importing.kinds import KINDS, normalise_kind
from data.importing.templates import template_csv, template_xlsx


def register_routes(server: flask.Flask) -> None:
    @server.get("/donnees/modele/<kind>.<extension>")
    def data_template(kind: str, extension: str):
        kind = normalise_kind(kind)
        if kind not in KINDS or extension not in ("csv", "xlsx"):
            return _plain("Ce modèle n'existe pas.", 404)
        with connect() as connection:
            catalog = load_catalog(connection)
        if extension == "xlsx":
            body = template_xlsx(kind, catalog)
            mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            body, mimetype = template_csv(kind, catalog), "text/csv; charset=utf-8"
        return flask.send_file(
            io.BytesIO(body),
            mimetype=mimetype,
            as_attachment=True,
            download_name=f"modele-{kind}.{extension}",
        )

    @server.get("/donnees/export.zip")
    def data_export():
        if not rights.can_export_store(current_viewer()):
            return _plain(
                "L'export complet du stockage est réservé aux chargés de mission : connectez-vous.",
                403,
            )
        buffer = io.BytesIO()
        with tempfile.TemporaryDirectory() as workdir:
            export_zip(resources().engine, buffer, Path(workdir))
        buffer.seek(0)
        return flask.send_file(
            buffer,
            mimetype="application/zip",
            as_attachment=True,
            download_name=f"democratic-export-{dt.date.today():%Y-%m-%d}.zip",
        )


def _plain(text: str, status: int) -> flask.Response:
    return flask.Response(text, status=status, mimetype="text/plain; charset=utf-8")
