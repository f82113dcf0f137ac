"""A per-class logistic regression over MiniLM sentence embeddings or character n-grams (plus the other classes'
rule hits), trained only on the labelled dev posts: a third signal next to the rules and the exemplar
similarity, for the classes whose wording varies most (the four in ``CLASSES``).

A post gets a classifier finding for a class when the rules did not find that class and the model's probability
reaches the class threshold (chosen by brand-grouped cross-validation on dev; see
``agents.legal.train_classifier``, which also picks each class's unit):
- ``post``: the probability of the whole post; the span is the sentence with the highest class score.
- ``sentence``: the probability of each sentence, optionally with the previous sentence's vector beside its own;
  the post's probability is its strongest sentence, which is the span.
- ``rival_sentence`` (competitor_disparagement): the same over the sentences that name a rival or follow one
  that does (``detectors.rival_rows``, a loose pre-filter: it passes about a third of clean sentences,
  the model decides). A jab is one sentence about a
  rival, and a whole-post vector dilutes it with the brand's own pitch (leave-one-brand-out CV on the 563 dev
  posts of 2026-12-01, classifier alone: the whole-post model found 11 of the 82 jabs, the sentence model 43,
  flagging 5 of the 210 clean posts).
A sentence unit's features are the sentence's (and optionally the previous sentence's) MiniLM vectors, or the
character n-grams of both (``CharNgrams``: TF-IDF of 2-5 letter runs within words); the CV picks. N-grams keep
what the English MiniLM loses: words in other languages and the exact words of a short aside ("Chapeau.",
"Qué eficiencia.", "garandeert"). Leave-one-brand-out CV on the 2,013 dev posts of 2026-12-02, classifier
alone: n-grams found 120 of the 316 jabs, the best MiniLM model 75 (clean posts flagged 9 against 12); n-grams
found 82 financial guarantees and 57 health claims, where the MiniLM models chosen on the 1,913 posts before
found 65 and 50; for disclosures the CV kept MiniLM. Trained without the 100 ``h…`` posts and scored on them,
rules OR classifier found 13 of their 35 jabs with n-grams, 6 with MiniLM, flagging one clean post against none.
The weights live in ``classifier.json`` (plain coefficients with the training set's data version, never a
pickle) and are rebuilt with ``python -m agents.legal.train_classifier``.

Figures (2,013 dev posts, 2026-12-02; stored in ``classifier.json`` under ``cv``): leave-one-brand-out CV on
dev, classifier alone, per-class recall health 0.30, financial 0.53, competitor 0.38, disclosure 0.44, with 1.5 %
of clean dev posts flagged (1,383 posts and MiniLM only, 2026-12-01: 0.23, 0.52, 0.18, 0.40 and 2.4 %); rules OR
classifier, out of fold: post recall 0.930, precision 0.981, clean flagged 3.1 %. The held-out figures (the
blind test half, the probe and the new-brands probe, aggregate only and never tuned on) are in the README; on
the probe, at `a7d7bf8`, the classifier took post recall from 0.871 (rules alone) to 0.971.
Hence on by default (SMM_LEGAL_CLASSIFIER).

Why the class's own rule is not a feature: the rules fit dev perfectly, so a model given its own class's rule
hit learns to copy it and adds nothing exactly where it is needed (posts the rules miss)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from agents.embeddings import Embedder, MemoEmbedder, MiniLMEmbedder
from agents.legal.context import ReviewContext
from agents.legal.detectors import DETECTORS, DISCLOSED, Finding, guarantee_withheld, rival_rows, sentences

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

CLASSIFIER_FILE = Path(__file__).with_name("classifier.json")
ARTIFACT_VERSION = 2
UNITS = ("post", "sentence", "rival_sentence")
CLASSES = ("health_claim", "financial_guarantee", "competitor_disparagement", "missing_disclosure")
RULE_FEATURES = tuple(DETECTORS)  # one 0/1 feature per rule detector (the class's own one is left out)


# The character n-gram features (sklearn's TfidfVectorizer): runs of 2-5 characters inside word boundaries, the
# 20,000 commonest in the training rows that occur in at least two of them, sublinear term frequency. Chosen by
# the same leave-one-brand-out CV on dev (2026-12-02): 2-5 against 1-4 and 3-6, 20,000 against 10,000, 40,000
# and all (the CV objective 84 against 66-82).
CHAR_NGRAMS: dict[str, Any] = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2, "max_features": 20000,
                               "sublinear_tf": True, "lowercase": True}  # fmt: skip


class ClassifierArtifactError(ValueError):
    """A classifier.json that cannot be used (wrong version, embedder or shape)."""


@dataclass(frozen=True, eq=False)  # hashed by identity: the fitted vectorizer is cached per model
class CharNgrams:
    """A fitted TF-IDF over ``CHAR_NGRAMS``: the n-grams in column order and their idf weights."""

    vocabulary: tuple[str, ...]
    idf: np.ndarray

    @classmethod
    def fitted(cls, texts: Sequence[str]) -> tuple[CharNgrams, Any]:
        """Fit on ``texts``: the features and the rows' matrix."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(**CHAR_NGRAMS)
        x = vec.fit_transform(texts)
        return cls(tuple(vec.get_feature_names_out()), np.asarray(vec.idf_, dtype=np.float64)), x

    def transform(self, texts: Sequence[str]) -> Any:
        return _vectorizer(self).transform(texts)


