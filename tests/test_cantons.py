"""Essonne by canton: the bundled cantons, the store's canton territories, imports by canton, and
the migration that adds the cantons to a store made before."""

from __future__ import annotations

import importlib

from alembic import command
from sqlalchemy import func, select

from data import reference_territories
from data.boundaries import boundaries
from data.importing.service import import_file
from data.models import Observation, Territory
from data.reference_loading import load_reference
from data.store import alembic_config, current_revision, head_revision, make_engine, transaction
from data.store import upgrade as upgrade_store
from tests.importing_support import MANAGER, csv_bytes, snapshot, xlsx_bytes

HEADER = ["Indicateur", "Partenaire", "Début", "Fin", "Territoire", "Profil", "Valeur"]
CANTON_CODES = [f"91{n:02d}" for n in range(1, 22)]


def _row(territory: str, indicator: str = "essonne_pratiques_inventoriees") -> list[str]:
    return [indicator, "essonne", "01/03/2012", "31/03/2012", territory, "", "3"]


def test_the_bundled_boundaries_hold_essonnes_21_cantons_with_their_populations():
    bundled = boundaries()
    cantons = bundled.of("91", "canton")
    assert sorted(p.code for p in cantons) == CANTON_CODES
    # Each canton is named as one, never as the commune it is named after.
    assert all(p.name.startswith("Canton ") for p in cantons)
    assert bundled.places["9118"].name == "Canton des Ulis"
    assert bundled.places["91692"].name == "Les Ulis"
    # The two communes split between two cantons fill the cantons' map, each with its two.
    shared = {p.code: p.within for p in bundled.of("91", "shared")}
    assert shared == {"9198": ("9107", "9121"), "9199": ("9106", "9119")}
    # Populations: every inhabitant of Essonne counted once, in about equal cantons.
    populations = bundled.canton_populations
    assert sorted(populations) == CANTON_CODES
    assert all(30_000 < v < 90_000 for v in populations.values())


def test_the_store_knows_the_same_cantons_as_the_maps_and_as_the_migration_added():
    bundled = boundaries()
    listed = {code: (name, pop) for code, name, pop in reference_territories.ESSONNE_CANTONS}
    assert listed == {
        code: (bundled.places[code].name, bundled.canton_populations[code]) for code in CANTON_CODES
    }
    migration = importlib.import_module("data.migrations.versions.0012_essonne_cantons")
    assert migration.CANTONS == reference_territories.ESSONNE_CANTONS
    # A canton's code never has a commune's length, nor its name a commune's.
    communes = {c: n for c, n, _p in reference_territories.ESSONNE_COMMUNES}
    assert all(len(code) == 4 for code in listed) and all(len(c) == 5 for c in communes)
    assert not set(n for n, _p in listed.values()) & set(communes.values())


def test_a_store_holds_the_cantons_as_essonnes_territories_by_canton(engine):
    with engine.connect() as connection:
        rows = connection.execute(
            select(Territory.code, Territory.level, Territory.population).where(
                Territory.level == "canton"
            )
        ).all()
    assert sorted(r.code for r in rows) == CANTON_CODES
    assert all(r.population for r in rows)


def test_an_import_by_canton_is_accepted_by_code_and_by_name(engine):
    rows = [HEADER, _row("9109"), _row("Canton des Ulis"), _row("91228")]
    result = import_file(engine, csv_bytes(rows), "cantons.csv", MANAGER)
    assert result.ok, result.problems()
    with engine.connect() as connection:
        codes = sorted(connection.scalars(select(Observation.territory_code)))
    # « Évry »'s commune stays a commune; the canton's name gives the canton's code.
    assert codes == ["9109", "9118", "91228"]


def test_an_xlsx_canton_code_typed_as_a_number_is_the_canton(engine):
    rows = [HEADER, [*_row("")[:4], 9112, "", 3]]
    result = import_file(engine, xlsx_bytes(rows), "cantons.xlsx", MANAGER)
    assert result.ok, result.problems()
    with engine.connect() as connection:
        assert list(connection.scalars(select(Observation.territory_code))) == ["9112"]


