"""Scheduled digests: who receives which partner's page by e-mail, when each is due, and the
claim that makes each digest go out once, whatever the number of senders.

Times. A digest is due at 8:00 in Paris (Europe/Paris, summer time included): a monthly one on
the 1st of each month, for the month just ended (`2026-11`); a weekly one each Monday, for the
ISO week just ended (`2026-W48`). Only the latest period due is sent (a sender stopped for a
month does not send a backlog), and never one due before the subscription was made.

Exactly once. Before anything is sent, the sender inserts the (subscription, period) row of
`digest_send`; its unique key lets one insert win, on SQLite as on PostgreSQL, across processes
and hosts: a loser skips that digest. A failure is recorded on the row (`echec`, its error) and
taken over again by a later run through a compare-and-set on `attempts` (one winner again),
after `RETRY_AFTER`, up to `MAX_ATTEMPTS`; then the row is `abandonne`. A claim that never
reported back (the sender died mid-way) is not sent again behind anyone's back: it is shown
as `incertain` in the log, since the message may have left.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data.models import DigestSend, DigestSubscription
from data.reference import PARTNER_SLUGS
from data.store import transaction

PARIS = ZoneInfo("Europe/Paris")
SEND_HOUR = 8
MONTHLY, WEEKLY = "mensuel", "hebdomadaire"
FREQUENCIES = (MONTHLY, WEEKLY)
PROGRAMME = "programme"
SCOPES = (*PARTNER_SLUGS, PROGRAMME)
LANGUAGES = ("fr", "en")
MAX_ATTEMPTS = 3
RETRY_AFTER = dt.timedelta(minutes=5)
# A claim older than this without an outcome: its sender is gone (never retried, see above).
UNCERTAIN_AFTER = dt.timedelta(minutes=30)
# One address: a local part, one @, a domain with a dot; no spaces, no list, no header folding.
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")

PENDING, SENT, FAILED, GIVEN_UP, UNCERTAIN = "en_cours", "envoye", "echec", "abandonne", "incertain"
STATE_LABELS = {
    PENDING: ("en cours d'envoi", "being sent"),
    SENT: ("envoyé", "sent"),
    FAILED: ("échec, nouvel essai prévu", "failed, will be retried"),
    GIVEN_UP: ("abandonné après plusieurs échecs", "given up after several failures"),
    UNCERTAIN: ("incertain : l'envoi n'a pas rendu compte", "uncertain: the sender never reported"),
}


class DigestRefused(ValueError):
    """A subscription that cannot be made (the message says why, in French)."""


# --- subscriptions


def normalise_email(text: object) -> str:
    if not isinstance(text, str) or not text.strip():
        raise DigestRefused("Indiquez l'adresse électronique du destinataire.")
    email = text.strip()
    shown = email if len(email) <= 60 else email[:60] + "…"
    if len(email) > 254 or not EMAIL.match(email):
        raise DigestRefused(
            f"« {shown} » n'est pas une adresse électronique valide (une seule adresse, "
            "par exemple elu@mairie.fr)."
        )
    local, domain = email.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def subscribe(
    session: Session,
    email: object,
    scope: object,
    lang: object,
    frequency: object,
    by: str,
    now: dt.datetime,
) -> DigestSubscription:
    address = normalise_email(email)
    if scope not in SCOPES:
        raise DigestRefused("Choisissez un partenaire ou le programme.")
    if lang not in LANGUAGES:
        raise DigestRefused("Choisissez la langue : français ou anglais.")
    if frequency not in FREQUENCIES:
        raise DigestRefused("Choisissez la fréquence : mensuelle ou hebdomadaire.")
    existing = session.scalar(
        select(DigestSubscription).where(
            DigestSubscription.email == address,
            DigestSubscription.scope == scope,
            DigestSubscription.frequency == frequency,
            DigestSubscription.active.is_(True),
        )
    )
    if existing is not None:
        raise DigestRefused(f"{address} reçoit déjà cette lettre ({frequency}).")
    row = DigestSubscription(
        email=address,
        scope=scope,
        lang=lang,
        frequency=frequency,
        unsubscribe_key=secrets.token_urlsafe(32),
        active=True,
        created_at=now,
        created_by=by[:254],
    )
    session.add(row)
    session.flush()
    return row


def unsubscribe_by_key(
    session: Session, key: object, now: dt.datetime
) -> DigestSubscription | None:
    """End the subscription of an unsubscribe link; None when the link is unknown. A link used
    twice finds its subscription ended already (and says so)."""
    row = find_by_key(session, key)
    if row is not None and row.active:
        row.active, row.ended_at = False, now
    return row


def find_by_key(session: Session, key: object) -> DigestSubscription | None:
    if not isinstance(key, str) or not 20 <= len(key) <= 64:
        return None
    return session.scalar(
        select(DigestSubscription).where(DigestSubscription.unsubscribe_key == key)
    )


def end_subscription(session: Session, subscription_id: object, now: dt.datetime) -> bool:
    if not isinstance(subscription_id, int) or isinstance(subscription_id, bool):
        return False
    row = session.get(DigestSubscription, subscription_id)
    if row is None or not row.active:
        return False
    row.active, row.ended_at = False, now
    return True


@dataclass(frozen=True)
class Subscription:
    id: int
    email: str
    scope: str
    lang: str
    frequency: str
    unsubscribe_key: str
    created_at: dt.datetime


def _record(row: DigestSubscription) -> Subscription:
    return Subscription(
        row.id,
        row.email,
        row.scope,
        row.lang,
        row.frequency,
        row.unsubscribe_key,
        _aware(row.created_at),
    )


def active_subscriptions(session: Session) -> list[Subscription]:
    rows = session.scalars(
        select(DigestSubscription)
        .where(DigestSubscription.active.is_(True))
        .order_by(DigestSubscription.scope, DigestSubscription.email, DigestSubscription.id)
    )
    return [_record(r) for r in rows]


# --- schedule (Europe/Paris)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def due_period(frequency: str, now: dt.datetime) -> tuple[str, dt.datetime]:
    """The latest period due at `now`, and the moment it became due (aware, Paris time)."""
    local = _aware(now).astimezone(PARIS)
    if frequency == MONTHLY:
        due = local.replace(day=1, hour=SEND_HOUR, minute=0, second=0, microsecond=0)
        if local < due:
            due = (due - dt.timedelta(days=1)).replace(day=1)
        ended = due.date().replace(day=1) - dt.timedelta(days=1)
        return f"{ended:%Y-%m}", due
    monday = (local - dt.timedelta(days=local.weekday())).replace(
        hour=SEND_HOUR, minute=0, second=0, microsecond=0
    )
    if local < monday:
        monday -= dt.timedelta(days=7)
    # Re-anchor at 8:00 local time (a week may hold a change of summer time).
    monday = monday.replace(tzinfo=None).replace(tzinfo=PARIS)
    year, week, _ = (monday.date() - dt.timedelta(days=1)).isocalendar()
    return f"{year}-W{week:02d}", monday


def is_due(subscription: Subscription, now: dt.datetime) -> tuple[str, dt.datetime] | None:
    key, due = due_period(subscription.frequency, now)
    return (key, due) if due >= subscription.created_at else None


# --- the claim


@dataclass(frozen=True)
class Claim:
    send_id: int
    attempt: int


def claim(
    engine, subscription_id: int, period_key: str, worker: str, now: dt.datetime
) -> Claim | None:
    """Own the sending of this digest, or None when another sender owns it or it is done."""
    try:
        with transaction(engine) as session:
            row = DigestSend(
                subscription_id=subscription_id,
                period_key=period_key,
                state=PENDING,
                attempts=1,
                claimed_at=now,
                claimed_by=worker[:200],
                with_pdf=False,
                error="",
            )
            session.add(row)
            session.flush()
            return Claim(row.id, 1)
    except IntegrityError:
        pass
    # Taken already: a failure may be taken over, by one sender only (compare-and-set).
    with transaction(engine) as session:
        row = session.scalar(
            select(DigestSend).where(
                DigestSend.subscription_id == subscription_id,
                DigestSend.period_key == period_key,
            )
        )
        if row is None or row.state != FAILED or row.attempts >= MAX_ATTEMPTS:
            return None
        if _aware(row.claimed_at) > now - RETRY_AFTER:
            return None
        # Read before the update: the session would write the new count back onto `row`.
        send_id, attempts = row.id, row.attempts
        taken = session.execute(
            update(DigestSend)
            .where(
                DigestSend.id == send_id,
                DigestSend.state == FAILED,
                DigestSend.attempts == attempts,
            )
            .values(state=PENDING, attempts=attempts + 1, claimed_at=now, claimed_by=worker[:200])
            .execution_options(synchronize_session=False)
        )
        return Claim(send_id, attempts + 1) if taken.rowcount == 1 else None


def record_sent(engine, claimed: Claim, with_pdf: bool, now: dt.datetime, note: str = "") -> None:
    with transaction(engine) as session:
        session.execute(
            update(DigestSend)
            .where(DigestSend.id == claimed.send_id)
            .values(state=SENT, sent_at=now, with_pdf=with_pdf, error=note[:2000])
        )


def record_failure(engine, claimed: Claim, error: str, now: dt.datetime) -> str:
    state = GIVEN_UP if claimed.attempt >= MAX_ATTEMPTS else FAILED
    with transaction(engine) as session:
        session.execute(
            update(DigestSend)
            .where(DigestSend.id == claimed.send_id)
            .values(state=state, error=error[:2000])
        )
    return state


# --- the log


@dataclass(frozen=True)
class SendLine:
    claimed_at: dt.datetime
    sent_at: dt.datetime | None
    email: str
    scope: str
    frequency: str
    period_key: str
    state: str
    attempts: int
    with_pdf: bool
    error: str


def send_log(connection, now: dt.datetime, limit: int = 50) -> list[SendLine]:
    rows = connection.execute(
        select(
            DigestSend.claimed_at,
            DigestSend.sent_at,
            DigestSubscription.email,
            DigestSubscription.scope,
            DigestSubscription.frequency,
            DigestSend.period_key,
            DigestSend.state,
            DigestSend.attempts,
            DigestSend.with_pdf,
            DigestSend.error,
        )
        .join(DigestSubscription, DigestSubscription.id == DigestSend.subscription_id)
        .order_by(DigestSend.claimed_at.desc(), DigestSend.id.desc())
        .limit(limit)
    )
    lines = []
    for r in rows:
        state = r.state
        if state == PENDING and _aware(r.claimed_at) < now - UNCERTAIN_AFTER:
            state = UNCERTAIN
        lines.append(
            SendLine(
                _aware(r.claimed_at),
                _aware(r.sent_at) if r.sent_at else None,
                r.email,
                r.scope,
                r.frequency,
                r.period_key,
                state,
                r.attempts,
                r.with_pdf,
                r.error,
            )
        )
    return lines


def paris_time(moment: dt.datetime, lang: str = "fr") -> str:
    """`6 déc. 2026 à 09:00 (heure de Paris)`: every time the digest shows says its zone."""
    from babel.dates import format_datetime

    local = _aware(moment).astimezone(PARIS)
    if lang == "en":
        return format_datetime(local, "d MMM y, HH:mm", locale="en_GB") + " (Paris time)"
    return format_datetime(local, "d MMM y 'à' HH:mm", locale="fr_FR") + " (heure de Paris)"
