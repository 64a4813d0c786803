"""Train the metric ranker (`extract.metric_model`) from the `metric` labels of annotations/facts.

Each prose fact the pipeline extracts that a gold fact of the same kind overlaps is one example:
its candidates ("none" and every metric with an alias in the subject), the gold metric's candidate
labelled 1. Gold metrics no candidate reaches are counted as `unreachable` and teach nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from extract.metric_model import NONE, MetricContext, candidate_features, contexts, metric_candidates
from extract.model import N_FEATURES, LinearModel, hash_feature
from extract.records import Fact

SEED = 0
C = 0.5


@dataclass
class Example:
    doc: str
    fact: Fact
    ctx: MetricContext
    gold: str  # metric id or NONE


def examples_for(doc: str, facts: list[Fact], gold: list[dict]) -> list[Example]:
    out = []
    for f, ctx in zip(facts, contexts(facts), strict=True):
        if f.kind == "reason":
            continue
        g = next((g for g in gold if g["kind"] == f.kind and g["start"] < f.span[1] and f.span[0] < g["end"]), None)
        if g is not None and "metric_review" in g:
            out.append(Example(doc, f, ctx, g.get("metric") or NONE))
    return out


def rows(examples: list[Example]) -> tuple[csr_matrix, np.ndarray, np.ndarray, int]:
    r, c, y, owner = [], [], [], []
    n = unreachable = 0
    for i, ex in enumerate(examples):
        cands = metric_candidates(ex.fact.subject or "")
        if not any(k.metric == ex.gold for k in cands):
            unreachable += 1
            continue
        for k in cands:
            for t in candidate_features(ex.fact, ex.ctx, k, len(cands)):
                r.append(n)
                c.append(hash_feature(t))
            y.append(int(k.metric == ex.gold))
            owner.append(i)
            n += 1
    X = csr_matrix((np.ones(len(r)), (r, c)), shape=(n, N_FEATURES))
    X.sum_duplicates()
    return X, np.array(y), np.array(owner, dtype=int), unreachable


def fit_rows(X: csr_matrix, y: np.ndarray) -> LinearModel:
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=3000, random_state=SEED).fit(X, y)
    coef = clf.coef_[0]
    nz = np.flatnonzero(coef)
    return LinearModel("metric", {int(i): float(coef[i]) for i in nz}, float(clf.intercept_[0]))


def fit_folds(examples: list[Example]) -> tuple[LinearModel, dict[str, LinearModel], int]:
    """The model on everything, one model per left-out document, and the unreachable count."""
    X, y, owner, unreachable = rows(examples)
    doc_of_row = np.array([examples[i].doc for i in owner])
    folds = {d: fit_rows(X[doc_of_row != d], y[doc_of_row != d]) for d in sorted({e.doc for e in examples})}
    return fit_rows(X, y), folds, unreachable
