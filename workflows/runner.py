"""Start (or attach to) a campaign workflow and wait for its result, optionally serving it from here.

Runs go to the shared task queue, so a run whose CLI dies is finished by any `smm worker` or by the
next `smm campaign run --request-id ...` of the same request (which attaches instead of starting a
second campaign). Starts are signed (workflows/signing.py).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from contextlib import AsyncExitStack
from datetime import timedelta
from typing import Any

from temporalio.client import Client, WorkflowExecutionStatus, WorkflowFailureError, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from core.errors import ServiceError
from core.keys import keyring
from core.settings import Settings
from workflows.activities import CampaignRequest
from workflows.campaign import CampaignWorkflow
from workflows.signing import campaign_workflow_id, sign_start
from workflows.worker import connect, make_worker, register_dependencies

#: Crawling 30 pages and embedding them is minutes at most; beyond this something is wrong.
RUN_TIMEOUT = timedelta(minutes=30)
#: How long a waiting CLI keeps trying while the Temporal server is down (e.g. restarting).
RECONNECT_FOR = timedelta(minutes=3)
_TRANSIENT = (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED, RPCStatusCode.UNKNOWN)
#: How often the waiting CLI asks the run where it is (stage changes go to stderr).
POLL_S = 2.0


def workflow_id_for(settings: Settings, req: CampaignRequest) -> str:
    """The workflow id of this (tenant, request id)."""
    return campaign_workflow_id(keyring(settings), req.tenant_id, req.request_id)


async def start_or_attach(client: Client, settings: Settings, req: CampaignRequest) -> WorkflowHandle[Any, Any]:
    """Start the signed run, or the handle of the run this request id already started."""
    wid = workflow_id_for(settings, req)
    req = dataclasses.replace(req, approval_reminder_s=settings.approval_reminder_s,
                              approval_expiry_s=settings.approval_expiry_s,
                              approval_max_rounds=settings.approval_max_rounds,
                              quick_step_timeout_s=float(settings.quick_step_timeout_s),  # signed as a float
                              canary_window_s=settings.canary_window_s, full_window_s=settings.full_window_s,
                              monitor_poll_s=settings.monitor_poll_s)
    signed = dataclasses.replace(req, start_token=sign_start(keyring(settings), req, wid))
    try:
        return await client.start_workflow(
            CampaignWorkflow.run, signed, id=wid, task_queue=settings.task_queue, execution_timeout=RUN_TIMEOUT,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE)
    except WorkflowAlreadyStartedError:
        return client.get_workflow_handle(wid)  # it already finished: its result is the answer


def load_card(settings: Settings, tenant_id: str, card_id: str) -> dict[str, Any]:
    """A stored decision card's JSON."""
    import uuid

    from core.db import app_engine, tenant_session
    from core.models import DecisionCardRow

    with tenant_session(app_engine(settings), tenant_id) as session:
        row = session.get(DecisionCardRow, uuid.UUID(card_id))
        return dict(row.card) if row is not None else {}


async def wait_for_card(handle: WorkflowHandle[Any, Any], settings: Settings, tenant_id: str,
                        progress: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    """Wait until the run's decision card awaits approval (or the run ends); returns what to show.

    Rides out a Temporal restart (it comes back on its port) for RECONNECT_FOR.
    """
    result_task = asyncio.ensure_future(handle.result())
    last = None
    lost_since: float | None = None
    loop = asyncio.get_running_loop()
    while True:
        done, _ = await asyncio.wait({result_task}, timeout=POLL_S)
        if done:
            try:
                result: dict[str, Any] = result_task.result()
                return result
            except WorkflowFailureError as exc:
                cause = exc.cause
                closed = (await handle.describe()).status
                status = "cancelled" if closed == WorkflowExecutionStatus.CANCELED else "failed"
                return {"status": status, "stage": last or "unknown", "message": str(cause or exc),
                        "reasons": [str(cause or exc)]}
            except RPCError as exc:
                if exc.status not in _TRANSIENT:
                    raise
                lost_since = lost_since or loop.time()
                if loop.time() - lost_since > RECONNECT_FOR.total_seconds():
                    raise ServiceError(f"lost Temporal for over {RECONNECT_FOR}; the run {handle.id} may "
                                       "still finish: attach again with the same --request-id") from None
                progress("  Temporal unavailable; waiting for it to come back...")
                await asyncio.sleep(POLL_S)
                result_task = asyncio.ensure_future(handle.result())
                continue
        lost_since = None
        try:
            status = await handle.query("status", result_type=dict)
        except Exception:  # noqa: S112 - a progress line is best effort; the result is what counts
            continue
        if status["stage"] != last:
            progress(f"  stage: {status['stage']}")
            last = status["stage"]
        if status["status"] == "awaiting_approval" and status.get("decision_card_id"):
            result_task.cancel()
            card = await asyncio.to_thread(load_card, settings, tenant_id, status["decision_card_id"])
            return {**status, "decision_card": card, "message": card.get("verdict")}


async def run_campaign(settings: Settings, req: CampaignRequest, *, inline_worker: bool,
                       progress: Callable[[str], None] = lambda _m: None,
                       on_started: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Execute CampaignWorkflow; with ``inline_worker`` this process also serves the shared task queue."""
    client = await connect(settings)
    async with AsyncExitStack() as stack:
        if inline_worker:
            register_dependencies(settings)
            await stack.enter_async_context(make_worker(client, settings.task_queue))
        handle = await start_or_attach(client, settings, req)
        if on_started is not None:
            on_started(handle.id)
        result = await wait_for_card(handle, settings, req.tenant_id, progress)
    result["workflow_id"] = handle.id
    result["request_id"] = req.request_id
    return result


async def cancel_campaign(settings: Settings, workflow_id: str) -> None:
    """Ask a run to cancel (it records `cancelled` on its campaign before it ends)."""
    client = await connect(settings)
    await client.get_workflow_handle(workflow_id).cancel()
