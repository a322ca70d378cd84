"""Maps of where things happened: the bundled boundaries and the figure builder (no browser)."""

from __future__ import annotations

import gzip
import json

import pytest

from data import reference_territories
from data.boundaries import FOLDER, PARTNER_DEPARTMENTS, boundaries
from layouts import figures, maps


def _fills(figure: dict) -> list[dict]:
    """The territories' shapes (one filled trace each, with its INSEE code)."""
    return [t for t in figure["data"] if t.get("fill") == "toself" and t["x"] != [None]]


def _legend(figure: dict) -> list[str]:
    return [t["name"] for t in figure["data"] if t["x"] == [None]]


def _trace(figure: dict, code: str) -> dict:
    return next(t for t in _fills(figure) if t["customdata"] == [code])


def test_every_territory_of_the_store_has_a_boundary():
    bundled = boundaries()
    for slug, (_level, places) in reference_territories.TERRITORIES.items():
        for code, _name, _population in places:
            assert bundled.knows(code), (slug, code)
    # Paris: its 20 arrondissements; Essonne: its cantons too.
    assert {p.code for p in bundled.of("75", "arrondissement")} == {
        f"751{n:02d}" for n in range(1, 21)
    }
    assert len(bundled.of("91", "canton")) == 21
    assert len(bundled.of("93", "commune")) >= 39
    assert {p.level for p in bundled.places.values()} == {
        "arrondissement",
        "commune",
        "canton",
        "shared",
        "departement",
    }


def test_the_boundaries_are_small_and_say_where_they_come_from():
    packed = gzip.compress((FOLDER / "boundaries.json").read_bytes())
    assert len(packed) < 60_000  # a few tens of kilobytes compressed, all maps together
    meta = json.loads((FOLDER / "metadata.json").read_text(encoding="utf-8"))
    assert "IGN" in meta["source"] and "INSEE" in meta["source"]
    assert "Licence Ouverte" in meta["licence"]
    assert meta["millesime"].isdigit()
    assert boundaries().source_line("fr") == (
        f"contours IGN / INSEE {meta['millesime']}, Licence Ouverte"
    )


def test_a_merged_commune_is_drawn_as_the_commune_it_joined():
    bundled = boundaries()
    assert bundled.drawn_code("93059") == "93066"
    assert bundled.drawn_code("93066") == "93066"
    assert bundled.drawn_code("99999") is None


ROWS = [
    {"code": "75111", "label": "Paris 11e", "value": 1234.0},
    {"code": "75118", "label": "Paris 18e", "value": 40.0},
    {"code": "75120", "label": "Paris 20e", "value": 12.0},
    {"code": "75101", "label": "Paris 1er", "value": None, "suppressed": True},
]


def _paris(rows=ROWS, lang="fr") -> dict:
    return maps.partner_territory_map(
        "paris", rows, lang=lang, value_label="Clameurs", source="Démo", threshold=5
    )


def test_each_arrondissement_is_drawn_once_with_its_name_and_value_in_french():
    figure = _paris()
    codes = [t["customdata"][0] for t in _fills(figure)]
    assert sorted(codes) == [f"751{n:02d}" for n in range(1, 21)]
    # Hover « name : value », French number format.
    assert _trace(figure, "75111")["text"] == "Paris 11e : 1\u202f234"
    assert _trace(figure, "75111")["hoveron"] == "fills"
    # Only the basic bundle's trace type, nothing fetched.
    assert {t["type"] for t in figure["data"]} == {"scatter"}
    assert "geo" not in figure["layout"] and "mapbox" not in figure["layout"]


def test_no_data_is_hatched_and_said_not_zero():
    figure = _paris()
    empty = _trace(figure, "75105")
    assert empty["text"] == "Paris 5e Arrondissement : pas de données"
    assert empty["fillpattern"] == maps.NO_DATA_PATTERN
    assert empty["fillcolor"] not in figures.MAP_CLASSES
    assert "pas de données" in _legend(figure)


