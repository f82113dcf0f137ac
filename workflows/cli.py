"""`smm campaign run URL --tenant ID`: the whole pipeline through Temporal, ending in a decision card."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid
from typing import Annotated

import typer

campaign_app = typer.Typer(no_args_is_help=True, help="Campaigns: research → plan → create → legal → simulate.")


@campaign_app.command("run")
def run_command(
    url: Annotated[str, typer.Argument(help="The brand's website")],
    tenant: Annotated[str, typer.Option("--tenant", help="Tenant id")],
    name: Annotated[str, typer.Option("--name")] = "Launch campaign",
    seed: Annotated[int, typer.Option("--seed", min=0)] = 42,
    iterations: Annotated[int | None, typer.Option("--iterations", min=100)] = None,
    posts_per_channel: Annotated[int, typer.Option("--posts-per-channel", min=1, max=20)] = 2,
    requested_by: Annotated[str | None, typer.Option("--requested-by", help="User id of the marketer")] = None,
    embedder: Annotated[str, typer.Option("--embedder")] = "minilm",
    inline_worker: Annotated[bool, typer.Option("--inline-worker/--no-inline-worker",
                                                help="Also serve the shared task queue from this process")] = True,
    request_id: Annotated[str | None, typer.Option(
        "--request-id", help="Id of this request; re-running with the same id attaches to the same run")] = None,
    on_interrupt: Annotated[str, typer.Option(
        "--on-interrupt", help="On Ctrl-C: ask (when interactive), detach or cancel")] = "ask",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Run a campaign and print its decision card (nothing is published: approval comes first).

    Loopback/private brand sites (fixtures) are crawled only when the installation allows them
    (SMM_CRAWL_ALLOW_PRIVATE=true, development only).
    """
    from core.db import parse_tenant_id
    from core.errors import InvalidInput
    from core.settings import get_settings
    from workflows.activities import CampaignRequest
    from workflows.runner import run_campaign, workflow_id_for

    # Every option is checked before the workflow (and its crawl) starts: a usage error, exit 2.
    url, tenant, requested_by = _checked_options(url, tenant, requested_by, embedder, seed, iterations, name)
    parse_tenant_id(tenant)
    if on_interrupt not in ("ask", "detach", "cancel"):
        raise InvalidInput("--on-interrupt must be ask, detach or cancel")
    rid = request_id or uuid.uuid4().hex
    if not rid.replace("-", "").replace("_", "").isalnum() or len(rid) > 100:
        raise InvalidInput("--request-id must be 1-100 letters, digits, '-' or '_'")
    settings = get_settings()
    req = CampaignRequest(tenant_id=tenant, brand_url=url, request_id=rid, name=name, seed=seed,
                          iterations=iterations, posts_per_channel=posts_per_channel, requested_by=requested_by,
                          embedder=embedder)
    wid = workflow_id_for(settings, req)
    # First thing on stderr: what to re-attach to if this process dies.
    print(f"workflow {wid} (request id {rid}; re-run with --request-id {rid} to attach)", file=sys.stderr)
    print(f"running campaign for {url} ...", file=sys.stderr)
    try:
        result = asyncio.run(run_campaign(settings, req, inline_worker=inline_worker,
                                          progress=lambda m: print(m, file=sys.stderr)))
    except KeyboardInterrupt:
        _interrupted(settings, wid, rid, on_interrupt)
        # Exit at once, without interpreter finalisation: the interrupted inline worker can leave an
        # activity thread (the crawl) and Temporal core's native threads running, and finalising under
        # them aborts the process now and then (SIGABRT instead of exit 130). The run itself is durable
        # in Temporal and every database write is transactional, so nothing is lost by not unwinding.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    if as_json:
        print(json.dumps(result, indent=2, sort_keys=True, default=str, allow_nan=False))
    else:
        print(render_result(result))
    if result.get("status") not in ("awaiting_approval", "approved"):
        raise typer.Exit(1)


def _interrupted(settings: object, workflow_id: str, request_id: str, on_interrupt: str) -> None:
    """Ctrl-C: detach (the run goes on, served by any worker) or cancel it."""
    from core.settings import Settings
    from workflows.runner import cancel_campaign

    assert isinstance(settings, Settings)
    choice = on_interrupt
    if choice == "ask":
        choice = "detach"
        if sys.stdin.isatty():
            try:
                answer = input("\ninterrupted: [d]etach (the run goes on) or [c]ancel it? [d] ").strip().lower()
            except (EOFError, KeyboardInterrupt):
                answer = ""
            choice = "cancel" if answer.startswith("c") else "detach"
    if choice == "cancel":
        asyncio.run(cancel_campaign(settings, workflow_id))
        print(f"cancel requested for workflow {workflow_id}", file=sys.stderr)
    else:
        print(f"detached: workflow {workflow_id} goes on, served by any `smm worker`; attach again with "
              f"`smm campaign run ... --request-id {request_id}`", file=sys.stderr)


