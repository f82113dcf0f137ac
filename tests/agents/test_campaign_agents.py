"""Planner, creative and legal agents against a real fixture BrandTwin, real Rego and real Postgres.

The only fake is at the edge of the world: a loopback server speaking the OpenAI chat-completions
wire format stands in for a remote model where a test needs to see which model was asked.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select

from agents.crawler import CrawlConfig
from agents.creative import AD_TAG, SpendGate, draft_posts, fit_text, soft_limit
from agents.embeddings import make_embedder
from agents.goals import goal_targets
from agents.legal import calibration, review_posts, uncited_claims
from agents.llm.offline import OfflineProvider
from agents.llm.openai_provider import OpenAIProvider
from agents.llm.prompting import extract_data
from agents.llm.templates import CHANNEL_LIMITS
from agents.llm.tokens import cost_usd
from agents.planner import MAX_WINDOW_DAYS, plan_campaign
from agents.research.config import ResearchConfig
from agents.research.service import run_research
from agents.research.store import InMemoryResearchStore
from core.contracts.brand import BrandTwin, ChannelBudget, ContractCard, KpiGoals
from core.contracts.campaign import POST_CHAR_LIMITS, CampaignPlan, DisclosureFlags, PostVariant
from core.contracts.simulation import CHANNELS
from core.db import tenant_session
from core.errors import InvalidInput, PolicyDenied
from core.models import Campaign, PolicyDecisionRow, SpendRecord, Workspace
from core.settings import Settings
from fixtures.server import serve_site
from simulator.card import MATERIAL_VIOLATION
from tests.fakes.openai_server import FakeOpenAIServer

START = dt.date(2025, 3, 3)
CONFIG = ResearchConfig(embedder="hashing", crawl=CrawlConfig(allow_private=True, politeness_delay_s=0))


@pytest.fixture(scope="module")
def brand() -> tuple[BrandTwin, ContractCard]:
    """A real BrandTwin + Contract Card of the Ledgerly fixture site (b2b SaaS: LinkedIn and X)."""
    with serve_site("ledgerly") as base:
        outcome = run_research(base + "/", tenant_id="t-ledgerly", config=CONFIG, store=InMemoryResearchStore())
    assert outcome.contract_card is not None
    return outcome.brand_twin, outcome.contract_card


def new_campaign(engine: Engine, tenant: uuid.UUID, card: ContractCard) -> tuple[str, str]:
    """A workspace and a campaign row (the caller of the campaign graph creates them)."""
    with tenant_session(engine, tenant) as s:
        ws = Workspace(tenant_id=tenant, name=f"ws-{uuid.uuid4().hex[:6]}", mode="shadow",
                       contract_card=card.model_dump(mode="json"), region=card.region, industry="software_saas")
        s.add(ws)
        s.flush()
        camp = Campaign(tenant_id=tenant, workspace_id=ws.id, name="launch", status="planning")
        s.add(camp)
        s.flush()
        return str(ws.id), str(camp.id)


def workspace_doc(tenant: uuid.UUID, ws_id: str, *, cap: float = 3000.0, spent: float = 0.0,
                  industry: str = "software_saas") -> dict[str, Any]:
    """The policy workspace document (policies/inputs.py)."""
    return {"id": ws_id, "tenant_id": str(tenant), "region": "US", "industry": industry, "mode": "shadow",
            "budget": {"cap": cap, "spent": spent}}


ACTOR = {"id": "u-marketer", "role": "marketer"}


def gate_for(engine: Engine, settings: Settings, tenant: uuid.UUID, ws: dict[str, Any], card: ContractCard,
             campaign_id: str) -> SpendGate:
    return SpendGate(db=engine, settings=settings, tenant_id=str(tenant), actor=ACTOR, workspace=ws, card=card,
                     campaign_id=campaign_id)


def make_plan(twin: BrandTwin, card: ContractCard, seed: int = 7, ppc: int = 3) -> CampaignPlan:
    return plan_campaign(twin, card, campaign_id=str(uuid.uuid5(uuid.NAMESPACE_DNS, f"c{seed}")), start_date=START,
                         posts_per_channel=ppc, seed=seed)


# ---------------------------------------------------------------- contracts


def test_contract_limits_are_the_creatives_and_are_enforced() -> None:
    assert {c: CHANNEL_LIMITS[c] for c in CHANNELS} == POST_CHAR_LIMITS
    base = {"id": "p", "plan_item_id": "i", "channel": "Twitter", "llm_model": "m"}
    assert PostVariant(**base, text="ok").channel == "x"  # alias normalised
    with pytest.raises(ValueError, match="exceed the x limit"):
        PostVariant(**base, text="a" * 281)
    with pytest.raises(ValueError, match="no #ad"):
        PostVariant(**base, text="promo", disclosure_flags=DisclosureFlags(sponsored=True, ad_label=True))
    with pytest.raises(ValueError, match="ad label"):
        PostVariant(**base, text="#ad promo", disclosure_flags=DisclosureFlags(sponsored=True))


# ---------------------------------------------------------------- planner


@pytest.mark.parametrize(("goal", "expected"), [
    ("Reach 20k people in Cork", {"impressions": 20000.0}),
    ("10,000 impressions and 500 website visits by March", {"impressions": 10000.0, "clicks": 500.0}),
    ("clicks: 1.200", {"clicks": 1200.0}),
    ("Get 2.5k engagements a month", {"engagements": 2500.0}),
    ("Conseguir 1.000 visitas a la web", {"clicks": 1000.0}),
    ("300 new newsletter sign-ups", {"clicks": 300.0}),
    ("Grow brand awareness", {}), ("Open 3 new stores", {}), ("50% more likes", {}), ("a top 10 brand", {}),
])
def test_goal_numbers_become_kpi_targets(goal: str, expected: dict[str, float]) -> None:
    assert goal_targets([goal]) == expected


def test_the_contract_targets_are_split_over_the_posts(brand: tuple[BrandTwin, ContractCard]) -> None:
    twin, card = brand
    worded = card.model_copy(update={"goals": ["10,000 impressions", "400 website visits"]})
    plan = make_plan(twin, worded)
    assert sum(i.kpi_targets.impressions or 0 for i in plan.items) == pytest.approx(10_000, abs=0.1)
    assert sum(i.kpi_targets.clicks or 0 for i in plan.items) == pytest.approx(400, abs=0.1)
    assert all(i.kpi_targets.engagements is None for i in plan.items)
    # A channel that reaches more people on average carries more of the target.
    by_channel = {i.channel: i.kpi_targets.impressions for i in plan.items}
    assert len(set(by_channel.values())) == 2
    # The structured field wins over the goal sentences.
    set_ = worded.model_copy(update={"kpi_targets": KpiGoals(engagements=900)})
    plan = make_plan(twin, set_)
    assert sum(i.kpi_targets.engagements or 0 for i in plan.items) == pytest.approx(900, abs=0.1)
    assert all(i.kpi_targets.impressions is None and i.kpi_targets.clicks is None for i in plan.items)


def test_planned_paid_spend_comes_from_the_contract() -> None:
    assert ChannelBudget(channel="x", budget_cap=100, paid_spend=30).planned_paid_spend() == 30
    assert ChannelBudget(channel="x", budget_cap=100).planned_paid_spend() == 50  # a card from before the field
    with pytest.raises(ValueError, match="exceeds its cap"):
        ChannelBudget(channel="x", budget_cap=100, paid_spend=130)


def test_planner_is_deterministic_and_respects_its_constraints(brand: tuple[BrandTwin, ContractCard]) -> None:
    twin, card = brand
    plan = make_plan(twin, card)
    assert plan == make_plan(twin, card)
    assert plan.model_dump() != make_plan(twin, card, seed=8).model_dump()

    channels = [c.channel for c in card.channels if c.channel in CHANNELS]
    assert sorted({i.channel for i in plan.items}) == sorted(channels) == ["linkedin", "x"]
    facts = {f.id for f in twin.facts}
    for channel in channels:
        days = [i.scheduled_at for i in plan.items if i.channel == channel]
        assert len(days) == 3 and len(set(days)) == 3  # never twice on one day
    for item in plan.items:
        assert START <= item.scheduled_at < START + dt.timedelta(days=MAX_WINDOW_DAYS)
        assert 1 <= len(item.fact_ids) <= 2 and set(item.fact_ids) <= facts
        assert item.token_estimate > 50
        assert item.cost_estimate > 0
    # The goals name kinds of KPI ("demo requests", "thought leadership") but no number: no target is invented.
    assert not any(i.kpi_targets.model_dump(exclude_none=True) for i in plan.items)
    # Products come first as topics.
    assert {i.topic for i in plan.items} >= {p.name for p in twin.products}
    # Estimates price the real prompt: a token more or less shows in the cost.
    item = plan.items[0]
    assert item.cost_estimate < cost_usd("gpt-4o-mini", item.token_estimate, item.token_estimate)


def test_planner_refuses_cards_without_supported_channels(brand: tuple[BrandTwin, ContractCard]) -> None:
    twin, card = brand
    only_email = card.model_copy(update={"channels": [ChannelBudget(channel="email", budget_cap=100)]})
    with pytest.raises(InvalidInput, match="no supported channel"):
        make_plan(twin, only_email)
    with pytest.raises(InvalidInput, match="no facts"):
        make_plan(twin.model_copy(update={"facts": [], "products": [], "summary_fact_ids": []}), card)


# ---------------------------------------------------------------- creative


def test_fit_text_keeps_disclosure_and_label_within_the_limit() -> None:
    text = f"{AD_TAG} " + "word " * 200 + "[offline draft]"
    out = fit_text(text, 100)
    assert len(out) <= 100 and out.startswith("#ad ") and out.endswith("[offline draft]")


def test_creative_discloses_paid_posts_only_and_stays_within_limits(
    brand: tuple[BrandTwin, ContractCard], engine: Engine, settings: Settings, make_tenant: Callable[[], uuid.UUID]
) -> None:
    twin, card = brand
    # X gets no budget here: organic, so no #ad; LinkedIn is paid.
    channels = [c.model_copy(update={"budget_cap": 0.0}) if c.channel == "x" else c for c in card.channels]
    card = card.model_copy(update={"channels": channels})
    tenant = make_tenant()
    ws_id, campaign_id = new_campaign(engine, tenant, card)
    plan = make_plan(twin, card)
    posts = draft_posts(plan, twin, card, provider=OfflineProvider(), seed=1,
                        spend_gate=gate_for(engine, settings, tenant, workspace_doc(tenant, ws_id), card, campaign_id))
    assert len(posts) == len(plan.items)
    for post in posts:
        assert len(post.text) <= soft_limit(post.channel)
        paid = post.channel == "linkedin"
        assert post.disclosure_flags.sponsored is paid and post.disclosure_flags.ad_label is paid
        assert (AD_TAG in post.text.split()) is paid and (AD_TAG in post.hashtags) is paid
        assert post.disclosure_flags.offline_draft and not post.model_downgraded
        assert post.cited_fact_ids and set(post.cited_fact_ids) <= set(
            next(i for i in plan.items if i.id == post.plan_item_id).fact_ids)
        assert post.prompt_tokens > 0 and post.completion_tokens > 0
    with tenant_session(engine, tenant) as s:
        row = s.get(PolicyDecisionRow, uuid.UUID(posts[0].spend_decision_id or ""))
        assert row is not None and row.allow and row.input["action"] == "llm.spend"
        assert str(row.campaign_id) == campaign_id


@pytest.fixture
def fake_llm() -> Iterator[FakeOpenAIServer]:
    """A loopback chat-completions server answering every post request with an over-long draft."""
    fake = FakeOpenAIServer()

    def answer(body: dict[str, Any]) -> str:
        data = extract_data(body["messages"])
        fact = data["facts"][0]
        return json.dumps({"channel": data["channel"], "text": f"{fact['text']} " * 40,
                           "hashtags": ["launch", "#Ledgerly"], "cited_fact_ids": [fact["id"], "f_invented"]})

    fake.default = answer
    with fake.running():
        yield fake


def test_budget_at_85_percent_downgrades_the_model_and_records_it(
    brand: tuple[BrandTwin, ContractCard], engine: Engine, settings: Settings,
    make_tenant: Callable[[], uuid.UUID], fake_llm: FakeOpenAIServer,
) -> None:
    twin, card = brand
    tenant = make_tenant()
    ws_id, campaign_id = new_campaign(engine, tenant, card)
    gate = gate_for(engine, settings, tenant, workspace_doc(tenant, ws_id, cap=1000.0, spent=850.0), card, campaign_id)
    provider = OpenAIProvider(base_url=fake_llm.base_url, api_key="k", model="gpt-4o", max_retries=0)
    plan = make_plan(twin, card, ppc=1)
    posts = draft_posts(plan, twin, card, provider=provider, seed=3, model="gpt-4o", spend_gate=gate)

    asked = {r["body"]["model"] for r in fake_llm.chat_requests()}
    assert asked == {"gpt-4o-mini"}  # the cheaper model really answered
    for post in posts:
        assert post.llm_model.startswith("gpt-4o-mini") and post.model_downgraded
        assert not post.disclosure_flags.offline_draft
        # 40 repetitions of a fact: regenerated, then cut; never over the limit.
        assert len(post.text) <= soft_limit(post.channel) and post.text.startswith("#ad ")
        assert post.cited_fact_ids and "f_invented" not in post.cited_fact_ids
        assert post.hashtags[0] == "#ad" and "#launch" in post.hashtags
    with tenant_session(engine, tenant) as s:
        row = s.get(PolicyDecisionRow, uuid.UUID(posts[0].spend_decision_id or ""))
        assert row is not None and row.allow and "downgrade_model" in row.result["obligations"]

    # What drafting cost is recorded per channel, once even when the node is retried.
    from agents.campaign.nodes import record_llm_spend
    from agents.publisher.budget import spent_by_channel

    state: dict[str, Any] = {"tenant_id": str(tenant), "campaign_id": str(campaign_id)}
    record_llm_spend(engine, state, posts)  # type: ignore[arg-type]
    record_llm_spend(engine, state, posts)  # type: ignore[arg-type]
    with tenant_session(engine, tenant) as s:
        spend = s.execute(select(SpendRecord)).scalars().all()
        by_channel = spent_by_channel(s, uuid.UUID(str(ws_id)))
    assert len(spend) == len(posts) and all(r.kind == "llm" and r.amount_cents >= 1 for r in spend)
    assert {r.model for r in spend} == {p.llm_model for p in posts}
    assert by_channel == {ch: sum(r.amount_cents for r in spend if r.channel == ch) / 100
                          for ch in {r.channel for r in spend}}

    # The offline provider has no cheaper tier, but the obligation is still recorded on its posts.
    offline = draft_posts(plan, twin, card, provider=OfflineProvider(), seed=3, spend_gate=gate)
    assert all(p.model_downgraded for p in offline)


def test_spend_at_the_cap_is_denied_and_recorded(
    brand: tuple[BrandTwin, ContractCard], engine: Engine, settings: Settings, make_tenant: Callable[[], uuid.UUID]
) -> None:
    twin, card = brand
    tenant = make_tenant()
    ws_id, campaign_id = new_campaign(engine, tenant, card)
    gate = gate_for(engine, settings, tenant, workspace_doc(tenant, ws_id, cap=1000.0, spent=1000.0), card, campaign_id)
    with pytest.raises(PolicyDenied, match=r"budget\.workspace_cap_reached") as info:
        draft_posts(make_plan(twin, card), twin, card, provider=OfflineProvider(), seed=1, spend_gate=gate)
    assert info.value.decision_id
    with tenant_session(engine, tenant) as s:
        row = s.get(PolicyDecisionRow, uuid.UUID(info.value.decision_id))
        assert row is not None and not row.allow


# ---------------------------------------------------------------- legal


def test_uncited_claims_names_the_claim() -> None:
    quotes = ["More than 2,400 companies use Ledgerly to close their books, on average 6 days faster."]
    assert uncited_claims("More than 2400 companies use Ledgerly. #ad #Ledgerly [offline draft]", quotes) == []
    assert uncited_claims("Trusted by 5,000 teams. Read more.", quotes) == ["Trusted by 5,000 teams."]
    assert uncited_claims("We are the #1 closing tool!", quotes) == ["We are the #1 closing tool!"]
    assert uncited_claims("Close faster with #Ledgerly.", quotes) == []


def _post(plan: CampaignPlan, text: str, fact_ids: list[str], n: int) -> PostVariant:
    item = plan.items[n]
    return PostVariant(id=str(uuid.uuid4()), plan_item_id=item.id, channel=item.channel, text=text,
                       cited_fact_ids=fact_ids, llm_model="offline-rules-v1")


def test_legal_review_records_decisions_and_scores_risks(
    brand: tuple[BrandTwin, ContractCard], engine: Engine, settings: Settings, make_tenant: Callable[[], uuid.UUID]
) -> None:
    twin, card = brand
    tenant = make_tenant()
    ws_id, campaign_id = new_campaign(engine, tenant, card)
    plan = make_plan(twin, card)
    fact = next(f for f in twin.facts if "2,400" in f.quote)
    clean = _post(plan, f"{fact.text} Learn more on our website.", [fact.id], 0)
    banned = _post(plan, "Ledgerly is the best way to close: guaranteed returns for every finance team.", [], 1)
    repeat = _post(plan, "Ledgerly reconciles bank transactions and prepares journal entries automatically.",
                   [], 2)
    published = [
        {"id": "pub-7", "channel": "linkedin", "date": "2025-01-15",
         "text": "Ledgerly reconciles bank transactions and prepares journal entries automatically!"},
        {"id": "pub-8", "channel": "x", "date": "2025-02-01", "text": "Our office dog has a new favourite chair."},
    ]
    # The same figure, once with the fact whose quote contains it cited and once with nothing cited.
    cited = _post(plan, f"{fact.quote} See how on our website.", [fact.id], 0)
    uncited = _post(plan, f"{fact.quote} See how on our website.", [], 1)
    # A jab at a named rival: the content table warns (software, US), so compliance accepts the post.
    jab = _post(plan, f"{fact.quote} Still paying FloQast prices for a close that drags on? Switch.", [fact.id], 2)
    reviews = review_posts([clean, banned, repeat, cited, uncited, jab], twin,
                           workspace_doc=workspace_doc(tenant, ws_id), actor=ACTOR, tenant_id=str(tenant), db=engine,
                           settings=settings, published=published,
                           embedder=make_embedder("hashing"), campaign_id=campaign_id)
    by_post = {r.post_id: r for r in reviews}

    # The risks are the stored calibration's curves at the detectors' scores, not constants.
    cal = calibration.load()
    bad = by_post[banned.id]
    assert not bad.allow and bad.p_policy_violation == round(cal.violation.predict(1.0), 4) > 0.9
    assert any(d.startswith("content.financial_guarantee") for d in bad.deny), bad.deny
    assert any(d.startswith("content.unsourced_superlative") for d in bad.deny)
    assert bad.p_uncited_claim > 0.5 and bad.uncited_claim and "best" in bad.uncited_claim

    good = by_post[clean.id]
    # The residual floor of a clean post stays below the card's line for a risk worth acting on.
    assert good.allow and good.p_policy_violation == round(cal.violation.predict(0.0), 4) < MATERIAL_VIOLATION
    assert good.p_uncited_claim == round(cal.unsupported.predict(0.0), 4) < 0.05 and good.uncited_claim is None

    # A warned post is allowed: the bundle judged its rule finding, so it adds no violation risk of its own.
    warned = by_post[jab.id]
    assert warned.allow and any("competitor_disparagement" in w for w in warned.warnings), warned
    assert warned.p_policy_violation == good.p_policy_violation < MATERIAL_VIOLATION

    # The uncited-claim risk reads the evidence the post cites: likely unsupported without it, residual with it.
    claim = by_post[uncited.id].uncited_claim
    assert claim and "2,400" in claim and by_post[cited.id].uncited_claim is None
    assert by_post[uncited.id].p_uncited_claim > 0.5 > by_post[cited.id].p_uncited_claim
    assert by_post[cited.id].p_uncited_claim == round(cal.unsupported.predict(0.0), 4)

    dup = by_post[repeat.id]
    assert dup.duplicate_similarity > 0.9 and dup.similar_post_id == "pub-7"
    assert dup.similar_post_date == dt.date(2025, 1, 15)
    assert good.duplicate_similarity < 0.5 and bad.duplicate_similarity < dup.duplicate_similarity

    with tenant_session(engine, tenant) as s:
        rows = {str(r.id): r for r in s.execute(
            select(PolicyDecisionRow).where(PolicyDecisionRow.campaign_id == uuid.UUID(campaign_id))).scalars()}
    assert {r.policy_decision_id for r in reviews} <= set(rows)
    stored = rows[bad.policy_decision_id]
    assert not stored.allow and stored.input["action"] == "content.review"
    assert stored.input["post"]["id"] == banned.id


def test_with_minilm_the_classifier_reviews_a_campaign_in_one_model_batch(
    brand: tuple[BrandTwin, ContractCard], engine: Engine, settings: Settings, make_tenant: Callable[[], uuid.UUID],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The classifier's embeddings of every post come from one MiniLM call (a call per post cost a model batch
    each); a clean post it does not flag keeps the calibration's floor."""
    from agents.embeddings import MiniLMEmbedder

    twin, card = brand
    tenant = make_tenant()
    ws_id, campaign_id = new_campaign(engine, tenant, card)
    plan = make_plan(twin, card)
    facts = [f for f in twin.facts if f.quote][:3]
    posts = [_post(plan, f"{f.quote} Learn more on our website.", [f.id], i) for i, f in enumerate(facts)]
    calls: list[int] = []
    real = MiniLMEmbedder.embed

    def counting(self: MiniLMEmbedder, texts: list[str]) -> Any:
        calls.append(len(texts))
        return real(self, texts)

    monkeypatch.setattr(MiniLMEmbedder, "embed", counting)
    reviews = review_posts(posts, twin, workspace_doc=workspace_doc(tenant, ws_id), actor=ACTOR,
                           tenant_id=str(tenant), db=engine, settings=settings, published=[],
                           embedder=MiniLMEmbedder(), campaign_id=campaign_id)
    assert len(calls) == 1 and calls[0] >= 2 * len(posts), calls
    floor = round(calibration.load().violation.predict(0.0), 4)
    assert all(r.allow for r in reviews)
    assert sum(r.p_policy_violation == floor for r in reviews) >= 2, [r.p_policy_violation for r in reviews]


