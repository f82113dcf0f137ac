"""The publisher graph as a LangGraph ``StateGraph`` (uncompiled).

prepare → finish (shadow, or no approval);  prepare → publish_canary → monitor_canary
→ rollback (a trigger) | publish_full → monitor_full → rollback (a trigger) | finish;  rollback → finish.
"""

from __future__ import annotations

from datetime import timedelta

from langgraph.graph import END, START, StateGraph

from agents.publisher import nodes
from graphs.activity_nodes import add_activity_nodes
from graphs.durability import HEARTBEAT_TIMEOUT

NODES = {
    "prepare": (nodes.prepare, timedelta(minutes=2)),
    "publish_canary": (nodes.publish_canary, timedelta(minutes=30)),
    "monitor_canary": (nodes.monitor_canary, timedelta(days=7, minutes=10)),
    "publish_full": (nodes.publish_full, timedelta(minutes=60)),
    "monitor_full": (nodes.monitor_full, timedelta(days=7, minutes=10)),
    "rollback": (nodes.rollback, timedelta(minutes=30)),
    "finish": (nodes.finish, timedelta(minutes=1)),
}
NODE_NAMES = tuple(NODES)


# Async on purpose: inside a Temporal workflow LangGraph may not push a sync router onto a thread.
async def route_after_prepare(state: nodes.PublisherState) -> str:
    return nodes.route_after_prepare(state)


async def route_after_monitor(state: nodes.PublisherState) -> str:
    return nodes.route_after_monitor(state)


def make_publisher_graph(heartbeat_timeout: timedelta = HEARTBEAT_TIMEOUT) -> StateGraph:
    """Staged rollout: shadow records predictions; live goes canary → watch → full → watch."""
    builder = StateGraph(nodes.PublisherState)
    add_activity_nodes(builder, NODES, heartbeat_timeout=heartbeat_timeout)
    builder.add_edge(START, "prepare")
    builder.add_conditional_edges("prepare", route_after_prepare,
                                  {"finish": "finish", "publish_canary": "publish_canary"})
    builder.add_edge("publish_canary", "monitor_canary")
    builder.add_conditional_edges("monitor_canary", route_after_monitor,
                                  {"rollback": "rollback", "next": "publish_full"})
    builder.add_edge("publish_full", "monitor_full")
    builder.add_conditional_edges("monitor_full", route_after_monitor, {"rollback": "rollback", "next": "finish"})
    builder.add_edge("rollback", "finish")
    builder.add_edge("finish", END)
    return builder
