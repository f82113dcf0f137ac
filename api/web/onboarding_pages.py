"""The marketer's onboarding chat pages: start from a brand URL, follow research live, correct, accept.

Same rules as the review pages (api/web/pages.py): the user comes from the session cookie, every action
passes the policy gate with the role from the database (api.workspaces.read/write: marketers and admins;
live mode needs api.contracts.go_live), every form POST carries the CSRF token and redirects back, and
the domain functions are the JSON API's (api/onboarding.py, agents/research/onboarding_chat.py). Live
updates come from a cookie-authenticated SSE route that reuses the JSON API's event stream.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from temporalio.service import RPCError

from agents.research.onboarding_chat import accept_contract, add_message, apply_correction
from api.deps import EngineDep, SettingsDep
from api.onboarding import ensure_exists, start_session, stream_events
from api.onboarding_models import Correction, MessageCreate, SessionCreate
from api.web import sessions
from api.web.onboarding_view import CARD_EVENTS, chat_view
from api.web.pages import _domain_error, _error, _signed_in_form, _to_sign_in, _user, permit, render
from api.web.security import PREFIX
from core.errors import SmmError
from core.input_checks import EMBEDDERS

READ = "api.workspaces.read"
WRITE = "api.workspaces.write"
GO_LIVE = "api.contracts.go_live"
#: A page's stream ends after this long; EventSource then reconnects with Last-Event-ID by itself.
STREAM_S = 60
_CORRECTION: TypeAdapter[Any] = TypeAdapter(Correction)
#: What the notice after a redirect says (the query names one of these; nothing else is reflected).
DONE = {"remove_fact": "The fact was removed.", "mark_fact_wrong": "The fact was marked wrong and removed.",
        "add_avoid_term": "The avoid term was added.", "set_budget_cap": "The budget cap was changed.",
        "set_kpi_targets": "The KPI targets were set.",
        "message": "Your message was recorded.", "accepted_shadow": "The contract was accepted in shadow mode.",
        "accepted_live": "The contract was accepted in live mode."}
_CORRECTION_FIELDS = ("kind", "fact_id", "note", "term", "channel", "budget_cap")
router = APIRouter(prefix=PREFIX, include_in_schema=False)


def _invalid(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'form'}: {e['msg']}" for e in exc.errors())


def _session_id(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


@router.get("/onboarding")
async def start_page(request: Request, engine: EngineDep, settings: SettingsDep) -> Response:
    """The start form: the brand's website."""
    user = await _user(request, engine)
    if user is None:
        return _to_sign_in()
    try:
        await permit(engine, settings, user, WRITE)
    except SmmError as exc:
        return _domain_error(exc, user)
    return render("onboarding_start.html", user=user, embedders=EMBEDDERS)


@router.post("/onboarding")
async def start(request: Request, engine: EngineDep, settings: SettingsDep) -> Response:
    """Create a session exactly as POST /v1/onboarding/sessions does, then show its conversation."""
    got = await _signed_in_form(request, engine)
    if isinstance(got, Response):
        return got
    user, form = got
    try:
        await permit(engine, settings, user, WRITE)
    except SmmError as exc:
        return _domain_error(exc, user)
    try:
        body = SessionCreate(brand_url=form.get("brand_url", "").strip() or None,
                             embedder=form.get("embedder") or "minilm")
    except ValidationError as exc:
        return _error(422, f"invalid onboarding form: {_invalid(exc)}", user)
    sid = uuid.uuid4()
    try:
        await start_session(engine, settings, user.principal, sid, body)
    except SmmError as exc:
        return _domain_error(exc, user)
    except RPCError:
        return _error(503, "the workflow service is unavailable; retry later", user)
    return RedirectResponse(f"{PREFIX}/onboarding/{sid}", status_code=303)


@router.get("/onboarding/{session_id}")
async def chat_page(session_id: str, request: Request, engine: EngineDep, settings: SettingsDep,
                    done: str | None = None) -> Response:
    """The conversation: progress, the brand twin card, the draft contract card, the questions."""
    user = await _user(request, engine)
    if user is None:
        return _to_sign_in()
    sid = _session_id(session_id)
    if sid is None:
        return _error(404, f"onboarding session {session_id} not found", user)
    try:
        await permit(engine, settings, user, READ)
        view = await run_in_threadpool(chat_view, engine, user.principal.tenant_id, sid)
    except SmmError as exc:
        return _domain_error(exc, user)
    return render("onboarding_chat.html", user=user, chat=view, done=DONE.get(done or ""),
                  card_events=" ".join(CARD_EVENTS))


