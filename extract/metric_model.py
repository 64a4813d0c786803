"""Canonical metric ids chosen by a trained ranker over taxonomy candidates.

The alias matcher in `taxonomy` knows words, not context: 工资福利支出 listed under 基本支出 is a
breakdown (no canonical metric), 其他社会保障和就业支出 is a 项 not the 类, 安排购置车辆 counts planned
purchases. The candidates of a fact are "none" and every metric with an alias inside its subject;
a linear model scores each from how the alias matches (exact, suffix, what is left over), the kind,
and the context (a parent amount just before, 其中, 购置). Features describe the match rather than the
id alone, so ids seen rarely in training still get sensible scores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from .model import LinearModel, bucket
from .ranker import Ranker
from .records import Fact
from .resources import metrics
from .taxonomy import figure_word_metric, metric_for, norm_label

NONE = "none"
_KIND_GROUP = {"money": ("amount", "change", "percent"), "people": ("headcount", "percent", "change"), "count": ("count", "percent", "change")}
_PARENTS = ("exp.basic", "exp.project", "exp.personnel", "exp.public_use", "exp.admin_operation", "exp.total", "exp.fiscal", "exp.general_budget")


@cache
def _alias_index() -> tuple[tuple[str, str, str], ...]:
    """(normalised alias, metric id, metric kind), longest aliases first."""
    out = {(norm_label(a), m.id, m.kind) for m in metrics() for a in m.aliases if len(norm_label(a)) >= 2}
    return tuple(sorted(out, key=lambda x: (-len(x[0]), x[1], x[0])))  # (the alias last: no tie left to set order)


@dataclass(frozen=True, slots=True)
class MetricCandidate:
    """A metric id the subject may name, and how its alias matched the subject."""

    metric: str  # an id, or NONE
    alias: str = ""
    match: str = ""  # exact, suffix, prefix, inside


_MATCH_RANK = {"exact": 0, "suffix": 1, "prefix": 2, "inside": 3}


@lru_cache(maxsize=16384)
def metric_candidates(subject: str) -> tuple[MetricCandidate, ...]:
    """"none" and every metric with an alias inside the subject (the longest alias per metric)."""
    s = norm_label(subject)
    best: dict[str, MetricCandidate] = {}
    if (mid := figure_word_metric(s)) is not None:
        best[mid] = MetricCandidate(mid, s, "exact")  # 收入决算总计: 收入总计 with its figure word
    for alias, mid, _ in _alias_index():
        if alias not in s:
            continue
        match = "exact" if alias == s else "suffix" if s.endswith(alias) else "prefix" if s.startswith(alias) else "inside"
        had = best.get(mid)
        # (two aliases of one metric as long as each other — 专项项目 and 项目支出 in 专项项目支出 — the one
        # at the head of the phrase describes the match best)
        if had is None or len(had.alias) == len(alias) and _MATCH_RANK[match] < _MATCH_RANK[had.match]:
            best[mid] = MetricCandidate(mid, alias, match)
    return (MetricCandidate(NONE), *best.values())


@cache
def _metric_kind() -> dict[str, str]:
    return {m.id: m.kind for m in metrics()}


@dataclass(frozen=True, slots=True)
class MetricContext:
    """What the ranker knows around a fact: the parent amount before it and the words before its subject."""

    parent: str  # metric of the last amount in this sentence or the one before ("" if none)
    in_list: bool  # 其中 / 包括 / 主要用于 before the subject in the sentence
    before: str  # up to 6 characters before the subject in the sentence
    rule: str  # the alias matcher's answer


def candidate_features(f: Fact, ctx: MetricContext, c: MetricCandidate, n_cands: int) -> list[str]:
    """How the candidate's alias covers the subject, crossed with its group, the kind and the context."""
    k = f.kind
    subj = norm_label(f.subject or "")
    feats = [f"k={k}", f"n={bucket(n_cands, (2, 3, 4))}", f"list={ctx.in_list}", f"pg={ctx.parent.split('.')[0] if ctx.parent else '-'}"]
    if c.metric == NONE:
        feats += ["none", f"none_k={k}", f"none_len={bucket(len(subj), (2, 4, 7, 11, 16))}", f"none_rule={ctx.rule == NONE}"]
        feats += [f"none_b2={subj[:2]}", f"none_e2={subj[-2:]}", f"none_parent={ctx.parent or '-'}"]
        feats += [f"none_before={b}" for b in _bigrams(ctx.before)]
        return feats
    group = c.metric.split(".")[0]
    sub = c.metric.rsplit(".", 1)[0]
    mk = _metric_kind().get(c.metric, "money")
    left, right = subj.split(c.alias, 1) if c.alias in subj else (subj, "")
    feats += [
        f"id={c.metric}",
        f"g={group}",
        f"sub={sub}",
        f"m={c.match}",
        f"gm={group}|{c.match}",
        f"kk={k}|{mk}",
        f"kind_ok={k in _KIND_GROUP.get(mk, ())}",
        f"cov={bucket(len(c.alias) / max(1, len(subj)), (0.3, 0.5, 0.7, 0.9, 1.0))}",
        f"rule={ctx.rule == c.metric}",
        f"lhead={left[:2]}",
        f"ltail={left[-2:]}",
        f"rhead={right[:2]}",
        f"rtail={right[-2:]}",
        f"glhead={group}|{left[:2]}",
        f"grtail={group}|{right[-3:]}",
        f"gparent={group}|{ctx.parent or '-'}",
        f"glist={group}|{ctx.in_list}",
        f"parent_self={ctx.parent == c.metric}",
    ]
    feats += [f"gbefore={group}|{b}" for b in _bigrams(ctx.before)]
    return feats


