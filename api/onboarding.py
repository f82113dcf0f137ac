"""Chat-onboarding routes: start a session (research runs in a worker), stream its events over SSE,
correct what research found, accept the contract card.

Events are rows of ``onboarding_events`` (agents/research/onboarding_chat.py); a stream polls them,
sends each as an SSE event whose id is its per-session number, and ends (bounded) once the session waits
for the marketer, is accepted or failed, or after ``max_wait_s``. A client resumes with ``Last-Event-ID``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy import Engine, select
from sqlalchemy.dialects.postgresql import insert
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from agents.research.onboarding_chat import (
    PAGE,
    SETTLED,
    accept_contract,
    add_message,
    append_event,
    apply_correction,
    events_after,
    get_session,
    last_seq,
)
from api import idempotency
from api.authz import OnboardingReader, OnboardingWriter, require
from api.campaigns import connect
from api.deps import EngineDep, SettingsDep
from api.errors import responses
from api.onboarding_models import (
    BrandTwinSummary,
    ContractAccept,
    ContractAccepted,
    CorrectionOut,
    FactOut,
    MessageCreate,
    SessionCreate,
    SessionOut,
)
from core.contracts.brand import BrandTwin
from core.db import tenant_session
from core.identity import Principal
from core.keys import keyring
from core.models import BrandTwinRow, OnboardingCorrection, OnboardingSession
from core.settings import Settings
from workflows.onboarding import OnboardingWorkflow
from workflows.onboarding_activities import OnboardingRequest
from workflows.signing import onboarding_workflow_id, sign_start

router = APIRouter(prefix="/v1/onboarding", tags=["onboarding"])

#: How often a stream looks for new events.
POLL_S = 0.5
#: The whole run (research has its own 20-minute limit inside it).
RUN_TIMEOUT = timedelta(minutes=30)
#: A session id derived from an Idempotency-Key: concurrent duplicates create one session.
_SESSION_NS = uuid.UUID("6f1d1c1e-5b0a-4f3e-9c57-0e7d3f0b9a11")

# A plain string (not nullable): a documented null would invite clients to send the text "null".
LastEventId = Annotated[str, Header(
    alias="Last-Event-ID", pattern=r"^\d{1,9}$",
    description="The id of the last event the client received; the stream continues after it")]
MaxWait = Annotated[int, Query(ge=0, le=600, description="End the stream after this many seconds even if the "
                                                          "session is still researching (reconnect to go on)")]

SSE_DOC: dict[int | str, dict[str, Any]] = {200: {
    "description": "Server-Sent Events: `id` is the event's number in the session, `event` its kind, `data` its "
                   "JSON payload; a last `stream_end` event (no id) says why the stream ended.",
    "content": {"text/event-stream": {"schema": {"type": "string"}}}}}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _summary(row: BrandTwinRow) -> BrandTwinSummary:
    twin = BrandTwin.model_validate(row.data)
    return BrandTwinSummary(
        id=str(row.id), name=twin.name, url=twin.url, industry=twin.industry, confidence=twin.confidence,
        region=twin.region, missing=list(twin.missing), products=len(twin.products),
        competitors=len(twin.competitors), suspicious_sources=len(twin.suspicious_sources),
        facts=[FactOut(id=f.id, kind=f.kind, text=f.text, quote=f.quote, source_url=f.source_url,
                       confidence=f.confidence) for f in twin.facts])


def load_state(engine: Engine, tenant_id: uuid.UUID, session_id: uuid.UUID) -> SessionOut:
    """The session as GET returns it (404 for another tenant's id: RLS hides the row)."""
    with tenant_session(engine, tenant_id) as session:
        row = get_session(session, session_id)
        twin = session.get(BrandTwinRow, row.brand_twin_id) if row.brand_twin_id else None
        corrections = session.execute(select(OnboardingCorrection).where(
            OnboardingCorrection.session_id == row.id).order_by(OnboardingCorrection.created_at,
                                                                OnboardingCorrection.id)).scalars().all()
        return SessionOut(
            id=str(row.id), status=row.status, brand_url=row.brand_url, brand_name=row.brand_name,
            workflow_id=row.workflow_id, created_by=str(row.created_by), created_at=_iso(row.created_at) or "",
            last_event_id=last_seq(session, row.id), events_url=f"/v1/onboarding/sessions/{row.id}/events",
            brand_twin=_summary(twin) if twin is not None else None, draft_contract=row.draft_contract,
            accepted_contract=row.accepted_contract, accepted_mode=row.accepted_mode,
            accepted_by=str(row.accepted_by) if row.accepted_by else None, accepted_at=_iso(row.accepted_at),
            corrections=[CorrectionOut(id=str(c.id), kind=c.kind, user_id=str(c.user_id), payload=dict(c.payload),
                                       created_at=_iso(c.created_at) or "") for c in corrections])


def _create_row(engine: Engine, principal: Principal, session_id: uuid.UUID, body: SessionCreate,
                workflow_id: str) -> bool:
    """Insert the session and its first event; False when this id exists already (a repeated key)."""
    with tenant_session(engine, principal.tenant_id) as session:
        # ON CONFLICT: two requests racing with one Idempotency-Key make one session, not an error.
        created = session.execute(insert(OnboardingSession).values(
            id=session_id, tenant_id=principal.tenant_id, created_by=principal.user_id, brand_url=body.brand_url,
            brand_name=body.brand_name, status="researching", workflow_id=workflow_id,
        ).on_conflict_do_nothing(index_elements=["id"]).returning(OnboardingSession.id)).first()
        if created is None:
            return False
        row = get_session(session, session_id, lock=True)
        what = body.brand_url or body.brand_name
        append_event(session, row, "status", {"status": "researching", "message": f"Researching {what}"})
        return True


def _mark_unstarted(engine: Engine, tenant_id: uuid.UUID, session_id: uuid.UUID, reason: str) -> None:
    with tenant_session(engine, tenant_id) as session:
        row = get_session(session, session_id, lock=True)
        if row.status == "researching":
            row.status = "failed"
            append_event(session, row, "failed", {"stage": "start", "message": reason, "reasons": [reason]})


async def _start(settings: Settings, engine: Engine, principal: Principal, session_id: uuid.UUID,
                 body: SessionCreate, workflow_id: str) -> None:
    req = OnboardingRequest(tenant_id=str(principal.tenant_id), session_id=str(session_id),
                            requested_by=str(principal.user_id), brand_url=body.brand_url,
                            brand_name=body.brand_name, embedder=body.embedder,
                            quick_step_timeout_s=float(settings.quick_step_timeout_s))
    signed = dataclasses.replace(req, start_token=sign_start(keyring(settings), req, workflow_id))
    try:
        client = await connect(settings)
        await client.start_workflow(
            OnboardingWorkflow.run, signed, id=workflow_id, task_queue=settings.task_queue,
            execution_timeout=RUN_TIMEOUT,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE)
    except WorkflowAlreadyStartedError:
        return  # a repeated request: the run exists (or ran)
    except Exception as exc:
        # The session must not claim to research forever: it says the start failed, then the 503 follows.
        await run_in_threadpool(_mark_unstarted, engine, principal.tenant_id, session_id,
                                f"the workflow service could not start the research: {type(exc).__name__}")
        raise


async def start_session(engine: Engine, settings: Settings, principal: Principal, session_id: uuid.UUID,
                        body: SessionCreate) -> None:
    """Store the session (once per id) and start its research in a worker; the web page calls this too."""
    wid = onboarding_workflow_id(keyring(settings), str(principal.tenant_id), str(session_id))
    if await run_in_threadpool(_create_row, engine, principal, session_id, body, wid):
        await _start(settings, engine, principal, session_id, body, wid)


@router.post("/sessions", status_code=201, response_model=SessionOut,
             responses=responses(401, 403, 413, 422, 503))
async def create_session(body: SessionCreate, principal: OnboardingWriter, engine: EngineDep,
                         settings: SettingsDep, idempotency_key: idempotency.IdempotencyHeader = None) -> SessionOut:
    """Start onboarding: research on ``brand_url`` runs in a worker; follow it at ``events_url``.

    With only ``brand_name`` nothing is crawled: the session asks for the website. The same
    Idempotency-Key returns the same session (concurrent duplicates create one).
    """
    key = idempotency.checked_key(idempotency_key)
    path = "/v1/onboarding/sessions"
    digest = idempotency.request_hash("POST", path, body)
    if key is not None:
        stored = await run_in_threadpool(idempotency.lookup, engine, principal, key, digest)
        if stored is not None:
            return SessionOut.model_validate(stored.body)
    sid = uuid.uuid5(_SESSION_NS, f"{principal.tenant_id}:{key}") if key is not None else uuid.uuid4()
    await start_session(engine, settings, principal, sid, body)
    answer = await run_in_threadpool(load_state, engine, principal.tenant_id, sid)
    if key is not None:
        won = await run_in_threadpool(idempotency.store, engine, principal, key, "POST", path, digest,
                                      idempotency.Stored(201, answer.model_dump(mode="json")))
        return SessionOut.model_validate(won.body)
    return answer


@router.get("/sessions/{session_id}", response_model=SessionOut, responses=responses(401, 403, 404, 422))
async def get_onboarding_session(session_id: uuid.UUID, principal: OnboardingReader,
                                 engine: EngineDep) -> SessionOut:
    """Status, the brand twin's facts (with quotes and sources), the draft and accepted contract, corrections."""
    return await run_in_threadpool(load_state, engine, principal.tenant_id, session_id)


async def _events(request: Request, engine: Engine, tenant_id: uuid.UUID, session_id: uuid.UUID, after: int,
                  max_wait_s: int) -> AsyncIterator[ServerSentEvent]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max_wait_s
    cursor = after
    while True:
        page = await run_in_threadpool(events_after, engine, tenant_id, session_id, cursor)
        for seq, kind, payload in page.events:
            cursor = seq
            yield ServerSentEvent(data=json.dumps(payload, separators=(",", ":")), event=kind, id=str(seq))
        if len(page.events) == PAGE:
            continue  # a full page: more are waiting right now
        # The status was read before the events: settled means this page held every event there is.
        reason = "settled" if page.status in SETTLED else "time_limit" if loop.time() >= deadline else None
        if reason is not None:
            yield ServerSentEvent(data=json.dumps({"status": page.status, "last_event_id": cursor,
                                                   "reason": reason}), event="stream_end")
            return
        if await request.is_disconnected():
            return
        await asyncio.sleep(POLL_S)


async def stream_events(request: Request, engine: Engine, principal: Principal, session_id: uuid.UUID, after: int,
                        max_wait_s: int) -> EventSourceResponse:
    """The session's events after ``after`` as SSE (the JSON route and the web page's stream share it)."""
    return EventSourceResponse(_events(request, engine, principal.tenant_id, session_id, after, max_wait_s),
                               ping=15, send_timeout=30)


async def ensure_exists(engine: Engine, principal: Principal, session_id: uuid.UUID) -> None:
    """NotFound (404) unless the session is in the principal's tenant."""
    def check() -> None:
        with tenant_session(engine, principal.tenant_id) as session:
            get_session(session, session_id)

    await run_in_threadpool(check)


@router.get("/sessions/{session_id}/events", response_class=EventSourceResponse,
            responses={**SSE_DOC, **responses(401, 403, 404, 422)})
async def session_events(request: Request, session_id: uuid.UUID, principal: OnboardingReader, engine: EngineDep,
                         last_event_id: LastEventId = "", max_wait_s: MaxWait = 120) -> EventSourceResponse:
    """The session's events after ``Last-Event-ID`` (all without it), as Server-Sent Events (bounded)."""
    await ensure_exists(engine, principal, session_id)
    return await stream_events(request, engine, principal, session_id, int(last_event_id or 0), max_wait_s)


@router.post("/sessions/{session_id}/messages", response_class=EventSourceResponse,
             responses={**SSE_DOC, **responses(401, 403, 404, 409, 413, 422)})
async def post_message(request: Request, session_id: uuid.UUID, body: MessageCreate, principal: OnboardingWriter,
                       engine: EngineDep, last_event_id: LastEventId = "",
                       max_wait_s: MaxWait = 120) -> EventSourceResponse:
    """Send text or a correction; the answer streams the events after ``Last-Event-ID`` (without it: from the
    event this message produced), ending when the session waits for the marketer again.

    A correction is stored with who made it, applied to the stored brand twin or draft contract, and
    confirmed by a `correction_applied` event. 409 while research still runs; 422 for an unknown fact.
    """
    await ensure_exists(engine, principal, session_id)
    if (body.text is None) == (body.correction is None):
        raise RequestValidationError([{"loc": ("body",), "type": "value_error",
                                       "msg": "give exactly one of text or correction"}])
    if body.correction is not None:
        payload = body.correction.model_dump(mode="json")
        kind = payload.pop("kind")
        applied = await run_in_threadpool(apply_correction, engine, principal.tenant_id, session_id,
                                          principal.user_id, kind, payload)
        seq = applied.event_id
    else:
        assert body.text is not None  # the model requires one of the two
        seq = await run_in_threadpool(add_message, engine, principal.tenant_id, session_id, principal.user_id,
                                      body.text)
    after = int(last_event_id) if last_event_id else seq - 1
    return await stream_events(request, engine, principal, session_id, after, max_wait_s)


@router.post("/sessions/{session_id}/contract", response_model=ContractAccepted,
             responses=responses(401, 403, 404, 409, 413, 422))
async def accept(session_id: uuid.UUID, body: ContractAccept, principal: OnboardingWriter, engine: EngineDep,
                 settings: SettingsDep) -> ContractAccepted:
    """Accept the draft contract card (with optional edits) as the workspace's contract.

    ``live`` needs the policy gate's `api.contracts.go_live` (admins): anyone else gets 403 with the reasons.
    """
    await ensure_exists(engine, principal, session_id)  # 404 before any policy answer about another tenant's id
    if body.mode == "live":
        await require(engine, settings, principal, "api.contracts.go_live")
    edits = body.edits.model_dump(mode="json", exclude_none=True) if body.edits else {}
    card = await run_in_threadpool(accept_contract, engine, principal.tenant_id, session_id, principal.user_id,
                                   body.mode, edits)
    return ContractAccepted(session_id=str(session_id), mode=body.mode, accepted_by=str(principal.user_id),
                            contract=card)
