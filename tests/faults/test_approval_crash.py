"""A worker SIGKILLed while a campaign waits for approval, or at an activity boundary around it, is
restarted: every campaign reaches the expected final state and each decision is recorded exactly once.

The worker is the real `smm worker` in a private installation; decisions come from this process with
API keys made by `smm key create`, as an approver would send them.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from core.db import app_engine, tenant_session
from core.identity import Principal
from core.models import Approval, AuditEvent, Campaign
from fixtures.server import serve_site
from tests.faults.conftest import Installation, kill
from tests.faults.test_restarts import _campaign_run, _result, _settings, _wait_until, _workflow_id
from workflows.approval import DecisionOutcome
from workflows.decisions import decide_campaign, principal_from_key
from workflows.worker import connect

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def approver(installation: Installation) -> Principal:
    made = installation.smm_json("key", "create", "--tenant", installation.tenant_id, "--role", "approver",
                                 "--email", "a@fault.test")
    assert made["user_id"] != installation.marketer_id  # four-eyes: not the requester
    return principal_from_key(_settings(installation), made["key"])


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_site("northpeak-coffee") as base:
        yield base + "/"


def _restart_worker(inst: Installation) -> None:
    for proc in list(inst.workers):
        if proc.poll() is None:
            kill(proc)
    inst.workers.clear()
    inst.start_worker()


def _ensure_worker(inst: Installation) -> None:
    if not any(p.poll() is None for p in inst.workers):
        inst.start_worker()


def _start(inst: Installation, site: str) -> tuple[subprocess.Popen[bytes], str]:
    rid = uuid.uuid4().hex
    return _campaign_run(inst, site, rid, "--no-inline-worker"), _workflow_id(inst, rid)


def _decide(inst: Installation, who: Principal, campaign_id: str, kind: str = "approve") -> DecisionOutcome:
    return asyncio.run(decide_campaign(_settings(inst), who, campaign_id, kind, comment="crash test"))


def _final(inst: Installation, wid: str, timeout: float = 240) -> dict[str, Any]:
    async def result() -> dict[str, Any]:
        client = await connect(_settings(inst))
        out: dict[str, Any] = await asyncio.wait_for(client.get_workflow_handle(wid).result(), timeout)
        return out

    return asyncio.run(result())


def _completed(inst: Installation, wid: str, activity: str, *, scheduled_only: bool = False) -> bool:
    """Whether the run's history shows ``activity`` completed (or scheduled); history is never missed,
    unlike polling pending activities, which misses short ones."""
    async def history() -> bool:
        client = await connect(_settings(inst))
        scheduled, done = set(), set()
        async for event in client.get_workflow_handle(wid).fetch_history_events():
            if event.HasField("activity_task_scheduled_event_attributes"):
                if event.activity_task_scheduled_event_attributes.activity_type.name == activity:
                    scheduled.add(event.event_id)
            elif event.HasField("activity_task_completed_event_attributes"):
                done.add(event.activity_task_completed_event_attributes.scheduled_event_id)
        return bool(scheduled) if scheduled_only else bool(scheduled & done)

    try:
        return asyncio.run(history())
    except Exception:  # not started yet
        return False


def _ledger(inst: Installation, campaign_id: str) -> dict[str, Any]:
    """The campaign's status, its approvals rows and its approval/campaign audit events."""
    cid = uuid.UUID(campaign_id)
    with tenant_session(app_engine(_settings(inst)), inst.tenant_id) as s:
        campaign = s.get(Campaign, cid)
        assert campaign is not None
        rows = s.execute(select(Approval.decision).where(Approval.campaign_id == cid)).scalars().all()
        events = s.execute(select(AuditEvent.action, func.count()).where(AuditEvent.resource_id == str(cid))
                           .group_by(AuditEvent.action)).all()
    return {"status": campaign.status, "approvals": sorted(rows), "events": dict(events)}


