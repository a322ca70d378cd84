"""rows replaced by a load, kept so that the load can be undone

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "load_replaced_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("load_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["load_id"],
            ["data_load.id"],
            name=op.f("fk_load_replaced_row_load_id_data_load"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_load_replaced_row")),
    )
    with op.batch_alter_table("load_replaced_row", schema=None) as batch_op:
        batch_op.create_index("ix_load_replaced_row_load_id", ["load_id"], unique=False)
        batch_op.create_index("ix_load_replaced_row_target", ["table_name", "row_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("load_replaced_row", schema=None) as batch_op:
        batch_op.drop_index("ix_load_replaced_row_target")
        batch_op.drop_index("ix_load_replaced_row_load_id")
    op.drop_table("load_replaced_row")
