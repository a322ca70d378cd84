"""The data commands of `democratic`: import a file or an export, print a template, export all."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import click

from dashboard.cli_support import (
    NOT_UP_TO_DATE,
    CliError,
    friendly_errors,
    load_settings,
    open_engine,
)

KIND_CHOICES = ["observations", "evenements", "resultats"]


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ligne de commande"


@click.command("import")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(KIND_CHOICES, case_sensitive=False),
    default=None,
    help="Type de fichier (reconnu d'après l'en-tête si absent).",
)
@click.option("--dry-run", is_flag=True, help="Vérifier le fichier sans rien charger.")
@click.option("--user", default=None, help="Auteur du chargement (par défaut : l'utilisateur).")
@friendly_errors
def import_command(source: Path, kind: str | None, dry_run: bool, user: str | None) -> None:
    """Charger un fichier CSV ou XLSX, ou un dossier exporté par « democratic export »."""
    from data.access import Viewer
    from data.importing.service import import_file
    from data.models import Role
    from data.store import is_up_to_date
    from layouts.load_preview import preview_lines

    engine = open_engine()
    if source.is_dir():
        _import_directory(engine, source, dry_run)
        return
    if not is_up_to_date(engine):
        raise CliError(NOT_UP_TO_DATE)
    author = user or _os_user()
    # The command line acts as a programme manager: its loads are published at once.
    viewer = Viewer(role=Role.PROGRAMME_MANAGER.value, email=author)
    settings = load_settings()
    # The file is read from disk a chunk at a time (never whole in memory); the same row
    # limit as the web page applies, not the upload size (a file on disk is not an upload).
    with PhaseBar() as bar:
        result = import_file(
            engine,
            source,
            source.name,
            viewer,
            kind=kind,
            dry_run=dry_run,
            created_by=author,
            max_rows=settings.max_upload_rows,
            tracker=bar,
        )
    if result.details:
        click.echo(f"{source.name} : {', '.join(result.details)}.")
    if result.report:
        for warning in result.report.warnings:
            click.echo(f"Attention : {warning}", err=True)
    if not result.ok:
        problems = result.problems()  # the first ones, then how many more
        total = result.report.problem_count if result.report and not result.refused else 1
        click.echo(
            f"Le fichier est refusé ({total} problème{'s' if total > 1 else ''}) ; "
            "rien n'a été chargé.",
            err=True,
        )
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    count = result.report.n_rows
    rows, s = (f"{count} ligne", "") if count == 1 else (f"{count} lignes", "s")
    if dry_run:
        click.echo(f"Fichier valide : {rows} prête{s} à charger (rien n'a été chargé).")
        for line in preview_lines(result.preview):
            click.echo(line)
    else:
        click.echo(f"Chargement n° {result.load_id} : {rows} chargée{s} et publiée{s}.")


class PhaseBar:
    """A progress bar on standard error for each phase of an import (check, then load)."""

    LABELS = {
        "verification": "Vérification",
        "comparaison": "Comparaison avec les données en place",
        "chargement": "Chargement",
    }

    def __init__(self) -> None:
        self.bar = None

    def __enter__(self) -> PhaseBar:
        return self

    def __exit__(self, *_exc) -> None:
        if self.bar is not None:
            self.bar.close()

    def start(self, phase: str, total: int) -> None:
        from tqdm import tqdm

        if self.bar is not None:
            self.bar.close()
        self.bar = tqdm(
            total=total,
            unit=" lignes",
            desc=self.LABELS.get(phase, phase),
            file=sys.stderr,
            disable=None,  # no bar when standard error is not a terminal
        )

    def advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.update(count)


def _import_directory(engine, source: Path, dry_run: bool) -> None:
    from tqdm import tqdm

    from data.exporting import import_store

    if dry_run:
        raise CliError("--dry-run ne s'applique qu'à un fichier, pas à un dossier d'export.")
    with tqdm(unit=" lignes", desc="Import", file=sys.stderr, disable=None) as bar:
        counts = import_store(engine, source, progress=bar.update)
    total = sum(counts.values())
    click.echo(f"Export importé : {total} lignes dans {len(counts)} tables.")


@click.command("template")
@click.argument("kind", type=click.Choice(KIND_CHOICES, case_sensitive=False))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Écrire le modèle dans ce fichier (.csv ou .xlsx) au lieu de l'afficher.",
)
@friendly_errors
def template_command(kind: str, output: Path | None) -> None:
    """Afficher le modèle d'un type de fichier (en-tête, une ligne d'exemple, codes autorisés)."""
    from data.importing.catalog import load_catalog
    from data.importing.kinds import normalise_kind
    from data.importing.templates import allowed_codes_text, template_csv, template_xlsx

    engine = open_engine()
    with engine.connect() as connection:
        catalog = load_catalog(connection)
    if not catalog.partner_ids:
        raise CliError("le stockage est vide : lancez d'abord « democratic init-db ».")
    kind = normalise_kind(kind)
    if output is None:
        # The CSV on standard output, byte for byte what -o writes (UTF-8 with a BOM, so that
        # `democratic template … > fichier.csv` opens cleanly in French Excel); the codes on
        # standard error, beside it.
        stdout = click.get_binary_stream("stdout")
        stdout.write(template_csv(kind, catalog))
        stdout.flush()
        click.echo("\nCodes autorisés :\n" + allowed_codes_text(kind, catalog), err=True)
        return
    if output.suffix.lower() == ".xlsx":
        output.write_bytes(template_xlsx(kind, catalog))
    else:
        output.write_bytes(template_csv(kind, catalog))
    click.echo(f"Modèle écrit dans {output}.")


@click.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@friendly_errors
def export_command(directory: Path) -> None:
    """Exporter tout le stockage (CSV et datapackage.json) dans un dossier."""
    from tqdm import tqdm

    from data.exporting import DESCRIPTOR, export_store

    if directory.exists() and any(directory.iterdir()):
        raise CliError(f"le dossier {directory} n'est pas vide : choisissez un dossier vide.")
    engine = open_engine()
    with tqdm(unit=" lignes", desc="Export", file=sys.stderr, disable=None) as bar:
        package = export_store(engine, directory, progress=bar.update)
    click.echo(
        f"Stockage exporté dans {directory} : {len(package['resources'])} tables et {DESCRIPTOR}."
    )


def register(group: click.Group) -> None:
    for command in (import_command, template_command, export_command):
        group.add_command(command)
