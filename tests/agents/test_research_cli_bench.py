"""`smm onboard` (through typer) and the research bench."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

import numpy as np
from sqlalchemy import Engine, select, text

from agents import bench
from agents.crawler import CrawlConfig
from agents.embeddings import MiniLMEmbedder
from agents.research.config import ResearchConfig
from agents.research.service import run_research
from agents.research.store import InMemoryResearchStore
from core.db import tenant_session
from core.models import PolicyDecisionRow
from fixtures.server import serve_site
from tests.conftest import run_smm


def test_onboard_gates_crawls_and_stores_in_postgres(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    with serve_site("ledgerly") as base:
        proc = run_smm("onboard", base + "/", "--tenant", str(tid), "--json", "--allow-private",
                       "--embedder", "hashing")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["status"] == "ok" and doc["stored"] is True and doc["brand_twin_id"]
    assert doc["brand_twin"]["name"] == "Ledgerly" and doc["brand_twin"]["facts"]
    assert doc["contract_card"]["mode"] == "shadow"
    assert doc["brand_twin"]["generated_by"]["offline"] is True
    with tenant_session(engine, tid) as s:
        facts = s.execute(text(
            "SELECT f.quote, substr(s.text, f.start + 1, f.\"end\" - f.start) FROM facts f "
            "JOIN sources s ON s.id = f.source_id")).all()
        decision = s.execute(select(PolicyDecisionRow).where(
            PolicyDecisionRow.id == uuid.UUID(doc["policy_decision_id"]))).scalar_one()
        chunks = s.execute(text("SELECT count(*) FROM chunks")).scalar_one()
    assert len(facts) == len(doc["brand_twin"]["facts"]) and all(q == span for q, span in facts)
    assert decision.allow and decision.input["action"] == "research.start"
    assert chunks > 0


def test_onboard_loopback_without_permission_is_denied_by_policy_and_stores_nothing(
    engine: Engine, make_tenant: Callable[[], uuid.UUID]
) -> None:
    tid = make_tenant()
    with serve_site("ledgerly") as base:
        proc = run_smm("onboard", base + "/", "--tenant", str(tid), "--json", "--embedder", "hashing",
                       env={"SMM_CRAWL_ALLOW_PRIVATE": "false"})
    assert proc.returncode == 1 and "denied by policy" in proc.stderr and proc.stdout == ""
    with tenant_session(engine, tid) as s:
        assert s.execute(text("SELECT count(*) FROM sources")).scalar_one() == 0
        denied = s.execute(select(PolicyDecisionRow)).scalars().all()
    assert len(denied) == 1 and denied[0].allow is False and denied[0].result["deny"]


def test_onboard_unknown_tenant_is_bad_input() -> None:
    proc = run_smm("onboard", "https://example.invalid/", "--tenant", str(uuid.uuid4()), "--json")
    assert proc.returncode == 2 and "not found" in proc.stderr


def test_research_with_minilm_vectors_and_similarity_search() -> None:
    store = InMemoryResearchStore()
    config = ResearchConfig(embedder="minilm", crawl=CrawlConfig(allow_private=True, politeness_delay_s=0))
    with serve_site("northpeak-coffee") as base:
        outcome = run_research(base + "/", tenant_id="t", config=config, store=store)
    assert outcome.stored
    query = MiniLMEmbedder().embed(["How much does the decaf coffee cost?"])[0]
    hits = store.search_similar("t", query, k=3, model="all-MiniLM-L6-v2", dim=384)
    assert hits and any("Decaf" in h.text for h in hits)
    assert store.search_similar("other-tenant", query, k=3, model="all-MiniLM-L6-v2", dim=384) == []
    assert np.isfinite(hits[0].score)


def test_bench_reports_rates() -> None:
    metrics = bench.run(rounds=1, include_minilm=False)
    assert metrics["pages_per_s"] > 0 and metrics["crawl_pages"] >= 10
    assert metrics["embeddings_per_s_hashing"] > 0
