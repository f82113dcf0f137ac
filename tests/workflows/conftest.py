"""Fixtures shared by the workflow tests: a worker on a private task queue, a fixture brand site."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from temporalio.client import Client

from core.settings import Settings
from workflows.worker import connect, make_worker, register_dependencies


@pytest.fixture
async def worker_queue(settings: Settings, temporal_address: str) -> AsyncIterator[tuple[Client, str]]:
    """A client and a worker serving a queue of this test's own."""
    register_dependencies(settings)
    client = await connect(settings, address=temporal_address)
    queue = f"test-{uuid.uuid4()}"
    async with make_worker(client, queue):
        yield client, queue


