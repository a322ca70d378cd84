"""Callback requests built as Dash's renderer builds them, from the app's own
`/_dash-dependencies` and the ids its pages really lay out (pattern-matching wildcards expanded)."""

from __future__ import annotations

import json
from collections.abc import Iterator

PAGE_PATHS = ["/", "/explorer", "/donnees", "/colloque", "/partenaires/essonne"]


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


def _declared_outputs(spec: dict) -> list[dict]:
    """The outputs of a /_dash-dependencies entry ("..a.x...b.y.." for several) as declarations."""
    text = spec["output"]
    parts = text[2:-2].split("...") if text.startswith("..") else [text]
    # "@<hash>" marks an output shared by several callbacks (allow_duplicate): sent as is.
    return [dict(zip(("id", "property"), part.rsplit(".", 1), strict=True)) for part in parts]


def page_spec(dependencies: list[dict]) -> dict:
    """Dash Pages' router: the callback that draws a page from the browser's location."""
    return next(s for s in dependencies if s["inputs"][0]["id"] == "_pages_location")


class Requests:
    """Callback requests as the renderer builds them, for this app's callbacks and pages."""

    def __init__(self, client) -> None:
        self.client = client
        self.dependencies = client.get("/_dash-dependencies").get_json()
        self.page_paths = PAGE_PATHS
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
        spec = page_spec(self.dependencies)
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
        outputs = []
        for dep in _declared_outputs(spec):
            item = self.items(dep, None)
            for one in item if isinstance(item, list) else [item]:
                del one["value"]
            outputs.append(item)
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
            "outputs": outputs if spec["output"].startswith("..") else outputs[0],
            "inputs": inputs,
            "state": state,
            "changedPropIds": changed,
        }


def post_callback(client, app, first_output: str, inputs: list, state: list, changed: str):
    """A multi-output callback request as the browser sends it, forged by hand: the callback is
    found by its first output in the app's callback map."""
    key = next(k for k in app.callback_map if k.startswith(f"..{first_output}"))
    outputs = []
    for part in key.strip(".").split("..."):
        component, prop = part.rsplit(".", 1)
        outputs.append({"id": component, "property": prop})
    payload = {
        "output": key,
        "outputs": outputs,
        "inputs": inputs,
        "state": state,
        "changedPropIds": [changed],
    }
    return client.post("/_dash-update-component", json=payload)
