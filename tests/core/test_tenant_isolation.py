"""Row-level security: catalog guarantees, an evil-tenant matrix over every table, and a pool test."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from core.db import make_engine, tenant_session
from core.models import TENANT_TABLES, ConsentRecord
from tests.core.seed import seed_everything

ALL_TABLES = ("tenants", *TENANT_TABLES)
# The app role writes the audit log only through smm_append_audit: no direct INSERT/UPDATE/DELETE.
AUDIT_TABLES = ("audit_events", "audit_heads")
# Append-only logs: the app role may add rows (under RLS) but neither change nor remove them.
APPEND_ONLY_TABLES = ("publish_events", "spend_records")


def _col(table: str) -> str:
    return "id" if table == "tenants" else "tenant_id"


@pytest.fixture(scope="module")
def victims(engine: Engine) -> tuple[uuid.UUID, uuid.UUID]:
    """Two fully seeded tenants: A (the attacker) and B (the victim)."""
    from core.identity import create_tenant

    ids = []
    for _ in range(2):
        tid = create_tenant(engine, f"iso-{uuid.uuid4().hex[:10]}").id
        with tenant_session(engine, tid) as session:
            seed_everything(session, tid)
        ids.append(tid)
    return ids[0], ids[1]


def _fingerprint(superuser_dsn: str, table: str, tid: uuid.UUID) -> tuple[int, str]:
    with psycopg.connect(superuser_dsn) as conn:
        row = conn.execute(
            f"SELECT count(*), coalesce(md5(string_agg(to_jsonb(t)::text, ',' ORDER BY t.id)), '') "
            f"FROM {table} t WHERE {_col(table)} = %s", (tid,)).fetchone()
    assert row is not None
    return int(row[0]), str(row[1])


def test_catalog_every_tenant_table_forces_rls(superuser_dsn: str, settings) -> None:  # type: ignore[no-untyped-def]
    with psycopg.connect(superuser_dsn) as conn:
        tables = {r[0] for r in conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r'")}
        with_tenant = {r[0] for r in conn.execute(
            "SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attname = 'tenant_id' AND NOT a.attisdropped")}
        # Every table is either tenant-owned, the tenants table itself, or Alembic's bookkeeping.
        assert tables - with_tenant == {"tenants", "alembic_version"}
        assert with_tenant == set(TENANT_TABLES)
        flags = {r[0]: (r[1], r[2]) for r in conn.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")}
        for table in ALL_TABLES:
            assert flags[table] == (True, True), f"{table}: RLS must be enabled and forced"
        policies = {(r[0], r[1]) for r in conn.execute("SELECT tablename, cmd FROM pg_policies")}
        for table in ALL_TABLES:
            for cmd in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                assert (table, cmd) in policies, f"{table}: no {cmd} policy"
        role = conn.execute("SELECT oid, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s",
                            (settings.app_role,)).fetchone()
        assert role is not None
        assert role[1] is False and role[2] is False, "app role must be neither superuser nor BYPASSRLS"
        owned = conn.execute("SELECT count(*) FROM pg_class WHERE relowner = %s", (role[0],)).fetchone()
        assert owned is not None and owned[0] == 0, "app role must own no table"
        alembic = conn.execute("SELECT has_table_privilege(%s, 'alembic_version', 'SELECT')",
                               (settings.app_role,)).fetchone()
        assert alembic is not None and alembic[0] is False


@pytest.mark.parametrize("table", ALL_TABLES)
def test_evil_tenant_matrix(table: str, engine: Engine, superuser_dsn: str,
                            victims: tuple[uuid.UUID, uuid.UUID]) -> None:
    attacker, victim = victims
    col = _col(table)
    before = _fingerprint(superuser_dsn, table, victim)
    assert before[0] >= 1, "the victim must have data in this table for the test to mean anything"

    with tenant_session(engine, attacker) as s:
        leaked = s.execute(text(f"SELECT count(*) FROM {table} WHERE {col} = :v"), {"v": victim}).scalar_one()
        foreign = s.execute(text(f"SELECT count(*) FROM {table} WHERE {col} <> :a"), {"a": attacker}).scalar_one()
        own = s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    assert (leaked, foreign) == (0, 0)
    assert own >= 1, "the attacker still sees its own rows"

    for stmt in (f"UPDATE {table} SET {col} = {col} WHERE {col} = :v",
                 f"DELETE FROM {table} WHERE {col} = :v"):
        try:
            with tenant_session(engine, attacker) as s:
                changed = s.execute(text(stmt), {"v": victim}).rowcount
        except DBAPIError as exc:
            # Not even granted: UPDATE/DELETE on the audit tables and append-only logs, DELETE on tenants.
            revoked = (table in AUDIT_TABLES or table in APPEND_ONLY_TABLES
                       or (table == "tenants" and stmt.startswith("DELETE")))
            assert revoked and "permission denied" in str(exc.orig), exc
            changed = 0
        assert changed == 0, stmt

    # INSERT a copy of a victim row (fresh id) while scoped as the attacker: refused by WITH CHECK
    # (or, for the audit tables, by the missing privilege).
    with psycopg.connect(superuser_dsn) as conn:
        row = conn.execute(f"SELECT to_jsonb(t) FROM {table} t WHERE {col} = %s LIMIT 1", (victim,)).fetchone()
    assert row is not None
    doc = dict(row[0])
    doc["id"] = str(uuid.uuid4())
    refusal = "permission denied" if table in AUDIT_TABLES else "row-level security"
    with pytest.raises(ProgrammingError, match=refusal), tenant_session(engine, attacker) as s:
        s.execute(text(f"INSERT INTO {table} SELECT * FROM jsonb_populate_record(NULL::{table}, "
                       "CAST(:doc AS jsonb))"), {"doc": json.dumps(doc)})

    # Moving one's own row into the victim tenant is refused too.
    if table not in ("tenants", *AUDIT_TABLES, *APPEND_ONLY_TABLES):
        with pytest.raises(ProgrammingError, match="row-level security"), tenant_session(engine, attacker) as s:
            s.execute(text(f"UPDATE {table} SET tenant_id = :v"), {"v": victim})

    assert _fingerprint(superuser_dsn, table, victim) == before


def test_query_without_tenant_raises_instead_of_returning_everything(
    engine: Engine, victims: tuple[uuid.UUID, uuid.UUID]
) -> None:
    for table in ALL_TABLES:
        with pytest.raises(ProgrammingError, match=r"app\.tenant_id is not set"), engine.begin() as conn:
            conn.execute(text(f"SELECT * FROM {table}")).all()


def test_pool_interleaves_tenants_without_leaks(
    db_urls, make_tenant: Callable[[], uuid.UUID]  # type: ignore[no-untyped-def]
) -> None:
    pooled = make_engine(db_urls.app, pool_size=2)
    tenants = [make_tenant(), make_tenant()]
    leaks: list[str] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        tid = tenants[i % 2]
        fail = i % 7 == 0  # some transactions roll back half-way: their setting must not survive either
        try:
            with tenant_session(pooled, tid) as s:
                s.add(ConsentRecord(tenant_id=tid, subject=f"s{i}", purpose="pool",
                                    granted_at=datetime.now(UTC)))
                s.flush()
                seen = s.execute(text("SELECT DISTINCT tenant_id FROM consent_records")).scalars().all()
                if set(seen) != {tid}:
                    with lock:
                        leaks.append(f"tx {i} as {tid} saw {seen}")
                if fail:
                    raise RuntimeError("rollback on purpose")
        except RuntimeError:
            pass

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(one, range(1000)))
    assert leaks == []
    # After all that, a connection from the same pool carries no tenant.
    with pytest.raises(ProgrammingError, match=r"app\.tenant_id is not set"), pooled.begin() as conn:
        conn.execute(text("SELECT * FROM consent_records")).all()
    expected = {tenants[0]: 0, tenants[1]: 0}
    for i in range(1000):
        if i % 7:
            expected[tenants[i % 2]] += 1
    for tid in tenants:
        with tenant_session(pooled, tid) as s:
            assert s.execute(text("SELECT count(*) FROM consent_records")).scalar_one() == expected[tid]
    pooled.dispose()
