"""Sessions end on the server: after sign-out, a password change, disabling the account, an
administrator's request, idle expiry or the maximum age, a copy of the session cookie saved while
the session was live opens nothing — neither the whole-store export nor a data callback — through
the Flask test client and through raw HTTP against a live server, on SQLite and PostgreSQL.

Time is moved by changing the moments recorded for the session in the store, never by sleeping.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import re
from dataclasses import replace
from urllib.parse import urlencode, urlsplit

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.cli import main as cli
from dashboard.settings import Settings
from data import account_sessions, users
from data.models import AccountSession
from data.reference_loading import load_reference
from data.store import make_engine, session_factory, transaction, upgrade
from tests.accounts import (
    PASSWORD,
    UNPUBLISHED_PARTNER,
    add_unpublished_load,
    csrf_token,
    leaks,
    log_in,
    move_sessions_back,
)
from tests.conftest import LiveServer
from tests.test_access import _body

MANAGER = "charge@example.org"
NEW_PASSWORD = "un tout nouveau mot de passe"
COOKIE = "democratic_session"
EXPORT = "/donnees/export.zip"
CALLBACK = "/_dash-update-component"
ZIP_MAGIC = b"PK\x03\x04"
# Events that end a session because time passed: the page says "expired".
EXPIRY_EVENTS = {"inactivite", "duree_maximale"}


def _fill(engine) -> None:
    """A programme manager and a load only managers may see."""
    with transaction(engine) as session:
        users.create_user(session, MANAGER, PASSWORD, "charge_de_mission", display_name="Claire")
    add_unpublished_load(engine)


@pytest.fixture
def store(engine):
    """The store on both backends."""
    _fill(engine)
    return engine


def _closed_settings(engine, tmp_path) -> Settings:
    # The dashboard closed to the public: a refused session must get 401 or the login page.
    return Settings(
        database_url=engine.url.render_as_string(hide_password=False),
        instance_path=tmp_path / "instance",
        public_access=False,
    )


@pytest.fixture
def app_settings(store, tmp_path) -> Settings:
    return _closed_settings(store, tmp_path)


@pytest.fixture
def closed_app(app_settings):
    return create_app(app_settings)


# --- what a saved cookie opens


def _page_callback_body(client) -> dict:
    """The page-content callback for the partner page holding the unpublished figure."""
    spec = next(
        s
        for s in client.get("/_dash-dependencies").get_json()
        if any(i["id"] == "_pages_location" for i in s["inputs"])
    )
    return _body(
        spec,
        {
            ("_pages_location", "pathname"): f"/partenaires/{UNPUBLISHED_PARTNER}",
            ("_pages_location", "search"): "",
        },
    )


def _replayer(app, cookie: str):
    """A fresh client that has nothing but the saved cookie (as a thief would)."""
    client = app.server.test_client()
    client.set_cookie(COOKIE, cookie)
    return client


def _assert_opens(client, body: dict) -> None:
    export = client.get(EXPORT)
    assert export.status_code == 200 and export.data.startswith(ZIP_MAGIC)
    data = client.post(CALLBACK, json=body)
    assert data.status_code == 200 and leaks(data.get_data(as_text=True))


def _assert_refused(client, body: dict, expired: bool) -> None:
    export = client.get(EXPORT)
    assert export.status_code == 302, export.status_code
    location = export.headers["Location"]
    assert location.startswith("/connexion?")
    assert ("expiree=1" in location) is expired
    assert not export.data.startswith(ZIP_MAGIC)
    data = client.post(CALLBACK, json=body)
    assert data.status_code == 401
    assert data.get_json()["message"].startswith("Connexion requise")
    assert not leaks(data.get_data(as_text=True))


# --- the events


def _cli(settings: Settings, *args: str, stdin: str | None = None):
    result = CliRunner().invoke(
        cli, list(args), input=stdin, env={"DATABASE_URL": settings.database_url}
    )
    assert result.exit_code == 0, result.output
    return result.output


def _end_by(event: str, settings: Settings, store, sign_out) -> None:
    """Bring about `event` as it happens for real: the form, the command line, or time passing."""
    if event == "deconnexion":
        sign_out()
    elif event == "mot_de_passe":
        _cli(settings, "users", "set-password", MANAGER, "--password-stdin", stdin=NEW_PASSWORD)
    elif event == "desactivation":
        _cli(settings, "users", "disable", MANAGER)
    elif event == "administrateur":
        _cli(settings, "users", "end-sessions", MANAGER)
    elif event == "inactivite":  # 30 minutes without a request, by default
        move_sessions_back(store, MANAGER, idle=dt.timedelta(minutes=31))
    elif event == "duree_maximale":  # 12 hours after login, however active
        move_sessions_back(
            store, MANAGER, idle=dt.timedelta(0), age=dt.timedelta(hours=12, minutes=1)
        )
    else:  # pragma: no cover
        raise AssertionError(event)


def _recorded_end(store) -> str | None:
    with session_factory(store)() as session:
        return session.scalars(select(AccountSession.end_reason)).one()


# Sorted: every worker process of a run must collect the same tests in the same order.
EVENTS = ["deconnexion", "mot_de_passe", "desactivation", "administrateur", *sorted(EXPIRY_EVENTS)]


@pytest.mark.parametrize("event", EVENTS)
def test_a_saved_cookie_opens_nothing_once_the_session_ended(
    closed_app, app_settings, store, event
):
    client = closed_app.server.test_client()
    assert log_in(client, MANAGER).status_code == 303
    saved = client.get_cookie(COOKIE).value
    body = _page_callback_body(client)
    _assert_opens(_replayer(closed_app, saved), body)

    def sign_out():
        token = csrf_token(client, "/deconnexion")
        assert client.post("/deconnexion", data={"csrf_token": token}).status_code == 303

    _end_by(event, app_settings, store, sign_out)
    _assert_refused(_replayer(closed_app, saved), body, expired=event in EXPIRY_EVENTS)
    # The first request after an expiry ends the session in the store too, with its reason.
    assert _recorded_end(store) == event
    # Replayed again, later: still refused (an ended session never comes back).
    _assert_refused(_replayer(closed_app, saved), body, expired=False)


def test_on_the_public_dashboard_a_signed_out_cookie_is_a_public_visitor(app_settings, store):
    app = create_app(replace(app_settings, public_access=True))
    client = app.server.test_client()
    log_in(client, MANAGER)
    saved = client.get_cookie(COOKIE).value
    body = _page_callback_body(client)
    _assert_opens(_replayer(app, saved), body)
    client.post("/deconnexion", data={"csrf_token": csrf_token(client, "/deconnexion")})

    replayer = _replayer(app, saved)
    export = replayer.get(EXPORT)
    assert export.status_code == 403 and not export.data.startswith(ZIP_MAGIC)
    page = replayer.post(CALLBACK, json=body)
    assert page.status_code == 200 and not leaks(page.get_data(as_text=True))
    # The server also told the browser to drop the ended session's cookie.
    assert replayer.get_cookie(COOKIE) is None


def test_the_cookie_holds_the_session_id_only_and_the_store_its_hash(closed_app, store):
    client = closed_app.server.test_client()
    log_in(client, MANAGER)
    with client.session_transaction() as cookie_session:
        token = cookie_session["_user_id"]
        assert not {"connecte_le", "vu_le"} & set(cookie_session)
    with session_factory(store)() as session:
        record = session.scalars(select(AccountSession)).one()
    assert record.token_hash == account_sessions.token_hash(token) != token
    assert len(token) >= 43  # 256 random bits, URL-safe base64


def test_a_new_login_in_the_same_browser_ends_the_previous_session(closed_app, store):
    client = closed_app.server.test_client()
    log_in(client, MANAGER)
    first = client.get_cookie(COOKIE).value
    body = _page_callback_body(client)
    # Signed in, the login page redirects: the form is sent with the session's own token.
    form = {
        "email": MANAGER,
        "password": PASSWORD,
        "csrf_token": csrf_token(client, "/deconnexion"),
    }
    assert client.post("/connexion", data=form).status_code == 303
    assert client.get_cookie(COOKIE).value != first
    _assert_refused(_replayer(closed_app, first), body, expired=False)
    _assert_opens(_replayer(closed_app, client.get_cookie(COOKIE).value), body)


# --- raw HTTP against a live server


class RawClient:
    """HTTP/1.1 requests written by hand (no cookie jar, no redirects followed)."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port

    def request(self, method: str, path: str, cookie: str | None = None, body=None, **headers):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        if cookie:
            headers["Cookie"] = f"{COOKIE}={cookie}"
        if isinstance(body, dict) and "output" in body:
            body, headers["Content-Type"] = json.dumps(body), "application/json"
        elif isinstance(body, dict):
            body = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    @staticmethod
    def new_cookie(headers) -> str | None:
        for header in headers.get_all("Set-Cookie") or []:
            match = re.match(rf"{COOKIE}=([^;]*)", header)
            if match:
                return match.group(1)
        return None

    def token(self, path: str, cookie: str | None) -> tuple[str, str | None]:
        status, headers, html = self.request("GET", path, cookie)
        assert status == 200, status
        token = re.search(rb'name="csrf_token" value="([^"]+)"', html).group(1).decode()
        return token, self.new_cookie(headers) or cookie

    def sign_in(self, email: str) -> str:
        token, cookie = self.token("/connexion", None)
        form = {"email": email, "password": PASSWORD, "csrf_token": token, "suite": "/"}
        status, headers, _ = self.request("POST", "/connexion", cookie, form)
        assert status == 303, status
        return self.new_cookie(headers)


