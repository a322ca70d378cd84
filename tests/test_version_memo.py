"""Reference reads kept per data version: read once per version, never shared mutably, read
again when the version changes, and read every time on a connection without one."""

from __future__ import annotations

import pytest
from sqlalchemy import event, update

from data import queries
from data.models import Indicator
from data.version_memo import forget_version, remember_version


def counting_statements(engine) -> list[str]:
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    return statements


def label(rows: list[dict], code: str) -> str:
    return next(r["label_fr"] for r in rows if r["code"] == code)


def test_a_read_is_made_once_per_data_version(engine):
    statements = counting_statements(engine)
    with engine.connect() as connection:
        remember_version(connection, "7")
        first = queries.indicators(connection, "essonne")
        read = len(statements)
        again = queries.indicators(connection, "essonne")
        assert len(statements) == read  # from memory
        assert again == first
        queries.indicators(connection, "paris")  # other arguments: another read
        assert len(statements) == read + 1
        forget_version(connection)


def test_callers_cannot_change_what_the_next_one_reads(engine):
    with engine.connect() as connection:
        remember_version(connection, "7")
        first = queries.indicators(connection, "essonne")
        with pytest.raises(TypeError):  # indicators are read-only records
            first[0]["label_fr"] = "changé"
        first.clear()
        again = queries.indicators(connection, "essonne")
        assert again and again[0]["label_fr"] != "changé"
        # Reads of plain rows give each caller its own copies.
        categories = queries.categories(connection)
        categories[0]["label_fr"] = "changé"
        assert queries.categories(connection)[0]["label_fr"] != "changé"
        forget_version(connection)


def test_a_new_version_reads_again_and_no_version_always_reads(engine):
    code = "essonne_ateliers_tenus"
    with engine.connect() as connection:
        remember_version(connection, "7")
        before = label(queries.indicators(connection, "essonne"), code)
        forget_version(connection)
    with engine.begin() as connection:
        connection.execute(
            update(Indicator).where(Indicator.code == code).values(label_fr="Ateliers (corrigé)")
        )
    statements = counting_statements(engine)
    with engine.connect() as connection:
        remember_version(connection, "7")
        assert label(queries.indicators(connection, "essonne"), code) == before  # same version
        remember_version(connection, "8")
        assert label(queries.indicators(connection, "essonne"), code) == "Ateliers (corrigé)"
        forget_version(connection)
        read = len(statements)
        queries.indicators(connection, "essonne")
        queries.indicators(connection, "essonne")
        assert len(statements) == read + 2
