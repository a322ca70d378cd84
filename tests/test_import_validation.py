"""Every problem of a file is reported at once, in French, by Excel line and column; a file with
any problem changes nothing in the store."""

from __future__ import annotations

import pytest

from data.importing.service import import_file
from tests.importing_support import MANAGER, PARIS_EDITOR, csv_bytes, snapshot

HEADER = ["Indicateur", "Partenaire", "Début", "Fin", "Territoire", "Profil", "Valeur"]
GOOD = ["paris_pratiques_detectees", "paris", "01/03/2012", "31/03/2012", "75111", "", "3"]


def problems_of(engine, rows, viewer=MANAGER, kind=None, **kwargs):
    return import_file(engine, csv_bytes(rows), "fichier.csv", viewer, kind=kind, **kwargs)


def test_every_problem_is_reported_at_once_with_its_line_column_and_explanation(engine):
    before = snapshot(engine)
    rows = [
        HEADER,
        GOOD,  # line 2: fine
        ["inconnu_xyz", "", "01/03/2012", "", "", "", "4"],  # 3
        ["paris_pratiques_detectees", "", "01/03/2012", "", "75101", "", "douze"],  # 4
        ["paris_pratiques_detectees", "", "01/03/2012", "", "75102", "", "-3"],  # 5
        ["paris_pratiques_detectees", "", "15/06/2015", "", "75103", "", "1"],  # 6
        ["paris_pratiques_detectees", "", "", "", "75104", "", "1"],  # 7
        ["paris_pratiques_detectees", "", "32/01/2012", "", "75105", "", "1"],  # 8
        GOOD,  # 9: same as line 2
        ["paris_pratiques_detectees", "Lyon", "01/03/2012", "", "75106", "", "1"],  # 10
        ["paris_pratiques_detectees", "essonne", "01/03/2012", "", "75107", "", "1"],  # 11
        ["paris_pratiques_detectees", "", "01/04/2012", "01/03/2012", "75108", "", "1"],  # 12
        ["paris_pratiques_detectees", "", "01/03/2012", "", "93066", "", "1"],  # 13
        ["paris_pratiques_detectees", "", "01/03/2012", "", "75109", "Élus", "1"],  # 14
        ["paris_pratiques_detectees", "", "01/03/2012", "", "75110", "ados", "1"],  # 15
        ["paris_pratiques_detectees", "", "01/03/2012", "", "99999", "", "1"],  # 16
    ]
    result = problems_of(engine, rows)
    assert not result.ok
    assert result.problems() == [
        "Ligne 3, colonne A « Indicateur » : « inconnu_xyz » n'est pas un code ni un libellé "
        "d'indicateur connu (la liste des codes figure dans le modèle de fichier).",
        "Ligne 4, colonne G « Valeur » : « douze » n'est pas un nombre.",
        "Ligne 5, colonne G « Valeur » : « -3 » est négatif : un nombre positif ou nul est attendu.",
        "Ligne 6, colonne C « Début » : la date 15/06/2015 est en dehors du programme "
        "(du 01/01/2011 au 31/12/2013).",
        "Ligne 7, colonne C « Début » : valeur obligatoire manquante.",
        "Ligne 8, colonne C « Début » : « 32/01/2012 » n'est pas une date valide : attendu "
        "jj/mm/aaaa (par exemple 15/03/2012).",
        "Ligne 9 : cette ligne répète la ligne 2 (même indicateur, même période et même "
        "ventilation) : chaque donnée ne doit figurer qu'une fois dans le fichier.",
        "Ligne 10, colonne B « Partenaire » : « Lyon » n'est pas un partenaire du programme "
        "(attendu : paris, seine-saint-denis, val-de-marne, essonne, programme).",
        "Ligne 11, colonne B « Partenaire » : l'indicateur « paris_pratiques_detectees » "
        "appartient à Paris, pas à l'Essonne.",
        "Ligne 12, colonne D « Fin » : la fin de période (01/03/2012) précède son début "
        "(01/04/2012).",
        "Ligne 13, colonne E « Territoire » : le territoire 93066 (Saint-Denis) n'appartient pas "
        "à Paris.",
        "Ligne 14, colonne F « Profil » : l'indicateur « paris_pratiques_detectees » ne se "
        "ventile pas par profil : laissez cette cellule vide.",
        "Ligne 15, colonne F « Profil » : « ados » n'est pas une valeur connue de profil "
        "(attendu : citoyen, association, elu, agent, porteur_projet, jeune, "
        "conseiller_quartier).",
        "Ligne 16, colonne E « Territoire » : « 99999 » n'est ni un code INSEE ni un nom de "
        "territoire connu.",
    ]
    assert snapshot(engine) == {**before, "data_load": snapshot(engine)["data_load"]}
    assert len(snapshot(engine)["data_load"]) == 1  # the failed attempt is on record


def test_a_line_with_an_unreadable_cell_still_gets_its_other_checks(engine):
    rows = [
        HEADER,
        ["paris_pratiques_detectees", "essonne", "01/04/2012", "01/03/2012", "93066", "elu", "x"],
    ]
    assert problems_of(engine, rows).problems() == [
        "Ligne 2, colonne B « Partenaire » : l'indicateur « paris_pratiques_detectees » "
        "appartient à Paris, pas à l'Essonne.",
        "Ligne 2, colonne D « Fin » : la fin de période (01/03/2012) précède son début (01/04/2012).",
        "Ligne 2, colonne E « Territoire » : le territoire 93066 (Saint-Denis) n'appartient pas "
        "à Paris.",
        "Ligne 2, colonne F « Profil » : l'indicateur « paris_pratiques_detectees » ne se "
        "ventile pas par profil : laissez cette cellule vide.",
        "Ligne 2, colonne G « Valeur » : « x » n'est pas un nombre.",
    ]


