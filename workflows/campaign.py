"""The campaign workflow: verify start → gate → research graph → campaign graph (plan, create, legal,
simulate) → card.

LangGraph nodes run as activities through the temporalio-langgraph plugin; the graphs are the same
ones evals run outside Temporal. Nothing is published here: the run ends with a decision card that
waits for a human approval (recorded by code, never by a model). A step that fails after its bounded
retries ends the run ``failed`` with the step and the reason; a cancelled run ends ``cancelled``.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from temporalio.langgraph import graph

    from graphs.durability import RETRY_POLICY
    from workflows.activities import (
        CampaignRequest,
        FinishCampaign,
        PrepareResearch,
        StartCampaign,
        VerifyStart,
        finish_campaign_activity,
        gate_research_activity,
        prepare_research_activity,
        start_campaign_activity,
        verify_start_activity,
    )

# Policy and database steps are quick; retried with backoff a bounded number of times.
QUICK_TIMEOUT = timedelta(seconds=60)


def failure_reason(exc: BaseException) -> tuple[str, str]:
    """(step, reason) of a failed activity, as the CLI shows them."""
    step = exc.activity_type if isinstance(exc, ActivityError) else type(exc).__name__
    cause = exc.cause if isinstance(exc, ActivityError) else exc
    if isinstance(cause, ApplicationError):
        kind = cause.type or "error"
        return step or "unknown", f"{kind}: {cause.message}"
    return step or "unknown", str(cause or exc)


@workflow.defn
class CampaignWorkflow:
    """One campaign from a brand URL to a decision card awaiting approval."""

    def __init__(self) -> None:
        self._stage = "starting"
        self._campaign_id: str | None = None

    @workflow.query
    def stage(self) -> str:
        """Where the run is now."""
        return self._stage

    async def _quick(self, fn: Any, arg: Any) -> Any:
        return await workflow.execute_activity(fn, arg, start_to_close_timeout=QUICK_TIMEOUT,
                                               retry_policy=RETRY_POLICY)

    @workflow.run
    async def run(self, req: CampaignRequest) -> dict[str, Any]:
        """Run the pipeline; a policy deny, a refused start or a failed step ends it with the reasons."""
        try:
            return await self._run(req)
        except ActivityError as exc:
            step, reason = failure_reason(exc)
            return await self._end(req, "failed", step, reason)
        except asyncio.CancelledError:
            # Record the cancellation on the campaign (if one exists) before the run ends cancelled
            # (temporalio/samples-python hello_cancellation: cleanup activities may still run here).
            await self._end(req, "cancelled", self._stage, "cancelled by request")
            raise

    async def _end(self, req: CampaignRequest, status: str, step: str, reason: str) -> dict[str, Any]:
        self._stage = status
        if self._campaign_id is not None:
            await self._quick(finish_campaign_activity,
                              FinishCampaign(req.tenant_id, self._campaign_id, status, step, reason))
        return {"status": status, "stage": step, "message": reason, "reasons": [reason],
                "campaign_id": self._campaign_id}

    async def _run(self, req: CampaignRequest) -> dict[str, Any]:
        self._stage = "verify_start"
        refused = await self._quick(verify_start_activity, VerifyStart(req, workflow.info().workflow_id))
        if refused is not None:
            self._stage = "refused"
            return {"status": "refused", "stage": "verify_start", "reasons": [refused], "message": refused}

        self._stage = "gate"
        gate = await self._quick(gate_research_activity, req)
        if not gate.allow:
            self._stage = "denied"
            return {
                "status": "denied",
                "stage": "research.start",
                "reasons": gate.deny,
                "policy_decision_id": gate.decision_id,
            }

        self._stage = "research"
        state = await self._quick(prepare_research_activity, PrepareResearch(req, str(workflow.uuid4())))
        research = await graph("research").compile().ainvoke(state)
        stored = research.get("stored") or {}
        if research.get("status") == "failed" or not stored.get("stored"):
            self._stage = "failed"
            message = research.get("message", "research failed")
            return {"status": "failed", "stage": "research", "message": message, "reasons": [message]}

        self._stage = "campaign"
        start = req.start_date or workflow.now().date().isoformat()
        camp_state = await self._quick(
            start_campaign_activity, StartCampaign(req, stored["brand_twin_id"], workflow.info().workflow_id, start))
        self._campaign_id = camp_state["campaign_id"]
        result = await graph("campaign").compile().ainvoke(camp_state)
        self._stage = str(result.get("status", "done"))
        return {
            "status": result.get("status"),
            "message": result.get("message"),
            "campaign_id": camp_state["campaign_id"],
            "brand_twin_id": stored["brand_twin_id"],
            "research_status": research.get("status"),
            "research_policy_decision_id": gate.decision_id,
            "decision_card_id": result.get("decision_card_id"),
            "decision_card": result.get("decision_card"),
        }
