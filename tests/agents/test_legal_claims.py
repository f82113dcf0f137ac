"""Claim checking matches whole tokens of the cited quotes (decimals, prices, words)."""

from __future__ import annotations

import pytest

from agents.legal import uncited_claims

QUOTE = "Sumatra Decaf is decaffeinated with the Swiss Water Process, which removes 99.9% of the caffeine."


@pytest.mark.parametrize(
    ("post", "quotes", "flagged"),
    [
        ("Sumatra Decaf: the Swiss Water Process removes 99.9% of the caffeine.", [QUOTE], False),
        ("Only $49.00 per bag.", ["A bag costs $49.00."], False),
        ("We ship to 12 countries.", ["We ship to 12 countries worldwide."], False),
        ("Roasted in 3 days.", ["We roast 3.5 tons a week."], True),  # "3" is not "3.5"
        ("The best beans in town.", ["We bestow care on every bean."], True),  # "best" is not "bestow"
        ("Removes 99% of the caffeine.", [QUOTE], True),  # 99 is not 99.9
        ("Guaranteed freshness.", [QUOTE], True),
    ],
)
def test_claims_need_matching_tokens(post: str, quotes: list[str], flagged: bool) -> None:
    assert bool(uncited_claims(post, quotes)) is flagged
