"""Browser sessions of the review pages: an API key is exchanged once for a server-side session.

The cookie value is ``<tenant id>.<random token>``: the tenant id lets the lookup run inside that tenant's
row-level security (like an API key, which also names its tenant); only the token's SHA-256 is stored.
Every page re-reads the API key the session was opened with, so the role comes from the database and a
revoked key ends its sessions at once. The CSRF token is an HMAC of the session token: per session,
never stored, and useless without the HttpOnly cookie it derives from.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select

from core.db import tenant_session
from core.identity import Principal
from core.models import ApiKey, WebSession

COOKIE = "smm_session"
#: A session lasts one working day; signing in again is cheap (paste the key).
LIFETIME = timedelta(hours=8)
_COOKIE_VALUE = re.compile(r"^([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class WebUser:
    """A signed-in browser: its principal (role from the database) and its CSRF token."""

    principal: Principal
    session_id: uuid.UUID
    csrf: str


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(token: str) -> str:
    """The session's CSRF token (derived, so nothing more is stored)."""
    return hmac.new(token.encode(), b"smm-web-csrf-v1", hashlib.sha256).hexdigest()


def csrf_ok(user: WebUser, submitted: str | None) -> bool:
    """Constant-time check of a submitted CSRF token."""
    return bool(submitted) and hmac.compare_digest(user.csrf.encode(), (submitted or "").encode())


def open_session(engine: Engine, principal: Principal) -> str:
    """Store a new session for an authenticated principal; returns the cookie value."""
    token = secrets.token_urlsafe(32)
    with tenant_session(engine, principal.tenant_id) as session:
        session.add(WebSession(tenant_id=principal.tenant_id, token_sha256=_sha256(token),
                               user_id=principal.user_id, key_id=principal.key_id,
                               expires_at=datetime.now(UTC) + LIFETIME))
    return f"{principal.tenant_id.hex}.{token}"


def _parse(cookie: str | None) -> tuple[uuid.UUID, str] | None:
    match = _COOKIE_VALUE.match(cookie or "")
    return (uuid.UUID(match.group(1)), match.group(2)) if match else None


def resolve(engine: Engine, cookie: str | None) -> WebUser | None:
    """The signed-in user of a cookie, or None (unknown, expired, or its API key revoked)."""
    parsed = _parse(cookie)
    if parsed is None:
        return None
    tid, token = parsed
    with tenant_session(engine, tid) as session:
        row = session.execute(select(WebSession).where(WebSession.token_sha256 == _sha256(token))
                              ).scalar_one_or_none()
        if row is None:
            return None
        if row.expires_at <= datetime.now(UTC):
            session.delete(row)
            return None
        key = session.execute(select(ApiKey).where(ApiKey.key_id == row.key_id)).scalar_one_or_none()
        if key is None or key.revoked_at is not None or key.user_id != row.user_id:
            session.delete(row)
            return None
        principal = Principal(tenant_id=tid, user_id=row.user_id, role=key.role, key_id=key.key_id)
        return WebUser(principal=principal, session_id=row.id, csrf=csrf_token(token))


def close_session(engine: Engine, user: WebUser) -> None:
    """Sign out: the session row is deleted, so the cookie is worthless even if it was copied."""
    with tenant_session(engine, user.principal.tenant_id) as session:
        session.execute(delete(WebSession).where(WebSession.id == user.session_id))
