"""`democratic embed …` (sites allowed to frame a partner's embedded page) and `democratic
digest …` (scheduled e-mail digests): the ways the dashboard reaches people outside it.

dashboard.cli registers these groups at its end; its shared helpers are imported when a command
runs (no import cycle)."""

from __future__ import annotations

import datetime as dt
from functools import wraps

import click

from data.reference import PARTNER_SLUGS

ADMINISTRATOR = "ligne de commande"


def _cli():
    from dashboard import cli

    return cli


def friendly(function):
    """The store's failures and the refusals of these modules as one-line French messages."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        cli = _cli()
        try:
            return cli.friendly_errors(function)(*args, **kwargs)
        except ValueError as error:
            raise cli.CliError(str(error)) from error

    return wrapper


def _store():
    from data.store import is_up_to_date

    cli = _cli()
    settings = cli._settings()
    engine = cli._engine(settings)
    if not is_up_to_date(engine):
        raise cli.CliError("le stockage n'est pas à jour : lancez d'abord « democratic init-db ».")
    return settings, engine


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- embed


@click.group("embed")
def embed_group() -> None:
    """Sites autorisés à afficher la page intégrée d'un partenaire (/integrer/<partenaire>)."""


@embed_group.command("list")
@friendly
def embed_list() -> None:
    """Lister les sites autorisés, par partenaire."""
    from data import embed_origins

    _settings, engine = _store()
    with engine.connect() as connection:
        listed = embed_origins.all_origins(connection)
    for slug, origins in listed.items():
        click.echo(f"{slug} : {', '.join(origins) if origins else 'aucun site (cadre refusé)'}")


@embed_group.command("allow")
@click.argument("partner", type=click.Choice(PARTNER_SLUGS))
@click.argument("origin")
@friendly
def embed_allow(partner: str, origin: str) -> None:
    """Autoriser un site (https://nom.du.site) à afficher la page intégrée du partenaire."""
    from data import embed_origins
    from data.store import transaction

    _settings, engine = _store()
    with transaction(engine) as session:
        normalised, added = embed_origins.add(session, partner, origin, ADMINISTRATOR, _now())
    click.echo(f"{normalised} {'autorisé' if added else 'était déjà autorisé'} pour {partner}.")


@embed_group.command("deny")
@click.argument("partner", type=click.Choice(PARTNER_SLUGS))
@click.argument("origin")
@friendly
def embed_deny(partner: str, origin: str) -> None:
    """Retirer un site de la liste du partenaire."""
    from data import embed_origins
    from data.store import transaction

    _settings, engine = _store()
    with transaction(engine) as session:
        removed = embed_origins.remove(session, partner, origin)
    if not removed:
        raise _cli().CliError(f"{origin} n'est pas dans la liste de {partner} : rien n'a changé.")
    click.echo(f"{embed_origins.normalise_origin(origin)} retiré pour {partner}.")


@embed_group.command("snippet")
@click.argument("partner", type=click.Choice(PARTNER_SLUGS))
@click.option("--base-url", default=None, help="Adresse publique (défaut : DEMOCRATIC_PUBLIC_URL).")
@friendly
def embed_snippet(partner: str, base_url: str | None) -> None:
    """Afficher le code <iframe> à coller dans le site du partenaire."""
    from dashboard.embed import snippet

    settings, _engine = _store()
    base = base_url or settings.public_url
    if not base:
        raise _cli().CliError("indiquez --base-url ou définissez DEMOCRATIC_PUBLIC_URL.")
    click.echo(snippet(base, partner, f"Tableau de bord democraTIC — {partner}"))


def register(group: click.Group) -> None:
    group.add_command(embed_group)
