"""Signed-in sessions kept on the server: opened at login, checked on every request, ended by
sign-out, a password change, disabling the account, an administrator, or expiry.

The browser's cookie carries only a random session id (256 bits); the store keeps its SHA-256, so
that a copy of the table cannot be replayed as a cookie. A fast hash is enough for a random value
of that size (argon2 is for passwords people choose). Every function takes `now` from its caller:
the web layer passes the clock, tests pass the moment they want.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from data.models import AccountSession, Partner, User

# "Last seen" is written at most once a minute per session: a page's parallel callbacks cost one
# read each, not one write each. Idle expiry is therefore exact to within this resolution.
SEEN_RESOLUTION = dt.timedelta(minutes=1)
# Ended sessions stay on record this long (the administrator's listing), then are pruned; so
# are sessions nobody has used for as long (expired, never seen again to be ended).
KEEP_ENDED = dt.timedelta(days=30)


class EndReason:
    """Why a session ended, as recorded (French codes, shown by the command line)."""

    LOGOUT = "deconnexion"
    PASSWORD_CHANGED = "mot_de_passe"
    ACCOUNT_DISABLED = "desactivation"
    IDLE = "inactivite"
    MAX_AGE = "duree_maximale"
    ADMINISTRATOR = "administrateur"
    REPLACED = "nouvelle_connexion"  # a new login in the same browser


REASON_LABELS = {
    EndReason.LOGOUT: "déconnexion",
    EndReason.PASSWORD_CHANGED: "mot de passe changé",
    EndReason.ACCOUNT_DISABLED: "compte désactivé",
    EndReason.IDLE: "inactivité",
    EndReason.MAX_AGE: "durée maximale atteinte",
    EndReason.ADMINISTRATOR: "fin demandée par un administrateur",
    EndReason.REPLACED: "nouvelle connexion",
}


@dataclass(frozen=True)
class Limits:
    idle: dt.timedelta
    max_age: dt.timedelta

    @classmethod
    def of(cls, idle_minutes: int, max_hours: int) -> Limits:
        return cls(dt.timedelta(minutes=idle_minutes), dt.timedelta(hours=max_hours))


@dataclass(frozen=True)
class Checked:
    """What a request's session id turned out to be: the user behind a live session, or None
    (and `expired` when it ended just now of idleness or age, so the page can say so); and what
    to write back: the end of the session, or its "last seen" moved forward."""

    user: User | None
    partner_slug: str | None = None
    expired: bool = False
    session_id: int | None = None
    end_reason: str | None = None
    touch: bool = False


@dataclass(frozen=True)
class SessionInfo:
    created_at: dt.datetime
    last_seen_at: dt.datetime
    ended_at: dt.datetime | None
    end_reason: str | None


def utc(value: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes: every value stored here is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def open_session(session: Session, user_id: int, now: dt.datetime) -> str:
    """A new session for this account; returns the id to put in the cookie (never stored)."""
    token = secrets.token_urlsafe(32)
    session.add(
        AccountSession(
            token_hash=token_hash(token),
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
        )
    )
    # Pruning here keeps the table small without a scheduled job: logins are rare. A session
    # unseen that long expired long ago, even if nobody came back to have it ended.
    cutoff = now - KEEP_ENDED
    session.execute(
        delete(AccountSession).where(
            or_(AccountSession.ended_at < cutoff, AccountSession.last_seen_at < cutoff)
        )
    )
    session.flush()
    return token


def look_up(session: Session, token: str, now: dt.datetime, limits: Limits) -> Checked:
    """The live session behind `token`, read only; `record` writes what the check decided."""
    if not token or len(token) > 128:
        return Checked(None)
    row = session.execute(
        select(AccountSession, User, Partner.slug)
        .join(User, User.id == AccountSession.user_id)
        .outerjoin(Partner, Partner.id == User.partner_id)
        .where(AccountSession.token_hash == token_hash(token))
    ).first()
    if row is None:
        return Checked(None)
    stored, user, slug = row
    if stored.ended_at is not None:
        return Checked(None)
    ending = None
    if not user.active:
        # Disabling ends the sessions already; this covers an account disabled by other means.
        ending = EndReason.ACCOUNT_DISABLED
    elif now - utc(stored.created_at) > limits.max_age:
        ending = EndReason.MAX_AGE
    elif now - utc(stored.last_seen_at) > limits.idle:
        ending = EndReason.IDLE
    if ending:
        expired = ending != EndReason.ACCOUNT_DISABLED
        return Checked(None, expired=expired, session_id=stored.id, end_reason=ending)
    touch = now - utc(stored.last_seen_at) >= SEEN_RESOLUTION
    return Checked(user, slug, session_id=stored.id, touch=touch)


def record(session: Session, checked: Checked, now: dt.datetime) -> None:
    """Write what a check decided: the session's end, or its "last seen" (once a minute)."""
    if checked.end_reason:
        _end(session, checked.session_id, now, checked.end_reason)
    elif checked.touch:
        session.execute(
            update(AccountSession)
            .where(AccountSession.id == checked.session_id)
            .values(last_seen_at=now)
        )


def check(session: Session, token: str, now: dt.datetime, limits: Limits) -> Checked:
    """`look_up` then `record`, in the caller's transaction."""
    checked = look_up(session, token, now, limits)
    record(session, checked, now)
    return checked


def _end(session: Session, session_id: int, now: dt.datetime, reason: str) -> None:
    # Only a live session is ended: the first reason recorded is the one that holds.
    session.execute(
        update(AccountSession)
        .where(AccountSession.id == session_id, AccountSession.ended_at.is_(None))
        .values(ended_at=now, end_reason=reason)
    )


def end_session(session: Session, token: str, now: dt.datetime, reason: str) -> bool:
    """End one session (sign-out); True if it was live."""
    result = session.execute(
        update(AccountSession)
        .where(AccountSession.token_hash == token_hash(token), AccountSession.ended_at.is_(None))
        .values(ended_at=now, end_reason=reason)
    )
    return result.rowcount > 0


def end_all(session: Session, user_id: int, now: dt.datetime, reason: str) -> int:
    """End every live session of an account; the number ended."""
    result = session.execute(
        update(AccountSession)
        .where(AccountSession.user_id == user_id, AccountSession.ended_at.is_(None))
        .values(ended_at=now, end_reason=reason)
    )
    return result.rowcount


def sessions_of(session: Session, user_id: int) -> list[SessionInfo]:
    """An account's sessions on record, newest first (live ones have no end)."""
    records = session.scalars(
        select(AccountSession)
        .where(AccountSession.user_id == user_id)
        .order_by(AccountSession.created_at.desc(), AccountSession.id.desc())
    )
    return [
        SessionInfo(
            created_at=utc(r.created_at),
            last_seen_at=utc(r.last_seen_at),
            ended_at=utc(r.ended_at) if r.ended_at else None,
            end_reason=r.end_reason,
        )
        for r in records
    ]


def describe(info: SessionInfo, now: dt.datetime, limits: Limits) -> str:
    """A session's state in French: open, ended (why), or expired though not yet seen again."""
    if info.ended_at is not None:
        return f"terminée : {REASON_LABELS.get(info.end_reason, info.end_reason or '?')}"
    if now - info.created_at > limits.max_age:
        return f"expirée : {REASON_LABELS[EndReason.MAX_AGE]}"
    if now - info.last_seen_at > limits.idle:
        return f"expirée : {REASON_LABELS[EndReason.IDLE]}"
    return "ouverte"
