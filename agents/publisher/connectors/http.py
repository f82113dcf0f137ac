"""The HTTP client every connector shares: auth, timeouts, rate limits, 429 backoff, breaker, health.

One call to :meth:`PlatformHttp.request` is one logical request and gives a :class:`Reply` that says
plainly whether anything reached the platform:

- ``sent=False``: nothing was sent (breaker open, connect error, our own rate-limit wait too long),
  so the platform cannot have stored anything;
- ``status=None, sent=True``: the request went out and no answer came back (timeout, dropped
  connection): the platform may have stored it;
- otherwise the platform's status, headers and parsed JSON body.

The bearer token goes only into the request's Authorization header. It is never logged, never put
into a reason, and any text that comes back is scrubbed of it just in case a server echoes it.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from agents.publisher.connectors.breaker import BreakerConfig, CallLog, CircuitBreaker
from core.settings import Settings

log = logging.getLogger(__name__)

#: Posts allowed per rolling window: the window lengths of policies/connector.rego ``rate_limits``
#: (a test keeps the two in step); health reports how many posts were created inside it.
RATE_WINDOW_S: dict[str, float] = {"x": 900, "linkedin": 86400, "instagram": 86400, "facebook": 3600}

BACKOFF_BASE_S = 0.5  # full-jitter backoff: uniform(0, BACKOFF_BASE_S * 2**attempt) on top of the reset hint
MAX_REASON = 300


@dataclass(frozen=True)
class RetryPolicy:
    max_tries: int = 3
    max_wait_s: float = 30.0


@dataclass
class ConnectorState:
    """What outlives one connector object: the breaker, the call log and the pooled HTTP client.

    Kept per (channel, base URL, account) by the registry, so every activity that publishes to one
    account shares one breaker and one health record.
    """

    channel: str
    breaker: CircuitBreaker
    calls: CallLog
    client: httpx.Client
    blocked_until: float = 0.0  # monotonic time before which the platform said "no more calls"
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def create(cls, channel: str, settings: Settings, clock: Callable[[], float] = time.monotonic
               ) -> ConnectorState:
        config = BreakerConfig(failures=settings.connector_breaker_failures,
                               failure_rate=settings.connector_breaker_failure_rate,
                               min_calls=settings.connector_breaker_min_calls,
                               reset_s=settings.connector_breaker_reset_s)
        timeout = httpx.Timeout(settings.connector_timeout_s, connect=min(5.0, settings.connector_timeout_s))
        # No redirects: a redirected POST could be re-sent somewhere else; no environment proxies either.
        client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False)
        return cls(channel=channel, breaker=CircuitBreaker(config, clock),
                   calls=CallLog(RATE_WINDOW_S.get(channel, 86400.0), clock), client=client)


@dataclass(frozen=True)
class Reply:
    status: int | None  # None: no HTTP answer
    body: Any = None  # parsed JSON, or None
    headers: Mapping[str, str] = field(default_factory=dict)
    sent: bool = True  # False: nothing reached the platform
    # When status is None: breaker_open | rate_limited | connect_error | timeout | connection_lost.
    failure: str | None = None
    detail: str = ""  # a short, token-free description of a failure without status
    text: str = ""  # the raw body (first 300 characters) when it is not JSON

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def _as_float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def reset_hint_s(headers: Mapping[str, str], now_epoch: float) -> float | None:
    """Seconds until the platform says calls may resume, from the most precise header it sent.

    ``Retry-After`` (seconds; LinkedIn, Meta) first, then X's ``x-rate-limit-reset`` (epoch
    seconds), then Meta's ``X-Business-Use-Case-Usage`` whose ``estimated_time_to_regain_access`` is
    in whole minutes (so only a fallback: it rounds a one-second wait up to a minute).
    """
    retry_after = _as_float(headers.get("retry-after"))
    if retry_after is not None:
        return max(0.0, retry_after)
    reset = _as_float(headers.get("x-rate-limit-reset"))
    if reset is not None:
        return max(0.0, reset - now_epoch)
    usage = headers.get("x-business-use-case-usage")
    minutes: list[float] = []
    if usage:
        try:
            parsed = json.loads(usage)
        except ValueError:
            parsed = None
        for entries in parsed.values() if isinstance(parsed, dict) else []:
            for entry in entries if isinstance(entries, list) else []:
                value = entry.get("estimated_time_to_regain_access") if isinstance(entry, dict) else None
                if isinstance(value, int | float):
                    minutes.append(float(value))
    return max(0.0, max(minutes) * 60) if minutes else None


class PlatformHttp:
    """Requests to one platform account: bearer auth, breaker, bounded 429 retries, health records."""

    def __init__(self, state: ConnectorState, base_url: str, token: str, *,
                 headers: Mapping[str, str] | None = None, retry: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
                 rng: random.Random | None = None) -> None:
        self.state = state
        self._base = base_url.rstrip("/")
        self._token = token
        self._headers = dict(headers or {})
        self._retry = retry or RetryPolicy()
        self.sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()

    def scrub(self, text: str) -> str:
        """``text`` without the token and cut to a readable length."""
        if self._token:
            text = text.replace(self._token, "***")
        return text[:MAX_REASON]

    def request(self, method: str, path: str, *, query: str | None = None, json_body: Any = None,
                form: Mapping[str, str] | None = None, create: bool = False) -> Reply:
        """One logical request (429s retried within the bounds). ``query`` is already encoded:
        platforms differ in how URNs and lists must be escaped, so each connector builds its own."""
        if not self.state.breaker.allow():
            return Reply(status=None, sent=False, failure="breaker_open",
                         detail=f"{self.state.channel} circuit breaker is open; no request sent")
        reply: Reply | None = None
        try:
            reply = self._with_rate_limits(method, path, query, json_body, form)
            return reply
        finally:
            self._record(reply, create)

    def _record(self, reply: Reply | None, create: bool) -> None:
        if reply is None:  # an unexpected exception: count it, it is not the platform's fault but it is a failure
            self.state.breaker.record(True)
            self.state.calls.call(True)
            return
        if not reply.sent and reply.failure == "rate_limited":
            self.state.breaker.release_trial()  # we did not ask: nothing learnt about the platform
            return
        failed = reply.status is None or reply.status >= 500 or reply.status in (401, 426, 429)
        self.state.breaker.record(failed)
        self.state.calls.call(failed)
        if create and (reply.ok or (reply.sent and reply.status is None) or (reply.status or 0) >= 500):
            self.state.calls.created()  # stored or maybe stored: it counts against the platform's window

    def _with_rate_limits(self, method: str, path: str, query: str | None, json_body: Any,
                          form: Mapping[str, str] | None) -> Reply:
        waited = 0.0
        for attempt in range(self._retry.max_tries):
            blocked = self.state.blocked_until - self._clock()
            if blocked > 0:
                if waited + blocked > self._retry.max_wait_s:
                    return Reply(status=None, sent=False, failure="rate_limited",
                                 detail=f"rate_limited: the platform asked to wait {blocked:.0f} s")
                self.sleep(blocked)
                waited += blocked
            reply = self._send(method, path, query, json_body, form)
            self._note_rate_headers(reply)
            if reply.status != 429:
                return reply
            if attempt + 1 >= self._retry.max_tries:
                break
            hint = reset_hint_s(reply.headers, time.time()) or 0.0
            wait = hint + self._rng.uniform(0, BACKOFF_BASE_S * 2 ** attempt)
            if waited + wait > self._retry.max_wait_s:
                break
            log.info("%s %s %s: 429, waiting %.2f s (try %d)", self.state.channel, method, path, wait, attempt + 1)
            self.sleep(wait)
            waited += wait
        return reply

    def _note_rate_headers(self, reply: Reply) -> None:
        # X says on every answer how many calls are left in the window: when none are, wait for the
        # reset before the next call instead of collecting a 429.
        if reply.ok and reply.headers.get("x-rate-limit-remaining") == "0":
            hint = reset_hint_s({"x-rate-limit-reset": reply.headers.get("x-rate-limit-reset", "")}, time.time())
            if hint:
                with self.state.lock:
                    self.state.blocked_until = max(self.state.blocked_until, self._clock() + hint)

    def _send(self, method: str, path: str, query: str | None, json_body: Any,
              form: Mapping[str, str] | None) -> Reply:
        url = self._base + path + (f"?{query}" if query else "")
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json", **self._headers}
        try:
            response = self.state.client.request(method, url, headers=headers, json=json_body, data=form)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            # The connection never opened: the platform cannot have seen the request.
            return Reply(status=None, sent=False, failure="connect_error",
                         detail=self.scrub(f"connect_error: {type(exc).__name__}"))
        except httpx.TimeoutException as exc:
            return Reply(status=None, failure="timeout", detail=f"timeout: no answer ({type(exc).__name__})")
        except httpx.TransportError as exc:
            # Sent (at least partly), then the connection dropped: the platform may have stored it.
            return Reply(status=None, failure="connection_lost",
                         detail=f"connection_lost: {type(exc).__name__}")
        log.debug("%s %s %s -> %d", self.state.channel, method, path, response.status_code)
        body: Any = None
        text = ""
        if response.content:
            try:
                body = response.json()
            except ValueError:
                text = self.scrub(response.text)
        # httpx.Headers looks names up case-insensitively (X sends x-rate-limit-*, Meta Retry-After).
        return Reply(status=response.status_code, body=body, headers=response.headers, text=text)
