"""Where research results are stored: the ``ResearchStore`` protocol and an in-memory store.

The Postgres/pgvector implementation (lead) plugs in by implementing the same
protocol. All writes of one research run happen inside ``store.atomic()``, so a
failure leaves nothing half-stored.
"""

from __future__ import annotations

import copy
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from agents.embeddings import EmbeddingDimensionError, check_dim
from agents.vectors import FaissIndex
from core.contracts.brand import BrandTwin, ContractCard


@dataclass(frozen=True)
class SourceRecord:
    """One crawled page (table ``sources``)."""

    url: str
    canonical_url: str
    content_hash: str
    status_code: int
    content_type: str
    title: str
    text: str
    suspicious: bool
    flags: dict[str, Any]
    fetched_at: float


@dataclass(frozen=True)
class ChunkRecord:
    """A span of a source's text (table ``chunks``); ``text == source.text[start:end]``."""

    source_url: str  # canonical URL of its source
    ordinal: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SimilarChunk:
    chunk_id: str
    source_id: str
    text: str
    score: float


class ResearchStore(Protocol):
    def atomic(self) -> AbstractContextManager[None]:
        """Everything saved inside commits together or not at all."""
        ...

    def save_sources(self, tenant_id: str, sources: Sequence[SourceRecord]) -> dict[str, str]:
        """Store pages; return {canonical_url: source_id}."""
        ...

    def save_chunks(
        self,
        tenant_id: str,
        source_ids: Mapping[str, str],
        chunks: Sequence[ChunkRecord],
        vectors: np.ndarray,
        *,
        model: str,
        dim: int,
    ) -> list[str]:
        """Store chunks with their vectors (shape (len(chunks), dim)); return chunk ids."""
        ...

    def save_brand_twin(
        self,
        tenant_id: str,
        twin: BrandTwin,
        *,
        workspace_id: str | None,
        source_ids: Mapping[str, str],
        contract_card: ContractCard | None = None,
        twin_id: str | None = None,
    ) -> str:
        """Store the BrandTwin (and its facts, linked to sources by ``fact.source_url``); return its id.

        ``twin_id`` makes the save idempotent: a retried step passes the same id (see has_brand_twin).
        """
        ...

    def has_brand_twin(self, tenant_id: str, twin_id: str) -> bool:
        """True if this tenant already stored a BrandTwin with this id."""
        ...

    def search_similar(
        self, tenant_id: str, vector: np.ndarray, k: int = 5, *, model: str, dim: int
    ) -> list[SimilarChunk]:
        """Nearest chunks of this tenant only, embedded with ``model`` at ``dim``."""
        ...


@dataclass
class _TenantData:
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> row
    chunks: dict[str, dict[str, Any]] = field(default_factory=dict)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # chunk id -> vector
    twins: dict[str, dict[str, Any]] = field(default_factory=dict)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    workspaces: dict[str, dict[str, Any]] = field(default_factory=dict)


