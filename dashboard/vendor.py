"""Third-party front-end files served by the app itself, so that nothing comes from the internet."""

from __future__ import annotations

from pathlib import Path

import flask
import flask_bootstrap

# Bootstrap 5's CSS and icons, as shipped inside the Bootstrap-Flask package.
BOOTSTRAP_DIR = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5"
BOOTSTRAP_CSS = "/vendor/bootstrap/css/bootstrap.min.css"
BOOTSTRAP_ICONS_CSS = "/vendor/bootstrap/css/font/bootstrap-icons.min.css"
STYLESHEETS = [BOOTSTRAP_CSS, BOOTSTRAP_ICONS_CSS]


def register(server: flask.Flask) -> None:
    @server.get("/vendor/bootstrap/<path:filename>")
    def bootstrap_file(filename: str):
        # send_from_directory refuses paths that leave the directory.
        response = flask.send_from_directory(BOOTSTRAP_DIR, filename, max_age=86400)
        return response
