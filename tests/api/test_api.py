"""The API authenticates with hashed keys and maps domain errors to HTTP statuses."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.app import create_app
from core.identity import create_api_key


def test_me_with_valid_and_invalid_keys(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    key = create_api_key(engine, tid, "approver").key
    client = TestClient(create_app())
    ok = client.get("/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert ok.status_code == 200 and ok.json()["tenant_id"] == str(tid) and ok.json()["role"] == "approver"
    assert client.get("/v1/me").status_code == 401
    bad = client.get("/v1/me", headers={"Authorization": "Bearer smm_" + "0" * 32 + "_" + "0" * 12 + "_" + "0" * 48})
    assert bad.status_code == 401 and bad.json()["detail"] == "invalid API key"
    assert client.get("/healthz").json() == {"status": "ok"}
