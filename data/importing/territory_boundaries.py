"""Territory codes checked against the boundaries the maps draw (`data/boundaries.py`).

The store's territory list says which codes a file may use; this check adds that each of them
can be drawn: a code the store knows but the bundled boundaries do not (a commune created after
their millésime, a typing error copied into the reference list) would be counted but missing from
every map. Such a cell is refused like any other bad cell, with its line, column and value.
"""

from __future__ import annotations

from collections.abc import Callable

from data.boundaries import boundaries

# The name of the cell check (see data/importing/cell_checks.py: cell_rules, _cell_message).
CHECK = "contour"


def drawable(code: str | None) -> bool:
    """Whether a resolved territory code has a bundled boundary (None: left to the other
    checks, which say the value is unknown)."""
    return code is None or boundaries().knows(code)


def cell_check(resolve: Callable[[object], str | None]) -> tuple[str, Callable[[object], bool]]:
    """The (name, predicate) pair of a territory cell, given how the cell resolves to a code."""
    return CHECK, lambda value: drawable(resolve(value))


def message(shown: str, code: str | None, label: str | None) -> str:
    bundled = boundaries()
    if code and shown != code:
        named = f"« {shown} » (code INSEE {code})"
    else:
        named = f"« {shown} »" + (f" ({label})" if label else "")
    return (
        f"le territoire {named} n'a pas de contour dans les limites "
        f"administratives fournies avec le tableau de bord (IGN / INSEE {bundled.millesime}) : "
        "vérifiez le code INSEE de la commune, de l'arrondissement ou du canton."
    )
