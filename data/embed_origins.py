"""The sites allowed to show a partner's embedded page in a frame (`/integrer/<slug>`).

An origin is `https://host` or `http://host:port`, nothing else: no path, no wildcard, no user
name, no keyword. It goes verbatim into a `Content-Security-Policy: frame-ancestors` header, so
anything that could add a source or a directive (a space, `;`, `*`, a quote) is refused here,
with the reason in French, before it is ever stored.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from data.models import EmbedOrigin
from data.reference import PARTNER_SLUGS

MAX_LENGTH = 200
# A DNS name or an IPv4 address, lower case (browsers compare origins in lower case).
HOST = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


class OriginRefused(ValueError):
    """Not an origin that may be listed (the message says why, in French)."""


def normalise_origin(text: object) -> str:
    """`https://Mairie.example.fr/` → `https://mairie.example.fr`; refuses anything else."""
    if not isinstance(text, str) or not text.strip():
        raise OriginRefused("Indiquez l'adresse du site, par exemple https://www.mairie.fr.")
    raw = text.strip()
    shown = raw if len(raw) <= 60 else raw[:60] + "…"
    if len(raw) > MAX_LENGTH or any(c.isspace() or c in ";,'\"*\\" for c in raw):
        raise OriginRefused(
            f"« {shown} » n'est pas une adresse de site : une seule adresse, sans espace, "
            "ni « ; », « , », « * » ou guillemet."
        )
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as error:
        raise OriginRefused(f"« {shown} » n'est pas une adresse de site valide.") from error
    if parts.scheme.lower() not in ("http", "https"):
        raise OriginRefused(f"« {shown} » : l'adresse doit commencer par https:// (ou http://).")
    if (
        parts.username
        or parts.password
        or parts.query
        or parts.fragment
        or parts.path not in ("", "/")
    ):
        raise OriginRefused(
            f"« {shown} » : indiquez le site seul (https://nom.du.site), sans chemin, "
            "paramètre ni identifiant."
        )
    host = (parts.hostname or "").lower()
    if not HOST.match(host):
        raise OriginRefused(f"« {shown} » : le nom du site n'est pas valide.")
    default = {"http": 80, "https": 443}[parts.scheme.lower()]
    suffix = f":{port}" if port and port != default else ""
    return f"{parts.scheme.lower()}://{host}{suffix}"


def _check_partner(slug: str) -> None:
    if slug not in PARTNER_SLUGS:
        raise OriginRefused(f"Partenaire inconnu : « {str(slug)[:40]} ».")


def origins(connection, slug: str) -> list[str]:
    """The sites allowed to frame `slug`'s embedded page (a Connection or a Session)."""
    return list(
        connection.scalars(
            select(EmbedOrigin.origin)
            .where(EmbedOrigin.partner_slug == slug)
            .order_by(EmbedOrigin.origin)
        )
    )


def all_origins(connection) -> dict[str, list[str]]:
    listed: dict[str, list[str]] = {slug: [] for slug in PARTNER_SLUGS}
    for slug, origin in connection.execute(
        select(EmbedOrigin.partner_slug, EmbedOrigin.origin).order_by(
            EmbedOrigin.partner_slug, EmbedOrigin.origin
        )
    ):
        listed.setdefault(slug, []).append(origin)
    return listed


def add(session: Session, slug: str, text: str, by: str, now: dt.datetime) -> tuple[str, bool]:
    """Allow `text` (normalised) for `slug`; (origin, False) when it was listed already."""
    _check_partner(slug)
    origin = normalise_origin(text)
    exists = session.scalar(
        select(EmbedOrigin.id).where(EmbedOrigin.partner_slug == slug, EmbedOrigin.origin == origin)
    )
    if exists:
        return origin, False
    session.add(EmbedOrigin(partner_slug=slug, origin=origin, added_at=now, added_by=by[:254]))
    return origin, True


def remove(session: Session, slug: str, text: str) -> bool:
    _check_partner(slug)
    origin = normalise_origin(text)
    result = session.execute(
        delete(EmbedOrigin).where(EmbedOrigin.partner_slug == slug, EmbedOrigin.origin == origin)
    )
    return bool(result.rowcount)
