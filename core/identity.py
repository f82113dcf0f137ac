"""Tenants, users and API keys.

An API key looks like ``smm_<tenant-hex>_<key-id>_<secret>``. Carrying the tenant lets the service
scope the lookup with row-level security before it knows anything else; only SHA-256 of the whole key
is stored (the key has 192 bits of entropy, so a slow hash adds nothing), compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.audit import record_event
from core.db import parse_tenant_id, tenant_session
from core.errors import Conflict, InvalidInput, NotFound, Unauthorized
from core.models import ROLES, ApiKey, Tenant, User

KEY_PATTERN = re.compile(r"^smm_([0-9a-f]{32})_([0-9a-f]{12})_([0-9a-f]{48})$")
# Used with fullmatch: `$` with match() would also accept a trailing newline.
TENANT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.\-]{0,99}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
#: ``api_keys.last_used_at`` is kept to this resolution.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    """Who is calling: resolved from an API key."""

    tenant_id: uuid.UUID
    user_id: uuid.UUID
    role: str
    key_id: str


def hash_key(raw: str) -> str:
    """SHA-256 hex of a raw API key."""
    return hashlib.sha256(raw.encode()).hexdigest()


def check_role(role: str) -> str:
    """The role, or a clear error naming the valid ones."""
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    return role


def create_tenant(engine: Engine, name: str) -> Tenant:
    """Create a tenant; names are trimmed and unique case-insensitively ("Acme" and "ACME" clash)."""
    name = name.strip()
    if not TENANT_NAME.fullmatch(name):
        raise InvalidInput("tenant name must be 1-100 letters, digits, spaces, '.', '_' or '-'")
    tid = uuid.uuid4()
    try:
        # The new tenant's own id is the RLS scope of its insert: the app role needs no bypass.
        with tenant_session(engine, tid) as session:
            tenant = Tenant(id=tid, name=name)
            session.add(tenant)
            session.flush()
            record_event(session, tid, actor="cli", action="tenant.created", resource_type="tenant",
                         resource_id=tid, payload={"name": name})
    except IntegrityError as exc:
        # The unique index on lower(name) (migration 0002) is the one arbiter, even between racing calls.
        if getattr(getattr(exc.orig, "diag", None), "constraint_name", None) == "uq_tenants_name_lower":
            raise Conflict(f"a tenant named {name!r} already exists (names are compared case-insensitively)"
                           ) from None
        raise
    return tenant


def get_tenant(session: Session, tenant_id: uuid.UUID) -> Tenant:
    """The tenant the session is scoped to, or NotFound."""
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        raise NotFound(f"tenant {tenant_id} not found")
    return tenant


@dataclass(frozen=True)
class CreatedKey:
    """A new key: the raw value exists only in this object."""

    key: str
    key_id: str
    tenant_id: uuid.UUID
    user_id: uuid.UUID
    email: str
    role: str


def create_api_key(
    engine: Engine, tenant_id: str | uuid.UUID, role: str, *, email: str | None = None,
    name: str | None = None, actor: str = "cli",
) -> CreatedKey:
    """Create an API key for a user of ``tenant_id`` (creating the user when ``email`` is new)."""
    check_role(role)
    tid = parse_tenant_id(tenant_id)
    if email is not None and not EMAIL.fullmatch(email):
        raise InvalidInput(f"{email!r} is not an e-mail address")
    key_id = secrets.token_hex(6)
    raw = f"smm_{tid.hex}_{key_id}_{secrets.token_hex(24)}"
    with tenant_session(engine, tid) as session:
        get_tenant(session, tid)
        address = email or f"{role}+{key_id}@keys.invalid"
        user = session.execute(select(User).where(User.email == address)).scalar_one_or_none()
        if user is None:
            user = User(tenant_id=tid, email=address, role=role)
            session.add(user)
            session.flush()
        elif user.role != role:
            raise Conflict(f"user {address} has role {user.role!r}; a key cannot grant it {role!r}")
        session.add(ApiKey(tenant_id=tid, user_id=user.id, key_id=key_id, key_hash=hash_key(raw),
                           role=role, name=name))
        record_event(session, tid, actor=actor, action="api_key.created", resource_type="api_key",
                     resource_id=key_id, payload={"role": role, "user_id": str(user.id)})
        user_id = user.id
    return CreatedKey(key=raw, key_id=key_id, tenant_id=tid, user_id=user_id, email=address, role=role)


def _parse_key(raw_key: str) -> tuple[uuid.UUID, str]:
    match = KEY_PATTERN.match(raw_key or "")
    if not match:
        raise Unauthorized("invalid API key")
    return uuid.UUID(match.group(1)), match.group(2)


def key_tenant(raw_key: str) -> uuid.UUID:
    """The tenant a well-formed API key names, or Unauthorized (never says which part was wrong)."""
    return _parse_key(raw_key)[0]


# Columns, not the entity, and built once: this runs on every API request.
_KEY_BY_ID = select(ApiKey.user_id, ApiKey.role, ApiKey.key_hash, ApiKey.revoked_at, ApiKey.last_used_at).where(
    ApiKey.key_id == bindparam("key_id"))


def authenticate_in(session: Session, raw_key: str) -> Principal:
    """Resolve an API key inside the caller's transaction, already scoped to ``key_tenant(raw_key)``."""
    tid, key_id = _parse_key(raw_key)
    key = session.execute(_KEY_BY_ID, {"key_id": key_id}).one_or_none()
    if key is None or key.revoked_at is not None or not hmac.compare_digest(key.key_hash, hash_key(raw_key)):
        raise Unauthorized("invalid API key")
    now = datetime.now(UTC)
    # A write on every request would cost a round trip and a WAL flush; to the minute is what an admin needs.
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        session.execute(update(ApiKey).where(ApiKey.key_id == key_id).values(last_used_at=now))
    return Principal(tenant_id=tid, user_id=key.user_id, role=key.role, key_id=key_id)


def authenticate(engine: Engine, raw_key: str) -> Principal:
    """Resolve an API key to its principal, or raise Unauthorized (never says which part was wrong)."""
    with tenant_session(engine, key_tenant(raw_key)) as session:
        return authenticate_in(session, raw_key)
