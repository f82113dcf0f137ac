"""A research run's bulky intermediate results, kept out of the graph state.

Under Temporal every node is an activity that receives the whole graph state and returns an update, so
whatever the state holds is copied into the workflow history once per node. Crawled pages (with their
masked text), chunks with their vectors and per-page extractions grow with the site; when the run's
store can keep artifacts (Postgres: table ``research_artifacts``, tenant-scoped under RLS), they are
stored there and the state carries a reference ``{name, count, sha256}`` instead. Downstream nodes
load what they need and check the digest, so a node never works on another attempt's data unnoticed.

Without such a store (in-memory runs: evals, tests, the CLI without a database) the values stay
inline in the state, exactly as before.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from agents.research import registry
from core.errors import Conflict, NotFound


@runtime_checkable
class ArtifactStore(Protocol):
    def save_artifact(self, tenant_id: str, run_id: str, name: str, blob: bytes, sha256: str) -> None:
        """Store (or replace: a retried node) the artifact ``name`` of this run."""
        ...

    def load_artifact(self, tenant_id: str, run_id: str, name: str) -> tuple[bytes, str] | None:
        """(blob, sha256) of the artifact, or None if this tenant has no such artifact."""
        ...

    def delete_artifacts(self, tenant_id: str, run_id: str) -> int:
        """Remove every artifact of this run; the number removed."""
        ...


def encode(data: list[Any]) -> tuple[bytes, str]:
    """(zlib-compressed JSON, SHA-256 of the JSON)."""
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return zlib.compress(raw, 6), hashlib.sha256(raw).hexdigest()


def decode(blob: bytes) -> tuple[list[Any], str]:
    """(data, SHA-256 of the JSON) of a stored blob."""
    raw = zlib.decompress(blob)
    data = json.loads(raw)
    if not isinstance(data, list):
        raise Conflict("a research artifact must be a JSON list")
    return data, hashlib.sha256(raw).hexdigest()


def store_for(state: Mapping[str, Any]) -> ArtifactStore | None:
    """The run's artifact store, or None when artifacts stay inline (no store, or no run id)."""
    key = (state.get("config") or {}).get("store_key")
    if not key or not state.get("run_id"):
        return None
    store = registry.get_store(key)
    return store if isinstance(store, ArtifactStore) else None


def put(state: Mapping[str, Any], key: str, name: str, data: list[Any]) -> dict[str, Any]:
    """The state update that holds ``data`` under ``key``: a reference ``{key}_ref`` when stored."""
    store = store_for(state)
    if store is None:
        return {key: data}
    blob, sha = encode(data)
    store.save_artifact(state["tenant_id"], state["run_id"], name, blob, sha)
    return {f"{key}_ref": {"name": name, "count": len(data), "sha256": sha}}


def get(state: Mapping[str, Any], key: str) -> list[Any]:
    """The value of ``key``: inline, or loaded by its reference (empty when neither is set)."""
    if key in state:
        return list(state[key])
    ref = state.get(f"{key}_ref")
    if not ref:
        return []
    store = store_for(state)
    if store is None:
        raise NotFound(f"{key} is stored as artifact {ref['name']!r} but the run has no artifact store")
    found = store.load_artifact(state["tenant_id"], state["run_id"], ref["name"])
    if found is None:
        raise NotFound(f"research artifact {ref['name']!r} of run {state['run_id']} not found")
    data, sha = decode(found[0])
    if sha != ref["sha256"] or sha != found[1]:
        raise Conflict(f"research artifact {ref['name']!r} of run {state['run_id']} changed since "
                                "it was referenced")
    return data


def count(state: Mapping[str, Any], key: str) -> int:
    """How many items ``key`` holds, without loading a stored artifact."""
    if key in state:
        return len(state[key] or [])
    return int((state.get(f"{key}_ref") or {}).get("count") or 0)
