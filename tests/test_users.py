"""Accounts in the store: argon2id hashes, verification, roles tied to partners, disabling."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from data import account_sessions, users
from data.models import Role, User
from data.store import session_factory, transaction


def test_passwords_are_stored_as_argon2id_hashes_only(engine):
    with transaction(engine) as session:
        users.create_user(
            session, "Claire@Example.org", "un mot de passe solide", "charge_de_mission"
        )
    with session_factory(engine)() as session:
        user = session.scalar(select(User))
    assert user.email == "claire@example.org"
    assert user.password_hash.startswith("$argon2id$")
    assert "un mot de passe solide" not in user.password_hash


def test_authenticate_accepts_the_right_password_only_and_records_the_login(engine):
    with transaction(engine) as session:
        users.create_user(session, "e@example.org", "un mot de passe solide", "editeur", "essonne")
    with transaction(engine) as session:
        assert users.authenticate(session, "e@example.org", "mauvais mot de passe") is None
        assert users.authenticate(session, "inconnu@example.org", "un mot de passe solide") is None
        assert users.authenticate(session, "pas une adresse", "x") is None
        account = users.authenticate(session, " E@example.org ", "un mot de passe solide")
    assert account.role is Role.PARTNER_EDITOR and account.partner_slug == "essonne"
    with session_factory(engine)() as session:
        assert users.load_account(session, account.id).last_login_at is not None


def test_disabled_accounts_cannot_sign_in_and_a_new_password_ends_open_sessions(engine):
    with transaction(engine) as session:
        created = users.create_user(
            session, "m@example.org", "un mot de passe solide", "administrateur"
        )
        users.set_active(session, "m@example.org", False)
    with transaction(engine) as session:
        assert users.authenticate(session, "m@example.org", "un mot de passe solide") is None
        users.set_active(session, "m@example.org", True)
        account_sessions.open_session(session, created.id, dt.datetime.now(dt.UTC))
        users.set_password(session, "m@example.org", "un autre mot de passe")
    with transaction(engine) as session:
        after = users.authenticate(session, "m@example.org", "un autre mot de passe")
        [ended] = users.sessions(session, "m@example.org")
    assert after is not None
    assert ended.ended_at is not None and ended.end_reason == "mot_de_passe"


@pytest.mark.parametrize(
    ("email", "password", "role", "partner", "message"),
    [
        ("a@example.org", "court", "editeur", "paris", "au moins 12"),
        ("a@example.org", "un mot de passe solide", "editeur", None, "rattaché à un partenaire"),
        ("a@example.org", "un mot de passe solide", "editeur", "lyon", "Partenaire inconnu"),
        (
            "a@example.org",
            "un mot de passe solide",
            "charge_de_mission",
            "paris",
            "Seul un éditeur",
        ),
        ("a@example.org", "un mot de passe solide", "roi", None, "Rôle inconnu"),
        (
            "<script>@x",
            "un mot de passe solide",
            "editeur",
            "paris",
            "Adresse électronique invalide",
        ),
    ],
)
def test_invalid_accounts_are_refused_with_a_french_reason(
    engine, email, password, role, partner, message
):
    with pytest.raises(users.AccountError, match=message), transaction(engine) as session:
        users.create_user(session, email, password, role, partner)


def test_an_address_has_one_account(engine):
    with transaction(engine) as session:
        users.create_user(session, "a@example.org", "un mot de passe solide", "editeur", "paris")
    with pytest.raises(users.AccountError, match="existe déjà"), transaction(engine) as session:
        users.create_user(session, "A@example.org", "un mot de passe solide", "editeur", "paris")
