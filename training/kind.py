"""Train the kind ranker (`extract.kind_model`) from annotations/facts.

Every quantity the rules turn into a candidate is one example: its kinds (those its unit allows,
and "none"), labelled by the gold fact at that number — or "none" when no gold fact is there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from extract.kind_model import NONE, candidates_for, kind_features
from extract.model import N_FEATURES, LinearModel, hash_feature

SEED = 0
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


def rows(examples: list[Example]) -> tuple[csr_matrix, np.ndarray, np.ndarray, int]:
    r, c, y, owner = [], [], [], []
    n = unreachable = 0
    for i, ex in enumerate(examples):
        cands = candidates_for(ex.category)
        if ex.gold not in cands:
            unreachable += 1
            continue
        for k in cands:
            for t in kind_features(ex.base, k, ex.rule_kind):
                r.append(n)
                c.append(hash_feature(t))
            y.append(int(k == ex.gold))
            owner.append(i)
            n += 1
    X = csr_matrix((np.ones(len(r)), (r, c)), shape=(n, N_FEATURES))
    X.sum_duplicates()
    return X, np.array(y), np.array(owner, dtype=int), unreachable


def fit_rows(X: csr_matrix, y: np.ndarray) -> LinearModel:
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=3000, random_state=SEED).fit(X, y)
    coef = clf.coef_[0]
    nz = np.flatnonzero(coef)
    return LinearModel("kind", {int(i): float(coef[i]) for i in nz}, float(clf.intercept_[0]))


def fit_folds(examples: list[Example]) -> tuple[LinearModel, dict[str, LinearModel], int]:
    """The model on everything, one model per left-out document, and the unreachable count."""
    X, y, owner, unreachable = rows(examples)
    doc_of_row = np.array([examples[i].doc for i in owner])
    folds = {d: fit_rows(X[doc_of_row != d], y[doc_of_row != d]) for d in sorted({e.doc for e in examples})}
    return fit_rows(X, y), folds, unreachable
