"""The review pages' security over HTTP: CSP and headers, CSRF, cookie flags, sign-out, roles, tenant isolation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import Engine, select, update

from api.app import create_app
from api.web import sessions
from core.db import tenant_session
from core.models import ApiKey, WebSession
from tests.api.conftest import Org
from tests.web.conftest import Seeded, csrf_of, key_of, sign_in


def assert_strict_csp(response: httpx.Response) -> None:
    """The CSP allows only our own origin's script and style, no inline code, no framing, no plugins."""
    csp = response.headers.get("content-security-policy")
    assert csp, f"no CSP on {response.request.url}"
    rules = {d.split()[0]: d.split()[1:] for d in (p.strip() for p in csp.split(";")) if d}
    assert rules["default-src"] == ["'self'"] and rules["script-src"] == ["'self'"]
    assert rules["style-src"] == ["'self'"] and rules["object-src"] == ["'none'"]
    assert rules["frame-ancestors"] == ["'none'"] and rules["base-uri"] == ["'none'"]
    assert rules["form-action"] == ["'self'"]
    assert "unsafe" not in csp and "*" not in csp and "data:" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


async def test_every_page_has_a_strict_csp(http: httpx.AsyncClient, seeded: Seeded, org_b: Org) -> None:
    anonymous = [await http.get(p) for p in ("/web", "/web/sign-in", "/web/cards", f"/web/cards/{seeded.card_id}",
                                               "/web/static/app.js", "/web/static/app.css")]
    assert [r.status_code for r in anonymous] == [303, 200, 303, 303, 200, 200]
    forbidden = await http.post("/web/sign-out", data={"csrf": "x"})
    assert forbidden.status_code == 403
    signed = await sign_in(http, key_of(seeded.org, "approver"))
    assert signed.status_code == 303
    pages = [signed, await http.get("/web/cards"), await http.get(f"/web/cards/{seeded.card_id}"),
             await http.get("/web/cards/not-a-uuid"), await http.post(f"/web/cards/{seeded.card_id}/decision")]
    assert [r.status_code for r in pages] == [303, 200, 200, 404, 422]
    for r in [*anonymous, forbidden, *pages]:
        assert_strict_csp(r)
    assert "cache-control" not in anonymous[4].headers or "no-store" not in anonymous[4].headers["cache-control"]
    assert pages[2].headers["cache-control"] == "no-store"
    # The JSON API's answers are not the pages': its /docs loads Swagger UI and keeps working.
    assert "content-security-policy" not in (await http.get("/healthz")).headers


async def test_hostile_text_is_escaped_in_the_html(http: httpx.AsyncClient, seeded: Seeded) -> None:
    await sign_in(http, key_of(seeded.org, "approver"))
    page = (await http.get(f"/web/cards/{seeded.card_id}")).text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>us</b>" not in page
    assert "&lt;script&gt;alert(&#39;crawled&#39;)&lt;/script&gt;" in page
    assert "<mark>&lt;script&gt;alert(&#39;crawled&#39;)&lt;/script&gt; are roasted &lt;img src=x" in page
    assert page.count("<script") == 1  # ours, by URL


async def test_csrf_is_required_on_every_form(http: httpx.AsyncClient, seeded: Seeded) -> None:
    form = await http.get("/web/sign-in")
    token = csrf_of(form.text)
    key = key_of(seeded.org, "approver")
    assert (await http.post("/web/sign-in", data={"api_key": key})).status_code == 403
    assert (await http.post("/web/sign-in", data={"api_key": key, "csrf": token[:-1] + "x"})).status_code == 403
    assert sessions.COOKIE not in http.cookies
    bad_key = await http.post("/web/sign-in", data={"api_key": "smm_nope", "csrf": token})
    assert bad_key.status_code == 401 and "not valid" in bad_key.text
    assert (await http.post("/web/sign-in", data={"api_key": key, "csrf": token})).status_code == 303

    page = await http.get(f"/web/cards/{seeded.card_id}")
    csrf = csrf_of(page.text)
    url = f"/web/cards/{seeded.card_id}/decision"
    body = {"decision": "approve", "comment": "", "card_sha256": seeded.card_sha256}
    for sent in ({}, {"csrf": ""}, {"csrf": "0" * len(csrf)}, {"csrf": csrf + "0"}):
        refused = await http.post(url, data={**body, **sent})
        assert refused.status_code == 403 and "CSRF" in refused.text, refused.text
    # A JSON body is not a form: refused before anything is decided.
    assert (await http.post(url, json={**body, "csrf": csrf})).status_code == 422
    assert (await http.post("/web/sign-out", data={"csrf": "wrong"})).status_code == 403
    assert (await http.get("/web/cards")).status_code == 200  # still signed in


