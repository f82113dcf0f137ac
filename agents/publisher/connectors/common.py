"""What every platform connector does the same way: turning replies into outcomes.

A subclass says how its platform spells errors (``error_parts``), duplicates and "not found"; this
class maps a reply to Outcome / Lookup / DeleteResult by the one table the ledger relies on.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from agents.publisher.connectors.base import (
    ConnectorError,
    ConnectorHealth,
    DeleteResult,
    Lookup,
    Outcome,
    PublishResult,
)
from agents.publisher.connectors.http import PlatformHttp, Reply

#: find_recent looks this much before ``since``: clocks differ and the platform stamps its own time.
CLOCK_SLACK = timedelta(minutes=5)


def parse_time(value: Any) -> datetime | None:
    """An aware datetime from the platforms' spellings (ISO 8601 with Z or +0000, or epoch ms)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value / 1000, UTC)
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class HttpConnector:
    """Shared behaviour; subclasses implement the platform's endpoints."""

    channel: str = ""

    def __init__(self, http: PlatformHttp) -> None:
        self.http = http

    # ---- how the platform spells things (overridden per platform) ----
    def error_parts(self, reply: Reply) -> tuple[str, str]:
        """(code, message) of an error reply."""
        body = reply.body if isinstance(reply.body, dict) else {}
        code = body.get("code") or body.get("title") or ""
        return str(code), str(body.get("message") or body.get("detail") or reply.text)

    def is_duplicate(self, reply: Reply) -> bool:
        return False

    def duplicate_of(self, reply: Reply) -> str | None:
        return None

    def is_auth_error(self, reply: Reply) -> bool:
        return reply.status == 401

    def is_gone(self, reply: Reply) -> bool:
        return reply.status == 404

    # ---- shared mapping ----
    def reason(self, reply: Reply) -> str:
        if reply.status is None:
            if reply.failure in ("breaker_open", "rate_limited"):
                return reply.failure
            return self.http.scrub(f"{self.channel}.{reply.detail or reply.failure}")
        if reply.status == 429:
            return "rate_limited"
        code, message = self.error_parts(reply)
        if self.is_auth_error(reply):
            return self.http.scrub(f"{self.channel}.{reply.status} token expired or revoked: {code} {message}".strip())
        return self.http.scrub(f"{self.channel}.{reply.status} {code}: {message}")

    def create_result(self, reply: Reply, platform_id: str | None, *, container_id: str | None = None
                      ) -> PublishResult:
        """The outcome of a request that creates a post (see base.py for what each outcome promises)."""
        if reply.ok:
            if platform_id:
                return PublishResult(Outcome.PUBLISHED, platform_id=platform_id, container_id=container_id)
            return PublishResult(Outcome.UNKNOWN, container_id=container_id, retryable=True,
                                 reason=f"{self.channel}.{reply.status} accepted without a post id")
        if not reply.sent:  # nothing left this process: sending later cannot duplicate
            return PublishResult(Outcome.FAILED, container_id=container_id, reason=self.reason(reply),
                                 retryable=True)
        if reply.status is None or reply.status >= 500:  # may have been stored before the failure
            return PublishResult(Outcome.UNKNOWN, container_id=container_id, reason=self.reason(reply),
                                 retryable=True)
        if self.is_duplicate(reply):
            return PublishResult(Outcome.UNKNOWN, platform_id=self.duplicate_of(reply), container_id=container_id,
                                 reason=self.reason(reply), duplicate=True)
        if reply.status == 429:  # refused before anything was stored; the bounded wait is used up
            return PublishResult(Outcome.FAILED, container_id=container_id, reason="rate_limited", retryable=True)
        return PublishResult(Outcome.FAILED, container_id=container_id, reason=self.reason(reply))

    def lookup_result(self, reply: Reply) -> Lookup:
        if reply.ok:
            return Lookup.EXISTS
        if reply.status is not None and self.is_gone(reply):
            return Lookup.GONE
        return Lookup.UNKNOWN

    def delete_result(self, reply: Reply) -> DeleteResult:
        if reply.ok:
            return DeleteResult.DELETED
        if reply.status is not None and self.is_gone(reply):
            return DeleteResult.ALREADY_GONE
        return DeleteResult.FAILED

    def read(self, reply: Reply) -> Any:
        """The body of a successful read, or ConnectorError with a token-free reason."""
        if reply.ok:
            return reply.body if reply.body is not None else {}
        retryable = reply.status is None or reply.status >= 500 or reply.status == 429
        raise ConnectorError(self.reason(reply), retryable=retryable)

    def health(self) -> ConnectorHealth:
        rate, calls = self.http.state.calls.failure_rate()
        return ConnectorHealth(failure_rate=round(rate, 4), breaker=self.http.state.breaker.state,
                               window_posts=self.http.state.calls.window_posts(), calls=calls)


def newest_with_marker(items: list[tuple[str, str, datetime | None]], marker: str, since: datetime) -> str | None:
    """The id of the newest (id, text, created) whose content marker is ``marker``, created at or after
    ``since`` - CLOCK_SLACK (an item without a time is kept: better found than re-sent)."""
    from agents.publisher.marker import content_marker

    horizon = aware(since) - CLOCK_SLACK
    matches = [(created, pid) for pid, text, created in items
               if content_marker(text) == marker and (created is None or created >= horizon)]
    if not matches:
        return None
    matches.sort(key=lambda m: m[0] or datetime.max.replace(tzinfo=UTC), reverse=True)
    return matches[0][1]
