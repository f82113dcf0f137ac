"""Runs survive restarts: Postgres or Temporal killed mid-campaign, a worker killed mid-crawl, a CLI
killed or interrupted. Each ends with exactly one brand twin and one campaign per request."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from core.db import app_engine, tenant_session
from core.models import BrandTwinRow, Campaign
from core.settings import Settings
from fixtures.server import serve_site
from tests.faults.conftest import Installation, kill
from workflows.runner import workflow_id_for
from workflows.worker import connect

pytestmark = pytest.mark.slow

#: Slow pages so that the crawl lasts long enough to act in its middle.
PAGE_DELAY_S = 0.3
ACTIVE = 2  # PENDING_ACTIVITY_STATE_STARTED


def _settings(inst: Installation) -> Settings:
    return Settings(home=inst.home, env="development", crawl_allow_private=True)


def _counts(inst: Installation) -> tuple[int, int]:
    with tenant_session(app_engine(_settings(inst)), inst.tenant_id) as s:
        return (s.execute(select(func.count()).select_from(BrandTwinRow)).scalar_one(),
                s.execute(select(func.count()).select_from(Campaign)).scalar_one())


def _campaign_run(inst: Installation, url: str, rid: str, *extra: str) -> subprocess.Popen[bytes]:
    return inst.popen("campaign", "run", url, "--tenant", inst.tenant_id, "--requested-by", inst.marketer_id,
                      "--request-id", rid, "--embedder", "hashing", "--iterations", "2000", "--json", *extra)


def _workflow_id(inst: Installation, rid: str) -> str:
    from workflows.activities import CampaignRequest

    return workflow_id_for(_settings(inst), CampaignRequest(tenant_id=inst.tenant_id, brand_url="", request_id=rid))


def _pending(inst: Installation, wid: str) -> list[Any]:
    async def describe() -> list[Any]:
        client = await connect(_settings(inst))
        desc = await client.get_workflow_handle(wid).describe()
        return list(desc.raw_description.pending_activities)

    try:
        return asyncio.run(describe())
    except Exception:  # not started yet, or the server is restarting
        return []


def _wait_until(what: str, check: Callable[[], bool], timeout: float = 120) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if check():
            return time.monotonic() - t0
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _active(inst: Installation, wid: str, activity: str, min_attempt: int = 1) -> bool:
    return any(a.activity_type.name == activity and a.state == ACTIVE and a.attempt >= min_attempt
               for a in _pending(inst, wid))


def _retrying(inst: Installation, wid: str) -> bool:
    return any(a.attempt >= 2 for a in _pending(inst, wid))


def _result(proc: subprocess.Popen[bytes], timeout: float = 300) -> dict[str, Any]:
    out, _ = proc.communicate(timeout=timeout)
    assert out, f"no result (exit {proc.returncode})"
    result: dict[str, Any] = json.loads(out)
    return result


@pytest.fixture(scope="module")
def worker(installation: Installation) -> subprocess.Popen[bytes]:
    return installation.start_worker()


def test_postgres_killed_mid_campaign_then_services_up(installation: Installation,
                                                       worker: subprocess.Popen[bytes]) -> None:
    inst, rid = installation, uuid.uuid4().hex
    before = _counts(inst)
    port = inst.services()["postgres"]["port"]
    with serve_site("northpeak-coffee", delay_s=PAGE_DELAY_S) as base:
        run = _campaign_run(inst, base + "/", rid, "--no-inline-worker")
        wid = _workflow_id(inst, rid)
        _wait_until("the crawl", lambda: _active(inst, wid, "research.crawl"))
        kill(inst.postgres_pid())
        # A step that needs the database fails and is retried (bounded), then the operator restarts.
        _wait_until("a retried step", lambda: _retrying(inst, wid))
        inst.smm_json("services", "up")
        assert inst.services()["postgres"]["port"] == port  # clients never chase a new port
        result = _result(run)
    assert result["status"] == "awaiting_approval", result
    assert worker.poll() is None  # no manual worker restart
    assert _counts(inst) == (before[0] + 1, before[1] + 1)


def test_temporal_killed_mid_campaign_then_services_up(installation: Installation,
                                                       worker: subprocess.Popen[bytes]) -> None:
    inst, rid = installation, uuid.uuid4().hex
    before = _counts(inst)
    port = inst.services()["temporal"]["port"]
    with serve_site("northpeak-coffee", delay_s=PAGE_DELAY_S) as base:
        run = _campaign_run(inst, base + "/", rid, "--no-inline-worker")
        wid = _workflow_id(inst, rid)
        _wait_until("the crawl", lambda: _active(inst, wid, "research.crawl"))
        kill(inst.temporal_pid())
        time.sleep(3)
        inst.smm_json("services", "up")
        assert inst.services()["temporal"]["port"] == port
        result = _result(run)
    assert result["status"] == "awaiting_approval", result
    assert worker.poll() is None  # the worker reconnected by itself
    assert _counts(inst) == (before[0] + 1, before[1] + 1)


def test_worker_killed_mid_crawl_resumes_within_a_minute(installation: Installation,
                                                         worker: subprocess.Popen[bytes]) -> None:
    inst, rid = installation, uuid.uuid4().hex
    before = _counts(inst)
    hits: Counter[str] = Counter()
    # The crawler keeps up to 4 requests in flight, so an unthrottled crawl outruns its checkpoint (a heartbeat
    # at most every 2 s). Workers of this test space their requests 1.5 s apart, so the pages a kill loses
    # are the few fetched since the last heartbeat, and "resumed from the checkpoint" is measurable.
    for proc in list(inst.workers):
        kill(proc)
    inst.workers.clear()
    inst.env["SMM_CRAWL_POLITENESS_DELAY_S"] = "1.5"
    try:
        inst.start_worker()
        _crawl_resumes(inst, rid, before, hits)
    finally:
        inst.env.pop("SMM_CRAWL_POLITENESS_DELAY_S")
        for proc in list(inst.workers):
            kill(proc)
        inst.workers.clear()


def _crawl_resumes(inst: Installation, rid: str, before: tuple[int, int], hits: Counter[str]) -> None:
    with serve_site("northpeak-coffee", delay_s=PAGE_DELAY_S, hits=hits) as base:
        run = _campaign_run(inst, base + "/", rid, "--no-inline-worker")
        wid = _workflow_id(inst, rid)
        _wait_until("the crawl", lambda: _active(inst, wid, "research.crawl"))
        _wait_until("some pages", lambda: sum(hits.values()) >= 6)
        time.sleep(2)  # the newest checkpoint has gone out with a heartbeat (throttled to 2 s)
        fetched_before = {p for p, n in hits.items() if n and p != "/robots.txt"}
        for proc in list(inst.workers):
            kill(proc)
        inst.workers.clear()
        replacement = inst.start_worker()
        resumed_after = _wait_until("the crawl's second attempt",
                                    lambda: _active(inst, wid, "research.crawl", min_attempt=2), timeout=90)
        result = _result(run)
    assert resumed_after <= 60, resumed_after
    # The second attempt resumed from the checkpoint: pages fetched before the kill were not fetched again.
    refetched = {p for p in fetched_before if hits[p] > 1}
    assert len(refetched) < len(fetched_before) // 2, (sorted(refetched), sorted(fetched_before))
    assert result["status"] == "awaiting_approval", result
    assert replacement.poll() is None
    assert _counts(inst) == (before[0] + 1, before[1] + 1)


def test_cli_killed_then_rerun_with_same_request_id_attaches(installation: Installation) -> None:
    inst, rid = installation, uuid.uuid4().hex
    if not any(p.poll() is None for p in inst.workers):
        inst.start_worker()
    before = _counts(inst)
    with serve_site("northpeak-coffee", delay_s=PAGE_DELAY_S) as base:
        first = _campaign_run(inst, base + "/", rid)
        wid = _workflow_id(inst, rid)
        _wait_until("the crawl", lambda: _active(inst, wid, "research.crawl"))
        kill(first)
        again = _result(_campaign_run(inst, base + "/", rid))
    assert again["status"] == "awaiting_approval", again
    assert again["workflow_id"] == wid
    assert _counts(inst) == (before[0] + 1, before[1] + 1)


def test_cli_interrupted_with_cancel_cancels_the_run(installation: Installation) -> None:
    inst, rid = installation, uuid.uuid4().hex
    before = _counts(inst)
    with serve_site("northpeak-coffee", delay_s=PAGE_DELAY_S) as base:
        first = _campaign_run(inst, base + "/", rid, "--on-interrupt", "cancel")
        wid = _workflow_id(inst, rid)
        _wait_until("the crawl", lambda: _active(inst, wid, "research.crawl"))
        kill(first, signal.SIGINT)
        assert first.returncode == 130, inst.stderr_of(first)
        again = _result(_campaign_run(inst, base + "/", rid))
    assert again["status"] == "cancelled", again
    assert _counts(inst) == before  # cancelled during research: nothing stored, no second run started
