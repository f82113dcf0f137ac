"""`smm simulate --tenant` stores the run and the card (byte-for-byte what it printed) under RLS."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select

from core.db import tenant_session
from core.models import AuditEvent, DecisionCardRow, SimulationRunRow
from tests.conftest import run_smm

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "campaign.json"


def test_simulate_with_tenant_persists_card(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid, other = make_tenant(), make_tenant()
    args = ("simulate", "--campaign", str(EXAMPLE), "--seed", "11", "--iterations", "4000", "--json")
    proc = run_smm(*args, "--tenant", str(tid))
    assert proc.returncode == 0, proc.stderr
    card = json.loads(proc.stdout)
    with tenant_session(engine, tid) as s:
        row = s.execute(select(DecisionCardRow)).scalar_one()
        run = s.execute(select(SimulationRunRow)).scalar_one()
        actions = s.execute(select(AuditEvent.action)).scalars().all()
    assert str(run.id) == card["proofs"]["simulation_run_id"] == str(row.simulation_run_id)
    assert row.card_sha256 == hashlib.sha256(proc.stdout.rstrip("\n").encode()).hexdigest()
    assert "decision_card.created" in actions
    # Same inputs and seed in another tenant: same conclusions, a different run id (no shared key).
    proc2 = run_smm(*args, "--tenant", str(other))
    assert proc2.returncode == 0, proc2.stderr
    card2 = json.loads(proc2.stdout)
    assert card2["proofs"]["simulation_run_id"] != card["proofs"]["simulation_run_id"]
    assert card2["readiness"] == card["readiness"]


def test_simulate_with_bad_tenant_stores_nothing() -> None:
    proc = run_smm("simulate", "--campaign", str(EXAMPLE), "--seed", "1", "--iterations", "100", "--json",
                   "--tenant", "nope")
    assert proc.returncode == 2 and "not a UUID" in proc.stderr and proc.stdout == ""
