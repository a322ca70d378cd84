"""`democratic targets …` and `democratic audit …`, run as an administrator runs them."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.test_cli import run

CODE = "paris_coordinateurs_rencontres"
REVISE = ["targets", "revise", CODE, "paris"]


def test_revise_a_target_then_read_its_history_and_the_trail(tmp_path):
    assert run(["init-db"], tmp_path).returncode == 0
    revised = run(
        [*REVISE, "--value", "30", "--reason", "Deux quartiers de plus", "--from", "12/06/2012"],
        tmp_path,
    )
    assert revised.returncode == 0, revised.stderr
    assert f"révision n° 2 de {CODE}" in revised.stdout
    history = run(["targets", "history", "paris"], tmp_path).stdout
    assert f"{CODE} n° 1 : 20 (depuis le début" in history
    assert f"{CODE} n° 2 : 30 (depuis le 12/06/2012, ligne de commande) — Deux quartiers" in history
    listed = run(["audit", "list", "--action", "revision_objectif"], tmp_path)
    assert listed.returncode == 0 and f"revision_objectif objectif {CODE} / paris" in listed.stdout
    assert "1 événement(s) affiché(s) sur 1." in listed.stdout
    destination = tmp_path / "journal.xlsx"
    exported = run(["audit", "export", str(destination)], tmp_path)
    assert exported.returncode == 0, exported.stderr
    sheet = load_workbook(destination).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Date (heure de Paris)", "Auteur", "Action")
    assert rows[1][1:3] == ("ligne de commande", "revision_objectif")


def test_a_bad_revision_is_one_french_line_and_changes_nothing(tmp_path):
    assert run(["init-db"], tmp_path).returncode == 0
    bad = run([*REVISE, "--value", "trente", "--reason", "x", "--from", "12/06/2012"], tmp_path)
    assert bad.returncode == 1
    assert "Erreur : La valeur de l'objectif « trente » n'est pas un nombre." in bad.stderr
    assert "Traceback" not in bad.stderr
    empty = run([*REVISE, "--value", "30", "--reason", " ", "--from", "12/06/2012"], tmp_path)
    assert "La raison de la révision est obligatoire." in empty.stderr
    outside = run(
        [*REVISE, "--value", "3", "--reason", "r", "--from", "01/01/2015"],
        tmp_path,
    )
    assert "hors de la période du programme" in outside.stderr
    assert f"{CODE} n° 2" not in run(["targets", "history", "paris"], tmp_path).stdout
    assert "0 événement(s) affiché(s) sur 0." in run(["audit", "list"], tmp_path).stdout
