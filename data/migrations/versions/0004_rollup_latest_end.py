"""summary rows keep the latest period end (data freshness without scanning the raw rows)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 21:52:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("observation_rollup") as batch:
        batch.add_column(sa.Column("latest_end", sa.Date(), nullable=True))
    # Summary rows built before this column are rebuilt (`democratic init-db`, or the next load).
    op.execute("DELETE FROM store_info WHERE key = 'rollup_version'")


def downgrade() -> None:
    with op.batch_alter_table("observation_rollup") as batch:
        batch.drop_column("latest_end")
