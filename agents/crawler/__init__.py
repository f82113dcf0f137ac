"""Same-site HTML crawler with an SSRF guard."""

from agents.crawler.crawler import (
    CrawlConfig,
    CrawledPage,
    Crawler,
    CrawlProblem,
    CrawlResult,
    ProblemKind,
    crawl_site,
    normalize_url,
    same_site,
)
from agents.crawler.ssrf import NetworkPolicy, SSRFBlockedError, allow_private_from_env

__all__ = [
    "CrawlConfig",
    "CrawlProblem",
    "CrawlResult",
    "CrawledPage",
    "Crawler",
    "NetworkPolicy",
    "ProblemKind",
    "SSRFBlockedError",
    "allow_private_from_env",
    "crawl_site",
    "normalize_url",
    "same_site",
]
