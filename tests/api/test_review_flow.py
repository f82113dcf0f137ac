"""End to end over HTTP: a marketer starts a campaign, an approver reviews the card with its proofs and decides."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from temporalio.client import Client

from tests.api.conftest import Org, until_awaiting

pytestmark = pytest.mark.slow



async def test_review_and_approve_over_http(http: httpx.AsyncClient, org_a: Org, org_b: Org, coffee_site: str,
                                            shared_worker: Client) -> None:
    h = org_a.headers
    rid = f"e2e-{uuid.uuid4().hex}"
    trace_id = uuid.uuid4().hex  # the caller's W3C trace: the card's proofs name it
    traceparent = f"00-{trace_id}-{uuid.uuid4().hex[:16]}-01"
    started = await http.post("/v1/campaigns", headers={**h["marketer"], "Idempotency-Key": rid,
                                                        "traceparent": traceparent}, json={
        "brand_url": coffee_site, "name": "Winter blend", "seed": 5, "iterations": 2000, "embedder": "hashing",
        "start_date": "2026-12-01"})
    assert started.status_code == 202, started.text
    run = await until_awaiting(http, h["marketer"], rid)
    card_id, sha, cid = run["decision_card_id"], run["card_sha256"], run["campaign_id"]

    queue = (await http.get("/v1/decision-cards?status=pending", headers=h["approver"])).json()
    assert card_id in [c["id"] for c in queue]
    assert card_id not in [c["id"] for c in (await http.get("/v1/decision-cards?status=all",
                                                           headers=org_b.headers["approver"])).json()]
    detail = (await http.get(f"/v1/decision-cards/{card_id}", headers=h["approver"])).json()
    assert detail["card_sha256"] == sha and detail["pending"] is True and detail["campaign_id"] == cid
    assert detail["facts"] and all(f["quote"] and f["source_url"].startswith(coffee_site) for f in detail["facts"])
    assert detail["posts"] and detail["policy_decisions"] and detail["simulation"]["iterations"] == 2000
    assert detail["audit_head"]["last_seq"] > 0
    assert started.headers["x-trace-id"] == trace_id and detail["card"]["proofs"]["trace_id"] == trace_id
    assert (await http.get(f"/v1/decision-cards/{card_id}", headers=org_b.headers["approver"])).status_code == 404

    url = f"/v1/decision-cards/{card_id}/decision"
    requester = await http.post(url, headers=h["marketer"], json={"decision": "approve", "card_sha256": sha})
    assert requester.status_code == 403, requester.text
    stale = await http.post(url, headers=h["approver"], json={"decision": "approve", "card_sha256": "0" * 64})
    assert stale.status_code == 409 and "stale" in stale.json()["detail"], stale.text
    other = await http.post(url, headers=org_b.headers["approver"], json={"decision": "approve", "card_sha256": sha})
    assert other.status_code == 404, other.text

    approved = await http.post(url, headers={**h["approver"], "Idempotency-Key": f"d-{rid}"},
                               json={"decision": "approve", "comment": "on brand", "card_sha256": sha})
    assert approved.status_code == 200 and approved.json()["accepted"] is True, approved.text
    replay = await http.post(url, headers={**h["approver"], "Idempotency-Key": f"d-{rid}"},
                             json={"decision": "approve", "comment": "on brand", "card_sha256": sha})
    assert replay.status_code == 200 and replay.json() == approved.json()

    final = await asyncio.wait_for(shared_worker.get_workflow_handle(started.json()["workflow_id"]).result(), 120)
    assert final["status"] == "approved"
    status = (await http.get(f"/v1/campaigns/{cid}", headers=h["marketer"])).json()
    assert status["status"] == "approved" and [d["decision"] for d in status["decisions"]] == ["approve"]
    again = await http.post(url, headers=h["approver"], json={"decision": "reject", "card_sha256": sha})
    assert again.status_code == 409, again.text
    assert cid in [c["id"] for c in (await http.get("/v1/campaigns", headers=h["evaluator"])).json()]
    assert card_id not in [c["id"] for c in (await http.get("/v1/decision-cards", headers=h["approver"])).json()]


async def test_requester_cannot_approve_their_own_campaign_even_as_admin(
    http: httpx.AsyncClient, org_a: Org, coffee_site: str, shared_worker: Client,
) -> None:
    h = org_a.headers
    rid = f"own-{uuid.uuid4().hex}"
    started = await http.post("/v1/campaigns", headers={**h["admin"], "Idempotency-Key": rid}, json={
        "brand_url": coffee_site, "seed": 7, "iterations": 2000, "embedder": "hashing", "start_date": "2026-12-01"})
    assert started.status_code == 202, started.text
    run = await until_awaiting(http, h["admin"], rid)
    url = f"/v1/decision-cards/{run['decision_card_id']}/decision"
    own = await http.post(url, headers=h["admin"], json={"decision": "approve", "card_sha256": run["card_sha256"]})
    assert own.status_code == 403 and own.json()["detail"].startswith("policy:"), own.text
    rejected = await http.post(url, headers=h["approver"], json={"decision": "reject", "comment": "off brand",
                                                                 "card_sha256": run["card_sha256"]})
    assert rejected.status_code == 200, rejected.text
    final = await asyncio.wait_for(shared_worker.get_workflow_handle(started.json()["workflow_id"]).result(), 120)
    assert final["status"] == "rejected"
