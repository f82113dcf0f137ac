"""The research agent as a LangGraph ``StateGraph`` (uncompiled).

Nodes are module-level functions of ``agents.research.nodes``; each carries the
metadata the temporalio-langgraph plugin needs to run it as an activity.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from langgraph.graph import END, START, StateGraph

from agents.research import nodes

NODE_TIMEOUTS: dict[str, timedelta] = {
    "crawl": timedelta(minutes=10),
    "scan_injection": timedelta(minutes=1),
    "chunk_embed": timedelta(minutes=10),
    "extract": timedelta(minutes=15),
    "verify_citations": timedelta(minutes=2),
    "profile": timedelta(minutes=5),
    "score": timedelta(minutes=1),
    "draft_contract": timedelta(minutes=1),
    "persist": timedelta(minutes=5),
    "report_failure": timedelta(minutes=1),
}
NODE_NAMES = tuple(NODE_TIMEOUTS)


def _meta(name: str) -> dict[str, Any]:
    return {"execute_in": "activity", "start_to_close_timeout": NODE_TIMEOUTS[name]}


async def route_after_crawl(state: nodes.ResearchState) -> str:
    """Async on purpose: inside a Temporal workflow LangGraph may not push a sync router onto a thread."""
    return nodes.route_after_crawl(state)


def make_research_graph() -> StateGraph:
    builder = StateGraph(nodes.ResearchState)
    builder.add_node("crawl", nodes.crawl, metadata=_meta("crawl"))
    builder.add_node("scan_injection", nodes.scan_injection, metadata=_meta("scan_injection"))
    builder.add_node("chunk_embed", nodes.chunk_embed, metadata=_meta("chunk_embed"))
    builder.add_node("extract", nodes.extract, metadata=_meta("extract"))
    builder.add_node("verify_citations", nodes.verify_citations, metadata=_meta("verify_citations"))
    builder.add_node("profile", nodes.profile, metadata=_meta("profile"))
    builder.add_node("score", nodes.score, metadata=_meta("score"))
    builder.add_node("draft_contract", nodes.draft_contract, metadata=_meta("draft_contract"))
    builder.add_node("persist", nodes.persist, metadata=_meta("persist"))
    builder.add_node("report_failure", nodes.report_failure, metadata=_meta("report_failure"))

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
