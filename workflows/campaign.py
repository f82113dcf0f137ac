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
from temporalio.exceptions import ActivityError, ApplicationError, CancelledError

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
    from workflows.approval import (
        ApprovalEvent,
        AutoApprove,
        DecisionContext,
        DecisionOutcome,
        DecisionRequest,
        RecordDecision,
        approval_event_activity,
        auto_approve_activity,
        record_decision_activity,
    )

# Policy and database steps are quick; retried with backoff a bounded number of times. A run's own
# start-to-close timeout for them is its request's quick_step_timeout_s (settings); this is the default.
QUICK_TIMEOUT = timedelta(seconds=60)
#: The graphs a run uses (registered by workflows.worker.langgraph_plugin).
GRAPHS = ("research", "campaign", "publisher")


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
        self._req: CampaignRequest | None = None
        # The approval step: decisions arrive as updates (decide) and are applied here.
        self._phase = "running"
        self._card_id: str | None = None
        self._card_sha: str | None = None
        self._round = 0
        self._required = 1
        self._approved_by: list[str] = []
        self._decisions: list[dict[str, Any]] = []
        self._final: str | None = None
        self._revise: str | None = None
        self._deciding = False
        self._refs: dict[str, Any] = {}  # brand twin, research gate decision: for status and results
        self._launch: dict[str, Any] = {}  # the publisher graph's outcome: status, ledger counts, trigger
        self._graphs: dict[str, Any] = {}  # this run's graphs, taken from the plugin when the run starts

    @workflow.query
    def stage(self) -> str:
        """Where the run is now."""
        return self._stage

    @workflow.query
    def status(self) -> dict[str, Any]:
        """Status, step, card id and hash, pending approvers and decisions so far."""
        return {"status": self._final or self._phase, "stage": self._stage, "campaign_id": self._campaign_id,
                "decision_card_id": self._card_id, "card_sha256": self._card_sha, "round": self._round,
                "required_approvers": self._required, "approved_by": list(self._approved_by),
                "pending_approvers": max(0, self._required - len(self._approved_by))
                if self._phase == "awaiting_approval" else 0,
                "decisions": list(self._decisions), **self._refs,
                **({"launch": dict(self._launch)} if self._launch else {})}

    @workflow.update
    async def decide(self, decision: DecisionRequest) -> DecisionOutcome:
        """An approve, reject, request_changes or cancel; checked and recorded by an activity."""
        await workflow.wait_condition(lambda: not self._deciding)
        self._deciding = True
        try:
            if self._req is None or self._campaign_id is None:
                return DecisionOutcome(False, decision.kind, decision.user_id,
                                       "the campaign is not created yet; try again in a moment", conflict=True)
            ctx = DecisionContext(self._req.tenant_id, self._campaign_id, workflow.info().workflow_id,
                                  self._final or self._phase, self._card_id, self._card_sha,
                                  list(self._approved_by), self._round, self._req.approval_max_rounds)
            outcome: DecisionOutcome = await workflow.execute_activity(
                record_decision_activity, RecordDecision(decision, ctx),
                start_to_close_timeout=self._quick_timeout(), retry_policy=RETRY_POLICY)
            if outcome.accepted:
                self._apply(decision)
            return outcome
        finally:
            self._deciding = False

    def _apply(self, d: DecisionRequest) -> None:
        self._decisions.append({"kind": d.kind, "user_id": d.user_id, "comment": d.comment, "round": self._round})
        if d.kind == "approve":
            self._approved_by.append(d.user_id)
            if len(self._approved_by) >= self._required:
                self._final = "approved"
        elif d.kind == "reject":
            self._final = "rejected"
        elif d.kind == "request_changes":
            self._revise = d.comment or "changes requested"
        elif d.kind == "cancel" and self._phase == "awaiting_approval":
            self._final = "cancelled"
        # A cancel while the pipeline still runs is carried out by the caller cancelling the workflow.

    def _quick_timeout(self) -> timedelta:
        return timedelta(seconds=self._req.quick_step_timeout_s) if self._req is not None else QUICK_TIMEOUT

    async def _quick(self, fn: Any, arg: Any) -> Any:
        return await workflow.execute_activity(fn, arg, start_to_close_timeout=self._quick_timeout(),
                                               retry_policy=RETRY_POLICY)

    def _graph(self, name: str) -> Any:
        """The named graph, through the plugin's ``graph()`` each time (it also resets the run's task cache).

        The plugin keys a run's graphs by ``workflow.info().run_id`` and drops them in a ``finally``; when
        the garbage collector closes a leaked coroutine of another run while this one is active, that
        ``finally`` reads this run's info and drops this run's entry (seen once in CI, replaying a history
        after other tests' workers had stopped). The graphs taken when the run started stand in then."""
        try:
            return graph(name)
        except RuntimeError:
            return self._graphs[name]

    @workflow.run
    async def run(self, req: CampaignRequest) -> dict[str, Any]:
        """Run the pipeline; a policy deny, a refused start or a failed step ends it with the reasons."""
        self._graphs = {name: graph(name) for name in GRAPHS}
        try:
            return await self._run(req)
        except ActivityError as exc:
            if isinstance(exc.cause, CancelledError):
                # The run was cancelled while a step ran: the step reports its cancellation this way.
                await self._end(req, "cancelled", self._stage, "cancelled by request")
                raise asyncio.CancelledError() from exc
            step, reason = failure_reason(exc)
            return await self._end(req, "failed", step, reason)
        except asyncio.CancelledError:
            # Record the cancellation on the campaign (if one exists) before the run ends cancelled
            # (temporalio/samples-python hello_cancellation: cleanup activities may still run here).
            await self._end(req, "cancelled", self._stage, "cancelled by request")
            raise

    async def _approval(self, req: CampaignRequest, camp_state: dict[str, Any],
                        result: dict[str, Any]) -> dict[str, Any]:
        """Wait for the decision on each card; request_changes loops back to create (bounded rounds)."""
        while True:
            self._card_id, self._card_sha = result.get("decision_card_id"), result.get("card_sha256")
            assert self._campaign_id is not None and self._card_id is not None and self._card_sha is not None
            # Automatic approval is decided before anyone is shown "awaiting approval".
            auto = await self._quick(auto_approve_activity,
                                     AutoApprove(req.tenant_id, self._campaign_id, self._card_id, self._card_sha))
            if auto is not None:
                self._decisions.append({"kind": "approve", "user_id": None, "automatic": True, "round": self._round})
                self._final = "approved"
            else:
                self._phase, self._stage = "awaiting_approval", "awaiting_approval"
                await self._await_decision(req)
            if self._final is not None:
                self._phase = self._final
                await self._quick(finish_campaign_activity, FinishCampaign(
                    req.tenant_id, self._campaign_id, self._final, "approval", f"{self._final} at round {self._round}"))
                return result
            # Changes requested: new drafts with the comment, a new review, simulation and card.
            comment, self._revise = self._revise or "", None
            self._round += 1
            self._approved_by = []
            self._phase, self._stage = "running", "revising"
            result = await self._graph("campaign").compile().ainvoke(
                {**camp_state, "revision": {"round": self._round, "comment": comment}})
            if result.get("status") != "awaiting_approval":
                return result

    async def _await_decision(self, req: CampaignRequest) -> None:
        """Until a final decision or a change request; a reminder, then expiry (durable timers)."""
        assert self._campaign_id is not None

        def decided() -> bool:
            return self._final is not None or self._revise is not None

        reminder = timedelta(seconds=req.approval_reminder_s)
        expiry = timedelta(seconds=max(req.approval_expiry_s, req.approval_reminder_s + 1))
        try:
            await workflow.wait_condition(decided, timeout=reminder)
            return
        except TimeoutError:
            pending = [f"{self._required - len(self._approved_by)} approver(s)"]
            await self._quick(approval_event_activity,
                              ApprovalEvent(req.tenant_id, self._campaign_id, "reminder", pending))
        try:
            await workflow.wait_condition(decided, timeout=expiry - reminder)
            return
        except TimeoutError:
            pass
        # A decision being recorded right now finishes first; then the card expires.
        await workflow.wait_condition(lambda: not self._deciding)
        if decided():
            return
        self._final = "expired"
        self._phase = "expired"
        await self._quick(approval_event_activity, ApprovalEvent(req.tenant_id, self._campaign_id, "expired"))

    async def _end(self, req: CampaignRequest, status: str, step: str, reason: str) -> dict[str, Any]:
        self._stage = status
        if self._campaign_id is not None:
            await self._quick(finish_campaign_activity,
                              FinishCampaign(req.tenant_id, self._campaign_id, status, step, reason))
        return {"status": status, "stage": step, "message": reason, "reasons": [reason],
                "campaign_id": self._campaign_id}

    async def _run(self, req: CampaignRequest) -> dict[str, Any]:
        self._req = req
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
        research = await self._graph("research").compile().ainvoke(state)
        stored = research.get("stored") or {}
        if research.get("status") == "failed" or not stored.get("stored"):
            self._stage = "failed"
            message = research.get("message", "research failed")
            return {"status": "failed", "stage": "research", "message": message, "reasons": [message]}

        self._refs = {"brand_twin_id": stored["brand_twin_id"], "research_policy_decision_id": gate.decision_id}
        self._stage = "campaign"
        start = req.start_date or workflow.now().date().isoformat()
        camp_state = await self._quick(
            start_campaign_activity, StartCampaign(req, stored["brand_twin_id"], workflow.info().workflow_id, start))
        self._campaign_id = camp_state["campaign_id"]
        policy = (camp_state.get("contract_card") or {}).get("approval_policy") or {}
        self._required = max(1, int(policy.get("required_approvers") or 1))
        result = await self._graph("campaign").compile().ainvoke(camp_state)
        self._stage = str(result.get("status", "done"))
        if result.get("status") == "awaiting_approval":
            result = await self._approval(req, camp_state, result)
        # Runs recorded before publishing existed end at the approval (their histories must replay).
        if self._final == "approved" and workflow.patched("publish-after-approval"):
            await self._publish(req, camp_state)
        return {
            "status": self._final or result.get("status"),
            "round": self._round,
            "decisions": list(self._decisions),
            "message": result.get("message"),
            "campaign_id": camp_state["campaign_id"],
            "brand_twin_id": stored["brand_twin_id"],
            "research_status": research.get("status"),
            "research_policy_decision_id": gate.decision_id,
            "decision_card_id": result.get("decision_card_id"),
            "card_sha256": result.get("card_sha256"),
            "decision_card": result.get("decision_card"),
            **({"launch": dict(self._launch)} if self._launch else {}),
        }

    async def _publish(self, req: CampaignRequest, camp_state: dict[str, Any]) -> None:
        """The publisher graph: shadow records predictions; live goes canary → watch → full → watch."""
        self._stage = self._final = "publishing"
        out = await self._graph("publisher").compile().ainvoke({
            "tenant_id": req.tenant_id, "campaign_id": camp_state["campaign_id"], "seed": req.seed,
            "canary_window_s": req.canary_window_s, "full_window_s": req.full_window_s,
            "poll_s": req.monitor_poll_s})
        self._launch = {k: out.get(k) for k in ("status", "mode", "ledger", "trigger", "message", "rollback")
                        if out.get(k) is not None}
        self._final = self._phase = str(out.get("status") or "completed")
        self._stage = self._final
