"""DDL helpers for migrations: row-level security and grants to the application role."""

from __future__ import annotations

from alembic import op

CURRENT_TENANT_FN = """
CREATE OR REPLACE FUNCTION smm_current_tenant() RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v text := current_setting('app.tenant_id', true);
BEGIN
    -- An unset tenant is an error, never "no filter": forgetting it must not return every tenant's rows.
    IF v IS NULL OR v = '' THEN
        RAISE EXCEPTION 'app.tenant_id is not set: tenant-scoped query outside a tenant transaction'
            USING ERRCODE = '42501';
    END IF;
    RETURN v::uuid;
END
$$;
"""


def app_role() -> str:
    """The application role named by `core.migrate` (settings.app_role)."""
    return str(op.get_context().config.attributes.get("app_role", "smm_app"))  # type: ignore[union-attr]


def enable_rls(table: str, column: str = "tenant_id") -> None:
    """ENABLE + FORCE row security with one policy per command on ``column = smm_current_tenant()``."""
    # (SELECT ...) makes the planner evaluate the tenant once per statement, not per row.
    cond = f"{column} = (SELECT smm_current_tenant())"
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY {table}_select ON {table} FOR SELECT USING ({cond})")
    op.execute(f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK ({cond})")
    op.execute(f"CREATE POLICY {table}_update ON {table} FOR UPDATE USING ({cond}) WITH CHECK ({cond})")
    op.execute(f"CREATE POLICY {table}_delete ON {table} FOR DELETE USING ({cond})")


def grant_app(tables: list[str], privileges: str = "SELECT, INSERT, UPDATE, DELETE") -> None:
    """Grant DML on ``tables`` to the application role."""
    for table in tables:
        op.execute(f'GRANT {privileges} ON {table} TO "{app_role()}"')


def make_append_only(table: str) -> None:
    """Revoke UPDATE/DELETE/TRUNCATE from the app role and block them by trigger for everyone."""
    op.execute(f'REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM "{app_role()}"')
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{table} is append-only (% refused)', TG_OP USING ERRCODE = '42501';
        END
        $$;
        """
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_update_delete BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
    )
