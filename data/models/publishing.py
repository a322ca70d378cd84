"""What the programme publishes beyond the pages: grants to render a PDF, the sites allowed to
embed a chart, the e-mail digests and their sends, and the interpretations written on figures.

Part of `data.models`, which gathers every table."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base


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
