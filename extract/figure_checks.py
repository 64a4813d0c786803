"""Checks that read figures the way 预算 and 决算 documents state them.

A 决算 item paragraph states an item's 年初预算, its 决算数 and the completion rate, then claims
决算数大于/小于年初预算数 and gives a reason; a 预算 paragraph states this year's figure, last
year's and the change. These checks recompute what the prose claims from the prose's own
numbers (and the tables' figures of one item from each other), with the tolerance of the printed
decimals: a gap of one last digit is rounding, reported at info level or not at all.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from .align import MONEY
from .claim_checks import both_sides, compared_figure, printed_rounding, roughly_flat
from .figures import column_figure_type, prose_figure_type
from .normalize import one_to_one
from .records import Fact, Finding, TableCell
from .resources import cue_pattern, cues
from .scan import NumberBeforeMark
from .tables import Table
from .taxonomy import metric_for

BUDGET_TYPES = ("年初预算", "调整预算", "预算数")

#: how far back (characters, same section) a completion rate or a claim may look for the two
#: figures it speaks of: a 决算 item paragraph states both within two sentences (~120 chars in
#: the genre); 300 leaves room for codes and item names without reaching the previous item.
LOOKBACK = 300
#: a completion rate follows its 决算 figure closely (支出决算为35.12万元，完成年初预算的96.22%)
COMPLETION_WINDOW = 40

_COMPLETION = re.compile(r"(?:完成|达到|为|占)了?(?P<which>年初|全年|调整(?:后)?)?预算(?:数|安排)?(?:[\d,.]+\s*(?:万元|元|亿元))?的?\s*$")
_CLAIM = re.compile(r"决算数?\s*(?P<rel>大于|小于|等于|高于|低于|超过|多于|少于|与[^，。；]{0,6}持平)\s*(?P<which>年初|全年|调整(?:后)?)?\s*预算(?:数)?")
_BIGGER = ("大于", "高于", "超过", "多于")
_SMALLER = ("小于", "低于", "少于")
#: a claim's own reason, read this far on within its sentence (…小于预算数的主要原因是年初预算估算不足)
CLAIM_REASON_WITHIN = 60
_CLAIM_REASON = re.compile(r"[^。；;\n]{0,12}?(?:原因|由于)[^。；;\n]{0,40}")


_DECIMALS = re.compile(r"\.(\d+)")


def _decimals(surface: str) -> int:
    m = _DECIMALS.search(surface)
    return len(m.group(1)) if m else 0


def _half_digit(f: Fact) -> float:
    """Half a unit of the last printed digit of a fact, in its unit."""
    return 0.5 * 10 ** (-_decimals(f.surface or str(f.value)))


def _fmt(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".")


_FIGURE_WORDS = re.compile(r"(?:19|20)\d{2}年度?|本年度?|上年度?|年初预算|调整(?:后)?预算|全年预算|预算安排|预算执行|执行数|决算数?|预算数?|支出|实际|总额|数$|[为是的]$|[“”\"\s()（）]")


def item_of(subject: str) -> str:
    """An item's name without its figure words: 公务接待费支出决算 and 公务接待费年初预算 → 公务接待费."""
    prev = None
    while prev != subject:
        prev, subject = subject, _FIGURE_WORDS.sub("", subject)
    return subject


def same_item(a: str, b: str) -> bool:
    """Two subjects name one item (after their figure words are dropped; one may qualify the other:
    一般公共预算财政拨款三公经费 and 三公经费)."""
    x, y = item_of(a), item_of(b)
    if not x or not y:
        return not x and not y
    return x == y or (min(len(x), len(y)) >= 2 and (x.endswith(y) or y.endswith(x)))


class FigureIndex:
    """Money amounts of one document with their figure types, in text order, by section; built
    once per document (`figure_index`) and shared by the checks that pair figures."""

    def __init__(self, text: str, facts: list[Fact], doc_kind: str | None, year: int | None, typed: bool = False) -> None:
        self.amounts = [f for f in facts if f.kind == "amount" and f.unit in MONEY and f.value is not None]
        typed = typed or any(f.figure_type for f in self.amounts)  # the figures stage ran: its types stand
        self.type = {
            f.fact_id: f.figure_type if typed else prose_figure_type(text, f.span[0], kind="amount", doc_kind=doc_kind, doc_year=year) for f in self.amounts
        }
        self.by_section: dict[str, list[Fact]] = defaultdict(list)
        for f in sorted(self.amounts, key=lambda f: f.span[1]):
            self.by_section[f.section].append(f)
        self.ends = {sec: [f.span[1] for f in fs] for sec, fs in self.by_section.items()}

    def before(self, fact: Fact, window: int = LOOKBACK) -> list[Fact]:
        """Amounts of the same section that end before `fact` starts, nearest first."""
        fs, ends = self.by_section.get(fact.section, []), self.ends.get(fact.section, [])
        out = []
        for i in range(bisect.bisect_right(ends, fact.span[0]) - 1, -1, -1):
            if fact.span[0] - fs[i].span[1] > window:
                break
            out.append(fs[i])
        return out

    def nearest(self, fact: Fact, types: Iterable[str], *, window: int = LOOKBACK, item: str | None = None) -> Fact | None:
        """The nearest amount before `fact` of one of `types` (and, given `item`, about that item)."""
        want = set(types)
        return next((a for a in self.before(fact, window) if self.type[a.fact_id] in want and (item is None or same_item(a.subject, item))), None)


def figure_index(ci) -> FigureIndex:  # noqa: ANN001 - CheckInput
    """The document's `FigureIndex`, built on first use and kept on the check input."""
    if ci.shared.get("figures") is None:
        ci.shared["figures"] = FigureIndex(ci.text, ci.facts, ci.doc_kind, ci.year, ci.figures_typed)
    return ci.shared["figures"]


