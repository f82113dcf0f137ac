"""audit MACs through one append function; tenant names unique case-insensitively

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

* ``audit_events`` gets ``mac`` and ``key_id`` (NULL on rows written before this revision: they
  verify as "unauthenticated legacy" rows, see core/audit.py).
* ``smm_append_audit(...)`` (SECURITY DEFINER, owned by the owner role) is now the only way the
  application role can add an audit event: it takes the sequence number and previous hash from the
  tenant's head under a row lock, computes ``hash = sha256(prev_hash || mac)`` and moves the head.
  The app role loses INSERT on ``audit_events`` and INSERT/UPDATE/DELETE on ``audit_heads``, so it
  can neither pre-empt a sequence number nor rewind or move a head.
* ``tenants.name`` is unique on ``lower(name)`` (replacing the case-sensitive constraint); the
  upgrade stops with a clear message when existing names differ only in case.

Downgrade restores the 0001 grants and drops the MAC columns: rows appended under this revision
then no longer verify with the 0001 formula (their hash covers the MAC), so it is for development.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.migrations.rls import app_role

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_FN_SIGNATURE = "smm_append_audit(uuid, uuid, timestamptz, text, text, text, text, jsonb, text, text)"

# Custom SQLSTATE class "SM": errors meant for the operator; core.migrate turns them into a message.
# The owner is under FORCEd row security like everyone (and no tenant is set here), and Postgres hides key
# values from RLS tables in index errors; so FORCE is lifted for the one look at the names. This runs in
# the migration's transaction: an error rolls the ALTERs back with everything else.
UNIQUE_LOWER_NAMES = r"""
DO $$
DECLARE
    v_dups text;
BEGIN
    ALTER TABLE tenants NO FORCE ROW LEVEL SECURITY;
    SELECT string_agg(format('%L (id %s)', t.name, t.id), ', ' ORDER BY lower(t.name), t.name) INTO v_dups
    FROM tenants t
    WHERE lower(t.name) IN (SELECT lower(name) FROM tenants GROUP BY lower(name) HAVING count(*) > 1);
    ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
    IF v_dups IS NOT NULL THEN
        RAISE EXCEPTION 'tenant names must be unique case-insensitively, but these differ only in case: %', v_dups
            USING ERRCODE = 'SM001',
                  HINT = 'rename all but one of each group (as the owner role, with app.tenant_id set to the '
                         'tenant id), then run `smm db migrate` again';
    END IF;
    CREATE UNIQUE INDEX uq_tenants_name_lower ON tenants (lower(name));
END
$$;
"""

# Everything schema-qualified and search_path pinned: a SECURITY DEFINER function must not resolve
# names through a schema its caller controls. RLS still applies inside it (the owner's rows are
# FORCEd too), and the explicit tenant check gives a clear error instead of an RLS violation.
APPEND_FN = r"""
CREATE FUNCTION smm_append_audit(
    p_id uuid, p_tenant_id uuid, p_occurred_at timestamptz, p_actor text, p_action text,
    p_resource_type text, p_resource_id text, p_payload jsonb, p_key_id text, p_mac text
) RETURNS public.audit_events
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    v_seq bigint;
    v_prev text;
    v_top_seq bigint;
    v_top_hash text;
    v_row public.audit_events;
BEGIN
    IF p_tenant_id IS DISTINCT FROM public.smm_current_tenant() THEN
        RAISE EXCEPTION 'audit event for tenant % outside the transaction''s tenant scope', p_tenant_id
            USING ERRCODE = '42501';
    END IF;
    IF p_mac IS NULL OR p_mac !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'audit MAC must be 64 lowercase hex characters' USING ERRCODE = '22023';
    END IF;
    IF p_key_id IS NULL OR length(p_key_id) NOT BETWEEN 1 AND 32 THEN
        RAISE EXCEPTION 'audit key id must be 1-32 characters' USING ERRCODE = '22023';
    END IF;

    INSERT INTO public.audit_heads (id, tenant_id, last_seq, last_hash)
    VALUES (gen_random_uuid(), p_tenant_id, 0, repeat('0', 64))
    ON CONFLICT (tenant_id) DO NOTHING;
    -- The head row lock serialises appends per tenant until the caller's transaction ends.
    SELECT h.last_seq, h.last_hash INTO STRICT v_seq, v_prev
    FROM public.audit_heads h WHERE h.tenant_id = p_tenant_id FOR UPDATE;

    -- A row planted past the head (by someone who bypassed this function) must not block every later
    -- append: continue after the greatest seq; `smm audit verify` names the planted row.
    SELECT e.seq, e.hash INTO v_top_seq, v_top_hash
    FROM public.audit_events e WHERE e.tenant_id = p_tenant_id ORDER BY e.seq DESC LIMIT 1;
    IF v_top_seq IS NOT NULL AND v_top_seq > v_seq THEN
        v_seq := v_top_seq;
        v_prev := v_top_hash;
    END IF;
    v_seq := v_seq + 1;

    INSERT INTO public.audit_events (id, tenant_id, seq, occurred_at, actor, action, resource_type,
                                     resource_id, payload, prev_hash, hash, mac, key_id)
    VALUES (p_id, p_tenant_id, v_seq, p_occurred_at, p_actor, p_action, p_resource_type, p_resource_id,
            p_payload, v_prev, encode(sha256(convert_to(v_prev || p_mac, 'UTF8')), 'hex'), p_mac, p_key_id)
    RETURNING * INTO v_row;

    UPDATE public.audit_heads SET last_seq = v_row.seq, last_hash = v_row.hash
    WHERE tenant_id = p_tenant_id;
    RETURN v_row;
END
$$;
"""


def upgrade() -> None:
    app = app_role()
    op.add_column("audit_events", sa.Column("mac", sa.String(length=64), nullable=True))
    op.add_column("audit_events", sa.Column("key_id", sa.String(length=32), nullable=True))
    op.create_check_constraint(op.f("ck_audit_events_mac_key_id"), "audit_events",
                               "(mac IS NULL) = (key_id IS NULL)")

    op.execute(APPEND_FN)
    op.execute(f"REVOKE ALL ON FUNCTION {APPEND_FN_SIGNATURE} FROM PUBLIC")
    op.execute(f'GRANT EXECUTE ON FUNCTION {APPEND_FN_SIGNATURE} TO "{app}"')
    op.execute(f'REVOKE INSERT ON audit_events FROM "{app}"')
    op.execute(f'REVOKE INSERT, UPDATE, DELETE ON audit_heads FROM "{app}"')

    op.execute(UNIQUE_LOWER_NAMES)
    op.drop_constraint(op.f("uq_tenants_name"), "tenants", type_="unique")


def downgrade() -> None:
    app = app_role()
    op.create_unique_constraint(op.f("uq_tenants_name"), "tenants", ["name"])
    op.drop_index("uq_tenants_name_lower", table_name="tenants")

    op.execute(f'GRANT INSERT, UPDATE, DELETE ON audit_heads TO "{app}"')
    op.execute(f'GRANT INSERT ON audit_events TO "{app}"')
    op.execute(f"DROP FUNCTION {APPEND_FN_SIGNATURE}")
    op.drop_constraint(op.f("ck_audit_events_mac_key_id"), "audit_events", type_="check")
    op.drop_column("audit_events", "key_id")
    op.drop_column("audit_events", "mac")
