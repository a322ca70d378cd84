"""Login attempts counted in the store, so that every web process (every gunicorn worker, every
host) sees the same count: a limit kept in one process's memory is multiplied by the number of
workers.

Each attempt is recorded before its password is checked, then the windows are counted: if one is
over its limit, the attempt is refused and its record removed (a refused attempt costs no
further wait). Two attempts racing for the last place may both be refused, never both let through.
Windows slide (the attempts of the last minute, of the last hour), so there is no burst at a
window's edge. Records older than the longest window are pruned at each attempt.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from data.account_sessions import utc
from data.models import LoginAttempt


@dataclass(frozen=True)
class Limit:
    attempts: int
    window: dt.timedelta
    per: str  # "address" or "account"


# The documented limits: 5 a minute and 30 an hour per client address, 20 an hour per account.
LIMITS = (
    Limit(5, dt.timedelta(minutes=1), "address"),
    Limit(30, dt.timedelta(hours=1), "address"),
    Limit(20, dt.timedelta(hours=1), "account"),
)
KEEP = max(limit.window for limit in LIMITS)


def record(session: Session, address_key: str, account_key: str, now: dt.datetime) -> int:
    """Record an attempt (committed by the caller before `over_limit` is asked); its id."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at < now - KEEP))
    attempt = LoginAttempt(attempted_at=now, address_key=address_key, account_key=account_key)
    session.add(attempt)
    session.flush()
    return attempt.id


def over_limit(
    session: Session,
    attempt_id: int,
    address_key: str,
    account_key: str,
    now: dt.datetime,
    limits: tuple[Limit, ...] = LIMITS,
) -> int | None:
    """None if the attempt may go on; else seconds to wait, and the attempt's record is removed.
    Counts every committed attempt, this one's included."""
    wait = 0
    for limit in limits:
        column = LoginAttempt.address_key if limit.per == "address" else LoginAttempt.account_key
        key = address_key if limit.per == "address" else account_key
        count, oldest = session.execute(
            select(func.count(), func.min(LoginAttempt.attempted_at)).where(
                column == key, LoginAttempt.attempted_at > now - limit.window
            )
        ).one()
        if count > limit.attempts:
            # The window has room again when its oldest attempt leaves it.
            free_at = utc(oldest) + limit.window
            wait = max(wait, math.ceil((free_at - now).total_seconds()), 1)
    if not wait:
        return None
    session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt_id))
    return wait
