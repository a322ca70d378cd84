"""summary rows indexed by indicator too (questions about indicators of every partner)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 00:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


INDICATOR_INDEX = [
    "grouping",
    "grain",
    "indicator_code",
    "territory_code",
    "profile",
    "channel",
    "age_band",
    "period_start",
    "published",
    "partner_id",
]


def upgrade() -> None:
    # The lookup index starts (grouping, grain, partner_id): without a partner in the question,
    # its indicator column cannot be used and every row of the grouping was read. This one
    # starts with the indicator and holds every filtered column, so that a question with
    # breakdown filters seeks its rows or, at worst, filters index entries (not table rows).
    op.create_index("ix_observation_rollup_indicator", "observation_rollup", INDICATOR_INDEX)


def downgrade() -> None:
    op.drop_index("ix_observation_rollup_indicator", table_name="observation_rollup")
