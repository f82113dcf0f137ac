"""Admission of a request: who is calling, its rate-limit count and the policy gate's decision.

Each route names its gate action (``api.campaigns.read``...). The three steps share ONE transaction in
the caller's tenant: the key lookup, the rate-limit upsert and the recorded decision (policy_decisions
+ audit log) cost one commit instead of three, which is most of a read route's latency. A read route
(`read_as_caller`) does its read in that same transaction too, in one trip to the thread pool. A refusal is
raised after that commit: a request refused for its rate still counts, and a deny is on record like an
allow (a 403 carries the gate's reasons). An unknown key rolls back: it counts against no tenant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api import ratelimit
from api.deps import BearerKeyDep, EngineDep, SettingsDep
from api.metrics import POLICY_CHECKS
from core.contracts.policy import PolicyDecision
from core.db import tenant_session
from core.errors import PolicyDenied, RateLimited, SmmError
from core.identity import Principal, authenticate_in, key_tenant
from core.settings import Settings
from policies.decide import decide_in

T = TypeVar("T")


def _gate(session: Session, settings: Settings, principal: Principal, action: str) -> PolicyDecision:
    tid = str(principal.tenant_id)
    doc = {"action": action, "actor": {"id": str(principal.user_id), "tenant_id": tid, "role": principal.role},
           "resource": {"tenant_id": tid, "type": "api"}}
    decision = decide_in(session, settings, "main", doc)
    POLICY_CHECKS.labels(action, str(decision.allow).lower()).inc()
    return decision


def _refusal(decision: PolicyDecision, principal: Principal, action: str) -> PolicyDenied | None:
    if decision.allow:
        return None
    return PolicyDenied(f"{principal.role} may not {action}", decision_id=decision.decision_id,
                        reasons=tuple(decision.deny))


def admitted_read(engine: Engine, settings: Settings, principal_of: Callable[[Session], Principal], tenant_id: Any,
                  action: str | None, read: Callable[[Session, Principal], T]) -> T:
    """Admit the caller (``principal_of`` reads it in the transaction), then ``read`` in the same transaction.

    Raises Unauthorized (401), RateLimited (429), PolicyDenied (403), or the domain error of ``read`` (a 404
    for a row the tenant cannot see): the admission is committed and on record in every case but the 401.
    ``read`` must only read: it shares a transaction that commits even when it raises a domain error.
    ``action=None`` skips the gate.
    """
    refusal: SmmError | None = None
    with tenant_session(engine, tenant_id) as session:
        principal = principal_of(session)
        try:
            ratelimit.charge(session, settings, principal)
        except RateLimited as exc:
            refusal = exc
        if refusal is None and action is not None:
            refusal = _refusal(_gate(session, settings, principal, action), principal, action)
        if refusal is None:
            try:
                result = read(session, principal)
            except SmmError as exc:
                refusal = exc
    if refusal is not None:
        raise refusal
    return result


def admit(engine: Engine, settings: Settings, principal_of: Callable[[Session], Principal],
          tenant_id: Any, action: str | None) -> Principal:
    """The caller, counted against its rate limits and allowed ``action`` by the gate (see `admitted_read`)."""
    return admitted_read(engine, settings, principal_of, tenant_id, action, lambda _session, principal: principal)


def read_as_caller(engine: Engine, settings: Settings, key: str, action: str | None,
                   read: Callable[[Session, Principal], T]) -> T:
    """`admitted_read` for the principal of an API key: a read route's whole database work, one transaction."""
    return admitted_read(engine, settings, lambda session: authenticate_in(session, key), key_tenant(key), action,
                         read)


def check(engine: Engine, settings: Settings, principal: Principal, action: str) -> None:
    """Raise PolicyDenied (403) unless the gate allows ``action`` for an already admitted principal."""
    with tenant_session(engine, principal.tenant_id) as session:
        refusal = _refusal(_gate(session, settings, principal, action), principal, action)
    if refusal is not None:
        raise refusal


async def require(engine: Engine, settings: Settings, principal: Principal, action: str) -> None:
    """`check` off the event loop: for a second action inside a route (e.g. going live)."""
    await run_in_threadpool(check, engine, settings, principal, action)


def caller(action: str | None) -> Callable[..., Any]:
    """A dependency: the principal of the request's API key, admitted for ``action`` (None: any role)."""

    def dependency(key: BearerKeyDep, engine: EngineDep, settings: SettingsDep) -> Principal:
        # A sync dependency: FastAPI runs it in its thread pool, so the database work is off the loop.
        return read_as_caller(engine, settings, key, action, lambda _session, principal: principal)

    return dependency


#: The actions of the review routes (the web pages check the same ones).
READ_CARDS = "api.decision_cards.read"
DECIDE = "api.approvals.create"

Caller = Annotated[Principal, Depends(caller(None))]
CampaignReader = Annotated[Principal, Depends(caller("api.campaigns.read"))]
CampaignCreator = Annotated[Principal, Depends(caller("api.campaigns.create"))]
Approver = Annotated[Principal, Depends(caller(DECIDE))]
OnboardingReader = Annotated[Principal, Depends(caller("api.workspaces.read"))]
OnboardingWriter = Annotated[Principal, Depends(caller("api.workspaces.write"))]
