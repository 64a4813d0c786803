"""Which fact a reason explains, chosen by a trained ranker.

The rules attach a reason (主要原因是……) to the last change before it in its sentence, or to an item
the sentence names. Documents disagree about what that means: 比上年增加125.62万元，增长1.98%，主要原因是…
explains the change (both numbers state it; the gold takes the percent when it comes last), a reason
in its own sentence explains the change of the previous one, numbers inside the reason text are
never what it explains. The candidates are the facts before the reason in its section (nearest
first); a linear model scores each from its kind, distance, position among changes, whether the
reason's sentence names its subject, and whether the rules chose it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from .model import LinearModel, bucket
from .ranker import Ranker
from .records import Fact
from .resources import alternation, change_verbs, cues
from .verbs import patterns as verb_patterns

MAX_BACK = 8  # candidates: the nearest facts before the reason
MAX_GAP = 400  # characters between a candidate and the reason


_QUOTE_MARKS = re.compile(r"[“”\"‘’']")


def unquote(s: str) -> str:
    """“三公”经费 → 三公经费: quotes around a term are not part of the name a subject is matched by."""
    return _QUOTE_MARKS.sub("", s)


def reason_candidates(reason: Fact, facts: list[Fact], before: int | None = None) -> list[Fact]:
    """Non-reason facts among `facts[:before]` that end before the reason starts, in its section,
    nearest first, and the rules' choice wherever it is (no copy of the list: this runs once per reason)."""
    out = []
    for i in range(len(facts) if before is None else before, 0, -1):
        f = facts[i - 1]
        if f.kind == "reason" or f.span[1] > reason.span[0] or f.section != reason.section:
            continue
        if reason.span[0] - f.span[1] > MAX_GAP:
            break
        out.append(f)
        if len(out) == MAX_BACK + 2:  # a numberless 持平 follows its sentence's numbers in the list
            break
    out = sorted(out, key=lambda f: -f.span[0])[:MAX_BACK]  # nearest in the text first
    if reason.explains and all(c.fact_id != reason.explains for c in out):
        # the rules' choice (an item the reason's sentence names) may lie beyond the window
        rule = next((f for f in facts[:before] if f.fact_id == reason.explains), None)
        if rule is not None and rule.section == reason.section and rule.span[1] <= reason.span[0]:
            out.append(rule)
    return out


@cache
def _comparison_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The lexicon's 高于/低于 words (change_verbs.json greater, less), compiled once."""
    v = change_verbs()
    return re.compile(alternation(list(v.greater))), re.compile(alternation(list(v.less)))


def lead_direction(lead: str) -> str | None:
    """The direction the words before a reason state last (财政拨款收入支出减少的主要原因 → decrease,
    决算数大于预算数的原因 → increase, 持平的原因 → unchanged): the change it explains went that way."""
    p = verb_patterns()
    best: tuple[int, str] | None = None
    for pat, direction in ((p.greater, "increase"), (p.less, "decrease"), (p.unchanged, "unchanged")):
        for m in pat.finditer(lead):
            if best is None or m.end() > best[0]:
                best = (m.end(), direction)
    greater, less = _comparison_words()
    for pat, direction in ((greater, "increase"), (less, "decrease")):  # 高于预算数 without 决算
        for m in pat.finditer(lead):
            if best is None or m.end() > best[0]:
                best = (m.end(), direction)
    return best[1] if best else None


def candidate_features(reason: Fact, cands: Sequence[Fact], i: int) -> list[str]:
    """Kind, distance, rank among changes, whether the reason names it, and the rules' choice."""
    t = cands[i]
    changes_before = sum(1 for c in cands[:i] if c.kind == "change")
    same = t.sentence == reason.sentence or (t.sentence and t.sentence in reason.sentence)
    gap = reason.span[0] - t.span[1]
    lead = reason.sentence[: max(0, reason.sentence.find(reason.text or "\0"))] if reason.text else reason.sentence
    lead, subj = unquote(lead), unquote(t.subject)
    named = len(subj) >= 2 and (subj in lead or subj[:4] in lead)
    named_exact = len(subj) >= 2 and subj in lead
    ldir = lead_direction(lead)
    pct = t.unit in ("%", "个百分点")
    # the reason's own words name the item (一是…，因公出国(境)费用增加): listed causes say what they explain
    named_text = len(subj) >= 4 and subj[:4] in unquote(reason.text or "")
    is_rule = t.fact_id == reason.explains
    f = [
        f"k={t.kind}",
        f"rank={min(i, 6)}",
        f"crank={min(changes_before, 4)}|{t.kind}",
        f"same={same}",
        f"gap={bucket(gap, (5, 15, 30, 60, 120, 250))}",
        f"pct={pct}|{t.kind}",
        f"named={named}",
        f"named_k={named}|{t.kind}",
        f"rule={t.fact_id == reason.explains}",
        f"rule_k={t.fact_id == reason.explains}|{t.kind}",
        f"dir={t.direction}",
        f"same_k={same}|{t.kind}",
        f"named_exact={named_exact}",
        f"ldir={ldir}|{t.direction}",
        f"agree={ldir is not None and ldir == t.direction}",
        f"named_text={named_text}|{t.kind}",
        f"rule_named_text={is_rule and named_text}",
    ]
    if i + 1 < len(cands):
        nxt = cands[i + 1]  # the fact just before this one
        f.append(f"pair={nxt.kind}>{t.kind}")
        f.append(f"pair_same_subject={nxt.subject == t.subject}")
    else:
        f.append("pair=^")
    return f


@dataclass(slots=True)
class ReasonInput:
    """What the reason ranker sees: the reason and the document's facts before it (by index)."""

    reason: Fact
    facts: list[Fact]
    at: int  # the reason's index in `facts`


class ReasonRanker(Ranker[ReasonInput, Fact]):
    """The fact a reason explains, among the facts before it in its section."""

    name = "reason"

    def candidates(self, x: ReasonInput) -> Sequence[Fact]:
        return reason_candidates(x.reason, x.facts, x.at)

    def features(self, x: ReasonInput, cands: Sequence[Fact], i: int) -> list[str]:
        return candidate_features(x.reason, cands, i)


#: the ordinals that open listed causes (一是…；二是…)
ORDINALS = "一二三四五六七八九十"
#: the leads of causes listed under a heading of reasons: each names the item it explains
LISTED_LEADS = frozenset(f"{n}是" for n in ORDINALS)


@cache
def cause_leads() -> frozenset[str]:
    """The leads of a cause told before the change it brings (因…导致…增加9人; cues.json `cause_first_leads`)."""
    return frozenset(cues()["cause_first_leads"])


def attach_reasons(facts: list[Fact], model: LinearModel | None) -> list[Fact]:
    """Re-point each reason at the fact the model prefers (subject and metric follow the target);
    without a model the rules' attachments stay."""
    if model is None:
        return facts
    ranker = ReasonRanker(model)
    out = list(facts)
    by_id = {f.fact_id: f for f in facts}
    for idx, r in enumerate(facts):
        if r.kind != "reason":
            continue
        x = ReasonInput(r, facts, idx)
        target = by_id.get(r.explains or "")
        if target is not None and (r.surface in LISTED_LEADS or r.surface in cause_leads() and target.span[0] > r.span[0]):
            continue  # a listed cause names its item; a cause told first explains the change after it: the rules' choice stays
        chosen = ranker.best(x)
        if chosen is None:
            continue
        best = chosen[0]
        if best.fact_id != r.explains:
            out[idx] = replace(r, explains=best.fact_id, subject=best.subject, metric=best.metric)
    return out
