"""Legal agent: one recorded ``content.review`` policy decision per post, plus the risk estimates
the simulator reads.

Probabilities (estimates for the Monte Carlo engine, not legal advice):

The policy input of each post carries the rule detectors' findings (``agents/legal/detectors.py``:
class, severity, span, score); the bundle decides deny or warn per class, industry and region from the
compliance table ``policies/smm/content_actions/data.json``.

* ``p_policy_violation``: a score mapped through the Platt curve fitted on the labelled dev posts
  (``agents/legal/calibration.py``). A post the bundle denied scores 1, whatever rule denied it. A post it
  allowed scores its strongest finding the bundle did not see: the rule findings are in its input and it
  judged them (a warned class is one compliance accepts), so only the dev-trained classifier's findings
  (when ``SMM_LEGAL_CLASSIFIER`` is on and the campaign embeds with MiniLM) still count. With none, the
  curve's floor is the chance that a violation escaped every detector.
* ``p_uncited_claim``: the calibration's second curve, on the strongest unsupported-claim or
  unsupported-superlative finding when the only evidence is the quotes of the facts the post cites (what an
  approver sees next to it). ``uncited_claim`` names the first claim-like sentence (a number, a superlative,
  a guarantee) whose terms those quotes do not all contain; a named claim scores at least as a figure missing
  from the page does, so the name and the probability never disagree.
* ``duplicate_similarity``: the highest cosine similarity (clipped to [0, 1]) between the post and the
  already-published posts, with the id and date of the most similar one.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Engine

from agents.embeddings import Embedder, HashingEmbedder
from agents.llm.base import LLMProvider
from agents.llm.templates import OFFLINE_LABEL
from core.contracts.brand import BrandTwin
from core.contracts.campaign import LegalReview, ModelReview, PostVariant
from core.settings import Settings

if TYPE_CHECKING:  # the detectors compile many patterns: loaded when a review runs, not on import
    from agents.legal.detectors import Finding
    from agents.legal.model_signal import ModelSignal

#: The score a bundle denial counts as: the strongest evidence a rule gives.
DENIED_SCORE = 1.0
#: The score a named uncited claim counts as at least: what the detectors give a figure that is not on the
#: page (agents/legal/detectors.py, unsupported_claim).
NAMED_CLAIM_SCORE = 0.8

# A sentence ends at . ! ? followed by space, so "99.9%" and "$49.00" stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Hashtags start with a letter: "#1" is a claim, not a tag.
_HASHTAG = re.compile(r"(?<!\w)#[A-Za-z_]\w*")
SUPERLATIVES = ("best", "#1", "number one", "no. 1", "leading", "fastest", "cheapest", "lowest", "highest",
                "largest", "biggest", "most", "greatest", "unbeatable", "top-rated", "world-class")  # fmt: skip
GUARANTEES = ("guarantee", "guaranteed", "risk-free", "risk free", "proven", "always", "never fails", "100%")


def _norm(text: str) -> str:
    # Decimal points stay: "99.9%" must still contain the term "99.9".
    return " " + re.sub(r"[^0-9a-z#%.]+", " ", text.lower().replace(",", "")) + " "


def _contains(sources: str, term: str) -> bool:
    """Whole-token match, so "3" is not found inside "3.5" nor "best" inside "bestow"."""
    t = _norm(term).strip().rstrip(".")
    return re.search(rf"(?<![0-9a-z.]){re.escape(t)}(?![0-9a-z]|\.\d)", sources) is not None


def claim_terms(sentence: str) -> list[str]:
    """The checkable claim terms of a sentence: its numbers, superlatives and guarantee words."""
    low = sentence.lower()
    terms = [n.replace(",", "") for n in _NUMBER.findall(sentence)]
    for word in (*SUPERLATIVES, *GUARANTEES):
        if word == "#1":
            if "#1" in low and not re.search(r"#1\d", low):
                terms.append("#1")
        elif re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", low):
            terms.append(word)
    return terms


def uncited_claims(text: str, cited_quotes: Sequence[str]) -> list[str]:
    """Claim-like sentences of ``text`` with a term that no cited quote contains."""
    body = _HASHTAG.sub(" ", text.replace(OFFLINE_LABEL, " "))
    sources = _norm(" ".join(cited_quotes))
    out: list[str] = []
    for part in _SENTENCE_END.split(body):
        sentence = part.strip()
        terms = claim_terms(sentence)
        if terms and any(not _contains(sources, t) for t in terms):
            out.append(sentence)
    return out


def cited_quotes(post: PostVariant, quotes: Mapping[str, str]) -> list[str]:
    """The verified page quotes of the facts a post cites. Only quotes count as evidence:
    a fact's ``text`` is never used, so wording that is not on the page cannot cover a claim."""
    return [quotes[f] for f in post.cited_fact_ids if f in quotes]


