"""The main job, end to end on one machine: a brand URL in, a decision card out.

services up → migrate → demo tenant and marketer → serve a fixture brand site on loopback → campaign
workflow on Temporal (policy gate, research graph, plan, create, legal review, simulate) → the card.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import sys
import uuid
from collections.abc import Callable
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


async def _campaign(settings: Settings, req: Any, approve: bool, progress: Callable[[str], None]) -> dict[str, Any]:
    from workflows.decisions import decide_campaign, principal_from_key
    from workflows.runner import run_campaign
    from workflows.worker import connect, make_worker, register_dependencies

    client = await connect(settings)
    register_dependencies(settings)
    async with make_worker(client, settings.task_queue):
        result = await run_campaign(settings, req, inline_worker=False, progress=progress)
        if not approve or result.get("status") != "awaiting_approval":
            return result
        progress("5/5 approve as the demo approver (a different user from the requester)")
        key = (settings.home_dir / APPROVER_KEY_FILE).read_text().strip()
        outcome = await decide_campaign(settings, principal_from_key(settings, key), result["campaign_id"],
                                        "approve", comment="demo approval", card_sha256=result["card_sha256"])
        result["approval"] = dataclasses.asdict(outcome)
        if outcome.accepted:
            final = await asyncio.wait_for(client.get_workflow_handle(result["workflow_id"]).result(), 300)
            result["status"] = final["status"]
        return result


def run_demo(progress: Callable[[str], None], *, approve: bool = False) -> dict[str, Any]:
    """Run the whole pipeline once (and, with ``approve``, the approver's decision); returns a summary."""
    from core.contracts.simulation import DecisionCard
    from fixtures.server import serve_site
    from simulator.card import card_table
    from workflows.activities import CampaignRequest

    # The demo brand site is a fixture on loopback: a development-only installation setting allows it.
    os.environ["SMM_CRAWL_ALLOW_PRIVATE"] = "true"
    get_settings.cache_clear()
    settings = get_settings()
    progress("1/4 services up (embedded Postgres + pgvector, Temporal dev server)")
    status = services_up(settings)
    progress("2/4 migrate")
    revision = migrate(settings)
    progress("3/4 demo tenant, marketer and approver")
    who = demo_identity(settings)
    progress(f"4/4 campaign for the fixture brand '{DEMO_SITE}' (served on loopback) through Temporal")
    with serve_site(DEMO_SITE) as base:
        req = CampaignRequest(tenant_id=who["tenant_id"], brand_url=base + "/", request_id=uuid.uuid4().hex,
                              name="Demo launch", requested_by=who["marketer_id"], seed=DEMO_SEED,
                              start_date="2026-12-01")
        result = asyncio.run(_campaign(settings, req, approve, progress))
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
        lines += [f"approval by the demo approver: {verdict}", status_line,
                  "publishing arrives with the publishing issue: approved is the final state for now"]
    else:
        lines.append(status_line + ": " + "; ".join(str(r) for r in result.get("reasons") or [result.get("message")]))
    return {"services": status, "schema": revision, "tenant": who, "campaign": result, "summary": "\n".join(lines)}
