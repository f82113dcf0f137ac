"""The dev-trained legal classifier: stored artifact in step with the dev data, retraining follows the labels,
spans pick the highest-scoring sentence, a broken artifact is a clear error (real MiniLM, offline)."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from agents.embeddings import HashingEmbedder
from agents.legal import classifier as clf
from agents.legal.context import ReviewContext
from agents.legal.detectors import detect
from agents.legal.train_classifier import DevSet, dev_set, train
from evals.legal_eval import eval_embedder, load_posts, split_ids


@pytest.fixture(scope="module")
def dev() -> DevSet:
    # The legal eval's memo of MiniLM vectors: the eval tests later in this process read the same posts' vectors
    # (about two minutes of embedding, once instead of twice).
    return dev_set(eval_embedder())


def _chosen(stored: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c: {k: m[k] for k in ("feature_set", "C", "threshold")} for c, m in stored["classes"].items()}


def test_stored_artifact_matches_the_current_dev_data_version() -> None:
    posts = load_posts()
    dev_posts = [posts[i] for i in split_ids(posts)["dev"]]
    stored = clf.load()
    assert stored.data_version == clf.training_data_version(dev_posts)
    assert set(stored.classes) == set(clf.CLASSES)
    # Only dev posts: the test split's posts are not in the training set.
    assert json.loads(clf.CLASSIFIER_FILE.read_text())["n_train"] == len(dev_posts)


def test_retraining_reproduces_the_stored_weights_and_follows_a_perturbed_label(dev: DevSet) -> None:
    stored = json.loads(clf.CLASSIFIER_FILE.read_text())
    again = train(dev, "all-MiniLM-L6-v2", chosen=_chosen(stored))
    for cls in clf.CLASSES:
        assert np.allclose(again["classes"][cls]["coef_embedding"], stored["classes"][cls]["coef_embedding"],
                           atol=1e-3), cls

    def prob(artifact: dict[str, Any], cls: str, k: int, row: int) -> float:
        # Whichever unit and features the CV chose (whole post, MiniLM sentence vectors or character n-grams),
        # read as the review reads them.
        m = clf._class_model(Path("artifact"), cls, artifact["classes"][cls], artifact["embedding_dim"])
        x = dev.vectors[k : k + 1] if m.unit == "post" else m.sentence_matrix(
            dev.sentences[k], dev.sentence_vectors[k], [row])
        return float(1 / (1 + np.exp(-m.logits(x, dev.hits[k])[0])))

    # Another class (health claims): a clean post relabelled with it, its span its first sentence, reads likelier
    # afterwards, whether cross-validation chose a whole-post or a sentence model for it.
    cls = "health_claim"
    i = next(k for k, p in enumerate(dev.posts) if not p["labels"] and dev.sentences[k])
    posts = copy.deepcopy(dev.posts)
    posts[i]["labels"], posts[i]["spans"] = [cls], {cls: dev.sentences[i][0]}
    moved = train(dataclasses.replace(dev, posts=posts), "all-MiniLM-L6-v2", chosen=_chosen(stored))
    assert moved["data_version"] != again["data_version"]
    # Relative: cross-validation may pick a strongly regularised model (C = 1), which one label moves less.
    assert prob(moved, cls, i, 0) > 1.5 * prob(again, cls, i, 0)

    # The rival-sentence class: a clean post's rival sentence relabelled as a jab reads likelier afterwards.
    cls = "competitor_disparagement"
    k = next(k for k, p in enumerate(dev.posts) if not p["labels"] and dev.rival_rows[k])
    row = dev.rival_rows[k][0]
    posts = copy.deepcopy(dev.posts)
    posts[k]["labels"], posts[k]["spans"] = [cls], {cls: dev.sentences[k][row]}
    jab = train(dataclasses.replace(dev, posts=posts), "all-MiniLM-L6-v2", chosen=_chosen(stored))

    assert prob(jab, cls, k, row) > prob(again, cls, k, row) + 0.05


def test_a_classifier_finding_spans_the_sentence_with_the_highest_class_score() -> None:
    emb = HashingEmbedder()
    target = "Those rival shops sell overpriced junk."
    direction = np.asarray(emb.embed([target])[0], dtype=np.float64)
    model = clf.Classifier(
        emb.model_name,
        "x",
        {"competitor_disparagement": clf.ClassModel(direction * 20, {}, -5.0, 0.5)},
        {},
    )
    ctx = ReviewContext("Crumb & Co", facts=("We opened a second workshop on Main Street.",))
    text = f"We opened a second workshop on Main Street. {target} Come and see the new benches."
    found = clf.class_findings(text, ctx, set(), model, emb)
    assert [(f.cls, f.span) for f in found] == [("competitor_disparagement", target)]
    assert clf.class_findings(text, ctx, {"competitor_disparagement"}, model, emb) == []  # rules found it already
    assert clf.class_findings("Come and see the new benches.", ctx, set(), model, emb) == []
    # Sentence units score single sentences and name the strongest, with the previous sentence's vector too;
    # the rival-sentence unit scores only the sentences that name a rival or follow one.
    for unit in ("sentence", "rival_sentence"):
        for with_previous in (False, True):
            coef = np.concatenate([direction, np.zeros_like(direction)]) if with_previous else direction
            sentence_model = clf.Classifier(emb.model_name, "x", {"competitor_disparagement": clf.ClassModel(
                coef * 20, {}, -5.0, 0.5, unit, with_previous)}, {})
            found = clf.class_findings(text, ctx, set(), sentence_model, emb)
            assert [(f.cls, f.span) for f in found] == [("competitor_disparagement", target)]
    own = f"We opened a second workshop on Main Street. {target.replace('Those rival ', 'Our ')}"
    assert clf.class_findings(own, ctx, set(), sentence_model, emb) == []  # no rival named: nothing is scored


def test_a_declined_or_hedged_promise_is_not_scored_as_a_financial_guarantee() -> None:
    emb = HashingEmbedder()
    ctx = ReviewContext("Crumb & Co", facts=("We bake every morning.",))
    promise = "Our bread subscription will save you money."
    for sentence, scored in [
        (promise, True),
        ("Our bread subscription could save you money.", False),
        ("Beware of anyone who promises our bread will save you money.", False),
    ]:
        direction = np.asarray(emb.embed([sentence])[0], dtype=np.float64)
        model = clf.Classifier(emb.model_name, "x", {"financial_guarantee": clf.ClassModel(
            direction * 20, {}, -5.0, 0.5, "sentence", False)}, {})
        found = clf.class_findings(f"We bake every morning. {sentence}", ctx, set(), model, emb)
        assert [f.span for f in found] == ([sentence] if scored else []), sentence


def test_a_char_ngram_model_scores_rival_sentences_by_their_words_and_the_previous_sentence() -> None:
    # Fitted on four rows: the sarcastic aside is what it learns, in whatever language it is written.
    rows = ["Chapeau, Pralinor. || Pralinor tastes of its box.", "Pralinor is open on Sundays. || ",
            "Qué eficiencia, Trendora. || Trendora copies everyone.", "Trendora has more sizes. || "]
    ngrams, x = clf.CharNgrams.fitted(rows)
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=100.0).fit(x, [1, 0, 1, 0])
    model = clf.ClassModel(lr.coef_[0], {}, float(lr.intercept_[0]), 0.5, "rival_sentence", True, ngrams)
    ctx = ReviewContext("Maes", competitors=("Pralinor",))
    emb = HashingEmbedder()
    classifier = clf.Classifier(emb.model_name, "x", {"competitor_disparagement": model}, {})
    jab = "Pralinor tastes of its box. Chapeau, Pralinor."
    found = clf.class_findings(jab, ctx, set(), classifier, emb)
    assert [(f.cls, f.span) for f in found] == [("competitor_disparagement", "Chapeau, Pralinor.")]
    assert clf.class_findings("Pralinor is open on Sundays.", ctx, set(), classifier, emb) == []
    # The stored form loads back to the same scores.
    stored = {"unit": "rival_sentence", "with_previous": True, "threshold": 0.5, "intercept": model.intercept,
              "coef_rules": {}, "coef_embedding": list(model.coef_embedding),
              "char_ngrams": {"vocabulary": list(ngrams.vocabulary), "idf": list(ngrams.idf)}}
    again = clf._class_model(Path("x"), "competitor_disparagement", stored, 384)
    texts = [clf.ngram_row_text(["Pralinor tastes of its box.", "Chapeau, Pralinor."], 1)]
    assert np.allclose(again.logits(again.char_ngrams.transform(texts), set()),  # type: ignore[union-attr]
                       model.logits(ngrams.transform(texts), set()))
    for change, message in ((dict(unit="post", with_previous=False), "char n-grams"),
                            (dict(with_previous=False), "char n-grams"),
                            (dict(coef_embedding=[0.0]), "embedding weights"),
                            (dict(char_ngrams={"vocabulary": ["ab", "ab"], "idf": [1.0, 1.0]}), "vocabulary")):
        with pytest.raises(clf.ClassifierArtifactError, match=message):
            clf._class_model(Path("x"), "competitor_disparagement", stored | change, 384)


def test_detect_with_the_classifier_only_adds_classes_the_rules_missed() -> None:
    ctx = ReviewContext(brand_name="Crumb & Co")
    text = "Their products are poor quality and overpriced, don't waste your money on that other brand."
    rules = detect(text, "x", ctx)
    both = detect(text, "x", ctx, classifier=True)
    assert [f.cls for f in both[: len(rules)]] == [f.cls for f in rules]
    assert len({f.cls for f in both}) == len(both)
    assert detect("Fresh loaves come out of the oven at seven every morning.", "x", ctx, classifier=True) == []


def test_a_broken_artifact_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "classifier.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(clf.ClassifierArtifactError, match="cannot read"):
        clf.load(bad)
    stored = json.loads(clf.CLASSIFIER_FILE.read_text())
    bad.write_text(json.dumps(stored | {"artifact_version": 99}), encoding="utf-8")
    with pytest.raises(clf.ClassifierArtifactError, match="artifact_version"):
        clf.load(bad)
    stored["classes"]["health_claim"]["coef_embedding"] = [0.0] * 3
    bad.write_text(json.dumps(stored), encoding="utf-8")
    with pytest.raises(clf.ClassifierArtifactError, match="embedding weights"):
        clf.load(bad)
    with pytest.raises(clf.ClassifierArtifactError, match="trained on"):
        clf.class_findings("text", ReviewContext("Crumb & Co"), set(), clf.load(), HashingEmbedder())


def test_a_classifier_file_missing_fields_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "classifier.json"
    empty = {"artifact_version": clf.ARTIFACT_VERSION, "classes": {c: {} for c in clf.CLASSES}}
    bad.write_text(json.dumps(empty), encoding="utf-8")
    with pytest.raises(clf.ClassifierArtifactError, match="malformed"):
        clf.load(bad)
    stored = json.loads(clf.CLASSIFIER_FILE.read_text())
    stored["classes"]["competitor_disparagement"]["unit"] = "paragraph"
    bad.write_text(json.dumps(stored), encoding="utf-8")
    with pytest.raises(clf.ClassifierArtifactError, match="unit 'paragraph'"):
        clf.load(bad)
    stored = json.loads(clf.CLASSIFIER_FILE.read_text())
    # A MiniLM model said to be a sentence model that reads the previous sentence too, or not to when it does: its
    # weights no longer fit (384 per sentence read), refused.
    # The stored models may all read character n-grams (cross-validation chooses), so one is made a MiniLM model
    # reading one sentence (384 weights) and then said to read the previous one too.
    cls = "health_claim"
    stored["classes"][cls].pop("char_ngrams", None)
    stored["classes"][cls].update(unit="sentence", with_previous=True, coef_embedding=[0.0] * 384)
    bad.write_text(json.dumps(stored), encoding="utf-8")
    with pytest.raises(clf.ClassifierArtifactError, match="embedding weights"):
        clf.load(bad)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: [], "JSON object"),
    (lambda d: d["classes"].pop("health_claim") and d, "classes"),
    (lambda d: d["classes"]["health_claim"].update(coef_embedding=5) or d, "embedding weights"),
    # A whole-post model said to read the previous sentence too.
    (lambda d: d["classes"]["health_claim"].update(unit="post", with_previous=True) or d, "with_previous"),
    (lambda d: d["classes"]["competitor_disparagement"].update(with_previous="false") or d, "with_previous"),
    (lambda d: d["classes"]["health_claim"].update(threshold=1.5) or d, "threshold"),
])
def test_an_inconsistent_classifier_file_is_refused_when_loaded(tmp_path: Path, change: Any, message: str) -> None:
    stored = json.loads(clf.CLASSIFIER_FILE.read_text())
    bad = tmp_path / "classifier.json"
    bad.write_text(json.dumps(change(stored)), encoding="utf-8")
    with pytest.raises(clf.ClassifierArtifactError, match=message):
        clf.load(bad)


def test_the_rival_gate_reads_long_hyphen_runs_in_linear_time() -> None:
    # "'", "’" and "-" are word and non-word characters in the gate's pattern; a backtracking quantifier took
    # seconds on a few hundred of them and would have held the review's thread (and its heartbeat).
    from agents.legal.detectors import rival_rows

    for text in ("the " + "x-" * 5000, "the " + "a'-" * 5000):
        assert rival_rows([text], ReviewContext("Crumb & Co")) == []


def test_a_refit_keeps_the_searchs_choices_and_says_whose_cv_figures_it_carries(dev: DevSet) -> None:
    from agents.legal.train_classifier import refit

    stored = json.loads(clf.CLASSIFIER_FILE.read_text())
    again = refit(stored, dev, "all-MiniLM-L6-v2")
    assert again["cv"] == stored["cv"]
    assert again["cv_data_version"] == stored.get("cv_data_version", stored["data_version"])
    assert again["data_version"] == clf.training_data_version(dev.posts)
    assert _chosen(again) == _chosen(stored)
