"""Request and response bodies of the chat-onboarding routes (requests strict, like api/models.py)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from api.models import StrictBody
from core.contracts.brand import Channel
from core.input_checks import EmbedderText, HttpUrlText, region_code

FactId = Annotated[str, Field(min_length=1, max_length=200)]


class SessionCreate(StrictBody):
    """Start onboarding a brand from its website (``brand_url``) or, lacking one, its name."""

    brand_url: Annotated[HttpUrlText, Field(max_length=2000)] | None = None
    brand_name: Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")] | None = None
    embedder: Annotated[EmbedderText, Field(max_length=40)] = "minilm"

    @model_validator(mode="after")
    def _one_brand(self) -> SessionCreate:
        if self.brand_url is None and self.brand_name is None:
            raise ValueError("give brand_url or brand_name")
        return self


class RemoveFact(StrictBody):
    """Take a fact out of the brand twin (nothing will cite it)."""

    kind: Literal["remove_fact"]
    fact_id: FactId


class MarkFactWrong(StrictBody):
    """The fact is wrong: it leaves the twin, and the correction keeps the quote and why."""

    kind: Literal["mark_fact_wrong"]
    fact_id: FactId
    note: Annotated[str, Field(max_length=1000)] = ""


class AddAvoidTerm(StrictBody):
    """A term the brand never wants in a post (the policy gate enforces the avoid list)."""

    kind: Literal["add_avoid_term"]
    term: Annotated[str, Field(min_length=1, max_length=100, pattern=r"\S")]


class SetBudgetCap(StrictBody):
    """A channel's monthly budget cap (adds the channel when the draft lacks it)."""

    kind: Literal["set_budget_cap"]
    channel: Channel
    budget_cap: Annotated[float, Field(ge=0, le=10_000_000, allow_inf_nan=False)]
    # Planned paid promotion within the cap; unset keeps the channel's current paid share of its cap.
    paid_spend: Annotated[float, Field(ge=0, le=10_000_000, allow_inf_nan=False)] | None = None


class KpiTargetsIn(StrictBody):
    """Numbers the campaign should reach (each optional); without them the card scores no KPI."""

    impressions: Annotated[float, Field(gt=0, le=1e12, allow_inf_nan=False)] | None = None
    engagements: Annotated[float, Field(gt=0, le=1e12, allow_inf_nan=False)] | None = None
    clicks: Annotated[float, Field(gt=0, le=1e12, allow_inf_nan=False)] | None = None


class SetKpiTargets(KpiTargetsIn):
    """Numbers the campaign should reach; each given one replaces the draft's (a free-text message with a
    number next to a KPI word, "10,000 impressions", becomes this correction too)."""

    # The schema says what the validator below checks: at least one of the three is a number.
    model_config = ConfigDict(json_schema_extra={"anyOf": [
        {"required": [k], "properties": {k: {"type": "number"}}} for k in ("impressions", "engagements", "clicks")]})

    kind: Literal["set_kpi_targets"]

    @model_validator(mode="after")
    def _one_number(self) -> SetKpiTargets:
        if self.impressions is None and self.engagements is None and self.clicks is None:
            raise ValueError("give at least one of impressions, engagements, clicks")
        return self


Correction = Annotated[RemoveFact | MarkFactWrong | AddAvoidTerm | SetBudgetCap | SetKpiTargets,
                       Field(discriminator="kind")]


class MessageCreate(StrictBody):
    """A chat message: free ``text`` (answers to the questions) or one structured ``correction``, not both.

    (Checked by the route once the session is found, so another tenant's session id stays a 404.)
    """

    text: Annotated[str, Field(min_length=1, max_length=4000, pattern=r"\S")] | None = None
    correction: Correction | None = None


class ContractEdits(StrictBody):
    """Last changes to the draft as it is accepted (budget caps and avoid terms go through corrections)."""

    goals: Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]],
                     Field(min_length=1, max_length=10)] | None = None
    # The pattern documents what region_code accepts (two letters or EEA, any case).
    region: Annotated[str, Field(pattern=r"^([A-Za-z]{2}|[Ee][Ee][Aa])$"), AfterValidator(region_code)] | None = None
    canary_pct: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | None = None
    kpi_targets: KpiTargetsIn | None = None


class ContractAccept(StrictBody):
    """Accept the draft contract card: ``shadow`` records predictions only; ``live`` (admins) publishes."""

    mode: Literal["shadow", "live"]
    edits: ContractEdits | None = None


class FactOut(BaseModel):
    """A fact with its exact quote and the page it came from."""

    id: str
    kind: str
    text: str
    quote: str
    source_url: str
    confidence: float


class BrandTwinSummary(BaseModel):
    """The stored brand twin as the marketer reviews it."""

    id: str
    name: str
    url: str
    industry: str
    confidence: float
    region: str | None
    facts: list[FactOut]
    products: int
    competitors: int
    suspicious_sources: int
    missing: list[str]


class CorrectionOut(BaseModel):
    """A stored correction and who made it."""

    id: str
    kind: str
    user_id: str
    payload: dict[str, Any]
    created_at: str


class SessionOut(BaseModel):
    """An onboarding session: where it is, what research found, the draft and the accepted contract."""

    id: str
    status: Literal["researching", "waiting_for_marketer", "accepted", "failed"]
    brand_url: str | None
    brand_name: str | None
    workflow_id: str | None
    created_by: str
    created_at: str
    last_event_id: int
    events_url: str
    brand_twin: BrandTwinSummary | None = None
    draft_contract: dict[str, Any] | None = None
    accepted_contract: dict[str, Any] | None = None
    accepted_mode: Literal["shadow", "live"] | None = None
    accepted_by: str | None = None
    accepted_at: str | None = None
    corrections: list[CorrectionOut] = Field(default_factory=list)


class ContractAccepted(BaseModel):
    """The accepted contract card, now the workspace's."""

    session_id: str
    mode: Literal["shadow", "live"]
    accepted_by: str
    contract: dict[str, Any]
