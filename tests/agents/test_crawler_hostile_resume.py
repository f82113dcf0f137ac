"""Resumable crawl: a checkpoint after each page; resuming re-fetches nothing it holds and ends
with the same result as a crawl that was never interrupted (the Temporal heartbeat hook)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from agents.crawler import CrawlCheckpoint, CrawlConfig, Crawler, CrawlResult
from fixtures.server import serve_site

LOCAL = CrawlConfig(allow_private=True, politeness_delay_s=0, max_bytes=1_000_000)


class _Interrupted(Exception):
    pass


class CountingTransport(httpx.AsyncBaseTransport):
    """Records the path of every request that reaches the network."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport(retries=0)
        self.paths: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def outcome(result: CrawlResult) -> dict[str, Any]:
    """What a crawl found, without timings."""
    return {
        "pages": [(p.url, p.canonical_url, p.depth, p.content_hash) for p in result.pages],
        "problems": [(p.url, p.kind, p.status_code) for p in result.problems],
        "truncated": result.truncated,
        "robots": result.robots,
        "dropped_links": result.dropped_links,
    }


def run(
    url: str, config: CrawlConfig, *, stop_after: int | None = None, resume: CrawlCheckpoint | None = None
) -> tuple[CrawlResult | None, list[CrawlCheckpoint], list[str]]:
    checkpoints: list[CrawlCheckpoint] = []
    transport = CountingTransport()

    def on_progress(checkpoint: CrawlCheckpoint) -> None:
        # What a heartbeat does: serialise. Stored as JSON, read back for the resume.
        checkpoints.append(CrawlCheckpoint.model_validate_json(checkpoint.model_dump_json()))
        if stop_after is not None and len(checkpoints) >= stop_after:
            raise _Interrupted

    crawler = Crawler(config, inner_transport=transport)
    try:
        result = asyncio.run(crawler.crawl(url, on_progress=on_progress, resume=resume))
    except _Interrupted:
        result = None
    return result, checkpoints, transport.paths


@pytest.mark.parametrize(
    ("slug", "config", "stop_after"),
    [
        ("northpeak-coffee", LOCAL, 1),
        ("northpeak-coffee", LOCAL, 7),
        ("northpeak-coffee", LOCAL.model_copy(update={"concurrency": 1}), 12),
        ("ledgerly", LOCAL.model_copy(update={"max_pages": 5}), 1),  # the page budget carries over
        ("ledgerly", LOCAL.model_copy(update={"max_pages": 5}), 3),  # resumes into a truncated crawl
        ("bad-partial", LOCAL, 4),  # failures (404, 500, too large, loop) are settled and kept
    ],
)
def test_interrupted_crawl_resumes_to_the_same_result(slug: str, config: CrawlConfig, stop_after: int) -> None:
    with serve_site(slug) as base:
        full, full_checkpoints, _ = run(base + "/", config)
        assert full is not None
        assert len(full_checkpoints) >= stop_after + 1  # the interruption happens mid-crawl

        partial, checkpoints, _ = run(base + "/", config, stop_after=stop_after)
        assert partial is None and len(checkpoints) == stop_after
        saved = checkpoints[-1]
        assert saved.scheduled == stop_after
        assert saved.frontier, "an interrupted crawl has work left"

        resumed, _, paths = run(base + "/", config, resume=saved)
    assert resumed is not None
    assert outcome(resumed) == outcome(full)
    # Nothing the checkpoint holds is fetched again (robots.txt is re-read: rules may change).
    done = {p.url.removeprefix(base) for p in saved.pages} | {p.url.removeprefix(base) for p in saved.problems}
    assert not done & set(paths), done & set(paths)
    assert paths[0] == "/robots.txt"
    # Checkpoints of the uninterrupted crawl agree with the interrupted one up to the interruption.
    assert [c.model_dump(exclude={"pages", "bytes_fetched"}) for c in full_checkpoints[:stop_after]] == [
        c.model_dump(exclude={"pages", "bytes_fetched"}) for c in checkpoints
    ]


def test_checkpoint_after_each_page_and_final_checkpoint_is_complete() -> None:
    with serve_site("northpeak-coffee") as base:
        result, checkpoints, _ = run(base + "/", LOCAL)
    assert result is not None
    scheduled = [c.scheduled for c in checkpoints]
    assert scheduled == list(range(1, len(checkpoints) + 1))
    last = checkpoints[-1]
    assert last.frontier == []
    assert [p.url for p in last.pages] == [p.url for p in result.pages]
    assert [p.url for p in last.problems] == [p.url for p in result.problems]
    assert all(e.depth <= LOCAL.max_depth for c in checkpoints for e in c.frontier)
    # Resuming a finished crawl fetches nothing (the server is gone) and returns the same result.
    again, _, paths = run(base + "/", LOCAL, resume=last)
    assert again is not None and paths == []
    assert outcome(again) == outcome(result)


def test_checkpoint_is_plain_json() -> None:
    with serve_site("ledgerly") as base:
        _, checkpoints, _ = run(base + "/", LOCAL.model_copy(update={"max_pages": 2}))
    data = checkpoints[0].model_dump(mode="json")
    assert set(data) == {
        "version",
        "start_url",
        "pages",
        "problems",
        "frontier",
        "seen",
        "scheduled",
        "truncated",
        "robots",
        "bytes_fetched",
        "dropped_links",
    }
    assert data["frontier"] and set(data["frontier"][0]) == {"url", "depth"}
    assert CrawlCheckpoint.model_validate(data) == checkpoints[0]


def test_resume_for_another_start_url_is_refused() -> None:
    checkpoint = CrawlCheckpoint(start_url="http://127.0.0.1:1/")
    with pytest.raises(ValueError, match="checkpoint is for"):
        asyncio.run(Crawler(LOCAL).crawl("http://127.0.0.1:2/", resume=checkpoint))
