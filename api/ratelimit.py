"""Rate limits per tenant and per API key, counted in Postgres (table ``rate_limit_counters``).

Fixed windows that start at a bucket's first request: each authenticated request bumps two rows, the
tenant's (``tenant``) and its key's (``key:<key id>``), in ONE ``INSERT … ON CONFLICT … DO UPDATE …
RETURNING``. Row locks serialise concurrent bumps of a bucket, so however many API processes share the
database, exactly ``quota`` requests per window see ``hits <= quota``. A window that has passed is reset
in the same statement (no sweeper, one row per bucket). The database clock is the only clock used.

Refused requests count too: a client hammering through its 429s does not get a fresh quota by it.
Unauthenticated requests never get here (they are 401 before a tenant is known), and neither do the
health and metrics routes (they take no principal).
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.orm import Session

from core.errors import RateLimited
from core.identity import Principal
from core.settings import Settings

TENANT_BUCKET = "tenant"

# `c` is the stored row (old values, also inside SET); in RETURNING the names are the new row's.
_BUMP = text("""
INSERT INTO rate_limit_counters AS c (id, tenant_id, bucket, window_start, hits)
VALUES (:id_t, :tid, :bucket_t, now(), 1), (:id_k, :tid, :bucket_k, now(), 1)
ON CONFLICT (tenant_id, bucket) DO UPDATE SET
    window_start = CASE WHEN c.window_start <= now() - make_interval(secs => :window)
                        THEN now() ELSE c.window_start END,
    hits = CASE WHEN c.window_start <= now() - make_interval(secs => :window)
                THEN 1 ELSE LEAST(c.hits, 2000000000) + 1 END
RETURNING bucket, hits,
    ceil(extract(epoch FROM window_start + make_interval(secs => :window) - now()))::int AS retry_after
""")


def key_bucket(key_id: str) -> str:
    """The bucket name of one API key."""
    return f"key:{key_id}"


def tenant_quota(settings: Settings, tenant_id: uuid.UUID) -> int:
    """Requests per window for this tenant (its override, else the default)."""
    return settings.rate_limit_tenant_overrides.get(str(tenant_id), settings.rate_limit_tenant)


def charge(session: Session, settings: Settings, principal: Principal) -> None:
    """Count one request of ``principal`` in the caller's transaction (scoped to its tenant).

    RateLimited (429) when its tenant or its key is over quota; the caller commits the count even then.
    """
    quotas = {TENANT_BUCKET: tenant_quota(settings, principal.tenant_id),
              key_bucket(principal.key_id): settings.rate_limit_key}
    rows = session.execute(_BUMP, {
        "id_t": uuid.uuid4(), "id_k": uuid.uuid4(), "tid": principal.tenant_id, "bucket_t": TENANT_BUCKET,
        "bucket_k": key_bucket(principal.key_id), "window": settings.rate_limit_window_s}).all()
    over = [(row.bucket, int(row.retry_after)) for row in rows if row.hits > quotas[row.bucket]]
    if over:
        which = " and ".join("this tenant" if b == TENANT_BUCKET else "this API key" for b, _ in sorted(over))
        retry = max(r for _, r in over)
        raise RateLimited(f"rate limit exceeded for {which} ({settings.rate_limit_window_s} s window); "
                          f"retry after {max(1, retry)} s", retry_after=retry)
