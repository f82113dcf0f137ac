"""API fixtures: two tenants with a key per role, a seeded campaign and card, an in-process HTTP client."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from api.app import create_app
from core.db import tenant_session
from core.identity import create_api_key
from core.models import ROLES, Campaign, DecisionCardRow, SimulationRunRow, Workspace


@dataclass
class Org:
    """A tenant, a bearer header per role, and (for the seeded one) a campaign and its card."""

    tenant: uuid.UUID
    headers: dict[str, dict[str, str]]
    campaign_id: str = ""
    card_id: str = ""
    card_sha256: str = ""
    secret_name: str = ""


def make_org(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> Org:
    tid = make_tenant()
    headers = {r: {"Authorization": f"Bearer {create_api_key(engine, tid, r).key}"} for r in ROLES}
    return Org(tid, headers)


def seed_card(engine: Engine, org: Org) -> None:
    """A campaign awaiting approval with one card, written directly (the end-to-end test runs the real pipeline)."""
    org.secret_name = f"secret-campaign-{uuid.uuid4().hex[:8]}"
    card = {"verdict": "Ready with conditions", "readiness": {"mean": 0.9, "p5": 0.8, "p95": 0.95},
            "proofs": {"fact_ids": [], "policy_decision_ids": [], "simulation_run_id": "x", "seed": 1}}
    with tenant_session(engine, org.tenant) as s:
        ws = Workspace(tenant_id=org.tenant, name=f"ws-{uuid.uuid4().hex[:8]}")
        s.add(ws)
        s.flush()
        camp = Campaign(tenant_id=org.tenant, workspace_id=ws.id, name=org.secret_name, status="awaiting_approval",
                        workflow_id=f"campaign-test-{uuid.uuid4().hex}")
        s.add(camp)
        s.flush()
        sim = SimulationRunRow(tenant_id=org.tenant, campaign_id=camp.id, seed=1, iterations=100, input={},
                               summary={})
        s.add(sim)
        s.flush()
        sha = hashlib.sha256(org.secret_name.encode()).hexdigest()
        row = DecisionCardRow(tenant_id=org.tenant, campaign_id=camp.id, simulation_run_id=sim.id, card=card,
                              card_sha256=sha)
        s.add(row)
        s.flush()
        org.campaign_id, org.card_id, org.card_sha256 = str(camp.id), str(row.id), sha


@pytest.fixture
def org_a(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> Org:
    org = make_org(engine, make_tenant)
    seed_card(engine, org)
    return org


@pytest.fixture
def org_b(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> Org:
    return make_org(engine, make_tenant)


@pytest.fixture
async def http(engine: Engine) -> AsyncIterator[httpx.AsyncClient]:
    """The app over ASGI in this event loop (the services are the session's real Postgres and Temporal)."""
    transport = httpx.ASGITransport(app=create_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as client:
        yield client


async def until_awaiting(http: httpx.AsyncClient, headers: dict[str, str], rid: str) -> dict[str, Any]:
    """Poll a campaign run started over HTTP until its decision card awaits approval (bounded)."""
    last: dict[str, Any] = {}
    for _ in range(300):  # at most ~10 minutes on a loaded machine
        r = await http.get(f"/v1/campaign-runs/{rid}", headers=headers)
        assert r.status_code == 200, r.text
        last = r.json()
        if last.get("status") == "awaiting_approval" and last.get("decision_card_id"):
            return last
        assert last["workflow_status"] == "running", last
        await asyncio.sleep(2)
    raise AssertionError(f"no card in time: {last}")
