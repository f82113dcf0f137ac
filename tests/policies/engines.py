"""Both engines side by side: regorus (embedded) and real OPA (the Go library, in-process).

A decision is compared as (allow, deny, warnings, obligations); a difference fails naming the
case and both answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.contracts.policy import PolicyDecision
from policies.gate import EmbeddedEngine, PolicyGate
from tests.fakes.opa import RealOpaEngine

ENGINES = ("regorus", "opa")


def make_engine(name: str) -> Any:
    return EmbeddedEngine() if name == "regorus" else RealOpaEngine()


def answer(d: PolicyDecision) -> tuple[bool, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return d.allow, d.deny, d.warnings, d.obligations


def differences(name: str, gates: Mapping[str, PolicyGate], query: str, doc: Any) -> list[str]:
    """[] when every engine gives the same answer, else one line naming the case and each answer."""
    answers = {engine: answer(gate.evaluate(query, doc)) for engine, gate in gates.items()}
    if len(set(answers.values())) <= 1:
        return []
    return [f"{name}: " + "; ".join(f"{engine}={a}" for engine, a in answers.items())]