@router.get("/onboarding/{session_id}/events")
async def chat_events(session_id: str, request: Request, engine: EngineDep, settings: SettingsDep,
                      after: int = 0) -> Response:
    """The session's events as Server-Sent Events for the page's EventSource (the session cookie signs in).

    ``after`` is where the page's rendering ended; a reconnect's Last-Event-ID takes precedence.
    """
    user = await _user(request, engine)
    if user is None:
        return _error(403, "not signed in (or the session has ended): sign in again")
    sid = _session_id(session_id)
    resumed = request.headers.get("last-event-id", "")
    if sid is None or not (resumed == "" or (resumed.isdigit() and len(resumed) < 10)):
        return _error(404 if sid is None else 422, "unknown session or bad Last-Event-ID", user)
    try:
        await permit(engine, settings, user, READ)
        await ensure_exists(engine, user.principal, sid)
    except SmmError as exc:
        return _domain_error(exc, user)
    cursor = int(resumed) if resumed else max(0, min(after, 10**9))
    return await stream_events(request, engine, user.principal, sid, cursor, STREAM_S)


async def _act(request: Request, engine: Any, settings: Any, session_id: str,
               ) -> tuple[sessions.WebUser, dict[str, str], uuid.UUID] | Response:
    """The signed-in writer, form and session id of a POST on a session (or the refusal page)."""
    got = await _signed_in_form(request, engine)
    if isinstance(got, Response):
        return got
    user, form = got
    sid = _session_id(session_id)
    if sid is None:
        return _error(404, f"onboarding session {session_id} not found", user)
    try:
        await permit(engine, settings, user, WRITE)
        await ensure_exists(engine, user.principal, sid)  # another tenant's id: 404 before anything else
    except SmmError as exc:
        return _domain_error(exc, user)
    return user, form, sid


def _back(sid: uuid.UUID, done: str) -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/onboarding/{sid}?done={done}", status_code=303)


@router.post("/onboarding/{session_id}/corrections")
async def correct(session_id: str, request: Request, engine: EngineDep, settings: SettingsDep) -> Response:
    """One correction (remove a fact, add an avoid term, set a budget cap), validated as the JSON API does."""
    got = await _act(request, engine, settings, session_id)
    if isinstance(got, Response):
        return got
    user, form, sid = got
    fields: dict[str, Any] = {k: v for k, v in form.items() if k in _CORRECTION_FIELDS}
    try:
        if "budget_cap" in fields:  # a form field is text; the model is strict about numbers
            fields["budget_cap"] = float(fields["budget_cap"])
    except ValueError:
        return _error(422, "invalid correction: budget_cap: give a number", user)
    try:
        correction = _CORRECTION.validate_python(fields)
    except ValidationError as exc:
        return _error(422, f"invalid correction: {_invalid(exc)}", user)
    payload = correction.model_dump(mode="json")
    kind = payload.pop("kind")
    try:
        await run_in_threadpool(apply_correction, engine, user.principal.tenant_id, sid, user.principal.user_id,
                                kind, payload)
    except SmmError as exc:
        return _domain_error(exc, user)
    return _back(sid, kind)


@router.post("/onboarding/{session_id}/messages")
async def message(session_id: str, request: Request, engine: EngineDep, settings: SettingsDep) -> Response:
    """A free-text answer to the questions."""
    got = await _act(request, engine, settings, session_id)
    if isinstance(got, Response):
        return got
    user, form, sid = got
    try:
        body = MessageCreate(text=form.get("text", ""))
    except ValidationError as exc:
        return _error(422, f"invalid message: {_invalid(exc)}", user)
    assert body.text is not None
    try:
        await run_in_threadpool(add_message, engine, user.principal.tenant_id, sid, user.principal.user_id,
                                body.text)
    except SmmError as exc:
        return _domain_error(exc, user)
    return _back(sid, "message")


@router.post("/onboarding/{session_id}/contract")
async def accept(session_id: str, request: Request, engine: EngineDep, settings: SettingsDep) -> Response:
    """Accept the draft contract in shadow mode, or live (the gate allows it to admins only)."""
    got = await _act(request, engine, settings, session_id)
    if isinstance(got, Response):
        return got
    user, form, sid = got
    mode = form.get("mode", "")
    if mode not in ("shadow", "live"):
        return _error(422, "mode: choose shadow or live", user)
    try:
        if mode == "live":
            await permit(engine, settings, user, GO_LIVE)
        await run_in_threadpool(accept_contract, engine, user.principal.tenant_id, sid, user.principal.user_id,
                                mode, {})
    except SmmError as exc:
        return _domain_error(exc, user)
    return _back(sid, f"accepted_{mode}")
