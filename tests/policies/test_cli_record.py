"""`smm policy eval --record` stores the decision in the tenant's policy_decisions and audit log."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select

from agents.research.onboarding import OnboardRequest, research_start_input
from core.db import tenant_session
from core.models import AuditEvent, PolicyDecisionRow
from tests.conftest import run_smm


def test_eval_record_stores_decision_and_audit_event(
    engine: Engine, make_tenant: Callable[[], uuid.UUID], tmp_path: Path
) -> None:
    tid = make_tenant()
    doc = research_start_input(OnboardRequest(url="https://brand.example/", tenant_id=str(tid)), allow_local=False)
    doc["target_ips"] = ["93.184.216.34"]  # a public address: the crawl may start
    path = tmp_path / "input.json"
    path.write_text(json.dumps(doc))
    proc = run_smm("policy", "eval", "main", "--input", str(path), "--record", "--json")
    assert proc.returncode == 0, proc.stderr
    decision = json.loads(proc.stdout)
    assert decision["allow"] is True
    with tenant_session(engine, tid) as s:
        row = s.get(PolicyDecisionRow, uuid.UUID(decision["decision_id"]))
        events = s.execute(select(AuditEvent).where(AuditEvent.action == "policy.decision")).scalars().all()
    assert row is not None and row.allow is True and row.input["target_url"] == "https://brand.example/"
    assert [e.resource_id for e in events] == [decision["decision_id"]]


def test_eval_record_needs_a_tenant(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"action": "research.start"}))
    proc = run_smm("policy", "eval", "main", "--input", str(path), "--record", "--json")
    assert proc.returncode == 2 and "tenant_id" in proc.stderr
