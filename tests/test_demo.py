"""The main job as a new user runs it: `smm demo --approve` from an empty data home.

Its own SMM_HOME (own embedded Postgres and Temporal, brought up by the demo itself, taken down after),
the real `smm` entry point, the sandbox platform the demo starts on loopback.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_smm

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home() -> Iterator[dict[str, str]]:
    path = Path(tempfile.mkdtemp(prefix="smm-demo-"))
    env = {"SMM_HOME": str(path), "SMM_ENV": "development", "HF_HUB_OFFLINE": "1"}
    try:
        yield env
    finally:
        run_smm("services", "down", env=env, timeout=120)
        shutil.rmtree(path, ignore_errors=True)


def test_demo_approve_publishes_canary_then_full_to_the_sandbox(home: dict[str, str]) -> None:
    done = run_smm("demo", "--approve", "--json", env=home, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout)
    campaign = out["campaign"]
    assert campaign["approval"]["accepted"], campaign["approval"]
    assert campaign["status"] == "completed", campaign.get("launch")
    ledger = campaign["ledger"]
    published = [r for r in ledger if r["state"] == "published"]
    assert published and {r["stage"] for r in published} == {"canary", "full"}, ledger
    # Every row is published or refused with its reason (a channel without a connector): nothing in between.
    assert all(r["state"] == "published" or (r["state"] == "denied" and r["reason"]) for r in ledger), ledger
    assert campaign["sandbox"] == {"live_posts": len(published), "requests": campaign["sandbox"]["requests"],
                                   "duplicates": 0}
    assert "Publish ledger" in out["summary"] and "completed" in out["summary"]
    assert campaign["decision_card"]["verdict"]
