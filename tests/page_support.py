"""The request Dash's renderer sends to show a page (Dash Pages' page-content callback)."""

from __future__ import annotations

import json


def page_body(path: str, search: str = "") -> dict:
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }


def folded_tables(answer: object) -> list[dict]:
    """The data tables a page answer carries folded (layouts.chart_card.data_table): each one's
    caption, label, headers, rows and first right-aligned column, as the browser builds it."""
    found: list[dict] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("data-table"), str):
                found.append(json.loads(node["data-table"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(answer)
    return found
