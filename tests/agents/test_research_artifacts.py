"""A research run's bulky artifacts in Postgres: round trip, retried writes, digests, tenants, clean-up."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from agents.research import artifacts, registry
from agents.research.pg_store import PostgresResearchStore
from core.errors import Conflict, NotFound

PAGES = [{"canonical_url": "https://b.test/", "text": "Acme sells anvils.\x00 NUL and ünïcode survive",
          "fetched_at": 1764547200.123456789}]


@pytest.fixture
def store_key(engine: Engine) -> Iterator[str]:
    key = f"artifacts-{uuid.uuid4().hex[:8]}"
    registry.register_store(key, PostgresResearchStore(engine))
    yield key
    registry.unregister_store(key)


def _state(key: str | None, tid: uuid.UUID, run_id: str | None = None) -> dict[str, Any]:
    return {"tenant_id": str(tid), "run_id": run_id or str(uuid.uuid4()), "config": {"store_key": key}}


def test_stored_pages_cross_the_state_as_a_reference(store_key: str, make_tenant: Callable[[], uuid.UUID]) -> None:
    state = _state(store_key, make_tenant())
    update = artifacts.put(state, "pages", "pages.crawled", PAGES)
    assert set(update) == {"pages_ref"} and update["pages_ref"]["count"] == 1
    assert "anvils" not in str(update)  # no page text in the state (nor in a workflow history)
    state.update(update)
    assert artifacts.get(state, "pages") == PAGES  # byte-exact, NUL and float included
    assert artifacts.count(state, "pages") == 1


def test_a_retried_node_replaces_its_artifact_and_a_stale_reference_is_refused(
    store_key: str, make_tenant: Callable[[], uuid.UUID],
) -> None:
    state = _state(store_key, make_tenant())
    first = artifacts.put(state, "pages", "pages.crawled", PAGES)
    second = artifacts.put(state, "pages", "pages.crawled", [*PAGES, *PAGES])
    assert artifacts.get({**state, **second}, "pages") == [*PAGES, *PAGES]
    with pytest.raises(Conflict, match="changed since it was referenced"):
        artifacts.get({**state, **first}, "pages")


def test_another_tenant_cannot_load_a_run_s_artifacts(store_key: str, make_tenant: Callable[[], uuid.UUID]) -> None:
    state = _state(store_key, make_tenant())
    ref = artifacts.put(state, "chunks", "chunks", [{"text": "secret"}])
    thief = {**_state(store_key, make_tenant(), run_id=state["run_id"]), **ref}
    with pytest.raises(NotFound, match="not found"):
        artifacts.get(thief, "chunks")


def test_delete_removes_only_that_run(store_key: str, engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    a, b = _state(store_key, tid), _state(store_key, tid)
    a.update(artifacts.put(a, "pages", "pages.crawled", PAGES))
    b.update(artifacts.put(b, "pages", "pages.crawled", PAGES))
    assert PostgresResearchStore(engine).delete_artifacts(str(tid), a["run_id"]) == 1
    with pytest.raises(NotFound):
        artifacts.get(a, "pages")
    assert artifacts.get(b, "pages") == PAGES


def test_without_an_artifact_store_values_stay_inline(make_tenant: Callable[[], uuid.UUID]) -> None:
    state = _state(None, make_tenant())
    assert artifacts.put(state, "pages", "pages.crawled", PAGES) == {"pages": PAGES}
    assert artifacts.get({**state, "pages": PAGES}, "pages") == PAGES
    assert artifacts.get(state, "pages") == [] and artifacts.count(state, "pages") == 0


def test_artifacts_a_failed_run_left_behind_are_dropped_after_a_day(
    store_key: str, engine: Engine, make_tenant: Callable[[], uuid.UUID],
) -> None:
    from datetime import timedelta

    from sqlalchemy import func, select, update

    from agents.research.pg_store import ARTIFACT_TTL
    from core.db import tenant_session
    from core.models import ResearchArtifact

    tid = make_tenant()
    orphan, recent = _state(store_key, tid), _state(store_key, tid)
    artifacts.put(orphan, "pages", "pages.crawled", PAGES)
    artifacts.put(recent, "pages", "pages.crawled", PAGES)
    with tenant_session(engine, tid) as s:  # the orphan's run ended without persist, over a day ago
        s.execute(update(ResearchArtifact).where(ResearchArtifact.run_id == orphan["run_id"])
                  .values(created_at=func.now() - ARTIFACT_TTL - timedelta(minutes=1)))
    artifacts.put(_state(store_key, tid), "pages", "pages.crawled", PAGES)  # the next run's first write
    with tenant_session(engine, tid) as s:
        runs = set(s.execute(select(ResearchArtifact.run_id)).scalars())
    assert orphan["run_id"] not in runs and recent["run_id"] in runs
