"""The canary is chosen from the seed, sized by the contract card's percentage, sendable posts first."""

from __future__ import annotations

from agents.publisher.nodes import canary_split

IDS = [f"v{i:02d}" for i in range(10)]


def test_same_seed_same_canary_and_the_size_follows_the_percentage() -> None:
    assert canary_split(IDS, 10, seed=3) == canary_split(list(reversed(IDS)), 10, seed=3)
    assert len(canary_split(IDS, 10, seed=3)[0]) == 1
    assert len(canary_split(IDS, 25, seed=3)[0]) == 3  # rounded up
    assert canary_split(IDS, 0, seed=3) == (set(), set(IDS))
    assert canary_split(IDS, 100, seed=3) == (set(IDS), set())
    canary, rest = canary_split(IDS, 30, seed=3)
    assert canary | rest == set(IDS) and not canary & rest
    assert any(canary_split(IDS, 30, seed=s)[0] != canary for s in range(4, 10))  # the seed matters


def test_posts_that_can_be_sent_go_first() -> None:
    sendable = {"v07", "v08"}
    for seed in range(20):
        canary, _ = canary_split(IDS, 10, seed=seed, sendable=sendable)
        assert canary <= sendable
        canary, _ = canary_split(IDS, 30, seed=seed, sendable=sendable)
        assert sendable <= canary and len(canary) == 3
