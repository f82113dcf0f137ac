"""Injected faults: a queue per (platform, operation), consumed in order, one fault per matching request.

A request looks in the queue of its own operation first, then in a broader one (a metrics read is
also a ``get``; an Instagram container status read is also a ``get``), then in ``any``.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from agents.publisher.sandbox.store import PLATFORMS

KINDS = ("5xx", "timeout_after_commit", "lost_response_after_commit", "429", "401", "duplicate", "404")
OPERATIONS = ("create", "delete", "get", "list", "metrics", "comments", "container", "container_status",
              "publish_container", "me", "any")
#: Kinds that let the operation run (and commit) and then spoil only the answer.
AFTER_COMMIT = frozenset({"timeout_after_commit", "lost_response_after_commit"})
MAX_QUEUED = 10_000  # bounded memory: a runaway test cannot queue faults forever
MAX_TIMES = 1_000
MAX_DELAY_S = 600.0


@dataclass(frozen=True)
class Fault:
    platform: str
    operation: str
    kind: str
    retry_after_s: float = 1.0
    delay_s: float = 10.0

    def public(self) -> dict[str, Any]:
        return {"platform": self.platform, "operation": self.operation, "kind": self.kind,
                "retry_after_s": self.retry_after_s, "delay_s": self.delay_s}


def _number(data: Mapping[str, Any], name: str, default: float, low: float, high: float) -> float:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or not low <= value <= high:
        raise ValueError(f"{name} must be a number from {low:g} to {high:g}, got {value!r}")
    return float(value)


def parse_fault(data: Any) -> tuple[Fault, int]:
    """A fault and how many times to queue it, from the control API's JSON body (ValueError if invalid)."""
    if not isinstance(data, Mapping):
        raise ValueError("the body must be a JSON object")
    unknown = set(data) - {"platform", "operation", "kind", "times", "retry_after_s", "delay_s"}
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
    platform, operation, kind = data.get("platform"), data.get("operation", "any"), data.get("kind")
    if platform not in PLATFORMS:
        raise ValueError(f"platform must be one of {', '.join(PLATFORMS)}, got {platform!r}")
    if operation not in OPERATIONS:
        raise ValueError(f"operation must be one of {', '.join(OPERATIONS)}, got {operation!r}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    times = data.get("times", 1)
    if isinstance(times, bool) or not isinstance(times, int) or not 1 <= times <= MAX_TIMES:
        raise ValueError(f"times must be an integer from 1 to {MAX_TIMES}, got {times!r}")
    fault = Fault(platform=platform, operation=operation, kind=kind,
                  retry_after_s=_number(data, "retry_after_s", 1.0, 0.0, 86_400.0),
                  delay_s=_number(data, "delay_s", 10.0, 0.0, MAX_DELAY_S))
    return fault, times


class FaultQueue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[tuple[str, str], deque[Fault]] = {}
        self._size = 0

    def add(self, fault: Fault, times: int = 1) -> None:
        with self._lock:
            if self._size + times > MAX_QUEUED:
                raise ValueError(f"at most {MAX_QUEUED} faults may be queued")
            self._queues.setdefault((fault.platform, fault.operation), deque()).extend([fault] * times)
            self._size += times

    def take(self, platform: str, operations: Sequence[str]) -> Fault | None:
        """The next fault for the first of ``operations`` (then ``any``) that has one, removed from its queue."""
        with self._lock:
            for operation in (*operations, "any"):
                queue = self._queues.get((platform, operation))
                if queue:
                    self._size -= 1
                    return queue.popleft()
            return None

    def clear(self) -> int:
        with self._lock:
            cleared, self._size = self._size, 0
            self._queues.clear()
            return cleared

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return [fault.public() for queue in self._queues.values() for fault in queue]
