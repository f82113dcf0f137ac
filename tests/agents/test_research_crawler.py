"""Crawler against loopback fixture sites: limits, robots, dedup, bad input and the SSRF guard."""

from __future__ import annotations

import asyncio
import socket

import pytest

from agents.crawler import CrawlConfig, Crawler, CrawlResult, ProblemKind, crawl_site, normalize_url, same_site
from agents.crawler.ssrf import NetworkPolicy, SSRFBlockedError, allow_private_from_env, check_host
from fixtures.server import serve_site

LOCAL = CrawlConfig(allow_private=True, politeness_delay_s=0, max_bytes=1_000_000)


def crawl(url: str, config: CrawlConfig = LOCAL) -> CrawlResult:
    return asyncio.run(crawl_site(url, config))


def kinds(result: CrawlResult) -> dict[str, ProblemKind]:
    return {p.url: p.kind for p in result.problems}


def test_crawls_fixture_site_same_site_with_robots_and_dedup() -> None:
    with serve_site("northpeak-coffee") as base:
        result = crawl(base + "/")
    urls = {p.canonical_url for p in result.pages}
    assert result.status == "ok", result.summary()
    assert 15 <= len(result.pages) <= 30
    assert base + "/about.html" in urls and base + "/products/house-espresso.html" in urls
    assert not any("/cart/" in u for u in urls)  # robots.txt disallows /cart/
    problems = kinds(result)
    assert problems[base + "/cart/"] == ProblemKind.ROBOTS_DISALLOWED
    assert problems[base + "/index.html"] == ProblemKind.DUPLICATE  # same content, canonical "/"
    assert problems[base + "/brochure.pdf"] == ProblemKind.NON_HTML
    assert result.robots == "found"
    assert len({p.content_hash for p in result.pages}) == len(result.pages)
    for page in result.pages:
        assert page.text and page.content_type == "text/html"
        assert "<" not in page.text[:50]  # extracted text, not markup
        assert "All rights reserved" not in page.text or page.canonical_url.endswith("privacy.html")


def test_max_pages_and_depth_limits() -> None:
    with serve_site("ledgerly") as base:
        few = crawl(base + "/", LOCAL.model_copy(update={"max_pages": 3}))
        shallow = crawl(base + "/", LOCAL.model_copy(update={"max_depth": 0}))
    assert len(few.pages) == 3 and few.truncated
    assert [p.canonical_url for p in shallow.pages] == [base + "/"]


def test_hidden_injection_locations_are_collected_but_not_in_text() -> None:
    with serve_site("trailforge-outfitters") as base:
        result = crawl(base + "/")
    tent = next(p for p in result.pages if p.canonical_url.endswith("/products/summit-tent.html"))
    locations = {h.location for h in tent.hidden_texts}
    assert {"html-comment", "css-hidden", "attr:alt", "meta:description", "json-ld"} <= locations
    for marker in ("ZX-INJECT-2", "ZX-INJECT-3", "ZX-INJECT-4", "ZX-INJECT-5", "ZX-INJECT-6"):
        assert marker not in tent.text  # hidden content never becomes page text
    about = next(p for p in result.pages if p.canonical_url.endswith("/about.html"))
    assert "ZX-INJECT-7" not in about.text  # hidden by a CSS class rule in <style>
    assert any(h.location == "css-hidden" and "ZX-INJECT-7" in h.text for h in about.hidden_texts)


@pytest.mark.parametrize(
    ("slug", "kind", "words"),
    [
        ("bad-404-home", ProblemKind.HTTP_ERROR, "404"),
        ("bad-non-html", ProblemKind.NON_HTML, "application/json"),
        ("bad-huge", ProblemKind.TOO_LARGE, "limit"),
        ("bad-redirect-loop", ProblemKind.REDIRECT_LOOP, "loop"),
        ("bad-js-only", ProblemKind.NO_TEXT, "JavaScript"),
        ("bad-robots-disallow", ProblemKind.ROBOTS_DISALLOWED, "robots.txt"),
    ],
)
def test_bad_input_gives_a_clear_problem(slug: str, kind: ProblemKind, words: str) -> None:
    with serve_site(slug) as base:
        result = crawl(base + "/")
    assert result.status == "failed"
    assert result.pages == []
    assert result.problems[0].kind == kind
    assert words in result.problems[0].detail
    assert kind.value in result.summary()


def test_huge_page_with_declared_length_is_refused_before_reading() -> None:
    with serve_site("bad-huge") as base:
        result = crawl(base + "/declared")
    assert result.problems[0].kind == ProblemKind.TOO_LARGE
    assert "declared size" in result.problems[0].detail


def test_unreachable_host() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    result = crawl(f"http://127.0.0.1:{port}/")
    assert result.status == "failed"
    assert result.problems[0].kind == ProblemKind.UNREACHABLE


