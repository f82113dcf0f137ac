"""The crawler against a hostile loopback site: every hostile page or link costs only itself.

Slow-loris pages are cut at the page deadline, undecodable and bogus pages become
problem entries, hostile links are dropped and counted, an oversized robots.txt
keeps its early rules, and the HTTP charset is honoured. (Decompression bombs and
their memory cost: test_crawler_hostile_memory.py.)
"""

from __future__ import annotations

import asyncio
import time

import pytest

from agents.crawler import CrawlConfig, CrawlResult, ProblemKind, crawl_site
from agents.crawler.content_encoding import PIECE, BodyBuffer, BodyLimitExceededError, decoder_for
from agents.crawler.robots import ROBOTS_MAX_BYTES
from tests.fakes.hostile_site import BAD_HREFS, BOMB_CODINGS, LATIN1_TEXT, _bomb_stream, serve_hostile

DEADLINE = 2.0
CONFIG = CrawlConfig(allow_private=True, politeness_delay_s=0, page_deadline_s=DEADLINE, timeout_s=10.0)


def crawl(url: str, config: CrawlConfig = CONFIG) -> CrawlResult:
    return asyncio.run(crawl_site(url, config))


def good_pages_crawled(result: CrawlResult, base: str, case: str) -> None:
    urls = {p.url for p in result.pages}
    expected = {f"{base}/start/{case}", f"{base}/good/{case}/a", f"{base}/good/{case}/b"}
    assert expected <= urls, (result.summary(), result.problems)
    assert result.status in ("ok", "partial")


def problem_for(result: CrawlResult, url: str) -> ProblemKind:
    kinds = {p.url: p.kind for p in result.problems}
    assert url in kinds, result.problems
    return kinds[url]


# ------------------------------------------------------------------ slow loris


@pytest.mark.parametrize("case", ["slow-body", "slow-headers"])
def test_slow_loris_costs_at_most_the_page_deadline(case: str) -> None:
    # The server sends a byte a second: the 10 s per-read timeout never fires, the page deadline does.
    with serve_hostile() as base:
        began = time.monotonic()
        result = crawl(f"{base}/start/{case}")
        elapsed = time.monotonic() - began
    assert problem_for(result, f"{base}/hostile/{case}") == ProblemKind.TIMEOUT
    assert "page deadline" in next(p.detail for p in result.problems if p.kind == ProblemKind.TIMEOUT)
    good_pages_crawled(result, base, case)
    assert elapsed < DEADLINE + 2.5, elapsed


def test_slow_robots_txt_stops_the_crawl_within_the_deadline() -> None:
    # RFC 9309: a robots.txt that cannot be fetched means nothing may be crawled.
    with serve_hostile(robots="slow") as base:
        began = time.monotonic()
        result = crawl(f"{base}/start/x")
        elapsed = time.monotonic() - began
    assert result.pages == []
    assert result.problems[0].kind == ProblemKind.TIMEOUT and "robots.txt" in result.problems[0].detail
    assert elapsed < DEADLINE + 2.5, elapsed


# ------------------------------------------------------------------ hostile pages


@pytest.mark.parametrize(
    ("case", "kind", "words"),
    [
        ("corrupt-gzip", ProblemKind.BAD_CONTENT, "gzip"),
        ("stacked-encoding", ProblemKind.BAD_CONTENT, "stacked"),
        ("unknown-encoding", ProblemKind.BAD_CONTENT, "unsupported content encoding"),
        ("redirect-ipv6", ProblemKind.INVALID_URL, "invalid URL"),
        ("redirect-control", ProblemKind.INVALID_URL, "invalid URL"),
    ],
)
def test_hostile_page_is_a_problem_and_the_rest_is_crawled(case: str, kind: ProblemKind, words: str) -> None:
    with serve_hostile() as base:
        result = crawl(f"{base}/start/{case}")
    problem = next(p for p in result.problems if p.url == f"{base}/hostile/{case}")
    assert problem.kind == kind and words in problem.detail, problem
    good_pages_crawled(result, base, case)


@pytest.mark.parametrize("case", ["charset-idna", "charset-nonsense", "binary-html"])
def test_bogus_charset_or_binary_page_does_not_stop_the_crawl(case: str) -> None:
    with serve_hostile() as base:
        result = crawl(f"{base}/start/{case}")
    good_pages_crawled(result, base, case)
    hostile = f"{base}/hostile/{case}"
    if case == "binary-html":  # no text worth keeping: a problem entry or a page, never an exception
        assert hostile in {p.url for p in result.pages} | {p.url for p in result.problems}
    else:  # the bogus label is ignored and the UTF-8 page reads fine
        page = next(p for p in result.pages if p.url == hostile)
        assert "describes ordinary products" in page.text