@cache
def _vectorizer(ngrams: CharNgrams) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(**CHAR_NGRAMS | {"vocabulary": {g: i for i, g in enumerate(ngrams.vocabulary)}})
    vec.idf_ = ngrams.idf  # a fixed vocabulary plus its idf is a fitted vectorizer
    return vec


def ngram_row_text(sents: Sequence[str], i: int) -> str:
    """What a character n-gram model reads for sentence ``i``: the sentence, then the previous one."""
    return f"{sents[i]} || {sents[i - 1] if i > 0 else ''}"


@dataclass(frozen=True)
class ClassModel:
    coef_embedding: np.ndarray  # (dim,), (2 * dim,) with the previous sentence, or one per n-gram of char_ngrams
    coef_rules: dict[str, float]  # rule class -> weight (never the class itself)
    intercept: float
    threshold: float
    unit: str = "post"
    with_previous: bool = False  # sentence units only: the previous sentence's vector follows the sentence's
    char_ngrams: CharNgrams | None = None  # sentence units only: n-grams instead of MiniLM vectors

    def logits(self, vectors: Any, hits: set[str]) -> np.ndarray:
        bias = self.intercept + sum(w for c, w in self.coef_rules.items() if c in hits)
        return np.asarray(vectors @ self.coef_embedding + bias, dtype=np.float64).reshape(-1)

    def sentence_matrix(self, sents: Sequence[str], svecs: np.ndarray, rows: Sequence[int]) -> Any:
        """The features of ``rows`` of a post's sentences for a sentence unit: n-grams or MiniLM vectors."""
        if self.char_ngrams is not None:
            return self.char_ngrams.transform([ngram_row_text(sents, i) for i in rows])
        return sentence_features(svecs, rows, self.with_previous)


@dataclass(frozen=True)
class Classifier:
    embedder_name: str
    data_version: str
    classes: dict[str, ClassModel]
    meta: dict[str, Any]


def training_data_version(posts: Sequence[Mapping[str, Any]]) -> str:
    """sha256 over the training posts' id, channel, text, labels and spans (order-independent): sentence models
    learn from the spans."""
    rows = sorted(
        json.dumps([p["id"], p["channel"], p["text"], sorted(p["labels"]), sorted(p.get("spans", {}).items())],
                   ensure_ascii=False)
        for p in posts
    )
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]


def rule_hits(text: str, channel: str, ctx: Any) -> set[str]:
    return {f.cls for fn in DETECTORS.values() for f in fn(text, channel, ctx)}


def rule_matrix(hits: Sequence[set[str]], cls: str, rules: Sequence[str] = RULE_FEATURES) -> np.ndarray:
    cols = [c for c in rules if c != cls]
    return np.asarray([[1.0 if c in h else 0.0 for c in cols] for h in hits], dtype=np.float64).reshape(
        len(hits), len(cols)
    )


def load(path: Path = CLASSIFIER_FILE) -> Classifier:
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ClassifierArtifactError(f"{path}: cannot read the classifier ({exc})") from None
    if not isinstance(d, dict):
        raise ClassifierArtifactError(f"{path}: malformed classifier (a JSON object is expected)")
    if d.get("artifact_version") != ARTIFACT_VERSION:
        raise ClassifierArtifactError(
            f"{path}: artifact_version {d.get('artifact_version')!r}, expected {ARTIFACT_VERSION}")
    try:
        if set(d["classes"]) != set(CLASSES):
            raise ClassifierArtifactError(f"{path}: classes {sorted(d['classes'])}, expected {sorted(CLASSES)}")
        classes = {cls: _class_model(path, cls, m, int(d["embedding_dim"])) for cls, m in d["classes"].items()}
        return Classifier(str(d["embedder"]), str(d["data_version"]), classes, dict(d.get("cv", {})))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        if isinstance(exc, ClassifierArtifactError):
            raise
        raise ClassifierArtifactError(f"{path}: malformed classifier ({type(exc).__name__}: {exc})") from None


