"""Nodes of the research graph (module-level so Temporal can run them as activities).

Every node takes the JSON-serialisable ``ResearchState`` and returns a partial
update. Live dependencies are looked up by name through ``registry``.

crawl → scan_injection → chunk_embed → extract → verify_citations → profile → score
      → draft_contract → persist;  crawl → report_failure when no page was usable.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import operator
import re
import uuid
from collections.abc import Mapping
from typing import Annotated, Any, TypedDict
from urllib.parse import urlsplit

import numpy as np

from agents import progress
from agents.crawler import CrawlCheckpoint, Crawler, CrawlResult, normalize_url
from agents.embeddings import MemoEmbedder
from agents.llm.base import LLMProvider
from agents.research import artifacts, brand_name, pricing, registry, rules
from agents.research.boilerplate import site_boilerplate
from agents.research.config import ResearchConfig
from agents.research.contract_card import draft_contract_card
from agents.research.injection import mask_spans, match_rules, overlaps, scan_page
from agents.research.offline_tasks import TASK_EXTRACT, TASK_SUMMARY, TASK_VOICE
from agents.research.profile import completeness, detect_language, missing_parts
from agents.research.prompting import EXTRACT_INSTRUCTIONS, SUMMARY_INSTRUCTIONS, VOICE_INSTRUCTIONS, build_messages
from agents.research.region import guess_region
from agents.research.schemas import PageExtraction, SummaryOut, VoiceOut
from agents.research.store import ChunkRecord, SourceRecord
from agents.research.structured import extract_structured, json_ld_blocks
from core.contracts.brand import (
    AudienceSegment,
    BrandTwin,
    Competitor,
    CrawlProblemOut,
    CrawlReport,
    Fact,
    GeneratedBy,
    Product,
    SuspiciousSource,
    Voice,
)


class ResearchState(TypedDict, total=False):
    run_id: str
    tenant_id: str
    workspace_id: str | None
    url: str
    config: dict[str, Any]  # ResearchConfig.model_dump(mode="json")
    crawl: dict[str, Any]  # CrawlResult.model_dump(mode="json"), pages without their text (see `pages`)
    # Bulky lists are inline (`pages`) or, with an artifact store, referenced (`pages_ref`: name, count,
    # sha256): see agents/research/artifacts.py. Read them with artifacts.get(state, "pages").
    pages: list[dict[str, Any]]  # {url, canonical_url, title, text, masked_text, ...}
    pages_ref: dict[str, Any]
    injection: dict[str, dict[str, Any]]  # canonical_url -> {suspicious, rules, locations, spans}
    chunks: list[dict[str, Any]]  # {source_url, ordinal, start, end, text, vector_b64}
    chunks_ref: dict[str, Any]
    embedding: dict[str, Any]  # {model, dim}
    brand_name: str
    extractions: list[dict[str, Any]]  # {url, extraction: PageExtraction}
    extractions_ref: dict[str, Any]
    boilerplate: dict[str, list[list[int]]]  # canonical_url -> masked boilerplate line spans
    structured: list[dict[str, Any]]  # products from JSON-LD / OpenGraph, one dict per product
    region: dict[str, Any]  # {code, evidence}
    business_types: list[str]  # schema.org types the site's structured data gives itself (industry evidence)
    language: str | None
    voice: dict[str, Any]
    facts: list[dict[str, Any]]  # verified Fact dumps
    products: list[dict[str, Any]]
    audience_segments: list[dict[str, Any]]
    competitors: list[dict[str, Any]]
    dropped: list[dict[str, Any]]  # {url, quote, reason}
    summary: dict[str, Any]
    brand_twin: dict[str, Any]
    contract_card: dict[str, Any]
    status: str  # ok | partial | failed
    message: str
    stored: dict[str, Any]
    usage: Annotated[list[dict[str, Any]], operator.add]


class ContractInput(TypedDict, total=False):
    """The part of the state `draft_contract` reads. LangGraph hands a node only the keys of its input
    schema: under Temporal, that is the node's whole activity input (and its share of the history)."""

    config: dict[str, Any]
    brand_twin: dict[str, Any]


class PersistInput(TypedDict, total=False):
    """The part of the state `persist` reads (see ContractInput)."""

    run_id: str
    tenant_id: str
    workspace_id: str | None
    config: dict[str, Any]
    pages: list[dict[str, Any]]
    pages_ref: dict[str, Any]
    injection: dict[str, dict[str, Any]]
    chunks: list[dict[str, Any]]
    chunks_ref: dict[str, Any]
    embedding: dict[str, Any]
    brand_twin: dict[str, Any]
    contract_card: dict[str, Any]