def test_latin1_page_with_http_charset_decodes_correctly() -> None:
    with serve_hostile() as base:
        result = crawl(f"{base}/start/latin1")
    page = next(p for p in result.pages if p.url == f"{base}/hostile/latin1")
    assert LATIN1_TEXT in page.text
    assert "café" in page.text.lower() and "Müller" in page.text
    assert "\ufffd" not in page.text


# ------------------------------------------------------------------ hostile links


@pytest.mark.parametrize("case", sorted(BAD_HREFS))
def test_hostile_link_is_dropped_and_counted(case: str) -> None:
    with serve_hostile() as base:
        result = crawl(f"{base}/start/{case}")
    good_pages_crawled(result, base, case)
    assert result.dropped_links >= 1
    assert result.status == "ok", result.problems


def test_all_hostile_links_on_one_page() -> None:
    with serve_hostile() as base:
        result = crawl(f"{base}/start/links-all")
    good_pages_crawled(result, base, "links-all")
    assert result.dropped_links == len(BAD_HREFS)
    assert all(len(p.url) < 200 for p in result.problems)


def test_overlong_start_url_is_invalid_not_a_crash() -> None:
    result = crawl("http://127.0.0.1:9/" + "a" * 70_000)
    assert result.problems[0].kind == ProblemKind.INVALID_URL
    assert len(result.start_url) < 400
    result = crawl("http://[::1/broken")
    assert result.problems[0].kind == ProblemKind.INVALID_URL


# ------------------------------------------------------------------ robots.txt


@pytest.mark.parametrize("robots", ["huge-disallow", "huge-cr", "padded-disallow"])
def test_oversized_robots_txt_with_disallow_all_disallows(robots: str) -> None:
    with serve_hostile(robots=robots) as base:
        result = crawl(f"{base}/start/x")
    assert result.robots == "found"
    assert result.pages == []
    assert result.problems[0].kind == ProblemKind.ROBOTS_DISALLOWED


def test_robots_txt_is_read_up_to_the_bound_only() -> None:
    # A rule after the first 500 KiB is beyond what is read; the early rules still apply.
    assert ROBOTS_MAX_BYTES >= 500 * 1024
    with serve_hostile(robots="huge-allow-then-cut") as base:
        result = crawl(f"{base}/start/cut")
    assert result.robots == "found"
    good_pages_crawled(result, base, "cut")


def test_robots_txt_server_error_disallows_everything() -> None:
    with serve_hostile(robots="error") as base:
        result = crawl(f"{base}/start/x")
    assert result.robots == "unavailable" and result.pages == []
    assert result.problems[0].kind == ProblemKind.ROBOTS_DISALLOWED


def test_robots_crawl_delay_is_honoured_but_capped() -> None:
    config = CONFIG.model_copy(update={"max_crawl_delay_s": 0.3})
    with serve_hostile(robots="delay") as base:
        began = time.monotonic()
        result = crawl(f"{base}/start/delay", config)
        elapsed = time.monotonic() - began
    good_pages_crawled(result, base, "delay")
    # robots.txt + start + hostile (404) + a + b: four waits of 0.3 s, not of 100 s.
    assert 4 * 0.3 <= elapsed < 5.0, elapsed


# ------------------------------------------------------------------ bounded decoding, in process


@pytest.mark.parametrize("coding", BOMB_CODINGS)
def test_bomb_decoding_stops_at_the_limit(coding: str) -> None:
    limit = 2_000_000
    sink = BodyBuffer(limit)
    decoder = decoder_for(coding, sink)
    fed = 0
    with pytest.raises(BodyLimitExceededError):
        for piece in _bomb_stream(coding):
            for i in range(0, len(piece), 16_384):
                chunk = piece[i : i + 16_384]
                fed += len(chunk)
                decoder.feed(chunk)
                assert sink.size <= limit
    assert sink.size == limit
    assert len(sink.getvalue()) == limit and sink.getvalue().count(0) == limit
    assert fed < limit  # stopped after a few compressed chunks, not after the gigabyte
    assert PIECE <= 65_536
