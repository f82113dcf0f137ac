"""Append-only audit log: hash-chained per tenant, each event MAC'd with a server-held key.

An event's ``mac`` is HMAC-SHA256 under ``keyring.derive("audit-mac", key_id)`` over the canonical JSON
of its content (tenant, id, time, actor, action, resource, payload). The database never sees that key,
so someone who can write rows (the app role, or anyone with its credentials) cannot make an event that
verifies. Appends go through the SQL function ``smm_append_audit`` (migration 0002), the only insert
path the app role has: it assigns ``seq`` and ``prev_hash`` from the tenant's ``audit_heads`` row under
a lock and stores ``hash = sha256(prev_hash || mac)``, so order, deletions and the head are covered too.

A bad row is reported by :func:`verify_tenant` (first bad row named) but never blocks later appends.

Legacy rows (written before migration 0002) have no MAC: their hash is
``sha256(prev_hash || canonical_json(event))`` with ``seq`` inside the event. They still chain and are
checked that way, and are counted as ``legacy_events`` ("unauthenticated legacy"): anyone with write
access to the database could have made them. They may only form the start of a chain; a MAC-less row
after an authenticated one is reported as bad. The first event of a tenant chains from 64 zeros.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, select, text
from sqlalchemy.orm import Session

from core.keys import Keyring, keyring
from core.models import AuditEvent, AuditHead
from core.settings import get_settings

GENESIS_HASH = "0" * 64
MAC_PURPOSE = "audit-mac"


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


def event_content(
    *, tenant_id: uuid.UUID, event_id: uuid.UUID, occurred_at: datetime, actor: str, action: str,
    resource_type: str, resource_id: str | None, payload: dict[str, Any],
) -> dict[str, Any]:
    """The part of an event its MAC covers (``seq`` and the hashes are the database's, covered by the chain)."""
    return {
        "tenant_id": str(tenant_id),
        "id": str(event_id),
        "occurred_at": occurred_at.astimezone(UTC).isoformat(),
        "actor": actor,
        "action": action,
        "resource_type": resource_type,
        "resource_id": resource_id,
        "payload": payload,
    }


def event_mac(key: bytes, content: dict[str, Any]) -> str:
    """HMAC-SHA256 of the content's canonical JSON, hex."""
    return hmac.new(key, canonical_json(content).encode(), hashlib.sha256).hexdigest()


def mac_chain_hash(prev_hash: str, mac: str) -> str:
    """sha256(prev_hash || mac) as hex: what ``smm_append_audit`` stores in ``hash``."""
    return hashlib.sha256((prev_hash + mac).encode()).hexdigest()


def legacy_document(row: AuditEvent) -> dict[str, Any]:
    """What a pre-0002 (MAC-less) row's hash covers."""
    return {
        "tenant_id": str(row.tenant_id),
        "seq": row.seq,
        "occurred_at": row.occurred_at.astimezone(UTC).isoformat(),
        "actor": row.actor,
        "action": row.action,
        "resource_type": row.resource_type,
        "resource_id": row.resource_id,
        "payload": row.payload,
    }


def legacy_chain_hash(prev_hash: str, document: dict[str, Any]) -> str:
    """sha256(prev_hash || canonical_json(document)) as hex: the pre-0002 formula."""
    return hashlib.sha256((prev_hash + canonical_json(document)).encode()).hexdigest()


#: The append, as SQL another statement can end with (see ``policies/store.py``: a decision and its event
#: in one round trip); its parameters are ``event_params``'.
APPEND_SQL = (
    "SELECT * FROM smm_append_audit(CAST(:id AS uuid), CAST(:tid AS uuid), CAST(:at AS timestamptz), "
    "CAST(:actor AS text), CAST(:action AS text), CAST(:rtype AS text), CAST(:rid AS text), "
    "CAST(:payload AS jsonb), CAST(:kid AS text), CAST(:mac AS text))"
)
_APPEND = text(APPEND_SQL)


def event_params(
    tenant_id: uuid.UUID | str, *, actor: str, action: str, resource_type: str,
    resource_id: str | uuid.UUID | None = None, payload: dict[str, Any] | None = None,
    keys: Keyring | None = None,
) -> dict[str, Any]:
    """The parameters of ``APPEND_SQL`` for one event, MAC'd under the keyring's current key."""
    tid = uuid.UUID(str(tenant_id))
    ring = keys or keyring(get_settings())
    # Round-trip the payload through canonical JSON so what we MAC is exactly what JSONB gives back.
    clean_payload: dict[str, Any] = jsonb_stable(json.loads(canonical_json(payload or {})))
    event_id = uuid.uuid4()
    # Python and timestamptz both keep microseconds, so the stored value MACs back to the same text.
    occurred_at = datetime.now(UTC)
    rid = None if resource_id is None else str(resource_id)
    content = event_content(tenant_id=tid, event_id=event_id, occurred_at=occurred_at, actor=actor,
                            action=action, resource_type=resource_type, resource_id=rid,
                            payload=clean_payload)
    mac = event_mac(ring.derive(MAC_PURPOSE, ring.current_id), content)
    return {"id": event_id, "tid": tid, "at": occurred_at, "actor": actor, "action": action,
            "rtype": resource_type, "rid": rid, "payload": canonical_json(clean_payload),
            "kid": ring.current_id, "mac": mac}


def record_event(
    session: Session, tenant_id: uuid.UUID | str, *, actor: str, action: str, resource_type: str,
    resource_id: str | uuid.UUID | None = None, payload: dict[str, Any] | None = None,
    keys: Keyring | None = None,
) -> Row[Any]:
    """Append one event to the tenant's chain, inside the caller's (tenant-scoped) transaction.

    Returns the stored row (the columns of ``audit_events``: ``seq``, ``hash``, ``prev_hash``...).

    ``keys`` defaults to the installation's keyring; the event is MAC'd under its current key.
    """
    params = event_params(tenant_id, actor=actor, action=action, resource_type=resource_type,
                          resource_id=resource_id, payload=payload, keys=keys)
    # A plain row, not an ORM entity: an event is appended on every gate decision, and entity loading
    # cost more than the append itself.
    return session.execute(_APPEND, params).one()


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of verifying one tenant's chain."""

    ok: bool
    tenant_id: str
    events: int
    head_hash: str
    legacy_events: int = 0
    first_bad_seq: int | None = None
    first_bad_id: str | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able form."""
        return dict(self.__dict__)


class _Bad(Exception):
    """The row being checked does not fit (message = reason)."""


class _MacKeys:
    """Per-key-id MAC subkeys, derived once per verification."""

    def __init__(self, ring: Keyring) -> None:
        self._ring = ring
        self._cache: dict[str, bytes] = {}

    def get(self, key_id: str) -> bytes:
        if key_id not in self._cache:
            try:
                self._cache[key_id] = self._ring.derive(MAC_PURPOSE, key_id)
            except KeyError:
                raise _Bad(f"MAC made with unknown key id {key_id!r}: keep retired keys in "
                           "SMM_OLD_SECRET_KEYS while their events must verify") from None
        return self._cache[key_id]


def _check_row(row: AuditEvent, prev: str, keys: _MacKeys, authenticated_seen: bool) -> str:
    """The row's hash if it fits after ``prev``; raises :class:`_Bad` otherwise."""
    if row.prev_hash != prev:
        raise _Bad("prev_hash does not match the previous row's hash (a row was deleted, inserted or reordered)")
    if row.mac is None or row.key_id is None:
        if authenticated_seen:
            raise _Bad("unauthenticated row (no MAC) after authenticated ones: it was not written "
                       "through smm_append_audit")
        if legacy_chain_hash(prev, legacy_document(row)) != row.hash:
            raise _Bad("hash mismatch: the legacy (pre-MAC) row's content was changed")
        return row.hash
    content = event_content(tenant_id=row.tenant_id, event_id=row.id, occurred_at=row.occurred_at,
                            actor=row.actor, action=row.action, resource_type=row.resource_type,
                            resource_id=row.resource_id, payload=row.payload)
    # As bytes: compare_digest refuses non-ASCII str, and a planted row's MAC can be any text.
    if not hmac.compare_digest(event_mac(keys.get(row.key_id), content).encode(), row.mac.encode()):
        raise _Bad(f"MAC mismatch (key {row.key_id!r}): the row's content was changed, "
                   "or it was not written by this server")
    if mac_chain_hash(prev, row.mac) != row.hash:
        raise _Bad("hash mismatch: the row's chain hash does not cover its MAC")
    return row.hash


def verify_chain(rows: Iterable[AuditEvent], head: AuditHead | None, tenant_id: uuid.UUID,
                 keys: Keyring | None = None) -> VerifyResult:
    """Recompute the chain over rows ordered by seq; name the first row that does not fit."""
    mac_keys = _MacKeys(keys or keyring(get_settings()))
    prev = GENESIS_HASH
    expected_seq = 1
    count = legacy = 0
    tid = str(tenant_id)

    def bad(row: AuditEvent | None, seq: int | None, reason: str) -> VerifyResult:
        return VerifyResult(ok=False, tenant_id=tid, events=count, head_hash=prev, legacy_events=legacy,
                            first_bad_seq=seq, first_bad_id=str(row.id) if row is not None else None,
                            reason=reason)

    for row in rows:
        if row.seq != expected_seq:
            return bad(row, row.seq, f"sequence gap: expected seq {expected_seq}, found {row.seq} "
                                     "(a row was deleted or reordered)")
        try:
            prev = _check_row(row, prev, mac_keys, authenticated_seen=count > legacy)
        except _Bad as exc:
            return bad(row, row.seq, str(exc))
        legacy += row.mac is None
        expected_seq += 1
        count += 1
    head_seq = head.last_seq if head is not None else 0
    head_hash = head.last_hash if head is not None else GENESIS_HASH
    if head_seq != count or head_hash != prev:
        return bad(None, count + 1 if head_seq > count else head_seq,
                   f"chain ends at seq {count} but the head records seq {head_seq}: "
                   "rows at the end of the chain were deleted (or the head was tampered with)")
    return VerifyResult(ok=True, tenant_id=tid, events=count, head_hash=prev, legacy_events=legacy)


def verify_tenant(session: Session, tenant_id: uuid.UUID, keys: Keyring | None = None) -> VerifyResult:
    """Verify the chain of the tenant the session is scoped to (MACs checked with ``keys``)."""
    rows = session.execute(
        select(AuditEvent).where(AuditEvent.tenant_id == tenant_id).order_by(AuditEvent.seq, AuditEvent.id)
    ).scalars()
    head = session.execute(select(AuditHead).where(AuditHead.tenant_id == tenant_id)).scalar_one_or_none()
    return verify_chain(rows, head, tenant_id, keys)
