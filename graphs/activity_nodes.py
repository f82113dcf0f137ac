"""Nodes that the temporalio-langgraph plugin runs as Temporal activities.

Every node of our graphs is an activity with an explicit timeout and a bounded retry policy; long
nodes heartbeat (graphs/durability.py). Node functions are module-level functions of an importable
module (Temporal re-imports them by name in the worker).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from langgraph.graph import StateGraph

from graphs.durability import HEARTBEAT_TIMEOUT, RETRY_POLICY, heartbeating

#: Nodes that may run longer than a heartbeat interval get a heartbeat timeout.
LONG_NODE = timedelta(minutes=2)


def add_activity_nodes(builder: StateGraph, table: Mapping[str, tuple[Callable[..., Any], timedelta]],
                       inputs: Mapping[str, type] | None = None,
                       heartbeat_timeout: timedelta = HEARTBEAT_TIMEOUT) -> None:
    """Add each ``name: (function, start_to_close_timeout)`` as an activity node; ``inputs`` names the
    input schema of nodes that read only part of the state (their activity input is that part only);
    long nodes get ``heartbeat_timeout``."""
    for name, (func, timeout) in table.items():
        meta: dict[str, Any] = {"execute_in": "activity", "start_to_close_timeout": timeout,
                                "retry_policy": RETRY_POLICY}
        if timeout >= LONG_NODE:
            meta["heartbeat_timeout"] = heartbeat_timeout
            func = heartbeating(func)
        builder.add_node(name, func, metadata=meta, input_schema=(inputs or {}).get(name))