def test_a_hidden_small_count_is_never_coloured_by_a_value():
    figure = _paris()
    hidden = _trace(figure, "75101")
    assert hidden["text"] == "Paris 1er : < 5"
    assert hidden["fillcolor"] not in figures.MAP_CLASSES
    assert hidden["fillpattern"] == maps.HIDDEN_PATTERN
    assert "< 5 (petit effectif masqué)" in _legend(figure)
    # Nor does it move the classes: a hidden value given anyway changes nothing shown.
    leaked = [dict(r, value=3.0) if r["code"] == "75101" else r for r in ROWS]
    assert _paris(leaked) == figure


def test_classes_are_ordered_light_to_dark_and_labelled_in_french():
    figure = _paris()
    coloured = {code: _trace(figure, code)["fillcolor"] for code in ("75120", "75118", "75111")}
    order = [figures.MAP_CLASSES.index(coloured[c]) for c in ("75120", "75118", "75111")]
    assert order == sorted(order) and len(set(order)) == 3
    assert _legend(figure)[:3] == ["12", "40", "1\u202f234"]
    assert _legend(_paris(lang="en"))[:3] == ["12", "40", "1,234"]
    # Each value is printed at its territory's centre too (black-and-white print).
    printed = next(t for t in figure["data"] if t.get("mode") == "text")
    assert sorted(printed["text"]) == sorted(["1\u202f234", "40", "12"])


def test_quantile_classes_group_values_in_ranges():
    rows = [
        {"code": f"751{n:02d}", "label": f"Paris {n}", "value": float(n * 10)} for n in range(1, 21)
    ]
    labels = _legend(_paris(rows))
    assert labels == ["10 à 40", "50 à 80", "90 à 120", "130 à 160", "170 à 200"]


def test_data_text_is_escaped():
    rows = [{"code": "75111", "label": "<b>Onze</b>", "value": 3.0}]
    assert _trace(_paris(rows), "75111")["text"] == "&lt;b&gt;Onze&lt;/b&gt; : 3"


def test_essonne_is_drawn_by_canton_when_its_rows_are_by_canton():
    rows = [
        {"code": "9109", "label": "Canton d'Évry", "value": 8.0},
        {"code": "9118", "label": "Canton des Ulis", "value": None, "suppressed": True},
    ]
    figure = maps.partner_territory_map(
        "essonne", rows, lang="fr", value_label="Ateliers", threshold=5
    )
    # The 21 cantons, and the two communes split between two of them (drawn, not holes).
    codes = [t["customdata"][0] for t in _fills(figure)]
    assert sorted(codes) == [f"91{n:02d}" for n in range(1, 22)] + ["9198", "9199"]
    assert _trace(figure, "9109")["text"] == "Canton d'Évry : 8"
    assert _trace(figure, "9101")["text"] == "Canton d'Arpajon : pas de données"
    assert "fillpattern" in _trace(figure, "9101")  # hatched, not drawn as zero
    hidden = _trace(figure, "9118")
    assert hidden["text"] == "Canton des Ulis : < 5" and hidden["fillcolor"] == "#ffffff"
    assert _trace(figure, "9198")["text"] == (
        "Brunoy : commune partagée<br>entre le canton d'Épinay-sous-Sénart<br>et le canton "
        "d'Yerres,<br>comptée dans leurs valeurs"
    )
    assert _legend(figure) == ["8", "< 5 (petit effectif masqué)", "pas de données"]
    by_commune = maps.partner_territory_map(
        "essonne",
        [{"code": "91228", "label": "Évry", "value": 8.0}],
        lang="fr",
        value_label="A",
        threshold=5,
    )
    assert len(_fills(by_commune)) > 150


def test_the_store_code_of_a_merged_commune_is_shown_with_the_commune_it_joined():
    rows = [
        {"code": "93066", "label": "Saint-Denis", "value": 30.0},
        {"code": "93059", "label": "Pierrefitte-sur-Seine", "value": 7.0},
    ]
    figure = maps.partner_territory_map(
        "seine-saint-denis", rows, lang="fr", value_label="A", threshold=5
    )
    assert _trace(figure, "93066")["text"] == "Saint-Denis (avec Pierrefitte-sur-Seine) : 30 ; 7"