def _class_model(path: Path, cls: str, m: Mapping[str, Any], dim: int) -> ClassModel:
    unit, with_previous = m["unit"], m["with_previous"]
    if unit not in UNITS:
        raise ClassifierArtifactError(f"{path}: {cls} has unit {unit!r}, expected one of {UNITS}")
    if not isinstance(with_previous, bool) or (with_previous and unit == "post"):
        raise ClassifierArtifactError(f"{path}: {cls} has with_previous {with_previous!r} for unit {unit!r}")
    coef = np.asarray(m["coef_embedding"], dtype=np.float64)
    ngrams = None
    if m.get("char_ngrams") is not None:
        vocabulary, idf = m["char_ngrams"]["vocabulary"], np.asarray(m["char_ngrams"]["idf"], dtype=np.float64)
        if unit == "post" or not with_previous:
            raise ClassifierArtifactError(f"{path}: {cls} has char n-grams for unit {unit!r}, with_previous "
                                          f"{with_previous!r} (n-grams read a sentence and the previous one)")
        if not all(isinstance(g, str) for g in vocabulary) or len(set(vocabulary)) != len(vocabulary) \
                or idf.shape != (len(vocabulary),):
            raise ClassifierArtifactError(f"{path}: {cls} has a malformed char n-gram vocabulary")
        ngrams = CharNgrams(tuple(vocabulary), idf)
    expected = len(ngrams.vocabulary) if ngrams else dim * (2 if with_previous else 1)
    if coef.shape != (expected,):
        raise ClassifierArtifactError(f"{path}: {cls} has {coef.size} embedding weights, expected {expected}")
    threshold = float(m["threshold"])
    if not 0.0 < threshold < 1.0:
        raise ClassifierArtifactError(f"{path}: {cls} has threshold {threshold!r}, expected a probability in (0, 1)")
    rules = {str(r): float(w) for r, w in m["coef_rules"].items()}
    return ClassModel(coef, rules, float(m["intercept"]), threshold, unit, with_previous, ngrams)


@cache
def _stored() -> Classifier:
    return load()


@cache
def _default_embedder() -> Embedder:
    return MiniLMEmbedder()


def _sigmoid(x: np.ndarray | float) -> Any:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


def classifier_texts(text: str) -> list[str]:
    """What the classifier embeds for a post: the whole post, then each sentence (the span it names)."""
    return [text, *(sentences(text) or [text])]


def prefetch(texts: Iterable[str], memo: MemoEmbedder | None = None) -> MemoEmbedder:
    """A MiniLM memo (``memo``, or a new one) holding what the classifier embeds for every one of ``texts``,
    embedded in one model batch: a batch per post pads each sentence to the whole post and is twice as slow."""
    memo = memo or MemoEmbedder(MiniLMEmbedder())
    memo.embed([t for text in texts for t in classifier_texts(text)])
    return memo


def unit_rows(sents: Sequence[str], unit: str, ctx: ReviewContext) -> list[int]:
    """The sentences a sentence-unit model reads: all of them, or those naming a rival or following one."""
    return list(range(len(sents))) if unit == "sentence" else rival_rows(list(sents), ctx)


def sentence_features(svecs: np.ndarray, rows: Sequence[int], with_previous: bool) -> np.ndarray:
    """The rows of a sentence model: each sentence's vector, then the previous one's (zeros for the first)."""
    own = svecs[list(rows)]
    if not with_previous:
        return own
    prev = np.stack([svecs[i - 1] if i > 0 else np.zeros(svecs.shape[1]) for i in rows])
    return np.hstack([own, prev])


def class_findings(
    text: str, ctx: ReviewContext, hits: set[str], model: Classifier | None = None, embedder: Embedder | None = None
) -> list[Finding]:
    """Classifier findings for the classes in ``model`` that the rules (``hits``) did not find; ``ctx`` names the
    brand's competitors and evidence (which capitalised names are rivals)."""
    model = model or _stored()
    emb = embedder or _default_embedder()
    if emb.model_name != model.embedder_name:
        raise ClassifierArtifactError(f"classifier trained on {model.embedder_name}, embedder is {emb.model_name}")
    todo = {c: m for c, m in model.classes.items() if c not in hits}
    if "missing_disclosure" in todo and DISCLOSED.search(text):
        del todo["missing_disclosure"]  # a disclosed partnership is the compliant form of the same wording
    if not todo:
        return []
    whole, *sents = classifier_texts(text)
    vecs = np.asarray(emb.embed([whole, *sents]), dtype=np.float64)
    out: list[Finding] = []
    for cls, m in todo.items():
        if m.unit != "post":
            rows = unit_rows(sents, m.unit, ctx)
            if cls == "financial_guarantee":
                # The wording of a promise, declined or hedged ("beware of anyone promising guaranteed returns",
                # "could save you money"), is the compliant form of it: as with a disclosed partnership above.
                rows = [i for i in rows if not guarantee_withheld(sents, i)]
            if not rows:
                continue
            logits = m.logits(m.sentence_matrix(sents, vecs[1:], rows), hits)
            best, p = rows[int(np.argmax(logits))], float(_sigmoid(np.max(logits)))
        else:
            p = float(_sigmoid(m.logits(vecs[:1], hits)[0]))
            best = int(np.argmax(m.logits(vecs[1:], hits)))
        if p >= m.threshold:
            out.append(Finding(cls, sents[best], round(p, 4), detail=f"classifier p={p:.2f} >= {m.threshold:.2f}"))
    return out
