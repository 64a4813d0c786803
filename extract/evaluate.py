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

from .errors import UsageError
from .model import Models
from .records import Fact, Finding
from .resources import traditional_map

KINDS = ("amount", "change", "percent", "headcount", "count", "reason")
_NORM = re.compile(r"[\s“”\"'‘’()（）【】\[\]《》、]")


def project_path(rel: str) -> Path:
    """A path inside the source checkout this package runs from, so the `evaluate`/`train`
    defaults (annotations/, tests/data/corpus) work from any working directory."""
    return Path(__file__).resolve().parent.parent / rel


def check_inputs(corpus: str | Path, annotations: str | Path) -> None:
    """Refuse to score nothing: a missing corpus or annotation folder is a usage error, not F1 1.0."""
    if not Path(corpus).is_dir():
        raise UsageError(f"no corpus folder {corpus} (pass --corpus DIR)")
    if not Path(annotations).is_dir():
        raise UsageError(f"no annotations folder {annotations} (pass --annotations DIR)")


#: a converter's ruby reading after a character on mirror pages (經(jīng)費): not part of any name
_RUBY = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}(?:\)|$)")  # or cut at the span's end: 實有人數(shù


def norm_subject(s: str | None) -> str:
    """A subject as compared: without quotes, brackets, spaces and ruby pinyin, in simplified
    characters (a mirror page's 實有人數 and 實有人数 name the same thing)."""
    return traditional_map("full")(_NORM.sub("", _RUBY.sub("", s or "")))


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
    # confusion[gold kind][predicted kind], "none" for a fact only one side has
    confusion: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))

    def render_confusion(self) -> str:
        kinds = [*KINDS, "none"]
        rows = ["gold \\ predicted " + " ".join(f"{k[:8]:>9}" for k in kinds)]
        for g in kinds:
            rows.append(f"{g:<18}" + " ".join(f"{self.confusion[g][p] if g in self.confusion and p in self.confusion[g] else 0:>9}" for p in kinds))
        return "\n".join(rows)

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
        out["kind_confusion"] = {g: dict(p) for g, p in self.confusion.items()}
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


def _subject_ok(f: Fact, g: dict[str, Any]) -> bool:
    """The subject agrees; a last-year figure (figure_type 上年) is the gold's `item上年数` — the
    annotation convention spells in the name what the record carries in `figure_type`."""
    if subjects_match(f.subject, g.get("subject")):
        return True
    return f.figure_type == "上年" and bool(f.subject) and subjects_match(f"{f.subject}上年数", g.get("subject"))


def fact_is_right(f: Fact, gold: list[dict[str, Any]]) -> bool:
    """Kind, span, value, unit and subject agree with the first overlapping gold fact of its kind
    (the `correct` level of `score_document`, for one fact; reasons are not covered)."""
    g = next((g for g in gold if g["kind"] == f.kind and _overlap(tuple(f.span), (g["start"], g["end"]))), None)
    return g is not None and _value_ok(f, g) and _subject_ok(f, g)


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
        subj_ok = _reason_ok(f, g, spans) if f.kind == "reason" else _subject_ok(f, g)
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
    _confusion(pred, gold, score)


def _confusion(pred: list[Fact], gold: list[dict[str, Any]], score: Score) -> None:
    """Kinds compared by span alone, so a right number with the wrong kind shows as such."""
    seen: set[int] = set()
    for f in pred:
        hits = [i for i, g in enumerate(gold) if i not in seen and _overlap(tuple(f.span), (g["start"], g["end"]))]
        i = next((i for i in hits if gold[i]["kind"] == f.kind), hits[0] if hits else None)
        if i is None:
            score.confusion["none"][f.kind] += 1
        else:
            seen.add(i)
            score.confusion[gold[i]["kind"]][f.kind] += 1
    for i, g in enumerate(gold):
        if i not in seen:
            score.confusion[g["kind"]]["none"] += 1


def evaluate(corpus: str | Path, annotations: str | Path) -> Score:
    from .pipeline import extract_document

    check_inputs(corpus, annotations)
    gold = load_gold(annotations)
    if not gold:
        raise UsageError(f"no gold facts (*.jsonl) in {annotations}")
    score = Score()
    for name, recs in gold.items():
        path = Path(corpus) / name
        result = extract_document(path, is_text=False)
        score_document(result.facts, recs, score, doc=name)
    return score


