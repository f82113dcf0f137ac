"""The policy gate: every step asks `PolicyGate.evaluate` before acting.

Two engines answer the same bundle: `EmbeddedEngine` (regorus, in-process) and
`OpaEngine` (an OPA server through opa-python-client). Whatever goes wrong —
malformed input, engine error, timeout, missing rule, undefined or malformed
result, recorder failure — the gate answers deny; it never allows by default.
With a `DecisionCache`, an engine answer is reused for the same engine, bundle revision,
rule and engine input (policies/cache.py); failures are never cached.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import orjson
import regorus
from opa_client import OpaClient

from core.contracts.policy import POLICY_ENGINE_UNAVAILABLE, PolicyDecision, PolicyEngineName
from policies.bundle import Bundle, BundleError, engine_error_message, load_bundle
from policies.cache import DecisionCache, cache_key, clock_read
from policies.derive import prepare
from policies.inputs import validate_input

log = logging.getLogger(__name__)

Recorder = Callable[[PolicyDecision, Mapping[str, Any]], None]

DEFAULT_TIMEOUT_MS = 250
_QUERY = re.compile(r"^data(\.[A-Za-z_][A-Za-z0-9_]*)+$")
_DECISION = ".decision"
_VALIDATED_DECISION = ".validated_decision"


class EngineError(RuntimeError):
    """The engine could not produce an answer."""


def qualify_query(query: str) -> str:
    """`main` -> `data.smm.main.decision`; `smm.x.y` -> `data.smm.x.y`; `data.…` unchanged."""
    q = query.strip()
    if not q.startswith("data."):
        q = f"data.smm.{q}.decision" if "." not in q else f"data.{q}"
    if not _QUERY.match(q):
        raise ValueError(f"invalid policy query: {query!r}")
    return q


class PolicyEngine(Protocol):
    name: PolicyEngineName
    revision: str

    def evaluate(self, rule: str, doc: Mapping[str, Any]) -> tuple[Any, str | None]:
        """Return (result or None when undefined, engine decision id)."""
        ...


def _to_json(doc: Mapping[str, Any]) -> str:
    # regorus' set_input(dict) turns Python bools into numbers; JSON keeps types exact.
    return json.dumps(doc, separators=(",", ":"), allow_nan=False)


def _validated_json(doc: Mapping[str, Any]) -> str | None:
    """`_to_json` of an input the gate has validated, about 10x faster; None when JSON cannot carry it.

    Validated means strict pydantic types only (str, int, float, bool, lists, str-keyed dicts),
    where orjson and json agree except that orjson writes NaN/Infinity as null: an output with
    a null in it (rare in a prepared input) is redone by json, which refuses NaN as before.
    """
    try:
        out = orjson.dumps(doc)
    except TypeError:
        out = None
    if out is not None and b"null" not in out:
        return out.decode()
    try:
        return _to_json(doc)
    except (TypeError, ValueError):
        return None


class EmbeddedEngine:
    """regorus in-process; the bundle is read and hashed once, engines are per thread.

    A regorus `Engine` is "unsendable" (pyo3 panics if another thread touches it,
    even to `clone()` it), so each thread compiles its own engine from the
    in-memory bundle on first use and reuses it for every later evaluation.
    """

    name: PolicyEngineName = "embedded"

    def __init__(self, bundle_dir: Path | str | None = None, *, bundle: Bundle | None = None) -> None:
        self.bundle = bundle or load_bundle(bundle_dir)
        self.revision = self.bundle.revision
        self._local = threading.local()
        self._local.engine = self._build()  # start-up fails here, with file:line

    def _build(self) -> Any:
        engine = regorus.Engine()
        if self.bundle.data:
            engine.add_data_json(self.bundle.data_json())
        for rel, text in self.bundle.policies:
            try:
                engine.add_policy(rel, text)
            except BaseException as exc:
                _reraise_fatal(exc)
                message, location = engine_error_message(exc)
                raise BundleError(message, location or rel) from exc
        # Surfaces errors that only show at evaluation (unknown functions, conflicts)
        # and warms the engine: its first evaluation pays a preparation cost.
        engine.set_input_json("{}")
        for package in engine.get_packages():
            try:
                engine.eval_query_as_json(str(package))
            except BaseException as exc:
                _reraise_fatal(exc)
                message, location = engine_error_message(exc)
                raise BundleError(message, location) from exc
        return engine

    def _engine(self) -> Any:
        engine = getattr(self._local, "engine", None)
        if engine is None:
            engine = self._local.engine = self._build()
        return engine

    def prepare_thread(self) -> None:
        """Compile this thread's engine now, so a thread's one-off compile is not counted against a
        decision's deadline (a late answer is denied). A bundle that fails here fails in evaluate."""
        try:
            self._engine()
        except BaseException as exc:
            _reraise_fatal(exc)

    def evaluate(self, rule: str, doc: Mapping[str, Any]) -> tuple[Any, str | None]:
        return self.evaluate_json(rule, _to_json(doc))

    def evaluate_json(self, rule: str, payload: str) -> tuple[Any, str | None]:
        """`evaluate` on an input already serialised (the gate has the JSON for its cache key)."""
        try:
            engine = self._engine()
            engine.set_input_json(payload)
            return engine.eval_rule(rule), None
        except BaseException as exc:
            _reraise_fatal(exc)
            message, location = engine_error_message(exc)
            raise EngineError(f"{message} ({location})" if location else message) from exc


