"""Opening the store and bringing its schema to the current version with Alembic."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from data.store_errors import StoreError as StoreError  # raised here, caught by callers
from data.version_memo import forget_versions_seen

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
RECYCLE_SECONDS = 1800


def make_engine(database_url: str, **kwargs) -> Engine:
    """Create an engine; SQLite gets foreign keys on and a file directory that exists."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            # WAL lets the web workers read while an import writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    # No ping before each use: it was one more round trip on every request, even one answered
    # from the cache. A connection cut by a server restart fails at its first statement; the
    # pool is then emptied of every older connection and a request that only read is run again
    # on a fresh one (dashboard.read_retry). Connections are also renewed after half an hour, so
    # that none outlives an idle timeout of the server or of a firewall between the two.
    kwargs.setdefault("pool_pre_ping", False)
    kwargs.setdefault("pool_recycle", RECYCLE_SECONDS)
    return create_engine(url, **kwargs)


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Create the schema, or upgrade an existing store to the code's version without losing data."""
    current = current_revision(engine)
    if current is not None and not _is_known_revision(current):
        raise StoreError(
            f"Le stockage est à une version de schéma plus récente ({current}) que ce logiciel : "
            "mettez le logiciel à jour."
        )
    command.upgrade(alembic_config(engine), "head")


def _is_known_revision(revision: str) -> bool:
    script = ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def has_table(engine: Engine, name: str) -> bool:
    return inspect(engine).has_table(name)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


DATA_VERSION_KEY = "data_version"


def bump_data_version(session: Session, changes: Mapping | None = None) -> None:
    """Mark the facts as changed; every load, undo or approval calls this, so that caches of
    aggregates (keyed on the version) are invalidated on every process at once. `changes`: the
    observations changed, when the caller knows them (`rollup.changes_of`; None: unknown)."""
    from data.models import StoreInfo
    from data.rollup import mark_changed
    from data.write_lock import hold_writer_lock

    # Loads, approvals and undos hold the writer's lock from their start; any other writer takes
    # it here, so that two changes never bump the version (or rebuild summaries) side by side.
    hold_writer_lock(session)
    info = session.get(StoreInfo, DATA_VERSION_KEY, populate_existing=True)
    # The summary tables are brought up to date in the same transaction, just before it commits.
    mark_changed(session, info.value if info else "0", changes)
    if info is None:
        session.add(StoreInfo(key=DATA_VERSION_KEY, value="1"))
    else:
        info.value = str(int(info.value) + 1)
    # This process sees its own change at once (data.version_memo keeps the version read for a
    # moment): it forgets the version now and again once the change is committed, so that no
    # read made in between is kept.
    forget_versions_seen()
    if not event.contains(session, "after_commit", _forget_after_commit):
        event.listen(session, "after_commit", _forget_after_commit)


def _forget_after_commit(_session: Session) -> None:
    forget_versions_seen()


def data_version(connection) -> str:
    # Read by every request (the keys of cached answers hold it): the statement is built once.
    return connection.scalar(_data_version_statement()) or "0"


def read_data_version(engine: Engine) -> str:
    """The data version, read on a connection of its own outside any transaction: a single
    round trip (no BEGIN before it nor ROLLBACK when the connection goes back to the pool)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        return data_version(connection)


@functools.cache
def _data_version_statement():
    from sqlalchemy import select

    from data.models import StoreInfo

    return select(StoreInfo.value).where(StoreInfo.key == DATA_VERSION_KEY)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed together, or not at all."""
    with session_factory(engine)() as session, session.begin():
        yield session