#: Nodes that read only part of the state: their input schemas (graphs/research.py).
NODE_INPUTS: dict[str, type] = {"draft_contract": ContractInput, "persist": PersistInput}


def _config(state: Mapping[str, Any]) -> ResearchConfig:
    return ResearchConfig.model_validate(state.get("config") or {})


def _provider(state: ResearchState) -> LLMProvider:
    return registry.get_provider(_config(state).llm, tenant_id=state.get("tenant_id"))


def _crawl_result(state: ResearchState) -> CrawlResult:
    return CrawlResult.model_validate(state["crawl"])


# ---------------------------------------------------------------- crawl


async def crawl(state: ResearchState) -> dict[str, Any]:
    config = _config(state)
    # A retried crawl (its worker died) continues from the last checkpoint it reported.
    saved = progress.resume_point()
    resume = CrawlCheckpoint.model_validate(saved) if isinstance(saved, dict) else None
    if resume is not None and resume.start_url != normalize_url(state["url"]):
        resume = None
    result = await Crawler(config.crawl).crawl(state["url"], on_progress=_report_checkpoint, resume=resume)
    pages = [
        {
            "url": p.url,
            "canonical_url": p.canonical_url,
            "title": p.title,
            "text": p.text,
            "content_hash": p.content_hash,
            "status_code": p.status_code,
            "content_type": p.content_type,
            "fetched_at": p.fetched_at,
            "meta": p.meta,
            "hidden_texts": [[h.location, h.text] for h in p.hidden_texts],
        }
        for p in result.pages
    ]
    stored = await asyncio.to_thread(artifacts.put, state, "pages", "pages.crawled", pages)  # off the loop
    return {
        "crawl": _without_page_contents(result),
        **stored,
        "status": result.status,
        "message": result.summary(),
    }


def _without_page_contents(result: CrawlResult) -> dict[str, Any]:
    """The crawl result as state keeps it: page texts, hidden texts and meta live in `pages` only."""
    light = [p.model_copy(update={"text": "", "hidden_texts": [], "meta": {}}) for p in result.pages]
    return result.model_copy(update={"pages": light}).model_dump(mode="json")


#: Temporal refuses payloads over 2 MB; a bigger checkpoint is not reported (a retry resumes from the
#: last one that fit, or starts over).
MAX_CHECKPOINT_BYTES = 1_500_000


def _report_checkpoint(checkpoint: CrawlCheckpoint) -> None:
    doc = checkpoint.model_dump(mode="json")
    if len(checkpoint.model_dump_json()) <= MAX_CHECKPOINT_BYTES:
        progress.report(doc)


def route_after_crawl(state: ResearchState) -> str:
    return "scan_injection" if artifacts.count(state, "pages") else "report_failure"


def _crawl_report(result: CrawlResult) -> CrawlReport:
    return CrawlReport(
        status=result.status,
        start_url=result.start_url,
        pages_ok=len(result.pages),
        pages_failed=len(result.failures),
        pages_skipped=len(result.skipped),
        ok_urls=[p.canonical_url for p in result.pages],
        problems=[
            CrawlProblemOut(url=p.url, kind=p.kind.value, detail=p.detail, status_code=p.status_code)
            for p in result.problems
        ],
        message=result.summary(),
    )


def _generated_by(state: ResearchState) -> GeneratedBy:
    provider = _provider(state)
    return GeneratedBy(provider=provider.name, model=provider.model, offline=provider.offline)


def report_failure(state: ResearchState) -> dict[str, Any]:
    """No usable page: an empty BrandTwin with confidence 0 and the reasons; nothing is stored."""
    result = _crawl_result(state)
    host = urlsplit(result.start_url).hostname or result.start_url
    twin = BrandTwin(
        name=host,
        url=result.start_url,
        summary="",
        confidence=0.0,
        crawl_report=_crawl_report(result),
        generated_by=_generated_by(state),
    )
    return {
        "brand_twin": twin.model_dump(mode="json"),
        "status": "failed",
        "message": result.summary(),
        "stored": {"stored": False, "reason": "no usable page"},
    }


# ---------------------------------------------------------------- injection


def scan_injection(state: ResearchState) -> dict[str, Any]:
    injection: dict[str, dict[str, Any]] = {}
    pages = []
    for page in artifacts.get(state, "pages"):
        report = scan_page(page["text"], [(loc, text) for loc, text in page["hidden_texts"]])
        spans = report.flagged_spans
        injection[page["canonical_url"]] = {
            "suspicious": report.suspicious,
            "rules": report.rules,
            "locations": report.locations,
            "findings": len(report.findings),
            "spans": [list(s) for s in spans],
        }
        pages.append({**page, "masked_text": mask_spans(page["text"], spans)})
    return {**artifacts.put(state, "pages", "pages.scanned", pages), "injection": injection}


