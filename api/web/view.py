"""What the card page shows, prepared as plain data: the template only escapes and places it.

Untrusted text (crawled pages, model output) never becomes markup here: a quote is highlighted by
splitting its source text into segments that the template escapes one by one inside <mark>.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from api.models import CardDetail
from core.db import tenant_session
from core.identity import Principal
from core.models import FactRow, PolicyDecisionRow, Source

#: Characters of source text shown on each side of a quote.
CONTEXT_CHARS = 240
CHART_WIDTH = 320
_PAD = 10


@dataclass(frozen=True)
class Segment:
    """A run of source text; ``mark`` when it is the quoted span."""

    text: str
    mark: bool = False


@dataclass(frozen=True)
class Interval:
    """An interval chart's geometry (SVG user units) and its labels."""

    title: str
    low_label: str
    mean_label: str
    high_label: str
    x_low: float
    x_mean: float
    x_high: float
    x_axis_end: float = CHART_WIDTH - _PAD
    x_axis_start: float = _PAD


@dataclass
class PostView:
    """A post with the legal review's findings about it."""

    id: str
    channel: str
    text: str
    hashtags: list[str]
    cited_fact_ids: list[str]
    disclosure: list[str]
    allowed: bool | None = None
    findings: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    obligations: list[str] = field(default_factory=list)


def highlight(source_text: str, start: int, end: int, quote: str) -> list[Segment]:
    """The quote's span within a window of its source text, as segments (no markup is produced)."""
    if not (0 <= start < end <= len(source_text)) or source_text[start:end] != quote:
        found = source_text.find(quote) if quote else -1
        if found < 0:  # the source changed or is missing: show the quote alone, still marked
            return [Segment(quote, mark=True)]
        start, end = found, found + len(quote)
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(source_text), end + CONTEXT_CHARS)
    out = [Segment(("…" if lo > 0 else "") + source_text[lo:start]), Segment(source_text[start:end], mark=True),
           Segment(source_text[end:hi] + ("…" if hi < len(source_text) else ""))]
    return [s for s in out if s.text]


def interval(title: str, values: Any, scale_max: float, fmt: str) -> Interval | None:
    """Place mean and 90 % interval on a 0..scale_max axis; None when the card lacks the numbers."""
    if not isinstance(values, dict):
        return None
    try:
        low, mean, high = (float(values[k]) for k in ("p5", "mean", "p95"))
    except (KeyError, TypeError, ValueError):
        return None
    top = max(scale_max, high, 1e-9)
    span = CHART_WIDTH - 2 * _PAD

    def x(v: float) -> float:
        return round(_PAD + span * min(max(v / top, 0.0), 1.0), 1)

    return Interval(title, fmt.format(low), fmt.format(mean), fmt.format(high), x(low), x(mean), x(high))


def charts(card: dict[str, Any]) -> list[Interval]:
    """Readiness (0..1) and cost (0..a little past p95) interval charts."""
    out = [interval("Readiness (mean, 90 % interval)", card.get("readiness"), 1.0, "{:.2f}")]
    cost = card.get("cost")
    if isinstance(cost, dict):
        cur = str(cost.get("currency", ""))[:3]
        try:
            top = float(cost.get("p95", 0)) * 1.15
        except (TypeError, ValueError):
            top = 0.0
        out.append(interval(f"Cost in {cur} (mean, 90 % interval)", cost, top, "{:,.0f}"))
    return [c for c in out if c is not None]


def _sources(engine: Engine, principal: Principal, fact_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not fact_ids:
        return {}
    with tenant_session(engine, principal.tenant_id) as session:
        rows = session.execute(select(FactRow.id, Source.text).join(Source, Source.id == FactRow.source_id)
                               .where(FactRow.id.in_(fact_ids))).all()
    return {fid: text for fid, text in rows}


def _reviews(engine: Engine, principal: Principal, decision_ids: list[str]) -> dict[str, PolicyDecisionRow]:
    ids = []
    for d in decision_ids:
        try:
            ids.append(uuid.UUID(d))
        except ValueError:
            continue
    if not ids:
        return {}
    with tenant_session(engine, principal.tenant_id) as session:
        rows = session.execute(select(PolicyDecisionRow).where(PolicyDecisionRow.id.in_(ids))).scalars().all()
    out = {}
    for r in rows:
        inp = r.input or {}
        if inp.get("action") == "content.review":
            out[str((inp.get("resource") or {}).get("id"))] = r
    return out


def card_page(engine: Engine, principal: Principal, detail: CardDetail) -> dict[str, Any]:
    """The card page's data (facts with highlighted quotes, posts with findings, charts)."""
    sources = _sources(engine, principal, [uuid.UUID(f.id) for f in detail.facts])
    facts = [{"fact": f, "segments": highlight(sources.get(uuid.UUID(f.id), ""), f.start, f.end, f.quote)}
             for f in detail.facts]
    reviews = _reviews(engine, principal, [p.id for p in detail.policy_decisions])
    posts = []
    for p in detail.posts:
        view = PostView(id=p.id, channel=p.channel, text=p.text, hashtags=[str(h) for h in p.hashtags],
                        cited_fact_ids=[str(c) for c in p.cited_fact_ids],
                        disclosure=sorted(k for k, v in p.disclosure_flags.items() if v))
        review = reviews.get(p.id)
        if review is not None:
            view.allowed = review.allow
            view.findings = [str(d) for d in (review.result or {}).get("deny") or []]
            view.warnings = [str(w) for w in (review.result or {}).get("warnings") or []]
            view.obligations = [str(o) for o in (review.result or {}).get("obligations") or []]
        posts.append(view)
    card = detail.card
    actions = [a for a in card.get("recommended_actions") or [] if isinstance(a, dict)]
    return {"detail": detail, "card": card, "charts": charts(card), "facts": facts, "posts": posts,
            "actions": actions}