async def test_cookie_flags_and_sign_out(engine: object, seeded: Seeded) -> None:
    transport = httpx.ASGITransport(app=create_app(), raise_app_exceptions=False)
    for scheme in ("http", "https"):
        async with httpx.AsyncClient(transport=transport, base_url=f"{scheme}://web.test") as client:
            signed = await sign_in(client, key_of(seeded.org, "approver"))
            header = next(h for h in signed.headers.get_list("set-cookie") if h.startswith(sessions.COOKIE + "="))
            flags = {f.strip().split("=")[0].lower(): f.strip() for f in header.split(";")[1:]}
            assert "httponly" in flags and flags["samesite"].lower() == "samesite=strict"
            assert flags["path"] == "Path=/"
            assert ("secure" in flags) is (scheme == "https"), header
            value = header.split(";")[0].split("=", 1)[1]
            assert seeded.org.tenant.hex in value  # the tenant id, then the random token
            assert key_of(seeded.org, "approver") not in header

            page = await client.get("/web/cards")
            assert page.status_code == 200
            out = await client.post("/web/sign-out", data={"csrf": csrf_of(page.text)})
            assert out.status_code == 303 and out.headers["location"] == "/web/sign-in"
            assert sessions.COOKIE not in client.cookies
            # The old cookie no longer works: its row is gone.
            client.cookies.clear()
            client.cookies.set(sessions.COOKIE, value)
            again = await client.get("/web/cards")
            assert again.status_code == 303 and again.headers["location"] == "/web/sign-in"
            post = await client.post(f"/web/cards/{seeded.card_id}/decision", data={
                "csrf": csrf_of(page.text), "decision": "approve", "card_sha256": seeded.card_sha256})
            assert post.status_code == 403


async def test_another_tenants_card_is_not_found(http: httpx.AsyncClient, seeded: Seeded, org_b: Org) -> None:
    await sign_in(http, key_of(org_b, "approver"))
    other = await http.get(f"/web/cards/{seeded.card_id}")
    assert other.status_code == 404 and seeded.campaign_name not in other.text and "crawled" not in other.text
    queue = await http.get("/web/cards")
    assert queue.status_code == 200 and seeded.card_id not in queue.text
    csrf = csrf_of(queue.text)
    post = await http.post(f"/web/cards/{seeded.card_id}/decision", data={
        "csrf": csrf, "decision": "approve", "card_sha256": seeded.card_sha256})
    assert post.status_code == 404, post.text


@pytest.mark.parametrize("role", ["marketer", "evaluator"])
async def test_non_approvers_may_view_but_not_decide(http: httpx.AsyncClient, seeded: Seeded, role: str) -> None:
    await sign_in(http, key_of(seeded.org, role))
    queue = await http.get("/web/cards")
    assert queue.status_code == 200 and seeded.card_id in queue.text
    page = await http.get(f"/web/cards/{seeded.card_id}")
    assert page.status_code == 200
    refused = await http.post(f"/web/cards/{seeded.card_id}/decision", data={
        "csrf": csrf_of(page.text), "decision": "approve", "card_sha256": seeded.card_sha256})
    assert refused.status_code == 403 and f"{role} may not api.approvals.create" in refused.text
    assert "Traceback" not in refused.text


async def test_malformed_decision_forms_are_readable_422s(http: httpx.AsyncClient, seeded: Seeded) -> None:
    await sign_in(http, key_of(seeded.org, "approver"))
    csrf = csrf_of((await http.get("/web/cards")).text)
    url = f"/web/cards/{seeded.card_id}/decision"
    bad = await http.post(url, data={"csrf": csrf, "decision": "maybe", "card_sha256": seeded.card_sha256})
    assert bad.status_code == 422 and "decision" in bad.text
    short = await http.post(url, data={"csrf": csrf, "decision": "approve", "card_sha256": "abc"})
    assert short.status_code == 422 and "card_sha256" in short.text
    form = {"content-type": "application/x-www-form-urlencoded"}
    binary = await http.post(url, content=b"csrf=\xff\xfe", headers=form)
    assert binary.status_code == 422


async def test_sessions_end_with_expiry_and_key_revocation(http: httpx.AsyncClient, engine: Engine,
                                                           seeded: Seeded) -> None:
    """The session row decides: an expired one or one whose API key was revoked no longer signs anyone in,
    and the role is the key's current role in the database, not the one at sign-in."""
    await sign_in(http, key_of(seeded.org, "approver"))
    assert (await http.get("/web/cards")).status_code == 200
    key_id = key_of(seeded.org, "approver").split("_")[2]
    with tenant_session(engine, seeded.org.tenant) as s:
        s.execute(update(ApiKey).where(ApiKey.key_id == key_id).values(role="evaluator"))
    page = await http.get("/web/cards")
    assert page.status_code == 200 and "evaluator · tenant" in page.text
    refused = await http.post(f"/web/cards/{seeded.card_id}/decision", data={
        "csrf": csrf_of(page.text), "decision": "approve", "card_sha256": seeded.card_sha256})
    assert refused.status_code == 403 and "evaluator may not" in refused.text
    with tenant_session(engine, seeded.org.tenant) as s:
        s.execute(update(WebSession).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert (await http.get("/web/cards")).status_code == 303
    with tenant_session(engine, seeded.org.tenant) as s:
        assert s.execute(select(WebSession)).first() is None  # the expired row was deleted on sight

    await sign_in(http, key_of(seeded.org, "marketer"))
    assert (await http.get("/web/cards")).status_code == 200
    with tenant_session(engine, seeded.org.tenant) as s:
        s.execute(update(ApiKey).where(ApiKey.role == "marketer").values(revoked_at=datetime.now(UTC)))
    assert (await http.get("/web/cards")).status_code == 303
