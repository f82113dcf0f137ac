"""SQLAlchemy 2 typed models: every table but ``tenants`` carries ``tenant_id`` and row-level security.

Child tables reference parents through composite keys ``(tenant_id, parent_id)`` so that a row can
never point at another tenant's row, even by guessing its id (foreign-key checks bypass RLS).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

from pgvector.sqlalchemy import Vector
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: The embedding dimension of the `chunks.embedding` column; every layer checks vectors against it.
EMBEDDING_DIM = 384

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("admin", "marketer", "approver", "evaluator")


class Base(DeclarativeBase):
    """Declarative base with a constraint naming convention (stable migration diffs)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSONB, list[Any]: JSONB}


def _uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)


def _created_at() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


class TenantOwned:
    """Mixin: the tenant column every RLS policy filters on."""

    tenant_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("tenants.id", ondelete="RESTRICT"), nullable=False, index=True
    )


def _tenant_fk(cols: list[str], table: str, ondelete: str = "RESTRICT") -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["tenant_id", *cols], [f"{table}.tenant_id", f"{table}.id"], ondelete=ondelete)


class Tenant(Base):
    """A customer organisation; its id is the RLS key for everything else."""

    __tablename__ = "tenants"
    id: Mapped[uuid.UUID] = _uuid_pk()
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = _created_at()
    # The kill switch: while set, nothing of this tenant is published.
    publishing_paused: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=sql_text("false"))
    paused_reason: Mapped[str | None] = mapped_column(Text)
    # "Acme", "acme" and "ACME" are one customer: names are unique case-insensitively.
    __table_args__ = (Index("uq_tenants_name_lower", func.lower(name), unique=True),)


class User(TenantOwned, Base):
    """A person (or service identity) inside a tenant, with one role."""

    __tablename__ = "users"
    id: Mapped[uuid.UUID] = _uuid_pk()
    email: Mapped[str] = mapped_column(String(320), nullable=False)
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "email"),
        CheckConstraint("role IN ('admin','marketer','approver','evaluator')", name="role"),
    )


class ApiKey(TenantOwned, Base):
    """An API key: only its SHA-256 is stored; the key is shown once at creation."""

    __tablename__ = "api_keys"
    id: Mapped[uuid.UUID] = _uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    key_id: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = _created_at()
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk(["user_id"], "users"),
        CheckConstraint("role IN ('admin','marketer','approver','evaluator')", name="role"),
    )


class Workspace(TenantOwned, Base):
    """A brand workspace: its contract card, mode and caps."""

    __tablename__ = "workspaces"
    id: Mapped[uuid.UUID] = _uuid_pk()
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    mode: Mapped[str] = mapped_column(String(10), nullable=False, server_default="shadow")
    region: Mapped[str | None] = mapped_column(String(20))
    industry: Mapped[str | None] = mapped_column(String(50))
    contract_card: Mapped[dict[str, Any]] = mapped_column(nullable=False, server_default=sql_text("'{}'::jsonb"))
    budget_caps: Mapped[dict[str, Any]] = mapped_column(nullable=False, server_default=sql_text("'{}'::jsonb"))
    allow_local_targets: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=sql_text("false"))
    readiness_threshold: Mapped[float] = mapped_column(Float, nullable=False, server_default=sql_text("0.85"))
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "name"),
        CheckConstraint("mode IN ('shadow','live')", name="mode"),
        CheckConstraint("readiness_threshold >= 0 AND readiness_threshold <= 1", name="readiness_threshold"),
    )


class BrandTwinRow(TenantOwned, Base):
    """A BrandTwin document (the contract lives in ``data``)."""

    __tablename__ = "brand_twins"
    id: Mapped[uuid.UUID] = _uuid_pk()
    workspace_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    root_url: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    confidence: Mapped[float] = mapped_column(Float, nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk(["workspace_id"], "workspaces"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
    )


class Source(TenantOwned, Base):
    """A crawled page with its extracted (untrusted) text."""

    __tablename__ = "sources"
    id: Mapped[uuid.UUID] = _uuid_pk()
    url: Mapped[str] = mapped_column(Text, nullable=False)
    canonical_url: Mapped[str] = mapped_column(Text, nullable=False)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    status_code: Mapped[int] = mapped_column(Integer, nullable=False)
    content_type: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    suspicious: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=sql_text("false"))
    flags: Mapped[dict[str, Any]] = mapped_column(nullable=False, server_default=sql_text("'{}'::jsonb"))
    fetched_at: Mapped[datetime] = _created_at()
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "content_hash"))


