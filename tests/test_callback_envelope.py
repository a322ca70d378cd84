"""The callback endpoint's envelope: each malformed shape gets its own French 400, through HTTP,
starting from a request exactly as the renderer sends it (which is answered)."""

from __future__ import annotations

import copy
import json

import pytest

from tests.callback_requests import Requests

LIST_EXPECTED = "Requête invalide : « {key} » : une liste était attendue pour « {prop} »."
MISMATCH = "Requête invalide : « {key} » ne correspond pas au calcul demandé."
FILTER = '{"index":["ALL"],"type":"explorateur-filtre"}'


def _explorer_body(requests: Requests) -> dict:
    spec = next(s for s in requests.dependencies if s["output"].startswith("..explorateur-debut"))
    return requests.body(spec, {("explorateur-pas", "value"): "trimestre"})


def _set(body: dict, path: tuple, value) -> dict:
    forged = copy.deepcopy(body)
    target = forged
    for step in path[:-1]:
        target = target[step]
    if value is KeyError:  # the item is left out
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return forged


# (what is forged, where, the value put there, the exact message)
CASES = [
    ("outputs absent", ("outputs",), KeyError, MISMATCH.format(key="outputs")),
    (
        "outputs an object",
        ("outputs",),
        {"id": "x", "property": "y"},
        MISMATCH.format(key="outputs"),
    ),
    ("outputs one short", ("outputs", -1), KeyError, MISMATCH.format(key="outputs")),
    (
        "a wildcard output as one item",
        ("outputs", 5),
        {"id": "explorateur-filtre", "property": "value"},
        LIST_EXPECTED.format(key="outputs", prop="value"),
    ),
    (
        "an output with another property",
        ("outputs", 0, "property"),
        "children",
        MISMATCH.format(key="outputs"),
    ),
    (
        "a wildcard id with an unknown key",
        ("inputs", 5, 0, "id"),
        {"type": "explorateur-filtre", "index": "partners", "autre": 1},
        MISMATCH.format(key="inputs"),
    ),
    (
        "a wildcard id whose index is an object",
        ("inputs", 5, 0, "id"),
        {"type": "explorateur-filtre", "index": {"$ne": 1}},
        MISMATCH.format(key="inputs"),
    ),
    ("inputs not a list", ("inputs",), {"a": 1}, MISMATCH.format(key="inputs")),
    ("state not a list", ("state",), "x", MISMATCH.format(key="state")),
    (
        "an input of another component",
        ("inputs", 0, "id"),
        "explorateur-fin",
        MISMATCH.format(key="inputs"),
    ),
    (
        "a changed input that is not in the request",
        ("changedPropIds",),
        ["autre.value"],
        "Requête invalide : « changedPropIds » nomme une entrée qui n'est pas dans la requête.",
    ),
    (
        "a changed input that is not text",
        ("changedPropIds",),
        [3],
        "Requête invalide : « changedPropIds » doit être une liste de textes « identifiant.propriété ».",
    ),
    (
        "an unreadable changed id",
        ("changedPropIds",),
        ["{pas du json.value"],
        "Requête invalide : « changedPropIds » nomme un identifiant illisible.",
    ),
    (
        "a lone surrogate in a value",
        ("inputs", 0, "value"),
        "2012-\ud800",
        "Requête invalide : un texte n'est pas de l'Unicode valide (demi-paire de substitution "
        "isolée).",
    ),
    (
        "a lone surrogate in a key",
        ("state", 0, "value"),
        {"\udfff": 1},
        "Requête invalide : un texte n'est pas de l'Unicode valide (demi-paire de substitution "
        "isolée).",
    ),
    (
        "NUL in a value",
        ("inputs", 2, "value"),
        "mois\x00",
        "Requête invalide : un texte contient le caractère nul (U+0000).",
    ),
    (
        "too deep a value",
        ("state", 0, "value"),
        json.loads("[" * 40 + "]" * 40),
        "Requête invalide : la requête imbrique des valeurs sur plus de 32 niveaux.",
    ),
    (
        "too many values",
        ("state", 0, "value"),
        [0] * 20_001,
        "Requête invalide : la requête contient plus de 20000 valeurs.",
    ),
]


@pytest.mark.parametrize(("what", "path", "value", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_malformed_envelope_gets_its_own_french_400(client, what, path, value, message):
    requests = Requests(client)
    good = _explorer_body(requests)
    assert requests.post(good).status_code == 200  # the renderer's own shape is answered
    forged = _set(good, path, value)
    response = requests.post(forged)
    assert response.status_code == 400, what
    assert response.get_json() == {"status": 400, "message": message}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("[" * 100_000, "le corps de la requête doit être un objet JSON."),
        ('{"output": NaN}', "la sortie demandée ne correspond à aucun calcul de l'application."),
        (b"\xff\xfe{}", "le corps de la requête doit être un objet JSON."),
    ],
)
def test_bodies_that_are_not_json_objects_get_400(client, raw, message):
    response = client.post("/_dash-update-component", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["message"] == f"Requête invalide : {message}"


def test_a_clientside_callback_is_not_run_on_the_server(client):
    requests = Requests(client)
    spec = next(s for s in requests.dependencies if s.get("clientside_function"))
    response = requests.post(requests.body(spec, {}))
    assert response.status_code == 400
    assert response.get_json()["message"] == (
        "Requête invalide : ce calcul s'exécute dans le navigateur, pas sur le serveur."
    )


def test_a_nan_inside_a_value_is_refused(client):
    requests = Requests(client)
    body = json.dumps(_explorer_body(requests)).replace('"trimestre"', "NaN")
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.get_json() == {
        "status": 400,
        "message": "Requête invalide : un nombre n'est pas fini (NaN ou infini).",
    }
