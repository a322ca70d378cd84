"""Target revisions (every value a target has had) and the audit trail of changes

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "target_revision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "target_id",
            sa.Integer(),
            sa.ForeignKey("target.id", name="fk_target_revision_target_id_target"),
            nullable=False,
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("effective_from", sa.Date()),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("revised_by", sa.String(254), nullable=False),
        sa.Column("revised_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("target_id", "revision", name="uq_target_revision_target_id"),
        sa.CheckConstraint(
            "period_end >= period_start", name=op.f("ck_target_revision_period_order")
        ),
    )
    op.create_index("ix_target_revision_target_id", "target_revision", ["target_id"])
    # Every target already set becomes its own revision 1, in force from the start.
    op.execute(
        "INSERT INTO target_revision (target_id, revision, value, period_start, period_end,"
        " effective_from, reason, revised_by, revised_at)"
        " SELECT id, 1, value, period_start, period_end, NULL, '', 'reprise', CURRENT_TIMESTAMP"
        " FROM target"
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_audit_event_occurred_at", "audit_event", ["occurred_at"])
    op.create_index("ix_audit_event_action", "audit_event", ["action"])


def downgrade() -> None:
    op.drop_table("audit_event")
    op.drop_table("target_revision")
