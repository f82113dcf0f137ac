"""The review pages in headless Chromium: hostile text stays text, cookies and storage, and an approval end to end."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Dialog, Page
from temporalio.client import Client

from api.web import sessions
from tests.api.conftest import Org, until_awaiting
from tests.web.conftest import ARTIFACTS, FACT_TEXT, FINDING, IMG, POST_TEXT, SCRIPT, VERDICT, Seeded, key_of
from tests.web.test_web_security import assert_strict_csp


def watch(page: Page) -> list[str]:
    """Every dialog (alert/confirm/prompt) and page error the page raises; a dialog is dismissed."""
    seen: list[str] = []

    async def on_dialog(dialog: Dialog) -> None:
        seen.append(f"dialog: {dialog.message}")
        await dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: seen.append(f"error: {exc}"))
    page.on("console", lambda msg: seen.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("response", lambda r: seen.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    return seen


async def browser_sign_in(page: Page, server: str, key: str) -> None:
    """Sign in through the form as a person would."""
    response = await page.goto(f"{server}/web/sign-in")
    assert response is not None and response.status == 200
    await page.fill("#api_key", key)
    await page.click("#sign-in")
    await page.wait_for_url(f"{server}/web/cards")


async def test_hostile_text_is_shown_as_text(server: str, browser: Browser, seeded: Seeded) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    seen = watch(page)
    await browser_sign_in(page, server, key_of(seeded.org, "approver"))

    cookie = next(c for c in await context.cookies() if c["name"] == sessions.COOKIE)
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict" and cookie["secure"] is False
    assert cookie["path"] == "/"
    assert await page.evaluate("document.cookie.includes('smm_session')") is False  # HttpOnly: no script sees it
    assert await page.evaluate("localStorage.length + sessionStorage.length") == 0

    async with page.expect_navigation() as navigation:
        await page.click(f"a[href='/web/cards/{seeded.card_id}']")
    response = await navigation.value
    assert response is not None and response.status == 200
    headers = httpx.Headers(await response.all_headers())
    assert_strict_csp(httpx.Response(200, headers=headers, request=httpx.Request("GET", page.url)))

    assert await page.inner_text("#verdict") == VERDICT
    mark = await page.inner_text("mark")
    assert SCRIPT in mark and IMG in mark
    assert await page.get_by_text(FACT_TEXT, exact=True).is_visible()
    assert await page.get_by_text(POST_TEXT, exact=True).is_visible()
    assert await page.inner_text("li.deny") == f"Denied: {FINDING}"  # the post's legal finding, as text
    assert await page.locator("main img").count() == 0  # the <img onerror> did not become an element
    assert await page.locator("script").count() == 1  # only ours, loaded by URL
    assert await page.locator("svg.interval").count() == 2
    assert await page.locator("p.count").count() == 1  # our own script runs under the CSP
    await page.wait_for_timeout(500)
    assert seen == [], seen

    await page.click("#sign-out")
    await page.wait_for_url(f"{server}/web/sign-in")
    assert [c for c in await context.cookies() if c["name"] == sessions.COOKIE] == []
    await page.goto(f"{server}/web/cards/{seeded.card_id}")
    assert page.url == f"{server}/web/sign-in"
    await context.close()


async def test_marketer_sees_the_refusal_as_a_page(server: str, browser: Browser, seeded: Seeded) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    await browser_sign_in(page, server, key_of(seeded.org, "marketer"))
    await page.goto(f"{server}/web/cards/{seeded.card_id}")
    async with page.expect_response(lambda r: r.url.endswith("/decision")) as answer:
        await page.click("#decide-approve")
    assert (await answer.value).status == 403
    assert "marketer may not api.approvals.create" in await page.inner_text("#refusal")
    await context.close()


# ---------------------------------------------------------------- end to end: a real campaign, approved on the page



@pytest.mark.slow
async def test_approver_approves_a_campaign_on_the_card_page(
    server: str, browser: Browser, org_a: Org, coffee_site: str, shared_worker: Client, tmp_path: Path,
) -> None:
    name = f"Winter blend {uuid.uuid4().hex[:6]}"
    rid = f"web-{uuid.uuid4().hex}"
    async with httpx.AsyncClient(base_url=server, timeout=60) as api:
        started = await api.post("/v1/campaigns", headers={**org_a.headers["marketer"], "Idempotency-Key": rid},
                                 json={"brand_url": coffee_site, "name": name, "seed": 5, "iterations": 2000,
                                       "embedder": "hashing", "start_date": "2026-12-01"})
        assert started.status_code == 202, started.text
        run = await until_awaiting(api, org_a.headers["marketer"], rid)
    card_id, cid = run["decision_card_id"], run["campaign_id"]

    context = await browser.new_context(viewport={"width": 1200, "height": 1600})
    page = await context.new_page()
    seen = watch(page)
    await browser_sign_in(page, server, key_of(org_a, "approver"))
    await page.get_by_role("link", name=name).click()
    await page.wait_for_url(f"{server}/web/cards/{card_id}")
    assert (await page.inner_text("#verdict")).strip()
    assert await page.locator("svg.interval").count() == 2  # readiness and cost
    assert await page.locator("article.fact mark").count() >= 1  # quotes highlighted in their sources
    assert await page.locator("article.post").count() >= 1
    assert await page.locator("input[name=card_sha256]").get_attribute("value") == run["card_sha256"]
    for target in (tmp_path / "card.png", ARTIFACTS / f"card-{card_id}.png"):
        target.parent.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000

    # A card hash other than the current card's is refused as stale: a 409 page with the reason.
    await page.locator("input[name=card_sha256]").evaluate("(el) => { el.value = '0'.repeat(64); }")
    async with page.expect_response(lambda r: r.url.endswith("/decision")) as stale:
        await page.click("#decide-approve")
    assert (await stale.value).status == 409
    assert "stale" in await page.inner_text("#refusal")
    await page.goto(f"{server}/web/cards/{card_id}")

    await page.fill("#comment", "On brand; approved from the review page.")
    await page.click("#decide-approve")
    await page.wait_for_url(f"{server}/web/cards/{card_id}?done=approve")
    assert "approve" in (await page.inner_text("#done")).lower()
    refusal = f"{server}/web/cards/{card_id}/decision"  # the stale post's 409, reported twice by Chromium
    assert [e for e in seen if refusal not in e and "status of 409" not in e] == [], seen
    await context.close()

    final = await asyncio.wait_for(shared_worker.get_workflow_handle(started.json()["workflow_id"]).result(), 120)
    assert final["status"] == "approved"
    async with httpx.AsyncClient(base_url=server, timeout=60) as api:
        status = (await api.get(f"/v1/campaigns/{cid}", headers=org_a.headers["marketer"])).json()
    assert status["status"] == "approved"
    assert [(d["decision"], d["comment"]) for d in status["decisions"]] == [
        ("approve", "On brand; approved from the review page.")]
    async with httpx.AsyncClient(base_url=server, timeout=60) as api:
        queue = (await api.get("/v1/decision-cards", headers=org_a.headers["approver"])).json()
    assert card_id not in [c["id"] for c in queue]