def _yuan(f: Fact) -> float:
    return float(f.value) * MONEY[f.unit or "元"]  # type: ignore[arg-type]


def completion_arithmetic(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """`完成年初预算的X%` = 决算 / 年初预算 from the paragraph's own figures; a rate stated on a zero
    budget (年初预算0万元 yet 完成年初预算的95.00%) is an error of its own."""
    idx = figure_index(ci)
    for p in ci.facts:
        if p.kind != "percent" or p.value is None or p.unit != "%":
            continue
        lead = ci.text[max(0, p.span[0] - 30) : p.span[0]]
        lead = lead[max(lead.rfind("。"), lead.rfind("；"), lead.rfind("\n")) + 1 :]
        m = _COMPLETION.search(lead)
        if not m or "完成" not in lead[: m.end()] and "预算" not in lead[m.start() :]:
            continue
        which = m.group("which") or ""
        budget_types = ("年初预算",) if which.startswith("年初") else ("调整预算",) if which else BUDGET_TYPES
        inside = [a for a in idx.amounts if p.span[0] - len(lead) + m.start() <= a.span[0] < p.span[0]]
        if inside:  # 完成全年预算56.10万元的81.4%: the budget is named inside the phrase
            budget = inside[-1]
            actual = idx.nearest(budget, ("决算数",), item=budget.subject) or idx.nearest(budget, ("决算数",), window=COMPLETION_WINDOW)
        else:
            actual = idx.nearest(p, ("决算数",), window=COMPLETION_WINDOW)
            budget = idx.nearest(actual, budget_types, item=actual.subject) if actual else None
        if budget is None or actual is None or actual is budget:
            continue
        b, a = _yuan(budget), _yuan(actual)
        if b == 0:
            # (完成预算0万元的100%: nothing spent of nothing budgeted, the convention's 100 %, not a slip)
            if p.value and not (a == 0 and abs(p.value - 100) <= 0.5):
                yield ci.finding(
                    "completion_arithmetic", "warning",
                    f"预算数为0，却写作完成预算的{_fmt(p.value)}%",
                    fact_ids=[budget.fact_id, actual.fact_id, p.fact_id], span=p.span,
                )
            continue
        # a budget printed as a whole number is taken as set (预算为1万元 is 1万元, not anything from
        # 0.5 to 1.5): budgets are set in round figures, actuals are what was spent
        db_half = _half_digit(budget) if _decimals(budget.surface or str(budget.value)) else 0.005
        da, db = _half_digit(actual) * MONEY[actual.unit or "元"], db_half * MONEY[budget.unit or "元"]
        lo = (a - da) / (b + db) * 100 - _half_digit(p)
        hi = (a + da) / max(b - db, 1e-9) * 100 + _half_digit(p)
        if not lo - 1e-9 <= p.value <= hi + 1e-9:
            odd = _odd_unit(ci, budget, actual, p)
            if odd is not None:
                # the rate holds for the printed numbers in one unit: one figure's unit is wrong
                # (预算为494,400.00万元, 决算为115,749.56元, 完成预算的23.42%)
                yield ci.finding(
                    "unit_suspect", "warning",
                    f"“{odd.subject}”写作{_fmt(odd.value)}{odd.unit}，但完成率{_fmt(p.value)}%只在预算与决算同以{(actual if odd is budget else budget).unit}计时成立",
                    fact_ids=[budget.fact_id, actual.fact_id, p.fact_id], span=odd.span,
                )
                continue
            yield ci.finding(
                "completion_arithmetic", "warning",
                f"决算{_fmt(actual.value)}{actual.unit} ÷ 预算{_fmt(budget.value)}{budget.unit} = {a / b * 100:.2f}%，正文写作{_fmt(p.value)}%",  # type: ignore[arg-type]
                fact_ids=[budget.fact_id, actual.fact_id, p.fact_id], span=p.span,
            )


#: how close (percentage points) the items' "completion rates" must add to 100 to be read as shares
SHARES_SUM_SLACK = 0.1


def completion_rates_that_are_shares(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """Items' `完成预算的X%` that are each their amount over the whole's budget and add up to 100 %
    (预算7.55万元 … 公务用车…4.81万元，完成预算的63.71%；公务接待费…2.74万元，完成预算的36.29%): shares
    of the total written as completion rates — read as rates, the items' budgets would each be the
    whole budget."""
    idx = figure_index(ci)
    totals = sorted((f for f in ci.facts if f.kind == "amount" and f.value and f.figure_type in BUDGET_TYPES and f.metric and f.unit in MONEY), key=lambda f: f.span[1])
    ends = [t.span[1] for t in totals]
    by_total: dict[str, list[tuple[Fact, Fact]]] = defaultdict(list)
    for p in ci.facts:
        if p.kind != "percent" or not p.value or p.unit != "%" or not p.metric or p.metric == (p.share_of or ""):
            continue
        lead = ci.text[max(0, p.span[0] - 12) : p.span[0]]
        lead = lead[max(lead.rfind("，"), lead.rfind(","), lead.rfind("。"), lead.rfind("；")) + 1 :]
        if "完成" not in lead or not _COMPLETION.search(lead):
            continue
        actual = idx.nearest(p, ("决算数",), window=COMPLETION_WINDOW)
        if actual is None or actual.metric != p.metric or not actual.value:
            continue
        # the whole's budget stated before, in the same paragraph: a total of the family the item belongs to
        # (walked back from the item by bisect, never past the paragraph's start)
        line_start = ci.text.rfind("\n", 0, p.span[0])
        family = (p.metric or "").split(".")[0]
        whole = None
        for j in range(bisect.bisect_right(ends, actual.span[0]) - 1, -1, -1):
            t = totals[j]
            if t.span[1] <= line_start:
                break
            if t.metric != p.metric and (t.metric or "").split(".")[0] == family:
                whole = t
                break
        if whole is None:
            continue
        share = _yuan(actual) / _yuan(whole) * 100 if _yuan(whole) else -1.0
        if abs(share - p.value) <= 10 ** -_decimals(p.surface or "") + 1e-9:
            by_total[whole.fact_id].append((actual, p))
    for pairs in by_total.values():
        if len(pairs) >= 2 and abs(sum(float(p.value) for _, p in pairs) - 100) <= SHARES_SUM_SLACK:  # type: ignore[arg-type]
            for actual, p in pairs:
                yield ci.finding(
                    "completion_arithmetic", "warning",
                    f"“{actual.subject}”{_fmt(actual.value)}{actual.unit}写作完成预算的{_fmt(p.value)}%，实为占总预算的比重（各项合计100%），不是本项完成率",  # type: ignore[arg-type]
                    fact_ids=[actual.fact_id, p.fact_id], span=p.span,
                )


def _odd_unit(ci, budget: Fact, actual: Fact, rate: Fact) -> Fact | None:  # noqa: ANN001 - CheckInput
    """Of a budget and an actual in different units whose printed numbers give the stated rate as
    they stand, the one whose unit the document uses less (None when the units agree or the rate
    does not fit the printed numbers either)."""
    if budget.unit == actual.unit or not budget.value or actual.value is None:
        return None
    slack = 3 * _half_digit(rate)  # a rate one printed digit off still shows which unit the figures share
    lo = (actual.value - _half_digit(actual)) / (budget.value + _half_digit(budget)) * 100 - slack
    hi = (actual.value + _half_digit(actual)) / max(budget.value - _half_digit(budget), 1e-9) * 100 + slack
    if not lo - 1e-9 <= float(rate.value) <= hi + 1e-9:  # type: ignore[arg-type]
        return None
    used = Counter(f.unit for f in ci.facts if f.kind in ("amount", "change") and f.unit in MONEY)
    return budget if used[budget.unit] <= used[actual.unit] else actual


def figure_claims(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """Claims against the paragraph's own numbers: `决算数大于/小于/等于年初预算数` against the two
    figures stated before it (in a 决算 item paragraph the claim opens the next sentence); `增加`
    with a smaller figure than last year's; `持平` beside two different figures."""
    idx = figure_index(ci)
    anchors = sorted(ci.facts, key=lambda f: f.span[0])
    for m in _CLAIM.finditer(ci.text):
        # 决算数小于预算数的主要原因是年初预算估算不足: a budget set too low makes 决算 the larger
        if m.group("rel") in _SMALLER:
            why = _CLAIM_REASON.match(ci.text, m.end(), m.end() + CLAIM_REASON_WITHIN)
            low = why and next((w for w in cues()["budget_too_low"] if w in one_to_one(why.group())), None)
            if low:
                yield ci.finding(
                    "claim_contradiction", "warning",
                    f"文字称决算数{m.group('rel')}预算数，原因却是“{low}”（预算不足时决算应大于预算）",
                    span=(m.start(), why.end()),  # type: ignore[union-attr]
                )
        # the facts of the claim's section: the nearest fact that starts before the claim
        here = next((f for f in reversed(anchors) if f.span[0] <= m.start()), None)
        if here is None:
            continue
        probe = Fact.from_dict({**here.to_dict(), "span": (m.start(), m.start())})
        which = m.group("which") or ""
        head = ci.text[max(0, m.start() - 40) : m.start()]
        head = re.split(r"[，,。；;：:\n]", head)[-1]
        item = item_of(head) or None
        budget = idx.nearest(probe, ("年初预算",) if which.startswith("年初") else ("调整预算",) if which else BUDGET_TYPES, item=item)
        actual = idx.nearest(probe, ("决算数",), item=item)
        if budget is None or actual is None:
            continue
        if actual.sentence == budget.sentence and m.group() in actual.sentence:
            continue  # one sentence states both figures and the claim: claim_contradiction's own case
        a, b = _yuan(actual), _yuan(budget)
        tol = _half_digit(actual) * MONEY[actual.unit or "元"] + _half_digit(budget) * MONEY[budget.unit or "元"]
        rel = m.group("rel")
        wrong = a <= b if rel in _BIGGER else a >= b if rel in _SMALLER else abs(a - b) > tol
        if wrong:
            yield ci.finding(
                "claim_contradiction", "warning",
                f"文字称决算数{rel}预算数，但决算{_fmt(actual.value)}{actual.unit}，预算{_fmt(budget.value)}{budget.unit}",  # type: ignore[arg-type]
                fact_ids=[budget.fact_id, actual.fact_id], span=(m.start(), m.end()),
            )
    for fs in ci.by_sentence.values():
        amounts = [f for f in fs if f.fact_id in idx.type]
        prior = [f for f in amounts if idx.type[f.fact_id] == "上年"]
        now = [f for f in amounts if idx.type[f.fact_id] != "上年"]
        changes = [f for f in fs if f.kind == "change" and f.direction in ("increase", "decrease", "unchanged") and (f.unit in MONEY or f.unit == "%" or f.surface in ("持平",))]
        if len(prior) != 1 or len(now) != 1 or len(changes) < 1 or prior[0].unit != now[0].unit:
            continue
        last, cur = prior[0], now[0]
        diff = float(cur.value) - float(last.value)  # type: ignore[arg-type]
        tol = _half_digit(cur) + _half_digit(last)
        for c in changes:
            if c.direction == "unchanged" and roughly_flat(ci.text, c, diff, float(last.value)):  # type: ignore[arg-type]
                continue  # 基本持平 beside a small change
            if c.direction == "increase" and diff < -tol or c.direction == "decrease" and diff > tol or c.direction == "unchanged" and abs(diff) > tol:
                said = {"increase": "增加", "decrease": "减少", "unchanged": "持平"}[c.direction]  # type: ignore[index]
                yield ci.finding(
                    "claim_contradiction", "warning",
                    f"“{c.subject}”称{said}，但本年{_fmt(cur.value)}{cur.unit}，上年{_fmt(last.value)}{last.unit}",  # type: ignore[arg-type]
                    fact_ids=[last.fact_id, cur.fact_id, c.fact_id], span=c.span,
                )
                break


_TOTAL_SUBJECT = re.compile(r"(?:收入|支出)(?:预算|决算)?(?:总额|总计|合计)$|^(?:预算|决算)总额$|^(?:收入|支出)总(?:额|计)")
_ITEM_METRIC = re.compile(r"^(?:exp\.|income\.|func\.|sangong\.)")


def item_exceeds_total(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """An item stated larger than the department's whole budget (an item's 执行数 above the total of
    收入 or 支出): a slipped unit or decimal, or a figure from another document."""
    idx = figure_index(ci)
    totals = [f for f in idx.amounts if idx.type[f.fact_id] != "上年" and (f.metric in ("income.total", "exp.total") or _TOTAL_SUBJECT.search(f.subject or ""))]
    if not totals:
        return
    top = max(totals, key=_yuan)
    total_ids = {f.fact_id for f in totals}  # a set: `f in totals` compared every field of every total
    for f in idx.amounts:
        if f.fact_id in total_ids or idx.type[f.fact_id] == "上年" or not _ITEM_METRIC.match(f.metric or "") or f.metric in ("income.total", "exp.total"):
            continue
        if compared_figure(ci.text, f):
            continue  # (比2017年36821.86万元增加…: the figure a change is measured from, however garbled its year)
        if both_sides().search(one_to_one(f.subject or "")):
            continue  # (财政拨款收支总计707.02万元 = both sides added: claim_contradiction reports that, it is no item)
        if _yuan(f) > _yuan(top) + (_half_digit(f) + _half_digit(top)) * MONEY[top.unit or "元"]:
            yield ci.finding(
                "item_exceeds_total", "warning",
                f"“{f.subject}”{_fmt(f.value)}{f.unit}大于部门总额“{top.subject}”{_fmt(top.value)}{top.unit}",  # type: ignore[arg-type]
                fact_ids=[f.fact_id, top.fact_id], span=f.span,
            )


#: funding scopes, narrowest first: a column or title naming one of these covers only that money
_SCOPES = ("一般公共预算", "政府性基金", "国有资本经营", "财政专户", "财政拨款")
_PARTS = ("基本支出", "项目支出")
_LEAF_TOTAL = re.compile(r"^(?:合计|小计|总计|金额|本年(?:支出|收入)?合计)$")
_SCOPE_WORDS = re.compile("|".join(_SCOPES) + r"|预算|财政拨款|拨款|小计|合计|总计|本年|支出|收入|[（()）]")


@lru_cache(maxsize=4096)  # a table repeats its few columns on every row
def _scope(title: str, column: str) -> tuple[str, str]:
    """(funding scope, part) of a cell: the narrowest scope its column names, else its title's."""
    col, ttl = re.sub(r"\s+", "", column), re.sub(r"\s+", "", title)
    scope = next((w for w in _SCOPES if w in col), None) or next((w for w in _SCOPES if w in ttl), "全部")
    part = next((w for w in _PARTS if w in ttl), "")
    return scope, part


@lru_cache(maxsize=4096)
def _leaf(column: str) -> str:
    """The column's own figure: 合计 for a total or a column that only names a funding scope."""
    leaf = re.sub(r"\s+", "", column.split(">")[-1])
    return "合计" if _LEAF_TOTAL.match(leaf) or not _SCOPE_WORDS.sub("", leaf) else leaf


def table_cross_mismatch(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """The same item in two tables of one document must agree: a classification code's figure of
    the same kind (决算数, 年初预算 …), column (合计, 基本支出, 项目支出) and funding scope (一般公共预算
    财政拨款, 政府性基金 …) in 支出决算表 and 一般公共预算财政拨款支出决算表, say. A gap of one last
    printed digit is rounding (info)."""
    groups: dict[tuple, list[tuple[object, TableCell]]] = defaultdict(list)
    for t in ci.tables:
        unit = MONEY.get(t.unit or "", None)
        if unit is None:
            continue
        for c in t.cells:
            if not c.code:
                continue
            leaf = _leaf(c.column)
            ftype = column_figure_type(c.column, t.title, ci.doc_kind, ci.year)
            groups[(c.code, leaf, ftype, _scope(t.title, c.column))].append((t, c))
    for (code, leaf, _ftype, _scope_key), cells in groups.items():
        by_table = {}
        for t, c in cells:
            by_table.setdefault(id(t), (t, c))
        if len(by_table) < 2:
            continue
        (t0, c0), *rest = by_table.values()
        for t1, c1 in rest:
            if t1.title == t0.title:
                continue  # the same table printed twice (page break): compared by table_sum checks
            u0, u1 = MONEY[t0.unit], MONEY[t1.unit]
            gap = abs(c0.value * u0 - c1.value * u1)
            step = max(10 ** (-_decimals(str(c0.value))) * u0, 10 ** (-_decimals(str(c1.value))) * u1)
            if gap <= 1e-6 * max(u0, u1):
                continue
            severity = "info" if gap <= step * 1.01 else "warning"
            yield ci.finding(
                "table_cross_mismatch", severity,
                f"{c0.row_label}（{code}）{leaf}：表“{t0.title}”为{_fmt(c0.value)}，表“{t1.title}”为{_fmt(c1.value)}",
                span=c1.span,
            )


def sangong_blank_cell(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A 三公 figure stated in prose (not zero) whose row in the 三公 table is printed but left blank
    in the matching figure's column: the prose and the table disagree, though no number does."""
    tables = [t for t in ci.tables if "三公" in t.title and t.cells]
    if not tables:
        return
    idx = figure_index(ci)
    # the figure types each table has a column for, once per table (not per fact)
    table_types = [{column_figure_type(c.column, t.title, ci.doc_kind, ci.year) for c in t.cells} for t in tables]
    told: set[tuple[int, str | None]] = set()  # one blank cell is one finding, however often the prose states it
    for f in idx.amounts:
        if not (f.metric or "").startswith("sangong.") or not f.value:
            continue
        ftype = idx.type[f.fact_id]
        for t, has in zip(tables, table_types, strict=True):
            rows = [r for r in t.rows if r.cells and metric_for(r.cells[0].text or "") == f.metric]
            if not rows:
                continue
            cells = [c for c in t.cells if metric_for(c.row_label) == f.metric]
            types = {column_figure_type(c.column, t.title, ci.doc_kind, ci.year) for c in cells}
            # (a figure the table has no column for at all — 2011年决算 beside 2012年预算 read as 上年 — is not blank here)
            if ftype is not None and ftype not in has and None not in has:
                continue
            if not cells or ftype is not None and ftype not in types and not (types & {None}):
                if (k := (id(t), f.metric)) in told:
                    break
                told.add(k)
                yield ci.finding(
                    "prose_table_mismatch", "warning",
                    f"正文“{f.subject}”为{_fmt(f.value)}{f.unit}，表“{t.title}”中该项{'' if ftype is None else ftype}为空",
                    fact_ids=[f.fact_id], span=f.span,
                )
                break


_SANGONG_TOTAL_ROW = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:支出)?(?:合\s*计|总\s*计)$")


def sangong_table_sums(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A 三公 table's own structure, column by column: 公务用车购置及运行费 = 购置费 + 运行费 (a part
    above its parent is reported at the part), and the total = 因公出国（境）费 + 公务接待费 +
    公务用车购置及运行费 (not reported again when the vehicle row's gap is the whole gap)."""
    for t in ci.tables:
        told: set[tuple[str, str]] = set()  # (check, row): a gap repeated in every column is said once
        for f in _sangong_table_gaps(ci, t):
            key = (f.check, f.message.split("：", 1)[1].split("为", 1)[0] if "：" in f.message else f.message)
            if key not in told:
                told.add(key)
                yield f


def _sangong_table_gaps(ci, t: Table) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """The gaps of one 三公 table, per column (see `sangong_table_sums`)."""
    by_col: dict[str, dict[str, TableCell]] = defaultdict(dict)
    for c in t.cells:
        label = re.sub(r"\s+", "", c.row_label or "")
        m = metric_for(label)
        if m is None and _SANGONG_TOTAL_ROW.match(label):
            m = "sangong.total"
        if m and m.startswith("sangong."):
            by_col[c.column].setdefault(m, c)
    for col, cells in by_col.items():
        if len(cells) < 3 or column_figure_type(col) == "比例":
            continue  # (a column of rates — 增、减幅度 — does not add up)
        parent, buy, run = cells.get("sangong.vehicle"), cells.get("sangong.vehicle_purchase"), cells.get("sangong.vehicle_operation")
        vehicle_gap = 0.0
        if parent is not None and buy is not None and run is not None:
            kids = buy.value + run.value
            if abs(kids - parent.value) > _cell_tol(ci.text, parent, buy, run):
                vehicle_gap = kids - parent.value
                yield ci.finding(
                    "table_sum_mismatch", "warning",
                    f"表“{t.title}”{col}：{parent.row_label}为{_fmt(parent.value)}，其下购置费{_fmt(buy.value)} + 运行费{_fmt(run.value)} = {_fmt(kids)}",
                    span=parent.span,
                )
                for kid in (buy, run):
                    if kid.value > parent.value + _cell_tol(ci.text, parent, kid):
                        yield ci.finding(
                            "item_exceeds_total", "warning",
                            f"表“{t.title}”{col}：{kid.row_label}{_fmt(kid.value)}大于其所属{parent.row_label}{_fmt(parent.value)}",
                            span=kid.span,
                        )
        total, abroad, reception = cells.get("sangong.total"), cells.get("sangong.abroad"), cells.get("sangong.reception")
        vehicle = parent.value if parent is not None else (buy.value + run.value if buy is not None and run is not None else None)
        if total is None or abroad is None or reception is None or vehicle is None:
            continue
        items = abroad.value + reception.value + vehicle
        gap = total.value - items
        if abs(gap) > _cell_tol(ci.text, total, abroad, reception, *(x for x in (parent, buy, run) if x is not None)) and abs(gap - vehicle_gap) > 1e-6:
            yield ci.finding(
                "table_sum_mismatch", "warning",
                f"表“{t.title}”{col}：{total.row_label}为{_fmt(total.value)}，因公出国（境）费{_fmt(abroad.value)} + 公务接待费{_fmt(reception.value)} + 公务用车{_fmt(vehicle)} = {_fmt(items)}",
                span=total.span,
            )


def _cell_tol(text: str, *cells: TableCell) -> float:
    """Half a unit of the last printed digit of each cell (as the page prints it), added up."""
    return sum(0.5 * 10 ** -_decimals(text[c.span[0] : c.span[1]] if c.span else str(c.value)) for c in cells) + 1e-9


_CLASS_METRIC = re.compile(r"^func\.\d{3}$")
_CLASS_CODE = re.compile(r"[（(]\s*\d{3}\s*类?\s*[）)]\s*$|\d{3}\s*类\s*[）)]?\s*$")
#: a paragraph ends at a blank line; a listing longer than this is not one sentence group
PARAGRAPH_MAX = 1500


_NEXT_HEADING = re.compile(r"。\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）])")


#: a class list this long that prints an empty class or ends on 其他支出 lists every class
EXHAUSTIVE_MIN = 3
#: the residual 类 (其他支出): a list closing on it left nothing out
OTHER_CLASS = "func.229"


def class_list_sum(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """The 类 amounts listed under a total in one paragraph (一般公共预算财政拨款支出X万元，其中：一般
    公共服务支出（201类）a万元，占p%；教育支出（205类）b万元 …) add up to no more than the total, and
    to the total when their shares add up to 100%."""
    idx = figure_index(ci)
    shares = sorted((f for f in ci.facts if f.kind == "percent" and f.value is not None), key=lambda f: f.span[0])
    share_starts = [f.span[0] for f in shares]
    by_start = sorted(idx.amounts, key=lambda f: f.span[0])
    amount_starts = [a.span[0] for a in by_start]
    for total in idx.amounts:
        if _CLASS_METRIC.match(total.metric or "") or (total.metric or "").startswith("income."):
            continue  # (a 收入 total's paragraph may run on into the 支出 line's classes: they are not its parts)
        # the paragraph, bounded: neither search runs to the end of a long document per amount
        end = ci.text.find("\n\n", total.span[1], total.span[1] + PARAGRAPH_MAX)
        end = end if end >= 0 else min(len(ci.text), total.span[1] + PARAGRAPH_MAX)
        # a text printed on one line (PDF): the next numbered heading ends the paragraph too
        if (nh := _NEXT_HEADING.search(ci.text, total.span[1], end)) is not None:
            end = nh.start() + 1
        if "其中" not in ci.text[total.span[1] : min(end, total.span[1] + 12)]:
            continue
        near = by_start[bisect.bisect_left(amount_starts, total.span[1]) : bisect.bisect_left(amount_starts, end)]
        items = [a for a in near if a.unit == total.unit and a.section == total.section
                 and (_CLASS_METRIC.match(a.metric or "") or _CLASS_CODE.search(ci.text[max(0, a.span[0] - 12) : a.span[0]].rstrip("为是：:")))]
        # a paragraph splitting the total several ways (按支出项目类别：…其他支出0万元。按支出功能分类科目：…):
        # the class list starts at its own heading
        if (by_function := ci.text.find("功能分类", total.span[1], end)) >= 0:
            items = [a for a in items if a.span[0] > by_function]
        # 其他支出 listed after 工资福利支出、商品和服务支出… closes the economic classes, not the functional ones
        at = {id(a): k for k, a in enumerate(near)}
        items = [a for a in items if not (a.metric == OTHER_CLASS and (k := at[id(a)]) and (near[k - 1].metric or metric_for(near[k - 1].subject or "") or "").startswith("exp.econ"))]
        # one 类 counted once: an item of a class already listed is that class's own (教育支出300万元，
        # 普通教育支出300万元)
        items = [a for j, a in enumerate(items) if not (a.metric and any(b.metric == a.metric for b in items[:j]))]
        if len(items) < 2:
            continue
        got = sum(float(a.value) for a in items)  # type: ignore[arg-type]
        # (a page printing 488.75万元 drops trailing zeros: its 2万元 is 2.00, its 0万元 nothing at all)
        tol = sum(printed_rounding(a, ci.money_decimals) for a in (total, *items))
        in_paragraph = shares[bisect.bisect_left(share_starts, total.span[1]) : bisect.bisect_left(share_starts, end)]
        pct = sum(float(p.value) for p in in_paragraph)  # type: ignore[arg-type]
        # the list is the whole when its shares make 100 %, or when it prints a class with nothing in it or
        # ends on the residual class (…一般公共服务支出预算0万元…其他支出2万元): a template listing every class
        exhaustive = 99.5 <= pct <= 100.5 or len(items) >= EXHAUSTIVE_MIN and (any(not a.value for a in items) or items[-1].metric == OTHER_CLASS)
        if got > float(total.value) + tol or exhaustive and abs(got - float(total.value)) > tol:  # type: ignore[arg-type]
            yield ci.finding(
                "list_sum", "warning",
                f"“{total.subject}”{_fmt(total.value)}{total.unit}，所列各类合计{_fmt(round(got, 2))}{total.unit}",  # type: ignore[arg-type]
                fact_ids=[total.fact_id] + [a.fact_id for a in items], span=total.span,
            )


#: (…减少173.75万元减少10.28主要原因是…: the clause may run straight on into its reason)
_LOST_PCT = re.compile(r"(?:增长|下降|上升|降低|增幅为?|降幅为?|减少|增加|(?P<share>占))了?[ \t]*(?P<num>\d+(?:\.\d+)?)(?![\d.])(?=[ \t]*(?:[。，；,;）)]|主要|原因))")
#: …1691.93万元，占100: a share right after the amount it is of
_AMOUNT_BEFORE_SHARE = re.compile(r"\d\s*(?:万元|亿元|元)[，,]?\s*$")
_MONEY_CHANGE_BEFORE = re.compile(r"(?:增加|减少|增长|下降)了?\s*[\d,.]+\s*(?:万元|元|亿元)[，,、]?\s*$")
#: a rate word with a number and its % sign: a sentence's other rates written this way
_RATE_WITH_PCT = re.compile(r"(?:增长|下降|上升|降低)了?\s*\d+(?:\.\d+)?\s*[%％]")
_RATE_WORD = re.compile(r"增长|下降|上升|降低")


def _pct_siblings(text: str, m: re.Match[str]) -> bool:
    """A bare number after 增长/下降 in a sentence whose other rates carry % (…43万元,同比下降18.87;
    公务接待费393万元,同比下降9.24%…): the sign was lost, the number is no count."""
    if not _RATE_WORD.match(text, m.start()):
        return False
    start = text.rfind("。", max(0, m.start() - SENTENCE_REACH), m.start()) + 1
    stop = text.find("。", m.end(), m.end() + SENTENCE_REACH)
    sentence = text[max(start, m.start() - SENTENCE_REACH) : stop if stop >= 0 else m.end() + SENTENCE_REACH]
    return _RATE_WITH_PCT.search(sentence) is not None


#: how far either way a sentence is looked at for its other rates
SENTENCE_REACH = 300
#: (a number not inside another: `(?<![\d.])\d+` written `\d(?<![\d.]\d)\d*` — the same matches, but a
#: pattern opening on a digit class lets the engine jump between digits instead of trying every position)
_CUT_WAN = re.compile(r"(?P<num>\d(?<![\d.]\d)\d*(?:\.\d+)?)[ \t]*万(?!\s*[元人个台辆次件册平方亩千米余多户名张份吨斤公里字套间所座条项\d])")
#: 较上年增加1276.13万，增长23.01%: a 万 after a change verb, followed by its rate, is money
_AMOUNT_CHANGE_BEFORE = re.compile(r"(?:增加|减少)了?[ \t]*$")
_INLINE_END = re.compile(r"[ \t]*(?:[，,。；;、）)]|(?:增长|下降|增加|减少|上升|降低)[了]?[ \t]*\d)")
#: a document that writes 万元 at least this often has 万元 as its style: a single bare 万 is a cut unit
#: (b07: one “0.00 万,” among 10 万元; a short 三公 page of set G: one “38万。” beside 8万元 and 单位:万元 —
#: 8 missed it; the documents that write the shorthand on purpose write it many times, 50 万，… 11 times)
WAN_YUAN_STYLE_MIN = 2
#: …and a few (at most FEW_BARE_WAN) are slips when 万元 is written WAN_YUAN_RATIO times as often
FEW_BARE_WAN = 3
WAN_YUAN_RATIO = 5
_CUT_AT_LINE_END = re.compile(r"[ \t]*\n\s*(?!元)")
_MONEY_WORDS = re.compile(r"支出|收入|经费|预算|资金|费用?|拨款")
#: the money a bare 万 counts, named right after it (1000万政府性基金…, 50万专项资金)
_MONEY_NOUN_AFTER = re.compile(r"(?:政府性基金|一般公共预算|财政拨款|专项资金|专项经费|资金|经费|拨款)")
_PCT_NUMBER = re.compile(r"(\d(?<![\d.]\d)\d*(?:\.\d+)?)\s*[%％]")  # (opening on a digit: see _CUT_WAN)
# both scanned from their marks (万, %), far fewer than the digits of a page's tables
_CUT_WAN_SCAN = NumberBeforeMark(_CUT_WAN, "万", " \t")
_PCT_NUMBER_SCAN = NumberBeforeMark(_PCT_NUMBER, "%％", None)


#: a money item's bare number with two decimals, closed by punctuation: no unit was printed
_BARE_AMOUNT = re.compile(
    r"(?:(?:收入|支出|结转|结余|拨款|经费|预算|决算|合计|总计|总额)(?:数|为|是)?|(?:较|比)上年度?)[ \t]*(?P<num>\d+(?:,\d{3})*\.\d{1,2})"
    r"(?=[ \t]*(?:[，,；;）)]|减少|增加|增长|下降|包括|其中|$))",
    re.M,
)
#: an amount in yuan with its unit (7842977.60元), for a page that writes no 万元
_YUAN_AMOUNT = re.compile(r"\d元")


def lost_units(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A percent sign lost after a rate (`增长8.41。` where 8.41% stands elsewhere, or right after a
    money change: 增加12万元，增长8.41。), and a money unit cut at a line end (`0.62万` and the next
    line goes on without 元). Within a line `209万` is the genre's shorthand for 万元 (reviewers of
    the dev corpus judged it no problem), so it is left alone."""
    with_pct: set[str] | None = None  # every number written with a % sign, collected once (not per match)
    for m in _LOST_PCT.finditer(ci.text):
        if _in_table(ci, m.start()):
            continue
        num = m.group("num")
        before = ci.text[max(0, m.start() - 24) : m.start()]
        if with_pct is None:
            with_pct = {x.group(1) for x in _PCT_NUMBER_SCAN.finditer(ci.text)}
        elsewhere = num in with_pct
        # (…财政拨款收入1691.93万元，占100。: a share is a percent, whatever else the page prints)
        share = m.group("share") is not None and float(num) <= 100 and _AMOUNT_BEFORE_SHARE.search(before) is not None
        if elsewhere or share or _MONEY_CHANGE_BEFORE.search(before) or _pct_siblings(ci.text, m):
            yield ci.finding("unit_suspect", "warning", f"“{ci.text[m.start():m.end()].strip()}”缺少百分号", span=(m.start("num"), m.end("num")))
    cut = []
    wan = list(_CUT_WAN_SCAN.finditer(ci.text))  # scanned once for both questions below
    for m in wan:
        # a unit cut by a line end (…0.62万 / 的…): within a line, 万 for 万元 is shorthand, not a doubt
        if _in_table(ci, m.start()) or not _CUT_AT_LINE_END.match(ci.text, m.end()) or not ci.text[m.end() :].strip():
            continue  # (…8.47万 as the last thing in the text is an excerpt cut there, not the document's slip)
        if _MONEY_WORDS.search(ci.text[max(0, m.start() - 20) : m.end()]):
            cut.append(m)
    if not cut:
        # one 万 for 万元 in a document that writes 万元 everywhere else is a slip, not its style
        # (a document that writes 50万，10万，8万… within lines uses the shorthand on purpose)
        inline = [m for m in wan if not _in_table(ci, m.start()) and (
            _INLINE_END.match(ci.text, m.end()) and (_MONEY_WORDS.search(ci.text[max(0, m.start() - 20) : m.start()]) or _AMOUNT_CHANGE_BEFORE.search(ci.text, max(0, m.start() - 6), m.start()))
            or _MONEY_NOUN_AFTER.match(ci.text, m.end()))]  # (…新增了1000万政府性基金预算拨款: the money named right after)
        # (…a few, beside ten times as many 万元, are slips too: 合计为1000.86万 … 807.95万 … 增加4.66万)
        n_yuan = ci.text.count("万元")
        if inline and (len(inline) == 1 and n_yuan >= WAN_YUAN_STYLE_MIN or len(inline) <= FEW_BARE_WAN and n_yuan >= WAN_YUAN_RATIO * len(inline)):
            cut = inline
    if cut:
        times = f"（共{len(cut)}处）" if len(cut) > 1 else ""
        first = cut[0]
        yield ci.finding("unit_suspect", "warning", f"金额“{first.group().strip()}”缺少“元”{times}", span=(first.start("num"), first.end()))
    # an amount printed with no unit at all beside ones in 万元 (本年收入65435.35,上年结转190.17万元)
    # (…or in 元 on a page that writes no 万元: 收入预算7842977.60元,…上年结转120000.00)
    unit = "万元" if ci.text.count("万元") >= WAN_YUAN_STYLE_MIN else "元" if len(_YUAN_AMOUNT.findall(ci.text)) >= WAN_YUAN_STYLE_MIN else None
    if unit is not None:
        with_unit: set[str] | None = None
        for m in _BARE_AMOUNT.finditer(ci.text):
            line_start = ci.text.rfind("\n", 0, m.start()) + 1
            line_end = ci.text.find("\n", m.end())
            line = ci.text[line_start : line_end if line_end >= 0 else len(ci.text)]
            rest = ci.text[m.end() : m.end() + 8].lstrip()
            if _in_table(ci, m.start()) or "|" in line or "\t" in line or not rest or rest.startswith(("万", "元", "亿")):
                continue  # (a number the excerpt ends on may have lost its unit to the cut; 1349.94⏎万元 has it)
            start = max(ci.text.rfind("。", line_start, m.start()) + 1, line_start)
            stop = ci.text.find("。", m.end(), line_start + len(line))
            sentence = ci.text[start : stop if stop >= 0 else line_start + len(line)]
            # (…or the same figure stands elsewhere with it: 支出总计3666.34包括: under 收入总计 3666.34万元)
            if with_unit is None:  # (every number printed with the unit, collected once: not a scan per match)
                with_unit = {x.group(1) for x in re.finditer(rf"(?<![\d.])(\d+(?:,\d{{3}})*\.\d{{1,2}})\s*{unit}", ci.text)}
            same = m.group("num") in with_unit
            if same or ("万元" in sentence if unit == "万元" else _YUAN_AMOUNT.search(sentence)):
                said = f"同一数字别处写作“{m.group('num')}{unit}”" if same else f"同句其余金额写“{unit}”"
                yield ci.finding("unit_suspect", "info", f"金额“{ci.text[m.start():m.end()].strip()}”缺单位（{said}）", span=m.span("num"))


#: an average per car or per person (车均运行维护费5.97万元, 人均公用经费): total ÷ count
_PER_CAR = re.compile(r"车|辆|台")


#: how far before an average its total and its count may be stated (the same paragraph or the one before)
AVERAGE_SOURCES_BEFORE = 400


#: the units a printed average may have slipped between
SLIP_UNITS = ("元", "万元")


def average_units(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """An average stated in another unit than its own total ÷ count (车辆保有量3辆，车均运行维护费
    5.97元 after 运行维护费17.9万元: 17.9万元 ÷ 3 = 5.97万元). Only the unit is judged: an average
    that fits in no unit may be of another total than the one found."""
    facts = sorted(ci.facts, key=lambda f: f.span[0])
    for i, avg in enumerate(facts):
        if avg.kind != "amount" or avg.unit not in MONEY or not avg.value or not cue_pattern("average_words").search(avg.subject or ""):
            continue
        per_car = _PER_CAR.search(avg.subject) is not None
        near = [f for f in facts[:i] if avg.span[0] - f.span[0] <= AVERAGE_SOURCES_BEFORE]
        counts = [c for c in near if c.value and c.value > 0 and (c.kind == "count" and c.unit in ("辆", "台") if per_car else c.kind == "headcount")]
        totals = [t for t in near if t.kind == "amount" and t.unit in MONEY and t.value and t.value > 0 and not cue_pattern("average_words").search(t.subject or "")]
        if not counts or not totals:
            continue
        stated = avg.value * MONEY[avg.unit]
        fits_own, slip = False, None  # does any total ÷ count give the average as stated, or only in another unit
        for t in totals:
            for c in counts:
                implied = t.value * MONEY[t.unit] / c.value  # in 元
                t_half = _half_digit(t) * MONEY[t.unit] / c.value  # the total's rounding, shared out
                fits_own = fits_own or abs(implied - stated) <= _half_digit(avg) * MONEY[avg.unit] + t_half + 1e-9
                # (the genre's slip is 元 for 万元 or back: 百万元 and 千元 fit too many quotients by chance)
                for unit, scale in ((u, MONEY[u]) for u in SLIP_UNITS):
                    if scale != MONEY[avg.unit] and abs(implied - avg.value * scale) <= _half_digit(avg) * scale + t_half + 1e-9:
                        slip = slip or (t, c, unit)
        if slip is not None and not fits_own:
            t, c, unit = slip
            yield ci.finding(
                "unit_suspect", "warning",
                f"“{avg.subject}”写作{avg.value:g}{avg.unit}，而{t.subject}{t.value:g}{t.unit}÷{c.value:g}{c.unit}={t.value / c.value:.2f}{t.unit}，单位应为{unit}",
                fact_ids=[avg.fact_id, t.fact_id, c.fact_id], span=avg.span,
            )


def _in_table(ci, pos: int) -> bool:  # noqa: ANN001 - CheckInput
    # bisect over the merged table spans (CheckInput.table_spans): linear in document length
    starts, ends = ci.table_spans
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]