class FactRow(TenantOwned, Base):
    """A fact with the exact span of its source page (``quote == text[start:end]``)."""

    __tablename__ = "facts"
    id: Mapped[uuid.UUID] = _uuid_pk()
    brand_twin_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    source_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    quote: Mapped[str] = mapped_column(Text, nullable=False)
    confidence: Mapped[float] = mapped_column(Float, nullable=False, server_default=sql_text("1.0"))
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk(["brand_twin_id"], "brand_twins", ondelete="CASCADE"),
        _tenant_fk(["source_id"], "sources"),
        CheckConstraint('start >= 0 AND "end" > start', name="span"),
        CheckConstraint('char_length(quote) = "end" - start', name="quote_length"),
    )


class Chunk(TenantOwned, Base):
    """A span of a source with its embedding; the model and dimension are recorded and checked."""

    __tablename__ = "chunks"
    id: Mapped[uuid.UUID] = _uuid_pk()
    source_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    embedding_model: Mapped[str] = mapped_column(String(200), nullable=False)
    embedding_dim: Mapped[int] = mapped_column(Integer, nullable=False)
    embedding: Mapped[Any] = mapped_column(Vector(EMBEDDING_DIM), nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "source_id", "ordinal"),
        _tenant_fk(["source_id"], "sources", ondelete="CASCADE"),
        CheckConstraint(f"embedding_dim = {EMBEDDING_DIM} AND vector_dims(embedding) = embedding_dim",
                        name="embedding_dim"),
    )


class ResearchArtifact(TenantOwned, Base):
    """A bulky intermediate result of one research run (crawled pages, chunks with vectors, extractions).

    It lives here, not in the graph state, so that a workflow history carries only its name, size and
    digest (a history must not grow with the site). Written idempotently per (run, name); the run's
    ``persist`` step deletes them once the sources, chunks and BrandTwin are stored.
    """

    __tablename__ = "research_artifacts"
    id: Mapped[uuid.UUID] = _uuid_pk()
    run_id: Mapped[str] = mapped_column(String(100), nullable=False)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    # zlib-compressed JSON, byte-exact (JSONB would refuse NUL characters and NaN a hostile page can carry).
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "run_id", "name"),
    )


class Campaign(TenantOwned, Base):
    """A campaign and the workflow that drives it."""

    __tablename__ = "campaigns"
    id: Mapped[uuid.UUID] = _uuid_pk()
    workspace_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[str] = mapped_column(String(30), nullable=False, server_default="draft")
    requested_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    brief: Mapped[dict[str, Any]] = mapped_column(nullable=False, server_default=sql_text("'{}'::jsonb"))
    workflow_id: Mapped[str | None] = mapped_column(String(200))
    # Set when a rollback or the operator stops this campaign's launch: no ledger row starts sending after.
    publish_halt: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk(["workspace_id"], "workspaces"),
        _tenant_fk(["requested_by"], "users"),
    )


class PlanItem(TenantOwned, Base):
    """One calendar item of a campaign plan."""

    __tablename__ = "plan_items"
    id: Mapped[uuid.UUID] = _uuid_pk()
    campaign_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    channel: Mapped[str] = mapped_column(String(30), nullable=False)
    scheduled_for: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    topic: Mapped[str] = mapped_column(Text, nullable=False)
    kpi_targets: Mapped[dict[str, Any]] = mapped_column(nullable=False, server_default=sql_text("'{}'::jsonb"))
    token_estimate: Mapped[int] = mapped_column(Integer, nullable=False, server_default=sql_text("0"))
    cost_estimate: Mapped[float] = mapped_column(Numeric(12, 4), nullable=False, server_default=sql_text("0"))
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (UniqueConstraint("tenant_id", "id"), _tenant_fk(["campaign_id"], "campaigns", "CASCADE"))


