"""Launch end to end on the embedded stack: approval → canary → watch → full → completed, to the sandbox.

Real Postgres, real Temporal (the publisher graph's nodes run as activities), real HTTP to the loopback
sandbox platform, which counts every request and every stored post.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select
from temporalio.client import Client

from agents.publisher import ledger
from agents.publisher.accounts import set_launch_mode
from agents.publisher.budget import record_spend
from agents.publisher.connectors.registry import CHANNELS
from agents.publisher.sandbox import SandboxHandle, serve_sandbox
from agents.publisher.sandbox.connect import connect_tenant, sandbox_settings
from core.db import tenant_session
from core.identity import Principal, create_api_key
from core.models import AuditEvent, Campaign, PublishEvent, Workspace
from core.settings import Settings, get_settings
from workflows.activities import CampaignRequest
from workflows.decisions import campaign_status, decide_campaign, principal_from_key, rollback
from workflows.runner import run_campaign
from workflows.worker import connect, make_worker, register_dependencies

pytestmark = pytest.mark.slow

#: A short watch: the tests' canary window and polling (production: minutes).
WATCH = {"canary_window_s": 1.5, "full_window_s": 0.5, "monitor_poll_s": 0.25}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxHandle]:
    with serve_sandbox(seed=7, time_scale=3600.0, container_delay_s=0.05) as sb:
        # No background negativity: a few seeded comments can cross the 30 % trigger by chance, and only
        # the sentiment test (which sets its own spike) is about rollback on sentiment.
        sb.sandbox.engagement.base_negative_rate = 0.0
        yield sb


@pytest.fixture(scope="module")
def launch_settings(settings: Settings, sandbox: SandboxHandle) -> Iterator[Settings]:
    """The session's settings pointed at the sandbox; the in-process worker reads them through get_settings."""
    # A task queue of this module's own: runs other test modules leave waiting on the shared queue (an
    # approval timer, say) must not be served by this module's worker, with this module's settings.
    own = {"task_queue": f"test-launch-{uuid.uuid4().hex[:8]}"}
    env = {f"SMM_{k.upper()}": str(v) for k, v in {**sandbox_settings(settings, sandbox), **WATCH, **own}.items()}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    get_settings.cache_clear()
    try:
        yield get_settings()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        get_settings.cache_clear()


@pytest.fixture(scope="module")
async def worker(launch_settings: Settings, temporal_address: str) -> AsyncIterator[Client]:
    register_dependencies(launch_settings)
    client = await connect(launch_settings, address=temporal_address)
    async with make_worker(client, launch_settings.task_queue):
        yield client


class Team:
    def __init__(self, tenant: uuid.UUID, marketer: Principal, approver: Principal) -> None:
        self.tenant, self.marketer, self.approver = tenant, marketer, approver


@pytest.fixture
def team(engine: Engine, launch_settings: Settings, make_tenant: Callable[[], uuid.UUID]) -> Team:
    tid = make_tenant()

    def member(role: str) -> Principal:
        key = create_api_key(engine, tid, role, email=f"{role}-{uuid.uuid4().hex[:6]}@t.test").key
        return principal_from_key(launch_settings, key)

    return Team(tid, member("marketer"), member("approver"))


async def _card(s: Settings, team: Team, url: str, sandbox: SandboxHandle, engine: Engine, *,
                live: bool = True, connect_channels: bool = True) -> dict[str, Any]:
    """A run waiting for approval, its workspace live (or shadow) and its channels connected to the sandbox."""
    req = CampaignRequest(tenant_id=str(team.tenant), brand_url=url, request_id=uuid.uuid4().hex,
                          requested_by=str(team.marketer.user_id), seed=5, iterations=2000, embedder="hashing",
                          start_date="2026-12-01")
    result = await run_campaign(s, req, inline_worker=False)
    assert result["status"] == "awaiting_approval", result
    with tenant_session(engine, team.tenant) as session:
        camp = session.get(Campaign, uuid.UUID(result["campaign_id"]))
        assert camp is not None
        ws = session.get(Workspace, camp.workspace_id)
        assert ws is not None
        channels = [c["channel"] for c in ws.contract_card["channels"]]
    if connect_channels:
        connect_tenant(sandbox, engine, s, str(team.tenant), channels)
    if live:
        set_launch_mode(engine, str(team.tenant), result["campaign_id"], "live", str(team.marketer.user_id))
    return result


async def _approve_and_finish(s: Settings, client: Client, team: Team, run: dict[str, Any]) -> dict[str, Any]:
    out = await decide_campaign(s, team.approver, run["campaign_id"], "approve", comment="go")
    assert out.accepted, out
    final: dict[str, Any] = await asyncio.wait_for(client.get_workflow_handle(run["workflow_id"]).result(), 180)
    return final


