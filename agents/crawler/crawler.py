"""Async same-site crawler: robots.txt, limits, politeness, SSRF guard, dedup.

Pages are hostile input. Bodies are decompressed by hand with a cap while they
stream (content_encoding.py), every page has one deadline covering connect,
headers and body, only HTML is parsed, links are checked before they are
queued (urls.py), redirects are followed one hop at a time so each hop passes
the SSRF guard, and whatever goes wrong with one page becomes a problem entry
for that URL: nothing about a page's content aborts the crawl.

A crawl can report a ``CrawlCheckpoint`` after each page and be resumed from it.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import httpx

from agents.crawler.charset import decode_page
from agents.crawler.content_encoding import (
    ACCEPT_ENCODING,
    RAW_CHUNK,
    BodyBuffer,
    BodyLimitExceededError,
    ContentDecodingError,
    decoder_for,
)
from agents.crawler.html import ParsedPage, parse_html
from agents.crawler.models import (
    SKIP_KINDS,
    USER_AGENT,
    CrawlCheckpoint,
    CrawlConfig,
    CrawledPage,
    CrawlProblem,
    CrawlResult,
    FrontierEntry,
    HiddenTextOut,
    ProblemKind,
)
from agents.crawler.robots import ROBOTS_MAX_BYTES, RobotsRules
from agents.crawler.ssrf import GuardedTransport, NetworkPolicy, Resolver, SSRFBlockedError, check_host, system_resolver
from agents.crawler.urls import checked_url, join_url, normalize_url, same_site, site_key

__all__ = [
    "SKIP_KINDS",
    "USER_AGENT",
    "CrawlCheckpoint",
    "CrawlConfig",
    "CrawlProblem",
    "CrawlResult",
    "CrawledPage",
    "Crawler",
    "FrontierEntry",
    "ProblemKind",
    "ProgressCallback",
    "crawl_site",
    "normalize_url",
    "same_site",
]

_REDIRECTS = {301, 302, 303, 307, 308}
#: Answers by which a server says "too fast": the rest of the crawl slows down (Retry-After, at least 1 s).
_SLOW_DOWN = {429, 503}
#: AutoThrottle (as Scrapy's AUTOTHROTTLE_TARGET_CONCURRENCY): request starts to one host are spaced by its
#: smoothed response latency divided by this, so a server sees on average about two requests at a time
#: (a browser loading one page opens up to six connections per host) however many are allowed in flight;
#: a slow server is crawled slowly without any setting.
_TARGET_CONCURRENCY = 2.0
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DETAIL_CHARS = 300  # problem details quote hostile input (URLs, headers): keep them short

ProgressCallback = Callable[[CrawlCheckpoint], None]


def _clip(text: str) -> str:
    return text if len(text) <= _DETAIL_CHARS else text[:_DETAIL_CHARS] + "…"


@dataclass
class _Fetched:
    final_url: str
    status_code: int
    content_type: str  # bare media type
    content_type_header: str  # with parameters, for the charset
    body: bytes
    truncated: bool = False


@dataclass
class _Outcome:
    page: CrawledPage | None = None
    problem: CrawlProblem | None = None
    links: list[str] = field(default_factory=list)
    dropped_links: int = 0


@dataclass
class _Progress:
    """The crawl's mutable state; ``CrawlCheckpoint`` is its serialisable snapshot."""

    frontier: list[FrontierEntry]
    seen: set[str]
    scheduled: int = 0


class _Failure(Exception):
    def __init__(self, kind: ProblemKind, detail: str, status_code: int | None = None) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = _clip(detail)
        self.status_code = status_code


