"""Choose the LLM provider from explicit configuration.

``offline`` when no endpoint is configured; otherwise the OpenAI-compatible
provider, with a per-tenant model choice and a fallback model.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from agents.llm.base import LLMProvider
from agents.llm.offline import OfflineProvider
from agents.llm.openai_provider import OpenAIProvider


@dataclass(frozen=True)
class LLMConfig:
    base_url: str | None = None
    api_key: str | None = None
    model: str = "gpt-4o-mini"
    fallback_model: str | None = None
    tenant_models: Mapping[str, str] = field(default_factory=dict)
    max_retries: int = 2
    timeout_s: float = 60.0
    response_format: str = "json_schema"

    @property
    def offline(self) -> bool:
        return not self.base_url


def config_from_env(env: Mapping[str, str] | None = None) -> LLMConfig:
    """Read SMM_LLM_BASE_URL / SMM_LLM_API_KEY / SMM_LLM_MODEL / SMM_LLM_FALLBACK_MODEL."""
    source = os.environ if env is None else env
    return LLMConfig(
        base_url=source.get("SMM_LLM_BASE_URL") or None,
        api_key=source.get("SMM_LLM_API_KEY") or None,
        model=source.get("SMM_LLM_MODEL") or "gpt-4o-mini",
        fallback_model=source.get("SMM_LLM_FALLBACK_MODEL") or None,
    )


def make_provider(config: LLMConfig, *, tenant_id: str | None = None) -> LLMProvider:
    if config.offline:
        return OfflineProvider()
    model = config.tenant_models.get(tenant_id, config.model) if tenant_id else config.model
    fmt: Literal["json_schema", "json_object"] = (
        "json_object" if config.response_format == "json_object" else "json_schema"
    )
    return OpenAIProvider(
        base_url=str(config.base_url),
        api_key=config.api_key or "not-needed",
        model=model,
        fallback_model=config.fallback_model,
        max_retries=config.max_retries,
        timeout_s=config.timeout_s,
        response_format=fmt,
    )
