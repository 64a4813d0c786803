"""Score extracted facts against hand-checked annotations (annotations/facts/*.jsonl).

A predicted fact *finds* a gold fact when the kinds agree and the spans overlap; it is
*correct* when, in addition, value and unit agree and the subjects match (equal after
removing spaces, quotes and brackets, or rapidfuzz ratio ≥ 80). Precision, recall and F1 are
reported per kind for both levels.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import Fact

KINDS = ("amount", "change", "percent", "headcount", "count", "reason")
_NORM = re.compile(r"[\s“”\"'‘’()（）【】\[\]《》、]")


def norm_subject(s: str | None) -> str:
    return _NORM.sub("", s or "")


def subjects_match(a: str | None, b: str | None, *, threshold: float = 80.0) -> bool:
    from rapidfuzz import fuzz

    x, y = norm_subject(a), norm_subject(b)
    if x == y:
        return True
    return bool(x and y) and fuzz.ratio(x, y) >= threshold


def load_gold(folder: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Gold facts by document file name."""
    gold: dict[str, list[dict[str, Any]]] = {}
    for p in sorted(Path(folder).glob("*.jsonl")):
        recs = []
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    recs.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{p}:{i}: {exc.msg}") from exc
        if recs:
            gold[recs[0]["doc"]] = recs
    return gold


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    tp_gold: int = 0  # gold facts found (recall side; one gold may be found once)

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4), "n_pred": self.n_pred, "n_gold": self.n_gold}


@dataclass
class Score:
    found: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    correct: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    errors: list[dict[str, Any]] = field(default_factory=list)

    def total(self, level: str) -> PRF:
        t = PRF()
        for p in getattr(self, level).values():
            t.tp += p.tp
            t.n_pred += p.n_pred
            t.n_gold += p.n_gold
            t.tp_gold += p.tp_gold
        return t

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for level in ("found", "correct"):
            out[level] = {k: getattr(self, level)[k].as_dict() for k in KINDS if k in getattr(self, level)}
            out[level]["all"] = self.total(level).as_dict()
        return out

    def render(self) -> str:
        rows = ["kind        found P/R/F1          correct P/R/F1        n_gold"]
        for k in (*KINDS, "all"):
            f = self.total("found") if k == "all" else self.found.get(k)
            c = self.total("correct") if k == "all" else self.correct.get(k)
            if f is None or c is None:
                continue
            rows.append(
                f"{k:<10} {f.precision:.3f}/{f.recall:.3f}/{f.f1:.3f}   {c.precision:.3f}/{c.recall:.3f}/{c.f1:.3f}   {f.n_gold:>6}"
            )
        return "\n".join(rows)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _value_ok(pred: Fact, g: dict[str, Any]) -> bool:
    if g["kind"] == "reason":
        return True
    if pred.value is None or g.get("value") is None:
        return False
    return abs(pred.value - g["value"]) < 1e-6 and (pred.unit or None) == (g.get("unit") or None)


def _reason_ok(f: Fact, g: dict[str, Any], spans: dict[str, tuple[int, int]]) -> bool:
    """A reason is correct when its text matches and it explains the same fact as the gold."""
    from rapidfuzz import fuzz

    if fuzz.ratio(norm_subject(f.text), norm_subject(g.get("text"))) < 80:
        return False
    target = spans.get(f.explains or "")
    if g.get("explains") is None or target is None:
        return g.get("explains") is None and target is None
    return target[0] <= g["explains"] < max(target[1], target[0] + 1)


def score_document(pred: list[Fact], gold: list[dict[str, Any]], score: Score, *, doc: str = "") -> None:
    spans = {f.fact_id: tuple(f.span) for f in pred}
    used_gold: set[int] = set()
    used_gold_correct: set[int] = set()
    for k in KINDS:
        score.found[k].n_gold += sum(1 for g in gold if g["kind"] == k)
        score.correct[k].n_gold += sum(1 for g in gold if g["kind"] == k)
    for f in pred:
        score.found[f.kind].n_pred += 1
        score.correct[f.kind].n_pred += 1
        cands = [i for i, g in enumerate(gold) if g["kind"] == f.kind and _overlap(tuple(f.span), (g["start"], g["end"]))]
        if not cands:
            score.errors.append({"doc": doc, "type": "spurious", "kind": f.kind, "subject": f.subject, "value": f.value, "sentence": f.sentence[:60]})
            continue
        score.found[f.kind].tp += 1
        i = cands[0]
        if i not in used_gold:
            used_gold.add(i)
            score.found[f.kind].tp_gold += 1
        g = gold[i]
        subj_ok = _reason_ok(f, g, spans) if f.kind == "reason" else subjects_match(f.subject, g.get("subject"))
        if _value_ok(f, g) and subj_ok:
            score.correct[f.kind].tp += 1
            if i not in used_gold_correct:
                used_gold_correct.add(i)
                score.correct[f.kind].tp_gold += 1
        else:
            score.errors.append({"doc": doc, "type": "wrong", "kind": f.kind, "pred": [f.subject, f.value, f.unit], "gold": [g.get("subject"), g.get("value"), g.get("unit")], "line": g.get("line")})
    for i, g in enumerate(gold):
        if i not in used_gold:
            score.errors.append({"doc": doc, "type": "missed", "kind": g["kind"], "subject": g.get("subject"), "value": g.get("value"), "line": g.get("line")})


def evaluate(corpus: str | Path, annotations: str | Path) -> Score:
    from .pipeline import extract_document

    gold = load_gold(annotations)
    score = Score()
    for name, recs in gold.items():
        path = Path(corpus) / name
        result = extract_document(path, is_text=False)
        score_document(result.facts, recs, score, doc=name)
    return score
