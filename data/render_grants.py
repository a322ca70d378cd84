"""Rights lent for a few seconds to the server's own headless browser, which prints a page as
the viewer who asked for it would see it (dashboard/pdf.py).

The key is random (256 bits) and travels only between this server and the browser it started
(as a cookie set through the DevTools protocol, never in a URL, never sent to the viewer); the
store keeps its SHA-256. A grant carries the viewer's role and partner, nothing wider, expires
seconds after it is made (the time limit of one PDF) and is deleted as soon as the PDF is done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from data.access import Viewer
from data.models import RenderGrant

# By default; dashboard/pdf.py lends for the PDF's time limit and a margin.
LIFETIME = dt.timedelta(seconds=40)
COOKIE = "democratic_rendu"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def grant(
    session: Session, viewer: Viewer, now: dt.datetime, lifetime: dt.timedelta = LIFETIME
) -> str:
    """A new key bound to `viewer`'s rights for `lifetime`; expired grants are pruned."""
    session.execute(delete(RenderGrant).where(RenderGrant.expires_at < now))
    token = secrets.token_urlsafe(32)
    session.add(
        RenderGrant(
            token_hash=_hash(token),
            role=viewer.role,
            partner_slug=viewer.partner_slug,
            email=viewer.email,
            expires_at=now + lifetime,
        )
    )
    return token


def viewer_of(session: Session, token: str | None, now: dt.datetime) -> Viewer | None:
    """The viewer a live key stands for, or None (unknown, expired or already withdrawn)."""
    if not token or len(token) > 100:
        return None
    row = session.scalar(select(RenderGrant).where(RenderGrant.token_hash == _hash(token)))
    if row is None or _aware(row.expires_at) <= now:
        return None
    return Viewer(role=row.role, partner_slug=row.partner_slug, email=row.email)


def withdraw(session: Session, token: str) -> None:
    session.execute(delete(RenderGrant).where(RenderGrant.token_hash == _hash(token)))


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back naive datetimes (stored as UTC).
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