class Crawler:
    """One crawl at a time per instance (politeness and robots state are per crawl)."""

    def __init__(
        self,
        config: CrawlConfig | None = None,
        *,
        resolver: Resolver = system_resolver,
        inner_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config or CrawlConfig()
        self._policy = NetworkPolicy(self.config.allow_private, tuple(self.config.allowed_networks))
        self._resolver = resolver
        self._transport = GuardedTransport(self._policy, inner=inner_transport, resolver=resolver)
        self._last_hit: dict[tuple[str, int | None], float] = {}
        self._latency: dict[tuple[str, int | None], float] = {}  # smoothed seconds to response headers
        self._host_locks: dict[tuple[str, int | None], asyncio.Lock] = {}
        self._delay = self.config.politeness_delay_s
        self._robots = RobotsRules.allow_everything()
        self._bytes = 0

    # ------------------------------------------------------------------ fetching

    def _gap(self, key: tuple[str, int | None]) -> float:
        """Seconds between two request starts to one host.

        Politeness, as production crawlers do it (Scrapy: DOWNLOAD_DELAY 0 with a per-domain concurrency
        cap, AutoThrottle for adaptivity): at most ``concurrency`` requests are in flight to the host, and
        starts are spaced by the host's own smoothed latency (``_TARGET_CONCURRENCY``), so a fast server
        is crawled in about a second and a slow one about two requests at a time. A fixed
        ``politeness_delay_s`` (SMM_CRAWL_POLITENESS_DELAY_S, default 0), a robots.txt Crawl-delay and a
        429/503 answer can only lengthen the gap; the adaptive part is capped like a Crawl-delay.
        """
        adaptive = min(self._latency.get(key, 0.0) / _TARGET_CONCURRENCY, self.config.max_crawl_delay_s)
        return max(self._delay, adaptive)

    async def _polite(self, url: str) -> None:
        key = site_key(url)
        lock = self._host_locks.setdefault(key, asyncio.Lock())
        async with lock:
            last = self._last_hit.get(key)
            now = time.monotonic()
            gap = self._gap(key)
            if last is not None and gap > 0:
                wait = last + gap - now
                if wait > 0:
                    await asyncio.sleep(wait)
            self._last_hit[key] = time.monotonic()

    def _observe_latency(self, url: str, seconds: float) -> None:
        # Smoothed like Scrapy's AutoThrottle: half the old value, half the new observation.
        key = site_key(url)
        old = self._latency.get(key)
        self._latency[key] = seconds if old is None else (old + seconds) / 2

    def _slow_down(self, resp: httpx.Response) -> None:
        """A 429/503 lengthens every later gap: Retry-After seconds (at least 1 s), capped like a Crawl-delay."""
        retry_after = resp.headers.get("retry-after", "").strip()
        wanted = float(retry_after) if retry_after.isdigit() else 0.0
        self._delay = max(self._delay, min(max(wanted, 1.0), self.config.max_crawl_delay_s))

    async def _read_body(self, resp: httpx.Response, limit: int, *, truncate: bool) -> tuple[bytes, bool]:
        """The decoded body, at most ``limit`` bytes held at any time.

        Over the limit: TOO_LARGE, or with ``truncate`` the first ``limit`` bytes and True.
        """
        sink = BodyBuffer(limit)
        try:
            decoder = decoder_for(resp.headers.get("content-encoding"), sink)
            raw = 0
            async for chunk in resp.aiter_raw(RAW_CHUNK):
                raw += len(chunk)
                self._bytes += len(chunk)
                if raw > limit:  # also bounds codings that produce nothing (zstd skippable frames)
                    raise BodyLimitExceededError(f"raw body exceeds {limit} bytes")
                decoder.feed(chunk)
            decoder.finish()
        except BodyLimitExceededError as exc:
            if truncate:
                return sink.getvalue(), True
            raise _Failure(
                ProblemKind.TOO_LARGE,
                f"page exceeds the {limit}-byte limit (stopped reading)",
                resp.status_code,
            ) from exc
        except ContentDecodingError as exc:
            raise _Failure(ProblemKind.BAD_CONTENT, f"body could not be decoded: {exc}", resp.status_code) from exc
        return sink.getvalue(), False

    async def _get_once(
        self, client: httpx.AsyncClient, url: str, *, html_only: bool, limit: int, truncate: bool
    ) -> tuple[httpx.Response, bytes, bool]:
        try:
            sent = time.monotonic()
            async with client.stream("GET", url) as resp:
                self._observe_latency(url, time.monotonic() - sent)  # headers only: a slow body is the deadline's
                if resp.status_code in _SLOW_DOWN:
                    self._slow_down(resp)
                if resp.status_code in _REDIRECTS or resp.status_code >= 400:
                    return resp, b"", False
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                if html_only and ctype not in _HTML_TYPES:
                    raise _Failure(
                        ProblemKind.NON_HTML, f"content type {ctype or 'missing'} is not HTML", resp.status_code
                    )
                declared = resp.headers.get("content-length", "")
                if not truncate and declared.isdigit() and int(declared) > limit:
                    raise _Failure(
                        ProblemKind.TOO_LARGE,
                        f"declared size {declared} bytes exceeds the {limit}-byte limit",
                        resp.status_code,
                    )
                body, cut = await self._read_body(resp, limit, truncate=truncate)
                return resp, body, cut
        except SSRFBlockedError as exc:
            raise _Failure(ProblemKind.SSRF_BLOCKED, str(exc)) from exc
        except httpx.TimeoutException as exc:
            raise _Failure(ProblemKind.TIMEOUT, f"timed out after {self.config.timeout_s}s") from exc
        except httpx.InvalidURL as exc:
            raise _Failure(ProblemKind.INVALID_URL, f"invalid URL: {exc}") from exc
        except httpx.RemoteProtocolError as exc:
            # httpx parses a redirect's Location itself, even when not following it.
            if str(exc).startswith("Invalid URL in location header"):
                raise _Failure(ProblemKind.INVALID_URL, f"redirect to an invalid URL: {exc}") from exc
            raise _Failure(ProblemKind.UNREACHABLE, f"protocol error: {exc}") from exc
        except (httpx.HTTPError, OSError) as exc:
            raise _Failure(ProblemKind.UNREACHABLE, f"could not connect: {exc.__class__.__name__}: {exc}") from exc

    async def _fetch(
        self,
        client: httpx.AsyncClient,
        url: str,
        start_url: str,
        *,
        html_only: bool = True,
        limit: int | None = None,
        truncate: bool = False,
    ) -> _Fetched:
        """GET ``url``, following same-site redirects one checked hop at a time.

        All hops together get ``page_deadline_s`` of network time (politeness
        waits are not counted).
        """
        limit = limit or self.config.max_bytes
        loop = asyncio.get_running_loop()
        budget = self.config.page_deadline_s
        chain = [url]
        current = url
        for _ in range(self.config.max_redirects + 1):
            await self._polite(current)
            began = loop.time()
            try:
                async with asyncio.timeout(max(budget, 0.0)):
                    resp, body, cut = await self._get_once(
                        client, current, html_only=html_only, limit=limit, truncate=truncate
                    )
            except TimeoutError as exc:
                raise _Failure(
                    ProblemKind.TIMEOUT, f"no complete response within the {self.config.page_deadline_s}s page deadline"
                ) from exc
            budget -= loop.time() - began
            if resp.status_code in _REDIRECTS:
                current = await self._next_hop(resp, current, chain, start_url, html_only=html_only)
                chain.append(current)
                continue
            if resp.status_code >= 400:
                raise _Failure(
                    ProblemKind.HTTP_ERROR, f"HTTP {resp.status_code} {resp.reason_phrase}".strip(), resp.status_code
                )
            header = resp.headers.get("content-type", "")
            return _Fetched(
                final_url=current,
                status_code=resp.status_code,
                content_type=header.split(";")[0].strip().lower(),
                content_type_header=header,
                body=body,
                truncated=cut,
            )
        raise _Failure(ProblemKind.TOO_MANY_REDIRECTS, f"more than {self.config.max_redirects} redirects: {chain[0]}")

    async def _next_hop(
        self, resp: httpx.Response, current: str, chain: list[str], start_url: str, *, html_only: bool
    ) -> str:
        location = resp.headers.get("location")
        if not location:
            raise _Failure(ProblemKind.HTTP_ERROR, "redirect without a Location header", resp.status_code)
        nxt = join_url(current, location, self.config.max_url_length)
        if nxt is None:
            raise _Failure(ProblemKind.INVALID_URL, f"redirect to an invalid URL: {location!r}", resp.status_code)
        if nxt in chain:
            raise _Failure(ProblemKind.REDIRECT_LOOP, "redirect loop: " + " -> ".join([*chain, nxt]), resp.status_code)
        if not same_site(nxt, start_url) and html_only:
            # A redirect to another site is not followed, but it is still
            # checked: a redirect to a private address is reported as such.
            parts = urlsplit(nxt)
            try:
                await check_host(parts.hostname or "", parts.port or 80, self._policy, self._resolver)
            except SSRFBlockedError as exc:
                raise _Failure(ProblemKind.SSRF_BLOCKED, f"redirect to {nxt} refused: {exc}") from exc
            except OSError:
                pass
            raise _Failure(ProblemKind.OFFSITE_REDIRECT, f"redirects off-site to {nxt}", resp.status_code)
        if html_only and not self._allowed_by_robots(nxt):
            raise _Failure(ProblemKind.ROBOTS_DISALLOWED, f"redirect target {nxt} disallowed by robots.txt")
        return nxt

    # ------------------------------------------------------------------ robots.txt

    def _allowed_by_robots(self, url: str) -> bool:
        if not self.config.respect_robots:
            return True
        return self._robots.allows(url, self.config.user_agent)

    async def _load_robots(self, client: httpx.AsyncClient, start_url: str, result: CrawlResult) -> None:
        """RFC 9309: 2xx → the file's rules; 4xx (or broken redirects) → no rules; 5xx →
        everything disallowed; unreachable, timed out or undecodable → nothing is crawled."""
        parts = urlsplit(start_url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        try:
            fetched = await self._fetch(
                client, robots_url, start_url, html_only=False, limit=ROBOTS_MAX_BYTES, truncate=True
            )
        except _Failure as exc:
            if exc.kind in (
                ProblemKind.SSRF_BLOCKED,
                ProblemKind.UNREACHABLE,
                ProblemKind.TIMEOUT,
                ProblemKind.BAD_CONTENT,
            ):
                result.robots = "unavailable"
                detail = exc.detail if exc.kind == ProblemKind.SSRF_BLOCKED else f"robots.txt: {exc.detail}"
                raise _Failure(exc.kind, detail, exc.status_code) from exc
            if exc.status_code is not None and exc.status_code >= 500:
                self._robots = RobotsRules.disallow_everything()
                result.robots = "unavailable"
            else:
                self._robots = RobotsRules.allow_everything()
                result.robots = "missing" if exc.status_code is not None and exc.status_code >= 400 else "unavailable"
            return
        self._robots = RobotsRules.from_body(fetched.body, truncated=fetched.truncated)
        result.robots = "found"
        delay = self._robots.crawl_delay(self.config.user_agent)
        if delay is not None:
            self._delay = max(self._delay, min(delay, self.config.max_crawl_delay_s))

    # ------------------------------------------------------------------ pages

    async def _process(self, client: httpx.AsyncClient, url: str, depth: int, start_url: str) -> _Outcome:
        try:
            return await self._process_page(client, url, depth, start_url)
        except _Failure as exc:
            return _Outcome(
                problem=CrawlProblem(url=url, kind=exc.kind, detail=exc.detail, status_code=exc.status_code)
            )
        except Exception as exc:
            # Last line of defence: an unexpected parser or decoder failure on one
            # hostile page is that page's problem, never the end of the crawl.
            detail = _clip(f"page could not be processed: {exc.__class__.__name__}: {exc}")
            return _Outcome(problem=CrawlProblem(url=url, kind=ProblemKind.BAD_CONTENT, detail=detail))

    async def _process_page(self, client: httpx.AsyncClient, url: str, depth: int, start_url: str) -> _Outcome:
        fetched = await self._fetch(client, url, start_url)
        parsed = await asyncio.to_thread(_decode_and_parse, fetched, self.config.max_url_length)
        links, dropped = parsed.links, parsed.dropped_links
        if parsed.looks_js_only or not parsed.text:
            detail = (
                "page has no readable text; it appears to be rendered by JavaScript"
                if parsed.script_count
                else "page has no readable text"
            )
            problem = CrawlProblem(url=url, kind=ProblemKind.NO_TEXT, detail=detail, status_code=200)
            return _Outcome(problem=problem, links=links, dropped_links=dropped)
        canonical = fetched.final_url
        if parsed.canonical and same_site(parsed.canonical, start_url):
            canonical = parsed.canonical
        page = CrawledPage(
            url=fetched.final_url,
            canonical_url=canonical,
            status_code=fetched.status_code,
            content_type=fetched.content_type,
            title=parsed.title,
            text=parsed.text,
            content_hash=hashlib.sha256(parsed.text.encode("utf-8")).hexdigest(),
            depth=depth,
            hidden_texts=[HiddenTextOut(location=h.location, text=h.text) for h in parsed.hidden_texts],
            meta=parsed.meta,
            fetched_at=time.time(),
        )
        return _Outcome(page=page, links=links, dropped_links=dropped)

    # ------------------------------------------------------------------ crawl

    async def crawl(
        self,
        start_url: str,
        *,
        on_progress: ProgressCallback | None = None,
        resume: CrawlCheckpoint | None = None,
    ) -> CrawlResult:
        """Crawl the site of ``start_url``.

        ``on_progress(checkpoint)`` is called after each page is settled (in crawl
        order); an exception it raises stops the crawl and propagates. ``resume``
        continues from such a checkpoint without re-fetching its pages; the final
        result is the one an uninterrupted crawl would have given.
        """
        t0 = time.perf_counter()
        start = checked_url(start_url, self.config.max_url_length)
        if start is None:
            result = CrawlResult(start_url=_clip(start_url))
            detail = f"URL must be http(s) with a host and at most {self.config.max_url_length} characters"
            result.problems.append(CrawlProblem(url=_clip(start_url), kind=ProblemKind.INVALID_URL, detail=detail))
            return result
        self._delay = self.config.politeness_delay_s
        self._robots = RobotsRules.allow_everything()
        if resume is None:
            result = CrawlResult(start_url=start)
            progress = _Progress(frontier=[FrontierEntry(url=start, depth=0)], seen={start})
            self._bytes = 0
        else:
            if resume.start_url != start:
                raise ValueError(f"the checkpoint is for {resume.start_url}, not {start}")
            result = CrawlResult(
                start_url=start,
                pages=list(resume.pages),
                problems=list(resume.problems),
                truncated=resume.truncated,
                robots=resume.robots,
                dropped_links=resume.dropped_links,
            )
            progress = _Progress(frontier=list(resume.frontier), seen=set(resume.seen), scheduled=resume.scheduled)
            self._bytes = resume.bytes_fetched
        if progress.frontier:
            async with httpx.AsyncClient(
                transport=self._transport,
                follow_redirects=False,
                timeout=httpx.Timeout(self.config.timeout_s),
                headers={
                    "User-Agent": self.config.user_agent,
                    "Accept": "text/html,application/xhtml+xml",
                    "Accept-Encoding": ACCEPT_ENCODING,
                },
            ) as client:
                try:
                    if self.config.respect_robots:
                        await self._load_robots(client, start, result)
                    await self._bfs(client, start, result, progress, on_progress)
                except _Failure as exc:
                    result.problems.append(CrawlProblem(url=start, kind=exc.kind, detail=exc.detail))
        result.bytes_fetched = self._bytes
        result.elapsed_s = time.perf_counter() - t0
        return result

    def _checkpoint(self, start: str, result: CrawlResult, progress: _Progress) -> CrawlCheckpoint:
        return CrawlCheckpoint(
            start_url=start,
            pages=list(result.pages),
            problems=list(result.problems),
            frontier=list(progress.frontier),
            seen=sorted(progress.seen),
            scheduled=progress.scheduled,
            truncated=result.truncated,
            robots=result.robots,
            bytes_fetched=self._bytes,
            dropped_links=result.dropped_links,
        )

    async def _bfs(
        self,
        client: httpx.AsyncClient,
        start: str,
        result: CrawlResult,
        progress: _Progress,
        on_progress: ProgressCallback | None,
    ) -> None:
        """Breadth-first, one depth at a time; pages of a depth are fetched concurrently
        but settled in frontier order, so the result (and every checkpoint) does not
        depend on which response arrived first."""
        canonicals = {p.canonical_url for p in result.pages}
        hashes = {p.content_hash for p in result.pages}
        sem = asyncio.Semaphore(self.config.concurrency)

        async def run(entry: FrontierEntry) -> _Outcome:
            async with sem:
                return await self._process(client, entry.url, entry.depth, start)

        while progress.frontier:
            depth = progress.frontier[0].depth
            level = [e for e in progress.frontier if e.depth == depth]
            later = [e for e in progress.frontier if e.depth != depth]
            batch: list[FrontierEntry] = []
            for entry in level:
                if not self._allowed_by_robots(entry.url):
                    result.problems.append(
                        CrawlProblem(
                            url=entry.url, kind=ProblemKind.ROBOTS_DISALLOWED, detail="disallowed by robots.txt"
                        )
                    )
                    continue
                if progress.scheduled + len(batch) >= self.config.max_pages:
                    result.truncated = True
                    break
                batch.append(entry)
            progress.frontier = batch + later
            tasks = [asyncio.create_task(run(entry)) for entry in batch]
            try:
                for entry, task in zip(batch, tasks, strict=True):
                    outcome = await task
                    progress.frontier.pop(0)  # == entry: settled in frontier order
                    progress.scheduled += 1
                    self._settle(entry, outcome, start, result, progress, canonicals, hashes)
                    if on_progress is not None:
                        on_progress(self._checkpoint(start, result, progress))
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
            if result.truncated:
                break

    def _settle(
        self,
        entry: FrontierEntry,
        outcome: _Outcome,
        start: str,
        result: CrawlResult,
        progress: _Progress,
        canonicals: set[str],
        hashes: set[str],
    ) -> None:
        if outcome.problem is not None:
            result.problems.append(outcome.problem)
        page = outcome.page
        if page is not None:
            if page.canonical_url in canonicals or page.content_hash in hashes:
                result.problems.append(
                    CrawlProblem(url=entry.url, kind=ProblemKind.DUPLICATE, detail="same content as a crawled page")
                )
            else:
                canonicals.add(page.canonical_url)
                hashes.add(page.content_hash)
                progress.seen.add(page.url)
                result.pages.append(page)
        result.dropped_links += outcome.dropped_links
        if entry.depth >= self.config.max_depth:
            return
        for link in outcome.links:
            if link not in progress.seen and same_site(link, start):
                progress.seen.add(link)
                progress.frontier.append(FrontierEntry(url=link, depth=entry.depth + 1))


def _decode_and_parse(fetched: _Fetched, max_url_length: int) -> ParsedPage:
    html, _codec = decode_page(fetched.body, fetched.content_type_header)
    return parse_html(html, fetched.final_url, max_url_length=max_url_length)


async def crawl_site(
    url: str, config: CrawlConfig | None = None, *, resolver: Resolver = system_resolver
) -> CrawlResult:
    return await Crawler(config, resolver=resolver).crawl(url)
