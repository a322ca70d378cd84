"""Third-party front-end files served by the app itself, so that nothing comes from the internet."""

from __future__ import annotations

from pathlib import Path

import flask
import flask_bootstrap

# Bootstrap 5's CSS and icons, as shipped inside the Bootstrap-Flask package. The pages get only
# the icons they use, from assets/icons.css and its font (scripts/subset_icons.py).
BOOTSTRAP_DIR = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5"
BOOTSTRAP_CSS = "/vendor/bootstrap/css/bootstrap.min.css"
STYLESHEETS = [BOOTSTRAP_CSS]

# plotly.js's basic bundle, in assets/: not one of the page's scripts but fetched by
# assets/plotly-on-demand.js when the first chart needs it, from the address this <meta> gives.
PLOTLY_BUNDLE = "plotly-basic.min.js"
PLOTLY_META = "democratic-plotly"


def plotly_meta(app, assets_folder: Path) -> dict[str, str]:
    """The bundle's address, versioned by its modification time as Dash versions every asset
    (so the browser keeps it for a year: dashboard/compression.py)."""
    modified = (assets_folder / PLOTLY_BUNDLE).stat().st_mtime
    return {"name": PLOTLY_META, "content": f"{app.get_asset_url(PLOTLY_BUNDLE)}?m={modified}"}


def register(server: flask.Flask) -> None:
    @server.get("/vendor/bootstrap/<path:filename>")
    def bootstrap_file(filename: str):
        # send_from_directory refuses paths that leave the directory.
        response = flask.send_from_directory(BOOTSTRAP_DIR, filename, max_age=86400)
        return response
