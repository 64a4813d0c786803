"""The one interface every trained ranker shares: candidates → features → scores.

The rules propose, a ranker decides: for one input (a quantity, a fact, a reason) it lists the
answers the rules allow (`candidates`), describes each as hashed string features (`features`), and
scores them with a `LinearModel` (`scores`, `best`). Like scikit-learn estimators sharing
fit/predict, every ranker looks the same from outside, so the pipeline runs them the same way and
`training.ranker` fits any of them from (input, candidate, label) rows. Fitting never happens
here: the runtime only reads weights.

A ranker built without a model still lists candidates and features — that is what training uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from .model import LinearModel, sigmoid

X = TypeVar("X")  # what the ranker decides about
C = TypeVar("C")  # one candidate answer


class Ranker(Generic[X, C]):
    """Base class of the trained rankers; subclasses define `name`, `candidates` and `features`."""

    name = "ranker"

    def __init__(self, model: LinearModel | None = None) -> None:
        self.model = model

    def candidates(self, x: X) -> Sequence[C]:
        """The answers the rules allow for `x`, the rules' own answer among them."""
        raise NotImplementedError

    def features(self, x: X, cands: Sequence[C], i: int) -> list[str]:
        """Hashed-string features of candidate `i` (it may look at its neighbours)."""
        raise NotImplementedError

    def scores(self, x: X) -> list[tuple[float, C]]:
        """Every candidate with its score w·x + b, best first (ties keep candidate order)."""
        if self.model is None:
            raise ValueError(f"{self.name} ranker: no model to score with")
        cands = self.candidates(x)
        scored = [(self.model.score(self.features(x, cands, i)), c) for i, c in enumerate(cands)]
        scored.sort(key=lambda s: -s[0])
        return scored

    def best(self, x: X) -> tuple[C, float] | None:
        """The winning candidate and its probability, or None when there is nothing to choose."""
        scored = self.scores(x)
        if not scored:
            return None
        z, c = scored[0]
        return c, sigmoid(z)
