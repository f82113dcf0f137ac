"""Signed workflow starts: only this installation's CLI and API can make a workflow act for a tenant.

The embedded Temporal server lets anyone who reaches its port start a workflow. So every start
carries a token: an HMAC (key ``workflow-start`` of core/keys.py) over the workflow id, the tenant,
the requesting user, an expiry and a digest of the whole request. The workflow's first activity
verifies it before anything touches tenant data; a missing, expired or altered token is refused and
the refusal is audited. Workflow ids are HMACs too, so they reveal no tenant.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import time
from typing import Any

from core.audit import canonical_json
from core.errors import StartRefused
from core.keys import Keyring

PURPOSE = "workflow-start"
VERSION = "v1"
#: Long enough for a busy worker to pick the run up; short enough that a leaked token soon dies.
DEFAULT_TTL_S = 15 * 60


def campaign_workflow_id(keys: Keyring, tenant_id: str, request_id: str) -> str:
    """A stable id per (tenant, request id): a re-run with the same request id finds the same run."""
    digest = hmac.new(keys.derive(PURPOSE, keys.current_id), f"campaign:{tenant_id}:{request_id}".encode(),
                      hashlib.sha256).hexdigest()
    return f"campaign-{digest[:32]}"


def onboarding_workflow_id(keys: Keyring, tenant_id: str, session_id: str) -> str:
    """The workflow id of an onboarding session (one run per session; it reveals no tenant)."""
    digest = hmac.new(keys.derive(PURPOSE, keys.current_id), f"onboarding:{tenant_id}:{session_id}".encode(),
                      hashlib.sha256).hexdigest()
    return f"onboarding-{digest[:32]}"


#: Request fields added after starts were first signed, with the value a request made before them decodes to.
#: A field at that value is left out of the digest, so runs started by older code still verify on newer workers.
_LATER_FIELDS: dict[str, Any] = {"trace_id": None, "quick_step_timeout_s": 60.0}


def _digest(request: Any) -> str:
    fields = {k: v for k, v in dataclasses.asdict(request).items()
              if k != "start_token" and not (k in _LATER_FIELDS and v == _LATER_FIELDS[k])}
    return hashlib.sha256(canonical_json(fields).encode()).hexdigest()


def _mac(key: bytes, workflow_id: str, request: Any, expires: int) -> str:
    body = canonical_json({"v": VERSION, "workflow_id": workflow_id, "tenant_id": request.tenant_id,
                           "actor": request.requested_by, "expires": expires, "request": _digest(request)})
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def sign_start(keys: Keyring, request: Any, workflow_id: str, *, ttl_s: int = DEFAULT_TTL_S,
               now: float | None = None) -> str:
    """The start token for ``request`` started as ``workflow_id``."""
    expires = int((now if now is not None else time.time()) + ttl_s)
    kid = keys.current_id
    return f"{VERSION}.{kid}.{expires}.{_mac(keys.derive(PURPOSE, kid), workflow_id, request, expires)}"


def verify_start(keys: Keyring, request: Any, workflow_id: str, *, now: float | None = None) -> None:
    """Raise StartRefused unless ``request.start_token`` was made by us for exactly this start."""
    token = getattr(request, "start_token", None)
    if not token:
        raise StartRefused("unsigned workflow start: it was not started through the SMM CLI or API")
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != VERSION or not parts[2].isdigit():
        raise StartRefused("malformed start token")
    _, kid, expires_s, mac = parts
    try:
        key = keys.derive(PURPOSE, kid)
    except KeyError:
        raise StartRefused(f"start token signed with unknown key id {kid!r}") from None
    if not hmac.compare_digest(mac, _mac(key, workflow_id, request, int(expires_s))):
        raise StartRefused("start token does not match this request (altered or for another workflow)")
    if int(expires_s) < (now if now is not None else time.time()):
        raise StartRefused("start token expired")


DECISION_PURPOSE = "approval-decision"
DECISION_TTL_S = 5 * 60


def _decision_mac(key: bytes, workflow_id: str, decision: Any, expires: int) -> str:
    body = canonical_json({"v": VERSION, "workflow_id": workflow_id, "kind": decision.kind,
                           "user_id": decision.user_id, "card_sha256": decision.card_sha256,
                           "comment": hashlib.sha256(decision.comment.encode()).hexdigest(), "expires": expires})
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def sign_decision(keys: Keyring, decision: Any, workflow_id: str, *, now: float | None = None) -> str:
    """A token proving that the CLI/API authenticated ``decision.user_id`` (by API key) for this decision.

    Signals and updates reach Temporal from anyone who can reach its port; the workflow acts on a
    decision only when this token verifies, and then checks the user's role in the database.
    """
    expires = int((now if now is not None else time.time()) + DECISION_TTL_S)
    kid = keys.current_id
    mac = _decision_mac(keys.derive(DECISION_PURPOSE, kid), workflow_id, decision, expires)
    return f"{VERSION}.{kid}.{expires}.{mac}"


def verify_decision(keys: Keyring, decision: Any, workflow_id: str, *, now: float | None = None) -> None:
    """Raise StartRefused unless ``decision.token`` was made by us for exactly this decision."""
    parts = (decision.token or "").split(".")
    if len(parts) != 4 or parts[0] != VERSION or not parts[2].isdigit():
        raise StartRefused("unsigned decision: decisions are accepted only through the SMM CLI or API")
    _, kid, expires_s, mac = parts
    try:
        key = keys.derive(DECISION_PURPOSE, kid)
    except KeyError:
        raise StartRefused(f"decision signed with unknown key id {kid!r}") from None
    if not hmac.compare_digest(mac, _decision_mac(key, workflow_id, decision, int(expires_s))):
        raise StartRefused("decision token does not match this decision")
    if int(expires_s) < (now if now is not None else time.time()):
        raise StartRefused("decision token expired")