@pytest.mark.parametrize("event", EVENTS)
def test_a_replayed_cookie_is_refused_over_raw_http(closed_app, app_settings, store, event):
    with LiveServer(closed_app) as server:
        raw = RawClient(server.url)
        saved = raw.sign_in(MANAGER)
        status, _, dependencies = raw.request("GET", "/_dash-dependencies", saved)
        assert status == 200
        spec = next(
            s
            for s in json.loads(dependencies)
            if any(i["id"] == "_pages_location" for i in s["inputs"])
        )
        body = _body(
            spec,
            {
                ("_pages_location", "pathname"): f"/partenaires/{UNPUBLISHED_PARTNER}",
                ("_pages_location", "search"): "",
            },
        )
        status, _, export = raw.request("GET", EXPORT, saved)
        assert status == 200 and export.startswith(ZIP_MAGIC)

        def sign_out():
            token, cookie = raw.token("/deconnexion", saved)
            status, _, _ = raw.request("POST", "/deconnexion", cookie, {"csrf_token": token})
            assert status == 303

        _end_by(event, app_settings, store, sign_out)
        status, headers, export = raw.request("GET", EXPORT, saved)
        assert status == 302 and headers["Location"].startswith("/connexion?")
        assert not export.startswith(ZIP_MAGIC)
        status, _, data = raw.request("POST", CALLBACK, saved, body)
        assert status == 401 and not leaks(data.decode())
        assert _recorded_end(store) == event


