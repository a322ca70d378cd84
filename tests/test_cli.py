"""The `democratic` command line, run as a user runs it (a real process, real environment)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run(args, tmp_path, database_url=None):
    env = {**os.environ, "DEMOCRATIC_INSTANCE_PATH": str(tmp_path / "instance")}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_init_db_then_demo_on_the_default_sqlite_store(tmp_path):
    first = run(["init-db", "--demo-if-empty"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Données de démonstration chargées" in first.stdout
    assert (tmp_path / "instance" / "democratic.sqlite3").exists()
    again = run(["init-db", "--demo-if-empty"], tmp_path)
    assert again.returncode == 0
    assert "Données de démonstration" not in again.stdout  # not loaded twice


def test_demo_with_a_size_and_reset(tmp_path, store_url):
    result = run(["demo", "--observations", "5000", "--reset"], tmp_path, store_url)
    assert result.returncode == 0, result.stderr
    assert "observations" in result.stdout
    refused = run(["demo"], tmp_path, store_url)
    assert refused.returncode == 1
    assert "--reset" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.parametrize(
    ("args", "url", "expected"),
    [
        (["init-db"], "postgresql+psycopg://nobody@127.0.0.1:1/none", "injoignable"),
        (["init-db"], "pas-une-url", "DATABASE_URL invalide"),
        (["demo", "--observations", "-3"], None, "-3"),
        (["serve", "--port", "99999"], None, "99999"),
        (["commande-inconnue"], None, "commande-inconnue"),
    ],
)
def test_errors_end_with_one_line_and_a_non_zero_exit(tmp_path, args, url, expected):
    result = run(args, tmp_path, url)
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_store_of_a_newer_schema_version_is_refused(tmp_path, sqlite_url):
    from sqlalchemy import create_engine, text

    assert run(["init-db"], tmp_path, sqlite_url).returncode == 0
    engine = create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    engine.dispose()
    result = run(["init-db"], tmp_path, sqlite_url)
    assert result.returncode == 1
    assert "plus récente" in result.stderr
    assert "Traceback" not in result.stderr
