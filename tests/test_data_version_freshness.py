"""The data version a request sees: read from the store at most once a second per process
(data.version_memo), yet a change made by this process is seen at once, and one made by another
process within `VERSION_FRESH_SECONDS`; a kept answer is then sent without a single statement.
On SQLite and PostgreSQL. Time is stepped by hand (the memo's clock), never waited for."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import event

from callbacks.context import data_version_of_request
from dashboard.app import create_app
from dashboard.settings import PROJECT_ROOT
from data import version_memo
from data.store import bump_data_version, data_version, transaction
from tests.callback_requests import Requests
from tests.conftest import app_settings_on

# A second process does what a load there does to the version (the facts are left as they are).
BUMP_IN_ANOTHER_PROCESS = """
import sys
from data.store import bump_data_version, make_engine, transaction
engine = make_engine(sys.argv[1])
with transaction(engine) as session:
    bump_data_version(session, {})
engine.dispose()
"""


class Clock:
    """The memo's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    stopped = Clock()
    monkeypatch.setattr(version_memo, "clock", stopped)
    return stopped


@pytest.fixture
def demo_app(demo_store, tmp_path):
    return create_app(app_settings_on(demo_store, tmp_path))


def version_seen(app) -> str:
    with app.server.test_request_context("/"):
        return data_version_of_request()


def stored_version(engine) -> str:
    with engine.connect() as connection:
        return data_version(connection)


def test_a_change_made_by_this_process_is_seen_at_once(demo_app, demo_store, clock):
    before = version_seen(demo_app)
    assert before == stored_version(demo_store)
    with transaction(demo_store) as session:
        bump_data_version(session, {})
    # The clock has not moved: the version read before is still within its second, but this
    # process changed the data, so it reads the version again.
    after = version_seen(demo_app)
    assert after == stored_version(demo_store) != before


def test_a_version_read_while_this_process_commits_a_change_is_forgotten_at_the_commit(
    demo_app, demo_store, clock
):
    before = version_seen(demo_app)
    with transaction(demo_store) as session:
        bump_data_version(session, {})
        # A request reads the version while the change is not committed yet: the one before.
        assert version_seen(demo_app) == before
    # Committed: this process reads it again, though the clock has not moved.
    assert version_seen(demo_app) == stored_version(demo_store) != before


def test_a_change_made_by_another_process_is_seen_within_the_bound(demo_app, demo_store, clock):
    before = version_seen(demo_app)
    url = demo_store.url.render_as_string(hide_password=False)
    finished = subprocess.run(
        [sys.executable, "-c", BUMP_IN_ANOTHER_PROCESS, url],
        cwd=PROJECT_ROOT,
        env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    changed = stored_version(demo_store)
    assert changed != before
    # Within the bound this process may still answer with the version it read...
    clock.now += version_memo.VERSION_FRESH_SECONDS / 2
    assert version_seen(demo_app) == before
    # ...and once the bound has passed, it sees the other process's change.
    clock.now += version_memo.VERSION_FRESH_SECONDS / 2
    assert version_seen(demo_app) == changed


def test_a_read_under_way_when_this_process_changes_the_data_is_not_kept(demo_store, clock):
    reads: list[str] = []

    def read_then_change() -> str:
        reads.append("read")
        # The change commits while the read is under way: what was read may be the old version.
        version_memo.forget_versions_seen()
        return "old"

    assert version_memo.data_version_seen(demo_store, read_then_change) == "old"
    assert version_memo.data_version_seen(demo_store, lambda: "new") == "new"
    assert version_memo.data_version_seen(demo_store, lambda: "newer") == "new"  # kept
    assert reads == ["read"]


def test_a_kept_answer_is_sent_without_a_statement(demo_app, clock):
    client = demo_app.server.test_client()
    body = Requests(client).page_body("/partenaires/paris", "")
    first = client.post("/_dash-update-component", json=body)
    assert first.status_code == 200
    statements: list[str] = []
    engine = demo_app.server.extensions["democratic"].engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        again = client.post("/_dash-update-component", json=body)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert again.status_code == 200
    assert 'answer;desc="hit"' in again.headers["Server-Timing"]
    assert again.get_data() == first.get_data()
    assert statements == []
