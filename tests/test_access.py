"""Accounts in the running app: who can sign in, what each role sees, and what a forged request
gets. Every check goes through HTTP, as a browser or a hostile script would."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import create_engine

from dashboard.app import create_app
from data import users
from data.store import transaction
from tests.accounts import (
    ACCOUNTS,
    PASSWORD,
    UNPUBLISHED_PARTNER,
    add_unpublished_load,
    create_accounts,
    csrf_token,
    leaks,
    log_in,
    move_sessions_back,
)
from tests.store_templates import generated_demonstration_store

ROLES_SEEING_PARIS_UNPUBLISHED = {
    "editeur.paris@example.org": True,
    "editeur.essonne@example.org": False,
    "charge@example.org": True,
    "admin@example.org": True,
    None: False,  # the public
}


def _store_with_accounts(engine) -> None:
    generated_demonstration_store(engine)
    create_accounts(engine)
    add_unpublished_load(engine)


@pytest.fixture
def sqlite_demo_engine(tmp_path, store_templates):
    """The demonstration store with an account of every role and a partner editor's load awaiting
    approval, copied for each test: the passwords (argon2id, slow by design) are hashed once."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    engine = store_templates.engine(url, "sqlite-demo-accounts", _store_with_accounts)
    yield engine
    engine.dispose()


