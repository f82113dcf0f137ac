"""The main job, end to end on one machine: a brand URL in, a decision card out.

services up → migrate → demo tenant and marketer → serve a fixture brand site on loopback → campaign
workflow on Temporal (policy gate, research graph, plan, create, legal review, simulate) → the card.
"""

from __future__ import annotations

import asyncio
import json
import os
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


def demo_identity(settings: Settings) -> dict[str, str]:
    """The demo tenant and its marketer, created once per data home (remembered in ``demo.json``)."""
    engine = app_engine(settings)
    path = settings.home_dir / DEMO_FILE
    if path.exists():
        data = json.loads(path.read_text())
        tid = parse_tenant_id(data["tenant_id"])
        try:
            with tenant_session(engine, tid) as session:
                get_tenant(session, tid)
            return {k: str(v) for k, v in data.items()}
        except NotFound:
            pass  # the database was reset: start over
    tenant = create_tenant(engine, f"demo-{uuid.uuid4().hex[:8]}")
    marketer = create_api_key(engine, tenant.id, "marketer", email="marketer@demo.invalid", name="demo")
    data = {"tenant_id": str(tenant.id), "tenant_name": tenant.name, "marketer_id": str(marketer.user_id)}
    path.write_text(json.dumps(data))
    return data


def run_demo(progress: Callable[[str], None]) -> dict[str, Any]:
    """Run the whole pipeline once and return the result with a printable summary."""
    from fixtures.server import serve_site
    from workflows.activities import CampaignRequest
    from workflows.cli import render_result
    from workflows.runner import run_campaign

    # The demo brand site is a fixture on loopback: a development-only installation setting allows it.
    os.environ["SMM_CRAWL_ALLOW_PRIVATE"] = "true"
    get_settings.cache_clear()
    settings = get_settings()
    progress("1/4 services up (embedded Postgres + pgvector, Temporal dev server)")
    status = services_up(settings)
    progress("2/4 migrate")
    revision = migrate(settings)
    progress("3/4 demo tenant")
    who = demo_identity(settings)
    progress(f"4/4 campaign for the fixture brand '{DEMO_SITE}' (served on loopback) through Temporal")
    with serve_site(DEMO_SITE) as base:
        req = CampaignRequest(tenant_id=who["tenant_id"], brand_url=base + "/", request_id=uuid.uuid4().hex,
                              name="Demo launch", requested_by=who["marketer_id"], seed=DEMO_SEED,
                              start_date="2026-12-01")
        result = asyncio.run(run_campaign(settings, req, inline_worker=True, progress=progress))
    summary = "\n".join([
        f"tenant {who['tenant_name']} ({who['tenant_id']}), schema {revision['to']}",
        render_result(result),
        "nothing was published: the card waits for a human approval (shadow mode)",
    ])
    return {"services": status, "schema": revision, "tenant": who, "campaign": result, "summary": summary}
