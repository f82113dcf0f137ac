"""LLM provider layer: one interface, structured outputs, token and cost accounting."""

from agents.llm.base import LLMError, LLMOutputError, LLMProvider, LLMResult, Message, Usage, UsageLedger
from agents.llm.factory import LLMConfig, config_from_env, make_provider
from agents.llm.offline import OFFLINE_MODEL, OfflineProvider, register_offline_task
from agents.llm.openai_provider import OpenAIProvider

__all__ = [
    "OFFLINE_MODEL",
    "LLMConfig",
    "LLMError",
    "LLMOutputError",
    "LLMProvider",
    "LLMResult",
    "Message",
    "OfflineProvider",
    "OpenAIProvider",
    "Usage",
    "UsageLedger",
    "config_from_env",
    "make_provider",
    "register_offline_task",
]
