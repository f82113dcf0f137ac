"""The onboarding workflow: verify the signed start, then research the brand in a worker.

Everything the marketer sees is written by the activities into the session's events table (the API
streams it); the workflow only orders the steps and records a failure that outlived its retries. It
ends once the session waits for the marketer: corrections and the contract acceptance are plain
database writes made by the API, checked by the policy gate there.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from graphs.durability import RETRY_POLICY
    from workflows.campaign import failure_reason
    from workflows.onboarding_activities import (
        FailOnboarding,
        OnboardingRequest,
        VerifyOnboarding,
        fail_onboarding_activity,
        onboarding_research_activity,
        verify_onboarding_start_activity,
    )

#: A crawl of up to 30 pages plus extraction and embedding; beyond this something is stuck.
RESEARCH_TIMEOUT = timedelta(minutes=20)
#: One retry after a crash (a retry of a settled session changes nothing).
RESEARCH_RETRY = RetryPolicy(maximum_attempts=2, initial_interval=timedelta(seconds=2))


@workflow.defn
class OnboardingWorkflow:
    """One onboarding session's research, from a signed start to a session waiting for the marketer."""

    def __init__(self) -> None:
        self._stage = "starting"

    @workflow.query
    def stage(self) -> str:
        """Where the run is now."""
        return self._stage

    @workflow.run
    async def run(self, req: OnboardingRequest) -> dict[str, Any]:
        """Verify, research; a refused start or a failed step ends the run with the reason."""
        self._stage = "verify_start"
        quick = timedelta(seconds=req.quick_step_timeout_s)
        refused = await workflow.execute_activity(
            verify_onboarding_start_activity, VerifyOnboarding(req, workflow.info().workflow_id),
            start_to_close_timeout=quick, retry_policy=RETRY_POLICY)
        if refused is not None:
            self._stage = "refused"
            return {"status": "refused", "stage": "verify_start", "reasons": [refused]}
        self._stage = "research"
        try:
            result: dict[str, Any] = await workflow.execute_activity(
                onboarding_research_activity, req, start_to_close_timeout=RESEARCH_TIMEOUT,
                retry_policy=RESEARCH_RETRY)
        except ActivityError as exc:
            step, reason = failure_reason(exc)
            await workflow.execute_activity(
                fail_onboarding_activity, FailOnboarding(req.tenant_id, req.session_id, step, reason),
                start_to_close_timeout=quick, retry_policy=RETRY_POLICY)
            self._stage = "failed"
            return {"status": "failed", "stage": step, "reasons": [reason]}
        self._stage = str(result.get("status"))
        return result
