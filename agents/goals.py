"""KPI targets from a contract card: its ``kpi_targets``, else numbers written in its goal sentences.

"10,000 impressions", "reach 20k people", "500 website visits", "clicks: 1.200", "Conseguir 1.000 visitas":
a number next to a word that names a KPI, in English or Spanish. A goal without a number sets no target
(the planner never invents one), and a percentage ("50% more likes") is not a target either.
"""

from __future__ import annotations

import re

from core.contracts.brand import ContractCard

# Words that name a KPI next to a number in a goal ("10,000 impressions"), English and Spanish.
KPI_WORDS: dict[str, tuple[str, ...]] = {
    "impressions": ("impressions", "views", "people reached", "reach", "viewers", "impresiones",
                    "personas", "alcance", "visualizaciones"),
    "engagements": ("engagements", "interactions", "likes", "comments", "shares", "reactions", "interacciones",
                    "me gusta", "comentarios"),
    "clicks": ("clicks", "visits", "visitors", "sign-ups", "signups", "leads", "bookings", "enquiries",
               "inquiries", "clics", "visitas", "reservas"),
}  # fmt: skip

_AMOUNT = r"(\d{1,3}(?:[,.\u00a0 ]\d{3})+|\d+(?:\.\d+)?)\s*([km]\b)?"
_KPI_WORD = {kpi: "|".join(sorted(map(re.escape, words), key=len, reverse=True)) for kpi, words in KPI_WORDS.items()}
# "10,000 impressions", "20k people reached", "500 new website visits" / "clicks: 500", "reach 20k".
_TARGET_AFTER = {kpi: re.compile(rf"{_AMOUNT}\s+(?:[a-z\u00c0-\u024f-]+\s+){{0,2}}(?:{w})\b", re.I)
                 for kpi, w in _KPI_WORD.items()}
_TARGET_BEFORE = {kpi: re.compile(rf"\b(?:{w})\s*(?::|of|to|=)?\s*{_AMOUNT}", re.I) for kpi, w in _KPI_WORD.items()}


def _amount(digits: str, scale: str | None) -> float:
    # "10,000" / "10.000" / "10 000" are thousands; "2.5" is a decimal (then scaled by k/m).
    grouped = re.fullmatch(r"\d{1,3}(?:[,.\u00a0 ]\d{3})+", digits)
    value = float(re.sub(r"[,.\u00a0 ]", "", digits)) if grouped else float(digits)
    return value * {"k": 1e3, "m": 1e6}.get((scale or "").lower(), 1.0)


def goal_targets(goals: list[str]) -> dict[str, float]:
    """Numeric KPI targets written in goal sentences ({"impressions": 10000.0}); the largest one per KPI."""
    found: dict[str, float] = {}
    for goal in goals:
        for kpi in KPI_WORDS:
            for pattern in (_TARGET_AFTER[kpi], _TARGET_BEFORE[kpi]):
                for m in pattern.finditer(goal):
                    value = _amount(m.group(1), m.group(2))
                    if value > 0:
                        found[kpi] = max(found.get(kpi, 0.0), value)
    return found


def campaign_targets(card: ContractCard) -> dict[str, float]:
    """The card's KPI targets: its ``kpi_targets`` when set, else the numbers in its goals (may be empty)."""
    if card.kpi_targets is not None:
        return {k: float(v) for k, v in card.kpi_targets.model_dump().items() if v is not None}
    return goal_targets(card.goals)
