"""Configuration of a research run; plain data, so it can travel in graph state."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agents.crawler import CrawlConfig


class LLMSpec(BaseModel):
    """Which provider the nodes use. Secrets never travel in state: the API key is read
    from the environment variable ``api_key_env`` by the process running the node, or the
    provider is one registered in-process under ``name``."""

    model_config = ConfigDict(extra="forbid")

    provider: Literal["offline", "openai", "env", "registered"] = "offline"
    base_url: str | None = None
    model: str = "gpt-4o-mini"
    fallback_model: str | None = None
    api_key_env: str = "SMM_LLM_API_KEY"
    name: str | None = None
    tenant_models: dict[str, str] = Field(default_factory=dict)
    max_retries: int = 2


class ResearchConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    llm: LLMSpec = Field(default_factory=LLMSpec)
    embedder: str = "minilm"  # minilm | hashing | openai | a registered name
    store_key: str | None = None  # registered ResearchStore; None = do not persist
    crawl: CrawlConfig = Field(default_factory=CrawlConfig)
    chunk_chars: int = Field(default=900, ge=100)
    max_facts: int = Field(default=300, ge=1)
    seed: int = 0
    region: str | None = None
    monthly_budget: float = Field(default=3000.0, ge=0.0)
