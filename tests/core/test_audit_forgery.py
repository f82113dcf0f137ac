"""Forging audit events: the app role has one append path (smm_append_audit), MACs need the server key,
a planted row never blocks later writes, and key rotation keeps old events verifiable.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import psycopg
import pytest
from pydantic import SecretStr
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from core.audit import event_content, event_mac, mac_chain_hash, record_event, verify_tenant
from core.db import tenant_session
from core.keys import keyring
from core.models import AuditEvent, AuditHead
from core.settings import Settings
from tests.conftest import run_smm


def _verify(tid: uuid.UUID, env: dict[str, str] | None = None) -> tuple[int, dict[str, object]]:
    proc = run_smm("audit", "verify", "--tenant", str(tid), "--json", env=env)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def _head(engine: Engine, tid: uuid.UUID) -> tuple[int, str]:
    with tenant_session(engine, tid) as s:
        head = s.query(AuditHead).one()
        return head.last_seq, head.last_hash


def _call_append(engine: Engine, scope: uuid.UUID, *, tenant: uuid.UUID | None = None, key: bytes,
                 key_id: str = "k1", mac: str | None = None) -> uuid.UUID:
    """Call smm_append_audit directly as the app role, the way a holder of its credentials could."""
    tid = tenant or scope
    eid, at = uuid.uuid4(), datetime.now(UTC)
    payload = {"approver": "mallory"}
    content = event_content(tenant_id=tid, event_id=eid, occurred_at=at, actor="mallory",
                            action="campaign.approved", resource_type="campaign", resource_id="c-1",
                            payload=payload)
    with tenant_session(engine, scope) as s:
        s.execute(text("SELECT smm_append_audit(:id, :tid, :at, :actor, :action, :rt, :rid, "
                       "CAST(:p AS jsonb), :kid, :mac)"),
                  {"id": eid, "tid": tid, "at": at, "actor": "mallory", "action": "campaign.approved",
                   "rt": "campaign", "rid": "c-1", "p": json.dumps(payload), "kid": key_id,
                   "mac": mac if mac is not None else event_mac(key, content)})
    return eid


# --------------------------------------------------------------------------- privileges


@pytest.mark.parametrize("stmt", [
    "INSERT INTO audit_events (id, tenant_id, seq, occurred_at, actor, action, resource_type, payload, "
    "prev_hash, hash) VALUES (gen_random_uuid(), :tid, 99, now(), 'm', 'campaign.approved', 'campaign', "
    "'{}', repeat('0', 64), repeat('0', 64))",
    "INSERT INTO audit_heads (id, tenant_id, last_seq, last_hash) VALUES (gen_random_uuid(), :tid, 0, 'x')",
    "UPDATE audit_heads SET last_seq = last_seq + 1 WHERE tenant_id = :tid",
    "DELETE FROM audit_heads WHERE tenant_id = :tid",
])
def test_app_role_cannot_write_events_or_heads_directly(
    engine: Engine, make_tenant: Callable[[], uuid.UUID], stmt: str
) -> None:
    tid = make_tenant()
    before = _head(engine, tid)
    with pytest.raises(DBAPIError, match="permission denied"), tenant_session(engine, tid) as s:
        s.execute(text(stmt), {"tid": tid})
    assert _head(engine, tid) == before


def test_append_function_is_locked_down(superuser_dsn: str, settings: Settings) -> None:
    with psycopg.connect(superuser_dsn) as conn:
        row = conn.execute(
            "SELECT p.prosecdef, pg_get_userbyid(p.proowner), p.proconfig, "
            "ARRAY(SELECT coalesce(pg_get_userbyid(NULLIF(a.grantee, 0)), 'PUBLIC') "
            "      FROM aclexplode(p.proacl) a WHERE a.privilege_type = 'EXECUTE') "
            "FROM pg_proc p WHERE p.proname = 'smm_append_audit'").fetchone()
    assert row is not None
    secdef, owner, config, executors = row
    assert secdef is True and owner == settings.owner_role
    assert any(c.startswith("search_path=") for c in config)
    assert set(executors) == {settings.owner_role, settings.app_role}, "PUBLIC must not execute it"


def test_function_refuses_another_tenant_and_no_tenant(engine: Engine, make_tenant: Callable[[], uuid.UUID],
                                                       settings: Settings) -> None:
    attacker, victim = make_tenant(), make_tenant()
    before = _head(engine, victim)
    key = keyring(settings).derive("audit-mac")
    with pytest.raises(DBAPIError, match="outside the transaction's tenant scope"):
        _call_append(engine, attacker, tenant=victim, key=key)
    with pytest.raises(DBAPIError, match=r"app\.tenant_id is not set"), engine.begin() as conn:
        conn.execute(text("SELECT smm_append_audit(gen_random_uuid(), :v, now(), 'm', 'a', 'r', NULL, '{}', "
                          "'k1', repeat('a', 64))"), {"v": victim})
    with pytest.raises(DBAPIError, match="64 lowercase hex"):
        _call_append(engine, attacker, key=key, mac="not-a-mac")
    assert _head(engine, victim) == before
    assert verify_tenant_ok(engine, attacker)


def verify_tenant_ok(engine: Engine, tid: uuid.UUID) -> bool:
    with tenant_session(engine, tid) as s:
        return verify_tenant(s, tid).ok


# --------------------------------------------------------------------------- forged MACs


def test_event_with_wrong_key_mac_fails_verify(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    """The probe's forgery: a well-formed "campaign.approved" appended as the app role, MAC'd without the key."""
    tid = make_tenant()
    with tenant_session(engine, tid) as s:
        record_event(s, tid, actor="ann", action="campaign.created", resource_type="campaign", resource_id="c-1")
    forged = _call_append(engine, tid, key=secrets.token_bytes(32))
    with tenant_session(engine, tid) as s:
        row = s.get(AuditEvent, forged)
        assert row is not None and row.seq == 3 and row.mac is not None
        # The chain hash is right (the database computed it): only the MAC gives the forgery away.
        assert row.hash == mac_chain_hash(row.prev_hash, row.mac)
    code, out = _verify(tid)
    assert code == 1 and out["ok"] is False
    assert out["first_bad_id"] == str(forged) and out["first_bad_seq"] == 3
    assert "MAC mismatch" in str(out["reason"])
    # Later writes still go through, and the forged row stays the one named.
    with tenant_session(engine, tid) as s:
        later = record_event(s, tid, actor="ann", action="after", resource_type="x")
    assert later.seq == 4
    code, out = _verify(tid)
    assert code == 1 and out["first_bad_id"] == str(forged)


def test_event_with_real_key_through_function_verifies(engine: Engine, make_tenant: Callable[[], uuid.UUID],
                                                        settings: Settings) -> None:
    # Control for the test above: the same call with the server's key is a valid event.
    tid = make_tenant()
    _call_append(engine, tid, key=keyring(settings).derive("audit-mac"), key_id=keyring(settings).current_id)
    code, out = _verify(tid)
    assert code == 0 and out["events"] == 2, out


# --------------------------------------------------------------------------- planted rows


def _plant(superuser_dsn: str, tid: uuid.UUID, seq: int, prev: str, *, hash_: str,
           mac: str | None = None, key: bytes | None = None) -> uuid.UUID:
    """A superuser inserts a row past the head, bypassing smm_append_audit (``key``: MAC it for real)."""
    eid, at = uuid.uuid4(), datetime.now(UTC)
    if key is not None:
        mac = event_mac(key, event_content(tenant_id=tid, event_id=eid, occurred_at=at, actor="mallory",
                                           action="campaign.approved", resource_type="campaign",
                                           resource_id=None, payload={}))
    with psycopg.connect(superuser_dsn) as conn:
        conn.execute(
            "INSERT INTO audit_events (id, tenant_id, seq, occurred_at, actor, action, resource_type, payload, "
            "prev_hash, hash, mac, key_id) VALUES (%s, %s, %s, %s, 'mallory', 'campaign.approved', "
            "'campaign', '{}', %s, %s, %s, %s)",
            (eid, tid, seq, at, prev, hash_, mac, None if mac is None else "k1"))
    return eid


@pytest.mark.parametrize(("kind", "reason"), [
    ("fake-mac", "MAC mismatch"),
    ("odd-mac", "MAC mismatch"),
    ("no-mac", "unauthenticated row"),
    ("bad-hash", "hash mismatch"),
])
def test_planted_row_at_next_seq_does_not_block_writes(
    engine: Engine, make_tenant: Callable[[], uuid.UUID], superuser_dsn: str, settings: Settings,
    kind: str, reason: str,
) -> None:
    tid = make_tenant()
    seq, prev = _head(engine, tid)
    if kind == "fake-mac":  # correctly chained, MAC guessed
        mac = hashlib.sha256(b"guess").hexdigest()
        planted = _plant(superuser_dsn, tid, seq + 1, prev, mac=mac, hash_=mac_chain_hash(prev, mac))
    elif kind == "odd-mac":  # not even hex: verify must report it, not crash
        planted = _plant(superuser_dsn, tid, seq + 1, prev, mac="é" * 64, hash_=mac_chain_hash(prev, "é" * 64))
    elif kind == "no-mac":
        planted = _plant(superuser_dsn, tid, seq + 1, prev, hash_="f" * 64)
    else:  # a genuine MAC (as if the key leaked) but a chain hash that does not cover it
        planted = _plant(superuser_dsn, tid, seq + 1, prev, hash_="e" * 64, key=keyring(settings).derive("audit-mac"))

    with tenant_session(engine, tid) as s:
        event = record_event(s, tid, actor="ann", action="after.plant", resource_type="x")
    assert event.seq == seq + 2
    assert _head(engine, tid)[0] == seq + 2
    code, out = _verify(tid)
    assert code == 1 and out["first_bad_id"] == str(planted) and out["first_bad_seq"] == seq + 1, out
    assert reason in str(out["reason"]), out


def test_chain_hash_is_checked_even_with_a_valid_mac(
    engine: Engine, make_tenant: Callable[[], uuid.UUID], superuser_dsn: str
) -> None:
    tid = make_tenant()
    with tenant_session(engine, tid) as s:
        record_event(s, tid, actor="ann", action="one", resource_type="x")
    with psycopg.connect(superuser_dsn) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("UPDATE audit_events SET hash = repeat('a', 64) WHERE tenant_id = %s AND seq = 2", (tid,))
    code, out = _verify(tid)
    assert code == 1 and out["first_bad_seq"] == 2 and "hash mismatch" in str(out["reason"])


def test_concurrent_appends_stay_one_chain(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()

    def append(i: int) -> int:
        with tenant_session(engine, tid) as s:
            return record_event(s, tid, actor="t", action="race", resource_type="x", payload={"i": i}).seq

    with ThreadPoolExecutor(max_workers=4) as pool:
        seqs = list(pool.map(append, range(40)))
    assert sorted(seqs) == list(range(2, 42))
    code, out = _verify(tid)
    assert code == 0 and out["events"] == 41


# --------------------------------------------------------------------------- key rotation


def test_key_rotation_keeps_old_events_verifiable(
    engine: Engine, make_tenant: Callable[[], uuid.UUID], settings: Settings
) -> None:
    tid = make_tenant()  # event 1 under the current key k1
    with tenant_session(engine, tid) as s:
        record_event(s, tid, actor="ann", action="before.rotation", resource_type="x")
    assert settings.secret_key_id == "k1"
    old_master = keyring(settings).masters["k1"].decode()
    new_master = secrets.token_urlsafe(40)
    rotated = Settings(secret_key=SecretStr(new_master), secret_key_id="k2",
                       old_secret_keys={"k1": SecretStr(old_master)})
    with tenant_session(engine, tid) as s:
        after = record_event(s, tid, actor="ann", action="after.rotation", resource_type="x",
                             keys=keyring(rotated))
    assert after.key_id == "k2"

    rotated_env = {"SMM_SECRET_KEY": new_master, "SMM_SECRET_KEY_ID": "k2",
                   "SMM_OLD_SECRET_KEYS": json.dumps({"k1": old_master})}
    code, out = _verify(tid, rotated_env)
    assert code == 0 and out["events"] == 3, out

    # The retired key dropped: its events no longer verify, and the first of them is named.
    code, out = _verify(tid, {**rotated_env, "SMM_OLD_SECRET_KEYS": "{}"})
    assert code == 1 and out["first_bad_seq"] == 1 and "unknown key id 'k1'" in str(out["reason"]), out
    # The old installation (k1 only) cannot verify the k2 event either.
    code, out = _verify(tid)
    assert code == 1 and out["first_bad_seq"] == 3 and "unknown key id 'k2'" in str(out["reason"]), out
    # The wrong secret under the right id is a MAC mismatch, not a pass.
    wrong = {**rotated_env, "SMM_OLD_SECRET_KEYS": json.dumps({"k1": secrets.token_urlsafe(40)})}
    code, out = _verify(tid, wrong)
    assert code == 1 and out["first_bad_seq"] == 1 and "MAC mismatch" in str(out["reason"]), out
