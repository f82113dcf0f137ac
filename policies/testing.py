"""Rego unit tests (`test_*` rules in `*_test.rego`) with line coverage, run by regorus."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

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


def run_tests(bundle_dir: Path | str | None = None) -> TestReport:
    """Load the bundle and its tests, evaluate every `test_*` rule, collect coverage."""
    report = TestReport()
    try:
        bundle = load_bundle(bundle_dir)
    except BundleError as exc:
        report.errors.append(str(exc))
        return report
    engine = regorus.Engine()
    if bundle.data:
        engine.add_data_json(bundle.data_json())
    for rel, text in (*bundle.policies, *bundle.tests):
        try:
            engine.add_policy(rel, text)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            message, location = engine_error_message(exc)
            report.errors.append(f"{location or rel}: {message}")
    if report.errors:
        return report
    engine.set_enable_coverage(True)
    for rel, text in bundle.tests:
        package, names = discover(text)
        if package is None:
            report.errors.append(f"{rel}:1: no package declaration")
            continue
        for name in names:
            rule = f"data.{package}.{name}"
            engine.set_input_json("{}")
            try:
                value = engine.eval_rule(rule)
            except BaseException as exc:
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                message, location = engine_error_message(exc)
                report.results.append(TestResult(rule, rel, False, f"{location}: {message}" if location else message))
                continue
            report.results.append(TestResult(rule, rel, value is True, None if value is True else f"got {value!r}"))
    coverage = json.loads(engine.get_coverage_report_as_json())
    test_files = {rel for rel, _ in bundle.tests}
    for entry in coverage.get("files", []):
        if entry["path"] in test_files:
            continue
        report.files.append(FileCoverage(entry["path"], len(entry["covered"]), sorted(entry["not_covered"])))
    report.files.sort(key=lambda f: f.path)
    return report
