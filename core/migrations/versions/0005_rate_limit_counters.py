"""rate limits: one counter row per tenant and per API key, shared by every API process

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

``rate_limit_counters``: ``bucket`` is ``tenant`` or ``key:<key id>``; ``hits`` counts the requests
since ``window_start``. api/ratelimit.py bumps (and, once a window has passed, resets) a tenant's rows in
one INSERT … ON CONFLICT … DO UPDATE … RETURNING, so concurrent processes never lose a count.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.migrations.rls import enable_rls, grant_app

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_limit_counters",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("bucket", sa.String(64), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name=op.f("fk_rate_limit_counters_tenant_id_tenants"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate_limit_counters")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_rate_limit_counters_tenant_id_id")),
        sa.UniqueConstraint("tenant_id", "bucket", name=op.f("uq_rate_limit_counters_tenant_id_bucket")),
        sa.CheckConstraint("hits >= 0", name=op.f("ck_rate_limit_counters_hits")),
    )
    op.create_index(op.f("ix_rate_limit_counters_tenant_id"), "rate_limit_counters", ["tenant_id"])
    enable_rls("rate_limit_counters")
    grant_app(["rate_limit_counters"])


def downgrade() -> None:
    op.drop_table("rate_limit_counters")
