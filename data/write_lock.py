"""One writer at a time: every load, approval and undo of the store holds one store-wide lock
from its start until its transaction ends.

Why one lock for the whole store rather than row locks (`SELECT … FOR UPDATE`): what a load
replaces is decided by reading the stored rows that share its natural keys, and a row that does
not exist yet cannot be locked. Two loads of the same new keys would both believe they create
them; the second would then take the first one's rows over without recording them, and undoing
it would delete rows it never wrote. Each load also rewrites the summary tables and bumps the
data version, which any two concurrent loads would race on. Loads are rare next to reads, and
reads never wait for the lock (PostgreSQL's snapshots, SQLite's WAL), so serialising writers
costs users nothing they can see, and makes check-and-write under the lock easy to prove right.

- PostgreSQL: a transaction-level advisory lock (`pg_advisory_xact_lock`), released by the
  commit or rollback itself, so no code path can forget it.
- SQLite: the database's own write lock, taken up front with `BEGIN IMMEDIATE` (pysqlite would
  otherwise begin a deferred transaction at the first write, after the reads that decide it).

A second writer waits for the first; past `WAIT_SECONDS` it gets `StoreBusy`, whose message
tells the user to retry. Nothing is ever merged behind anyone's back.
"""

from __future__ import annotations

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from data.store_errors import StoreError

# How long a second writer waits for the first before being told to retry. Long enough for an
# ordinary load to finish; bounded so that a request never hangs on a stuck writer.
WAIT_SECONDS = 60.0
# Any constant shared by every process of the app: the store has one writer's lock.
ADVISORY_KEY = 0x64656D6F  # "demo", as in democraTIC
# PostgreSQL's SQLSTATE for "lock_timeout expired". (The engine keeps PostgreSQL's default READ
# COMMITTED: every statement after the lock reads what the previous writer committed.)
_LOCK_NOT_AVAILABLE = "55P03"
_HELD = "data.write_lock.held"


class StoreBusy(StoreError):
    """Another load, approval or undo is still writing; nothing was changed."""

    def __init__(self, wait_seconds: float) -> None:
        super().__init__(
            "Un autre chargement, une approbation ou une annulation est en cours d'écriture ; "
            f"après {wait_seconds:g} s d'attente, rien n'a été modifié : réessayez dans un moment."
        )


def hold_writer_lock(session: Session, wait_seconds: float | None = None) -> None:
    """Take the store's writer lock for the rest of this session's transaction, waiting for
    another writer at most `wait_seconds`. Every statement after it sees the store as the
    previous writer left it (PostgreSQL: each statement reads the latest commits; SQLite: the
    transaction starts here); ORM objects loaded before must be read again
    (`populate_existing`), as `data.importing.load_writes` does."""
    session.flush()
    connection = session.connection()  # begins the session's transaction if it has not yet
    if session.info.get(_HELD) is session.get_transaction():
        return  # taken already by this transaction
    wait = WAIT_SECONDS if wait_seconds is None else wait_seconds
    milliseconds = max(1, int(wait * 1000))
    try:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_KEY})")
            connection.exec_driver_sql("SET LOCAL lock_timeout TO DEFAULT")
        elif connection.dialect.name == "sqlite":
            _begin_immediate(connection, milliseconds)
    except OperationalError as error:
        if _is_lock_timeout(error):
            raise StoreBusy(wait) from error
        raise
    session.info[_HELD] = session.get_transaction()


def _begin_immediate(connection, milliseconds: int) -> None:
    dbapi = connection.connection.dbapi_connection
    if dbapi.in_transaction:
        # pysqlite only opens a transaction for a write: this one already holds the lock.
        return
    (previous,) = dbapi.execute("PRAGMA busy_timeout").fetchone()
    dbapi.execute(f"PRAGMA busy_timeout = {milliseconds}")
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        dbapi.execute(f"PRAGMA busy_timeout = {int(previous)}")


def _is_lock_timeout(error: OperationalError) -> bool:
    if getattr(error.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
        return True
    # SQLite: SQLITE_BUSY once the busy timeout has run out.
    return "database is locked" in str(error.orig)
