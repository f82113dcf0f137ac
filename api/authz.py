"""Role checks through the policy gate: each route names its action (``api.campaigns.read``...).

The decision is recorded in the caller's tenant like every other gate decision; a deny is a 403
that carries the gate's reasons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends
from starlette.concurrency import run_in_threadpool

from api.deps import EngineDep, PrincipalDep, SettingsDep
from api.metrics import POLICY_CHECKS
from core.errors import PolicyDenied
from core.identity import Principal
from policies.decide import decide


def check(engine: Any, settings: Any, principal: Principal, action: str) -> None:
    """Raise PolicyDenied (403) unless the gate allows ``action`` for the principal's role."""
    tid = str(principal.tenant_id)
    doc = {"action": action, "actor": {"id": str(principal.user_id), "tenant_id": tid, "role": principal.role},
           "resource": {"tenant_id": tid, "type": "api"}}
    decision = decide(engine, settings, principal.tenant_id, "main", doc)
    POLICY_CHECKS.labels(action, str(decision.allow).lower()).inc()
    if not decision.allow:
        raise PolicyDenied(f"{principal.role} may not {action}", decision_id=decision.decision_id,
                           reasons=tuple(decision.deny))


async def require(engine: Any, settings: Any, principal: Principal, action: str) -> None:
    """Raise PolicyDenied (403 with the gate's reasons) unless the gate allows ``action`` for the caller."""
    await run_in_threadpool(check, engine, settings, principal, action)


def allowed(action: str) -> Callable[..., Any]:
    """A dependency: the authenticated principal, once the gate allows ``action`` for its role."""

    async def dependency(principal: PrincipalDep, engine: EngineDep, settings: SettingsDep) -> Principal:
        await run_in_threadpool(check, engine, settings, principal, action)
        return principal

    return dependency


#: The actions of the review routes (the web pages check the same ones).
READ_CARDS = "api.decision_cards.read"
DECIDE = "api.approvals.create"

CampaignReader = Annotated[Principal, Depends(allowed("api.campaigns.read"))]
CampaignCreator = Annotated[Principal, Depends(allowed("api.campaigns.create"))]
CardReader = Annotated[Principal, Depends(allowed(READ_CARDS))]
Approver = Annotated[Principal, Depends(allowed(DECIDE))]
OnboardingReader = Annotated[Principal, Depends(allowed("api.workspaces.read"))]
OnboardingWriter = Annotated[Principal, Depends(allowed("api.workspaces.write"))]
