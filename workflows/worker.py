"""Worker entry point: connects to Temporal and serves every workflow and activity on the task queue."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from temporalio.client import Client
from temporalio.worker import Worker

from core.services import temporal_address
from core.settings import Settings
from workflows.smoke import PingWorkflow, ping_activity

WORKFLOWS: Sequence[type] = (PingWorkflow,)
ACTIVITIES: Sequence[Any] = (ping_activity,)


async def connect(settings: Settings) -> Client:
    """A client for the configured (or embedded) Temporal server."""
    return await Client.connect(temporal_address(settings), namespace=settings.temporal_namespace)


def make_worker(client: Client, task_queue: str) -> Worker:
    """A worker with every registered workflow and activity."""
    return Worker(client, task_queue=task_queue, workflows=list(WORKFLOWS), activities=list(ACTIVITIES))


async def run_worker(settings: Settings) -> None:
    """Serve until cancelled."""
    client = await connect(settings)
    worker = make_worker(client, settings.task_queue)
    await worker.run()


if __name__ == "__main__":
    from core.settings import get_settings

    asyncio.run(run_worker(get_settings()))
