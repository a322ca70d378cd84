"""Third-party front-end files served by the app itself, so that nothing comes from the internet."""

from __future__ import annotations

import re
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

# Dash lists Babel's polyfill (core-js and regenerator, 99 KB) first among its renderer's
# dependencies; evaluating it blocked the page's main thread for 110-170 ms. The browsers the
# app serves need nothing of core-js: its renderer and components (dcc, dbc) only call the
# global `regeneratorRuntime`, which regenerator-runtime alone defines, in assets/ with its
# license. It is one of the page's scripts through `external_scripts`, the slot Dash places
# after React and before every component bundle and the renderer; the polyfill's <script> is
# then taken out of the finished list (`without_polyfill`). Both through Dash's public surface
# (its configuration, its overridable `interpolate_index`) rather than by editing the dependency
# list inside Dash, which is shared by every app of the process and rebuilt by Dash at will.
# tests/test_app.py fails if a Dash release renames the polyfill so that it comes back.
REGENERATOR_RUNTIME = "regenerator-runtime.js"
DASH_POLYFILL = re.compile(
    r'<script src="[^"]*/_dash-component-suites/dash/deps/polyfill@[^"]*"></script>\n?'
)
# The assets that are not listed in the page by Dash's walk of assets/ (Dash takes a regex).
NOT_AUTOMATIC = "|".join(re.escape(name) for name in (PLOTLY_BUNDLE, REGENERATOR_RUNTIME))


def plotly_meta(app, assets_folder: Path) -> dict[str, str]:
    """The bundle's address, versioned by its modification time as Dash versions every asset
    (so the browser keeps it for a year: dashboard/compression.py)."""
    modified = (assets_folder / PLOTLY_BUNDLE).stat().st_mtime
    return {"name": PLOTLY_META, "content": f"{app.get_asset_url(PLOTLY_BUNDLE)}?m={modified}"}


def regenerator_runtime(app, assets_folder: Path) -> str:
    """The runtime's address, versioned like every other asset."""
    modified = (assets_folder / REGENERATOR_RUNTIME).stat().st_mtime
    return f"{app.get_asset_url(REGENERATOR_RUNTIME)}?m={modified}"


def without_polyfill(scripts: str) -> str:
    """The page's <script> tags as Dash lists them, less Babel's polyfill."""
    return DASH_POLYFILL.sub("", scripts)


def register(server: flask.Flask) -> None:
    @server.get("/vendor/bootstrap/<path:filename>")
    def bootstrap_file(filename: str):
        # send_from_directory refuses paths that leave the directory.
        response = flask.send_from_directory(BOOTSTRAP_DIR, filename, max_age=86400)
        return response
