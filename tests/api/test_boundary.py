"""The API as a security boundary: 401/403/404 across tenants, strict input, no 5xx for bad input."""

from __future__ import annotations

import json

import httpx

from tests.api.conftest import Org

#: A loopback port nothing listens on: a started run fails its crawl fast if a worker ever serves it.
DEAD_URL = "http://127.0.0.1:9/"


def _tampered(header: str) -> str:
    """The same key with its last secret digit changed (a well-formed key that must not authenticate)."""
    return header[:-1] + ("1" if header[-1] == "0" else "0")


#: A session id no tenant has (the onboarding routes' own tests use real sessions).
ONBOARDING_ID = "3f2b8c4e-0d1a-4c5e-9f6a-7b8c9d0e1f2a"


def routes(org: Org) -> list[tuple[str, str, dict[str, object] | None]]:
    """Every /v1 route built, with valid bodies, pointed at ``org``'s resources."""
    return [
        ("GET", "/v1/me", None),
        ("GET", "/v1/campaigns", None),
        ("POST", "/v1/campaigns", {"brand_url": DEAD_URL}),
        ("GET", f"/v1/campaigns/{org.campaign_id}", None),
        ("GET", "/v1/campaign-runs/some-request", None),
        ("GET", "/v1/decision-cards?status=all", None),
        ("GET", f"/v1/decision-cards/{org.card_id}", None),
        ("POST", f"/v1/decision-cards/{org.card_id}/decision",
         {"decision": "approve", "comment": "", "card_sha256": org.card_sha256}),
        ("GET", f"/v1/onboarding/sessions/{ONBOARDING_ID}", None),
        ("GET", f"/v1/onboarding/sessions/{ONBOARDING_ID}/events?max_wait_s=0", None),
        ("POST", f"/v1/onboarding/sessions/{ONBOARDING_ID}/messages?max_wait_s=0", {"text": "hello"}),
        ("POST", f"/v1/onboarding/sessions/{ONBOARDING_ID}/contract", {"mode": "live"}),
    ]


async def test_missing_or_invalid_key_is_401_on_every_route(http: httpx.AsyncClient, org_a: Org) -> None:
    bad_keys = [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"},
                {"Authorization": "Bearer smm_" + "0" * 32 + "_" + "0" * 12 + "_" + "0" * 48},
                {"Authorization": _tampered(org_a.headers["admin"]["Authorization"])}]
    for method, path, body in routes(org_a):
        for headers in bad_keys:
            r = await http.request(method, path, json=body, headers=headers)
            assert r.status_code == 401, (method, path, headers, r.text)
            assert r.headers["x-request-id"] and r.json()["request_id"] == r.headers["x-request-id"]


async def test_other_tenant_gets_only_403_or_404_and_no_leak(http: httpx.AsyncClient, org_a: Org,
                                                              org_b: Org) -> None:
    secrets = (org_a.campaign_id, org_a.card_id, org_a.card_sha256, org_a.secret_name)
    for role, headers in org_b.headers.items():
        for method, path, body in routes(org_a):
            if path in ("/v1/me", "/v1/campaigns") or path.startswith(("/v1/campaign-runs", "/v1/decision-cards?")):
                continue  # not about A's ids: covered by the listing checks below
            r = await http.request(method, path, json=body, headers=headers)
            assert r.status_code in (403, 404), (role, method, path, r.status_code, r.text)
            assert not any(s in r.text.replace(path, "") for s in secrets[2:]), r.text
        listing = await http.get("/v1/campaigns", headers=headers)
        cards = await http.get("/v1/decision-cards?status=all", headers=headers)
        for r in (listing, cards):
            assert r.status_code in (200, 403), (role, r.text)
            assert not any(s in r.text for s in secrets), (role, r.text)
    # Approver of B reaches the lookup (role allowed) and gets the same answer as for a missing card.
    missing = "00000000-0000-4000-8000-000000000000"
    r_other = await http.get(f"/v1/decision-cards/{org_a.card_id}", headers=org_b.headers["approver"])
    r_none = await http.get(f"/v1/decision-cards/{missing}", headers=org_b.headers["approver"])
    assert r_other.status_code == r_none.status_code == 404
    assert r_other.json()["detail"].replace(org_a.card_id, "X") == r_none.json()["detail"].replace(missing, "X")
    r = await http.get(f"/v1/campaigns/{org_a.campaign_id}", headers=org_b.headers["marketer"])
    assert r.status_code == 404


async def test_roles_are_checked_through_the_gate(http: httpx.AsyncClient, org_a: Org) -> None:
    h = org_a.headers
    decision = {"decision": "approve", "comment": "", "card_sha256": org_a.card_sha256}
    for role in ("approver", "evaluator"):
        r = await http.post("/v1/campaigns", json={"brand_url": DEAD_URL}, headers=h[role])
        assert r.status_code == 403 and "security.role_forbidden" in " ".join(r.json()["reasons"]), r.text
    for role in ("marketer", "evaluator"):
        r = await http.post(f"/v1/decision-cards/{org_a.card_id}/decision", json=decision, headers=h[role])
        assert r.status_code == 403, r.text
    for role in ("marketer", "approver", "evaluator", "admin"):
        assert (await http.get(f"/v1/decision-cards/{org_a.card_id}", headers=h[role])).status_code == 200
        assert (await http.get("/v1/campaigns", headers=h[role])).status_code == 200
    listed = (await http.get("/v1/decision-cards", headers=h["approver"])).json()
    assert [c["id"] for c in listed] == [org_a.card_id] and listed[0]["pending"] is True


