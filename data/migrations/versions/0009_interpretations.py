"""Interpretations on figures, with their replies

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "interpretation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "indicator_code",
            sa.String(60),
            sa.ForeignKey("indicator.code", name="fk_interpretation_indicator_code_indicator"),
            nullable=False,
        ),
        sa.Column(
            "partner_id",
            sa.Integer(),
            sa.ForeignKey("partner.id", name="fk_interpretation_partner_id_partner"),
            nullable=False,
        ),
        sa.Column(
            "parent_id",
            sa.Integer(),
            sa.ForeignKey(
                "interpretation.id",
                ondelete="CASCADE",
                name="fk_interpretation_parent_id_interpretation",
            ),
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date()),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(10), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("author", sa.String(254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True)),
        sa.Column("reviewed_by", sa.String(254)),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name="ck_interpretation_date_order"
        ),
        sa.CheckConstraint(
            "visibility IN ('interne', 'public')", name="ck_interpretation_visibility"
        ),
        sa.CheckConstraint(
            "status IN ('publie', 'en_attente', 'masque')", name="ck_interpretation_status"
        ),
    )
    op.create_index(
        "ix_interpretation_indicator_partner", "interpretation", ["indicator_code", "partner_id"]
    )
    op.create_index("ix_interpretation_parent_id", "interpretation", ["parent_id"])


def downgrade() -> None:
    op.drop_index("ix_interpretation_parent_id", table_name="interpretation")
    op.drop_index("ix_interpretation_indicator_partner", table_name="interpretation")
    op.drop_table("interpretation")