# ---------------------------------------------------------------- tables


def _norm_label(s: str | None) -> str:
    return _NORM.sub("", s or "").replace("：", "").replace(":", "")


def _norm_column(s: str | None) -> str:
    return " > ".join(_norm_label(p) for p in (s or "").split(">") if _norm_label(p))


@dataclass
class TableScore:
    found: PRF = field(default_factory=PRF)  # the cell itself (span overlap, same value)
    correct: PRF = field(default_factory=PRF)  # and row label, column path and code right
    by_part: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # misses per field
    indicators: PRF = field(default_factory=PRF)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def render(self) -> str:
        f, c, i = self.found, self.correct, self.indicators
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.by_part.items()))
        return (
            f"cells found    P/R/F1 {f.precision:.3f}/{f.recall:.3f}/{f.f1:.3f}  (gold {f.n_gold})\n"
            f"cells correct  P/R/F1 {c.precision:.3f}/{c.recall:.3f}/{c.f1:.3f}  wrong fields: {parts or 'none'}\n"
            f"indicators     P/R/F1 {i.precision:.3f}/{i.recall:.3f}/{i.f1:.3f}  (gold {i.n_gold})"
        )


def score_tables(cells: list[Any], indicators: list[Any], gold: list[dict[str, Any]], score: TableScore, *, doc: str = "") -> None:
    """Cells match gold by overlapping span and equal value; correct also needs label, column, code."""
    gcells = [g for g in gold if g.get("type") == "cell"]
    gind = [g for g in gold if g.get("type") == "indicator"]
    by_start = {g["start"]: g for g in gcells}
    score.found.n_gold += len(gcells)
    score.correct.n_gold += len(gcells)
    seen: set[int] = set()
    for c in cells:
        score.found.n_pred += 1
        score.correct.n_pred += 1
        g = by_start.get(c.span[0]) if c.span else None
        if g is None or abs(g["value"] - c.value) > 1e-6:
            score.errors.append({"doc": doc, "type": "spurious", "table": c.table_title, "row": c.row_label, "column": c.column, "value": c.value})
            continue
        score.found.tp += 1
        if g["start"] not in seen:
            score.found.tp_gold += 1
        wrong = []
        if _norm_label(c.row_label) != _norm_label(g.get("row_label")):
            wrong.append("row_label")
        if _norm_column(c.column) != _norm_column(g.get("column")):
            wrong.append("column")
        if (c.code or None) != (g.get("code") or None):
            wrong.append("code")
        if wrong:
            for w in wrong:
                score.by_part[w] += 1
            score.errors.append({"doc": doc, "type": "wrong", "fields": wrong, "line": g.get("line"), "pred": [c.row_label, c.column, c.code], "gold": [g.get("row_label"), g.get("column"), g.get("code")]})
        else:
            score.correct.tp += 1
            if g["start"] not in seen:
                score.correct.tp_gold += 1
        seen.add(g["start"])
    for g in gcells:
        if g["start"] not in seen:
            score.errors.append({"doc": doc, "type": "missed", "table": g.get("table_title"), "row": g.get("row_label"), "column": g.get("column"), "line": g.get("line")})
    gi = {g["start"]: g for g in gind}
    score.indicators.n_gold += len(gind)
    for i in indicators:
        score.indicators.n_pred += 1
        g = gi.get(i.span[0]) if i.span else None
        if g and _norm_label(g.get("indicator")) == _norm_label(i.indicator) and g.get("comparator") == i.comparator and g.get("value") == i.value:
            score.indicators.tp += 1
            score.indicators.tp_gold += 1


def evaluate_tables(corpus: str | Path, annotations: str | Path) -> TableScore:
    from .pipeline import extract_document

    score = TableScore()
    for p in sorted(Path(annotations).glob("*.jsonl")):
        gold = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
        if not gold:
            continue
        r = extract_document(Path(corpus) / gold[0]["doc"], is_text=False)
        score_tables(r.cells, r.indicators, gold, score, doc=gold[0]["doc"])
    return score


# ---------------------------------------------------------------- alignments and findings