def test_an_unknown_canton_code_is_refused_with_its_line_column_and_value(engine):
    before = snapshot(engine)
    rows = [HEADER, _row("9101"), _row("9122"), _row("9109", "paris_pratiques_detectees")]
    rows[3][1] = "paris"
    result = import_file(engine, csv_bytes(rows), "cantons.csv", MANAGER)
    assert not result.ok
    assert result.problems() == [
        "Ligne 3, colonne E « Territoire » : « 9122 » n'est ni un code INSEE ni un nom de "
        "territoire connu : un canton s'écrit avec son code INSEE à quatre chiffres, de 9101 à "
        "9121 (les cantons de l'Essonne).",
        "Ligne 4, colonne E « Territoire » : le territoire 9109 (Canton d'Évry) n'appartient "
        "pas à Paris.",
    ]
    after = snapshot(engine)
    assert after == {**before, "data_load": after["data_load"]}  # only the attempt is on record


def test_an_existing_store_gets_the_cantons_without_losing_anything(store_url):
    engine = make_engine(store_url)
    try:
        upgrade_store(engine)
        with transaction(engine) as session:
            load_reference(session)
        rows = [
            HEADER,
            _row("91228"),
            ["paris_pratiques_detectees", "paris", "01/03/2012", "31/03/2012", "75111", "", "2"],
        ]
        assert import_file(engine, csv_bytes(rows), "avant.csv", MANAGER).ok
        # Back to the store as the previous version made it (no canton), with its data.
        command.downgrade(alembic_config(engine), "0011")
        with engine.connect() as connection:
            assert not connection.scalar(
                select(func.count()).select_from(Territory).where(Territory.level == "canton")
            )
        before = snapshot(engine)
        upgrade_store(engine)
        assert current_revision(engine) == head_revision()
        after = snapshot(engine)
        added = sorted(set(after["territory"]) - set(before["territory"]))
        assert [row[0] for row in added] == CANTON_CODES
        # Nothing else changed but the data version the caches are keyed on.
        assert {k: v for k, v in after.items() if k not in ("territory", "store_info")} == {
            k: v for k, v in before.items() if k not in ("territory", "store_info")
        }
        assert set(before["territory"]) <= set(after["territory"])
        # And the upgraded store takes a file by canton.
        assert import_file(engine, csv_bytes([HEADER, _row("9109")]), "apres.csv", MANAGER).ok
    finally:
        engine.dispose()


def _number(text: str) -> float:
    return float(text.rsplit(" : ", 1)[1].replace("\u202f", "").replace(",", "."))


def test_the_explorers_essonne_map_is_by_canton_per_canton_inhabitant_and_filters_by_canton(
    demo_engine, app
):
    from callbacks import explorer_reference
    from callbacks.explorer_map import map_view
    from data.access import PUBLIC_VIEWER
    from layouts.explorer_state import parse_query

    def view(query: str, measure: str):
        with app.server.test_request_context("/explorer"), demo_engine.connect() as connection:
            reference = explorer_reference.reference(connection)
            state = parse_query(query, explorer_reference.allowed(reference))
            return map_view(connection, state, reference, "fr", measure, PUBLIC_VIEWER)

    query = "partenaires=essonne&indicateurs=essonne_pratiques_inventoriees"
    absolute, _table, codes = view(query, "valeur")
    per_capita, _, _ = view(query, "habitants")
    # The demonstration's inventory is by canton: the map draws the cantons.
    assert set(CANTON_CODES) <= set(codes)
    shown = {
        t["customdata"][0]: t["text"]
        for t in absolute["data"]
        if t.get("fill") and t["x"] != [None]
    }
    per_head = {
        t["customdata"][0]: t["text"]
        for t in per_capita["data"]
        if t.get("fill") and t["x"] != [None]
    }
    with_data = [c for c in CANTON_CODES if not shown[c].endswith("pas de données")]
    assert with_data
    populations = {code: pop for code, _name, pop in reference_territories.ESSONNE_CANTONS}
    for code in with_data:
        expected = round(_number(shown[code]) * 10_000 / populations[code], 2)
        assert abs(_number(per_head[code]) - expected) < 0.051
    # A canton in the address is a filter: the map outlines it, the others stay drawn.
    chosen = with_data[0]
    filtered, _, _ = view(f"{query}&territoires={chosen}", "valeur")
    outlined = [t["customdata"][0] for t in filtered["data"] if t.get("line", {}).get("width") == 3]
    assert outlined == [chosen]
