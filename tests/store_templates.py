"""Stores built once per test run and copied for each test.

Building a store (migrations, reference data, demonstration data) costs far more than copying
one, and about a hundred tests start from the same store. Each kind of store is built once per
run and backend, then every test gets its own copy: a file copy on SQLite, a database created
from a template on PostgreSQL. A copy is as independent as a store built from scratch, so no
test sees another's writes.

When the run is shared out between processes (pytest-xdist's workers), the templates are still
built once per run: they live in a folder every worker sees and under names that hold the run's
id, and a file lock per template lets the first worker that needs one build it while the others
wait, then copy it. The run's controlling process drops them when every worker is done
(`drop_run`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Engine, NullPool, create_engine, text
from sqlalchemy.engine import make_url

from data import demo
from data.reference_loading import load_reference
from data.store import make_engine, transaction, upgrade

Build = Callable[[Engine], object]


def reference_store(engine: Engine) -> None:
    """An empty store at the current schema version, with the programme's reference data."""
    upgrade(engine)
    with transaction(engine) as session:
        load_reference(session)


def demonstration_store(engine: Engine) -> None:
    """The reference store, then the demonstration data (as `demo_engine` always built it)."""
    reference_store(engine)
    demo.generate(engine)


def generated_demonstration_store(engine: Engine) -> None:
    """The demonstration data generated into a new store, as `democratic demo` does (the
    reference data come in the same transaction)."""
    upgrade(engine)
    demo.generate(engine)


TEMPLATE_PREFIX = "democratic_tpl_"


class StoreTemplates:
    """The stores of a test run, by kind and backend; `drop` removes the PostgreSQL ones.

    `directory` may be shared by several processes of one run, which then give the same
    `run_id`: each template is built by one of them only (see the module's docstring)."""

    def __init__(self, directory: Path, postgres_admin_url: str, run_id: str | None = None) -> None:
        self.directory = directory
        self.admin_url = make_url(postgres_admin_url)
        self.run_id = run_id or uuid.uuid4().hex[:12]
        self.sqlite_files: dict[str, Path] = {}
        self.postgres_databases: dict[str, str] = {}

    def engine(self, url: str, kind: str, build: Build) -> Engine:
        """An engine on a copy of the `kind` store (made by `build` the first time) at `url`.

        The store at `url` must not have been used yet: a file that does not exist, or a
        PostgreSQL database just created, with no table and nobody connected. One that already
        holds something is built in place by `build` instead, as before copies: nothing written
        there is lost."""
        target = make_url(url)
        if target.get_backend_name() == "sqlite":
            copied = self._sqlite_copy(Path(target.database), kind, build)
        else:
            copied = self._postgres_copy(target.database, kind, build)
        engine = make_engine(url)
        if not copied:
            build(engine)
        return engine

    @contextlib.contextmanager
    def _building(self, kind: str, backend: str) -> Iterator[None]:
        """Held while a template is looked for and, if missing, built: by one process at once."""
        with open(self.directory / f"{kind}.{backend}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _sqlite_copy(self, path: Path, kind: str, build: Build) -> bool:
        if path.exists():
            return False
        if kind not in self.sqlite_files:
            template = self.directory / f"{kind}.sqlite3"
            with self._building(kind, "sqlite"):
                if not template.exists():
                    # Built beside, then moved into place: no process ever copies half a store.
                    building = template.with_name(f"{template.name}.{os.getpid()}.building")
                    engine = make_engine(f"sqlite:///{building}")
                    build(engine)
                    # Closing the last connection checkpoints the write-ahead log into the file.
                    engine.dispose()
                    assert not Path(f"{building}-wal").exists(), "write-ahead log left beside"
                    os.replace(building, template)
            self.sqlite_files[kind] = template
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.sqlite_files[kind], path)
        return True

    def _postgres_copy(self, name: str, kind: str, build: Build) -> bool:
        if not self._is_unused(name):
            return False
        if kind not in self.postgres_databases:
            template = f"{TEMPLATE_PREFIX}{self.run_id}_{kind}"
            with self._building(kind, "postgresql"):
                if not self._exists(template):
                    self._admin(f'CREATE DATABASE "{template}"')
                    try:
                        engine = make_engine(self._url(template))
                        build(engine)
                        # A database with any open connection cannot be copied.
                        engine.dispose()
                    except BaseException:
                        # Never left half built for the next process to copy.
                        self._admin(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
                        raise
            self.postgres_databases[kind] = template
        # The empty database is replaced by a copy (nobody is connected to either).
        self._admin(f'DROP DATABASE "{name}"')
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.postgres_databases[kind]}"')
        return True

    def _is_unused(self, name: str) -> bool:
        engine = create_engine(self._url(name), poolclass=NullPool)
        try:
            with engine.connect() as connection:
                others = connection.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
                tables = connection.scalar(
                    text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                )
        finally:
            engine.dispose()
        return not others and not tables

    def _exists(self, database: str) -> bool:
        admin = create_engine(self.admin_url, poolclass=NullPool)
        try:
            with admin.connect() as connection:
                found = connection.scalar(
                    text("SELECT count(*) FROM pg_database WHERE datname = :name"),
                    {"name": database},
                )
        finally:
            admin.dispose()
        return bool(found)

    def drop(self) -> None:
        for template in self.postgres_databases.values():
            self._admin(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        self.postgres_databases.clear()

    def drop_run(self) -> None:
        """Drop every PostgreSQL template of this run, whichever process built it."""
        admin = create_engine(self.admin_url, poolclass=NullPool)
        try:
            with admin.connect() as connection:
                names = connection.scalars(
                    text("SELECT datname FROM pg_database WHERE starts_with(datname, :prefix)"),
                    {"prefix": f"{TEMPLATE_PREFIX}{self.run_id}_"},
                ).all()
        finally:
            admin.dispose()
        for name in names:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.postgres_databases.clear()

    def _url(self, database: str) -> str:
        return self.admin_url.set(database=database).render_as_string(hide_password=False)

    def _admin(self, statement: str) -> None:
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with admin.connect() as connection:
                connection.execute(text(statement))
        finally:
            admin.dispose()