@dataclass
class MetricScore:
    """Metric ids of the facts that found their gold fact (gold labelled with `metric_review`).

    Per metric: precision over facts given that id, recall over gold facts with it; a gold fact
    the pipeline missed counts against recall. "none" (no canonical metric) is scored like an id.
    """

    per: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    confusion: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    n: int = 0
    right: int = 0

    def summary(self) -> dict[str, Any]:
        ids = [k for k in self.per if k != "none"]
        macro = sum(self.per[k].f1 for k in ids) / len(ids) if ids else 0.0
        return {"accuracy": round(self.right / self.n, 4) if self.n else 0.0, "macro_f1": round(macro, 4), "n": self.n}

    def as_dict(self) -> dict[str, Any]:
        top = sorted(((g, p, c) for (g, p), c in self.confusion.items() if g != p), key=lambda x: -x[2])
        return {
            **self.summary(),
            "per_metric": {k: v.as_dict() for k, v in sorted(self.per.items())},
            "confusions": [{"gold": g, "predicted": p, "n": c} for g, p, c in top],
            "by_group": {f"{g}>{p}": c for (g, p), c in sorted(self._groups().items())},
        }

    def _groups(self) -> dict[tuple[str, str], int]:
        out: dict[tuple[str, str], int] = defaultdict(int)
        for (g, p), c in self.confusion.items():
            out[(g.split(".")[0], p.split(".")[0])] += c
        return out

    def render(self, top: int = 12) -> str:
        s = self.summary()
        lines = [f"metrics: accuracy {s['accuracy']:.3f} on {s['n']} found facts, macro-F1 {s['macro_f1']:.3f} over {len(self.per) - ('none' in self.per)} ids"]
        lines.append(f"{'metric':<34} P/R/F1               n_gold")
        for k, v in sorted(self.per.items(), key=lambda kv: -kv[1].n_gold)[:top]:
            lines.append(f"{k:<34} {v.precision:.3f}/{v.recall:.3f}/{v.f1:.3f}   {v.n_gold:>5}")
        groups = sorted({g for pair in self._groups() for g in pair})
        gc = self._groups()
        lines.append("metric groups (gold \\ predicted)" + "".join(f"{g[:8]:>9}" for g in groups))
        for g in groups:
            lines.append(f"{g:<33}" + "".join(f"{gc.get((g, p), 0):>9}" for p in groups))
        conf = self.as_dict()["confusions"][:top]
        if conf:
            lines.append("most frequent confusions: " + "; ".join(f"{c['gold']} → {c['predicted']} ×{c['n']}" for c in conf))
        return "\n".join(lines)


def score_metrics(pred: list[Fact], gold: list[dict[str, Any]], score: MetricScore) -> None:
    labelled = [g for g in gold if g["kind"] != "reason" and "metric_review" in g]
    matched: set[int] = set()
    for f in pred:
        if f.kind == "reason":
            continue
        i = next((i for i, g in enumerate(labelled) if g["kind"] == f.kind and _overlap(tuple(f.span), (g["start"], g["end"]))), None)
        if i is None or i in matched:
            continue
        matched.add(i)
        gm, pm = labelled[i].get("metric") or "none", f.metric or "none"
        score.n += 1
        score.right += gm == pm
        score.confusion[(gm, pm)] += 1
        score.per[pm].n_pred += 1
        if gm == pm:
            score.per[pm].tp += 1
            score.per[pm].tp_gold += 1
    for g in labelled:
        score.per[g.get("metric") or "none"].n_gold += 1


@dataclass
class AlignScore:
    correct: int = 0  # the gold cell (or an equivalent one) was chosen
    wrong: int = 0  # another cell was chosen, or a cell where gold says there is none
    abstained: int = 0  # gold has a cell, nothing was chosen
    gold_with_cell: int = 0
    status_right: int = 0  # consistent/mismatch agrees with gold, among correct ones
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / (self.correct + self.wrong) if self.correct + self.wrong else 1.0

    @property
    def abstain_rate(self) -> float:
        return self.abstained / self.gold_with_cell if self.gold_with_cell else 0.0

    def render(self) -> str:
        return (
            f"alignment accuracy {self.accuracy:.3f} ({self.correct} right, {self.wrong} wrong), "
            f"abstained on {self.abstain_rate:.1%} of {self.gold_with_cell} amounts that have a table entry; "
            f"status right for {self.status_right}/{self.correct}"
        )


