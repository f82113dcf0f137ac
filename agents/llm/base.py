"""The one interface every agent uses to talk to a language model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Protocol, TypedDict, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)


class Message(TypedDict):
    role: str  # "system" | "user" | "assistant"
    content: str


class LLMError(Exception):
    """The provider could not produce a valid structured answer."""


class LLMOutputError(LLMError):
    """Every attempt returned output that failed JSON parsing or schema validation."""


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    model: str
    provider: str
    offline: bool
    attempts: int = 1
    fallback_used: bool = False

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def as_dict(self) -> dict[str, object]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
            "cost_usd": self.cost_usd,
            "model": self.model,
            "provider": self.provider,
            "offline": self.offline,
            "attempts": self.attempts,
            "fallback_used": self.fallback_used,
        }


@dataclass(frozen=True)
class LLMResult(Generic[T]):
    output: T
    usage: Usage
    raw: str = ""
    errors: list[str] = field(default_factory=list)  # validation errors of failed attempts


class LLMProvider(Protocol):
    name: str
    model: str
    offline: bool

    def complete_structured(
        self,
        messages: list[Message],
        schema: type[T],
        *,
        task: str,
        seed: int = 0,
    ) -> LLMResult[T]:
        """Return an instance of ``schema`` (pydantic-validated) with token and cost accounting."""
        ...


class UsageLedger:
    """Accumulates usage over the calls of one run (per agent, per tenant)."""

    def __init__(self) -> None:
        self.calls: list[Usage] = []

    def add(self, usage: Usage) -> None:
        self.calls.append(usage)

    def totals(self) -> dict[str, float]:
        return {
            "calls": float(len(self.calls)),
            "prompt_tokens": float(sum(u.prompt_tokens for u in self.calls)),
            "completion_tokens": float(sum(u.completion_tokens for u in self.calls)),
            "cost_usd": round(sum(u.cost_usd for u in self.calls), 6),
        }