def test_missing_and_duplicated_columns_are_reported_on_line_1(engine):
    result = problems_of(
        engine,
        [
            ["Indicateur", "Début", "date de début"],
            ["paris_pratiques_detectees", "01/03/2012", "x"],
        ],
    )
    assert result.problems() == [
        "Ligne 1 : la colonne obligatoire « valeur » est absente de la ligne d'en-tête "
        "(colonnes attendues : indicateur, début, valeur).",
        "Ligne 1, colonne C « date de début » : la colonne « début » apparaît deux fois "
        "(colonnes B et C).",
    ]


def test_a_decimal_comma_in_a_comma_separated_file_is_explained(engine):
    content = b"indicateur,debut,valeur\r\nparis_pratiques_detectees,01/03/2012,12,5\r\n"
    result = import_file(engine, content, "f.csv", MANAGER)
    assert result.problems() == [
        "Ligne 2 : la ligne compte 4 cellules alors que l'en-tête en a 3 : une virgule décimale "
        "dans un fichier séparé par des virgules ? Mettez les nombres entre guillemets ou "
        "enregistrez le fichier avec des points-virgules."
    ]


def test_unknown_columns_are_ignored_with_a_warning(engine):
    result = problems_of(engine, [HEADER + ["Commentaire"], GOOD + ["vu avec M. X"]], dry_run=True)
    assert result.ok
    assert result.report.warnings == [
        "La colonne « Commentaire » (colonne H) ne correspond à aucune colonne attendue : elle "
        "est ignorée."
    ]


def test_a_partner_editor_may_only_load_their_partner(engine):
    rows = [
        ["indicateur", "début", "valeur"],
        ["paris_pratiques_detectees", "01/03/2012", "3"],
        ["essonne_ateliers_tenus", "22/03/2012", "1"],
    ]
    before = snapshot(engine)
    result = problems_of(engine, rows, viewer=PARIS_EDITOR)
    assert result.problems() == [
        "Ligne 3, colonne A « indicateur » : votre compte ne permet de charger que les données de "
        "Paris (cette ligne concerne l'Essonne)."
    ]
    after = snapshot(engine)
    assert {k: v for k, v in after.items() if k != "data_load"} == {
        k: v for k, v in before.items() if k != "data_load"
    }


def test_event_and_outcome_rows_are_checked_too(engine):
    events = [
        ["partenaire", "type", "titre", "date", "présents citoyens", "action"],
        ["essonne", "atelier", "Atelier 3", "15/11/2012", "2,5", ""],
        ["essonne", "pique-nique", "Atelier 4", "16/11/2012", "3", "paris-echanges-savoirs"],
        ["essonne", "atelier", "", "17/11/2012", "", ""],
    ]
    assert problems_of(engine, events, kind="evenements").problems() == [
        "Ligne 2, colonne E « présents citoyens » : « 2,5 » n'est pas un nombre entier de personnes.",
        "Ligne 3, colonne B « type » : « pique-nique » n'est pas un type d'événement connu "
        "(attendu : entretien, echange_savoirs, reunion_hybride, rencontre, formation, atelier, "
        "comite_preparation, colloque).",
        "Ligne 3, colonne F « action » : l'action « paris-echanges-savoirs » est une action de "
        "Paris, pas de l'Essonne.",
        "Ligne 4, colonne C « titre » : valeur obligatoire manquante.",
    ]
    outcomes = [
        ["partenaire", "type", "titre", "statut", "action"],
        ["essonne", "proposition", "Budget participatif", "atteint", ""],
        ["essonne", "jalon", "Phase pilote", "atteint", "paris-echanges-savoirs"],
    ]
    assert problems_of(engine, outcomes, kind="resultats").problems() == [
        "Ligne 2, colonne D « statut » : le statut « atteint » ne s'applique pas à un résultat de "
        "type « proposition » (attendu : proposee, retenue, ecartee, en_pilote).",
        "Ligne 3, colonne E « action » : l'action « paris-echanges-savoirs » est une action de "
        "Paris, pas de l'Essonne.",
    ]


def test_a_file_without_rows_or_without_a_recognisable_header(engine):
    assert problems_of(engine, [HEADER]).problems() == [
        "Le fichier ne contient aucune ligne de données sous l'en-tête."
    ]
    assert problems_of(engine, [["nom", "prénom"], ["a", "b"]]).problems() == [
        "Le type de fichier n'a pas pu être reconnu d'après la ligne d'en-tête : choisissez-le "
        "(observations, événements ou résultats) ou partez du modèle."
    ]


def test_the_public_may_not_import(engine):
    from data.access import Viewer

    with pytest.raises(PermissionError):
        problems_of(engine, [HEADER, GOOD], viewer=Viewer())


def test_an_xlsx_file_with_native_dates_and_numbers(engine):
    import datetime as dt

    from tests.importing_support import xlsx_bytes

    rows = [
        ["Indicateur", "Début", "Fin", "Territoire", "Valeur"],
        ["paris_pratiques_detectees", dt.datetime(2012, 3, 1), dt.datetime(2012, 3, 31), 75111, 3],
        ["paris_pratiques_detectees", dt.datetime(2014, 3, 1), None, 75112, -1.5],
        [None, None, None, None, None],  # an empty formatted row, as Excel leaves them
    ]
    result = import_file(engine, xlsx_bytes(rows), "classeur.xlsx", MANAGER, dry_run=True)
    assert result.problems() == [
        "Ligne 3, colonne B « Début » : la date 01/03/2014 est en dehors du programme "
        "(du 01/01/2011 au 31/12/2013).",
        "Ligne 3, colonne E « Valeur » : « -1,5 » est négatif : un nombre positif ou nul est "
        "attendu.",
    ]
