"""Train the kind ranker (`extract.kind_model`) from annotations/facts.

Every quantity the rules turn into a candidate is one example: its kinds (those its unit allows,
and "none"), labelled by the gold fact at that number — or "none" when no gold fact is there.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.kind_model import NONE, candidates_for, kind_features
from extract.model import LinearModel
from training import ranker

C = 0.5


@dataclass
class Example:
    doc: str
    base: list[str]
    category: str
    rule_kind: str
    gold: str


def examples_for(doc: str, record: dict[int, tuple[list[str], str, str]], gold: list[dict]) -> list[Example]:
    out = []
    for start, (base, category, rule_kind) in record.items():
        g = next((g for g in gold if g["kind"] != "reason" and g["start"] <= start < max(g["end"], g["start"] + 1)), None)
        out.append(Example(doc, base, category, rule_kind, g["kind"] if g else NONE))
    return out


def _candidates(ex: Example) -> list[tuple[list[str], int]]:
    return [(kind_features(ex.base, k, ex.rule_kind), int(k == ex.gold)) for k in candidates_for(ex.category)]


def fit_folds(examples: list[Example]) -> tuple[LinearModel, dict[str, LinearModel], int]:
    """The model on everything, one model per left-out document, and the unreachable count."""
    return ranker.fit_folds(examples, _candidates, "kind", C)
