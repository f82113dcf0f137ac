"""The one interface every publishing connector implements, and the values it returns.

The ledger decides what to do next from these values alone, so they are explicit about what is
known: ``PUBLISHED`` means the platform answered with the post's id; ``FAILED`` means the platform's
answer (or the absence of any request) proves nothing was stored; ``UNKNOWN`` means the request may
have been stored (5xx, timeout, dropped connection, duplicate error) and must be reconciled by a
lookup, never by sending again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal, Protocol

from core.errors import SmmError

BreakerState = Literal["closed", "open", "half_open"]


class Outcome(StrEnum):
    PUBLISHED = "published"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class OutgoingPost:
    channel: str
    text: str
    marker: str  # content_marker(text): how reconciliation recognises the post among recent ones
    media_url: str | None = None
    container_id: str | None = None  # instagram: a container created by an earlier attempt


@dataclass(frozen=True)
class PublishResult:
    outcome: Outcome
    platform_id: str | None = None
    container_id: str | None = None
    reason: str | None = None  # never contains the token
    retryable: bool = False  # FAILED: sending again cannot post twice and may succeed later
    duplicate: bool = False  # the platform called it a duplicate; platform_id is the original when it said


class Lookup(StrEnum):
    EXISTS = "exists"
    GONE = "gone"
    UNKNOWN = "unknown"


class DeleteResult(StrEnum):
    DELETED = "deleted"
    ALREADY_GONE = "already_gone"
    FAILED = "failed"


@dataclass(frozen=True)
class Metrics:
    impressions: int
    likes: int
    comments: int
    shares: int


@dataclass(frozen=True)
class ConnectorHealth:
    """What the policy gate's ``connector_health[channel]`` input is made of."""

    failure_rate: float  # failed calls / calls among the recent ones (last 50 within 10 minutes)
    breaker: BreakerState
    window_posts: int  # posts created in the platform's rate window (policies/connector.rego rate_limits)
    calls: int  # calls counted in failure_rate


class ConnectorError(SmmError):
    """A read (find_recent, metrics, comments) could not be answered; the reason never holds the token.

    ``retryable`` is False when asking again cannot help (401 expired token, 4xx on our request).
    """

    exit_code = 1
    http_status = 502

    def __init__(self, reason: str, *, retryable: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


class Connector(Protocol):
    channel: str  # "x" | "linkedin" | "facebook" | "instagram"

    def publish(self, post: OutgoingPost, on_container: Callable[[str], None] | None = None) -> PublishResult:
        """Send the post once; never raises for platform or network errors.

        Instagram calls ``on_container(container_id)`` right after creating a container, before
        ``media_publish``, so the caller stores it; given ``post.container_id`` it checks that
        container instead of creating another one.
        """
        ...

    def lookup(self, platform_id: str) -> Lookup: ...

    def find_recent(self, marker: str, since: datetime) -> str | None:
        """The id of the account's post whose content marker is ``marker``, created at or after
        ``since`` - 5 minutes; None when there is none. Raises ConnectorError when it cannot tell."""
        ...

    def delete(self, platform_id: str) -> DeleteResult: ...

    def metrics(self, platform_id: str) -> Metrics:
        """Raises ConnectorError when the platform cannot be asked."""
        ...

    def comments(self, platform_id: str, limit: int = 50) -> list[str]:
        """Texts of the post's comments, newest first; raises ConnectorError when it cannot be asked."""
        ...

    def health(self) -> ConnectorHealth: ...
