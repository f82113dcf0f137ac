"""Run the research graph outside Temporal (CLI, evals, tests)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from agents.research import registry
from agents.research.config import ResearchConfig
from agents.research.nodes import ResearchState
from agents.research.store import ResearchStore
from core.contracts.brand import BrandTwin, ContractCard


class ResearchOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["ok", "partial", "failed"]
    message: str
    brand_twin: BrandTwin
    contract_card: ContractCard | None = None
    stored: bool = False
    brand_twin_id: str | None = None
    storage_error: str | None = None
    dropped_facts: list[dict[str, Any]] = Field(default_factory=list)
    usage: dict[str, float] = Field(default_factory=dict)


def _usage_totals(calls: list[dict[str, Any]]) -> dict[str, float]:
    return {
        "calls": float(len(calls)),
        "prompt_tokens": float(sum(c["prompt_tokens"] for c in calls)),
        "completion_tokens": float(sum(c["completion_tokens"] for c in calls)),
        "cost_usd": round(sum(float(c["cost_usd"]) for c in calls), 6),
    }


async def arun_research(
    url: str,
    *,
    tenant_id: str,
    config: ResearchConfig | None = None,
    store: ResearchStore | None = None,
    workspace_id: str | None = None,
) -> ResearchOutcome:
    from graphs.research import make_research_graph

    config = config or ResearchConfig()
    store_key = None
    if store is not None:
        store_key = f"run-{uuid.uuid4()}"
        registry.register_store(store_key, store)
        config = config.model_copy(update={"store_key": store_key})
    state: ResearchState = {
        "run_id": str(uuid.uuid4()),
        "tenant_id": tenant_id,
        "workspace_id": workspace_id,
        "url": url,
        "config": config.model_dump(mode="json"),
        "usage": [],
    }
    graph = make_research_graph().compile()
    last: dict[str, Any] = dict(state)
    storage_error: str | None = None
    try:
        async for snapshot in graph.astream(state, stream_mode="values"):
            last = snapshot
    except Exception as exc:
        # Only persistence may fail after the twin is built; the store rolled back.
        if "brand_twin" not in last:
            raise
        storage_error = f"{exc.__class__.__name__}: {exc}"
    finally:
        if store_key:
            registry.unregister_store(store_key)
    stored = last.get("stored", {})
    return ResearchOutcome(
        status=last.get("status", "failed"),
        message=last.get("message", "")
        + (f"; storage failed, nothing stored ({storage_error})" if storage_error else ""),
        brand_twin=BrandTwin.model_validate(last["brand_twin"]),
        contract_card=ContractCard.model_validate(last["contract_card"]) if last.get("contract_card") else None,
        stored=bool(stored.get("stored")) and storage_error is None,
        brand_twin_id=stored.get("brand_twin_id") if storage_error is None else None,
        storage_error=storage_error,
        dropped_facts=list(last.get("dropped", [])),
        usage=_usage_totals(list(last.get("usage", []))),
    )


def run_research(
    url: str,
    *,
    tenant_id: str,
    config: ResearchConfig | None = None,
    store: ResearchStore | None = None,
    workspace_id: str | None = None,
) -> ResearchOutcome:
    """Synchronous wrapper; use ``arun_research`` inside a running event loop."""
    return asyncio.run(arun_research(url, tenant_id=tenant_id, config=config, store=store, workspace_id=workspace_id))
