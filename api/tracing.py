"""W3C Trace Context (https://www.w3.org/TR/trace-context/): the trace id of a request.

A valid incoming ``traceparent`` keeps its trace id (the caller's trace goes on through us); anything
else (absent, malformed, an all-zero id, the forbidden version ``ff``) starts a new trace. Either way this
request gets its own span id, and the answer carries ``traceparent: 00-<trace id>-<our span id>-<flags>``
and ``X-Trace-ID: <trace id>``.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

# version-traceid-parentid-flags, lowercase hex; a future version may append fields after a '-'.
_TRACEPARENT = re.compile(r"([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?")
_ZERO_TRACE, _ZERO_SPAN = "0" * 32, "0" * 16


@dataclass(frozen=True)
class TraceContext:
    """This request's place in a trace."""

    trace_id: str  # 32 lowercase hex
    span_id: str  # 16 lowercase hex: this server's span
    flags: str = "00"

    @property
    def traceparent(self) -> str:
        """The ``traceparent`` value naming this request's span."""
        return f"00-{self.trace_id}-{self.span_id}-{self.flags}"


def parse_traceparent(value: str | None) -> tuple[str, str] | None:
    """(trace id, flags) of a valid ``traceparent``, else None."""
    if not value:
        return None
    match = _TRACEPARENT.fullmatch(value.strip())
    if match is None:
        return None
    version, trace_id, parent_id, flags, rest = match.groups()
    if version == "ff" or (version == "00" and rest) or trace_id == _ZERO_TRACE or parent_id == _ZERO_SPAN:
        return None
    return trace_id, flags


def trace_context(incoming: str | None) -> TraceContext:
    """Continue the caller's trace when its ``traceparent`` is valid, else start one."""
    parsed = parse_traceparent(incoming)
    span = secrets.token_hex(8)
    if parsed is None:
        return TraceContext(secrets.token_hex(16), span)
    # Only the sampled bit is defined; the others are passed on as zero.
    return TraceContext(parsed[0], span, f"{int(parsed[1], 16) & 1:02x}")
