"""The publish ledger: one row per (approval, variant, channel), written before any network call.

States::

    pending → sending → published | failed | unconfirmed
    unconfirmed → reconciled (found on the platform) | pending (proved absent: may be sent again)
    published | reconciled → rolled_back
    shadow (shadow mode: never sent)   denied (the policy gate refused)   withdrawn (halted before sending)

Every transition is one short transaction that also appends a ``publish_events`` row and an audit
event, so the ledger, its log and the audit chain never disagree. ``claim`` is the only way into
``sending``: it re-reads the tenant's kill switch and the campaign's halt under row locks, so once a
pause or a rollback has committed no row of that tenant or campaign starts sending.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select, update

from core.audit import record_event
from core.db import tenant_session
from core.models import Campaign, PublishEvent, PublishLedger, Tenant

TERMINAL = frozenset({"published", "failed", "reconciled", "rolled_back", "shadow", "denied", "withdrawn"})
LIVE_ON_PLATFORM = frozenset({"published", "reconciled"})  # what a rollback deletes


@dataclass(frozen=True)
class LedgerRow:
    """A ledger row as the publisher works with it (plain data, no session attached)."""

    id: str
    campaign_id: str
    post_variant_id: str
    channel: str
    stage: str
    state: str
    idempotency_key: str
    marker: str
    platform_post_id: str | None
    container_id: str | None
    attempts: int
    sent_at: datetime | None
    reason: str | None

    @classmethod
    def of(cls, row: PublishLedger) -> LedgerRow:
        return cls(str(row.id), str(row.campaign_id), str(row.post_variant_id), row.channel, row.stage, row.state,
                   row.idempotency_key, row.marker, row.platform_post_id, row.container_id, row.attempts,
                   row.sent_at, row.reason)


def idempotency_key(approval_id: str, variant_id: str, channel: str) -> str:
    """Stable per (approval, variant, channel): a retried activity finds the row it already wrote."""
    digest = hashlib.sha256(f"{approval_id}|{variant_id}|{channel}".encode()).hexdigest()
    return f"pub-{digest[:40]}"


def _event(session: Any, row: PublishLedger, kind: str, actor: str, detail: dict[str, Any] | None = None) -> None:
    session.add(PublishEvent(tenant_id=row.tenant_id, campaign_id=row.campaign_id, ledger_id=row.id,
                             post_variant_id=row.post_variant_id, channel=row.channel, stage=row.stage, kind=kind,
                             status=row.state, idempotency_key=row.idempotency_key,
                             external_id=row.platform_post_id or row.container_id, payload=detail or {}))
    record_event(session, row.tenant_id, actor=actor, action=f"publish.{kind}", resource_type="publish_ledger",
                 resource_id=row.id, payload={"state": row.state, "channel": row.channel, "stage": row.stage,
                                              "platform_post_id": row.platform_post_id, **(detail or {})})


def create_rows(db: Engine, tenant_id: str, *, campaign_id: str, approval_id: str,
                posts: list[dict[str, Any]], actor: str) -> list[LedgerRow]:
    """Write one row per post (``{variant_id, channel, text, stage, state, predicted?}``) unless it exists.

    Rows already written for this approval (a retried activity) are returned as they are now.
    """
    tid = uuid.UUID(tenant_id)
    with tenant_session(db, tid) as session:
        out: list[LedgerRow] = []
        for post in posts:
            key = idempotency_key(approval_id, post["variant_id"], post["channel"])
            row = session.execute(select(PublishLedger).where(PublishLedger.idempotency_key == key)
                                  ).scalar_one_or_none()
            if row is None:
                row = PublishLedger(tenant_id=tid, campaign_id=uuid.UUID(campaign_id),
                                    approval_id=uuid.UUID(approval_id), post_variant_id=uuid.UUID(post["variant_id"]),
                                    channel=post["channel"],
                                    stage=post["stage"], state=post.get("state", "pending"), idempotency_key=key,
                                    marker=post["marker"], predicted=post.get("predicted") or {},
                                    reason=post.get("reason"))
                session.add(row)
                session.flush()
                if row.state != "pending":  # shadow or denied at creation: that is an event of its own
                    _event(session, row, "shadow" if row.state == "shadow" else "deny", actor,
                           {"reason": row.reason} if row.reason else None)
            out.append(LedgerRow.of(row))
        return out


def load(db: Engine, tenant_id: str, ledger_id: str) -> LedgerRow:
    with tenant_session(db, uuid.UUID(tenant_id)) as session:
        row = session.get(PublishLedger, uuid.UUID(ledger_id))
        if row is None:
            raise LookupError(f"ledger row {ledger_id} not found")
        return LedgerRow.of(row)


def rows_of(db: Engine, tenant_id: str, campaign_id: str) -> list[LedgerRow]:
    """Every ledger row of a campaign, in a stable order (stage, then creation)."""
    with tenant_session(db, uuid.UUID(tenant_id)) as session:
        rows = session.execute(select(PublishLedger).where(PublishLedger.campaign_id == uuid.UUID(campaign_id))
                               .order_by(PublishLedger.stage, PublishLedger.created_at, PublishLedger.id)).scalars()
        return [LedgerRow.of(r) for r in rows]


def halted(db: Engine, tenant_id: str, campaign_id: str) -> str | None:
    """Why this campaign must not send now (tenant paused or launch halted), or None."""
    with tenant_session(db, uuid.UUID(tenant_id)) as session:
        return _halt_reason(session, uuid.UUID(tenant_id), uuid.UUID(campaign_id), lock=False)


def _halt_reason(session: Any, tid: uuid.UUID, campaign_id: uuid.UUID, *, lock: bool) -> str | None:
    tq = select(Tenant.publishing_paused, Tenant.paused_reason).where(Tenant.id == tid)
    cq = select(Campaign.publish_halt).where(Campaign.id == campaign_id)
    if lock:  # a pause or halt commits under FOR UPDATE: it waits for us or we see it
        tq, cq = tq.with_for_update(read=True), cq.with_for_update(read=True)
    paused, paused_reason = session.execute(tq).one()
    if paused:
        return f"tenant.paused: publishing of this tenant is paused ({paused_reason or 'kill switch'})"
    halt = session.execute(cq).scalar_one()
    return f"campaign.halted: {halt}" if halt else None


def claim(db: Engine, tenant_id: str, ledger_id: str, actor: str) -> tuple[LedgerRow, str | None]:
    """pending → sending (attempts + 1, sent_at now) unless halted; returns the row and a refusal reason."""
    tid = uuid.UUID(tenant_id)
    with tenant_session(db, tid) as session:
        row = session.execute(select(PublishLedger).where(PublishLedger.id == uuid.UUID(ledger_id))
                              .with_for_update()).scalar_one()
        if row.state != "pending":
            return LedgerRow.of(row), f"ledger.not_pending: the row is {row.state}"
        reason = _halt_reason(session, tid, row.campaign_id, lock=True)
        if reason is not None:
            return LedgerRow.of(row), reason
        row.state, row.attempts, row.sent_at, row.updated_at = "sending", row.attempts + 1, func.now(), func.now()
        session.flush()
        session.refresh(row)
        _event(session, row, "publish", actor, {"attempt": row.attempts})
        return LedgerRow.of(row), None


def transition(db: Engine, tenant_id: str, ledger_id: str, state: str, kind: str, actor: str, *,
               platform_post_id: str | None = None, container_id: str | None = None, reason: str | None = None,
               detail: dict[str, Any] | None = None, expect: frozenset[str] | None = None) -> LedgerRow:
    """Move a row to ``state`` (when it is in one of ``expect``), recording the event; ids are kept once known."""
    with tenant_session(db, uuid.UUID(tenant_id)) as session:
        row = session.execute(select(PublishLedger).where(PublishLedger.id == uuid.UUID(ledger_id))
                              .with_for_update()).scalar_one()
        if expect is not None and row.state not in expect:
            return LedgerRow.of(row)
        row.state = state
        row.platform_post_id = platform_post_id or row.platform_post_id
        row.container_id = container_id or row.container_id
        row.reason = reason if reason is not None else row.reason
        row.updated_at = func.now()
        session.flush()
        _event(session, row, kind, actor, {**({"reason": reason} if reason else {}), **(detail or {})})
        return LedgerRow.of(row)


def remember_container(db: Engine, tenant_id: str, ledger_id: str, container_id: str, actor: str) -> None:
    """Instagram: the container id is stored before media_publish, so a retry checks it, never makes a second."""
    with tenant_session(db, uuid.UUID(tenant_id)) as session:
        row = session.execute(select(PublishLedger).where(PublishLedger.id == uuid.UUID(ledger_id))
                              .with_for_update()).scalar_one()
        row.container_id, row.updated_at = container_id, func.now()
        session.flush()
        _event(session, row, "container", actor, {"container_id": container_id})


def withdraw_pending(db: Engine, tenant_id: str, campaign_id: str, reason: str, actor: str) -> int:
    """Every still-pending row of the campaign → withdrawn (a halted launch never sends them)."""
    rows = [r for r in rows_of(db, tenant_id, campaign_id) if r.state == "pending"]
    for r in rows:
        transition(db, tenant_id, r.id, "withdrawn", "withdraw", actor, reason=reason, expect=frozenset({"pending"}))
    return len(rows)


def halt_campaign(db: Engine, tenant_id: str, campaign_id: str, reason: str, actor: str) -> None:
    """Stop the campaign's launch: once this commits, no row of it starts sending."""
    tid = uuid.UUID(tenant_id)
    with tenant_session(db, tid) as session:
        camp = session.execute(select(Campaign).where(Campaign.id == uuid.UUID(campaign_id))
                               .with_for_update()).scalar_one_or_none()
        if camp is None:
            raise LookupError(f"campaign {campaign_id} not found")
        if camp.publish_halt is None:
            session.execute(update(Campaign).where(Campaign.id == camp.id).values(publish_halt=reason))
            record_event(session, tid, actor=actor, action="publish.halt", resource_type="campaign",
                         resource_id=camp.id, payload={"reason": reason})


def set_paused(db: Engine, tenant_id: str, paused: bool, reason: str | None, actor: str) -> None:
    """The tenant's kill switch (pause or resume every publish of the tenant)."""
    tid = uuid.UUID(tenant_id)
    with tenant_session(db, tid) as session:
        tenant = session.execute(select(Tenant).where(Tenant.id == tid).with_for_update()).scalar_one_or_none()
        if tenant is None:
            raise LookupError(f"tenant {tenant_id} not found")
        tenant.publishing_paused, tenant.paused_reason = paused, (reason if paused else None)
        record_event(session, tid, actor=actor, action="tenant.paused" if paused else "tenant.resumed",
                     resource_type="tenant", resource_id=tid, payload={"reason": reason} if reason else {})


def summary(rows: list[LedgerRow]) -> dict[str, int]:
    """How many rows are in each state."""
    out: dict[str, int] = {}
    for r in rows:
        out[r.state] = out.get(r.state, 0) + 1
    return out
