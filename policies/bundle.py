"""Locating, hashing and loading the Rego bundle."""

from __future__ import annotations

import hashlib
import json
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
    # Generated data documents (``smm/<name>/data.json``), mounted at ``data.smm.<name>``; see data_json().
    # That is OPA's own layout, so an OPA server given this directory mounts them at the same path.
    data: tuple[tuple[str, str], ...] = ()

    def data_json(self) -> str:
        """All data files as one JSON document for an engine's add_data: {"smm": {<name>: ...}}."""
        mounted = {Path(rel).parent.name: json.loads(text) for rel, text in self.data}
        return json.dumps({"smm": mounted}, separators=(",", ":"))


def is_test_file(path: Path) -> bool:
    return path.name.endswith("_test.rego")


def load_bundle(directory: Path | str | None = None) -> Bundle:
    """Read every `*.rego` under `directory` and the data files `smm/<name>/data.json`; the revision hashes the
    policy and data files (not the tests)."""
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
    data: list[tuple[str, str]] = []
    for path in sorted((root / "smm").glob("*/data.json")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            json.loads(text)
        except ValueError as exc:
            raise BundleError(f"data file is not valid JSON: {exc}", rel) from exc
        data.append((rel, text))
    digest = hashlib.sha256()
    # The data is part of what a decision depends on, so it is part of the revision.
    for rel, text in (*policies, *data):
        digest.update(rel.encode())
        digest.update(b"\0")
        digest.update(text.encode())
        digest.update(b"\0")
    return Bundle(root, tuple(policies), tuple(tests), digest.hexdigest(), tuple(data))


_LOCATION = re.compile(r"-->\s*(?P<loc>[^\s]+:\d+:\d+)")


def engine_error_message(exc: BaseException) -> tuple[str, str | None]:
    """Strip regorus' Rust backtrace and pull out `file:line:col` when present."""
    text = str(exc).split("Stack backtrace:")[0].strip()
    match = _LOCATION.search(text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    message = next((ln for ln in reversed(lines) if ln.startswith("error:")), lines[-1] if lines else repr(exc))
    return message.removeprefix("error:").strip(), match.group("loc") if match else None
