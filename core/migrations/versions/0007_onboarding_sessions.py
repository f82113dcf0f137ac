"""chat onboarding: sessions, their events (the SSE stream) and the marketer's corrections

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

* ``onboarding_sessions``: who started onboarding which brand (URL or name), where it is (researching →
  waiting_for_marketer → accepted, or failed), the stored BrandTwin, the draft contract card the marketer
  corrects and the accepted one with its mode (shadow | live) and who accepted it.
* ``onboarding_events``: everything the session says, in order; ``seq`` (1, 2, ... per session, unique) is
  the Server-Sent Events id a reconnecting client sends back as ``Last-Event-ID``.
* ``onboarding_corrections``: each correction (remove_fact, mark_fact_wrong, add_avoid_term,
  set_budget_cap) with the user who made it.

All three are tenant-owned under forced row-level security, with composite keys to their parents.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import SchemaItem

from core.migrations.rls import enable_rls, grant_app

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ["onboarding_sessions", "onboarding_events", "onboarding_corrections"]


def _tenant(table: str) -> list[SchemaItem]:
    return [
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name=op.f(f"fk_{table}_tenant_id_tenants"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f(f"uq_{table}_tenant_id_id")),
    ]


def _fk(table: str, cols: list[str], parent: str, ondelete: str = "RESTRICT") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["tenant_id", *cols], [f"{parent}.tenant_id", f"{parent}.id"],
                                   name=op.f(f"fk_{table}_tenant_id_{'_'.join(cols)}_{parent}"), ondelete=ondelete)


def upgrade() -> None:
    t = "onboarding_sessions"
    op.create_table(
        t,
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_by", sa.UUID(), nullable=False),
        sa.Column("brand_url", sa.Text(), nullable=True),
        sa.Column("brand_name", sa.String(200), nullable=True),
        sa.Column("status", sa.String(30), server_default="researching", nullable=False),
        sa.Column("workflow_id", sa.String(200), nullable=True),
        sa.Column("brand_twin_id", sa.UUID(), nullable=True),
        sa.Column("draft_contract", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("accepted_contract", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("accepted_mode", sa.String(10), nullable=True),
        sa.Column("accepted_by", sa.UUID(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        *_tenant(t),
        _fk(t, ["created_by"], "users"),
        _fk(t, ["accepted_by"], "users"),
        _fk(t, ["brand_twin_id"], "brand_twins"),
        sa.CheckConstraint("status IN ('researching','waiting_for_marketer','accepted','failed')",
                           name=op.f(f"ck_{t}_status")),
        sa.CheckConstraint("brand_url IS NOT NULL OR brand_name IS NOT NULL", name=op.f(f"ck_{t}_brand")),
        sa.CheckConstraint("accepted_mode IS NULL OR accepted_mode IN ('shadow','live')",
                           name=op.f(f"ck_{t}_accepted_mode")),
    )
    t = "onboarding_events"
    op.create_table(
        t,
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("session_id", sa.UUID(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        *_tenant(t),
        sa.UniqueConstraint("tenant_id", "session_id", "seq", name=op.f(f"uq_{t}_tenant_id_session_id_seq")),
        _fk(t, ["session_id"], "onboarding_sessions", "CASCADE"),
        sa.CheckConstraint("seq >= 1", name=op.f(f"ck_{t}_seq")),
    )
    t = "onboarding_corrections"
    op.create_table(
        t,
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("session_id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        *_tenant(t),
        _fk(t, ["session_id"], "onboarding_sessions", "CASCADE"),
        _fk(t, ["user_id"], "users"),
        sa.CheckConstraint("kind IN ('remove_fact','mark_fact_wrong','add_avoid_term','set_budget_cap')",
                           name=op.f(f"ck_{t}_kind")),
    )
    for table in TABLES:
        op.create_index(op.f(f"ix_{table}_tenant_id"), table, ["tenant_id"])
        enable_rls(table)
    grant_app(TABLES)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
