"""No 5xx for any input: every input and state of every server callback of every page, and every
page's query string, is sent hostile values through HTTP, as a public visitor and as a signed-in
programme manager.

The callbacks are read from the app's own `/_dash-dependencies`, the ids of pattern-matching
components from the pages' real layouts: a callback or page added later is fuzzed too. The run
is deterministic (a fixed list of values, no randomness) and bounded (about 1,500 requests per
role).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine

from dashboard.app import create_app
from tests.accounts import create_accounts, log_in

# Values that a browser never sends, or sends only when someone forges a request.
HOSTILE_VALUES = [
    None,
    "",
    "\ud800",  # a lone surrogate: not encodable as UTF-8
    "fin\udfff",
    "\x00",
    "nul\x00au milieu",
    "\x01\x1b[31m\x7f\u202e\ufeff",
    "é" * 100_000,
    " ",
    "../../../etc/passwd",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "NaN",
    "-Infinity",
    "1e999",
    "2012-13-45",
    "9999-12-31",
    0,
    -1,
    1.5,
    10**18,
    -(10**18),
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
# Values of Dash Pages' router (the browser's location), hostile ones included.
HOSTILE_PATHS = ["", "explorer", "//evil.example", "/" + "a" * 3000, "/\x00", "/%00", "/../../"]

SERVER_ERROR_LOGS = ("Erreur non prévue", "interrompu par des valeurs inattendues")


# --- the app's callbacks and the ids its pages really use


def _declared_id(text: str) -> str | dict:
    return json.loads(text) if text.startswith("{") else text


def _is_wildcard(declared: object) -> bool:
    return isinstance(declared, dict) and any(isinstance(v, list) for v in declared.values())


def _walk_ids(node: object) -> Iterator[dict]:
    """Every dict id of the component tree (pattern-matching components)."""
    if isinstance(node, dict):
        ident = node.get("props", {}).get("id") if isinstance(node.get("props"), dict) else None
        if isinstance(ident, dict):
            yield ident
        for value in node.values():
            yield from _walk_ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_ids(value)


def _page_spec(dependencies: list[dict]) -> dict:
    return next(s for s in dependencies if s["inputs"][0]["id"] == "_pages_location")


def _outputs(spec: dict) -> list[dict] | dict:
    text = spec["output"]
    many = text.startswith("..")
    parts = text[2:-2].split("...") if many else [text]
    parsed = []
    for part in parts:
        ident, _, prop = part.rpartition(".")
        parsed.append({"id": _declared_id(ident), "property": prop})
    return parsed if many else parsed[0]


class Requests:
    """Callback requests as the renderer builds them, for this app's callbacks and pages."""

    def __init__(self, client) -> None:
        self.client = client
        self.dependencies = client.get("/_dash-dependencies").get_json()
        self.page_paths = ["/", "/explorer", "/donnees", "/colloque", "/partenaires/essonne"]
        self.wildcard_ids: dict[str, list[dict]] = {}
        for path in self.page_paths:
            layout = self.post(self.page_body(path, "")).get_json()
            for ident in _walk_ids(layout):
                known = self.wildcard_ids.setdefault(ident.get("type"), [])
                if ident not in known:
                    known.append(ident)

    def post(self, body: dict):
        return self.client.post("/_dash-update-component", json=body)

    def page_body(self, pathname: object, search: object) -> dict:
        spec = _page_spec(self.dependencies)
        return self.body(
            spec, {("_pages_location", "pathname"): pathname, ("_pages_location", "search"): search}
        )

    def items(self, dep: dict, value: object) -> dict | list[dict]:
        declared = _declared_id(dep["id"])
        if not _is_wildcard(declared):
            return {"id": declared, "property": dep["property"], "value": value}
        present = self.wildcard_ids.get(declared["type"], [])
        return [{"id": ident, "property": dep["property"], "value": value} for ident in present]

    def body(self, spec: dict, values: dict, trigger: dict | None = None) -> dict:
        inputs = [self.items(d, values.get((d["id"], d["property"]))) for d in spec["inputs"]]
        state = [self.items(d, values.get((d["id"], d["property"]))) for d in spec["state"]]
        trigger = trigger or spec["inputs"][0]
        changed = []
        for dep, item in zip(spec["inputs"], inputs, strict=True):
            if dep is trigger:
                for one in item if isinstance(item, list) else [item]:
                    ident = one["id"]
                    name = json.dumps(ident, sort_keys=True, separators=(",", ":"))
                    changed.append(f"{ident if isinstance(ident, str) else name}.{dep['property']}")
        return {
            "output": spec["output"],
            "outputs": _outputs(spec),
            "inputs": inputs,
            "state": state,
            "changedPropIds": changed,
        }

    def hostile_bodies(self) -> Iterator[tuple[str, dict]]:
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
                    label = f"{spec['output'][:60]} {dep['id']}.{dep['property']}={value!r:.40}"
                    yield label, self.body(spec, values, trigger)


# --- fixtures


@pytest.fixture
def app(settings):
    engine = create_engine(settings.database_url)
    create_accounts(engine)
    engine.dispose()
    return create_app(settings)


def _client(app, email):
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
ROLES = [None, "charge@example.org"]


@pytest.mark.parametrize("email", ROLES, ids=["public", "charge_de_mission"])
def test_every_callback_input_with_hostile_values_never_gets_a_5xx(app, email, caplog):
    client = _client(app, email)
    requests = Requests(client)
    assert set(requests.wildcard_ids) >= {"explorateur-filtre"}, "the page ids were not read"
    statuses: dict[int, int] = {}
    with caplog.at_level(logging.WARNING):
        for label, body in requests.hostile_bodies():
            response = requests.post(body)
            _assert_answered(response, label)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    # The callbacks themselves coped with every value that passed the envelope: the endpoint's
    # last-resort catch (a callback raising on a value) never had to answer.
    unexpected = [
        r.getMessage() for r in caplog.records if r.getMessage().startswith(SERVER_ERROR_LOGS)
    ]
    assert not unexpected, unexpected[:3]
    assert sum(statuses.values()) > 1000
    # Both outcomes were exercised: values the callbacks handle (200/204), envelopes refused (400).
    assert statuses.get(200) and statuses.get(400), statuses


@pytest.mark.parametrize("email", ROLES, ids=["public", "charge_de_mission"])
def test_hostile_page_paths_and_query_strings_never_get_a_5xx(app, email, caplog):
    client = _client(app, email)
    requests = Requests(client)
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


def test_a_page_path_not_starting_with_a_slash_gets_400_in_french(client):
    requests = Requests(client)
    for pathname in ("", "explorer", "//evil.example", 3, None):
        response = requests.post(requests.page_body(pathname, ""))
        assert response.status_code == 400, pathname
        assert response.get_json()["message"] == (
            "Requête invalide : le chemin de la page doit être un texte commençant par « / »."
        )
