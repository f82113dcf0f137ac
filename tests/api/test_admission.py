"""Admission (key, rate limit, gate decision) is one transaction whose refusals are still on record."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import Engine, func, select, update

from api import ratelimit
from core.db import tenant_session
from core.identity import LAST_USED_RESOLUTION, authenticate
from core.models import ApiKey, AuditEvent, PolicyDecisionRow, RateLimitCounter
from tests.api.conftest import Org


def _counts(engine: Engine, tid: uuid.UUID) -> tuple[int, int, int, int]:
    """(decisions allowed, decisions denied, policy audit events, tenant rate-limit hits)."""
    with tenant_session(engine, tid) as s:
        allowed = s.scalar(select(func.count()).select_from(PolicyDecisionRow).where(PolicyDecisionRow.allow))
        denied = s.scalar(select(func.count()).select_from(PolicyDecisionRow).where(~PolicyDecisionRow.allow))
        events = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "policy.decision"))
        hits = s.scalar(select(RateLimitCounter.hits).where(RateLimitCounter.bucket == ratelimit.TENANT_BUCKET))
    return int(allowed or 0), int(denied or 0), int(events or 0), int(hits or 0)


async def test_an_allowed_read_records_its_decision_and_counts(
        http: httpx.AsyncClient, engine: Engine, org_a: Org) -> None:
    before = _counts(engine, org_a.tenant)
    r = await http.get(f"/v1/decision-cards/{org_a.card_id}", headers=org_a.headers["approver"])
    assert r.status_code == 200, r.text
    assert _counts(engine, org_a.tenant) == (before[0] + 1, before[1], before[2] + 1, before[3] + 1)


async def test_a_denied_request_is_recorded_and_counted_although_it_is_refused(
        http: httpx.AsyncClient, engine: Engine, org_a: Org) -> None:
    before = _counts(engine, org_a.tenant)
    r = await http.post("/v1/campaigns", headers=org_a.headers["evaluator"], json={"workspace": "x"})
    assert r.status_code == 403, r.text
    assert r.json()["reasons"], r.text  # the gate's reasons reach the caller
    assert _counts(engine, org_a.tenant) == (before[0], before[1] + 1, before[2] + 1, before[3] + 1)


async def test_an_unknown_key_counts_against_no_tenant_and_records_nothing(
        http: httpx.AsyncClient, engine: Engine, org_a: Org) -> None:
    before = _counts(engine, org_a.tenant)
    real = org_a.headers["approver"]["Authorization"]
    forged = real[:-6] + ("000000" if not real.endswith("000000") else "111111")
    r = await http.get(f"/v1/decision-cards/{org_a.card_id}", headers={"Authorization": forged})
    assert r.status_code == 401, r.text
    assert _counts(engine, org_a.tenant) == before


def test_last_used_is_kept_to_the_minute(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    from core.identity import create_api_key

    tid = make_tenant()
    key = create_api_key(engine, tid, "approver").key

    def last_used() -> datetime | None:
        with tenant_session(engine, tid) as s:
            return s.scalar(select(ApiKey.last_used_at))

    authenticate(engine, key)
    first = last_used()
    assert first is not None
    authenticate(engine, key)
    assert last_used() == first  # within the resolution: no write
    stale = datetime.now(UTC) - LAST_USED_RESOLUTION - timedelta(seconds=5)
    with tenant_session(engine, tid) as s:
        s.execute(update(ApiKey).values(last_used_at=stale))
    authenticate(engine, key)
    moved = last_used()
    assert moved is not None and moved > stale + LAST_USED_RESOLUTION


async def test_a_read_that_finds_nothing_is_a_404_with_its_admission_on_record(
        http: httpx.AsyncClient, engine: Engine, org_a: Org, org_b: Org) -> None:
    before = _counts(engine, org_b.tenant)
    # Another tenant's card: invisible under row-level security, so the same 404 as a missing one.
    r = await http.get(f"/v1/decision-cards/{org_a.card_id}", headers=org_b.headers["approver"])
    assert r.status_code == 404, r.text
    assert _counts(engine, org_b.tenant) == (before[0] + 1, before[1], before[2] + 1, before[3] + 1)


async def test_the_engine_is_looked_up_once_and_a_database_that_went_away_is_a_503(
        engine: Engine, org_a: Org) -> None:
    """The app keeps its engine (finding the embedded server's URL reads files and checks a process on
    every call); when the database behind it is gone, a request answers 503 with a reason, not a 500."""
    from sqlalchemy import create_engine

    from api.app import create_app

    app = create_app()
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as client:
        assert (await client.get("/v1/me", headers=org_a.headers["approver"])).status_code == 200
        kept = app.state.engine
        assert (await client.get("/v1/me", headers=org_a.headers["approver"])).status_code == 200
        assert app.state.engine is kept
        # Nothing listens on port 1 of loopback: the pooled engine's connection attempt fails.
        app.state.engine = create_engine("postgresql+psycopg://nobody:x@127.0.0.1:1/smm",
                                         connect_args={"connect_timeout": 2})
        r = await client.get(f"/v1/decision-cards/{org_a.card_id}", headers=org_a.headers["approver"])
    assert r.status_code == 503, r.text
    assert "database is unavailable" in r.json()["detail"]
