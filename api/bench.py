"""`smm bench api`: latency and throughput of ``GET /v1/decision-cards/{id}`` over real HTTP on loopback.

Runs against the configured installation (services up, database migrated, like `smm bench db`), in
development only: it writes a bench tenant with an approver key and one decision card (workspace,
campaign, simulation run, card: the rows the route reads), starts `uvicorn api.app:create_app` as a
separate process on a free loopback port (one worker, access log off), and drives it over HTTP.
Every request goes the whole way: API key lookup, the rate-limit upsert (quotas raised so that the
bench is never refused, but counted as usual), the policy gate (decision recorded), the card's proofs.

- `p50_ms`/`p99_ms`: one request at a time (the latency a caller sees on an idle server), over one keep-alive
  connection of the standard library's http.client; `floor_p50_ms`: `GET /healthz` the same way (what HTTP,
  uvicorn and the middleware cost before any route work);
- `concurrent_p50_ms`/`concurrent_p99_ms`/`requests_per_s`: `concurrency` clients at once, each
  sending its next request when the last one answered (client and server share the machine's cores);
- `goal_met`: `p99_ms` ≤ GOAL_P99_MS; `goal_met_at_concurrency` the same for `concurrent_p99_ms`.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Engine

from core.errors import ServiceError
from core.settings import Settings, get_settings

GOAL_P99_MS = 20.0
#: The API process gets this long to answer /healthz (imports, pool warm-up) before the bench gives up.
STARTUP_TIMEOUT_S = 90.0
#: Quotas for the bench's API process: the limiter still runs its upsert, it just never refuses.
UNLIMITED = str(10**9)


def _bench_settings() -> Settings:
    settings = get_settings()
    if settings.env != "development":
        raise ServiceError("smm bench api runs in development only (it writes a bench tenant)")
    return settings


def seed_card(engine: Engine) -> tuple[str, str]:
    """A bench tenant with an approver key and one pending decision card: (API key, card id)."""
    import hashlib

    from core.db import tenant_session
    from core.identity import create_api_key, create_tenant
    from core.models import Campaign, DecisionCardRow, SimulationRunRow, Workspace

    tid = create_tenant(engine, f"bench-api-{uuid.uuid4().hex[:10]}").id
    key = create_api_key(engine, tid, "approver").key
    card = {"verdict": "Ready with conditions", "readiness": {"mean": 0.9, "p5": 0.8, "p95": 0.95},
            "proofs": {"fact_ids": [], "policy_decision_ids": [], "simulation_run_id": "bench", "seed": 1}}
    with tenant_session(engine, tid) as session:
        ws = Workspace(tenant_id=tid, name="bench")
        session.add(ws)
        session.flush()
        camp = Campaign(tenant_id=tid, workspace_id=ws.id, name="bench", status="awaiting_approval",
                        workflow_id=f"campaign-bench-{uuid.uuid4().hex}")
        session.add(camp)
        session.flush()
        sim = SimulationRunRow(tenant_id=tid, campaign_id=camp.id, seed=1, iterations=100, input={}, summary={})
        session.add(sim)
        session.flush()
        row = DecisionCardRow(tenant_id=tid, campaign_id=camp.id, simulation_run_id=sim.id, card=card,
                              card_sha256=hashlib.sha256(b"bench").hexdigest())
        session.add(row)
        session.flush()
        return key, str(row.id)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_api() -> Iterator[str]:
    """`uvicorn api.app:create_app` in its own process on loopback; its base URL until the block ends."""
    port = _free_port()
    env = {**os.environ, "SMM_RATE_LIMIT_TENANT": UNLIMITED, "SMM_RATE_LIMIT_KEY": UNLIMITED}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace")[-1500:] if proc.stderr else ""
                raise ServiceError(f"the API process exited with {proc.returncode}: {err}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise ServiceError(f"the API process did not answer /healthz within {STARTUP_TIMEOUT_S:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def _sequential(base: str, paths: tuple[str, ...], key: str, *, requests: int, warmup: int) -> list[list[float]]:
    """Per path, ``requests`` latencies one at a time over one keep-alive connection of the standard library's
    http.client: the thinnest client, so the figure is the server's (httpx's own work added 2-3 ms to each
    request here, as its /healthz latency showed)."""
    parsed = urlsplit(base)
    conn = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port, timeout=30)
    headers = {"Authorization": f"Bearer {key}"}

    def one(path: str) -> float:
        t0 = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - t0) * 1000
        if response.status != 200:
            raise ServiceError(f"GET {path} answered {response.status}: {body[:300]!r}")
        return elapsed

    try:
        out = []
        for path in paths:
            for _ in range(warmup):
                one(path)
            out.append([one(path) for _ in range(requests)])
        return out
    finally:
        conn.close()


async def _concurrent(base: str, path: str, key: str, *, requests: int, concurrency: int) -> tuple[list[float], float]:
    """``requests`` latencies from ``concurrency`` httpx clients at once, each sending its next request when the
    last one answered; and the wall time they took."""
    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as client:

        async def one() -> float:
            t0 = time.perf_counter()
            r = await client.get(path)
            elapsed = (time.perf_counter() - t0) * 1000
            if r.status_code != 200:
                raise ServiceError(f"GET {path} answered {r.status_code}: {r.text[:300]}")
            return elapsed

        await asyncio.gather(*(one() for _ in range(concurrency)))  # open the connections
        queue = iter(range(requests))
        concurrent: list[float] = []

        async def client_loop() -> None:
            for _ in queue:  # the shared iterator hands out exactly `requests` calls
                concurrent.append(await one())

        t0 = time.perf_counter()
        await asyncio.gather(*(client_loop() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return concurrent, wall


def run(requests: int = 1000, concurrency: int = 8, warmup: int = 100) -> dict[str, Any]:
    """Seed, serve, measure; the figures of the module docstring."""
    if requests < 1 or concurrency < 1 or warmup < 0:
        raise ValueError("requests and concurrency must be at least 1, warmup at least 0")
    from core.db import app_engine

    settings = _bench_settings()
    key, card_id = seed_card(app_engine(settings))
    path = f"/v1/decision-cards/{card_id}"
    with serve_api() as base:
        sequential, floor = _sequential(base, (path, "/healthz"), key, requests=requests, warmup=warmup)
        concurrent, wall = asyncio.run(_concurrent(base, path, key, requests=requests, concurrency=concurrency))
    p99, cp99 = _pct(sequential, 0.99), _pct(concurrent, 0.99)
    return {
        "route": "GET /v1/decision-cards/{id}", "requests": requests, "concurrency": concurrency,
        "p50_ms": _pct(sequential, 0.50), "p99_ms": p99, "floor_p50_ms": _pct(floor, 0.50),
        "concurrent_p50_ms": _pct(concurrent, 0.50), "concurrent_p99_ms": cp99,
        "requests_per_s": round(len(concurrent) / wall, 1),
        "goal_p99_ms": GOAL_P99_MS, "goal_met": p99 <= GOAL_P99_MS, "goal_met_at_concurrency": cp99 <= GOAL_P99_MS,
    }
