"""What the crawler takes and gives: its config, pages, problems, result and resumable checkpoint."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agents.crawler.urls import DEFAULT_MAX_URL_LENGTH

USER_AGENT = "SMMArchitectBot/0.1 (+https://smm-architect.invalid/bot)"


class ProblemKind(StrEnum):
    INVALID_URL = "invalid_url"
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    HTTP_ERROR = "http_error"
    NON_HTML = "non_html"
    TOO_LARGE = "too_large"
    BAD_CONTENT = "bad_content"  # undecodable body, unsupported content encoding, unparsable page
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
    max_bytes: int = Field(default=2_000_000, ge=1024)  # per page, after decompression
    max_depth: int = Field(default=3, ge=0)
    max_redirects: int = Field(default=5, ge=0)
    # A fixed floor between two request starts to the site. 0 by default: the crawler spaces requests by
    # the server's own latency and caps requests in flight (Crawler._gap); robots.txt Crawl-delay and
    # 429/503 answers lengthen the gap up to max_crawl_delay_s.
    politeness_delay_s: float = Field(default=0.0, ge=0.0)
    max_crawl_delay_s: float = Field(default=5.0, ge=0.0)
    timeout_s: float = Field(default=10.0, gt=0.0)  # per network operation (connect, each read)
    # Whole page, all redirect hops: connect + headers + body. A server that trickles
    # a byte a second never trips timeout_s, but it trips this.
    page_deadline_s: float = Field(default=30.0, gt=0.0)
    max_url_length: int = Field(default=DEFAULT_MAX_URL_LENGTH, ge=64)
    # Requests in flight to the one site a crawl visits (a browser opens 6 per host; Scrapy allows 8).
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
    bytes_fetched: int = 0  # bytes received on the wire (compressed), all pages and robots.txt
    dropped_links: int = 0  # links that were malformed, too long or not http(s), never fetched
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


class FrontierEntry(BaseModel):
    url: str
    depth: int


class CrawlCheckpoint(BaseModel):
    """Everything needed to continue a crawl without re-fetching finished pages.

    JSON-serialisable (``model_dump(mode="json")`` / ``model_validate``), e.g. as
    Temporal heartbeat details. ``frontier`` is in crawl order: the unfinished rest
    of the current depth first, then pages found for the next depth.
    """

    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    start_url: str  # normalized start URL; a resume must be for the same URL
    pages: list[CrawledPage] = Field(default_factory=list)
    problems: list[CrawlProblem] = Field(default_factory=list)
    frontier: list[FrontierEntry] = Field(default_factory=list)
    seen: list[str] = Field(default_factory=list)  # every URL already queued or fetched
    scheduled: int = 0  # pages finished so far (fetched or failed), counted against max_pages
    truncated: bool = False
    robots: str = "not_checked"  # as in CrawlResult; robots.txt is fetched again on resume
    bytes_fetched: int = 0
    dropped_links: int = 0
