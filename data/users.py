"""Accounts: creation, password hashing (argon2id), verification, disabling.

Passwords are hashed with argon2id through argon2-cffi (the reference implementation's binding,
maintained by the PHC winner's community), with its current recommended parameters; hashes made
with older parameters are upgraded transparently at the next successful login. Changing a password
or disabling an account ends its open sessions (`data.account_sessions`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from data import account_sessions
from data.account_sessions import EndReason
from data.models import Partner, Role, User

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # argon2 accepts more; a bound keeps hashing time bounded
EMAIL_PATTERN = re.compile(r"^[^@\s<>\"']{1,64}@[^@\s<>\"']{1,185}\.[^@\s<>\"']{2,63}$")

_hasher = PasswordHasher()
# Verifying against this when the account does not exist costs the same time as a real check, so
# that response time does not tell whether an address has an account.
_DUMMY_HASH = _hasher.hash("compte inexistant — valeur de référence")


class AccountError(ValueError):
    """A refusal the user can act on; its message is one plain French sentence."""


@dataclass(frozen=True)
class Account:
    """What the web process keeps about a signed-in person (never the password hash)."""

    id: int
    email: str
    display_name: str
    role: Role
    partner_slug: str | None
    active: bool
    last_login_at: dt.datetime | None = None

    @property
    def name(self) -> str:
        return self.display_name or self.email


def hash_password(password: str) -> str:
    check_password_strength(password)
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"Le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"Le mot de passe ne peut dépasser {MAX_PASSWORD_LENGTH} caractères.")


def normalise_email(email: str) -> str:
    value = (email or "").strip().lower()
    if not EMAIL_PATTERN.match(value):
        raise AccountError(f"Adresse électronique invalide : {email!r}.")
    return value


def parse_role(value: str) -> Role:
    """A role from its French code (editeur, charge_de_mission, administrateur)."""
    for role in Role:
        if value == role.value or value == role.name.lower():
            return role
    codes = ", ".join(r.value for r in Role)
    raise AccountError(f"Rôle inconnu : {value!r} (attendu : {codes}).")


def account_of(user: User, partner_slug: str | None) -> Account:
    return _account(user, partner_slug)


def _account(user: User, partner_slug: str | None) -> Account:
    return Account(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=Role(user.role),
        partner_slug=partner_slug,
        active=user.active,
        last_login_at=user.last_login_at,
    )


def _partner_id(session: Session, role: Role, partner_slug: str | None) -> int | None:
    if role is Role.PARTNER_EDITOR:
        if not partner_slug:
            raise AccountError("Un éditeur partenaire doit être rattaché à un partenaire.")
        partner_id = session.scalar(select(Partner.id).where(Partner.slug == partner_slug))
        if partner_id is None:
            slugs = ", ".join(session.scalars(select(Partner.slug).order_by(Partner.sort_order)))
            raise AccountError(f"Partenaire inconnu : {partner_slug!r} (attendu : {slugs}).")
        return partner_id
    if partner_slug:
        raise AccountError("Seul un éditeur partenaire est rattaché à un partenaire.")
    return None


def create_user(
    session: Session,
    email: str,
    password: str,
    role: Role | str,
    partner_slug: str | None = None,
    display_name: str = "",
) -> Account:
    role = role if isinstance(role, Role) else parse_role(role)
    email = normalise_email(email)
    if session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise AccountError(f"Un compte existe déjà pour {email}.")
    user = User(
        email=email,
        display_name=display_name.strip()[:200],
        password_hash=hash_password(password),
        role=role,
        partner_id=_partner_id(session, role, partner_slug),
        active=True,
    )
    session.add(user)
    session.flush()
    return _account(user, partner_slug if role is Role.PARTNER_EDITOR else None)


def _get(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    if user is None:
        raise AccountError(f"Aucun compte pour {email}.")
    return user


def set_password(session: Session, email: str, password: str) -> None:
    """Change a password; the account's open sessions end (in the same transaction)."""
    user = _get(session, email)
    user.password_hash = hash_password(password)
    account_sessions.end_all(session, user.id, _now(), EndReason.PASSWORD_CHANGED)


def set_active(session: Session, email: str, active: bool) -> None:
    """Disable or re-enable an account; disabling ends its open sessions."""
    user = _get(session, email)
    user.active = active
    if not active:
        account_sessions.end_all(session, user.id, _now(), EndReason.ACCOUNT_DISABLED)


def end_sessions(session: Session, email: str) -> int:
    """An administrator ends every open session of an account; the number ended."""
    user = _get(session, email)
    return account_sessions.end_all(session, user.id, _now(), EndReason.ADMINISTRATOR)


def sessions(session: Session, email: str) -> list[account_sessions.SessionInfo]:
    return account_sessions.sessions_of(session, _get(session, email).id)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def authenticate(session: Session, email: str, password: str) -> Account | None:
    """The account if the address and password match an active account, else None."""
    try:
        address = normalise_email(email)
    except AccountError:
        address = None
    user = (
        session.scalar(select(User).where(func.lower(User.email) == address)) if address else None
    )
    if user is None or not password or len(password) > MAX_PASSWORD_LENGTH:
        _safe_verify(_DUMMY_HASH, password or "")
        return None
    if not _safe_verify(user.password_hash, password) or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = dt.datetime.now(dt.UTC)
    session.flush()
    return _account(user, _partner_slug(session, user))


def _safe_verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password[:MAX_PASSWORD_LENGTH])
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _partner_slug(session: Session | Connection, user: User) -> str | None:
    if user.partner_id is None:
        return None
    return session.scalar(select(Partner.slug).where(Partner.id == user.partner_id))


def load_account(session: Session, user_id: int) -> Account | None:
    """An account by its id."""
    row = session.execute(
        select(User, Partner.slug)
        .outerjoin(Partner, Partner.id == User.partner_id)
        .where(User.id == user_id)
    ).first()
    if row is None:
        return None
    user, slug = row
    return _account(user, slug)


def list_accounts(session: Session) -> list[Account]:
    rows = session.execute(
        select(User, Partner.slug)
        .outerjoin(Partner, Partner.id == User.partner_id)
        .order_by(User.email)
    ).all()
    return [_account(user, slug) for user, slug in rows]
