"""`smm connector connect|list` and `smm workspace mode` through the real entry point."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from agents.publisher.tokens import load_token
from core.db import tenant_session
from core.settings import Settings
from tests.conftest import run_smm

TOKEN = "sbx-secret-token-value-0123456789"


def test_connect_stores_the_token_encrypted_and_list_never_shows_it(
        engine: Engine, settings: Settings, make_tenant: Callable[[], uuid.UUID], tmp_path: Path) -> None:
    tid = str(make_tenant())
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    done = run_smm("connector", "connect", "--tenant", tid, "--channel", "x", "--account-id", "1234",
                   "--token-file", str(token_file), "--json")
    assert done.returncode == 0, done.stderr
    assert TOKEN not in done.stdout + done.stderr
    with tenant_session(engine, uuid.UUID(tid)) as s:
        creds = load_token(s, settings, tid, "x")
    assert creds.token == TOKEN and creds.account_id == "1234"
    listed = run_smm("connector", "list", "--tenant", tid, "--json")
    assert listed.returncode == 0, listed.stderr
    assert [d["channel"] for d in json.loads(listed.stdout)] == ["x"] and TOKEN not in listed.stdout


@pytest.mark.parametrize(("args", "reason"), [
    (["--channel", "myspace", "--account-id", "1"], "--channel"),
    (["--channel", "linkedin", "--account-id", "1"], "--author-urn"),
    (["--channel", "x", "--account-id", " "], "--account-id"),
])
def test_connect_bad_input_is_a_usage_error(args: list[str], reason: str, tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN)
    done = run_smm("connector", "connect", "--tenant", str(uuid.uuid4()), *args, "--token-file", str(token_file))
    assert done.returncode == 2 and reason in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_connect_refuses_a_file_that_is_not_one_token(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("two words")
    done = run_smm("connector", "connect", "--tenant", str(uuid.uuid4()), "--channel", "x", "--account-id", "1",
                   "--token-file", str(token_file))
    assert done.returncode == 2 and "--token-file" in done.stderr, done.stderr
    missing = run_smm("connector", "connect", "--tenant", str(uuid.uuid4()), "--channel", "x", "--account-id",
                      "1", "--token-file", str(tmp_path / "absent"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr, missing.stderr


def test_workspace_mode_bad_input_is_a_usage_error(settings: Settings) -> None:
    done = run_smm("workspace", "mode", str(uuid.uuid4()), "sometimes", "--tenant", str(uuid.uuid4()))
    assert done.returncode == 2 and "shadow or live" in done.stderr, done.stderr
    unknown = run_smm("workspace", "mode", str(uuid.uuid4()), "live", "--tenant", str(uuid.uuid4()))
    assert unknown.returncode != 0 and "not found" in unknown.stderr and "Traceback" not in unknown.stderr
