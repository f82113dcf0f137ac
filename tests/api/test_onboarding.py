"""Chat onboarding over HTTP against the real stack: Postgres, Temporal, a worker, a loopback fixture site."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select
from temporalio.client import Client

from core.db import tenant_session
from core.models import BrandTwinRow, FactRow, OnboardingSession, Workspace
from tests.api.conftest import Org

Event = dict[str, Any]


def parse_sse(body: str) -> list[Event]:
    """The events of a text/event-stream body: id (int or None), event, data (JSON)."""
    out: list[Event] = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            if not line or line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            fields[name] = fields.get(name, "") + value.removeprefix(" ")
        if "event" in fields:
            out.append({"id": int(fields["id"]) if fields.get("id") else None, "event": fields["event"],
                        "data": json.loads(fields.get("data") or "null")})
    return out


async def read_stream(http: httpx.AsyncClient, url: str, headers: dict[str, str], last: int | None = None,
                      method: str = "GET", body: Any = None, max_wait_s: int = 20) -> list[Event]:
    h = {**headers, **({"Last-Event-ID": str(last)} if last is not None else {})}
    r = await http.request(method, url, headers=h, params={"max_wait_s": max_wait_s}, json=body)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(r.text)
    assert events and events[-1]["event"] == "stream_end" and events[-1]["id"] is None, events[-1:]
    return events


async def until_settled(http: httpx.AsyncClient, sid: str, headers: dict[str, str]) -> list[Event]:
    """Every event up to the session's settling, reconnecting with Last-Event-ID as a browser would."""
    seen: list[Event] = []
    for _ in range(40):  # 40 bounded streams of 20 s: ~13 minutes on a loaded machine
        last = seen[-1]["id"] if seen else None
        events = await read_stream(http, f"/v1/onboarding/sessions/{sid}/events", headers, last)
        seen += events[:-1]
        if events[-1]["data"]["reason"] == "settled":
            return seen
        assert events[-1]["data"]["reason"] == "time_limit"
    raise AssertionError(f"the session did not settle: {[e['event'] for e in seen]}")


async def user_id(http: httpx.AsyncClient, headers: dict[str, str]) -> str:
    return str((await http.get("/v1/me", headers=headers)).json()["user_id"])


