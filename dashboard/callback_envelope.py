"""The shape of a request to Dash's callback endpoint, checked before Dash sees it.

Dash's renderer always sends the same envelope: the output it asks for, the outputs, inputs and
state of that callback (each `{"id", "property", "value"}`, lists of them for pattern-matching
wildcards) and the inputs that changed. Anything else is forged or broken: it is refused with a
short French reason (answered 400), so that Dash and the callbacks only ever see values of sane
types, sizes and text — never a lone surrogate that no encoder accepts, a NUL that PostgreSQL
refuses, NaN, or a nesting that exhausts the interpreter's stack.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping

# Far above what the renderer sends (the explorer's largest request has a few thousand values),
# far below what would cost a worker anything.
MAX_DEPTH = 32
MAX_NODES = 20_000
MAX_WILDCARD_ITEMS = 500
MAX_KEY_LENGTH = 200
# Values of Dash's own page router: the browser's `location.pathname` and `location.search`.
MAX_PATH_LENGTH = 2000


class Refused(ValueError):
    """A malformed envelope; its message says what was wrong, in French."""


# --- values


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "un texte contient le caractère nul (U+0000)."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "un texte n'est pas de l'Unicode valide (demi-paire de substitution isolée)."
    return None


def value_problem(value: object) -> str | None:
    """Why a JSON value cannot be handed to a callback (text, numbers, depth, size), or None."""
    nodes = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            return f"la requête contient plus de {MAX_NODES} valeurs."
        if depth > MAX_DEPTH:
            return f"la requête imbrique des valeurs sur plus de {MAX_DEPTH} niveaux."
        if isinstance(item, str):
            problem = _text_problem(item)
            if problem:
                return problem
        elif isinstance(item, float):
            if not math.isfinite(item):
                return "un nombre n'est pas fini (NaN ou infini)."
        elif isinstance(item, dict):
            for key, inner in item.items():
                problem = _text_problem(key) if len(key) <= MAX_KEY_LENGTH else "clé trop longue."
                if problem:
                    return problem
                stack.append((inner, depth + 1))
        elif isinstance(item, list):
            stack.extend((inner, depth + 1) for inner in item)
    return None


def _page_path(value: object) -> str | None:
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return "le chemin de la page doit être un texte commençant par « / »."
    if len(value) > MAX_PATH_LENGTH:
        return f"le chemin de la page dépasse {MAX_PATH_LENGTH} caractères."
    return None


def _page_query(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        return "les paramètres de l'adresse doivent être un texte."
    if value and len(value) > MAX_PATH_LENGTH:
        return f"les paramètres de l'adresse dépassent {MAX_PATH_LENGTH} caractères."
    return None


# Values that the framework itself (not our callbacks) reads without checking: Dash Pages' router
# fails on a path that does not start with "/". (id, property) -> rule.
FRAMEWORK_VALUE_RULES: dict[tuple[str, str], Callable[[object], str | None]] = {
    ("_pages_location", "pathname"): _page_path,
    ("_pages_location", "search"): _page_query,
}


# --- ids


def _wildcard(value: object) -> str | None:
    """ALL, MATCH or ALLSMALLER for a wildcard key of a declared id (stored as ["ALL"])."""
    if isinstance(value, list) and len(value) == 1 and value[0] in WILDCARDS:
        return value[0]
    return None


WILDCARDS = ("ALL", "MATCH", "ALLSMALLER")


def _parse_declared_id(text: str) -> str | dict:
    return json.loads(text) if text.startswith("{") else text


def _id_matches(given: object, declared: str | dict) -> bool:
    """A concrete id matches its declaration (a wildcard key accepts any scalar value)."""
    if isinstance(declared, str):
        return given == declared
    if not isinstance(given, dict) or set(given) != set(declared):
        return False
    for key, wanted in declared.items():
        value = given[key]
        if _wildcard(wanted):
            if not isinstance(value, str | int | float | bool):
                return False
        elif value != wanted:
            return False
    return True


def _is_many(declared: object) -> bool:
    """ALL and ALLSMALLER collect a list of items; MATCH (and plain ids) a single one."""
    if not isinstance(declared, dict):
        return False
    return any(_wildcard(v) in ("ALL", "ALLSMALLER") for v in declared.values())


# --- the envelope


def _items_problem(name: str, items: object, declared: list[dict], with_value: bool) -> str | None:
    if not isinstance(items, list) or len(items) != len(declared):
        return f"« {name} » ne correspond pas au calcul demandé."
    for item, wanted in zip(items, declared, strict=True):
        wanted_id = _parse_declared_id(wanted["id"])
        many = _is_many(wanted_id)
        if many and not isinstance(item, list):
            return f"« {name} » : une liste était attendue pour « {wanted['property']} »."
        if many and len(item) > MAX_WILDCARD_ITEMS:
            return f"« {name} » compte plus de {MAX_WILDCARD_ITEMS} éléments."
        for one in item if many else [item]:
            if not (
                isinstance(one, dict)
                and _id_matches(one.get("id"), wanted_id)
                # Outputs shared by several callbacks (allow_duplicate) carry "@<hash>".
                and isinstance(one.get("property"), str)
                and one["property"].split("@")[0] == wanted["property"]
            ):
                return f"« {name} » ne correspond pas au calcul demandé."
            if with_value:
                rule = FRAMEWORK_VALUE_RULES.get((wanted["id"], wanted["property"]))
                problem = rule(one.get("value")) if rule else None
                if problem:
                    return problem
    return None


def _declared_outputs(spec: Mapping) -> list[dict]:
    """The outputs of a callback as {"id", "property"} declarations."""
    declared = spec.get("output")
    outputs = declared if isinstance(declared, list | tuple) else [declared]
    return [{"id": o.component_id_str(), "property": o.component_property} for o in outputs]


def _changed_problem(changed: object, inputs: list) -> str | None:
    if not isinstance(changed, list) or len(changed) > len(inputs) + MAX_WILDCARD_ITEMS:
        return "« changedPropIds » doit être une liste de textes."
    given = [one for item in inputs for one in (item if isinstance(item, list) else [item])]
    for prop_id in changed:
        if not isinstance(prop_id, str) or "." not in prop_id:
            return "« changedPropIds » doit être une liste de textes « identifiant.propriété »."
        ident, _, prop = prop_id.rpartition(".")
        try:
            parsed = json.loads(ident) if ident.startswith("{") else ident
        except ValueError:
            return "« changedPropIds » nomme un identifiant illisible."
        if not any(one["id"] == parsed and one["property"] == prop for one in given):
            return "« changedPropIds » nomme une entrée qui n'est pas dans la requête."
    return None


def envelope_problem(callback_map: Mapping[str, Mapping], body: object) -> str | None:
    """Why a body sent to the callback endpoint is malformed, or None when Dash may run it."""
    if not isinstance(body, dict):
        return "le corps de la requête doit être un objet JSON."
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return "la sortie demandée ne correspond à aucun calcul de l'application."
    problem = value_problem(body)
    if problem:
        return problem
    spec = callback_map[output]
    if "callback" not in spec:
        return "ce calcul s'exécute dans le navigateur, pas sur le serveur."
    for key in ("inputs", "state"):
        declared = [{"id": d["id"], "property": d["property"]} for d in spec.get(key, [])]
        problem = _items_problem(key, body.get(key, []), declared, with_value=True)
        if problem:
            return problem
    if not spec.get("no_output"):
        declared = _declared_outputs(spec)
        outputs = body.get("outputs")
        # A single output arrives alone, several as a list.
        given = outputs if isinstance(spec.get("output"), list | tuple) else [outputs]
        problem = _items_problem("outputs", given, declared, with_value=False)
        if problem:
            return problem
    return _changed_problem(body.get("changedPropIds", []), body.get("inputs", []))
