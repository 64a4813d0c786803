"""Subject spans chosen by a trained ranker (a span model in the spancat sense).

The rules in `facts` propose a subject; this module proposes its neighbours in the sentence — the
same words trimmed or extended at jieba token edges (三公经费一般公共预算安排 → 三公经费,
政府采购项目预算 → 预留给小型和微型企业的政府采购项目预算) — and a linear model trained on
`annotations/facts` scores every candidate. The rules' subject is always a candidate, so an
inherited subject (较上年增加… takes the amount's item) survives. Candidate features are strings,
hashed like every other model's (`extract.model`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from .model import LinearModel, bucket
from .ranker import Ranker
from .taxonomy import metric_for, norm_label
from .tokens import tokenizer
from .verbs import lead_verb

LEFT_WINDOW = 40  # characters before the number that may hold its subject
MAX_LEN = 24  # longest candidate subject, in characters
EXTEND = 14  # how far left of the rules' subject a candidate may start
_STOP = set("，,；;。：:、（）()“”\"《》 \t")


@dataclass(frozen=True, slots=True)
class SubjectContext:
    """What the ranker sees of one fact: the sentence, where the number starts, the rules' subject."""

    sentence: str
    number_at: int
    kind: str
    rule_subject: str
    gazetteer: frozenset[str] = frozenset()  # the document's own item names (`extract/itemnames.py`)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One span that may be the subject; `is_rule` marks the rules' own answer."""

    start: int  # sentence offsets; -1 when the candidate is not in the sentence (an inherited subject)
    end: int
    text: str
    is_rule: bool


@lru_cache(maxsize=4096)
def sentence_boundaries(sentence: str) -> tuple[int, ...]:
    """Token edges of a whole sentence, cut once however many numbers it holds."""
    out = [0]
    for tok in tokenizer().cut(sentence, HMM=False):
        out.append(out[-1] + len(tok))
    return tuple(out)


def _boundaries(sentence: str, lo: int, hi: int) -> list[int]:
    return sorted({lo, hi} | {b for b in sentence_boundaries(sentence) if lo <= b <= hi})


def candidates(ctx: SubjectContext) -> list[Candidate]:
    """The rules' subject and the spans near it that start and end on token edges."""
    s, p = ctx.sentence, ctx.number_at
    w0 = max(0, p - LEFT_WINDOW)
    bounds = _boundaries(s, w0, p)
    rule = ctx.rule_subject
    at = s.rfind(rule, w0, p) if rule else -1
    out: dict[tuple[int, int], Candidate] = {}
    if at >= 0:
        rs, re_ = at, at + len(rule)
        ends = {b for b in bounds if rs < b <= re_} | {re_}
        starts = {b for b in bounds if rs - EXTEND <= b < re_} | {rs}
    else:
        end = p
        while end > w0 and s[end - 1] in _STOP:
            end -= 1
        ends = {b for b in bounds if end - 8 <= b <= end} | {end}
        starts = {b for b in bounds if end - MAX_LEN <= b < end}
    for a in starts:
        for b in ends:
            if 0 < b - a <= MAX_LEN:
                text = s[a:b]
                if text[0] in _STOP or text[-1] in _STOP:
                    continue
                if lead_verb(text) and not (at >= 0 and a == at):
                    continue  # 调减外事经费200万元: a change verb starts no subject (the item follows it)
                out[(a, b)] = Candidate(a, b, text, is_rule=(at >= 0 and a == at and b == at + len(rule)))
    cands = list(out.values())
    if rule and at < 0:
        cands.append(Candidate(-1, -1, rule, is_rule=True))
    elif rule and not any(c.is_rule for c in cands):
        cands.append(Candidate(at, at + len(rule), rule, is_rule=True))
    return cands


def candidate_features(ctx: SubjectContext, c: Candidate, rule_at: int) -> list[str]:
    """Why a span would be the subject: its edges, what surrounds it, how it differs from the rules'."""
    t, s, k = c.text, ctx.sentence, ctx.kind
    f = [f"k={k}", f"rule={c.is_rule}", f"len={bucket(len(t), (2, 3, 4, 6, 8, 11, 15, 20))}"]
    f += [f"b1={t[0]}", f"b2={t[:2]}", f"e1={t[-1]}", f"e2={t[-2:]}", f"ke2={k}|{t[-2:]}", f"e3={t[-3:]}"]
    f.append(f"punct={any(ch in _STOP for ch in t)}")
    f.append(f"digit={any(ch.isdigit() for ch in t)}")
    f.append(f"alias={'exact' if _is_alias(t) else bool(metric_for(t, kind=k))}")
    f.append(f"gaz={t in ctx.gazetteer}")  # a name the document's own tables or headings use
    if c.start >= 0:
        before = s[max(0, c.start - 2) : c.start]
        f += [f"l1={before[-1:] or '^'}", f"l2={before or '^'}"]
        gap = s[c.end : ctx.number_at]
        f += [f"gap={bucket(len(gap), (1, 2, 3, 5, 8, 12))}", f"g2={gap[:2]}", f"gl={gap[-1:]}"]
        f.append(f"gappunct={any(ch in _STOP for ch in gap)}")
        if rule_at >= 0:
            rs, re_ = rule_at, rule_at + len(ctx.rule_subject)
            ds, de = c.start - rs, re_ - c.end
            f += [f"ds={'-' if ds < 0 else '+'}{bucket(abs(ds), (1, 2, 4, 7, 11))}", f"de={bucket(de, (1, 2, 4, 7, 11))}"]
            if de > 0:
                f.append(f"cut={ctx.rule_subject[len(ctx.rule_subject) - de :][:4]}")
            if ds > 0:
                f.append(f"drop={ctx.rule_subject[:ds][-4:]}")
            elif ds < 0:
                f.append(f"add={s[c.start : rs][:4]}")
        else:
            f.append("rule_elsewhere")
    else:
        f.append("inherited")
    if c.is_rule:
        f.append(f"rk={k}|{bucket(len(t), (2, 4, 8, 15))}")
    return f


@cache
def _aliases() -> frozenset[str]:
    from .resources import metrics

    return frozenset(norm_label(a) for m in metrics() for a in m.aliases)


def _is_alias(t: str) -> bool:
    return norm_label(t) in _aliases()


class SubjectRanker(Ranker[SubjectContext, Candidate]):
    """Subject spans around the rules' subject, scored by the trained subject model."""

    name = "subject"

    def candidates(self, x: SubjectContext) -> Sequence[Candidate]:
        return candidates(x)

    def features(self, x: SubjectContext, cands: Sequence[Candidate], i: int) -> list[str]:
        rule_at = next((c.start for c in cands if c.is_rule), -1)
        return candidate_features(x, cands[i], rule_at)

    def best(self, x: SubjectContext) -> tuple[Candidate, float] | None:
        if self.model is None or not x.rule_subject and x.number_at <= 0:
            return None
        return super().best(x)


def score_candidates(ctx: SubjectContext, model: LinearModel) -> list[tuple[float, Candidate]]:
    """Every candidate span with its score, best first."""
    return SubjectRanker(model).scores(ctx)


def choose_subject(ctx: SubjectContext, model: LinearModel | None) -> tuple[str, float] | None:
    """(raw subject text, probability) of the best candidate, or None without a model."""
    chosen = SubjectRanker(model).best(ctx)
    return None if chosen is None else (chosen[0].text, chosen[1])
