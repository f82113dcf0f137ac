"""Same-site HTML crawler with an SSRF guard, bounded decoding and resumable checkpoints."""

from agents.crawler.crawler import (
    CrawlCheckpoint,
    CrawlConfig,
    CrawledPage,
    Crawler,
    CrawlProblem,
    CrawlResult,
    FrontierEntry,
    ProblemKind,
    ProgressCallback,
    crawl_site,
    normalize_url,
    same_site,
)
from agents.crawler.ssrf import NetworkPolicy, SSRFBlockedError, allow_private_from_env

__all__ = [
    "CrawlCheckpoint",
    "CrawlConfig",
    "CrawlProblem",
    "CrawlResult",
    "CrawledPage",
    "Crawler",
    "FrontierEntry",
    "NetworkPolicy",
    "ProblemKind",
    "ProgressCallback",
    "SSRFBlockedError",
    "allow_private_from_env",
    "crawl_site",
    "normalize_url",
    "same_site",
]