def test_invalid_url() -> None:
    result = crawl("ftp://example.com/")
    assert result.problems[0].kind == ProblemKind.INVALID_URL


def test_partial_site_reports_each_failure() -> None:
    with serve_site("bad-partial") as base:
        result = crawl(base + "/")
    assert result.status == "partial"
    assert {p.canonical_url for p in result.pages} == {base + "/", base + "/ok.html"}
    problems = kinds(result)
    assert problems[base + "/missing.html"] == ProblemKind.HTTP_ERROR
    assert problems[base + "/error.html"] == ProblemKind.HTTP_ERROR
    assert problems[base + "/huge.html"] == ProblemKind.TOO_LARGE
    assert problems[base + "/loop.html"] == ProblemKind.REDIRECT_LOOP
    assert problems[base + "/spa.html"] == ProblemKind.NO_TEXT
    assert problems[base + "/data.json"] == ProblemKind.NON_HTML


# ------------------------------------------------------------------ SSRF


def test_loopback_refused_unless_allowed() -> None:
    with serve_site("northpeak-coffee") as base:
        refused = crawl(base + "/", CrawlConfig(politeness_delay_s=0))
        by_name = crawl(base.replace("127.0.0.1", "localhost") + "/", CrawlConfig(politeness_delay_s=0))
    assert refused.status == "failed" and refused.pages == []
    assert refused.problems[0].kind == ProblemKind.SSRF_BLOCKED
    assert "loopback" in refused.problems[0].detail
    # A name is checked after DNS resolution.
    assert by_name.problems[0].kind == ProblemKind.SSRF_BLOCKED


@pytest.mark.parametrize(
    "target",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://127.0.0.2:9/", "http://[::1]:9/"],
)
def test_redirect_to_private_address_refused(target: str) -> None:
    # The fixture host itself is allowed by an explicit allow-list; the redirect target is not.
    config = CrawlConfig(politeness_delay_s=0, allowed_networks=("127.0.0.1/32",))
    with serve_site("redirector") as base:
        result = crawl(f"{base}/go?to={target}", config)
    assert result.pages == []
    problem = result.problems[0]
    assert problem.kind == ProblemKind.SSRF_BLOCKED, problem
    assert "refused" in problem.detail


def test_same_site_redirect_hop_is_checked_by_transport() -> None:
    resolved: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        resolved.append(host)
        return ["10.1.2.3"] if host == "internal.test" else ["127.0.0.1"]

    async def run() -> None:
        with pytest.raises(SSRFBlockedError):
            await check_host("internal.test", 80, NetworkPolicy(allowed_networks=("127.0.0.1/32",)), resolver)
        assert (
            await check_host("fixture.test", 80, NetworkPolicy(allowed_networks=("127.0.0.1/32",)), resolver)
            == "127.0.0.1"
        )

    asyncio.run(run())
    assert resolved == ["internal.test", "fixture.test"]


def test_network_policy_classification() -> None:
    import ipaddress

    strict = NetworkPolicy()
    for addr in (
        "127.0.0.1",
        "10.0.0.5",
        "192.168.1.1",
        "172.16.0.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "fc00::1",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - an address to refuse, not a bind
        "224.0.0.1",
        "::ffff:127.0.0.1",
    ):
        assert strict.refusal_reason(ipaddress.ip_address(addr)) is not None, addr
    assert strict.refusal_reason(ipaddress.ip_address("93.184.216.34")) is None
    assert NetworkPolicy(allow_private=True).refusal_reason(ipaddress.ip_address("127.0.0.1")) is None
    assert NetworkPolicy(allow_private=True).refusal_reason(ipaddress.ip_address("224.0.0.1")) is not None


def test_allow_private_flag_sources() -> None:
    assert allow_private_from_env(True, env={}) is True
    assert allow_private_from_env(None, env={"SMM_CRAWL_ALLOW_PRIVATE": "true"}) is True
    assert allow_private_from_env(False, env={"SMM_CRAWL_ALLOW_PRIVATE": "no"}) is False
    assert allow_private_from_env(None, env={}) is False


def test_url_helpers() -> None:
    assert normalize_url("HTTP://Example.COM:80/a?utm_source=x&b=1#frag") == "http://example.com/a?b=1"
    assert normalize_url("https://example.com") == "https://example.com/"
    assert same_site("https://www.example.com/a", "https://example.com/b")
    assert same_site("http://example.com/", "https://example.com/")
    assert not same_site("https://example.com/", "https://evil.com/")
    assert not same_site("http://127.0.0.1:8000/", "http://127.0.0.1:8001/")


def test_crawler_instance_reusable_config() -> None:
    crawler = Crawler(LOCAL)
    assert crawler.config.max_pages == 30
