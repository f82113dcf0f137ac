"""Record the CampaignWorkflow histories that tests/workflows/test_replay.py replays.

Regenerate (a few minutes; brings up a private installation in a temporary SMM_HOME and removes it):

    cd REPO && PYTHONPATH=$PWD HF_HUB_OFFLINE=1 .venv/bin/python -m tests.workflows.record_histories

Payloads are AES-GCM encrypted with a key derived from the server secret, so the recording runs with a
fixed test secret (TEST_SECRET below) that the replay test uses too. Everything else (services,
database, worker) is real. Each path is recorded more than once where cheap, so that the replay covers
timing variants (updates arriving while an activity runs, timers firing, cancellation mid-step).
"""

from __future__ import annotations

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


def _smm(env: dict[str, str], *args: str) -> Any:
    smm = Path(sys.executable).parent / "smm"
    done = subprocess.run([str(smm), *args, "--json"], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"smm {' '.join(args)} failed: {done.stderr}")
    return json.loads(done.stdout)


async def _record(settings: Any) -> dict[str, Any]:
    from temporalio.client import Client, WorkflowExecutionStatus, WorkflowFailureError, WorkflowHandle

    from core.db import app_engine
    from core.identity import create_api_key, create_tenant
    from core.keys import keyring
    from fixtures.server import serve_site
    from workflows.activities import CampaignRequest
    from workflows.campaign import CampaignWorkflow
    from workflows.decisions import decide_campaign, principal_from_key
    from workflows.runner import run_campaign, start_or_attach
    from workflows.signing import sign_start
    from workflows.worker import connect, make_worker, register_dependencies

    engine = app_engine(settings)
    tid = create_tenant(engine, f"replay-{uuid.uuid4().hex[:8]}").id

    def member(role: str) -> Any:
        key = create_api_key(engine, tid, role, email=f"{role}-{uuid.uuid4().hex[:6]}@replay.test").key
        return principal_from_key(settings, key)

    marketer, approver, evaluator = member("marketer"), member("approver"), member("evaluator")
    register_dependencies(settings)
    client: Client = await connect(settings)

    def request(url: str, requested_by: str | None = None) -> CampaignRequest:
        return CampaignRequest(tenant_id=str(tid), brand_url=url, request_id=uuid.uuid4().hex,
                               requested_by=requested_by or str(marketer.user_id), seed=5, iterations=2000,
                               embedder="hashing", start_date="2026-12-01", max_pages=MAX_PAGES,
                               posts_per_channel=1)

    def timers(reminder: int = 3600, expiry: int = 7200) -> Any:
        return settings.model_copy(update={"approval_reminder_s": reminder, "approval_expiry_s": expiry})

    async def to_card(url: str, **kw: int) -> dict[str, Any]:
        out = await run_campaign(timers(**kw), request(url), inline_worker=False)
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
        ]
        HISTORIES.mkdir(exist_ok=True)
        for old in HISTORIES.glob("*.json*"):
            old.unlink()
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


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="smm-replay-rec-"))
    env = {"SMM_HOME": str(home), "SMM_ENV": "development", "SMM_CRAWL_ALLOW_PRIVATE": "true",
           "SMM_SECRET_KEY": TEST_SECRET, "SMM_SECRET_KEY_ID": TEST_KEY_ID, "HF_HUB_OFFLINE": "1"}
    os.environ.update(env)  # the worker's activities read get_settings(): same secret as the replay test
    try:
        _smm(env, "services", "up")
        _smm(env, "db", "migrate")
        from core.settings import get_settings

        get_settings.cache_clear()
        sizes = asyncio.run(_record(get_settings()))
        print(json.dumps({"histories": len(sizes), "largest": max(v["bytes"] for v in sizes.values()),
                          "total": sum(v["bytes"] for v in sizes.values())}))
    finally:
        subprocess.run([str(Path(sys.executable).parent / "smm"), "services", "down"], env={**os.environ, **env},
                       capture_output=True, timeout=120)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
