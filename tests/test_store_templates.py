"""The tests' store copies: each test's store is its own, and nothing already in a store is lost."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import create_engine, func, select, text, update
from sqlalchemy.engine import make_url

from data.models import Partner
from data.store import transaction
from tests.store_templates import StoreTemplates, reference_store


def _partners(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Partner))


@pytest.fixture
def second_store_url(store_url, tmp_path, store_templates):
    """Another fresh store on the same backend."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.sqlite3'}"
        return
    name = f"democratic_test_{uuid.uuid4().hex[:12]}"
    store_templates._admin(f'CREATE DATABASE "{name}"')
    yield store_templates._url(name)
    store_templates._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _paris_name(engine) -> str:
    with engine.connect() as connection:
        return connection.scalar(select(Partner.name_fr).where(Partner.slug == "paris"))


def test_a_write_in_one_copy_is_not_in_the_next_one(engine, second_store_url, store_templates):
    original = _paris_name(engine)
    assert original  # the reference data are there
    with transaction(engine) as session:
        session.execute(
            update(Partner).where(Partner.slug == "paris").values(name_fr="Écrit par un test")
        )
    assert _paris_name(engine) == "Écrit par un test"
    # The engine fixture's store came from the same template, which the write did not reach.
    second = store_templates.engine(second_store_url, "reference", reference_store)
    try:
        assert _paris_name(second) == original
    finally:
        second.dispose()


def test_a_store_that_already_holds_something_is_built_in_place(sqlite_url, store_templates):
    existing = create_engine(sqlite_url)
    with existing.begin() as connection:
        connection.execute(text("CREATE TABLE kept (value TEXT)"))
        connection.execute(text("INSERT INTO kept VALUES ('written before')"))
    existing.dispose()
    engine = store_templates.engine(sqlite_url, "reference", reference_store)
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT value FROM kept")) == "written before"
        assert _partners(engine) > 0
    finally:
        engine.dispose()


def test_the_processes_of_one_run_build_each_template_once(store_url, tmp_path):
    """Two workers of one run (here two threads, each with its own lock file handle, as two
    processes would have) ask for the same kind at once: one builds it, both get a copy, and
    the run's end drops it."""
    from tests.conftest import POSTGRES_ADMIN_URL

    shared = tmp_path / "shared"
    shared.mkdir()
    run = uuid.uuid4().hex[:12]
    workers = [StoreTemplates(shared, POSTGRES_ADMIN_URL, run_id=run) for _ in range(2)]
    builds: list[int] = []

    def build(engine) -> None:
        builds.append(1)
        reference_store(engine)

    postgres = not store_url.startswith("sqlite")
    targets = []
    for n in range(2):
        if postgres:
            name = f"democratic_test_{uuid.uuid4().hex[:12]}"
            workers[0]._admin(f'CREATE DATABASE "{name}"')
            targets.append(workers[0]._url(name))
        else:
            targets.append(f"sqlite:///{tmp_path / f'worker{n}.sqlite3'}")
    copies: list = [None, None]

    def work(n: int) -> None:
        copies[n] = workers[n].engine(targets[n], "shared-kind", build)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(builds) == 1
        assert all(_partners(copy) > 0 for copy in copies)
    finally:
        for copy in copies:
            if copy is not None:
                copy.dispose()
        if postgres:
            for target in targets:
                workers[0]._admin(f'DROP DATABASE IF EXISTS "{make_url(target).database}"')
    if postgres:
        template = workers[0].postgres_databases["shared-kind"]
        assert workers[1]._exists(template)
        workers[1].drop_run()
        assert not workers[0]._exists(template)
