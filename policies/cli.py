"""`smm policy test|eval`: register(app) adds the `policy` sub-command group."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from core import cli_support
from policies.bundle import BundleError


def _emit(doc: Any) -> None:
    sys.stdout.write(cli_support.to_json(doc) + "\n")


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN/Infinity literals; no policy input may carry them.
    raise ValueError(f"non-finite number {name} is not allowed")


def register(app: typer.Typer) -> None:
    policy = typer.Typer(help="Policy bundle: run Rego tests, evaluate queries.", no_args_is_help=True)

    @policy.command("test")
    def test_cmd(
        coverage: Annotated[bool, typer.Option("--coverage", help="Report line coverage of policy files.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
        min_coverage: Annotated[float, typer.Option("--min-coverage", help="Fail below this %.",
                                                    callback=cli_support.finite)] = 95.0,
        bundle: Annotated[Path | None, typer.Option("--bundle", help="Bundle directory.")] = None,
        engine: Annotated[Literal["regorus", "opa"], typer.Option(
            "--engine", help="regorus, or real OPA in-process (needs the test dependency "
                             "opa-golib-python-bindings, installed by the Makefile).")] = "regorus",
    ) -> None:
        """Run every test_* rule in *_test.rego; exit 1 on failure or low coverage."""
        from policies.testing import run_tests

        if engine == "opa" and importlib.util.find_spec("opa_bindings") is None:
            typer.echo("error: --engine opa needs opa-golib-python-bindings (make setup installs it)", err=True)
            raise typer.Exit(2)
        report = run_tests(bundle, engine=engine)
        ok = report.passed and (not coverage or report.coverage_percent >= min_coverage)
        if as_json:
            doc = report.to_dict()
            doc["min_coverage"] = min_coverage if coverage else None
            doc["ok"] = ok
            _emit(doc)
        else:
            for err in report.errors:
                typer.echo(f"ERROR {err}", err=True)
            for res in report.failed:
                typer.echo(f"FAIL {res.name} ({res.file}): {res.error}", err=True)
            typer.echo(f"{len(report.results) - len(report.failed)}/{len(report.results)} tests passed")
            if coverage:
                for f in report.files:
                    typer.echo(f"  {f.path:24} {f.percent:6.2f} %  not covered: {f.not_covered}")
                typer.echo(f"coverage {report.coverage_percent:.2f} % (minimum {min_coverage} %)")
        raise typer.Exit(0 if ok else 1)

    @policy.command("eval")
    def eval_cmd(
        query: Annotated[str, typer.Argument(help="e.g. main, budget, data.smm.main.decision", metavar="QUERY")],
        input_file: Annotated[Path, typer.Option("--input", "-i", help="JSON input document ('-' for stdin).")],
        as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
        engine: Annotated[Literal["embedded", "opa"], typer.Option("--engine", help="Policy engine.")] = "embedded",
        opa_url: Annotated[str | None, typer.Option("--opa-url", envvar="SMM_OPA_URL")] = None,
        record: Annotated[
            bool, typer.Option("--record", help="Store the decision (policy_decisions + audit log) in the "
                                                "tenant named by input.resource.tenant_id")
        ] = False,
    ) -> None:
        """Evaluate QUERY against an input document; exit 0 allow, 1 deny, 2 bad input."""
        from policies.gate import PolicyGate

        try:
            raw = sys.stdin.read() if str(input_file) == "-" else input_file.read_text(encoding="utf-8")
            doc = json.loads(raw, parse_constant=_reject_constant)
        except (OSError, ValueError) as exc:  # JSONDecodeError and non-finite numbers are ValueErrors
            typer.echo(f"error: cannot read input {input_file}: {exc}", err=True)
            raise typer.Exit(2) from exc
        if not isinstance(doc, dict):
            typer.echo("error: input must be a JSON object", err=True)
            raise typer.Exit(2)
        try:
            gate = PolicyGate(engine, opa_url=opa_url)
        except (BundleError, ValueError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        if record:
            decision = _evaluate_recorded(gate, query, doc)
        else:
            decision = gate.evaluate(query, doc)
        if as_json:
            _emit(decision.model_dump(mode="json"))
        else:
            typer.echo(("ALLOW" if decision.allow else "DENY") + f"  {decision.query}  ({decision.decision_id})")
            for label, items in (
                ("deny", decision.deny),
                ("warn", decision.warnings),
                ("oblige", decision.obligations),
            ):
                for item in items:
                    typer.echo(f"  {label}: {item}")
        raise typer.Exit(0 if decision.allow else 1)

    app.add_typer(policy, name="policy")


def _evaluate_recorded(gate: Any, query: str, doc: dict[str, Any]) -> Any:
    """Evaluate inside the input's tenant transaction, with the decision stored (or a deny if it cannot be)."""
    from core.db import app_engine, parse_tenant_id
    from core.settings import get_settings
    from policies.decide import decide

    resource = doc.get("resource")
    tenant = resource.get("tenant_id") if isinstance(resource, dict) else None
    if not isinstance(tenant, str):
        typer.echo("error: --record needs input.resource.tenant_id", err=True)
        raise typer.Exit(2)
    settings = get_settings()
    return decide(app_engine(settings), settings, parse_tenant_id(tenant), query, doc, engine=gate.engine)
