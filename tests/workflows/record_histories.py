"""Record the CampaignWorkflow histories that tests/workflows/test_replay.py replays.

Regenerate (a few minutes; brings up a private installation in a temporary SMM_HOME and removes it):

    cd REPO && PYTHONPATH=$PWD HF_HUB_OFFLINE=1 .venv/bin/python -m tests.workflows.record_histories

Record only some paths (the other histories are left as they are, byte for byte):

    ... -m tests.workflows.record_histories --only published,rolledback,unconfirmed,halted

(an item names a scenario or a prefix of scenario names; an unknown item is refused with the list).

Payloads are AES-GCM encrypted with a key derived from the server secret, so the recording runs with a
fixed test secret (TEST_SECRET below) that the replay test uses too. Everything else (services,
database, worker) is real. Each path is recorded more than once where cheap, so that the replay covers
timing variants (updates arriving while an activity runs, timers firing, cancellation mid-step).

The publishing paths (published, rolledback, unconfirmed, halted) launch live to the loopback sandbox
platform (agents/publisher/sandbox) that the recorder serves in-process; the worker's connectors reach
it through the SMM_*_API_BASE settings, and the canary / full watch windows are shortened (LAUNCH_WATCH).
Each publishing scenario has its own tenant (its own sandbox accounts and kill switch), and the
launches run one at a time because a fault or a sentiment spike is sandbox-wide.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

#: The fixed secret of recorded histories (test data only: it protects nothing real).
TEST_SECRET = "replay-test-secret-0123456789abcdef-not-for-production"
TEST_KEY_ID = "k1"
HISTORIES = Path(__file__).parent / "histories"
#: Graph state crosses Temporal by value today (a full 20-page run is about 1.7 MB of history), so the
#: committed histories use a few pages and one post per channel to keep the repository small; the size
#: of a full run is measured by `smm bench workflow`.
MAX_PAGES = 2
#: The watch of a recorded launch: short, like tests/publisher/test_launch.py (production: minutes).
LAUNCH_WATCH = {"canary_window_s": 1.5, "full_window_s": 0.5, "monitor_poll_s": 0.25}


@dataclasses.dataclass(frozen=True)
class Team:
    """A tenant and its members (a publishing scenario gets its own)."""

    tenant_id: str
    marketer: Any
    approver: Any
    evaluator: Any


def _smm(env: dict[str, str], *args: str) -> Any:
    smm = Path(sys.executable).parent / "smm"
    done = subprocess.run([str(smm), *args, "--json"], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"smm {' '.join(args)} failed: {done.stderr}")
    return json.loads(done.stdout)


async def _record(settings: Any, sandbox: Any, only: list[str] | None = None) -> dict[str, Any]:
    from temporalio.client import Client, WorkflowExecutionStatus, WorkflowFailureError, WorkflowHandle

    from agents.publisher import ledger
    from agents.publisher.accounts import set_launch_mode
    from agents.publisher.sandbox.connect import connect_tenant
    from core.db import app_engine, tenant_session
    from core.identity import create_api_key, create_tenant
    from core.keys import keyring
    from core.models import Campaign, Workspace
    from fixtures.server import serve_site
    from workflows.activities import CampaignRequest
    from workflows.campaign import CampaignWorkflow
    from workflows.decisions import decide_campaign, principal_from_key
    from workflows.runner import run_campaign, start_or_attach
    from workflows.signing import sign_start
    from workflows.worker import connect, make_worker, register_dependencies

    engine = app_engine(settings)

    def new_team() -> Team:
        tid = create_tenant(engine, f"replay-{uuid.uuid4().hex[:8]}").id

        def member(role: str) -> Any:
            key = create_api_key(engine, tid, role, email=f"{role}-{uuid.uuid4().hex[:6]}@replay.test").key
            return principal_from_key(settings, key)

        return Team(str(tid), member("marketer"), member("approver"), member("evaluator"))

    main_team = new_team()
    marketer, approver, evaluator = main_team.marketer, main_team.approver, main_team.evaluator
    register_dependencies(settings)
    client: Client = await connect(settings)

    def request(url: str, requested_by: str | None = None, team: Team = main_team) -> CampaignRequest:
        return CampaignRequest(tenant_id=team.tenant_id, brand_url=url, request_id=uuid.uuid4().hex,
                               requested_by=requested_by or str(team.marketer.user_id), seed=5, iterations=2000,
                               embedder="hashing", start_date="2026-12-01", max_pages=MAX_PAGES,
                               posts_per_channel=1)

    def timers(reminder: int = 3600, expiry: int = 7200) -> Any:
        return settings.model_copy(update={"approval_reminder_s": reminder, "approval_expiry_s": expiry})

    async def to_card(url: str, team: Team = main_team, **kw: int) -> dict[str, Any]:
        out = await run_campaign(timers(**kw), request(url, team=team), inline_worker=False)
        assert out["status"] == "awaiting_approval", out
        return out

    async def decide(run: dict[str, Any], who: Any, kind: str, comment: str = "") -> None:
        out = await decide_campaign(settings, who, run["campaign_id"], kind, comment=comment)
        assert out.accepted, out

    async def wait_round(run: dict[str, Any], rnd: int) -> None:
        handle = client.get_workflow_handle(run["workflow_id"])
        for _ in range(600):
            st = await handle.query("status", result_type=dict)
            if st["status"] == "awaiting_approval" and st["round"] == rnd:
                return
            await asyncio.sleep(0.5)
        raise AssertionError("no revised card")

    with (serve_site("northpeak-coffee") as base, serve_site("bad-404-home") as bad,
          serve_site("bad-non-html") as non_html, serve_site("bad-robots-disallow") as robots):
        site = base + "/"

        async def approved() -> str:
            run = await to_card(site)
            await decide(run, approver, "approve", "looks right")
            return str(run["workflow_id"])

        async def refused_then_approved() -> str:
            run = await to_card(site)
            no = await decide_campaign(settings, marketer, run["campaign_id"], "approve")  # the requester
            assert not no.accepted
            await decide(run, approver, "approve")
            return str(run["workflow_id"])

        async def rejected() -> str:
            run = await to_card(site)
            await decide(run, approver, "reject", "off brand")
            return str(run["workflow_id"])

        async def changes_then(final: str, rounds: int = 1) -> str:
            run = await to_card(site)
            for rnd in range(1, rounds + 1):
                await decide(run, approver, "request_changes", f"warmer tone, round {rnd}")
                await wait_round(run, rnd)
            await decide(run, approver, final)
            return str(run["workflow_id"])

        async def expired() -> str:
            run = await to_card(site, reminder=2, expiry=4)
            return str(run["workflow_id"])

        async def cancelled_waiting() -> str:
            run = await to_card(site)
            await decide(run, marketer, "cancel")
            return str(run["workflow_id"])

        async def cancelled_running() -> str:
            handle = await start_or_attach(client, timers(), request(site))
            for _ in range(600):  # cancel in the middle of the research graph
                if (await handle.query("stage")) in ("research", "campaign"):
                    break
                await asyncio.sleep(0.1)
            await handle.cancel()
            return handle.id

        async def started(req: CampaignRequest) -> str:
            handle = await start_or_attach(client, timers(), req)
            return handle.id

        async def unsigned() -> str:
            wid = f"replay-unsigned-{uuid.uuid4().hex[:12]}"
            handle: WorkflowHandle[Any, Any] = await client.start_workflow(
                CampaignWorkflow.run, request(site), id=wid, task_queue=settings.task_queue)
            return handle.id

        async def tampered() -> str:
            # A start signed for one request, then altered (another brand URL): the signature fails.
            req = request(site)
            wid = f"replay-tampered-{uuid.uuid4().hex[:12]}"
            signed = dataclasses.replace(req, start_token=sign_start(keyring(settings), req, wid))
            handle: WorkflowHandle[Any, Any] = await client.start_workflow(
                CampaignWorkflow.run, dataclasses.replace(signed, brand_url=bad + "/"), id=wid,
                task_queue=settings.task_queue)
            return handle.id

        platform = asyncio.Lock()  # a fault or a sentiment spike is sandbox-wide: one launch at a time

        async def launch(prepare: Callable[[Team, list[str]], None], check: Callable[[list[Any]], None],
                         canary_pct: float | None = None) -> str:
            """A live launch of a fresh tenant's campaign to the sandbox; ``prepare`` sets the scene."""
            team = new_team()
            run = await to_card(site, team)
            cid = str(run["campaign_id"])
            with tenant_session(engine, uuid.UUID(team.tenant_id)) as session:
                camp = session.get(Campaign, uuid.UUID(cid))
                assert camp is not None
                ws = session.get(Workspace, camp.workspace_id)
                assert ws is not None
                channels = [c["channel"] for c in ws.contract_card["channels"]]
                if canary_pct is not None:  # a larger canary, so that a connected channel is surely in it
                    ws.contract_card = {**ws.contract_card, "canary_pct": canary_pct}
            connect_tenant(sandbox, engine, settings, team.tenant_id, channels)
            set_launch_mode(engine, team.tenant_id, cid, "live", str(team.marketer.user_id))
            async with platform:
                prepare(team, channels)
                try:
                    await decide(run, team.approver, "approve", "go")
                    await asyncio.wait_for(client.get_workflow_handle(run["workflow_id"]).result(), 300)
                finally:
                    sandbox.clear_faults()
                    sandbox.clear_sentiment()
            check(ledger.rows_of(engine, team.tenant_id, cid))
            return str(run["workflow_id"])

        def nothing(team: Team, channels: list[str]) -> None:
            pass

        def all_published(rows: list[Any]) -> None:
            assert any(r.state == "published" for r in rows), rows

        def canary_rolled_back(rows: list[Any]) -> None:
            assert any(r.stage == "canary" and r.state == "rolled_back" for r in rows), rows
            assert not any(r.state == "published" for r in rows), rows

        def one_unconfirmed(rows: list[Any]) -> None:
            assert [r.state for r in rows].count("unconfirmed") == 1, rows

        def all_withdrawn(rows: list[Any]) -> None:
            assert rows and all(r.state == "withdrawn" and "paused" in str(r.reason) for r in rows), rows

        def spike(team: Team, channels: list[str]) -> None:
            sandbox.set_sentiment(0.9)

        def duplicate(team: Team, channels: list[str]) -> None:
            # The platform answers "duplicate" though nothing matches: reconciliation finds no post, the row
            # stays unconfirmed (never re-sent blindly) and the campaign needs attention. (The card of the
            # recorded site has no X post today; the first channel with a one-step create is used.)
            channel = next(c for c in ("x", "linkedin", "facebook") if c in channels)
            sandbox.add_fault(channel, "create", "duplicate", times=1)

        def pause_tenant(team: Team, channels: list[str]) -> None:
            ledger.set_paused(engine, team.tenant_id, True, "incident drill", actor="operator")

        def exhaust_budget(team: Team, channels: list[str]) -> None:
            # Earlier spend of the workspace used up every channel's cap: the gate denies every publish.
            from sqlalchemy import select

            from agents.publisher.budget import record_spend

            with tenant_session(engine, uuid.UUID(team.tenant_id)) as session:
                camp = session.execute(select(Campaign).order_by(Campaign.created_at.desc())).scalars().first()
                assert camp is not None
                ws = session.get(Workspace, camp.workspace_id)
                assert ws is not None
                for c in ws.contract_card["channels"]:
                    record_spend(session, uuid.UUID(team.tenant_id), camp.id, c["channel"], "promotion",
                                 float(c["budget_cap"]))

        def all_denied_by_budget(rows: list[Any]) -> None:
            assert rows and all(r.state == "denied" for r in rows), rows
            assert any("budget." in str(r.reason) for r in rows), rows

        publishing: list[tuple[str, Callable[[], Awaitable[str]], str]] = [
            ("published-1", lambda: launch(nothing, all_published), "completed"),
            ("rolledback-sentiment-1", lambda: launch(spike, canary_rolled_back, canary_pct=60.0), "rolled_back"),
            ("unconfirmed-duplicate-1", lambda: launch(duplicate, one_unconfirmed), "needs_attention"),
            ("halted-tenant-paused-1", lambda: launch(pause_tenant, all_withdrawn), "halted"),
            ("budgetdenied-1", lambda: launch(exhaust_budget, all_denied_by_budget), "denied"),
        ]

        # Seven full runs (a few hundred kB each, see MAX_PAGES) and thirteen short ones.
        scenarios: list[tuple[str, Callable[[], Awaitable[str]], str]] = [
            ("approved-1", approved, "approved"),
            ("approved-after-refusal", refused_then_approved, "approved"),
            ("rejected-1", rejected, "rejected"),
            ("changes-then-approved-1", lambda: changes_then("approve"), "approved"),
            ("changes-twice-then-rejected", lambda: changes_then("reject", 2), "rejected"),
            ("expired-1", expired, "expired"),
            ("cancelled-awaiting-1", cancelled_waiting, "cancelled"),
            ("cancelled-running-1", cancelled_running, "cancelled"),
            ("cancelled-running-2", cancelled_running, "cancelled"),
            ("denied-approver-requests", lambda: started(request(site, str(approver.user_id))), "denied"),
            ("denied-evaluator-requests", lambda: started(request(site, str(evaluator.user_id))), "denied"),
            ("failed-unknown-requester", lambda: started(request(site, str(uuid.uuid4()))), "failed"),
            ("failed-requester-not-an-id", lambda: started(request(site, "not-a-user-id")), "failed"),
            ("failed-bad-404-home", lambda: started(request(bad + "/")), "failed"),
            ("failed-bad-non-html", lambda: started(request(non_html + "/")), "failed"),
            ("failed-bad-robots-disallow", lambda: started(request(robots + "/")), "failed"),
            ("failed-unknown-tenant", lambda: started(dataclasses.replace(request(site), tenant_id=str(uuid.uuid4()))),
             "failed"),
            ("refused-unsigned-1", unsigned, "refused"),
            ("refused-unsigned-2", unsigned, "refused"),
            ("refused-tampered", tampered, "refused"),
            *publishing,
        ]
        scenarios = select_scenarios(scenarios, only)
        HISTORIES.mkdir(exist_ok=True)
        # Only the histories being recorded are replaced; with --only, the others stay byte-identical.
        stale = (HISTORIES.glob("*.json*") if only is None
                 else (HISTORIES / f"{name}.json.gz" for name, _, _ in scenarios))
        for old in stale:
            old.unlink(missing_ok=True)
        sizes: dict[str, Any] = {}
        gate = asyncio.Semaphore(3)  # two cores: a few campaigns at a time

        async def one(name: str, scenario: Callable[[], Awaitable[str]], expect: str) -> None:
            async with gate:
                t0 = time.monotonic()
                wid = await scenario()
                handle = client.get_workflow_handle(wid)
                try:
                    result = await asyncio.wait_for(handle.result(), 300)
                    status = result["status"]
                except WorkflowFailureError:  # a cancelled run ends with an error, not a result
                    closed = (await handle.describe()).status
                    status = "cancelled" if closed == WorkflowExecutionStatus.CANCELED else "error"
                if status != expect:  # recorded anyway under its real outcome, and said so
                    print(f"{name}: expected {expect}, got {status}", flush=True)
                    name = f"{status}-{name}"
                text = (await handle.fetch_history()).to_json()
                # Gzipped: the payloads are ciphertext (incompressible) but the JSON around them is not.
                (HISTORIES / f"{name}.json.gz").write_bytes(gzip.compress(text.encode(), 9, mtime=0))
                sizes[name] = {"status": status, "bytes": len(text.encode()), "s": round(time.monotonic() - t0, 1)}
                print(f"{name}: {sizes[name]}", flush=True)

        async with make_worker(client, settings.task_queue):
            errors = [e for e in await asyncio.gather(*(one(*s) for s in scenarios), return_exceptions=True) if e]
        if errors:
            raise SystemExit(f"{len(errors)} scenario(s) failed: {errors}")
    return sizes


