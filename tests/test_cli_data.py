"""The data commands, run as a user runs them: import, template, export and back."""

from __future__ import annotations

from tests.test_cli import run


def test_template_then_import_it_then_reimport_without_doubling(tmp_path, store_url):
    assert run(["init-db"], tmp_path, store_url).returncode == 0
    template = run(["template", "observations"], tmp_path, store_url)
    assert template.returncode == 0
    assert template.stdout.splitlines()[0] == (
        "indicateur;partenaire;début;fin;territoire;profil;canal;tranche d'âge;valeur"
    )
    assert "paris_pratiques_detectees" in template.stdout.splitlines()[1]
    assert "Codes autorisés" in template.stderr and "essonne_ateliers_tenus" in template.stderr
    path = tmp_path / "modele.csv"
    path.write_text(template.stdout, encoding="utf-8")
    dry = run(["import", str(path), "--dry-run"], tmp_path, store_url)
    assert dry.returncode == 0, dry.stderr
    assert "Fichier valide : 1 ligne prête à charger (rien n'a été chargé)." in dry.stdout
    loaded = run(["import", str(path), "--user", "marie"], tmp_path, store_url)
    assert loaded.returncode == 0, loaded.stderr
    assert "Chargement n° 1 : 1 ligne chargée et publiée." in loaded.stdout


def test_a_bad_file_is_refused_with_every_problem_and_exit_code_1(tmp_path):
    assert run(["init-db"], tmp_path).returncode == 0
    path = tmp_path / "faux.csv"
    path.write_bytes("indicateur;début;valeur\r\ninconnu;01/03/2012;douze\r\n".encode("cp1252"))
    result = run(["import", str(path)], tmp_path)
    assert result.returncode == 1
    assert "Le fichier est refusé (2 problèmes) ; rien n'a été chargé." in result.stderr
    assert "Ligne 2, colonne « valeur » : « douze » n'est pas un nombre." in result.stderr
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