def _set_canary_pct(engine: Engine, team: Team, campaign_id: str, pct: float) -> None:
    with tenant_session(engine, team.tenant) as s:
        camp = s.get(Campaign, uuid.UUID(campaign_id))
        assert camp is not None
        ws = s.get(Workspace, camp.workspace_id)
        assert ws is not None
        ws.contract_card = {**ws.contract_card, "canary_pct": pct}


def _rows(engine: Engine, team: Team, campaign_id: str) -> list[ledger.LedgerRow]:
    return ledger.rows_of(engine, str(team.tenant), campaign_id)


def _stored_ids(sandbox: SandboxHandle) -> set[str]:
    return {p["id"] for p in sandbox.posts() if not p["deleted"]}


def _creates(sandbox: SandboxHandle) -> int:
    reqs = sandbox.stats()["requests"]
    return sum(ops.get("create", 0) + ops.get("publish_container", 0) for ops in reqs.values())


async def test_approved_live_launch_goes_canary_then_full_and_completes(
        launch_settings: Settings, worker: Client, team: Team, coffee_site: str, sandbox: SandboxHandle,
        engine: Engine) -> None:
    run = await _card(launch_settings, team, coffee_site, sandbox, engine)
    before = set(p["id"] for p in sandbox.posts())
    final = await _approve_and_finish(launch_settings, worker, team, run)
    rows = _rows(engine, team, run["campaign_id"])
    assert final["status"] == "completed", [(r.channel, r.state, r.reason) for r in rows]
    # Channels with a connector are published; one without (tiktok) is refused by the gate, with the reason.
    sent = [r for r in rows if r.channel in CHANNELS]
    assert sent and all(r.state == "published" and r.platform_post_id for r in sent), rows
    assert all(r.state == "denied" and "connector.not_connected" in str(r.reason) for r in rows if r not in sent)
    assert {r.stage for r in rows} == {"canary", "full"}
    rows = sent
    new = [p for p in sandbox.posts() if p["id"] not in before]
    # Every ledger row is exactly one stored post, and the ids agree with the platform's.
    assert sorted(p["id"] for p in new) == sorted(str(r.platform_post_id) for r in rows)
    assert not sandbox.stats()["duplicates"]
    with tenant_session(engine, team.tenant) as s:
        kinds = [e.kind for e in s.execute(select(PublishEvent).where(
            PublishEvent.campaign_id == uuid.UUID(run["campaign_id"]))).scalars()]
        actions = set(s.execute(select(AuditEvent.action)).scalars())
        status = s.get(Campaign, uuid.UUID(run["campaign_id"])).status  # type: ignore[union-attr]
    assert kinds.count("publish") == 2 * len(sent)  # the claim and the outcome of each post
    assert {"publish.publish", "campaign.publishing", "campaign.completed"} <= actions
    assert status == "completed"
    shown = await campaign_status(launch_settings, str(team.tenant), run["campaign_id"])
    assert sorted(r["state"] for r in shown["ledger"] if r["channel"] in CHANNELS) == ["published"] * len(sent)


async def test_rejected_campaign_sends_nothing(launch_settings: Settings, worker: Client, team: Team,
                                               coffee_site: str, sandbox: SandboxHandle, engine: Engine) -> None:
    run = await _card(launch_settings, team, coffee_site, sandbox, engine)
    requests = sandbox.stats()["requests_total"]
    assert (await decide_campaign(launch_settings, team.approver, run["campaign_id"], "reject")).accepted
    final = await asyncio.wait_for(worker.get_workflow_handle(run["workflow_id"]).result(), 60)
    assert final["status"] == "rejected"
    assert sandbox.stats()["requests_total"] == requests
    assert _rows(engine, team, run["campaign_id"]) == []


async def test_shadow_mode_records_predictions_and_sends_nothing(
        launch_settings: Settings, worker: Client, team: Team, coffee_site: str, sandbox: SandboxHandle,
        engine: Engine) -> None:
    run = await _card(launch_settings, team, coffee_site, sandbox, engine, live=False)
    requests = sandbox.stats()["requests_total"]
    final = await _approve_and_finish(launch_settings, worker, team, run)
    assert final["status"] == "approved" and final["launch"]["mode"] == "shadow", final
    rows = _rows(engine, team, run["campaign_id"])
    assert rows and {r.state for r in rows} == {"shadow"} and {r.stage for r in rows} == {"shadow"}
    assert sandbox.stats()["requests_total"] == requests


