"""PolicyDecision: the answer of the policy gate, as recorded and returned to callers."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

POLICY_ENGINE_UNAVAILABLE = "policy_engine_unavailable"

PolicyEngineName = Literal["embedded", "opa"]


class PolicyDecision(BaseModel):
    """One evaluation of a policy query; `allow` is only ever true when the engine said so."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: Literal[1] = 1
    decision_id: str = Field(description="uuid4, also the primary key of policy_decisions")
    query: str = Field(description="fully qualified Rego rule, e.g. data.smm.main.decision")
    bundle_revision: str = Field(description="sha256 over the sorted policy files of the bundle")
    engine: PolicyEngineName
    allow: bool = False
    deny: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    obligations: tuple[str, ...] = ()
    engine_decision_id: str | None = Field(default=None, description="decision id reported by an OPA server")
    evaluated_at: datetime | None = None
    duration_ms: float | None = None

    @property
    def engine_unavailable(self) -> bool:
        """True when the deny came from failing closed rather than from a policy."""
        return any(r.startswith(POLICY_ENGINE_UNAVAILABLE) for r in self.deny)

    def has_obligation(self, name: str) -> bool:
        return name in self.obligations
