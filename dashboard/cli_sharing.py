"""`democratic embed …` (sites allowed to frame a partner's embedded page) and `democratic
digest …` (scheduled e-mail digests): the ways the dashboard reaches people outside it.

dashboard.cli registers these groups; the helpers every command shares come from
dashboard.cli_support."""

from __future__ import annotations

import datetime as dt
from functools import wraps

import click

from dashboard.cli_support import CliError, friendly_errors, load_settings, open_engine
from data.reference import PARTNER_SLUGS

ADMINISTRATOR = "ligne de commande"


def friendly(function):
    """The store's failures and the refusals of these modules as one-line French messages."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return friendly_errors(function)(*args, **kwargs)
        except ValueError as error:
            raise CliError(str(error)) from error

    return wrapper


def _store():
    from data.store import is_up_to_date

    settings = load_settings()
    engine = open_engine(settings)
    if not is_up_to_date(engine):
        raise CliError("le stockage n'est pas à jour : lancez d'abord « democratic init-db ».")
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
        raise CliError(f"{origin} n'est pas dans la liste de {partner} : rien n'a changé.")
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
        raise CliError("indiquez --base-url ou définissez DEMOCRATIC_PUBLIC_URL.")
    from data.reference import PARTNERS

    name = next(p.name_fr for p in PARTNERS if p.slug == partner)
    click.echo(snippet(base, partner, f"{name} — tableau de bord democraTIC"))


# --- digest


@click.group("digest")
def digest_group() -> None:
    """Lettres périodiques par courriel (heures de Paris)."""


@digest_group.command("add")
@click.argument("email")
@click.option(
    "--scope",
    type=click.Choice([*PARTNER_SLUGS, "programme"]),
    required=True,
    help="Partenaire, ou le programme.",
)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option(
    "--frequency",
    type=click.Choice(["mensuel", "hebdomadaire"]),
    default="mensuel",
    show_default=True,
)
@friendly
def digest_add(email: str, scope: str, lang: str, frequency: str) -> None:
    """Abonner une adresse à la lettre d'un partenaire ou du programme."""
    from data import digest
    from data.store import transaction

    _settings, engine = _store()
    with transaction(engine) as session:
        row = digest.subscribe(session, email, scope, lang, frequency, ADMINISTRATOR, _now())
        address = row.email
    click.echo(f"{address} abonné : lettre {frequency} de {scope}, en {lang}.")


@digest_group.command("list")
@friendly
def digest_list() -> None:
    """Lister les abonnements en cours."""
    from data import digest
    from data.store import session_factory

    _settings, engine = _store()
    with session_factory(engine)() as session:
        subscriptions = digest.active_subscriptions(session)
    if not subscriptions:
        click.echo("Aucun abonnement.")
    for s in subscriptions:
        since = digest.paris_time(s.created_at)
        click.echo(f"{s.id}\t{s.email}\t{s.scope}\t{s.frequency}\t{s.lang}\tdepuis le {since}")


@digest_group.command("remove")
@click.argument("subscription_id", type=int)
@friendly
def digest_remove(subscription_id: int) -> None:
    """Mettre fin à un abonnement (son numéro : `digest list`)."""
    from data import digest
    from data.store import transaction

    _settings, engine = _store()
    with transaction(engine) as session:
        ended = digest.end_subscription(session, subscription_id, _now())
    if not ended:
        raise CliError(f"aucun abonnement en cours n° {subscription_id} : rien n'a changé.")
    click.echo(f"Abonnement n° {subscription_id} terminé.")


@digest_group.command("send")
@click.option("--no-pdf", is_flag=True, help="Ne pas joindre le PDF de la page.")
@friendly
def digest_send(no_pdf: bool) -> None:
    """Envoyer les lettres dues (une fois chacune, même lancé par plusieurs machines)."""
    from dashboard.app import create_app
    from dashboard.digest_mail import send_due

    settings, _engine = _store()
    report = send_due(create_app(settings), with_pdf=not no_pdf)
    for line in report.sent:
        click.echo(f"envoyée : {line}")
    for line in report.failed:
        click.echo(f"échec (nouvel essai au prochain passage) : {line}", err=True)
    click.echo(
        f"{len(report.sent)} lettre(s) envoyée(s), {len(report.failed)} échec(s), "
        f"{report.skipped} déjà prise(s) en charge."
    )
    if report.failed:
        raise SystemExit(1)


@digest_group.command("log")
@click.option("--limit", type=click.IntRange(1, 1000), default=30, show_default=True)
@friendly
def digest_log(limit: int) -> None:
    """Le journal des envois (heures de Paris)."""
    from data import digest

    _settings, engine = _store()
    with engine.connect() as connection:
        lines = digest.send_log(connection, _now(), limit)
    if not lines:
        click.echo("Aucun envoi.")
    for line in lines:
        state = digest.STATE_LABELS[line.state][0]
        error = f" — {line.error}" if line.error and line.state != "envoye" else ""
        click.echo(
            f"{digest.paris_time(line.claimed_at)}\t{line.email}\t{line.scope}\t"
            f"{line.period_key}\t{state} ({line.attempts} essai(s)){error}"
        )


def register(group: click.Group) -> None:
    group.add_command(embed_group)
    group.add_command(digest_group)
