"""A PostgreSQL restart (every connection of the app terminated) costs no error once the server
is back: a real server, real threads of traffic, real `pg_terminate_backend` from an admin
connection in the middle of it."""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import dataclass, field

import pytest
from sqlalchemy import create_engine, text

from dashboard.app import create_app
from dashboard.settings import Settings
from data import demo
from tests.callback_requests import Requests
from tests.conftest import LiveServer
from tests.store_templates import reference_store

THREADS = 4
ROUNDS = 3  # terminations
REQUESTS_BETWEEN = 12  # per thread, after each termination


@dataclass
class Traffic:
    """Requests answered, each with the termination round it started after."""

    answers: list[tuple[int, int, str]] = field(default_factory=list)
    round: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, started_in: int, status: int, what: str) -> None:
        with self.lock:
            self.answers.append((started_in, status, what))


def _small_store(engine) -> None:
    reference_store(engine)
    demo.generate(engine, observations=3000)


@pytest.fixture
def postgres_app(postgres_url, tmp_path, store_templates):
    # Built once per run, copied for each test.
    store_templates.engine(postgres_url, "demo-3000", _small_store).dispose()
    settings = Settings(database_url=postgres_url, instance_path=tmp_path / "instance")
    return create_app(settings)


def _terminate_app_connections(postgres_url: str) -> int:
    """What a PostgreSQL restart does to the app: every one of its connections is cut."""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        cut = connection.scalar(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    admin.dispose()
    return cut


def _requests(app) -> list[tuple[str, str, bytes | None]]:
    """Pages and callbacks that read the store: (method, path, body)."""
    client = app.server.test_client()
    maker = Requests(client)
    bodies = [
        ("POST", "/_dash-update-component", json.dumps(maker.page_body(path, query)).encode())
        for path in maker.page_paths
        for query in ("", "?debut=2012-03&fin=2012-06")
    ]
    return [("GET", "/explorer?pas=trimestre", None), ("GET", "/_dash-layout", None), *bodies]


def test_terminated_connections_cost_no_error(postgres_app, postgres_url):
    requests = _requests(postgres_app)
    traffic = Traffic()
    with LiveServer(postgres_app) as server:
        port = int(server.url.rsplit(":", 1)[1])
        go_on = [threading.Event() for _ in range(ROUNDS + 1)]

        def visitor(number: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            for current in range(ROUNDS + 1):
                go_on[current].wait(timeout=300)
                for step in range(REQUESTS_BETWEEN):
                    method, path, body = requests[(number + step) % len(requests)]
                    headers = {"Content-Type": "application/json"} if body else {}
                    started_in = traffic.round
                    connection.request(method, path, body=body, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    traffic.record(started_in, response.status, path)
            connection.close()

        threads = [threading.Thread(target=visitor, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        go_on[0].set()
        cut = 0
        for current in range(1, ROUNDS + 1):
            # Mid-traffic: as soon as the visitors have made some requests of this round.
            while len(traffic.answers) < current * THREADS * 3:
                threading.Event().wait(0.01)
            cut += _terminate_app_connections(postgres_url)
            traffic.round = current
            go_on[current].set()
        for thread in threads:
            thread.join(timeout=600)
    assert cut > 0, "no connection of the app was open to be terminated"
    after = [a for a in traffic.answers if a[0] >= 1]
    assert len(after) >= ROUNDS * THREADS * REQUESTS_BETWEEN // 2
    failures = [a for a in traffic.answers if a[1] >= 500]
    assert not failures, failures[:5]
    assert {status for _, status, _ in traffic.answers} == {200}


def test_a_database_that_stays_down_gets_a_french_503_not_a_500(tmp_path):
    # Nothing listens on port 1: every connection attempt is refused, as during a restart.
    settings = Settings(
        database_url="postgresql+psycopg://postgres@127.0.0.1:1/absente",
        instance_path=tmp_path / "instance",
    )
    client = create_app(settings).server.test_client()
    page = client.get("/explorer")
    assert page.status_code == 503
    assert page.headers["Retry-After"] == "5"
    text = page.get_data(as_text=True)
    assert "la base de données ne répond pas" in text
    assert "psycopg" not in text and "127.0.0.1" not in text
    callback = client.post("/_dash-update-component", json={"output": "x"})
    assert callback.status_code == 400  # refused before any database work