def _expect_approved_once(inst: Installation, run: dict[str, Any]) -> None:
    final = _final(inst, run["workflow_id"])
    assert final["status"] == "approved", final
    assert [d["kind"] for d in final["decisions"]] == ["approve"]  # applied once in the workflow
    ledger = _ledger(inst, run["campaign_id"])
    assert ledger["status"] == "approved", ledger
    assert ledger["approvals"] == ["approve"], ledger  # one row: neither lost nor written twice
    assert ledger["events"].get("approval.approve") == 1, ledger
    assert ledger["events"].get("approval.refused", 0) == 0, ledger


def test_worker_killed_while_waiting_for_approval(installation: Installation, approver: Principal,
                                                  site: str) -> None:
    inst = installation
    _ensure_worker(inst)
    proc, _wid = _start(inst, site)
    run = _result(proc)
    assert run["status"] == "awaiting_approval", run
    _restart_worker(inst)  # SIGKILL while the workflow sleeps on its decision; a new worker takes over
    out = _decide(inst, approver, run["campaign_id"])
    assert out.accepted, out
    _expect_approved_once(inst, run)


def test_worker_killed_right_after_the_card_is_stored(installation: Installation, approver: Principal,
                                                      site: str) -> None:
    inst = installation
    _ensure_worker(inst)
    proc, wid = _start(inst, site)
    _wait_until("the card stored", lambda: _completed(inst, wid, "campaign.persist"), timeout=240)
    _restart_worker(inst)
    run = _result(proc)  # the CLI waits out the dead worker and still gets the card
    assert run["status"] == "awaiting_approval", run
    assert _decide(inst, approver, run["campaign_id"]).accepted
    _expect_approved_once(inst, run)


def test_worker_killed_right_after_the_decision_was_accepted(installation: Installation, approver: Principal,
                                                             site: str) -> None:
    inst = installation
    _ensure_worker(inst)
    proc, _wid = _start(inst, site)
    run = _result(proc)
    assert _decide(inst, approver, run["campaign_id"]).accepted
    _restart_worker(inst)  # the campaign's final status is written by the next activity, on the new worker
    _expect_approved_once(inst, run)


def test_worker_killed_while_the_decision_is_recorded(installation: Installation, approver: Principal,
                                                      site: str) -> None:
    inst = installation
    _ensure_worker(inst)
    proc, wid = _start(inst, site)
    run = _result(proc)
    outcome: list[DecisionOutcome] = []
    import threading

    sender = threading.Thread(target=lambda: outcome.append(_decide(inst, approver, run["campaign_id"])))
    sender.start()
    _wait_until("the decision activity", lambda: _completed(inst, wid, "record_decision_activity",
                                                            scheduled_only=True), timeout=60)
    for p in list(inst.workers):
        kill(p)
    inst.workers.clear()
    time.sleep(1)
    inst.start_worker()
    # The activity is retried after its start-to-close timeout; the retry finds the row it wrote, if any.
    sender.join(timeout=240)
    assert outcome and outcome[0].accepted, outcome
    _expect_approved_once(inst, run)


# The single-campaign tests above cover each kill point; three campaigns at once at the latest point
# (a decision accepted but not yet applied everywhere) keep the suite within its time budget.
@pytest.mark.parametrize("kill_at", ["decision_accepted"])
def test_every_campaign_reaches_its_final_state_after_kills(installation: Installation, approver: Principal,
                                                            site: str, kill_at: str) -> None:
    """Several campaigns at once; the worker is killed once at the given point; all end approved."""
    inst = installation
    _ensure_worker(inst)
    started = [_start(inst, site) for _ in range(3)]
    if kill_at == "card_stored":
        first_wid = started[0][1]
        _wait_until("a card stored", lambda: _completed(inst, first_wid, "campaign.persist"), timeout=240)
        _restart_worker(inst)
    runs = [_result(proc) for proc, _ in started]
    assert [r["status"] for r in runs] == ["awaiting_approval"] * 3, runs
    if kill_at == "waiting":
        _restart_worker(inst)
    assert all(_decide(inst, approver, r["campaign_id"]).accepted for r in runs)
    if kill_at == "decision_accepted":
        _restart_worker(inst)
    for run in runs:
        _expect_approved_once(inst, run)