def similarity_to_published(
    posts: Sequence[PostVariant], published: Sequence[Mapping[str, Any]], embedder: Embedder
) -> list[tuple[float, str | None, dt.date | None]]:
    """Per post: (max cosine to any published post, its id, its date); (0, None, None) when none."""
    if not published or not posts:
        return [(0.0, None, None) for _ in posts]
    vecs = embedder.embed([p.text for p in posts])
    pub = embedder.embed([str(p["text"]) for p in published])
    sims = np.asarray(vecs, dtype=np.float64) @ np.asarray(pub, dtype=np.float64).T
    out: list[tuple[float, str | None, dt.date | None]] = []
    for row in sims:
        j = int(np.argmax(row))
        best = float(min(1.0, max(0.0, row[j])))
        date = published[j].get("date")
        out.append((round(best, 6), str(published[j]["id"]), dt.date.fromisoformat(str(date)) if date else None))
    return out


def review_document(
    post: PostVariant, twin: BrandTwin, *, workspace_doc: Mapping[str, Any], actor: Mapping[str, Any], tenant_id: str
) -> dict[str, Any]:
    """The ``content.review`` policy input for one post."""
    return content_review_document(
        {"id": post.id, "channel": post.channel, "text": post.text, "hashtags": list(post.hashtags),
         "sponsored": post.disclosure_flags.sponsored, "cited_fact_ids": list(post.cited_fact_ids)},
        twin, workspace_doc=workspace_doc, actor=actor, tenant_id=tenant_id)


SPAN_CHARS = 200  # a finding's span as it appears in a deny reason; detectors return a sentence at most


def policy_findings(text: str, channel: str, twin: BrandTwin) -> list[dict[str, Any]]:
    """The detectors' findings on a post, in the shape the content policy judges (``class, severity, span,
    score``). The rule detectors only: the policy input must be the same on every review of the same post
    (the semantic layer loads a model and is for the offline review)."""
    from agents.legal.context import context_from_twin
    from agents.legal.detectors import detect

    out = []
    for f in detect(text, channel, context_from_twin(twin)):
        span = f.span if len(f.span) <= SPAN_CHARS else f.span[: SPAN_CHARS - 1] + "…"
        score = round(min(1.0, max(0.0, f.score)), 4)
        out.append({"class": f.cls, "severity": f.severity, "span": span, "score": score})
    return out


def content_review_document(
    post: Mapping[str, Any], twin: BrandTwin, *, workspace_doc: Mapping[str, Any], actor: Mapping[str, Any],
    tenant_id: str,
) -> dict[str, Any]:
    """The ``content.review`` input from a post's fields (``id, channel, text, hashtags, sponsored,
    cited_fact_ids``) and the detectors' findings on it, which the policy decides per class, industry and
    region (``workspace.industry`` / ``region``); the publisher re-reviews stored posts with it."""
    sources = {f.id: f.source_url for f in twin.facts}
    cited_sources = sorted({sources[f] for f in post.get("cited_fact_ids", []) if f in sources})
    return {
        "action": "content.review",
        "actor": {"id": str(actor["id"]), "tenant_id": tenant_id, "role": str(actor["role"])},
        "resource": {"tenant_id": tenant_id, "type": "post_variant", "id": str(post["id"])},
        "workspace": dict(workspace_doc),
        "post": {
            "id": str(post["id"]),
            "channel": post["channel"],
            "text": post["text"],
            "hashtags": list(post.get("hashtags", [])),
            "sponsored": bool(post.get("sponsored", False)),
            "cited_sources": cited_sources,
            "findings": policy_findings(str(post["text"]), str(post["channel"]), twin),
        },
    }


