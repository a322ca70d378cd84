"""The `democratic` command line: create or upgrade the store, demonstration data, serve."""

from __future__ import annotations

import sys
from functools import wraps

import click
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from dashboard.settings import Settings


class CliError(click.ClickException):
    """Printed as one line in French, exit code 1, never a traceback."""

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"Erreur : {self.format_message()}", err=True)


def friendly_errors(function):
    """Turn the store's failures into one-line messages."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        from data.store import StoreError

        try:
            return function(*args, **kwargs)
        except StoreError as error:
            raise CliError(str(error)) from error
        except OperationalError as error:
            reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise CliError(f"base de données injoignable ou inutilisable ({reason}).") from error
        except SQLAlchemyError as error:
            raise CliError(f"erreur de la base de données ({type(error).__name__}).") from error
        except ValueError as error:
            raise CliError(str(error)) from error

    return wrapper


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as error:
        raise CliError(str(error)) from error


def _engine(settings: Settings):
    from sqlalchemy.exc import ArgumentError

    from data.store import make_engine

    try:
        return make_engine(settings.database_url)
    except (ArgumentError, ImportError) as error:
        raise CliError(f"DATABASE_URL invalide : {error}") from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Tableau de bord du programme Innovations democraTIC."""


@main.command("init-db")
@click.option(
    "--demo-if-empty",
    is_flag=True,
    help="Charger les données de démonstration si le stockage est vide.",
)
@friendly_errors
def init_db(demo_if_empty: bool) -> None:
    """Créer le stockage ou le mettre à niveau (migrations)."""
    from data import demo, rollup
    from data.reference import load_reference
    from data.store import transaction, upgrade

    settings = _settings()
    engine = _engine(settings)
    upgrade(engine)
    with transaction(engine) as session:
        load_reference(session)
    # After an upgrade the summary tables may not match the facts yet.
    rollup.refresh_if_stale(engine)
    click.echo("Stockage prêt.")
    if demo_if_empty and not demo.has_data(engine):
        summary = demo.generate(engine)
        click.echo(f"Données de démonstration chargées : {summary.observations} observations.")


@main.command()
@click.option(
    "--observations",
    type=click.IntRange(min=1),
    default=None,
    help="Nombre approximatif d'observations à générer.",
)
@click.option("--reset", is_flag=True, help="Remplacer les données existantes.")
@click.option(
    "--seed", type=int, default=None, help="Graine du générateur (même graine, mêmes données)."
)
@friendly_errors
def demo(observations: int | None, reset: bool, seed: int | None) -> None:
    """Charger les données de démonstration."""
    from tqdm import tqdm

    from data import demo as demo_data
    from data.store import upgrade

    settings = _settings()
    engine = _engine(settings)
    upgrade(engine)
    with tqdm(
        total=observations, unit=" obs", desc="Observations", file=sys.stderr, disable=None
    ) as bar:
        summary = demo_data.generate(
            engine,
            observations=observations,
            seed=seed if seed is not None else demo_data.DEFAULT_SEED,
            reset_first=reset,
            progress=bar.update,
        )
    click.echo(
        f"Données de démonstration chargées : {summary.observations} observations, "
        f"{summary.events} événements, {summary.outcomes} résultats qualitatifs."
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8050, show_default=True)
@friendly_errors
def serve(host: str, port: int) -> None:
    """Servir le tableau de bord."""
    from dashboard.app import create_app
    from dashboard.server_banner import BannerlessRequestHandler
    from data.store import is_up_to_date

    settings = _settings()
    app = create_app(settings)
    engine = app.server.extensions["democratic"].engine
    if not is_up_to_date(engine):
        raise CliError("le stockage n'est pas à jour : lancez d'abord « democratic init-db ».")
    click.echo(f"Tableau de bord : http://{host}:{port}/")
    app.run(host=host, port=port, debug=settings.debug, request_handler=BannerlessRequestHandler)


from dashboard.cli_users import users_group  # noqa: E402 - needs the helpers above

main.add_command(users_group)

from dashboard.cli_data import register as register_data_commands  # noqa: E402

register_data_commands(main)  # import, template, export
from dashboard.cli_sharing import register as register_sharing_commands  # noqa: E402

register_sharing_commands(main)  # embed, digest

if __name__ == "__main__":  # pragma: no cover
    main()
