"""The campaign workflow: gate → research graph → campaign graph (plan, create, legal, simulate) → card.

LangGraph nodes run as activities through the temporalio-langgraph plugin; the graphs are the same
ones evals run outside Temporal. Nothing is published here: the run ends with a decision card that
waits for a human approval (recorded by code, never by a model).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from temporalio.langgraph import graph

    from workflows.activities import (
        CampaignRequest,
        PrepareResearch,
        StartCampaign,
        gate_research_activity,
        prepare_research_activity,
        start_campaign_activity,
    )

# Policy and database steps are quick; retry transient failures a few times, not forever.
QUICK_TIMEOUT = timedelta(seconds=60)
QUICK_RETRY = RetryPolicy(maximum_attempts=3)


@workflow.defn
class CampaignWorkflow:
    """One campaign from a brand URL to a decision card awaiting approval."""

    def __init__(self) -> None:
        self._stage = "starting"

    @workflow.query
    def stage(self) -> str:
        """Where the run is now."""
        return self._stage

    @workflow.run
    async def run(self, req: CampaignRequest) -> dict[str, Any]:
        """Run the pipeline; a policy deny or a failed crawl ends it with the reasons."""
        self._stage = "gate"
        gate = await workflow.execute_activity(
            gate_research_activity, req, start_to_close_timeout=QUICK_TIMEOUT, retry_policy=QUICK_RETRY
        )
        if not gate.allow:
            self._stage = "denied"
            return {
                "status": "denied",
                "stage": "research.start",
                "reasons": gate.deny,
                "policy_decision_id": gate.decision_id,
            }

        self._stage = "research"
        state = await workflow.execute_activity(
            prepare_research_activity,
            PrepareResearch(req, str(workflow.uuid4())),
            start_to_close_timeout=QUICK_TIMEOUT,
            retry_policy=QUICK_RETRY,
        )
        research = await graph("research").compile().ainvoke(state)
        stored = research.get("stored") or {}
        if research.get("status") == "failed" or not stored.get("stored"):
            self._stage = "failed"
            return {"status": "failed", "stage": "research", "message": research.get("message", "research failed")}

        self._stage = "campaign"
        start = req.start_date or workflow.now().date().isoformat()
        camp_state = await workflow.execute_activity(
            start_campaign_activity,
            StartCampaign(req, stored["brand_twin_id"], workflow.info().workflow_id, start),
            start_to_close_timeout=QUICK_TIMEOUT,
            retry_policy=QUICK_RETRY,
        )
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
