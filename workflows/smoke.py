"""A trivial workflow + activity that proves a worker and the Temporal server talk to each other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from temporalio import activity, workflow


@dataclass(frozen=True)
class PingInput:
    """One input dataclass per workflow/activity (Temporal style)."""

    name: str


@activity.defn
async def ping_activity(inp: PingInput) -> str:
    """Answer from an activity, so the round trip crosses a task queue twice."""
    return f"pong {inp.name}"


@workflow.defn
class PingWorkflow:
    """Calls one activity and returns its answer."""

    @workflow.run
    async def run(self, inp: PingInput) -> str:
        """Run the ping."""
        return await workflow.execute_activity(
            ping_activity, inp, start_to_close_timeout=timedelta(seconds=10)
        )
