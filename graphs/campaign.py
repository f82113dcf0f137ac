"""The campaign graph as a LangGraph ``StateGraph`` (uncompiled).

Nodes are module-level functions of ``agents.campaign.nodes``; each carries the metadata the
temporalio-langgraph plugin needs to run it as an activity.

plan → create → legal_review → simulate → persist;  create → halt when the LLM spend is denied.
"""

from __future__ import annotations

from datetime import timedelta

from langgraph.graph import END, START, StateGraph

from agents.campaign import nodes
from graphs.activity_nodes import add_activity_nodes
from graphs.durability import HEARTBEAT_TIMEOUT

NODES = {
    "plan": (nodes.plan, timedelta(minutes=2)),
    "create": (nodes.create, timedelta(minutes=15)),
    # As long as drafting: with a language model configured the review asks it about every post too.
    "legal_review": (nodes.legal_review, timedelta(minutes=15)),
    "simulate": (nodes.simulate_campaign, timedelta(minutes=10)),
    "persist": (nodes.persist, timedelta(minutes=10)),
    "halt": (nodes.halt, timedelta(minutes=1)),
}
NODE_NAMES = tuple(NODES)


async def route_after_create(state: nodes.CampaignState) -> str:
    """Async on purpose: inside a Temporal workflow LangGraph may not push a sync router onto a thread."""
    return nodes.route_after_create(state)


def make_campaign_graph(heartbeat_timeout: timedelta = HEARTBEAT_TIMEOUT) -> StateGraph:
    """plan → create → legal_review → simulate → persist (create → halt on a spend deny)."""
    builder = StateGraph(nodes.CampaignState)
    add_activity_nodes(builder, NODES, heartbeat_timeout=heartbeat_timeout)

    builder.add_edge(START, "plan")
    builder.add_edge("plan", "create")
    builder.add_conditional_edges("create", route_after_create, {"legal_review": "legal_review", "halt": "halt"})
    builder.add_edge("legal_review", "simulate")
    builder.add_edge("simulate", "persist")
    builder.add_edge("persist", END)
    builder.add_edge("halt", END)
    return builder
