"""Rate limits per tenant and per key: two real API processes share the counts; 429 with Retry-After."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from api.app import create_app
from api.deps import settings_dep
from core.identity import create_api_key
from core.settings import Settings

QUOTA = 5  # tenant A's quota in the two-process test: small, so the loop is short
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_api(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen(  # the real `smm api` command
        [str(Path(sys.executable).parent / "smm"), "api", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return proc, f"http://127.0.0.1:{port}"


def _wait_ready(proc: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, (proc.stderr.read() if proc.stderr else b"").decode()[-2000:]
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"API at {base} not up in 90 s")


@pytest.fixture(scope="module")
def two_apis(engine: Engine) -> Iterator[list[str]]:
    """Two `smm api` processes on loopback sharing the session's database; a tenant quota of QUOTA."""
    env = {"SMM_RATE_LIMIT_TENANT": str(QUOTA), "SMM_RATE_LIMIT_KEY": "1000", "SMM_RATE_LIMIT_WINDOW_S": "600"}
    procs = [_start_api(env) for _ in range(2)]
    try:
        for proc, base in procs:
            _wait_ready(proc, base)
        yield [base for _, base in procs]
    finally:
        for proc, _ in procs:
            proc.terminate()
        for proc, _ in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def _get_me(base: str, key: str) -> httpx.Response:
    return httpx.get(f"{base}/v1/me", headers={"Authorization": f"Bearer {key}"}, timeout=30)


def test_tenant_quota_holds_across_two_processes(two_apis: list[str], engine: Engine,
                                                  make_tenant: Callable[[], uuid.UUID]) -> None:
    key_a = create_api_key(engine, make_tenant(), "marketer").key
    key_b = create_api_key(engine, make_tenant(), "marketer").key
    # 3× A's quota alternating over both processes, B's full quota at the same time (bounded: 20 calls).
    calls: list[tuple[str, str, str]] = []
    for i in range(3 * QUOTA):
        calls.append((two_apis[i % 2], key_a, "A"))
        if i % 3 == 0:
            calls.append((two_apis[(i // 3) % 2], key_b, "B"))
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda c: (c[2], c[0], _get_me(c[0], c[1])), calls))

    a = [(base, r) for who, base, r in answers if who == "A"]
    b = [r for who, _, r in answers if who == "B"]
    served = [r for _, r in a if r.status_code != 429]
    limited = [(base, r) for base, r in a if r.status_code == 429]
    assert len(served) == QUOTA and all(r.status_code == 200 for r in served), [r.status_code for _, r in a]
    assert len(limited) == 2 * QUOTA
    assert {base for base, _ in limited} == set(two_apis)  # both processes refused: the count is shared
    for _, r in limited:
        assert 1 <= int(r.headers["retry-after"]) <= 600
        body = r.json()
        assert "rate limit" in body["detail"] and body["request_id"] == r.headers["x-request-id"]
        assert body["trace_id"] == r.headers["x-trace-id"]
    assert [r.status_code for r in b] == [200] * QUOTA  # tenant B unaffected


@pytest.fixture
def limited_client(engine: Engine, settings: Settings) -> Iterator[Callable[..., httpx.AsyncClient]]:
    """An in-process client whose app runs with the given rate-limit settings."""
    def make(**limits: object) -> httpx.AsyncClient:
        app = create_app()
        app.dependency_overrides[settings_dep] = lambda: settings.model_copy(update=limits)
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api.test")
    yield make


async def test_key_quota_limits_one_key_not_its_siblings(limited_client: Callable[..., httpx.AsyncClient],
                                                         engine: Engine,
                                                         make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    noisy, quiet = (create_api_key(engine, tid, "marketer").key for _ in range(2))
    async with limited_client(rate_limit_tenant=100, rate_limit_key=3, rate_limit_window_s=600) as http:
        codes = [(await http.get("/v1/me", headers={"Authorization": f"Bearer {noisy}"})).status_code
                 for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        r = await http.get("/v1/me", headers={"Authorization": f"Bearer {noisy}"})
        assert r.status_code == 429 and "API key" in r.json()["detail"] and int(r.headers["retry-after"]) >= 1
        for _ in range(3):
            assert (await http.get("/v1/me", headers={"Authorization": f"Bearer {quiet}"})).status_code == 200


async def test_tenant_override_and_what_is_not_counted(limited_client: Callable[..., httpx.AsyncClient],
                                                       engine: Engine,
                                                       make_tenant: Callable[[], uuid.UUID]) -> None:
    small, big = make_tenant(), make_tenant()
    k_small, k_big = create_api_key(engine, small, "admin").key, create_api_key(engine, big, "admin").key
    async with limited_client(rate_limit_tenant=1, rate_limit_key=100, rate_limit_window_s=600,
                              rate_limit_tenant_overrides={str(big): 3}) as http:
        for _ in range(5):  # unauthenticated and health/metrics: never counted, never limited
            assert (await http.get("/v1/me", headers={"Authorization": "Bearer nope"})).status_code == 401
            assert (await http.get("/v1/me")).status_code == 401
            assert (await http.get("/healthz")).status_code == 200
            assert (await http.get("/metrics")).status_code == 200
        assert (await http.get("/v1/me", headers={"Authorization": f"Bearer {k_small}"})).status_code == 200
        assert (await http.get("/v1/me", headers={"Authorization": f"Bearer {k_small}"})).status_code == 429
        big_codes = [(await http.get("/v1/me", headers={"Authorization": f"Bearer {k_big}"})).status_code
                     for _ in range(4)]
        assert big_codes == [200, 200, 200, 429]


async def test_window_resets(limited_client: Callable[..., httpx.AsyncClient], engine: Engine,
                             make_tenant: Callable[[], uuid.UUID]) -> None:
    key = create_api_key(engine, make_tenant(), "marketer").key
    async with limited_client(rate_limit_tenant=1, rate_limit_key=100, rate_limit_window_s=1) as http:
        headers = {"Authorization": f"Bearer {key}"}
        assert (await http.get("/v1/me", headers=headers)).status_code == 200
        refused = await http.get("/v1/me", headers=headers)
        assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
        await asyncio.sleep(1.1)  # the one-second window has passed: a new one starts with this request
        assert (await http.get("/v1/me", headers=headers)).status_code == 200


def test_openapi_documents_429_with_retry_after() -> None:
    spec = create_app().openapi()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            codes = op.get("responses", {})
            if "401" in codes:
                assert "429" in codes, (method, path)
                assert "Retry-After" in codes["429"]["headers"], (method, path)
            if path in ("/healthz", "/readyz", "/metrics"):
                assert "429" not in codes, (method, path)
