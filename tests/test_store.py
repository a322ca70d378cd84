"""The store: schema by migrations, reference data, constraints, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError

from data import queries
from data.models import Action, ActionStatus, Indicator, Observation, Partner, Territory
from data.reference import PARTNER_SLUGS
from data.reference_loading import load_reference
from data.store import StoreError, current_revision, head_revision, transaction, upgrade


def test_upgrade_creates_schema_at_head_and_is_idempotent(engine):
    assert current_revision(engine) == head_revision()
    upgrade(engine)  # a second run changes nothing and does not fail
    assert current_revision(engine) == head_revision()


def test_reference_data_describes_the_seed(engine):
    with engine.connect() as connection:
        slugs = [p["slug"] for p in queries.partners(connection)]
        paris_places = connection.scalar(
            select(func.count()).select_from(Territory).where(Territory.code.like("751%"))
        )
        vdm_statuses = set(
            connection.scalars(
                select(Action.status)
                .join(Partner, Partner.id == Action.partner_id)
                .where(Partner.slug == "val-de-marne")
            )
        )
    assert slugs == [*PARTNER_SLUGS, "programme"]
    assert paris_places == 20  # INSEE 75101-75120
    assert vdm_statuses == {ActionStatus.NOT_DEFINED}


def test_reference_data_is_loaded_once(engine):
    with transaction(engine) as session:
        load_reference(session)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Partner)) == 5


def test_observation_natural_key_refuses_a_duplicate(engine):
    with engine.connect() as connection:
        partner_id = connection.scalar(select(Partner.id).where(Partner.slug == "paris"))
    row = {
        "indicator_code": "paris_sessions_echange",
        "partner_id": partner_id,
        "period_start": dt.date(2012, 5, 1),
        "period_end": dt.date(2012, 5, 31),
        "territory_code": "75111",
        "value": 2.0,
    }
    with engine.begin() as connection:
        connection.execute(insert(Observation), [row])
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(Observation), [row])


def test_enum_values_are_stored_as_french_codes(engine):
    with engine.connect() as connection:
        raw = (
            connection.execute(text("SELECT DISTINCT status FROM action ORDER BY status"))
            .scalars()
            .all()
        )
        aggregations = (
            connection.execute(text("SELECT DISTINCT aggregation FROM indicator")).scalars().all()
        )
    assert set(raw) <= {s.value for s in ActionStatus}
    assert "somme" in aggregations


def test_an_unknown_newer_revision_is_refused_with_a_clear_message(engine):
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(StoreError, match="plus récente"):
        upgrade(engine)


def test_every_indicator_has_definitions_in_both_languages(engine):
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        rows = session.scalars(select(Indicator)).all()
    assert rows
    for indicator in rows:
        assert indicator.definition_fr.strip() and indicator.definition_en.strip()
        assert indicator.label_fr.strip() and indicator.label_en.strip()


def test_data_version_changes_with_every_load(engine):
    from data import demo
    from data.store import data_version

    with engine.connect() as connection:
        before = data_version(connection)
    demo.generate(engine)
    with engine.connect() as connection:
        after = data_version(connection)
    demo.generate(engine, reset_first=True)
    with engine.connect() as connection:
        again = data_version(connection)
    assert len({before, after, again}) == 3
