"""The onboarding chat page in headless Chromium: live progress, hostile text as text, and a brand onboarded end
to end (research, a fact removed, shadow acceptance) whose campaign an approver then approves on the card page."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, Response, expect
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from temporalio.client import Client

from agents.research.onboarding_chat import append_event, get_session
from core.db import tenant_session
from core.models import BrandTwinRow, Campaign, OnboardingSession
from tests.api.conftest import Org, until_awaiting
from tests.web.conftest import ARTIFACTS, FACT_TEXT, IMG, QUOTE, SCRIPT, finish_research, key_of, seed_onboarding
from tests.web.test_web_browser import browser_sign_in, watch
from tests.web.test_web_security import assert_strict_csp

#: Research on the fixture site on a loaded 2-core machine.
RESEARCH_TIMEOUT_MS = 600_000


def assert_page_csp(response: Response | None, url: str) -> None:
    assert response is not None and response.status == 200, url
    headers = httpx.Headers(response.headers)
    assert_strict_csp(httpx.Response(200, headers=headers, request=httpx.Request("GET", url)))


def add_event(engine: Engine, org: Org, sid: uuid.UUID, kind: str, payload: dict[str, object]) -> None:
    with tenant_session(engine, org.tenant) as s:
        append_event(s, get_session(s, sid, lock=True), kind, payload)


async def screenshot(page: Page, name: str, tmp_path: Path) -> None:
    for target in (tmp_path / name, ARTIFACTS / name):
        target.parent.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000


async def test_progress_arrives_live_and_hostile_text_stays_text(server: str, browser: Browser, engine: Engine,
                                                                 org_a: Org) -> None:
    sid = seed_onboarding(engine, org_a, settled=False)
    context = await browser.new_context()
    page = await context.new_page()
    seen = watch(page)
    await browser_sign_in(page, server, key_of(org_a, "marketer"))
    assert_page_csp(await page.goto(f"{server}/web/onboarding"), "/web/onboarding")
    assert_page_csp(await page.goto(f"{server}/web/onboarding/{sid}"), f"/web/onboarding/{sid}")
    await expect(page.locator("#live")).to_have_text("(live)", timeout=10_000)
    assert await page.locator("article.fact").count() == 0

    # The worker's progress arrives over the page's EventSource and is written as text.
    hostile_url = f"https://northpeak.example/{SCRIPT}{IMG}"
    await run_in_threadpool(add_event, engine, org_a, sid, "crawl_progress", {
        "pages_fetched": 2, "pages_skipped": 0, "pages_failed": 1, "last_url": hostile_url, "problems": []})
    await run_in_threadpool(add_event, engine, org_a, sid, "status", {"status": "researching",
                                                                      "message": f"Reading {SCRIPT}"})
    await expect(page.locator("#pages-fetched")).to_have_text("2", timeout=15_000)
    assert await page.inner_text("#last-url") == hostile_url
    await page.wait_for_selector("#transcript li.event-status >> nth=1")
    assert await page.locator("#transcript li.event-status").last.inner_text() == f"Reading {SCRIPT}"

    # Research settles: the page reloads once and shows the cards rendered by the server.
    async with page.expect_navigation(timeout=20_000):
        await run_in_threadpool(finish_research, engine, org_a, sid)
    await page.wait_for_selector("article.fact")
    assert await page.locator("#fact-f1 .fact-text").inner_text() == FACT_TEXT
    assert await page.locator("#fact-f1 .quote").inner_text() == QUOTE
    assert await page.locator("#fact-f2 a").count() == 0  # a javascript: source is not a link
    assert await page.locator("#fact-f1 a.source").get_attribute("href") == "https://northpeak.example/about"
    assert await page.locator("main img").count() == 0 and await page.locator("script").count() == 2
    assert await page.inner_text("#pages-fetched") == "3"
    assert await page.locator("#accept-live").count() == 0  # live is for admins
    await page.wait_for_timeout(700)  # the settled stream must not reload again
    assert page.url == f"{server}/web/onboarding/{sid}"
    assert seen == [], seen
    await context.close()


@pytest.mark.slow
async def test_marketer_onboards_then_approver_approves_the_campaign(
    server: str, browser: Browser, engine: Engine, org_a: Org, coffee_site: str, shared_worker: Client,
    tmp_path: Path,
) -> None:
    context = await browser.new_context(viewport={"width": 1200, "height": 1600})
    page = await context.new_page()
    seen = watch(page)
    await browser_sign_in(page, server, key_of(org_a, "marketer"))
    await page.click("#nav-onboarding")
    await page.wait_for_url(f"{server}/web/onboarding")
    await page.fill("#brand_url", coffee_site)
    await page.select_option("#embedder", "hashing")
    await page.click("#start")
    await page.wait_for_url(f"{server}/web/onboarding/*")
    sid = uuid.UUID(page.url.rsplit("/", 1)[1])
    assert_page_csp(await page.goto(page.url), page.url)

    # Progress, then the brand twin's facts (the page reloads itself once research settles).
    await page.wait_for_selector("article.fact", timeout=RESEARCH_TIMEOUT_MS)
    assert int(await page.inner_text("#pages-fetched")) >= 2
    assert await page.locator("#transcript li.event-crawl_progress").count() >= 1
    facts = page.locator("article.fact")
    count = await facts.count()
    assert count >= 3
    assert all([await facts.nth(i).locator(".quote").inner_text() for i in range(count)])
    assert await page.locator("#contract #channels tbody tr").count() >= 1
    assert await page.locator("#questions li").count() >= 4

    gone = await facts.first.get_attribute("data-fact-id")
    await facts.first.locator("button.remove-fact").click()
    await page.wait_for_url(f"{server}/web/onboarding/{sid}?done=remove_fact")
    assert await page.locator(f"article.fact[data-fact-id='{gone}']").count() == 0
    assert await page.locator("article.fact").count() == count - 1
    await screenshot(page, f"onboarding-{sid}.png", tmp_path)

    await page.click("#accept-shadow")
    await page.wait_for_url(f"{server}/web/onboarding/{sid}?done=accepted_shadow")
    assert "shadow mode" in await page.inner_text("#contract h2")
    assert seen == [], seen
    await context.close()

    with tenant_session(engine, org_a.tenant) as s:
        row = s.get(OnboardingSession, sid)
        assert row is not None and row.status == "accepted" and row.accepted_mode == "shadow"
        twin = s.get(BrandTwinRow, row.brand_twin_id)
        assert twin is not None and twin.workspace_id is not None
        workspace_id = str(twin.workspace_id)

    # A campaign for that workspace, started as the other tests start one; the approver approves its card.
    name = f"Onboarded {uuid.uuid4().hex[:6]}"
    rid = f"web-onb-{uuid.uuid4().hex}"
    async with httpx.AsyncClient(base_url=server, timeout=60) as api:
        started = await api.post("/v1/campaigns", headers={**org_a.headers["marketer"], "Idempotency-Key": rid},
                                 json={"brand_url": coffee_site, "name": name, "seed": 5, "iterations": 2000,
                                       "embedder": "hashing", "start_date": "2026-12-01",
                                       "workspace_id": workspace_id})
        assert started.status_code == 202, started.text
        run = await until_awaiting(api, org_a.headers["marketer"], rid)
    card_id = run["decision_card_id"]
    with tenant_session(engine, org_a.tenant) as s:
        campaign = s.get(Campaign, uuid.UUID(run["campaign_id"]))
        assert campaign is not None and str(campaign.workspace_id) == workspace_id  # the onboarded workspace

    context = await browser.new_context(viewport={"width": 1200, "height": 1600})
    page = await context.new_page()
    seen = watch(page)
    await browser_sign_in(page, server, key_of(org_a, "approver"))
    await page.get_by_role("link", name=name).click()
    await page.wait_for_url(f"{server}/web/cards/{card_id}")
    assert (await page.inner_text("#verdict")).strip()
    await screenshot(page, f"card-onboarded-{card_id}.png", tmp_path)
    await page.fill("#comment", "Onboarded and approved.")
    await page.click("#decide-approve")
    await page.wait_for_url(f"{server}/web/cards/{card_id}?done=approve")
    assert seen == [], seen
    await context.close()
    final = await asyncio.wait_for(shared_worker.get_workflow_handle(started.json()["workflow_id"]).result(), 120)
    assert final["status"] == "approved"
