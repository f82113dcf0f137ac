"""Connect a tenant to the sandbox platform: one sandbox account per channel, its token stored encrypted.

This is what an operator does with real OAuth tokens (`store_token`); the demo, evals and tests do it
with the loopback sandbox so that publishing runs end to end without the internet.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine

from agents.publisher.connectors.registry import CHANNELS
from agents.publisher.sandbox.server import SandboxHandle
from agents.publisher.tokens import store_token
from core.db import tenant_session
from core.settings import Settings


def sandbox_settings(settings: Settings, sb: SandboxHandle) -> dict[str, Any]:
    """The settings (environment names without ``SMM_``) that point every connector at the sandbox."""
    return {"x_api_base": sb.url_for("x"), "linkedin_api_base": sb.url_for("linkedin"),
            "meta_graph_base": sb.url_for("facebook"),
            "publish_image_url": f"{sb.base_url}/_sandbox/media/post.jpg"}


def connect_tenant(sb: SandboxHandle, db: Engine, settings: Settings, tenant_id: str,
                   channels: list[str]) -> dict[str, str]:
    """Create a sandbox account per channel that has a connector and store its token; returns account ids."""
    out: dict[str, str] = {}
    with tenant_session(db, uuid.UUID(tenant_id)) as session:
        for channel in sorted(set(channels) & set(CHANNELS)):
            account = sb.create_account(channel)
            store_token(session, settings, tenant_id, channel, token=account.token, account_id=account.account_id,
                        author_urn=account.author_urn)
            out[channel] = account.account_id
    return out
