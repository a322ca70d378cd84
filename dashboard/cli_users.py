"""`democratic users …`: create, list, disable and re-enable accounts, set passwords, list and end
an account's sessions."""

from __future__ import annotations

from functools import wraps

import click

from dashboard.cli_support import CliError, load_settings, open_up_to_date_engine
from dashboard.cli_support import friendly_errors as store_errors

ROLE_CHOICES = ["editeur", "charge_de_mission", "administrateur"]


def friendly_errors(function):
    """The store's failures and the accounts module's refusals as one-line messages."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        from data.users import AccountError

        try:
            return store_errors(function)(*args, **kwargs)
        except AccountError as error:
            raise CliError(str(error)) from error

    return wrapper


def _password(prompt: str) -> str:
    return click.prompt(prompt, hide_input=True, confirmation_prompt=True)


@click.group("users")
def users_group() -> None:
    """Gérer les comptes (éditeurs, chargés de mission, administrateurs)."""


@users_group.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLE_CHOICES), required=True, help="Rôle du compte.")
@click.option("--partner", "partner", default=None, help="Partenaire (pour un éditeur).")
@click.option("--name", "display_name", default="", help="Nom affiché.")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Lire le mot de passe sur l'entrée standard (scripts) au lieu de le demander.",
)
@friendly_errors
def add(email: str, role: str, partner: str | None, display_name: str, password_stdin: bool):
    """Créer un compte."""
    from data import users
    from data.store import transaction

    engine = open_up_to_date_engine()
    password = _read_stdin() if password_stdin else _password("Mot de passe")
    with transaction(engine) as session:
        account = users.create_user(session, email, password, role, partner, display_name)
    where = f", partenaire {account.partner_slug}" if account.partner_slug else ""
    click.echo(f"Compte créé : {account.email} ({account.role.value}{where}).")


@users_group.command("list")
@friendly_errors
def list_users():
    """Lister les comptes."""
    from data import users
    from data.store import session_factory
    from layouts.i18n import format_date

    engine = open_up_to_date_engine()
    with session_factory(engine)() as session:
        accounts = users.list_accounts(session)
    if not accounts:
        click.echo("Aucun compte.")
        return
    for account in accounts:
        state = "actif" if account.active else "désactivé"
        last = (
            format_date(account.last_login_at.date(), "fr")
            if account.last_login_at
            else "jamais connecté"
        )
        partner = account.partner_slug or "—"
        click.echo(
            f"{account.email}\t{account.role.value}\t{partner}\t{state}\tdernière connexion : {last}"
        )


@users_group.command("disable")
@click.argument("email")
@friendly_errors
def disable(email: str):
    """Désactiver un compte (ses sessions ouvertes prennent fin)."""
    from data import users
    from data.store import transaction

    with transaction(open_up_to_date_engine()) as session:
        users.set_active(session, email, False)
    click.echo(f"Compte désactivé : {email}.")


@users_group.command("enable")
@click.argument("email")
@friendly_errors
def enable(email: str):
    """Réactiver un compte."""
    from data import users
    from data.store import transaction

    with transaction(open_up_to_date_engine()) as session:
        users.set_active(session, email, True)
    click.echo(f"Compte réactivé : {email}.")


@users_group.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Lire le mot de passe sur l'entrée standard.")
@friendly_errors
def set_password(email: str, password_stdin: bool):
    """Changer le mot de passe d'un compte (ses sessions ouvertes prennent fin)."""
    from data import users
    from data.store import transaction

    engine = open_up_to_date_engine()
    password = _read_stdin() if password_stdin else _password("Nouveau mot de passe")
    with transaction(engine) as session:
        users.set_password(session, email, password)
    click.echo(f"Mot de passe changé : {email}.")


@users_group.command("sessions")
@click.argument("email")
@friendly_errors
def list_sessions(email: str):
    """Lister les sessions d'un compte (ouvertes, puis terminées depuis moins de 30 jours)."""
    import datetime as dt

    from data import account_sessions, users
    from data.store import session_factory

    settings = load_settings()
    limits = account_sessions.Limits.of(settings.session_idle_minutes, settings.session_max_hours)
    with session_factory(open_up_to_date_engine())() as session:
        records = users.sessions(session, email)
    if not records:
        click.echo(f"Aucune session pour {email}.")
        return
    now = dt.datetime.now(dt.UTC)
    for record in records:
        state = account_sessions.describe(record, now, limits)
        click.echo(
            f"ouverte le {_moment(record.created_at)}\tvue le {_moment(record.last_seen_at)}"
            f"\t{state}"
        )


@users_group.command("end-sessions")
@click.argument("email")
@friendly_errors
def end_sessions(email: str):
    """Mettre fin à toutes les sessions ouvertes d'un compte (sans changer son mot de passe)."""
    from data import users
    from data.store import transaction

    with transaction(open_up_to_date_engine()) as session:
        ended = users.end_sessions(session, email)
    click.echo(f"Sessions terminées pour {email} : {ended}.")


def _moment(value) -> str:
    return value.strftime("%d/%m/%Y %H:%M UTC")


def _read_stdin() -> str:
    import sys

    return sys.stdin.readline().rstrip("\r\n")
