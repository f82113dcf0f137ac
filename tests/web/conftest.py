"""Web-page fixtures: the app behind a real uvicorn on loopback, headless Chromium, and a seeded hostile card."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, async_playwright
from sqlalchemy import Engine

from agents.research.contract_card import draft_contract_card
from agents.research.onboarding_chat import append_event, get_session, questions, twin_card
from agents.research.pg_store import fact_row_id
from api.app import create_app
from core.contracts.brand import BrandTwin, CrawlReport, Fact, GeneratedBy, SuspiciousSource
from core.db import tenant_session
from core.identity import authenticate
from core.models import (
    BrandTwinRow,
    Campaign,
    DecisionCardRow,
    FactRow,
    OnboardingSession,
    PolicyDecisionRow,
    PostVariantRow,
    SimulationRunRow,
    Source,
    Workspace,
)
from tests.api.conftest import Org, make_org

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / ".artifacts"

# Untrusted text as a hostile site (and a hostile model) would leave it: it must show as text.
SCRIPT = "<script>alert('crawled')</script>"
IMG = "<img src=x onerror=alert('quoted')>"
SOURCE_TEXT = f"Welcome to Northpeak. Our beans {SCRIPT} are roasted {IMG} daily in Tromsø. Visit us."
QUOTE = f"{SCRIPT} are roasted {IMG}"
FACT_TEXT = f"Beans are roasted daily {SCRIPT}"
POST_TEXT = f"Fresh beans every morning {IMG} #coffee"
VERDICT = f"Ready with conditions {SCRIPT}"
FINDING = f"unsupported_claim: {IMG} is not in any source"


@dataclass
class Seeded:
    """A seeded campaign awaiting approval and its card (written directly, no workflow behind it)."""

    org: Org
    campaign_id: str
    card_id: str
    card_sha256: str
    campaign_name: str


def seed_hostile_card(engine: Engine, org: Org) -> Seeded:
    """A card citing a fact whose quote and source text carry <script> and <img onerror>, and such a post."""
    name = f"campaign-{uuid.uuid4().hex[:8]}"
    with tenant_session(engine, org.tenant) as s:
        ws = Workspace(tenant_id=org.tenant, name=f"ws-{uuid.uuid4().hex[:8]}")
        s.add(ws)
        s.flush()
        twin = BrandTwinRow(tenant_id=org.tenant, workspace_id=ws.id, name="Northpeak", data={}, confidence=0.9)
        s.add(twin)
        s.flush()
        src = Source(tenant_id=org.tenant, url="https://northpeak.example/about",
                     canonical_url="https://northpeak.example/about", status_code=200, title="About <b>us</b>",
                     content_hash=hashlib.sha256(SOURCE_TEXT.encode() + uuid.uuid4().bytes).hexdigest(),
                     text=SOURCE_TEXT)
        s.add(src)
        s.flush()
        start = SOURCE_TEXT.index(QUOTE)
        s.add(FactRow(id=fact_row_id(twin.id, "f1"), tenant_id=org.tenant, brand_twin_id=twin.id, source_id=src.id,
                      kind="claim", text=FACT_TEXT, start=start, end=start + len(QUOTE), quote=QUOTE))
        camp = Campaign(tenant_id=org.tenant, workspace_id=ws.id, name=name, status="awaiting_approval",
                        workflow_id=f"campaign-test-{uuid.uuid4().hex}", brief={"brand_twin_id": str(twin.id)})
        s.add(camp)
        s.flush()
        post = PostVariantRow(tenant_id=org.tenant, campaign_id=camp.id, channel="linkedin", text=POST_TEXT,
                              hashtags=["coffee"], cited_fact_ids=["f1"], disclosure_flags={"sponsored": False})
        s.add(post)
        s.flush()
        review = PolicyDecisionRow(
            tenant_id=org.tenant, campaign_id=camp.id, query="data.smm.main.decision", bundle_revision="0" * 64,
            engine="regorus", allow=False,
            input={"action": "content.review", "resource": {"type": "post_variant", "id": str(post.id)}},
            result={"deny": [FINDING], "warnings": ["disclosure: add #ad"], "obligations": []})
        s.add(review)
        s.flush()
        sim = SimulationRunRow(tenant_id=org.tenant, campaign_id=camp.id, seed=1, iterations=100, input={},
                               summary={})
        s.add(sim)
        s.flush()
        card = {"verdict": VERDICT, "status": "needs_work",
                "readiness": {"mean": 0.7, "p5": 0.55, "p95": 0.82},
                "cost": {"mean": 2400.0, "p5": 2000.0, "p95": 2900.0, "currency": "EUR"},
                "recommended_actions": [{"kind": "edit", "target": "post", "text": f"Cite a source {IMG}",
                                         "readiness_gain": 0.1}],
                "proofs": {"fact_ids": ["f1"], "policy_decision_ids": [str(review.id)],
                           "simulation_run_id": str(sim.id),
                           "seed": 1}}
        sha = hashlib.sha256(name.encode()).hexdigest()
        row = DecisionCardRow(tenant_id=org.tenant, campaign_id=camp.id, simulation_run_id=sim.id, card=card,
                              card_sha256=sha)
        s.add(row)
        s.flush()
        return Seeded(org, str(camp.id), str(row.id), sha, name)


@pytest.fixture
def org_a(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> Org:
    return make_org(engine, make_tenant)


@pytest.fixture
def org_b(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> Org:
    return make_org(engine, make_tenant)


@pytest.fixture
def seeded(engine: Engine, org_a: Org) -> Seeded:
    return seed_hostile_card(engine, org_a)


def key_of(org: Org, role: str) -> str:
    """The raw API key of a role (as the person would paste it)."""
    return org.headers[role]["Authorization"].removeprefix("Bearer ")


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    """Headless Debian Chromium (Playwright cannot download a browser here). Missing → the test fails."""
    path = shutil.which("chromium") or CHROMIUM
    assert os.access(path, os.X_OK), (f"{CHROMIUM} is missing: install the Debian package `chromium` "
                                 "(`make system-deps` as root does) to run the browser tests")
    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path=path, headless=True)
        yield chromium
        await chromium.close()


@pytest.fixture
async def http(engine: Engine) -> AsyncIterator[httpx.AsyncClient]:
    """The app over ASGI (plain http) for header and form checks."""
    transport = httpx.ASGITransport(app=create_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://web.test") as client:
        yield client


CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token a page's form carries."""
    match = CSRF_FIELD.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


