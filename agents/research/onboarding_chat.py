"""Chat onboarding sessions in Postgres: the event log the marketer reads, corrections, the accepted contract.

The worker (workflows/onboarding_activities.py) appends what research found; the API appends what the
marketer changed. Both go through :func:`append_event`, which locks the session row, so each session's
event ids (``seq``: 1, 2, 3 ...) are gap-free and in commit order; they are the SSE ids a reconnecting
client resumes from.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from agents.goals import KPI_WORDS, goal_targets
from agents.research.pg_store import fact_row_id
from core.audit import record_event
from core.contracts.brand import DEFAULT_PAID_SHARE, BrandTwin, ChannelBudget, ContractCard
from core.db import tenant_session
from core.errors import Conflict, InvalidInput, NotFound
from core.models import (
    BrandTwinRow,
    FactRow,
    OnboardingCorrection,
    OnboardingEvent,
    OnboardingSession,
    Workspace,
)
from core.vocabulary import CHANNEL_CODES

#: Words that make a number in a message a wish, not a description of today.
_WANTS = re.compile(r"\b(?:goals?|targets?|aim(?:ing)?|want|wants|hope|hoping|hit|achieve|happy with|like to|"
                    r"objectives?|objetivos?|metas?|queremos|quiero|conseguir|llegar a|alcanzar)\b", re.I)
#: Statuses in which nothing more happens until the marketer acts: a stream of events ends there.
SETTLED = frozenset({"waiting_for_marketer", "accepted", "failed"})
#: How many events one read returns (a stream reads again for the rest).
PAGE = 200


def get_session(session: Session, session_id: uuid.UUID, *, lock: bool = False) -> OnboardingSession:
    """The session (RLS keeps other tenants' rows invisible: theirs is 'not found' too)."""
    query = select(OnboardingSession).where(OnboardingSession.id == session_id)
    row = session.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if row is None:
        raise NotFound(f"onboarding session {session_id} not found")
    return row


def append_event(session: Session, row: OnboardingSession, kind: str, payload: Mapping[str, Any]) -> int:
    """Append one event to ``row``'s log; the caller holds the row lock (``get_session(lock=True)``)."""
    last = session.execute(select(func.max(OnboardingEvent.seq)).where(
        OnboardingEvent.session_id == row.id)).scalar_one()
    seq = int(last or 0) + 1
    session.add(OnboardingEvent(tenant_id=row.tenant_id, session_id=row.id, seq=seq, kind=kind,
                                payload=dict(payload)))
    session.flush()
    return seq


@dataclass(frozen=True)
class EventPage:
    """Events after a cursor, and the session status read before them (so a settled status means the
    page holds every event the session had when it settled)."""

    status: str
    events: list[tuple[int, str, dict[str, Any]]]


def events_after(engine: Engine, tenant_id: uuid.UUID, session_id: uuid.UUID, after: int) -> EventPage:
    """Up to PAGE events with ``seq > after``, oldest first."""
    with tenant_session(engine, tenant_id) as session:
        status = get_session(session, session_id).status
        rows = session.execute(
            select(OnboardingEvent.seq, OnboardingEvent.kind, OnboardingEvent.payload)
            .where(OnboardingEvent.session_id == session_id, OnboardingEvent.seq > after)
            .order_by(OnboardingEvent.seq).limit(PAGE)).all()
        return EventPage(status, [(int(r[0]), str(r[1]), dict(r[2])) for r in rows])


def last_seq(session: Session, session_id: uuid.UUID) -> int:
    """The newest event id of a session (0 when it has none)."""
    return int(session.execute(select(func.max(OnboardingEvent.seq)).where(
        OnboardingEvent.session_id == session_id)).scalar_one() or 0)


# ---------------------------------------------------------------- what research tells the marketer


def twin_card(twin_id: str, twin: BrandTwin) -> dict[str, Any]:
    """The `brand_twin` event: every fact with its quote and source page, and what research doubted."""
    return {
        "brand_twin_id": twin_id, "name": twin.name, "url": twin.url, "industry": twin.industry,
        "summary": twin.summary, "confidence": twin.confidence, "region": twin.region, "language": twin.language,
        "facts": [{"id": f.id, "kind": f.kind, "text": f.text, "quote": f.quote, "source_url": f.source_url,
                   "confidence": f.confidence} for f in twin.facts],
        "products": [p.model_dump(mode="json") for p in twin.products],
        "audience": [a.model_dump(mode="json") for a in twin.audience_segments],
        "voice": twin.voice.model_dump(mode="json"),
        "competitors": [c.model_dump(mode="json") for c in twin.competitors],
        "suspicious_sources": [s.model_dump(mode="json") for s in twin.suspicious_sources],
        "missing": list(twin.missing),
    }


def questions(twin: BrandTwin | None, draft: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """What the marketer should confirm: goals, budget, channels, region, and what research was unsure of."""
    if twin is None or draft is None:
        return [{"id": "website", "topic": "website", "text": "What is the brand's website? Research needs a "
                 "URL to read the brand from; start a session with brand_url.", "options": [], "current": None}]
    channels = list(draft.get("channels") or [])
    currency = channels[0]["currency"] if channels else "USD"
    total = round(sum(float(c["budget_cap"]) for c in channels), 2)
    out: list[dict[str, Any]] = [
        {"id": "goals", "topic": "goals", "text": "Which of these goals matter most? Add or remove any, and give "
         "each a number to measure it by (\"10,000 impressions\", \"500 website visits\"): without a number the "
         "decision card scores no KPI.",
         "options": list(draft.get("goals") or []), "current": list(draft.get("goals") or [])},
        {"id": "budget", "topic": "budget", "text": f"Is {total:g} {currency} a month the right total budget? "
         "Change a channel's cap with a set_budget_cap correction.", "options": [], "current": total},
        {"id": "channels", "topic": "channels", "text": "Are these the right channels?",
         "options": sorted(CHANNEL_CODES), "current": [c["channel"] for c in channels]},
        {"id": "region", "topic": "region",
         "text": (f"Research placed the brand in {twin.region}; is that where you sell?" if twin.region else
                  "Research found no evidence of where you sell: which region should campaigns target?"),
         "options": [], "current": draft.get("region")},
    ]
    for item in twin.missing:
        out.append({"id": f"missing:{item}", "topic": "unsure",
                    "text": f"Research could not find your {item.replace('_', ' ')}: can you tell us?",
                    "options": [], "current": None})
    if twin.confidence < 0.5:
        out.append({"id": "confidence", "topic": "unsure", "text": f"Research is unsure of this brand (confidence "
                    f"{twin.confidence:.2f}): please check the facts and remove any that are wrong.",
                    "options": [], "current": twin.confidence})
    for s in twin.suspicious_sources:
        out.append({"id": f"suspicious:{s.url}", "topic": "unsure", "text": f"{s.url} carried instruction-like "
                    "text, which research ignored: is that page really yours?", "options": [], "current": None})
    return out


# ---------------------------------------------------------------- corrections


def _drop_fact(twin: BrandTwin, fact_id: str) -> tuple[BrandTwin, dict[str, Any]]:
    fact = next((f for f in twin.facts if f.id == fact_id), None)
    if fact is None:
        raise InvalidInput(f"correction.fact_id: no fact {fact_id!r} in this session's brand twin")

    def keep(ids: list[str]) -> list[str]:
        return [i for i in ids if i != fact_id]

    data = twin.model_dump(mode="json")
    data["facts"] = [f for f in data["facts"] if f["id"] != fact_id]
    data["summary_fact_ids"] = keep(data["summary_fact_ids"])
    for key in ("products", "audience_segments", "competitors"):
        for item in data[key]:
            item["fact_ids"] = keep(item["fact_ids"])
    return BrandTwin.model_validate(data), {"id": fact.id, "text": fact.text, "quote": fact.quote,
                                            "source_url": fact.source_url}


def _twin_row(session: Session, row: OnboardingSession) -> BrandTwinRow:
    twin = session.get(BrandTwinRow, row.brand_twin_id) if row.brand_twin_id else None
    if twin is None:
        raise Conflict("research has not produced a brand twin for this session yet")
    return twin


def _draft(row: OnboardingSession) -> dict[str, Any]:
    if not row.draft_contract:
        raise Conflict("research has not produced a draft contract for this session yet")
    return dict(row.draft_contract)


def _apply(session: Session, row: OnboardingSession, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Change the stored twin or draft; returns what changed (for the confirming event)."""
    if kind in ("remove_fact", "mark_fact_wrong"):
        twin_row = _twin_row(session, row)
        twin, fact = _drop_fact(BrandTwin.model_validate(twin_row.data), str(payload["fact_id"]))
        twin_row.data = twin.model_dump(mode="json")
        # The fact row goes too: nothing can cite a fact the marketer took out.
        session.execute(delete(FactRow).where(FactRow.id == fact_row_id(twin_row.id, fact["id"])))
        return {"fact": fact, "facts_left": len(twin.facts)}
    draft = _draft(row)
    if kind == "add_avoid_term":
        term = " ".join(str(payload["term"]).split())
        avoid = list(draft.get("avoid_list") or [])
        if term.casefold() not in {a.casefold() for a in avoid}:
            avoid.append(term)
        draft["avoid_list"] = avoid
        row.draft_contract = ContractCard.model_validate(draft).model_dump(mode="json")
        return {"avoid_list": avoid}
    if kind == "set_budget_cap":
        channel, cap = str(payload["channel"]), float(payload["budget_cap"])
        paid = payload.get("paid_spend")
        if channel not in CHANNEL_CODES:
            raise InvalidInput(f"correction.channel: {channel} is not a channel campaigns can publish to "
                               f"({', '.join(sorted(CHANNEL_CODES))})")
        channels = [dict(c) for c in draft.get("channels") or []]
        hit = next((c for c in channels if c["channel"] == channel), None)
        if hit is None:
            currency = channels[0]["currency"] if channels else "USD"
            hit = ChannelBudget(channel=channel, budget_cap=cap, currency=currency,
                                rationale="added by the marketer").model_dump(mode="json")
            channels.append(hit)
        old = ChannelBudget.model_validate(hit)
        if paid is None:  # keep the channel's paid share of its cap
            share = old.planned_paid_spend() / old.budget_cap if old.budget_cap > 0 else DEFAULT_PAID_SHARE
            paid = round(cap * share, 2)
        if float(paid) > cap:
            raise InvalidInput(f"correction.paid_spend: {paid:g} is more than the {channel} cap {cap:g}")
        hit["budget_cap"], hit["paid_spend"] = cap, float(paid)
        draft["channels"] = channels
        row.draft_contract = ContractCard.model_validate(draft).model_dump(mode="json")
        return {"channel": channel, "budget_cap": cap, "paid_spend": float(paid),
                "total": round(sum(float(c["budget_cap"]) for c in channels), 2)}
    if kind == "set_kpi_targets":
        given = {k: float(v) for k, v in payload.items() if k in KPI_WORDS and v is not None}
        targets = {**(draft.get("kpi_targets") or {}), **given}
        draft["kpi_targets"] = targets
        row.draft_contract = ContractCard.model_validate(draft).model_dump(mode="json")
        return {"kpi_targets": row.draft_contract["kpi_targets"]}
    raise InvalidInput(f"correction.kind: unknown correction {kind!r}")


@dataclass(frozen=True)
class Applied:
    """A stored correction and the id of the event that confirms it."""

    correction_id: str
    event_id: int


def _correct(session: Session, row: OnboardingSession, tenant_id: uuid.UUID, user_id: uuid.UUID, kind: str,
             payload: dict[str, Any], *, source: str = "correction") -> Applied:
    result = _apply(session, row, kind, payload)
    correction = OnboardingCorrection(tenant_id=tenant_id, session_id=row.id, user_id=user_id, kind=kind,
                                      payload=payload)
    session.add(correction)
    session.flush()
    seq = append_event(session, row, "correction_applied", {
        "correction_id": str(correction.id), "kind": kind, "by": str(user_id), "payload": payload,
        "result": result, "source": source})
    record_event(session, tenant_id, actor=str(user_id), action=f"onboarding.{kind}",
                 resource_type="onboarding_session", resource_id=row.id, payload=payload)
    return Applied(str(correction.id), seq)


def apply_correction(engine: Engine, tenant_id: uuid.UUID, session_id: uuid.UUID, user_id: uuid.UUID,
                     kind: str, payload: dict[str, Any]) -> Applied:
    """Store the correction (who, what), apply it and confirm it with a `correction_applied` event."""
    with tenant_session(engine, tenant_id) as session:
        row = get_session(session, session_id, lock=True)
        if row.status in ("researching", "failed"):
            raise Conflict(f"the session is {row.status}: corrections apply once research has finished")
        return _correct(session, row, tenant_id, user_id, kind, payload)


def add_message(engine: Engine, tenant_id: uuid.UUID, session_id: uuid.UUID, user_id: uuid.UUID,
                text: str) -> int:
    """Record the marketer's free-text message (answers to the questions) as a `message` event.

    What the text says that the draft can hold is applied too, as a correction from the message: a number
    next to a KPI word ("10,000 impressions", "500 website visits") sets that KPI target when the message
    says it is wanted ("our goal is", "we'd be happy with"); "the site gets 5,000 visits" describes today
    and sets nothing. Anything else stays a message the marketer can turn into a structured correction.
    """
    with tenant_session(engine, tenant_id) as session:
        row = get_session(session, session_id, lock=True)
        seq = append_event(session, row, "message", {"text": text, "by": str(user_id)})
        targets = goal_targets([text]) if _WANTS.search(text) else {}
        if targets and row.draft_contract and row.status not in ("researching", "failed"):
            _correct(session, row, tenant_id, user_id, "set_kpi_targets", targets, source="message")
        return seq


# ---------------------------------------------------------------- acceptance


def accept_contract(engine: Engine, tenant_id: uuid.UUID, session_id: uuid.UUID, user_id: uuid.UUID,
                    mode: str, edits: Mapping[str, Any]) -> dict[str, Any]:
    """The draft (with ``edits``) becomes the workspace's agreed contract card in ``mode``.

    Whether ``mode`` is allowed for the user (live: admins only) is the caller's policy check.
    """
    with tenant_session(engine, tenant_id) as session:
        row = get_session(session, session_id, lock=True)
        draft = _draft(row)
        try:
            card = ContractCard.model_validate({**draft, **{k: v for k, v in edits.items() if v is not None},
                                                "mode": mode, "draft": False}).model_dump(mode="json")
        except ValueError as exc:
            raise InvalidInput(f"edits: the edited contract is invalid: {exc}") from None
        twin_row = _twin_row(session, row)
        if twin_row.workspace_id is not None:
            ws = session.get(Workspace, twin_row.workspace_id)
            if ws is not None:
                ws.contract_card, ws.mode, ws.region = card, mode, card.get("region")
                ws.budget_caps = {c["channel"]: c["budget_cap"] for c in card["channels"]}
        row.accepted_contract, row.accepted_mode, row.accepted_by = card, mode, user_id
        row.accepted_at, row.status = datetime.now(UTC), "accepted"
        append_event(session, row, "contract_accepted", {"mode": mode, "by": str(user_id), "contract": card})
        record_event(session, tenant_id, actor=str(user_id), action="onboarding.contract_accepted",
                     resource_type="onboarding_session", resource_id=row.id,
                     payload={"mode": mode, "workspace_id": str(twin_row.workspace_id)})
        return card
