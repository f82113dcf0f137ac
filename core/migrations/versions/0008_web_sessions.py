"""web sessions: the review pages' signed-in browser sessions

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01

``web_sessions``: one row per signed-in browser (api/web/sessions.py). The cookie carries the tenant id
and a random token; only the token's SHA-256 is stored, with the user, the API key the session was opened
with (its revocation ends the session) and the expiry. Tenant-owned under forced row-level security like
every other table.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.migrations.rls import enable_rls, grant_app

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name=op.f("fk_web_sessions_tenant_id_tenants"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["tenant_id", "user_id"], ["users.tenant_id", "users.id"],
                                name=op.f("fk_web_sessions_tenant_id_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_web_sessions_tenant_id_id")),
        sa.UniqueConstraint("tenant_id", "token_sha256", name=op.f("uq_web_sessions_tenant_id_token_sha256")),
    )
    op.create_index(op.f("ix_web_sessions_tenant_id"), "web_sessions", ["tenant_id"])
    enable_rls("web_sessions")
    grant_app(["web_sessions"])


def downgrade() -> None:
    op.drop_table("web_sessions")