def score_alignments(facts: list[Fact], alignments: list[Any], gold: list[dict[str, Any]], score: AlignScore, *, doc: str = "") -> None:
    by_fact = {a.fact_id: a for a in alignments}
    for g in gold:
        pf = next((f for f in facts if f.kind == "amount" and f.span[0] < g["fact_end"] and g["fact_start"] < f.span[1]), None)
        a = by_fact.get(pf.fact_id) if pf else None
        ok_starts = {c["start"] for c in [g.get("cell"), *g.get("also", [])] if c}
        if ok_starts:
            score.gold_with_cell += 1
        if a is None:
            if ok_starts:
                score.abstained += 1
            continue
        pred_start = a.cell_span[0] if a.cell_span else None
        if pred_start in ok_starts:
            score.correct += 1
            score.status_right += a.status == g.get("status")
        else:
            score.wrong += 1
            score.errors.append({"doc": doc, "line": g.get("line"), "subject": g.get("subject"), "pred": [a.table_title, a.row_label, a.column, a.table_value], "gold": g.get("cell")})


@dataclass
class FindingScore:
    per_check: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    errors: list[dict[str, Any]] = field(default_factory=list)

    def total(self) -> PRF:
        t = PRF()
        for p in self.per_check.values():
            t.tp += p.tp
            t.tp_gold += p.tp_gold
            t.n_pred += p.n_pred
            t.n_gold += p.n_gold
        return t

    def render(self) -> str:
        t = self.total()
        rows = [f"findings P/R/F1 {t.precision:.3f}/{t.recall:.3f}/{t.f1:.3f} (gold {t.n_gold}, predicted {t.n_pred})"]
        for k, p in sorted(self.per_check.items()):
            rows.append(f"  {k:<22} P {p.precision:.2f} R {p.recall:.2f} (gold {p.n_gold}, pred {p.n_pred})")
        return "\n".join(rows)


_GROUPED = re.compile(r"（共\d+处）")
#: the words a grouped finding reports: 模板残留（未处理的模板选项）：增加(减少)（共4处） → 增加(减少)
_GROUPED_SURFACE = re.compile(r"：([^：]{2,40}?)（共\d+处）$")
#: characters between a finding's evidence and a gold one's that still make them one place
NEAR_EVIDENCE = 10


def score_findings(pred: list[Finding], gold: list[dict[str, Any]], score: FindingScore, *, doc: str = "") -> None:
    """A finding matches a gold one of the same check whose evidence span overlaps, or whose
    message names the same thing (the same gap reported at the parent or at the child row)."""
    from rapidfuzz import fuzz

    for g in gold:
        score.per_check[g["check"]].n_gold += 1
    candidates: list[list[int]] = []
    for f in pred:
        same = [i for i, g in enumerate(gold) if g["check"] == f.check]
        # evidence overlapping, or within a few characters (the total 3736.92 and the list right after it)
        overlap = [i for i in same if f.span and gold[i].get("start") is not None
                   and f.span[0] < gold[i]["end"] + NEAR_EVIDENCE and gold[i]["start"] < f.span[1] + NEAR_EVIDENCE]
        # a finding said once for the whole document (…（共3处）) is about every place of its kind
        if _GROUPED.search(f.message):
            overlap = overlap + [i for i in same if i not in overlap]
        # the same problem pointed at another place of the same evidence: the closest message
        worded = sorted((i for i in same if fuzz.partial_ratio(f.message, gold[i].get("message", "")) >= 60), key=lambda i: -fuzz.partial_ratio(f.message, gold[i].get("message", "")))
        candidates.append(list(dict.fromkeys(overlap + worded)))  # evidence first, then wording
    # each gold finding is found by at most one prediction: the largest such matching (a finding whose
    # long evidence spans two gold places must not take the one a closer finding needs)
    owner: dict[int, int] = {}

    def claim(k: int, seen: set[int]) -> bool:
        for i in candidates[k]:
            if i not in seen:
                seen.add(i)
                if i not in owner or claim(owner[i], seen):
                    owner[i] = k
                    return True
        return False

    for k in range(len(pred)):
        claim(k, set())
    used = set(owner)
    # a finding said once for every place of one residue (模板残留（…）：增加(减少)（共4处）) finds each
    # gold place whose evidence holds those words
    for f in pred:
        said = _GROUPED_SURFACE.search(f.message)
        if said and _GROUPED.search(f.message):
            used |= {i for i, g in enumerate(gold) if g["check"] == f.check and said.group(1) in (g.get("evidence") or "")}
    for k, f in enumerate(pred):
        p = score.per_check[f.check]
        p.n_pred += 1
        if not candidates[k]:
            score.errors.append({"doc": doc, "type": "false", "check": f.check, "message": f.message})
            continue
        p.tp += 1  # (a place found twice is right twice; it is found once)
    for i in used:
        score.per_check[gold[i]["check"]].tp_gold += 1
    for i, g in enumerate(gold):
        if i not in used:
            score.errors.append({"doc": doc, "type": "missed", "check": g["check"], "message": g.get("message")})


