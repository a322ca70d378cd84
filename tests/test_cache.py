"""The caches: hits for the same question, a miss after every change of the facts, separate
entries per visibility, shared between processes through Redis; bounded and thread-safe in the
process; no secret in any key."""

from __future__ import annotations

import threading
import uuid
from dataclasses import replace

import orjson
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url

from callbacks.context import aggregate_for_viewer, cache_stats, connect
from dashboard.settings import Settings
from data import queries, version_memo
from data.access import PUBLIC_VIEWER, Viewer
from data.cache import (
    LOCAL_ANSWERS_BYTES,
    CacheStats,
    LocalCache,
    RedisCache,
    get_or_compute,
    make_cache,
    store_identity,
    versioned_key,
)
from data.models import Observation
from data.store import bump_data_version, transaction
from data.version_memo import forget_version, remember_version
from tests.page_support import page_body
from tests.store_templates import reference_store

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
    cache = LocalCache(2)
    cache.set("a", b"1")
    cache.set("b", b"2")
    assert cache.get("a") == b"1"  # now the most recent
    cache.set("c", b"3")
    assert cache.get("b") is None
    assert cache.get("a") == b"1" and cache.get("c") == b"3"


def test_a_local_cache_bounded_in_bytes_keeps_what_fits():
    cache = LocalCache(10, size_of=len)
    cache.set("a", b"12345")
    cache.set("b", b"123")
    cache.set("c", b"1234")  # 12 bytes in all: the least recently used goes
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (None, b"123", b"1234")
    cache.set("huge", b"x" * 11)  # larger than the whole cache: not kept, nothing pushed out
    assert cache.get("huge") is None
    assert cache.get("b") == b"123" and cache.get("c") == b"1234"


def test_the_apps_own_cache_is_bounded_in_bytes_not_in_entries():
    cache = make_cache(None)
    page = b"x" * (1024 * 1024)
    for index in range(2 * LOCAL_ANSWERS_BYTES // len(page)):
        cache.set(f"page-{index}", page)
    kept = sum(len(cache.get(key) or b"") for key in list(cache))
    assert LOCAL_ANSWERS_BYTES - len(page) < kept <= LOCAL_ANSWERS_BYTES


def test_the_local_cache_is_safe_across_threads():
    cache = LocalCache(50)

    def work(offset: int) -> None:
        for i in range(2000):
            cache.set((offset, i % 80), i)
            cache.get((offset, (i * 7) % 80))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 50  # bounded, and its LRU order never corrupted


def test_an_answer_is_computed_once_then_read_back():
    cache, stats, calls = LocalCache(), CacheStats(), []

    def compute():
        calls.append(1)
        return ["réponse"]

    first = get_or_compute(cache, "k", compute, stats=stats)
    again = get_or_compute(cache, "k", compute, stats=stats)
    assert first == again == ["réponse"]
    assert len(calls) == 1
    assert (stats.hits, stats.misses) == (1, 1)


def test_an_entry_that_no_longer_decodes_is_computed_again_and_replaced():
    cache = LocalCache()
    cache.set("k", b"written by another version")
    answer = get_or_compute(cache, "k", lambda: [1, 2], encode=orjson.dumps, decode=orjson.loads)
    assert answer == [1, 2]
    assert orjson.loads(cache.get("k")) == [1, 2]


def test_an_answer_refused_by_keep_is_not_kept():
    cache = LocalCache()
    assert get_or_compute(cache, "k", lambda: [], keep=bool) == []
    assert cache.get("k") is None
    assert len(cache) == 0


def test_the_key_of_an_answer_changes_with_the_data_version():
    first = versioned_key("p", "aggregate", "7", ["question"])
    assert first == versioned_key("p", "aggregate", "7", ["question"])
    assert first != versioned_key("p", "aggregate", "8", ["question"])
    assert first != versioned_key("p", "aggregate", "7", ["another"])
    assert first.startswith("p:aggregate:")


PASSWORD = "Mot-de-passe-7c1e"


def test_no_key_holds_the_database_password():
    url = f"postgresql+psycopg://tableau:{PASSWORD}@db.example.org:5432/democratic"
    identity = store_identity(url)
    assert PASSWORD not in identity
    assert "db.example.org" in identity and "democratic" in identity  # still names the store
    prefix = Settings(database_url=url).resolved_cache_prefix()
    # Derived from the store, not from its password: the same whatever the password.
    assert prefix == Settings(database_url=url.replace(PASSWORD, "autre")).resolved_cache_prefix()
    assert PASSWORD not in prefix
    assert store_identity(create_engine(url)) == identity


@pytest.mark.postgres
def test_reads_kept_per_data_version_never_hold_the_password(postgres_url, store_templates):
    # The test server trusts local connections: any password is accepted, and must not show.
    url = make_url(postgres_url).set(password=PASSWORD).render_as_string(hide_password=False)
    engine = store_templates.engine(url, "reference", reference_store)
    try:
        with engine.connect() as connection:
            remember_version(connection, "1")
            assert queries.indicators(connection, "essonne")
            forget_version(connection)
    finally:
        engine.dispose()
    keys = [key for key in version_memo._kept if make_url(url).database in key[0]]
    assert keys  # the read was kept...
    assert not any(PASSWORD in repr(key) for key in version_memo._kept)  # ...unsecretly


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