class InMemoryResearchStore:
    """Thread-safe in-memory store with transactional ``atomic()``; for tests and the demo.

    ``fail_on`` names a method that raises (to test that nothing is half-stored).
    """

    def __init__(self, *, fail_on: str | None = None) -> None:
        self._data: dict[str, _TenantData] = {}
        self._lock = threading.RLock()
        self._indexes: dict[tuple[str, str], FaissIndex] = {}
        self.fail_on = fail_on

    def _tenant(self, tenant_id: str) -> _TenantData:
        if not tenant_id:
            raise ValueError("tenant_id is required")
        return self._data.setdefault(tenant_id, _TenantData())

    def _maybe_fail(self, method: str) -> None:
        if self.fail_on == method:
            raise RuntimeError(f"simulated failure in {method}")

    @contextmanager
    def atomic(self) -> Iterator[None]:
        with self._lock:
            snapshot = copy.deepcopy(self._data)
            try:
                yield
            except BaseException:
                self._data = snapshot
                raise
            finally:
                self._indexes.clear()

    def save_sources(self, tenant_id: str, sources: Sequence[SourceRecord]) -> dict[str, str]:
        self._maybe_fail("save_sources")
        with self._lock:
            tenant = self._tenant(tenant_id)
            by_canonical = {row["canonical_url"]: sid for sid, row in tenant.sources.items()}
            out: dict[str, str] = {}
            for src in sources:
                sid = by_canonical.get(src.canonical_url) or str(uuid.uuid4())
                tenant.sources[sid] = {"id": sid, "tenant_id": tenant_id, **src.__dict__}
                out[src.canonical_url] = sid
            return out

    def save_chunks(
        self,
        tenant_id: str,
        source_ids: Mapping[str, str],
        chunks: Sequence[ChunkRecord],
        vectors: np.ndarray,
        *,
        model: str,
        dim: int,
    ) -> list[str]:
        self._maybe_fail("save_chunks")
        arr = np.asarray(vectors, dtype=np.float32)
        if len(chunks) == 0:
            return []
        check_dim(arr, dim, where="chunks.embedding")
        if arr.shape[0] != len(chunks):
            raise ValueError(f"{len(chunks)} chunks but {arr.shape[0]} vectors")
        with self._lock:
            tenant = self._tenant(tenant_id)
            ids = []
            for chunk, vec in zip(chunks, arr, strict=True):
                source_id = source_ids[chunk.source_url]
                source_text = tenant.sources[source_id]["text"]
                if source_text[chunk.start : chunk.end] != chunk.text:
                    raise ValueError(f"chunk {chunk.ordinal} of {chunk.source_url} does not match its source span")
                cid = str(uuid.uuid4())
                tenant.chunks[cid] = {
                    "id": cid,
                    "tenant_id": tenant_id,
                    "source_id": source_id,
                    "ordinal": chunk.ordinal,
                    "text": chunk.text,
                    "start": chunk.start,
                    "end": chunk.end,
                    "embedding_model": model,
                    "embedding_dim": dim,
                }
                tenant.vectors[cid] = vec.copy()
                ids.append(cid)
            self._indexes.pop((tenant_id, model), None)
            return ids

    def save_brand_twin(
        self,
        tenant_id: str,
        twin: BrandTwin,
        *,
        workspace_id: str | None,
        source_ids: Mapping[str, str],
        contract_card: ContractCard | None = None,
        twin_id: str | None = None,
    ) -> str:
        self._maybe_fail("save_brand_twin")
        with self._lock:
            tenant = self._tenant(tenant_id)
            tid = twin_id or str(uuid.uuid4())
            tenant.twins[tid] = {
                "id": tid,
                "tenant_id": tenant_id,
                "workspace_id": workspace_id,
                "name": twin.name,
                "data": twin.model_dump(mode="json"),
                "confidence": twin.confidence,
            }
            for fact in twin.facts:
                source_id = source_ids[fact.source_url]
                if tenant.sources[source_id]["text"][fact.start : fact.end] != fact.quote:
                    raise ValueError(f"fact {fact.id} does not match its source span")
                tenant.facts[f"{tid}:{fact.id}"] = {
                    "tenant_id": tenant_id,
                    "brand_twin_id": tid,
                    "source_id": source_id,
                    **fact.model_dump(),
                }
            if contract_card is not None:
                key = workspace_id or "default"
                tenant.workspaces[key] = {"contract_card": contract_card.model_dump(mode="json"), "brand_twin_id": tid}
            return tid

    def has_brand_twin(self, tenant_id: str, twin_id: str) -> bool:
        with self._lock:
            return twin_id in self._tenant(tenant_id).twins

    def _index(self, tenant_id: str, model: str, dim: int) -> FaissIndex:
        key = (tenant_id, model)
        index = self._indexes.get(key)
        if index is None:
            tenant = self._tenant(tenant_id)
            rows = [c for c in tenant.chunks.values() if c["embedding_model"] == model]
            for row in rows:
                if row["embedding_dim"] != dim:
                    raise EmbeddingDimensionError(
                        f"stored vectors of {model} have dimension {row['embedding_dim']}, query has {dim}"
                    )
            ids = [r["id"] for r in rows]
            vectors = np.stack([tenant.vectors[i] for i in ids]) if ids else np.zeros((0, dim), dtype=np.float32)
            index = FaissIndex.build(ids, vectors, dim=dim, model_name=model)
            self._indexes[key] = index
        if index.dim != dim:
            raise EmbeddingDimensionError(f"index for {model} has dimension {index.dim}, query has {dim}")
        return index

    def search_similar(
        self, tenant_id: str, vector: np.ndarray, k: int = 5, *, model: str, dim: int
    ) -> list[SimilarChunk]:
        arr = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        check_dim(arr, dim, where="search query")
        with self._lock:
            index = self._index(tenant_id, model, dim)
            tenant = self._tenant(tenant_id)
            return [
                SimilarChunk(cid, tenant.chunks[cid]["source_id"], tenant.chunks[cid]["text"], score)
                for cid, score in index.search(arr, k, model_name=model)
            ]

    # Read helpers for tests and the CLI.
    def counts(self, tenant_id: str) -> dict[str, int]:
        with self._lock:
            t = self._data.get(tenant_id) or _TenantData()
            return {
                "sources": len(t.sources),
                "chunks": len(t.chunks),
                "brand_twins": len(t.twins),
                "facts": len(t.facts),
                "workspaces": len(t.workspaces),
            }

    def sources(self, tenant_id: str) -> list[dict[str, Any]]:
        with self._lock:
            t = self._data.get(tenant_id) or _TenantData()
            return list(t.sources.values())

    def brand_twin(self, tenant_id: str, twin_id: str) -> dict[str, Any]:
        with self._lock:
            return self._data[tenant_id].twins[twin_id]
