"""The programme's facts and the record of how they came: loads, observations, events and their
attendance, outcomes, the rows a load replaced, the summary table of observations, the upload
jobs, and the store's own key/value facts.

Part of `data.models`, which gathers every table; these are what files load and undo."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from data.models.base import Base, LoadStatus, _enum


class StoreInfo(Base):
    """Key/value facts about the store itself (for example: holds demonstration data)."""

    __tablename__ = "store_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DataLoad(Base):
    """The record of a load: what was loaded, when, by whom, and whether it is published."""

    __tablename__ = "data_load"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    created_by: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))  # observations, evenements, resultats, demo...
    file_name: Mapped[str] = mapped_column(String(300))
    file_size: Mapped[int] = mapped_column(Integer, default=0)
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"))
    rows_accepted: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[LoadStatus] = mapped_column(_enum(LoadStatus, "load_status"))
    message: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str | None] = mapped_column(String(200))


# An observation's natural key: re-importing the same row replaces it instead of doubling it.
OBSERVATION_KEY = (
    "indicator_code",
    "partner_id",
    "period_start",
    "period_end",
    "territory_code",
    "profile",
    "channel",
    "age_band",
)


class Observation(Base):
    """One value of one indicator, for one period and one combination of breakdowns."""

    __tablename__ = "observation"
    __table_args__ = (
        # Empty breakdowns are stored as '' (not NULL) so that the unique constraint holds on
        # every backend. A published value and the correction that waits for its approval share
        # a natural key (docs/pending-values.md).
        UniqueConstraint(*OBSERVATION_KEY, "published", name="uq_observation_natural_key"),
        CheckConstraint("period_end >= period_start", name="period_order"),
        Index(
            "ix_observation_partner_indicator_period",
            "partner_id",
            "indicator_code",
            "period_start",
        ),
        Index("ix_observation_indicator_period", "indicator_code", "period_start"),
        Index("ix_observation_load", "load_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("action.id"))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    territory_code: Mapped[str] = mapped_column(String(10), default="")
    profile: Mapped[str] = mapped_column(String(40), default="")
    channel: Mapped[str] = mapped_column(String(40), default="")
    age_band: Mapped[str] = mapped_column(String(40), default="")
    value: Mapped[float] = mapped_column(Float)
    load_id: Mapped[int | None] = mapped_column(ForeignKey("data_load.id"))
    # Copied from the load when it is approved: the public's queries filter on it without a join.
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    # Whether those who see pending data (the partner's editors, programme managers) see this
    # row: False only on a published row while a correction of it waits for approval, the
    # pending row (same natural key, `published` False) standing in for it (docs/pending-values.md).
    current: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Event(Base):
    """A meetup, workshop, interview, training session, or the colloquium itself."""

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("partner_id", "event_date", "title", name="uq_event_natural_key"),
        Index("ix_event_partner_date", "partner_id", "event_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("action.id"))
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    event_date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300), default="")
    territory_code: Mapped[str] = mapped_column(String(10), default="")
    channel: Mapped[str] = mapped_column(String(40), default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    load_id: Mapped[int | None] = mapped_column(ForeignKey("data_load.id"))
    published: Mapped[bool] = mapped_column(Boolean, default=True)

    attendance: Mapped[list[EventAttendance]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class EventAttendance(Base):
    __tablename__ = "event_attendance"
    __table_args__ = (CheckConstraint("count >= 0", name="count_positive"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    profile: Mapped[str] = mapped_column(String(40), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)

    event: Mapped[Event] = relationship(back_populates="attendance")


class Outcome(Base):
    """A qualitative result: a practice detected, a workshop proposal, a milestone..."""

    __tablename__ = "outcome"
    __table_args__ = (
        UniqueConstraint("partner_id", "kind", "title", name="uq_outcome_natural_key"),
        Index("ix_outcome_partner_kind", "partner_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("action.id"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    # pratique, proposition, jalon, mise_en_relation
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    # For proposals: proposee, retenue, ecartee, en_pilote; for milestones: a_venir, atteint.
    status: Mapped[str] = mapped_column(String(40), default="")
    # For practices: the type of practice inventoried (consultation, cartographie...).
    practice_type: Mapped[str] = mapped_column(String(60), default="")
    outcome_date: Mapped[dt.date | None] = mapped_column(Date)
    load_id: Mapped[int | None] = mapped_column(ForeignKey("data_load.id"))
    published: Mapped[bool] = mapped_column(Boolean, default=True)


class ReplacedRow(Base):
    """A row's values just before a load replaced them (same natural key), so that undoing the
    load can put them back instead of losing them."""

    __tablename__ = "load_replaced_row"
    __table_args__ = (Index("ix_load_replaced_row_target", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    load_id: Mapped[int] = mapped_column(ForeignKey("data_load.id", ondelete="CASCADE"), index=True)
    table_name: Mapped[str] = mapped_column(String(40))  # observation, event, outcome
    row_id: Mapped[int] = mapped_column(Integer)
    # The replaced values as JSON (dates as ISO text; an event's attendance included).
    payload: Mapped[str] = mapped_column(Text)


class ObservationRollup(Base):
    """Summary rows of the observations, rebuilt whenever the facts change (data.rollup).

    Each `grouping` keeps some breakdowns and sums the others away ('' in their column); `grain`
    is the bucket (a month, or a day) that `period_start` starts. Cumulative indicators keep, per
    row, their latest date and the values at that date, so that "latest value" composes exactly.
    """

    __tablename__ = "observation_rollup"
    __table_args__ = (
        Index(
            "ix_observation_rollup_lookup",
            "grouping",
            "grain",
            "partner_id",
            "indicator_code",
            "period_start",
        ),
        # For questions about indicators across every partner (the explorer's default).
        Index(
            "ix_observation_rollup_indicator", "grouping", "grain", "indicator_code", "period_start"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grouping: Mapped[str] = mapped_column(String(80))
    grain: Mapped[str] = mapped_column(String(10))
    indicator_code: Mapped[str] = mapped_column(String(60))
    partner_id: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[dt.date] = mapped_column(Date)
    published: Mapped[bool] = mapped_column(Boolean)
    # As on the observations: seen by those who see pending data (data.observation_filter).
    current: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    territory_code: Mapped[str] = mapped_column(String(10), default="")
    profile: Mapped[str] = mapped_column(String(40), default="")
    channel: Mapped[str] = mapped_column(String(40), default="")
    age_band: Mapped[str] = mapped_column(String(40), default="")
    aggregation: Mapped[str] = mapped_column(String(32))
    value_sum: Mapped[float] = mapped_column(Float)
    n_all: Mapped[int] = mapped_column(Integer)
    latest_start: Mapped[dt.date] = mapped_column(Date)
    value_latest: Mapped[float] = mapped_column(Float)
    n_latest: Mapped[int] = mapped_column(Integer)
    # The latest period end among the rows (data freshness).
    latest_end: Mapped[dt.date | None] = mapped_column(Date)


class UploadJob(Base):
    """A check or a load running in the background: its progress, its result, and whether
    someone asked to stop it. Every app process reads it here, whichever one runs the job."""

    __tablename__ = "upload_job"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(200))
    # Who may follow and stop it: the viewer who started it (role, partner, e-mail), as JSON.
    owner: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(20))  # "verification" or "chargement"
    file_name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20))  # en_cours, termine, echoue, annule
    phase: Mapped[str] = mapped_column(String(20), default="")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    result: Mapped[str] = mapped_column(Text, default="")  # JSON: the report or the load
