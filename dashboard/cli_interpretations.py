"""`democratic interpretations …`: list, add, reply to, edit, delete and approve or hide the
interpretations on figures, acting as a named account of the store.

Every command takes `--as ADRESSE`: the account must exist and be active, and it gets exactly the
rights it has on the web (data.interpretations decides them, and writes the audit trail in the
same transaction as the change). dashboard.cli registers the group."""

from __future__ import annotations

import datetime as dt

import click

from dashboard.cli_support import CliError, friendly_errors, open_up_to_date_engine

DAY = click.DateTime(formats=["%d/%m/%Y", "%Y-%m-%d"])
AS = click.option(
    "--as",
    "email",
    required=True,
    metavar="ADRESSE",
    help="L'adresse du compte au nom duquel agir (ses droits s'appliquent).",
)
VISIBILITY = click.Choice(["interne", "public"])
STATUS_WORDS = {"publie": "publiée", "en_attente": "en attente d'approbation", "masque": "masquée"}


def _viewer(session, email: str):
    """The account's viewer, as the web resolves it for a signed-in request."""
    from data.access import Viewer
    from data.users import AccountError, list_accounts, normalise_email

    try:
        address = normalise_email(email)
    except AccountError as error:
        raise CliError(str(error)) from error
    account = next((a for a in list_accounts(session) if a.email == address), None)
    if account is None:
        raise CliError(f"aucun compte « {address} » (voir « democratic users list »).")
    if not account.active:
        raise CliError(f"le compte « {address} » est désactivé.")
    return Viewer(role=account.role.value, partner_slug=account.partner_slug, email=address)


def _write(email: str, change) -> object:
    """Run `change(session, viewer)` as the account, in one transaction; a refusal is one line."""
    from data.access import AccessRefused
    from data.interpretations import InterpretationRefused
    from data.store import transaction

    engine = open_up_to_date_engine()
    try:
        with transaction(engine) as session:
            return change(session, _viewer(session, email))
    except (InterpretationRefused, AccessRefused) as refused:
        raise CliError(str(refused)) from refused


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@click.group("interpretations")
def interpretations_group() -> None:
    """Interprétations des chiffres : lister, ajouter, répondre, modifier, supprimer, approuver."""


@interpretations_group.command("list")
@AS
@click.option("--partner", default=None, help="Un partenaire (ou « programme »).")
@click.option("--indicator", default=None, help="Un code d'indicateur.")
@click.option(
    "--status",
    type=click.Choice(["publie", "en_attente", "masque"]),
    default=None,
    help="Seulement celles de ce statut.",
)
@friendly_errors
def list_command(email, partner, indicator, status) -> None:
    """Lister les interprétations que ce compte peut lire, par date."""
    from data import interpretations

    def read(session, viewer):
        return interpretations.visible_notes(
            session,
            viewer,
            [indicator] if indicator else None,
            [partner] if partner else None,
        )

    notes = [n for n in _write(email, read) if status is None or n.status == status]
    for note in notes:
        when = f"{note.start_date:%d/%m/%Y}"
        if note.end_date:
            when += f" – {note.end_date:%d/%m/%Y}"
        click.echo(
            f"n° {note.id} [{note.scope} · {note.indicator_code} · {when}] {note.title} "
            f"({note.visibility}, {STATUS_WORDS.get(note.status, note.status)}, {note.author})"
        )
        for answer in note.replies:
            click.echo(f"    réponse n° {answer.id} ({answer.author}) : {answer.body}")
    click.echo(f"{len(notes)} interprétation(s).")


