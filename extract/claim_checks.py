"""Claims a document makes twice and cannot both be true.

A long 三公 or 决算 page states one item's change against one baseline in its overview and again
in a summary paragraph (从汇总数据看…); when the two disagree in direction, one of them was left
from another draft. Only the direction is compared: two figures of one item against one baseline
may differ in scope (一般公共预算财政拨款 vs all funds) and still both be right, but not one
increase and one decrease.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache

from .align import MONEY
from .normalize import one_to_one
from .records import Fact, Finding
from .resources import cue_pattern, cues, metric_partitions, metric_subsets, spending_side
from .taxonomy import metric_for

_YEAR = re.compile(r"(?:19|20)\d{2}")


def _baseline_key(f: Fact) -> str:
    """What a change is measured against, without its wording: 2020年 / 2020年度 / 2020年决算 → 2020…"""
    b = re.sub(r"\s+|年度?|同期|同口径", "", f.baseline or "")
    return b or "上年"


#: how far before its change an item's own amount may stand (项目支出318.89万元，较上年预算安排增加…)
AMOUNT_WINDOW = 40


def _stated_amount(text: str, amounts: list[Fact], ends: list[int], change: Fact) -> float | None:
    """The amount of the change's item stated just before it, in its sentence (项目支出579.45万元，较上年…);
    `amounts` are the money amounts sorted by end, `ends` their ends."""
    for i in range(bisect.bisect_right(ends, change.span[0]) - 1, -1, -1):
        g = amounts[i]
        if change.span[0] - g.span[1] > AMOUNT_WINDOW:
            return None
        if g.metric == change.metric:
            between = text[g.span[1] : change.span[0]]
            # a sentence end or a blank line parts them; a line break mid-sentence is a PDF's wrap
            return None if re.search(r"[。；;]|\n\s*\n", between) else float(g.value) * MONEY[g.unit]  # type: ignore[arg-type,index]
    return None


def conflicting_changes(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """The same item (one canonical metric) said to rise and to fall against the same baseline in
    two places of one document (比2020年减少166.4万元 … 比2020年增加43万元): reported once, at the
    later statement."""
    first: dict[tuple[str, str], Fact] = {}
    amounts = sorted((g for g in ci.facts if g.kind == "amount" and g.unit in MONEY and g.value is not None), key=lambda g: g.span[1])
    ends = [g.span[1] for g in amounts]
    for f in sorted(ci.facts, key=lambda f: f.span[0]):
        if f.kind != "change" or f.unit not in MONEY or not f.value or not f.metric or f.direction not in ("increase", "decrease"):
            continue
        if not f.baseline or not _YEAR.search(f.baseline) and "上年" not in f.baseline:
            continue  # a change against an unnamed base (比预算) is not comparable across paragraphs
        key = (f.metric, _baseline_key(f))
        prev = first.setdefault(key, f)
        if prev is f or prev.sentence == f.sentence:
            continue
        a, b = _stated_amount(ci.text, amounts, ends, prev), _stated_amount(ci.text, amounts, ends, f)
        if a is not None and b is not None and a != b:
            continue  # two scopes of one item (all funds, then 财政拨款): each its own figure and change
        said = {"increase": "增加", "decrease": "减少"}
        if prev.direction == f.direction:
            # 一般公共预算拨款增加了32.42万元 … 一般公共预算财政拨款收入…较2024年增加34.42万元: one change told
            # twice with two values, beyond the rounding of either
            gap = abs(float(prev.value) * MONEY[prev.unit] - float(f.value) * MONEY[f.unit])  # type: ignore[arg-type,index]
            if gap > printed_rounding(prev) * MONEY[prev.unit] + printed_rounding(f) * MONEY[f.unit] and prev.section != f.section and _one_digit_apart(prev, f):  # type: ignore[index]
                yield ci.finding(
                    "claim_contradiction", "warning",
                    f"“{f.subject}”此处称比{f.baseline}{said[f.direction]}{_fmt_number(abs(f.value))}{f.unit}，前文称{said[prev.direction]}{_fmt_number(abs(prev.value))}{prev.unit}，同一增减额前后不一",  # type: ignore[index,arg-type]
                    fact_ids=[prev.fact_id, f.fact_id], span=f.span,
                )
                first[key] = f
            continue
        yield ci.finding(
            "claim_contradiction", "warning",
            f"“{f.subject}”此处称比{f.baseline}{said[f.direction]}{_fmt_number(abs(f.value))}{f.unit}，前文称{said[prev.direction]}{_fmt_number(abs(prev.value))}{prev.unit}",  # type: ignore[index,arg-type]
            fact_ids=[prev.fact_id, f.fact_id], span=f.span,
        )
        first[key] = f  # one report per contradiction, not one per later repetition


#: how many digits two figures need before one differing digit reads as a misprint
MISPRINT_DIGITS = 4
#: how many earlier statements one masked digit string keeps (bounds a page repeating one figure)
MISPRINT_BUCKET = 8


def _one_digit_apart(a: Fact, b: Fact) -> bool:
    """Two figures printed alike but for one digit (32.42 / 34.42): the same figure mistyped once — two
    scopes of an item (all funds, 一般公共预算 alone) differ in more than one place."""
    x, y = (re.sub(r"[^\d.]", "", f.surface or "") for f in (a, b))
    # (at least MISPRINT_DIGITS digits: 10 and 12 are as likely two figures as one mistyped)
    return a.unit == b.unit and len(x) == len(y) and len(x.replace(".", "")) >= MISPRINT_DIGITS and sum(p != q for p, q in zip(x, y, strict=True)) == 1


#: …其中：, and a breakdown in brackets after the total's sentence (287.41万元。(包含…、…))
_OF_WHICH = re.compile(r"\s*(?:人|名|万元|元|亿元)?\s*(?:[,，]|。?\s*[（(])?\s*(?:其中|包括|包含)\s*[:：]?")
_LIST_END = re.compile(r"[。；;\n]")
#: (after a colon the parts may be parted by semicolons, until the next numbered item: …；2、项目支出130万元)
_LIST_END_COLON = re.compile(r"[。\n]|[；;]\s*(?:\d{1,2}\s*[、.．](?!\d)|[（(]?[一二三四五六七八九十]{1,3}[)）、])")
_PART_USE = re.compile(r"用于|包括|如[^\d]")
#: items of one 其中 list stand within this many characters of each other (a long item name and
#: its figure); a farther figure belongs to the next statement
ITEM_GAP = 40


#: the catch-all line of a list (其他收入, 其他支出): after it nothing is left out
_CATCH_ALL = re.compile(r"^其他(?:收入|支出|资金)")
#: 其中 after the sentence that stated the total and its change
_OF_WHICH_AFTER_CHANGE = re.compile(r"\s*(?:%|％|万元|元|亿元)?\s*[。，,；;]?\s*(?:其中|包括)\s*[:：]")
#: a figure a comparison is made with (较2024年的2190万元): last year's, not a total of its own
_COMPARED_FIGURE = re.compile(r"(?:较|比|与|同)[^，,。；;]{0,12}$")
def compared_figure(text: str, f: Fact) -> bool:
    """The figure a change is measured from (较2024年的2190万元减少…): last year's, whatever its wording."""
    return f.figure_type == "上年" or _COMPARED_FIGURE.search(text, max(0, f.span[0] - 16), f.span[0]) is not None


_BRACKET_NOTE = re.compile(r"[（(][^（）()\n]{0,40}[）)]")
#: how far after a total (or its previous change) its own change may start
OWN_CHANGE_GAP = 24


def _after_own_changes(text: str, total: Fact, changes: list[Fact], starts: list[int]) -> int:
    """The end of the changes of `total` stated right after it, in its sentence (比上年增加6.53万元，增长0.49%)."""
    end = total.span[1]
    for f in changes[bisect.bisect_left(starts, end) :]:
        if f.subject != total.subject:
            break
        between = text[end : f.span[0]]
        if "\n" in between:
            break  # (no bracket note holds a line end: asked first, the text to the document's next change is not rewritten)
        if "(" in between or "（" in between:
            between = _BRACKET_NOTE.sub("", between)  # 1335.34万元(0个下属单位与机关统一核算),比上年…
        if len(between) > OWN_CHANGE_GAP or re.search(r"[。；;\n]", between):
            break
        end = f.span[1]
    return end


_NOT_STAFF = re.compile(r"退休|[离離]休|退[职職]|[遗遺][属屬]|学生")


def _unit_scale(f: Fact) -> float:
    return MONEY.get(f.unit or "", 1.0) if f.kind == "amount" else 1.0