def select_scenarios(scenarios: list[Any], only: list[str] | None) -> list[Any]:
    """The scenarios named by ``only`` (a name or a name prefix each); every scenario when None."""
    if only is None:
        return scenarios
    names = [s[0] for s in scenarios]
    unknown = [item for item in only if not any(n.startswith(item) for n in names)]
    if unknown or not only:
        raise SystemExit(f"--only: no scenario named {', '.join(unknown) or '(empty)'}; known: {', '.join(names)}")
    return [s for s in scenarios if any(s[0].startswith(item) for item in only)]


def _launch_env(sandbox: Any) -> dict[str, str]:
    """The settings the worker reads to publish to the sandbox, with the short watch windows."""
    from agents.publisher.sandbox.connect import sandbox_settings
    from core.settings import get_settings

    values = {**sandbox_settings(get_settings(), sandbox), **LAUNCH_WATCH}
    return {f"SMM_{k.upper()}": str(v) for k, v in values.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Record the CampaignWorkflow histories of the replay test.")
    parser.add_argument("--only", help="comma-separated scenario names or prefixes (default: every scenario)")
    args = parser.parse_args(argv)
    only = [item.strip() for item in args.only.split(",") if item.strip()] if args.only is not None else None
    home = Path(tempfile.mkdtemp(prefix="smm-replay-rec-"))
    env = {"SMM_HOME": str(home), "SMM_ENV": "development", "SMM_CRAWL_ALLOW_PRIVATE": "true",
           "SMM_SECRET_KEY": TEST_SECRET, "SMM_SECRET_KEY_ID": TEST_KEY_ID, "HF_HUB_OFFLINE": "1"}
    os.environ.update(env)  # the worker's activities read get_settings(): same secret as the replay test
    try:
        _smm(env, "services", "up")
        _smm(env, "db", "migrate")
        from agents.publisher.sandbox import serve_sandbox
        from core.settings import get_settings

        # The sandbox platform of the recorded launches (engagement clock as in the launch tests).
        with serve_sandbox(seed=7, time_scale=3600.0, container_delay_s=0.05) as sandbox:
            os.environ.update(_launch_env(sandbox))
            get_settings.cache_clear()
            sizes = asyncio.run(_record(get_settings(), sandbox, only))
        print(json.dumps({"histories": len(sizes), "largest": max(v["bytes"] for v in sizes.values()),
                          "total": sum(v["bytes"] for v in sizes.values())}))
    finally:
        subprocess.run([str(Path(sys.executable).parent / "smm"), "services", "down"], env={**os.environ, **env},
                       capture_output=True, timeout=120)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
