"""Tenants, users and API keys: creation, hashing, authentication and bad input."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

import psycopg
import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.engine import make_url

from core.db import tenant_session
from core.errors import Conflict, InvalidInput, NotFound, Unauthorized
from core.identity import authenticate, create_api_key, create_tenant, hash_key
from core.migrate import alembic_config, heads
from core.models import ApiKey, Tenant
from core.settings import Settings
from tests.conftest import run_smm
from tests.core.test_migrations import scratch_db  # noqa: F401 - fixture, requested by name below


def test_tenant_and_key_round_trip(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    created = create_api_key(engine, tid, "approver", email="ann@acme.test")
    principal = authenticate(engine, created.key)
    assert (principal.tenant_id, principal.role, principal.user_id) == (tid, "approver", created.user_id)
    with tenant_session(engine, tid) as s:
        stored = s.execute(select(ApiKey)).scalars().one()
    assert stored.key_hash == hash_key(created.key)
    assert created.key not in json.dumps({c.name: str(getattr(stored, c.name)) for c in ApiKey.__table__.c})


def test_wrong_or_tampered_keys_are_unauthorized(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    key = create_api_key(engine, tid, "marketer").key
    other = make_tenant()
    forged_tenant = key.replace(tid.hex, other.hex)
    flipped = key[:-1] + ("0" if key[-1] != "0" else "1")
    for bad in ("", "smm_nope", flipped, forged_tenant, key + "x"):
        with pytest.raises(Unauthorized):
            authenticate(engine, bad)


def test_duplicate_tenant_name_is_a_conflict(engine: Engine) -> None:
    name = f"dup-{uuid.uuid4().hex[:8]}"
    create_tenant(engine, name)
    with pytest.raises(Conflict, match="already exists"):
        create_tenant(engine, name)


def test_tenant_names_are_unique_case_insensitively(engine: Engine) -> None:
    base = f"Acme-{uuid.uuid4().hex[:8]}"
    create_tenant(engine, base)
    for variant in (base.lower(), base.upper(), f"  {base.swapcase()} "):
        with pytest.raises(Conflict, match=r"already exists .*case-insensitively"):
            create_tenant(engine, variant)
    proc = run_smm("tenant", "create", base.upper(), "--json")
    assert proc.returncode == 2 and "already exists" in proc.stderr and proc.stdout == ""


def test_email_with_trailing_newline_is_rejected(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    for bad in ("a@b.c\n", "a@b.c\r\n", "a@b.c ", "a@@b.c"):
        with pytest.raises(InvalidInput, match="not an e-mail address"):
            create_api_key(engine, tid, "marketer", email=bad)
    assert create_api_key(engine, tid, "marketer", email="a@b.c").email == "a@b.c"


def test_migration_stops_clearly_on_names_differing_only_in_case(
    request: pytest.FixtureRequest, settings: Settings, db_urls  # type: ignore[no-untyped-def]
) -> None:
    owner_url: str = request.getfixturevalue("scratch_db")
    name = make_url(owner_url).database
    su = make_url(db_urls.admin).set(drivername="postgresql", database=name).render_as_string(hide_password=False)
    owner = create_engine(owner_url)
    try:
        with owner.begin() as conn:
            command.upgrade(alembic_config(settings, conn), "0001")
    finally:
        owner.dispose()
    twin = uuid.uuid4()
    with psycopg.connect(su) as conn:
        conn.execute("INSERT INTO tenants (id, name) VALUES (%s, 'Acme'), (%s, 'ACME')", (uuid.uuid4(), twin))
    env = {"SMM_DATABASE_URL": make_url(db_urls.app).set(database=name).render_as_string(hide_password=False),
           "SMM_DATABASE_OWNER_URL": owner_url}
    proc = run_smm("db", "migrate", "--json", env=env)
    assert proc.returncode == 1 and proc.stdout == "", proc.stderr
    assert "differ only in case" in proc.stderr and "'ACME'" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    with psycopg.connect(su) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        # The look at the names lifted FORCE row security only inside the rolled-back transaction.
        assert conn.execute("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'tenants'").fetchone() == (True,)
        conn.execute("UPDATE tenants SET name = 'Acme 2' WHERE id = %s", (twin,))
    proc = run_smm("db", "migrate", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"from": "0001", "to": heads(settings)[0]}


def test_invalid_inputs(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    with pytest.raises(InvalidInput):
        create_tenant(engine, "   ")
    with pytest.raises(InvalidInput, match="unknown role"):
        create_api_key(engine, make_tenant(), "owner")
    with pytest.raises(InvalidInput, match="not a UUID"):
        create_api_key(engine, "nope", "admin")
    with pytest.raises(NotFound):
        create_api_key(engine, uuid.uuid4(), "admin")


def test_cli_tenant_and_key(engine: Engine) -> None:
    name = f"cli-{uuid.uuid4().hex[:8]}"
    proc = run_smm("tenant", "create", name, "--json")
    assert proc.returncode == 0, proc.stderr
    tenant = json.loads(proc.stdout)
    assert tenant["name"] == name
    again = run_smm("tenant", "create", name, "--json")
    assert again.returncode == 2 and "already exists" in again.stderr and again.stdout == ""

    key = run_smm("key", "create", "--tenant", tenant["id"], "--role", "evaluator", "--json")
    assert key.returncode == 0, key.stderr
    data = json.loads(key.stdout)
    assert data["role"] == "evaluator" and data["key"].startswith("smm_")
    assert authenticate(engine, data["key"]).role == "evaluator"

    bad_role = run_smm("key", "create", "--tenant", tenant["id"], "--role", "root", "--json")
    assert bad_role.returncode == 2 and "unknown role" in bad_role.stderr
    # Nothing half-created: the failed call added no key.
    with tenant_session(engine, uuid.UUID(tenant["id"])) as s:
        assert len(s.execute(select(ApiKey)).scalars().all()) == 1
        assert s.get(Tenant, uuid.UUID(tenant["id"])) is not None


def test_cli_rejects_malformed_database_url() -> None:
    proc = run_smm("tenant", "create", "x", "--json", env={"SMM_DATABASE_URL": "mysql://u@h/db"})
    assert proc.returncode == 2 and "postgresql" in proc.stderr and proc.stdout == ""
    proc = run_smm("tenant", "create", "x", "--json", env={"SMM_DATABASE_URL": "::not a url::"})
    assert proc.returncode == 2 and "not a database URL" in proc.stderr
