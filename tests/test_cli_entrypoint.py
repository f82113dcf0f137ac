"""The real `smm` console script: bad input is a usage error (exit 2, no traceback), checked before any work.

Most cases run the installed entry point in a subprocess (tests.conftest.run_smm), because the bug they
guard against lived exactly there: CliRunner catches typer's own exceptions, the console script did not.
"""

from __future__ import annotations

import math
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import typer
from pydantic import ValidationError
from sqlalchemy import Engine, select

from agents.crawler import CrawlConfig
from agents.research.config import ResearchConfig
from agents.research.onboarding import OnboardRequest, RequestNotAllowed, check_request
from core import cli as core_cli
from core.cli_support import to_json
from core.contracts.brand import ChannelBudget
from core.db import tenant_session
from core.errors import NotFound
from core.models import BrandTwinRow, PolicyDecisionRow, Workspace
from core.settings import Settings
from fixtures.server import serve_site
from tests.conftest import run_smm

T = str(uuid.uuid4())
URL = "https://brand.example/"
PRODUCTION = {"SMM_ENV": "production", "SMM_SECRET_KEY": "p" * 40, "SMM_CRAWL_ALLOW_PRIVATE": "false"}


@contextmanager
def silent_site() -> Iterator[tuple[str, Callable[[], bool]]]:
    """A loopback URL whose server never answers, and a probe: did anything connect to it?

    The kernel completes connections into the listen backlog without accept(), so any crawl attempt
    is visible afterwards, while nothing is ever served.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        sock.setblocking(False)

        def contacted() -> bool:
            try:
                conn, _ = sock.accept()
            except BlockingIOError:
                return False
            conn.close()
            return True

        yield f"http://127.0.0.1:{sock.getsockname()[1]}/", contacted


def assert_usage_error(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 2, nothing on stdout, a usage line and one reason on stderr, no traceback."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout == "", proc.stdout
    assert "Usage: smm" in proc.stderr and "Error: " in proc.stderr, proc.stderr
    reasons = [line for line in proc.stderr.splitlines() if line.startswith("Error: ")]
    assert len(reasons) == 1, proc.stderr
    for fragment in fragments:
        assert fragment in proc.stderr, proc.stderr


# --------------------------------------------------------------------------- usage errors, no database

USAGE_ERRORS: list[tuple[list[str], str]] = [
    # unknown commands and options
    (["nope"], "No such command 'nope'"),
    (["--bogus"], "No such option: --bogus"),
    (["policy", "nope"], "No such command 'nope'"),
    (["services", "up", "--json=1"], "does not take a value"),
    (["onboard", URL, "--tenant", T, "--colour", "red"], "No such option: --colour"),
    # missing arguments and options
    (["onboard"], "Missing argument 'URL'"),
    (["onboard", URL], "Missing option '--tenant'"),
    (["onboard", URL, "--tenant"], "'--tenant' requires an argument"),
    (["bench"], "Missing argument 'NAME'"),
    (["simulate", "--seed", "1"], "Missing option '--campaign'"),
    (["policy", "eval", "main"], "Missing option '--input'"),
    (["campaign", "run", URL], "Missing option '--tenant'"),
    (["key", "create", "--role", "admin"], "Missing option '--tenant'"),
    (["tenant", "create"], "Missing argument"),
    # values of the wrong type
    (["onboard", URL, "--tenant", T, "--max-pages", "many"], "'--max-pages'"),
    (["onboard", URL, "--tenant", T, "--budget", "lots"], "'--budget'"),
    (["api", "--port", "http"], "'--port'"),
    # values out of range or malformed
    (["onboard", URL, "--tenant", T, "--max-pages", "100000"], "'--max-pages'"),
    (["onboard", URL, "--tenant", T, "--budget", "0"], "greater than 0"),
    (["onboard", URL, "--tenant", "acme"], "not a UUID"),
    (["onboard", "ftp://brand.example/", "--tenant", T], "http:// or https://"),
    (["onboard", "http://", "--tenant", T], "must name a host"),
    (["onboard", "https://user:pw@brand.example/", "--tenant", T], "credentials"),
    (["onboard", "http://brand.example:99999/", "--tenant", T], "not a valid URL"),
    (["onboard", URL, "--tenant", T, "--region", "Europe"], "'--region'"),
    (["bench", "nope"], "unknown benchmark 'nope'"),
    (["simulate", "--campaign", "c.json", "--seed", "-1"], "'--seed'"),
    (["simulate", "--campaign", "c.json", "--seed", "1", "--iterations", "1"], "'--iterations'"),
    (["simulate", "--campaign", "c.json", "--seed", "1", "--tenant", "acme"], "not a UUID"),
    (["policy", "eval", "main", "--input", "in.json", "--engine", "nope"], "'--engine'"),
    (["campaign", "run", URL, "--tenant", T, "--embedder", "nonsense"], "'--embedder'"),
    (["campaign", "run", "file:///etc/passwd", "--tenant", T], "http:// or https://"),
    (["campaign", "run", URL, "--tenant", "acme"], "not a UUID"),
    (["campaign", "run", URL, "--tenant", T, "--requested-by", "bob"], "'--requested-by'"),
    (["campaign", "run", URL, "--tenant", T, "--iterations", "99999999999"], "'--iterations'"),
    (["campaign", "run", URL, "--tenant", T, "--posts-per-channel", "0"], "'--posts-per-channel'"),
    (["campaign", "run", URL, "--tenant", T, "--name", " "], "'--name'"),
    (["key", "create", "--tenant", "acme", "--role", "admin"], "not a UUID"),
    (["key", "create", "--tenant", T, "--role", "owner"], "'--role'"),
    (["audit", "verify", "--tenant", "acme"], "not a UUID"),
    (["api", "--port", "70000"], "'--port'"),
]


@pytest.mark.parametrize(("args", "reason"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_exit_2_with_usage_and_no_traceback(args: list[str], reason: str) -> None:
    assert_usage_error(run_smm(*args, timeout=90), reason)


# --------------------------------------------------------------------------- refused before any network activity

NON_FINITE = ["inf", "-inf", "nan", "1e309"]


@pytest.mark.parametrize("value", NON_FINITE)
def test_non_finite_budget_refused_before_any_crawl(value: str) -> None:
    with silent_site() as (url, contacted):
        started = time.monotonic()
        proc = run_smm("onboard", url, "--tenant", T, "--json", "--allow-private", "--budget", value, timeout=90)
        elapsed = time.monotonic() - started
        assert not contacted(), "the crawl started"
    assert_usage_error(proc, "'--budget'", "finite")
    assert elapsed < 45, elapsed  # interpreter start-up only: a crawl of a silent site would hang on it


@pytest.mark.parametrize("value", ["inf", "nan", "abc"])
def test_bad_min_coverage_refused(value: str) -> None:
    assert_usage_error(run_smm("policy", "test", "--coverage", "--min-coverage", value, timeout=90),
                       "'--min-coverage'")


@pytest.mark.parametrize(("option", "value"), [("--embedder", "nonsense"), ("--workspace", "not-a-uuid"),
                                               ("--max-pages", "0")])
def test_bad_onboard_options_refused_before_crawling(option: str, value: str) -> None:
    with silent_site() as (url, contacted):
        proc = run_smm("onboard", url, "--tenant", T, "--allow-private", option, value, timeout=90)
        assert not contacted(), "the crawl started"
    assert_usage_error(proc, f"'{option}'")


def test_allow_private_refused_in_production() -> None:
    with silent_site() as (url, contacted):
        proc = run_smm("onboard", url, "--tenant", T, "--allow-private", "--embedder", "hashing", env=PRODUCTION,
                       timeout=90)
        assert not contacted(), "the crawl started"
    assert_usage_error(proc, "'--allow-private'", "SMM_ENV=production")


def test_openai_embedder_without_endpoint_refused_before_crawling() -> None:
    with silent_site() as (url, contacted):
        proc = run_smm("onboard", url, "--tenant", T, "--allow-private", "--embedder", "openai", timeout=90)
        assert not contacted(), "the crawl started"
    assert_usage_error(proc, "'--embedder'", "SMM_LLM_BASE_URL")


# --------------------------------------------------------------------------- failures that are not usage errors


def test_policy_input_with_non_finite_number_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text('{"action": "llm.spend", "spend": {"amount": NaN}}')
    proc = run_smm("policy", "eval", "main", "--input", str(path), "--json", timeout=90)
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr, proc.stderr
    assert "non-finite number NaN" in proc.stderr


def test_unexpected_error_is_one_line_without_traceback() -> None:
    # A database that refuses connections: a plain driver exception, not a domain error.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again below, so connections are refused
    dead = f"postgresql://smm@127.0.0.1:{port}/smm"
    proc = run_smm("db", "migrate", env={"SMM_DATABASE_URL": dead, "SMM_DATABASE_OWNER_URL": dead}, timeout=90)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("error: "), proc.stderr


@pytest.fixture
def broken_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """Swap main()'s app for one whose commands fail in the ways main() must map."""
    app = typer.Typer()

    @app.command("boom")
    def boom() -> None:
        raise RuntimeError("the flux capacitor is empty")

    @app.command("invalid")
    def invalid() -> None:
        OnboardRequest(url=URL, tenant_id=T, monthly_budget=math.inf)

    @app.command("missing")
    def missing() -> None:
        raise NotFound("tenant 42 not found")

    monkeypatch.setattr(core_cli, "app", app)


