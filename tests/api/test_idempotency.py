"""Idempotency-Key on POST /v1/campaigns: replay, conflicting body, 20 concurrent duplicates → one run."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from sqlalchemy import Engine, func, select

from core.db import tenant_session
from core.models import IdempotencyKey
from core.settings import Settings
from tests.api.conftest import Org
from tests.api.test_boundary import DEAD_URL
from workflows.worker import connect


async def _runs(settings: Settings, workflow_id: str) -> int:
    client = await connect(settings)
    return len([w async for w in client.list_workflows(f'WorkflowId = "{workflow_id}"')])


async def _terminate(settings: Settings, *workflow_ids: str) -> None:
    # No worker serves these runs; end them so a later test's worker does not pick them up.
    client = await connect(settings)
    for wid in set(workflow_ids):
        await client.get_workflow_handle(wid).terminate("test over")


def _stored(engine: Engine, org: Org, key: str) -> int:
    with tenant_session(engine, org.tenant) as s:
        return int(s.execute(select(func.count()).select_from(IdempotencyKey)
                             .where(IdempotencyKey.key == key)).scalar_one())


async def test_repeat_replays_and_another_body_is_422(http: httpx.AsyncClient, org_a: Org, org_b: Org,
                                                       engine: Engine, settings: Settings) -> None:
    key = f"k-{uuid.uuid4().hex}"
    h = {**org_a.headers["marketer"], "Idempotency-Key": key}
    first = await http.post("/v1/campaigns", json={"brand_url": DEAD_URL, "name": "One"}, headers=h)
    again = await http.post("/v1/campaigns", json={"brand_url": DEAD_URL, "name": "One"}, headers=h)
    assert first.status_code == again.status_code == 202, (first.text, again.text)
    assert first.json() == again.json() and first.json()["request_id"] == key
    other = await http.post("/v1/campaigns", json={"brand_url": DEAD_URL, "name": "Two"}, headers=h)
    assert other.status_code == 422 and "Idempotency-Key" in other.json()["detail"], other.text
    # Keys are per tenant: B's identical key is B's own run.
    theirs = await http.post("/v1/campaigns", json={"brand_url": DEAD_URL, "name": "One"},
                             headers={**org_b.headers["marketer"], "Idempotency-Key": key})
    assert theirs.status_code == 202 and theirs.json()["workflow_id"] != first.json()["workflow_id"]
    assert _stored(engine, org_a, key) == 1
    run = await http.get(f"/v1/campaign-runs/{key}", headers=org_a.headers["marketer"])  # no worker: 5 s
    assert run.status_code == 200 and run.json()["workflow_id"] == first.json()["workflow_id"], run.text
    assert (await http.get(f"/v1/campaign-runs/{key}", headers=org_b.headers["admin"])).json()["workflow_id"] \
        == theirs.json()["workflow_id"]
    await _terminate(settings, first.json()["workflow_id"], theirs.json()["workflow_id"])


async def test_twenty_concurrent_duplicates_make_one_run(http: httpx.AsyncClient, org_a: Org, engine: Engine,
                                                         settings: Settings) -> None:
    key = f"c-{uuid.uuid4().hex}"
    h = {**org_a.headers["marketer"], "Idempotency-Key": key}
    answers = await asyncio.gather(*(http.post("/v1/campaigns", json={"brand_url": DEAD_URL}, headers=h)
                                     for _ in range(20)))
    assert {a.status_code for a in answers} == {202}, [a.text for a in answers if a.status_code != 202]
    bodies = {a.text for a in answers}
    assert len(bodies) == 1, bodies
    wid = answers[0].json()["workflow_id"]
    assert _stored(engine, org_a, key) == 1
    for _ in range(60):  # visibility is eventually consistent: up to 30 s
        count = await _runs(settings, wid)
        if count:
            break
        await asyncio.sleep(0.5)
    assert count == 1
    await _terminate(settings, wid)