# --- the store's side: one write a minute at most, expiry, administrators' listing


def test_last_seen_moves_at_most_once_a_minute_and_expiry_ends_the_session(store):
    limits = account_sessions.Limits.of(idle_minutes=30, max_hours=12)
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with transaction(store) as session:
        account = users.authenticate(session, MANAGER, PASSWORD)
        token = account_sessions.open_session(session, account.id, start)

    def seen_at(moment):
        with transaction(store) as session:
            checked = account_sessions.check(session, token, moment, limits)
            record = session.scalars(select(AccountSession)).one()
            return checked, account_sessions.utc(record.last_seen_at)

    checked, seen = seen_at(start + dt.timedelta(seconds=59))
    assert checked.user is not None and seen == start  # within the minute: no write
    checked, seen = seen_at(start + dt.timedelta(seconds=61))
    assert seen == start + dt.timedelta(seconds=61)
    # Active every 20 minutes: idle never reached, but 12 hours after login it ends.
    moment = start
    while moment < start + dt.timedelta(hours=12) - dt.timedelta(minutes=20):
        moment += dt.timedelta(minutes=20)
        assert seen_at(moment)[0].user is not None
    checked, _ = seen_at(start + dt.timedelta(hours=12, seconds=1))
    assert checked.user is None and checked.expired
    with session_factory(store)() as session:
        [info] = users.sessions(session, MANAGER)
    assert info.end_reason == "duree_maximale"
    assert account_sessions.describe(info, moment, limits) == "terminée : durée maximale atteinte"
    # A month on, the next login prunes it, and also a session left to expire unseen.
    with transaction(store) as session:
        account_sessions.open_session(session, account.id, start + dt.timedelta(days=2))
        later = start + dt.timedelta(days=33)
        account_sessions.open_session(session, account.id, later)
    with session_factory(store)() as session:
        assert [info.created_at for info in users.sessions(session, MANAGER)] == [later]


def test_the_command_line_lists_and_ends_an_accounts_sessions(closed_app, app_settings, store):
    for _ in range(2):
        log_in(closed_app.server.test_client(), MANAGER)
    listed = _cli(app_settings, "users", "sessions", MANAGER)
    assert listed.count("\touverte") == 2
    assert "Sessions terminées pour charge@example.org : 2." in _cli(
        app_settings, "users", "end-sessions", MANAGER
    )
    listed = _cli(app_settings, "users", "sessions", MANAGER)
    assert listed.count("terminée : fin demandée par un administrateur") == 2
    unknown = CliRunner().invoke(
        cli,
        ["users", "sessions", "personne@example.org"],
        env={"DATABASE_URL": app_settings.database_url},
    )
    assert unknown.exit_code == 1 and "Aucun compte pour personne@example.org" in unknown.output


def test_a_store_busy_with_a_long_load_does_not_fail_a_signed_in_request(sqlite_url, tmp_path):
    """SQLite has one writer at a time: while a load holds the lock, moving "last seen" waits,
    then gives up; the request is still served (and the session still checked). (PostgreSQL:
    a load locks no session row.)"""
    store = make_engine(sqlite_url)
    upgrade(store)
    with transaction(store) as session:
        load_reference(session)
    _fill(store)
    closed_app = create_app(_closed_settings(store, tmp_path))
    client = closed_app.server.test_client()
    log_in(client, MANAGER)
    move_sessions_back(store, MANAGER, idle=dt.timedelta(minutes=5))  # due for a write
    with store.connect() as loader:
        loader.exec_driver_sql("BEGIN IMMEDIATE")  # what a running load holds
        try:
            response = client.get("/_dash-layout")
        finally:
            loader.exec_driver_sql("ROLLBACK")
    assert response.status_code == 200
    assert "deconnexion" in response.get_data(as_text=True)  # still signed in
    # Once the store is free, the next request records it.
    assert client.get("/_dash-layout").status_code == 200
    with session_factory(store)() as session:
        seen = account_sessions.utc(session.scalars(select(AccountSession.last_seen_at)).one())
    assert dt.datetime.now(dt.UTC) - seen < dt.timedelta(minutes=1)
    store.dispose()
