"""Fixtures for simulator tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.simulator.simulator_testkit import MakeInput, build_dict, build_input


@pytest.fixture(scope="session")
def make_input() -> MakeInput:
    """Factory fixture (session-scoped so hypothesis tests may use it)."""
    return build_input


@pytest.fixture(scope="session")
def make_dict() -> Callable[..., dict[str, Any]]:
    """Factory of raw campaign dicts (to corrupt in bad-input tests)."""
    return build_dict
