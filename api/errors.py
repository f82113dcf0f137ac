"""Every error the API returns, mapped to HTTP in this one module.

Domain errors (core.errors) carry their own status; request validation names the field; anything
unexpected is a 500 that says only "internal error" plus the request and trace ids (the traceback goes
to the log). A rate-limited request (429) also carries ``Retry-After`` in whole seconds.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from temporalio.service import RPCError

from core.errors import PolicyDenied, RateLimited, SmmError

log = logging.getLogger(__name__)


class FieldError(BaseModel):
    """One invalid field of a request."""

    field: str
    message: str


class ErrorBody(BaseModel):
    """The body of every 4xx/5xx answer."""

    detail: str
    request_id: str | None = None
    trace_id: str | None = None  # the W3C trace id (32 hex) also sent in `traceparent` / `X-Trace-ID`
    errors: list[FieldError] | None = None
    reasons: list[str] | None = None


def error_response(request: Request, status: int, detail: str, **extra: Any) -> JSONResponse:
    """A JSON error with the request id and the trace id."""
    body = ErrorBody(detail=detail, request_id=getattr(request.state, "request_id", None),
                     trace_id=getattr(request.state, "trace_id", None), **extra)
    return JSONResponse(status_code=status, content=body.model_dump(exclude_none=True))


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    # ("body", "brand_url") -> "brand_url"; ("query", "status") -> "status"; a whole body -> "body".
    parts = [str(p) for p in loc[1:]] if len(loc) > 1 else [str(p) for p in loc]
    return ".".join(parts) or "body"


def _allowed_methods(request: Request) -> list[str]:
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "\x00"})
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers (the one place errors become HTTP)."""

    @app.exception_handler(SmmError)
    async def domain_error(request: Request, exc: SmmError) -> JSONResponse:
        if exc.http_status >= 500:
            log.error("domain error %s: %s", type(exc).__name__, exc)
        reasons = list(exc.reasons) if isinstance(exc, PolicyDenied) and exc.reasons else None
        response = error_response(request, exc.http_status, str(exc), reasons=reasons)
        if isinstance(exc, RateLimited):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [FieldError(field="body" if e.get("type") == "json_invalid" else _field(e.get("loc", ())),
                             message=str(e.get("msg", "invalid"))) for e in exc.errors()]
        names = ", ".join(sorted({e.field for e in errors})) or "body"
        return error_response(request, 422, f"invalid request: {names}", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # FastAPI's "error parsing the body" (e.g. not UTF-8): a body problem
            return error_response(request, 422, f"invalid request: body ({exc.detail})",
                                  errors=[FieldError(field="body", message=str(exc.detail))])
        response = error_response(request, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        if exc.status_code == 405:  # Starlette names one route's methods; a path may have several routes
            response.headers["Allow"] = ", ".join(_allowed_methods(request))
        return response

    @app.exception_handler(RPCError)
    async def workflow_service(request: Request, exc: RPCError) -> JSONResponse:
        log.error("Temporal RPC error on %s: %s", request.url.path, exc)
        return error_response(request, 503, "the workflow service is unavailable; retry later")

    @app.exception_handler(OperationalError)
    async def database_error(request: Request, exc: OperationalError) -> JSONResponse:
        # The engine is looked up once per app (api/deps.py), so a database that went away shows here: no
        # connection (no SQLSTATE, class 08) or an administrator shutdown (57P01-57P03). Anything else of
        # this class (a deadlock, a cancelled query) is our error, not an outage.
        state = str(getattr(exc.orig, "sqlstate", None) or "")
        if state and not state.startswith(("08", "57P0")):
            return await unexpected(request, exc)
        log.error("database unavailable on %s: %s", request.url.path, exc.orig)
        return error_response(request, 503, "the database is unavailable; retry later")

    @app.exception_handler(PoolTimeout)
    async def database_busy(request: Request, exc: PoolTimeout) -> JSONResponse:
        log.error("no database connection free within the pool timeout on %s", request.url.path)
        return error_response(request, 503, "the database is busy; retry later")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error")


_RETRY_AFTER = {"Retry-After": {"description": "Whole seconds until the rate-limit window ends",
                                "schema": {"type": "integer", "minimum": 1}}}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI documentation of a route's error answers.

    Every authenticated route (one that documents 401) is rate limited, so it also documents 429.
    """
    text = {400: "Bad request", 401: "Missing or invalid API key", 403: "Role or policy forbids this",
            404: "Not found in your tenant", 409: "Conflicts with the current state",
            413: "Body too large", 422: "Invalid input (names the field)",
            429: "Rate limit of your tenant or API key exceeded; retry after Retry-After seconds",
            503: "A backing service is down"}
    wanted = sorted({*statuses, 429} if 401 in statuses else set(statuses))
    out: dict[int | str, dict[str, Any]] = {s: {"model": ErrorBody, "description": text[s]} for s in wanted}
    if 429 in out:
        out[429]["headers"] = _RETRY_AFTER
    return out
