"""`smm simulate`: run the Monte Carlo simulator on a campaign file and print the decision card."""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from core import cli_support
from core.contracts.simulation import DecisionCard, SimulationInput
from core.db import parse_tenant_id
from simulator.card import build_decision_card, canonical_json, card_lines, deterministic_run_id
from simulator.engine import MAX_ITERATIONS, SimulationResult, simulate

EXIT_BAD_INPUT = 2


def format_validation_error(exc: ValidationError) -> str:
    """One line per problem, each naming the field path (e.g. posts.3.channel)."""
    lines = []
    for err in exc.errors():
        loc = ".".join(str(part) for part in err["loc"]) or "campaign"
        lines.append(f"{loc}: {err['msg']}")
    return "\n".join(lines)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=EXIT_BAD_INPUT)


def load_campaign(path: Path) -> SimulationInput:
    """Read and validate a campaign JSON file (raises ValidationError / OSError / ValueError)."""
    raw = path.read_text(encoding="utf-8")
    # Python's json accepts NaN/Infinity literals; refuse them here so they cannot reach a card.
    data = json.loads(raw, parse_constant=_reject_constant)
    return SimulationInput.model_validate(data)


def _reject_constant(name: str) -> float:
    raise ValueError(f"non-finite number {name} is not allowed")


def simulate_command(
    campaign: Annotated[Path, typer.Option("--campaign", help="campaign JSON file (SimulationInput)")],
    seed: Annotated[int, typer.Option("--seed", min=0, max=2**63 - 1, help="random seed")],
    iterations: Annotated[
        int | None,
        typer.Option("--iterations", min=2, max=MAX_ITERATIONS, help="fixed iteration count (default: adaptive)"),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="worker processes")] = 1,
    tenant: Annotated[
        str | None, typer.Option("--tenant", help="tenant id: store the run and card (and audit them) under it",
                                 callback=cli_support.uuid_text)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the decision card as one JSON document")] = False,
) -> None:
    """Simulate a campaign and print its decision card (stored when --tenant is given)."""
    try:
        inp = load_campaign(campaign)
    except ValidationError as exc:
        raise _fail(f"invalid campaign {campaign}:\n{format_validation_error(exc)}") from None
    except OSError as exc:
        raise _fail(f"cannot read campaign {campaign}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise _fail(f"campaign {campaign} is not valid JSON: {exc}") from None
    print(f"simulating {len(inp.posts)} posts, seed {seed}", file=sys.stderr)
    tenant_id = parse_tenant_id(tenant) if tenant is not None else None
    result = simulate(inp, seed, iterations, workers=workers)
    # Per-tenant run ids: the same inputs and seed in two tenants must not share a primary key.
    run_id = deterministic_run_id(inp, seed, result.iterations, namespace=str(tenant_id) if tenant_id else None)
    card = build_decision_card(inp, result, simulation_run_id=run_id)
    if tenant_id is not None:
        store_card(tenant_id, inp, result, card)
    if as_json:
        typer.echo(canonical_json(card))
    else:
        for line in card_lines(card):
            typer.echo(line)


def store_card(tenant_id: uuid.UUID, inp: SimulationInput, result: SimulationResult, card: DecisionCard) -> None:
    """Persist the run and card in one tenant transaction, with an audit event."""
    from core.audit import record_event
    from core.db import app_engine, tenant_session
    from core.settings import get_settings
    from simulator.card import card_sha256
    from simulator.store import save_run_and_card

    with tenant_session(app_engine(get_settings()), tenant_id) as session:
        run_id, card_id = save_run_and_card(session, tenant_id, inp, result, card)
        record_event(session, tenant_id, actor="cli", action="decision_card.created", resource_type="decision_card",
                     resource_id=card_id, payload={"simulation_run_id": str(run_id), "seed": card.seed,
                                                   "card_sha256": card_sha256(card)})
    print(f"stored simulation run {run_id} and decision card {card_id}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    """Add the top-level `simulate` command to the smm Typer app."""
    app.command("simulate")(simulate_command)
