"""Research on the blind corpus: crawl each site on loopback through the real research graph and score it.

    python -m evals.research_eval            # dev per site + dev aggregate + test aggregate
    python -m evals.research_eval --json
    python -m evals.research_eval --half dev2        # later blind dev sites (fixtures/blind_dev2), per site
    python -m evals.research_eval --half dev3        # and fixtures/blind_dev3 (the first new-brands probe), per site
    python -m evals.research_eval --half dev4        # and fixtures/blind_dev4, fixtures/blind_dev5 (--half dev5)
    python -m evals.research_eval --half dev6        # and fixtures/blind_dev6, fixtures/blind_dev7 (--half dev7)
    python -m evals.research_eval --half dev8        # and every later fixtures/blind_devN (--half devN)
    python -m evals.research_eval --half newbrands   # the new-brands probe (fixtures/newbrands), aggregate only
    python -m evals.research_eval --half newbrands3  # the third new-brands probe (fixtures/newbrands3), aggregate

Tuning rule (fixtures/blind/README.md): only ``dev`` is reported per site, with the cases it missed;
``test`` and the new-brands probe are reported as pooled figures only — their per-site scores and missed cases
are never kept.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agents.crawler import CrawlConfig
from agents.research.config import ResearchConfig
from agents.research.service import run_research
from evals.scorers.base import Score, pooled
from evals.scorers.research import score_twin
from fixtures.server import BLIND_DEV_SITES_DIRS, NEWBRANDS3_SITES_DIR, NEWBRANDS_SITES_DIR, load_answers, serve_site

SPLIT_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "blind" / "split.json"
FIGURES = ("fact_recall", "product_recall", "competitor_recall", "competitor_precision", "audience_recall",
           "industry", "region", "name")  # fmt: skip
# The halves tuned on, reported per site with their missed cases; the others are pooled and forgotten.
TUNED = ("dev", *(f"dev{n}" for n in BLIND_DEV_SITES_DIRS))
# Halves that are a folder of sites of their own rather than a side of fixtures/blind/split.json.
FOLDERS = {**{f"dev{n}": d for n, d in BLIND_DEV_SITES_DIRS.items()}, "newbrands": NEWBRANDS_SITES_DIR,
           "newbrands3": NEWBRANDS3_SITES_DIR}
# Acceptance thresholds of issue 11, on the test half.
ACCEPTANCE = {"fact_recall": 0.85, "product_recall": 0.80, "competitor_recall": 0.70, "industry": 1.0, "region": 1.0}


def research_config() -> ResearchConfig:
    # The hashing embedder: chunk vectors do not take part in any scored figure.
    return ResearchConfig(embedder="hashing", crawl=CrawlConfig(allow_private=True, politeness_delay_s=0))


def split(half: str) -> list[str]:
    if half in FOLDERS:
        return sorted(p.parent.name for p in FOLDERS[half].glob("*/answers.json"))
    sites: list[str] = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))[half]["sites"]
    return sites


def score_site(slug: str, config: ResearchConfig | None = None) -> dict[str, Score]:
    with serve_site(slug) as base:
        outcome = run_research(base + "/", tenant_id=f"eval-{slug}", config=config or research_config())
    return score_twin(outcome.brand_twin, load_answers(slug))


@dataclass
class HalfReport:
    half: str
    sites: int
    aggregate: dict[str, Score]
    per_site: dict[str, dict[str, Score]] = field(default_factory=dict)  # dev only

    def as_dict(self) -> dict[str, Any]:
        cases = self.half in TUNED
        out: dict[str, Any] = {
            "half": self.half,
            "sites": self.sites,
            "aggregate": {k: v.as_dict(with_cases=False) for k, v in self.aggregate.items()},
        }
        if cases:
            out["per_site"] = {s: {k: v.as_dict() for k, v in sc.items()} for s, sc in self.per_site.items()}
        return out


def evaluate(half: str, config: ResearchConfig | None = None) -> HalfReport:
    sites = split(half)
    scores = [score_site(slug, config) for slug in sites]
    aggregate = {k: pooled([s[k] for s in scores]) for k in FIGURES}
    if half not in TUNED:
        # Test cases are pooled and forgotten: nothing per site or per case leaves this function.
        aggregate = {k: Score(v.hits, v.total) for k, v in aggregate.items()}
        return HalfReport(half, len(sites), aggregate)
    return HalfReport(half, len(sites), aggregate, dict(zip(sites, scores, strict=True)))


def _fmt(score: Score) -> str:
    return "   n/a    " if score.value is None else f"{100 * score.value:5.1f}% {score.hits:>2}/{score.total:<2}"


def render(reports: list[HalfReport]) -> str:
    lines = []
    dev = next((r for r in reports if r.half in TUNED), None)
    if dev is not None:
        lines.append(f"{dev.half}, per site (tuning allowed):")
        for slug, scores in dev.per_site.items():
            lines.append(f"  {slug}")
            for k in FIGURES:
                missed = "; ".join(scores[k].missed[:6])
                lines.append(f"    {k:22s} {_fmt(scores[k])}  {('missed: ' + missed) if missed else ''}")
    lines.append("")
    lines.append(f"{'figure':22s} " + " ".join(f"{r.half + ' (' + str(r.sites) + ' sites)':>18s}" for r in reports)
                 + "   acceptance (test)")  # fmt: skip
    for k in FIGURES:
        bar = f">= {100 * ACCEPTANCE[k]:.0f}%" if k in ACCEPTANCE else ""
        lines.append(f"{k:22s} " + " ".join(f"{_fmt(r.aggregate[k]):>18s}" for r in reports) + f"   {bar}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("dev", "test", "both", *FOLDERS), default="both")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("SMM_ENV", "development")  # loopback fixture sites are private addresses
    halves = ["dev", "test"] if args.half == "both" else [args.half]
    reports = [evaluate(h) for h in halves]
    if args.json:
        print(json.dumps({"suite": "research_blind", "halves": [r.as_dict() for r in reports]}, indent=1))
    else:
        print(render(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
