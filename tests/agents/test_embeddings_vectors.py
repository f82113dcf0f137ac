"""Embedders, the FAISS wrapper and the in-memory store: dimensions are checked at every layer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from agents.embeddings import EmbeddingDimensionError, HashingEmbedder, MiniLMEmbedder, OpenAIEmbedder, check_dim
from agents.research.store import ChunkRecord, InMemoryResearchStore, SourceRecord
from agents.vectors import FaissIndex
from tests.fakes.openai_server import FakeOpenAIServer


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    embedder = MiniLMEmbedder()
    embedder.embed(["warm-up"])  # load the model once for the module
    return embedder


def test_minilm_real_model_offline(minilm: MiniLMEmbedder) -> None:
    vecs = minilm.embed(
        [
            "The roastery ships fresh coffee within two days.",
            "Freshly roasted beans are delivered in 48 hours.",
            "The quarterly tax filing deadline is in April.",
        ]
    )
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert float(vecs[0] @ vecs[1]) > float(vecs[0] @ vecs[2]) + 0.2


def test_hashing_embedder_is_deterministic_and_normalised() -> None:
    e = HashingEmbedder(64)
    a, b = e.embed(["red apple pie"]), e.embed(["red apple pie"])
    assert np.array_equal(a, b) and a.shape == (1, 64)
    assert np.isclose(np.linalg.norm(a), 1.0)
    assert e.embed([]).shape == (0, 64)


def test_check_dim() -> None:
    check_dim(np.zeros((2, 8)), 8, where="x")
    with pytest.raises(EmbeddingDimensionError, match="dimension 8, expected 384"):
        check_dim(np.zeros((2, 8)), 384, where="x")
    with pytest.raises(EmbeddingDimensionError):
        check_dim(np.zeros(8), 8, where="x")


def test_faiss_index_build_search_and_dim_checks() -> None:
    e = HashingEmbedder(32)
    texts = ["coffee beans roasted", "tents for hiking", "accounting software"]
    index = FaissIndex.build(["a", "b", "c"], e.embed(texts), dim=32, model_name=e.model_name)
    assert len(index) == 3
    hits = index.search(e.embed(["hiking tents"])[0], k=2, model_name=e.model_name)
    assert hits[0][0] == "b"
    with pytest.raises(EmbeddingDimensionError):
        index.search(np.zeros(16, dtype=np.float32))
    with pytest.raises(EmbeddingDimensionError):
        index.add(["d"], np.zeros((1, 16), dtype=np.float32))
    with pytest.raises(EmbeddingDimensionError):
        index.search(e.embed(["x"])[0], model_name="other-model")
    with pytest.raises(EmbeddingDimensionError):
        FaissIndex.build(["a"], np.zeros((1, 31), dtype=np.float32), dim=32)


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(embedding_dim=384).running() as server:
        yield server


def test_openai_embedder_through_sdk(fake: FakeOpenAIServer) -> None:
    e = OpenAIEmbedder(base_url=fake.base_url, api_key="k", dim=384)
    vecs = e.embed(["a", "b"])
    assert vecs.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert fake.requests[-1]["body"]["dimensions"] == 384
    wrong = OpenAIEmbedder(base_url=fake.base_url, api_key="k", dim=1536)
    with pytest.raises(EmbeddingDimensionError):
        wrong.embed(["a"])


def _source(url: str, text: str) -> SourceRecord:
    return SourceRecord(url, url, "h-" + url, 200, "text/html", "t", text, False, {}, 0.0)


def test_store_tenant_isolation_dimension_checks_and_atomicity() -> None:
    store = InMemoryResearchStore()
    e = HashingEmbedder(384)
    text_a, text_b = "Tenant A sells coffee beans.", "Tenant B sells hiking tents."
    with store.atomic():
        ids_a = store.save_sources("A", [_source("http://a/", text_a)])
        store.save_chunks(
            "A",
            ids_a,
            [ChunkRecord("http://a/", 0, 0, len(text_a), text_a)],
            e.embed([text_a]),
            model=e.model_name,
            dim=384,
        )
    with store.atomic():
        ids_b = store.save_sources("B", [_source("http://b/", text_b)])
        store.save_chunks(
            "B",
            ids_b,
            [ChunkRecord("http://b/", 0, 0, len(text_b), text_b)],
            e.embed([text_b]),
            model=e.model_name,
            dim=384,
        )
    hits = store.search_similar("A", e.embed(["hiking tents"])[0], k=5, model=e.model_name, dim=384)
    assert [h.text for h in hits] == [text_a]  # tenant B's chunk is never visible to A
    with pytest.raises(EmbeddingDimensionError):
        store.search_similar("A", np.zeros(16, dtype=np.float32), model=e.model_name, dim=16)
    with pytest.raises(EmbeddingDimensionError):
        store.save_chunks(
            "A", ids_a, [ChunkRecord("http://a/", 1, 0, 6, "Tenant")], np.zeros((1, 16)), model=e.model_name, dim=384
        )
    # a chunk whose text is not its source span is refused, and the whole transaction rolls back
    before = store.counts("A")
    with pytest.raises(ValueError), store.atomic():
        store.save_sources("A", [_source("http://a/other", "Other page text.")])
        store.save_chunks(
            "A", ids_a, [ChunkRecord("http://a/", 1, 0, 6, "WRONG!")], e.embed(["x"]), model=e.model_name, dim=384
        )
    assert store.counts("A") == before


def test_memo_embedder_embeds_each_distinct_text_once_in_one_batch() -> None:
    from agents.embeddings import MemoEmbedder

    calls: list[list[str]] = []

    class Counting(HashingEmbedder):
        def embed(self, texts: list[str]) -> Any:
            calls.append(list(texts))
            return super().embed(texts)

    inner = Counting()
    memo = MemoEmbedder(inner)
    texts = ["free shipping over $40", "our beans", "free shipping over $40", "roasted weekly"]
    got = memo.embed(texts)
    assert calls == [["free shipping over $40", "our beans", "roasted weekly"]]
    assert got.shape == (4, inner.dim) and np.array_equal(got, HashingEmbedder().embed(texts))
    # Later calls are answered from the batch; only a new text reaches the model.
    assert np.array_equal(memo.embed(["our beans"]), HashingEmbedder().embed(["our beans"]))
    memo.embed(["our beans", "new text"])
    assert calls[1:] == [["new text"]]
    assert memo.embed([]).shape == (0, inner.dim)
