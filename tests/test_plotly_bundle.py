"""The app draws its charts with plotly.js's *basic* bundle (scatter, bar, pie: a quarter of the
full bundle's size), served from assets/. Every figure that any page or view callback sends must
use only trace types that bundle registers: a chart of another type would stay blank."""

from __future__ import annotations

import random
import re

from benchmarks.workload import Discovery, build_body, build_workload
from dashboard.settings import PROJECT_ROOT

BUNDLE = PROJECT_ROOT / "assets" / "plotly-basic.min.js"


class _TestClientSession:
    """What the benchmark's discovery needs of an HTTP session, over Flask's test client."""

    def __init__(self, client) -> None:
        self.client = client

    def get(self, url: str, timeout=None):
        return _Response(self.client.get(url))

    def post(self, url: str, json=None, timeout=None):
        return _Response(self.client.post(url, json=json))


class _Response:
    def __init__(self, response) -> None:
        self.response = response

    def raise_for_status(self) -> None:
        assert self.response.status_code < 400, self.response.get_data(as_text=True)[:500]

    def json(self):
        return self.response.get_json()


def registered_traces() -> set[str]:
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', BUNDLE.read_text()))


def figures(node) -> list[dict]:
    """Every figure in a callback response (a figure output, or a Graph in returned children)."""
    found = []
    if isinstance(node, list):
        for child in node:
            found += figures(child)
    elif isinstance(node, dict):
        if isinstance(node.get("figure"), dict) and "data" in node["figure"]:
            found.append(node["figure"])
        for value in node.values():
            found += figures(value)
    return found


def test_the_bundle_is_the_basic_one():
    assert registered_traces() == {"scatter", "bar", "pie"}
    assert "plotly.js (basic - minified)" in BUNDLE.read_text()[:200]


def test_every_figure_of_every_page_and_callback_uses_a_trace_the_bundle_draws(client):
    traces = registered_traces()
    discovery = Discovery("", _TestClientSession(client))
    assert "/explorer" in discovery.paths and any(
        p.startswith("/partenaires/") for p in discovery.paths
    )
    bodies = [request.body for request in build_workload(discovery, variants=3)]
    # The pages in English too (the figure builders take the language).
    rng = random.Random(0)
    bodies += [
        build_body(discovery.page_callback, discovery.pages[p], rng, [p]) for p in discovery.paths
    ]
    seen = set()
    for i, body in enumerate(bodies):
        client.set_cookie("langue", "en" if i >= len(bodies) - len(discovery.paths) else "fr")
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code in (200, 204), body["output"]
        if response.status_code == 204:
            continue
        for figure in figures(response.get_json()):
            for trace in figure["data"]:
                seen.add(trace.get("type", "scatter"))
    assert {"scatter", "bar"} <= seen
    assert seen <= traces, f"types absents du paquet plotly.js : {seen - traces}"


# --- the mode bar speaks French: every text the bundle's mode bar translates is in our locale

LOCALE = PROJECT_ROOT / "assets" / "plotly-locale-fr.js"


def modebar_texts() -> set[str]:
    """The English texts the bundle's mode bar passes through its translation function (named
    differently in each build: read it off the « Download plot as a PNG » button)."""
    text = BUNDLE.read_text()
    translate = re.search(r'return [\w$]+==="png"\?([\w$]+)\([\w$]+,"Download plot as a PNG"', text)
    assert translate, "the PNG button's title is no longer where this test looks for it"
    name = re.escape(translate.group(1))
    return set(re.findall(rf'(?<![\w$.]){name}\([\w$]+,"([^"]+)"\)', text))


def french_dictionary() -> dict[str, str]:
    block = LOCALE.read_text().split("dictionary: {", 1)[1].split("}", 1)[0]
    return dict(re.findall(r'"((?:[^"\\]|\\.)+)": "((?:[^"\\]|\\.)+)"', block))


def test_every_mode_bar_text_of_the_bundle_has_a_french_translation():
    texts = modebar_texts()
    assert {"Download plot as a PNG", "Zoom in", "Reset axes"} <= texts
    dictionary = french_dictionary()
    assert texts - dictionary.keys() == set()
    assert all(dictionary[t] != t or t == "Zoom" for t in texts)
