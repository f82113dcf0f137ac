"""The app behind a real uvicorn server on loopback: request ids, auth and the body cap over real HTTP."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
from sqlalchemy import Engine

from core.identity import create_api_key


def test_real_http(server: str, engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    key = create_api_key(engine, make_tenant(), "marketer").key
    with httpx.Client(base_url=server, timeout=30) as client:
        me = client.get("/v1/me", headers={"Authorization": f"Bearer {key}"})
        assert me.status_code == 200 and me.json()["role"] == "marketer" and me.headers["x-request-id"]
        assert client.get("/v1/campaigns").status_code == 401
        big = client.post("/v1/campaigns", content=b"{" + b" " * 200_000 + b"}",
                          headers={"Authorization": f"Bearer {key}", "content-type": "application/json"})
        assert big.status_code == 413
        ready = client.get("/readyz")
        assert ready.status_code == 200 and ready.json()["status"] == "ok", ready.text