@pytest.fixture
def store(settings):
    """The app's store, with the accounts and the unpublished load (see sqlite_demo_engine)."""
    engine = create_engine(settings.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def app(settings, store):
    return create_app(settings)


def _client_as(app, email):
    client = app.server.test_client()
    if email:
        response = log_in(client, email)
        assert response.status_code == 303, response.get_data(as_text=True)
    return client


# --- signing in


def test_login_page_is_a_plain_form_with_a_csrf_token(client):
    response = client.get("/connexion")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert 'name="csrf_token"' in html and 'autocomplete="current-password"' in html
    assert '<label class="form-label" for="password">Mot de passe</label>' in html


@pytest.mark.parametrize("email", list(ACCOUNTS))
def test_each_role_signs_in_and_the_header_says_who(app, email):
    client = _client_as(app, email)
    shell = client.get("/_dash-layout").get_data(as_text=True)
    assert email in shell
    assert "deconnexion" in shell
    assert "Se connecter" not in shell


def test_wrong_password_unknown_account_and_missing_token_are_refused(app):
    client = app.server.test_client()
    wrong = log_in(client, "charge@example.org", "pas le bon mot de passe")
    assert wrong.status_code == 401
    assert "Adresse électronique ou mot de passe incorrect" in wrong.get_data(as_text=True)
    unknown = log_in(client, "personne@example.org")
    assert unknown.status_code == 401
    no_token = client.post("/connexion", data={"email": "charge@example.org", "password": PASSWORD})
    assert no_token.status_code == 400
    assert "Se connecter" in client.get("/_dash-layout").get_data(as_text=True)


def test_login_redirects_only_within_the_site(app):
    client = app.server.test_client()
    assert log_in(client, "charge@example.org", suite="/explorer").headers["Location"] == (
        "/explorer"
    )
    for hostile in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        client = app.server.test_client()
        assert log_in(client, "charge@example.org", suite=hostile).headers["Location"] == "/"


def test_a_disabled_account_cannot_sign_in_and_loses_its_open_session(app, store):
    client = _client_as(app, "editeur.paris@example.org")
    with transaction(store) as session:
        users.set_active(session, "editeur.paris@example.org", False)
    assert "Se connecter" in client.get("/_dash-layout").get_data(as_text=True)
    assert log_in(app.server.test_client(), "editeur.paris@example.org").status_code == 401


def test_changing_the_password_ends_open_sessions(app, store):
    client = _client_as(app, "charge@example.org")
    with transaction(store) as session:
        users.set_password(session, "charge@example.org", "un tout nouveau mot de passe")
    assert "Se connecter" in client.get("/_dash-layout").get_data(as_text=True)
    fresh = app.server.test_client()
    assert log_in(fresh, "charge@example.org", "un tout nouveau mot de passe").status_code == 303


def test_logout_needs_the_form_token_then_ends_the_session(app):
    client = _client_as(app, "charge@example.org")
    assert client.post("/deconnexion").status_code == 400
    assert "charge@example.org" in client.get("/_dash-layout").get_data(as_text=True)
    token = csrf_token(client, "/deconnexion")
    response = client.post("/deconnexion", data={"csrf_token": token})
    assert response.status_code == 303
    assert "Se connecter" in client.get("/_dash-layout").get_data(as_text=True)


def test_sessions_expire_when_idle_and_after_their_maximum_age(app, store):
    client = _client_as(app, "charge@example.org")
    # 30 minutes idle by default
    move_sessions_back(store, "charge@example.org", idle=dt.timedelta(minutes=31))
    response = client.get("/explorer")
    assert response.status_code == 302
    assert "/connexion?expiree=1" in response.headers["Location"]
    assert "Se connecter" in client.get("/_dash-layout").get_data(as_text=True)

    client = _client_as(app, "charge@example.org")
    # 12 hours at most, however active the session
    move_sessions_back(
        store, "charge@example.org", idle=dt.timedelta(0), age=dt.timedelta(hours=13)
    )
    assert "Se connecter" in client.get("/_dash-layout").get_data(as_text=True)


def test_login_attempts_are_rate_limited(app):
    client = app.server.test_client()
    statuses = [log_in(client, "charge@example.org", "mauvais essai").status_code for _ in range(6)]
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429
    blocked = log_in(client, "charge@example.org")  # even the right password must wait
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.get_data(as_text=True)


def test_cli_manages_accounts(settings, store, monkeypatch):
    from click.testing import CliRunner

    from dashboard.cli import main

    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    runner = CliRunner()
    added = runner.invoke(
        main,
        [
            "users",
            "add",
            "nouvelle@example.org",
            "--role",
            "editeur",
            "--partner",
            "essonne",
            "--password-stdin",
        ],
        input="un mot de passe solide\n",
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(main, ["users", "list"])
    assert "nouvelle@example.org\tediteur\tessonne\tactif" in listed.output
    assert runner.invoke(main, ["users", "disable", "nouvelle@example.org"]).exit_code == 0
    assert (
        "nouvelle@example.org\tediteur\tessonne\tdésactivé"
        in runner.invoke(main, ["users", "list"]).output
    )
    changed = runner.invoke(
        main,
        ["users", "set-password", "charge@example.org", "--password-stdin"],
        input="court\n",
    )
    assert changed.exit_code == 1
    assert "au moins 12 caractères" in changed.output
    assert "Traceback" not in changed.output
    bad_partner = runner.invoke(
        main,
        [
            "users",
            "add",
            "x@example.org",
            "--role",
            "editeur",
            "--partner",
            "lyon",
            "--password-stdin",
        ],
        input="un mot de passe solide\n",
    )
    assert bad_partner.exit_code == 1 and "Partenaire inconnu" in bad_partner.output


# --- publication: unpublished data stays with those allowed to see it


@pytest.mark.parametrize("email", list(ROLES_SEEING_PARIS_UNPUBLISHED))
def test_unpublished_load_is_seen_only_by_its_partner_editor_and_managers(app, email):
    client = _client_as(app, email)
    # Dash Pages renders a page's layout in its page-content callback: ask for it as the
    # renderer does, through the callback endpoint, with this client's session cookie.
    text = _render_page(client, f"/partenaires/{UNPUBLISHED_PARTNER}")
    assert leaks(text) is ROLES_SEEING_PARIS_UNPUBLISHED[email]


def _render_page(client, path: str) -> str:
    """Ask the server for a page's content exactly as Dash's renderer does."""
    dependencies = client.get("/_dash-dependencies").get_json()
    for spec in dependencies:
        if any(
            i["id"] == "_pages_location" and i["property"] == "pathname" for i in spec["inputs"]
        ):
            break
    else:  # pragma: no cover - Dash Pages always registers it
        raise AssertionError("no page-content callback")
    body = _body(spec, {("_pages_location", "pathname"): path, ("_pages_location", "search"): ""})
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def _body(spec: dict, values: dict) -> dict:
    """A callback request body built from a /_dash-dependencies entry, as the renderer sends it."""

    def item(dep):
        return {
            "id": dep["id"],
            "property": dep["property"],
            "value": values.get((dep["id"], dep["property"])),
        }

    outputs = spec["output"]
    parsed = []
    for part in outputs[2:-2].split("...") if outputs.startswith("..") else [outputs]:
        ident, _, prop = part.rpartition(".")
        if ident.startswith("{"):
            ident = json.loads(ident)
        parsed.append({"id": ident, "property": prop})
    return {
        "output": outputs,
        "outputs": parsed if outputs.startswith("..") else parsed[0],
        "inputs": [item(d) for d in spec["inputs"]],
        "state": [item(d) for d in spec["state"]],
        "changedPropIds": [
            f"{d['id']}.{d['property']}" for d in spec["inputs"][:1] if isinstance(d["id"], str)
        ],
    }


# --- forged callback requests


HOSTILE_VALUES = [
    None,
    "",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    ["paris", "seine-saint-denis", "val-de-marne", "essonne", "programme"],
    {"role": "charge_de_mission", "partner": "paris"},
    12345678901234567890,
    "x" * 10_000,
]


# What each forged request must get, per callback (named by its first output) and per value
# of HOSTILE_VALUES above, every input and state of the callback carrying that value:
# (status, an output the answer must write (None: an answer that changes nothing), a text the
# answer must hold). Two roles that see different things get their own line.
SIGN_IN_FIRST = "Connectez-vous avec un compte de chargé de mission ou d'éditeur partenaire"
NOT_TEXT = "Requête invalide : les paramètres de l'adresse doivent être un texte."
VIEW = (200, "explorateur-avis", "")
NOTHING = (200, None, "")
FORGED_ANSWERS = {
    # The explorer reads every control itself: odd values become notices, the view is answered.
    "explorateur-debut.value": {None: [VIEW] * 8},
    # A click count of None or "" is no click: nothing to download (204, "no update").
    "explorateur-telechargement.data": {
        None: [(204, None, "")] * 2 + [(200, "explorateur-telechargement", "")] * 6
    },
    # A partner chart's CSV or XLSX: a click is a positive whole count (else nothing: 204), and
    # the partner, the period and the chart must be those of a page this viewer is shown; forged
    # (the huge count carries a huge "context" too), the answer is an empty download.
    "partenaire-telechargement.data": {
        None: [(204, None, "")] * 6 + [(200, "partenaire-telechargement", "")] + [(204, None, "")]
    },
    # The undo dialog opens from buttons the page did not draw for this viewer: nothing happens.
    "donnees-annulation.is_open": {None: [NOTHING] * 8},
    # An upload that is not a {"name", "size", "contents"} record is no upload, except a mapping.
    "donnees-rapport.children": {
        None: [NOTHING] * 5 + [(200, "donnees-rapport", SIGN_IN_FIRST)] + [NOTHING] * 2,
        "editeur.essonne@example.org": [NOTHING] * 5
        + [(200, "donnees-rapport", "Le fichier n'a pas pu être reçu")]
        + [NOTHING] * 2,
    },
    # A click on "confirm" without a file kept for this viewer: the public is told to sign in.
    "donnees-etat.children": {
        None: [NOTHING] * 2 + [(200, "donnees-etat", SIGN_IN_FIRST)] * 6,
        "editeur.essonne@example.org": [NOTHING] * 2 + [(200, "donnees-etat", "")] * 6,
    },
    # A background job's progress, asked for a job id that is not this viewer's (or no job):
    # the bar is cleared and the polling stops, whoever asks.
    "donnees-travail-progression.children <- donnees-travail-suivi.n_intervals": {
        None: [(200, "donnees-travail-progression", "")] * 8
    },
    # "Stop" with no job of this viewer's under way: nothing to stop, nothing changes.
    "donnees-travail-progression.children <- donnees-travail-arreter.n_clicks": {
        None: [NOTHING] * 8
    },
    # The data page's « Diffusion » sections: whoever is not an administrator (embedding) or a
    # programme manager (digests) changes nothing, whatever the request carries ("no update").
    "integrer-zone.children": {None: [NOTHING] * 8},
    "lettre-zone.children": {None: [NOTHING] * 8},
    # The partner page's interpretation form: the public changes nothing; a partner editor's
    # forged click (a huge count, every field a number) is refused in French, store unchanged.
    "interpretation-message.children": {
        None: [NOTHING] * 8,
        "editeur.essonne@example.org": [NOTHING] * 6
        + [(200, "interpretation-message", "que pour votre partenaire")]
        + [NOTHING],
    },
    # The data page's « Historique » sections: only a programme manager or an administrator
    # revises a target, reads or exports the audit trail; anyone else's request changes and
    # reads nothing ("no update").
    "objectif-zone.children": {None: [NOTHING] * 8},
    "journal-zone.children": {None: [NOTHING] * 8},
    "journal-telechargement.data": {None: [NOTHING] * 8},
    # The data page's « Interprétations »: the public reads and changes nothing; a partner
    # editor's forged filters only narrow their own partner's list (drawn, nothing leaked).
    "interpretations-gestion-zone.children": {
        None: [NOTHING] * 8,
        "editeur.essonne@example.org": [(200, "interpretations-gestion-zone", "")] * 8,
    },
    # The explorer's map reads the address itself: an odd one is the default view, drawn.
    "explorateur-carte.figure": {None: [(200, "explorateur-carte", "")] * 8},
    # A click that names no known territory (forged points, codes by trace): the filter stays,
    # the click is cleared.
    '{"index":"territories","type":"explorateur-filtre"}.value <- explorateur-carte.clickData': {
        None: [(200, "explorateur-carte", "")] * 8
    },
    # The page router: the location's query string must be text of a bounded length.
    "_pages_content.children": {
        None: [(200, "_pages_content", "")] * 4
        + [(400, None, NOT_TEXT)] * 3
        + [(400, None, "Requête invalide : les paramètres de l'adresse dépassent 2000 caractères.")]
    },
}


def _forged_requests(client):
    """For every server callback, requests carrying hostile values in every input and state
    (wildcard inputs expanded to the components the page really drew, as the browser does)."""
    from tests.callback_requests import Requests

    requests = Requests(client)
    for spec in requests.dependencies:
        if spec.get("clientside_function"):
            continue
        for number, hostile in enumerate(HOSTILE_VALUES):
            values = {(d["id"], d["property"]): hostile for d in spec["inputs"] + spec["state"]}
            if spec["inputs"][0]["id"] == "_pages_location":
                values[("_pages_location", "pathname")] = f"/partenaires/{UNPUBLISHED_PARTNER}"
            yield spec, number, requests.body(spec, values)


def _expected(spec: dict, number: int, email: str | None) -> tuple[int, str | None, str]:
    first = spec["output"].removeprefix("..").split("...")[0].removesuffix("..")
    if "@" in first:
        # A duplicate output (its id ends in a hash Dash derives): named by the input that fires.
        trigger = spec["inputs"][0]
        first = f"{first.split('@')[0]} <- {trigger['id']}.{trigger['property']}"
    assert first in FORGED_ANSWERS, f"no expected answer stated for {spec['output'][:80]}"
    answers = FORGED_ANSWERS[first]
    return answers.get(email, answers[None])[number]


@pytest.mark.parametrize("email", [None, "editeur.essonne@example.org"])
def test_forged_callbacks_get_their_stated_answer_and_never_leak(app, email):
    client = _client_as(app, email)
    seen = set()
    for spec, number, body in _forged_requests(client):
        status, output, words = _expected(spec, number, email)
        response = client.post("/_dash-update-component", json=body)
        text = response.get_data(as_text=True)
        label = (spec["output"][:60], repr(HOSTILE_VALUES[number])[:40])
        assert response.status_code == status, (label, text[:300])
        if status == 200:
            answered = response.get_json()["response"]
            assert (output in answered) if output else answered == {}, (label, sorted(answered))
        if status == 400:
            assert response.get_json()["message"] == words, label
        else:
            assert words in text, label
        assert not leaks(text), label
        assert "Traceback" not in text and "sqlalchemy" not in text.lower()
        assert "SELECT " not in text
        seen.add(spec["output"])
    assert len(seen) == len(FORGED_ANSWERS)


@pytest.mark.parametrize(
    "body",
    [
        "pas du json",
        "[]",
        '{"output": 3}',
        '{"output": "inexistant.children", "inputs": []}',
        '{"output": "..inexistant.children..", "outputs": [], "inputs": []}',
    ],
)
def test_malformed_callback_requests_get_400_in_french(client, body):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400
    payload = response.get_json()
    assert payload["message"].startswith("Requête invalide")
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_page_callback_with_wrong_outputs_or_inputs_is_refused_with_400(client):
    spec = next(
        s
        for s in client.get("/_dash-dependencies").get_json()
        if any(i["id"] == "_pages_location" for i in s["inputs"])
    )
    good = _body(spec, {})
    for broken in (
        {**good, "outputs": {"id": "x", "property": "children"}},
        {**good, "inputs": good["inputs"][:1]},
        {**good, "inputs": [{"id": "autre", "property": "pathname", "value": "/"}] * 2},
        {**good, "changedPropIds": [3]},
    ):
        response = client.post("/_dash-update-component", json=broken)
        assert response.status_code == 400, broken


# --- the dashboard closed to the public


@pytest.fixture
def closed_app(settings, store):
    from dataclasses import replace

    return create_app(replace(settings, public_access=False))


@pytest.mark.parametrize("path", ["/", "/explorer", "/partenaires/paris", "/donnees"])
def test_closed_dashboard_sends_anonymous_visitors_to_the_login_page(closed_app, path):
    client = closed_app.server.test_client()
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/connexion?suite=")
    assert client.get("/connexion").status_code == 200
    assert client.get("/assets/style.css").status_code == 200


def test_closed_dashboard_refuses_every_dash_endpoint_to_anonymous_visitors(closed_app):
    client = closed_app.server.test_client()
    for path in ("/_dash-layout", "/_dash-dependencies"):
        assert client.get(path).status_code == 401
    # Even a request that names a "public" path (dash-auth's bypass) is refused.
    spec = {
        "output": ".._pages_content.children..._pages_store.data..",
        "inputs": [
            {"id": "_pages_location", "property": "pathname"},
            {"id": "_pages_location", "property": "search"},
        ],
        "state": [],
    }
    body = _body(spec, {("_pages_location", "pathname"): "/connexion"})
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 401
    assert "Connexion requise" in response.get_json()["message"]


def test_closed_dashboard_opens_after_login(closed_app):
    client = closed_app.server.test_client()
    assert (
        log_in(client, "editeur.essonne@example.org", suite="/explorer").headers["Location"]
        == "/explorer"
    )
    assert client.get("/explorer").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
