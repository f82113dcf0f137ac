"""The input document of every policy query, as pydantic models.

This is the application's shape (money in decimal units, posts as written); the gate turns
it into the engine's shape with `policies.derive.prepare` (integer cents, each post's
platform length and normalised text) after validating it here.

The same shape is checked twice: here, before anything is sent to an engine, and
in `schema.rego`, so an input that reaches an OPA server some other way is still
denied with a reason naming the field. Reasons use one format on both sides:
``input.<dotted.path>: <problem>`` (e.g. ``input.actor.role: missing``).

Shape (see also `policies/README.md`)::

    action            "research.start" | "llm.spend" | "content.review" | "publish.post"
                      | "campaign.approve" | "api.<route>"
    actor             {id, tenant_id, role: admin|marketer|approver|evaluator}
    resource          {tenant_id, type?, id?}
    workspace         {id, tenant_id, region, industry, mode: shadow|live,
                       allow_local_targets?, readiness_threshold? (0.85),
                       connector_failure_threshold? (0.2), avoid_list?,
                       budget? {cap, spent, channels? {<ch>: {cap, spent}}},
                       channels? {allowed: [..], connected: [..]}}
    spend             {amount, channel?, model?}                       llm.spend
    target_url        http(s) URL; target_ips: resolved addresses      research.start
    post | posts      {channel, text, hashtags?, sponsored?, personal_data?,
                       testimonial?, subject_ids?, cited_sources?, id?,
                       findings? [{class, severity: high|medium|low, span, score}]}
                                                                       content.review, publish.post
    approval          {approver_id, approver_role, requester_id}       publish.post, campaign.approve
    decision_card     {readiness, critical_violations}                 publish.post, campaign.approve
    connector_health  {<channel>: {failure_rate, window_posts}}        publish.post
    consent_records   [{subject_id, scopes: [personal_data|testimonial], expires_at, revoked?}]
    now               RFC 3339 timestamp used for consent expiry (the gate fills it in)
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

ROLES = ("admin", "marketer", "approver", "evaluator")
WORKSPACE_ACTIONS = ("research.start", "llm.spend", "content.review", "publish.post", "campaign.approve")
API_ACTIONS = (
    "api.workspaces.read", "api.workspaces.write", "api.campaigns.create", "api.campaigns.read",
    "api.decision_cards.read", "api.approvals.create", "api.evals.run", "api.evals.read",
    "api.users.manage", "api.audit.read", "api.policy.eval", "api.contracts.go_live",
)  # fmt: skip
KNOWN_ACTIONS = WORKSPACE_ACTIONS + API_ACTIONS


def _rfc3339(value: str) -> str:
    if len(value) < 20 or value[10] not in "Tt":
        raise ValueError("expected RFC 3339 timestamp")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as exc:
        raise ValueError("expected RFC 3339 timestamp") from exc
    if parsed.tzinfo is None:
        raise ValueError("expected RFC 3339 timestamp with offset")
    return value


def _ip(value: str) -> str:
    ipaddress.ip_address(value)
    return value


Timestamp = Annotated[StrictStr, AfterValidator(_rfc3339)]
IpAddress = Annotated[StrictStr, AfterValidator(_ip)]
Number = StrictFloat  # strict float accepts int, rejects bool and str


class _Model(BaseModel):
    # Unknown fields are refused: a misspelt optional flag ("sponsord") would
    # otherwise silently switch a check off.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Actor(_Model):
    id: StrictStr
    tenant_id: StrictStr
    role: Literal["admin", "marketer", "approver", "evaluator"]


class Resource(_Model):
    tenant_id: StrictStr
    type: StrictStr | None = None
    id: StrictStr | None = None


class ChannelBudget(_Model):
    cap: Number
    spent: Number


class Budget(_Model):
    cap: Number
    spent: Number
    channels: dict[str, ChannelBudget] = Field(default_factory=dict)


class Channels(_Model):
    allowed: list[StrictStr] = Field(default_factory=list)
    connected: list[StrictStr] = Field(default_factory=list)


class Workspace(_Model):
    id: StrictStr
    tenant_id: StrictStr
    region: StrictStr
    industry: StrictStr
    mode: Literal["shadow", "live"]
    allow_local_targets: StrictBool = False
    readiness_threshold: Number | None = None
    connector_failure_threshold: Number | None = None
    avoid_list: list[StrictStr] = Field(default_factory=list)
    budget: Budget | None = None
    channels: Channels | None = None


class Spend(_Model):
    amount: Number
    channel: StrictStr | None = None
    model: StrictStr | None = None


class Finding(_Model):
    """One detector finding (agents/legal/detectors.py); content.rego judges it by class, industry and region
    with the compliance table data.smm.content_actions. ``class`` is a vocabulary finding class, though an
    unknown one is accepted: the table's fallback decides it by severity (high is denied)."""

    class_: StrictStr = Field(alias="class")
    severity: Literal["high", "medium", "low"]
    span: StrictStr
    score: Number = Field(ge=0, le=1)


