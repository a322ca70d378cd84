"""What every `democratic` command shares: one-line French errors, the settings and the store.

The command modules (`cli`, `cli_data`, `cli_users`) import this one; it imports none of them.
"""

from __future__ import annotations

from functools import wraps

import click
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from dashboard.settings import Settings
from data.store_errors import StoreError

NOT_UP_TO_DATE = "le stockage n'est pas à jour : lancez d'abord « democratic init-db »."


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


def load_settings() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as error:
        raise CliError(str(error)) from error


def open_engine(settings: Settings | None = None):
    """The store's engine (of the environment's settings unless given)."""
    from sqlalchemy.exc import ArgumentError

    from data.store import make_engine

    try:
        return make_engine((settings or load_settings()).database_url)
    except (ArgumentError, ImportError) as error:
        raise CliError(f"DATABASE_URL invalide : {error}") from error


def open_up_to_date_engine():
    """The store's engine, refused (one line) when its schema needs `democratic init-db`."""
    from data.store import is_up_to_date

    store = open_engine()
    if not is_up_to_date(store):
        raise CliError(NOT_UP_TO_DATE)
    return store
