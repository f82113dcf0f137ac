"""Worker entry point: one process serving every workflow, activity and LangGraph node on a task queue."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from temporalio.client import Client
from temporalio.langgraph import LangGraphPlugin
from temporalio.runtime import LogForwardingConfig, LoggingConfig, Runtime, TelemetryConfig, TelemetryFilter
from temporalio.service import TLSConfig
from temporalio.worker import Worker

from core.errors import ServiceError
from core.keys import keyring
from core.services import temporal_address
from core.settings import Settings
from graphs.durability import HEARTBEAT_THROTTLE
from workflows.activities import (
    POSTGRES_STORE,
    finish_campaign_activity,
    gate_research_activity,
    prepare_research_activity,
    start_campaign_activity,
    verify_start_activity,
)
from workflows.approval import approval_event_activity, auto_approve_activity, record_decision_activity
from workflows.campaign import CampaignWorkflow
from workflows.codec import encrypted_converter
from workflows.onboarding import OnboardingWorkflow
from workflows.onboarding_activities import (
    fail_onboarding_activity,
    onboarding_research_activity,
    verify_onboarding_start_activity,
)
from workflows.smoke import PingWorkflow, ping_activity

log = logging.getLogger("smm.worker")
_runtime_ready = False

WORKFLOWS: Sequence[type] = (PingWorkflow, CampaignWorkflow, OnboardingWorkflow)
ACTIVITIES: Sequence[Any] = (ping_activity, verify_start_activity, gate_research_activity,
                             prepare_research_activity, start_campaign_activity, finish_campaign_activity,
                             record_decision_activity, auto_approve_activity, approval_event_activity,
                             verify_onboarding_start_activity, onboarding_research_activity,
                             fail_onboarding_activity)
#: On shutdown, in-flight activities get this long to finish before they are handed back for retry.
GRACEFUL_SHUTDOWN = timedelta(seconds=20)
#: Backoff between reconnect attempts after the Temporal server went away (it comes back on its port).
RECONNECT_DELAYS_S = (1, 2, 5, 10)


def langgraph_plugin(settings: Settings | None = None) -> LangGraphPlugin:
    """The plugin that runs graph nodes as activities (fresh graphs: the plugin rewires their nodes).

    A worker's graphs schedule long nodes with its settings' heartbeat timeout; without settings (a
    replayer, which schedules nothing) the default."""
    from graphs.campaign import make_campaign_graph
    from graphs.durability import HEARTBEAT_TIMEOUT
    from graphs.publisher import make_publisher_graph
    from graphs.research import make_research_graph

    beat = timedelta(seconds=settings.heartbeat_timeout_s) if settings is not None else HEARTBEAT_TIMEOUT
    return LangGraphPlugin(graphs={"research": make_research_graph(beat), "campaign": make_campaign_graph(beat),
                                   "publisher": make_publisher_graph(beat)})


def register_dependencies(settings: Settings) -> None:
    """Live objects graph nodes look up by name (graph state carries names, not objects)."""
    from agents.research import registry
    from agents.research.pg_store import PostgresResearchStore
    from core.db import app_engine

    registry.register_store(POSTGRES_STORE, PostgresResearchStore(app_engine(settings)))


def tls_config(settings: Settings) -> TLSConfig | bool:
    """mTLS with client certificates when configured; production refuses to talk to Temporal without it."""
    files = (settings.temporal_tls_ca, settings.temporal_tls_cert, settings.temporal_tls_key)
    if all(f is None for f in files):
        if settings.env == "production":
            raise ServiceError("production talks to Temporal over mTLS only: set SMM_TEMPORAL_ADDRESS and "
                               "SMM_TEMPORAL_TLS_CA, SMM_TEMPORAL_TLS_CERT, SMM_TEMPORAL_TLS_KEY "
                               "(the embedded dev server has no authentication)")
        return False
    if any(f is None for f in files):
        raise ServiceError("SMM_TEMPORAL_TLS_CA, SMM_TEMPORAL_TLS_CERT and SMM_TEMPORAL_TLS_KEY go together")
    ca, cert, key = (f.read_bytes() for f in files if f is not None)
    return TLSConfig(server_root_ca_cert=ca, client_cert=cert, client_private_key=key,
                     domain=settings.temporal_tls_server_name)


def _core_logs_to_python_logging() -> None:
    # The SDK's Rust core otherwise writes its warnings (retries while the server restarts) to stdout,
    # which must carry nothing but a command's JSON result.
    Runtime.set_default(Runtime(telemetry=TelemetryConfig(logging=LoggingConfig(
        filter=TelemetryFilter(core_level="WARN", other_level="ERROR"),
        forwarding=LogForwardingConfig(logger=logging.getLogger("temporalio.core"))))),
        error_if_already_set=False)


async def connect(settings: Settings, *, address: str | None = None) -> Client:
    """A client for the configured or embedded Temporal server: LangGraph plugin, encrypted payloads."""
    global _runtime_ready
    if not _runtime_ready:
        _core_logs_to_python_logging()
        _runtime_ready = True
    return await Client.connect(address or temporal_address(settings), namespace=settings.temporal_namespace,
                                plugins=[langgraph_plugin(settings)],
                                data_converter=encrypted_converter(keyring(settings)), tls=tls_config(settings))


def make_worker(client: Client, task_queue: str, *, max_concurrent_activities: int = 8) -> Worker:
    """A worker with every registered workflow and activity (blocking activities run on a thread pool)."""
    # A bug in workflow code fails the run with its error instead of retrying the task forever (which
    # looks like a hang to whoever waits for the card).
    return Worker(client, task_queue=task_queue, workflows=list(WORKFLOWS), activities=list(ACTIVITIES),
                  activity_executor=ThreadPoolExecutor(max_workers=max_concurrent_activities),
                  max_concurrent_activities=max_concurrent_activities,
                  workflow_failure_exception_types=[Exception],
                  graceful_shutdown_timeout=GRACEFUL_SHUTDOWN,
                  max_heartbeat_throttle_interval=HEARTBEAT_THROTTLE,
                  default_heartbeat_throttle_interval=HEARTBEAT_THROTTLE)


async def run_worker(settings: Settings, *, stop: asyncio.Event | None = None) -> None:
    """Serve the shared task queue until SIGTERM/SIGINT (or ``stop``); reconnect when Temporal restarts.

    On a stop signal the worker stops polling and lets in-flight activities finish (up to
    GRACEFUL_SHUTDOWN); whatever is still running then is retried by another worker.
    """
    register_dependencies(settings)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    failures = 0
    while not stop.is_set():
        try:
            client = await connect(settings)
            worker = make_worker(client, settings.task_queue)
            log.info("worker serving task queue %s", settings.task_queue)
            failures = 0
            running = asyncio.create_task(worker.run())
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if stop.is_set():
                await worker.shutdown()
                await running
                return
            stopping.cancel()
            await running  # the worker ended by itself: its error tells why (handled below)
        except (RuntimeError, ServiceError, OSError) as exc:
            # The server went away (restart) or is not up yet: try again on its recorded address.
            delay = RECONNECT_DELAYS_S[min(failures, len(RECONNECT_DELAYS_S) - 1)]
            failures += 1
            log.warning("worker lost Temporal (%s); reconnecting in %ss", exc, delay)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except TimeoutError:
                pass


if __name__ == "__main__":
    from core.settings import get_settings

    asyncio.run(run_worker(get_settings()))
