"""Async same-site crawler: robots.txt, limits, politeness, SSRF guard, dedup.

Pages are hostile input: size is capped while streaming, only HTML is parsed,
redirects are followed one hop at a time so each hop passes the SSRF guard,
and every problem is recorded per URL so the caller can say what happened.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
import urllib.robotparser
from enum import StrEnum
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx
from pydantic import BaseModel, ConfigDict, Field

from agents.crawler.html import parse_html
from agents.crawler.ssrf import GuardedTransport, NetworkPolicy, Resolver, SSRFBlockedError, system_resolver

USER_AGENT = "SMMArchitectBot/0.1 (+https://smm-architect.invalid/bot)"
_REDIRECTS = {301, 302, 303, 307, 308}
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class ProblemKind(StrEnum):
    INVALID_URL = "invalid_url"
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    HTTP_ERROR = "http_error"
    NON_HTML = "non_html"
    TOO_LARGE = "too_large"
    REDIRECT_LOOP = "redirect_loop"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    OFFSITE_REDIRECT = "offsite_redirect"
    ROBOTS_DISALLOWED = "robots_disallowed"
    NO_TEXT = "no_text"
    SSRF_BLOCKED = "ssrf_blocked"
    DUPLICATE = "duplicate"


# Not failures: the page was deliberately skipped. Robots-disallowed and
# non-HTML links (a PDF brochure) are skips too, except for the start URL.
SKIP_KINDS = {ProblemKind.DUPLICATE, ProblemKind.OFFSITE_REDIRECT}
_SKIP_UNLESS_START = {ProblemKind.ROBOTS_DISALLOWED, ProblemKind.NON_HTML}


class CrawlConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)  # an inf delay or timeout would hang a crawl

    max_pages: int = Field(default=30, ge=1)
    max_bytes: int = Field(default=2_000_000, ge=1024)
    max_depth: int = Field(default=3, ge=0)
    max_redirects: int = Field(default=5, ge=0)
    politeness_delay_s: float = Field(default=0.5, ge=0.0)
    max_crawl_delay_s: float = Field(default=5.0, ge=0.0)
    timeout_s: float = Field(default=10.0, gt=0.0)
    concurrency: int = Field(default=4, ge=1)
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()
    respect_robots: bool = True
    user_agent: str = USER_AGENT


class HiddenTextOut(BaseModel):
    location: str
    text: str


class CrawledPage(BaseModel):
    url: str
    canonical_url: str
    status_code: int
    content_type: str
    title: str
    text: str
    content_hash: str
    depth: int
    hidden_texts: list[HiddenTextOut] = Field(default_factory=list)
    meta: dict[str, str] = Field(default_factory=dict)
    fetched_at: float


class CrawlProblem(BaseModel):
    url: str
    kind: ProblemKind
    detail: str
    status_code: int | None = None


class CrawlResult(BaseModel):
    start_url: str
    pages: list[CrawledPage] = Field(default_factory=list)
    problems: list[CrawlProblem] = Field(default_factory=list)
    robots: str = "not_checked"  # found | missing | unavailable | not_checked
    truncated: bool = False
    bytes_fetched: int = 0
    elapsed_s: float = 0.0

    def is_failure(self, problem: CrawlProblem) -> bool:
        if problem.kind in SKIP_KINDS:
            return False
        return not (problem.kind in _SKIP_UNLESS_START and problem.url != self.start_url)

    @property
    def failures(self) -> list[CrawlProblem]:
        return [p for p in self.problems if self.is_failure(p)]

    @property
    def skipped(self) -> list[CrawlProblem]:
        return [p for p in self.problems if not self.is_failure(p)]

    @property
    def status(self) -> Literal["ok", "partial", "failed"]:
        if not self.pages:
            return "failed"
        return "partial" if self.failures else "ok"

    def summary(self) -> str:
        if not self.pages:
            first = self.failures[0] if self.failures else None
            why = f"{first.kind.value}: {first.detail}" if first else "no pages found"
            return f"no page of {self.start_url} could be used ({why})"
        msg = f"{len(self.pages)} page(s) crawled"
        if self.failures:
            kinds = sorted({p.kind.value for p in self.failures})
            msg += f", {len(self.failures)} failed ({', '.join(kinds)})"
        if self.truncated:
            msg += ", page limit reached"
        return msg


def normalize_url(url: str) -> str:
    """Canonical form: lower-case scheme/host, no default port, no fragment, no tracking params."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if ":" not in host else f"[{host}]"
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc += f":{port}"
    path = parts.path or "/"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")])
    return urlunsplit((scheme, netloc, path, query, ""))


