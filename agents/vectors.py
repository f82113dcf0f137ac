"""In-process FAISS index over normalised vectors (inner product = cosine).

pgvector is the source of truth; this index is rebuilt from it with
``FaissIndex.build(ids, vectors, dim=..., model_name=...)``. The dimension is
checked when building, adding and querying.
"""

from __future__ import annotations

from collections.abc import Sequence

import faiss
import numpy as np

from agents.embeddings import EmbeddingDimensionError, check_dim


class FaissIndex:
    def __init__(self, dim: int, model_name: str = "") -> None:
        if dim <= 0:
            raise EmbeddingDimensionError(f"invalid dimension {dim}")
        self.dim = dim
        self.model_name = model_name
        self._index = faiss.IndexFlatIP(dim)
        self._ids: list[str] = []

    @classmethod
    def build(cls, ids: Sequence[str], vectors: np.ndarray, *, dim: int, model_name: str = "") -> FaissIndex:
        index = cls(dim, model_name)
        index.add(ids, vectors)
        return index

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        arr = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32))
        if arr.size == 0 and not ids:
            return
        check_dim(arr, self.dim, where="faiss index add")
        if len(ids) != arr.shape[0]:
            raise ValueError(f"{len(ids)} ids for {arr.shape[0]} vectors")
        self._index.add(arr)
        self._ids.extend(ids)

    def search(self, vector: np.ndarray, k: int = 5, *, model_name: str | None = None) -> list[tuple[str, float]]:
        if model_name is not None and self.model_name and model_name != self.model_name:
            raise EmbeddingDimensionError(f"query embedded with {model_name}, index built with {self.model_name}")
        arr = np.asarray(vector, dtype=np.float32)
        if arr.ndim == 1:
            arr = arr[None, :]
        check_dim(arr, self.dim, where="faiss index query")
        if not self._ids:
            return []
        scores, positions = self._index.search(np.ascontiguousarray(arr), min(k, len(self._ids)))
        return [(self._ids[p], float(s)) for p, s in zip(positions[0], scores[0], strict=True) if p >= 0]
