"""Nodes that the temporalio-langgraph plugin runs as Temporal activities.

Every node of our graphs is an activity with an explicit timeout; node functions are module-level
functions of an importable module (Temporal re-imports them by name in the worker).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from langgraph.graph import StateGraph


def add_activity_nodes(builder: StateGraph, table: Mapping[str, tuple[Callable[..., Any], timedelta]]) -> None:
    """Add each ``name: (function, start_to_close_timeout)`` as an activity node."""
    for name, (func, timeout) in table.items():
        builder.add_node(name, func, metadata={"execute_in": "activity", "start_to_close_timeout": timeout})
