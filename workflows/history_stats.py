"""Where a workflow history's bytes go: decoded input and output sizes per activity type.

Used by `smm bench workflow` and the history-size test to show what dominates a history (the JSON
history counts each payload encrypted and base64-encoded, so about 4/3 of the decoded size plus a
small envelope per payload).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from temporalio.api.common.v1 import Payload
from temporalio.client import WorkflowHistory
from temporalio.converter import PayloadCodec


async def _decoded_bytes(codec: PayloadCodec | None, payloads: Any) -> int:
    items: list[Payload] = list(payloads.payloads) if payloads is not None else []
    if codec is not None and items:
        items = list(await codec.decode(items))
    return sum(len(p.data) for p in items)


async def activity_payload_sizes(history: WorkflowHistory, codec: PayloadCodec | None) -> dict[str, dict[str, int]]:
    """``{activity type: {count, input, output, ms}}``: decoded payload bytes, and milliseconds from
    scheduled to completed (queueing included); largest first."""
    types: dict[int, str] = {}
    scheduled_at: dict[int, int] = {}
    sizes: dict[str, dict[str, int]] = defaultdict(lambda: {"count": 0, "input": 0, "output": 0, "ms": 0})
    for event in history.events:
        if event.HasField("activity_task_scheduled_event_attributes"):
            attrs = event.activity_task_scheduled_event_attributes
            name = attrs.activity_type.name
            types[event.event_id] = name
            scheduled_at[event.event_id] = event.event_time.ToMilliseconds()
            sizes[name]["count"] += 1
            sizes[name]["input"] += await _decoded_bytes(codec, attrs.input)
        elif event.HasField("activity_task_completed_event_attributes"):
            attrs_c = event.activity_task_completed_event_attributes
            name = types.get(attrs_c.scheduled_event_id, "?")
            sizes[name]["output"] += await _decoded_bytes(codec, attrs_c.result)
            began = scheduled_at.get(attrs_c.scheduled_event_id)
            sizes[name]["ms"] += event.event_time.ToMilliseconds() - began if began is not None else 0
    return dict(sorted(sizes.items(), key=lambda kv: -(kv[1]["input"] + kv[1]["output"])))


def time_by_step(history: WorkflowHistory) -> dict[str, int]:
    """Milliseconds per activity type (scheduled to completed) and in workflow tasks (scheduled to
    completed: dispatch to the worker plus the workflow code), slowest first: where a run's time went."""
    names: dict[int, str] = {}
    scheduled_at: dict[int, int] = {}
    out: dict[str, int] = defaultdict(int)
    task_scheduled: int | None = None
    for event in history.events:
        at = event.event_time.ToMilliseconds()
        if event.HasField("activity_task_scheduled_event_attributes"):
            names[event.event_id] = event.activity_task_scheduled_event_attributes.activity_type.name
            scheduled_at[event.event_id] = at
        elif event.HasField("activity_task_completed_event_attributes"):
            sid = event.activity_task_completed_event_attributes.scheduled_event_id
            if sid in scheduled_at:
                out[names[sid]] += at - scheduled_at[sid]
        elif event.HasField("workflow_task_scheduled_event_attributes"):
            task_scheduled = at
        elif event.HasField("workflow_task_completed_event_attributes") and task_scheduled is not None:
            out["(workflow tasks)"] += at - task_scheduled
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))
