"""The tests' store copies: each test's store is its own, and nothing already in a store is lost."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, func, select, text, update

from data.models import Partner
from data.store import transaction
from tests.store_templates import reference_store


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