# ---------------------------------------------------------------- chunk + embed


def chunk_page(text: str, masked: str, max_chars: int) -> list[tuple[int, int]]:
    """Chunks of whole lines; a flagged (masked) line ends a chunk and is never inside one."""
    chunks: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for span in rules.iter_lines(text):
        usable = bool(masked[span.start : span.end].strip())
        if not usable:
            if start is not None:
                chunks.append((start, end))
                start = None
            continue
        if start is not None and span.end - start > max_chars:
            chunks.append((start, end))
            start = None
        if start is None:
            start = span.start
        end = span.end
    if start is not None:
        chunks.append((start, end))
    # Split any single over-long line at sentence boundaries.
    out: list[tuple[int, int]] = []
    for s, e in chunks:
        if e - s <= max_chars * 2:
            out.append((s, e))
            continue
        cur = s
        for sent in rules.split_sentences(text[s:e]):
            if s + sent.end - cur > max_chars:
                out.append((cur, s + sent.end))
                cur = s + sent.end
        if cur < e:
            out.append((cur, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


def chunk_embed(state: ResearchState) -> dict[str, Any]:
    config = _config(state)
    embedder = registry.get_embedder(config.embedder)
    records: list[dict[str, Any]] = []
    for page in artifacts.get(state, "pages"):
        for ordinal, (s, e) in enumerate(chunk_page(page["text"], page["masked_text"], config.chunk_chars)):
            records.append(
                {
                    "source_url": page["canonical_url"],
                    "ordinal": ordinal,
                    "start": s,
                    "end": e,
                    "text": page["text"][s:e],
                }
            )
    # A site repeats blocks (a shipping note, a newsletter box) on many pages: each is embedded once.
    vectors = MemoEmbedder(embedder).embed([r["text"] for r in records])
    for record, vec in zip(records, vectors, strict=True):
        record["vector_b64"] = base64.b64encode(np.asarray(vec, dtype="<f4").tobytes()).decode()
    return {**artifacts.put(state, "chunks", "chunks", records),
            "embedding": {"model": embedder.model_name, "dim": embedder.dim}}


def decode_vectors(chunks: list[dict[str, Any]], dim: int) -> np.ndarray:
    if not chunks:
        return np.zeros((0, dim), dtype=np.float32)
    return np.stack([np.frombuffer(base64.b64decode(c["vector_b64"]), dtype="<f4") for c in chunks]).astype(np.float32)


# ---------------------------------------------------------------- extract


def _clean_title(title: str) -> str:
    """The page title, or "" when it carries instruction-like text (it is never sent on)."""
    return "" if match_rules(title) else title


def guess_brand_name(pages: list[dict[str, Any]], injection: dict[str, dict[str, Any]], url: str) -> str:
    return brand_name.guess_brand_name(pages, injection, url, _clean_title)


def extract(state: ResearchState) -> dict[str, Any]:
    config = _config(state)
    provider = _provider(state)
    injection = state.get("injection", {})
    pages = artifacts.get(state, "pages")
    brand = guess_brand_name(pages, injection, state["url"])
    boilerplate = site_boilerplate(pages)
    contents = {
        p["canonical_url"]: mask_spans(p["masked_text"], [(s, e) for s, e in boilerplate[p["canonical_url"]]])
        for p in pages
    }
    extractions = []
    usage = []
    for i, page in enumerate(pages):
        messages = build_messages(
            EXTRACT_INSTRUCTIONS,
            {
                "url": page["canonical_url"],
                "title": _clean_title(page["title"]),
                "text": contents[page["canonical_url"]],
                "brand": brand,
            },
        )
        result = provider.complete_structured(messages, PageExtraction, task=TASK_EXTRACT, seed=config.seed + i)
        extractions.append({"url": page["canonical_url"], "extraction": result.output.model_dump(mode="json")})
        usage.append({"task": TASK_EXTRACT, **result.usage.as_dict()})

    # Voice is measured on visible, unflagged, non-boilerplate sentences only.
    sentences = []
    for page in pages:
        masked = contents[page["canonical_url"]]
        sentences += [
            masked[s.start : s.end] for s in rules.split_sentences(masked) if len(masked[s.start : s.end].split()) >= 4
        ]
    features = rules.voice_features(sentences)
    messages = build_messages(VOICE_INSTRUCTIONS, {"features": features, "samples": sentences[:20]})
    voice_result = provider.complete_structured(messages, VoiceOut, task=TASK_VOICE, seed=config.seed)
    usage.append({"task": TASK_VOICE, **voice_result.usage.as_dict()})
    voice = {**voice_result.output.model_dump(), "features": features}
    structured, region, business_types = _structured_and_region(state, pages, brand)
    return {
        "brand_name": brand,
        **artifacts.put(state, "extractions", "extractions", extractions),
        "voice": voice,
        "usage": usage,
        "boilerplate": boilerplate,
        "structured": structured,
        "region": region,
        "business_types": business_types,
        "language": detect_language(list(contents.values())),
    }


def _structured_and_region(state: ResearchState, pages: list[dict[str, Any]],
                           brand: str) -> tuple[list[dict[str, Any]], dict[str, Any], list[str]]:
    """Products and the business's schema.org types from structured data, and the region from every page's full
    text (footers included)."""
    injection = state.get("injection", {})
    products: list[dict[str, Any]] = []
    countries: list[str] = []
    currencies: list[str] = []
    places: list[str] = []
    business_types: list[str] = []
    for page in pages:
        url = page["canonical_url"]
        # Structured data the injection scanner flagged on this page is not trusted at all.
        if "json-ld" in injection.get(url, {}).get("locations", []):
            continue
        data = extract_structured(json_ld_blocks(page.get("hidden_texts", [])), page.get("meta", {}), url)
        countries += data.countries
        currencies += data.currencies
        places += data.places
        business_types += [t for t in data.business_types if t not in business_types]
        for p in data.products:
            if match_rules(p.name) or p.name.lower() == brand.lower():
                continue
            currencies += [p.currency] if p.currency else []
            products.append(
                {"name": p.name, "price_amount": p.price_amount, "currency": p.currency, "period": p.period,
                 "url": url, "description": p.description, "source": p.syntax}
            )  # fmt: skip
    texts = [p["masked_text"] for p in pages]
    for text in list(texts):
        for m in pricing.PRICE.finditer(text):
            parsed = pricing.parse_price(m.group(0))
            if parsed and parsed.currency:
                currencies.append(parsed.currency)
    contents = [p["masked_text"] for p in pages]
    guess = guess_region(
        [*texts, *dict.fromkeys(places)], countries=countries, currencies=currencies, language=detect_language(contents)
    )
    return products, {"code": guess.code, "evidence": guess.evidence}, business_types


# ---------------------------------------------------------------- verify


def _fact_id(url: str, start: int, end: int) -> str:
    return "f_" + hashlib.sha1(f"{url}|{start}|{end}".encode(), usedforsecurity=False).hexdigest()[:12]


def locate(
    quote: str, text: str, start: int | None, end: int | None, flagged: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The exact span of ``quote`` in ``text``: the given offsets if they match, else the
    first verbatim occurrence outside flagged spans. None if the quote is not in the page."""
    if not quote:
        return None
    if start is not None and end is not None and 0 <= start <= end <= len(text) and text[start:end] == quote:
        return start, end
    pos = text.find(quote)
    while pos != -1:
        if not overlaps(pos, pos + len(quote), flagged):
            return pos, pos + len(quote)
        pos = text.find(quote, pos + 1)
    return None


def _unmasked_span(quote: str, read: str, start: int | None, end: int | None,
                   flagged: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``read``, the page's text as extraction read it (flagged content and the site's
    template lines blanked, every offset kept), when the page's own text is not there verbatim."""
    if not quote.strip():
        return None
    return locate(quote, read, start, end, flagged)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def fact_text(quote: str) -> str:
    """The text stored for a fact: its verified quote with whitespace collapsed, nothing else."""
    return " ".join(quote.split())


def appears_in(needle: str, quote: str) -> bool:
    """True if ``needle`` occurs in ``quote`` (case-insensitive, whitespace collapsed)."""
    n = _norm(needle)
    return bool(n) and n in _norm(quote)


def verify_citations(state: ResearchState) -> dict[str, Any]:
    """Accept a fact only if ``quote == page_text[start:end]`` and it avoids flagged content."""
    config = _config(state)
    pages = {p["canonical_url"]: p for p in artifacts.get(state, "pages")}
    injection = state.get("injection", {})
    boilerplate = state.get("boilerplate", {})
    reads: dict[str, str] = {}  # per page, its text as extraction read it, built the first time a quote needs it

    def read_text(url: str) -> str | None:
        if not boilerplate.get(url):
            return None  # no template line blanked: extraction read the page's own text
        if url not in reads:
            reads[url] = mask_spans(pages[url]["masked_text"], [(s, e) for s, e in boilerplate[url]])
        return reads[url]

    facts: list[dict[str, Any]] = []
    dropped: list[dict[str, Any]] = []
    seen_quotes: dict[str, str] = {}  # normalised quote -> fact id
    quote_ids: dict[tuple[str, str], str] = {}  # (url, quote) -> fact id
    fact_quotes: dict[str, str] = {}  # fact id -> verified quote

    def accept(
        url: str, quote: str, text_: str, kind: str, conf: float, start: int | None, end: int | None
    ) -> str | None:
        page = pages.get(url)
        if page is None:
            dropped.append({"url": url, "quote": quote[:200], "reason": "unknown source"})
            return None
        flagged = [(s, e) for s, e in injection.get(url, {}).get("spans", [])]
        span = locate(quote, page["text"], start, end, flagged)
        if span is None and (read := read_text(url)) is not None and (
                masked := _unmasked_span(quote, read, start, end, flagged)):
            # Read from the text extraction saw, with a template line blanked inside it (a shop theme's "Regular
            # price" label between a card's name and its price): the page's own words over the same span are the
            # quote, and what cites the blanked reading finds the same fact.
            span, blanked, quote = masked, quote, page["text"][masked[0] : masked[1]]
            fid = accept(url, quote, quote if text_ == blanked else text_, kind, conf, *span)
            if fid is not None:
                quote_ids[(url, blanked)] = fid
            return fid
        if span is None:
            reason = (
                "overlaps instruction-like content"
                if quote and quote in page["text"]
                else "quote not found verbatim in page text"
            )
            dropped.append({"url": url, "quote": quote[:200], "reason": reason})
            return None
        s, e = span
        if page["text"][s:e] != quote:  # the invariant, checked explicitly
            dropped.append({"url": url, "quote": quote[:200], "reason": "span mismatch"})
            return None
        if overlaps(s, e, flagged) or match_rules(quote) or match_rules(text_):
            dropped.append({"url": url, "quote": quote[:200], "reason": "overlaps instruction-like content"})
            return None
        key = _norm(quote)
        if key in seen_quotes:
            quote_ids[(url, quote)] = seen_quotes[key]
            return seen_quotes[key]
        if len(facts) >= config.max_facts:
            dropped.append({"url": url, "quote": quote[:200], "reason": "fact limit reached"})
            return None
        if injection.get(url, {}).get("suspicious"):
            conf *= 0.8
        fid = _fact_id(url, s, e)
        fact = Fact.model_validate(
            {
                "id": fid,
                # The fact's text is never the model's wording: only the verified quote (whitespace
                # collapsed) is stored, so a paraphrase cannot smuggle an unsupported claim into a
                # "cited" fact. A model text that differs from the quote is discarded, the fact kept.
                "text": fact_text(quote),
                "source_url": url,
                "start": s,
                "end": e,
                "quote": quote,
                "kind": kind if kind in _KINDS else "claim",
                "confidence": round(min(max(conf, 0.0), 1.0), 3),
            }
        )
        facts.append(fact.model_dump())
        fact_quotes[fid] = quote
        seen_quotes[key] = fid
        quote_ids[(url, quote)] = fid
        return fid

    region_code = (state.get("region") or {}).get("code")
    products: dict[str, dict[str, Any]] = {}
    audience: dict[str, dict[str, Any]] = {}
    competitors: dict[str, dict[str, Any]] = {}
    for item in artifacts.get(state, "extractions"):
        url = item["url"]
        ex = PageExtraction.model_validate(item["extraction"])
        for f in ex.facts:
            accept(url, f.quote, f.text, f.kind, f.confidence, f.start, f.end)

        def support(quote: str | None, url: str = url) -> str | None:
            if not quote:
                return None
            return quote_ids.get((url, quote)) or accept(url, quote, quote, "claim", 0.5, None, None)

        for p in ex.products:
            name = " ".join(p.name.split())
            if match_rules(name) or not name:
                continue
            fid = support(p.quote)
            if fid is None:
                continue
            # The name must be on the page, in the verified quote that supports this product;
            # a price the quote does not contain is dropped (None), never kept on trust.
            verified_quote = fact_quotes[fid]
            # A table's item is named by its row and its column ("Stadsfiets (Dag)"): both are in the quote.
            column = re.fullmatch(r"(.+?) \((.+)\)", name)
            if not appears_in(name, verified_quote) and not (column and all(
                    appears_in(part, verified_quote) for part in column.groups())):
                dropped.append({"url": url, "quote": name[:200], "reason": "product name not in its quote"})
                continue
            price = p.price if p.price and appears_in(p.price, verified_quote) else None
            parsed = _parse_product_price(price, verified_quote, name, region_code)
            key = name.lower()
            # The same offer billed by another period ("Solo", $29 a month and $290 a year) is a price of its own.
            if parsed is not None and key in products and _other_periods(
                    products[key], {"price_amount": parsed[0], "period": parsed[2]}):
                key = f"{key}|{parsed[2]}"
            entry = products.setdefault(
                key, {"name": name, "description": "", "price": price, "url": url, "fact_ids": [],
                      "price_amount": None, "currency": None, "period": None, "source": "text"},
            )
            entry["price"] = entry["price"] or price
            if parsed is not None and entry["price_amount"] is None:
                entry["price_amount"], entry["currency"], entry["period"] = parsed
            if fid not in entry["fact_ids"]:
                entry["fact_ids"].append(fid)
        for m in ex.audience_segments:
            fid = support(m.quote)
            if fid and not match_rules(m.name) and m.name.lower() in m.quote.lower():
                entry = audience.setdefault(m.name.lower(), {"name": m.name, "fact_ids": []})
                if fid not in entry["fact_ids"]:
                    entry["fact_ids"].append(fid)
        for m in ex.competitors:
            fid = support(m.quote)
            if fid and not match_rules(m.name) and m.name.lower() in m.quote.lower():
                entry = competitors.setdefault(m.name.lower(), {"name": m.name, "fact_ids": []})
                if fid not in entry["fact_ids"]:
                    entry["fact_ids"].append(fid)

    fact_by_id = {f["id"]: f for f in facts}
    for entry in products.values():
        entry["description"] = fact_by_id[entry["fact_ids"][0]]["quote"] if entry["fact_ids"] else ""
    merged = _merge_products(list(products.values()))
    merged = _add_structured(merged, state.get("structured", []))
    # A comparison between the brand's own offers ("a 10-Class Pass rather than Unlimited Monthly") names no rival,
    # nor does an offer called by the start of its name ("The Kererū is the one we recommend" for "Kererū 4-berth").
    own = {str(p["name"]).lower() for p in merged}

    def is_own(name: str) -> bool:
        return name.lower() in own or any(o.startswith(name.lower() + " ") for o in own)

    return {
        "facts": facts,
        "dropped": dropped,
        "products": merged,
        "audience_segments": list(audience.values()),
        "competitors": [c for c in competitors.values() if not is_own(c["name"])],
    }


def _parse_product_price(
    price: str | None, quote: str, name: str, region: str | None
) -> tuple[str, str | None, str] | None:
    """(amount, currency, period) of a product's price as its quote words it; the period is read
    from the text after the product's name (so "per month" next to the price counts)."""
    if not price:
        return None
    at = quote.lower().find(name.lower())
    context = quote[at + len(name) :] if at != -1 else quote
    parsed = pricing.parse_price(price, context, region)
    if parsed is None:
        return None
    # A period said right after the price is that price's own ("Solo 49 € / Monat oder 490 € / Jahr": the 490 € is
    # a year's); the text after the name is the fallback for a period said before the price.
    at_price = context.find(price)
    after = pricing.PRICE.search(context, at_price + len(price)) if at_price > 0 else None
    own = pricing.period_of(context[at_price : after.start() if after else len(context)]) if at_price > 0 else None
    return parsed.amount, parsed.currency, own if own and own != "one_time" else parsed.period


def _name_key(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.lower()))


def _add_structured(products: list[dict[str, Any]], structured: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Structured-data products fill in the prices of visible ones with the same name, and are added
    (with no fact ids: nothing visible to cite) when the page text does not show them."""
    out = list(products)
    for item in structured:
        key = _name_key(item["name"])
        match = next((p for p in out if key and (key <= _name_key(p["name"]) or _name_key(p["name"]) <= key)), None)
        if match is not None:
            if match.get("price_amount") is None and item.get("price_amount"):
                match["price_amount"], match["currency"] = item["price_amount"], item["currency"]
                match["period"] = item["period"]
            continue
        out.append({"name": item["name"], "description": item.get("description", ""), "price": None,
                    "price_amount": item.get("price_amount"), "currency": item.get("currency"),
                    "period": item.get("period"), "url": item.get("url"), "fact_ids": [],
                    "source": item.get("source", "json-ld")})  # fmt: skip
    return out


_KINDS = {"price", "date", "metric", "person", "product", "location", "policy", "award", "claim"}


def _other_periods(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two prices of one offer billed by different periods (a month, a year)."""
    return None not in (a.get("period"), b.get("period"), a.get("price_amount"), b.get("price_amount")) \
        and a["period"] != b["period"] and a["price_amount"] != b["price_amount"]


def _merge_products(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """'Ember Quilt' (from a sentence) merges into 'Ember 20°F Quilt' (from the page title). Two prices tell two
    offerings apart: 'Bono de 10 clases particulares' (290 €) is not 'clases particulares' (32 € an hour)."""
    out: list[dict[str, Any]] = []
    for item in items:
        words = set(item["name"].lower().split())
        target = next(
            (o for o in out
             if (words <= set(o["name"].lower().split()) or set(o["name"].lower().split()) <= words)
             and (o.get("price_amount") is None or item.get("price_amount") is None
                  or o["price_amount"] == item["price_amount"] or o["name"].lower() == item["name"].lower())
             and not _other_periods(o, item)),
            None,
        )
        if target is None:
            out.append(item)
            continue
        if len(item["name"]) > len(target["name"]):
            target["name"] = item["name"]
        target["price"] = target["price"] or item["price"]
        if target.get("price_amount") is None and item.get("price_amount") is not None:
            target["price_amount"], target["currency"], target["period"] = (
                item["price_amount"], item["currency"], item["period"]
            )
        target["fact_ids"] += [f for f in item["fact_ids"] if f not in target["fact_ids"]]
    # One offer's prices by period side by side ("Solo" a month, then "Solo" a year), in order of first mention.
    first: dict[str, int] = {}
    for k, o in enumerate(out):
        first.setdefault(o["name"].lower(), k)
    return sorted(out, key=lambda o: first[o["name"].lower()])


# ---------------------------------------------------------------- profile + score


def profile(state: ResearchState) -> dict[str, Any]:
    config = _config(state)
    provider = _provider(state)
    boilerplate = state.get("boilerplate", {})
    pages = artifacts.get(state, "pages")
    contents = [
        mask_spans(p["masked_text"], [(s, e) for s, e in boilerplate.get(p["canonical_url"], [])])
        for p in pages
    ]
    titles = [_clean_title(p.get("title", "")) for p in pages]
    industry = rules.classify_industry([*contents, *titles], declared=state.get("business_types", []))
    home = state["crawl"]["start_url"]
    facts = sorted(state.get("facts", []), key=lambda f: (f["source_url"] != home, "about" not in f["source_url"]))
    data = {
        "name": state["brand_name"],
        "industry": industry,
        "facts": [{"id": f["id"], "text": f["text"]} for f in facts[:40]],
    }
    result = provider.complete_structured(
        build_messages(SUMMARY_INSTRUCTIONS, data), SummaryOut, task=TASK_SUMMARY, seed=config.seed
    )
    valid_ids = {f["id"] for f in state.get("facts", [])}
    summary = result.output
    fact_ids = [i for i in summary.fact_ids if i in valid_ids]
    text = summary.summary
    if match_rules(text):  # a model repeating injected text is not allowed to speak for the brand
        text, fact_ids = "", []
    return {
        "summary": {"text": text, "fact_ids": fact_ids, "industry": industry},
        "usage": [{"task": TASK_SUMMARY, **result.usage.as_dict()}],
    }


def _confidence(state: ResearchState, result: CrawlResult) -> float:
    facts = state.get("facts", [])
    dropped = [d for d in state.get("dropped", []) if d["reason"] != "fact limit reached"]
    ok, failed = len(result.pages), len(result.failures)
    coverage = ok / max(ok + failed, 1)
    fact_score = min(1.0, len(facts) / 15)
    verified_ratio = len(facts) / max(len(facts) + len(dropped), 1)
    # Each part research looked for and did not find lowers confidence (see missing_parts).
    missing = missing_parts(state)
    parts = completeness(missing)
    suspicious = sum(1 for v in state.get("injection", {}).values() if v.get("suspicious"))
    page_factor = min(1.0, ok / 5)  # a one-page site cannot support a confident profile
    score = (0.25 * fact_score + 0.2 * coverage + 0.15 * verified_ratio + 0.4 * parts) * (
        0.6 + 0.4 * page_factor
    )
    score -= 0.05 * min(suspicious, 3)
    # Extraction is never certain; keep headroom for human review.
    return round(min(max(score, 0.0), 0.95), 3)


def score(state: ResearchState) -> dict[str, Any]:
    """Assemble and validate the BrandTwin, with a confidence score."""
    result = _crawl_result(state)
    injection = state.get("injection", {})
    voice = state.get("voice", {})
    twin = BrandTwin(
        name=state["brand_name"],
        url=result.start_url,
        industry=state.get("summary", {}).get("industry", "general"),
        summary=state.get("summary", {}).get("text", ""),
        summary_fact_ids=state.get("summary", {}).get("fact_ids", []),
        products=[Product(**p) for p in state.get("products", [])],
        audience_segments=[AudienceSegment(**a) for a in state.get("audience_segments", [])],
        voice=Voice(
            tone=list(voice.get("tone", [])),
            features={k: float(v) for k, v in voice.get("features", {}).items()},
            formality=voice.get("formality", "neutral")
            if voice.get("formality") in ("casual", "neutral", "formal")
            else "neutral",
            person=voice.get("person", "mixed")
            if voice.get("person") in ("first_plural", "second", "third", "mixed")
            else "mixed",
        ),
        competitors=[Competitor(**c) for c in state.get("competitors", [])],
        facts=[Fact(**f) for f in state.get("facts", [])],
        confidence=_confidence(state, result),
        region=(state.get("region") or {}).get("code"),
        language=state.get("language"),
        missing=missing_parts(state),
        suspicious_sources=[
            SuspiciousSource(url=url, rules=v["rules"], locations=v["locations"], findings=v["findings"])
            for url, v in injection.items()
            if v.get("suspicious")
        ],
        crawl_report=_crawl_report(result),
        generated_by=_generated_by(state),
    )
    return {"brand_twin": twin.model_dump(mode="json"), "status": result.status, "message": result.summary()}


def draft_contract(state: ContractInput) -> dict[str, Any]:
    config = _config(state)
    twin = BrandTwin.model_validate(state["brand_twin"])
    card = draft_contract_card(twin, region=config.region, monthly_budget=config.monthly_budget)
    return {"contract_card": card.model_dump(mode="json")}


# ---------------------------------------------------------------- persist


def persist(state: PersistInput) -> dict[str, Any]:
    """Store sources, chunks+vectors, BrandTwin+facts and the draft card in one transaction."""
    from core.contracts.brand import ContractCard

    config = _config(state)
    if not config.store_key:
        return {"stored": {"stored": False, "reason": "no store configured"}}
    store = registry.get_store(config.store_key)
    tenant_id = state["tenant_id"]
    injection = state.get("injection", {})
    twin = BrandTwin.model_validate(state["brand_twin"])
    card = ContractCard.model_validate(state["contract_card"]) if state.get("contract_card") else None
    # A retried persist (the first attempt committed but its worker died before reporting) must not
    # store a second BrandTwin: the run id fixes the twin's id. (Checked first: that attempt also
    # deleted the run's artifacts.)
    twin_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"smm:brand-twin:{state['run_id']}")) if state.get("run_id") else None
    if twin_id is not None and store.has_brand_twin(tenant_id, twin_id):
        return {"stored": {"stored": True, "brand_twin_id": twin_id, "facts": len(twin.facts), "retried": True}}
    sources = [
        SourceRecord(
            url=p["url"],
            canonical_url=p["canonical_url"],
            content_hash=p["content_hash"],
            status_code=p["status_code"],
            content_type=p["content_type"],
            title=p["title"],
            text=p["text"],
            suspicious=bool(injection.get(p["canonical_url"], {}).get("suspicious")),
            flags={k: v for k, v in injection.get(p["canonical_url"], {}).items() if k != "spans"},
            fetched_at=p["fetched_at"],
        )
        for p in artifacts.get(state, "pages")
    ]
    chunks = artifacts.get(state, "chunks")
    emb = state["embedding"]
    vectors = decode_vectors(chunks, int(emb["dim"]))
    records = [ChunkRecord(c["source_url"], c["ordinal"], c["start"], c["end"], c["text"]) for c in chunks]
    with store.atomic():
        source_ids = store.save_sources(tenant_id, sources)
        chunk_ids = store.save_chunks(tenant_id, source_ids, records, vectors, model=emb["model"], dim=int(emb["dim"]))
        twin_id = store.save_brand_twin(
            tenant_id, twin, workspace_id=state.get("workspace_id"), source_ids=source_ids, contract_card=card,
            twin_id=twin_id,
        )
        # Stored for good: the run's intermediate artifacts go (in the same transaction).
        if (artifact_store := artifacts.store_for(state)) is not None:
            artifact_store.delete_artifacts(tenant_id, state["run_id"])
    return {
        "stored": {
            "stored": True,
            "brand_twin_id": twin_id,
            "sources": len(source_ids),
            "chunks": len(chunk_ids),
            "facts": len(twin.facts),
        }
    }