def _checked_options(url: str, tenant: str, requested_by: str | None, embedder: str, seed: int,
                     iterations: int | None, name: str) -> tuple[str, str, str | None]:
    """Check `campaign run`'s options (typer.BadParameter, a usage error); returns URL and ids normalised."""
    from core import input_checks
    from core.cli_support import usage_error, validated
    from core.settings import get_settings
    from simulator.engine import MAX_ITERATIONS

    url = validated("URL", input_checks.http_url, url)
    tenant = validated("--tenant", input_checks.uuid_text, tenant)
    if requested_by is not None:
        requested_by = validated("--requested-by", input_checks.uuid_text, requested_by)
    validated("--embedder", input_checks.embedder_name, embedder)
    if embedder == "openai" and not get_settings().llm_base_url:
        raise usage_error("the openai embedder needs SMM_LLM_BASE_URL (an OpenAI-compatible endpoint)", "--embedder")
    if seed > 2**63 - 1:  # the run's seed is a BIGINT column
        raise usage_error(f"must be at most {2**63 - 1}", "--seed")
    if iterations is not None and iterations > MAX_ITERATIONS:
        raise usage_error(f"must be at most {MAX_ITERATIONS}", "--iterations")
    if not name.strip() or len(name) > 200:  # campaigns.name is VARCHAR(200)
        raise usage_error("must be 1-200 characters", "--name")
    return url, tenant, requested_by


KeyFile = Annotated[str | None, typer.Option("--key-file", help="File holding your API key (else SMM_API_KEY)")]
Comment = Annotated[str, typer.Option("--comment", help="Why (shown to the requester, kept in the audit log)")]
CardHash = Annotated[str | None, typer.Option("--card-hash", help="Hash of the card you reviewed (default: current)")]
JsonOut = Annotated[bool, typer.Option("--json")]


def _api_key(key_file: str | None) -> str:
    import os
    from pathlib import Path

    from core.errors import InvalidInput

    if key_file:
        try:
            return Path(key_file).read_text().strip()
        except OSError as exc:
            raise InvalidInput(f"--key-file: cannot read {key_file}: {exc.strerror}") from None
    key = os.environ.get("SMM_API_KEY", "").strip()
    if not key:
        raise InvalidInput("prove who you are: set SMM_API_KEY or pass --key-file (a user id is never trusted)")
    return key


def _decide(campaign_id: str, kind: str, comment: str, card_hash: str | None, key_file: str | None,
            as_json: bool, serve: bool = True) -> None:
    from core.settings import get_settings
    from workflows.decisions import decide_campaign, principal_from_key

    settings = get_settings()
    principal = principal_from_key(settings, _api_key(key_file))
    outcome = asyncio.run(decide_campaign(settings, principal, campaign_id, kind, comment=comment,
                                          card_sha256=card_hash, serve=serve))
    data = {"campaign_id": campaign_id, "decision": kind, "accepted": outcome.accepted, "reason": outcome.reason,
            "approval_id": outcome.approval_id, "policy_decision_id": outcome.policy_decision_id,
            "user_id": outcome.user_id}
    if as_json:
        print(json.dumps(data, indent=2, sort_keys=True, allow_nan=False))
    elif outcome.accepted:
        print(f"{kind} recorded for campaign {campaign_id} (approval {outcome.approval_id})")
    if not outcome.accepted:
        print(f"refused: {outcome.reason}", file=sys.stderr)
        raise typer.Exit(2)


@campaign_app.command("approve")
def approve_command(campaign_id: str, comment: Comment = "", card_hash: CardHash = None, key_file: KeyFile = None,
                    as_json: JsonOut = False) -> None:
    """Approve a campaign's decision card (an approver who is not the requester; policy-checked)."""
    _decide(campaign_id, "approve", comment, card_hash, key_file, as_json)


@campaign_app.command("reject")
def reject_command(campaign_id: str, comment: Comment = "", card_hash: CardHash = None, key_file: KeyFile = None,
                   as_json: JsonOut = False) -> None:
    """Reject a campaign: nothing will publish."""
    _decide(campaign_id, "reject", comment, card_hash, key_file, as_json)


@campaign_app.command("request-changes")
def request_changes_command(campaign_id: str, comment: Comment = "", card_hash: CardHash = None,
                            key_file: KeyFile = None, as_json: JsonOut = False) -> None:
    """Send the campaign back to the creative agent with your comment; a new card follows."""
    _decide(campaign_id, "request_changes", comment, card_hash, key_file, as_json)


