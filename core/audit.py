"""Append-only audit log, hash-chained per tenant.

Each event's hash is ``sha256(prev_hash || canonical_json(event))`` where ``event`` holds every
column but the hashes; the first event of a tenant chains from 64 zeros. ``audit_heads`` keeps the
latest (seq, hash) so that deleting the newest rows is detected too, not only edits in the middle.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from core.models import AuditEvent, AuditHead

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def jsonb_stable(value: Any) -> Any:
    """The value as Postgres JSONB will give it back, so the hash computed now verifies later.

    JSONB stores numbers as `numeric`: -0.0 comes back as 0.0 and an integral float beyond 2**53 as an
    integer; NaN and infinities are not JSON at all and are refused.
    """
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("audit payloads cannot hold NaN or infinite numbers")
        if value == 0:
            return 0.0
        if value.is_integer() and abs(value) >= 2**53:
            return int(value)
        return value
    if isinstance(value, dict):
        return {str(k): jsonb_stable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonb_stable(v) for v in value]
    return jsonb_stable(_default(value))


def _default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def event_document(
    *, tenant_id: uuid.UUID, seq: int, occurred_at: datetime, actor: str, action: str,
    resource_type: str, resource_id: str | None, payload: dict[str, Any],
) -> dict[str, Any]:
    """The part of an event that its hash covers."""
    return {
        "tenant_id": str(tenant_id),
        "seq": seq,
        "occurred_at": occurred_at.astimezone(UTC).isoformat(),
        "actor": actor,
        "action": action,
        "resource_type": resource_type,
        "resource_id": resource_id,
        "payload": payload,
    }


def chain_hash(prev_hash: str, document: dict[str, Any]) -> str:
    """sha256(prev_hash || canonical_json(document)) as hex."""
    return hashlib.sha256((prev_hash + canonical_json(document)).encode()).hexdigest()


def record_event(
    session: Session, tenant_id: uuid.UUID | str, *, actor: str, action: str, resource_type: str,
    resource_id: str | uuid.UUID | None = None, payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the tenant's chain, inside the caller's (tenant-scoped) transaction."""
    tid = uuid.UUID(str(tenant_id))
    # Round-trip the payload through canonical JSON so what we hash is exactly what JSONB gives back.
    clean_payload: dict[str, Any] = jsonb_stable(json.loads(canonical_json(payload or {})))
    # Serialise appends per tenant: the head row is locked until this transaction ends.
    session.execute(
        text("INSERT INTO audit_heads (id, tenant_id, last_seq, last_hash) VALUES (:id, :tid, 0, :h) "
             "ON CONFLICT (tenant_id) DO NOTHING"),
        {"id": uuid.uuid4(), "tid": tid, "h": GENESIS_HASH},
    )
    head = session.execute(
        select(AuditHead).where(AuditHead.tenant_id == tid).with_for_update()
    ).scalar_one()
    seq = head.last_seq + 1
    # Python and timestamptz both keep microseconds, so the stored value hashes back to the same text.
    occurred_at = datetime.now(UTC)
    rid = None if resource_id is None else str(resource_id)
    doc = event_document(tenant_id=tid, seq=seq, occurred_at=occurred_at, actor=actor, action=action,
                         resource_type=resource_type, resource_id=rid, payload=clean_payload)
    digest = chain_hash(head.last_hash, doc)
    event = AuditEvent(tenant_id=tid, seq=seq, occurred_at=occurred_at, actor=actor, action=action,
                       resource_type=resource_type, resource_id=rid, payload=clean_payload,
                       prev_hash=head.last_hash, hash=digest)
    session.add(event)
    head.last_seq, head.last_hash = seq, digest
    session.flush()
    return event


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of verifying one tenant's chain."""

    ok: bool
    tenant_id: str
    events: int
    head_hash: str
    first_bad_seq: int | None = None
    first_bad_id: str | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able form."""
        return dict(self.__dict__)


def verify_chain(rows: Iterable[AuditEvent], head: AuditHead | None, tenant_id: uuid.UUID) -> VerifyResult:
    """Recompute the chain over rows ordered by seq; name the first row that does not fit."""
    prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    tid = str(tenant_id)

    def bad(row: AuditEvent | None, seq: int | None, reason: str) -> VerifyResult:
        return VerifyResult(ok=False, tenant_id=tid, events=count, head_hash=prev, first_bad_seq=seq,
                            first_bad_id=str(row.id) if row is not None else None, reason=reason)

    for row in rows:
        if row.seq != expected_seq:
            return bad(row, row.seq, f"sequence gap: expected seq {expected_seq}, found {row.seq} "
                                     "(a row was deleted or reordered)")
        if row.prev_hash != prev:
            return bad(row, row.seq, "prev_hash does not match the previous row's hash "
                                     "(a row was deleted, inserted or reordered)")
        doc = event_document(tenant_id=row.tenant_id, seq=row.seq, occurred_at=row.occurred_at,
                             actor=row.actor, action=row.action, resource_type=row.resource_type,
                             resource_id=row.resource_id, payload=row.payload)
        digest = chain_hash(prev, doc)
        if digest != row.hash:
            return bad(row, row.seq, "hash mismatch: the row's content was changed")
        prev = digest
        expected_seq += 1
        count += 1
    head_seq = head.last_seq if head is not None else 0
    head_hash = head.last_hash if head is not None else GENESIS_HASH
    if head_seq != count or head_hash != prev:
        return bad(None, count + 1 if head_seq > count else head_seq,
                   f"chain ends at seq {count} but the head records seq {head_seq}: "
                   "rows at the end of the chain were deleted (or the head was tampered with)")
    return VerifyResult(ok=True, tenant_id=tid, events=count, head_hash=prev)


def verify_tenant(session: Session, tenant_id: uuid.UUID) -> VerifyResult:
    """Verify the chain of the tenant the session is scoped to."""
    rows = session.execute(
        select(AuditEvent).where(AuditEvent.tenant_id == tenant_id).order_by(AuditEvent.seq, AuditEvent.id)
    ).scalars()
    head = session.execute(select(AuditHead).where(AuditHead.tenant_id == tenant_id)).scalar_one_or_none()
    return verify_chain(rows, head, tenant_id)