async def sign_in(client: httpx.AsyncClient, key: str) -> httpx.Response:
    """Sign in through the form as a browser would (GET the form, POST it with its token)."""
    page = await client.get("/web/sign-in")
    assert page.status_code == 200, page.text
    return await client.post("/web/sign-in", data={"csrf": csrf_of(page.text), "api_key": key})


# ---------------------------------------------------------------- onboarding sessions written directly

HOSTILE_LINK = "javascript:alert('link')"


def _hostile_twin() -> BrandTwin:
    """A brand twin whose facts carry <script>, <img onerror> and a javascript: source, as a hostile site would."""
    return BrandTwin(
        name="Northpeak", url="https://northpeak.example/", industry="coffee", confidence=0.8,
        facts=[Fact(id="f1", text=FACT_TEXT, source_url="https://northpeak.example/about", start=0, end=len(QUOTE),
                    quote=QUOTE, confidence=0.9),
               Fact(id="f2", text="Roasted in Tromsø", source_url=HOSTILE_LINK, start=0, end=6, quote="Tromsø",
                    confidence=0.7)],
        suspicious_sources=[SuspiciousSource(url="https://northpeak.example/ignore", rules=["prompt_injection"])],
        crawl_report=CrawlReport(status="ok", start_url="https://northpeak.example/"),
        generated_by=GeneratedBy(provider="test", model="none", offline=True))


def seed_onboarding(engine: Engine, org: Org, *, settled: bool = True) -> uuid.UUID:
    """An onboarding session of the org's marketer; ``settled``: research done (hostile twin and draft stored)."""
    marketer = authenticate(engine, key_of(org, "marketer"))
    with tenant_session(engine, org.tenant) as s:
        row = OnboardingSession(tenant_id=org.tenant, created_by=marketer.user_id,
                                brand_url="https://northpeak.example/", status="researching")
        s.add(row)
        s.flush()
        append_event(s, row, "status", {"status": "researching", "message": "Researching northpeak.example"})
        sid = row.id
    if settled:
        finish_research(engine, org, sid)
    return sid


def finish_research(engine: Engine, org: Org, sid: uuid.UUID) -> None:
    """What the worker writes when research ends: progress, the twin, the draft, the questions, settled."""
    twin = _hostile_twin()
    with tenant_session(engine, org.tenant) as s:
        row = get_session(s, sid, lock=True)
        ws = Workspace(tenant_id=org.tenant, name=f"ws-{uuid.uuid4().hex[:8]}")
        s.add(ws)
        s.flush()
        twin_row = BrandTwinRow(tenant_id=org.tenant, workspace_id=ws.id, name=twin.name,
                                data=twin.model_dump(mode="json"), confidence=twin.confidence)
        s.add(twin_row)
        s.flush()
        draft = draft_contract_card(twin).model_dump(mode="json")
        append_event(s, row, "crawl_progress", {"pages_fetched": 3, "pages_skipped": 1, "pages_failed": 0,
                                                "last_url": f"https://northpeak.example/{SCRIPT}", "problems": []})
        append_event(s, row, "crawl_done", {})
        append_event(s, row, "brand_twin", twin_card(str(twin_row.id), twin))
        append_event(s, row, "contract_draft", {"contract": draft})
        append_event(s, row, "questions", {"questions": questions(twin, draft)})
        row.brand_twin_id, row.draft_contract, row.status = twin_row.id, draft, "waiting_for_marketer"
