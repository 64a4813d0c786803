"""Train the kind ranker (`extract.kind_model`) from annotations/facts.

Every quantity the rules turn into a candidate is one example: its kinds (those its unit allows,
and "none"), labelled by the gold fact at that number — or "none" when no gold fact is there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extract.kind_model import NONE, KindInput, KindRanker
from extract.model import LinearModel
from training import ranker

C = 0.5


RANKER = KindRanker()  # candidates and features only: fitting happens here


@dataclass
class Example:
    """One ranking decision and its gold answer, from one document (folds leave documents out)."""
    doc: str
    x: KindInput  # what the ranker saw (`Trace.of("kind")`)
    gold: str


def examples_for(doc: str, seen: dict[int, KindInput], gold: list[dict]) -> list[Example]:
    """One example per quantity the kind ranker saw, labelled by the gold fact at its start."""
    out = []
    for start, x in seen.items():
        g = next((g for g in gold if g["kind"] != "reason" and g["start"] <= start < max(g["end"], g["start"] + 1)), None)
        out.append(Example(doc, x, g["kind"] if g else NONE))
    return out


def _candidates(ex: Example) -> list[tuple[list[str], int]]:
    cands = RANKER.candidates(ex.x)
    return [(RANKER.features(ex.x, cands, i), int(k == ex.gold)) for i, k in enumerate(cands)]


def fit_folds(examples: list[Example], group_of: Callable[[str], str] | None = None) -> tuple[LinearModel, dict[str, LinearModel], int]:
    """The model on everything, one model per left-out document (or family, see `ranker.fit_folds`), and the unreachable count."""
    return ranker.fit_folds(examples, _candidates, "kind", C, group_of)