async def test_negative_sentiment_during_canary_rolls_back_every_post(
        launch_settings: Settings, worker: Client, team: Team, coffee_site: str, sandbox: SandboxHandle,
        engine: Engine) -> None:
    run = await _card(launch_settings, team, coffee_site, sandbox, engine)
    _set_canary_pct(engine, team, run["campaign_id"], 50.0)  # a canary of several posts
    sandbox.set_sentiment(0.9)
    try:
        final = await _approve_and_finish(launch_settings, worker, team, run)
    finally:
        sandbox.clear_sentiment()
    assert final["status"] == "rolled_back", final.get("launch")
    assert final["launch"]["trigger"].startswith("sentiment:"), final.get("launch")
    rows = _rows(engine, team, run["campaign_id"])
    canary = [r for r in rows if r.stage == "canary" and r.channel in CHANNELS]
    assert canary and all(r.state == "rolled_back" for r in canary), [(r.channel, r.stage, r.state) for r in rows]
    # The full stage never went out; a channel without a connector was refused by the gate either way.
    assert all(r.state in ("withdrawn", "denied") for r in rows if r not in canary), rows
    # Nothing of this campaign is left on the platform.
    assert not {str(r.platform_post_id) for r in canary} & _stored_ids(sandbox)


async def test_kill_switch_stops_every_publish_of_the_tenant(
        launch_settings: Settings, worker: Client, team: Team, coffee_site: str, sandbox: SandboxHandle,
        engine: Engine) -> None:
    run = await _card(launch_settings, team, coffee_site, sandbox, engine)
    ledger.set_paused(engine, str(team.tenant), True, "incident drill", actor="operator")
    creates = _creates(sandbox)
    final = await _approve_and_finish(launch_settings, worker, team, run)
    assert final["status"] == "halted", final
    rows = _rows(engine, team, run["campaign_id"])
    assert rows and all(r.state == "withdrawn" and "paused" in str(r.reason) for r in rows), rows
    assert _creates(sandbox) == creates


async def test_manual_rollback_after_the_launch_deletes_every_post(
        launch_settings: Settings, worker: Client, team: Team, coffee_site: str, sandbox: SandboxHandle,
        engine: Engine) -> None:
    run = await _card(launch_settings, team, coffee_site, sandbox, engine)
    assert (await _approve_and_finish(launch_settings, worker, team, run))["status"] == "completed"
    rows = [r for r in _rows(engine, team, run["campaign_id"]) if r.state == "published"]
    first = rows[0]
    assert sandbox.delete_by_hand(first.channel, str(first.platform_post_id))
    result = await rollback(launch_settings, team.approver, run["campaign_id"], "wrong product shot")
    assert result["left_live"] == [] and result["deleted"] + result["already_gone"] == len(rows), result
    assert result["already_gone"] >= 1
    after = {r.id: r.state for r in _rows(engine, team, run["campaign_id"])}
    assert all(after[r.id] == "rolled_back" for r in rows)
    assert not {str(r.platform_post_id) for r in rows} & _stored_ids(sandbox)
    with tenant_session(engine, team.tenant) as s:
        assert s.get(Campaign, uuid.UUID(run["campaign_id"])).status == "rolled_back"  # type: ignore[union-attr]


async def test_budget_cap_reached_denies_every_publish_with_the_reason_in_status(
        launch_settings: Settings, worker: Client, team: Team, coffee_site: str, sandbox: SandboxHandle,
        engine: Engine) -> None:
    run = await _card(launch_settings, team, coffee_site, sandbox, engine)
    with tenant_session(engine, team.tenant) as s:
        camp = s.get(Campaign, uuid.UUID(run["campaign_id"]))
        assert camp is not None
        ws = s.get(Workspace, camp.workspace_id)
        assert ws is not None
        # Earlier spend of this workspace used up every channel's cap.
        for c in ws.contract_card["channels"]:
            record_spend(s, team.tenant, camp.id, c["channel"], "promotion", float(c["budget_cap"]))
    creates = _creates(sandbox)
    final = await _approve_and_finish(launch_settings, worker, team, run)
    assert final["status"] == "denied", final
    rows = _rows(engine, team, run["campaign_id"])
    assert rows and all(r.state == "denied" for r in rows), rows
    assert any("budget.channel_cap_reached" in str(r.reason) for r in rows), rows
    assert _creates(sandbox) == creates
    shown = await campaign_status(launch_settings, str(team.tenant), run["campaign_id"])
    assert shown["status"] == "denied"
    assert all("budget." in str(r["reason"]) or "connector." in str(r["reason"]) for r in shown["ledger"])
