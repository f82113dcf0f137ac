"""The approver's pages: sign in with an API key, the review queue, a decision card, and the decision form.

Each page resolves its user from the session cookie (api/web/sessions.py), checks the same gate actions
as the JSON routes (api/authz.py) and calls the same domain functions (api/cards.py), so row-level
security, roles and four-eyes hold exactly as in the API. Every form POST carries the session's CSRF token.
Refusals are pages with the status and the reason, never a traceback.
"""

from __future__ import annotations

import hmac
import secrets
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from temporalio.service import RPCError

from api.authz import DECIDE, READ_CARDS, admit, admitted_read
from api.cards import decide_on_card, read_card, read_queue
from api.deps import EngineDep, SettingsDep
from api.models import DecisionCreate
from api.web import sessions
from api.web.security import PREFIX
from api.web.view import card_page
from core.errors import PolicyDenied, RateLimited, SmmError, Unauthorized
from core.identity import Principal, authenticate_in, key_tenant

T = TypeVar("T")
HERE = Path(__file__).parent
# autoescape=True for every template: crawled text and model output are untrusted.
templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, auto_reload=False)
static_files = StaticFiles(directory=HERE / "static")
router = APIRouter(prefix=PREFIX, include_in_schema=False)

SIGNIN_COOKIE = "smm_signin"  # the sign-in form's CSRF token (double submit: there is no session yet)
MAX_FIELDS = 10
DECISIONS = {"approve": "Approve", "reject": "Reject", "request_changes": "Request changes"}


class FormError(Exception):
    """A form that cannot be read (bad encoding, too many fields)."""


