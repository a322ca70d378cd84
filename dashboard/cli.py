"""The `democratic` command line: create or upgrade the store, demonstration data, serve."""

from __future__ import annotations

import sys

import click

from dashboard.cli_data import register as register_data_commands
from dashboard.cli_interpretations import register as register_interpretation_commands
from dashboard.cli_sharing import register as register_sharing_commands
from dashboard.cli_support import (
    NOT_UP_TO_DATE,
    CliError,
    friendly_errors,
    load_settings,
    open_engine,
)
from dashboard.cli_targets import register as register_target_commands
from dashboard.cli_users import users_group


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
    from data.reference_loading import load_reference
    from data.store import transaction, upgrade

    store = open_engine()
    upgrade(store)
    with transaction(store) as session:
        load_reference(session)
    # After an upgrade the summary tables may not match the facts yet.
    rollup.refresh_if_stale(store)
    click.echo("Stockage prêt.")
    if demo_if_empty and not demo.has_data(store):
        summary = demo.generate(store)
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

    store = open_engine()
    upgrade(store)
    with tqdm(
        total=observations, unit=" obs", desc="Observations", file=sys.stderr, disable=None
    ) as bar:
        summary = demo_data.generate(
            store,
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

    settings = load_settings()
    app = create_app(settings)
    if not is_up_to_date(app.server.extensions["democratic"].engine):
        raise CliError(NOT_UP_TO_DATE)
    click.echo(f"Tableau de bord : http://{host}:{port}/")
    app.run(host=host, port=port, debug=settings.debug, request_handler=BannerlessRequestHandler)


main.add_command(users_group)
register_data_commands(main)  # import, template, export
register_sharing_commands(main)  # embed, digest
register_target_commands(main)  # targets revise/history, audit list/export
register_interpretation_commands(main)  # interpretations list/add/reply/edit/delete/approve

if __name__ == "__main__":  # pragma: no cover
    main()