class PostVariantRow(TenantOwned, Base):
    """A post draft for one channel."""

    __tablename__ = "post_variants"
    id: Mapped[uuid.UUID] = _uuid_pk()
    campaign_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    plan_item_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    channel: Mapped[str] = mapped_column(String(30), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    hashtags: Mapped[list[Any]] = mapped_column(nullable=False, server_default=sql_text("'[]'::jsonb"))
    cited_fact_ids: Mapped[list[Any]] = mapped_column(nullable=False, server_default=sql_text("'[]'::jsonb"))
    disclosure_flags: Mapped[dict[str, Any]] = mapped_column(nullable=False, server_default=sql_text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk(["campaign_id"], "campaigns", "CASCADE"),
        _tenant_fk(["plan_item_id"], "plan_items"),
    )


class PolicyDecisionRow(TenantOwned, Base):
    """One policy decision (id == decision_id) with its input and result."""

    __tablename__ = "policy_decisions"
    id: Mapped[uuid.UUID] = _uuid_pk()
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    query: Mapped[str] = mapped_column(String(200), nullable=False)
    bundle_revision: Mapped[str] = mapped_column(String(64), nullable=False)
    engine: Mapped[str] = mapped_column(String(20), nullable=False)
    allow: Mapped[bool] = mapped_column(Boolean, nullable=False)
    input: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    result: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (UniqueConstraint("tenant_id", "id"), _tenant_fk(["campaign_id"], "campaigns"))


class SimulationRunRow(TenantOwned, Base):
    """A Monte Carlo run: seed, iterations, inputs and summary."""

    __tablename__ = "simulation_runs"
    id: Mapped[uuid.UUID] = _uuid_pk()
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    seed: Mapped[int] = mapped_column(BigInteger, nullable=False)
    iterations: Mapped[int] = mapped_column(Integer, nullable=False)
    input: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    summary: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (UniqueConstraint("tenant_id", "id"), _tenant_fk(["campaign_id"], "campaigns"))


class DecisionCardRow(TenantOwned, Base):
    """A decision card and the SHA-256 of its canonical JSON."""

    __tablename__ = "decision_cards"
    id: Mapped[uuid.UUID] = _uuid_pk()
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    simulation_run_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    card: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    card_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk(["campaign_id"], "campaigns"),
        _tenant_fk(["simulation_run_id"], "simulation_runs"),
    )


class Approval(TenantOwned, Base):
    """A recorded decision on a decision card; a human approver is never the requester (four-eyes)."""

    __tablename__ = "approvals"
    id: Mapped[uuid.UUID] = _uuid_pk()
    campaign_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    decision_card_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    approver_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))  # NULL: automatic
    requester_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))  # NULL: operator run
    decision: Mapped[str] = mapped_column(String(20), nullable=False)
    comment: Mapped[str | None] = mapped_column(Text)
    card_sha256: Mapped[str | None] = mapped_column(String(64))
    automatic: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=sql_text("false"))
    round: Mapped[int] = mapped_column(Integer, nullable=False, server_default=sql_text("0"))
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk(["campaign_id"], "campaigns"),
        _tenant_fk(["decision_card_id"], "decision_cards"),
        _tenant_fk(["approver_id"], "users"),
        _tenant_fk(["requester_id"], "users"),
        CheckConstraint("decision IN ('approve','reject','request_changes','cancel')", name="decision"),
        CheckConstraint("approver_id IS NULL OR requester_id IS NULL OR approver_id <> requester_id "
                        "OR decision = 'cancel'", name="four_eyes"),
        CheckConstraint("(automatic AND approver_id IS NULL) OR (NOT automatic AND approver_id IS NOT NULL)",
                        name="automatic_has_no_approver"),
    )


#: A ledger row's states (see agents/publisher/ledger.py for the transitions).
LEDGER_STATES = ("pending", "sending", "published", "failed", "unconfirmed", "reconciled", "rolled_back",
                 "shadow", "denied", "withdrawn")
PUBLISH_EVENT_KINDS = ("publish", "reconcile", "delete", "trigger", "rollback", "deny", "shadow", "withdraw",
                       "halt", "container")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({','.join(repr(v) for v in values)})"


class PublishLedger(TenantOwned, Base):
    """One post to publish: (approval, variant, channel), written before any network call."""

    __tablename__ = "publish_ledger"
    id: Mapped[uuid.UUID] = _uuid_pk()
    campaign_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    approval_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    post_variant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    channel: Mapped[str] = mapped_column(String(30), nullable=False)
    stage: Mapped[str] = mapped_column(String(10), nullable=False)
    state: Mapped[str] = mapped_column(String(20), nullable=False, server_default="pending")
    idempotency_key: Mapped[str] = mapped_column(String(200), nullable=False)
    marker: Mapped[str] = mapped_column(String(64), nullable=False)
    platform_post_id: Mapped[str | None] = mapped_column(String(200))
    container_id: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default=sql_text("0"))
    reason: Mapped[str | None] = mapped_column(Text)
    predicted: Mapped[dict[str, Any]] = mapped_column(nullable=False, server_default=sql_text("'{}'::jsonb"))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = _created_at()
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "idempotency_key"),
        UniqueConstraint("tenant_id", "approval_id", "post_variant_id", "channel"),
        Index("ix_publish_ledger_campaign", "tenant_id", "campaign_id"),
        _tenant_fk(["campaign_id"], "campaigns"),
        _tenant_fk(["approval_id"], "approvals"),
        _tenant_fk(["post_variant_id"], "post_variants"),
        CheckConstraint("stage IN ('shadow','canary','full')", name="stage"),
        CheckConstraint(_in("state", LEDGER_STATES), name="state"),
        CheckConstraint("attempts >= 0", name="attempts"),
    )


