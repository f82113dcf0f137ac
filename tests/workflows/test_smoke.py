"""A trivial workflow runs on the embedded Temporal dev server through a real worker."""

from __future__ import annotations

import uuid

from temporalio.client import Client

from workflows.smoke import PingInput, PingWorkflow
from workflows.worker import make_worker


async def test_ping_workflow_round_trip(temporal_address: str) -> None:
    client = await Client.connect(temporal_address)
    queue = f"test-{uuid.uuid4()}"
    async with make_worker(client, queue):
        result = await client.execute_workflow(
            PingWorkflow.run, PingInput(name="smm"), id=f"ping-{uuid.uuid4()}", task_queue=queue
        )
    assert result == "pong smm"
