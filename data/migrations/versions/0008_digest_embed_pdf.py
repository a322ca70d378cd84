"""PDF rendering grants, embedding origins per partner, digest subscriptions and their sends

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "render_grant",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("partner_slug", sa.String(60)),
        sa.Column("email", sa.String(254)),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_render_grant_token_hash"),
    )
    op.create_index("ix_render_grant_expires_at", "render_grant", ["expires_at"])
    op.create_table(
        "embed_origin",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("partner_slug", sa.String(60), nullable=False),
        sa.Column("origin", sa.String(300), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(254), nullable=False),
        sa.UniqueConstraint("partner_slug", "origin", name="uq_embed_origin_partner_slug"),
    )
    op.create_index("ix_embed_origin_partner_slug", "embed_origin", ["partner_slug"])
    op.create_table(
        "digest_subscription",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("scope", sa.String(60), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("frequency", sa.String(20), nullable=False),
        sa.Column("unsubscribe_key", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(254), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("unsubscribe_key", name="uq_digest_subscription_unsubscribe_key"),
    )
    op.create_table(
        "digest_send",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "subscription_id",
            sa.Integer(),
            sa.ForeignKey(
                "digest_subscription.id",
                ondelete="CASCADE",
                name="fk_digest_send_subscription_id_digest_subscription",
            ),
            nullable=False,
        ),
        sa.Column("period_key", sa.String(10), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(200), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("with_pdf", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.UniqueConstraint("subscription_id", "period_key", name="uq_digest_send_subscription_id"),
    )


def downgrade() -> None:
    op.drop_table("digest_send")
    op.drop_table("digest_subscription")
    op.drop_index("ix_embed_origin_partner_slug", table_name="embed_origin")
    op.drop_table("embed_origin")
    op.drop_index("ix_render_grant_expires_at", table_name="render_grant")
    op.drop_table("render_grant")