def listed_parts_exceed_total(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A total followed by `其中：` and its parts (编制人数42，其中：行政编制人数19、…自收自支编制人数13人):
    the parts may leave some out, but never add up to more than the total. The list ends at the end
    of the sentence or where a part opens its own 其中 list (在职人数49，其中：…)."""
    facts = sorted((f for f in ci.facts if f.kind in ("amount", "headcount") and f.value is not None and (f.kind == "headcount" or f.unit in MONEY)), key=lambda f: f.span[0])
    changes = sorted((f for f in ci.facts if f.kind == "change"), key=lambda f: f.span[0])
    change_starts = [f.span[0] for f in changes]
    for i, total in enumerate(facts):
        m = _OF_WHICH.match(ci.text, total.span[1], total.span[1] + 8)
        if not m:
            # 总收入1335.34万元，比上年增加6.53万元，增长0.49%。其中：… — the total's own changes stand between
            # (not last year's figure the change is measured from: 较2024年的2190万元减少221万元；其中：…)
            end = _after_own_changes(ci.text, total, changes, change_starts) if not compared_figure(ci.text, total) else total.span[1]
            m = _OF_WHICH_AFTER_CHANGE.match(ci.text, end, end + 8) if end > total.span[1] else None
        if not m:
            continue
        if total.kind == "headcount" and i and facts[i - 1].kind == "headcount" and not _CLAUSE_BREAK.search(ci.text, facts[i - 1].span[1], total.span[0]):
            continue  # 现有在职人员15人退休人员7人，其中：…职称3人…: the list is of the run of counts, not of its last one
        parts: list[Fact] = []
        pos = m.end()
        colon = m.group().rstrip().endswith((":", "："))
        bracketed = re.search(r"[（(]", m.group()) is not None  # (其中：…): the list ends where the bracket closes
        for f in facts[i + 1 :]:
            gap = ci.text[pos : f.span[0]]
            # (a list opened with a colon may part its items with semicolons: 其中：A…，占…%；B…)
            if f.kind != total.kind or len(gap) > ITEM_GAP or (_LIST_END_COLON if colon else _LIST_END).search(gap) or "其中" in gap:
                break
            if bracketed and re.search(r"[）)]", ci.text[m.end() : f.span[0]]):
                break
            if colon and _PART_USE.search(gap):
                pos = f.span[1]
                continue  # 医疗卫生908055.4万元，主要用于…贴息5000万元、…: what a part is spent on, not the next part
            if cue_pattern("average_words").search(one_to_one(gap + (f.subject or ""))):
                pos = f.span[1]
                continue  # …保有量为11辆，平均每辆2.08万元: an average, no part
            if "编制" in (total.subject or "") and "编制" not in (f.subject or ""):
                break  # 总编制数27人，其中…编制数7人，…编制数20人，在职实有人数27人: the list of 编制 ends there
            between = ci.text[m.end() : f.span[0]]
            if between.count("(") + between.count("（") > between.count(")") + between.count("）"):
                pos = f.span[1]
                continue  # 公务用车…21万元(购置费0万元、运行维护费21万元): a part's own breakdown in brackets
            opens_list = _OF_WHICH.match(ci.text, f.span[1], f.span[1] + 8) is not None
            if opens_list and re.search(r"[；;]", gap):
                break  # …14.02万元；项目支出预算总额522万元，其中：… — the next statement's total, not a part
            parts.append(f)
            pos = f.span[1]
            if opens_list:
                break  # this part is itself a total: its own parts are not the outer list's
        # retirees, survivors and students are counted beside the staff, never inside a staff total
        others = [p for p in parts if _NOT_STAFF.search(one_to_one(p.subject or "")) and not _NOT_STAFF.search(one_to_one(total.subject or ""))]
        parts = [p for p in parts if all(p is not q for q in others)]
        # a part named inside a former part's name is that part's own part (在职人数49，行政在职人数19、…)
        parts = [p for j, p in enumerate(parts) if not any(q.subject and q.subject != p.subject and q.subject in (p.subject or "") for q in parts[:j])]
        # 一般公共预算财政拨款支出629.31万元…。其中：基本支出768.93万元: one part alone above its total (money:
        # a staff count may exceed its 编制)
        over = next((p for p in parts if total.kind == "amount" and p.unit in MONEY and total.value and not compared_figure(ci.text, p) and p.metric != total.metric
                     and float(p.value) * _unit_scale(p) > float(total.value) * _unit_scale(total) + (printed_rounding(p) * _unit_scale(p) + printed_rounding(total) * _unit_scale(total))
                     # (支出合计353.51元，其中：基本支出303.45万元: the total's unit word slipped — unit_suspect's, not an item above it)
                     and not (p.unit != total.unit and float(p.value) <= float(total.value))), None)  # type: ignore[arg-type]
        if over is not None:
            yield ci.finding(
                "item_exceeds_total", "warning",
                f"“{over.subject}”{_fmt_number(over.value)}{over.unit}列在“{total.subject}”{_fmt_number(total.value)}{total.unit}的“其中”之下，却大于它",  # type: ignore[arg-type]
                fact_ids=[over.fact_id, total.fact_id], span=over.span,
            )
            continue
        if len(parts) < 2:
            continue
        scale = _unit_scale(total)
        got = sum(float(p.value) * _unit_scale(p) for p in parts)  # type: ignore[arg-type]
        tol = sum(printed_rounding(x) * _unit_scale(x) for x in [total, *parts])
        as_total = sum(float(p.value) for p in parts) * scale  # type: ignore[arg-type]
        if any(p.unit != total.unit for p in parts) and total.value and abs(as_total - float(total.value) * scale) <= UNIT_SLIP_NEAR * float(total.value) * scale:  # type: ignore[arg-type]
            # 收入6821.10万元，其中：财政拨款资金收入5359.67元，…: parts printed in 元 under a total in 万元 —
            # the unit slipped (unit_suspect says so); the list is read in the total's unit
            got = as_total
            tol = sum(printed_rounding(x) for x in [total, *parts]) * scale
        # a part equal to the one before it (文化旅游体育与传媒支出286.85万元，群众文化支出286.85万元) is that
        # class's only item restated, when the list adds up to its total without it
        restated = [p for j, p in enumerate(parts) if j and p.value == parts[j - 1].value and p.unit == parts[j - 1].unit]
        if restated and abs(got - sum(float(p.value) * _unit_scale(p) for p in restated) - float(total.value) * scale) <= tol:  # type: ignore[arg-type]
            continue
        # 收入预算504.51万元，其中：…；上年结转结余资金29.81万元 — the carryover listed beside this year's
        # figure, not in it, when the parts without it add up to the total exactly (a 收入预算总额 that holds
        # the carryover adds up with it)
        carried = [p for p in parts if p.metric in CARRYOVER_METRICS]
        if carried and len(parts) - len(carried) >= 2 and total.metric not in CARRYOVER_METRICS and abs(got - sum(float(p.value) * _unit_scale(p) for p in carried) - float(total.value) * scale) <= tol:  # type: ignore[arg-type]
            continue
        # parts that make one complete split of the total (metrics.json `partitions`) are all of it
        # (a member's own part listed in its place stands for it: 车辆运行费 for 公务用车购置及运行费)
        exhaustive = any(set(split) == {_member_of(item_of(p), split) for p in parts} for split in metric_partitions().get(total.metric or "", ()))
        # a list that ends with the catch-all (…，其他收入0万元) names every part there is
        catch_all = total.kind == "amount" and _CATCH_ALL.match(one_to_one(parts[-1].subject or "")) is not None
        want = float(total.value) * scale  # type: ignore[arg-type]
        # one total split two ways in one list (其中，人员经费6157140元，日常公用经费331300元，…财政补助收入
        # 6404400元，其他收入80000元): the first parts close on the total, the rest are the second split —
        # whole too, so a near miss there is the slip
        if got > want + tol and any(w in (total.subject or "") for w in cues()["overlapping_counts"]) and _whole_then_other_figures(parts, want):
            continue  # 总人口48368人，其中农业人口40556人，城镇人口7812人，流动人口542人: the split is whole, the rest are other figures
        if got > want + tol and (second := _second_split(parts, want)) is not None:
            rest_sum = sum(float(p.value) * _unit_scale(p) for p in second)  # type: ignore[arg-type]
            rest_tol = sum(printed_rounding(x) * _unit_scale(x) for x in [total, *second])
            if abs(rest_sum - want) <= rest_tol:
                continue  # both splits whole
            if abs(rest_sum - want) <= SECOND_SPLIT_NEAR * want:
                unit = total.unit or "人"
                yield ci.finding(
                    "list_sum", "warning",
                    f"“{total.subject}”{_fmt_number(total.value)}{unit}，另一种分类所列{len(second)}项合计{_fmt_number(round(rest_sum / scale, 2))}{unit}，不等于总数",
                    fact_ids=[total.fact_id] + [p.fact_id for p in second], span=second[0].span,
                )
                continue
            # (far from the total: no second split but more parts than the total holds — said below)
        if got > want + tol or (exhaustive or catch_all) and abs(got - want) > tol:
            unit = total.unit or "人"
            yield ci.finding(
                "list_sum", "warning" if got > want or exhaustive else "info",
                f"“{total.subject}”{_fmt_number(total.value)}{unit}，其中所列{len(parts)}项合计{_fmt_number(round(got / scale, 2))}{unit}，{'大于总数' if got > want else '不等于总数'}",
                fact_ids=[total.fact_id] + [p.fact_id for p in parts], span=(total.span[0], parts[-1].span[1]),  # the total and its list
            )


_CLAUSE_BREAK = re.compile(r"[，,。；;:：\n]")
#: the carryovers into and out of the year: listed beside a year's income or spending as often as in it
CARRYOVER_METRICS = frozenset({"income.carryover", "exp.carry_forward"})
#: how close parts printed in another unit must add (read in the total's unit) to be its split with the unit slipped
UNIT_SLIP_NEAR = 0.01
#: after a leading run of parts that adds up to the total exactly, figures adding to less than this share
#: of it are other figures the sentence goes on to give, not a second split
OTHER_FIGURES_SHARE = 0.5
#: how far below its total a second complete split may fall and still be read as that split with a slip
SECOND_SPLIT_NEAR = 0.05


def _leading_whole(parts: list[Fact], want: float, rest_min: int) -> int | None:
    """How many leading parts (two or more, `rest_min` or more left after them) add up to the total
    exactly, within their printed rounding; None when no leading run does."""
    acc, tol = 0.0, 0.0
    for k, p in enumerate(parts[: len(parts) - rest_min], 1):
        acc += float(p.value) * _unit_scale(p)  # type: ignore[arg-type]
        tol += printed_rounding(p) * _unit_scale(p)
        if k >= 2 and abs(acc - want) <= tol + 1e-9 * max(want, 1.0):
            return k
    return None


def _whole_then_other_figures(parts: list[Fact], want: float) -> bool:
    """A leading run of parts adds up to the total and what follows adds up to less than
    `OTHER_FIGURES_SHARE` of it: figures of another kind, not more parts (asked only of totals that are
    counted several ways, cues.json `overlapping_counts`)."""
    k = _leading_whole(parts, want, 1)
    return k is not None and sum(float(q.value) * _unit_scale(q) for q in parts[k:]) < OTHER_FIGURES_SHARE * want  # type: ignore[arg-type]


def _second_split(parts: list[Fact], want: float) -> list[Fact] | None:
    """The parts after a leading run that adds up to the total, when at least two remain: a second
    classification of the same total."""
    k = _leading_whole(parts, want, 2)
    return parts[k:] if k is not None else None


def _fmt_number(v: float) -> str:
    """A figure as a message prints it: thousands separated, no exponent, no trailing zeros (6,488,440)."""
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _decimals(surface: str) -> int:
    m = re.search(r"\.(\d+)", surface)
    return len(m.group(1)) if m else 0


_SHARE_LEAD = re.compile(r"^\s*(?:万元|元|亿元)?[\s,，]*(?:占|所占比[重例]为?|比重为?)[^\d，,。；;%\n]{0,10}$")
#: how far back (characters) the stated whole of a composition line may stand
WHOLE_WINDOW = 300


_WHOLE_WORDS = re.compile(r"^(?:本年度?|年度|全年|本单位|本部门|我院|我单位)|(?:合计|总计|总额|共计)$")


def item_of(f: Fact) -> str | None:
    """The taxonomy item a fact names, for adding parts to wholes: its metric, else the item its
    subject names. The metric of a breakdown is null by the guide (工资福利支出 listed inside 基本支出
    is no department-wide figure), yet it is still the 工资福利 part of that 基本支出."""
    return f.metric or metric_for(f.subject or "", kind=f.kind)


@cache
def both_sides() -> re.Pattern[str]:
    """A name for income and spending at once (收支总计, 收入、支出决算总计; cues.json `both_sides`)."""
    return re.compile("|".join(map(re.escape, cues()["both_sides"])))


def whole_item_of(f: Fact) -> str | None:
    """The item a whole stands for: a 收入 total named for both sides (财政拨款收入支出预算) is also
    its 支出 total, the sum of 基本支出 and 项目支出."""
    item = item_of(f)
    side = spending_side().get(item or "")
    return side if side and both_sides().search(one_to_one(f.subject or "")) else item


def _member_of(metric: str | None, split: tuple[str, ...]) -> str | None:
    """The member of `split` that `metric` is, or is a part of (metrics.json `partitions`)."""
    subs = metric_partitions()
    return next((m for m in split if metric == m or any(metric in sub for sub in subs.get(m, ()))), metric)


def printed_rounding(f: Fact, finest: dict[str, int] | None = None) -> float:
    """How far the printed figure may be from the true one: half its last digit — or of the finest
    digit its page prints that unit in (`CheckInput.money_decimals`: trailing zeros dropped); a printed
    0 is nothing at all, not something below 0.5."""
    places = max(_decimals(f.surface or ""), (finest or {}).get(f.unit or "", 0))
    return 0.0 if f.value == 0 else 0.5 * 10 ** -places


def _whole_key(name: str) -> str:
    """总收入, 本年度总收入, 收入合计 → one key (收入 … 总): how a share names its whole and how the
    document states it."""
    s = _WHOLE_WORDS.sub("", re.sub(r"[\s“”\"]", "", name))
    return s.replace("总", "")


def _share_fits(amount: float, share: float, wholes: list[float], tol_pct: float, slack: float) -> bool:
    """The amount is `share` % of one of the wholes, within the share's last digit and the amounts' rounding."""
    return any(w > 0 and abs(amount / w * 100 - share) <= tol_pct + slack / w * 100 + 1e-9 for w in wholes)


def composition_shares(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A line listing the parts of one whole with their shares (…决算中，因公出国（境）费0万元，占0%；
    公务接待费5.21万元，占67.75%；公务用车…2.48万元，占32.24%): each share must be its amount over
    the whole — the listed amounts' sum, or the figure stated just before the list. A share that
    fits neither (公务接待费6.28万元，占34.88% when 6.28万元 is all of it) was copied from another
    figure (here the completion rate)."""
    amounts = sorted((f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value is not None), key=lambda f: f.span[0])
    starts = [a.span[0] for a in amounts]
    shares = [f for f in ci.facts if f.kind == "percent" and f.unit == "%" and f.value is not None]
    by_line: dict[int, list[Fact]] = {}
    named_wholes: dict[str, list[Fact]] = {}
    for a in amounts:
        by_line.setdefault(ci.text.rfind("\n", 0, a.span[0]), []).append(a)
        named_wholes.setdefault(_whole_key(a.subject or ""), []).append(a)
    for p in shares:
        line = ci.text.rfind("\n", 0, p.span[0])
        listed = by_line.get(line, [])
        own = next((a for a in reversed(listed) if a.span[1] <= p.span[0]), None)
        if own is None or len(listed) < 2 or not _SHARE_LEAD.match(one_to_one(ci.text[own.span[1] : p.span[0]])):
            continue
        first = listed[0]
        if own is first and p.share_of and not [a for a in named_wholes.get(_whole_key(p.share_of), []) if a is not own]:
            continue  # 本年收入合计521.49万元，占总收入99.90%，包括…: of a whole the text states nowhere else
        j = bisect.bisect_left(starts, first.span[0]) - 1  # amounts sorted by start; the one before the line's first
        whole_before = amounts[j] if j >= 0 and amounts[j].span[1] <= first.span[0] and first.span[0] - amounts[j].span[1] <= WHOLE_WINDOW and amounts[j].section == first.section else None
        yuan = [float(a.value) * MONEY[a.unit] for a in listed]  # type: ignore[arg-type,index]
        # the whole: all listed amounts, or all but a total opening the line, or a figure stated
        # before the share in its line (占总预算比为…), or the figure just before the line
        wholes = [sum(yuan), sum(yuan[1:]), *(y for a, y in zip(listed, yuan, strict=True) if a.span[1] <= own.span[0] and a is not own)]
        if whole_before is not None:
            wholes.append(float(whole_before.value) * MONEY[whole_before.unit])  # type: ignore[arg-type,index]
        # the whole the share names (占总收入的35.39%): any amount of the document stating it
        if p.share_of:
            wholes += [float(a.value) * MONEY[a.unit] for a in named_wholes.get(_whole_key(p.share_of), [])]  # type: ignore[arg-type,index]
        part = float(own.value) * MONEY[own.unit]  # type: ignore[arg-type,index]
        half = 0.5 * 10 ** -_decimals(own.surface or "") * MONEY[own.unit]  # type: ignore[index]
        # a share one unit of its last digit off (45.46% for 45.455%) is rounding, not an error
        tol_pct = 10 ** -_decimals(p.surface or "")
        # the share fits the total opening the line with the part that total leaves (本年支出合计766.4万元，其中：
        # 基本支出465.33万元，占60.71%；项目支出311.07万元，占39.29% — 39.29% is 301.07's): the printed amount is
        # the slip, which the parts' sum reports (list_sum), not the share
        if len(listed) >= 3 and own is not first:
            rest = yuan[0] - sum(y for a, y in zip(listed[1:], yuan[1:], strict=True) if a is not own)
            if yuan[0] > 0 and abs(rest / yuan[0] * 100 - float(p.value)) <= tol_pct + (half * len(listed)) / yuan[0] * 100 * 2 + 1e-9:  # type: ignore[arg-type]
                continue
        slack = half * len(listed) * 2  # (each listed amount's rounding, in 元)
        if not _share_fits(part, float(p.value), wholes, tol_pct, slack):  # type: ignore[arg-type]
            if own.unit == "元" and any(a.unit == "万元" for a in listed) and _share_fits(part * MONEY["万元"], float(p.value), wholes, tol_pct, slack):  # type: ignore[arg-type]
                # (公用经费开支:10.17元,占经费的比率6.99% beside 145.36万元: the share is right, the 万 was lost)
                yield ci.finding(
                    "unit_suspect", "warning",
                    f"“{own.subject}”写作{_fmt_number(own.value)}元，而其占比{_fmt_number(p.value)}%只在它是{_fmt_number(own.value)}万元时成立：单位应为万元",
                    fact_ids=[own.fact_id, p.fact_id], span=own.span,
                )
                continue
            fits = f"{part / wholes[0] * 100:.2f}%" if wholes[0] > 0 else "?"
            yield ci.finding(
                "share_sum", "warning",
                f"“{own.subject}”{_fmt_number(own.value)}{own.unit}占比写作{_fmt_number(p.value)}%，按所列金额应为{fits}",
                fact_ids=[own.fact_id, p.fact_id], span=p.span,
            )


#: how far after a total its 其中 may stand (the total's change and reason in between)
OF_WHICH_AFTER = 120
_OF_WHICH_AT_END = re.compile(r"其中\s*[:：]?\s*\n")
_MARKED_LINE = re.compile(r"[ \t]*(?:\d{1,2}\s*[.、．]|[（(]\s*\d{1,2}\s*[）)])")


def listed_item_exceeds_its_total(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A paragraph that states a total and ends on 其中：, its parts on the numbered lines below
    (项目支出476.71万元，比上年减少…。其中：\n1.某项目1872万元。\n2.…): no single part can be larger
    than the total (the paragraph's first amount; a gap such as 决算数大于预算数55.93万元 is not it)."""
    amounts = sorted((f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value), key=lambda f: f.span[0])
    starts = [f.span[0] for f in amounts]
    for m in _OF_WHICH_AT_END.finditer(ci.text):
        line = ci.text.rfind("\n", 0, m.start()) + 1
        i = bisect.bisect_left(starts, line)
        if i >= len(amounts) or amounts[i].span[1] > m.start() or m.start() - amounts[i].span[1] > OF_WHICH_AFTER:
            continue
        total = amounts[i]
        pos, parts, heads = m.end(), [], []
        while _MARKED_LINE.match(ci.text, pos) is not None:
            end = ci.text.find("\n", pos)
            end = len(ci.text) if end < 0 else end
            on_line = [f for f in amounts[bisect.bisect_left(starts, pos) :] if f.span[0] < end]
            parts += on_line
            heads += on_line[:1]  # the line's own item: the amount it opens with (1.财政拨款收入364.66万元，…)
            pos = end + 1
        exceeded = False
        for f in parts:
            if compared_figure(ci.text, f):
                continue  # (1、因公出国(境)费186.42万元比2014年23.45万元…: the figure it is measured from, not a part)
            if float(f.value) * MONEY[f.unit] > float(total.value) * MONEY[total.unit] * (1 + 1e-9) + 0.5 * 10 ** -_decimals(f.surface or "") * MONEY[f.unit]:  # type: ignore[arg-type,index]
                exceeded = True
                yield ci.finding(
                    "item_exceeds_total", "warning",
                    f"“{f.subject}”{_fmt_number(f.value)}{f.unit}列在“{total.subject}”{_fmt_number(total.value)}{total.unit}的“其中”之下，却大于它",
                    fact_ids=[f.fact_id, total.fact_id], span=f.span,
                )
        if exceeded or len(heads) < 2:
            continue
        # the lines' items together: a 其中 list may be partial, so only a sum above the total is wrong
        got = sum(float(f.value) * MONEY[f.unit] for f in heads)  # type: ignore[arg-type,index]
        want = float(total.value) * MONEY[total.unit]  # type: ignore[arg-type,index]
        tol = sum(0.5 * 10 ** -_decimals(x.surface or "") * MONEY[x.unit] for x in [total, *heads])  # type: ignore[index]
        if got > want + tol:
            unit = total.unit or ""
            yield ci.finding(
                "list_sum", "warning",
                f"“{total.subject}”{_fmt_number(total.value)}{unit}，其中所列{len(heads)}项合计{_fmt_number(round(got / MONEY[unit], 4))}{unit}，大于它",  # type: ignore[index]
                fact_ids=[total.fact_id] + [f.fact_id for f in heads], span=total.span,
            )


#: how far after a 基本支出 figure its 人员经费 and 公用经费 may be stated (each may carry a line of examples)
PARTS_WITHIN = 600  # characters after a whole within which its parts are looked for


def parts_add_up_to_whole(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A whole followed in its section by every part of one of its complete splits (metrics.json
    `partitions`: 基本支出 = 人员经费 + 公用经费; 三公经费 = 因公出国(境)费 + 公务用车… + 公务接待费):
    the parts add up to the whole within the printed rounding — amounts, and changes against one
    baseline. A part not stated whose amount is 0 can only lower a change (0 minus its base), so the
    other parts' changes then bound the whole's from one side (info)."""
    splits = metric_partitions()
    items = {f.fact_id: item_of(f) for f in ci.facts if f.kind in ("amount", "change") and f.unit in MONEY and f.value is not None}
    items.update(_bare_totals(ci.facts, items))
    facts = sorted((f for f in ci.facts if items.get(f.fact_id)), key=lambda f: f.span[0])
    zero_parts = {items[f.fact_id] for f in facts if f.kind == "amount" and f.value == 0}
    # money figures naming no item (不可预见费22万元): listed beside a split's parts, they are one more part
    unnamed = sorted((f for f in ci.facts if f.fact_id in items and not items[f.fact_id]), key=lambda f: f.span[0])
    unnamed_starts = [f.span[0] for f in unnamed]
    other_scope = ci.other_scope_totals
    for i, whole in enumerate(facts):
        if whole.fact_id in other_scope:
            continue  # its parts include 会议费/培训费: sangong_total_with_other_items reports it
        whole_item = whole_item_of(whole) or items[whole.fact_id]
        if whole_item not in splits or whole.kind == "amount" and compared_figure(ci.text, whole) and whole.figure_type != "上年":
            continue  # (较2024年的200万元减少20万元；其中：… — the parts are this year's, not that figure's; a figure typed
            # as last year's takes only parts typed so: 2015年预算12.5万元 under 2015年…预算57.55万元，与上年对比减少…)
        # the parts are looked for within PARTS_WITHIN; a further part of the family, twice as far
        # (a list whose items each carry their change and reason: 单位预留机动经费 after 项目支出)
        near: list[Fact] = []
        for f in facts[i + 1 :]:
            if f.span[0] - whole.span[1] > 2 * PARTS_WITHIN or not _same_part(f.section, whole.section):
                break
            if f.kind != whole.kind or not _same_figure(whole, f, ci.year):
                continue
            if items[f.fact_id] == whole_item:
                if compared_figure(ci.text, f):
                    continue  # (…支出总数121.76万元，较2022年…支出总数144.39万元减少…。其中：… — the figure compared with)
                break  # the whole stated again: its parts from here on are another list's
            near.append(f)
        later = [f for f in near if f.span[0] - whole.span[1] <= PARTS_WITHIN]
        for split in splits[whole_item]:
            if _open_split(split, [items[f.fact_id] for f in near], splits):
                continue
            first: dict[str, Fact] = {}
            for f in later:
                if items[f.fact_id] in split:
                    first.setdefault(items[f.fact_id], f)  # type: ignore[arg-type]
            parts = [first[m] for m in split if m in first]
            missing = [m for m in split if m not in first]
            if parts and _paid_from_another_source(ci.text, whole, parts):
                break  # (…一般公共预算安排“三公”经费数为0万元。…在应缴财政专户款项返还资金中安排：…4.4万元: another scope's parts)
            if len(parts) < 2 or missing and whole.kind == "change" and any(m not in zero_parts for m in missing):
                continue
            if _unnamed_part(ci.text, whole, parts, unnamed, unnamed_starts):
                break  # 基本支出261.81万元，项目支出74万元，不可预见费22万元: not the whole of it
            scale = _unit_scale(whole) if whole.kind == "amount" else MONEY.get(whole.unit or "", 1.0)
            got = sum(float(p.value) * MONEY.get(p.unit or "", 1.0) for p in parts)  # type: ignore[arg-type]
            want = float(whole.value) * scale  # type: ignore[arg-type]
            tol = sum(printed_rounding(x, ci.money_decimals) * MONEY.get(x.unit or "", 1.0) for x in [whole, *parts])
            ids = [whole.fact_id] + [p.fact_id for p in parts]
            span = (whole.span[0], max(p.span[1] for p in parts))  # the evidence: the whole and its parts
            names = "、".join(p.subject or "?" for p in parts)
            unit = whole.unit or ""
            what = "变动" if whole.kind == "change" else ""
            if not missing and abs(got - want) > tol and _wider_whole(facts, i, whole_item, items, got, tol) is None:
                yield ci.finding("list_sum", "warning", f"“{whole.subject}”{what}{_fmt_number(whole.value)}{unit}，其组成部分{names}{what}合计{_fmt_number(round(got / scale, 2))}{unit}，不等于它", fact_ids=ids, span=span)
            elif missing and whole.kind == "amount" and got > want + tol:
                # (a part left unstated can only add: the stated ones alone above the whole are wrong)
                yield ci.finding("list_sum", "warning", f"“{whole.subject}”{_fmt_number(whole.value)}{unit}，而所列{names}合计{_fmt_number(round(got / scale, 2))}{unit}，已大于它", fact_ids=ids, span=span)
            elif missing and whole.kind == "amount":
                continue  # (the unstated part may hold the rest)
            elif missing and want > got + tol:
                yield ci.finding(
                    "list_sum", "info",
                    f"“{whole.subject}”变动{_fmt_number(whole.value)}{unit}，而{names}变动合计{_fmt_number(round(got / scale, 2))}{unit}，其余部分金额为0、变动不能为正",
                    fact_ids=ids, span=span,
                )
            else:
                continue  # this split adds up: a second split of the whole may follow (基本支出 by 人员/公用, then by 经济分类)
            break


def _paid_from_another_source(text: str, whole: Fact, parts: list[Fact]) -> bool:
    """Parts introduced, after the whole's sentence has ended, as paid from a source its name does not
    hold (cues.json `other_fund_sources`: 财政专户, 事业收入 …): they are that source's split, not the whole's."""
    first = min(p.span[0] for p in parts)
    gap = one_to_one(text[whole.span[1] : first])
    if not re.search(r"[。；;]", gap):
        return False
    name = one_to_one(whole.subject or "")
    return any(w in gap and w not in name for w in cues()["other_fund_sources"])


def _wider_whole(facts: list[Fact], i: int, item: str, items: dict[str, str | None], got: float, tol: float) -> Fact | None:
    """The same item stated just before the whole `facts[i]` in a wider scope, whose amount the parts add up to
    (预算总计4891万元；其中，财政拨款安排4661万元。(一)…204万元…3527万元…1160万元: the parts are of
    the 4891, each with its 财政拨款 share told beside it), or None. A smaller earlier figure is no wider
    scope: it is the same whole misprinted once (881300.39 … 911000.39)."""
    whole = facts[i]
    for j in range(i - 1, -1, -1):  # (walked back by index: no copy of the facts before each whole)
        g = facts[j]
        if whole.span[0] - g.span[1] > PARTS_WITHIN:
            return None
        wider = float(g.value) * _unit_scale(g) > float(whole.value) * _unit_scale(whole)  # type: ignore[arg-type]
        if g.kind == whole.kind and wider and (whole_item_of(g) or items.get(g.fact_id)) == item and abs(float(g.value) * _unit_scale(g) - got) <= tol:  # type: ignore[arg-type]
            return g
    return None


_NUMERALS = frozenset("一二三四五六七八九十")


def _bare_totals(facts: list[Fact], items: dict[str, str | None]) -> dict[str, str]:
    """A change whose subject is a bare 收入/支出 is the change of the total its section stated last
    under that word (支出预算, 支出总计): the whole its listed parts' changes must add up to."""
    bare = tuple(cues()["bare_total_words"])
    out: dict[str, str] = {}
    last: dict[tuple[str, str], str] = {}  # (section, bare word) → the total's item
    for f in sorted(facts, key=lambda f: f.span[0]):
        item = items.get(f.fact_id)
        subject = f.subject or ""
        if f.kind == "amount" and item in ("income.total", "exp.total"):
            for word in bare:
                if subject.startswith(word) or subject.endswith(word + "总计"):
                    last[(f.section, word)] = item
        elif f.kind == "change" and f.fact_id in items and not item:
            # (一支出较去年减少10.29万元: a list numeral run into the word, its 、 lost)
            word = subject[1:] if subject[:1] in _NUMERALS and subject[1:] in bare else subject
            if word in bare and (f.section, word) in last:
                out[f.fact_id] = last[(f.section, word)]
    return out


_SENTENCE_STOP = re.compile(r"[。\n]")
#: how far a total's list of parts may run
LIST_REACH = 400


def sangong_totals_with_other_items(ci) -> dict[str, list[Fact]]:  # noqa: ANN001 - CheckInput
    """三公 totals whose own sentence lists, among their parts, items that are no 三公经费 (cues.json
    `not_sangong_items`: 会议费, 培训费) → those items. A total named for them too (“三公”经费及会议费、
    培训费) is not one."""
    others = set(cues()["not_sangong_items"])
    named_too = re.compile("|".join(map(re.escape, cues()["not_sangong_words"])))
    out: dict[str, list[Fact]] = {}
    amounts = sorted((g for g in ci.facts if g.kind == "amount"), key=lambda g: g.span[0])
    starts = [g.span[0] for g in amounts]
    for f in ci.facts:
        if f.kind != "amount" or f.metric != "sangong.total" or named_too.search(f.subject or ""):
            continue
        stop = _SENTENCE_STOP.search(ci.text, f.span[1], f.span[1] + LIST_REACH)
        end = stop.start() if stop else f.span[1] + LIST_REACH
        near = amounts[bisect.bisect_right(starts, f.span[1]) : bisect.bisect_left(starts, end)]
        listed = [g for g in near if g.metric in others]
        if listed:
            out[f.fact_id] = listed
    return out


def sangong_total_with_other_items(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A 三公 total whose 其中 lists 会议费 or 培训费: they are no 三公经费, so the total is another scope
    than the one its name claims (reported once, at the first such list)."""
    for fid, listed in ci.other_scope_totals.items():
        total = ci.by_id[fid]
        figures = "、".join(f"{g.subject}{_fmt_number(g.value)}{g.unit}" for g in listed)  # type: ignore[arg-type]
        names = "、".join(dict.fromkeys(g.subject or "?" for g in listed))
        yield ci.finding(
            "claim_contradiction", "info",
            f"“{total.subject}”{_fmt_number(total.value)}{total.unit}的组成部分列入{figures}，{names}不属于“三公”经费",  # type: ignore[arg-type]
            fact_ids=[fid] + [g.fact_id for g in listed], span=(listed[0].span[0], listed[-1].span[1]),
        )
        return


def _same_part(a: str, b: str) -> bool:
    """The same section, or two sections side by side under one heading ((一)支出预算总规模 and
    (二)支出预算按用途划分 of 三、支出预算说明): a whole and its split may be told under both."""
    return a == b or " > " in a and " > " in b and a.rsplit(" > ", 1)[0] == b.rsplit(" > ", 1)[0]


def _unnamed_part(text: str, whole: Fact, parts: list[Fact], unnamed: list[Fact], starts: list[int]) -> bool:
    """A figure of the parts' kind naming no taxonomy item stands among the parts, or right after
    the last in its sentence: the list has a part the split does not know."""
    first, last = min(p.span[0] for p in parts), max(p.span[1] for p in parts)
    # (parts parted by semicolons — 工资福利支出…;商品服务支出…;债务利息支出… — run on past the next one)
    stop = re.compile(r"[。\n]" if re.search(r"[；;]", text[first:last]) else r"[。；;\n]").search(text, last)
    end = stop.start() if stop else len(text)
    for f in unnamed[bisect.bisect_right(starts, whole.span[1]) :]:
        if f.span[0] >= end:
            return False
        if f.kind == whole.kind and f.section == whole.section and _same_figure(whole, f):
            return True
    return False


_LAST_YEAR_WORDS = re.compile(r"去年|上一?年度?(?:同期)?")
_BASELINE_WORDS = re.compile(r"上年|(?:19|20)\d{2}|年初预算|调整预算|预算|决算|执行")


def baseline_kind(baseline: str | None, year: int | None) -> str:
    """What a change is measured against, in words that compare: 上年 / 去年 / 2016年 (in a 2017
    document) / 2016年因公出国(境)费 → 上年; 上年预算 and 2016年决算 keep their figure word."""
    s = _LAST_YEAR_WORDS.sub("上年", baseline or "")
    if year:
        s = s.replace(str(year - 1), "上年")
    return "".join(_BASELINE_WORDS.findall(s)) or (s and "其他") or ""


def _same_figure(whole: Fact, part: Fact, year: int | None = None) -> bool:
    """A part states the same kind of figure as its whole: the same baseline for changes (上年 and
    the year before the document's are one); for amounts no clash of figure types (an unmarked part
    goes with any, an earlier year's with no other)."""
    if whole.kind == "change":
        return (whole.baseline or "") == (part.baseline or "") or baseline_kind(whole.baseline, year) == baseline_kind(part.baseline, year) != "其他"
    a, b = whole.figure_type, part.figure_type
    # (决算基本支出 takes no 商品服务支出预算: the words of the two names, fund names aside, must not clash)
    funds = cue_pattern("fund_kinds")
    said, part_said = _figure_word(whole.subject, funds), _figure_word(part.subject, funds)
    if said and part_said and said != part_said:
        return False
    return a == b or (a is None and b != "上年") or (b is None and a != "上年")


def _open_split(split: tuple[str, ...], later: list[str | None], splits: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    """The text names a further part of the same family (资本性支出 beside 工资福利支出, 商品和服务支出
    and 对个人和家庭的补助): this split is not the whole of it here. A member's own parts (公务用车购置费
    under 公务用车购置及运行维护费) are no further part."""
    family = split[0].rsplit(".", 1)[0] + "."
    own = set(split) | {p for m in split for sub in splits.get(m, ()) for p in sub}
    return any(m and m.startswith(family) and m not in own for m in later)


def shares_of_one_whole(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """Parts stated in separate paragraphs, each with its share of one named whole (1. 基本支出…占一般
    公共预算支出的84.06%… 2. 项目支出…占一般公共预算支出的19.62%): each share implies the whole
    (amount ÷ share). When the parts' sum is the whole one share implies and another share implies
    something else, that other share is wrong."""
    groups: dict[str, list[tuple[Fact, Fact]]] = {}
    amounts = {}
    for f in sorted(ci.facts, key=lambda f: f.span[0]):
        if f.kind == "amount" and f.unit in MONEY and f.value:
            amounts[f.sentence] = f  # the last amount of its sentence so far
        elif f.kind == "percent" and f.share_of and f.value and (own := amounts.get(f.sentence)) is not None and own.span[1] <= f.span[0]:
            if own.subject and f.subject and (own.subject.startswith(f.subject) or f.subject.startswith(own.subject)):
                groups.setdefault(f"{f.section.split(' > ')[0]}|{f.share_of}", []).append((own, f))
    for parts in groups.values():
        if len(parts) < 2 or len({own.fact_id for own, _ in parts}) < len(parts):
            continue
        yuan = [float(own.value) * MONEY[own.unit] for own, _ in parts]  # type: ignore[arg-type,index]
        whole = sum(yuan)
        def fits(y: float, p: Fact, w: float) -> bool:
            return abs(y / w * 100 - float(p.value)) <= 0.5 * 10 ** -_decimals(p.surface or "") + 1e-9  # type: ignore[arg-type]

        right = [fits(y, p, whole) for y, (_, p) in zip(yuan, parts, strict=True)]
        # the parts make the whole (one share fits their sum) and not every share does
        if any(right) and not all(right) and abs(sum(float(p.value) for _, p in parts) - 100) > 0.5:  # type: ignore[arg-type]
            for y, (own, p), ok in zip(yuan, parts, right, strict=True):
                if not ok:
                    yield ci.finding(
                        "share_sum", "warning",
                        f"“{own.subject}”{_fmt_number(own.value)}{own.unit}占{p.share_of}写作{_fmt_number(p.value)}%，各部分占比合计{_fmt_number(sum(float(q.value) for _, q in parts))}%；按各部分合计应为{y / whole * 100:.2f}%",  # type: ignore[arg-type]
                        fact_ids=[own.fact_id, p.fact_id], span=p.span,
                    )


#: `基本持平` allows a small change: at most this share of the figure (fitted on the genre's use:
#: 少0.07萬元,基本持平 for 3.01 → 2.94, 2.3 %)
ROUGHLY_FLAT_MAX = 0.05
_ROUGHLY = re.compile(r"(?:基本|大致|大体|总体|略有变化[，,]?\s*)\s*$")


def roughly_flat(text: str, flat: Fact, change: float, base: float | None) -> bool:
    """`基本持平` beside a change small against its base (or no base stated): not a contradiction."""
    if not _ROUGHLY.search(one_to_one(text[max(0, flat.span[0] - 6) : flat.span[0]])):
        return False
    return base is None or base == 0 or abs(change) <= ROUGHLY_FLAT_MAX * abs(base)


_PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


def reading_view(text: str, flat: str | None = None) -> tuple[str, Sequence[int]]:
    """The text as a reader sees it — simplified characters, without the pinyin that converted mirror
    pages print after characters (預(yù)算 → 预算) — and, per character, its offset in the original.
    `flat` is `one_to_one(text)` when the caller has it already. A page without pinyin (nearly all)
    maps each character to itself: a range, not a list of 20k numbers built for a lookup or two."""
    flat = one_to_one(text) if flat is None else flat
    parts: list[str] = []
    where: list[int] = []
    kept = 0  # start of the stretch not yet copied
    for m in _PINYIN.finditer(flat):
        if m.start() and "\u4e00" <= flat[m.start() - 1] <= "\u9fff":
            parts.append(flat[kept : m.start()])
            where.extend(range(kept, m.start()))
            kept = m.end()
    if kept == 0 and len(flat) == len(text):
        return flat, range(len(flat) + 1)  # = [*range(len(flat)), len(text)]
    parts.append(flat[kept:])
    where.extend(range(kept, len(flat)))
    return "".join(parts), where + [len(text)]


_RATE_THEN_GAP = re.compile(
    r"完成了?(?:年初|全年|调整后?)?预算(?:数)?的?\s*(?P<pct>\d+(?:\.\d+)?)\s*%[^。；;\n]{0,12}?"
    r"决算数?\s*(?P<rel>大于|小于|高于|低于|超过|多于|少于|超出)\s*(?:年初|全年|调整后?)?\s*预算(?:数)?\s*(?P<gap>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元|亿元)"
)
_MORE = ("大于", "高于", "超过", "多于", "超出")


def completion_against_gap(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A completion rate beside the gap it claims (完成年初预算100%，决算数大于预算数55.93万元): the
    rate must be 决算 ÷ (决算 ∓ gap) with the sentence's own 决算 figure, and on the side of 100 %
    the claim says."""
    text, where = reading_view(ci.text, ci.simplified)
    amounts = sorted((f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value is not None), key=lambda f: f.span[0])
    for m in _RATE_THEN_GAP.finditer(text):
        pct, gap = float(m.group("pct")), float(m.group("gap").replace(",", "")) * MONEY[m.group("unit")]
        more = m.group("rel") in _MORE
        half = 0.5 * 10 ** -len((m.group("pct").split(".") + [""])[1])
        start = where[max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1]
        actual = next((a for a in reversed(amounts) if start <= a.span[0] < where[m.start()]), None)
        wrong_side = gap > 0 and (more and pct < 100 - half or not more and pct > 100 + half)
        expected = None
        if actual is not None and gap > 0:
            a = float(actual.value) * MONEY[actual.unit]  # type: ignore[arg-type,index]
            budget = a - gap if more else a + gap
            if budget > 0:
                expected = a / budget * 100
        if wrong_side or expected is not None and abs(expected - pct) > half + 0.05:
            why = f"按决算{_fmt_number(actual.value)}{actual.unit}应为{expected:.2f}%" if expected is not None and actual is not None else "与所称方向不符"
            yield ci.finding(
                "completion_arithmetic", "warning",
                f"完成预算{m.group('pct')}%，又称决算数{m.group('rel')}预算数{m.group('gap')}{m.group('unit')}：{why}",
                fact_ids=[actual.fact_id] if actual is not None else [], span=(where[m.start("pct")], where[m.end("unit") - 1] + 1),
            )


#: how far back the total a 其中 sentence breaks down may stand
TOTAL_WINDOW = 200
_PER_UNIT = re.compile(r"不少于|不超过|最高|最低|标准|每人|人均|每[辆次天月年]|/")


def unit_against_its_total(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A part in 元 of a total stated in 万元 just before (…支出决算为13.07万元。其中：因公出国（境）费
    支出决算为4.46元): the part's sentence opens with 其中, so the 万元 of the sentence before it
    holds; a few 元 beside it is a dropped 万."""
    text = ci.simplified  # = one_to_one(ci.text)
    money = sorted((f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value is not None), key=lambda f: f.span[0])
    for i, f in enumerate(money):
        if f.unit != "元" or not 0 < float(f.value) < 1000 or f.comparator or _PER_UNIT.search(f.subject or ""):  # type: ignore[arg-type]
            continue
        start = max(text.rfind("。", 0, f.span[0]), text.rfind("；", 0, f.span[0]))
        end = text.find("。", f.span[1])
        sentence = text[start + 1 : end if end >= 0 else len(text)]
        if start < 0 or not sentence.lstrip().startswith("其中") or "万元" in sentence:
            continue  # 万元 in its own sentence: unit_suspect's own case
        before = []
        for g in reversed(money[max(0, i - 8) : i]):  # the last few amounts before the part, nearest first
            if g.span[1] <= start and start - g.span[1] <= TOTAL_WINDOW and "\n\n" not in text[g.span[1] : start]:
                before.insert(0, g)
        if before and all(g.unit == "万元" for g in before[-2:]) and not _PER_UNIT.search(text[start + 1 : f.span[0]]):
            yield ci.finding(
                "unit_suspect", "warning",
                f"“{f.subject}”{_fmt_number(f.value)}元，所属总数为{_fmt_number(before[-1].value)}万元，可能应为万元",
                fact_ids=[f.fact_id, before[-1].fact_id], span=f.span,
            )


_BUDGET_FIGURES = ("年初预算", "调整预算", "预算数")


def unchanged_against_budget(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """`与2021年度预算相比无增减/无变化` said of an item whose 决算 (stated just before) differs from its
    预算 in the document's own table (因公出国（境）费支出0万元，与预算相比无增减 — the table's 预算数 20)."""
    from .figure_checks import item_of, same_item

    budget_cells = [c for c in ci.cells if c.figure_type in _BUDGET_FIGURES and (c.unit or "") in MONEY]
    if not budget_cells:
        return
    amounts = sorted((f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value is not None), key=lambda f: f.span[1])
    ends = [a.span[1] for a in amounts]
    for f in ci.facts:
        if f.kind != "change" or f.direction != "unchanged" or f.value or "预算" not in one_to_one(f.baseline or ""):
            continue
        y = _YEAR.search(f.baseline or "")
        if ci.doc_kind != "决算" and not (y and ci.year and int(y.group()) == ci.year):
            continue  # a 预算 compares with last year's budget, which its tables do not hold
        i = bisect.bisect_right(ends, f.span[0]) - 1
        if i < 0 or f.span[0] - amounts[i].span[1] > AMOUNT_WINDOW or re.search(r"[。；;\n]", ci.text[amounts[i].span[1] : f.span[0]]):
            continue
        actual = amounts[i]
        item = item_of(actual.subject or "")
        cell = next((c for c in budget_cells if item and same_item(c.row_label, item)), None)
        if cell is None:
            continue
        a, b = float(actual.value) * MONEY[actual.unit], cell.value * MONEY[cell.unit or "元"]  # type: ignore[arg-type,index]
        tol = 0.5 * 10 ** -_decimals(actual.surface or "") * MONEY[actual.unit] + 0.5 * 10 ** -_decimals(str(cell.value)) * MONEY[cell.unit or "元"]  # type: ignore[index]
        if abs(a - b) > tol:
            yield ci.finding(
                "claim_contradiction", "warning",
                f"“{actual.subject}”{_fmt_number(actual.value)}{actual.unit}，称与预算相比无变化，但表“{cell.table_title}”中预算为{_fmt_number(cell.value)}",
                fact_ids=[actual.fact_id, f.fact_id], span=f.span,
            )


#: the three 三公 items whose budgets add up to the 三公 total's
SANGONG_ITEMS = ("sangong.abroad", "sangong.vehicle", "sangong.reception")
_AGAINST_BUDGET = re.compile(r"预算")
_AGAINST_LAST_YEAR = re.compile(r"上年|去年|上一年|(?:19|20)\d{2}年")


def implied_budgets_against_total(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A 三公 决算 page states the total's 预算 and each item's 决算 with its gap to the item's own
    budget (公务接待费支出决算0.18万元 … 比预算数减少4.82万元): the items' budgets (决算 − gap) must
    add up to the total's budget, with the printed rounding. Said only when all three items give
    both figures; a gap against last year is no budget."""
    budget = next((f for f in ci.facts if f.kind == "amount" and f.metric == "sangong.total" and f.figure_type in ("预算数", "年初预算", "调整预算")
                   and f.unit in MONEY and f.value is not None), None)
    if budget is None:
        return
    implied: dict[str, tuple[float, float, list[str]]] = {}
    for metric in SANGONG_ITEMS:
        final = next((f for f in ci.facts if f.kind == "amount" and f.metric == metric and f.figure_type == "决算数" and f.unit in MONEY and f.value is not None), None)
        gap = next((c for c in ci.facts if c.kind == "change" and c.metric == metric and c.unit in MONEY and c.value is not None
                    and _AGAINST_BUDGET.search(c.baseline or "") and not _AGAINST_LAST_YEAR.search(c.baseline or "")), None)
        if final is None or gap is None:
            return
        value = (float(final.value) - float(gap.value) * MONEY[gap.unit] / MONEY[final.unit]) * MONEY[final.unit]  # type: ignore[arg-type,index]
        half = 0.5 * (10 ** -_decimals(final.surface or "") * MONEY[final.unit] + 10 ** -_decimals(gap.surface or "") * MONEY[gap.unit])  # type: ignore[index]
        implied[metric] = (value, half, [final.fact_id, gap.fact_id])
    got = sum(v for v, _, _ in implied.values())
    want = float(budget.value) * MONEY[budget.unit]  # type: ignore[arg-type,index]
    tol = sum(h for _, h, _ in implied.values()) + 0.5 * 10 ** -_decimals(budget.surface or "") * MONEY[budget.unit]  # type: ignore[index]
    if abs(got - want) > tol + 1e-6:
        unit = budget.unit or "万元"
        yield ci.finding(
            "list_sum", "warning",
            f"各项“三公”经费预算（决算数减去比预算数的增减）合计{_fmt_number(round(got / MONEY[unit], 2))}{unit}，与“三公”经费预算{_fmt_number(budget.value)}{unit}不符",  # type: ignore[index]
            fact_ids=[budget.fact_id] + [i for _, _, ids in implied.values() for i in ids], span=budget.span,
        )


@cache
def _nothing_arranged() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in cues()["nothing_arranged"])


def reason_denies_its_amount(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A reason whose first clause says its item has no money this year (持平原因是该项经费本年未安排)
    beside a non-zero amount of that very item in the same sentence: the sentence was copied from
    another item's paragraph (the one that really has nothing) and not rewritten."""
    denies = _nothing_arranged()
    amounts = sorted((g for g in ci.facts if g.kind == "amount" and g.unit in MONEY and g.value), key=lambda g: g.span[1])
    ends = [g.span[1] for g in amounts]
    for r in ci.facts:
        target = ci.by_id.get(r.explains or "")
        if r.kind != "reason" or target is None or not r.text:
            continue
        first = re.split(r"[，,；;。]", one_to_one(r.text).strip(), maxsplit=1)[0]
        first = re.sub(r"^(?:主要)?(?:原因)?(?:是|为|系)", "", first)
        if not any(p.search(first) for p in denies):
            continue
        i = bisect.bisect_right(ends, target.span[0]) - 1
        own = amounts[i] if i >= 0 else None
        if own is None or target.span[0] - own.span[1] > AMOUNT_WINDOW or own.metric != target.metric or own.subject != target.subject and own.metric is None:
            continue
        if re.search(r"[。；;]|\n\s*\n", ci.text[own.span[1] : r.span[0]]):
            continue  # the amount is another sentence's
        yield ci.finding(
            "template_residue", "warning",
            f"复制残留：“{own.subject}”本年为{_fmt_number(own.value)}{own.unit}，原因却写作“{first}”",
            fact_ids=[own.fact_id, r.fact_id], span=r.span,
        )


_REASON_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
_REASON_MONEY = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元)")


def reason_years_disagree(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """One reason, with its amount, given twice with different years (主要是因为2023年含上级转移支付767万元
    in one section, 主要是因为2022年含…767万元 in the next): one of the two years is a slip."""
    first: dict[str, Fact] = {}
    for f in sorted((f for f in ci.facts if f.kind == "reason" and f.text), key=lambda f: f.span[0]):
        text = re.sub(r"\s+", "", f.text or "")
        years = _REASON_YEAR.findall(text)
        if not years or not _REASON_MONEY.search(text):
            continue
        key = _REASON_YEAR.sub("Y", text)
        before = first.setdefault(key, f)
        if before is not f and _REASON_YEAR.findall(re.sub(r"\s+", "", before.text or "")) != years:
            yield ci.finding(
                "claim_contradiction", "warning",
                f"同一原因前后年份不一：“{before.text}”与“{f.text}”",
                fact_ids=[before.fact_id, f.fact_id], span=f.span,
            )



_GRAND_TOTAL = re.compile(r"^(?P<scope>.{0,12}?)(?P<side>收入|支出)总计$")
_YEAR_TOTAL = re.compile(r"^(?:本年度?)?(?P<scope>.{0,12}?)(?P<side>收入|支出)合计$")


def grand_total_below_year_total(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """支出总计 holds 本年支出合计 and the carryover out (收入总计: 本年收入合计 and the carryover in), so it
    is never the smaller: `支出总计7,386.66万元` beside `本年支出合计7390.22万元` is a mistyped total."""
    money = [f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value is not None and not f.comparator and f.figure_type != "上年"]
    totals: dict[tuple[str, str], Fact] = {}
    for f in money:
        m = _GRAND_TOTAL.match(one_to_one(f.subject or ""))
        if m:
            totals.setdefault((m["scope"], m["side"]), f)  # the first statement of each total
    for f in money:
        m = _YEAR_TOTAL.match(one_to_one(f.subject or ""))
        total = totals.get((m["scope"], m["side"])) if m else None
        if total is None:
            continue
        gap = float(f.value) * MONEY[f.unit] - float(total.value) * MONEY[total.unit]  # type: ignore[arg-type,index]
        if gap > printed_rounding(f) * MONEY[f.unit] + printed_rounding(total) * MONEY[total.unit]:  # type: ignore[index]
            yield ci.finding(
                "item_exceeds_total", "warning",
                f"“{total.subject}”{_fmt_number(total.value)}{total.unit}小于其中的“{f.subject}”{_fmt_number(f.value)}{f.unit}：总计含本年合计与结转，不应更小",
                fact_ids=[f.fact_id, total.fact_id], span=total.span,
            )


def _balance_role(subject: str, terms: dict[str, list[str]]) -> str | None:
    """Which figure of a year's balance a subject names (cues.json `balance_terms`), or None."""
    for role in ("opening", "closing", "cover", "distribution"):
        if any(w in subject for w in terms[role]):
            return role
    if any(w in subject for w in terms["closing_bare"]):
        return "closing"  # (…年末结转和结余资金为5862.89万元: the subject read without its 年末)
    if any(w in subject for w in terms["not_flow"]):
        return None
    for role in ("income", "spending"):
        if any(w in subject for w in terms[role]):
            return role
    return None


_FULL_STOP = re.compile(r"[。\n]")


def carryover_balance(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A sentence that tells a year's whole balance (上年结转和结余98.45万元，本年收入1095.76万元，支出
    1193.35万元，…年末结转和结余5862.89万元): what was carried in, plus the year's income and the fund
    cover, less its spending and the distribution, is what is carried out — within the printed rounding."""
    terms = cues()["balance_terms"]
    # amounts by the full sentence they stand in (up to 。 or a line end: the facts' own sentences may be
    # clauses of a long one)
    amounts = [f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value is not None]
    if not amounts:
        return
    ends = [m.start() for m in _FULL_STOP.finditer(ci.text)]  # (once: a bisect per amount, no scan back)
    by_full: dict[int, list[Fact]] = defaultdict(list)
    for f in amounts:
        by_full[bisect.bisect_left(ends, f.span[0])].append(f)
    for fs in by_full.values():
        roles: dict[str, list[Fact]] = defaultdict(list)
        for f in fs:
            if role := _balance_role(one_to_one(f.subject or ""), terms):
                roles[role].append(f)
        roles = {r: v for r, v in roles.items() if v}
        if any(len(roles.get(r, ())) != 1 for r in ("opening", "income", "spending", "closing")) or any(len(roles.get(r, ())) > 1 for r in ("cover", "distribution")):
            continue
        got = {r: float(v[0].value) * MONEY[v[0].unit] for r, v in roles.items()}  # type: ignore[arg-type,index]
        want = got["opening"] + got["income"] + got.get("cover", 0.0) - got["spending"] - got.get("distribution", 0.0)
        figures = [v[0] for v in roles.values()]
        tol = sum(printed_rounding(x) * MONEY[x.unit] for x in figures)  # type: ignore[index]
        if abs(want - got["closing"]) > tol + 1e-6:
            closing = roles["closing"][0]
            unit = closing.unit or "万元"
            yield ci.finding(
                "list_sum", "warning",
                f"收支不平衡：上年结转{_fmt_number(roles['opening'][0].value)}{roles['opening'][0].unit}＋本年收入{_fmt_number(roles['income'][0].value)}{roles['income'][0].unit}"  # type: ignore[arg-type]
                f"−支出{_fmt_number(roles['spending'][0].value)}{roles['spending'][0].unit}＝{_fmt_number(round(want / MONEY[unit], 2))}{unit}，"  # type: ignore[arg-type,index]
                f"而年末结转和结余写作{_fmt_number(closing.value)}{unit}",  # type: ignore[arg-type]
                fact_ids=[f.fact_id for f in figures], span=closing.span,
            )


def misprinted_amounts(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """One figure of one item printed twice, in two sections, alike but for one digit (一般公共预算拨款收入
    105.3万元 … 第四部分 一般公共预算拨款收入205.3万元): one of them is mistyped. Two scopes of an item
    (all funds, 一般公共预算 alone) differ in more than one place, so they are left alone."""
    # earlier statements filed under each digit string with one digit masked (105.3 → ?05.3, 1?5.3, …):
    # a figure meets only those one digit apart from it, not every earlier figure (linear in the page)
    seen: dict[tuple[str | None, str | None, str], list[Fact]] = defaultdict(list)
    for f in sorted(ci.facts, key=lambda f: f.span[0]):
        if f.kind != "amount" or f.unit not in MONEY or not f.value or not f.metric or f.subject_source != "sentence" or f.figure_type == "上年":
            continue
        digits = re.sub(r"[^\d.]", "", f.surface or "")
        masks = [digits[:i] + "?" + digits[i + 1 :] for i in range(len(digits)) if digits[i] != "."]
        told = False
        for mask in masks:
            for prev in seen.get((f.metric, f.unit, mask), ()):
                # (the same figure: no two figure types, and one name the other's with a 收入/预算 word more)
                same_figure = prev.figure_type == f.figure_type or None in (prev.figure_type, f.figure_type)
                a, b = one_to_one(prev.subject or ""), one_to_one(f.subject or "")
                if same_figure and (a.startswith(b) or b.startswith(a)) and prev.section != f.section and prev.value != f.value and _one_digit_apart(prev, f):
                    yield ci.finding(
                        "claim_contradiction", "warning",
                        f"“{f.subject}”此处写作{_fmt_number(f.value)}{f.unit}，前文写作{_fmt_number(prev.value)}{prev.unit}，同一数额前后不一",  # type: ignore[arg-type]
                        fact_ids=[prev.fact_id, f.fact_id], span=f.span,
                    )
                    told = True
                    break
            if told:
                break
        for mask in masks:
            bucket = seen[(f.metric, f.unit, mask)]
            if len(bucket) < MISPRINT_BUCKET:  # (a figure repeated a thousand times is filed a few times)
                bucket.append(f)


#: the metrics of a 财政拨款 scope's own income and spending, for a whole of that scope named for both sides
_FISCAL_SIDES = frozenset({"income.fiscal", "exp.fiscal", "income.general_budget", "exp.general_budget"})


def both_sides_summed(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """收入、支出决算总计665.96万元 where 收入决算总计 and 支出决算总计 are each 332.98万元: the two sides
    added together. A whole named for both sides is each side's total (they balance), never their sum."""
    money = [f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value]
    wholes = [f for f in money if f.metric in ("income.total", "exp.total")]
    # (…财政拨款收支总计707.02万元 where all the income, 353.51, is 一般公共预算财政拨款: the scope's own sides)
    fiscal = [f for f in money if f.metric in _FISCAL_SIDES]
    both = [f for f in (*wholes, *fiscal) if both_sides().search(one_to_one(f.subject or ""))]
    for f in both:
        value = float(f.value) * MONEY[f.unit]  # type: ignore[index, arg-type]
        scope = fiscal if f.metric in _FISCAL_SIDES else wholes
        sides = [g for g in scope if all(g is not b for b in both) and g.figure_type == f.figure_type]
        # (side value in yuan, its rounding with the whole's) of each side total of the same figure type
        same = [(float(g.value) * MONEY[g.unit], (printed_rounding(f) + 2 * printed_rounding(g)) * MONEY[g.unit], g) for g in sides]  # type: ignore[index, arg-type]
        doubled = [g for v, tol, g in same if abs(2 * v - value) <= tol]
        # (two fiscal sources of equal size, 一般公共预算 500 and 政府性基金 500, add up to a 财政拨款 whole of 1000)
        sources = sum(v for v, _, g in same if g.metric and g.metric.startswith("income."))
        if doubled and not any(abs(v - value) <= tol for v, tol, _ in same) and abs(sources - value) > max(tol for _, tol, _ in same):
            g = doubled[0]
            yield ci.finding(
                "claim_contradiction", "warning",
                f"“{f.subject}”写作{_fmt_number(f.value)}{f.unit}，是“{g.subject}”{_fmt_number(g.value)}{g.unit}的两倍：收支总计应与收入（支出）总计相等，不是两者之和",  # type: ignore[arg-type]
                fact_ids=[f.fact_id, g.fact_id], span=f.span,
            )


#: a 收入 total's 其中 list: how many sources, 财政拨款 among them, must all be 0 before the list is judged empty
ZERO_SOURCES_MIN = 3


def zero_sources_under_total(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """收入预算1674.95万元……其中：本年财政拨款收入0万元…；本年其他资金收入0万元…；上年结转结余资金0万元:
    every source a positive 收入 total lists, 财政拨款 among them, is 0 — nothing funds the total, so the
    parts were left at the template's zeros. (A 其中 list may be partial, but not of three sources
    that include the main one and all say nothing.)"""
    amounts = sorted((f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value is not None), key=lambda f: f.span[0])
    for i, total in enumerate(amounts):
        if total.metric != "income.total" or not total.value or total.figure_type == "上年":
            continue
        # (its paragraph, bounded: a one-line page must not be scanned to its end once per total)
        end = ci.text.find("\n", total.span[1], total.span[1] + LIST_REACH)
        end = min(len(ci.text), total.span[1] + LIST_REACH) if end < 0 else end
        opened = ci.text.find("其中", total.span[1], end)
        if opened < 0:
            continue
        parts: list[Fact] = []
        for f in amounts[i + 1 :]:
            if f.span[0] >= end:
                break
            if f.span[0] < opened or f.figure_type == "上年":
                continue  # (its own comparison before 其中; last year's figure beside each source)
            if not (f.metric or "").startswith("income.") or f.metric == "income.total":
                break
            parts.append(f)
        sources = {p.metric for p in parts}
        if len(sources) >= ZERO_SOURCES_MIN and "income.fiscal" in sources and all(p.value == 0 for p in parts):
            yield ci.finding(
                "list_sum", "warning",
                f"“{total.subject}”{_fmt_number(total.value)}{total.unit}，其中所列{len(parts)}项来源（{'、'.join(p.subject or '?' for p in parts)}）均为0，合计不等于它",
                fact_ids=[total.fact_id] + [p.fact_id for p in parts], span=(total.span[0], parts[0].span[1]),
            )


def fiscal_spending_without_fiscal_income(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """“三公”经费财政拨款预算33.34万元 on a budget page whose income says 本年财政拨款收入0万元 and carries
    nothing over: money paid out of 财政拨款 cannot exceed the 财政拨款 the department receives. (A 决算
    may spend 财政拨款 carried over from earlier years, so it is left alone.)"""
    if ci.doc_kind == "决算":
        return
    amounts = [f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value is not None and f.figure_type != "上年"]
    fiscal = [f for f in amounts if f.metric == "income.fiscal"]
    if not fiscal or any(f.value for f in fiscal) or any(f.value and f.metric == "income.carryover" for f in amounts):
        return
    for f in sorted(amounts, key=lambda f: f.span[0]):
        lo = max(0, f.span[0] - FUNDED_LEAD)
        nl = ci.text.rfind("\n", lo, f.span[0])
        lead = ci.text[nl + 1 if nl >= 0 else lo : f.span[0]]
        if f.value and (f.metric or "").startswith("sangong.") and "财政拨款" in lead and not re.search(r"[。；;]", lead[lead.find("财政拨款") :]):
            yield ci.finding(
                "claim_contradiction", "warning",
                f"“{f.subject}”由财政拨款安排{_fmt_number(f.value)}{f.unit}，而“{fiscal[0].subject}”写作{_fmt_number(fiscal[0].value)}{fiscal[0].unit}：财政拨款支出不能多于财政拨款收入",
                fact_ids=[f.fact_id, fiscal[0].fact_id], span=f.span,
            )
            return  # (the total's items say the same again)


#: how far before a 三公 figure its funding (…“三公”经费财政拨款预算) is read
FUNDED_LEAD = 24
_SHARE_WHOLE = re.compile(r"占(?P<whole>[^，,。；;%％]{0,10}?)的?(?:比重|比例)?(?:为|是)?\s*$")
#: how far after a share its change (，与2013年持平 / ，比上年提高2个百分点) may stand
SHARE_CHANGE_AFTER = 24


def complementary_share_changes(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """人员经费支出占总支出的36%，与2013年持平；公用支出占总支出的64%，比2013年增加2%: two shares of one
    whole that make it up (they add to 100 %) move together, one up by what the other loses — one cannot
    stay flat while the other moves, nor can both rise (or both fall)."""
    shares: list[tuple[Fact, str]] = []
    for f in sorted((f for f in ci.facts if f.kind == "percent" and f.value is not None), key=lambda f: f.span[0]):
        m = _SHARE_WHOLE.search(one_to_one(ci.text[max(0, f.span[0] - 16) : f.span[0]]))
        if m is not None:
            shares.append((f, m.group("whole")))
    changes = sorted((f for f in ci.facts if f.kind == "change" and f.value is not None), key=lambda f: f.span[0])
    starts = [f.span[0] for f in changes]

    def change_after(share: Fact, stop: int) -> Fact | None:
        j = bisect.bisect_left(starts, share.span[1])
        if j == len(changes) or changes[j].span[0] >= stop or changes[j].span[0] - share.span[1] > SHARE_CHANGE_AFTER:
            return None
        return None if re.search(r"[。；;\n]", ci.text[share.span[1] : changes[j].span[0]]) else changes[j]

    def sign(c: Fact) -> int:
        return 0 if c.direction == "unchanged" or not c.value else (1 if c.direction == "increase" or c.direction is None and c.value > 0 else -1)  # type: ignore[operator]

    for (a, wa), (b, wb) in zip(shares, shares[1:], strict=False):
        if abs(a.value + b.value - 100) > 0.5 or wa.strip("总") != wb.strip("总") or "\n" in ci.text[a.span[1] : b.span[0]]:  # type: ignore[operator]
            continue
        ca, cb = change_after(a, b.span[0]), change_after(b, len(ci.text))
        if ca is None or cb is None or any(c.unit in MONEY and c.surface != "持平" for c in (ca, cb)) or MONEY.get(ca.unit or "") and MONEY.get(cb.unit or ""):
            continue  # (比上年减少2.4万元 is the item's money, not its share: the shares may move either way)
        sa, sb = sign(ca), sign(cb)
        if (sa == 0) != (sb == 0) or sa == sb != 0:
            moved = cb if sb else ca
            yield ci.finding(
                "claim_contradiction", "info",
                f"两项占比合计100%（{_fmt_number(a.value)}%＋{_fmt_number(b.value)}%），变动却写作“{ca.surface}”与“{cb.surface}”：一项升则另一项降，不能一项持平而另一项变动",  # type: ignore[arg-type]
                fact_ids=[a.fact_id, ca.fact_id, b.fact_id, cb.fact_id], span=moved.span,
            )


def changes_of_equal_totals(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """Two totals equal this year whose changes against one year cannot differ as stated. A budget's
    收入 and 支出 balance every year, so equal totals change alike (收入65.61万元，较2025年增加0.82万元 …
    支出65.61万元，较2025年增加2.48万元). A scope inside a whole (metrics.json `subsets`: 一般公共预算财政拨款支出
    inside 支出) that is all of it this year was at most all of it last year: its increase is at least the
    whole's. One finding per whole's change."""
    this_year: dict[str, set[float]] = defaultdict(set)
    for f in ci.facts:
        if f.kind == "amount" and f.unit in MONEY and f.value and f.metric and f.figure_type != "上年" and not compared_figure(ci.text, f):
            this_year[f.metric].add(round(float(f.value) * MONEY[f.unit], 2))  # type: ignore[index]
    items = {f.fact_id: item_of(f) for f in ci.facts if f.kind in ("amount", "change") and f.unit in MONEY and f.value is not None}
    items.update(_bare_totals(ci.facts, items))  # (收入较2025年增加0.82万元: the 收入 total's change)
    changes: dict[tuple[str, str], Fact] = {}
    for f in sorted((f for f in ci.facts if f.kind == "change" and items.get(f.fact_id)), key=lambda f: f.span[0]):
        changes.setdefault((items[f.fact_id], _baseline_key(f)), f)  # type: ignore[arg-type]

    def amount(metric: str) -> float | None:
        values = this_year.get(metric, set())
        return next(iter(values)) if len(values) == 1 else None

    pairs = [(whole, part, "subset") for part, whole in metric_subsets().items()]
    # (本年收入合计 leaves out the carryover that last year's spending may have used: only a whole 收入 balances)
    if ci.doc_kind == "预算" and not any(f.metric == "income.total" and "本年" in (f.subject or "") for f in ci.facts):
        pairs.append(("exp.total", "income.total", "balance"))
    for whole, part, how in pairs:
        a, b = amount(whole), amount(part)
        if a is None or b is None or abs(a - b) >= 1:  # (in yuan: the same printed figure)
            continue
        for (metric, base), cw in changes.items():
            cp = changes.get((part, base))
            if metric != whole or cp is None:
                continue
            w, p = float(cw.value) * MONEY[cw.unit], float(cp.value) * MONEY[cp.unit]  # type: ignore[arg-type,index]
            tol = (printed_rounding(cw) * MONEY[cw.unit] + printed_rounding(cp) * MONEY[cp.unit])  # type: ignore[index]
            if how == "balance" and abs(w - p) > tol or how == "subset" and p < w - tol:
                said = "收支平衡，收入与支出的变动应相同" if how == "balance" else f"“{cp.subject}”即全部“{cw.subject}”，其增加额不应小于后者"
                yield ci.finding(
                    "claim_contradiction", "warning",
                    f"“{cw.subject}”与“{cp.subject}”本年同为{_fmt_number(a / MONEY[cw.unit])}{cw.unit}，变动却分别写作{_fmt_number(cw.value)}{cw.unit}与{_fmt_number(cp.value)}{cp.unit}：{said}",  # type: ignore[arg-type,index]
                    fact_ids=[cw.fact_id, cp.fact_id], span=cw.span,
                )


_LIST_OPENS = re.compile(r"\s*(?:亿元|万元|萬元|元)?\s*[,，]?\s*其中\s*[:：]?")


def _figure_word(subject: str | None, funds: re.Pattern[str]) -> str | None:
    """预算 or 决算 as a figure's own name says it, not as the fund it is paid from (一般公共预算拨款)."""
    name = funds.sub("", one_to_one(subject or ""))
    budget, final = "预算" in name, "决算" in name
    return "预算" if budget and not final else "决算" if final and not budget else None


def items_named_as_the_other_figure(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A 预算 total split 其中 into items each named 决算 (三公经费预算54万元,其中:因公出国(境)费支出决算0万元;
    公务用车…支出决算12万元;…) — or the other way round: the list was copied from the other template's
    sentence and its words not changed. Every item must say the other figure; one that says nothing or
    mixes both is no evidence."""
    funds = cue_pattern("fund_kinds")
    amounts = sorted((f for f in ci.facts if f.kind == "amount" and f.unit in MONEY), key=lambda f: f.span[0])
    starts = [f.span[0] for f in amounts]
    for i, total in enumerate(amounts):
        said = _figure_word(total.subject, funds)
        if said is None or not _LIST_OPENS.match(ci.text, total.span[1]):
            continue
        stops = [p for p in (ci.text.find("。", total.span[1], total.span[1] + LIST_REACH), ci.text.find("\n", total.span[1], total.span[1] + LIST_REACH)) if p >= 0]
        end = min(stops, default=total.span[1] + LIST_REACH)
        items = amounts[i + 1 : bisect.bisect_left(starts, end)]
        if len(items) < 2 or any(_figure_word(f.subject, funds) in (None, said) for f in items):
            continue
        other = "决算" if said == "预算" else "预算"
        yield ci.finding(
            "template_residue", "info",
            f"模板残留（预算/决算用语混用）：“{total.subject}”{_fmt_number(total.value)}{total.unit}所列{len(items)}项均写作“{other}”",  # type: ignore[arg-type]
            fact_ids=[total.fact_id] + [f.fact_id for f in items], span=(items[0].span[0], items[-1].span[1]),
        )


def fiscal_with_its_non_tax_sibling(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """财政拨款(补助)收入311.81万元，纳入专户管理的非税收入46万元 — then 财政拨款(补助)预算数357.81万元: the
    appropriation named again as the two added, the non-tax income counted into it. The two are listed
    side by side first (cues.json `fiscal_words`, `non_tax_words`), so the page itself keeps them apart."""
    fiscal, non_tax = cue_pattern("fiscal_words"), cue_pattern("non_tax_words")
    amounts = sorted((f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value and f.figure_type != "上年"), key=lambda f: f.span[0])
    named = [(f, one_to_one(f.subject or "")) for f in amounts]
    apart = [f for f, s in named if fiscal.search(s) and not non_tax.search(s) and not _SUM_WORDS.search(s)]
    # (keyed by where the sentence starts, not by its words: a page may print one sentence many times)
    non_tax_in: dict[int, list[Fact]] = defaultdict(list)
    for f, s in named:
        if non_tax.search(s):
            non_tax_in[_sentence_at(ci.text, f.span[0])].append(f)
    # the appropriations by value in 元, bisected for each pair's sum (not rescanned: linear in the page)
    by_value = sorted(apart, key=lambda b: float(b.value) * MONEY[b.unit])  # type: ignore[arg-type,index]
    values = [float(b.value) * MONEY[b.unit] for b in by_value]  # type: ignore[arg-type,index]
    told: set[str] = set()
    for a in apart:
        for n in non_tax_in.get(_sentence_at(ci.text, a.span[0]), ()):
            want = float(a.value) * MONEY[a.unit] + float(n.value) * MONEY[n.unit]  # type: ignore[arg-type,index]
            tol = printed_rounding(a) * MONEY[a.unit] + printed_rounding(n) * MONEY[n.unit]  # type: ignore[index]
            lo = bisect.bisect_left(values, want - 2 * tol)
            for b in by_value[lo : min(bisect.bisect_right(values, want + 2 * tol), lo + SUM_CANDIDATES)]:
                near = abs(float(b.value) * MONEY[b.unit] - want) <= tol + printed_rounding(b) * MONEY[b.unit]  # type: ignore[arg-type,index]
                if b.span[0] <= max(a.span[0], n.span[0]) or b.fact_id in told or not near or b.value == a.value:
                    continue
                told.add(b.fact_id)
                yield ci.finding(
                    "claim_contradiction", "info",
                    f"“{b.subject}”写作{_fmt_number(b.value)}{b.unit}，即“{a.subject}”{_fmt_number(a.value)}{a.unit}加“{n.subject}”{_fmt_number(n.value)}{n.unit}：前文二者并列，此处把非税收入也算作财政拨款",  # type: ignore[arg-type]
                    fact_ids=[a.fact_id, n.fact_id, b.fact_id], span=b.span,
                )


#: how far back a figure's sentence start is looked for
SENTENCE_BACK = 200


def _sentence_at(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts (within SENTENCE_BACK characters)."""
    lo = max(0, pos - SENTENCE_BACK)
    return max(lo, *(text.rfind(ch, lo, pos) + 1 for ch in "。；;\n"))


#: how many appropriations of one value a pair's sum is compared with (a page states a figure a few times)
SUM_CANDIDATES = 16
_SUM_WORDS = re.compile(r"合计|总计|总额|总收入|收入总")