@pytest.mark.slow
async def test_onboarding_chat_over_http(http: httpx.AsyncClient, org_a: Org, org_b: Org, coffee_site: str,
                                         shared_worker: Client, engine: Engine) -> None:
    h, mk = org_a.headers, org_a.headers["marketer"]
    key = f"onb-{uuid.uuid4().hex}"
    created = await http.post("/v1/onboarding/sessions", headers={**mk, "Idempotency-Key": key},
                              json={"brand_url": coffee_site, "embedder": "hashing"})
    assert created.status_code == 201, created.text
    session = created.json()
    sid = session["id"]
    assert session["status"] == "researching" and session["brand_url"] == coffee_site
    assert session["workflow_id"].startswith("onboarding-") and session["events_url"].endswith(f"{sid}/events")
    replay = await http.post("/v1/onboarding/sessions", headers={**mk, "Idempotency-Key": key},
                             json={"brand_url": coffee_site, "embedder": "hashing"})
    assert replay.status_code == 201 and replay.json()["id"] == sid

    events = await until_settled(http, sid, mk)
    kinds = [e["event"] for e in events]
    assert [e["id"] for e in events] == list(range(1, len(events) + 1)), kinds  # gap-free, in order
    assert kinds[0] == "status" and "failed" not in kinds, kinds
    assert kinds[-4:] == ["crawl_done", "brand_twin", "contract_draft", "questions"], kinds
    progress = [e["data"] for e in events if e["event"] == "crawl_progress"]
    assert progress and progress[-1]["pages_fetched"] >= 2
    assert all({"pages_fetched", "pages_skipped", "pages_failed", "problems"} <= set(p) for p in progress)
    twin = next(e for e in events if e["event"] == "brand_twin")
    facts = twin["data"]["facts"]
    assert len(facts) >= 3 and twin["data"]["brand_twin_id"]
    assert all(f["quote"] and f["source_url"].startswith(coffee_site) for f in facts)
    assert {"products", "audience", "voice", "competitors", "confidence", "suspicious_sources"} <= set(twin["data"])
    draft = next(e for e in events if e["event"] == "contract_draft")["data"]["contract"]
    assert draft["mode"] == "shadow" and draft["draft"] is True and draft["channels"]
    topics = {q["topic"] for q in next(e for e in events if e["event"] == "questions")["data"]["questions"]}
    assert {"goals", "budget", "channels", "region"} <= topics

    # Reconnecting after the brand twin event gives only what came later.
    later = await read_stream(http, f"/v1/onboarding/sessions/{sid}/events", mk, last=twin["id"])
    assert [e["event"] for e in later[:-1]] == ["contract_draft", "questions"]
    assert all(e["id"] > twin["id"] for e in later[:-1]) and later[-1]["data"]["reason"] == "settled"

    # A correction: the fact leaves the stored twin, the correction row names the marketer.
    gone = facts[0]["id"]
    msgs = f"/v1/onboarding/sessions/{sid}/messages"
    streamed = await read_stream(http, msgs, mk, method="POST",
                                 body={"correction": {"kind": "remove_fact", "fact_id": gone}})
    assert [e["event"] for e in streamed[:-1]] == ["correction_applied"]
    applied = streamed[0]
    assert applied["id"] == events[-1]["id"] + 1 and applied["data"]["by"] == await user_id(http, mk)
    assert applied["data"]["result"]["fact"]["id"] == gone
    state = (await http.get(f"/v1/onboarding/sessions/{sid}", headers=mk)).json()
    assert gone not in [f["id"] for f in state["brand_twin"]["facts"]]
    assert len(state["brand_twin"]["facts"]) == len(facts) - 1
    assert [(c["kind"], c["user_id"], c["payload"]) for c in state["corrections"]] == [
        ("remove_fact", await user_id(http, mk), {"fact_id": gone})]
    with tenant_session(engine, org_a.tenant) as s:
        row = s.get(BrandTwinRow, uuid.UUID(twin["data"]["brand_twin_id"]))
        assert row is not None and gone not in [f["id"] for f in row.data["facts"]]
        assert s.execute(select(FactRow.id).where(FactRow.brand_twin_id == row.id)).all()
        assert len(s.execute(select(FactRow.id).where(FactRow.brand_twin_id == row.id)).all()) == len(facts) - 1
        workspace_id = row.workspace_id

    # Budget cap and avoid term change the draft; a text message is recorded; Last-Event-ID resumes.
    channel = draft["channels"][0]["channel"]
    first = draft["channels"][0]
    assert 0 < first["paid_spend"] <= first["budget_cap"]  # the draft proposes its paid share in the open
    cap = await read_stream(http, msgs, mk, method="POST",
                            body={"correction": {"kind": "set_budget_cap", "channel": channel, "budget_cap": 123.5}})
    assert cap[0]["event"] == "correction_applied" and cap[0]["data"]["result"]["budget_cap"] == 123.5
    # A new cap keeps the channel's paid share; a paid spend above the cap is refused, naming the field.
    share = first["paid_spend"] / first["budget_cap"]
    assert cap[0]["data"]["result"]["paid_spend"] == pytest.approx(123.5 * share, abs=0.01)
    over = await http.post(msgs, headers=mk, json={"correction": {
        "kind": "set_budget_cap", "channel": channel, "budget_cap": 10, "paid_spend": 11}})
    assert over.status_code == 422 and "paid_spend" in over.json()["detail"], over.text
    avoid = await read_stream(http, msgs, mk, method="POST", last=applied["id"],
                              body={"correction": {"kind": "add_avoid_term", "term": "cheap"}})
    assert [e["event"] for e in avoid[:-1]] == ["correction_applied", "correction_applied"]
    said = await read_stream(http, msgs, mk, method="POST", body={"text": "We sell mostly in Colorado"})
    assert said[0]["event"] == "message" and said[0]["data"]["text"] == "We sell mostly in Colorado"
    assert [e["event"] for e in said[:-1]] == ["message"]  # nothing in it the draft can hold
    today = await read_stream(http, msgs, mk, method="POST", body={"text": "Our site gets 5,000 visits a month"})
    assert [e["event"] for e in today[:-1]] == ["message"]  # a description of today, not a target
    # A number next to a KPI word in a message sets that target, as a correction from the message.
    goal = await read_stream(http, msgs, mk, method="POST",
                             body={"text": "Honestly we'd be happy with 10,000 impressions and 300 website visits"})
    assert [e["event"] for e in goal[:-1]] == ["message", "correction_applied"], goal
    assert goal[1]["data"]["source"] == "message" and goal[1]["data"]["kind"] == "set_kpi_targets"
    assert goal[1]["data"]["result"]["kpi_targets"] == {"impressions": 10000.0, "engagements": None, "clicks": 300.0}
    more = await read_stream(http, msgs, mk, method="POST",
                             body={"correction": {"kind": "set_kpi_targets", "clicks": 450}})
    assert more[0]["data"]["result"]["kpi_targets"]["clicks"] == 450.0
    assert more[0]["data"]["result"]["kpi_targets"]["impressions"] == 10000.0  # the others stay
    empty = await http.post(msgs, headers=mk, json={"correction": {"kind": "set_kpi_targets"}})
    assert empty.status_code == 422, empty.text
    state = (await http.get(f"/v1/onboarding/sessions/{sid}", headers=mk)).json()
    assert state["draft_contract"]["avoid_list"] == ["cheap"]
    assert next(c for c in state["draft_contract"]["channels"] if c["channel"] == channel)["budget_cap"] == 123.5
    unknown = await http.post(msgs, headers=mk, json={"correction": {"kind": "mark_fact_wrong", "fact_id": "nope"}})
    assert unknown.status_code == 422 and "fact_id" in unknown.json()["detail"], unknown.text

    # Another tenant learns nothing, not even that the session exists.
    other = org_b.headers
    assert (await http.get(f"/v1/onboarding/sessions/{sid}", headers=other["marketer"])).status_code == 404
    assert (await http.get(f"/v1/onboarding/sessions/{sid}/events", headers=other["admin"])).status_code == 404
    assert (await http.post(msgs, headers=other["marketer"], json={"text": "hi"})).status_code == 404
    assert (await http.post(msgs, headers=other["marketer"], json={"text": "hi", "correction": {
        "kind": "add_avoid_term", "term": "x"}})).status_code == 404  # existence is checked before the body
    assert (await http.post(f"/v1/onboarding/sessions/{sid}/contract", headers=other["admin"],
                            json={"mode": "live"})).status_code == 404

    # Shadow as marketer; live needs an admin (the policy gate says why).
    url = f"/v1/onboarding/sessions/{sid}/contract"
    shadow = await http.post(url, headers=mk, json={"mode": "shadow", "edits": {
        "goals": ["Sell more beans"], "kpi_targets": {"clicks": 400}}})
    assert shadow.status_code == 200, shadow.text
    assert shadow.json()["contract"]["goals"] == ["Sell more beans"] and shadow.json()["contract"]["draft"] is False
    assert shadow.json()["contract"]["kpi_targets"] == {"impressions": None, "engagements": None, "clicks": 400.0}
    # (the edit replaces the targets set in the chat: an accepted contract holds exactly what was accepted)
    assert shadow.json()["contract"]["avoid_list"] == ["cheap"]
    live = await http.post(url, headers=mk, json={"mode": "live"})
    assert live.status_code == 403, live.text
    assert any("security.role_forbidden" in r for r in live.json()["reasons"])
    admin = await http.post(url, headers=h["admin"], json={"mode": "live"})
    assert admin.status_code == 200 and admin.json()["mode"] == "live", admin.text
    state = (await http.get(f"/v1/onboarding/sessions/{sid}", headers=mk)).json()
    assert state["status"] == "accepted" and state["accepted_mode"] == "live"
    assert state["accepted_by"] == await user_id(http, h["admin"])
    with tenant_session(engine, org_a.tenant) as s:
        ws = s.get(Workspace, workspace_id)
        assert ws is not None and ws.mode == "live" and ws.contract_card["avoid_list"] == ["cheap"]
    tail = await read_stream(http, f"/v1/onboarding/sessions/{sid}/events", mk, last=said[0]["id"])
    assert [e["data"]["mode"] for e in tail[:-1] if e["event"] == "contract_accepted"] == ["shadow", "live"]


