"""The campaign graph as a LangGraph ``StateGraph`` (uncompiled).

Nodes are module-level functions of ``agents.campaign.nodes``; each carries the metadata the
temporalio-langgraph plugin needs to run it as an activity.

plan → create → legal_review → simulate → persist;  create → halt when the LLM spend is denied.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from langgraph.graph import END, START, StateGraph

from agents.campaign import nodes

NODE_TIMEOUTS: dict[str, timedelta] = {
    "plan": timedelta(minutes=2),
    "create": timedelta(minutes=15),
    "legal_review": timedelta(minutes=5),
    "simulate": timedelta(minutes=10),
    "persist": timedelta(minutes=10),
    "halt": timedelta(minutes=1),
}
NODE_NAMES = tuple(NODE_TIMEOUTS)


def _meta(name: str) -> dict[str, Any]:
    return {"execute_in": "activity", "start_to_close_timeout": NODE_TIMEOUTS[name]}


async def route_after_create(state: nodes.CampaignState) -> str:
    """Async on purpose: inside a Temporal workflow LangGraph may not push a sync router onto a thread."""
    return nodes.route_after_create(state)


def make_campaign_graph() -> StateGraph:
    builder = StateGraph(nodes.CampaignState)
    builder.add_node("plan", nodes.plan, metadata=_meta("plan"))
    builder.add_node("create", nodes.create, metadata=_meta("create"))
    builder.add_node("legal_review", nodes.legal_review, metadata=_meta("legal_review"))
    builder.add_node("simulate", nodes.simulate_campaign, metadata=_meta("simulate"))
    builder.add_node("persist", nodes.persist, metadata=_meta("persist"))
    builder.add_node("halt", nodes.halt, metadata=_meta("halt"))

    builder.add_edge(START, "plan")
    builder.add_edge("plan", "create")
    builder.add_conditional_edges("create", route_after_create, {"legal_review": "legal_review", "halt": "halt"})
    builder.add_edge("legal_review", "simulate")
    builder.add_edge("simulate", "persist")
    builder.add_edge("persist", END)
    builder.add_edge("halt", END)
    return builder
