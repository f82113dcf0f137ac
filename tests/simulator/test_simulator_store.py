"""Runs and cards persist in real Postgres under RLS, idempotently."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import Engine, func, select

from core.db import tenant_session
from core.models import DecisionCardRow, SimulationRunRow
from simulator.card import build_decision_card, card_sha256, deterministic_run_id
from simulator.engine import simulate
from simulator.store import save_run_and_card
from tests.simulator.simulator_testkit import build_input


def test_save_is_idempotent_and_tenant_scoped(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    inp = build_input()
    result = simulate(inp, 42, 2_000)
    tenant_a, tenant_b = make_tenant(), make_tenant()
    ids = {}
    for tenant in (tenant_a, tenant_b):
        run_id = deterministic_run_id(inp, 42, result.iterations, namespace=str(tenant))
        card = build_decision_card(inp, result, simulation_run_id=run_id)
        for _ in range(2):  # the second save must find, not duplicate
            with tenant_session(engine, tenant) as s:
                ids[tenant] = save_run_and_card(s, tenant, inp, result, card)
        with tenant_session(engine, tenant) as s:
            assert s.scalar(select(func.count()).select_from(SimulationRunRow)) == 1
            row = s.get(DecisionCardRow, ids[tenant][1])
            assert row is not None and row.card_sha256 == card_sha256(card)
            assert row.card["proofs"]["simulation_run_id"] == run_id
    assert ids[tenant_a] != ids[tenant_b]
    with tenant_session(engine, tenant_a) as s:
        assert s.get(SimulationRunRow, ids[tenant_b][0]) is None  # RLS hides the other tenant's run
