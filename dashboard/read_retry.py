"""A request that lost its database connection is run again, when it only read.

A pooled connection is not checked before use (data.store.make_engine: no ping, one round trip
saved on every request), so one that died while idle in the pool (PostgreSQL restarted, or
`pg_terminate_backend`) fails at its first statement, as one cut under a request in flight does.
SQLAlchemy then marks the connection (and the pool's older ones) invalid; a request that wrote
nothing is simply run again on a fresh connection. One that committed, or was committing, is never run twice: it gets a 503
and the person is told to try again. If the server stays down, the answer is a 503 too, never a
500 with the driver's message.
"""

from __future__ import annotations

import logging

import flask
from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError, OperationalError

from dashboard.security import error_response

log = logging.getLogger(__name__)

ATTEMPTS = 3  # the first and two more: a pool refilled after a restart needs at most one
WROTE = "democratic_committed"
UNAVAILABLE = (
    "Service momentanément indisponible : la base de données ne répond pas. Réessayez dans "
    "quelques instants."
)


class _LostConnection(Exception):
    """Carries a lost-connection error out of Flask's error handling, back to the retry loop."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


def lost_connection(error: BaseException | None) -> bool:
    """True when `error`, or an error it was raised from, is a connection that died."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def register(server: flask.Flask, engine: Engine) -> None:
    @event.listens_for(engine, "commit")
    def _mark_written(_connection) -> None:
        # Before the COMMIT is sent: a commit cut short counts as written (never run twice).
        if flask.has_request_context():
            setattr(flask.g, WROTE, True)

    handle_user_exception = server.handle_user_exception
    full_dispatch_request = server.full_dispatch_request

    def handle_or_retry(error: Exception):
        if lost_connection(error) and not flask.g.get(WROTE, False):
            raise _LostConnection(error)
        return handle_user_exception(error)

    def dispatch_with_retry():
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return full_dispatch_request()
            except _LostConnection as lost:
                log.warning(
                    "Connexion à la base perdue (%s %s, essai %d) : %s",
                    flask.request.method,
                    flask.request.path,
                    attempt,
                    type(lost.error).__name__,
                )
                if attempt == ATTEMPTS:
                    return server.finalize_request(handle_user_exception(lost.error))
        raise AssertionError("unreachable")  # pragma: no cover

    server.handle_user_exception = handle_or_retry
    server.full_dispatch_request = dispatch_with_retry

    @server.errorhandler(DBAPIError)
    def _database_unavailable(error: DBAPIError):
        if not (isinstance(error, OperationalError) or lost_connection(error)):
            # Any other driver error is a fault of ours: logged, answered as every other.
            log.exception("Erreur de la base sur %s %s", flask.request.method, flask.request.path)
            return error_response(500)
        log.error("Base de données indisponible sur %s : %s", flask.request.path, error.orig)
        response = error_response(503, UNAVAILABLE)
        response.headers["Retry-After"] = "5"
        return response
