"""Train the fact-confidence model from annotations/facts and measure it leave-one-document-out.

Each prose fact the rules extract is labelled 1 when it matches a gold fact (same kind,
overlapping span, same value and unit, matching subject) and 0 otherwise; a logistic
regression over hashed features (`extract.model.fact_features`) learns P(right). The held-out
estimate is leave-one-document-out: the honest number for documents the model never saw.

    python -m training.train [--annotations annotations] [--corpus tests/data/corpus] [--out extract/models]
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import time
from pathlib import Path

import numpy as np
import sklearn
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from extract.batch import atomic_write_text
from extract.evaluate import fact_is_right, load_gold
from extract.ingest import read_document
from extract.model import N_FEATURES, LinearModel, fact_features, hash_feature
from extract.pipeline import process
from extract.records import Fact

SEED = 0
C = 0.5


def annotations_hash(folder: str | Path) -> str:
    """What the shipped model was trained from; a test compares it with annotations/ now."""
    h = hashlib.sha256()
    for p in sorted(Path(folder).glob("*.jsonl")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def examples(corpus: Path, gold: dict[str, list[dict]]) -> list[tuple[str, Fact, int]]:
    out = []
    for path in sorted(corpus.glob("*.txt")):
        if path.name not in gold:
            continue
        res = process(read_document(path), calibrate_confidence=False)
        out += [(path.name, f, int(fact_is_right(f, gold[path.name]))) for f in res.facts if f.kind != "reason"]
    return out


def matrix(facts: list[Fact]) -> csr_matrix:
    rows, cols, vals = [], [], []
    for i, f in enumerate(facts):
        for t in fact_features(f):
            rows.append(i)
            cols.append(hash_feature(t))
            vals.append(1.0)
    return csr_matrix((vals, (rows, cols)), shape=(len(facts), N_FEATURES))


def fit(X: csr_matrix, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=2000, random_state=SEED).fit(X, y)


def ece(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: how far stated confidence is from observed accuracy."""
    idx = np.minimum((p * bins).astype(int), bins - 1)
    return float(sum(abs(y[idx == b].mean() - p[idx == b].mean()) * (idx == b).sum() for b in range(bins) if (idx == b).any()) / len(y))


def scores(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    return {"brier": round(float(brier_score_loss(y, p)), 4), "ece": round(ece(y, p), 4), "auc": round(float(roc_auc_score(y, p)), 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotations", default="annotations")
    ap.add_argument("--corpus", default="tests/data/corpus")
    ap.add_argument("--out", default="extract/models")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    gold = load_gold(Path(a.annotations) / "facts")
    data = examples(Path(a.corpus), gold)
    docs = np.array([d for d, _, _ in data])
    facts = [f for _, f, _ in data]
    y = np.array([lab for _, _, lab in data])
    X = matrix(facts)
    rule = np.array([f.confidence for f in facts])
    held = np.zeros(len(y))
    for d in sorted(set(docs)):
        tr, te = docs != d, docs == d
        held[te] = fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
    lodo = {"model": scores(y, held), "rules": scores(y, rule), "n": int(len(y)), "positive_rate": round(float(y.mean()), 4), "documents": len(set(docs))}
    clf = fit(X, y)
    coef = clf.coef_[0]
    nz = np.flatnonzero(coef)
    model = LinearModel(
        "confidence",
        {int(i): float(coef[i]) for i in nz},
        float(clf.intercept_[0]),
        stamp={
            "labels": ["wrong", "right"],
            "annotations_sha256": annotations_hash(Path(a.annotations) / "facts"),
            "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "python": platform.python_version(),
            "scikit_learn": sklearn.__version__,
            "numpy": np.__version__,
            "estimator": f"LogisticRegression(C={C}, random_state={SEED})",
            "n_features_hashed": N_FEATURES,
            "leave_one_document_out": lodo,
        },
    )
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out / "confidence.json", [model.to_json(), "\n"])
    print(f"confidence model: {len(y)} facts from {len(set(docs))} documents, {y.mean():.1%} right")
    print("leave-one-document-out   Brier   ECE     AUC")
    for k in ("rules", "model"):
        s = lodo[k]
        print(f"  {k:<22} {s['brier']:.4f}  {s['ece']:.4f}  {s['auc']:.4f}")
    print(f"wrote {out / 'confidence.json'} ({len(nz)} weights) in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
