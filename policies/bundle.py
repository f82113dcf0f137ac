"""Locating, hashing and loading the Rego bundle."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

BUNDLE_DIR = Path(__file__).resolve().parent


class BundleError(RuntimeError):
    """The bundle is missing or does not compile; `location` is file:line when known."""

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(f"{location}: {message}" if location else message)
        self.location = location


@dataclass(frozen=True)
class Bundle:
    directory: Path
    policies: tuple[tuple[str, str], ...]  # (relative path, text), sorted, tests excluded
    tests: tuple[tuple[str, str], ...]
    revision: str


def is_test_file(path: Path) -> bool:
    return path.name.endswith("_test.rego")


def load_bundle(directory: Path | str | None = None) -> Bundle:
    """Read every `*.rego` under `directory`; the revision hashes the policy files only."""
    root = Path(directory) if directory is not None else BUNDLE_DIR
    if not root.is_dir():
        raise BundleError(f"policy bundle directory not found: {root}")
    policies: list[tuple[str, str]] = []
    tests: list[tuple[str, str]] = []
    for path in sorted(root.rglob("*.rego")):
        rel = path.relative_to(root).as_posix()
        (tests if is_test_file(path) else policies).append((rel, path.read_text(encoding="utf-8")))
    if not policies:
        raise BundleError(f"no policy files (*.rego) in {root}")
    digest = hashlib.sha256()
    for rel, text in policies:
        digest.update(rel.encode())
        digest.update(b"\0")
        digest.update(text.encode())
        digest.update(b"\0")
    return Bundle(root, tuple(policies), tuple(tests), digest.hexdigest())


_LOCATION = re.compile(r"-->\s*(?P<loc>[^\s]+:\d+:\d+)")


def engine_error_message(exc: BaseException) -> tuple[str, str | None]:
    """Strip regorus' Rust backtrace and pull out `file:line:col` when present."""
    text = str(exc).split("Stack backtrace:")[0].strip()
    match = _LOCATION.search(text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    message = next((ln for ln in reversed(lines) if ln.startswith("error:")), lines[-1] if lines else repr(exc))
    return message.removeprefix("error:").strip(), match.group("loc") if match else None
