"""Progress sinks: an inner sink (a node's heartbeat) forwards reports to the one around the whole run."""

from __future__ import annotations

from typing import Any

from agents import progress


def test_nested_sinks_both_hear_each_report() -> None:
    outer: list[Any] = []
    inner: list[Any] = []
    progress.report("nobody listens")  # no sink: costs nothing, goes nowhere
    with progress.reporting(outer.append):
        progress.report(1)
        with progress.reporting(inner.append, resume="saved"):
            assert progress.resume_point() == "saved"
            progress.report(2)
        progress.report(3)
    progress.report(4)
    assert outer == [1, 2, 3] and inner == [2]


def test_a_sink_inside_no_sink_is_alone() -> None:
    heard: list[Any] = []
    with progress.reporting(heard.append):
        progress.report("x")
    with progress.reporting(None):
        progress.report("y")
    assert heard == ["x"]
