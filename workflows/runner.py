"""Start a campaign workflow and wait for its result, optionally with a worker in this process."""

from __future__ import annotations

import uuid
from contextlib import AsyncExitStack
from datetime import timedelta
from typing import Any

from core.settings import Settings
from workflows.activities import CampaignRequest
from workflows.campaign import CampaignWorkflow
from workflows.worker import connect, make_worker, register_dependencies

#: Crawling 30 pages and embedding them is minutes at most; beyond this something is wrong.
RUN_TIMEOUT = timedelta(minutes=30)


async def run_campaign(settings: Settings, req: CampaignRequest, *, inline_worker: bool) -> dict[str, Any]:
    """Execute CampaignWorkflow; with ``inline_worker`` a worker on a private task queue serves it here."""
    client = await connect(settings)
    workflow_id = f"campaign-{uuid.uuid4()}"
    async with AsyncExitStack() as stack:
        queue = settings.task_queue
        if inline_worker:
            register_dependencies(settings)
            queue = f"{settings.task_queue}-inline-{uuid.uuid4().hex[:8]}"
            await stack.enter_async_context(make_worker(client, queue))
        result: dict[str, Any] = await client.execute_workflow(
            CampaignWorkflow.run, req, id=workflow_id, task_queue=queue, execution_timeout=RUN_TIMEOUT)
    result["workflow_id"] = workflow_id
    return result
