"""The main job, end to end on one machine: a brand URL in, a decision card out (and, approved, a launch).

services up → migrate → demo tenant and marketer → serve a fixture brand site on loopback → campaign
workflow on Temporal (policy gate, research graph, plan, create, legal review, simulate) → the card.
With ``--approve``: the marketer's contract card goes live, the channels are connected to the loopback
sandbox platform, the demo approver approves, and the publisher launches canary → watch → full.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import sys
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from core.db import app_engine, parse_tenant_id, tenant_session
from core.errors import NotFound
from core.identity import create_api_key, create_tenant, get_tenant
from core.migrate import migrate
from core.services import services_up
from core.settings import Settings, get_settings

DEMO_FILE = "demo.json"
DEMO_SITE = "northpeak-coffee"
DEMO_SEED = 42


APPROVER_KEY_FILE = "demo-approver.key"


def demo_identity(settings: Settings) -> dict[str, str]:
    """The demo tenant, its marketer and a separate approver (four-eyes), created once per data home.

    Ids are remembered in ``demo.json``; the approver's API key in ``demo-approver.key`` (0600), so the
    command the demo prints for the approver works as printed.
    """
    engine = app_engine(settings)
    path = settings.home_dir / DEMO_FILE
    key_path = settings.home_dir / APPROVER_KEY_FILE
    if path.exists() and key_path.exists():
        data = json.loads(path.read_text())
        tid = parse_tenant_id(data["tenant_id"])
        try:
            with tenant_session(engine, tid) as session:
                get_tenant(session, tid)
            if "approver_id" in data:
                return {k: str(v) for k, v in data.items()}
        except NotFound:
            pass  # the database was reset: start over
    tenant = create_tenant(engine, f"demo-{uuid.uuid4().hex[:8]}")
    marketer = create_api_key(engine, tenant.id, "marketer", email="marketer@demo.invalid", name="demo")
    approver = create_api_key(engine, tenant.id, "approver", email="approver@demo.invalid", name="demo")
    key_path.unlink(missing_ok=True)
    with os.fdopen(os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as fh:
        fh.write(approver.key + "\n")
    data = {"tenant_id": str(tenant.id), "tenant_name": tenant.name, "marketer_id": str(marketer.user_id),
            "approver_id": str(approver.user_id)}
    path.write_text(json.dumps(data))
    return data


async def _campaign(settings: Settings, req: Any, approve: bool, progress: Callable[[str], None],
                    go_live: Callable[[str], dict[str, str]] | None = None) -> dict[str, Any]:
    from workflows.decisions import decide_campaign, principal_from_key
    from workflows.runner import run_campaign
    from workflows.worker import connect, make_worker, register_dependencies

    client = await connect(settings)
    register_dependencies(settings)
    async with make_worker(client, settings.task_queue):
        result = await run_campaign(settings, req, inline_worker=False, progress=progress)
        if not approve or result.get("status") != "awaiting_approval":
            return result
        if go_live is not None:
            progress("5/7 the contract card goes live; channels connected to the sandbox platform")
            result["accounts"] = await asyncio.to_thread(go_live, result["campaign_id"])
        progress("6/7 approve as the demo approver (a different user from the requester)")
        key = (settings.home_dir / APPROVER_KEY_FILE).read_text().strip()
        outcome = await decide_campaign(settings, principal_from_key(settings, key), result["campaign_id"],
                                        "approve", comment="demo approval", card_sha256=result["card_sha256"])
        result["approval"] = dataclasses.asdict(outcome)
        if outcome.accepted:
            progress("7/7 launch: canary, watch, full, watch (to the sandbox platform on loopback)")
            final = await asyncio.wait_for(client.get_workflow_handle(result["workflow_id"]).result(), 600)
            result["status"] = final["status"]
            result["launch"] = final.get("launch")
        return result


def _go_live(settings: Settings, sb: Any, who: dict[str, str], campaign_id: str) -> dict[str, str]:
    """The marketer's side of going live: contract card in live mode, channels connected (sandbox accounts)."""
    from agents.publisher.accounts import set_launch_mode
    from agents.publisher.sandbox.connect import connect_tenant
    from core.models import Campaign, Workspace

    engine = app_engine(settings)
    with tenant_session(engine, parse_tenant_id(who["tenant_id"])) as session:
        camp = session.get(Campaign, uuid.UUID(campaign_id))
        ws = session.get(Workspace, camp.workspace_id) if camp is not None else None
        channels = [c["channel"] for c in (ws.contract_card or {}).get("channels", [])] if ws is not None else []
    accounts = connect_tenant(sb, engine, settings, who["tenant_id"], channels)
    set_launch_mode(engine, who["tenant_id"], campaign_id, "live", who["marketer_id"])
    return accounts


def ledger_table(rows: list[dict[str, Any]], *, title: str) -> str:
    """The launch's ledger as a readable table (post, channel, stage, state, platform id)."""
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in ("post", "channel", "stage", "state", "platform id", "note"):
        table.add_column(column)
    for r in rows:
        note = r["reason"] if r["reason"] and r["state"] not in ("published", "reconciled") else ""
        table.add_row(r["post_variant_id"][:8], r["channel"], r["stage"], r["state"], r["platform_post_id"] or "-",
                      (note or "")[:70])
    out = io.StringIO()
    Console(file=out, width=140, no_color=True).print(table)
    return out.getvalue().rstrip()