def _reraise_fatal(exc: BaseException) -> None:
    # pyo3's PanicException derives from BaseException: catch it, but let
    # interpreter shutdown and Ctrl-C through.
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise exc


class OpaEngine:
    """An OPA server's Data API (`POST /v1/data/<path>`) through opa-python-client.

    The server must be loaded with the same bundle; `revision` is the hash of the
    local copy, which deployment keeps identical (the docker-compose `opa`
    service mounts this directory).
    """

    name: PolicyEngineName = "opa"

    def __init__(
        self,
        url: str,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_MS / 1000,
        bundle_dir: Path | str | None = None,
        token: str | None = None,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"invalid OPA url: {url!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        # No retries: a retry would blow the latency budget; the gate fails closed instead.
        self.client = OpaClient(
            host=parts.hostname,
            port=port,
            ssl=parts.scheme == "https",
            timeout=timeout_s,
            retries=0,
            token=token,
        )
        self.revision = load_bundle(bundle_dir).revision

    def evaluate(self, rule: str, doc: Mapping[str, Any]) -> tuple[Any, str | None]:
        path = rule.removeprefix("data.")
        try:
            response = self.client.query_rule(input_data=dict(doc), package_path=path)
        except Exception as exc:
            raise EngineError(f"OPA request failed: {type(exc).__name__}: {exc}") from exc
        if not isinstance(response, dict):
            raise EngineError("OPA response is not a JSON object")
        decision_id = response.get("decision_id")
        # OPA omits "result" when the rule is undefined.
        return response.get("result"), str(decision_id) if decision_id is not None else None

    def close(self) -> None:
        self.client.close_connection()


class PolicyGate:
    """Evaluate policy queries; always returns a `PolicyDecision`, never raises for bad input."""

    def __init__(
        self,
        engine: PolicyEngineName | PolicyEngine = "embedded",
        *,
        opa_url: str | None = None,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        bundle_dir: Path | str | None = None,
        recorder: Recorder | None = None,
        validate_input: bool = True,
        fail_fast: bool = True,
        cache: DecisionCache | None = None,
    ) -> None:
        """Start the engine. With `fail_fast` a broken bundle raises `BundleError` (file:line);
        without it the gate comes up denying everything, with the start-up error as reason.
        With `cache`, engine answers are reused for an identical engine input (policies/cache.py)."""
        self.timeout_ms = timeout_ms
        self.cache = cache
        self.recorder = recorder
        self.validate_input = validate_input
        self.startup_error: str | None = None
        self._engine: PolicyEngine | None = None
        self.engine_name: PolicyEngineName
        try:
            if isinstance(engine, str):
                self.engine_name = engine
                self._engine = self._make_engine(engine, opa_url, timeout_ms, bundle_dir)
            else:
                self.engine_name = engine.name
                self._engine = engine
        except Exception as exc:
            if fail_fast:
                raise
            self.startup_error = f"{type(exc).__name__}: {exc}"
            log.error("policy engine failed to start; denying everything: %s", self.startup_error)
        self.bundle_revision = self._engine.revision if self._engine is not None else "unavailable"

    @staticmethod
    def _make_engine(name: str, opa_url: str | None, timeout_ms: int, bundle_dir: Path | str | None) -> PolicyEngine:
        if name == "embedded":
            return EmbeddedEngine(bundle_dir)
        if name == "opa":
            if not opa_url:
                raise ValueError("policy engine 'opa' needs opa_url (SMM_OPA_URL)")
            return OpaEngine(opa_url, timeout_s=timeout_ms / 1000, bundle_dir=bundle_dir)
        raise ValueError(f"unknown policy engine: {name!r}")

    @classmethod
    def from_settings(cls, settings: Any, **kwargs: Any) -> PolicyGate:
        """Build from settings with `policy_engine`, `opa_url`, `policy_timeout_ms` attributes."""
        return cls(
            getattr(settings, "policy_engine", "embedded"),
            opa_url=getattr(settings, "opa_url", None),
            timeout_ms=int(getattr(settings, "policy_timeout_ms", DEFAULT_TIMEOUT_MS)),
            **kwargs,
        )

    @property
    def engine(self) -> PolicyEngine | None:
        return self._engine

    def evaluate(self, query: str, input: Mapping[str, Any]) -> PolicyDecision:
        prepare_thread = getattr(self._engine, "prepare_thread", None)
        if prepare_thread is not None:
            prepare_thread()
        started = time.perf_counter()
        try:
            rule = qualify_query(query)
        except ValueError as exc:
            return self._finish(query, input, started, deny=[f"{POLICY_ENGINE_UNAVAILABLE}: {exc}"])
        doc: Any = input
        clock_filled = isinstance(input, Mapping) and "now" not in input
        if clock_filled:
            doc = {**input, "now": datetime.now(UTC).isoformat().replace("+00:00", "Z")}
        if self._engine is None:
            return self._finish(rule, doc, started, deny=[f"{POLICY_ENGINE_UNAVAILABLE}: {self.startup_error}"])
        ask = rule
        if self.validate_input:
            problems = validate_input(doc)
            if problems:
                return self._finish(rule, doc, started, deny=problems)
            # Validated here, so the bundle's schema pass (half the cost of a decision) is
            # skipped; `decision` still runs it for anyone calling the bundle directly.
            if rule.endswith(_DECISION):
                ask = rule.removesuffix(_DECISION) + _VALIDATED_DECISION
        elif not isinstance(doc, Mapping):
            return self._finish(rule, doc, started, deny=["input: expected object"])
        # The engine's input: cents, post lengths and normalised text derived in Python,
        # identically for every engine (policies/derive.py).
        doc = prepare(doc)
        evaluate_json = getattr(self._engine, "evaluate_json", None)
        # Unvalidated input goes to the engine as is (it fails closed on what JSON cannot carry).
        payload = _validated_json(doc) if self.validate_input and (self.cache is not None or evaluate_json) else None
        key = None
        if self.cache is not None and payload is not None:
            # A clock the gate filled in is left out of the key when no rule reads it, so
            # re-reviews of an unchanged campaign hit; a caller's own `now` always counts.
            keyed: str | None = payload
            if clock_filled and not clock_read(doc):
                keyed = _validated_json({k: v for k, v in doc.items() if k != "now"})
            if keyed is not None:
                key = cache_key(self.engine_name, self.bundle_revision, ask, keyed)
                cached = self.cache.get(key)
                if cached is not None:
                    return self._finish(rule, doc, started, result=cached)
        try:
            if evaluate_json is not None and payload is not None:
                result, engine_decision_id = evaluate_json(ask, payload)
            else:
                result, engine_decision_id = self._engine.evaluate(ask, doc)
        except BaseException as exc:
            _reraise_fatal(exc)
            return self._finish(rule, doc, started, deny=[f"{POLICY_ENGINE_UNAVAILABLE}: {exc}"])
        elapsed_ms = (time.perf_counter() - started) * 1000
        if elapsed_ms > self.timeout_ms:
            # regorus holds the GIL and cannot be interrupted, so a worker thread could
            # not pre-empt it either; a late answer is discarded instead (and not cached).
            reason = f"{POLICY_ENGINE_UNAVAILABLE}: timeout after {elapsed_ms:.1f} ms (limit {self.timeout_ms} ms)"
            return self._finish(rule, doc, started, deny=[reason], engine_decision_id=engine_decision_id)
        if key is not None and self.cache is not None:
            self.cache.put(key, result)
        return self._finish(rule, doc, started, result=result, engine_decision_id=engine_decision_id)

    def _finish(
        self,
        rule: str,
        doc: Any,
        started: float,
        *,
        deny: list[str] | None = None,
        result: Any = None,
        engine_decision_id: str | None = None,
    ) -> PolicyDecision:
        allow = False
        warnings: list[str] = []
        obligations: list[str] = []
        if deny is None:
            allow, deny, warnings, obligations = _read_result(rule, result)
        decision = PolicyDecision(
            decision_id=str(uuid.uuid4()),
            query=rule,
            bundle_revision=self.bundle_revision,
            engine=self.engine_name,
            allow=allow,
            deny=tuple(deny),
            warnings=tuple(warnings),
            obligations=tuple(obligations),
            engine_decision_id=engine_decision_id,
            evaluated_at=datetime.now(UTC),
            duration_ms=round((time.perf_counter() - started) * 1000, 4),
        )
        if self.recorder is not None:
            try:
                self.recorder(decision, doc if isinstance(doc, Mapping) else {"_raw": repr(doc)})
            except Exception as exc:
                log.exception("policy decision %s could not be recorded", decision.decision_id)
                # An unrecorded allow must not be acted on.
                return decision.model_copy(
                    update={
                        "allow": False,
                        "deny": (*decision.deny, f"{POLICY_ENGINE_UNAVAILABLE}: decision not recorded: {exc}"),
                    }
                )
        return decision


def _str_list(value: Any) -> list[str] | None:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _read_result(rule: str, result: Any) -> tuple[bool, list[str], list[str], list[str]]:
    """Turn an engine result into (allow, deny, warnings, obligations), failing closed."""
    if result is None:
        return False, [f"{POLICY_ENGINE_UNAVAILABLE}: undefined result for {rule}"], [], []
    if not isinstance(result, Mapping):
        return False, [f"{POLICY_ENGINE_UNAVAILABLE}: {rule} did not return a decision object"], [], []
    allow = result.get("allow")
    deny = _str_list(result.get("deny"))
    warnings = _str_list(result.get("warnings", []))
    obligations = _str_list(result.get("obligations", []))
    if not isinstance(allow, bool) or deny is None or warnings is None or obligations is None:
        return False, [f"{POLICY_ENGINE_UNAVAILABLE}: malformed decision from {rule}"], [], []
    if allow and deny:
        return False, [*deny, f"{POLICY_ENGINE_UNAVAILABLE}: allow with deny reasons"], warnings, obligations
    if not allow and not deny:
        deny = ["policy.not_allowed: no rule allowed this request"]
    return allow, deny, warnings, obligations
