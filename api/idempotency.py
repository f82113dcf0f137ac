"""``Idempotency-Key`` for creating POSTs, stored per tenant in Postgres (table ``idempotency_keys``).

Same key + same body (and route) → the stored answer; same key + another body → 422. The work itself
must be idempotent by key (a campaign's workflow id derives from it, so concurrent duplicates attach
to one run); the first stored answer wins and every duplicate returns it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Header
from pydantic import BaseModel
from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects.postgresql import insert

from core.db import tenant_session
from core.errors import InvalidInput
from core.identity import Principal
from core.models import IdempotencyKey

#: How long a stored answer is replayed; after that the key may be reused.
TTL = timedelta(hours=24)
KEY = re.compile(r"[A-Za-z0-9_-]{1,100}")

IdempotencyHeader = Annotated[str | None, Header(
    alias="Idempotency-Key", pattern=r"^[A-Za-z0-9_-]{1,100}$",
    description="1-100 letters, digits, '-' or '_'; replays the first answer for 24 h")]


def checked_key(raw: str | None) -> str | None:
    """The key, or InvalidInput naming the header."""
    if raw is None:
        return None
    if not KEY.fullmatch(raw):
        raise InvalidInput("Idempotency-Key: must be 1-100 letters, digits, '-' or '_'")
    return raw


def request_hash(method: str, path: str, body: BaseModel) -> str:
    """SHA-256 of the route and the validated body in canonical JSON."""
    canon = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{method} {path}\n{canon}".encode()).hexdigest()


@dataclass(frozen=True)
class Stored:
    """A replayable answer."""

    status_code: int
    body: dict[str, Any]


def _conflict() -> InvalidInput:
    return InvalidInput("Idempotency-Key: already used with another request body or route")


def lookup(engine: Engine, principal: Principal, key: str, digest: str) -> Stored | None:
    """The stored answer for this key, None when new (or expired), 422 when the body differs."""
    with tenant_session(engine, principal.tenant_id) as session:
        row = session.execute(select(IdempotencyKey).where(IdempotencyKey.key == key)).scalar_one_or_none()
        if row is None:
            return None
        if row.created_at < datetime.now(UTC) - TTL:
            session.execute(delete(IdempotencyKey).where(IdempotencyKey.id == row.id))
            return None
        if row.request_hash != digest:
            raise _conflict()
        return Stored(row.status_code, dict(row.response))


def store(engine: Engine, principal: Principal, key: str, method: str, path: str, digest: str,
          answer: Stored) -> Stored:
    """Store ``answer`` unless a racing request stored one first; returns the answer that won."""
    with tenant_session(engine, principal.tenant_id) as session:
        session.execute(insert(IdempotencyKey).values(
            tenant_id=principal.tenant_id, key=key, method=method, path=path, request_hash=digest,
            status_code=answer.status_code, response=answer.body).on_conflict_do_nothing(
            index_elements=["tenant_id", "key"]))
        row = session.execute(select(IdempotencyKey).where(IdempotencyKey.key == key)).scalar_one()
        if row.request_hash != digest:
            raise _conflict()
        return Stored(row.status_code, dict(row.response))
