"""Train every shipped model from annotations/facts and measure each leave-one-document-out.

    python -m training.train [--annotations annotations] [--corpus tests/data/corpus] [--out extract/models]

Five linear models over hashed string features, trained in pipeline order so each sees the
inputs it will see at run time:

0. `kind` ranks the kinds a quantity may be, or "not a fact" (`extract.kind_model`);
1. `subject` ranks candidate subject spans around the rules' subject (`extract.subjects`);
2. `metric` ranks taxonomy candidates for the chosen subject (`extract.metric_model`);
3. `reason` ranks the facts a reason may explain (`extract.reason_model`);
4. `confidence` predicts P(kind, value and subject right) for the resulting fact (`extract.model`).

Held-out numbers are cross-fitted: for each document, the subject model trained without it picks
its subjects, the metric model trained without it picks its metrics, and so on — so the
leave-one-document-out fact F1 printed next to the rules' is the honest estimate for unseen
documents. The final models are fitted on everything.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import sklearn
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from extract.batch import atomic_write_text
from extract.evaluate import MetricScore, Score, fact_is_right, load_gold, score_document, score_metrics, subjects_match
from extract.ingest import RawDocument, read_document
from extract.model import N_FEATURES, LinearModel, Models, calibrate, fact_features, hash_feature
from extract.reason_model import attach_reasons
from extract.records import Fact, Trace
from training import kind as kind_training
from training import metric as metric_training
from training import ranker as ranker_training
from training import reason as reason_training
from training import subject as subject_training

SEED = 0
C = 0.5
#: the confidence model's regularisation: stronger than the rankers', so that calibration holds on
#: template families it never saw (C = 0.5 gave a worse Brier score than the rules on held-out families)
CONF_C = 0.1
#: the confidence model's regularisation: stronger than the rankers', so that calibration holds on
#: template families it never saw (C = 0.5 gave a worse Brier score than the rules on held-out families)

ROOT = Path(__file__).resolve().parents[1]
#: held-out fact F1 a ranker must add before it ships. The subject ranker scores ~8 candidate spans
#: per number and costs about half the pipeline's time on number-dense text (benchmarks/model_cost.py,
#: tests/test_scale.py): a gain within the noise of 77 documents does not pay for that. The kind
#: ranker must win by more than a few facts in the ~2,800 held out (0.0001 was one fact: noise that
#: would change decisions on every unseen page).
MIN_GAIN = {"kind": 0.001, "subject": 0.005}


def annotations_hash(folder: str | Path) -> str:
    """What the shipped models were trained from; a test compares it with annotations/ now."""
    h = hashlib.sha256()
    for p in sorted(Path(folder).glob("*.jsonl")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def matrix(facts: list[Fact]) -> csr_matrix:
    """Hashed `fact_features` of each fact as one sparse row (the confidence model's input)."""
    rows, cols, vals = [], [], []
    for i, f in enumerate(facts):
        for t in fact_features(f):
            rows.append(i)
            cols.append(hash_feature(t))
            vals.append(1.0)
    return csr_matrix((vals, (rows, cols)), shape=(len(facts), N_FEATURES))


def fit_confidence(X: csr_matrix, y: np.ndarray) -> LogisticRegression:
    """The seeded calibration model: P(the fact is right)."""
    return LogisticRegression(C=CONF_C, solver="liblinear", max_iter=2000, random_state=SEED).fit(X, y)


def ece(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: how far stated confidence is from observed accuracy."""
    idx = np.minimum((p * bins).astype(int), bins - 1)
    return float(sum(abs(y[idx == b].mean() - p[idx == b].mean()) * (idx == b).sum() for b in range(bins) if (idx == b).any()) / len(y))


def scores(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """Brier, ECE and AUC of probabilities `p` against outcomes `y`."""
    return {"brier": round(float(brier_score_loss(y, p)), 4), "ece": round(ece(y, p), 4), "auc": round(float(roc_auc_score(y, p)), 4)}


@dataclass
class Example:
    """One annotated document and the facts each training round made of it."""

    name: str
    raw: RawDocument
    gold: list[dict]
    dept: tuple[str, ...] = ()
    rules: list[Fact] | None = None  # facts from the rules alone
    held: list[Fact] | None = None  # facts from models that never saw this document


def _linear(clf: LogisticRegression, name: str) -> LinearModel:
    coef = clf.coef_[0]
    return LinearModel(name, {int(i): float(coef[i]) for i in np.flatnonzero(coef)}, float(clf.intercept_[0]))


def _fact_f1(docs: list[Example], attr: str) -> Score:
    s = Score()
    for d in docs:
        score_document(getattr(d, attr), d.gold, s, doc=d.name)
    return s


def subject_accuracy(docs: list[Example], attr: str = "held") -> float:
    """Of the facts found with the right kind and value, the share whose subject is right too."""
    right = total = 0
    for d in docs:
        for f in getattr(d, attr) or []:
            if f.kind == "reason":
                continue
            g = next((g for g in d.gold if g["kind"] == f.kind and f.span[0] < g["end"] and g["start"] < f.span[1]), None)
            if g is None or g.get("value") is None or f.value is None or abs(f.value - g["value"]) > 1e-6:
                continue
            total += 1
            right += subjects_match(f.subject, g.get("subject"))
    return right / total if total else 0.0


def _metric_accuracy(docs: list[Example]) -> float:
    m = MetricScore()
    for d in docs:
        score_metrics(d.held or [], d.gold, m)
    return m.summary()["accuracy"]


def _f1(docs: list[Example], kind: str = "all") -> float:
    return _fact_f1(docs, "held").as_dict()["correct"][kind]["f1"]


def _rules_round(docs: list[Example]) -> tuple[list[kind_training.Example], list[subject_training.Example]]:
    """Facts from the rules alone (`d.rules`, also the first `d.held`), and the kind and subject
    ranking examples from what those rankers saw (`Doc.trace`)."""
    kind_ex: list[kind_training.Example] = []
    subj_ex: list[subject_training.Example] = []
    for d in docs:
        trace = Trace()
        doc = ranker_training.prose_doc(d.raw, Models(), trace)
        d.rules = d.held = doc.facts
        d.dept = doc.dept_names
        kind_ex += kind_training.examples_for(d.name, trace.of("kind"), d.gold)
        subj_ex += subject_training.examples_for(d.name, d.rules, trace.of("subject"), d.dept, d.gold)
    return kind_ex, subj_ex


def _reason_round(docs: list[Example], group_of: Callable[[str], str] | None = None) -> tuple[dict, LinearModel | None]:
    """The reason ranker, cross-fitted on the held-out facts; shipped (returned) only if held-out
    reason F1 rises — otherwise the documents keep the rules' attachments."""
    reason_ex = [e for d in docs for e in reason_training.examples_for(d.name, d.held or [], d.gold)]
    reason_model, reason_folds, unreachable = reason_training.fit_folds(reason_ex, group_of)
    before = _f1(docs, "reason")
    kept_held = {d.name: d.held for d in docs}
    for d in docs:
        d.held = attach_reasons(d.held or [], reason_folds[d.name])
    after = _f1(docs, "reason")
    keep = after > before
    if not keep:
        for d in docs:
            d.held = kept_held[d.name]
    verdict = {"examples": len(reason_ex), "unreachable": unreachable, "reason_f1": {"without": round(before, 4), "with": round(after, 4)}, "shipped": keep}
    return verdict, reason_model if keep else None


def _confidence_round(docs: list[Example], group: Callable[[str], str]) -> tuple[LinearModel, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The confidence model on everything, and (outcomes, held-out probabilities, the rules'
    confidences) for its scores; each document's facts get their held-out confidence."""
    conf_facts = [(d.name, f, int(fact_is_right(f, d.gold))) for d in docs for f in d.held or [] if f.kind != "reason"]
    groups = np.array([group(n) for n, _, _ in conf_facts])
    facts = [f for _, f, _ in conf_facts]
    y = np.array([lab for _, _, lab in conf_facts])
    X = matrix(facts)
    rule_conf = np.array([f.confidence for f in facts])
    held_p = np.zeros(len(y))
    fitted: dict[str, LogisticRegression] = {}
    for d in docs:  # the held-out facts carry the held-out confidence, as they would at run time
        g = group(d.name)
        tr, te = groups != g, groups == g
        if g not in fitted:
            fitted[g] = fit_confidence(X[tr], y[tr])
            if te.any():
                held_p[te] = fitted[g].predict_proba(X[te])[:, 1]
        d.held = calibrate(d.held or [], _linear(fitted[g], "confidence"))
    return _linear(fit_confidence(X, y), "confidence"), (y, held_p, rule_conf)


#: one annotated corpus: (folder of texts, folder of gold fact files)
Source = tuple[Path, Path]


def default_sources(root: Path = ROOT) -> list[Source]:
    """The dev corpus and, when present, the wide corpus, with their gold facts."""
    out = [(root / "tests" / "data" / "corpus", root / "annotations" / "facts")]
    if (root / "annotations" / "wide" / "facts").is_dir():
        out.append((root / "corpus" / "wide", root / "annotations" / "wide" / "facts"))
    return out


def load_examples(sources: list[Source]) -> list[Example]:
    """Every document that has gold facts, from every source."""
    docs: list[Example] = []
    for corpus, facts in sources:
        gold = load_gold(facts)
        docs += [Example(p.name, read_document(p), gold[p.name]) for p in sorted(Path(corpus).glob("*.txt")) if p.name in gold]
    return docs


def train_all(sources: list[Source] | Path, annotations: Path | None = None, *, group_of: Callable[[str], str] | None = None) -> tuple[dict[str, LinearModel], dict]:
    """Every model, cross-fitted in pipeline order; a ranker that does not beat the rules on
    held-out documents is not shipped (the rules keep that decision).

    Held out means: each document's facts come from models trained without its group — the
    document itself, or with `group_of` its whole template family (`training.families`), the
    stricter estimate for documents of templates nobody has seen."""
    if isinstance(sources, Path):  # the old form: one corpus folder and an annotations folder
        sources = [(sources, (annotations or ROOT / "annotations") / "facts")]
    group = group_of or (lambda d: d)
    docs = load_examples(sources)
    fold: dict[str, Models] = {d.name: Models() for d in docs}  # the kept models of each document's fold

    def rerun(names: dict[str, Models]) -> None:
        """Redo every document's facts with its fold's models."""
        for d in docs:
            d.held = ranker_training.prose_doc(d.raw, names[d.name]).facts

    # 0. the rules alone, and what the kind and subject rankers see of them
    kind_ex, subj_ex = _rules_round(docs)
    rules_all = _f1(docs)
    verdicts: dict[str, dict] = {}
    final: dict[str, LinearModel] = {}

    # 1. kinds, then 2. subjects: each kept only if held-out fact F1 rises
    for name, trainer, examples in (("kind", kind_training, kind_ex), ("subject", subject_training, subj_ex)):
        model, folds, unreachable = trainer.fit_folds(examples, group_of)
        before = _f1(docs)
        trial = {d.name: replace(fold[d.name], **{name: folds[d.name]}) for d in docs}
        kept_held = {d.name: d.held for d in docs}
        rerun(trial)
        after = _f1(docs)
        keep = after > before + MIN_GAIN.get(name, 0.0)
        verdicts[name] = {"examples": len(examples), "unreachable": unreachable, "fact_f1": {"without": round(before, 4), "with": round(after, 4)}, "min_gain": MIN_GAIN.get(name, 0.0), "shipped": keep}
        if keep:
            fold, final[name] = trial, model
        else:
            for d in docs:
                d.held = kept_held[d.name]

    # 3. metrics on facts made the way they will be at run time; kept only if held-out metric
    #    accuracy beats the alias matcher's (the rules' ids)
    metric_ex = [e for d in docs for e in metric_training.examples_for(d.name, d.held or [], d.gold)]
    metric_model, metric_folds, m_unreach = metric_training.fit_folds(metric_ex, group_of)
    before = _metric_accuracy(docs)
    trial = {d.name: replace(fold[d.name], metric=metric_folds[d.name]) for d in docs}
    kept_held = {d.name: d.held for d in docs}
    rerun(trial)
    after = _metric_accuracy(docs)
    keep = after > before
    verdicts["metric_ranker"] = {"examples": len(metric_ex), "unreachable": m_unreach, "accuracy": {"without": round(before, 4), "with": round(after, 4)}, "shipped": keep}
    if keep:
        fold, final["metric"] = trial, metric_model
    else:
        for d in docs:
            d.held = kept_held[d.name]

    # 4. reasons: which fact each explains; kept only if held-out reason F1 rises
    verdicts["reason"], reason_model = _reason_round(docs, group_of)
    if reason_model is not None:
        final["reason"] = reason_model

    # 5. confidence on the cross-fitted facts
    final["confidence"], (y, held_p, rule_conf) = _confidence_round(docs, group)

    rules_f1, held_f1 = _fact_f1(docs, "rules"), _fact_f1(docs, "held")
    m_rules, m_held = MetricScore(), MetricScore()
    for d in docs:
        score_metrics(d.rules or [], d.gold, m_rules)
        score_metrics(d.held or [], d.gold, m_held)
    assert abs(rules_f1.as_dict()["correct"]["all"]["f1"] - rules_all) < 1e-9
    by_group: dict[str, list[Example]] = {}
    for d in docs:
        by_group.setdefault(group(d.name), []).append(d)
    per_group = {}
    for g, ds in sorted(by_group.items()):
        r, h = _fact_f1(ds, "rules").as_dict()["correct"], _fact_f1(ds, "held").as_dict()["correct"]
        per_group[g] = {
            "documents": len(ds),
            "gold_facts": sum(len(d.gold) for d in ds),
            "rules": r["all"]["f1"],
            "models": h["all"]["f1"],
            "reason_models": h.get("reason", {}).get("f1"),
            "subject_accuracy": round(subject_accuracy(ds), 4),
        }
    lodo = {
        "documents": len(docs),
        "held_out": "family" if group_of else "document",
        "groups": len(by_group),
        "by_group": per_group,
        "subject_accuracy": {"rules": round(subject_accuracy(docs, "rules"), 4), "models": round(subject_accuracy(docs), 4)},
        "facts_correct_f1": {"rules": rules_f1.as_dict()["correct"]["all"], "models": held_f1.as_dict()["correct"]["all"]},
        "facts_correct_by_kind": {"rules": {k: v["f1"] for k, v in rules_f1.as_dict()["correct"].items()}, "models": {k: v["f1"] for k, v in held_f1.as_dict()["correct"].items()}},
        **verdicts,
        "metric": {"rules": m_rules.summary(), "models": m_held.summary(), "models_per_metric": m_held.as_dict()["per_metric"], "models_confusions": m_held.as_dict()["confusions"][:30], "examples": len(metric_ex), "unreachable": m_unreach},
        "confidence": {"model": scores(y, held_p), "rules": scores(y, rule_conf), "n": int(len(y)), "positive_rate": round(float(y.mean()), 4)},
    }
    order = [n for n in Models.NAMES if n in final]
    return {n: final[n] for n in order}, lodo


def render_lodo(lodo: dict) -> str:
    """The leave-one-document-out scores, readable."""
    out: list[str] = []
    f = lodo["facts_correct_f1"]
    out.append(f"held out by {lodo.get('held_out', 'document')} over {lodo['documents']} documents in {lodo.get('groups', lodo['documents'])} groups")
    out.append(f"  fact F1 (kind + value + subject)   rules {f['rules']['f1']:.4f}   models {f['models']['f1']:.4f}")
    for k in lodo["facts_correct_by_kind"]["rules"]:
        out.append(f"    {k:<10} rules {lodo['facts_correct_by_kind']['rules'][k]:.4f}   models {lodo['facts_correct_by_kind']['models'][k]:.4f}")
    for name in ("kind", "subject", "reason"):
        v = lodo[name]
        score_name, key = ("reason F1", "reason_f1") if name == "reason" else ("fact F1", "fact_f1")
        verdict = "shipped" if v["shipped"] else "not shipped: the rules decide"
        out.append(f"  {name} ranker: {score_name:<9} without {v[key]['without']:.4f}   with {v[key]['with']:.4f}   ({verdict})")
    if "metric_ranker" in lodo:
        v = lodo["metric_ranker"]
        out.append(f"  metric ranker: accuracy without {v['accuracy']['without']:.4f}   with {v['accuracy']['with']:.4f}   ({'shipped' if v['shipped'] else 'not shipped: the alias matcher decides'})")
    mr, mm = lodo["metric"]["rules"], lodo["metric"]["models"]
    out.append(f"  metric accuracy (found facts)      rules {mr['accuracy']:.4f}   models {mm['accuracy']:.4f}   macro-F1 {mr['macro_f1']:.4f} / {mm['macro_f1']:.4f}")
    conf = lodo["metric"].get("models_confusions", [])[:8]
    if conf:
        out.append("    most frequent held-out metric confusions (gold → predicted): " + "; ".join(f"{x['gold']} → {x['predicted']} ×{x['n']}" for x in conf))
    c = lodo["confidence"]
    out.append(f"  confidence  Brier / ECE / AUC      rules {c['rules']['brier']:.4f} / {c['rules']['ece']:.4f} / {c['rules']['auc']:.4f}"
          f"   model {c['model']['brier']:.4f} / {c['model']['ece']:.4f} / {c['model']['auc']:.4f}")
    return "\n".join(out)


def family_grouping() -> Callable[[str], str]:
    """document file name → its template family (`corpus/families.tsv`; a document not listed is
    its own family)."""
    from training.families import load

    fam = load()
    return lambda name: fam.get(name, name)


def annotations_hash_of(sources: list[Source]) -> str:
    """What the shipped models were trained from: every gold fact file of every source."""
    h = hashlib.sha256()
    for _, facts in sources:
        for p in sorted(Path(facts).glob("*.jsonl")):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def render_groups(result: dict) -> str:
    """Per held-out group (family): documents, gold facts, strict fact F1 rules → models, subject accuracy."""
    rows = [f"  {'group':<40} {'docs':>4} {'gold':>5}   rules  models  subject"]
    for g, v in sorted(result["by_group"].items(), key=lambda kv: -kv[1]["gold_facts"]):
        rows.append(f"  {g:<40} {v['documents']:>4} {v['gold_facts']:>5}   {v['rules']:.3f}  {v['models']:.3f}   {v['subject_accuracy']:.3f}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Train, stamp and write every model (atomically); print the held-out scores."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotations", default=None, help="one annotations folder (with facts/); default: the dev and wide corpora's")
    ap.add_argument("--corpus", default=None, help="its texts (with --annotations)")
    ap.add_argument("--held-out", choices=("family", "document"), default="family", help="cross-fit by template family (default) or by document")
    ap.add_argument("--out", default=str(ROOT / "extract" / "models"))
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    sources = [(Path(a.corpus or ROOT / "tests" / "data" / "corpus"), Path(a.annotations) / "facts")] if a.annotations else default_sources()
    models, held = train_all(sources, group_of=family_grouping() if a.held_out == "family" else None)
    stamp = {
        "annotations_sha256": annotations_hash_of(sources),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "scikit_learn": sklearn.__version__,
        "numpy": np.__version__,
        "n_features_hashed": N_FEATURES,
        "held_out": held,
    }
    labels = {"kind": ["other kind", "kind"], "subject": ["other span", "subject"], "metric": ["other id", "metric id"], "reason": ["other fact", "explained fact"], "confidence": ["wrong", "right"]}
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("kind", "subject", "metric", "reason"):
        if name not in models and (out / f"{name}.json").exists():
            (out / f"{name}.json").unlink()  # the rules decide this step: a stale model must not linger
    for name, m in models.items():
        m = LinearModel(name, m.weights, m.intercept, {**stamp, "labels": labels[name], "estimator": f"LogisticRegression(liblinear, random_state={SEED})"})
        atomic_write_text(out / f"{name}.json", [m.to_json(), "\n"])
    print(render_lodo(held))
    print(render_groups(held))
    print(f"wrote {', '.join(f'{n}.json' for n in models)} to {out} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
