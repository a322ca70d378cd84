"""The programme's reference tables: partners, categories, territories, breakdown values, actions,
indicators, their targets and the history of those targets.

Part of `data.models`, which gathers every table; these are filled by `data.reference_loading`
and change rarely, unlike the facts (`data.models.facts`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from data.models.base import ActionStatus, Aggregation, Base, _enum


class Partner(Base):
    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(40))  # commune, departement, programme
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    category_code: Mapped[str] = mapped_column(ForeignKey("category.code"))
    population: Mapped[int | None] = mapped_column(Integer)
    population_source: Mapped[str | None] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # Open licence under which the partner publishes its data (Etalab 2.0), None if not published.
    licence: Mapped[str | None] = mapped_column(String(80))

    actions: Mapped[list[Action]] = relationship(back_populates="partner", order_by="Action.id")
    territories: Mapped[list[Territory]] = relationship(back_populates="partner")


class Category(Base):
    __tablename__ = "category"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_fr: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))


class Territory(Base):
    """A place with its official INSEE code (arrondissement, commune, canton, département)."""

    __tablename__ = "territory"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"))
    population: Mapped[int | None] = mapped_column(Integer)

    partner: Mapped[Partner | None] = relationship(back_populates="territories")


class DimensionValue(Base):
    """Allowed codes of the cross-cutting breakdowns: audience profile, channel, age band."""

    __tablename__ = "dimension_value"
    __table_args__ = (
        CheckConstraint("dimension IN ('profil', 'canal', 'tranche_age')", name="dimension"),
    )

    dimension: Mapped[str] = mapped_column(String(20), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_fr: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Action(Base):
    """A line of the seed's « mise en œuvre », or the colloquium."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    code: Mapped[str] = mapped_column(String(60), unique=True)
    title_fr: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus, "action_status"))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)

    partner: Mapped[Partner] = relationship(back_populates="actions")


class Indicator(Base):
    __tablename__ = "indicator"

    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    category_code: Mapped[str] = mapped_column(ForeignKey("category.code"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("action.id"))
    label_fr: Mapped[str] = mapped_column(String(300))
    label_en: Mapped[str] = mapped_column(String(300))
    definition_fr: Mapped[str] = mapped_column(Text)
    definition_en: Mapped[str] = mapped_column(Text)
    unit_fr: Mapped[str] = mapped_column(String(60))
    unit_en: Mapped[str] = mapped_column(String(60))
    aggregation: Mapped[Aggregation] = mapped_column(_enum(Aggregation, "aggregation"))
    higher_is_better: Mapped[bool] = mapped_column(Boolean, default=True)
    # Counts about young people: small values are suppressed for the public.
    about_youth: Mapped[bool] = mapped_column(Boolean, default=False)
    # Position among the partner's headline figures (None: not a headline figure).
    headline_rank: Mapped[int | None] = mapped_column(Integer)
    # Breakdowns that make sense for this indicator, comma-separated (territoire,profil,canal,...)
    breakdowns: Mapped[str] = mapped_column(String(200), default="")
    # Periods at which data is expected (mois, trimestre, annee, ponctuel) for completeness checks.
    expected_frequency: Mapped[str] = mapped_column(String(20), default="mois")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Target(Base):
    __tablename__ = "target"
    __table_args__ = (
        UniqueConstraint("indicator_code", "partner_id", "period_start", "period_end"),
        CheckConstraint("period_end >= period_start", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)


class TargetRevision(Base):
    """One revision of a target, never changed once written: the `target` row holds the latest,
    these hold every value it has had, who set it, why, and from which day it applies."""

    __tablename__ = "target_revision"
    __table_args__ = (
        UniqueConstraint("target_id", "revision"),
        CheckConstraint("period_end >= period_start", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("target.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)  # 1 for the target as first set
    value: Mapped[float] = mapped_column(Float)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    # The day from which this value is the one in force (None: from the start, revision 1).
    effective_from: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    revised_by: Mapped[str] = mapped_column(String(254))
    revised_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