class Post(_Model):
    channel: StrictStr
    text: StrictStr
    hashtags: list[StrictStr] = Field(default_factory=list)
    sponsored: StrictBool = False
    personal_data: StrictBool = False
    testimonial: StrictBool = False
    subject_ids: list[StrictStr] = Field(default_factory=list)
    cited_sources: list[StrictStr] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    id: StrictStr | None = None


class Approval(_Model):
    approver_id: StrictStr | None = None
    approver_role: StrictStr | None = None
    requester_id: StrictStr


class DecisionCardSummary(_Model):
    readiness: Number
    critical_violations: StrictInt  # a count; reasons print it with format_int
    id: StrictStr | None = None


class ConnectorHealth(_Model):
    failure_rate: Number
    window_posts: Number


class ConsentRecord(_Model):
    subject_id: StrictStr
    scopes: list[Literal["personal_data", "testimonial"]]
    expires_at: Timestamp
    revoked: StrictBool = False


class PolicyInput(_Model):
    action: StrictStr
    actor: Actor
    resource: Resource
    workspace: Workspace | None = None
    spend: Spend | None = None
    target_url: StrictStr | None = None
    target_ips: list[IpAddress] | None = None
    post: Post | None = None
    posts: list[Post] | None = None
    approval: Approval | None = None
    decision_card: DecisionCardSummary | None = None
    connector_health: dict[str, ConnectorHealth] | None = None
    consent_records: list[ConsentRecord] = Field(default_factory=list)
    now: Timestamp | None = None


# Fields each action needs beyond the model's own required fields; mirrors
# `action_fields` in schema.rego.
ACTION_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "research.start": (("target_url",), ("target_ips",)),
    "llm.spend": (("spend", "amount"), ("workspace", "budget", "cap"), ("workspace", "budget", "spent")),
    "content.review": (),
    "publish.post": (
        ("post",),
        ("approval", "approver_id"),
        ("approval", "approver_role"),
        ("approval", "requester_id"),
        ("decision_card", "readiness"),
        ("decision_card", "critical_violations"),
        ("workspace", "channels", "allowed"),
        ("workspace", "channels", "connected"),
        ("connector_health",),
    ),
    "campaign.approve": (
        ("approval", "requester_id"),
        ("decision_card", "readiness"),
        ("decision_card", "critical_violations"),
    ),
}


def _loc(parts: Iterable[Any]) -> str:
    out = "input"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _lookup(doc: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    cur: Any = doc
    for key in path:
        if not isinstance(cur, Mapping) or key not in cur:
            return None
        cur = cur[key]
    return cur


def validate_input(doc: Any) -> list[str]:
    """Return deny reasons for a malformed input document; empty when it is well formed."""
    if not isinstance(doc, Mapping):
        return ["input: expected object"]
    reasons: list[str] = []
    try:
        PolicyInput.model_validate(doc)
    except ValidationError as exc:
        for err in exc.errors():
            loc = [p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p in ("function-after",)))]
            problem = "missing" if err["type"] == "missing" else err["msg"]
            reasons.append(f"{_loc(loc)}: {problem}")
    action = doc.get("action")
    if isinstance(action, str):
        if action not in KNOWN_ACTIONS:
            reasons.append(f"input.action: unknown action {action}")
        if action in WORKSPACE_ACTIONS and doc.get("workspace") is None:
            reasons.append("input.workspace: missing")
        for path in ACTION_FIELDS.get(action, ()):
            if _lookup(doc, path) is None:
                reasons.append(f"{_loc(path)}: missing")
        if action == "content.review" and not doc.get("post") and not doc.get("posts"):
            reasons.append("input.post: content.review needs post or posts")
    return sorted(set(reasons))


def resolve_target_ips(url: str) -> list[str]:
    """Resolve a crawl target's host to the addresses the crawler will connect to.

    The crawler must connect to one of these addresses (not resolve again), or a
    DNS answer that changes between check and use would bypass the policy.
    """
    host = urlsplit(url).hostname
    if not host:
        return []
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return sorted({str(info[4][0]).split("%")[0] for info in infos})
