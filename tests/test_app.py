"""The app factory: every page answers, unknown paths are 404, nothing comes from the internet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGES = [
    "/",
    "/partenaires/paris",
    "/partenaires/seine-saint-denis",
    "/partenaires/val-de-marne",
    "/partenaires/essonne",
    "/explorer",
    "/donnees",
    "/colloque",
]
EXTERNAL_URL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


@pytest.mark.parametrize("path", PAGES)
def test_each_page_answers_200_in_french(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert not EXTERNAL_URL.search(html), "the page references an external URL"


@pytest.mark.parametrize(
    "path",
    ["/nulle-part", "/partenaires/lyon", "/partenaires/", "/explorer/plus/loin", "/%3Cscript%3E"],
)
def test_unknown_paths_answer_404(client, path):
    assert client.get(path).status_code == 404


def test_an_unknown_page_says_not_found_in_its_heading(client):
    from tests.page_support import page_body

    assert client.get("/nulle-part").status_code == 404
    # The page the renderer then shows, as it asks for it.
    response = client.post("/_dash-update-component", json=page_body("/nulle-part"))
    assert response.status_code == 200
    content = response.get_json()["response"]["_pages_content"]["children"]
    headings = [c["props"]["children"] for c in _components(content) if c["type"] == "H1"]
    assert len(headings) == 1 and "introuvable" in headings[0]


def _components(node):
    """Every component of a layout in the JSON form Dash sends."""
    if isinstance(node, list):
        for child in node:
            yield from _components(child)
    elif isinstance(node, dict) and "props" in node and "type" in node:
        yield node
        yield from _components(node["props"].get("children"))


def test_layout_lists_every_page_and_no_external_resource(client):
    import json

    raw = client.get("/_dash-layout").get_data(as_text=True)
    layout = json.dumps(json.loads(raw))  # Dash escapes "/" as \u002f; normalise it
    for path in PAGES:
        assert f'"href": "{path}"' in layout
    assert "cdn." not in layout and "https://" not in layout


def test_stylesheets_are_served_by_the_app(client):
    html = client.get("/").get_data(as_text=True)
    stylesheets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    stylesheets += re.findall(r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', html)
    assert any("bootstrap.min.css" in s for s in stylesheets)
    for href in stylesheets:
        assert href.startswith("/"), href
        assert client.get(href).status_code == 200
    assert "/assets/plotly-locale-fr.js" in html


def test_each_page_layout_shows_its_title_and_live_figures(app):
    import dash

    with app.server.test_request_context("/"):
        overview = str(dash.page_registry["programme"]["layout"]())
        paris = str(dash.page_registry["partenaire"]["layout"](slug="paris"))
        vdm = str(dash.page_registry["partenaire"]["layout"](slug="val-de-marne"))
    assert "Innovations democraTIC" in overview
    assert "Mairie de Paris" in paris
    assert "Val-de-Marne" in vdm


def test_language_cookie_switches_to_english_and_only_redirects_within_the_site(client):
    response = client.get("/langue/en", headers={"Referer": "http://localhost/explorer"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/explorer")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    outside = client.get("/langue/fr", headers={"Referer": "https://evil.example/phish"})
    assert outside.headers["Location"] == "/"
    odd = client.get("/langue/xx")
    assert '<html lang="fr">' in client.get("/").get_data(as_text=True)
    assert odd.status_code == 302


def test_dash_is_set_up_before_the_first_request_of_a_threaded_worker(settings):
    """Dash sets itself up at its first request, marking it done before doing it: in a worker
    with threads, a second request meanwhile found no router and no bundle registered (gunicorn
    calls `finish_setup` before the worker takes requests: gunicorn.conf.py)."""
    from concurrent.futures import ThreadPoolExecutor

    from dashboard.app import create_app, finish_setup
    from tests.page_support import page_body

    app = create_app(settings)
    assert not any("_pages_content" in output for output in app.callback_map)
    finish_setup(app.server)
    assert any("_pages_content" in output for output in app.callback_map)
    page = app.server.test_client().get("/").get_data(as_text=True)
    bundles = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)

    def fetch(url: str) -> int:
        client = app.server.test_client()
        if url.startswith("/partenaires/"):
            return client.post("/_dash-update-component", json=page_body(url)).status_code
        return client.get(url).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(fetch, [*bundles, "/partenaires/paris", "/partenaires/essonne"]))
    assert statuses == [200] * len(statuses)


def test_the_page_loads_regenerator_runtime_before_dash_and_not_babels_polyfill(client):
    """Dash lists @babel/polyfill (99 KB, 110-170 ms of script evaluation) before React; its
    bundles need only the global regeneratorRuntime, served by the app before any of them
    (dashboard/vendor.py). Dash's own dependencies must be React's three files and nothing
    else: a Dash release that renames the polyfill, or adds a dependency, fails here first."""
    import dash

    from dashboard import vendor

    html = client.get("/partenaires/paris").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    dependencies = [src.rsplit("/", 1)[1] for src in scripts if "/dash/deps/" in src]
    assert sorted(name.split("@")[0] for name in dependencies) == [
        "prop-types",
        "react",
        "react-dom",
    ]
    runtime = [i for i, src in enumerate(scripts) if vendor.REGENERATOR_RUNTIME in src]
    bundles = [
        i
        for i, src in enumerate(scripts)
        if "/_dash-component-suites/" in src and "/deps/" not in src
    ]
    assert len(runtime) == 1 and bundles and runtime[0] < min(bundles)
    assert any("dash_renderer" in scripts[i] for i in bundles)
    served = client.get(scripts[runtime[0]])
    assert served.status_code == 200
    # A classic script whose top level is not strict: its last lines assign the global.
    code = served.get_data(as_text=True)
    assert code.lstrip().startswith("/*") and "regeneratorRuntime = runtime;" in code
    assert '"use strict"' not in code.split("var runtime = (function", 1)[0]
    # What the filter removes still exists in Dash: otherwise the filter has become useless.
    assert list((Path(dash.__file__).parent / "deps").glob("polyfill@*.min.js"))
