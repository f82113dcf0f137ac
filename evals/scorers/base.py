"""A recall-style figure with its cases."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Score:
    """``hits`` of ``total`` cases; ``missed`` names the cases that were not hit (for dev reports only)."""

    hits: int = 0
    total: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def add(self, other: Score) -> Score:
        return Score(self.hits + other.hits, self.total + other.total, [*self.missed, *other.missed])

    def as_dict(self, *, with_cases: bool = True) -> dict[str, object]:
        out: dict[str, object] = {"hits": self.hits, "total": self.total,
                                  "value": None if self.value is None else round(self.value, 4)}  # fmt: skip
        if with_cases:
            out["missed"] = list(self.missed)
        return out


def pooled(scores: list[Score]) -> Score:
    """Micro-average: all cases of all sites together."""
    out = Score()
    for s in scores:
        out = out.add(s)
    return out
