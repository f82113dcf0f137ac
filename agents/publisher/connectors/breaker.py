"""A small thread-safe circuit breaker and the call log behind a connector's health.

A breaker per connector (channel + account) stops hammering a platform that is failing: after
``failures`` consecutive failures, or when the failure rate over the recent calls (at least
``min_calls`` of them) reaches ``failure_rate``, it opens; calls then fail fast with no request at
all. After ``reset_s`` it lets ONE trial call through (half-open): success closes it, failure opens it
again for another ``reset_s``. Activities run in threads, so every change happens under a lock.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from agents.publisher.connectors.base import BreakerState

#: Health looks at the last HEALTH_CALLS calls made within HEALTH_WINDOW_S seconds.
HEALTH_CALLS = 50
HEALTH_WINDOW_S = 600.0


@dataclass(frozen=True)
class BreakerConfig:
    failures: int = 5
    failure_rate: float = 0.5
    min_calls: int = 10
    reset_s: float = 30.0


class CircuitBreaker:
    """closed → open → half_open → closed | open."""

    def __init__(self, config: BreakerConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self._config = config
        self._clock = clock
        self._lock = threading.Lock()
        self._state: BreakerState = "closed"
        self._consecutive = 0
        self._recent: deque[bool] = deque(maxlen=max(config.min_calls, HEALTH_CALLS))
        self._opened_at = 0.0
        self._trial_in_flight = False

    @property
    def state(self) -> BreakerState:
        with self._lock:
            self._maybe_half_open()
            return self._state

    def _maybe_half_open(self) -> None:
        if self._state == "open" and self._clock() - self._opened_at >= self._config.reset_s:
            self._state = "half_open"
            self._trial_in_flight = False

    def allow(self) -> bool:
        """May a call go out now? In half-open state only one trial call at a time."""
        with self._lock:
            self._maybe_half_open()
            if self._state == "closed":
                return True
            if self._state == "half_open" and not self._trial_in_flight:
                self._trial_in_flight = True
                return True
            return False

    def record(self, failed: bool) -> None:
        with self._lock:
            if self._state == "half_open":
                self._trial_in_flight = False
                if failed:
                    self._open()
                else:
                    self._state = "closed"
                    self._consecutive = 0
                    self._recent.clear()  # the old failures belong to the outage that just ended
                return
            self._recent.append(failed)
            self._consecutive = self._consecutive + 1 if failed else 0
            if failed and self._state == "closed" and self._tripped():
                self._open()

    def release_trial(self) -> None:
        """A half-open trial ended without an outcome worth recording (e.g. our own bad request)."""
        with self._lock:
            self._trial_in_flight = False

    def _tripped(self) -> bool:
        if self._consecutive >= self._config.failures:
            return True
        calls = len(self._recent)
        return calls >= self._config.min_calls and sum(self._recent) / calls >= self._config.failure_rate

    def _open(self) -> None:
        self._state = "open"
        self._opened_at = self._clock()
        self._consecutive = 0


class CallLog:
    """Recent calls (for the failure rate) and recent post creations (for the rate window)."""

    def __init__(self, rate_window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._rate_window_s = rate_window_s
        self._calls: deque[tuple[float, bool]] = deque(maxlen=HEALTH_CALLS)
        self._creates: deque[float] = deque()

    def call(self, failed: bool) -> None:
        with self._lock:
            self._calls.append((self._clock(), failed))

    def created(self) -> None:
        with self._lock:
            self._creates.append(self._clock())

    def failure_rate(self) -> tuple[float, int]:
        """(failed / calls, calls) over the recent calls; (0.0, 0) when there were none."""
        with self._lock:
            horizon = self._clock() - HEALTH_WINDOW_S
            recent = [failed for at, failed in self._calls if at >= horizon]
        if not recent:
            return 0.0, 0
        return sum(recent) / len(recent), len(recent)

    def window_posts(self) -> int:
        with self._lock:
            horizon = self._clock() - self._rate_window_s
            while self._creates and self._creates[0] < horizon:
                self._creates.popleft()
            return len(self._creates)
