"""`smm bench research`: crawl throughput on a loopback fixture site and embedding throughput.

``run()`` returns ``{"pages_per_s", "crawl_pages", "embeddings_per_s_minilm",
"embeddings_per_s_hashing", "ratio_hashing_vs_minilm"}``; the caller prints
``{"bench": "research", "metrics": run()}``.
"""

from __future__ import annotations

import asyncio
import json
import time

from agents.crawler import CrawlConfig, crawl_site
from agents.embeddings import HashingEmbedder, MiniLMEmbedder
from agents.research import rules


def run(*, site: str = "northpeak-coffee", rounds: int = 3, include_minilm: bool = True) -> dict[str, float]:
    from fixtures.server import serve_site

    config = CrawlConfig(allow_private=True, politeness_delay_s=0, concurrency=4)
    pages = 0
    elapsed = 0.0
    texts: list[str] = []
    with serve_site(site) as base:
        asyncio.run(crawl_site(base + "/", config))  # warm-up: imports, extractor caches
        for _ in range(rounds):
            t0 = time.perf_counter()
            result = asyncio.run(crawl_site(base + "/", config))
            elapsed += time.perf_counter() - t0
            pages += len(result.pages)
        for page in result.pages:
            texts += [page.text[s.start : s.end] for s in rules.split_sentences(page.text)]
    texts = (texts * (1 + 256 // max(len(texts), 1)))[:256]

    metrics: dict[str, float] = {"pages_per_s": round(pages / elapsed, 2), "crawl_pages": float(pages / rounds)}
    hashing = HashingEmbedder()
    t0 = time.perf_counter()
    hashing.embed(texts)
    hashing_rate = len(texts) / (time.perf_counter() - t0)
    metrics["embeddings_per_s_hashing"] = round(hashing_rate, 1)
    if include_minilm:
        minilm = MiniLMEmbedder()
        minilm.embed(texts[:8])  # load the model outside the measurement
        t0 = time.perf_counter()
        minilm.embed(texts)
        minilm_rate = len(texts) / (time.perf_counter() - t0)
        metrics["embeddings_per_s_minilm"] = round(minilm_rate, 1)
        metrics["ratio_hashing_vs_minilm"] = round(hashing_rate / minilm_rate, 1)
    return metrics


def main() -> None:
    print(json.dumps({"bench": "research", "metrics": run()}))


if __name__ == "__main__":
    main()
