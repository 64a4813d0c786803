"""Train the metric ranker (`extract.metric_model`) from the `metric` labels of annotations/facts.

Each prose fact the pipeline extracts that a gold fact of the same kind overlaps is one example:
its candidates ("none" and every metric with an alias in the subject), the gold metric's candidate
labelled 1. Gold metrics no candidate reaches are counted as `unreachable` and teach nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extract.metric_model import NONE, MetricInput, MetricRanker, contexts
from extract.model import LinearModel
from extract.records import Fact
from training import ranker

C = 0.5
RANKER = MetricRanker()  # candidates and features only: fitting happens here


@dataclass
class Example:
    """One ranking decision and its gold answer, from one document (folds leave documents out)."""
    doc: str
    x: MetricInput
    gold: str  # metric id or NONE


def examples_for(doc: str, facts: list[Fact], gold: list[dict]) -> list[Example]:
    """One example per extracted fact a reviewed gold fact of the same kind overlaps."""
    out = []
    for f, ctx in zip(facts, contexts(facts), strict=True):
        if f.kind == "reason":
            continue
        g = next((g for g in gold if g["kind"] == f.kind and g["start"] < f.span[1] and f.span[0] < g["end"]), None)
        if g is not None and "metric_review" in g:
            out.append(Example(doc, MetricInput(f, ctx), g.get("metric") or NONE))
    return out


def candidates(ex: Example) -> list[tuple[list[str], int]]:
    """Each candidate metric of an example as feature tokens, labelled 1 for the gold one."""
    cands = RANKER.candidates(ex.x)
    return [(RANKER.features(ex.x, cands, i), int(k.metric == ex.gold)) for i, k in enumerate(cands)]


def fit_folds(examples: list[Example], group_of: Callable[[str], str] | None = None) -> tuple[LinearModel, dict[str, LinearModel], int]:
    """The model on everything, one model per left-out document (or family, see `ranker.fit_folds`), and the unreachable count."""
    return ranker.fit_folds(examples, candidates, "metric", C, group_of)
