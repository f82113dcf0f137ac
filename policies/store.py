"""Recorder that writes each decision to `policy_decisions` and the tenant's audit chain."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from core.audit import canonical_json, record_event
from core.contracts.policy import PolicyDecision
from core.models import PolicyDecisionRow
from policies.gate import Recorder

log = logging.getLogger(__name__)

# On the table, with parameters at execute time: compiled once and cached (an ORM ``.values(...)`` is not).
_INSERT_DECISION = insert(PolicyDecisionRow.__table__)  # type: ignore[arg-type]  # a Table at run time


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
        # A Core insert, not session.add: the unit of work's flush cost more than the insert itself, and
        # the API records a decision on every request.
        session.execute(_INSERT_DECISION, {
            "id": uuid.UUID(decision.decision_id), "tenant_id": tenant_id, "campaign_id": campaign_id,
            "query": decision.query, "bundle_revision": decision.bundle_revision, "engine": decision.engine,
            "allow": decision.allow, "input": _jsonable(doc), "result": result})
        record_event(
            session,
            tenant_id,
            actor=actor_id,
            action="policy.decision",
            resource_type="policy_decision",
            resource_id=decision.decision_id,
            payload={
                "query": decision.query,
                "action": doc.get("action"),
                "allow": decision.allow,
                "deny": list(decision.deny),
                "obligations": list(decision.obligations),
                "bundle_revision": decision.bundle_revision,
                "engine": decision.engine,
            },
        )

    return record


def _jsonable(doc: Mapping[str, Any]) -> dict[str, Any]:
    import json

    value: dict[str, Any] = json.loads(canonical_json(dict(doc)))
    return value
