"""The main job, end to end on one machine."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from core.db import app_engine, parse_tenant_id, tenant_session
from core.errors import NotFound
from core.identity import create_tenant, get_tenant
from core.migrate import migrate
from core.services import services_up
from core.settings import Settings

DEMO_FILE = "demo.json"


def demo_tenant(settings: Settings) -> dict[str, str]:
    """The demo tenant of this data home, created once and remembered in ``$SMM_HOME/demo.json``."""
    engine = app_engine(settings)
    path = settings.home_dir / DEMO_FILE
    if path.exists():
        data = json.loads(path.read_text())
        tid = parse_tenant_id(data["tenant_id"])
        try:
            with tenant_session(engine, tid) as session:
                tenant = get_tenant(session, tid)
            return {"id": str(tenant.id), "name": tenant.name}
        except NotFound:
            pass  # the database was reset: make a new one
    import uuid

    tenant = create_tenant(engine, f"demo-{uuid.uuid4().hex[:8]}")
    path.write_text(json.dumps({"tenant_id": str(tenant.id)}))
    return {"id": str(tenant.id), "name": tenant.name}


def run_demo(settings: Settings, progress: Callable[[str], None]) -> dict[str, Any]:
    """Bring up services, migrate, make a demo tenant, and report."""
    progress("1/3 services up")
    status = services_up(settings)
    progress("2/3 migrate")
    revision = migrate(settings)
    progress("3/3 demo tenant")
    tenant = demo_tenant(settings)
    summary = (f"services: postgres {status['postgres'].get('url')}, temporal {status['temporal'].get('address')}\n"
               f"schema: {revision['to']}\ntenant: {tenant['name']} ({tenant['id']})")
    return {"services": status, "schema": revision, "tenant": tenant, "summary": summary}