def _bigrams(s: str) -> list[str]:
    return [s[i : i + 2] for i in range(len(s) - 1)]


_LIST = re.compile(r"其中|包括|主要用于|具体为|分别为|按[^，。；]{0,12}划分")


def contexts(facts: list[Fact]) -> list[MetricContext]:
    """One context per fact, in document order (a parent is remembered across one sentence)."""
    out: list[MetricContext] = []
    parent, parent_sentence, last_sentence = "", "", ""
    for f in facts:
        s = f.sentence or ""
        if s != last_sentence and parent_sentence not in ("", last_sentence):
            parent = ""  # the parent was two sentences ago: forget it
        at = s.find(f.subject) if f.subject else -1
        head = s[:at] if at >= 0 else s[: max(0, s.find(f.surface))] if f.surface else ""
        rule = metric_for(f.subject or "", kind=f.kind) or NONE
        out.append(MetricContext(parent=parent, in_list=bool(_LIST.search(head)), before=head[-6:], rule=rule))
        if f.kind == "amount" and rule in _PARENTS:
            parent, parent_sentence = rule, s
        last_sentence = s
    return out


@dataclass(slots=True)
class MetricInput:
    """What the metric ranker sees of one fact: the fact and its context in the document."""

    fact: Fact
    ctx: MetricContext


class MetricRanker(Ranker[MetricInput, MetricCandidate]):
    """The canonical metric of a fact's subject, among the taxonomy's candidates."""

    name = "metric"

    def candidates(self, x: MetricInput) -> Sequence[MetricCandidate]:
        return metric_candidates(x.fact.subject or "")

    def features(self, x: MetricInput, cands: Sequence[MetricCandidate], i: int) -> list[str]:
        return candidate_features(x.fact, x.ctx, cands[i], len(cands))


def assign_metrics(facts: list[Fact], model: LinearModel | None) -> list[Fact]:
    """Every fact's metric from the trained ranker (reasons keep the metric of what they explain);
    without a model the alias matcher's metrics stay."""
    if model is None:
        return facts
    ranker = MetricRanker(model)
    out = []
    for f, ctx in zip(facts, contexts(facts), strict=True):
        if f.kind == "reason":
            out.append(f)
            continue
        best = ranker.scores(MetricInput(f, ctx))[0][1].metric
        m = None if best == NONE else best
        out.append(f if m == f.metric else replace(f, metric=m))
    by_id = {f.fact_id: f.metric for f in out}
    return [replace(f, metric=by_id.get(f.explains)) if f.kind == "reason" and f.explains in by_id else f for f in out]
