"""The Postgres research store: spans, atomicity, dimension checks and tenant isolation of vectors."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import numpy as np
import pytest
from sqlalchemy import Engine

from agents.embeddings import EmbeddingDimensionError, HashingEmbedder
from agents.research.pg_store import PostgresResearchStore
from agents.research.store import ChunkRecord, SourceRecord

EMB = HashingEmbedder(384)


def _page(url: str, text: str) -> SourceRecord:
    import hashlib

    return SourceRecord(
        url=url,
        canonical_url=url,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        status_code=200,
        content_type="text/html",
        title="t",
        text=text,
        suspicious=False,
        flags={},
        fetched_at=time.time(),
    )


def _store_page(store: PostgresResearchStore, tid: uuid.UUID, url: str, sentences: list[str]) -> list[str]:
    text = " ".join(sentences)
    with store.atomic():
        ids = store.save_sources(str(tid), [_page(url, text)])
        chunks, pos = [], 0
        for i, s in enumerate(sentences):
            start = text.index(s, pos)
            chunks.append(ChunkRecord(source_url=url, ordinal=i, start=start, end=start + len(s), text=s))
            pos = start + len(s)
        return store.save_chunks(str(tid), ids, chunks, EMB.embed(sentences), model=EMB.model_name, dim=EMB.dim)


def test_similarity_search_never_crosses_tenants(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    store = PostgresResearchStore(engine)
    a, b = make_tenant(), make_tenant()
    secret = "Project Falcon launches the titanium anvil on March 3."
    a_ids = set(_store_page(store, a, "https://a.test/", ["Acme bakes sourdough bread daily.", "Open on Sundays."]))
    b_ids = set(_store_page(store, b, "https://b.test/", [secret, "Titanium anvils ship worldwide."]))
    query = EMB.embed([secret])[0]
    for search in (store.search_similar, store.pgvector_search):
        hits_a = search(str(a), query, 10, model=EMB.model_name, dim=EMB.dim)
        assert {h.chunk_id for h in hits_a} <= a_ids and hits_a, "A sees only (and all of) its own chunks"
        assert all(secret not in h.text for h in hits_a)
        hits_b = search(str(b), query, 1, model=EMB.model_name, dim=EMB.dim)
        assert hits_b[0].text == secret and hits_b[0].chunk_id in b_ids


def test_faiss_and_pgvector_agree(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    store = PostgresResearchStore(engine)
    tid = make_tenant()
    sentences = [
        f"Sentence number {i} about {w} coffee beans."
        for i, w in enumerate(["roasted", "green", "ethiopian", "decaf", "espresso", "filter"])
    ]
    _store_page(store, tid, "https://c.test/", sentences)
    q = EMB.embed(["espresso coffee"])[0]
    faiss_hits = store.search_similar(str(tid), q, 3, model=EMB.model_name, dim=EMB.dim)
    sql_hits = store.pgvector_search(str(tid), q, 3, model=EMB.model_name, dim=EMB.dim)
    # Same ranking up to ties (several sentences share words): the top hit and the scores agree.
    assert faiss_hits[0].chunk_id == sql_hits[0].chunk_id and "espresso" in faiss_hits[0].text
    assert np.allclose([h.score for h in faiss_hits], [h.score for h in sql_hits], atol=1e-5)
    # A new chunk is visible to the next search: the FAISS cache is rebuilt from pgvector.
    _store_page(store, tid, "https://c2.test/", ["Espresso coffee espresso coffee."])
    top = store.search_similar(str(tid), q, 1, model=EMB.model_name, dim=EMB.dim)[0]
    assert top.text == "Espresso coffee espresso coffee."


def test_dimension_mismatch_is_a_clear_error(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    store = PostgresResearchStore(engine)
    tid = make_tenant()
    _store_page(store, tid, "https://d.test/", ["One sentence here."])
    with pytest.raises(EmbeddingDimensionError):
        store.search_similar(str(tid), np.ones(128, np.float32), 1, model=EMB.model_name, dim=128)
    wide = HashingEmbedder(1536)
    with pytest.raises(EmbeddingDimensionError, match="vector\\(384\\)"), store.atomic():
        ids = store.save_sources(str(tid), [_page("https://e.test/", "Wide vectors.")])
        store.save_chunks(
            str(tid),
            ids,
            [ChunkRecord("https://e.test/", 0, 0, 13, "Wide vectors.")],
            wide.embed(["Wide vectors."]),
            model=wide.model_name,
            dim=1536,
        )
    # atomic(): the source saved before the failure was rolled back too.
    assert store.counts(str(tid))["sources"] == 1


def test_chunk_that_does_not_quote_its_source_is_refused(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    store = PostgresResearchStore(engine)
    tid = make_tenant()
    with pytest.raises(ValueError, match="does not match its source span"), store.atomic():
        ids = store.save_sources(str(tid), [_page("https://f.test/", "Real text of the page.")])
        store.save_chunks(
            str(tid),
            ids,
            [ChunkRecord("https://f.test/", 0, 0, 9, "Fake text")],
            EMB.embed(["Fake text"]),
            model=EMB.model_name,
            dim=EMB.dim,
        )
    assert store.counts(str(tid)) == {"sources": 0, "chunks": 0, "brand_twins": 0, "facts": 0, "workspaces": 0}


def test_atomic_block_is_bound_to_one_tenant(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    store = PostgresResearchStore(engine)
    a, b = make_tenant(), make_tenant()
    with pytest.raises(ValueError, match="belongs to tenant"), store.atomic():
        store.save_sources(str(a), [_page("https://g.test/", "Tenant A page.")])
        store.save_sources(str(b), [_page("https://h.test/", "Tenant B page.")])
    assert store.counts(str(a))["sources"] == 0 and store.counts(str(b))["sources"] == 0


def test_onboarding_never_overwrites_a_workspace_chosen_by_crawled_name(
    engine: Engine, make_tenant: Callable[[], uuid.UUID]
) -> None:
    from sqlalchemy import select

    from core.contracts.brand import BrandTwin, ContractCard, CrawlReport, GeneratedBy
    from core.db import tenant_session
    from core.models import Workspace

    tid = make_tenant()
    with tenant_session(engine, tid) as s:
        live = Workspace(tenant_id=tid, name="Acme", mode="live", contract_card={"draft": False, "goals": ["x"]},
                         budget_caps={"x": 9000})
        s.add(live)
        s.flush()
        live_id = live.id
    twin = BrandTwin(name="Acme", url="https://acme.test/", confidence=0.5,
                     crawl_report=CrawlReport(status="ok", start_url="https://acme.test/"),
                     generated_by=GeneratedBy(provider="offline", model="rules", offline=True))
    card = ContractCard(brand_name="Acme", goals=["awareness"], channels=[{"channel": "x", "budget_cap": 10}])
    store = PostgresResearchStore(engine)
    store.save_brand_twin(str(tid), twin, workspace_id=None, source_ids={}, contract_card=card)
    # Explicitly targeting the live workspace does not replace its agreed card either.
    store.save_brand_twin(str(tid), twin, workspace_id=str(live_id), source_ids={}, contract_card=card)
    with tenant_session(engine, tid) as s:
        rows = s.execute(select(Workspace)).scalars().all()
    kept = next(w for w in rows if w.id == live_id)
    assert kept.mode == "live" and kept.budget_caps == {"x": 9000} and kept.contract_card["draft"] is False
    assert len(rows) == 2 and any(w.id != live_id and w.contract_card["draft"] is True for w in rows)
