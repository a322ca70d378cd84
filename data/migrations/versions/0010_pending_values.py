"""A pending correction never hides the published value: the published row and the pending row
share a natural key, and `current` says which one those who see pending data are shown

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 17:40:00

Before this revision a partner editor's load overwrote the published row it corrected (its
values kept only in `load_replaced_row` for undo). Upgrading puts those published values back
as rows of their own beside the pending ones, so that the public sees them again; the pending
load's record of them is then no longer needed (undoing it leaves the published row alone).
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NATURAL_KEY = [
    "indicator_code",
    "partner_id",
    "period_start",
    "period_end",
    "territory_code",
    "profile",
    "channel",
    "age_band",
]


# Revision 0005's index, with `current` added.
ROLLUP_INDEX = [
    "grouping",
    "grain",
    "indicator_code",
    "territory_code",
    "profile",
    "channel",
    "age_band",
    "period_start",
    "published",
    "current",
    "partner_id",
]


def upgrade() -> None:
    for table in ("observation", "observation_rollup"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("current", sa.Boolean(), nullable=False, server_default=sa.true())
            )
    with op.batch_alter_table("observation") as batch:
        batch.drop_constraint("uq_observation_natural_key", type_="unique")
        batch.create_unique_constraint("uq_observation_natural_key", [*NATURAL_KEY, "published"])
    # Managers' questions filter the summary rows on `current`: the index that answers questions
    # across partners holds it, as it holds `published` for the public's.
    op.drop_index("ix_observation_rollup_indicator", table_name="observation_rollup")
    op.create_index("ix_observation_rollup_indicator", "observation_rollup", ROLLUP_INDEX)
    _bring_back_published_values()


def _bring_back_published_values() -> None:
    """Published values that a pending load overwrote become rows again (seen by the public),
    the pending rows standing in for them for those who see pending data."""
    connection = op.get_bind()
    records = connection.execute(
        sa.text(
            "SELECT r.id, r.row_id, r.payload FROM load_replaced_row r "
            "JOIN data_load l ON l.id = r.load_id "
            "JOIN observation o ON o.id = r.row_id AND o.load_id = r.load_id "
            "WHERE r.table_name = 'observation' AND l.published = :no AND o.published = :no "
            "ORDER BY r.id"
        ),
        {"no": False},
    ).all()
    columns = ", ".join(NATURAL_KEY)
    for record_id, row_id, payload in records:
        values = json.loads(payload)
        if not values or not values.get("published"):
            continue  # it replaced another pending value: undo keeps giving that one back
        connection.execute(
            sa.text(
                f"INSERT INTO observation ({columns}, action_id, value, load_id, published, "
                f"current) SELECT {columns}, :action_id, :value, :load_id, :yes, :no "
                "FROM observation WHERE id = :row_id"
            ),
            {
                "action_id": values.get("action_id"),
                "value": values.get("value"),
                "load_id": values.get("load_id"),
                "yes": True,
                "no": False,
                "row_id": row_id,
            },
        )
        connection.execute(
            sa.text("DELETE FROM load_replaced_row WHERE id = :id"), {"id": record_id}
        )
    # The summary rows are rebuilt on the next start (their version no longer matches).
    connection.execute(sa.text("DELETE FROM store_info WHERE key = 'rollup_version'"))


def downgrade() -> None:
    with op.batch_alter_table("observation") as batch:
        batch.drop_constraint("uq_observation_natural_key", type_="unique")
    # A key held twice (published and pending) keeps the pending row, as before this revision.
    op.execute(sa.text("DELETE FROM observation WHERE current = false"))
    with op.batch_alter_table("observation") as batch:
        batch.create_unique_constraint("uq_observation_natural_key", NATURAL_KEY)
        batch.drop_column("current")
    op.drop_index("ix_observation_rollup_indicator", table_name="observation_rollup")
    with op.batch_alter_table("observation_rollup") as batch:
        batch.drop_column("current")
    op.create_index(
        "ix_observation_rollup_indicator",
        "observation_rollup",
        [c for c in ROLLUP_INDEX if c != "current"],
    )
