"""`democratic targets …` (revise a target, read its history) and `democratic audit …` (read or
export the trail of who changed what).

dashboard.cli registers these groups; the helpers every command shares come from
dashboard.cli_support. The command line is the administrator's: no further rights check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from dashboard.cli_support import CliError, friendly_errors, open_up_to_date_engine
from data import audit

ADMINISTRATOR = "ligne de commande"
DAY = click.DateTime(formats=["%d/%m/%Y", "%Y-%m-%d"])


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


# --- targets


@click.group("targets")
def targets_group() -> None:
    """Objectifs : réviser un objectif, lire l'historique de ses révisions."""


@targets_group.command("revise")
@click.argument("indicator")
@click.argument("partner")
@click.option("--value", required=True, help="Nouvelle valeur (« 30 », « 12,5 »).")
@click.option("--reason", required=True, help="Pourquoi l'objectif change.")
@click.option(
    "--from", "effective", type=DAY, required=True, help="En vigueur à partir du (JJ/MM/AAAA)."
)
@click.option("--start", type=DAY, default=None, help="Début de la période (défaut : inchangé).")
@click.option("--end", type=DAY, default=None, help="Fin de la période (défaut : inchangée).")
@click.option("--by", "actor", default=ADMINISTRATOR, show_default=True, help="Auteur inscrit.")
@friendly_errors
def targets_revise(indicator, partner, value, reason, effective, start, end, actor) -> None:
    """Réviser l'objectif d'un indicateur d'un partenaire (chaque révision est conservée)."""
    from data import target_history
    from data.store import transaction

    engine = open_up_to_date_engine()
    with engine.connect() as connection:
        chain = [
            r for r in target_history.history(connection, partner) if r.indicator_code == indicator
        ]
    if not chain:
        raise CliError(
            f"l'indicateur « {indicator} » du partenaire « {partner} » n'a pas d'objectif."
        )
    latest = chain[-1]
    with transaction(engine) as session:
        revision = target_history.revise(
            session,
            actor=actor,
            indicator_code=indicator,
            partner_slug=partner,
            value=value,
            period_start=_day(start) or latest.period_start,
            period_end=_day(end) or latest.period_end,
            effective_from=_day(effective),
            reason=reason,
        )
        number = revision.revision
    click.echo(f"Objectif révisé : révision n° {number} de {indicator} ({partner}).")


@targets_group.command("history")
@click.argument("partner")
@friendly_errors
def targets_history(partner: str) -> None:
    """Lister les révisions des objectifs d'un partenaire, les plus anciennes d'abord."""
    from data import target_history

    engine = open_up_to_date_engine()
    with engine.connect() as connection:
        revisions = target_history.history(connection, partner)
    if not revisions:
        click.echo("Aucun objectif pour ce partenaire.")
    for r in revisions:
        since = f"depuis le {r.effective_from:%d/%m/%Y}" if r.effective_from else "depuis le début"
        why = f" — {r.reason}" if r.reason else ""
        click.echo(
            f"{r.indicator_code} n° {r.revision} : {r.value:g} ({since}, {r.revised_by}){why}"
        )


# --- audit


@click.group("audit")
def audit_group() -> None:
    """Journal des modifications : chargements, publications, annulations, révisions d'objectifs."""


def _filters(action, start, end) -> dict:
    return {"action": action, "start": _day(start), "end": _day(end)}


ACTION = click.Choice(list(audit.ACTIONS))


@audit_group.command("list")
@click.option("--action", type=ACTION, default=None)
@click.option("--start", type=DAY, default=None, help="Du (JJ/MM/AAAA, jour de Paris).")
@click.option("--end", type=DAY, default=None, help="Au (JJ/MM/AAAA, jour de Paris).")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@friendly_errors
def audit_list(action, start, end, page) -> None:
    """Lister les événements, les plus récents d'abord (heure de Paris)."""
    from data import audit

    engine = open_up_to_date_engine()
    with engine.connect() as connection:
        listed = audit.events(connection, page=page, **_filters(action, start, end))
        total = audit.count(connection, **_filters(action, start, end))
    for e in listed:
        click.echo(f"{e.occurred_at:%d/%m/%Y %H:%M} {e.actor} {e.action} {e.subject}")
    click.echo(f"{len(listed)} événement(s) affiché(s) sur {total}.")


@audit_group.command("export")
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--action", type=ACTION, default=None)
@click.option("--start", type=DAY, default=None)
@click.option("--end", type=DAY, default=None)
@friendly_errors
def audit_export(destination: Path, action, start, end) -> None:
    """Exporter le journal en CSV ou XLSX (selon l'extension du fichier)."""
    from data import audit
    from data.explorer_export import csv_bytes, xlsx_bytes

    suffix = destination.suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise CliError("le fichier doit finir par .csv ou .xlsx.")
    engine = open_up_to_date_engine()
    with engine.connect() as connection:
        listed = audit.events(connection, page_size=None, **_filters(action, start, end))
    rows = audit.export_rows(listed)
    content = (
        csv_bytes(audit.EXPORT_HEADERS, rows)
        if suffix == ".csv"
        else xlsx_bytes(audit.EXPORT_HEADERS, rows, "Journal")
    )
    destination.write_bytes(content)
    click.echo(f"{len(rows)} événement(s) exporté(s) vers {destination.name}.")


def register(main: click.Group) -> None:
    main.add_command(targets_group)
    main.add_command(audit_group)
