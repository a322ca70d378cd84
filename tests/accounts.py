"""Helpers for the access tests: accounts of every role, signing in, an unpublished load."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Engine, select, update

from data import users
from data.models import AccountSession, DataLoad, LoadStatus, Observation, Partner, User
from data.store import bump_data_version, transaction

PASSWORD = "un mot de passe assez long"
# email -> (role, partner)
ACCOUNTS = {
    "editeur.paris@example.org": ("editeur", "paris"),
    "editeur.essonne@example.org": ("editeur", "essonne"),
    "charge@example.org": ("charge_de_mission", None),
    "admin@example.org": ("administrateur", None),
}
# A value no demonstration figure reaches: added to the small demonstration total of a headline
# figure, it shows as "987 654 0xx"; if it shows up anywhere, unpublished data leaked.
UNPUBLISHED_VALUE = 987_654_000
UNPUBLISHED_PARTNER = "paris"
UNPUBLISHED_INDICATOR = "paris_coordinateurs_rencontres"  # the partner's first headline figure
# Grouping separators as they appear in HTML, or escaped in Dash's JSON.
LEAK_PATTERN = re.compile(r"987(?:[\s\u202f\u00a0.,]|\\u202f|\\u00a0)?654")


def create_accounts(engine: Engine) -> None:
    with transaction(engine) as session:
        for email, (role, partner) in ACCOUNTS.items():
            users.create_user(session, email, PASSWORD, role, partner, display_name=email)


def csrf_token(client, path: str = "/connexion") -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def log_in(client, email: str, password: str = PASSWORD, suite: str = "/"):
    return client.post(
        "/connexion",
        data={
            "email": email,
            "password": password,
            "csrf_token": csrf_token(client),
            "suite": suite,
        },
    )


def move_sessions_back(
    engine: Engine, email: str, *, idle: dt.timedelta, age: dt.timedelta | None = None
) -> None:
    """Time passes for an account's sessions: last seen `idle` ago, opened `age` ago (or at the
    same moment). The server's own clock is left alone; only the recorded moments move."""
    now = dt.datetime.now(dt.UTC)
    with transaction(engine) as session:
        user_id = session.scalar(select(User.id).where(User.email == email))
        session.execute(
            update(AccountSession)
            .where(AccountSession.user_id == user_id)
            .values(last_seen_at=now - idle, created_at=now - (age or idle))
        )


def add_unpublished_load(engine: Engine, value: float = UNPUBLISHED_VALUE) -> int:
    """A partner editor's load waiting for approval: one observation with a telltale value."""
    with transaction(engine) as session:
        partner_id = session.scalar(select(Partner.id).where(Partner.slug == UNPUBLISHED_PARTNER))
        load = DataLoad(
            created_by="editeur.paris@example.org",
            kind="observations",
            file_name="saisie.csv",
            partner_id=partner_id,
            rows_accepted=1,
            status=LoadStatus.ACCEPTED,
            published=False,
        )
        session.add(load)
        session.flush()
        session.add(
            Observation(
                indicator_code=UNPUBLISHED_INDICATOR,
                partner_id=partner_id,
                period_start=dt.date(2012, 12, 1),
                period_end=dt.date(2012, 12, 31),
                territory_code="75101",
                value=value,
                load_id=load.id,
                published=False,
            )
        )
        bump_data_version(session)  # as every load does: caches and summaries follow
        return load.id


def leaks(text: str) -> bool:
    return bool(LEAK_PATTERN.search(text))
