"""A bounded cache of engine answers, keyed by exactly what the engine was asked.

A campaign is re-reviewed many times unchanged (every graph step, every approval screen,
the launch watch); each review is a full evaluation of the same bundle on the same input.
An engine answer is a pure function of (engine, bundle revision, rule, engine input), so it
is cached under exactly those: the input part is the SHA-256 of the JSON document the engine
evaluates (after Python validation and `policies/derive.py`), so a changed post, workspace,
consent record or clock (when the decision reads it, see `clock_read`) is a different key,
and a new bundle is a different revision.

Only engine answers are cached. Engine errors and late answers fail closed and are never
stored, so an outage cannot be replayed from the cache and a recovered engine is asked again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

DEFAULT_MAXSIZE = 4096

CacheKey = tuple[str, str, str, str]


def cache_key(engine: str, revision: str, rule: str, payload: str) -> CacheKey:
    """(engine, bundle revision, rule, sha256 of the engine input JSON)."""
    return engine, revision, rule, hashlib.sha256(payload.encode()).hexdigest()


def clock_read(doc: Mapping[str, Any]) -> bool:
    """Whether a decision on `doc` reads `input.now`: only consent does, for a post that needs consent.

    consent.rego compares `now` with record expiry only for posts with personal data or a
    testimonial (`needs`); no other rule reads the clock. The schema checks its format, but a
    clock the gate filled in itself is always well formed.
    """
    posts = doc.get("posts")
    candidates = [*(posts if isinstance(posts, list) else []), doc.get("post")]
    return any(
        isinstance(p, Mapping) and (p.get("personal_data") is True or p.get("testimonial") is True) for p in candidates
    )


class DecisionCache:
    """Thread-safe LRU of engine results; `maxsize` bounds memory (an entry is one small decision object)."""

    def __init__(self, maxsize: int = DEFAULT_MAXSIZE) -> None:
        if maxsize < 1:
            raise ValueError("cache maxsize must be >= 1")
        self.maxsize = maxsize
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[CacheKey, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: CacheKey) -> Any | None:
        with self._lock:
            result = self._entries.get(key)
            if result is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return result

    def put(self, key: CacheKey, result: Any) -> None:
        if result is None:  # an undefined result fails closed; asking again costs nothing extra
            return
        with self._lock:
            self._entries[key] = result
            self._entries.move_to_end(key)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
