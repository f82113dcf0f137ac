"""How graph nodes and workflow steps behave under failure: bounded retries, heartbeats, timeouts.

Every activity gets a retry policy with a bounded number of attempts; domain errors that cannot
succeed on a retry are non-retryable (Temporal matches them by exception class name). Long steps
heartbeat while they run, so a worker that dies is noticed within ``HEARTBEAT_TIMEOUT`` and the
step is retried on another worker, resuming from its last progress report where it can.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from temporalio import activity
from temporalio.common import RetryPolicy

from agents import progress

#: Errors that say "the input is wrong", never "try again".
NON_RETRYABLE_ERRORS = (
    "InvalidInput", "PolicyDenied", "NotFound", "Conflict", "Forbidden", "Unauthorized", "StartRefused",
    "ValidationError", "ContractViolation", "PayloadDecryptionError",
)

#: 1 + 2 + 4 + 8 + 16 s between five attempts: long enough to ride out a database or Temporal restart,
#: short enough that a deterministic failure ends the run in well under a minute.
RETRY_POLICY = RetryPolicy(initial_interval=timedelta(seconds=1), backoff_coefficient=2.0,
                           maximum_interval=timedelta(seconds=30), maximum_attempts=6,
                           non_retryable_error_types=list(NON_RETRYABLE_ERRORS))

#: A worker that stops heartbeating for this long is presumed dead and its step is retried elsewhere
#: (the default of SMM_HEARTBEAT_TIMEOUT_S; workers build their graphs with the configured value).
HEARTBEAT_TIMEOUT = timedelta(seconds=30)
#: The SDK sends at most one heartbeat per throttle interval (by default 80 % of the timeout, which
#: would leave a resume point up to 24 s stale); workers cap it at this (see workflows/worker.py).
HEARTBEAT_THROTTLE = timedelta(seconds=2)
_BEAT_EVERY_S = 5.0


def heartbeating(func: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    """Run a node so that it heartbeats while it works (sync nodes run on a thread).

    The heartbeat carries the node's newest ``agents.progress.report``; a retried attempt gets the
    previous attempt's last report from ``agents.progress.resume_point()``.
    """

    @functools.wraps(func)
    async def node(*args: Any, **kwargs: Any) -> Any:
        if not activity.in_activity():
            return await _call(func, args, kwargs)
        details = activity.info().heartbeat_details
        latest: list[Any] = [details[0] if details else None]

        async def beat() -> None:
            while True:
                activity.heartbeat(*([latest[0]] if latest[0] is not None else []))
                await asyncio.sleep(_BEAT_EVERY_S)

        loop = asyncio.get_running_loop()

        def record(details: Any) -> None:
            latest[0] = details
            # Reports from the event loop's thread (async nodes such as the crawl) go out at once;
            # reports from a node's worker thread ride on the next tick.
            if _on_loop(loop):
                activity.heartbeat(details)

        ticker = asyncio.create_task(beat())
        try:
            with progress.reporting(record, latest[0]):
                return await _call(func, args, kwargs)
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker

    return node


def _on_loop(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


async def _call(func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    if inspect.iscoroutinefunction(func):
        return await func(*args, **kwargs)
    return await asyncio.to_thread(func, *args, **kwargs)
