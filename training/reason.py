"""Train the reason-attachment ranker (`extract.reason_model`) from annotations/facts.

Each reason the rules find that overlaps a gold reason is one example: its candidates (the facts
before it in its section), the one whose span holds the gold `explains` offset labelled 1. A gold
reason that explains nothing, or a fact no candidate is, teaches nothing (`unreachable`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extract.model import LinearModel
from extract.reason_model import ReasonInput, ReasonRanker
from extract.records import Fact
from training import ranker

C = 0.5
RANKER = ReasonRanker()  # candidates and features only: fitting happens here


@dataclass
class Example:
    """One ranking decision and its gold answer, from one document (folds leave documents out)."""
    doc: str
    x: ReasonInput
    cands: list[Fact]
    gold_offset: int | None


def examples_for(doc: str, facts: list[Fact], gold: list[dict]) -> list[Example]:
    """One example per reason the rules found that overlaps a gold reason."""
    out = []
    for idx, r in enumerate(facts):
        if r.kind != "reason":
            continue
        g = next((g for g in gold if g["kind"] == "reason" and g["start"] < r.span[1] and r.span[0] < g["end"]), None)
        if g is not None:
            x = ReasonInput(r, facts, idx)
            out.append(Example(doc, x, list(RANKER.candidates(x)), g.get("explains")))
    return out


def _is_target(t: Fact, offset: int | None) -> bool:
    return offset is not None and t.span[0] <= offset < max(t.span[1], t.span[0] + 1)


def _candidates(ex: Example) -> list[tuple[list[str], int]]:
    return [(RANKER.features(ex.x, ex.cands, j), int(_is_target(t, ex.gold_offset))) for j, t in enumerate(ex.cands)]


def fit_folds(examples: list[Example], group_of: Callable[[str], str] | None = None) -> tuple[LinearModel, dict[str, LinearModel], int]:
    """The model on everything, one model per left-out document (or family, see `ranker.fit_folds`), and the unreachable count."""
    return ranker.fit_folds(examples, _candidates, "reason", C, group_of)