def test_a_configured_model_adds_a_corroborated_jab_once_the_gate_allowed_its_spend(
    brand: tuple[BrandTwin, ContractCard], engine: Engine, settings: Settings, make_tenant: Callable[[], uuid.UUID]
) -> None:
    """The legal review asks a configured model (the loopback chat-completions server, through the real openai
    client) about each allowed post after the gate allowed the estimated spend; its corroborated jab raises that
    post's violation risk, and what it cost is recorded once per post against the caps."""
    from agents.campaign.nodes import record_review_spend
    from agents.legal.context import context_from_twin
    from agents.legal.model_signal import spend_checked
    from agents.llm.prompting import extract_data

    twin, card = brand
    rival = twin.competitors[0].name
    tenant = make_tenant()
    ws_id, campaign_id = new_campaign(engine, tenant, card)
    plan = make_plan(twin, card)
    fact = next(f for f in twin.facts if "2,400" in f.quote)
    span = "Half their customers still rebuild the close checklist in a spreadsheet every month."
    jab = _post(plan, f"Spoke to a {rival} customer at a meetup. {span}", [], 0)
    clean = _post(plan, f"{fact.quote} Learn more on our website.", [fact.id], 1)
    fake = FakeOpenAIServer()
    fake.default = lambda body: json.dumps({"findings": [
        {"class": "competitor_disparagement", "span": span, "reason": "runs the rival's customers down"}]
        if span in extract_data(body["messages"])["post"]["text"] else []})  # fmt: skip
    doc = workspace_doc(tenant, ws_id)
    with fake.running():
        provider = OpenAIProvider(base_url=fake.base_url, api_key="k", model="gpt-4o-mini", max_retries=0)
        gate = gate_for(engine, settings, tenant, doc, card, campaign_id)
        model, spend = spend_checked(provider, [(p.text, p.channel) for p in (jab, clean)], context_from_twin(twin),
                                     gate)
        assert model is provider and spend is not None and spend.allow
        reviews = review_posts([jab, clean], twin, workspace_doc=doc, actor=ACTOR, tenant_id=str(tenant), db=engine,
                               settings=settings, published=[], embedder=make_embedder("hashing"),
                               campaign_id=campaign_id, model=model)
        without = review_posts([jab], twin, workspace_doc=doc, actor=ACTOR, tenant_id=str(tenant), db=engine,
                               settings=settings, published=[], embedder=make_embedder("hashing"),
                               campaign_id=campaign_id)
    by_post = {r.post_id: r for r in reviews}
    assert len(fake.chat_requests()) == 2  # one question per allowed post
    flagged, fine = by_post[jab.id], by_post[clean.id]
    assert flagged.model_review and flagged.model_review.classes == ["competitor_disparagement"]
    assert fine.model_review and fine.model_review.classes == [] and fine.model_review.error is None
    assert flagged.p_policy_violation > without[0].p_policy_violation == fine.p_policy_violation
    assert without[0].model_review is None

    state: dict[str, Any] = {"tenant_id": str(tenant), "campaign_id": campaign_id}
    record_review_spend(engine, state, [jab, clean], reviews)  # type: ignore[arg-type]
    record_review_spend(engine, state, [jab, clean], reviews)  # type: ignore[arg-type]
    with tenant_session(engine, tenant) as s:
        spend_rows = s.execute(select(SpendRecord)).scalars().all()
        decision = s.get(PolicyDecisionRow, uuid.UUID(spend.decision_id))
    assert len(spend_rows) == 2 and all(r.kind == "llm" and r.detail["agent"] == "legal" for r in spend_rows)
    assert decision is not None and decision.input["action"] == "llm.spend"

    # At the cap the gate denies the spend: no model is asked and the review is the rules' alone.
    at_cap = gate_for(engine, settings, tenant, workspace_doc(tenant, ws_id, cap=1000.0, spent=1000.0), card,
                      campaign_id)
    model, spend = spend_checked(provider, [(jab.text, jab.channel)], context_from_twin(twin), at_cap)
    assert model is None and spend is not None and not spend.allow