def _main_exit(args: list[str]) -> int:
    with pytest.raises(SystemExit) as exc:
        core_cli.main(args)
    code = exc.value.code
    assert isinstance(code, int)
    return code


@pytest.mark.usefixtures("broken_app")
def test_main_hides_tracebacks_unless_smm_debug(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMM_DEBUG", raising=False)
    assert _main_exit(["boom"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: the flux capacitor is empty") and "Traceback" not in err
    monkeypatch.setenv("SMM_DEBUG", "1")
    assert _main_exit(["boom"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError" in err and "error: the flux capacitor is empty" in err


@pytest.mark.usefixtures("broken_app")
def test_main_maps_domain_and_validation_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert _main_exit(["missing"]) == NotFound.exit_code == 2
    assert capsys.readouterr().err == "error: tenant 42 not found\n"
    assert _main_exit(["invalid"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: invalid OnboardRequest: monthly_budget:") and err.count("\n") == 1, err
    assert "Traceback" not in err and "errors.pydantic.dev" not in err


# --------------------------------------------------------------------------- the models behind the options


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, 0.0, -1.0])
def test_onboard_request_refuses_bad_budgets(bad: float) -> None:
    with pytest.raises(ValidationError, match="monthly_budget"):
        OnboardRequest(url=URL, tenant_id=T, monthly_budget=bad)


@pytest.mark.parametrize(("field", "value"), [("url", "ftp://x/"), ("url", "brand.example"), ("tenant_id", "acme"),
                                              ("workspace_id", "w1"), ("region", "Europe"), ("embedder", "bert"),
                                              ("max_pages", 0), ("max_pages", 10_001), ("surprise", 1)])
def test_onboard_request_refuses_malformed_fields(field: str, value: object) -> None:
    with pytest.raises(ValidationError, match=field):
        OnboardRequest(**{"url": URL, "tenant_id": T, field: value})  # type: ignore[arg-type]


def test_onboard_request_normalises() -> None:
    req = OnboardRequest(url=f"  {URL} ", tenant_id=T.upper(), region="gb", embedder="hashing")
    assert (req.url, req.tenant_id, req.region) == (URL, T, "GB")


def test_check_request_refuses_local_targets_outside_development() -> None:
    req = OnboardRequest(url=URL, tenant_id=T, allow_local_targets=True)
    with pytest.raises(RequestNotAllowed, match="SMM_ENV=production") as exc:
        check_request(Settings(env="production", secret_key="p" * 40, crawl_allow_private=False), req)
    assert exc.value.field == "allow_local_targets" and exc.value.exit_code == 2
    check_request(Settings(env="development"), req)  # development fixtures may use it


def test_models_downstream_refuse_non_finite_numbers() -> None:
    with pytest.raises(ValidationError):
        ChannelBudget(channel="email", budget_cap=math.inf)
    with pytest.raises(ValidationError):
        ResearchConfig(monthly_budget=math.nan)
    with pytest.raises(ValidationError):
        CrawlConfig(timeout_s=math.inf)


def test_json_output_never_contains_infinity_or_nan() -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        to_json({"cap": math.inf})
    assert to_json({"cap": 1.5}, indent=None) == '{"cap": 1.5}'


# --------------------------------------------------------------------------- checks that need the database


def test_unknown_workspace_refused_before_the_gate_and_the_crawl(
    engine: Engine, make_tenant: Callable[[], uuid.UUID]
) -> None:
    tid, other = make_tenant(), make_tenant()
    with tenant_session(engine, other) as s:  # a workspace that exists, in another tenant
        ws = Workspace(tenant_id=other, name="other tenant's brand")
        s.add(ws)
        s.flush()
        foreign = ws.id
    for workspace in (uuid.uuid4(), foreign):
        with silent_site() as (url, contacted):
            proc = run_smm("onboard", url, "--tenant", str(tid), "--workspace", str(workspace), "--allow-private",
                           "--embedder", "hashing", timeout=90)
            assert not contacted(), "the crawl started"
        assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stdout == "", proc.stderr
        assert f"workspace {workspace} not found" in proc.stderr
    with tenant_session(engine, tid) as s:  # refused before the policy gate: no decision recorded
        assert s.execute(select(PolicyDecisionRow)).first() is None


def test_existing_workspace_is_used(engine: Engine, make_tenant: Callable[[], uuid.UUID]) -> None:
    tid = make_tenant()
    with tenant_session(engine, tid) as s:
        ws = Workspace(tenant_id=tid, name="ledgerly")
        s.add(ws)
        s.flush()
        wid = ws.id
    with serve_site("ledgerly") as base:
        proc = run_smm("onboard", base + "/", "--tenant", str(tid), "--workspace", str(wid), "--json",
                       "--allow-private", "--embedder", "hashing", "--budget", "1200", "--region", "gb")
    assert proc.returncode == 0, proc.stderr
    assert "Infinity" not in proc.stdout and "NaN" not in proc.stdout
    with tenant_session(engine, tid) as s:
        twin = s.execute(select(BrandTwinRow)).scalar_one()
        workspace = s.get(Workspace, wid)
    assert twin.workspace_id == wid
    assert workspace is not None and workspace.region == "GB"
    assert sum(workspace.budget_caps.values()) == pytest.approx(1200)
