"""The Postgres/pgvector ``ResearchStore``: the source of truth, per tenant under row-level security.

Every call runs in a tenant-scoped transaction; inside ``atomic()`` all calls share one transaction,
so a failed research run leaves nothing behind. Similarity search uses an in-process FAISS index
rebuilt from pgvector whenever the tenant's chunks changed (``pgvector_search`` is the SQL path, kept
for parity checks and for callers that want no in-process state).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Engine, Text, cast, delete, func, literal_column, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.orm import Session

from agents.embeddings import EmbeddingDimensionError, check_dim
from agents.research.store import ChunkRecord, SimilarChunk, SourceRecord
from agents.vectors import FaissIndex
from core.audit import record_event
from core.contracts.brand import BrandTwin, ContractCard
from core.db import parse_tenant_id, set_tenant, tenant_session
from core.errors import NotFound
from core.models import EMBEDDING_DIM, BrandTwinRow, Chunk, FactRow, ResearchArtifact, Source, Workspace

#: In-process FAISS indexes kept at most (one per tenant and embedding model; oldest dropped first).
MAX_CACHED_INDEXES = 64
#: Artifacts older than this belong to a run that ended without its persist step (the research phase of a
#: run is bounded by the workflow's run timeout, far below this).
ARTIFACT_TTL = timedelta(days=1)

#: Namespace for deterministic fact row ids: uuid5(brand twin id, fact id).
FACT_NAMESPACE = uuid.UUID("6f1d3c9e-2b7a-4d8e-9c41-5a0b7e3f2d10")


def fact_row_id(brand_twin_id: str | uuid.UUID, fact_id: str) -> uuid.UUID:
    """The database id of a BrandTwin fact (stable, so cards can cite it)."""
    return uuid.uuid5(FACT_NAMESPACE, f"{brand_twin_id}:{fact_id}")


class PostgresResearchStore:
    """ResearchStore over the application-role engine."""

    def __init__(self, engine: Engine, *, actor: str = "research-agent") -> None:
        self.engine = engine
        self.actor = actor
        self._local = threading.local()
        self._index_lock = threading.Lock()
        self._indexes: dict[tuple[str, str], tuple[tuple[int, Any], FaissIndex]] = {}

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction for every call inside; rolled back whole on error."""
        if getattr(self._local, "session", None) is not None:
            yield  # nested: the outer block owns the transaction
            return
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            self._local.session, self._local.tenant = session, None
            try:
                yield
            finally:
                self._local.session = self._local.tenant = None

    @contextmanager
    def _session(self, tenant_id: str) -> Iterator[Session]:
        tid = parse_tenant_id(tenant_id)
        outer: Session | None = getattr(self._local, "session", None)
        if outer is not None:
            # One transaction, one tenant: a second tenant inside the same atomic() block would share
            # its identity map and its fate, so it is refused outright.
            bound = self._local.tenant
            if bound is not None and bound != tid:
                raise ValueError(f"this atomic() block belongs to tenant {bound}, not {tid}")
            if bound is None:
                set_tenant(outer, tid)
                self._local.tenant = tid
            yield outer
            return
        with tenant_session(self.engine, tid) as session:
            yield session

    # -- writes -------------------------------------------------------------------------------

    def save_sources(self, tenant_id: str, sources: Sequence[SourceRecord]) -> dict[str, str]:
        """Upsert pages by content hash; return {canonical_url: source id}."""
        tid = parse_tenant_id(tenant_id)
        out: dict[str, str] = {}
        with self._session(tenant_id) as session:
            for src in sources:
                values = {
                    "id": uuid.uuid4(), "tenant_id": tid, "url": src.url, "canonical_url": src.canonical_url,
                    "content_hash": src.content_hash, "status_code": src.status_code,
                    "content_type": src.content_type, "title": src.title, "text": src.text,
                    "suspicious": src.suspicious, "flags": src.flags,
                    "fetched_at": datetime.fromtimestamp(src.fetched_at, UTC),
                }
                new = insert(Source).values(**values)
                # Same content crawled again: refresh what we know of it, keep its id.
                upsert = new.on_conflict_do_update(
                    index_elements=[Source.tenant_id, Source.content_hash],
                    set_={"url": new.excluded.url, "canonical_url": new.excluded.canonical_url,
                          "suspicious": new.excluded.suspicious, "flags": new.excluded.flags,
                          "fetched_at": new.excluded.fetched_at},
                ).returning(Source.id)
                out[src.canonical_url] = str(session.execute(upsert).scalar_one())
        return out

    def save_chunks(
        self, tenant_id: str, source_ids: Mapping[str, str], chunks: Sequence[ChunkRecord], vectors: np.ndarray,
        *, model: str, dim: int,
    ) -> list[str]:
        """Store chunks with their vectors; the dimension is checked against the column's."""
        if not chunks:
            return []
        if dim != EMBEDDING_DIM:
            raise EmbeddingDimensionError(
                f"chunks.embedding is vector({EMBEDDING_DIM}); embedder {model} produces {dim}-d vectors")
        arr = np.asarray(vectors, dtype=np.float32)
        check_dim(arr, dim, where="chunks.embedding")
        if arr.shape[0] != len(chunks):
            raise ValueError(f"{len(chunks)} chunks but {arr.shape[0]} vectors")
        tid = parse_tenant_id(tenant_id)
        ids: list[str] = []
        with self._session(tenant_id) as session:
            for chunk, vec in zip(chunks, arr, strict=True):
                source_id = uuid.UUID(source_ids[chunk.source_url])
                # Re-crawled page: its chunks are replaced, not duplicated.
                session.execute(text("DELETE FROM chunks WHERE source_id = :s AND ordinal = :o"),
                                {"s": source_id, "o": chunk.ordinal})
                row = Chunk(tenant_id=tid, source_id=source_id, ordinal=chunk.ordinal, text=chunk.text,
                            start=chunk.start, end=chunk.end, embedding_model=model, embedding_dim=dim,
                            embedding=vec.tolist())
                session.add(row)
                session.flush()
                ids.append(str(row.id))
            # Chunks must quote their source exactly, as facts do.
            bad = session.execute(text(
                "SELECT c.id FROM chunks c JOIN sources s ON s.tenant_id = c.tenant_id AND s.id = c.source_id "
                "WHERE c.id = ANY(:ids) AND substr(s.text, c.start + 1, c.\"end\" - c.start) <> c.text LIMIT 1"
            ), {"ids": [uuid.UUID(i) for i in ids]}).first()
            if bad is not None:
                raise ValueError(f"chunk {bad[0]} does not match its source span")
        return ids

    def save_brand_twin(
        self, tenant_id: str, twin: BrandTwin, *, workspace_id: str | None, source_ids: Mapping[str, str],
        contract_card: ContractCard | None = None, twin_id: str | None = None,
    ) -> str:
        """Store the BrandTwin, its facts (span-checked) and, if given, the contract card on the workspace."""
        tid = parse_tenant_id(tenant_id)
        with self._session(tenant_id) as session:
            ws_id = uuid.UUID(workspace_id) if workspace_id else None
            if contract_card is not None:
                ws_id = self._upsert_workspace(session, tid, ws_id, twin, contract_card)
            row = BrandTwinRow(tenant_id=tid, workspace_id=ws_id, name=twin.name, data=twin.model_dump(mode="json"),
                               confidence=twin.confidence, root_url=_root_url(twin))
            if twin_id is not None:
                row.id = uuid.UUID(twin_id)
            session.add(row)
            session.flush()
            texts = self._source_texts(session, [uuid.UUID(source_ids[f.source_url]) for f in twin.facts])
            for fact in twin.facts:
                source_id = uuid.UUID(source_ids[fact.source_url])
                if texts[source_id][fact.start:fact.end] != fact.quote:
                    raise ValueError(f"fact {fact.id} does not match its source span; nothing stored")
                session.add(FactRow(id=fact_row_id(row.id, fact.id), tenant_id=tid, brand_twin_id=row.id,
                                    source_id=source_id, kind=fact.kind, text=fact.text, start=fact.start,
                                    end=fact.end, quote=fact.quote, confidence=fact.confidence))
            session.flush()
            record_event(session, tid, actor=self.actor, action="brand_twin.created", resource_type="brand_twin",
                         resource_id=row.id, payload={"name": twin.name, "facts": len(twin.facts),
                                                      "confidence": twin.confidence,
                                                      "workspace_id": str(ws_id) if ws_id else None})
            return str(row.id)

    def has_brand_twin(self, tenant_id: str, twin_id: str) -> bool:
        """True if this tenant already stored a BrandTwin with this id."""
        with self._session(tenant_id) as session:
            return session.get(BrandTwinRow, uuid.UUID(twin_id)) is not None

    def _upsert_workspace(self, session: Session, tid: uuid.UUID, ws_id: uuid.UUID | None, twin: BrandTwin,
                          card: ContractCard) -> uuid.UUID:
        data = card.model_dump(mode="json")
        caps = {c["channel"]: c["budget_cap"] for c in data.get("channels", [])}
        if ws_id is not None:
            ws = session.get(Workspace, ws_id)
            if ws is None:
                raise NotFound(f"workspace {ws_id} not found in this tenant")
            # A draft never replaces a card someone agreed to, nor touches a live workspace.
            if ws.mode == "live" or (ws.contract_card and not ws.contract_card.get("draft", True)):
                return ws.id
        else:
            # Never pick a workspace by a name taken from the crawled page: always a new one.
            name = twin.name.strip()[:180] or "brand"
            taken = session.execute(select(Workspace.id).where(Workspace.name == name)).first()
            ws = Workspace(tenant_id=tid, name=f"{name} ({uuid.uuid4().hex[:6]})" if taken else name)
            session.add(ws)
        ws.contract_card, ws.budget_caps, ws.mode = data, caps, "shadow"
        ws.region = data.get("region")
        session.flush()
        return ws.id

    @staticmethod
    def _source_texts(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not ids:
            return {}
        rows = session.execute(select(Source.id, Source.text).where(Source.id.in_(set(ids)))).all()
        return {r[0]: r[1] for r in rows}

    # -- a run's intermediate artifacts (agents/research/artifacts.py) ------------------------------

    def save_artifact(self, tenant_id: str, run_id: str, name: str, blob: bytes, sha256: str) -> None:
        """Upsert by (run, name): a retried node replaces what its previous attempt stored.

        Also drops the tenant's artifacts older than ARTIFACT_TTL: a run that failed or was cancelled
        before its persist step left them behind, and no research run lives that long.
        """
        tid = parse_tenant_id(tenant_id)
        with self._session(tenant_id) as session:
            session.execute(delete(ResearchArtifact).where(
                ResearchArtifact.created_at < func.now() - ARTIFACT_TTL))
            new = insert(ResearchArtifact).values(id=uuid.uuid4(), tenant_id=tid, run_id=run_id, name=name,
                                                  sha256=sha256, data=blob)
            session.execute(new.on_conflict_do_update(
                index_elements=[ResearchArtifact.tenant_id, ResearchArtifact.run_id, ResearchArtifact.name],
                set_={"sha256": new.excluded.sha256, "data": new.excluded.data}))

    def load_artifact(self, tenant_id: str, run_id: str, name: str) -> tuple[bytes, str] | None:
        """(blob, sha256) of this tenant's artifact, or None."""
        with self._session(tenant_id) as session:
            row = session.execute(select(ResearchArtifact.data, ResearchArtifact.sha256).where(
                ResearchArtifact.run_id == run_id, ResearchArtifact.name == name)).first()
        return (bytes(row[0]), str(row[1])) if row is not None else None

    def delete_artifacts(self, tenant_id: str, run_id: str) -> int:
        """Drop a run's artifacts (its results are stored for good)."""
        with self._session(tenant_id) as session:
            gone = session.execute(delete(ResearchArtifact).where(ResearchArtifact.run_id == run_id)
                                   .returning(ResearchArtifact.id)).all()
        return len(gone)

    # -- search -------------------------------------------------------------------------------

    def search_similar(
        self, tenant_id: str, vector: np.ndarray, k: int = 5, *, model: str, dim: int
    ) -> list[SimilarChunk]:
        """Nearest chunks of this tenant (FAISS rebuilt from pgvector when the tenant's chunks changed)."""
        arr = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        check_dim(arr, dim, where="search query")
        tid = str(parse_tenant_id(tenant_id))
        with self._session(tid) as session:
            self._check_stored_dim(session, model, dim)
            # The exact set of chunk ids is the version: a delete plus an insert cannot look unchanged.
            version = tuple(session.execute(
                select(func.count(Chunk.id), func.md5(func.string_agg(cast(Chunk.id, Text), aggregate_order_by(
                    literal_column("','"), Chunk.id))))
                .where(Chunk.embedding_model == model)
            ).one())
            key = (tid, model)
            with self._index_lock:
                cached = self._indexes.get(key)
            if cached is None or cached[0] != version:
                rows = session.execute(
                    select(Chunk.id, Chunk.embedding).where(Chunk.embedding_model == model).order_by(Chunk.id)
                ).all()
                ids = [str(r[0]) for r in rows]
                vecs = np.array([r[1] for r in rows], dtype=np.float32) if rows else np.zeros((0, dim), np.float32)
                index = FaissIndex.build(ids, vecs, dim=dim, model_name=model)
                cached = ((int(str(version[0])), version[1]), index)
                with self._index_lock:
                    self._indexes[key] = cached
                    while len(self._indexes) > MAX_CACHED_INDEXES:
                        self._indexes.pop(next(iter(self._indexes)))
            hits = cached[1].search(arr, k, model_name=model)
            if not hits:
                return []
            by_id = {str(r[0]): r for r in session.execute(
                select(Chunk.id, Chunk.source_id, Chunk.text).where(Chunk.id.in_([uuid.UUID(h[0]) for h in hits]))
            ).all()}
        # A hit the database no longer shows this tenant is dropped, never returned from the cache.
        return [SimilarChunk(cid, str(by_id[cid][1]), by_id[cid][2], score) for cid, score in hits if cid in by_id]

    def pgvector_search(
        self, tenant_id: str, vector: np.ndarray, k: int = 5, *, model: str, dim: int
    ) -> list[SimilarChunk]:
        """The same search in SQL (cosine distance), under row-level security."""
        arr = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        check_dim(arr, dim, where="search query")
        with self._session(tenant_id) as session:
            self._check_stored_dim(session, model, dim)
            distance = Chunk.embedding.cosine_distance(arr[0].tolist())
            rows = session.execute(
                select(Chunk.id, Chunk.source_id, Chunk.text, distance).where(Chunk.embedding_model == model)
                .order_by(distance).limit(k)
            ).all()
        return [SimilarChunk(str(r[0]), str(r[1]), r[2], 1.0 - float(r[3])) for r in rows]

    @staticmethod
    def _check_stored_dim(session: Session, model: str, dim: int) -> None:
        stored = session.execute(
            select(Chunk.embedding_dim).where(Chunk.embedding_model == model).limit(1)
        ).scalar_one_or_none()
        if stored is not None and stored != dim:
            raise EmbeddingDimensionError(f"stored vectors of {model} have dimension {stored}, query has {dim}")

    # -- reads --------------------------------------------------------------------------------

    def counts(self, tenant_id: str) -> dict[str, int]:
        """Rows per research table for this tenant."""
        with self._session(tenant_id) as session:
            return {name: int(session.execute(select(func.count()).select_from(model)).scalar_one())
                    for name, model in (("sources", Source), ("chunks", Chunk), ("brand_twins", BrandTwinRow),
                                        ("facts", FactRow), ("workspaces", Workspace))}


def _root_url(twin: BrandTwin) -> str | None:
    report = getattr(twin, "crawl_report", None)
    return getattr(report, "root_url", None) if report is not None else None