@pytest.mark.slow
async def test_brand_name_only_asks_for_the_website(http: httpx.AsyncClient, org_a: Org,
                                                    shared_worker: Client) -> None:
    mk = org_a.headers["marketer"]
    created = await http.post("/v1/onboarding/sessions", headers=mk, json={"brand_name": "Northpeak"})
    assert created.status_code == 201, created.text
    events = await until_settled(http, created.json()["id"], mk)
    assert [e["event"] for e in events] == ["status", "questions"]
    assert events[-1]["data"]["questions"][0]["topic"] == "website"


async def test_bad_requests_are_clear_errors(http: httpx.AsyncClient, org_a: Org, engine: Engine) -> None:
    mk = org_a.headers["marketer"]
    with tenant_session(engine, org_a.tenant) as s:  # a session still researching (no workflow needed here)
        me = (await http.get("/v1/me", headers=mk)).json()["user_id"]
        row = OnboardingSession(tenant_id=org_a.tenant, created_by=uuid.UUID(me), brand_name="Pending",
                                status="researching")
        s.add(row)
        s.flush()
        sid = str(row.id)
    base = "/v1/onboarding/sessions"

    async def field_of(r: httpx.Response) -> set[str]:
        assert r.status_code == 422, r.text
        return {e["field"] for e in r.json().get("errors", [])} or {r.json()["detail"]}

    assert "body" in await field_of(await http.post(base, headers=mk, json={}))
    assert "brand_url" in await field_of(await http.post(base, headers=mk, json={"brand_url": "not a url"}))
    assert "shoe_size" in await field_of(await http.post(base, headers=mk, json={"brand_name": "x", "shoe_size": 9}))
    assert "body" in await field_of(await http.post(base, headers=mk, content=b"{not json"))
    msgs = f"{base}/{sid}/messages"
    assert "body" in await field_of(await http.post(msgs, headers=mk, json={"text": "a", "correction": {
        "kind": "add_avoid_term", "term": "x"}}))
    fields = await field_of(await http.post(msgs, headers=mk, json={"correction": {
        "kind": "set_budget_cap", "channel": "x", "budget_cap": -1}}))
    assert any(f.startswith("correction") and f.endswith("budget_cap") for f in fields), fields
    assert any("kind" in f or "correction" in f for f in await field_of(await http.post(msgs, headers=mk, json={
        "correction": {"kind": "delete_everything"}})))
    assert "mode" in await field_of(await http.post(f"{base}/{sid}/contract", headers=mk, json={"mode": "maybe"}))
    assert "Last-Event-ID" in await field_of(await http.get(f"{base}/{sid}/events", headers={
        **mk, "Last-Event-ID": "abc"}))
    assert "session_id" in await field_of(await http.get(f"{base}/not-a-uuid", headers=mk))
    early = await http.post(msgs, headers=mk, json={"correction": {"kind": "remove_fact", "fact_id": "f1"}})
    assert early.status_code == 409 and "researching" in early.json()["detail"], early.text
    no_draft = await http.post(f"{base}/{sid}/contract", headers=mk, json={"mode": "shadow"})
    assert no_draft.status_code == 409, no_draft.text
    assert (await http.get(f"{base}/{uuid.uuid4()}", headers=mk)).status_code == 404
    assert (await http.get(f"{base}/{sid}")).status_code == 401
    assert (await http.post(base, headers=org_a.headers["approver"], json={"brand_name": "x"})).status_code == 403
    assert (await http.get(f"{base}/{sid}", headers=org_a.headers["evaluator"])).status_code == 403
    # A stream of a session still researching ends at its time limit, saying so.
    events = await read_stream(http, f"{base}/{sid}/events", mk, max_wait_s=1)
    assert [e["event"] for e in events] == ["stream_end"]
    assert events[0]["data"] == {"status": "researching", "last_event_id": 0, "reason": "time_limit"}
