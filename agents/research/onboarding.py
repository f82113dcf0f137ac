"""Onboarding: gate the crawl target, run the research graph, store the BrandTwin in Postgres.

Used by `smm onboard`, the demo and the campaign workflow, so the policy check and the storage are
the same wherever onboarding starts.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass
from sqlalchemy import Engine

from agents.crawler import CrawlConfig
from agents.research.config import LLMSpec, ResearchConfig
from agents.research.pg_store import PostgresResearchStore
from agents.research.service import ResearchOutcome, run_research
from core.contracts.policy import PolicyDecision
from core.db import parse_tenant_id, tenant_session
from core.errors import InvalidInput, NotFound, PolicyDenied
from core.identity import get_tenant
from core.input_checks import MAX_CRAWL_PAGES, EmbedderText, HttpUrlText, PositiveBudget, RegionCode, UuidText
from core.models import Workspace
from core.settings import Settings
from policies.decide import decide
from policies.inputs import resolve_target_ips


# A pydantic dataclass: each front door (CLI, API, workflow) gets the same checks when it builds one,
# so a malformed URL, a non-UUID, an inf/nan budget or an unknown embedder fails before any work.
@dataclass(frozen=True, config=ConfigDict(allow_inf_nan=False, extra="forbid"))
class OnboardRequest:
    """What to onboard, for whom, and with which limits."""

    url: HttpUrlText
    tenant_id: UuidText
    actor_id: str = "cli"
    actor_role: str = "marketer"
    workspace_id: UuidText | None = None
    allow_local_targets: bool = False
    region: RegionCode | None = None
    monthly_budget: PositiveBudget = 3000.0
    embedder: EmbedderText = "minilm"
    max_pages: Annotated[int, Field(ge=1, le=MAX_CRAWL_PAGES)] = 30


class RequestNotAllowed(InvalidInput):
    """A well-formed request this installation refuses; ``field`` names the request field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_request(settings: Settings, req: OnboardRequest) -> None:
    """Refuse what the request may not ask of this installation (no database needed)."""
    if req.allow_local_targets and settings.env != "development":
        # Loopback/private targets exist for fixtures; in production the option is an SSRF door.
        raise RequestNotAllowed("allow_local_targets", f"private/loopback targets are refused when SMM_ENV="
                                f"{settings.env}; they exist for development fixtures only")
    if req.embedder == "openai" and not settings.llm_base_url:
        # Without an endpoint the OpenAI client would aim at the public API, after the whole crawl.
        raise RequestNotAllowed("embedder", "the openai embedder needs SMM_LLM_BASE_URL (an OpenAI-compatible "
                                "endpoint); use minilm or hashing otherwise")


def allows_local_targets(settings: Settings, req: OnboardRequest) -> bool:
    """Whether loopback/private targets are open for this run: the same answer for gate and crawler."""
    return req.allow_local_targets or settings.crawl_allow_private


def research_start_input(req: OnboardRequest, *, allow_local: bool) -> dict[str, Any]:
    """The `research.start` policy input: who asks, for which tenant, and where the crawl would connect."""
    tid = str(parse_tenant_id(req.tenant_id))
    return {
        "action": "research.start",
        "actor": {"id": req.actor_id, "tenant_id": tid, "role": req.actor_role},
        "resource": {"tenant_id": tid, "type": "brand_url", "id": req.url},
        # Before onboarding there is no workspace yet: a provisional one in shadow mode.
        "workspace": {"id": req.workspace_id or "onboarding", "tenant_id": tid, "region": req.region or "global",
                      "industry": "unknown", "mode": "shadow", "allow_local_targets": allow_local},
        "target_url": req.url,
        "target_ips": resolve_target_ips(req.url),
    }


def gate_research(db: Engine, settings: Settings, req: OnboardRequest) -> PolicyDecision:
    """Ask (and record) whether this crawl may start; raise PolicyDenied with the reasons if not."""
    doc = research_start_input(req, allow_local=allows_local_targets(settings, req))
    decision = decide(db, settings, parse_tenant_id(req.tenant_id), "main", doc)
    if not decision.allow:
        raise PolicyDenied(f"research on {req.url} denied by policy: {'; '.join(decision.deny)}",
                           decision_id=decision.decision_id, reasons=decision.deny)
    return decision


def research_config(settings: Settings, req: OnboardRequest) -> ResearchConfig:
    """The research run's configuration (plain data; secrets stay in the environment)."""
    return ResearchConfig(
        llm=LLMSpec(provider="env"),  # offline unless SMM_LLM_BASE_URL is set
        embedder=req.embedder,
        crawl=CrawlConfig(max_pages=req.max_pages, allow_private=allows_local_targets(settings, req),
                          politeness_delay_s=settings.crawl_politeness_delay_s),
        region=req.region,
        monthly_budget=req.monthly_budget,
    )


def onboard(db: Engine, settings: Settings, req: OnboardRequest) -> tuple[PolicyDecision, ResearchOutcome]:
    """Gate, crawl, extract and store; the outcome says what happened (status ok | partial | failed)."""
    check_request(settings, req)
    tid = parse_tenant_id(req.tenant_id)
    with tenant_session(db, tid) as session:
        get_tenant(session, tid)  # NotFound before anything else happens
        # The workspace is used only when the results are stored: check it now, not after the crawl.
        if req.workspace_id is not None and session.get(Workspace, uuid.UUID(req.workspace_id)) is None:
            raise NotFound(f"workspace {req.workspace_id} not found in tenant {tid}")
    decision = gate_research(db, settings, req)
    outcome = run_research(req.url, tenant_id=str(tid), config=research_config(settings, req),
                           store=PostgresResearchStore(db), workspace_id=req.workspace_id)
    return decision, outcome
