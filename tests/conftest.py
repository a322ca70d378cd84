"""Fixtures: one per resource, a fresh store per test, on SQLite and on PostgreSQL.

With CI=true every test is mandatory: a missing PostgreSQL server or Chromium fails the run
instead of skipping it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from werkzeug.serving import make_server

from dashboard.pdf_renderer import CHROMIUM_ARGS
from dashboard.settings import Settings
from data import demo
from tests.store_templates import (
    StoreTemplates,
    demonstration_store,
    generated_demonstration_store,
    reference_store,
)

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# The Chromium to drive; its flags (CHROMIUM_ARGS) are the PDF renderer's, one list for all.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def unavailable(reason: str) -> None:
    """Skip on a laptop without the resource; fail in CI, where every test is mandatory."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test may not be skipped)")
    pytest.skip(reason)


# --- stores


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite3'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL database, dropped after the test."""
    name = f"democratic_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any failure means the server is not usable
        admin.dispose()
        unavailable(f"PostgreSQL indisponible : {type(error).__name__}")
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request) -> str:
    """The same test on both backends."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return request.getfixturevalue(fixture)


@pytest.fixture(scope="session")
def store_templates(tmp_path_factory, request) -> Iterator[StoreTemplates]:
    """Each kind of store, built once per run and copied for each test (see store_templates)."""
    worker = getattr(request.config, "workerinput", None)
    if worker is None:
        templates = StoreTemplates(tmp_path_factory.mktemp("store-templates"), POSTGRES_ADMIN_URL)
        yield templates
        templates.drop()
        return
    # One of the run's worker processes (pytest-xdist): the templates are the run's, in the
    # folder above each worker's own, built by whichever worker needs one first, and dropped by
    # the controlling process once every worker is done (pytest_sessionfinish below).
    directory = tmp_path_factory.getbasetemp().parent / "store-templates"
    directory.mkdir(exist_ok=True)
    yield StoreTemplates(directory, POSTGRES_ADMIN_URL, run_id=_run_id(worker["testrunuid"]))


def _run_id(testrunuid: str) -> str:
    return testrunuid[:12]


def pytest_configure(config) -> None:
    # With workers, the controlling process chooses the run's id itself (pytest-xdist hands it to
    # every worker), so that it knows which templates to drop at the end.
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        config.option.testrunuid = config.option.testrunuid or uuid.uuid4().hex


def pytest_sessionfinish(session) -> None:
    config = session.config
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    templates = StoreTemplates(Path(), POSTGRES_ADMIN_URL, run_id=_run_id(config.option.testrunuid))
    # No server, no template: nothing to drop.
    with contextlib.suppress(Exception):
        templates.drop_run()


_DEMO_COPIED = pytest.StashKey[bool]()


@pytest.fixture
def engine(store_url: str, store_templates: StoreTemplates, request) -> Iterator[Engine]:
    """An empty store at the current schema version, with the programme's reference data."""
    # A test that asks for demo_engine too gets the demonstration data copied here already,
    # rather than generated on top of the reference data.
    with_demo = "demo_engine" in request.fixturenames
    kind, build = ("demo", demonstration_store) if with_demo else ("reference", reference_store)
    engine = store_templates.engine(store_url, kind, build)
    request.node.stash[_DEMO_COPIED] = with_demo
    yield engine
    engine.dispose()


@pytest.fixture
def demo_engine(engine: Engine, request) -> Engine:
    """`engine` with the demonstration data."""
    if not request.node.stash.get(_DEMO_COPIED, False):
        demo.generate(engine)
    return engine


@pytest.fixture
def sqlite_demo_engine(tmp_path: Path, store_templates: StoreTemplates) -> Iterator[Engine]:
    """A SQLite store with the demonstration data (its own file, beside any other store)."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    engine = store_templates.engine(url, "sqlite-demo", generated_demonstration_store)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def demo_store(request, store_templates: StoreTemplates) -> Iterator[Engine]:
    """A store with the demonstration data on either backend: a module whose `settings` reads
    it (`app_settings_on`) runs its app, and its browser tests, on SQLite and on PostgreSQL
    (a database of its own, copied from the run's template)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_demo_engine")
        return
    url = request.getfixturevalue("postgres_url")
    engine = store_templates.engine(url, "pg-demo", generated_demonstration_store)
    yield engine
    engine.dispose()


def app_settings_on(engine: Engine, tmp_path: Path) -> Settings:
    """The app's settings for the store of `engine`."""
    return Settings(
        database_url=engine.url.render_as_string(hide_password=False),
        instance_path=tmp_path / "instance",
    )


# --- the app


@pytest.fixture
def settings(tmp_path: Path, sqlite_demo_engine: Engine) -> Settings:
    return app_settings_on(sqlite_demo_engine, tmp_path)


@pytest.fixture
def app(settings: Settings):
    from dashboard.app import create_app

    return create_app(settings)


@pytest.fixture
def client(app):
    return app.server.test_client()


class LiveServer:
    def __init__(self, app) -> None:
        self.server = make_server("127.0.0.1", 0, app.server, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(app) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server


# --- the browser


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright n'est pas installé")
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium introuvable ({CHROMIUM})")
    from playwright.sync_api import Page

    from tests.browser_support import waiting_for_dash

    # Every test's navigation waits for Dash to have drawn the page (tests/browser_support.py).
    originals = {name: getattr(Page, name) for name in ("goto", "reload")}
    for name, navigate in originals.items():
        setattr(Page, name, waiting_for_dash(navigate))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        for name, navigate in originals.items():
            setattr(Page, name, navigate)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
