"""Resolve live dependencies (provider, embedder, store) from names in graph state.

Graph state must stay JSON-serialisable (Temporal serialises it between
activities), so nodes carry names and look the objects up here. A worker
registers its stores/providers at start-up; ``run_research`` registers the
store it was given for the duration of the run.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from agents.embeddings import Embedder, OpenAIEmbedder, make_embedder
from agents.llm.base import LLMProvider
from agents.llm.factory import LLMConfig, config_from_env, make_provider
from agents.research.config import LLMSpec
from agents.research.store import ResearchStore

_lock = threading.Lock()
_stores: dict[str, ResearchStore] = {}
_providers: dict[str, LLMProvider] = {}
_embedders: dict[str, Embedder] = {}


def register_store(key: str, store: ResearchStore) -> None:
    with _lock:
        _stores[key] = store


def unregister_store(key: str) -> None:
    with _lock:
        _stores.pop(key, None)


def get_store(key: str) -> ResearchStore:
    try:
        return _stores[key]
    except KeyError:
        raise LookupError(f"no ResearchStore registered under {key!r}") from None


def register_provider(name: str, provider: LLMProvider) -> None:
    with _lock:
        _providers[name] = provider


def register_embedder(name: str, embedder: Embedder) -> None:
    with _lock:
        _embedders[name] = embedder


def get_provider(spec: LLMSpec, tenant_id: str | None = None) -> LLMProvider:
    if spec.provider == "registered":
        if not spec.name or spec.name not in _providers:
            raise LookupError(f"no LLM provider registered under {spec.name!r}")
        return _providers[spec.name]
    if spec.provider == "offline":
        return make_provider(LLMConfig())
    if spec.provider == "env":
        return make_provider(config_from_env(), tenant_id=tenant_id)
    config = LLMConfig(
        base_url=spec.base_url,
        api_key=os.environ.get(spec.api_key_env, ""),
        model=spec.model,
        fallback_model=spec.fallback_model,
        tenant_models=spec.tenant_models,
        max_retries=spec.max_retries,
    )
    return make_provider(config, tenant_id=tenant_id)


def get_embedder(name: str) -> Embedder:
    with _lock:
        if name in _embedders:
            return _embedders[name]
        embedder: Embedder
        if name == "openai":
            kwargs: dict[str, Any] = {
                "base_url": os.environ.get("SMM_LLM_BASE_URL", ""),
                "api_key": os.environ.get("SMM_LLM_API_KEY", ""),
                "model": os.environ.get("SMM_EMBEDDING_MODEL", "text-embedding-3-small"),
            }
            embedder = OpenAIEmbedder(**kwargs)
        else:
            embedder = make_embedder(name)
        _embedders[name] = embedder
        return embedder
