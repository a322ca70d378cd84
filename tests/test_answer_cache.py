"""Whole callback answers kept as the bytes sent (callbacks/answer_cache.py): the same question
from a viewer of the same class is answered from them; every other question is computed; the
session, the public-access guard and the envelope check still decide every request."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace

import brotli
import orjson
import pytest

from callbacks.context import EXTENSION_KEY
from dashboard.app import create_app
from data.access import Viewer
from data.store import bump_data_version, transaction
from tests.accounts import create_accounts, log_in
from tests.callback_requests import Requests
from tests.page_support import page_body

CALLBACK = "/_dash-update-component"
ENCODINGS = {"gzip": gzip.decompress, "br": brotli.decompress, "identity": bytes}


def ask(client, body: dict, encoding: str = "identity"):
    response = client.post(CALLBACK, json=body, headers={"Accept-Encoding": encoding})
    timing = response.headers.get("Server-Timing", "")
    outcome = "hit" if 'answer;desc="hit"' in timing else "miss" if "answer;" in timing else None
    return response, outcome


def decoded(response) -> dict:
    encoding = response.headers.get("Content-Encoding", "identity")
    return orjson.loads(ENCODINGS[encoding](response.data))


@pytest.mark.parametrize("encoding", ["gzip", "br", "identity"])
def test_the_same_question_is_answered_from_the_kept_bytes(client, encoding):
    body = page_body("/partenaires/essonne")
    first, first_outcome = ask(client, body, encoding)
    again, again_outcome = ask(client, body, encoding)
    assert (first_outcome, again_outcome) == ("miss", "hit")
    assert first.status_code == again.status_code == 200
    assert again.headers.get("Content-Encoding", "identity") == encoding
    assert "Accept-Encoding" in again.headers["Vary"]
    assert again.data == first.data
    # What the hit sends is the page Dash computed, whatever the encoding.
    fresh = create_app(client.application.extensions[EXTENSION_KEY].settings)
    computed = fresh.server.test_client().post(CALLBACK, json=body)
    assert decoded(again) == orjson.loads(computed.data)
    # The security headers are set on the kept answer too.
    assert again.headers["X-Content-Type-Options"] == "nosniff"


def test_another_page_language_or_period_is_another_question(client):
    ask(client, page_body("/partenaires/essonne"))
    assert ask(client, page_body("/partenaires/paris"))[1] == "miss"
    assert ask(client, page_body("/partenaires/essonne", "?debut=2012-03&fin=2012-06"))[1] == "miss"
    client.set_cookie("langue", "en")
    english, outcome = ask(client, page_body("/partenaires/essonne"))
    assert outcome == "miss"
    assert b"Essonne" in english.data and b"Indicateurs" not in english.data


def test_a_viewer_of_another_class_never_gets_an_answer_kept_for_someone_who_sees_more(app):
    client = app.server.test_client()
    body = page_body("/")
    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: Viewer(
        role="charge_de_mission", email="cm@example.org"
    )
    manager, _ = ask(client, body)
    assert ask(client, body)[1] == "hit"
    for viewer in (Viewer(), Viewer(role="editeur", partner_slug="paris", email="e@example.org")):
        app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda viewer=viewer: viewer
        answer, outcome = ask(client, body)
        assert outcome == "miss"
        assert ask(client, body)[1] == "hit"  # kept for this class now, apart from the others
    # And back to the manager: still the manager's own answer.
    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: Viewer(
        role="charge_de_mission", email="cm@example.org"
    )
    again, outcome = ask(client, body)
    assert outcome == "hit" and again.data == manager.data


def test_another_small_count_threshold_is_another_question(app):
    client = app.server.test_client()
    body = page_body("/partenaires/seine-saint-denis")
    usual, _ = ask(client, body)
    assert ask(client, body)[1] == "hit"
    resources = app.server.extensions[EXTENSION_KEY]
    resources.settings = replace(resources.settings, small_count_threshold=10)
    strict, outcome = ask(client, body)
    assert outcome == "miss"
    assert "< 5" in _text(usual) and "< 10" not in _text(usual)
    assert "< 10" in _text(strict) and "< 5" not in _text(strict)


def _text(response) -> str:
    return json.dumps(decoded(response), ensure_ascii=False)


def test_a_load_makes_every_kept_answer_stale(client, sqlite_demo_engine):
    body = page_body("/partenaires/essonne")
    ask(client, body)
    with transaction(sqlite_demo_engine) as session:
        bump_data_version(session)
    assert ask(client, body)[1] == "miss"


def test_the_explorer_map_is_kept(client):
    requests = Requests(client)
    spec = next(s for s in requests.dependencies if s["output"].startswith("..explorateur-carte."))
    values = {
        ("explorateur-adresse", "search"): "?partenaires=paris",
        ("explorateur-carte-mesure", "value"): "valeur",
    }
    body = requests.body(spec, values)
    first, outcome = ask(client, body)
    assert first.status_code == 200 and outcome == "miss"
    assert ask(client, body)[1] == "hit"
    values[("explorateur-carte-mesure", "value")] = "habitants"
    assert ask(client, requests.body(spec, values))[1] == "miss"


def test_the_data_page_is_kept_for_the_public_never_for_an_account_that_loads_data(app):
    client = app.server.test_client()
    body = page_body("/donnees")
    assert [ask(client, body)[1] for _ in range(2)] == ["miss", "hit"]
    # Its journal lists the loads just refused, which do not change the data version.
    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: Viewer(
        role="editeur", partner_slug="paris", email="e@example.org"
    )
    assert [ask(client, body)[1] for _ in range(2)] == [None, None]


def test_a_malformed_request_is_refused_even_after_a_kept_answer(client):
    body = page_body("/partenaires/essonne")
    ask(client, body)
    forged = {**body, "inputs": [{**body["inputs"][0], "value": "partenaires"}, body["inputs"][1]]}
    response, outcome = ask(client, forged)
    assert response.status_code == 400 and outcome is None
    assert "Requête invalide" in response.get_json()["message"]


def test_a_closed_dashboard_refuses_a_kept_answer_once_the_session_ends(settings, store_templates):
    app = create_app(replace(settings, public_access=False))
    engine = app.server.extensions[EXTENSION_KEY].engine
    create_accounts(engine)
    client = app.server.test_client()
    body = page_body("/partenaires/paris")
    assert ask(client, body)[0].status_code == 401
    log_in(client, "charge@example.org")
    ask(client, body)
    kept, outcome = ask(client, body)
    assert kept.status_code == 200 and outcome == "hit"
    assert kept.headers["Cache-Control"] == "no-store"  # seen by an account: not kept by others
    client.post("/deconnexion", data={"csrf_token": _logout_token(client)})
    refused, outcome = ask(client, body)
    assert refused.status_code == 401 and outcome is None


def _logout_token(client) -> str:
    import re

    html = client.get("/deconnexion").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_the_sites_frame_is_kept_for_visitors_not_signed_in_only(app, store_templates):
    engine = app.server.extensions[EXTENSION_KEY].engine
    create_accounts(engine)
    client = app.server.test_client()
    first, outcome = _layout(client)
    assert outcome == "miss"
    public, outcome = _layout(client)
    assert outcome == "hit" and public.data == first.data
    log_in(client, "charge@example.org")
    # The account area holds the account's name and a token of its session: never kept.
    for _ in range(2):
        signed_in, outcome = _layout(client)
        assert outcome is None and b"charge@example.org" in signed_in.data


def _layout(client):
    response = client.get("/_dash-layout")
    timing = response.headers.get("Server-Timing", "")
    outcome = "hit" if 'answer;desc="hit"' in timing else "miss" if "answer;" in timing else None
    return response, outcome