@interpretations_group.command("add")
@AS
@click.argument("indicator")
@click.argument("partner")
@click.option("--date", "start", type=DAY, required=True, help="La date, ou le début (JJ/MM/AAAA).")
@click.option("--end", type=DAY, default=None, help="La fin de la période (JJ/MM/AAAA).")
@click.option("--title", required=True, help="Un titre court (120 caractères au plus).")
@click.option(
    "--text", "body", default="", help="Le texte (**gras**, *italique*, [lien](https://…))."
)
@click.option("--visibility", type=VISIBILITY, default="interne", show_default=True)
@friendly_errors
def add_command(email, indicator, partner, start, end, title, body, visibility) -> None:
    """Ajouter une interprétation à l'indicateur d'un partenaire (ou « programme »)."""
    from data import interpretations
    from data.models import Interpretation

    def add(session, viewer):
        number = interpretations.create(
            session,
            viewer,
            indicator_code=indicator,
            scope=partner,
            start=_day(start),
            end=_day(end),
            title=title,
            body=body,
            visibility=visibility,
            now=_now(),
        )
        status = session.get(Interpretation, number).status
        return number, status

    number, status = _write(email, add)
    click.echo(f"Interprétation n° {number} enregistrée ({STATUS_WORDS[status]}).")


@interpretations_group.command("reply")
@AS
@click.argument("number", type=int)
@click.option("--text", "body", required=True, help="La réponse (2 000 caractères au plus).")
@friendly_errors
def reply_command(email, number, body) -> None:
    """Répondre à l'interprétation n° NUMBER."""
    from data import interpretations

    answer = _write(email, lambda s, v: interpretations.reply(s, v, number, body, _now()))
    click.echo(f"Réponse n° {answer} enregistrée.")


@interpretations_group.command("edit")
@AS
@click.argument("number", type=int)
@click.option("--title", default=None, help="Le nouveau titre.")
@click.option("--text", "body", default=None, help="Le nouveau texte.")
@click.option("--date", "start", type=DAY, default=None, help="La nouvelle date (JJ/MM/AAAA).")
@click.option("--end", type=DAY, default=None, help="La nouvelle fin de période.")
@click.option("--visibility", type=VISIBILITY, default=None)
@friendly_errors
def edit_command(email, number, title, body, start, end, visibility) -> None:
    """Modifier son interprétation n° NUMBER (seul son auteur le peut)."""
    from data import interpretations

    if title is None and body is None and start is None and visibility is None:
        raise CliError("indiquez ce qui change : --title, --text, --date ou --visibility.")
    from data.models import Interpretation

    def change(session, viewer):
        interpretations.edit(
            session,
            viewer,
            number,
            title=title,
            body=body,
            start=_day(start),
            end=_day(end),
            visibility=visibility,
            now=_now(),
        )
        return session.get(Interpretation, number).status

    status = _write(email, change)
    click.echo(f"Interprétation n° {number} modifiée ({STATUS_WORDS[status]}).")


@interpretations_group.command("delete")
@AS
@click.argument("number", type=int)
@friendly_errors
def delete_command(email, number) -> None:
    """Supprimer l'interprétation n° NUMBER et ses réponses (son auteur, ou un chargé de mission)."""
    from data import interpretations

    _write(email, lambda s, v: interpretations.delete(s, v, number))
    click.echo(f"Interprétation n° {number} supprimée.")


@interpretations_group.command("approve")
@AS
@click.argument("number", type=int)
@friendly_errors
def approve_command(email, number) -> None:
    """Approuver (publier) l'interprétation n° NUMBER : chargés de mission seulement."""
    from data import interpretations

    _write(email, lambda s, v: interpretations.set_status(s, v, number, interpretations.PUBLISHED))
    click.echo(f"Interprétation n° {number} publiée.")


@interpretations_group.command("hide")
@AS
@click.argument("number", type=int)
@friendly_errors
def hide_command(email, number) -> None:
    """Masquer l'interprétation n° NUMBER (modération) : chargés de mission seulement."""
    from data import interpretations

    _write(email, lambda s, v: interpretations.set_status(s, v, number, interpretations.HIDDEN))
    click.echo(f"Interprétation n° {number} masquée.")


def register(main: click.Group) -> None:
    main.add_command(interpretations_group)