def _site_key(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    # Default ports are dropped so that http://x/ -> https://x/ stays on the same site.
    port = None if parts.port in (None, 80, 443) else parts.port
    return host, port


def same_site(a: str, b: str) -> bool:
    return _site_key(a) == _site_key(b)


class _Fetched(BaseModel):
    final_url: str
    status_code: int
    content_type: str
    body: bytes


class _Failure(Exception):
    def __init__(self, kind: ProblemKind, detail: str, status_code: int | None = None) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.status_code = status_code


class Crawler:
    def __init__(
        self,
        config: CrawlConfig | None = None,
        *,
        resolver: Resolver = system_resolver,
        inner_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config or CrawlConfig()
        policy = NetworkPolicy(self.config.allow_private, tuple(self.config.allowed_networks))
        self._transport = GuardedTransport(policy, inner=inner_transport, resolver=resolver)
        self._last_hit: dict[tuple[str, int | None], float] = {}
        self._host_locks: dict[tuple[str, int | None], asyncio.Lock] = {}
        self._delay = self.config.politeness_delay_s
        self._robots: urllib.robotparser.RobotFileParser | None = None
        self._bytes = 0

    async def _polite(self, url: str) -> None:
        key = _site_key(url)
        lock = self._host_locks.setdefault(key, asyncio.Lock())
        async with lock:
            last = self._last_hit.get(key)
            now = time.monotonic()
            if last is not None and self._delay > 0:
                wait = last + self._delay - now
                if wait > 0:
                    await asyncio.sleep(wait)
            self._last_hit[key] = time.monotonic()

    async def _get_once(self, client: httpx.AsyncClient, url: str, *, html_only: bool) -> tuple[httpx.Response, bytes]:
        await self._polite(url)
        try:
            async with client.stream("GET", url) as resp:
                if resp.status_code in _REDIRECTS or resp.status_code >= 400:
                    return resp, b""
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                if html_only and ctype not in _HTML_TYPES:
                    raise _Failure(
                        ProblemKind.NON_HTML, f"content type {ctype or 'missing'} is not HTML", resp.status_code
                    )
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.config.max_bytes:
                    raise _Failure(
                        ProblemKind.TOO_LARGE,
                        f"declared size {declared} bytes exceeds the {self.config.max_bytes}-byte limit",
                        resp.status_code,
                    )
                chunks: list[bytes] = []
                size = 0
                async for chunk in resp.aiter_bytes():
                    size += len(chunk)
                    if size > self.config.max_bytes:
                        self._bytes += size
                        raise _Failure(
                            ProblemKind.TOO_LARGE,
                            f"page exceeds the {self.config.max_bytes}-byte limit (stopped reading)",
                            resp.status_code,
                        )
                    chunks.append(chunk)
                self._bytes += size
                return resp, b"".join(chunks)
        except SSRFBlockedError as exc:
            raise _Failure(ProblemKind.SSRF_BLOCKED, str(exc)) from exc
        except httpx.TimeoutException as exc:
            raise _Failure(ProblemKind.TIMEOUT, f"timed out after {self.config.timeout_s}s") from exc
        except (httpx.TransportError, OSError) as exc:
            raise _Failure(ProblemKind.UNREACHABLE, f"could not connect: {exc.__class__.__name__}: {exc}") from exc

    async def _fetch(self, client: httpx.AsyncClient, url: str, start_url: str, *, html_only: bool = True) -> _Fetched:
        chain = [url]
        current = url
        for _ in range(self.config.max_redirects + 1):
            resp, body = await self._get_once(client, current, html_only=html_only)
            if resp.status_code in _REDIRECTS:
                location = resp.headers.get("location")
                if not location:
                    raise _Failure(ProblemKind.HTTP_ERROR, "redirect without a Location header", resp.status_code)
                nxt = normalize_url(urljoin(current, location))
                if nxt in chain:
                    raise _Failure(
                        ProblemKind.REDIRECT_LOOP, "redirect loop: " + " -> ".join([*chain, nxt]), resp.status_code
                    )
                if not same_site(nxt, start_url) and html_only:
                    # A redirect to another site is not followed, but it is still
                    # checked: a redirect to a private address is reported as such.
                    host = urlsplit(nxt).hostname or ""
                    port = urlsplit(nxt).port or 80
                    try:
                        await self._transport_check(host, port)
                    except SSRFBlockedError as exc:
                        raise _Failure(ProblemKind.SSRF_BLOCKED, f"redirect to {nxt} refused: {exc}") from exc
                    except OSError:
                        pass
                    raise _Failure(ProblemKind.OFFSITE_REDIRECT, f"redirects off-site to {nxt}", resp.status_code)
                if html_only and not self._allowed_by_robots(nxt):
                    raise _Failure(ProblemKind.ROBOTS_DISALLOWED, f"redirect target {nxt} disallowed by robots.txt")
                chain.append(nxt)
                current = nxt
                continue
            if resp.status_code >= 400:
                raise _Failure(
                    ProblemKind.HTTP_ERROR, f"HTTP {resp.status_code} {resp.reason_phrase}".strip(), resp.status_code
                )
            ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            return _Fetched(final_url=current, status_code=resp.status_code, content_type=ctype, body=body)
        raise _Failure(ProblemKind.TOO_MANY_REDIRECTS, f"more than {self.config.max_redirects} redirects: {chain[0]}")

    async def _transport_check(self, host: str, port: int) -> None:
        from agents.crawler.ssrf import check_host

        await check_host(host, port, self._transport._policy, self._transport._resolver)

    def _allowed_by_robots(self, url: str) -> bool:
        if not self.config.respect_robots or self._robots is None:
            return True
        return self._robots.can_fetch(self.config.user_agent, url)

    async def _load_robots(self, client: httpx.AsyncClient, start_url: str, result: CrawlResult) -> None:
        parts = urlsplit(start_url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            fetched = await self._fetch(client, robots_url, start_url, html_only=False)
            text = fetched.body.decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            result.robots = "found"
            delay = parser.crawl_delay(self.config.user_agent)
            if delay is not None:
                self._delay = max(self._delay, min(float(delay), self.config.max_crawl_delay_s))
        except _Failure as exc:
            if exc.kind == ProblemKind.SSRF_BLOCKED:
                raise
            if exc.status_code is not None and 400 <= exc.status_code < 500:
                parser.parse([])  # RFC 9309: 4xx means no restrictions
                result.robots = "missing"
            elif exc.status_code is not None and exc.status_code >= 500:
                parser.parse(["User-agent: *", "Disallow: /"])  # RFC 9309: 5xx means disallow all
                result.robots = "unavailable"
            else:
                parser.parse([])
                result.robots = "unavailable"
        self._robots = parser

    async def _process(
        self, client: httpx.AsyncClient, url: str, depth: int, start_url: str
    ) -> tuple[CrawledPage | None, CrawlProblem | None, list[str]]:
        try:
            fetched = await self._fetch(client, url, start_url)
        except _Failure as exc:
            return None, CrawlProblem(url=url, kind=exc.kind, detail=exc.detail, status_code=exc.status_code), []
        html = fetched.body.decode(_charset(fetched.content_type, fetched.body), errors="replace")
        parsed = await asyncio.to_thread(parse_html, html, fetched.final_url)
        links = [normalize_url(link) for link in parsed.links]
        if parsed.looks_js_only or not parsed.text:
            detail = (
                "page has no readable text; it appears to be rendered by JavaScript"
                if parsed.script_count
                else "page has no readable text"
            )
            return None, CrawlProblem(url=url, kind=ProblemKind.NO_TEXT, detail=detail, status_code=200), links
        canonical = fetched.final_url
        if parsed.canonical and same_site(parsed.canonical, start_url):
            canonical = normalize_url(parsed.canonical)
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
        return page, None, links

    async def crawl(self, start_url: str) -> CrawlResult:
        t0 = time.perf_counter()
        parts = urlsplit(start_url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            result = CrawlResult(start_url=start_url)
            result.problems.append(
                CrawlProblem(url=start_url, kind=ProblemKind.INVALID_URL, detail="URL must be http(s) with a host")
            )
            return result
        start = normalize_url(start_url)
        result = CrawlResult(start_url=start)
        timeout = httpx.Timeout(self.config.timeout_s)
        async with httpx.AsyncClient(
            transport=self._transport,
            follow_redirects=False,
            timeout=timeout,
            headers={"User-Agent": self.config.user_agent, "Accept": "text/html,application/xhtml+xml"},
        ) as client:
            if self.config.respect_robots:
                try:
                    await self._load_robots(client, start, result)
                except _Failure as exc:
                    result.problems.append(CrawlProblem(url=start, kind=exc.kind, detail=exc.detail))
                    result.elapsed_s = time.perf_counter() - t0
                    return result
            await self._bfs(client, start, result)
        result.bytes_fetched = self._bytes
        result.elapsed_s = time.perf_counter() - t0
        return result

    async def _bfs(self, client: httpx.AsyncClient, start: str, result: CrawlResult) -> None:
        seen: set[str] = {start}
        canonicals: set[str] = set()
        hashes: set[str] = set()
        frontier = [start]
        scheduled = 0
        sem = asyncio.Semaphore(self.config.concurrency)
        for depth in range(self.config.max_depth + 1):
            batch: list[str] = []
            for url in frontier:
                if not self._allowed_by_robots(url):
                    result.problems.append(
                        CrawlProblem(url=url, kind=ProblemKind.ROBOTS_DISALLOWED, detail="disallowed by robots.txt")
                    )
                    continue
                if scheduled >= self.config.max_pages:
                    result.truncated = True
                    break
                batch.append(url)
                scheduled += 1

            async def run(u: str, d: int = depth) -> tuple[CrawledPage | None, CrawlProblem | None, list[str]]:
                async with sem:
                    return await self._process(client, u, d, start)

            outcomes = await asyncio.gather(*(run(u) for u in batch))
            next_frontier: list[str] = []
            for url, (page, problem, links) in zip(batch, outcomes, strict=True):
                if problem is not None:
                    result.problems.append(problem)
                if page is not None:
                    if page.canonical_url in canonicals or page.content_hash in hashes:
                        result.problems.append(
                            CrawlProblem(url=url, kind=ProblemKind.DUPLICATE, detail="same content as a crawled page")
                        )
                    else:
                        canonicals.add(page.canonical_url)
                        hashes.add(page.content_hash)
                        seen.add(page.url)
                        result.pages.append(page)
                for link in links:
                    if link not in seen and same_site(link, start):
                        seen.add(link)
                        next_frontier.append(link)
            if not next_frontier or result.truncated:
                break
            if depth == self.config.max_depth:
                break
            frontier = next_frontier


def _charset(content_type_header: str, body: bytes) -> str:
    # The crawler keeps only the bare media type; fall back to UTF-8 sniffing.
    head = body[:2048].lower()
    marker = b"charset="
    idx = head.find(marker)
    if idx != -1:
        raw = head[idx + len(marker) : idx + len(marker) + 20].strip(b"\"' ")
        name = raw.split(b'"')[0].split(b"'")[0].split(b";")[0].split(b">")[0].split(b"/")[0].strip()
        try:
            candidate = name.decode("ascii")
            "".encode(candidate)
            return candidate
        except (LookupError, UnicodeDecodeError):
            pass
    return "utf-8"


async def crawl_site(
    url: str, config: CrawlConfig | None = None, *, resolver: Resolver = system_resolver
) -> CrawlResult:
    return await Crawler(config, resolver=resolver).crawl(url)
