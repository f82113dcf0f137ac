"""Legal review figures on labelled posts, each computed from its cases.

* post recall: violating posts (any label) that got at least one finding;
* post precision: flagged posts that really violate something;
* per-class recall: posts labelled with a class whose findings include that class;
* clean false-positive rate: clean posts (no label) that got any finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evals.scorers.base import Score


@dataclass(frozen=True)
class Case:
    post_id: str
    labels: frozenset[str]
    predicted: frozenset[str]


@dataclass
class LegalScores:
    post_recall: Score
    post_precision: Score
    clean_flagged: Score
    per_class: dict[str, Score]

    def as_dict(self, *, with_cases: bool) -> dict[str, object]:
        out: dict[str, object] = {
            "post_recall": self.post_recall.as_dict(with_cases=with_cases),
            "post_precision": self.post_precision.as_dict(with_cases=with_cases),
            "clean_flagged_rate": self.clean_flagged.as_dict(with_cases=with_cases),
        }
        if with_cases:
            out["per_class_recall"] = {c: s.as_dict(with_cases=True) for c, s in sorted(self.per_class.items())}
        else:  # test: no per-class table, only the weakest class figure
            values = [s.value for s in self.per_class.values() if s.value is not None]
            out["min_class_recall"] = round(min(values), 4) if values else None
        return out


def score_cases(cases: Iterable[Case], classes: Sequence[str]) -> LegalScores:
    recall, precision, clean = Score(), Score(), Score()
    per_class = {c: Score() for c in classes}
    for case in cases:
        flagged = bool(case.predicted)
        if case.labels:
            recall.total += 1
            recall.hits += flagged
            if not flagged:
                recall.missed.append(case.post_id)
        else:
            clean.total += 1
            clean.hits += flagged  # "hits" here are false positives: lower is better
            if flagged:
                clean.missed.append(f"{case.post_id}:{','.join(sorted(case.predicted))}")
        if flagged:
            precision.total += 1
            precision.hits += bool(case.labels)
            if not case.labels:
                precision.missed.append(case.post_id)
        for c in case.labels:
            if c in per_class:
                per_class[c].total += 1
                hit = c in case.predicted
                per_class[c].hits += hit
                if not hit:
                    per_class[c].missed.append(case.post_id)
    return LegalScores(recall, precision, clean, per_class)