class PublishEvent(TenantOwned, Base):
    """Append-only log of the ledger: every publish, delete, trigger, reconciliation and rollback."""

    __tablename__ = "publish_events"
    id: Mapped[uuid.UUID] = _uuid_pk()
    campaign_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    ledger_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    post_variant_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    channel: Mapped[str] = mapped_column(String(30), nullable=False)
    stage: Mapped[str | None] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20), nullable=False, server_default="publish")
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    external_id: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(nullable=False, server_default=sql_text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        Index("ix_publish_events_campaign", "tenant_id", "campaign_id"),
        _tenant_fk(["campaign_id"], "campaigns"),
        _tenant_fk(["ledger_id"], "publish_ledger"),
        _tenant_fk(["post_variant_id"], "post_variants"),
        CheckConstraint("stage IS NULL OR stage IN ('shadow','canary','full')", name="stage"),
        CheckConstraint(_in("status", LEDGER_STATES), name="status"),
        CheckConstraint(_in("kind", PUBLISH_EVENT_KINDS), name="kind"),
    )


class ConnectorToken(TenantOwned, Base):
    """A platform OAuth token, AES-256-GCM encrypted (agents/publisher/tokens.py); one per tenant and channel.

    ``key_id`` names the master key whose ``connector-token`` subkey encrypted it, so keys rotate;
    tenant id and channel are the associated data, so a row copied to another tenant does not decrypt.
    """

    __tablename__ = "connector_tokens"
    id: Mapped[uuid.UUID] = _uuid_pk()
    channel: Mapped[str] = mapped_column(String(30), nullable=False)
    account_id: Mapped[str] = mapped_column(String(200), nullable=False)
    author_urn: Mapped[str | None] = mapped_column(String(200))
    key_id: Mapped[str] = mapped_column(String(32), nullable=False)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now(), nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "channel"))


class SpendRecord(TenantOwned, Base):
    """Money spent for a campaign on a channel: LLM tokens or paid promotion (append-only)."""

    __tablename__ = "spend_records"
    id: Mapped[uuid.UUID] = _uuid_pk()
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    channel: Mapped[str] = mapped_column(String(30), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    amount_cents: Mapped[int] = mapped_column(Integer, nullable=False)
    model: Mapped[str | None] = mapped_column(String(100))
    detail: Mapped[dict[str, Any]] = mapped_column(nullable=False, server_default=sql_text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk(["campaign_id"], "campaigns"),
        CheckConstraint("kind IN ('llm','promotion')", name="kind"),
        CheckConstraint("amount_cents >= 0", name="amount_cents"),
    )


class ConsentRecord(TenantOwned, Base):
    """Consent of a data subject for a purpose, with expiry and revocation."""

    __tablename__ = "consent_records"
    id: Mapped[uuid.UUID] = _uuid_pk()
    subject: Mapped[str] = mapped_column(String(320), nullable=False)
    purpose: Mapped[str] = mapped_column(String(100), nullable=False)
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    evidence: Mapped[dict[str, Any]] = mapped_column(nullable=False, server_default=sql_text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (UniqueConstraint("tenant_id", "id"),)


class AuditEvent(TenantOwned, Base):
    """Append-only, hash-chained per tenant, each event MAC'd with a key the database never sees.

    ``mac`` = HMAC-SHA256 (subkey ``audit-mac`` of key ``key_id``) over the event's content;
    ``hash = sha256(prev_hash || mac)``, computed by the database function ``smm_append_audit``,
    the only way the application role can add a row. Rows from before migration 0002 have no MAC
    (``hash = sha256(prev_hash || canonical_json(event))``): see core/audit.py.
    """

    __tablename__ = "audit_events"
    id: Mapped[uuid.UUID] = _uuid_pk()
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(100), nullable=False)
    resource_type: Mapped[str] = mapped_column(String(50), nullable=False)
    resource_id: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
    mac: Mapped[str | None] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(32))
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "seq"),
        # Both or neither: a MAC is meaningless without the key that made it.
        CheckConstraint("(mac IS NULL) = (key_id IS NULL)", name="mac_key_id"),
    )


class AuditHead(TenantOwned, Base):
    """The latest (seq, hash) of each tenant's chain: makes a deleted tail row detectable."""

    __tablename__ = "audit_heads"
    id: Mapped[uuid.UUID] = _uuid_pk()
    last_seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    last_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id"))


