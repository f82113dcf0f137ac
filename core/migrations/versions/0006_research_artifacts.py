"""research artifacts: a research run's bulky intermediate results, out of the workflow history

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

* ``research_artifacts``: one row per (tenant, research run, name) — crawled pages, chunks with their
  vectors, per-page extractions — as zlib-compressed JSON with the SHA-256 of that JSON. The research graph's state (copied into
  the Temporal history at every node) carries only the name, the count and the digest. Tenant-owned
  under forced row-level security like every other table; the run's persist step deletes its rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.migrations.rls import enable_rls, grant_app

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "research_artifacts",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("run_id", sa.String(100), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name=op.f("fk_research_artifacts_tenant_id_tenants"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_artifacts")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_research_artifacts_tenant_id_id")),
        sa.UniqueConstraint("tenant_id", "run_id", "name", name=op.f("uq_research_artifacts_tenant_id_run_id_name")),
    )
    op.create_index(op.f("ix_research_artifacts_tenant_id"), "research_artifacts", ["tenant_id"])
    enable_rls("research_artifacts")
    grant_app(["research_artifacts"])


def downgrade() -> None:
    op.drop_table("research_artifacts")
