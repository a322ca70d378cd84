"""A visible table's body sent as one attribute, its rows built by the browser.

Dash draws every cell of a table as a React component, all in the task that shows the page: the
explorer's table and the numbers under its charts were about half of its components. Their rows
travel instead as one JSON attribute of an empty <tbody>; assets/data-tables.js fills it with
plain <tr> and <td> as soon as it is in the page (before the next paint) and again whenever the
attribute changes (a filter change answers new rows in the same place). The cells, their text
and their classes are the ones the components had, so the table read, printed and exported is
the same. The first answer's copy of the page (layouts/static_html.py) writes the same rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from layouts.components import html_element

# The attribute holding a body's rows (read by assets/data-tables.js).
ROWS_ATTRIBUTE = "data-table-rows"


def table_body(rows: Sequence[Sequence[object]], classes: Sequence[str | None]) -> dict:
    """An empty <tbody> carrying the text of each cell of `rows`, and the class of the cells of
    each column (`classes`, by position; none for a column left out)."""
    spec = {
        "classes": [name or None for name in classes],
        "rows": [["" if cell is None else str(cell) for cell in row] for row in rows],
    }
    return html_element(
        "Tbody",
        None,
        **{ROWS_ATTRIBUTE: json.dumps(spec, ensure_ascii=False, separators=(",", ":"))},
    )


def built_rows(source: object) -> list[dict]:
    """The rows the browser builds from a body's attribute, as components (for a static copy of
    the page); none from a value that is not such an attribute."""
    try:
        spec = json.loads(source) if isinstance(source, str) else None
    except ValueError:
        return []
    if not isinstance(spec, dict) or not isinstance(spec.get("rows"), list):
        return []
    classes = spec.get("classes") if isinstance(spec.get("classes"), list) else []
    return [
        html_element(
            "Tr",
            [
                html_element("Td", text, classes[i] if i < len(classes) else None)
                for i, text in enumerate(row)
            ],
        )
        for row in spec["rows"]
        if isinstance(row, list)
    ]
