"""Liveness, readiness (database, Temporal, policy engine) and Prometheus metrics."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from api.deps import EngineDep, SettingsDep
from api.metrics import REGISTRY
from api.models import Health, Readiness
from core.settings import Settings
from policies.decide import shared_engine
from workflows.worker import connect

router = APIRouter(tags=["health"])
#: A readiness probe answers quickly; a dependency slower than this counts as down.
CHECK_TIMEOUT_S = 3.0


def _database(engine: EngineDep) -> None:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


async def _temporal(settings: Settings) -> None:
    client = await connect(settings)
    await client.service_client.check_health()


def _policy(settings: Settings) -> None:
    shared_engine(settings)  # loads and compiles the bundle once; raises when it is broken


async def _probe(name: str, coro: Awaitable[object]) -> tuple[str, str]:
    # A probe reports any failure as "down" with its type (never a traceback in the answer).
    try:
        await asyncio.wait_for(coro, CHECK_TIMEOUT_S)
        return name, "ok"
    except Exception as exc:
        return name, f"down: {type(exc).__name__}"


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """Liveness probe."""
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness, "description": "Not ready"}})
async def readyz(engine: EngineDep, settings: SettingsDep) -> JSONResponse:
    """Readiness: the database, Temporal and the policy engine all answer."""
    results = await asyncio.gather(
        _probe("database", run_in_threadpool(_database, engine)),
        _probe("temporal", _temporal(settings)),
        _probe("policy_engine", run_in_threadpool(_policy, settings)))
    checks = dict(results)
    ok = all(v == "ok" for v in checks.values())
    body = Readiness(status="ok" if ok else "unavailable", checks=checks)
    return JSONResponse(status_code=200 if ok else 503, content=body.model_dump())


@router.get("/metrics", response_class=Response, responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}})
def metrics() -> Response:
    """Prometheus metrics (request latency by route and status, workflow starts, policy checks)."""
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
