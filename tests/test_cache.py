"""The aggregate cache: hits for the same question, a miss after every change of the facts,
separate entries per visibility, shared between processes through Redis."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from sqlalchemy import select

from callbacks.context import aggregate_for_viewer, cache_stats, connect
from data import queries
from data.access import PUBLIC_VIEWER, Viewer
from data.cache import LocalCache, RedisCache
from data.models import Observation
from data.store import bump_data_version, transaction
from tests.page_support import page_body

WORKSHOPS = queries.ObservationFilter(indicators=("essonne_ateliers_tenus",))
MANAGER = Viewer(role="charge_de_mission", email="cm@example.org")
REDIS_URL = "redis://127.0.0.1:6379/0"


def workshops(viewer=PUBLIC_VIEWER) -> float | None:
    with connect() as connection:
        rows = aggregate_for_viewer(connection, WORKSHOPS, viewer=viewer)
    return rows[0].value if rows else None


def change_workshops(engine, **values) -> None:
    with transaction(engine) as session:
        row = session.scalar(
            select(Observation).where(Observation.indicator_code == "essonne_ateliers_tenus")
        )
        for name, value in values.items():
            setattr(row, name, value(row) if callable(value) else value)
        bump_data_version(session)


def test_same_question_is_answered_from_the_cache(app):
    with app.server.test_request_context("/"):
        assert workshops() == 2
        assert workshops() == 2
        stats = cache_stats()
        # First the rows as stored are computed and kept, then they come from the cache; the
        # public's protection (data.privacy) is applied after the cache, on every read.
        assert (stats.hits, stats.misses) == (1, 1)


def test_a_load_invalidates_the_cache(app, sqlite_demo_engine):
    with app.server.test_request_context("/"):
        assert workshops() == 2
    change_workshops(sqlite_demo_engine, value=lambda row: row.value + 1)
    with app.server.test_request_context("/"):
        assert workshops() == 3
        assert cache_stats().misses == 1


def test_viewers_who_see_unpublished_data_do_not_share_entries(app, sqlite_demo_engine):
    change_workshops(sqlite_demo_engine, published=False)
    with app.server.test_request_context("/"):
        public, manager = workshops(), workshops(MANAGER)
        assert manager == 2
        assert public == 1
        assert workshops() == public  # and again, from the cache


def test_local_cache_keeps_only_the_most_recent_entries():
    cache = LocalCache(max_entries=2)
    cache.set("a", b"1")
    cache.set("b", b"2")
    assert cache.get("a") == b"1"  # now the most recent
    cache.set("c", b"3")
    assert cache.get("b") is None
    assert cache.get("a") == b"1" and cache.get("c") == b"3"


@pytest.fixture
def redis_settings(settings):
    cache = RedisCache(REDIS_URL)
    try:
        cache.client.ping()
    except Exception as error:  # noqa: BLE001
        from tests.conftest import unavailable

        unavailable(f"Redis indisponible : {type(error).__name__}")
    return replace(settings, redis_url=REDIS_URL, cache_prefix=f"test-{uuid.uuid4().hex}")


def test_two_app_processes_share_one_redis_cache(redis_settings):
    from dashboard.app import create_app

    first, second = create_app(redis_settings), create_app(redis_settings)
    with first.server.test_request_context("/"):
        assert workshops() == 2
        assert cache_stats().misses == 1
    with second.server.test_request_context("/"):
        assert workshops() == 2
        assert (cache_stats().hits, cache_stats().misses) == (1, 0)


def test_an_unreachable_redis_means_computing_not_failing(settings):
    from dashboard.app import create_app

    app = create_app(replace(settings, redis_url="redis://127.0.0.1:9/0"))
    with app.server.test_request_context("/"):
        assert workshops() == 2


def test_every_response_says_how_long_the_server_worked(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Server-Timing"].startswith("app;dur=")
    response = client.post("/_dash-update-component", json=page_body("/partenaires/essonne"))
    assert response.status_code == 200
    assert 'aggcache;desc="hits=' in response.headers["Server-Timing"]
