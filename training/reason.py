"""Train the reason-attachment ranker (`extract.reason_model`) from annotations/facts.

Each reason the rules find that overlaps a gold reason is one example: its candidates (the facts
before it in its section), the one whose span holds the gold `explains` offset labelled 1. A gold
reason that explains nothing, or a fact no candidate is, teaches nothing (`unreachable`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from extract.model import N_FEATURES, LinearModel, hash_feature
from extract.reason_model import candidate_features, reason_candidates
from extract.records import Fact

SEED = 0
C = 0.5


@dataclass
class Example:
    doc: str
    reason: Fact
    cands: list[Fact]
    gold_offset: int | None


def examples_for(doc: str, facts: list[Fact], gold: list[dict]) -> list[Example]:
    out = []
    for idx, r in enumerate(facts):
        if r.kind != "reason":
            continue
        g = next((g for g in gold if g["kind"] == "reason" and g["start"] < r.span[1] and r.span[0] < g["end"]), None)
        if g is not None:
            out.append(Example(doc, r, reason_candidates(r, facts[:idx]), g.get("explains")))
    return out


def _is_target(t: Fact, offset: int | None) -> bool:
    return offset is not None and t.span[0] <= offset < max(t.span[1], t.span[0] + 1)


def rows(examples: list[Example]) -> tuple[csr_matrix, np.ndarray, np.ndarray, int]:
    r, c, y, owner = [], [], [], []
    n = unreachable = 0
    for i, ex in enumerate(examples):
        labels = [int(_is_target(t, ex.gold_offset)) for t in ex.cands]
        if not any(labels):
            unreachable += 1
            continue
        for j, lab in enumerate(labels):
            for tok in candidate_features(ex.reason, ex.cands, j):
                r.append(n)
                c.append(hash_feature(tok))
            y.append(lab)
            owner.append(i)
            n += 1
    X = csr_matrix((np.ones(len(r)), (r, c)), shape=(n, N_FEATURES))
    X.sum_duplicates()
    return X, np.array(y), np.array(owner, dtype=int), unreachable


def fit_rows(X: csr_matrix, y: np.ndarray) -> LinearModel:
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=3000, random_state=SEED).fit(X, y)
    coef = clf.coef_[0]
    nz = np.flatnonzero(coef)
    return LinearModel("reason", {int(i): float(coef[i]) for i in nz}, float(clf.intercept_[0]))


def fit_folds(examples: list[Example]) -> tuple[LinearModel, dict[str, LinearModel], int]:
    """The model on everything, one model per left-out document, and the unreachable count."""
    X, y, owner, unreachable = rows(examples)
    doc_of_row = np.array([examples[i].doc for i in owner])
    folds = {d: fit_rows(X[doc_of_row != d], y[doc_of_row != d]) for d in sorted({e.doc for e in examples})}
    return fit_rows(X, y), folds, unreachable
