"""The page in the server's first answer shows each viewer what the page Dash draws shows them,
and nothing more: the public never gets a small count or an unpublished figure that an insider's
first answer holds, whichever of them asked first, and no first answer is kept for another."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from tests.accounts import add_unpublished_load, create_accounts, leaks, log_in
from tests.store_templates import generated_demonstration_store
from tests.test_first_paint import copy_of

HIDDEN = "&lt; 5"  # « < 5 »: a small youth count, as the copy writes it


def _store_with_accounts(engine) -> None:
    generated_demonstration_store(engine)
    create_accounts(engine)
    add_unpublished_load(engine)


@pytest.fixture
def sqlite_demo_engine(tmp_path, store_templates):
    """The demonstration store with an account of every role and a partner editor's load
    awaiting approval (the same template as tests/test_access.py)."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    engine = store_templates.engine(url, "sqlite-demo-accounts", _store_with_accounts)
    yield engine
    engine.dispose()


@pytest.fixture
def app(settings, sqlite_demo_engine):
    return create_app(settings)


def _first_answer(client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    return response, copy_of(response.get_data(as_text=True))


def _signed_in(app, email: str):
    client = app.server.test_client()
    assert log_in(client, email).status_code == 303
    return client


def test_the_public_never_gets_the_small_counts_a_programme_manager_sees(app):
    path = "/partenaires/seine-saint-denis"
    manager = _signed_in(app, "charge@example.org")
    # The manager first: their page is built (and cached) before the public asks.
    insider, insider_copy = _first_answer(manager, path)
    public, public_copy = _first_answer(app.server.test_client(), path)
    assert HIDDEN in public_copy
    assert HIDDEN not in insider_copy
    # And the other way round, the public's page cached first.
    assert HIDDEN not in _first_answer(manager, path)[1]
    assert insider.headers["Cache-Control"] == "no-store"
    assert public.headers["Cache-Control"] == "private, no-cache"
    for response in (insider, public):
        assert "Cookie" in response.headers["Vary"]


def test_the_public_never_gets_an_editors_unpublished_figure(app):
    path = "/partenaires/paris"
    public = app.server.test_client()
    # The public first, then the editor, then the public again: each their own page.
    assert not leaks(_first_answer(public, path)[1])
    assert leaks(_first_answer(_signed_in(app, "editeur.paris@example.org"), path)[1])
    assert not leaks(_first_answer(public, path)[1])
    assert not leaks(_first_answer(_signed_in(app, "editeur.essonne@example.org"), path)[1])


def test_the_data_page_is_drawn_by_dash_alone_for_an_account(app):
    # Built afresh for an account (never from the page cache): drawn twice otherwise.
    manager = _signed_in(app, "charge@example.org")
    assert "premier-affichage" not in manager.get("/donnees").get_data(as_text=True)
    assert "premier-affichage" in app.server.test_client().get("/donnees").get_data(as_text=True)
