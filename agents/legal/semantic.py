"""MiniLM similarity to exemplar phrasings: a second signal next to the rules, for claims the rules' term
families miss when they are worded differently. The exemplars are written here from general advertising-
standards guidance (not copied from any labelled post); a sentence counts when its cosine similarity to the
nearest exemplar of a class reaches that class's threshold (chosen on the dev posts only)."""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from agents.embeddings import Embedder, MiniLMEmbedder
from agents.legal.detectors import DISCLOSED, Finding, sentences

EXEMPLARS: dict[str, tuple[str, ...]] = {
    "health_claim": (
        "This product cures the disease.",
        "It heals the condition and relieves the symptoms.",
        "Drinking this every day protects you against illness.",
        "Our treatment reverses ageing and removes wrinkles permanently.",
        "It boosts your immune system and fights infections.",
        "Clinically proven to make you lose weight fast.",
        "Using it will improve your mental health and end your anxiety.",
        "Este producto cura la enfermedad y mejora la salud.",
    ),
    "financial_guarantee": (
        "You are guaranteed to make money with this.",
        "We promise you will save thousands every year.",
        "A risk-free investment with guaranteed returns.",
        "It will pay for itself, guaranteed.",
        "Double your income or your money back.",
        "Ganancias garantizadas sin ningún riesgo.",
    ),
    "competitor_disparagement": (
        "Our competitors sell cheap rubbish that breaks after a week.",
        "Unlike those other companies, we don't rip you off.",
        "The big chains are greedy and their service is terrible.",
        "Their products are poor quality and overpriced.",
        "Don't waste your money on that other brand.",
        "La competencia vende productos de mala calidad.",
    ),
    "missing_disclosure": (
        "Thanks to the brand for sending me this product for free.",
        "She received the product as a gift from us in return for a review.",
        "Our partner influencer is paid to promote us; use their promo code.",
        "He has been working with us as a brand ambassador.",
    ),
}
# Just above the highest similarity of any dev post NOT labelled with the class (zero dev false positives; dev =
# blind dev + fixtures/legal_dev). At these thresholds the signal alone finds only 1-5 of the 26-29 dev posts of
# each class: MiniLM similarity tracks topic more than stance, so near-miss clean posts score as high as
# violations (adding exemplars raised the clean posts' scores as much as the violations'). A weak second signal.
THRESHOLDS = {"health_claim": 0.60, "financial_guarantee": 0.50, "competitor_disparagement": 0.56,
              "missing_disclosure": 0.53}  # fmt: skip


@cache
def _default_embedder() -> Embedder:
    return MiniLMEmbedder()


@cache
def _exemplar_vectors(model_name: str) -> dict[str, np.ndarray]:
    emb = _default_embedder()
    return {c: np.asarray(emb.embed(list(ex))) for c, ex in EXEMPLARS.items()}


def similar_findings(text: str, embedder: Embedder | None = None) -> list[Finding]:
    """A finding per class whose exemplars some sentence of ``text`` closely resembles."""
    emb = embedder or _default_embedder()
    sents = [s for s in sentences(re.sub(r"[#@]\w+", " ", text)) if len(s) > 12]
    if not sents:
        return []
    vecs = np.asarray(emb.embed(sents))
    out: list[Finding] = []
    for cls, ex in _exemplar_vectors(emb.model_name).items():
        if cls == "missing_disclosure" and DISCLOSED.search(text):
            continue  # a disclosed partnership is the compliant form of the same wording
        sims = vecs @ ex.T
        i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
        best = float(sims[i, j])
        if best >= THRESHOLDS[cls]:
            out.append(Finding(cls, sents[int(i)], round(best, 4), detail=f"similar to: {EXEMPLARS[cls][int(j)]}"))
    return out


def sentence_similarity(sentence: str, cls: str) -> float:
    """One sentence's highest similarity to ``cls``'s exemplars, as written (the model signal's corroboration)."""
    emb = _default_embedder()
    vec = np.asarray(emb.embed([sentence]))
    return float((vec @ _exemplar_vectors(emb.model_name)[cls].T).max())


def max_similarities(text: str) -> dict[str, float]:
    """Per class, the highest sentence-to-exemplar similarity (for choosing thresholds on dev)."""
    emb = _default_embedder()
    sents = [s for s in sentences(re.sub(r"[#@]\w+", " ", text)) if len(s) > 12] or [text]
    vecs = np.asarray(emb.embed(sents))
    return {c: float((vecs @ ex.T).max()) for c, ex in _exemplar_vectors(emb.model_name).items()}
