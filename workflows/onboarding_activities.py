"""Onboarding activities: verify the signed start, run research in the worker and tell the session what it found.

Research runs here (a worker thread), never in the API process: the gate, the crawl, extraction and
storage are `agents.research.onboarding.onboard`, the same code `smm onboard` runs. Crawl checkpoints
the crawler reports (agents/progress.py) become `crawl_progress` events as pages settle.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from temporalio import activity

from agents import progress
from agents.crawler.models import SKIP_KINDS
from agents.research.onboarding import OnboardRequest, onboard
from agents.research.onboarding_chat import append_event, get_session, questions, twin_card
from core.contracts.brand import BrandTwin
from core.db import app_engine, parse_tenant_id, tenant_session
from core.errors import PolicyDenied, SmmError
from core.settings import get_settings
from workflows.activities import refuse_unsigned_start, resolve_actor

#: How many skipped or failed pages a `crawl_progress` event names (the crawl_done event has them all).
PROBLEMS_SHOWN = 10


@dataclass(frozen=True)
class OnboardingRequest:
    """The onboarding workflow's single input (signed like a campaign start: workflows/signing.py)."""

    tenant_id: str
    session_id: str
    requested_by: str | None
    brand_url: str | None = None
    brand_name: str | None = None
    embedder: str = "minilm"
    max_pages: int = 30
    quick_step_timeout_s: float = 60.0  # settings.quick_step_timeout_s, fixed at start
    start_token: str | None = None


@dataclass(frozen=True)
class VerifyOnboarding:
    """Input of `verify_onboarding_start_activity`."""

    request: OnboardingRequest
    workflow_id: str


@activity.defn
def verify_onboarding_start_activity(inp: VerifyOnboarding) -> str | None:
    """None when we signed exactly this start; else the refusal, audited (nothing else is touched)."""
    return refuse_unsigned_start(inp.request, inp.workflow_id)


class _EventWriter:
    """Appends events to one session, each in its own short transaction (the stream sees them at once)."""

    def __init__(self, req: OnboardingRequest) -> None:
        self.engine = app_engine(get_settings())
        self.tid = parse_tenant_id(req.tenant_id)
        self.sid = uuid.UUID(req.session_id)
        self._last_counts: tuple[int, int, int] | None = None

    def emit(self, kind: str, payload: dict[str, Any], **update: Any) -> None:
        with tenant_session(self.engine, self.tid) as session:
            row = get_session(session, self.sid, lock=True)
            append_event(session, row, kind, payload)
            for key, value in update.items():
                setattr(row, key, value)

    def crawl_progress(self, checkpoint: Any) -> None:
        """A progress sink: one `crawl_progress` event each time a page settles."""
        if not isinstance(checkpoint, dict):
            return
        problems = list(checkpoint.get("problems") or [])
        skipped = [p for p in problems if p.get("kind") in {k.value for k in SKIP_KINDS}]
        failed = [p for p in problems if p not in skipped]
        pages = list(checkpoint.get("pages") or [])
        counts = (len(pages), len(skipped), len(failed))
        if counts == self._last_counts:
            return
        self._last_counts = counts
        self.emit("crawl_progress", {
            "pages_fetched": counts[0], "pages_skipped": counts[1], "pages_failed": counts[2],
            "last_url": pages[-1].get("url") if pages else None,
            "problems": [{"url": p.get("url"), "kind": p.get("kind"), "detail": p.get("detail"),
                          "status_code": p.get("status_code")} for p in problems[-PROBLEMS_SHOWN:]],
        })


@activity.defn
def onboarding_research_activity(req: OnboardingRequest) -> dict[str, Any]:
    """Gate, crawl, extract and store; stream what happens into the session's events.

    A retry after the session settled changes nothing (the first attempt's outcome stands).
    """
    settings = get_settings()
    out = _EventWriter(req)
    with tenant_session(out.engine, out.tid) as session:
        row = get_session(session, out.sid)
        if row.status != "researching":
            return {"status": row.status, "brand_twin_id": str(row.brand_twin_id) if row.brand_twin_id else None}
        actor = resolve_actor(session, req.requested_by)
    if not req.brand_url:
        out.emit("questions", {"questions": questions(None, None)}, status="waiting_for_marketer")
        return {"status": "waiting_for_marketer", "brand_twin_id": None}
    onboard_req = OnboardRequest(url=req.brand_url, tenant_id=req.tenant_id, actor_id=actor.id,
                                 actor_role=actor.role, embedder=req.embedder, max_pages=req.max_pages)
    try:
        with progress.reporting(out.crawl_progress):
            decision, outcome = onboard(out.engine, settings, onboard_req)
    except PolicyDenied as exc:
        out.emit("failed", {"stage": "research.start", "message": str(exc), "reasons": list(exc.reasons),
                            "policy_decision_id": exc.decision_id}, status="failed")
        return {"status": "failed", "stage": "research.start"}
    except SmmError as exc:  # a refused or malformed request: the session says why, nothing to retry
        out.emit("failed", {"stage": "research", "message": str(exc), "reasons": [str(exc)]}, status="failed")
        return {"status": "failed", "stage": "research"}
    twin: BrandTwin = outcome.brand_twin
    report = twin.crawl_report
    out.emit("crawl_done", {"status": report.status, "pages_ok": report.pages_ok, "pages_failed": report.pages_failed,
                            "pages_skipped": report.pages_skipped, "ok_urls": report.ok_urls,
                            "problems": [p.model_dump(mode="json") for p in report.problems],
                            "message": report.message})
    if not outcome.stored or outcome.brand_twin_id is None or outcome.contract_card is None:
        message = outcome.storage_error or outcome.message or "research found nothing to store"
        out.emit("failed", {"stage": "research", "message": message, "reasons": [message]}, status="failed")
        return {"status": "failed", "stage": "research"}
    draft = outcome.contract_card.model_dump(mode="json")
    out.emit("brand_twin", twin_card(outcome.brand_twin_id, twin), brand_twin_id=uuid.UUID(outcome.brand_twin_id))
    out.emit("contract_draft", {"contract": draft}, draft_contract=draft)
    # The status changes with the last event: a stream that sees it settled has seen every event.
    out.emit("questions", {"questions": questions(twin, draft)}, status="waiting_for_marketer")
    return {"status": "waiting_for_marketer", "brand_twin_id": outcome.brand_twin_id,
            "research_status": outcome.status, "policy_decision_id": decision.decision_id}


@dataclass(frozen=True)
class FailOnboarding:
    """Input of `fail_onboarding_activity`."""

    tenant_id: str
    session_id: str
    stage: str
    reason: str


@activity.defn
def fail_onboarding_activity(inp: FailOnboarding) -> None:
    """A step failed after its retries: the session says so (once)."""
    out = _EventWriter(OnboardingRequest(tenant_id=inp.tenant_id, session_id=inp.session_id, requested_by=None))
    with tenant_session(out.engine, out.tid) as session:
        if get_session(session, out.sid).status == "failed":
            return
    out.emit("failed", {"stage": inp.stage, "message": inp.reason[:2000], "reasons": [inp.reason[:2000]]},
             status="failed")