def render(name: str, code: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page with HTTP status ``code``."""
    return HTMLResponse(templates.get_template(name).render(prefix=PREFIX, **context), status_code=code)


def _error(status: int, message: str, user: sessions.WebUser | None = None, reasons: list[str] | None = None,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    page = render("error.html", status, status=status, message=message, reasons=reasons or [], user=user)
    for k, v in (headers or {}).items():
        page.headers[k] = v
    return page


def _domain_error(exc: SmmError, user: sessions.WebUser | None) -> HTMLResponse:
    reasons = list(exc.reasons) if isinstance(exc, PolicyDenied) and exc.reasons else None
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
    status = exc.http_status if exc.http_status < 500 else 503
    message = str(exc) if exc.http_status < 500 else "a backing service is unavailable; retry later"
    return _error(status, message, user, reasons, headers)


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


async def _form(request: Request) -> dict[str, str]:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise FormError("expected a form (application/x-www-form-urlencoded)")
    try:
        raw = (await request.body()).decode("utf-8")
        parsed = parse_qs(raw, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise FormError(f"unreadable form: {exc}") from exc
    return {k: v[0] for k, v in parsed.items()}


async def read_as_user(engine: Any, settings: Any, user: sessions.WebUser, action: str,
                       read: Callable[[Session, Principal], T]) -> T:
    """Count a page request against the user's rate limits, ask the gate for ``action`` (as the API does),
    then ``read``: one transaction (api.authz.admitted_read)."""
    return await run_in_threadpool(admitted_read, engine, settings, lambda _: user.principal,
                                   user.principal.tenant_id, action, read)


async def permit(engine: Any, settings: Any, user: sessions.WebUser, action: str) -> None:
    """`read_as_user` with nothing to read: the page's own work follows in its own transaction."""
    await read_as_user(engine, settings, user, action, lambda _session, principal: principal)


async def _user(request: Request, engine: Any) -> sessions.WebUser | None:
    return await run_in_threadpool(sessions.resolve, engine, request.cookies.get(sessions.COOKIE))


def _to_sign_in() -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/sign-in", status_code=303)


async def _signed_in_form(request: Request, engine: Any) -> tuple[sessions.WebUser, dict[str, str]] | Response:
    """The user and form of a POST, or the 403/422 page: no session or a wrong CSRF token is refused."""
    user = await _user(request, engine)
    if user is None:
        return _error(403, "not signed in (or the session has ended): sign in again")
    try:
        form = await _form(request)
    except FormError as exc:
        return _error(422, str(exc), user)
    if not sessions.csrf_ok(user, form.get("csrf")):
        return _error(403, "the form's CSRF token is missing or wrong: reload the page and try again", user)
    return user, form


@router.get("")
async def home() -> RedirectResponse:
    """The queue is the start page."""
    return RedirectResponse(f"{PREFIX}/cards", status_code=303)


@router.get("/sign-in")
async def sign_in_page(request: Request) -> HTMLResponse:
    """The sign-in form (paste an API key)."""
    token = secrets.token_urlsafe(32)
    page = render("sign_in.html", csrf=token, user=None)
    _set_cookie(request, page, SIGNIN_COOKIE, token, max_age=3600)
    return page


@router.post("/sign-in")
async def sign_in(request: Request, engine: EngineDep, settings: SettingsDep) -> Response:
    """Verify the key exactly as the API does, then open a server-side session."""
    try:
        form = await _form(request)
    except FormError as exc:
        return _error(422, str(exc))
    expected = request.cookies.get(SIGNIN_COOKIE) or ""
    submitted = form.get("csrf") or ""
    if not expected or not hmac.compare_digest(expected.encode(), submitted.encode()):
        return _error(403, "the sign-in form's CSRF token is missing or wrong: reload the page and try again")
    try:
        key = form.get("api_key", "").strip()
        principal = await run_in_threadpool(
            admit, engine, settings, lambda session: authenticate_in(session, key), key_tenant(key), None)
    except Unauthorized:
        page = render("sign_in.html", 401, csrf=expected, user=None, message="That API key is not valid.")
        return page
    except SmmError as exc:
        return _domain_error(exc, None)
    cookie = await run_in_threadpool(sessions.open_session, engine, principal)
    response = RedirectResponse(f"{PREFIX}/cards", status_code=303)
    _set_cookie(request, response, sessions.COOKIE, cookie, max_age=int(sessions.LIFETIME.total_seconds()))
    response.delete_cookie(SIGNIN_COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.post("/sign-out")
async def sign_out(request: Request, engine: EngineDep) -> Response:
    """Delete the session (the cookie stops working everywhere) and clear the cookie."""
    got = await _signed_in_form(request, engine)
    if isinstance(got, Response):
        return got
    await run_in_threadpool(sessions.close_session, engine, got[0])
    response = RedirectResponse(f"{PREFIX}/sign-in", status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.get("/cards")
async def queue_page(request: Request, engine: EngineDep, settings: SettingsDep) -> Response:
    """The review queue: the tenant's cards awaiting a decision."""
    user = await _user(request, engine)
    if user is None:
        return _to_sign_in()
    try:
        cards = await read_as_user(engine, settings, user, READ_CARDS, lambda s, _: read_queue(s, "pending"))
    except SmmError as exc:
        return _domain_error(exc, user)
    return render("queue.html", user=user, cards=cards)


@router.get("/cards/{card_id}")
async def card_view(card_id: str, request: Request, engine: EngineDep, settings: SettingsDep,
                    done: str | None = None) -> Response:
    """A decision card: verdict first, interval charts, posts with findings, quotes in their sources."""
    user = await _user(request, engine)
    if user is None:
        return _to_sign_in()
    try:
        cid = uuid.UUID(card_id)
    except ValueError:
        return _error(404, f"decision card {card_id} not found", user)
    try:
        detail = await read_as_user(engine, settings, user, READ_CARDS, lambda s, _: read_card(s, cid))
        data = await run_in_threadpool(card_page, engine, user.principal, detail)
    except SmmError as exc:
        return _domain_error(exc, user)
    return render("card.html", user=user, decisions=DECISIONS, done=DECISIONS.get(done or ""), **data)


@router.post("/cards/{card_id}/decision")
async def decision(card_id: str, request: Request, engine: EngineDep, settings: SettingsDep) -> Response:
    """Approve, reject or request changes on the card whose hash the approver saw (the form's hidden field)."""
    got = await _signed_in_form(request, engine)
    if isinstance(got, Response):
        return got
    user, form = got
    try:
        cid = uuid.UUID(card_id)
    except ValueError:
        return _error(404, f"decision card {card_id} not found", user)
    try:
        body = DecisionCreate(decision=form.get("decision", ""), comment=form.get("comment", ""),  # type: ignore[arg-type]
                              card_sha256=form.get("card_sha256", ""))
    except ValidationError as exc:
        names = ", ".join(sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors()}))
        return _error(422, f"invalid decision form: {names}", user)
    try:
        await permit(engine, settings, user, DECIDE)
        await decide_on_card(engine, settings, user.principal, cid, body)
    except SmmError as exc:
        return _domain_error(exc, user)
    except RPCError:
        return _error(503, "the workflow service is unavailable; retry later", user)
    return RedirectResponse(f"{PREFIX}/cards/{cid}?done={body.decision}", status_code=303)