class IdempotencyKey(TenantOwned, Base):
    """A stored response for an ``Idempotency-Key`` (same key + same body → same response)."""

    __tablename__ = "idempotency_keys"
    id: Mapped[uuid.UUID] = _uuid_pk()
    key: Mapped[str] = mapped_column(String(200), nullable=False)
    method: Mapped[str] = mapped_column(String(10), nullable=False)
    path: Mapped[str] = mapped_column(Text, nullable=False)
    request_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    status_code: Mapped[int] = mapped_column(Integer, nullable=False)
    response: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "key"))


class RateLimitCounter(TenantOwned, Base):
    """One rate-limit window of a tenant or of one of its API keys (``bucket``): hits since ``window_start``.

    One row per bucket, reset in place when its window has passed (api/ratelimit.py), so the table stays
    as small as the number of keys; every API process counts in the same rows.
    """

    __tablename__ = "rate_limit_counters"
    id: Mapped[uuid.UUID] = _uuid_pk()
    bucket: Mapped[str] = mapped_column(String(64), nullable=False)
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    hits: Mapped[int] = mapped_column(Integer, nullable=False)
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "bucket"),
                      CheckConstraint("hits >= 0", name="hits"))


class WebSession(TenantOwned, Base):
    """A signed-in browser session of the review pages (api/web/sessions.py).

    Only the SHA-256 of the random session token is stored: a database reader cannot sign in with it.
    The API key it was opened with is kept so that revoking the key (or changing its role) takes effect on
    the next page, and the session dies at ``expires_at`` at the latest.
    """

    __tablename__ = "web_sessions"
    id: Mapped[uuid.UUID] = _uuid_pk()
    token_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    key_id: Mapped[str] = mapped_column(String(32), nullable=False)
    created_at: Mapped[datetime] = _created_at()
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "token_sha256"),
                      _tenant_fk(["user_id"], "users", "CASCADE"))

ONBOARDING_STATUSES = ("researching", "waiting_for_marketer", "accepted", "failed")
CORRECTION_KINDS = ("remove_fact", "mark_fact_wrong", "add_avoid_term", "set_budget_cap", "set_kpi_targets")


class OnboardingSession(TenantOwned, Base):
    """A chat onboarding: research on a brand, the draft contract the marketer corrects, then accepts.

    The research runs in a worker (workflows/onboarding.py); everything it says to the marketer is a row
    of ``onboarding_events``. The row is locked while an event is appended, so event ids never collide.
    """

    __tablename__ = "onboarding_sessions"
    id: Mapped[uuid.UUID] = _uuid_pk()
    created_by: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    brand_url: Mapped[str | None] = mapped_column(Text)
    brand_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(30), nullable=False, server_default="researching")
    workflow_id: Mapped[str | None] = mapped_column(String(200))
    brand_twin_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    draft_contract: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    accepted_contract: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    accepted_mode: Mapped[str | None] = mapped_column(String(10))
    accepted_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk(["created_by"], "users"),
        _tenant_fk(["accepted_by"], "users"),
        _tenant_fk(["brand_twin_id"], "brand_twins"),
        CheckConstraint(_in("status", ONBOARDING_STATUSES), name="status"),
        CheckConstraint("brand_url IS NOT NULL OR brand_name IS NOT NULL", name="brand"),
        CheckConstraint("accepted_mode IS NULL OR accepted_mode IN ('shadow','live')", name="accepted_mode"),
    )


class OnboardingEvent(TenantOwned, Base):
    """One thing said in an onboarding session; ``seq`` (1, 2, ... per session) is the SSE event id."""

    __tablename__ = "onboarding_events"
    id: Mapped[uuid.UUID] = _uuid_pk()
    session_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "session_id", "seq"),
        _tenant_fk(["session_id"], "onboarding_sessions", ondelete="CASCADE"),
        CheckConstraint("seq >= 1", name="seq"),
    )


class OnboardingCorrection(TenantOwned, Base):
    """A marketer's correction of the research or the draft contract, and who made it."""

    __tablename__ = "onboarding_corrections"
    id: Mapped[uuid.UUID] = _uuid_pk()
    session_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    created_at: Mapped[datetime] = _created_at()
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk(["session_id"], "onboarding_sessions", ondelete="CASCADE"),
        _tenant_fk(["user_id"], "users"),
        CheckConstraint(_in("kind", CORRECTION_KINDS), name="kind"),
    )


#: Tables whose rows belong to one tenant (all RLS-protected); `tenants` is protected by its own id.
TENANT_TABLES: tuple[str, ...] = tuple(
    t.name for t in Base.metadata.sorted_tables if "tenant_id" in t.c
)

