"""The onboarding chat pages over HTTP: CSP, escaping, CSRF, roles, tenant isolation, corrections and acceptance."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import Engine

from core.db import tenant_session
from core.models import OnboardingSession
from tests.api.conftest import Org
from tests.api.test_onboarding import parse_sse
from tests.web.conftest import FACT_TEXT, HOSTILE_LINK, SCRIPT, csrf_of, key_of, seed_onboarding, sign_in
from tests.web.test_web_security import assert_strict_csp


async def test_chat_page_is_escaped_and_has_a_strict_csp(http: httpx.AsyncClient, engine: Engine,
                                                         org_a: Org) -> None:
    sid = seed_onboarding(engine, org_a)
    assert (await http.get(f"/web/onboarding/{sid}")).status_code == 303  # not signed in: to the sign-in form
    await sign_in(http, key_of(org_a, "marketer"))
    pages = [await http.get("/web/onboarding"), await http.get(f"/web/onboarding/{sid}")]
    assert [p.status_code for p in pages] == [200, 200]
    for p in pages:
        assert_strict_csp(p)
    html = pages[1].text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "Beans are roasted daily &lt;script&gt;alert(&#39;crawled&#39;)&lt;/script&gt;" in html
    assert html.count("<script") == 2  # app.js and chat.js, both by URL
    assert f'href="{HOSTILE_LINK}"' not in html and 'href="javascript:' not in html  # shown, never a link
    assert 'href="https://northpeak.example/about"' in html
    assert "accept-shadow" in html and "accept-live" not in html  # live is for admins
    assert "https://northpeak.example/ignore" in html  # the suspicious source is listed
    assert FACT_TEXT.split(" <")[0] in html


async def test_corrections_and_acceptance_through_the_forms(http: httpx.AsyncClient, engine: Engine,
                                                            org_a: Org) -> None:
    sid = seed_onboarding(engine, org_a)
    await sign_in(http, key_of(org_a, "marketer"))
    csrf = csrf_of((await http.get(f"/web/onboarding/{sid}")).text)
    url = f"/web/onboarding/{sid}"
    removed = await http.post(f"{url}/corrections", data={"csrf": csrf, "kind": "remove_fact", "fact_id": "f1"})
    assert removed.status_code == 303 and removed.headers["location"] == f"{url}?done=remove_fact"
    page = (await http.get(removed.headers["location"])).text
    assert 'id="fact-f1"' not in page and 'id="fact-f2"' in page and "The fact was removed." in page
    capped = await http.post(f"{url}/corrections", data={"csrf": csrf, "kind": "set_budget_cap",
                                                         "channel": "linkedin", "budget_cap": "123.5"})
    assert capped.status_code == 303, capped.text
    bad_cap = await http.post(f"{url}/corrections", data={"csrf": csrf, "kind": "set_budget_cap",
                                                          "channel": "linkedin", "budget_cap": "lots"})
    assert bad_cap.status_code == 422 and "budget_cap" in bad_cap.text
    unknown = await http.post(f"{url}/corrections", data={"csrf": csrf, "kind": "remove_fact", "fact_id": "nope"})
    assert unknown.status_code == 422 and "no fact" in unknown.text
    avoided = await http.post(f"{url}/corrections", data={"csrf": csrf, "kind": "add_avoid_term", "term": SCRIPT})
    assert avoided.status_code == 303
    said = await http.post(f"{url}/messages", data={"csrf": csrf, "text": "We sell in Norway"})
    assert said.status_code == 303
    page = (await http.get(url)).text
    assert "123.50" in page and "&lt;script&gt;alert" in page and "<script>alert" not in page

    live = await http.post(f"{url}/contract", data={"csrf": csrf, "mode": "live"})
    assert live.status_code == 403 and "security.role_forbidden" in live.text  # the gate's reason, readable
    shadow = await http.post(f"{url}/contract", data={"csrf": csrf, "mode": "shadow"})
    assert shadow.status_code == 303 and shadow.headers["location"] == f"{url}?done=accepted_shadow"
    with tenant_session(engine, org_a.tenant) as s:
        row = s.get(OnboardingSession, sid)
        assert row is not None and row.status == "accepted" and row.accepted_mode == "shadow"
        assert row.accepted_contract is not None and row.accepted_contract["avoid_list"] == [SCRIPT]
        assert {c["channel"]: c["budget_cap"] for c in row.accepted_contract["channels"]}["linkedin"] == 123.5

    # The page's event stream: the session cookie signs in, `after` and Last-Event-ID resume.
    stream = await http.get(f"{url}/events", params={"after": 5})
    assert stream.status_code == 200 and stream.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(stream.text)
    assert [e["event"] for e in events] == ["questions", "correction_applied", "correction_applied",
                                            "correction_applied", "message", "contract_accepted", "stream_end"]
    resumed = parse_sse((await http.get(f"{url}/events", headers={"Last-Event-ID": "9"})).text)
    assert [e["event"] for e in resumed] == ["message", "contract_accepted", "stream_end"]
    assert (await http.get(f"{url}/events", headers={"Last-Event-ID": "x"})).status_code == 422


async def test_csrf_is_required_on_the_onboarding_forms(http: httpx.AsyncClient, engine: Engine, org_a: Org) -> None:
    sid = seed_onboarding(engine, org_a)
    await sign_in(http, key_of(org_a, "marketer"))
    csrf = csrf_of((await http.get(f"/web/onboarding/{sid}")).text)
    forms = [("/web/onboarding", {"brand_url": "https://northpeak.example/"}),
             (f"/web/onboarding/{sid}/corrections", {"kind": "remove_fact", "fact_id": "f1"}),
             (f"/web/onboarding/{sid}/messages", {"text": "hi"}),
             (f"/web/onboarding/{sid}/contract", {"mode": "shadow"})]
    for url, body in forms:
        for sent in ({}, {"csrf": ""}, {"csrf": csrf + "0"}):
            refused = await http.post(url, data={**body, **sent})
            assert refused.status_code == 403 and "CSRF" in refused.text, (url, sent, refused.text)
            assert_strict_csp(refused)
    with tenant_session(engine, org_a.tenant) as s:
        row = s.get(OnboardingSession, sid)
        assert row is not None and row.status == "waiting_for_marketer" and row.accepted_contract is None


async def test_another_tenants_session_is_not_found(http: httpx.AsyncClient, engine: Engine, org_a: Org,
                                                    org_b: Org) -> None:
    sid = seed_onboarding(engine, org_a)
    await sign_in(http, key_of(org_b, "admin"))
    csrf = csrf_of((await http.get("/web/onboarding")).text)
    url = f"/web/onboarding/{sid}"
    answers = [await http.get(url), await http.get(f"{url}/events"),
               await http.post(f"{url}/corrections", data={"csrf": csrf, "kind": "remove_fact", "fact_id": "f1"}),
               await http.post(f"{url}/messages", data={"csrf": csrf, "text": "hi"}),
               await http.post(f"{url}/contract", data={"csrf": csrf, "mode": "live"}),
               await http.get(f"/web/onboarding/{uuid.uuid4()}"), await http.get("/web/onboarding/not-a-uuid")]
    assert [a.status_code for a in answers] == [404] * 7, [a.text[:200] for a in answers]
    assert "Northpeak" not in "".join(a.text for a in answers)
    with tenant_session(engine, org_a.tenant) as s:
        row = s.get(OnboardingSession, sid)
        assert row is not None and row.status == "waiting_for_marketer"


async def test_approvers_and_evaluators_may_not_onboard(http: httpx.AsyncClient, engine: Engine,
                                                        org_a: Org) -> None:
    sid = seed_onboarding(engine, org_a)
    for role in ("approver", "evaluator"):
        http.cookies.clear()
        await sign_in(http, key_of(org_a, role))
        csrf = csrf_of((await http.get("/web/cards")).text)
        start = await http.post("/web/onboarding", data={"csrf": csrf, "brand_url": "https://northpeak.example/"})
        assert start.status_code == 403 and f"{role} may not api.workspaces.write" in start.text, start.text
        assert (await http.get("/web/onboarding")).status_code == 403
        assert (await http.get(f"/web/onboarding/{sid}")).status_code == 403
        assert (await http.get(f"/web/onboarding/{sid}/events")).status_code == 403
        accepted = await http.post(f"/web/onboarding/{sid}/contract", data={"csrf": csrf, "mode": "shadow"})
        assert accepted.status_code == 403
    anonymous = httpx.AsyncClient(transport=http._transport, base_url="http://web.test")
    async with anonymous:
        assert (await anonymous.get(f"/web/onboarding/{sid}/events")).status_code == 403


async def test_bad_start_forms_are_readable_refusals(http: httpx.AsyncClient, org_a: Org) -> None:
    await sign_in(http, key_of(org_a, "marketer"))
    csrf = csrf_of((await http.get("/web/onboarding")).text)
    for body in ({"brand_url": ""}, {"brand_url": "not a url"}, {"brand_url": "https://x.example/", "embedder": "?"}):
        refused = await http.post("/web/onboarding", data={"csrf": csrf, **body})
        assert refused.status_code == 422 and "invalid onboarding form" in refused.text, refused.text


async def test_admins_may_accept_live(http: httpx.AsyncClient, engine: Engine, org_a: Org) -> None:
    sid = seed_onboarding(engine, org_a)
    await sign_in(http, key_of(org_a, "admin"))
    page = await http.get(f"/web/onboarding/{sid}")
    assert 'id="accept-live"' in page.text
    live = await http.post(f"/web/onboarding/{sid}/contract", data={"csrf": csrf_of(page.text), "mode": "live"})
    assert live.status_code == 303 and live.headers["location"].endswith("?done=accepted_live")
    shown = (await http.get(live.headers["location"])).text
    assert "Accepted contract (live mode)" in shown and 'id="accept-live"' not in shown  # nothing left to accept
    with tenant_session(engine, org_a.tenant) as s:
        row = s.get(OnboardingSession, sid)
        assert row is not None and row.accepted_mode == "live"
