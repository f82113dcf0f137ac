"""Worker entry point: one process serving every workflow, activity and LangGraph node on a task queue."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from temporalio.client import Client
from temporalio.langgraph import LangGraphPlugin
from temporalio.worker import Worker

from core.services import temporal_address
from core.settings import Settings
from workflows.activities import (
    POSTGRES_STORE,
    gate_research_activity,
    prepare_research_activity,
    start_campaign_activity,
)
from workflows.campaign import CampaignWorkflow
from workflows.smoke import PingWorkflow, ping_activity

WORKFLOWS: Sequence[type] = (PingWorkflow, CampaignWorkflow)
ACTIVITIES: Sequence[Any] = (ping_activity, gate_research_activity, prepare_research_activity,
                             start_campaign_activity)


def langgraph_plugin() -> LangGraphPlugin:
    """The plugin that runs graph nodes as activities (fresh graphs: the plugin rewires their nodes)."""
    from graphs.campaign import make_campaign_graph
    from graphs.research import make_research_graph

    return LangGraphPlugin(graphs={"research": make_research_graph(), "campaign": make_campaign_graph()})


def register_dependencies(settings: Settings) -> None:
    """Live objects graph nodes look up by name (graph state carries names, not objects)."""
    from agents.research import registry
    from agents.research.pg_store import PostgresResearchStore
    from core.db import app_engine

    registry.register_store(POSTGRES_STORE, PostgresResearchStore(app_engine(settings)))


async def connect(settings: Settings, *, address: str | None = None) -> Client:
    """A client (with the LangGraph plugin) for the configured or embedded Temporal server."""
    return await Client.connect(address or temporal_address(settings), namespace=settings.temporal_namespace,
                                plugins=[langgraph_plugin()])


def make_worker(client: Client, task_queue: str, *, max_concurrent_activities: int = 8) -> Worker:
    """A worker with every registered workflow and activity (blocking activities run on a thread pool)."""
    # A bug in workflow code fails the run with its error instead of retrying the task forever (which
    # looks like a hang to whoever waits for the card).
    return Worker(client, task_queue=task_queue, workflows=list(WORKFLOWS), activities=list(ACTIVITIES),
                  activity_executor=ThreadPoolExecutor(max_workers=max_concurrent_activities),
                  max_concurrent_activities=max_concurrent_activities,
                  workflow_failure_exception_types=[Exception])


async def run_worker(settings: Settings) -> None:
    """Serve until cancelled."""
    register_dependencies(settings)
    client = await connect(settings)
    await make_worker(client, settings.task_queue).run()


if __name__ == "__main__":
    from core.settings import get_settings

    asyncio.run(run_worker(get_settings()))
