"""One row in every tenant-owned table for a tenant: the victim data of the isolation tests."""

from __future__ import annotations

import uuid
import zlib
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from core.audit import record_event
from core.models import (
    EMBEDDING_DIM,
    ApiKey,
    Approval,
    BrandTwinRow,
    Campaign,
    Chunk,
    ConnectorToken,
    ConsentRecord,
    DecisionCardRow,
    FactRow,
    IdempotencyKey,
    OnboardingCorrection,
    OnboardingEvent,
    OnboardingSession,
    PlanItem,
    PolicyDecisionRow,
    PostVariantRow,
    PublishEvent,
    PublishLedger,
    RateLimitCounter,
    ResearchArtifact,
    SimulationRunRow,
    Source,
    SpendRecord,
    User,
    WebSession,
    Workspace,
)


def seed_everything(session: Session, tid: uuid.UUID) -> None:
    """Insert one row per tenant table (audit rows via the real chain helper)."""
    now = datetime.now(UTC)
    marketer = User(tenant_id=tid, email=f"m-{uuid.uuid4().hex[:6]}@x.test", role="marketer")
    approver = User(tenant_id=tid, email=f"a-{uuid.uuid4().hex[:6]}@x.test", role="approver")
    session.add_all([marketer, approver])
    session.flush()
    session.add(ApiKey(tenant_id=tid, user_id=marketer.id, key_id=uuid.uuid4().hex[:12], key_hash="0" * 64,
                       role="marketer"))
    ws = Workspace(tenant_id=tid, name="ws", mode="shadow", contract_card={"goals": ["reach"]})
    src = Source(tenant_id=tid, url="https://b.test/", canonical_url="https://b.test/",
                 content_hash=uuid.uuid4().hex, status_code=200, text="Acme sells anvils.")
    session.add_all([ws, src])
    session.flush()
    twin = BrandTwinRow(tenant_id=tid, workspace_id=ws.id, name="Acme", data={"name": "Acme"}, confidence=0.9)
    session.add(twin)
    session.flush()
    session.add(FactRow(tenant_id=tid, brand_twin_id=twin.id, source_id=src.id, kind="product",
                        text="Acme sells anvils", start=0, end=17, quote="Acme sells anvils"))
    session.add(Chunk(tenant_id=tid, source_id=src.id, ordinal=0, text="Acme sells anvils.", start=0, end=18,
                      embedding_model="test", embedding_dim=EMBEDDING_DIM, embedding=[0.1] * EMBEDDING_DIM))
    camp = Campaign(tenant_id=tid, workspace_id=ws.id, name="launch", requested_by=marketer.id)
    session.add(camp)
    session.flush()
    item = PlanItem(tenant_id=tid, campaign_id=camp.id, channel="linkedin", scheduled_for=now, topic="anvils")
    session.add(item)
    session.flush()
    post = PostVariantRow(tenant_id=tid, campaign_id=camp.id, plan_item_id=item.id, channel="linkedin",
                          text="Anvils!")
    run = SimulationRunRow(tenant_id=tid, campaign_id=camp.id, seed=1, iterations=10, input={}, summary={})
    session.add_all([post, run])
    session.flush()
    card = DecisionCardRow(tenant_id=tid, campaign_id=camp.id, simulation_run_id=run.id, card={},
                           card_sha256="0" * 64)
    session.add(card)
    session.add(PolicyDecisionRow(tenant_id=tid, campaign_id=camp.id, query="data.main.decision",
                                  bundle_revision="r", engine="embedded", allow=False, input={}, result={}))
    session.flush()
    approval = Approval(tenant_id=tid, campaign_id=camp.id, decision_card_id=card.id, approver_id=approver.id,
                        requester_id=marketer.id, decision="approve")
    session.add(approval)
    session.flush()
    ledger = PublishLedger(tenant_id=tid, campaign_id=camp.id, approval_id=approval.id, post_variant_id=post.id,
                           channel="linkedin", stage="shadow", state="shadow", idempotency_key=uuid.uuid4().hex,
                           marker="0" * 16)
    session.add(ledger)
    session.flush()
    session.add(PublishEvent(tenant_id=tid, campaign_id=camp.id, ledger_id=ledger.id, post_variant_id=post.id,
                             channel="linkedin", stage="shadow", kind="shadow", status="shadow",
                             idempotency_key=ledger.idempotency_key))
    session.add(ConnectorToken(tenant_id=tid, channel="linkedin", account_id="urn:li:organization:1", key_id="k1",
                               ciphertext=b"not a real token"))
    session.add(SpendRecord(tenant_id=tid, campaign_id=camp.id, channel="linkedin", kind="llm", amount_cents=1))
    session.add(ResearchArtifact(tenant_id=tid, run_id=uuid.uuid4().hex, name="pages", sha256="0" * 64,
                                 data=zlib.compress(b'[{"text": "Acme sells anvils."}]')))
    session.add(ConsentRecord(tenant_id=tid, subject="jane@x.test", purpose="testimonial", granted_at=now))
    session.add(IdempotencyKey(tenant_id=tid, key=uuid.uuid4().hex, method="POST", path="/v1/x",
                               request_hash="0" * 64, status_code=201, response={}))
    session.add(RateLimitCounter(tenant_id=tid, bucket="tenant", window_start=now, hits=1))
    session.add(WebSession(tenant_id=tid, token_sha256=uuid.uuid4().hex * 2, user_id=marketer.id, key_id="k" * 12,
                           expires_at=now))
    onboarding = OnboardingSession(tenant_id=tid, created_by=marketer.id, brand_url="https://b.test/",
                                   status="waiting_for_marketer", brand_twin_id=twin.id,
                                   draft_contract={"goals": ["reach"]})
    session.add(onboarding)
    session.flush()
    session.add(OnboardingEvent(tenant_id=tid, session_id=onboarding.id, seq=1, kind="status",
                                payload={"status": "researching"}))
    session.add(OnboardingCorrection(tenant_id=tid, session_id=onboarding.id, user_id=marketer.id,
                                     kind="add_avoid_term", payload={"term": "cheap"}))
    record_event(session, tid, actor="seed", action="seeded", resource_type="tenant", resource_id=tid)
    session.flush()
