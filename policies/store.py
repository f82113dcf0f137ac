"""Recorder that writes each decision to `policy_decisions` and the tenant's audit chain."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from core.audit import APPEND_SQL, canonical_json, event_params
from core.contracts.policy import PolicyDecision
from policies.gate import Recorder

log = logging.getLogger(__name__)

# A data-modifying CTE runs even though the SELECT does not read it; both see the same tenant scope (RLS).
_RECORD_DECISION = text(
    "WITH decision AS (INSERT INTO policy_decisions "  # noqa: S608  (constants; every value is a parameter)
    "(id, tenant_id, campaign_id, query, bundle_revision, engine, allow, input, result) VALUES "
    "(CAST(:d_id AS uuid), CAST(:tid AS uuid), CAST(:d_campaign AS uuid), CAST(:d_query AS text), "
    "CAST(:d_revision AS text), CAST(:d_engine AS text), CAST(:d_allow AS boolean), CAST(:d_input AS jsonb), "
    "CAST(:d_result AS jsonb))) " + APPEND_SQL
)


def _tenant(doc: Mapping[str, Any]) -> uuid.UUID | None:
    for part in ("resource", "actor"):
        value = doc.get(part)
        if isinstance(value, Mapping):
            try:
                return uuid.UUID(str(value.get("tenant_id")))
            except ValueError:
                continue
    return None


def session_recorder(session: Session, *, campaign_id: uuid.UUID | None = None) -> Recorder:
    """Record into the caller's tenant-scoped transaction; the caller commits.

    A raising recorder makes the gate deny, so an allow that cannot be stored is
    never acted on. A deny for an input without a usable tenant id (malformed
    input) cannot be stored under RLS and is only logged.
    """

    def record(decision: PolicyDecision, doc: Mapping[str, Any]) -> None:
        tenant_id = _tenant(doc)
        if tenant_id is None:
            if decision.allow:
                raise ValueError("cannot record an allow without a tenant id")
            log.warning("policy deny %s not stored: input has no tenant id", decision.decision_id)
            return
        result = decision.model_dump(mode="json")
        actor = doc.get("actor")
        actor_id = str(actor.get("id")) if isinstance(actor, Mapping) else "unknown"
        params = event_params(tenant_id, actor=actor_id, action="policy.decision",
                              resource_type="policy_decision", resource_id=decision.decision_id, payload={
                                  "query": decision.query, "action": doc.get("action"), "allow": decision.allow,
                                  "deny": list(decision.deny), "obligations": list(decision.obligations),
                                  "bundle_revision": decision.bundle_revision, "engine": decision.engine})
        # The decision row and its audit event in one statement: the API records a decision on every request,
        # and a round trip (with SQLAlchemy's work around it) cost more than either insert.
        session.execute(_RECORD_DECISION, {
            **params, "d_id": uuid.UUID(decision.decision_id), "d_campaign": campaign_id,
            "d_query": decision.query, "d_revision": decision.bundle_revision, "d_engine": decision.engine,
            "d_allow": decision.allow, "d_input": canonical_json(dict(doc)),
            "d_result": canonical_json(result)}).one()

    return record
