"""Territory codes of an imported file are checked against the maps' bundled boundaries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.boundaries import boundaries
from data.importing.service import import_file
from data.models import Partner, Territory
from tests.importing_support import MANAGER, csv_bytes, snapshot

HEADER = ["Indicateur", "Partenaire", "Début", "Fin", "Territoire", "Profil", "Valeur"]


def _row(territory: str) -> list[str]:
    return ["paris_pratiques_detectees", "paris", "01/03/2012", "31/03/2012", territory, "", "3"]


def _add_territory(engine, code: str, name: str) -> None:
    """A territory the store knows but no map can draw (a typing error in the reference list)."""
    with Session(engine) as session:
        paris = session.scalar(select(Partner.id).where(Partner.slug == "paris"))
        session.add(Territory(code=code, name=name, level="arrondissement", partner_id=paris))
        session.commit()


def test_a_code_the_maps_cannot_draw_is_refused_with_its_line_column_and_value(engine):
    assert not boundaries().knows("75199")
    _add_territory(engine, "75199", "Paris 99e arrondissement")
    before = snapshot(engine)
    rows = [HEADER, _row("75111"), _row("75199"), _row("Paris 99e arrondissement")]
    result = import_file(engine, csv_bytes(rows), "fichier.csv", MANAGER)
    assert not result.ok
    assert result.problems() == [
        "Ligne 3, colonne E « Territoire » : le territoire « 75199 » (Paris 99e arrondissement) "
        "n'a pas "
        "de contour dans les limites administratives fournies avec le tableau de bord "
        f"(IGN / INSEE {boundaries().millesime}) : vérifiez le code INSEE de la commune, de "
        "l'arrondissement ou du canton.",
        "Ligne 4, colonne E « Territoire » : le territoire « Paris 99e arrondissement » (code "
        "INSEE 75199) n'a pas de contour dans les limites "
        f"administratives fournies avec le tableau de bord (IGN / INSEE "
        f"{boundaries().millesime}) : vérifiez le code INSEE de la commune, de "
        "l'arrondissement ou du canton.",
    ]
    after = snapshot(engine)
    assert after == {**before, "data_load": after["data_load"]}  # only the attempt is on record
    assert len(after["data_load"]) == 1


def test_drawable_codes_and_a_merged_commune_load(engine):
    rows = [
        HEADER,
        _row("75111"),
        [
            "ssd_clameurs_publiees",
            "seine-saint-denis",
            "01/03/2012",
            "31/03/2012",
            "93059",
            "",
            "2",
        ],
    ]
    result = import_file(engine, csv_bytes(rows), "fichier.csv", MANAGER)
    assert result.ok, result.problems()


def test_an_unknown_code_keeps_its_own_message(engine):
    result = import_file(engine, csv_bytes([HEADER, _row("99999")]), "fichier.csv", MANAGER)
    assert result.problems() == [
        "Ligne 2, colonne E « Territoire » : « 99999 » n'est ni un code INSEE ni un nom de "
        "territoire connu."
    ]
