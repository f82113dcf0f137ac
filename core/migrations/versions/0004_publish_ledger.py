"""publishing: the publish ledger, an append-only publish event log, encrypted connector tokens,
spend records, the tenant kill switch and a campaign's publish halt

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

* ``publish_ledger``: one row per (approval, post variant, channel), written before any network call;
  its ``idempotency_key`` is unique per tenant and its ``state`` follows
  ``pending → sending → published | failed | unconfirmed → reconciled | rolled_back`` (plus ``shadow``
  for shadow mode, ``denied`` when the policy gate refuses, ``withdrawn`` when a halted launch never
  sent it). The platform's post id and Instagram's container id are stored as soon as known.
* ``publish_events`` becomes the append-only log of every publish, delete, trigger, reconciliation and
  rollback (``kind``, ``ledger_id``); its status takes the ledger's states. Rows of 0001's shape
  (status ``posted``) are carried over as ``published``.
* ``connector_tokens``: OAuth bearer tokens, AES-GCM ciphertext with the id of the key that made it.
* ``spend_records``: LLM and paid-promotion spend per campaign and channel (append-only).
* ``tenants.publishing_paused``: the kill switch; ``campaigns.publish_halt``: why a launch stopped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations.rls import enable_rls, grant_app, make_append_only

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEDGER_STATES = ("'pending','sending','published','failed','unconfirmed','reconciled','rolled_back',"
                 "'shadow','denied','withdrawn'")
EVENT_KINDS = ("'publish','reconcile','delete','trigger','rollback','deny','shadow','withdraw','halt',"
               "'container'")


def _tenant_fk(table: str, cols: list[str], ref: str, ondelete: str = "RESTRICT") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["tenant_id", *cols], [f"{ref}.tenant_id", f"{ref}.id"],
                                   name=op.f(f"fk_{table}_tenant_id_{'_'.join(cols)}_{ref}"), ondelete=ondelete)


def _tenant_column(table: str) -> list[Any]:
    return [sa.Column("tenant_id", sa.UUID(), nullable=False),
            sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name=op.f(f"fk_{table}_tenant_id_tenants"),
                                    ondelete="RESTRICT"),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            sa.UniqueConstraint("tenant_id", "id", name=op.f(f"uq_{table}_tenant_id_id"))]


def upgrade() -> None:
    op.create_table(
        "publish_ledger",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("campaign_id", sa.UUID(), nullable=False),
        sa.Column("approval_id", sa.UUID(), nullable=False),
        sa.Column("post_variant_id", sa.UUID(), nullable=False),
        sa.Column("channel", sa.String(30), nullable=False),
        sa.Column("stage", sa.String(10), nullable=False),
        sa.Column("state", sa.String(20), nullable=False, server_default="pending"),
        sa.Column("idempotency_key", sa.String(200), nullable=False),
        sa.Column("marker", sa.String(64), nullable=False),
        sa.Column("platform_post_id", sa.String(200), nullable=True),
        sa.Column("container_id", sa.String(200), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("predicted", postgresql.JSONB(astext_type=sa.Text()), nullable=False,
                  server_default=sa.text("'{}'::jsonb")),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        *_tenant_column("publish_ledger"),
        _tenant_fk("publish_ledger", ["campaign_id"], "campaigns"),
        _tenant_fk("publish_ledger", ["approval_id"], "approvals"),
        _tenant_fk("publish_ledger", ["post_variant_id"], "post_variants"),
        sa.UniqueConstraint("tenant_id", "idempotency_key", name=op.f("uq_publish_ledger_tenant_id_idempotency_key")),
        sa.UniqueConstraint("tenant_id", "approval_id", "post_variant_id", "channel",
                            name=op.f("uq_publish_ledger_tenant_id_approval_id_post_variant_id_channel")),
        sa.CheckConstraint("stage IN ('shadow','canary','full')", name=op.f("ck_publish_ledger_stage")),
        sa.CheckConstraint(f"state IN ({LEDGER_STATES})", name=op.f("ck_publish_ledger_state")),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_publish_ledger_attempts")),
    )
    op.create_index(op.f("ix_publish_ledger_tenant_id"), "publish_ledger", ["tenant_id"])
    op.create_index("ix_publish_ledger_campaign", "publish_ledger", ["tenant_id", "campaign_id"])

    # publish_events: the append-only event log of the ledger.
    op.drop_constraint(op.f("uq_publish_events_tenant_id_idempotency_key"), "publish_events", type_="unique")
    op.drop_constraint(op.f("ck_publish_events_status"), "publish_events", type_="check")
    op.drop_constraint(op.f("ck_publish_events_stage"), "publish_events", type_="check")
    op.alter_column("publish_events", "idempotency_key", nullable=True)
    op.alter_column("publish_events", "stage", nullable=True)
    op.add_column("publish_events", sa.Column("ledger_id", sa.UUID(), nullable=True))
    op.add_column("publish_events", sa.Column("kind", sa.String(20), nullable=False, server_default="publish"))
    # The owner is under FORCEd row security like everyone and no tenant is set in a migration: FORCE is
    # lifted (inside this transaction) while the new foreign key validates and old rows are renamed.
    op.execute("ALTER TABLE publish_events NO FORCE ROW LEVEL SECURITY")
    op.create_foreign_key(op.f("fk_publish_events_tenant_id_ledger_id_publish_ledger"), "publish_events",
                          "publish_ledger", ["tenant_id", "ledger_id"], ["tenant_id", "id"], ondelete="RESTRICT")
    # Rows written under 0001 (only seeds and tests write them) keep their meaning under the new names.
    op.execute("UPDATE publish_events SET status = 'published' WHERE status = 'posted'")
    op.execute("ALTER TABLE publish_events FORCE ROW LEVEL SECURITY")
    op.create_check_constraint("stage", "publish_events", "stage IS NULL OR stage IN ('shadow','canary','full')")
    op.create_check_constraint("status", "publish_events", f"status IN ({LEDGER_STATES})")
    op.create_check_constraint("kind", "publish_events", f"kind IN ({EVENT_KINDS})")
    op.create_index("ix_publish_events_campaign", "publish_events", ["tenant_id", "campaign_id"])
    make_append_only("publish_events")

    op.create_table(
        "connector_tokens",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("channel", sa.String(30), nullable=False),
        sa.Column("account_id", sa.String(200), nullable=False),
        sa.Column("author_urn", sa.String(200), nullable=True),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        *_tenant_column("connector_tokens"),
        sa.UniqueConstraint("tenant_id", "channel", name=op.f("uq_connector_tokens_tenant_id_channel")),
    )
    op.create_index(op.f("ix_connector_tokens_tenant_id"), "connector_tokens", ["tenant_id"])

    op.create_table(
        "spend_records",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("campaign_id", sa.UUID(), nullable=True),
        sa.Column("channel", sa.String(30), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(100), nullable=True),
        sa.Column("detail", postgresql.JSONB(astext_type=sa.Text()), nullable=False,
                  server_default=sa.text("'{}'::jsonb")),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        *_tenant_column("spend_records"),
        _tenant_fk("spend_records", ["campaign_id"], "campaigns"),
        sa.CheckConstraint("kind IN ('llm','promotion')", name=op.f("ck_spend_records_kind")),
        sa.CheckConstraint("amount_cents >= 0", name=op.f("ck_spend_records_amount_cents")),
    )
    op.create_index(op.f("ix_spend_records_tenant_id"), "spend_records", ["tenant_id"])

    for table in ("publish_ledger", "connector_tokens", "spend_records"):
        enable_rls(table)
    grant_app(["publish_ledger", "connector_tokens"])
    grant_app(["spend_records"], "SELECT, INSERT")
    make_append_only("spend_records")

    op.add_column("tenants", sa.Column("publishing_paused", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("tenants", sa.Column("paused_reason", sa.Text(), nullable=True))
    op.add_column("campaigns", sa.Column("publish_halt", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("campaigns", "publish_halt")
    op.drop_column("tenants", "paused_reason")
    op.drop_column("tenants", "publishing_paused")
    op.drop_table("spend_records")
    op.execute("DROP FUNCTION IF EXISTS spend_records_append_only() CASCADE")
    op.drop_table("connector_tokens")
    op.execute("DROP FUNCTION IF EXISTS publish_events_append_only() CASCADE")  # its two triggers
    grant_app(["publish_events"], "UPDATE, DELETE")
    op.execute("ALTER TABLE publish_events NO FORCE ROW LEVEL SECURITY")
    # Events of the new kinds have no place in 0001's shape.
    op.execute("DELETE FROM publish_events WHERE kind <> 'publish' OR idempotency_key IS NULL OR stage IS NULL "
               "OR status NOT IN ('pending','published','failed','unconfirmed','rolled_back')")
    op.execute("UPDATE publish_events SET status = 'posted' WHERE status = 'published'")
    op.execute("ALTER TABLE publish_events FORCE ROW LEVEL SECURITY")
    op.drop_index("ix_publish_events_campaign", "publish_events")
    op.drop_constraint(op.f("ck_publish_events_kind"), "publish_events", type_="check")
    op.drop_constraint(op.f("ck_publish_events_status"), "publish_events", type_="check")
    op.drop_constraint(op.f("ck_publish_events_stage"), "publish_events", type_="check")
    op.drop_constraint(op.f("fk_publish_events_tenant_id_ledger_id_publish_ledger"), "publish_events",
                       type_="foreignkey")
    op.drop_column("publish_events", "kind")
    op.drop_column("publish_events", "ledger_id")
    op.alter_column("publish_events", "stage", nullable=False)
    op.alter_column("publish_events", "idempotency_key", nullable=False)
    op.create_check_constraint("stage", "publish_events", "stage IN ('shadow','canary','full')")
    op.create_check_constraint("status", "publish_events",
                               "status IN ('pending','posted','failed','unconfirmed','rolled_back')")
    op.create_unique_constraint(op.f("uq_publish_events_tenant_id_idempotency_key"), "publish_events",
                                ["tenant_id", "idempotency_key"])
    op.drop_table("publish_ledger")
