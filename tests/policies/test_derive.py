"""Derived engine fields: X's weighted length, cents, normal form; `prepare` never raises."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.derive import _twitter_text, normalize_text, post_length, prepare, x_weighted_length

ASCII_TEXTS = [
    "", "hello", "a" * 300, "Visit brand.com today.", "see https://brand.com/" + "a" * 200 + " now",
    "t.co/abc and https://x.com/a?b=c.", "line\r\nbreak\rand\nmore", "email me@brand.com", "#ad #1 pick!",
    "Warm. Dry. Done.", "e.g. this", "v1.2 is out", "Go to Example.COM now", "http://192.168.0.1/x",
    "Hi.there", "dots... and more. ", "see brand .com and brand. com", "https://brand.c",
]  # fmt: skip


@pytest.mark.parametrize("text", ASCII_TEXTS)
def test_ascii_fast_path_matches_twitter_text(text: str) -> None:
    parse_tweet, _ = _twitter_text()
    assert x_weighted_length(text) == parse_tweet(text).weightedLength


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_fast_path_property(text: str) -> None:
    parse_tweet, _ = _twitter_text()
    assert x_weighted_length(text) == parse_tweet(text).weightedLength


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["brand", "com", "co", "io", "t", ".", ". ", " ", "/", "https://", "1", "x"]),
                max_size=12).map("".join))
def test_url_screen_property(text: str) -> None:
    """Texts dense in dots and domain-like words: the dot screen never hides a URL twitter-text finds."""
    parse_tweet, _ = _twitter_text()
    assert x_weighted_length(text) == parse_tweet(text).weightedLength


def test_platform_units() -> None:
    assert post_length("x", "\U0001f600" * 3) == 6  # emoji weigh 2 on X
    assert post_length("x", "\u65e5\u672c") == 4  # CJK weighs 2
    assert post_length("linkedin", "\U0001f600" * 3) == 3  # code points elsewhere
    assert post_length("linkedin", "e\u0301") == 1  # NFC: e + combining accent is one character


def test_cents_round_towards_deny() -> None:
    doc = prepare({"spend": {"amount": 0.001}, "workspace": {"budget": {"cap": 0.309, "spent": 0.101,
                                                                          "channels": {"x": {"cap": 1, "spent": 0}}}}})
    assert doc["spend"] == {"amount_cents": 1}
    assert doc["workspace"]["budget"] == {"cap_cents": 30, "spent_cents": 11,
                                          "channels": {"x": {"cap_cents": 100, "spent_cents": 0}}}
    assert prepare({"spend": {"amount": -0.001}})["spend"] == {"amount_cents": -1}
    assert prepare({"spend": {"amount": 0.1 + 0.2}})["spend"] == {"amount_cents": 31}  # 0.30000000000000004


def test_normal_form() -> None:
    assert normalize_text("Don't (Miss) it: BUY-followers!") == " don t  miss  it  buy followers  "
    assert normalize_text("STRASSE") == normalize_text("Straße")
    doc = prepare({"posts": [{"channel": "x", "text": "Hi", "hashtags": ["#Ad"]}],
                   "workspace": {"avoid_list": ["A-b"]}})
    assert doc["posts"][0]["norm"] == " hi #ad " and doc["posts"][0]["length"] == 2
    assert doc["workspace"]["avoid_norm"] == [" a b "]


@pytest.mark.parametrize("doc", [None, [], "x", {"spend": "5"}, {"spend": {"amount": "5"}}, {"posts": [3, {"text": 1}]},
                                 {"workspace": {"budget": {"cap": True, "channels": []}}}, {"post": {"text": "x"}},
                                 {"spend": {"amount": float("nan")}}])  # fmt: skip
def test_prepare_never_raises(doc: Any) -> None:
    prepare(doc)
