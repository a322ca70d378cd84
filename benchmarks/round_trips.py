"""`python -m benchmarks.round_trips`: how many times a request waits for the database.

A debugging tool, not a stage of `make bench`: the app runs in this process, on a benchmark
store (benchmarks/stores.py), the workload's callbacks are asked once (so that their answers
are kept), then asked again while counting, per request:

- the statements SQLAlchemy sends (an event listener on every engine, both backends);
- on PostgreSQL, the messages the driver sends (libpq's own trace): each simple "Query" (BEGIN,
  ROLLBACK, a pool's ping) and each "Sync" (a statement with parameters) is one round trip.

Nothing of this is in the app's code: the listeners and the trace are set up here only.
"""

from __future__ import annotations

import argparse
import collections
import logging
import os
import random
import sys
import tempfile
import threading
import time

import requests
import sqlalchemy.pool
from sqlalchemy import event

from benchmarks import load
from benchmarks.stores import ensure_store
from benchmarks.workload import Discovery, build_workload


class Counter:
    """Statements and protocol messages seen since the last `take()`."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self._trace = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed with the process
        event.listen(sqlalchemy.pool.Pool, "connect", self._on_connect)
        event.listen(sqlalchemy.engine.Engine, "before_cursor_execute", self._on_statement)

    def _on_connect(self, dbapi_connection, _record) -> None:
        pgconn = getattr(dbapi_connection, "pgconn", None)  # psycopg: PostgreSQL
        if pgconn is not None:
            from psycopg import pq

            pgconn.trace(self._trace.fileno())
            pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)

    def _on_statement(self, _connection, _cursor, statement, *_rest) -> None:
        self.statements.append(" ".join(statement.split())[:80])

    def take(self) -> tuple[list[str], collections.Counter]:
        """The statements and the driver's messages (by type) since the last call."""
        self._trace.flush()
        self._trace.seek(0)
        messages: collections.Counter = collections.Counter()
        for line in self._trace.read().splitlines():
            parts = line.split("\t")
            if len(parts) > 2 and parts[0] == "F":  # sent by the client (F: frontend)
                messages[parts[2].split(" ")[0]] += 1
        self._trace.seek(0)
        self._trace.truncate()
        statements, self.statements = self.statements, []
        return statements, messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.round_trips", description=__doc__)
    parser.add_argument("--backend", default="postgresql", choices=("sqlite", "postgresql"))
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    store = ensure_store(args.backend, args.size)
    counter = Counter()
    os.environ.update(
        DATABASE_URL=store.url,
        DEMOCRATIC_DEBUG="0",
        DEMOCRATIC_INSTANCE_PATH=tempfile.mkdtemp(prefix="round-trips-"),
        SECRET_KEY=os.environ.get("SECRET_KEY", "round-trips-only"),
    )
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request

    from dashboard.app import create_app, finish_setup
    from dashboard.settings import Settings

    app = create_app(Settings.from_env())
    finish_setup(app.server)
    server = make_server("127.0.0.1", 0, app.server, threaded=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_port}"
    workload = build_workload(Discovery(base_url), variants=3, seed=args.seed)
    workload = [r for r in workload if r.body is not None]
    random.Random(args.seed).shuffle(workload)
    http = requests.Session()
    for request in workload:  # every answer computed and kept
        load.send(http, base_url, request, figures=False)
    counter.take()
    samples = []
    started = time.perf_counter()
    for index in range(args.requests):
        samples.append(load.send(http, base_url, workload[index % len(workload)], figures=False))
    seconds = time.perf_counter() - started
    statements, messages = counter.take()
    server.shutdown()
    count = len(samples)
    server_ms = [s.server_ms for s in samples if s.server_ms is not None]
    print(f"{args.backend}, {store.observations} observations: {count} callbacks already kept")
    print(f"  statuses: {dict(collections.Counter(s.status for s in samples))}")
    print(f"  statements per request: {len(statements) / count:.2f}")
    for statement, times in collections.Counter(statements).most_common(5):
        print(f"    {times:5d} × {statement}")
    if messages:
        trips = messages["Query"] + messages["Sync"]
        print(f"  round trips per request: {trips / count:.2f} ({dict(messages)})")
    print(
        f"  server (Server-Timing) p50 {load.percentile(server_ms, 50):.2f} ms, "
        f"p95 {load.percentile(server_ms, 95):.2f} ms; {count / seconds:.0f} requests/s from "
        "one client"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
