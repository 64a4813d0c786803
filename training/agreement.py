"""Inter-annotator agreement of two folders of gold facts (annotations format).

    python -m training.agreement A_DIR B_DIR [--json] [--diff]

Two review passes label the same documents independently; before their labels are merged, their
agreement says how much the gold can be trusted. Facts of A and B are paired one-to-one when the
kinds agree and the spans overlap (greedy, largest overlap first), as the evaluator pairs predicted
and gold facts. A is scored against B as if A were a prediction, at three levels:

- span:    kind and overlapping span;
- content: span pair plus value and unit equal and subjects matching as the evaluator matches them
           (`extract.evaluate.subjects_match`); a reason pair needs texts matching and the same
           (paired) fact explained;
- metric:  span pair of non-reasons whose `metric` ids are equal (both null counts as equal);
- strict:  content pair whose subjects are equal after `norm_subject` (no fuzzy match) and, for
           changes, whose direction and baseline are equal too — what a reviewer must still reconcile.

Only documents present in both folders are compared. `--diff` lists every disagreement.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.evaluate import load_gold, norm_subject, subjects_match

REASON_TEXT_MIN_RATIO = 80.0  # the evaluator's threshold for reason texts (extract.evaluate)

Record = dict[str, Any]


@dataclass
class Counts:
    """Pairs agreeing at one level, against the sizes of both sides."""

    agree: int = 0
    n_a: int = 0
    n_b: int = 0

    def add(self, other: Counts) -> None:
        self.agree += other.agree
        self.n_a += other.n_a
        self.n_b += other.n_b

    @property
    def precision(self) -> float:
        return self.agree / self.n_a if self.n_a else 1.0

    @property
    def recall(self) -> float:
        return self.agree / self.n_b if self.n_b else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"agree": self.agree, "n_a": self.n_a, "n_b": self.n_b, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


LEVELS = ("span", "content", "metric", "strict")


@dataclass
class DocAgreement:
    doc: str
    levels: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in LEVELS})
    diffs: list[str] = field(default_factory=list)


def _overlap(a: Record, b: Record) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def pair_facts(a: list[Record], b: list[Record]) -> list[tuple[int, int]]:
    """One-to-one pairs (index in a, index in b) of same-kind facts with overlapping spans."""
    cands = [(_overlap(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)
             if x["kind"] == y["kind"] and _overlap(x, y) > 0]
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _value_equal(x: Record, y: Record) -> bool:
    if x.get("value") is None or y.get("value") is None:
        return x.get("value") is None and y.get("value") is None
    return abs(x["value"] - y["value"]) < 1e-6 and (x.get("unit") or None) == (y.get("unit") or None)


def _reason_equal(x: Record, y: Record, a: list[Record], b: list[Record], pairs: list[tuple[int, int]]) -> bool:
    from rapidfuzz import fuzz

    if fuzz.ratio(norm_subject(x.get("text")), norm_subject(y.get("text"))) < REASON_TEXT_MIN_RATIO:
        return False
    ta = next((i for i, r in enumerate(a) if r["kind"] != "reason" and r["start"] == x.get("explains")), None)
    tb = next((j for j, r in enumerate(b) if r["kind"] != "reason" and r["start"] == y.get("explains")), None)
    if ta is None or tb is None:
        return ta is None and tb is None
    return (ta, tb) in pairs


def _show(r: Record) -> str:
    if r["kind"] == "reason":
        return f"reason「{(r.get('text') or '')[:30]}」→{r.get('explains')}"
    extra = f" {r.get('direction')}/{r.get('baseline')}" if r["kind"] == "change" else ""
    return f"{r['kind']} {r['surface']!r} {r.get('subject')} {r.get('value')}{r.get('unit') or ''}{extra} m={r.get('metric')}"


def compare_document(doc: str, a: list[Record], b: list[Record]) -> DocAgreement:
    """Agreement of A's facts with B's facts for one document, with the disagreements listed."""
    res = DocAgreement(doc)
    pairs = pair_facts(a, b)
    span, content, metric, strict = (res.levels[k] for k in LEVELS)
    for c in (span, content, strict):
        c.n_a, c.n_b = len(a), len(b)
    metric.n_a = sum(1 for r in a if r["kind"] != "reason")
    metric.n_b = sum(1 for r in b if r["kind"] != "reason")
    for i, j in pairs:
        x, y = a[i], b[j]
        span.agree += 1
        if x["kind"] == "reason":
            same = _reason_equal(x, y, a, b, pairs)
        else:
            same = _value_equal(x, y) and subjects_match(x.get("subject"), y.get("subject"))
            if x.get("metric") == y.get("metric"):
                metric.agree += 1
            else:
                res.diffs.append(f"L{x['line']} metric: A {x.get('metric')} | B {y.get('metric')} ({_show(y)})")
        content.agree += same
        if not same:
            res.diffs.append(f"L{x['line']} content: A {_show(x)} | B {_show(y)}")
        elif x["kind"] != "reason" and norm_subject(x.get("subject")) != norm_subject(y.get("subject")):
            res.diffs.append(f"L{x['line']} subject (fuzzy match): A {x.get('subject')} | B {y.get('subject')}")
        elif x["kind"] == "change" and (x.get("direction"), x.get("baseline")) != (y.get("direction"), y.get("baseline")):
            res.diffs.append(f"L{x['line']} direction/baseline: A {_show(x)} | B {_show(y)}")
        else:
            strict.agree += 1
    paired_a = {i for i, _ in pairs}
    paired_b = {j for _, j in pairs}
    res.diffs += [f"L{r['line']} only A: {_show(r)}" for i, r in enumerate(a) if i not in paired_a]
    res.diffs += [f"L{r['line']} only B: {_show(r)}" for j, r in enumerate(b) if j not in paired_b]
    return res


def compare_folders(a_dir: str | Path, b_dir: str | Path) -> tuple[list[DocAgreement], dict[str, Counts]]:
    """Per-document and overall agreement over the documents present in both folders."""
    a_gold, b_gold = load_gold(a_dir), load_gold(b_dir)
    docs = sorted(set(a_gold) & set(b_gold))
    if not docs:
        raise ValueError(f"no document is labelled in both {a_dir} and {b_dir}")
    per_doc = [compare_document(d, a_gold[d], b_gold[d]) for d in docs]
    total = {k: Counts() for k in LEVELS}
    for d in per_doc:
        for k in LEVELS:
            total[k].add(d.levels[k])
    return per_doc, total


def render(per_doc: list[DocAgreement], total: dict[str, Counts], *, diff: bool = False) -> str:
    head = "| document | A | B | span P/R/F1 | content P/R/F1 | metric P/R/F1 | strict P/R/F1 |"
    rows = [head, "|---|---|---|---|---|---|---|"]

    def cells(levels: dict[str, Counts]) -> str:
        return " | ".join(f"{c.precision:.3f}/{c.recall:.3f}/{c.f1:.3f}" for c in (levels[k] for k in LEVELS))

    for d in per_doc:
        rows.append(f"| {d.doc} | {d.levels['span'].n_a} | {d.levels['span'].n_b} | {cells(d.levels)} |")
    rows.append(f"| **all** | {total['span'].n_a} | {total['span'].n_b} | {cells(total)} |")
    if diff:
        for d in per_doc:
            rows += ["", f"{d.doc}:"] + [f"  {x}" for x in d.diffs]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a_dir", help="folder of *.jsonl labels scored as the prediction (e.g. pass 1)")
    ap.add_argument("b_dir", help="folder of *.jsonl labels taken as the reference (e.g. a blind pass)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    ap.add_argument("--diff", action="store_true", help="list every disagreement")
    args = ap.parse_args(argv)
    try:
        per_doc, total = compare_folders(args.a_dir, args.b_dir)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = {"documents": {d.doc: {k: d.levels[k].as_dict() for k in LEVELS} | ({"diffs": d.diffs} if args.diff else {})
                             for d in per_doc},
               "all": {k: total[k].as_dict() for k in LEVELS}}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(render(per_doc, total, diff=args.diff))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
