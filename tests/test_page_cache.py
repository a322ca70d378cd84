"""Whole page bodies from the cache: the same page for the same visitor class until the data
change; never a body built for a viewer who sees more."""

from __future__ import annotations

import gzip

import orjson
from sqlalchemy import select

from data.access import Viewer
from data.models import Observation
from data.store import bump_data_version, transaction
from tests.page_support import page_body


def visit(client, path: str, encoding: str = "identity"):
    response = client.post(
        "/_dash-update-component",
        json=page_body(path),
        headers={"Accept-Encoding": encoding},
    )
    assert response.status_code == 200
    data = response.data
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    content = orjson.loads(data)["response"]["_pages_content"]["children"]
    return content, response.headers["Server-Timing"]


def test_a_partner_page_is_built_once_then_read_from_the_cache(client):
    first, first_timing = visit(client, "/partenaires/essonne")
    # Another encoding: not the same bytes, so the callback's kept answer cannot serve it
    # (callbacks/answer_cache.py), but the page body is read back from the cache.
    again, again_timing = visit(client, "/partenaires/essonne", encoding="gzip")
    assert "misses=" in first_timing and "misses=0" not in first_timing
    assert 'hits=1 misses=0"' in again_timing
    assert again == first
    other, _ = visit(client, "/partenaires/paris")
    assert other != first


def test_a_load_rebuilds_the_page(client, sqlite_demo_engine):
    before, _ = visit(client, "/partenaires/essonne")
    with transaction(sqlite_demo_engine) as session:
        rows = session.scalars(
            select(Observation).where(Observation.indicator_code == "essonne_ateliers_tenus")
        ).all()
        for row in rows:
            row.value *= 7
        bump_data_version(session)
    after, timing = visit(client, "/partenaires/essonne")
    assert "misses=0" not in timing
    assert after != before


def test_viewers_of_another_class_get_their_own_page(app, client):
    public, _ = visit(client, "/")
    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: Viewer(
        role="charge_de_mission", email="cm@example.org"
    )
    _, timing = visit(client, "/")
    assert "misses=0" not in timing  # built for this class, not taken from the public's
