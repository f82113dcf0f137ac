"""Provider for any OpenAI-compatible chat-completions endpoint (OpenAI, Azure, vLLM, Ollama, llama.cpp).

Structured output: the schema is sent as a JSON-schema ``response_format``
(or JSON mode for servers without it), the reply is validated with pydantic,
and invalid output is retried with the validation error fed back. When the
primary model keeps failing (transport/5xx errors or invalid output), the
fallback model gets the same treatment.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import openai
from pydantic import ValidationError

from agents.llm.base import LLMError, LLMOutputError, LLMResult, Message, T, Usage
from agents.llm.tokens import cost_usd, count_message_tokens, count_tokens


class OpenAIProvider:
    name = "openai"
    offline = False

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        model: str,
        fallback_model: str | None = None,
        max_retries: int = 2,
        timeout_s: float = 60.0,
        response_format: Literal["json_schema", "json_object"] = "json_schema",
        temperature: float = 0.0,
    ) -> None:
        self.model = model
        self.fallback_model = fallback_model
        self.max_retries = max_retries
        self.response_format = response_format
        self.temperature = temperature
        # Transport retries stay low: a failing model moves on to the fallback instead.
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key, timeout=timeout_s, max_retries=1)

    def _format(self, schema: type[T]) -> dict[str, Any]:
        if self.response_format == "json_object":
            return {"type": "json_object"}
        return {
            "type": "json_schema",
            "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False},
        }

    def complete_structured(
        self, messages: list[Message], schema: type[T], *, task: str, seed: int = 0
    ) -> LLMResult[T]:
        models = [self.model] + (
            [self.fallback_model] if self.fallback_model and self.fallback_model != self.model else []
        )
        errors: list[str] = []
        prompt_total = completion_total = attempts = 0
        cost_total = 0.0
        schema_hint = (
            f"Respond with one JSON object valid against this JSON schema:\n{json.dumps(schema.model_json_schema())}"
        )
        # The SDK's overloads want its TypedDict message params; our messages are plain dicts.
        create: Any = self._client.chat.completions.create
        for index, model in enumerate(models):
            base: list[dict[str, str]] = [{"role": m["role"], "content": m["content"]} for m in messages]
            if self.response_format == "json_object":
                base.insert(0, {"role": "system", "content": schema_hint})
            convo = list(base)
            for _ in range(self.max_retries + 1):
                attempts += 1
                try:
                    response = create(
                        model=model,
                        messages=convo,
                        response_format=self._format(schema),
                        temperature=self.temperature,
                        seed=seed,
                    )
                except (
                    openai.APIConnectionError,
                    openai.APITimeoutError,
                    openai.InternalServerError,
                    openai.RateLimitError,
                    openai.NotFoundError,
                    openai.BadRequestError,
                ) as exc:
                    errors.append(f"{model}: {exc.__class__.__name__}: {exc}")
                    break  # this model is unavailable: go to the fallback
                except openai.APIStatusError as exc:
                    errors.append(f"{model}: HTTP {exc.status_code}: {exc}")
                    break
                content = (response.choices[0].message.content or "") if response.choices else ""
                if response.usage is not None:
                    p_tok, c_tok = response.usage.prompt_tokens, response.usage.completion_tokens
                else:
                    p_tok, c_tok = count_message_tokens(convo, model), count_tokens(content, model)
                prompt_total += p_tok
                completion_total += c_tok
                cost_total += cost_usd(model, p_tok, c_tok)
                try:
                    output = schema.model_validate_json(_strip_fences(content))
                except ValidationError as exc:
                    errors.append(f"{model}: invalid output: {safe_errors(exc, 3)}")
                    # The retry carries only the error types and locations, never the invalid
                    # reply nor pydantic's ``input``/``ctx`` values: the reply may echo crawled
                    # (attacker-controlled) text, which must not come back outside the data block.
                    convo = [
                        *base,
                        {
                            "role": "user",
                            "content": "Your previous reply was not valid JSON for the schema. Errors: "
                            f"{safe_errors(exc, 5)}. Reply again with only the corrected JSON object.",
                        },
                    ]
                    continue
                usage = Usage(
                    prompt_tokens=prompt_total,
                    completion_tokens=completion_total,
                    cost_usd=round(cost_total, 8),
                    model=response.model or model,
                    provider=self.name,
                    offline=False,
                    attempts=attempts,
                    fallback_used=index > 0,
                )
                return LLMResult(output=output, usage=usage, raw=content, errors=errors)
        only_output_errors = errors and all(": invalid output:" in e for e in errors)
        error_cls = LLMOutputError if only_output_errors else LLMError
        raise error_cls(f"task {task!r} failed after {attempts} attempt(s): " + " | ".join(errors[-4:]))


def safe_errors(exc: ValidationError, limit: int) -> list[dict[str, Any]]:
    """Validation errors without the offending input, context or docs URL: type, location
    (keys shortened, since a dict key can come from the reply) and message only."""
    out: list[dict[str, Any]] = []
    for err in exc.errors(include_url=False, include_input=False, include_context=False)[:limit]:
        loc = [part if isinstance(part, int) else str(part)[:40] for part in err.get("loc", ())]
        out.append({"type": err["type"], "loc": loc, "msg": str(err.get("msg", ""))[:200]})
    return out


def _strip_fences(content: str) -> str:
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        if text.rstrip().endswith("```"):
            text = text.rstrip()[:-3]
    return text.strip()
