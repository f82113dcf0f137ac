"""Pull a launch back: halt it, wait for in-flight sends, delete every live post, withdraw the rest.

Idempotent: run again after a crash, it finds the rows already ``rolled_back`` and deletes only the
others. A post already gone (deleted by hand: 404, Graph code 100/33) counts as rolled back. A delete the
platform refuses leaves the row ``published`` with the reason, for the approver to see.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine

from agents.publisher import ledger
from agents.publisher.connectors.base import Connector, DeleteResult
from agents.publisher.ledger import LIVE_ON_PLATFORM
from agents.publisher.sending import reconcile

#: How long a rollback waits for sends already on the wire to come back (then it reconciles them).
IN_FLIGHT_WAIT_S = 20.0


def rollback_campaign(db: Engine, tenant_id: str, campaign_id: str, reason: str, actor: str,
                      connectors: Mapping[str, Connector], *, wait_s: float = IN_FLIGHT_WAIT_S) -> dict[str, Any]:
    """Delete every published post of the campaign; returns counts and the rows left live."""
    ledger.halt_campaign(db, tenant_id, campaign_id, reason, actor)
    deadline = time.monotonic() + wait_s
    while any(r.state == "sending" for r in ledger.rows_of(db, tenant_id, campaign_id)):
        if time.monotonic() >= deadline:
            break
        time.sleep(0.1)
    withdrawn = ledger.withdraw_pending(db, tenant_id, campaign_id, f"rollback: {reason}", actor)
    deleted = gone = 0
    left: list[dict[str, Any]] = []
    for row in ledger.rows_of(db, tenant_id, campaign_id):
        conn = connectors.get(row.channel)
        if row.state in ("sending", "unconfirmed") and conn is not None:
            row = reconcile(db, tenant_id, row, conn, actor)
            if row.state == "pending":  # proved never posted
                ledger.transition(db, tenant_id, row.id, "withdrawn", "withdraw", actor,
                                  reason=f"rollback: {reason}", expect=frozenset({"pending"}))
                continue
        if row.state in ("sending", "unconfirmed"):
            # Its post may be live and could not be looked up: never report the rollback as complete.
            left.append({"id": row.id, "channel": row.channel, "platform_post_id": row.platform_post_id,
                         "state": row.state})
            continue
        if row.state not in LIVE_ON_PLATFORM:
            continue
        result = conn.delete(row.platform_post_id) if conn is not None and row.platform_post_id else None
        if result in (DeleteResult.DELETED, DeleteResult.ALREADY_GONE):
            deleted += result is DeleteResult.DELETED
            gone += result is DeleteResult.ALREADY_GONE
            ledger.transition(db, tenant_id, row.id, "rolled_back", "delete", actor, reason=f"rollback: {reason}",
                              detail={"delete": str(result)}, expect=LIVE_ON_PLATFORM)
        else:
            why = "no connector" if conn is None else "the platform refused the delete"
            ledger.transition(db, tenant_id, row.id, row.state, "delete", actor,
                              reason=f"rollback failed: {why}", expect=LIVE_ON_PLATFORM)
            left.append({"id": row.id, "channel": row.channel, "platform_post_id": row.platform_post_id})
    return {"reason": reason, "deleted": deleted, "already_gone": gone, "withdrawn": withdrawn, "left_live": left}
