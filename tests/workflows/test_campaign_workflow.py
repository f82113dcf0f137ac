"""The campaign workflow on the real Temporal dev server: research and campaign graphs as activities."""

from __future__ import annotations

import dataclasses
import json
import re
import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select

from core.audit import verify_tenant
from core.db import tenant_session
from core.identity import create_api_key
from core.keys import keyring
from core.models import Campaign, DecisionCardRow, PolicyDecisionRow, Source
from core.settings import get_settings
from fixtures.server import serve_site
from workflows.activities import CampaignRequest
from workflows.campaign import CampaignWorkflow
from workflows.runner import wait_for_card
from workflows.signing import sign_start


def _request(engine: Engine, tid: uuid.UUID, url: str) -> CampaignRequest:
    marketer = create_api_key(engine, tid, "marketer", email="m@coffee.test").user_id
    return CampaignRequest(tenant_id=str(tid), brand_url=url, requested_by=str(marketer), seed=7,
                           iterations=5000, embedder="hashing", start_date="2026-12-01")


async def _run(worker_queue: tuple[object, str], req: CampaignRequest, *, sign: bool = True) -> dict[str, object]:
    """Start as the CLI does (signed) on the test's private queue and wait for the result."""
    client, queue = worker_queue
    wid = f"campaign-{uuid.uuid4()}"
    if sign:
        req = dataclasses.replace(req, start_token=sign_start(keyring(get_settings()), req, wid))
    handle = await client.start_workflow(  # type: ignore[attr-defined]
        CampaignWorkflow.run, req, id=wid, task_queue=queue, execution_timeout=timedelta(minutes=5))
    return await wait_for_card(handle, get_settings(), req.tenant_id)


async def test_brand_url_to_decision_card(worker_queue: tuple[object, str], engine: Engine, coffee_site: str,
                                          make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    result = await _run(worker_queue, _request(engine, tid, coffee_site))
    assert result["status"] == "awaiting_approval", result
    card = result["decision_card"]
    assert isinstance(card, dict) and len(card["recommended_actions"]) == 3
    with tenant_session(engine, tid) as s:
        campaign = s.get(Campaign, uuid.UUID(str(result["campaign_id"])))
        stored_card = s.get(DecisionCardRow, uuid.UUID(str(result["decision_card_id"])))
        decision_ids = {str(i) for i in s.execute(select(PolicyDecisionRow.id)).scalars()}
        sources = s.execute(select(func.count()).select_from(Source)).scalar_one()
        chain = verify_tenant(s, tid)
    assert campaign is not None and campaign.status == "awaiting_approval"
    assert stored_card is not None and stored_card.card == card
    # Every policy decision the card cites was recorded, including the research gate's.
    assert set(card["proofs"]["policy_decision_ids"]) <= decision_ids
    assert result["research_policy_decision_id"] in decision_ids
    assert sources > 0 and chain.ok


async def test_same_seed_same_card(worker_queue: tuple[object, str], engine: Engine, coffee_site: str,
                                   make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    req = _request(engine, tid, coffee_site)
    first = await _run(worker_queue, req)
    second = await _run(worker_queue, req)
    a, b = first["decision_card"], second["decision_card"]
    assert isinstance(a, dict) and isinstance(b, dict)
    # Content is identical; only references differ (campaign, post, run and decision ids, trace, audit head).
    # The verdict names the posts it is about by id, so ids are compared as placeholders.
    strip = {"proofs", "campaign_id", "recommended_actions"}

    def content(card: dict[str, object]) -> str:
        text = json.dumps({k: v for k, v in card.items() if k not in strip}, sort_keys=True)
        return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", text)

    assert content(a) == content(b)
    gains = [(x["kind"], x["readiness_gain"]) for x in a["recommended_actions"]]
    assert gains == [(x["kind"], x["readiness_gain"]) for x in b["recommended_actions"]]
    assert a["proofs"]["seed"] == b["proofs"]["seed"] and a["proofs"]["fact_ids"] == b["proofs"]["fact_ids"]


async def test_loopback_target_is_denied_without_permission(
    worker_queue: tuple[object, str], engine: Engine, coffee_site: str, make_tenant: Callable[[], uuid.UUID],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tid = make_tenant()
    monkeypatch.setenv("SMM_CRAWL_ALLOW_PRIVATE", "false")
    get_settings.cache_clear()
    try:
        result = await _run(worker_queue, _request(engine, tid, coffee_site))
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert result["status"] == "denied" and result["reasons"]
    with tenant_session(engine, tid) as s:
        assert s.execute(select(func.count()).select_from(Source)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(Campaign)).scalar_one() == 0
        denied = s.get(PolicyDecisionRow, uuid.UUID(str(result["policy_decision_id"])))
    assert denied is not None and denied.allow is False


async def test_unusable_site_fails_clearly_and_stores_nothing(
    worker_queue: tuple[object, str], engine: Engine, make_tenant: Callable[[], uuid.UUID]
) -> None:
    tid = make_tenant()
    with serve_site("bad-404-home") as base:
        result = await _run(worker_queue, _request(engine, tid, base + "/"))
    assert result["status"] == "failed" and result["stage"] == "research" and result["message"]
    with tenant_session(engine, tid) as s:
        assert s.execute(select(func.count()).select_from(Source)).scalar_one() == 0


async def test_role_comes_from_the_database_not_the_request(
    worker_queue: tuple[object, str], engine: Engine, coffee_site: str, make_tenant: Callable[[], uuid.UUID]
) -> None:
    tid = make_tenant()
    # An approver may not start research, whatever a workflow input could claim.
    approver = create_api_key(engine, tid, "approver", email="a@coffee.test").user_id
    req = _request(engine, tid, coffee_site)
    result = await _run(worker_queue, CampaignRequest(**{**req.__dict__, "requested_by": str(approver)}))
    assert result["status"] == "denied"
    assert any("approver" in r and "research.start" in r for r in result["reasons"]), result  # type: ignore[union-attr]


async def test_unknown_requester_fails_the_run_at_once(
    worker_queue: tuple[object, str], engine: Engine, coffee_site: str, make_tenant: Callable[[], uuid.UUID]
) -> None:
    import time

    tid = make_tenant()
    req = _request(engine, tid, coffee_site)
    t0 = time.monotonic()
    result = await _run(worker_queue, CampaignRequest(**{**req.__dict__, "requested_by": str(uuid.uuid4())}))
    # NotFound is not retryable: the run ends failed on the first attempt, naming the step and the reason.
    assert time.monotonic() - t0 < 20
    assert result["status"] == "failed" and result["stage"] == "gate_research_activity", result
    assert "NotFound" in str(result["message"]) and "not found" in str(result["message"])
    with tenant_session(engine, tid) as s:
        assert s.execute(select(func.count()).select_from(Source)).scalar_one() == 0
