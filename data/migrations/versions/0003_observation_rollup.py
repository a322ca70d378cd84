"""summary rows of the observations (monthly and daily rollups)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 21:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "observation_rollup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grouping", sa.String(length=80), nullable=False),
        sa.Column("grain", sa.String(length=10), nullable=False),
        sa.Column("indicator_code", sa.String(length=60), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("territory_code", sa.String(length=10), nullable=False),
        sa.Column("profile", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("age_band", sa.String(length=40), nullable=False),
        sa.Column("aggregation", sa.String(length=32), nullable=False),
        sa.Column("value_sum", sa.Float(), nullable=False),
        sa.Column("n_all", sa.Integer(), nullable=False),
        sa.Column("latest_start", sa.Date(), nullable=False),
        sa.Column("value_latest", sa.Float(), nullable=False),
        sa.Column("n_latest", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observation_rollup")),
    )
    op.create_index(
        "ix_observation_rollup_lookup",
        "observation_rollup",
        ["grouping", "grain", "partner_id", "indicator_code", "period_start"],
    )


def downgrade() -> None:
    op.drop_index("ix_observation_rollup_lookup", table_name="observation_rollup")
    op.drop_table("observation_rollup")
