"""No 5xx for any input: every input and state of every server callback of every page, and every
page's query string, is sent hostile values through HTTP, as a public visitor and as a signed-in
programme manager.

The callbacks are read from the app's own `/_dash-dependencies`, the ids of pattern-matching
components from the pages' real layouts: a callback or page added later is fuzzed too. The run
is deterministic (a fixed list of values, no randomness) and bounded (about 1,500 requests per
case, under 6,000 in all).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from dashboard.app import create_app
from dashboard.settings import Settings
from data import demo
from tests.accounts import create_accounts, log_in
from tests.callback_requests import Requests
from tests.store_templates import reference_store

# Values that a browser never sends, or sends only when someone forges a request.
HOSTILE_VALUES = [
    None,
    "",
    "\ud800",  # a lone surrogate: not encodable as UTF-8
    "\x00",
    "\x01\x1b[31m\x7f\u202e\ufeff",
    "é" * 100_000,
    " ",
    "../../../etc/passwd",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "NaN",
    "1e999",
    "2012-13-45",
    0,
    -1,
    1.5,
    10**18,
    1e308,
    True,
    [],
    ["\ud800"],
    [None, 3, {"a": []}],
    list(range(300)),
    {},
    {"points": [{"customdata": {"$gt": ""}}]},
    {"a": {"b": {"c": {"d": ["e"]}}}},
    [[[[[[[[[[["profond"]]]]]]]]]]],
]
# Query strings as typed in an address bar (raw, percent-encoded as a browser sends them).
HOSTILE_QUERIES = [
    "?debut=%ED%A0%80",  # the UTF-8 bytes of a lone surrogate
    "?debut=%FF%FE&fin=%C0%AF",
    "?debut=%00&fin=2012-01",
    "?partenaires=" + ",".join(["paris"] * 500),
    "?" + "x" * 20_000,
    "?debut=2012-03&debut=2012-04&debut[]=1",
    "?pas=annee%00&tri=%27%20OR%201%3D1",
    "?indicateurs=%3Cscript%3E&ordre=desc&ordre=asc",
    "?ventilation=__class__&detail=__init__",
    "?debut=-1&fin=1e999",
    "?=&&&==&a",
    "?suite=//evil.example&suite=javascript:alert(1)",
]
# Paths nobody links to: percent-encoded NUL and surrogate bytes, traversal, unknown scripts.
HOSTILE_ROUTES = [
    "/%00",
    "/%ED%A0%80",
    "/" + "a" * 10_000,
    "/partenaires/%ED%A0%80",
    "/langue/%00",
    "/donnees/modele/%00.csv",
    "/donnees/modele/observations.%ED%A0%80",
    "/assets/..%2f..%2fsecret",
    "/vendor/bootstrap/%00",
    "/_dash-component-suites/x/y.js",
    "/_dash-component-suites/dash/%ED%A0%80.js",
    "/_dash-component-suites/%00/x.js",
]
# Values of Dash Pages' router (the browser's location), hostile ones included.
HOSTILE_PATHS = ["", "explorer", "//evil.example", "/" + "a" * 3000, "/\x00", "/%00", "/../../"]

SERVER_ERROR_LOGS = ("Erreur non prévue", "interrompu par des valeurs inattendues")


class HostileRequests(Requests):
    def hostile_bodies(self) -> Iterator[tuple[str, str, dict]]:
        """For each server callback, each input and state in turn carries each hostile value
        while the first input (n_clicks=1 or a page path) triggers the call."""
        for spec in self.dependencies:
            if spec.get("clientside_function"):
                continue
            slots = [("inputs", d) for d in spec["inputs"]] + [("state", d) for d in spec["state"]]
            is_page = spec["inputs"][0]["id"] == "_pages_location"
            for where, dep in slots:
                for value in HOSTILE_VALUES:
                    values = {(d["id"], d["property"]): 1 for d in spec["inputs"][:1]}
                    if is_page:
                        values = {("_pages_location", "pathname"): "/explorer"}
                    values[(dep["id"], dep["property"])] = value
                    trigger = dep if where == "inputs" else None
                    label = f"{dep['id']}.{dep['property']}={value!r:.40}"
                    yield spec["output"], label, self.body(spec, values, trigger)


# --- fixtures


# (backend, who signs in): both roles on SQLite; on PostgreSQL the programme manager, whose
# requests reach the most code (every page, the data page's actions). About 1,500 requests each.
CASES = [
    ("sqlite", None),
    ("sqlite", "charge@example.org"),
    pytest.param(("postgresql", "charge@example.org"), marks=pytest.mark.postgres),
]
CASE_IDS = ["sqlite-public", "sqlite-charge_de_mission", "postgresql-charge_de_mission"]


def _small_store_with_accounts(engine) -> None:
    reference_store(engine)
    demo.generate(engine, observations=3000)
    create_accounts(engine)


@pytest.fixture(params=CASES, ids=CASE_IDS)
def client(request, tmp_path, store_templates):
    """A client of the app on a small demonstration store, signed in or not."""
    backend, email = request.param
    url = request.getfixturevalue("sqlite_url" if backend == "sqlite" else "postgres_url")
    # Built once per run and backend, copied for each test.
    store_templates.engine(url, "demo-3000-accounts", _small_store_with_accounts).dispose()
    app = create_app(Settings(database_url=url, instance_path=tmp_path / "instance"))
    client = app.server.test_client()
    if email:
        assert log_in(client, email).status_code == 303
    return client


def _assert_answered(response, label: str) -> None:
    """A 2xx, or a 4xx with a short French message: never a server error."""
    status = response.status_code
    data = response.get_data()  # bytes: the store's export is a ZIP file
    assert status < 500, (label, data[:300])
    assert b"Traceback" not in data, label
    if status >= 400 and response.is_json:
        message = response.get_json()["message"]
        assert message.split(" : ")[0] in FRENCH_REFUSALS and len(message) < 300, (label, message)


# The first words of every refusal the app answers (dashboard.security's messages).
FRENCH_REFUSALS = {
    "Requête invalide",
    "Connexion requise",
    "Accès refusé",
    "Page introuvable",
    "Requête refusée",
}


def test_every_callback_input_with_hostile_values_never_gets_a_5xx(client, caplog):
    requests = HostileRequests(client)
    assert set(requests.wildcard_ids) >= {"explorateur-filtre"}, "the page ids were not read"
    answers: dict[str, list[int]] = {}
    with caplog.at_level(logging.WARNING):
        for output, label, body in requests.hostile_bodies():
            response = requests.post(body)
            _assert_answered(response, f"{output[:60]} {label}")
            answers.setdefault(output, []).append(response.status_code)
    # The callbacks themselves coped with every value that passed the envelope: the endpoint's
    # last-resort catch (a callback raising on a value) never had to answer.
    unexpected = [
        r.getMessage() for r in caplog.records if r.getMessage().startswith(SERVER_ERROR_LOGS)
    ]
    assert not unexpected, unexpected[:3]
    assert sum(len(statuses) for statuses in answers.values()) > 1000
    # Every callback really ran on hostile values (not only bounced off the envelope), and some
    # values were refused by the envelope (the lone surrogates, NUL, the deep nesting).
    for output, statuses in answers.items():
        assert 200 in statuses and 400 in statuses, (output, sorted(set(statuses)))


def test_hostile_page_paths_and_query_strings_never_get_a_5xx(client, caplog):
    requests = HostileRequests(client)
    with caplog.at_level(logging.WARNING):
        for path in requests.page_paths:
            for query in HOSTILE_QUERIES:
                # As typed in the address bar, then as the page's router asks for it.
                _assert_answered(client.get(path + query), f"GET {path}{query[:40]}")
                _assert_answered(requests.post(requests.page_body(path, query)), path + query)
            for value in HOSTILE_VALUES:
                _assert_answered(
                    requests.post(requests.page_body(path, value)), f"{path} {value!r:.40}"
                )
        for pathname in HOSTILE_PATHS + HOSTILE_VALUES:
            response = requests.post(requests.page_body(pathname, ""))
            _assert_answered(response, repr(pathname)[:40])
        for route in HOSTILE_ROUTES:
            _assert_answered(client.get(route), f"GET {route[:60]}")
        for route in (
            "/langue/fr",
            "/connexion",
            "/colloque/contenu.json",
            "/colloque/qr.svg",
            "/donnees/modele/observations.csv",
            "/donnees/export.zip",
            "/_dash-layout",
        ):
            for query in HOSTILE_QUERIES:
                _assert_answered(client.get(route + query), f"GET {route}{query[:40]}")
    unexpected = [
        r.getMessage() for r in caplog.records if r.getMessage().startswith(SERVER_ERROR_LOGS)
    ]
    assert not unexpected, unexpected[:3]


@pytest.mark.parametrize("client", CASES[:1], ids=CASE_IDS[:1], indirect=True)
def test_a_page_path_not_starting_with_a_slash_gets_400_in_french(client):
    requests = HostileRequests(client)
    for pathname in ("", "explorer", "//evil.example", 3, None):
        response = requests.post(requests.page_body(pathname, ""))
        assert response.status_code == 400, pathname
        assert response.get_json()["message"] == (
            "Requête invalide : le chemin de la page doit être un texte commençant par « / »."
        )


# --- the pure parsers, called directly (whatever reaches them, the envelope aside)


def test_the_explorer_and_period_parsers_turn_every_hostile_value_into_encodable_notices():
    from callbacks.explorer_controls import apply_token
    from callbacks.period import parse_period
    from layouts.explorer_state import DEFAULT_STATE, Allowed, from_controls, parse_query, to_query

    allowed = Allowed(partners=frozenset({"paris"}), indicators=frozenset({"paris_ateliers"}))
    fields = ("partners", "indicators", "start", "end", "grain", "breakdown", "focus", "sort")
    for value in [*HOSTILE_VALUES, "paris,\ud800", "\ud800-03"]:
        states = [parse_query({"partenaires": value, "debut": value, "pas": value}, allowed)]
        states += [from_controls({field: value}, allowed) for field in fields]
        states.append(apply_token(DEFAULT_STATE, value, allowed)[0])
        notices = [n.text(lang) for s in states for n in s.notices for lang in ("fr", "en")]
        notices += list(parse_period(value, value, "fr").problems)
        for text in [*notices, *(to_query(s) for s in states)]:
            text.encode("utf-8")  # raises on a lone surrogate
            assert len(text) < 600, text[:100]
        if isinstance(value, str) and "\ud800" in value:
            assert any("\ud800" not in n and "?" in n for n in notices), notices