@campaign_app.command("cancel")
def cancel_command(campaign_id: str, comment: Comment = "", key_file: KeyFile = None, as_json: JsonOut = False) -> None:
    """Cancel a campaign (an admin or its requester)."""
    _decide(campaign_id, "cancel", comment, None, key_file, as_json)


@campaign_app.command("rollback")
def rollback_command(campaign_id: str, comment: Comment = "", key_file: KeyFile = None,
                     as_json: JsonOut = False) -> None:
    """Pull a launch back: halt it and delete every post it published (404 = already gone)."""
    from core.settings import get_settings
    from workflows.decisions import principal_from_key, rollback

    settings = get_settings()
    principal = principal_from_key(settings, _api_key(key_file))
    data = asyncio.run(rollback(settings, principal, campaign_id, comment or "requested by an operator"))
    if as_json:
        print(json.dumps(data, indent=2, sort_keys=True, default=str))
    else:
        print(f"rolled back campaign {campaign_id}: {data['deleted']} deleted, {data['already_gone']} already gone, "
              f"{data['withdrawn']} never sent")
        for row in data["left_live"]:
            what = row["platform_post_id"] or f"a post in state {row.get('state', 'unknown')} (not yet found)"
            print(f"  may still be live: {row['channel']} {what}", file=sys.stderr)
    if data["left_live"]:
        raise typer.Exit(1)


@campaign_app.command("list")
def list_command(tenant: Annotated[str, typer.Option("--tenant", help="Tenant id")], as_json: JsonOut = False) -> None:
    """The tenant's campaigns, newest first."""
    from core.settings import get_settings
    from workflows.decisions import list_campaigns

    rows = list_campaigns(get_settings(), tenant)
    if as_json:
        print(json.dumps(rows, indent=2, sort_keys=True))
        return
    for r in rows:
        print(f"{r['id']}  {r['status']:<18} {r['created_at'][:19]}  {r['name']}")


@campaign_app.command("status")
def status_command(campaign_id: str, tenant: Annotated[str, typer.Option("--tenant", help="Tenant id")],
                   as_json: JsonOut = False) -> None:
    """Status, step, current card and its hash, pending approvers and decisions so far."""
    from core.settings import get_settings
    from workflows.decisions import campaign_status

    data = asyncio.run(campaign_status(get_settings(), tenant, campaign_id))
    if as_json:
        print(json.dumps(data, indent=2, sort_keys=True, default=str))
        return
    print(f"campaign {data['campaign_id']} ({data['name']}): {data['status']}")
    if data.get("card_sha256"):
        print(f"  card {data.get('decision_card_id')} sha256 {data['card_sha256']}, round {data.get('round', 0)}, "
              f"{data.get('pending_approvers', 0)} approver(s) pending")
    for d in data["decisions"]:
        who = "automatic" if d["automatic"] else d["user_id"]
        print(f"  {d['at'][:19]} {d['decision']} by {who}" + (f": {d['comment']}" if d["comment"] else ""))
    if data.get("ended"):
        print(f"  ended at {data['ended'].get('stage')}: {data['ended'].get('reason')}")
    if data.get("publish_halt"):
        print(f"  launch halted: {data['publish_halt']}")
    for row in data.get("ledger") or []:
        print(f"  {row['stage']:<6} {row['channel']:<10} {row['state']:<12} {row['platform_post_id'] or '-'}"
              + (f"  ({row['reason']})" if row["reason"] and row["state"] not in ("published", "shadow") else ""))


def render_result(result: dict[str, object]) -> str:
    """A human-readable summary of a campaign run."""
    status = result.get("status")
    if status != "awaiting_approval" and not result.get("decision_card"):
        reasons = result.get("reasons") or [result.get("message")]
        assert isinstance(reasons, list)
        return f"campaign {status} at {result.get('stage')}: " + "; ".join(str(r) for r in reasons)
    from core.contracts.simulation import DecisionCard
    from simulator.card import card_lines

    card = DecisionCard.model_validate(result["decision_card"])
    head = f"campaign {result.get('campaign_id')} ({status}), workflow {result.get('workflow_id')}"
    lines = [head, *card_lines(card)]
    if status == "awaiting_approval":
        lines.append(f"card sha256 {result.get('card_sha256')}; next, an approver (not the requester) runs:")
        lines.append(f"  smm campaign approve {result.get('campaign_id')} --key-file APPROVER_KEY_FILE "
                     "(or reject / request-changes --comment ...)")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add `smm campaign ...`."""
    app.add_typer(campaign_app, name="campaign")
