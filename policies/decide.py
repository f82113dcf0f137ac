"""Ask the policy gate and record the answer in the caller's tenant (policy_decisions + audit log).

One engine per process (loading and compiling the bundle is the expensive part); a gate per call so
each decision is recorded in the transaction of the tenant it concerns. A decision that cannot be
recorded is a deny (the gate's own rule). Engine answers are cached process-wide next to the shared
engine (policies/cache.py): a re-review of an unchanged campaign is recorded like any other decision,
without evaluating the bundle again.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from core.contracts.policy import PolicyDecision
from core.db import tenant_session
from core.settings import Settings
from policies.cache import DecisionCache
from policies.gate import PolicyEngine, PolicyGate
from policies.store import session_recorder

_lock = threading.Lock()
_engines: dict[tuple[str, str | None], PolicyEngine] = {}
_caches: dict[tuple[str, str | None], DecisionCache] = {}


def shared_engine(settings: Settings) -> PolicyEngine:
    """The process-wide policy engine for these settings."""
    key = (settings.policy_engine, settings.opa_url)
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            gate = PolicyGate.from_settings(settings)
            assert gate.engine is not None  # fail_fast: a broken bundle raised above
            engine = _engines[key] = gate.engine
        return engine


def shared_cache(settings: Settings) -> DecisionCache:
    """The process-wide cache of the shared engine's answers (keys carry engine and bundle revision)."""
    key = (settings.policy_engine, settings.opa_url)
    with _lock:
        return _caches.setdefault(key, DecisionCache())


def decide(
    db: Engine, settings: Settings, tenant_id: uuid.UUID, query: str, doc: Mapping[str, Any],
    *, campaign_id: uuid.UUID | None = None, engine: PolicyEngine | None = None,
) -> PolicyDecision:
    """Evaluate ``query`` on ``doc`` and record the decision under ``tenant_id``; never raises for a deny.

    ``engine`` overrides the process-wide one (e.g. `smm policy eval --engine opa`) and is asked
    without the cache."""
    with tenant_session(db, tenant_id) as session:
        return decide_in(session, settings, query, doc, campaign_id=campaign_id, engine=engine)


def decide_in(
    session: Session, settings: Settings, query: str, doc: Mapping[str, Any],
    *, campaign_id: uuid.UUID | None = None, engine: PolicyEngine | None = None,
) -> PolicyDecision:
    """`decide` inside the caller's transaction (scoped to the decision's tenant); the caller commits."""
    gate = PolicyGate(engine or shared_engine(settings), timeout_ms=settings.policy_timeout_ms,
                      recorder=session_recorder(session, campaign_id=campaign_id),
                      cache=None if engine is not None else shared_cache(settings))
    return gate.evaluate(query, doc)
