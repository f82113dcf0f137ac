"""What the onboarding chat page shows, read from the database as plain data (the template only escapes it).

The page is rendered whole from the session's current state: the stored brand twin (corrections applied),
the draft or accepted contract, and the event log folded into progress, questions and a transcript. The
page's script only adds what arrives later (api/web/static/chat.js), so the page works without it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from agents.research.onboarding_chat import get_session, twin_card
from core.contracts.brand import BrandTwin
from core.db import tenant_session
from core.models import BrandTwinRow, OnboardingEvent

#: Kinds whose arrival changes the cards: the script reloads the page once the stream settles after one.
CARD_EVENTS = ("brand_twin", "contract_draft", "questions", "correction_applied", "contract_accepted", "failed")


@dataclass
class ChatView:
    """The conversation page's data."""

    id: str
    status: str
    brand_url: str | None
    brand_name: str | None
    last_event_id: int
    progress: dict[str, Any] | None = None
    twin: dict[str, Any] | None = None
    draft: dict[str, Any] | None = None
    accepted: dict[str, Any] | None = None
    accepted_mode: str | None = None
    questions: list[dict[str, Any]] = field(default_factory=list)
    transcript: list[tuple[int, str, str]] = field(default_factory=list)


def safe_link(url: Any) -> str | None:
    """A crawled URL as a link target only when it is plain http(s) (never javascript: or data:)."""
    text = str(url or "")
    return text if text.startswith(("http://", "https://")) else None


def describe(kind: str, payload: dict[str, Any]) -> str:
    """One transcript line for an event (plain text; the template escapes it, the script uses textContent)."""
    if kind in ("status", "message"):
        return str(payload.get("message") or payload.get("text") or payload.get("status") or "")
    if kind == "crawl_progress":
        return (f"Read {payload.get('pages_fetched', 0)} pages ({payload.get('pages_skipped', 0)} skipped, "
                f"{payload.get('pages_failed', 0)} failed)")
    if kind == "crawl_done":
        return "Finished reading the site"
    if kind == "brand_twin":
        return f"Found {len(payload.get('facts') or [])} facts about {payload.get('name', 'the brand')}"
    if kind == "contract_draft":
        return "Drafted a contract card"
    if kind == "questions":
        return f"{len(payload.get('questions') or [])} questions for you"
    if kind == "correction_applied":
        return f"Correction applied: {str(payload.get('kind', '')).replace('_', ' ')}"
    if kind == "contract_accepted":
        return f"Contract accepted in {payload.get('mode')} mode"
    if kind == "failed":
        return f"Failed: {payload.get('message', '')}"
    return kind


def chat_view(engine: Engine, tenant_id: uuid.UUID, session_id: uuid.UUID) -> ChatView:
    """The page's data (NotFound for another tenant's id: row-level security hides it)."""
    with tenant_session(engine, tenant_id) as session:
        row = get_session(session, session_id)
        events = session.execute(select(OnboardingEvent.seq, OnboardingEvent.kind, OnboardingEvent.payload)
                                 .where(OnboardingEvent.session_id == row.id).order_by(OnboardingEvent.seq)).all()
        twin_row = session.get(BrandTwinRow, row.brand_twin_id) if row.brand_twin_id else None
        view = ChatView(id=str(row.id), status=row.status, brand_url=row.brand_url, brand_name=row.brand_name,
                        last_event_id=int(events[-1][0]) if events else 0,
                        draft=dict(row.draft_contract) if row.draft_contract else None,
                        accepted=dict(row.accepted_contract) if row.accepted_contract else None,
                        accepted_mode=row.accepted_mode)
        if twin_row is not None:
            twin = twin_card(str(twin_row.id), BrandTwin.model_validate(twin_row.data))
            for fact in twin["facts"]:
                fact["link"] = safe_link(fact["source_url"])
            view.twin = twin
    for seq, kind, payload in events:
        data = dict(payload)
        if kind == "crawl_progress":
            view.progress = data
        elif kind == "questions":
            view.questions = list(data.get("questions") or [])
        view.transcript.append((int(seq), str(kind), describe(str(kind), data)))
    return view
