"""Send one ledger row to its platform, at most once, ending in a state that matches the platform's truth.

The rule: never re-send blindly. A row found in ``sending`` (the worker died inside the call) or an
answer that proves nothing (timeout, dropped connection, 5xx after sending, a duplicate error) makes
the row ``unconfirmed`` first; it is then *reconciled* by looking the post up (its stored id, the
Instagram container it already has, or the account's recent posts carrying its content marker):
found → ``reconciled``; proved absent → ``pending`` and sent again (bounded); still unknown → it stays
``unconfirmed`` and is shown to the approver, never retried silently.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from agents.publisher import ledger
from agents.publisher.connectors.base import Connector, Lookup, Outcome, OutgoingPost
from agents.publisher.ledger import LedgerRow

log = logging.getLogger(__name__)

#: Sends per row (a send whose absence was proved may be repeated); then the row fails.
MAX_SENDS = 3
#: Between the two looks that must both find nothing before a post counts as absent.
ABSENCE_SETTLE_S = 1.0


def publish_row(db: Engine, tenant_id: str, ledger_id: str, connector: Connector, text: str, actor: str, *,
                media_url: str | None = None,
                after_claim: Callable[[LedgerRow], None] | None = None) -> LedgerRow:
    """Drive one row to a terminal state or ``unconfirmed``; safe to call again after any crash.

    ``after_claim`` runs between the claim and the network call (fault tests kill the worker there).
    """
    row = ledger.load(db, tenant_id, ledger_id)
    duplicate = False
    for _ in range(4 * MAX_SENDS):  # every pass moves the row; this only bounds a misbehaving platform
        if row.state in ledger.TERMINAL:
            return row
        if row.state in ("sending", "unconfirmed"):
            row = reconcile(db, tenant_id, row, connector, actor, duplicate=duplicate)
            if row.state == "unconfirmed":
                return row
            continue
        if row.attempts >= MAX_SENDS:
            return ledger.transition(db, tenant_id, row.id, "failed", "publish", actor,
                                     reason=f"publish.attempts_exhausted: {row.attempts} sends ({row.reason})")
        row, refusal = ledger.claim(db, tenant_id, row.id, actor)
        if refusal is not None:
            if row.state == "pending":
                return ledger.transition(db, tenant_id, row.id, "withdrawn", "withdraw", actor, reason=refusal,
                                         expect=frozenset({"pending"}))
            continue
        if after_claim is not None:
            after_claim(row)
        post = OutgoingPost(channel=row.channel, text=text, marker=row.marker, media_url=media_url,
                            container_id=row.container_id)
        result = connector.publish(post, on_container=functools.partial(
            ledger.remember_container, db, tenant_id, row.id, actor=actor))
        if result.outcome is Outcome.PUBLISHED:
            row = ledger.transition(db, tenant_id, row.id, "published", "publish", actor,
                                    platform_post_id=result.platform_id, container_id=result.container_id)
        elif result.outcome is Outcome.FAILED:
            # A retryable failure proved nothing was stored (refused before sending, rate limited, breaker open).
            state = "pending" if result.retryable else "failed"
            row = ledger.transition(db, tenant_id, row.id, state, "publish", actor, reason=result.reason)
        else:
            duplicate = result.duplicate
            # The id a duplicate error names (LinkedIn) is the platform's "original", not proof that it is
            # this row's post: kept in the reason only, so reconciliation matches the row's marker instead.
            row = ledger.transition(db, tenant_id, row.id, "unconfirmed", "publish", actor,
                                    platform_post_id=None if duplicate else result.platform_id,
                                    container_id=result.container_id, reason=result.reason or "outcome unknown")
    return row


def reconcile(db: Engine, tenant_id: str, row: LedgerRow, connector: Connector, actor: str, *,
              duplicate: bool = False) -> LedgerRow:
    """Find out whether an ``unconfirmed`` (or interrupted ``sending``) row's post exists."""
    if row.state == "sending":
        row = ledger.transition(db, tenant_id, row.id, "unconfirmed", "reconcile", actor,
                                reason="interrupted while sending", expect=frozenset({"sending"}))
    found = _look_up_safely(row, connector)
    if found is False:
        # A platform that timed out may still be storing the post: absence counts only when a second
        # look, a moment later, agrees (the sandbox and real APIs list a post once its create returns).
        time.sleep(ABSENCE_SETTLE_S)
        found = _look_up_safely(row, connector)
    if isinstance(found, str):
        return ledger.transition(db, tenant_id, row.id, "reconciled", "reconcile", actor, platform_post_id=found,
                                 expect=frozenset({"unconfirmed"}))
    if found is False and not duplicate:
        # Proved absent: sending again cannot make a second post.
        return ledger.transition(db, tenant_id, row.id, "pending", "reconcile", actor,
                                 reason="not on the platform after an unknown outcome",
                                 expect=frozenset({"unconfirmed"}))
    if row.container_id and found is False:
        return ledger.transition(db, tenant_id, row.id, "pending", "reconcile", actor,
                                 reason="container known: its status is checked on the next send",
                                 expect=frozenset({"unconfirmed"}))
    why = ("the platform reports a duplicate but no matching post was found" if duplicate
           else "the platform could not be asked")
    return ledger.transition(db, tenant_id, row.id, "unconfirmed", "reconcile", actor, reason=f"unconfirmed: {why}",
                             expect=frozenset({"unconfirmed"}))


def _look_up_safely(row: LedgerRow, connector: Connector) -> str | bool | None:
    try:
        return _look_up(row, connector)
    except Exception as exc:  # a lookup that fails proves nothing either way
        log.warning("reconcile of %s failed: %s", row.id, type(exc).__name__)
        return None


def _look_up(row: LedgerRow, connector: Connector) -> str | bool | None:
    """The post's platform id when found; False when proved absent; None when it cannot be told."""
    if row.platform_post_id:
        state = connector.lookup(row.platform_post_id)
        if state is Lookup.EXISTS:
            return row.platform_post_id
        return False if state is Lookup.GONE else None
    since = row.sent_at or datetime.now(UTC)
    return connector.find_recent(row.marker, since) or False


def describe(row: LedgerRow) -> dict[str, Any]:
    """A row as `campaign status` and the demo print it."""
    return {"id": row.id, "post_variant_id": row.post_variant_id, "channel": row.channel, "stage": row.stage,
            "state": row.state, "platform_post_id": row.platform_post_id, "attempts": row.attempts,
            "reason": row.reason}
