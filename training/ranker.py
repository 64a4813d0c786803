"""What every ranker's training shares: candidate rows → a sparse matrix, a seeded logistic
regression, one model per left-out document.

A ranker example is a list of candidates, each a (feature tokens, label) pair with at most one
label 1 in practice; an example without a positive candidate teaches nothing and is counted as
`unreachable`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from extract.ingest import RawDocument
from extract.model import N_FEATURES, LinearModel, Models, hash_feature
from extract.pipeline import AFTER_PROSE, build_stages, new_doc, run_stages
from extract.records import Doc, Trace

SEED = 0


def prose_doc(raw: RawDocument, models: Models, trace: Trace | None = None) -> Doc:
    """The ordinary pipeline up to the prose facts, without confidence calibration (the
    confidence model is trained on its output); `trace` records what the rankers saw. The
    figures stage runs (cheap, no tables needed): a fact's figure type is part of how it is scored."""
    skip = tuple(s for s in AFTER_PROSE if s != "figures")
    return run_stages(new_doc(raw, trace=trace), build_stages(models, skip=("confidence", *skip)))


class _HasDoc(Protocol):
    doc: str


E_ = TypeVar("E_", bound=_HasDoc)
Candidates = Callable[[E_], Sequence[tuple[list[str], int]]]


def rows(examples: Sequence[E_], candidates: Candidates) -> tuple[csr_matrix, np.ndarray, np.ndarray, int]:
    """Feature rows of every candidate, their labels, the example each row belongs to, and how many
    examples had no positive candidate."""
    r, c, y, owner = [], [], [], []
    n = unreachable = 0
    for i, ex in enumerate(examples):
        cands = candidates(ex)
        if not any(lab for _, lab in cands):
            unreachable += 1
            continue
        for tokens, lab in cands:
            for t in tokens:
                r.append(n)
                c.append(hash_feature(t))
            y.append(lab)
            owner.append(i)
            n += 1
    X = csr_matrix((np.ones(len(r)), (r, c)), shape=(n, N_FEATURES))
    X.sum_duplicates()
    return X, np.array(y), np.array(owner, dtype=int), unreachable


def fit_rows(X: csr_matrix, y: np.ndarray, name: str, C: float) -> LinearModel:
    """A seeded L2 logistic regression on candidate rows, as a plain `LinearModel`."""
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=3000, random_state=SEED).fit(X, y)
    coef = clf.coef_[0]
    nz = np.flatnonzero(coef)
    return LinearModel(name, {int(i): float(coef[i]) for i in nz}, float(clf.intercept_[0]))


class Folds(dict):
    """doc → the model that never saw it: its fold's, keyed by document; a document without
    examples of its own was seen by no model, so the one on everything serves it."""

    def __init__(self, by_doc: dict[str, LinearModel], everything: LinearModel) -> None:
        super().__init__(by_doc)
        self.everything = everything

    def __missing__(self, doc: str) -> LinearModel:
        return self.everything


def fit_folds(
    examples: Sequence[E_], candidates: Candidates, name: str, C: float, group_of: Callable[[str], str] | None = None
) -> tuple[LinearModel, dict[str, LinearModel], int]:
    """The model on everything, one model per left-out group — a document, or with `group_of`
    its template family — keyed by document, and the unreachable count."""
    group = group_of or (lambda d: d)
    X, y, owner, unreachable = rows(examples, candidates)
    group_of_row = np.array([group(examples[i].doc) for i in owner])
    everything = fit_rows(X, y, name, C)
    by_group = {g: fit_rows(X[group_of_row != g], y[group_of_row != g], name, C) for g in sorted({group(e.doc) for e in examples})}
    return everything, Folds({d: by_group[group(d)] for d in {e.doc for e in examples}}, everything), unreachable
