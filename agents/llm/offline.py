"""The offline provider: deterministic, seeded, rule/template based, no network.

It answers the same structured calls as a real model, by task name: each task
has a handler that reads the JSON data block of the messages and returns the
schema's fields. Everything it produces is labelled ``offline`` (provider,
model name and ``Usage.offline``); tokens are counted with tiktoken as if the
call had been made, and cost is zero.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from agents.llm.base import LLMOutputError, LLMResult, Message, T, Usage
from agents.llm.prompting import extract_data
from agents.llm.tokens import count_message_tokens, count_tokens

OFFLINE_MODEL = "offline-rules-v1"
OfflineHandler = Callable[[dict[str, Any], random.Random], "dict[str, Any] | BaseModel"]

_TASKS: dict[str, OfflineHandler] = {}
# Modules that register handlers for their tasks on import.
_TASK_MODULES = ("agents.research.offline_tasks", "agents.llm.templates")


def register_offline_task(task: str, handler: OfflineHandler) -> None:
    _TASKS[task] = handler


def _handler(task: str) -> OfflineHandler:
    if task not in _TASKS:
        for module in _TASK_MODULES:
            importlib.import_module(module)
    try:
        return _TASKS[task]
    except KeyError:
        raise LLMOutputError(f"offline provider has no handler for task {task!r}; known: {sorted(_TASKS)}") from None


class OfflineProvider:
    name = "offline"
    offline = True

    def __init__(self, model: str = OFFLINE_MODEL) -> None:
        self.model = model

    def complete_structured(
        self, messages: list[Message], schema: type[T], *, task: str, seed: int = 0
    ) -> LLMResult[T]:
        handler = _handler(task)
        try:
            data = extract_data(messages)
        except ValueError:
            data = {"messages": [dict(m) for m in messages]}
        produced = handler(data, random.Random(f"{task}:{seed}"))
        try:
            if isinstance(produced, BaseModel):
                output = schema.model_validate(produced.model_dump())
            else:
                output = schema.model_validate(produced)
        except ValidationError as exc:
            raise LLMOutputError(f"offline handler for {task!r} produced invalid output: {exc}") from exc
        raw = output.model_dump_json()
        usage = Usage(
            prompt_tokens=count_message_tokens(list(messages)),
            completion_tokens=count_tokens(raw),
            cost_usd=0.0,
            model=self.model,
            provider=self.name,
            offline=True,
        )
        return LLMResult(output=output, usage=usage, raw=raw)