def evaluate_all(corpus: str | Path, annotations: str | Path, *, models: Models | None = None, only: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every score the annotations allow: facts (per kind and per metric), table cells and targets,
    alignments, findings. `models` defaults to the shipped ones; `Models()` scores the rules alone.
    A document is scored for whatever gold it has: one with a findings or alignments file but no
    gold facts (an empty facts file) still counts for findings and alignments. `only` keeps the
    documents whose file name starts with one of its prefixes (a held-out part of a corpus).

    These are in-sample numbers for the shipped models (they were trained on these annotations);
    `budget-extract evaluate --lodo` gives the held-out ones.
    """
    from .ingest import read_document
    from .pipeline import process

    check_inputs(corpus, annotations)
    ann = Path(annotations)
    facts_gold = load_gold(ann / "facts") if (ann / "facts").is_dir() else {}
    fs, ts, al, fi, ms = Score(), TableScore(), AlignScore(), FindingScore(), MetricScore()

    def jsonl(p: Path) -> list[dict[str, Any]]:
        return [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()] if p.exists() else []

    gold_files = {p.stem for sub in ("tables", "alignments", "findings") for p in (ann / sub).glob("*.jsonl")}
    docs = sorted({p.name for p in Path(corpus).glob("*") if p.is_file()} & ({*facts_gold} | gold_files))
    docs = [d for d in docs if not only or d.startswith(only)]
    if not docs:
        raise UsageError(f"no document in {corpus}{' starting with ' + '/'.join(only) if only else ''} has gold in {ann}: nothing to score")
    for doc in docs:
        r = process(read_document(Path(corpus) / doc), models=models)
        if doc in facts_gold:
            score_document(r.facts, facts_gold[doc], fs, doc=doc)
            score_metrics(r.facts, facts_gold[doc], ms)
        score_tables(r.cells, r.indicators, jsonl(ann / "tables" / f"{doc}.jsonl"), ts, doc=doc)
        score_alignments(r.facts, r.alignments, jsonl(ann / "alignments" / f"{doc}.jsonl"), al, doc=doc)
        if (ann / "findings" / f"{doc}.jsonl").exists():  # no file: not annotated for findings (an empty file: clean)
            score_findings(r.findings, jsonl(ann / "findings" / f"{doc}.jsonl"), fi, doc=doc)
    used = models if models is not None else Models.shipped()
    return {
        "documents": docs,
        "models": [n for n in Models.NAMES if getattr(used, n) is not None],
        "facts": fs.as_dict(),
        "metrics": ms.as_dict(),
        "tables": {"found": ts.found.as_dict(), "correct": ts.correct.as_dict(), "indicators": ts.indicators.as_dict(), "wrong_fields": dict(ts.by_part)},
        "alignments": {"accuracy": round(al.accuracy, 4), "abstain_rate": round(al.abstain_rate, 4), "correct": al.correct, "wrong": al.wrong, "gold_with_cell": al.gold_with_cell},
        "findings": {"all": fi.total().as_dict(), **{k: v.as_dict() for k, v in sorted(fi.per_check.items())}},
        "finding_errors": fi.errors,
        "_render": "\n\n".join([fs.render(), "kinds (by span)\n" + fs.render_confusion(), ms.render(), ts.render(), al.render(), fi.render()]),
    }
