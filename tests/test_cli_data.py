"""The data commands, run as a user runs them: import, template, export and back."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.test_cli import run


def redirect(args, tmp_path, database_url, path):
    """`democratic ARGS > PATH`, as a shell runs it: standard output straight into the file."""
    env = {**os.environ, "DEMOCRATIC_INSTANCE_PATH": str(tmp_path / "instance")}
    env["DATABASE_URL"] = database_url
    with path.open("wb") as out:
        return subprocess.run(
            [sys.executable, "-m", "dashboard.cli", *args],
            stdout=out,
            stderr=subprocess.PIPE,
            text=False,
            env=env,
            timeout=300,
        )


HEADER = "indicateur;partenaire;début;fin;territoire;profil;canal;tranche d'âge;valeur"
EXAMPLE = "paris_pratiques_detectees;paris;01/03/2012;31/03/2012;75111;;;;3"


def test_template_redirected_to_a_file_opens_in_excel_and_its_example_never_loads(
    tmp_path, store_url
):
    assert run(["init-db"], tmp_path, store_url).returncode == 0
    path = tmp_path / "fichier.csv"
    template = redirect(["template", "observations"], tmp_path, store_url, path)
    assert template.returncode == 0
    assert "Codes autorisés" in template.stderr.decode("utf-8")
    content = path.read_bytes()
    # UTF-8 with a BOM: French Excel then reads « début » as written (without the BOM it reads
    # the bytes as Windows-1252 and shows « dÃ©but »).
    assert content.startswith(b"\xef\xbb\xbf" + HEADER.encode("utf-8") + b"\r\n")
    assert "dÃ©but" in content[3:].decode("cp1252")  # what Excel shows without the BOM
    # Byte for byte what -o writes.
    written = tmp_path / "ecrit.csv"
    assert (
        run(["template", "observations", "-o", str(written)], tmp_path, store_url).returncode == 0
    )
    assert written.read_bytes() == content
    lines = content.decode("utf-8-sig").splitlines()
    assert lines == [HEADER, "EXEMPLE à supprimer : " + EXAMPLE]

    # The template as it is: refused, the example line named, nothing loaded.
    dry = run(["import", str(path), "--dry-run"], tmp_path, store_url)
    assert dry.returncode == 1
    assert "Le fichier est refusé (1 problème) ; rien n'a été chargé." in dry.stderr
    assert (
        "Ligne 2, colonne A « indicateur » : « EXEMPLE à supprimer : paris_pratiques_detectees »"
        in dry.stderr
    )
    # Filled in below the example: still refused, the user's row is not loaded without it.
    filled = content + b"paris_sessions_echange;paris;01/04/2012;30/04/2012;;;;;2\r\n"
    path.write_bytes(filled)
    refused = run(["import", str(path), "--user", "marie"], tmp_path, store_url)
    assert refused.returncode == 1 and "Ligne 2, colonne A « indicateur »" in refused.stderr
    # The example deleted: the user's row alone is loaded (the refused load was recorded first).
    kept = [line for line in filled.decode("utf-8-sig").splitlines() if "EXEMPLE" not in line]
    path.write_bytes(("\ufeff" + "\r\n".join(kept) + "\r\n").encode("utf-8"))
    dry = run(["import", str(path), "--dry-run"], tmp_path, store_url)
    assert dry.returncode == 0, dry.stderr
    assert "Fichier valide : 1 ligne prête à charger (rien n'a été chargé)." in dry.stdout
    loaded = run(["import", str(path), "--user", "marie"], tmp_path, store_url)
    assert loaded.returncode == 0, loaded.stderr
    assert "Chargement n° 2 : 1 ligne chargée et publiée." in loaded.stdout


def test_xlsx_template_keeps_its_example_on_a_sheet_that_is_never_read(tmp_path, store_url):
    from openpyxl import load_workbook

    assert run(["init-db"], tmp_path, store_url).returncode == 0
    path = tmp_path / "modele.xlsx"
    assert run(["template", "observations", "-o", str(path)], tmp_path, store_url).returncode == 0
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Données", "Exemple", "Codes autorisés"]
    data, sample = workbook["Données"], workbook["Exemple"]
    assert [c.value for c in data[1]] == HEADER.split(";")
    assert data.max_row == 1  # the sheet to fill has the header only
    assert [c.value or "" for c in sample[3]] == EXAMPLE.split(";")
    # Loaded as downloaded: the example is not loaded.
    dry = run(["import", str(path), "--dry-run"], tmp_path, store_url)
    assert "1 ligne prête" not in dry.stdout
    # The example sheet moved first by mistake: its title line is no header, the file is refused.
    workbook.move_sheet("Exemple", offset=-1)
    assert workbook.sheetnames[0] == "Exemple"
    moved = tmp_path / "deplace.xlsx"
    workbook.save(moved)
    refused = run(["import", str(moved), "--dry-run"], tmp_path, store_url)
    assert refused.returncode == 1 and "1 ligne prête" not in refused.stdout
    # The user copies the example into the sheet to fill: that row, and only it, is read.
    workbook = load_workbook(path)
    workbook["Données"].append([c.value for c in workbook["Exemple"][3]])
    workbook.save(path)
    dry = run(["import", str(path), "--dry-run"], tmp_path, store_url)
    assert dry.returncode == 0, dry.stderr
    assert "Fichier valide : 1 ligne prête à charger (rien n'a été chargé)." in dry.stdout


def test_a_bad_file_is_refused_with_every_problem_and_exit_code_1(tmp_path):
    assert run(["init-db"], tmp_path).returncode == 0
    path = tmp_path / "faux.csv"
    path.write_bytes("indicateur;début;valeur\r\ninconnu;01/03/2012;douze\r\n".encode("cp1252"))
    result = run(["import", str(path)], tmp_path)
    assert result.returncode == 1
    assert "Le fichier est refusé (2 problèmes) ; rien n'a été chargé." in result.stderr
    assert "Ligne 2, colonne C « valeur » : « douze » n'est pas un nombre." in result.stderr
    assert "Traceback" not in result.stderr
    junk = tmp_path / "image.csv"
    junk.write_bytes(bytes(range(256)) * 8)
    refused = run(["import", str(junk)], tmp_path)
    assert refused.returncode == 1 and "son contenu est binaire" in refused.stderr


def test_export_then_import_the_directory_into_an_empty_store(tmp_path):
    source = tmp_path / "source"
    assert run(["init-db", "--demo-if-empty"], source).returncode == 0
    exported = run(["export", str(tmp_path / "export")], source)
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "export" / "datapackage.json").exists()
    target = tmp_path / "target"
    assert run(["init-db"], target).returncode == 0
    imported = run(["import", str(tmp_path / "export")], target)
    assert imported.returncode == 0, imported.stderr
    again = run(["export", str(tmp_path / "export2")], target)
    assert again.returncode == 0
    for csv in (tmp_path / "export").glob("*.csv"):
        assert csv.read_bytes() == (tmp_path / "export2" / csv.name).read_bytes(), csv.name
    refused = run(["export", str(tmp_path / "export")], source)
    assert refused.returncode == 1 and "n'est pas vide" in refused.stderr


def test_a_dry_run_prints_what_the_load_would_add_and_replace(tmp_path):
    assert run(["init-db"], tmp_path).returncode == 0
    path = tmp_path / "mars.csv"
    path.write_bytes(f"{HEADER}\r\n{EXAMPLE}\r\n".encode("cp1252"))
    assert run(["import", str(path)], tmp_path).returncode == 0
    path.write_bytes(
        f"{HEADER}\r\n{EXAMPLE[:-1]}4,5\r\n{EXAMPLE.replace('75111', '75112')}\r\n".encode("cp1252")
    )
    dry = run(["import", str(path), "--dry-run"], tmp_path)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert "Ce que le chargement va faire : 1 ajoutée, 1 remplacée, 0 inchangée." in lines
    assert "  paris_pratiques_detectees, mars 2012 : 1 ajoutée, 1 remplacée, 0 inchangée." in lines
    [change] = [line for line in lines if line.startswith("  ligne 2 :")]
    assert change.startswith("  ligne 2 : paris_pratiques_detectees, mars 2012, 75111")
    assert change.endswith(" : 3 → 4,5")
