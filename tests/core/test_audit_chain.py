"""The audit chain detects any change, deletion or reordering, through the real `smm audit verify`;
rows from before the MAC migration still verify, as "unauthenticated legacy" rows.

(Forgery by the app role, planted rows and key rotation: test_audit_forgery.py.)
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import psycopg
import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from core.audit import GENESIS_HASH, legacy_chain_hash, legacy_document, record_event, verify_tenant
from core.db import tenant_session
from core.migrate import alembic_config
from core.models import AuditEvent
from core.settings import Settings
from tests.conftest import run_smm
from tests.core.test_migrations import scratch_db  # noqa: F401 - fixture, requested by name below


@pytest.fixture
def chained(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> uuid.UUID:
    """A tenant with a chain of 6 events (1 from tenant creation + 5)."""
    tid = make_tenant()
    for i in range(5):
        with tenant_session(engine, tid) as s:
            record_event(s, tid, actor="tester", action=f"step.{i}", resource_type="thing",
                         resource_id=str(i), payload={"i": i, "note": "données ✓", "x": 0.1 * i})
    return tid


def _verify(tid: uuid.UUID) -> tuple[int, dict[str, object]]:
    proc = run_smm("audit", "verify", "--tenant", str(tid), "--json")
    return proc.returncode, json.loads(proc.stdout)


def _tamper(dsn: str, sql: str, *params: object) -> None:
    # An attacker with superuser access: triggers off for this session only.
    with psycopg.connect(dsn) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute(sql, params)


def test_intact_chain_verifies(chained: uuid.UUID) -> None:
    code, out = _verify(chained)
    assert code == 0 and out["ok"] is True and out["events"] == 6


def test_changed_payload_is_detected(chained: uuid.UUID, superuser_dsn: str) -> None:
    _tamper(superuser_dsn, "UPDATE audit_events SET payload = jsonb_set(payload, '{i}', '99') "
                           "WHERE tenant_id = %s AND seq = 4", chained)
    code, out = _verify(chained)
    assert code == 1 and out["ok"] is False and out["first_bad_seq"] == 4
    assert "MAC mismatch" in str(out["reason"]) and out["first_bad_id"]


def test_changed_actor_is_detected(chained: uuid.UUID, superuser_dsn: str) -> None:
    _tamper(superuser_dsn, "UPDATE audit_events SET actor = 'mallory' WHERE tenant_id = %s AND seq = 2", chained)
    code, out = _verify(chained)
    assert code == 1 and out["first_bad_seq"] == 2


def test_deleted_middle_row_is_detected(chained: uuid.UUID, superuser_dsn: str) -> None:
    _tamper(superuser_dsn, "DELETE FROM audit_events WHERE tenant_id = %s AND seq = 3", chained)
    code, out = _verify(chained)
    assert code == 1 and out["first_bad_seq"] == 4 and "gap" in str(out["reason"])


def test_deleted_last_row_is_detected(chained: uuid.UUID, superuser_dsn: str) -> None:
    _tamper(superuser_dsn, "DELETE FROM audit_events WHERE tenant_id = %s AND seq = 6", chained)
    code, out = _verify(chained)
    assert code == 1 and out["first_bad_seq"] == 6 and "deleted" in str(out["reason"])


def test_reordered_rows_are_detected(chained: uuid.UUID, superuser_dsn: str) -> None:
    # Swap the positions of events 2 and 3 (seq numbers exchanged).
    # (through negative numbers: the unique (tenant_id, seq) constraint is checked row by row)
    _tamper(superuser_dsn, "UPDATE audit_events SET seq = CASE seq WHEN 2 THEN -3 ELSE -2 END "
                           "WHERE tenant_id = %s AND seq IN (2, 3)", chained)
    _tamper(superuser_dsn, "UPDATE audit_events SET seq = -seq WHERE tenant_id = %s AND seq < 0", chained)
    code, out = _verify(chained)
    assert code == 1 and out["first_bad_seq"] == 2


def test_renumbered_and_rehashed_tail_is_still_detected(chained: uuid.UUID, superuser_dsn: str) -> None:
    # Deleting a row and shifting later seq numbers down leaves the prev_hash links broken.
    _tamper(superuser_dsn, "DELETE FROM audit_events WHERE tenant_id = %s AND seq = 2", chained)
    _tamper(superuser_dsn, "UPDATE audit_events SET seq = 1 - seq WHERE tenant_id = %s AND seq > 2", chained)
    _tamper(superuser_dsn, "UPDATE audit_events SET seq = -seq WHERE tenant_id = %s AND seq < 0", chained)
    _tamper(superuser_dsn, "UPDATE audit_heads SET last_seq = last_seq - 1 WHERE tenant_id = %s", chained)
    code, out = _verify(chained)
    assert code == 1 and out["first_bad_seq"] == 2 and "prev_hash" in str(out["reason"])


def test_app_role_cannot_update_or_delete(engine: Engine, chained: uuid.UUID) -> None:
    for stmt in ("UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events", "TRUNCATE audit_events"):
        with pytest.raises(DBAPIError, match="permission denied"), tenant_session(engine, chained) as s:
            s.execute(text(stmt))


def test_trigger_blocks_even_the_owner(db_urls, chained: uuid.UUID) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.engine import make_url

    dsn = make_url(db_urls.owner).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        conn.execute("SELECT set_config('app.tenant_id', %s, true)", (str(chained),))
        conn.execute("DELETE FROM audit_events")


def test_verify_rejects_bad_tenant_id() -> None:
    proc = run_smm("audit", "verify", "--tenant", "not-a-uuid", "--json")
    assert proc.returncode == 2 and "not a UUID" in proc.stderr and proc.stdout == ""


def test_numbers_that_jsonb_rewrites_still_verify(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    with tenant_session(engine, tid) as s:
        record_event(s, tid, actor="t", action="numbers", resource_type="x",
                     payload={"neg_zero": -0.0, "big": 1e16, "huge": 2.5e300, "small": 1.5e-7, "n": [0.1, -3]})
    code, out = _verify(tid)
    assert code == 0 and out["ok"] is True, out


def test_non_finite_payloads_are_refused(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    with pytest.raises(ValueError, match="NaN"), tenant_session(engine, tid) as s:
        record_event(s, tid, actor="t", action="nan", resource_type="x", payload={"v": float("nan")})


def _legacy_row(tid: uuid.UUID, seq: int, prev: str) -> AuditEvent:
    """An event as the pre-0002 code wrote it: no MAC, hash over the document with its seq."""
    row = AuditEvent(id=uuid.uuid4(), tenant_id=tid, seq=seq, occurred_at=datetime.now(UTC), actor="old",
                     action=f"old.{seq}", resource_type="x", resource_id=None, payload={"n": seq, "x": 0.5},
                     prev_hash=prev)
    row.hash = legacy_chain_hash(prev, legacy_document(row))
    return row


def _insert_raw(dsn: str, row: AuditEvent) -> None:
    with psycopg.connect(dsn) as conn:
        conn.execute(
            "INSERT INTO audit_events (id, tenant_id, seq, occurred_at, actor, action, resource_type, resource_id, "
            "payload, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (row.id, row.tenant_id, row.seq, row.occurred_at, row.actor, row.action, row.resource_type,
             row.resource_id, json.dumps(row.payload), row.prev_hash, row.hash))


def test_rows_from_before_the_mac_migration_verify_as_legacy(
    request: pytest.FixtureRequest, settings: Settings, db_urls  # type: ignore[no-untyped-def]
) -> None:
    owner_url: str = request.getfixturevalue("scratch_db")
    name = make_url(owner_url).database
    su = make_url(db_urls.admin).set(drivername="postgresql", database=name).render_as_string(hide_password=False)
    owner = create_engine(owner_url)
    app = create_engine(make_url(db_urls.app).set(database=name).render_as_string(hide_password=False))
    try:
        with owner.begin() as conn:
            command.upgrade(alembic_config(settings, conn), "0001")
        # A tenant with two events and a head, written at revision 0001.
        tid, prev = uuid.uuid4(), GENESIS_HASH
        with psycopg.connect(su) as conn:
            conn.execute("INSERT INTO tenants (id, name) VALUES (%s, 'legacy')", (tid,))
        for seq in (1, 2):
            row = _legacy_row(tid, seq, prev)
            _insert_raw(su, row)
            prev = row.hash
        with psycopg.connect(su) as conn:
            conn.execute("INSERT INTO audit_heads (id, tenant_id, last_seq, last_hash) "
                         "VALUES (gen_random_uuid(), %s, 2, %s)", (tid, prev))
        with owner.begin() as conn:
            command.upgrade(alembic_config(settings, conn), "head")

        with tenant_session(app, tid) as s:
            new = record_event(s, tid, actor="new", action="after.migration", resource_type="x")
        assert new.seq == 3 and new.prev_hash == prev and new.mac is not None
        with tenant_session(app, tid) as s:
            result = verify_tenant(s, tid)
        assert result.ok and (result.events, result.legacy_events) == (3, 2), result

        # A MAC-less row after an authenticated one is not "legacy": it bypassed smm_append_audit.
        late = _legacy_row(tid, 4, new.hash)
        _insert_raw(su, late)
        with tenant_session(app, tid) as s:
            result = verify_tenant(s, tid)
        assert not result.ok and result.first_bad_id == str(late.id) and "unauthenticated" in str(result.reason)

        # Legacy rows are still hash-checked.
        with psycopg.connect(su) as conn:
            conn.execute("SET session_replication_role = replica")
            conn.execute("UPDATE audit_events SET actor = 'mallory' WHERE tenant_id = %s AND seq = 1", (tid,))
        with tenant_session(app, tid) as s:
            result = verify_tenant(s, tid)
        assert not result.ok and result.first_bad_seq == 1 and "legacy" in str(result.reason)
    finally:
        owner.dispose()
        app.dispose()
