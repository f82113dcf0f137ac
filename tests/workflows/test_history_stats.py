"""`time_by_step` on a recorded history: every step of the run is counted once, slowest first."""

from __future__ import annotations

from pathlib import Path

from tests.workflows.test_replay import _history
from workflows.history_stats import time_by_step

HISTORY = Path(__file__).parent / "histories" / "approved-1.json.gz"


def test_time_by_step_covers_every_activity_and_the_workflow_tasks() -> None:
    history = _history(HISTORY)
    steps = time_by_step(history)
    scheduled = {e.activity_task_scheduled_event_attributes.activity_type.name for e in history.events
                 if e.HasField("activity_task_scheduled_event_attributes")}
    assert scheduled | {"(workflow tasks)"} == set(steps)
    assert {"research.crawl", "research.chunk_embed", "campaign.persist"} <= set(steps)
    assert all(ms >= 0 for ms in steps.values()) and steps["(workflow tasks)"] > 0
    assert list(steps.values()) == sorted(steps.values(), reverse=True)
    first, last = history.events[0].event_time.ToMilliseconds(), history.events[-1].event_time.ToMilliseconds()
    assert sum(steps.values()) <= last - first  # steps are sequential in this workflow: no double count
