"""Train the subject ranker (`extract.subjects`) from annotations/facts.

Every prose number the rules turn into a fact that a gold fact of the same kind overlaps gives a
ranking example: its candidate spans, labelled 1 when the cleaned candidate matches the gold
subject. Numbers whose gold subject no candidate reaches teach nothing and are skipped (counted
as `unreachable`). A binary logistic regression scores candidates; the best one wins.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from extract.evaluate import subjects_match
from extract.facts import clean_subject
from extract.model import N_FEATURES, LinearModel, hash_feature
from extract.records import Fact
from extract.subjects import SubjectContext, candidate_features, candidates

SEED = 0
C = 0.3


@dataclass
class Example:
    doc: str
    ctx: SubjectContext
    dept_names: tuple[str, ...]
    gold_subject: str


def examples_for(doc: str, facts: list[Fact], record: dict[str, SubjectContext], dept: tuple[str, ...], gold: list[dict]) -> list[Example]:
    """Ranking examples from one document's rules-only facts and what the ranker saw of each."""
    out = []
    for f in facts:
        ctx = record.get(f.fact_id)
        if ctx is None:
            continue
        g = next((g for g in gold if g["kind"] == f.kind and g["start"] < f.span[1] and f.span[0] < g["end"]), None)
        if g is not None and g.get("subject"):
            out.append(Example(doc, ctx, dept, g["subject"]))
    return out


def rows(examples: list[Example]) -> tuple[csr_matrix, np.ndarray, np.ndarray, int]:
    """Candidate feature rows, labels, the example each row belongs to, and the unreachable count."""
    r, c, y, owner = [], [], [], []
    unreachable = 0
    n = 0
    for i, ex in enumerate(examples):
        cands = candidates(ex.ctx)
        labels = [int(subjects_match(clean_subject(k.text, ex.dept_names), ex.gold_subject)) for k in cands]
        if not any(labels):
            unreachable += 1
            continue
        rule_at = next((k.start for k in cands if k.is_rule), -1)
        for k, lab in zip(cands, labels, strict=True):
            for t in candidate_features(ex.ctx, k, rule_at):
                r.append(n)
                c.append(hash_feature(t))
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
    return LinearModel("subject", {int(i): float(coef[i]) for i in nz}, float(clf.intercept_[0]))


def fit_folds(examples: list[Example]) -> tuple[LinearModel, dict[str, LinearModel], int]:
    """The model on everything, one model per left-out document, and the unreachable count."""
    X, y, owner, unreachable = rows(examples)
    doc_of_row = np.array([examples[i].doc for i in owner])
    folds = {d: fit_rows(X[doc_of_row != d], y[doc_of_row != d]) for d in sorted({e.doc for e in examples})}
    return fit_rows(X, y), folds, unreachable