def run_demo(progress: Callable[[str], None], *, approve: bool = False) -> dict[str, Any]:
    """Run the whole pipeline once (and, with ``approve``, the approver's decision); returns a summary."""

    # The demo brand site is a fixture on loopback: a development-only installation setting allows it.
    os.environ["SMM_CRAWL_ALLOW_PRIVATE"] = "true"
    with ExitStack() as stack:
        sb = None
        if approve:
            # The launch goes to the sandbox platform on loopback (it speaks X, LinkedIn and Meta's APIs),
            # watched for seconds instead of the production minutes unless the caller set the windows.
            from agents.publisher.sandbox import serve_sandbox
            from agents.publisher.sandbox.connect import sandbox_settings

            sb = stack.enter_context(serve_sandbox(seed=DEMO_SEED))
            for name, value in sandbox_settings(get_settings(), sb).items():
                os.environ[f"SMM_{name.upper()}"] = str(value)
            for name, value in DEMO_WATCH.items():
                os.environ.setdefault(f"SMM_{name.upper()}", str(value))
        get_settings.cache_clear()
        return _run(get_settings(), progress, approve, sb)


#: The demo's launch watch: canary and full windows and polling, in seconds.
DEMO_WATCH = {"canary_window_s": 3.0, "full_window_s": 1.0, "monitor_poll_s": 0.5}


def _run(settings: Settings, progress: Callable[[str], None], approve: bool, sb: Any) -> dict[str, Any]:
    from core.contracts.simulation import DecisionCard
    from fixtures.server import serve_site
    from simulator.card import card_table
    from workflows.activities import CampaignRequest

    n = 7 if approve else 4
    progress(f"1/{n} services up (embedded Postgres + pgvector, Temporal dev server)")
    status = services_up(settings)
    progress(f"2/{n} migrate")
    revision = migrate(settings)
    progress(f"3/{n} demo tenant, marketer and approver")
    who = demo_identity(settings)
    progress(f"4/{n} campaign for the fixture brand '{DEMO_SITE}' (served on loopback) through Temporal")
    with serve_site(DEMO_SITE) as base:
        req = CampaignRequest(tenant_id=who["tenant_id"], brand_url=base + "/", request_id=uuid.uuid4().hex,
                              name="Demo launch", requested_by=who["marketer_id"], seed=DEMO_SEED,
                              start_date="2026-12-01")
        result = asyncio.run(_campaign(settings, req, approve, progress,
                                       go_live=(lambda cid: _go_live(settings, sb, who, cid)) if sb else None))
    lines = [f"tenant {who['tenant_name']} ({who['tenant_id']}), schema {revision['to']}"]
    if result.get("decision_card"):
        lines.append(card_table(DecisionCard.model_validate(result["decision_card"]),
                                title=f"Decision card for campaign {result.get('campaign_id')}"))
    status_line = f"campaign {result.get('campaign_id')}: {result.get('status')}"
    if result.get("status") == "awaiting_approval":
        key_file = settings.home_dir / APPROVER_KEY_FILE
        lines += [status_line, "nothing was published: the card waits for a human approval (shadow mode). "
                  "The approver runs next:",
                  f"  SMM_ENV=development SMM_HOME={settings.home_dir} {sys.argv[0]} campaign approve "
                  f"{result.get('campaign_id')} --key-file {key_file}",
                  "  (or `reject` / `request-changes --comment ...`; `make demo` with `smm demo --approve` does it)"]
    elif result.get("approval"):
        approval = result["approval"]
        verdict = "accepted" if approval["accepted"] else f"refused: {approval['reason']}"
        lines.append(f"approval by the demo approver: {verdict}")
        if approval["accepted"]:
            from agents.publisher import ledger
            from agents.publisher.sending import describe

            rows = [describe(r) for r in ledger.rows_of(app_engine(settings), who["tenant_id"],
                                                        str(result["campaign_id"]))]
            result["ledger"] = rows
            lines.append(ledger_table(rows, title=f"Publish ledger of campaign {result.get('campaign_id')}"))
            launch = result.get("launch") or {}
            lines.append(f"launch: {launch.get('message')}" + (f" (trigger: {launch['trigger']})"
                                                              if launch.get("trigger") else ""))
            if sb is not None:
                stats = sb.stats()
                result["sandbox"] = {"live_posts": sum(stats["stored"].values()),
                                     "requests": stats["requests_total"], "duplicates": len(stats["duplicates"])}
                lines.append(f"sandbox platform: {result['sandbox']['live_posts']} posts live, "
                             f"{result['sandbox']['requests']} API requests, "
                             f"{result['sandbox']['duplicates']} duplicates")
        lines.append(status_line)
    else:
        lines.append(status_line + ": " + "; ".join(str(r) for r in result.get("reasons") or [result.get("message")]))
    return {"services": status, "schema": revision, "tenant": who, "campaign": result, "summary": "\n".join(lines)}
