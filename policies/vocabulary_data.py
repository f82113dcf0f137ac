"""Generate ``policies/smm/vocabulary/data.json`` (``data.smm.vocabulary``) from ``core.vocabulary``.

    python -m policies.vocabulary_data          # rewrite the file
    python -m policies.vocabulary_data --check  # exit 1 if the file differs from the module

The bundle never hand-edits its vocabulary: a test regenerates this file and fails on drift.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from core.vocabulary import policy_data

DATA_FILE = Path(__file__).resolve().parent / "smm" / "vocabulary" / "data.json"  # OPA's data layout


def render() -> str:
    return json.dumps(policy_data(), indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in args:
        current = DATA_FILE.read_text(encoding="utf-8") if DATA_FILE.exists() else ""
        if current != text:
            print(f"{DATA_FILE} is out of date; run python -m policies.vocabulary_data", file=sys.stderr)
            return 1
        return 0
    DATA_FILE.parent.mkdir(parents=True, exist_ok=True)
    DATA_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {DATA_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
