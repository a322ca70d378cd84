"""Login attempts are counted in the store, so that every process sees them: two app instances
on one store (as two gunicorn workers, or two hosts) share the documented limits — 5 a minute and
30 an hour per address, 20 an hour per account — on SQLite and PostgreSQL.

Time is moved by changing the moments recorded for the attempts, never by sleeping.
"""

from __future__ import annotations

import datetime as dt
import uuid
from itertools import cycle

import pytest
from sqlalchemy import func, select

from dashboard.app import create_app
from dashboard.settings import Settings
from data import login_attempts, users
from data.account_sessions import utc
from data.models import LoginAttempt
from data.store import session_factory, transaction
from tests.accounts import PASSWORD, log_in

MANAGER = "charge@example.org"
WRONG = "pas le bon mot de passe"


@pytest.fixture
def store(engine):
    with transaction(engine) as session:
        users.create_user(session, MANAGER, PASSWORD, "charge_de_mission")
    return engine


@pytest.fixture
def two_apps(store, tmp_path):
    """Two app instances on one store: what two workers are, each with its own memory."""
    settings = Settings(
        database_url=store.url.render_as_string(hide_password=False),
        instance_path=tmp_path / "instance",
    )
    return create_app(settings), create_app(settings)


def _clients(apps, address: str = "192.0.2.10"):
    clients = [app.server.test_client() for app in apps]
    for client in clients:
        client.environ_base["REMOTE_ADDR"] = address
    return clients


def _move_attempts_back(store, by: dt.timedelta) -> None:
    with transaction(store) as session:
        for attempt in session.scalars(select(LoginAttempt)):
            attempt.attempted_at = utc(attempt.attempted_at) - by


def _recorded(store) -> int:
    with session_factory(store)() as session:
        return session.scalar(select(func.count()).select_from(LoginAttempt))


def test_two_workers_share_the_per_minute_limit_of_an_address(two_apps, store):
    clients = cycle(_clients(two_apps))
    statuses = [log_in(next(clients), MANAGER, WRONG).status_code for _ in range(6)]
    # Each instance saw three attempts; together they are six, one too many.
    assert statuses == [401] * 5 + [429]
    blocked = log_in(next(clients), MANAGER)  # even the right password waits
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.get_data(as_text=True)
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    # Refused attempts are not recorded: they do not make the wait longer.
    assert _recorded(store) == 5
    _move_attempts_back(store, dt.timedelta(seconds=61))
    assert log_in(next(clients), MANAGER).status_code == 303


def test_two_workers_share_the_hourly_limit_of_an_address(two_apps, store):
    clients = cycle(_clients(two_apps))
    # 5 attempts a minute, for 6 minutes: 30 in the hour (on 30 accounts, to stay under the
    # limit per account).
    for minute in range(6):
        statuses = [
            log_in(next(clients), f"compte{minute}.{n}@example.org", WRONG).status_code
            for n in range(5)
        ]
        assert statuses == [401] * 5
        _move_attempts_back(store, dt.timedelta(minutes=2))
    refused = log_in(next(clients), MANAGER)
    assert refused.status_code == 429
    # The oldest attempt is now 12 minutes old: room again in 48 minutes.
    assert 47 * 60 <= int(refused.headers["Retry-After"]) <= 48 * 60
    _move_attempts_back(store, dt.timedelta(minutes=60))
    assert log_in(next(clients), MANAGER).status_code == 303
    # Attempts older than an hour are pruned as new ones come (this one stays on record).
    assert _recorded(store) == 1


def test_two_workers_share_the_hourly_limit_of_an_account_across_addresses(two_apps, store):
    apps = cycle(two_apps)
    for number in range(20):
        [client] = _clients([next(apps)], address=f"198.51.100.{number + 1}")
        assert log_in(client, MANAGER, WRONG).status_code == 401
    [fresh] = _clients([next(apps)], address="203.0.113.7")
    assert log_in(fresh, MANAGER).status_code == 429
    # Another account from that address is not held back by this one's attempts.
    assert log_in(fresh, "autre@example.org", WRONG).status_code == 401
    # The account as typed, whatever its case and spaces, is the same account.
    [other] = _clients([next(apps)], address="203.0.113.8")
    assert log_in(other, "  Charge@Example.org ", WRONG).status_code == 429


def test_attempts_keep_neither_the_address_nor_what_was_typed(two_apps, store):
    [client] = _clients(two_apps[:1])
    log_in(client, "mot de passe tapé ici par erreur", WRONG)
    with session_factory(store)() as session:
        attempt = session.scalars(select(LoginAttempt)).one()
    stored = f"{attempt.address_key} {attempt.account_key}"
    assert "192.0.2.10" not in stored and "erreur" not in stored
    assert len(attempt.address_key) == len(attempt.account_key) == 64


def test_racing_attempts_for_the_last_place_are_never_both_let_through(store):
    """Two workers record their attempts for the fifth place before either counts: the first to
    count sees six and is refused (its record removed), the second then sees five and goes on.
    One of them, never both."""
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    address, account = "a" * 64, "b" * 64
    with transaction(store) as session:
        for _ in range(4):
            attempt = login_attempts.record(session, address, account, now)
            assert login_attempts.over_limit(session, attempt, address, account, now) is None
    with transaction(store) as session:
        first = login_attempts.record(session, address, account, now)
    with transaction(store) as session:
        second = login_attempts.record(session, address, account, now)
    with transaction(store) as session:
        assert login_attempts.over_limit(session, first, address, account, now) == 60
    with transaction(store) as session:
        # The first one's record is gone: the second is the fifth, and goes on.
        assert login_attempts.over_limit(session, second, address, account, now) is None


def test_with_redis_configured_attempts_are_still_counted_in_the_store(store, tmp_path):
    """One mechanism whether or not Redis is there (Redis keeps the cache only): the count never
    falls back to one process's memory."""
    import redis

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        from tests.conftest import unavailable

        unavailable("Redis indisponible")
    settings = Settings(
        database_url=store.url.render_as_string(hide_password=False),
        instance_path=tmp_path / "instance",
        redis_url=url,
        cache_prefix=f"test-login-{uuid.uuid4().hex}",
    )
    clients = cycle(_clients([create_app(settings), create_app(settings)]))
    statuses = [log_in(next(clients), MANAGER, WRONG).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    assert _recorded(store) == 5


def test_two_gunicorn_workers_let_no_more_than_five_attempts_a_minute_through(store):
    """Real processes, as in production: attempts sent two at a time, so that both sync workers
    answer. Whatever worker gets which attempt, five at most reach the password check."""
    import http.client
    import re
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import urlencode

    from benchmarks.server import GunicornServer

    url = store.url.render_as_string(hide_password=False)
    with GunicornServer(url, workers=2) as server:
        assert len(server.worker_pids()) == 2

        def attempt(_number: int) -> int:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            try:
                connection.request("GET", "/connexion")
                response = connection.getresponse()
                html = response.read().decode()
                cookie = response.headers["Set-Cookie"].split(";")[0]
                token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
                form = {"email": MANAGER, "password": WRONG, "csrf_token": token}
                connection.request(
                    "POST",
                    "/connexion",
                    body=urlencode(form),
                    headers={
                        "Cookie": cookie,
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                )
                response = connection.getresponse()
                response.read()
                return response.status
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=2) as pool:
            statuses = list(pool.map(attempt, range(12)))
    assert set(statuses) == {401, 429}
    assert statuses.count(401) <= 5 and statuses[-1] == 429
    assert _recorded(store) == statuses.count(401)
