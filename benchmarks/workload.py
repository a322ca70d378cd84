"""The requests to replay: the app's own callbacks, discovered from /_dash-dependencies.

Nothing here knows the pages. The shell layout gives the page paths (its navigation links); the
page-content callback gives each page's components; every server-side callback whose inputs are on
a page is then called with plausible values taken from the components themselves (an option of a
select, a date within the allowed range...), varied from one request to the next so that no cache
answers them all. Button actions (exports, uploads, sign-in, approvals) are not views and are
left out.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field

import requests

# Inputs that mean "the user pressed something": the callback is an action, not a view.
ACTION_PROPS = {"n_clicks", "n_submit", "contents", "n_clicks_timestamp", "n_blur"}
WILDCARDS = ("ALL", "MATCH", "ALLSMALLER")


@dataclass
class Request:
    """One POST to /_dash-update-component (or GET of a page), ready to send."""

    name: str  # which callback, for per-callback statistics
    page: str
    body: dict | None  # None: a plain GET of `page`
    cookies: dict = field(default_factory=dict)


@dataclass
class Callback:
    output: str
    outputs: list[tuple[object, str]]  # (id, property)
    multi: bool
    inputs: list[tuple[object, str]]
    state: list[tuple[object, str]]
    prevent_initial_call: bool

    @property
    def name(self) -> str:
        return self.output.strip(".")[:80]


def _split_id_prop(text: str) -> tuple[object, str]:
    ident, prop = text.rsplit(".", 1)
    return (json.loads(ident) if ident.startswith("{") else ident), prop


def parse_dependencies(dependencies: list[dict]) -> list[Callback]:
    """The server-side callbacks (clientside ones cost the server nothing)."""
    callbacks = []
    for dep in dependencies:
        if dep.get("clientside_function") or dep.get("no_output"):
            continue
        output = dep["output"]
        multi = output.startswith("..")
        parts = output[2:-2].split("...") if multi else [output]
        callbacks.append(
            Callback(
                output=output,
                outputs=[_split_id_prop(p) for p in parts],
                multi=multi,
                inputs=[(_id(i["id"]), i["property"]) for i in dep["inputs"]],
                state=[(_id(s["id"]), s["property"]) for s in dep.get("state", [])],
                prevent_initial_call=bool(dep.get("prevent_initial_call")),
            )
        )
    return callbacks


def _id(value):
    if isinstance(value, str) and value.startswith("{"):
        return json.loads(value)
    return value


def _key(ident) -> str:
    return json.dumps(ident, sort_keys=True) if isinstance(ident, dict) else str(ident)


def components(tree) -> dict[str, dict]:
    """Every component of a layout (as Dash serialises it) that has an id: id -> props/type."""
    found: dict[str, dict] = {}

    def walk(node):
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if "props" in node and "type" in node:
                props = node["props"] or {}
                if "id" in props:
                    found[_key(props["id"])] = {
                        "id": props["id"],
                        "type": node["type"],
                        "props": props,
                    }
                for value in props.values():
                    walk(value)
            else:
                for value in node.values():
                    walk(value)

    walk(tree)
    return found


def links(tree) -> list[str]:
    """Internal page paths linked from a layout (the navigation)."""
    paths: list[str] = []

    def walk(node):
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            props = node.get("props") if "type" in node else None
            if isinstance(props, dict):
                href = props.get("href")
                if (
                    node["type"] == "Link"
                    and isinstance(href, str)
                    and href.startswith("/")
                    and href not in paths
                ):
                    paths.append(href)
                for value in props.values():
                    walk(value)
            else:
                for value in node.values():
                    walk(value)

    walk(tree)
    return paths


def _matches(pattern: dict, ident) -> bool:
    if not isinstance(ident, dict) or set(ident) != set(pattern):
        return False
    return all(
        (isinstance(v, list) and v and v[0] in WILDCARDS) or ident[k] == v
        for k, v in pattern.items()
    )


def _option_values(props: dict) -> list:
    options = props.get("options")
    if isinstance(options, dict):
        return list(options)
    values = []
    for option in options or []:
        if isinstance(option, dict):
            if not option.get("disabled"):
                values.append(option.get("value"))
        else:
            values.append(option)
    return values


def plausible_value(component: dict, prop: str, rng: random.Random, paths: list[str]):
    """A value a user could give this property: an option, a date in range, a page path..."""
    props = component["props"]
    current = props.get(prop)
    if prop == "pathname":
        return rng.choice(paths)
    if prop == "search":
        return ""
    if prop in ("value",) and "options" in props:
        options = _option_values(props)
        if options:
            if isinstance(current, list) or props.get("multi"):
                return rng.sample(options, k=rng.randint(1, min(3, len(options))))
            return rng.choice(options)
    if prop in ("start_date", "end_date"):
        low = _date(props.get("min_date_allowed")) or _date(current)
        high = _date(props.get("max_date_allowed")) or _date(current)
        if low and high and high > low:
            span = (high - low).days
            # Start in the first half, end in the second: always a valid range.
            offset = (
                rng.randint(0, span // 2) if prop == "start_date" else rng.randint(span // 2, span)
            )
            return (low + dt.timedelta(days=offset)).isoformat()
    if prop == "value" and isinstance(current, list) and current and "min" in props:
        low, high = props.get("min"), props.get("max")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and high > low:
            a, b = sorted(rng.uniform(low, high) for _ in range(2))
            return [round(a), round(b)]
    return current


def _date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def query_variants(tree, path: str, rng: random.Random, count: int) -> list[str]:
    """Query strings a visitor can reach from a page: its links to itself with a query (presets),
    and its GET forms filled with their options (a range when two selects share options)."""
    found: list[str] = []

    def walk(node, form: list | None):
        if isinstance(node, list):
            for child in node:
                walk(child, form)
        elif isinstance(node, dict):
            props = node.get("props") if "type" in node else None
            if not isinstance(props, dict):
                for value in node.values():
                    walk(value, form)
                return
            href = props.get("href")
            if (
                isinstance(href, str)
                and href.startswith(path + "?")
                and href[len(path) :] not in found
            ):
                found.append(href[len(path) :])
            if node["type"] == "Form" and str(props.get("method", "")).lower() == "get":
                fields: list = []
                walk(props.get("children"), fields)
                forms.append(fields)
                return
            if form is not None and props.get("name") and "options" in props:
                form.append((props["name"], _option_values(props)))
            for value in props.values():
                walk(value, form)

    forms: list[list] = []
    walk(tree, None)
    for fields in forms:
        fields = [(name, options) for name, options in fields if options]
        for _ in range(count):
            values = [rng.choice(options) for _name, options in fields]
            if len(fields) == 2 and fields[0][1] == fields[1][1]:
                values = sorted(values, key=fields[0][1].index)
            query = "&".join(
                f"{name}={value}" for (name, _o), value in zip(fields, values, strict=False)
            )
            found.append("?" + query)
    return found


class Discovery:
    """What the running app exposes: callbacks, pages and the components of each page."""

    def __init__(self, base_url: str, session: requests.Session | None = None) -> None:
        self.base_url = base_url
        self.http = session or requests.Session()
        self.callbacks = parse_dependencies(self._get_json("/_dash-dependencies"))
        self.shell = self._get_json("/_dash-layout")
        self.paths = links(self.shell) or ["/"]
        self.page_callback = next(
            (
                cb
                for cb in self.callbacks
                if any(prop == "pathname" for _i, prop in cb.inputs)
                and any(prop == "children" for _i, prop in cb.outputs)
            ),
            None,
        )
        self.pages: dict[str, dict[str, dict]] = {}
        shell_components = components(self.shell)
        self.queries: dict[str, list[str]] = {}
        rng = random.Random(1)
        for path in self.paths:
            content = self._page_content(path) if self.page_callback else None
            self.pages[path] = {**shell_components, **components(content)}
            self.queries[path] = query_variants(content, path, rng, count=12)

    def _get_json(self, path: str):
        response = self.http.get(self.base_url + path, timeout=60)
        response.raise_for_status()
        return response.json()

    def _page_content(self, path: str):
        found = components(self.shell)
        body = build_body(self.page_callback, found, random.Random(0), [path])
        response = self.http.post(self.base_url + "/_dash-update-component", json=body, timeout=120)
        response.raise_for_status()
        return response.json()

    def view_callbacks(self, path: str) -> list[Callback]:
        """The server-side callbacks that a user viewing `path` can trigger without an action."""
        found = self.pages[path]
        result = []
        for callback in self.callbacks:
            if callback is self.page_callback:
                continue
            # Only actions can trigger it (a button, an upload): not a view.
            if all(prop in ACTION_PROPS for _i, prop in callback.inputs):
                continue
            if all(_resolve(ident, found) or _wants_all(ident) for ident, _p in callback.inputs):
                result.append(callback)
        return result


def _wants_all(ident) -> bool:
    """A pattern with ALL: it may match no component at all (Dash then sends an empty list)."""
    return isinstance(ident, dict) and any(
        isinstance(v, list) and v and v[0] == "ALL" for v in ident.values()
    )


def _resolve(ident, found: dict[str, dict]) -> list[dict]:
    if isinstance(ident, dict):
        return [c for c in found.values() if _matches(ident, c["id"])]
    component = found.get(_key(ident))
    return [component] if component else []


def _pseudo(ident, prop: str) -> dict:
    """A stand-in for an id the page does not hold (the location, outside any page)."""
    return {"id": ident, "type": "", "props": {}}


def build_body(
    callback: Callback, found: dict[str, dict], rng: random.Random, paths: list[str]
) -> dict:
    """The JSON body Dash's renderer sends for this callback, with plausible varied values."""
    match_values: dict | None = None

    def entries(items, with_values: bool):
        nonlocal match_values
        result = []
        for ident, prop in items:
            wants_all = _wants_all(ident)
            matches = _resolve(ident, found) or ([] if wants_all else [_pseudo(ident, prop)])
            if isinstance(ident, dict):
                if not wants_all:
                    chosen = rng.choice(matches)
                    if match_values is None and isinstance(chosen["id"], dict):
                        match_values = chosen["id"]
                    matches = [chosen]
                group = [_entry(c, prop, with_values, rng, paths) for c in matches]
                result.append(group if wants_all else group[0])
            else:
                result.append(_entry(matches[0], prop, with_values, rng, paths))
        return result

    inputs = entries(callback.inputs, True)
    state = entries(callback.state, True)
    outputs = []
    for ident, prop in callback.outputs:
        # An explicit pattern id (no wildcard in it, e.g. the map writing the territory filter)
        # names one component, like a string id.
        if isinstance(ident, dict) and any(isinstance(v, list) for v in ident.values()):
            concrete = [c["id"] for c in _resolve(ident, found)]
            if any(isinstance(v, list) and v and v[0] == "MATCH" for v in ident.values()):
                concrete = [match_values or ident]
                outputs.append({"id": concrete[0], "property": prop})
            else:
                outputs.append([{"id": i, "property": prop} for i in concrete])
        else:
            outputs.append({"id": ident, "property": prop})
    # The input the user changed: a value, not a button (views are what is measured).
    first = next(
        (item for item in callback.inputs if item[1] not in ACTION_PROPS), callback.inputs[0]
    )
    return {
        "output": callback.output,
        "outputs": outputs if callback.multi else outputs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{_key(first[0])}.{first[1]}"],
    }


