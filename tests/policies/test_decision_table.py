"""Decision table: role x action x tenant match, through the full `main` decision.

Run on regorus and real OPA; both must answer the same. Each action gets an otherwise
valid input, so the only deny reasons possible are role and tenant ones; expectations
come from the permission table stated in the issue (see gen_conformance.PERMITTED),
not from the engine.
"""

from __future__ import annotations

import itertools

import pytest

from policies.gate import PolicyGate
from tests.policies.engines import ENGINES, differences, make_engine
from tests.policies.gen_conformance import PERMITTED, base

ACTIONS = ["research.start", "llm.spend", "content.review", "publish.post", "campaign.approve",
           "api.campaigns.read", "api.evals.run", "api.users.manage", "api.approvals.create"]  # fmt: skip
TABLE = list(itertools.product(PERMITTED, ACTIONS, ["same", "other-resource", "other-workspace"]))


@pytest.fixture(scope="module")
def gates() -> dict[str, PolicyGate]:
    return {name: PolicyGate(make_engine(name), timeout_ms=5_000) for name in ENGINES}


def test_table_size() -> None:
    assert len(TABLE) >= 48


@pytest.mark.parametrize(("role", "action", "tenant"), TABLE)
def test_decision(gates: dict[str, PolicyGate], role: str, action: str, tenant: str) -> None:
    doc = base(action, role)
    if tenant == "other-resource":
        doc["resource"]["tenant_id"] = "t2"
    if tenant == "other-workspace":
        if "workspace" not in doc:
            doc["resource"]["tenant_id"] = "t2"
        else:
            doc["workspace"]["tenant_id"] = "t2"
    permitted = PERMITTED[role] is None or action in PERMITTED[role]  # type: ignore[operator]
    # Four-eyes: an admin may do everything but decide on a campaign (only approvers do).
    decides = action != "campaign.approve" or role == "approver"
    expected_allow = permitted and decides and tenant == "same"
    assert differences(f"{role}/{action}/{tenant}", gates, "main", doc) == []
    d = gates["opa"].evaluate("main", doc)
    assert d.allow is expected_allow, d.deny
    if not permitted:
        assert any(r.startswith("security.role_forbidden") for r in d.deny)
    if tenant != "same":
        assert any(r.startswith("security.tenant_mismatch") for r in d.deny)
