"""Decompression bombs (1 GiB of zeros in gzip, deflate, br, zstd) cost the crawler little memory.

The crawl runs in a child process so that its peak RSS is its own: the child
warms up on an ordinary page, records its peak, crawls the bomb, and records its
peak again. The hostile server (in this process) compresses the bomb on the fly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.hostile_site import BOMB_CODINGS, serve_hostile

ROOT = Path(__file__).resolve().parents[2]
MAX_GROWTH_MB = 100

_CHILD = """
import asyncio, json, resource, sys
from agents.crawler import CrawlConfig, Crawler

base, coding = sys.argv[1], sys.argv[2]
config = CrawlConfig(allow_private=True, politeness_delay_s=0, max_depth=0, page_deadline_s=60)

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB

warm = asyncio.run(Crawler(config).crawl(base + "/good/warm/a"))
before = peak_mb()
result = asyncio.run(Crawler(config).crawl(base + "/hostile/bomb-" + coding))
after = peak_mb()
print(json.dumps({
    "warm_pages": len(warm.pages),
    "before_mb": before,
    "after_mb": after,
    "problems": [[p.kind.value, p.detail] for p in result.problems],
    "pages": len(result.pages),
    "bytes_fetched": result.bytes_fetched,
    "max_bytes": config.max_bytes,
}))
"""


@pytest.mark.parametrize("coding", BOMB_CODINGS)
def test_bomb_is_too_large_and_memory_stays_bounded(coding: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with serve_hostile() as base:
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, base, coding],
            capture_output=True,
            text=True,
            timeout=180,
            env=env,
            cwd=ROOT,
        )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["warm_pages"] == 1
    assert report["pages"] == 0
    assert [kind for kind, _ in report["problems"]] == ["too_large"], report
    assert "limit" in report["problems"][0][1]
    growth = report["after_mb"] - report["before_mb"]
    assert growth < MAX_GROWTH_MB, f"{coding} bomb grew peak RSS by {growth:.0f} MB"
    # It stopped reading after a few compressed chunks instead of taking in the whole bomb.
    assert report["bytes_fetched"] < report["max_bytes"], report
