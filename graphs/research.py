"""The research agent as a LangGraph ``StateGraph`` (uncompiled).

Nodes are module-level functions of ``agents.research.nodes``; each carries the
metadata the temporalio-langgraph plugin needs to run it as an activity.
"""

from __future__ import annotations

from datetime import timedelta

from langgraph.graph import END, START, StateGraph

from agents.research import nodes
from graphs.activity_nodes import add_activity_nodes
from graphs.durability import HEARTBEAT_TIMEOUT

NODES = {
    "crawl": (nodes.crawl, timedelta(minutes=10)),
    "scan_injection": (nodes.scan_injection, timedelta(minutes=1)),
    "chunk_embed": (nodes.chunk_embed, timedelta(minutes=10)),
    "extract": (nodes.extract, timedelta(minutes=15)),
    "verify_citations": (nodes.verify_citations, timedelta(minutes=2)),
    "profile": (nodes.profile, timedelta(minutes=5)),
    "score": (nodes.score, timedelta(minutes=1)),
    "draft_contract": (nodes.draft_contract, timedelta(minutes=1)),
    "persist": (nodes.persist, timedelta(minutes=5)),
    "report_failure": (nodes.report_failure, timedelta(minutes=1)),
}
NODE_NAMES = tuple(NODES)


async def route_after_crawl(state: nodes.ResearchState) -> str:
    """Async on purpose: inside a Temporal workflow LangGraph may not push a sync router onto a thread."""
    return nodes.route_after_crawl(state)


def make_research_graph(heartbeat_timeout: timedelta = HEARTBEAT_TIMEOUT) -> StateGraph:
    """crawl → scan_injection → chunk_embed → extract → verify_citations → profile → score
    → draft_contract → persist (crawl → report_failure when no page is usable)."""
    builder = StateGraph(nodes.ResearchState)
    add_activity_nodes(builder, NODES, inputs=nodes.NODE_INPUTS, heartbeat_timeout=heartbeat_timeout)

    builder.add_edge(START, "crawl")
    builder.add_conditional_edges(
        "crawl", route_after_crawl, {"scan_injection": "scan_injection", "report_failure": "report_failure"}
    )
    builder.add_edge("scan_injection", "chunk_embed")
    builder.add_edge("chunk_embed", "extract")
    builder.add_edge("extract", "verify_citations")
    builder.add_edge("verify_citations", "profile")
    builder.add_edge("profile", "score")
    builder.add_edge("score", "draft_contract")
    builder.add_edge("draft_contract", "persist")
    builder.add_edge("persist", END)
    builder.add_edge("report_failure", END)
    return builder
