"""Rego unit tests (`test_*` rules in `*_test.rego`) with line coverage, on regorus or real OPA."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import regorus

from policies.bundle import BundleError, engine_error_message, load_bundle

_PACKAGE = re.compile(r"^package\s+([\w.]+)", re.MULTILINE)
_TEST_RULE = re.compile(r"^(test_\w+)\b", re.MULTILINE)


@dataclass
class TestResult:
    name: str  # data.<package>.<rule>
    file: str
    passed: bool
    error: str | None = None


@dataclass
class FileCoverage:
    path: str
    covered: int
    not_covered: list[int]

    @property
    def percent(self) -> float:
        total = self.covered + len(self.not_covered)
        return 100.0 if total == 0 else 100.0 * self.covered / total


@dataclass
class TestReport:
    results: list[TestResult] = field(default_factory=list)
    files: list[FileCoverage] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # load/syntax errors, "file:line:col: message"

    @property
    def coverage_percent(self) -> float:
        covered = sum(f.covered for f in self.files)
        total = covered + sum(len(f.not_covered) for f in self.files)
        return 100.0 if total == 0 else round(100.0 * covered / total, 2)

    @property
    def failed(self) -> list[TestResult]:
        return [r for r in self.results if not r.passed]

    @property
    def passed(self) -> bool:
        return not self.errors and not self.failed and bool(self.results)

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "tests": len(self.results),
            "failed": [asdict(r) for r in self.failed],
            "errors": self.errors,
            "coverage_percent": self.coverage_percent,
            "files": [
                {"path": f.path, "percent": round(f.percent, 2), "not_covered": f.not_covered} for f in self.files
            ],
        }


def discover(text: str) -> tuple[str | None, list[str]]:
    package = _PACKAGE.search(text)
    names = list(dict.fromkeys(_TEST_RULE.findall(text)))
    return (package.group(1) if package else None), names


def run_tests(bundle_dir: Path | str | None = None, engine: str = "regorus") -> TestReport:
    """Load the bundle and its tests, evaluate every `test_*` rule, collect line coverage.

    `engine` is "regorus" (the embedded engine) or "opa" (real OPA in-process through PyPI
    `opa-golib-python-bindings`, a test dependency): the bundle must pass on both.
    """
    report = TestReport()
    try:
        bundle = load_bundle(bundle_dir)
    except BundleError as exc:
        report.errors.append(str(exc))
        return report
    runner: _Runner = _OpaRunner() if engine == "opa" else _RegorusRunner()
    if bundle.data:
        runner.add_data(bundle.data_json())
    for rel, text in (*bundle.policies, *bundle.tests):
        try:
            runner.add_policy(rel, text)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            message, location = engine_error_message(exc)
            report.errors.append(f"{location or rel}: {message}")
    if report.errors:
        return report
    for rel, text in bundle.tests:
        package, names = discover(text)
        if package is None:
            report.errors.append(f"{rel}:1: no package declaration")
            continue
        for name in names:
            rule = f"data.{package}.{name}"
            try:
                value = runner.eval_test(rule)
            except BaseException as exc:
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                message, location = engine_error_message(exc)
                report.results.append(TestResult(rule, rel, False, f"{location}: {message}" if location else message))
                continue
            report.results.append(TestResult(rule, rel, value is True, None if value is True else f"got {value!r}"))
    test_files = {rel for rel, _ in bundle.tests}
    for path, (covered, not_covered) in runner.coverage().items():
        if path not in test_files:
            report.files.append(FileCoverage(path, len(covered), sorted(not_covered - covered)))
    report.files.sort(key=lambda f: f.path)
    return report


class _Runner(Protocol):
    def add_policy(self, rel: str, text: str) -> None: ...

    def add_data(self, doc: str) -> None:
        """Mount the bundle's generated data (JSON of {"smm": {...}})."""
        ...

    def eval_test(self, rule: str) -> Any:
        """The rule's value; None when undefined."""
        ...

    def coverage(self) -> dict[str, tuple[set[int], set[int]]]:
        """path -> (covered lines, lines reported not covered), over every test run."""
        ...


class _RegorusRunner:
    def __init__(self) -> None:
        self.engine = regorus.Engine()
        self.engine.set_enable_coverage(True)

    def add_policy(self, rel: str, text: str) -> None:
        self.engine.add_policy(rel, text)

    def add_data(self, doc: str) -> None:
        self.engine.add_data_json(doc)

    def eval_test(self, rule: str) -> Any:
        self.engine.set_input_json("{}")
        return self.engine.eval_rule(rule)

    def coverage(self) -> dict[str, tuple[set[int], set[int]]]:
        report = json.loads(self.engine.get_coverage_report_as_json())
        return {f["path"]: (set(f["covered"]), set(f["not_covered"])) for f in report.get("files", [])}


class _OpaRunner:
    """Real OPA (v1.20, the Go library) in-process. There is no `opa test` in the bindings, and each new query
    path costs about a quarter of a second to prepare, so each test package's document is evaluated once, with
    coverage: it holds the value of every `test_*` rule in it (an undefined test is absent). A package whose
    document raises (a test with an evaluation error) is evaluated rule by rule, so the error names its test."""

    def __init__(self) -> None:
        from opa_bindings import OpaEngine  # test dependency, see the Makefile

        self.engine = OpaEngine()
        self.lines: dict[str, tuple[set[int], set[int]]] = {}
        self.documents: dict[str, dict[str, Any] | None] = {}

    def add_policy(self, rel: str, text: str) -> None:
        self.engine.add_policy(rel, text)

    def add_data(self, doc: str) -> None:
        self.engine.add_data(json.loads(doc))

    def eval_test(self, rule: str) -> Any:
        package, _, name = rule.removeprefix("data.").rpartition(".")
        if package not in self.documents:
            try:
                document = self._evaluate(package)
            except Exception:  # one of its tests raises: each test on its own below
                document = None
            self.documents[package] = document if isinstance(document, dict) else None
        document = self.documents[package]
        return document.get(name) if document is not None else self._evaluate(rule.removeprefix("data."))

    def _evaluate(self, path: str) -> Any:
        from opa_bindings import OpaUndefinedError

        try:
            value = self.engine.eval_document(path, {}, coverage=True)
        except OpaUndefinedError:
            value = None
        for name, entry in (self.engine.last_coverage or {}).get("files", {}).items():
            covered, not_covered = self.lines.setdefault(name, (set(), set()))
            covered.update(_rows(entry.get("covered")))
            not_covered.update(_rows(entry.get("not_covered")))
        return value

    def coverage(self) -> dict[str, tuple[set[int], set[int]]]:
        return self.lines


def _rows(ranges: list[dict[str, Any]] | None) -> set[int]:
    return {row for r in ranges or () for row in range(r["start"]["row"], r["end"]["row"] + 1)}
