"""The programme's domain as SQLAlchemy 2.x models: reference data, facts and the record of loads."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

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


class StoreInfo(Base):
    """Key/value facts about the store itself (for example: holds demonstration data)."""

    __tablename__ = "store_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


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


class AuditEvent(Base):
    """Who changed what, and when (UTC): appended in the change's own transaction, never edited."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON


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


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[Role] = mapped_column(_enum(Role, "user_role"))
    # For partner editors: the only partner whose data they may load and see unpublished.
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AccountSession(Base):
    """A signed-in session, kept on the server: the browser's cookie carries only its random id,
    stored here as a hash. A session ended here is refused even if its cookie is replayed."""

    __tablename__ = "account_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the random id (a copy of the table opens no session).
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # Moved forward at most once a minute (see data.account_sessions.SEEN_RESOLUTION).
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # deconnexion, mot_de_passe, desactivation, inactivite, duree_maximale, administrateur
    end_reason: Mapped[str | None] = mapped_column(String(20))


class LoginAttempt(Base):
    """A login form sent, counted by every process for the rate limits; pruned after an hour.
    The address and the account asked for are kept only as keyed hashes."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_address", "address_key", "attempted_at"),
        Index("ix_login_attempt_account", "account_key", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    address_key: Mapped[str] = mapped_column(String(64))
    account_key: Mapped[str] = mapped_column(String(64))


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


class RenderGrant(Base):
    """The rights of a signed-in viewer lent, for a few seconds, to the server's own headless
    browser printing a page for them (dashboard/pdf.py). The browser holds the random key as a
    cookie that never leaves the server; the store keeps its SHA-256 only, and the grant is
    deleted as soon as the PDF is made (or is refused once past `expires_at`)."""

    __tablename__ = "render_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(40))
    partner_slug: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(254))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class EmbedOrigin(Base):
    """A site allowed to show a partner's embedded page (`/integrer/<slug>`) in a frame."""

    __tablename__ = "embed_origin"
    __table_args__ = (UniqueConstraint("partner_slug", "origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_slug: Mapped[str] = mapped_column(String(60), index=True)
    # scheme://host[:port], lower case, no path: what a browser compares with frame-ancestors.
    origin: Mapped[str] = mapped_column(String(300))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    added_by: Mapped[str] = mapped_column(String(254), default="")


class DigestSubscription(Base):
    """A recipient of the scheduled digest of one partner's page (or the programme's)."""

    __tablename__ = "digest_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    # A partner slug, or "programme" for the programme's overview.
    scope: Mapped[str] = mapped_column(String(60))
    lang: Mapped[str] = mapped_column(String(2))
    frequency: Mapped[str] = mapped_column(String(20))  # mensuel, hebdomadaire
    # The random key of the unsubscribe link (no account needed): it only ends this
    # subscription, so it is kept as is, to be written into every digest.
    unsubscribe_key: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(254), default="")
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class DigestSend(Base):
    """One digest due (a subscription and its period): the row is the claim. It is inserted
    before anything is sent, and the unique key lets only one sender — whatever the process or
    host — own a (subscription, period) pair; a failed send is taken over again by a
    compare-and-set on `attempts`, up to the retry limit."""

    __tablename__ = "digest_send"
    __table_args__ = (UniqueConstraint("subscription_id", "period_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("digest_subscription.id", ondelete="CASCADE")
    )
    # The period the digest is for: "2026-11" (monthly) or "2026-W48" (weekly), Europe/Paris.
    period_key: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(20))  # en_cours, envoye, echec, abandonne
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str] = mapped_column(String(200), default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    with_pdf: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str] = mapped_column(Text, default="")


class Interpretation(Base):
    """What a figure means: a note on an indicator, for one partner (or the programme), at a date
    or over a date range, with its replies (one level: a reply's `parent_id` is set). Written and
    read only through `data.interpretations`, which holds the rules of who may do what."""

    __tablename__ = "interpretation"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="date_order"),
        CheckConstraint("visibility IN ('interne', 'public')", name="visibility"),
        CheckConstraint("status IN ('publie', 'en_attente', 'masque')", name="status"),
        Index("ix_interpretation_indicator_partner", "indicator_code", "partner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("interpretation.id", ondelete="CASCADE"), index=True
    )
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)  # None: one date, not a range
    title: Mapped[str] = mapped_column(String(120), default="")
    body: Mapped[str] = mapped_column(Text, default="")  # a small Markdown subset, never HTML
    visibility: Mapped[str] = mapped_column(String(10))  # interne, public
    status: Mapped[str] = mapped_column(String(12))  # publie, en_attente, masque
    author: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    edited_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by: Mapped[str | None] = mapped_column(String(254))
