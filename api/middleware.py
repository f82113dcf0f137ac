"""ASGI middleware: a request id and a W3C trace id on every answer, a body-size cap, and latency metrics.

Pure ASGI (not BaseHTTPMiddleware): a declared oversized body is refused unread; a chunked body
is read up to the cap and refused as soon as it passes it.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import REQUEST_LATENCY
from api.tracing import trace_context

#: Largest request body accepted (a campaign request is well under 4 KiB).
MAX_BODY_BYTES = 64 * 1024
_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class RequestContext:
    """Assigns the request id (kept from ``X-Request-ID`` when well-formed) and the trace id (continued from
    a valid ``traceparent``, api/tracing.py), caps bodies, times requests."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        rid = incoming if incoming and _INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
        trace = trace_context(_header(scope, b"traceparent"))
        state = scope.setdefault("state", {})
        state["request_id"], state["trace_id"] = rid, trace.trace_id
        ids = [(b"x-request-id", rid.encode()), (b"x-trace-id", trace.trace_id.encode()),
               (b"traceparent", trace.traceparent.encode())]
        started = time.perf_counter()
        status_holder: dict[str, Any] = {"status": 500, "sent": False}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"], status_holder["sent"] = message["status"], True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *ids]
            await send(message)

        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._refuse(send_with_id, rid, trace.trace_id)
            self._observe(scope, 413, started)
            return
        if declared is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # No Content-Length (chunked): read up to the cap here, then replay what was read.
            chunks, seen, more = [], 0, True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunks.append(message.get("body", b""))
                seen += len(chunks[-1])
                more = message.get("more_body", False)
                if seen > self.max_body:
                    await self._refuse(send_with_id, rid, trace.trace_id)
                    self._observe(scope, 413, started)
                    return
            replay = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            replayed = False

            async def buffered_receive() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return replay
                return await receive()

            receive = buffered_receive
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self._observe(scope, int(status_holder["status"]), started)

    async def _refuse(self, send: Send, rid: str, trace_id: str) -> None:
        body = json.dumps({"detail": f"request body larger than {self.max_body} bytes", "request_id": rid,
                           "trace_id": trace_id}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _observe(scope: Scope, status: int, started: float) -> None:
        # The route template (not the raw path) keeps the label set small: ids never become labels.
        route = scope.get("route")
        path = getattr(route, "path", None) or "unmatched"
        REQUEST_LATENCY.labels(scope.get("method", ""), path, str(status)).observe(time.perf_counter() - started)
