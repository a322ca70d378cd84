"""The models' common ground: the declarative base with its stable constraint names, the
enumerations the tables store (as their French codes) and how an enumeration becomes a column.

Every table module of `data.models` builds on it; it holds no table itself."""

from __future__ import annotations

import enum

from sqlalchemy import (
    Enum,
    MetaData,
)
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so that Alembic migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ActionStatus(enum.StrEnum):
    """Where an action stands; NOT_DEFINED is a state of its own, never shown as zero."""

    NOT_DEFINED = "non_defini"
    PLANNED = "prevu"
    IN_PROGRESS = "en_cours"
    DONE = "termine"


class Aggregation(enum.StrEnum):
    """How an indicator's observations combine over time and space."""

    SUM = "somme"
    # Observations carry a count of distinct people over their period: summed across territories
    # and breakdowns (disjoint), but over time the latest cumulative value is kept.
    DISTINCT = "distinct"
    LATEST = "dernier"
    MEAN = "moyenne"


class LoadStatus(enum.StrEnum):
    ACCEPTED = "accepte"
    REJECTED = "rejete"
    UNDONE = "annule"


class Role(enum.StrEnum):
    PARTNER_EDITOR = "editeur"
    PROGRAMME_MANAGER = "charge_de_mission"
    ADMINISTRATOR = "administrateur"


def _enum(enum_cls: type[enum.Enum], name: str) -> Enum:
    # Store the French codes (the values), as a CHECK constraint rather than a native type, so that
    # SQLite and PostgreSQL hold the same thing and exports read the same codes.
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda cls: [member.value for member in cls],
    )
