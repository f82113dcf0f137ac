"""The Rego bundle's own tests, coverage, and syntax errors reported with file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policies.bundle import BUNDLE_DIR, BundleError, load_bundle
from policies.gate import EmbeddedEngine, PolicyGate
from policies.testing import run_tests
from tests.fakes.opa import RealOpaEngine


@pytest.mark.parametrize("engine", ["regorus", "opa"])
def test_bundle_tests_pass_with_full_coverage(engine: str) -> None:
    report = run_tests(engine=engine)
    assert report.errors == []
    assert [(r.name, r.error) for r in report.failed] == []
    assert len(report.results) >= 90
    uncovered = {f.path: f.not_covered for f in report.files if f.not_covered}
    assert report.coverage_percent == 100.0, uncovered
    assert {f.path for f in report.files} >= {"budget.rego", "connector.rego", "consent.rego", "content.rego",
                                              "publish.rego", "security.rego", "main.rego", "schema.rego"}  # fmt: skip


def copy_bundle(tmp_path: Path) -> Path:
    target = tmp_path / "bundle"
    shutil.copytree(BUNDLE_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


@pytest.mark.parametrize("engine", ["regorus", "opa"])
def test_failing_rego_test_is_reported(tmp_path: Path, engine: str) -> None:
    bundle = copy_bundle(tmp_path)
    (bundle / "broken_test.rego").write_text(
        "package smm.broken_test\nimport rego.v1\ntest_wrong if data.smm.main.decision.allow with input as {}\n"
    )
    report = run_tests(bundle, engine=engine)
    assert not report.passed
    assert [r.name for r in report.failed] == ["data.smm.broken_test.test_wrong"]


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    bundle = copy_bundle(tmp_path)
    (bundle / "budget.rego").write_text(
        (bundle / "budget.rego").read_text().replace("ws.spent_cents >= ws.cap_cents", "ws.spent_cents >= ")
    )
    for engine in ("regorus", "opa"):
        report = run_tests(bundle, engine=engine)
        assert not report.passed
        assert any(e.startswith("budget.rego:") for e in report.errors), (engine, report.errors)
    with pytest.raises(BundleError):
        RealOpaEngine(bundle)
    with pytest.raises(BundleError) as info:
        EmbeddedEngine(bundle)
    assert info.value.location is not None and info.value.location.startswith("budget.rego:")
    with pytest.raises(BundleError):
        PolicyGate(bundle_dir=bundle)


def test_revision_is_content_hash(tmp_path: Path) -> None:
    bundle = copy_bundle(tmp_path)
    assert load_bundle(bundle).revision == load_bundle().revision
    (bundle / "main_test.rego").write_text("package smm.main_test\n")  # tests are not part of the revision
    assert load_bundle(bundle).revision == load_bundle().revision
    (bundle / "publish.rego").write_text((bundle / "publish.rego").read_text() + "\n# changed\n")
    assert load_bundle(bundle).revision != load_bundle().revision
