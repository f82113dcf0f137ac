"""The legal eval on the blind posts: dev figures (the split we tune on) and figures computed from cases."""

from __future__ import annotations

import copy

import pytest

from evals.legal_eval import EXTRA_DEV, FRESH, load_posts, report
from evals.scorers.legal import Case, score_cases


def test_dev_figures() -> None:
    """A regression guard on the tuned half. Dev recall is below the test goal (0.95) since 710 blind posts that
    arrived at 0.72-0.89 joined it (fixtures/legal_dev/README.md), and competitor_disparagement below the per-class
    goal (0.80) since those brought 100 more jabs, most in sarcasm and metaphor no rule reads; the guard holds
    today's level, not the goal (0.941 and 0.758 on 2026-12-02; 0.973 and 0.925 once the classifier read
    character n-grams and 100 more blind posts, 35 of them jabs, joined dev: in-sample, so the guard stays)."""
    dev = report(dev_only=True)["dev"]
    assert dev["post_recall"]["value"] >= 0.93
    assert dev["post_precision"]["value"] >= 0.95
    assert dev["clean_flagged_rate"]["value"] <= 0.10
    assert all(s["value"] >= 0.75 for s in dev["per_class_recall"].values()), dev["per_class_recall"]


def test_test_half_and_probe_are_reported_only_in_aggregate() -> None:
    out = report()
    held_outs = [out["test"], out["probe"], out["newbrands"], out["newbrands3"], *([out["fresh"]] if FRESH else [])]
    for held_out in held_outs:
        assert "per_class_recall" not in held_out
        assert all("missed" not in v for v in held_out.values() if isinstance(v, dict))
        assert set(held_out) == {"post_recall", "post_precision", "clean_flagged_rate", "min_class_recall"}
    # The probe is its own posts: 70 violating and 50 clean, none of them dev or test.
    assert (out["probe"]["post_recall"]["total"], out["probe"]["clean_flagged_rate"]["total"]) == (70, 50)
    # The new-brands probe: 45 violating and 30 clean posts about three brands of its own.
    assert (out["newbrands"]["post_recall"]["total"], out["newbrands"]["clean_flagged_rate"]["total"]) == (45, 30)
    assert (out["newbrands3"]["post_recall"]["total"], out["newbrands3"]["clean_flagged_rate"]["total"]) == (40, 20)
    # The fresh posts: a blind set's, never also dev.
    assert all(folder / "posts.jsonl" not in EXTRA_DEV for folder in FRESH)


def test_a_perturbed_label_moves_the_figures() -> None:
    posts = load_posts()
    base = report(posts, dev_only=True)["dev"]
    # Mark a clean dev post (one the detectors leave alone) as violating: recall must drop.
    clean_ok = next(pid for pid in ("p002", "p003", "p024", "p025") if not posts[pid]["labels"])
    perturbed = copy.deepcopy(posts)
    perturbed[clean_ok]["labels"] = ["health_claim"]
    moved = report(perturbed, dev_only=True)["dev"]
    assert moved["post_recall"]["total"] == base["post_recall"]["total"] + 1
    assert moved["post_recall"]["value"] < base["post_recall"]["value"]
    assert moved["per_class_recall"]["health_claim"]["value"] < base["per_class_recall"]["health_claim"]["value"]


def test_scorer_counts_each_case() -> None:
    cases = [
        Case("a", frozenset({"length"}), frozenset({"length"})),
        Case("b", frozenset({"health_claim"}), frozenset()),
        Case("c", frozenset(), frozenset({"banned_term"})),
        Case("d", frozenset(), frozenset()),
    ]
    s = score_cases(cases, ["length", "health_claim", "banned_term"])
    assert (s.post_recall.hits, s.post_recall.total) == (1, 2)
    assert (s.post_precision.hits, s.post_precision.total) == (1, 2)
    assert (s.clean_flagged.hits, s.clean_flagged.total) == (1, 2)
    assert s.per_class["health_claim"].missed == ["b"]


def test_calibration_is_stored_with_its_data_version_and_reliable_on_held_out_posts() -> None:
    from agents.legal import calibration
    from evals.legal_eval import DATA_FILES, calibrate

    stored = calibration.load()
    assert stored.data_version == calibration.data_version(*DATA_FILES)
    cal = calibrate()
    for risk in ("violation", "unsupported"):
        model = getattr(stored, risk)
        # The stored curve is what dev gives today (up to float noise of the embeddings' thread count).
        assert cal["calibration"][risk]["a"] == pytest.approx(model.a, abs=1e-4)
        assert cal["calibration"][risk]["b"] == pytest.approx(model.b, abs=1e-4)
        assert model.a > 0  # a stronger finding means a likelier violation
        assert 0.0 < model.predict(0.0) < model.predict(0.9) < 1.0
        table = cal["reliability_test"][risk]
        assert table and all(b["within_10_points"] for b in table), (risk, table)