def _entry(component: dict, prop: str, with_values: bool, rng, paths) -> dict:
    entry = {"id": component["id"], "property": prop}
    if with_values:
        entry["value"] = plausible_value(component, prop, rng, paths)
    return entry


def build_workload(discovery: Discovery, variants: int, seed: int = 8) -> list[Request]:
    """For every page: the page itself, and `variants` varied calls of each view callback."""
    rng = random.Random(seed)
    requests_: list[Request] = []
    for path in discovery.paths:
        found = discovery.pages[path]
        cookies = {"langue": "fr"}
        if discovery.page_callback:
            # Page visits (with the period and other choices the page offers in its links and
            # forms) weigh like a view callback.
            for _ in range(variants):
                body = build_body(discovery.page_callback, found, rng, [path])
                queries = discovery.queries.get(path) or []
                if queries and rng.random() < 0.75:
                    for entry in body["inputs"]:
                        if entry["property"] == "search":
                            entry["value"] = rng.choice(queries)
                requests_.append(Request("page " + path, path, body, cookies))
        for callback in discovery.view_callbacks(path):
            for _ in range(variants):
                body = build_body(callback, found, rng, [path])
                lang = "en" if rng.random() < 0.2 else "fr"
                requests_.append(Request(callback.name, path, body, {"langue": lang}))
    return requests_
