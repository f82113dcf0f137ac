"""Request and response bodies: requests are strict (no unknown fields, no type coercion)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from core.input_checks import EmbedderText, HttpUrlText, RegionCode, UuidText
from simulator.engine import MAX_ITERATIONS


class StrictBody(BaseModel):
    """Base of request bodies: unknown fields and coerced types are errors naming the field."""

    model_config = ConfigDict(extra="forbid", strict=True)


def _iso_date(value: str) -> str:
    date.fromisoformat(value)  # ValueError names the problem
    return value


IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_iso_date)]


class CampaignCreate(StrictBody):
    """Start a campaign for a brand site (research → plan → create → legal → simulate → approval)."""

    brand_url: Annotated[HttpUrlText, Field(max_length=2000)]
    name: Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")] = "Launch campaign"
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = 42
    iterations: Annotated[int, Field(ge=100, le=MAX_ITERATIONS)] | None = None
    posts_per_channel: Annotated[int, Field(ge=1, le=20)] = 2
    embedder: Annotated[EmbedderText, Field(max_length=40)] = "minilm"
    start_date: IsoDate | None = None
    region: Annotated[RegionCode, Field(max_length=3)] | None = None
    monthly_budget: Annotated[float, Field(gt=0, le=10_000_000, allow_inf_nan=False)] = 3000.0
    workspace_id: UuidText | None = None


class CampaignStarted(BaseModel):
    """A started (or, for a repeated key, the same) campaign run."""

    request_id: str
    workflow_id: str
    status: Literal["started"] = "started"
    status_url: str


class CampaignSummary(BaseModel):
    """One campaign of the tenant."""

    id: str
    name: str
    status: str
    created_at: str
    requested_by: str | None


class CampaignDecision(BaseModel):
    """A recorded decision on a campaign."""

    decision: str
    user_id: str | None
    automatic: bool
    comment: str | None
    card_sha256: str | None
    round: int
    at: str


class CardRef(BaseModel):
    """A decision card of a campaign."""

    id: str
    card_sha256: str
    created_at: str


class CampaignStatus(BaseModel):
    """The database's view of a campaign plus its running workflow's."""

    campaign_id: str
    name: str
    status: str
    workflow_id: str
    decisions: list[CampaignDecision]
    cards: list[CardRef]
    ended: Any = None
    stage: str | None = None
    decision_card_id: str | None = None
    card_sha256: str | None = None
    round: int | None = None
    required_approvers: int | None = None
    approved_by: list[str] | None = None
    pending_approvers: int | None = None
    workflow_status: str | None = None


class CampaignRun(BaseModel):
    """Where a run started by a request id is (the campaign id appears once research is stored)."""

    request_id: str
    workflow_id: str
    workflow_status: str
    status: str | None = None
    stage: str | None = None
    campaign_id: str | None = None
    decision_card_id: str | None = None
    card_sha256: str | None = None


class CardSummary(BaseModel):
    """A decision card in the review queue."""

    id: str
    campaign_id: str | None
    campaign_name: str | None
    campaign_status: str | None
    card_sha256: str
    verdict: str | None
    readiness: float | None
    pending: bool
    created_at: str


class FactProof(BaseModel):
    """A fact with the exact quote and the page it came from."""

    id: str
    cited_as: str  # the id the card and the posts cite (the BrandTwin's fact id)
    kind: str
    text: str
    quote: str
    start: int
    end: int
    source_url: str | None
    source_title: str | None


class PostProof(BaseModel):
    """A drafted post."""

    id: str
    channel: str
    text: str
    hashtags: list[Any]
    cited_fact_ids: list[Any]
    disclosure_flags: dict[str, Any]


class PolicyProof(BaseModel):
    """A recorded policy decision the card rests on."""

    id: str
    query: str
    action: str | None
    allow: bool
    deny: list[str]
    warnings: list[str]
    engine: str
    bundle_revision: str


class SimulationProof(BaseModel):
    """The simulation's parameters and summary."""

    id: str
    seed: int
    iterations: int
    input: dict[str, Any]
    summary: dict[str, Any]


class AuditHeadProof(BaseModel):
    """The tenant's audit chain head when the card was read."""

    last_seq: int
    last_hash: str


class CardDetail(BaseModel):
    """A decision card with every proof it rests on."""

    id: str
    campaign_id: str | None
    campaign_status: str | None
    card_sha256: str
    pending: bool
    created_at: str
    card: dict[str, Any]
    facts: list[FactProof]
    posts: list[PostProof]
    policy_decisions: list[PolicyProof]
    simulation: SimulationProof | None
    audit_head: AuditHeadProof | None


class DecisionCreate(StrictBody):
    """An approver's decision on the card they reviewed (``card_sha256`` is the hash they saw)."""

    decision: Literal["approve", "reject", "request_changes"]
    comment: Annotated[str, Field(max_length=4000)] = ""
    card_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class DecisionResult(BaseModel):
    """An accepted decision."""

    accepted: bool
    decision: str
    campaign_id: str
    approval_id: str | None
    policy_decision_id: str | None


class Health(BaseModel):
    """Liveness answer."""

    status: str


class Readiness(BaseModel):
    """Each dependency's state; ``status`` is ok only when all are."""

    status: Literal["ok", "unavailable"]
    checks: dict[str, str]


class Me(BaseModel):
    """Who the API key belongs to."""

    tenant_id: str
    user_id: str
    role: str
    key_id: str