def test_a_partner_without_boundaries_gets_no_map():
    assert (
        maps.partner_territory_map("programme", ROWS, lang="fr", value_label="A", threshold=5)
        is None
    )


@pytest.mark.parametrize("slug", sorted(PARTNER_DEPARTMENTS))
def test_the_overview_map_draws_each_partners_departement(slug):
    partners = [
        {"slug": s, "name": s.title(), "department": d, "defined": s != "val-de-marne"}
        for s, d in PARTNER_DEPARTMENTS.items()
    ]
    figure = maps.partners_map(partners, boundaries(), lang="fr", colours=figures.PARTNER_COLOURS)
    trace = next(t for t in _fills(figure) if t["customdata"] == [slug])
    if slug == "val-de-marne":
        assert trace["text"] == "Val-De-Marne : en cours de définition"
        assert "fillpattern" in trace
    else:
        assert trace["text"] == slug.title()


# --- the explorer's map (callbacks/explorer_map.py)


def test_a_click_on_a_shape_or_on_its_value_names_its_territory():
    from callbacks.explorer_map import clicked_code, toggled

    codes = ["75101", "75102"]
    assert clicked_code({"points": [{"curveNumber": 1}]}, codes) == "75102"
    assert clicked_code({"points": [{"curveNumber": 5, "customdata": ["75111"]}]}, codes) == "75111"
    for forged in (None, {}, {"points": []}, {"points": [{"curveNumber": 9}]}, {"points": ["x"]}):
        assert clicked_code(forged, codes) is None
    assert clicked_code({"points": [{"curveNumber": 0}]}, "not a list") is None
    assert toggled(["75101"], "75102") == ["75101", "75102"]
    assert toggled(["75101", "75102"], "75101") == ["75102"]
    assert toggled("odd", "75101") == ["75101"]


def test_the_explorers_map_is_per_inhabitant_when_asked(demo_engine, app):
    from callbacks import explorer_reference
    from callbacks.explorer_map import map_view
    from data.access import PUBLIC_VIEWER
    from layouts.explorer_state import parse_query

    with app.server.test_request_context("/explorer"), demo_engine.connect() as connection:
        reference = explorer_reference.reference(connection)
        state = parse_query("partenaires=paris", explorer_reference.allowed(reference))
        viewer = PUBLIC_VIEWER
        absolute, _, codes = map_view(connection, state, reference, "fr", "valeur", viewer)
        per_capita, _, _ = map_view(connection, state, reference, "fr", "habitants", viewer)
    assert sorted(codes) == [f"751{n:02d}" for n in range(1, 21)]
    shown = {t["customdata"][0]: t["text"] for t in _fills(absolute)}
    per_head = {t["customdata"][0]: t["text"] for t in _fills(per_capita)}
    with_data = [c for c, text in shown.items() if not text.endswith("pas de données")]
    assert with_data
    # Per inhabitant: the value divided by the territory's population, times 10 000.
    populations = {code: pop for code, _name, pop in reference_places("paris")}
    code = with_data[0]
    value = float(shown[code].rsplit(" : ", 1)[1].replace("\u202f", "").replace(",", "."))
    expected = round(value * 10_000 / populations[code], 2)
    written = per_head[code].rsplit(" : ", 1)[1].replace("\u202f", "").replace(",", ".")
    assert abs(float(written) - expected) < 0.051


def reference_places(slug: str):
    return reference_territories.TERRITORIES[slug][1]


def test_a_map_whose_values_are_all_hidden_has_no_class_and_says_so():
    rows = [{"code": "75111", "label": "Paris 11e", "value": None, "suppressed": True}]
    figure = _paris(rows)
    assert _legend(figure) == ["< 5 (petit effectif masqué)", "pas de données"]
    assert _trace(figure, "75111")["fillpattern"] == maps.HIDDEN_PATTERN