def review_posts(
    posts: Sequence[PostVariant],
    twin: BrandTwin,
    *,
    workspace_doc: Mapping[str, Any],
    actor: Mapping[str, Any],
    tenant_id: str,
    db: Engine,
    settings: Settings,
    published: Sequence[Mapping[str, Any]],
    embedder: Embedder,
    campaign_id: str | None,
    model: LLMProvider | None = None,
) -> list[LegalReview]:
    """Review every post: a recorded policy decision, claim coverage and duplication against published posts.
    A configured ``model`` is asked about each post the policy allowed (a denied one already scores as denied) and
    adds its corroborated findings to the violation risk, as the classifier's are (agents/legal/model_signal.py);
    each review says what the model added and cost (``model_review``)."""
    from agents.legal import calibration
    from agents.legal.classifier import class_findings, prefetch
    from agents.legal.context import ReviewContext, context_from_twin
    from agents.legal.detectors import DETECTORS
    from agents.legal.model_signal import ModelSignal, model_signal
    from policies.decide import decide

    cal = calibration.load()
    ctx = context_from_twin(twin)
    # The classifier reads MiniLM vectors; a campaign on the hashing test double has none worth reading.
    classifier = settings.legal_classifier and not isinstance(embedder, HashingEmbedder)
    minilm = prefetch(p.text for p in posts) if classifier else None
    quotes = {f.id: f.quote for f in twin.facts}
    similar = similarity_to_published(posts, published, embedder)
    campaign = uuid.UUID(campaign_id) if campaign_id else None
    reviews: list[LegalReview] = []
    for post, (sim, sim_id, sim_date) in zip(posts, similar, strict=True):
        doc = review_document(post, twin, workspace_doc=workspace_doc, actor=actor, tenant_id=tenant_id)
        decision = decide(db, settings, uuid.UUID(tenant_id), "main", doc, campaign_id=campaign)
        if decision.allow:
            # The rule findings are already in the policy input (judged there); the classifier adds only
            # classes they did not find, with those rule hits as its features, as `detect` would.
            judged = {f["class"] for f in doc["post"]["findings"]}
            unseen = class_findings(post.text, ctx, judged, embedder=minilm) if minilm is not None else []
            signal = model_signal(post.text, post.channel, ctx, model)
            added = signal.added_to(judged | {u.cls for u in unseen})
            violation = calibration.raw_score([*unseen, *added])
        else:
            signal, added = ModelSignal(), []
            violation = DENIED_SCORE
        cited = cited_quotes(post, quotes)
        claims = uncited_claims(post.text, cited)
        # Support is judged against the cited quotes alone, as `uncited_claims` does: a claim the page backs
        # but the post does not cite is still one the approver cannot check.
        cited_ctx = ReviewContext(twin.name, ctx.region, tuple(cited))
        unsupported = calibration.unsupported_score([f for c in calibration.UNSUPPORTED_CLASSES
                                                     for f in DETECTORS[c](post.text, post.channel, cited_ctx)])
        if claims:
            unsupported = max(unsupported, NAMED_CLAIM_SCORE)
        reviews.append(
            LegalReview(
                post_id=post.id,
                policy_decision_id=decision.decision_id,
                allow=decision.allow,
                deny=list(decision.deny),
                warnings=list(decision.warnings),
                obligations=list(decision.obligations),
                p_policy_violation=round(cal.violation.predict(violation), 4),
                p_uncited_claim=round(cal.unsupported.predict(unsupported), 4),
                uncited_claim=claims[0][:500] if claims else None,
                duplicate_similarity=sim,
                similar_post_id=sim_id,
                similar_post_date=sim_date,
                model_review=_model_review(signal, added, model),
            )
        )
    return reviews


def _model_review(signal: ModelSignal, added: Sequence[Finding], model: LLMProvider | None) -> ModelReview | None:
    if model is None or model.offline or (signal.usage is None and signal.error is None):
        return None  # no model configured, or the post was denied before one was asked
    u = signal.usage
    return ModelReview(model=u.model if u else model.model, classes=[f.cls for f in added],
                       prompt_tokens=u.prompt_tokens if u else 0, completion_tokens=u.completion_tokens if u else 0,
                       cost_usd=u.cost_usd if u else 0.0, error=signal.error)
