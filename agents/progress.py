"""Progress reports from long agent steps, without the agents knowing who listens.

Inside a Temporal activity the graph layer (graphs/durability.py) installs a sink that turns reports
into heartbeat details, and hands back the details of the previous attempt so a retried step can
resume (a crawl continues from its checkpoint instead of starting over). Outside Temporal (evals,
tests) there is no sink and reports cost nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_sink: ContextVar[Callable[[Any], None] | None] = ContextVar("smm_progress_sink", default=None)
_resume: ContextVar[Any] = ContextVar("smm_progress_resume", default=None)


def report(details: Any) -> None:
    """Record how far the current step got (JSON-serialisable; the newest report wins)."""
    sink = _sink.get()
    if sink is not None:
        sink(details)


def resume_point() -> Any:
    """What the previous attempt of this step last reported, or None on a first attempt."""
    return _resume.get()


@contextmanager
def reporting(sink: Callable[[Any], None] | None, resume: Any = None) -> Iterator[None]:
    """Install a sink and a resume point for the duration of one step (context-local, thread-safe).

    A sink installed inside another one forwards every report to the outer sink too: a caller that
    listens around a whole run (the onboarding activity streaming crawl progress to the marketer) still
    hears the reports a node's heartbeat sink receives.
    """
    outer = _sink.get()
    if sink is not None and outer is not None:
        inner = sink

        def sink(details: Any) -> None:
            inner(details)
            outer(details)

    t1, t2 = _sink.set(sink), _resume.set(resume)
    try:
        yield
    finally:
        _sink.reset(t1)
        _resume.reset(t2)
