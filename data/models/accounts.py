"""The people who sign in and what they did: accounts, their sessions, failed login attempts and
the audit trail of changes.

Part of `data.models`, which gathers every table; read and written by `data.users`,
`data.account_sessions`, `data.login_attempts` and `data.audit`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, Role, _enum


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


class AuditEvent(Base):
    """Who changed what, and when (UTC): appended in the change's own transaction, never edited."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON
