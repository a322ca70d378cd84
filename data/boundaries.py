"""The territories' boundaries bundled with the app (`data/territories/`), read once.

Written by `scripts/build_boundaries.py` from official sources (IGN / INSEE, Licence Ouverte):
Paris's arrondissements, the communes of Seine-Saint-Denis, Val-de-Marne and Essonne, Essonne's
cantons and the four départements' outlines, simplified and rounded. Nothing is fetched at run
time: the colloquium venue may have no internet, and the maps draw these shapes as plain plotly
polygons (`layouts/maps.py`).

Codes are INSEE codes, as the store keeps them (`data/reference_territories.py`): five digits for a commune
or an arrondissement, four for a canton (9101 to 9121). A commune of the store's list that has
since merged into another (`merged` in the metadata) is drawn as the commune it joined. The two
communes Essonne splits between two cantons (Brunoy, Montgeron) are places of level `shared`,
drawn on the cantons' map as part of both (`within`): their fractions' outlines are not
published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "territories"
# The département each partner works in (the programme itself has no map).
PARTNER_DEPARTMENTS = {
    "paris": "75",
    "seine-saint-denis": "93",
    "val-de-marne": "94",
    "essonne": "91",
}
# The level a map of that département draws when its rows do not say otherwise.
DEFAULT_LEVEL = {"75": "arrondissement", "93": "commune", "94": "commune", "91": "commune"}


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str  # arrondissement, commune, canton, shared, departement
    department: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # exterior rings, (longitude, latitude)
    # A commune split between cantons (level `shared`): the codes of the cantons it belongs to.
    within: tuple[str, ...] = ()

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the largest ring's bounding box: where a value is printed."""
        ring = max(self.rings, key=len)
        xs = [x for x, _ in ring]
        ys = [y for _, y in ring]
        return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


@dataclass(frozen=True)
class Boundaries:
    places: dict[str, Place]
    merged: dict[str, str]  # old INSEE code -> code of the commune it is now part of
    source: str
    millesime: str
    licence: str
    canton_populations: dict[str, int]  # Essonne's cantons, counted from their communes

    def drawn_code(self, code: str) -> str | None:
        """The shape a store code is drawn as (itself, or the commune it merged into)."""
        code = self.merged.get(code, code)
        return code if code in self.places else None

    def knows(self, code: str) -> bool:
        return self.drawn_code(code) is not None

    def of(self, department: str, level: str) -> list[Place]:
        return [p for p in self.places.values() if p.department == department and p.level == level]

    def level_of(self, codes, department: str) -> str:
        """The level a map of `department` draws for rows with these codes: cantons when most of
        them are canton codes, the département's usual level otherwise."""
        levels = [self.places[c].level for c in map(self.drawn_code, codes) if c]
        if levels and levels.count("canton") * 2 > len(levels):
            return "canton"
        return DEFAULT_LEVEL.get(department, "commune")

    def source_line(self, lang: str) -> str:
        """The map's source, as its source line says it."""
        if lang == "en":
            return f"boundaries IGN / INSEE {self.millesime}, Licence Ouverte"
        return f"contours IGN / INSEE {self.millesime}, Licence Ouverte"


def _place(code: str, raw: dict) -> Place:
    rings = tuple(tuple((float(x), float(y)) for x, y in ring) for ring in raw["rings"])
    return Place(code, raw["name"], raw["level"], raw["dep"], rings, tuple(raw.get("within", ())))


@lru_cache(maxsize=1)
def boundaries() -> Boundaries:
    """The bundled boundaries (read from disk once per process)."""
    raw = json.loads((FOLDER / "boundaries.json").read_text(encoding="utf-8"))
    meta = json.loads((FOLDER / "metadata.json").read_text(encoding="utf-8"))
    return Boundaries(
        places={code: _place(code, value) for code, value in raw.items()},
        merged=dict(meta.get("merged", {})),
        source=meta["source"],
        millesime=meta["millesime"],
        licence=meta["licence"],
        canton_populations=dict(meta.get("canton_populations", {}).get("values", {})),
    )
