"""A tenant's connected channels: connectors built from its encrypted tokens.

Connector objects are cheap: the breaker, health and HTTP pool of an account live per process in
the connectors package, so every activity posting to one account shares them.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import Engine, select

from agents.publisher.connectors.base import Connector
from agents.publisher.connectors.registry import connector_for
from agents.publisher.tokens import load_token
from core.db import tenant_session
from core.errors import ServiceError
from core.models import ConnectorToken
from core.settings import Settings

log = logging.getLogger(__name__)


def connected_channels(db: Engine, tenant_id: str) -> list[str]:
    """Channels this tenant has a token for."""
    with tenant_session(db, uuid.UUID(tenant_id)) as session:
        return sorted(session.execute(select(ConnectorToken.channel)).scalars())


def open_connectors(db: Engine, settings: Settings, tenant_id: str) -> dict[str, Connector]:
    """One connector per connected channel whose platform is configured (a base URL is set)."""
    out: dict[str, Connector] = {}
    with tenant_session(db, uuid.UUID(tenant_id)) as session:
        for channel in sorted(session.execute(select(ConnectorToken.channel)).scalars()):
            creds = load_token(session, settings, tenant_id, channel)
            if creds.expired():
                log.warning("the %s token of tenant %s has expired: not connected", channel, tenant_id)
                continue
            try:
                out[channel] = connector_for(channel, settings, token=creds.token, account_id=creds.account_id,
                                             author_urn=creds.author_urn)
            except ServiceError as exc:  # no base URL for this platform: it cannot be reached
                log.warning("%s is connected but not configured: %s", channel, exc)
    return out


def set_launch_mode(db: Engine, tenant_id: str, campaign_id: str, mode: str, actor: str) -> None:
    """The marketer's choice on the contract card: ``live`` publishes after approval, ``shadow`` never does."""
    from core.audit import record_event
    from core.errors import InvalidInput, NotFound
    from core.models import Campaign, Workspace

    if mode not in ("shadow", "live"):
        raise InvalidInput(f"mode must be shadow or live, not {mode!r}")
    tid = uuid.UUID(tenant_id)
    with tenant_session(db, tid) as session:
        camp = session.get(Campaign, uuid.UUID(campaign_id))
        if camp is None:
            raise NotFound(f"campaign {campaign_id} not found in this tenant")
        ws = session.get(Workspace, camp.workspace_id, with_for_update=True)
        assert ws is not None  # composite foreign key
        ws.mode = mode
        ws.contract_card = {**(ws.contract_card or {}), "mode": mode}
        record_event(session, tid, actor=actor, action="workspace.mode", resource_type="workspace",
                     resource_id=ws.id, payload={"mode": mode, "campaign_id": campaign_id})
