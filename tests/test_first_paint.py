"""The page already drawn in the server's first answer (dashboard/first_paint.py): the page Dash
draws next, for the same viewer, as static HTML, built from the same functions and the same
cache; nowhere else than where it is safe."""

from __future__ import annotations

import re

import orjson
from markupsafe import escape

from dashboard import first_paint
from tests.page_support import page_body

PAGES = [
    "/",
    "/partenaires/paris",
    "/partenaires/seine-saint-denis",
    "/partenaires/val-de-marne",
    "/partenaires/essonne",
    "/explorer",
    "/donnees",
]
CONTAINER = f'<div id="{first_paint.CONTAINER_ID}" class="first-paint">'


def copy_of(html: str) -> str:
    """The copy's part of the page (everything before Dash's entry point)."""
    start = html.index(CONTAINER)
    return html[start : html.index('<div id="react-entry-point"', start)]


def drawn_by_dash(client, path: str, search: str = "") -> object:
    response = client.post("/_dash-update-component", json=page_body(path, search))
    assert response.status_code == 200
    return orjson.loads(response.data)["response"]["_pages_content"]["children"]


def texts(node: object, wanted: set[str]) -> list[str]:
    """The texts of the components of the `wanted` types (or classes), in page order."""
    found: list[str] = []
    if isinstance(node, list):
        for child in node:
            found += texts(child, wanted)
    elif isinstance(node, dict) and isinstance(node.get("props"), dict):
        props = node["props"]
        classes = set(str(props.get("className") or "").split())
        if (node.get("type") in wanted or classes & wanted) and isinstance(
            props.get("children"), str
        ):
            found.append(props["children"])
        found += texts(props.get("children"), wanted)
    return found


def test_every_page_is_in_the_first_answer_with_its_headline(client):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        copy = copy_of(html)
        page = drawn_by_dash(client, path)
        headline = texts(page, {"H1", "summary-sentence", "lead"})
        assert len(headline) >= 2, path  # the title, and the sentence under it
        for text in headline:
            assert str(escape(text)) in copy, (path, text)
        assert copy.count("<h1") == 1 and copy.count("<main") == 1, path
        assert first_paint.MARKER not in html


def test_the_copy_shares_no_id_with_the_page_dash_draws(client):
    for path in PAGES:
        copy = copy_of(client.get(path).get_data(as_text=True))
        ids = re.findall(r'\sid="([^"]*)"', copy)
        assert ids[0] == first_paint.CONTAINER_ID
        assert ids[1:] and all(name.startswith("statique-") for name in ids[1:]), path
        assert len(set(ids)) == len(ids), path
        # Every reference points into the copy itself.
        for reference in re.findall(r'\s(?:for|aria-labelledby|aria-describedby)="([^"]*)"', copy):
            assert all(name in ids for name in reference.split()), (path, reference)


def test_the_page_callback_that_follows_reads_the_page_from_the_cache(client):
    client.get("/partenaires/essonne")
    response = client.post("/_dash-update-component", json=page_body("/partenaires/essonne"))
    assert 'hits=1 misses=0"' in response.headers["Server-Timing"]


def test_the_period_asked_for_and_the_language_are_the_pages_own(client):
    search = "?debut=2012-04&fin=2012-06"
    copy = copy_of(client.get("/partenaires/essonne" + search).get_data(as_text=True))
    sentence = texts(drawn_by_dash(client, "/partenaires/essonne", search), {"summary-sentence"})
    assert sentence and str(escape(sentence[0])) in copy
    client.set_cookie("langue", "en")
    english = copy_of(client.get("/partenaires/essonne").get_data(as_text=True))
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)
    assert "Key figures" in english and "Chiffres clés" not in english


def test_pages_dash_alone_draws_have_no_copy(client):
    for path, status in (("/colloque", 200), ("/partenaires/inconnu", 404), ("/nulle-part", 404)):
        response = client.get(path)
        html = response.get_data(as_text=True)
        assert response.status_code == status
        assert first_paint.CONTAINER_ID not in html and first_paint.MARKER not in html


def test_the_first_answer_is_kept_for_nobody_else(client):
    response = client.get("/partenaires/paris")
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert "Cookie" in response.headers["Vary"]