async def test_malformed_input_never_gets_a_5xx(http: httpx.AsyncClient, org_a: Org) -> None:
    h = {**org_a.headers["admin"], "content-type": "application/json"}
    bodies: list[bytes] = [b"", b"{", b"null", b"[]", b'"x"', b"123", b"{\"brand_url\": 5}", b"\xff\xfe\x00",
                           json.dumps({"brand_url": DEAD_URL, "unknown": 1}).encode(),
                           json.dumps({"brand_url": DEAD_URL, "seed": "42"}).encode(),
                           json.dumps({"brand_url": DEAD_URL, "seed": True}).encode(),
                           json.dumps({"brand_url": DEAD_URL, "seed": -1, "iterations": 10**12}).encode(),
                           json.dumps({"brand_url": "file:///etc/passwd"}).encode(),
                           json.dumps({"brand_url": DEAD_URL, "start_date": "2026-13-45"}).encode(),
                           json.dumps({"brand_url": DEAD_URL, "monthly_budget": 1e309}).encode(),
                           json.dumps({"decision": "approve", "card_sha256": "zz"}).encode(),
                           json.dumps({"decision": "maybe", "card_sha256": "a" * 64}).encode(),
                           json.dumps({"decision": "approve", "card_sha256": "a" * 64, "comment": "x" * 5000}).encode(),
                           json.dumps({"a": [[[[[[[[[[[]]]]]]]]]]]}).encode()]
    paths = [p for _, p, _ in routes(org_a)] + [
        "/v1/campaigns/not-a-uuid", "/v1/campaigns/" + "9" * 5000, "/v1/decision-cards/%00",
        "/v1/decision-cards?status=bogus", "/v1/campaign-runs/bad%20id", "/v1/decision-cards/x/decision"]
    for path in paths:
        for method in ("GET", "POST", "PUT", "DELETE"):
            for body in bodies:
                r = await http.request(method, path, content=body, headers=h)
                assert r.status_code < 500, (method, path, body, r.status_code, r.text)
                assert r.headers.get("x-request-id")
    for bad_key in ("has space", "x" * 101, "ünïcode"):
        r = await http.post("/v1/campaigns", json={"brand_url": DEAD_URL},
                            headers={**h, "Idempotency-Key": bad_key.encode()})
        assert r.status_code == 422 and "Idempotency-Key" in r.json()["detail"], r.text


async def test_errors_name_the_field(http: httpx.AsyncClient, org_a: Org) -> None:
    h = org_a.headers["marketer"]
    r = await http.post("/v1/campaigns", json={"brand_url": DEAD_URL, "surprise": 1}, headers=h)
    assert r.status_code == 422 and "surprise" in r.json()["detail"], r.text
    r = await http.post("/v1/campaigns", json={"brand_url": DEAD_URL, "seed": "42"}, headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "seed", r.text
    r = await http.post("/v1/campaigns", content=b'{"brand_url": ', headers={**h, "content-type": "application/json"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body", r.text
    r = await http.get("/v1/campaigns/not-a-uuid", headers=h)
    assert r.status_code == 422 and "campaign_id" in r.json()["detail"], r.text


async def test_oversized_bodies_are_413(http: httpx.AsyncClient, org_a: Org) -> None:
    h = org_a.headers["marketer"]
    big = json.dumps({"brand_url": DEAD_URL, "name": "x" * 100_000}).encode()
    r = await http.post("/v1/campaigns", content=big, headers={**h, "content-type": "application/json"})
    assert r.status_code == 413 and r.headers["x-request-id"], r.text

    async def chunks():  # no Content-Length: the cap counts bytes as they arrive
        for _ in range(100):
            yield b"x" * 1024

    r = await http.post("/v1/campaigns", content=chunks(), headers={**h, "content-type": "application/json"})
    assert r.status_code == 413, r.text


async def test_request_id_is_kept_or_assigned(http: httpx.AsyncClient) -> None:
    assert (await http.get("/healthz", headers={"X-Request-ID": "abc-123"})).headers["x-request-id"] == "abc-123"
    assert len((await http.get("/healthz", headers={"X-Request-ID": "bad id\t"})).headers["x-request-id"]) == 32


async def test_readyz_and_metrics(http: httpx.AsyncClient, org_a: Org) -> None:
    r = await http.get("/readyz")
    assert r.status_code == 200 and r.json() == {"status": "ok", "checks": {
        "database": "ok", "temporal": "ok", "policy_engine": "ok"}}, r.text
    await http.get("/v1/campaigns", headers=org_a.headers["marketer"])
    text = (await http.get("/metrics")).text
    assert 'smm_api_request_seconds_bucket{le="0.005",method="GET",route="/v1/campaigns",status="200"}' in text
    assert "smm_api_policy_checks_total" in text


def test_openapi_documents_every_route() -> None:
    from api.app import create_app

    spec = create_app().openapi()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert {"200", "201", "202"} & set(op["responses"]), (method, path)
            if path.startswith("/v1/"):
                assert "401" in op["responses"], (method, path)
            if method == "post":
                assert {"413", "422"} <= set(op["responses"]), (method, path)