def test_a_perturbed_label_moves_the_calibration() -> None:
    """The curves are fitted from the labelled cases: relabel a few dev posts and the fit moves."""
    from evals.legal_eval import calibrate, contexts, split_findings, split_ids

    posts = load_posts()
    base = calibrate(posts)["calibration"]
    perturbed = copy.deepcopy(posts)
    # Unsupported claims the detectors find: calling them clean weakens the score-to-risk slope.
    dev = split_ids(posts)["dev"]
    cases = split_findings(dev, posts, contexts())[0]
    flipped = [c.post_id for c in cases if "unsupported_claim" in c.predicted
               and set(posts[c.post_id]["labels"]) & {"unsupported_claim", "unsupported_superlative"}
               == {"unsupported_claim"}][:5]
    for pid in flipped:
        perturbed[pid]["labels"] = [c for c in posts[pid]["labels"] if c != "unsupported_claim"]
    moved = calibrate(perturbed)["calibration"]
    assert len(flipped) == 5
    assert moved["unsupported"]["a"] < base["unsupported"]["a"]


def test_a_sparse_reliability_bin_is_merged_into_its_smaller_neighbour() -> None:
    from agents.legal.calibration import MIN_BIN_POSTS, reliability

    predicted = [0.1] * 20 + [0.5] + [0.9] * 30
    labels = [False] * 18 + [True] * 2 + [True] + [True] * 27 + [False] * 3
    bins = reliability(predicted, labels)
    assert [(b.low, b.high, b.n) for b in bins] == [(0, 0.8, 21), (0.8, 1.0, 30)]
    assert abs(bins[0].observed - 3 / 21) < 1e-9 and abs(bins[0].mean_predicted - (0.1 * 20 + 0.5) / 21) < 1e-9
    assert all(b.n >= MIN_BIN_POSTS for b in bins)
    # Enough posts in every bin: nothing is merged.
    assert len(reliability([0.1] * 10 + [0.5] * 10 + [0.9] * 10, [False] * 30)) == 3


def test_evidence_is_one_of_the_named_sources() -> None:
    from evals.legal_eval import contexts

    with pytest.raises(ValueError, match="evidence must be one of"):
        contexts(evidence="everything")
    # The answer key alone holds no page sentences; the labels' own evidence adds every one.
    answers, pages = contexts(evidence="answers"), contexts(evidence="pages")
    assert set(answers) == set(pages) and all(not c.pages for c in answers.values())
    assert all(len(pages[b].pages) > 50 and pages[b].facts == answers[b].facts for b in pages)


def test_a_configured_model_adds_corroborated_findings_to_the_eval_and_only_those() -> None:
    """`--model`: a jab the rules miss, in a sentence about a rival, counts once the model names it; the same verdict
    on a span that is not in the post counts nothing (the loopback chat-completions server stands in for a model)."""
    import json

    from agents.legal.detectors import sentences
    from agents.legal.model_signal import GATES, _sentence_of
    from agents.llm.factory import LLMConfig, make_provider
    from agents.llm.prompting import extract_data
    from evals.legal_eval import contexts, split_findings, split_ids
    from tests.fakes.openai_server import FakeOpenAIServer

    posts = load_posts()
    ctxs = contexts()
    cls = "competitor_disparagement"
    missed = [pid for pid in split_ids(posts)["dev"] if cls in posts[pid]["labels"]]
    cases, _ = split_findings(missed, posts, ctxs, classifier=False)
    pid, span = next((c.post_id, posts[c.post_id]["spans"][cls]) for c in cases if cls not in c.predicted and (
        (at := _sentence_of(posts[c.post_id]["spans"][cls], sentences(posts[c.post_id]["text"])))
        and GATES[cls](at[0], at[1], posts[c.post_id]["text"], ctxs[posts[c.post_id]["brand"]])))
    answers = {posts[pid]["text"]: span, "elsewhere": "A sentence this post does not hold."}
    fake = FakeOpenAIServer()
    fake.default = lambda body: json.dumps({"findings": [
        {"class": cls, "span": answers.get(extract_data(body["messages"])["post"]["text"], answers["elsewhere"]),
         "reason": "r"}]})  # fmt: skip
    with fake.running():
        model = make_provider(LLMConfig(base_url=fake.base_url, api_key="k", max_retries=0))
        clean = [i for i in split_ids(posts)["dev"] if not posts[i]["labels"]][:20]
        quiet = next(c.post_id for c in split_findings(clean, posts, ctxs, classifier=False)[0] if not c.predicted)
        ids = [pid, quiet]
        with_model, _ = split_findings(ids, posts, ctxs, classifier=False, model=model)
    assert cls in with_model[0].predicted and with_model[1].predicted == frozenset()
    assert len(fake.chat_requests()) == 2
