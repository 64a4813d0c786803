"""Consistency and quality checks over one document's facts, tables and text.

Each check is a small function returning `Finding`s with an id, a severity, one readable line
and its evidence (fact ids and/or a span in the original text). They only report what the
numbers show; a check that cannot decide says nothing.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cache, cached_property

from .align import MONEY, decimals
from .claim_checks import (
    baseline_kind,
    both_sides,
    both_sides_summed,
    carryover_balance,
    changes_of_equal_totals,
    complementary_share_changes,
    completion_against_gap,
    composition_shares,
    conflicting_changes,
    fiscal_spending_without_fiscal_income,
    fiscal_with_its_non_tax_sibling,
    grand_total_below_year_total,
    implied_budgets_against_total,
    items_named_as_the_other_figure,
    listed_item_exceeds_its_total,
    listed_parts_exceed_total,
    misprinted_amounts,
    parts_add_up_to_whole,
    reason_denies_its_amount,
    reason_years_disagree,
    roughly_flat,
    sangong_total_with_other_items,
    sangong_totals_with_other_items,
    shares_of_one_whole,
    unchanged_against_budget,
    unit_against_its_total,
    zero_sources_under_total,
)
from .figure_checks import (
    average_units,
    class_list_sum,
    completion_arithmetic,
    completion_rates_that_are_shares,
    figure_claims,
    item_exceeds_total,
    lost_units,
    sangong_blank_cell,
    sangong_table_sums,
    table_cross_mismatch,
)
from .layout import heading_level
from .normalize import one_to_one, one_to_one_document
from .records import Alignment, Fact, Finding, TableCell
from .resources import alternation, cue_pattern, cues, metric_partitions, residue_patterns, spending_side
from .tables import EMPTY_NOTE as _EMPTY_NOTE
from .tables import Table
from .taxonomy import metric_for
from .text_checks import (
    date_out_of_year,
    duplicate_text,
    enumerated_counts,
    figure_stated_as_one_compared_as_other,
    final_headings_in_budget,
    finance_glossary_elsewhere,
    foreign_unit_name,
    opening_names_the_other_kind,
    outdated_class_names,
    unit_count_against_parts,
)
from .verbs import direction_of, stated_directions
from .verbs import patterns as verb_patterns

Check = Callable[["CheckInput"], Iterable[Finding]]


class CheckInput:
    """Everything a check may look at (built once per document)."""

    def __init__(self, *, doc_id: str, text: str, year: int | None, facts: list[Fact], tables: list[Table], alignments: list[Alignment], toc_titles: list[str] | None = None, doc_kind: str | None = None, department: str | None = None, figures_typed: bool = False) -> None:
        self.doc_id = doc_id
        self.figures_typed = figures_typed  # the figures stage ran: the facts' figure types are final, None included
        self.department = department
        self.text = text
        self.year = year
        self.doc_kind = doc_kind
        self.shared: dict[str, object] = {}  # per-document values several checks build once (figure_checks.figure_index)
        self.facts = facts
        self.tables = tables
        self.cells: list[TableCell] = [c for t in tables for c in t.cells]
        self.alignments = alignments
        self.by_id = {f.fact_id: f for f in facts}
        self.toc_titles = toc_titles or []
        self.by_sentence = _sentence_groups(facts)
        self.table_spans = merged_spans(t.span for t in tables if t.span)

    @cached_property
    def other_scope_totals(self) -> dict[str, list[Fact]]:
        """三公 totals that list 会议费/培训费 among their parts → those parts; read by three checks."""
        return sangong_totals_with_other_items(self)

    @cached_property
    def money_decimals(self) -> dict[str, int]:
        """The finest decimals the prose prints money in, per unit (at most 2). A page that prints
        2.5万元 and 168.53万元 drops trailing zeros: its 18万元 is 18.00, not anything from 17.5 to 18.5."""
        finest: dict[str, int] = {}
        for f in self.facts:
            if f.kind in ("amount", "change") and f.unit in MONEY and f.surface:
                finest[f.unit] = min(2, max(finest.get(f.unit, 0), decimals(f.surface)))  # type: ignore[index]
        return finest

    @cached_property
    def simplified(self) -> str:
        """`one_to_one(text)`, built once: several checks read the whole text with the one-to-one
        map (same offsets, traditional mirror pages read as simplified), and `one_to_one`'s small
        cache has lost the whole text to the sentences mapped in between."""
        return one_to_one_document(self.text)  # (the normalise stage mapped this text already)

    def finding(self, check: str, severity: str, message: str, *, fact_ids: list[str] | None = None, span: tuple[int, int] | None = None) -> Finding:
        """A finding of this document: checks name the problem and its evidence, never the doc_id."""
        return Finding(doc_id=self.doc_id, check=check, severity=severity, message=message, fact_ids=fact_ids or [], span=span)  # type: ignore[arg-type]


def _fmt(v: float) -> str:
    """A number as a message prints it: thousands separated, no trailing zeros (1,642.08, 200)."""
    return f"{v:,.2f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- prose vs table


def prose_table_mismatch(ci: CheckInput) -> Iterable[Finding]:
    """One error per alignment `align` called a mismatch: the prose and its table disagree, and
    `align` only says so for a strong name and a near miss (or two exactly named items whose values
    are exchanged, reported once), so the finding can be trusted."""
    mismatches = [a for a in ci.alignments if a.status == "mismatch"]
    told: set[str] = set()
    for a in mismatches:
        if a.fact_id in told:
            continue
        f = ci.by_id[a.fact_id]
        # two items whose values are exchanged between prose and table: one error, said once
        b = next((b for b in mismatches if b is not a and b.fact_id not in told and b.table_id == a.table_id
                  and b.fact_value == a.table_value and b.table_value == a.fact_value), None)
        if b is not None:
            g = ci.by_id[b.fact_id]
            told.update((a.fact_id, b.fact_id))
            first, second = sorted((f, g), key=lambda x: x.span[0])
            yield ci.finding(
                "prose_table_mismatch", "error",
                f"正文“{f.subject}”{_fmt(a.fact_value)}{f.unit}、“{g.subject}”{_fmt(b.fact_value)}{g.unit}，"
                f"表“{a.table_title}”中两项互换：“{f.subject}”{_fmt(a.table_value)}、“{g.subject}”{_fmt(b.table_value)}",
                fact_ids=[first.fact_id, second.fact_id], span=first.span,
            )
            continue
        yield ci.finding(
            "prose_table_mismatch",
            "error",
            f"正文“{f.subject}”为{_fmt(a.fact_value)}{f.unit}，表“{a.table_title}”中“{a.row_label}”（{a.column}）为{_fmt(a.table_value)}{f.unit}",
            fact_ids=[f.fact_id],
            span=f.span,
        )


# ---------------------------------------------------------------- table arithmetic


def _tol(*values: float) -> float:
    """A visible gap: any difference in the last printed digit (1 元 in whole-number tables, 0.01
    otherwise). Rounded parts may legitimately miss their total by a cent or two (尾数误差); such
    gaps are still reported, at info level (see `_slack`)."""
    if all(float(v).is_integer() for v in values):
        return 0.5
    return 0.005


def _slack(*values: float) -> float:
    """The gap rounded parts may leave (a cent or so per part): within it a sum mismatch is info only."""
    return 0.0 if all(float(v).is_integer() for v in values) else 0.006 * max(2, len(values))


def table_sum_mismatch(ci: CheckInput) -> Iterable[Finding]:
    """One finding per table and row whose figures do not add up (see `_table_sums`); a parent
    whose gap is just its child's gap is the same error, reported once at the child."""
    for t in ci.tables:
        found: dict[str, tuple[float, Finding]] = {}
        for code, delta, f in _table_sums(ci, t):
            if code not in found:
                found[code] = (delta, f)
        for code, (delta, f) in found.items():
            if any(k != code and k.startswith(code) and abs(abs(d) - abs(delta)) < 1e-6 for k, (d, _) in found.items()):
                continue
            yield f


def _table_sums(ci: CheckInput, t: Table) -> Iterable[tuple[str, float, Finding]]:
    """(row code, gap, finding): children of a code (2101501 under 21015 under 210) against their
    parent, per column; and 合计 against 基本支出 + 项目支出 in the same row."""
    if t.cells:
        by_col: dict[str, dict[str, TableCell]] = defaultdict(dict)
        for c in t.cells:
            if c.code:
                by_col[c.column].setdefault(c.code, c)
        for col, cells in by_col.items():
            children: dict[str, list[TableCell]] = defaultdict(list)
            for k, c in cells.items():
                if len(k) >= 5:
                    children[k[:-2]].append(c)
            for code, parent in cells.items():
                kids = children.get(code, [])
                if not kids:
                    continue
                total = sum(k.value for k in kids)
                if abs(total - parent.value) > _tol(parent.value, *[k.value for k in kids]):
                    yield code, parent.value - total, ci.finding(
                        "table_sum_mismatch",
                        "warning" if abs(total - parent.value) > _slack(*[k.value for k in kids]) else "info",
                        f"表“{t.title}”{col}：{parent.row_label}（{code}）为{_fmt(parent.value)}，其下级科目合计{_fmt(total)}",
                        span=parent.span,
                    )
        # 合计 = 基本支出 + 项目支出 in rows that have those three columns
        cols = {c.column for c in t.cells}
        total_col = next((c for c in cols if c.split(" > ")[-1] == "合计"), None)
        basic = next((c for c in cols if c.split(" > ")[-1] == "基本支出"), None)
        project = next((c for c in cols if c.split(" > ")[-1] == "项目支出"), None)
        leaves = {c.split(" > ")[-1] for c in cols}
        if total_col and basic and project and leaves <= {"合计", "基本支出", "项目支出", "人员经费", "公用经费", "小计"}:
            rows: dict[tuple[str, str | None, int], dict[str, TableCell]] = defaultdict(dict)
            for c in t.cells:
                rows[(c.row_label, c.code, c.span[0] // 10**9 if c.span else 0)][c.column] = c
            # group cells by row: same label and code, consecutive
            for key, r in _rows_of(t).items():
                if total_col in r and basic in r and project in r:
                    s = r[basic].value + r[project].value
                    if abs(s - r[total_col].value) > _tol(r[total_col].value, r[basic].value, r[project].value):
                        yield r[total_col].code or key, r[total_col].value - s, ci.finding(
                            "table_sum_mismatch",
                            "warning" if abs(s - r[total_col].value) > _slack(r[basic].value, r[project].value) else "info",
                            f"表“{t.title}”“{key}”：合计{_fmt(r[total_col].value)} ≠ 基本支出{_fmt(r[basic].value)} + 项目支出{_fmt(r[project].value)}",
                            span=r[total_col].span,
                        )


def _rows_of(t: Table) -> dict[str, dict[str, TableCell]]:
    rows: dict[str, dict[str, TableCell]] = {}
    current: dict[str, TableCell] = {}
    key = ""
    for c in t.cells:
        k = f"{c.code or ''}{c.row_label}"
        if k != key or c.column in current:
            if current:
                rows.setdefault(key, current)
            current, key = {}, k
        current[c.column] = c
    if current:
        rows.setdefault(key, current)
    return rows


_INCOME_TOTAL = re.compile(r"收入(?:总计|合计)")
_EXPENSE_TOTAL = re.compile(r"支出(?:总计|合计)")


def total_mismatch(ci: CheckInput) -> Iterable[Finding]:
    """收入总计 = 支出总计 in a two-sided total table."""
    for t in ci.tables:
        inc = [c for c in t.cells if _INCOME_TOTAL.fullmatch(c.row_label.replace(" ", ""))]
        exp = [c for c in t.cells if _EXPENSE_TOTAL.fullmatch(c.row_label.replace(" ", ""))]
        if inc and exp and abs(inc[0].value - exp[0].value) > 0.005:
            yield ci.finding("total_mismatch", "error", f"表“{t.title}”收入总计{_fmt(inc[0].value)} ≠ 支出总计{_fmt(exp[0].value)}", span=inc[0].span)


# ---------------------------------------------------------------- prose arithmetic


def _sentence_groups(facts: list[Fact]) -> dict[str, list[Fact]]:
    groups: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        groups[f.sentence].append(f)
    return groups


#: a change of the bare 收入 / 支出 is of the paragraph's total income / spending
_BARE_TOTALS = ("收入", "支出")
#: how far after its money change a rate may stand, in its own clause, and still be its rate
RATE_AFTER_CHANGE = 16


#: how far below the stated rate the rate of a change read in its printed unit must fall to call the unit slipped
SLIPPED_RATE_SHARE = 0.01


def _slipped_change_unit(ci: CheckInput, a: Fact, c: Fact, p: Fact) -> Finding | None:
    """收入总计520.52万元，比上年减少51.48元，减少11.02%: no rate near 11 % comes of 51.48 元 on 520 万元 —
    read in the amount's unit it does, so the change's unit slipped (unit_suspect)."""
    if a.unit not in MONEY or c.unit not in MONEY or not a.value or not c.value or not p.value:
        return None
    printed = abs(c.value) * MONEY[c.unit] / max(abs(a.value * MONEY[a.unit] - c.value * MONEY[c.unit]), 1e-9) * 100
    slipped = abs(c.value) / max(abs(a.value - c.value), 1e-9) * 100
    if printed >= SLIPPED_RATE_SHARE * abs(p.value) or abs(slipped - abs(p.value)) >= abs(printed - abs(p.value)) or slipped > 3 * abs(p.value):
        return None
    return ci.finding(
        "unit_suspect", "warning",
        f"“{c.subject}”变动{_fmt(c.value)}{c.unit}，而“{a.subject}”为{_fmt(a.value)}{a.unit}、变动率{_fmt(p.value)}%：按{c.unit}计变动率仅{printed:.4f}%，按{a.unit}计为{slipped:.2f}%，单位可能应为{a.unit}",
        fact_ids=[a.fact_id, c.fact_id, p.fact_id], span=c.span,
    )


_COMPARED_LEAD = re.compile(r"(?:较|比|与|同)\s*$")


def year_run_into(ci: CheckInput, f: Fact) -> bool:
    """A compared figure that opens on last year's digits (较20155.88万元 = 较2015年5.88万元, 比201423.45万元):
    the year's 年 was lost and the two numbers ran together — the figure cannot be read."""
    digits = (f.surface or "").replace(",", "").split(".")[0]
    return (bool(ci.year) and len(digits) > 4 and digits[:4] in (str(ci.year - 1), str(ci.year))  # type: ignore[operator]
            and _COMPARED_LEAD.search(ci.text, max(0, f.span[0] - 3), f.span[0]) is not None)


def change_arithmetic(ci: CheckInput) -> Iterable[Finding]:
    """Amount, change and percent change of one item must agree: pct ≈ change / (amount − change)."""
    money_amounts = sorted((f for f in ci.facts if f.kind == "amount" and f.unit in MONEY and f.value is not None), key=lambda f: f.span[0])
    amount_starts = [f.span[0] for f in money_amounts]

    def line_amounts(start: int, end: int) -> list[Fact]:
        return money_amounts[bisect.bisect_left(amount_starts, start) : bisect.bisect_left(amount_starts, end)]

    last_amount: dict[tuple[str, str], Fact] = {}
    last_money_change: dict[tuple[str, str], Fact] = {}
    last_total: dict[tuple[str, str], Fact] = {}  # 收入预算7018.51万元 … 收入较上年增加…: the bare 收入 is that total
    for f in ci.facts:
        if f.kind == "amount" and f.unit in MONEY:
            last_amount[(f.section, f.subject)] = f
            if (head := f.subject[:2]) in _BARE_TOTALS and f.figure_type != "上年":
                last_total[(f.section, head)] = f
            continue
        if f.kind == "change" and f.unit in MONEY and f.value:
            last_money_change[(f.section, f.subject)] = f
        if f.kind != "change" or f.unit != "%" or not f.value:
            continue
        fs = ci.by_sentence.get(f.sentence, [])
        money_ch = [g for g in fs if g.kind == "change" and g.unit in MONEY and g.value and g.subject == f.subject]
        # 收入总计…，支出总计…，各增加…: a change told for two wholes at once is each whole's (the last named)
        own_subject = f.subject.rsplit("、", 1)[-1] if "、" in f.subject else f.subject
        amounts = [g for g in fs if g.kind == "amount" and g.unit in MONEY and g.subject == own_subject]
        if not amounts and both_sides().search(one_to_one(f.subject)):
            # (收入总计43.65万元,支出总计43.65万元,…收、支总计各增加3.65万元,增长8.36%: both sides, stated equal)
            sides = [g for g in fs if g.kind == "amount" and g.unit in MONEY and g.metric in ("income.total", "exp.total") and g.span[0] < f.span[0]]
            amounts = sides[-1:] if sides and len({(g.value, g.unit) for g in sides}) == 1 else []
        if len(money_ch) > 1:
            # 较年初预算数减少10.93万元，下降54.65%，较上年支出数减少0.71万元，下降7.83%: each rate with the
            # change right before it
            before = [g for g in money_ch if g.span[1] <= f.span[0]]
            rates_between = before and any(g.kind == "change" and g.unit == "%" and before[-1].span[1] <= g.span[0] < f.span[0] for g in fs)
            money_ch = [before[-1]] if before and not rates_between else []
        if not money_ch and (near := last_money_change.get((f.section, f.subject))) is not None \
                and 0 <= f.span[0] - near.span[1] <= RATE_AFTER_CHANGE and "\n" not in ci.text[near.span[1] : f.span[0]]:
            money_ch, cross = [near], True  # …减少0.71万元, 下降7.83%: the rate split from its change into a clause of its own
        else:
            cross = False
        if len(money_ch) != 1:
            continue
        c, p = money_ch[0], f
        # the amount the change is stated of: its own sentence's (…决算数为1,115.07万元，比2020年减少
        # 166.4万元) before an earlier sentence's figure of the same subject (its 预算数)
        own = amounts[0] if len(amounts) == 1 else own_amount(fs, c)
        a = own or last_amount.get((f.section, own_subject))
        if a is None and f.subject in _BARE_TOTALS and (t := last_total.get((f.section, f.subject))) is not None and "\n" not in ci.text[t.span[1] : c.span[0]]:
            a = t
        if a is not None and a.unit != c.unit and (slip := _slipped_change_unit(ci, a, c, p)) is not None:
            yield slip
            c = dataclasses.replace(c, unit=a.unit)  # read in the amount's unit, the arithmetic goes on
        if a is None or a.unit != c.unit or a.value is None or c.value is None or p.value is None:
            continue
        if year_run_into(ci, a):
            continue  # (较20155.88万元增加了0.51万元: 2015年5.88万元 with its 年 lost — no figure to compute from)
        if cross and "\n" in ci.text[a.span[1] : c.span[0]]:
            continue  # a rate paired across clauses is checked only against an amount of the same line
        # the figure the change is measured from, when that is the one its sentence names (较2017年决算总收入
        # 2794494元，增加了194131元); otherwise this year's less the change
        prior = a.value if a.figure_type == "上年" else a.value - c.value
        evidence = (min(c.span[0], p.span[0]), max(c.span[1], p.span[1]))
        if abs(prior) <= _prose_tol(a, c) and c.value > 0 and p.value > 0 and abs(p.value - 100) > 0.5:
            # 2.8万元，比上年增加2.8万元，增长127.27%: last year was nothing, so no rate but 100 % (if any)
            # can be right — the rate belongs to another figure (a slip, not the new-item convention)
            yield ci.finding(
                "change_arithmetic", "warning",
                f"“{a.subject}”{_fmt(a.value)}{a.unit}全部为增加额（上年为0），增长率不可能为{_fmt(p.value)}%",
                fact_ids=[a.fact_id, c.fact_id, p.fact_id], span=evidence,
            )
            continue
        if abs(prior) <= _prose_tol(a, c) and c.value > 0 and p.value > 0:
            # 增加4.79万元，增长100%: all of the amount is the increase, a rate on a zero base — against a
            # budget of nothing a completion rate, against last year's nothing a growth rate
            said = baseline_kind(c.baseline, ci.year)  # 2018年度预算 in a 2018 决算 → 2018预算; 上年预算 → 上年预算
            against_budget = "预算" in said and "上年" not in said and all(ci.year and int(y) >= ci.year for y in re.findall(r"\d{4}", said))
            yield ci.finding(
                "completion_arithmetic" if against_budget else "change_arithmetic", "info",
                f"“{a.subject}”{_fmt(a.value)}{a.unit}全部为增加额（基数为0），增长率{_fmt(p.value)}%无意义",
                fact_ids=[a.fact_id, c.fact_id, p.fact_id], span=evidence,
            )
            continue
        places = decimals(p.surface or str(p.value))
        if prior < -_prose_tol(a, c) and c.value > 0 and p.value > 0 and a.value >= 0 and "\n" not in ci.text[a.span[1] : c.span[0]]:
            # 年初结转和结余134.56万元，较2019年增加149.44万元，增长13.06%: an increase larger than the figure
            # leaves last year below zero — unless the rate fits another figure stated before the change
            line_start = ci.text.rfind("\n", 0, c.span[0]) + 1
            fits_other = any(
                g.value - c.value > 0 and abs(c.value / (g.value - c.value) * 100 - p.value) <= max(0.5 * 10 ** (-places), 0.006) + 0.01
                for g in (*fs, *line_amounts(line_start, c.span[0]))
                if g.kind == "amount" and g.unit == c.unit and g.value is not None and g is not a and g.span[1] <= c.span[0]
            )
            if not fits_other:
                yield ci.finding(
                    "change_arithmetic", "warning",
                    f"“{a.subject}”{_fmt(a.value)}{a.unit}，增加{_fmt(c.value)}{c.unit}大于本年数，上年应为{_fmt(prior)}{a.unit}（不可能为负）",
                    fact_ids=[a.fact_id, c.fact_id, p.fact_id], span=evidence,
                )
            continue
        if prior <= 0:
            continue
        expected = c.value / prior * 100
        # how far the printed rounding of the amount and the change can move the rate (16 and 2 万元 may be
        # 16.4 and 1.6; 11711.64 and 3399.57 万元 cannot move 22.50 % to 22.40 %)
        da, dc = _prose_tol(a), _prose_tol(c)
        of_last = a.figure_type == "上年"
        bases = [((x, y), a.value + y - (0.0 if of_last else c.value + x)) for x in (-dc, dc) for y in (-da, da)]
        corners = [(c.value + x) / b * 100 for (x, _y), b in bases if b > 0]
        tol = max(0.5 * 10 ** (-places), 0.006) + max((abs(r - expected) for r in corners), default=0.0)
        # an earlier sentence's figure may be the base itself (2021年决算7.73万元 … 2022年预算较上年增加
        # 2.27万元，增长29.37%): a rate that fits change ÷ that figure is no finding
        as_base = own is None and a.figure_type in (None, "上年") and a.value > 0 and abs(c.value / a.value * 100 - p.value) <= tol + 0.01
        # another amount stated before the change in its sentence may be the one it is of (预算为3万元，
        # 支出决算为1.71万元，完成预算的43%，较上年减少1.29万元，下降43%: the 决算's change)
        line_start = ci.text.rfind("\n", 0, c.span[0]) + 1
        other_fits = any(
            g.value - c.value > 0 and abs(c.value / (g.value - c.value) * 100 - p.value) <= tol + 0.01
            for g in (*fs, *line_amounts(line_start, c.span[0]))
            if g.kind == "amount" and g.unit == c.unit and g.value is not None and g is not a and g.span[1] <= c.span[0]
        )
        # a rate cut off rather than rounded (增加5% for 5.56%) is the genre's habit, not an error
        truncated = p.value == math.trunc(expected * 10**places) / 10**places
        if abs(expected - p.value) > tol + 0.01 and not as_base and not other_fits and not truncated:
            yield ci.finding(
                "change_arithmetic",
                "warning",
                f"“{a.subject}”{_fmt(a.value)}{a.unit}，变动{_fmt(c.value)}{c.unit}，应为{expected:.2f}%，正文写作{_fmt(p.value)}%",
                fact_ids=[a.fact_id, c.fact_id, p.fact_id],
                span=evidence,
            )


#: 减少…下降-81.75%: a fall stated with a minus sign as well reads, word for word, as a rise
_DOUBLE_NEGATIVE = re.compile(r"(?:下降|减少|降低|缩减|压减|(?<![增升])减|(?<![增升])降)(?:了)?(?:为|达)?[ \t]*[-－−]$")
#: how far before the minus sign the verb may stand (下降了为 -)
DOUBLE_NEGATIVE_LOOKBACK = 8


_MINUS_DIGIT = re.compile(r"[-－−][ \t]*\d")


def double_negative(ci: CheckInput) -> Iterable[Finding]:
    """A decrease verb followed by a negative number (下降-81.75%): the figure may be right, the
    wording says the opposite. Only the few places with a minus sign before a digit are read."""
    text = ci.text
    for mm in _MINUS_DIGIT.finditer(text):
        lo = max(0, mm.start() - DOUBLE_NEGATIVE_LOOKBACK)
        m = _DOUBLE_NEGATIVE.search(one_to_one(text[lo : mm.start() + 1]))
        if m is None or lo + m.end() <= mm.start():
            continue
        num = re.match(r"[\d.,]+%?", text[mm.end() - 1 :])
        start, end = lo + m.start(), mm.end() - 1 + (num.end() if num else 0)
        yield ci.finding(
            "change_arithmetic", "info",
            f"“{text[start:end]}”：减少/下降之后又写负号，按字面为增加",
            span=(start, end),
        )


def own_amount(sentence: list[Fact], change: Fact) -> Fact | None:
    """The one money amount of `change`'s sentence stated before it about the same item (its subject
    may add figure words: 三公经费决算数 / 三公经费), or None."""
    from .figure_checks import same_item

    before = [g for g in sentence if g.kind == "amount" and g.unit in MONEY and g.value is not None and g.span[1] <= change.span[0]]
    return before[-1] if len(before) == 1 and same_item(before[-1].subject or "", change.subject or "") else None


def _prose_tol(*facts: Fact) -> float:
    """Half a unit of the finest printed digit: 16.00 and 15.99 differ, 16 and 16.4 may not."""
    places = max(decimals(f.surface or str(f.value)) for f in facts)
    return 0.5 * 10 ** (-places) + 1e-9


_PRIOR_FIGURE = re.compile(r"(?:上年|上一年|(?:19|20)\d{2}年).{0,12}?(?:预算执行数|执行数|决算数|预算数|预算)$|(?:预算执行数|执行数|决算数)$")


def _names_prior(s: str, year: int | None) -> bool:
    """The words before a figure name an earlier year's (上年预算数, 2023年执行数) — not the document's own year."""
    m = _PRIOR_FIGURE.search(s)
    if m is None:
        return False
    y = re.search(r"(?:19|20)\d{2}", m.group())
    return not (y and year and int(y.group()) >= year)


def prior_arithmetic(ci: CheckInput) -> Iterable[Finding]:
    """A sentence that states last year's figure, this year's and the change: this − last = change
    (2023年预算执行数1822.46万元，2024年预算安排922.02万元，比2023年预算执行数减少900.44万元)."""
    prev_amounts: list[Fact] = []
    prev_end = -1
    for fs in sorted(ci.by_sentence.values(), key=lambda fs: fs[0].span[0] if fs else 0):
        amounts = [f for f in fs if f.kind == "amount" and f.unit in MONEY and f.value is not None]
        changes = [f for f in fs if f.kind == "change" and f.unit in MONEY and f.value is not None]
        here = (fs[0].span[0], fs[-1].span[1]) if fs else (prev_end, prev_end)
        if not amounts and len(changes) == 1 and "\n" not in ci.text[prev_end : here[0]]:
            # 2016年预算8万元，2015年预算12.5万元；对比减少4.35万元: the change in the next clause of the line
            amounts = prev_amounts
        prev_amounts, prev_end = ([f for f in fs if f.kind == "amount" and f.unit in MONEY and f.value is not None], here[1])
        if len(amounts) != 2 or len(changes) != 1:
            continue
        prior = [a for a in amounts if a.figure_type == "上年"]  # the figures stage read its year (2015年预算 in a 2016 budget)
        if len(prior) != 1:
            prior = [a for a in amounts if _names_prior(a.subject or "", ci.year) or _names_prior(ci.text[max(0, a.span[0] - 14) : a.span[0]].rstrip("为是："), ci.year)]
        if len(prior) != 1 or len({a.unit for a in amounts} | {changes[0].unit}) != 1:
            continue
        last, now, ch = prior[0], next(a for a in amounts if a is not prior[0]), changes[0]
        diff = now.value - last.value  # type: ignore[operator]
        gap = min(abs(diff - ch.value), abs(abs(diff) - abs(ch.value)))  # type: ignore[operator]
        tol = _prose_tol(now, last, ch)
        if gap > tol:
            # three separately rounded figures may miss by one last digit (尾数): reported, at info level
            severity = "warning" if gap > 3 * tol else "info"
            yield ci.finding(
                "change_arithmetic",
                severity,
                f"{_fmt(now.value)} − {_fmt(last.value)} = {_fmt(round(diff, 2))}{ch.unit}，正文写作变动{_fmt(ch.value)}{ch.unit}",  # type: ignore[arg-type]
                fact_ids=[last.fact_id, now.fact_id, ch.fact_id],
                span=ch.span,
            )


def stated_years_change(ci: CheckInput) -> Iterable[Finding]:
    """A change stated alone whose item's this-year and last-year figures the document states once each,
    earlier and elsewhere (一、2022年预算：公务接待11.8万元 … 二、2021年决算：公务接待12.39万元 … 公务接待较上年
    减少0.58万元): this − last = change, with the printed rounding (a last-digit gap is info)."""
    # each item's last-year and this-year figures, by end: a change looks up the ones before it (bisect,
    # not a scan of every amount per change — a one-line PDF holds thousands of both)
    last_by: dict[str, list[Fact]] = defaultdict(list)
    now_by: dict[str, list[Fact]] = defaultdict(list)
    for a in sorted(ci.facts, key=lambda f: f.span[1]):
        if a.kind == "amount" and a.unit in MONEY and a.value is not None and a.metric:
            if a.figure_type == "上年":
                last_by[a.metric].append(a)
            elif a.figure_type not in ("年初预算", "调整预算"):
                now_by[a.metric].append(a)

    def before(figures: list[Fact], pos: int) -> list[Fact]:
        # (only whether none, one or more end before `pos` matters: the first two ends tell)
        return figures[: bisect.bisect_right([f.span[1] for f in figures[:2]], pos)] if figures else []

    other_scope = ci.other_scope_totals
    with_amounts = {g.sentence for g in ci.facts if g.kind == "amount"}  # (one set: a sentence repeated 6,000 times is one key)
    for ch in ci.facts:
        if ch.kind != "change" or ch.unit not in MONEY or not ch.value or not ch.metric or not _AGAINST_LAST_YEAR.search(ch.baseline or "上年"):
            continue
        if ch.sentence in with_amounts:
            continue  # a sentence with its own figures is prior_arithmetic's and change_arithmetic's
        last, now = before(last_by[ch.metric], ch.span[0]), before(now_by[ch.metric], ch.span[0])
        if len(last) != 1 or len(now) != 1 or now[0].unit != last[0].unit or now[0].unit != ch.unit:
            continue
        diff = now[0].value - last[0].value  # type: ignore[operator]
        gap = abs(diff - ch.value)
        tol = _prose_tol(now[0], last[0], ch)
        # (figures far from fitting are more likely another scope's than a slip: the check keeps to near misses —
        # unless the document's totals are another scope than their name claims: 三公 totals listing 会议费/培训费)
        far_ok = now[0].fact_id in other_scope or last[0].fact_id in other_scope
        if tol < gap <= max(3 * tol, NEAR_MISS * abs(ch.value)) or far_ok and gap > tol:
            yield ci.finding(
                "change_arithmetic", "warning" if gap > 3 * tol else "info",
                f"“{ch.subject}”{_fmt(now[0].value)} − {_fmt(last[0].value)} = {_fmt(round(diff, 2))}{ch.unit}，正文写作变动{_fmt(ch.value)}{ch.unit}",  # type: ignore[arg-type]
                fact_ids=[last[0].fact_id, now[0].fact_id, ch.fact_id], span=ch.span,
            )


#: how far (a share of the change) two years' figures may miss a stated change and still be its item's
NEAR_MISS = 0.25
_AGAINST_LAST_YEAR = re.compile(r"上年|去年|(?:19|20)\d{2}")


_SIDE_TOTAL = re.compile(r"(?:收入|支出|收支)(?:合计|总计)(?:为|约)?\s*$")
_TOTAL_LEAD = re.compile(r"(?:共计|合计|总计|累计|共)(?:为|约)?$")


def _inside_brackets(between: str) -> bool:
    return between.count("(") + between.count("（") > between.count(")") + between.count("）")


def list_sum(ci: CheckInput) -> Iterable[Finding]:
    """Items listed with 共计/合计 add up: A a万元、B b万元，共计N万元 (the items are the amounts
    before the total in its sentence). A total stated first (共计N万元，其中…) only errs when its
    parts exceed it — 其中 lists are often partial."""
    # (people are grouped by the sentence their figures stand in: a headcount's own sentence field is its clause)
    by_start: dict[int, list[Fact]] = defaultdict(list)
    for f in sorted((f for f in ci.facts if f.kind == "headcount" and f.unit == "人" and f.value is not None), key=lambda f: f.span[0]):
        by_start[_sentence_start(ci.text, f.span[0])].append(f)
    for heads in by_start.values():
        yield from _staff_list_sum(ci, heads)
    for fs in ci.by_sentence.values():
        amounts = [f for f in fs if f.kind == "amount" and f.unit in MONEY and f.value is not None]
        for i, t in enumerate(amounts):
            lead = ci.text[max(0, t.span[0] - 4) : t.span[0]].rstrip(" 为约")
            if not _TOTAL_LEAD.search(lead) or _SIDE_TOTAL.search(ci.text, max(0, t.span[0] - 8), t.span[0]):
                continue  # (…收入合计267.07万元，其中：… 支出合计213万元: a side's own total by name, not a sum of what precedes)
            before = [a for a in amounts[:i] if a.unit == t.unit]
            # (a part's own breakdown in brackets — 财政拨款收入494.34万元(其中,一般公共预算494.34万元…) — is no further item)
            after = [a for a in amounts[i + 1 :] if a.unit == t.unit and not _inside_brackets(ci.text[t.span[1] : a.span[0]])]
            items, exhaustive = (before, True) if len(before) >= 2 else (after, False)
            if len(items) < 2:
                continue
            total = sum(a.value for a in items)  # type: ignore[misc]
            tol = _prose_tol(t, *items) * len(items)
            if (exhaustive and abs(total - t.value) > tol) or (not exhaustive and total > t.value + tol):  # type: ignore[operator]
                yield ci.finding(
                    "list_sum",
                    "warning",
                    f"{'、'.join(a.subject or '?' for a in items)}合计{_fmt(round(total, 2))}{t.unit}，正文写作{_fmt(t.value)}{t.unit}",  # type: ignore[arg-type]
                    fact_ids=[t.fact_id] + [a.fact_id for a in items],
                    span=t.span,
                )


def _staff_list_sum(ci: CheckInput, heads: list[Fact]) -> Iterable[Finding]:
    """正式民警42人、事业45人、工人6人、辅警人员227人，共计305人: people listed and summed in one
    sentence (from its last 其中 on, so 实有28人，其中在职20人、退休8人，共计28人 sums the two). Info:
    a count, not money."""
    for i, t in enumerate(heads):
        if not _TOTAL_LEAD.search(ci.text[max(0, t.span[0] - 4) : t.span[0]].rstrip(" 为约")):
            continue
        opened = ci.text.rfind("其中", heads[0].span[0], t.span[0])
        items = [h for h in heads[:i] if h.span[0] > opened]
        got = sum(h.value for h in items)  # type: ignore[misc]
        if len(items) >= 2 and got != t.value:
            yield ci.finding("list_sum", "info", f"所列{len(items)}类人员合计{_fmt(got)}人，正文写作共计{_fmt(t.value)}人", fact_ids=[t.fact_id] + [h.fact_id for h in items], span=t.span)  # type: ignore[arg-type]


def share_sum(ci: CheckInput) -> Iterable[Finding]:
    """Shares of one whole (占…%) listed together should add up to about 100%."""
    by_section: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in ci.facts:
        if f.kind == "percent" and f.share_of is None and f.value is not None and f.section:
            by_section[(f.section, f.sentence[:0])].append(f)
    for (_section, _), fs in by_section.items():
        # consecutive shares right after a total: 其中：A …占x%；B …占y%
        shares = [f for f in fs if "占" in f.sentence]
        # one whole split two ways in one paragraph (按经济分类 …占76.59%；…23.41%。按功能分类 …): each run
        # of shares that reaches 100 % is one complete list
        runs: list[list[Fact]] = [[]]
        acc = 0.0
        for f in shares:
            runs[-1].append(f)
            acc += f.value or 0.0
            if 99.5 <= acc <= 100.5:
                runs.append([])
                acc = 0.0
        for run in runs:
            if len(run) < 2:
                continue
            total = sum(f.value for f in run if f.value is not None)
            if 100.5 < total < 200 or 95 < total < 99.5 and len(run) >= 3:
                yield ci.finding(
                    "share_sum",
                    "info",
                    f"同一段落中占比合计为{total:.2f}%（{len(run)}项）",
                    fact_ids=[f.fact_id for f in run],
                    span=run[0].span,
                )


# ---------------------------------------------------------------- years, units, residue


#: (the lookbehind stands after 19/20 and looks two characters further back: a pattern opening on
#: literals lets the engine jump between them instead of trying every position — the same matches)
_YEAR_REF = re.compile(r"((?:19|20)(?<![比较与上至]..)\d{2})\s*年度?(?=\s*(?:部门|单位)\s*(?:汇总\s*)?(?:预算|决算)(?!\s*(?:执行|数)))")


_SCOPE_YEAR = re.compile(r"纳入(?:本部门|本单位)?\s*((?:19|20)\d{2})\s*年度?\s*(?:部门|单位)?\s*(?:汇总\s*)?(?:预算|决算)\s*编制")
_YEAR_BEFORE = re.compile(r"((?:19|20)\d{2})\s*年")
#: how far back a change's own sentence is read for the year its figure is of
SENTENCE_BACK = 200


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts, looking back at most SENTENCE_BACK characters."""
    lo = max(0, pos - SENTENCE_BACK)
    return max(lo, *(text.rfind(ch, lo, pos) + 1 for ch in "。；;\n"))


def year_mismatch(ci: CheckInput) -> Iterable[Finding]:
    """Another year where this document's year belongs — a 部门预算 line copied from last year's
    file (2022年部门预算 in a 2023 budget), or a change against a year other than the one before."""
    if not ci.year:
        return
    # 纳入本部门2018年部门汇总预算编制范围 / 2022年部门预算安排购置车辆 in a 2019 / 2023 budget
    # …and the scope sentence 纳入本部门2020年度决算编制的单位 in a 2021 决算: it names the document's own year
    told: set[int] = set()
    for m in (*_YEAR_REF.finditer(ci.text), *_SCOPE_YEAR.finditer(ci.text)):
        y = int(m.group(1))
        if y != ci.year and m.start(1) not in told and not _in_table(ci, m.start()):
            told.add(m.start(1))
            yield ci.finding("year_mismatch", "warning", f"{ci.year}年文件中写作“{ci.text[m.start():m.end() + 8].strip()}”", span=(m.start(1), m.end(1)))
    seen: set[tuple[str, str]] = set()
    for f in ci.facts:
        if f.kind != "change" or not f.baseline or (f.sentence, f.baseline) in seen:
            continue
        seen.add((f.sentence, f.baseline))
        m = re.match(r"(\d{4})年", f.baseline)
        # the year the figure is of, when its sentence names one before the baseline (2012年，某厅拟安排…，较
        # 2011年决算增加56% on a page of 2011 决算 and 2012 预算; 2018年基本支出…，2017年基本支出…，2018年比
        # 2017年减少…) is measured from the year before that one
        year = ci.year
        if m:
            head = ci.text[_sentence_start(ci.text, f.span[0]) : f.span[0]]
            years = _YEAR_BEFORE.findall(head)
            # the first year the sentence names, other than the baseline's own (2015年…合计141.55万元，2014年为
            # 107.89万元，较2014年…: 2015, not the base figure's 2014)
            if years and years[-1] == m.group(1):
                year = next((int(y) for y in years if y != m.group(1)), ci.year)
        # a 决算 (or a 三公 page's 决算) set against its own year's 预算 is the comparison it must make
        own_budget = m is not None and int(m.group(1)) == year and "预算" in f.baseline and ci.doc_kind != "预算"
        if m and int(m.group(1)) != year - 1 and "执行" not in f.baseline and not own_budget:
            pos = ci.text.rfind(m.group(1), max(0, f.span[0] - 80), f.span[0])
            yield ci.finding(
                "year_mismatch",
                "warning",
                f"{year}年的“{f.subject}”与{m.group(1)}年相比（应为{year - 1}年）",
                fact_ids=[f.fact_id],
                span=(pos, pos + 4) if pos >= 0 else f.span,
            )
    yield from _stale_year_statements(ci)


#: a sentence opening on a year (after its list number), and what it says of that year
_SENTENCE = re.compile(r"[^。；;\n]{1,400}")
_OPENING_YEAR = re.compile(r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?((?:19|20)\d{2})\s*年")
_AMOUNT = re.compile(r"\d\s*(?:亿元|万元|萬元|元)")


def _stale_year_statements(ci: CheckInput) -> Iterable[Finding]:
    """Last year's text left in this year's document: a sentence about the year before the
    document's, stating its change against the year before that (2017年…支出合計13.78萬元,比上年減少15萬元
    in a 2018 document), or giving the reason for that year's change (2015年…支出决算同比下降的原因 in a
    2016 决算). This year's own statements never open on last year; a reason may cite it (主要是2018年…)."""
    assert ci.year is not None
    stale = ci.year - 1
    against = re.compile(rf"(?:(?:比|较)\s*(?:上年|{stale - 1}\s*年)|同比)[^，,。；;]{{0,12}}?(?:下降|增长|增加|减少|減少|增長)")
    own = f"{ci.year}年"
    for m in _SENTENCE.finditer(ci.text):
        s = m.group()
        opening = _OPENING_YEAR.match(s)
        if not opening or int(opening.group(1)) != stale or own in s or _in_table(ci, m.start()):
            continue
        change = against.search(s)
        reason = change is not None and re.match(r"的?原因", s[change.end() : change.end() + 3])
        if change and (reason or _AMOUNT.search(s, 0, change.start())):
            start = m.start() + opening.start(1)
            yield ci.finding(
                "year_mismatch",
                "warning",
                f"{ci.year}年文件中一句讲{stale}年的数及其比上年的变化（“{s.strip()[:40]}”），疑为上年文字未改",
                span=(start, start + 4),
            )


def _in_table(ci: CheckInput, pos: int) -> bool:
    # bisect over the table spans merged once per document: a residue hit in a long document
    # must not scan every table (quadratic in document length)
    starts, ends = ci.table_spans
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


def merged_spans(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted, merged intervals as (starts, ends), for bisecting positions."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _fmt_exact(v: float) -> str:
    """A figure with every decimal it was printed with (2754.869651), no exponent."""
    return f"{v:.6f}".rstrip("0").rstrip(".")


def unit_suspect(ci: CheckInput) -> Iterable[Finding]:
    """A money amount in 元 among 万元 amounts of the same paragraph and scale (5.56 元 among 万元); an
    amount in 元 printed finer than the 分 (2754.869651元: the figure is in 万元)."""
    too_fine = [f for f in ci.facts if f.kind in ("amount", "change") and f.unit == "元" and f.value and decimals(f.surface or "") > 2]
    if too_fine:
        # one finding for the page (the same slip in every figure of a list is one problem)
        f = too_fine[0]
        times = f"（共{len(too_fine)}处）" if len(too_fine) > 1 else ""
        yield ci.finding("unit_suspect", "warning", f"“{f.subject}”{_fmt_exact(f.value)}元有{decimals(f.surface or '')}位小数，细于分，单位应为万元{times}",
                         fact_ids=[g.fact_id for g in too_fine], span=f.span)
    for _sent, fs in ci.by_sentence.items():
        units = {f.unit for f in fs if f.unit in MONEY}
        if "元" in units and "万元" in units:
            for f in fs:
                # (0元 is 0 in any unit)
                if f.unit == "元" and f.kind == "amount" and f.value and f.value < 1000 and not f.comparator and not re.search(r"不少于|不超过|最高|最低|标准|每人|人均|/", f.sentence[:0] + f.subject):
                    yield ci.finding("unit_suspect", "warning", f"“{f.subject}”{_fmt(f.value)}元与同句其他金额（万元）单位不一致，可能应为万元", fact_ids=[f.fact_id], span=f.span)


def template_residue(ci: CheckInput) -> Iterable[Finding]:
    """One finding per kind of residue (the same form note in six tables is one problem)."""
    seen: dict[str, int] = {}
    first: dict[str, tuple[int, int, str]] = {}
    text = ci.simplified  # = one_to_one(ci.text): same offsets; traditional mirror pages read as simplified
    for pat in residue_patterns():
        for m in pat.finditer(text):
            frag = m.group().strip()
            if not frag or (pat.outside_tables and _in_table(ci, m.start())):
                continue
            key = pat.name if pat.group else pat.name + re.sub(r"[\d\s/]+", "", frag)[:12]
            seen[key] = seen.get(key, 0) + 1
            first.setdefault(key, (m.start(), m.start() + len(m.group()), pat.label))
    for key, n in seen.items():
        s, e, label = first[key]
        times = f"（共{n}处）" if n > 1 else ""
        surface = re.sub(r"\s+", "", ci.text[s:e])[:40]
        yield ci.finding("template_residue", "warning", f"模板残留（{label}）：{surface}{times}", span=(s, e))


# ---------------------------------------------------------------- claims


_BRACKETED_DIRECTION = re.compile(r"[（(]\s*[增减]")
#: a reason given for an unchanged figure is read whole up to this length (the up-and-down ones are shorter)
FLAT_REASON_CHARS = 40
_BUDGET_SUBJECT = re.compile(r"年初预算|预算数")
_ACTUAL_SUBJECT = re.compile(r"决算|执行数")


#: how far before a reason its lead-in (收入增长的主要原因：) is read
REASON_LEAD = 16

#: a frame the reason is given within, not a direction it claims (考虑节约前提下…, 本着厉行节约的原则)
_FRAME = re.compile(r"(?:考虑|在|本着|坚持|按照)?[^，,。；;]{0,12}?(?:的?前提下?|的?原则下?|的?基础上)")


def claim_contradiction(ci: CheckInput) -> Iterable[Finding]:
    """Words that contradict their own numbers: a decrease explained by an increase (the change
    verbs are the lexicon facts use), 持平 with a non-zero change, an “empty” table with numbers,
    决算数大于预算数 when the actual is smaller. Template text edited half-way leaves these behind."""
    for r in ci.facts:
        target = ci.by_id.get(r.explains or "")
        if r.kind != "reason" or target is None or target.kind != "change" or not r.text:
            continue
        flat = target.direction == "unchanged"
        if len(r.text) > (FLAT_REASON_CHARS if flat else 30):
            continue
        up, down = stated_directions(_FRAME.sub("", one_to_one(r.text)))
        if _BRACKETED_DIRECTION.search(ci.text[max(0, target.span[0] - 12) : target.span[0]]):
            continue  # 较上年(减)6万元: the direction is template residue (reported as such), not a claim
        if flat and up != down and not cue_pattern("reason_contrast_words").search(r.text):
            # 与上年持平，原因主要是工作内容大幅增加、车辆使用预期增加: the reason argues for a rise (a fall) that did not happen
            yield ci.finding("claim_contradiction", "info", f"“{target.subject}”持平，原因却写作“{r.text}”（说明的是{'增加' if up else '减少'}）", fact_ids=[target.fact_id, r.fact_id], span=r.span)
            continue
        # (收入增长的主要原因：财政专项拨款的增加… after 其他收入…减少: the lead-in names the way its own figure moved —
        # the reason is another figure's, attached to the last change before it)
        lead = one_to_one(ci.text[max(0, r.span[0] - REASON_LEAD) : r.span[0]]).rsplit("\n", 1)[-1]
        lead_up, lead_down = stated_directions(lead)
        if (lead_up and not lead_down and target.direction == "decrease") or (lead_down and not lead_up and target.direction == "increase"):
            continue
        if target.direction == "decrease" and up and not down or target.direction == "increase" and down and not up:
            yield ci.finding("claim_contradiction", "warning", f"“{target.subject}”{'减少' if target.direction == 'decrease' else '增加'}，原因却写作“{r.text}”", fact_ids=[target.fact_id, r.fact_id], span=r.span)
    for t in ci.tables:
        if t.cells and t.note and re.search(r"为空表|空表", t.note):
            yield ci.finding("claim_contradiction", "warning", f"表“{t.title}”注明为空表，但表中有数字", span=t.span)
    for f in ci.facts:
        if f.kind == "change" and f.direction == "unchanged" and f.value == 0 and f.surface == "持平":
            continue
        if f.kind == "change" and f.value not in (None, 0) and direction_of(f.surface or "") == "unchanged":
            yield ci.finding("claim_contradiction", "warning", f"“{f.subject}”称持平，但变动为{_fmt(f.value)}", fact_ids=[f.fact_id], span=f.span)
    # 与上年持平 beside a non-zero change of the same item in the same sentence
    for fs in ci.by_sentence.values():
        flat = [f for f in fs if f.kind == "change" and f.direction == "unchanged"]
        moved = [f for f in fs if f.kind == "change" and f.value not in (None, 0) and f.direction in ("increase", "decrease")]
        amounts = [float(g.value) for g in fs if g.kind == "amount" and g.unit in MONEY and g.value]
        for a in flat:
            b = next((m for m in moved if m.subject == a.subject), None)
            if b is not None and not roughly_flat(ci.text, a, float(b.value), max(amounts) if amounts else None):  # type: ignore[arg-type]
                yield ci.finding("claim_contradiction", "warning", f"“{a.subject}”称持平，却又变动{_fmt(b.value)}{b.unit or ''}", fact_ids=[a.fact_id, b.fact_id], span=a.span)  # type: ignore[arg-type]
    # 决算数大于预算数 with the actual smaller (and the reverse), stated in one sentence
    for sent, fs in ci.by_sentence.items():
        budget = next((f for f in fs if f.kind == "amount" and _BUDGET_SUBJECT.search(f.subject)), None)
        actual = next((f for f in fs if f.kind == "amount" and _ACTUAL_SUBJECT.search(f.subject)), None)
        if not (budget and actual and budget.value is not None and actual.value is not None):
            continue
        claim = sent[sent.find("决算") :] if "决算数" in sent else ""
        verbs = verb_patterns()
        if verbs.greater.search(claim) and actual.value < budget.value or verbs.less.search(claim) and actual.value > budget.value:
            yield ci.finding(
                "claim_contradiction", "warning",
                f"文字与数字矛盾：决算{_fmt(actual.value)}，预算{_fmt(budget.value)}", fact_ids=[budget.fact_id, actual.fact_id], span=actual.span,
            )


# ---------------------------------------------------------------- tables promised but missing


def missing_table(ci: CheckInput) -> Iterable[Finding]:
    """Tables the disclosure rules require but the document leaves out: listed in the contents and
    not found, or printed empty without the 空表说明 that must say why."""

    titles = [re.sub(r"\s+|\d{4}年度?|[“”\"]", "", t.title) for t in ci.tables if t.title]
    # (= re.sub(r"\s+|[“”\"]", "", ci.text): str.split's whitespace is the engine's \s, and 4× faster on a whole text)
    body = "".join(ci.text.split()).replace("“", "").replace("”", "").replace('"', "") if ci.toc_titles else ""
    missing: list[str] = []
    for want in ci.toc_titles:
        key = re.sub(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])|[《》\s“”\"]|\d{4}年度?", "", want)
        # (某管委会2020年“三公”经费支出预算表 in the 目录 is 一、2020年“三公”经费支出预算表 in the body: the
        # department's name before a title is no part of it)
        key = key.replace(dept, "", 1) if (dept := "".join((ci.department or "").split())) and len(key) - len(dept) >= 4 else key
        if len(key) < 4 or re.search(r"(?:部门|单位)(?:预算|决算)(?:公开)?表$", key):
            continue  # a part title (第二部分 部门预算表), not one table
        if body.count(key[-TITLE_TAIL:]) >= 2:
            continue  # its title (or its tail: the body may drop a 一般公共预算 prefix) stands in the body as well as in the 目录
        if not any(_same_title(key, t) for t in titles):
            missing.append(want)
    # a text without any table had its tables published apart (an attachment, another page) or
    # was cut: the 目录 promises nothing this text should hold (the wide corpus's reviewers judged so)
    if any(t.cells or t.indicators for t in ci.tables):
        for want in missing:
            yield ci.finding("missing_table", "info", f"目录列出的“{want}”未在文中找到")
    spans = sorted(t.span for t in ci.tables if t.span)
    for t in ci.tables:
        if not (t.empty and t.title and t.span):
            continue
        rest = ci.text[t.span[1] :]
        if not rest.strip(" \t\r\n|") or len(rest) <= CUT_TAIL and not _SENTENCE_END_RE.search(rest) and not _NUMERIC_ROW.search(rest) \
                and all("|" in line or "\t" in line for line in rest.splitlines() if line.strip()):
            continue  # the text stops inside the table (a cut excerpt or page; its last header rows unread): not printed empty
        if "说明" in t.title:
            continue  # 天星乡2016年决算情况说明及决算公开表: the page's own title, not a table printed empty
        # look for the 空表说明 between the neighbouring tables only: the note of the table
        # before must not excuse this one
        prev_end = max((e for s, e in spans if e <= t.span[0]), default=0)
        next_start = min((s for s, e in spans if s >= t.span[1]), default=len(ci.text))
        # a 注 line right after the table above is that table's note
        before = "\n".join(x for x in ci.text[max(prev_end, t.span[0] - 300) : t.span[0]].splitlines() if not _NOTE_LINE.match(x))
        after = ci.text[t.span[1] : min(next_start, t.span[1] + 300)]
        if _EMPTY_NOTE.search(before + ci.text[t.span[0] : t.span[1]] + after) or (t.note and _EMPTY_NOTE.search(t.note)):
            continue
        if _NUMERIC_ROW.search(ci.text[t.span[0] : min(next_start, t.span[1] + 400)]):
            continue  # rows of figures follow the title (a flattened web table the readers left unparsed): not empty
        fields = _FORM_FIELD.findall(ci.text[t.span[0] : t.span[1] + 800])
        if len([f for f in fields if not _UNIT_FIELD.search(f)]) >= 2:
            continue  # a form (绩效目标申报表) whose fields are lines, not an empty grid
        yield ci.finding("missing_table", "info", f"表“{t.title}”为空表，但没有空表说明", span=t.span)


#: how much of a table's header may stand after its parsed span when the text stops inside it
CUT_TAIL = 400
_SENTENCE_END_RE = re.compile(r"[。！？]")


#: words that tell one standard table from its alike neighbours (政府性基金预算财政拨款收入支出决算表
#: is not 一般公共预算财政拨款支出决算表, however alike the strings): two titles that each name a word
#: of one group, and no word of it in common, are different tables
#: a table found for a listed title is at least this share of its length (支出决算表 is inside
#: 政府性基金预算财政拨款收入支出决算表 but is another table); fitted on the dev corpus's 目录s,
#: whose shortest honest match is 2019年政府采购预算表 for 政府采购支出预算表
TITLE_MIN_SHARE = 0.6
#: the characters of a listed title that, found again in the body, show the table is there though
#: its title row was not read (“三公”经费、会议费、培训费支出预算表 under 一般公共预算“三公”经费…)
TITLE_TAIL = 12
_TITLE_GROUPS = (("政府性基金", "国有资本", "一般公共预算", "三公"), ("基本支出", "项目支出"))


def _same_title(listed: str, found: str) -> bool:
    """A listed title and a table's: alike (also with their words in another order: 政府性基金财政拨款
    支出预算表 / 财政拨款政府性基金支出预算表), of comparable length, naming no different fund."""
    from rapidfuzz import fuzz

    alike = fuzz.partial_ratio(listed, found) >= 85 or fuzz.ratio("".join(sorted(listed)), "".join(sorted(found))) >= 90
    return alike and len(found) >= TITLE_MIN_SHARE * len(listed) and not _titles_conflict(listed, found)


def _titles_conflict(a: str, b: str) -> bool:
    for group in _TITLE_GROUPS:
        wa, wb = {w for w in group if w in a}, {w for w in group if w in b}
        if wa and wb and not wa & wb:
            return True
    return False


_NUMERIC_ROW = re.compile(r"(?:(?<![\d.])\d[\d,]*(?:\.\d+)?[ \t]*(?:\||\t)[ \t]*){2,}")
_FORM_FIELD = re.compile(r"(?m)^[^\t\n：:。，]{2,12}[：:][ \t]*[^\s\d][^\n]*$")
_UNIT_FIELD = re.compile(r"单位\s*[：:]\s*(?:万元|元|千元|亿元)")
_NOTE_LINE = re.compile(r"^\s*(?:注|备注|说明)\s*[0-9.．]*\s*[：:]")


#: 无公务接待支出, 未发生因公出国（境）费: the item was not spent at all
_NONE_SPENT = re.compile(r"(?:无|未发生|没有|未安排)[^。，,；;]{0,16}(?:支出|费用|经费|开支)")
#: how far after a change that statement may follow
NONE_SPENT_AFTER = 60
#: what a complete text ends with (a cut-off excerpt ends mid-word or mid-number)
_SENTENCE_END = set("。！？!?；;）)”」》】|.…")
_DIRECTED_LEAD = re.compile(r"(?:增加|增长|上升|减少|下降|降低)(?:的主要|的)?原因[是为:：]?\s*$")


#: the figures the disclosure rules ask a reason for when they move: totals, 三公经费, 机关运行经费
_REASON_REQUIRED = re.compile(r"income\.total|exp\.total|sangong\.|exp\.admin_operation|exp\.general_budget|income\.fiscal|exp\.fiscal")


def missing_explanation(ci: CheckInput) -> Iterable[Finding]:
    """Changes the disclosure rules require a reason for (totals, 三公经费, 机关运行经费) stated
    without one in their sentence or later in their section."""
    explained = {f.explains for f in ci.facts if f.kind == "reason" and f.explains}
    # indexed once, so a document with thousands of changes is not scanned once per change
    money_changes = {(g.subject, g.section) for g in ci.facts if g.kind == "change" and g.unit in MONEY}
    reason_sentences = {g.sentence for g in ci.facts if g.kind == "reason"}
    last_reason: dict[str, int] = {}
    first_reason: dict[str, int] = {}
    # reasons that name one 三公 item (公务接待费…主要原因是…) cover that item only, not its siblings
    item_reasons: dict[str, list[tuple[int, str, str | None, bool]]] = defaultdict(list)
    for g in ci.facts:
        if g.kind == "reason":
            target = ci.by_id.get(g.explains or "")
            item = target.metric if target is not None and (target.metric or "").startswith("sangong.") and target.metric != "sangong.total" else None
            if item and target is not None and g.sentence != target.sentence:
                # 预算支出减少的主要原因：…压缩“三公”经费开支, a sentence of its own after the items: a reason whose
                # lead-in names a whole, not the item it was attached to, is the section's general reason too
                lead = one_to_one(ci.text[_sentence_start(ci.text, g.span[0]) : g.span[0]])
                head = _item_head(target.subject)
                if not (head and head in lead):
                    last_reason[g.section] = max(last_reason.get(g.section, -1), g.span[0])
                    first_reason[g.section] = min(first_reason.get(g.section, g.span[0]), g.span[0])
            if item:
                # a reason whose lead-in names its direction (增加原因是…) explains only changes that way
                scoped = _DIRECTED_LEAD.search(one_to_one(ci.text[max(0, g.span[0] - 8) : g.span[0]])) is not None
                item_reasons[g.section].append((g.span[0], item, target.direction, scoped))  # type: ignore[union-attr]
                continue
            last_reason[g.section] = max(last_reason.get(g.section, -1), g.span[0])
            first_reason[g.section] = min(first_reason.get(g.section, g.span[0]), g.span[0])
    sub_sections: dict[str, set[str]] = defaultdict(set)
    for sec in item_reasons:
        parts = (sec or "").split(" > ")
        for k in range(1, len(parts)):
            sub_sections[" > ".join(parts[:k])].add(sec)
    # one change stated twice (财政拨款总收支下降3.85%，主要原因是… / 一般公共预算支出…下降3.85%):
    # explained once is explained
    # …公务接待费支出决算减少450.00元，下降100.00%。2022年度无公务接待支出: an item that fell to nothing is
    # explained by saying there was none (and so is a total that moved by exactly that much)
    for g in ci.facts:
        head = _item_head(g.subject)
        if g.kind == "change" and g.direction == "decrease" and head and _NONE_SPENT.search(one_to_one(ci.text[g.span[1] : g.span[1] + NONE_SPENT_AFTER])) \
                and head in one_to_one(ci.text[g.span[1] : g.span[1] + NONE_SPENT_AFTER]):
            explained.add(g.fact_id)
    # 因本年度增加一个车辆编制，故车编费增加2万元: the cause stated first, in the change's own sentence
    explained |= {g.fact_id for g in ci.facts if g.kind == "change" and _cause_first(g)}
    explained_values = {(g.value, g.unit) for g in ci.facts if g.fact_id in explained and g.kind == "change" and g.value}
    # a rate restating an explained money change of its section: 本年度公务用车费为28万元，比去年同期26万元增长了7.69%
    # after 车编费增加2万元 was explained (28 − 26 = 2)
    implied = _implied_money_changes(ci)
    covered_changes: set[tuple[str, float | None, str | None]] = set()
    tail = ci.text.rstrip()
    # (blank lines after the last words: the page ended there, it was not cut)
    # (…or a page footer as the last line: 关闭窗口 打印本页)
    # (_ENDED_PAGE is spaces from a \S to the end: it can only start on the last \S, tail[-1], so it is tried there alone)
    cut_off = bool(tail) and tail[-1] not in _SENTENCE_END and not _ENDED_PAGE.search(ci.text, len(tail) - 1) \
        and not any(w in tail[tail.rfind("\n") + 1 :] for w in cues()["page_end_furniture"])
    named_reasons = [(g.text or "", t.direction if (t := ci.by_id.get(g.explains or "")) is not None else None, g.span) for g in ci.facts if g.kind == "reason"]
    last_reason_at = max((g.span[0] for g in ci.facts if g.kind == "reason"), default=-1)
    # reasons whose lead-in names the item and the way it moved (2019年“三公”经费预算增长的主要原因：…),
    # whichever fact they were attached to: (metric, direction, position)
    lead_named = [x for g in ci.facts if g.kind == "reason" and (x := _lead_named(ci.text, g)) is not None]
    # reasons of the 三公 total: (position, direction of the total's change)
    total_reasons = [(g.span[0], t.direction) for g in ci.facts if g.kind == "reason" and (t := ci.by_id.get(g.explains or "")) is not None and t.metric == "sangong.total"]
    total_reasons += [(pos, way) for metric, way, pos in lead_named if metric == "sangong.total"]
    # (sentence, subject) of every change explained once: a rate beside its money change counts with it
    explained_here = {(g.sentence, g.subject) for g in ci.facts if g.kind == "change" and (g.value, g.unit) in explained_values}
    last_line = tail.rfind("\n")  # a change after it is in the excerpt's last paragraph
    decomposed, decomposed_parts = _decomposed_changes(ci)
    # the section the text ends in: when that is the first item of a numbered list ((一)收入预算 with no
    # (二) after it), the excerpt was cut there and its changes' reasons may lie beyond the cut
    last_section = max(ci.facts, key=lambda g: g.span[0]).section if ci.facts else None
    first_item_only = last_section is not None and _FIRST_ITEM.match(last_section.rsplit(" > ", 1)[-1]) is not None
    reported: set[tuple[float | None, str | None, str]] = set()
    # where each section is first seen, and the sections that hold a reason (a side section's own account)
    section_starts: dict[str, int] = {}
    for g in sorted(ci.facts, key=lambda g: g.span[0]):
        if g.section:
            section_starts.setdefault(g.section, g.span[0])
    reason_sections = {g.section for g in ci.facts if g.kind == "reason" and g.section}
    # the last place a side (收入 / 支出) opens a section of its own that gives a reason — or the section the
    # text is cut in — found once, not per change (a sections-by-changes scan is quadratic on a long page)
    side_account_at: dict[str, int] = {}
    for sec, at in section_starts.items():
        for side in _SIDE_OF.values():
            if side in _last_heading(sec) and _other_side(side) not in _last_heading(sec) and (sec in reason_sections or cut_off and sec == last_section):
                side_account_at[side] = max(side_account_at.get(side, -1), at)
    # the headings among the text's last lines: a cut right after 三、单位支出总体情况说明 leaves that section unread
    cut_in_sides = {side for ln in tail.split("\n")[-CUT_HEADING_LINES:] if heading_level(h := ln.strip()) is not None
                    for side in _SIDE_OF.values() if side in h and _other_side(side) not in h}
    # where the page's prose is last broken off by an 附表 or a table (found once, not per change)
    last_appended_at = max([_last_appended(ci.text)] + [t.span[0] for t in ci.tables if t.span])
    details_at = [m.start() for m in cue_pattern("details_follow").finditer(ci.text)]
    # 今年因经费不足，“三公”经费比去年大幅减少: a cause told with the way a figure moved, no figure in it —
    # (position, direction, simplified sentence)
    told_causes = [(m.start(), way, m.group()) for m in _caused_move_re().finditer(ci.simplified)
                   if (way := direction_of(m.group("verb")))]
    # explained changes of items that are no totals (function classes, 基本/项目支出 …), by top section
    explained_items: dict[str, list[Fact]] = defaultdict(list)
    for g in ci.facts:
        if g.kind == "change" and g.unit in MONEY and g.metric and g.fact_id in explained and not _REASON_REQUIRED.match(g.metric):
            explained_items[(g.section or "").split(" > ", 1)[0]].append(g)
    # explained money changes by metric, in text order: a total's change that its split's explained
    # changes add up to, wherever they stand, is accounted for by them
    # (a reason attached to the rate beside a money change explains that change too)
    explained_clauses = {(t.section, t.subject) for x in explained if (t := ci.by_id.get(x or "")) is not None}
    explained_by_metric: dict[str, list[Fact]] = defaultdict(list)
    for g in sorted(ci.facts, key=lambda g: g.span[0]):
        if g.kind == "change" and g.unit in MONEY and g.metric and g.value and (g.fact_id in explained or (g.section, g.subject) in explained_clauses):
            explained_by_metric[g.metric].append(g)
    explained_starts = {m: [g.span[0] for g in gs] for m, gs in explained_by_metric.items()}
    # 二、增减原因说明 / 增减变化原因说明：实行厉行节约: the last place the page opens its account of why
    # its figures moved, with words after it (or the cut right after it)
    told_why_at = max((m.start() for m in _reason_headings(ci.simplified) if ci.text[m.end() : m.end() + REASON_HEADING_BODY].strip() or cut_off), default=-1)
    for f in ci.facts:
        # the disclosure rules ask for reasons on totals, 三公经费 and 机关运行经费
        if not (f.metric and _REASON_REQUIRED.match(f.metric)):
            continue
        # a money change, or a % change stated alone (公务接待费较2022年预算增长40.5%)
        alone = f.unit == "%" and (f.subject, f.section) not in money_changes
        if f.kind == "change" and f.value and f.fact_id not in explained and (f.unit in MONEY or alone):
            # a reason later in the same section (财政拨款收入支出减少的主要原因是…) covers its changes
            covered = f.sentence in reason_sentences or last_reason.get(f.section, -1) > f.span[0]
            # …and the 三公 total when it moved the same way (a rise of one item does not explain a fall)
            # (a reason in the item's own paragraph — one line listing every item — is read as general)
            line = _line_start(ci.text, f.span[0])
            covered = covered or any(
                pos > f.span[0] and (_line_start(ci.text, pos) == line and (not scoped or way == f.direction) or _related(f.metric or "", item) or f.metric == "sangong.total" and way == f.direction)
                for sec in {f.section, *sub_sections.get(f.section, ())}  # and the item's own subsection (2、公车运行费)
                for pos, item, way, scoped in item_reasons.get(sec, [])
            )
            # (a rate beside its money change counts with it; another item's change in the sentence does not)
            covered = covered or (f.value, f.unit) in explained_values or (f.sentence, f.subject) in explained_here
            covered = covered or implied.get(f.fact_id) in explained_values
            covered = covered or f.fact_id in explained or (f.metric == "sangong.total" and (f.value, f.unit) in explained_values)
            # …的主要原因是…。其中：公务接待费较上年减少…: the items of a total share the total's reason
            at = first_reason.get(f.section, len(ci.text))
            covered = covered or (at < f.span[0] and "其中" in ci.text[at : f.span[0]])
            # a reason elsewhere that names the item and moved the same way (…公务接待和公务用车运行维护费
            # 逐年递减。故…公务接待费比2015年预算减少1万元)
            head = _item_head(f.subject)
            covered = covered or bool(head) and any(
                head in text and way == f.direction and 0 <= f.span[0] - at_[1] <= NAMED_REASON_BEFORE for text, way, at_ in named_reasons
            )
            # …or just after it, told for the next item (购置费减少79.4万元。2、运行费减少596.98万元，主要是…严格
            # 压缩公务用车购置和运行经费支出): a reason naming both items explains both
            covered = covered or bool(head) and any(
                head in text and way == f.direction and 0 <= at_[0] - f.span[1] <= NAMED_REASON_AFTER for text, way, at_ in named_reasons
            )
            covered = covered or any(
                metric == f.metric and way == f.direction and 0 < pos - f.span[0] <= LEAD_NAMED_AFTER for metric, way, pos in lead_named
            )
            # …the same change restated in the item's own paragraph further on (三、公务接待费…减少1万元)
            key = (head, f.value, f.unit)
            covered = covered or key in covered_changes
            if covered and head:
                covered_changes.add(key)
            # a fall in a paragraph that opens with the measures taken (我单位严格执行…制度，严禁…，…比去年减少
            # 9.21万元); the same words after the figures describe how the money is used, not why it fell
            if not covered and f.direction == "decrease":
                covered = cue_pattern("austerity_measures").search(one_to_one(ci.text[line + 1 : f.span[0]])) is not None
                # …or that closes on the principle the fall follows (按照“三公”经费只减不增的原则…)
                end = ci.text.find("\n", f.span[1], f.span[1] + PRINCIPLE_AFTER)
                covered = covered or cue_pattern("decrease_principles").search(one_to_one(ci.text[f.span[1] : end if end >= 0 else f.span[1] + PRINCIPLE_AFTER])) is not None
            # a 三公 total is explained by an item's reason that moved it the same way, in whichever section
            # the items have (…增56400元。具体情况如下：(三)公务用车…增72000元…主要原因：…)
            covered = covered or f.metric == "sangong.total" and any(
                pos > f.span[0] and way == f.direction for sec_reasons in item_reasons.values() for pos, _, way, _ in sec_reasons
            )
            # …and an item of a 三公 total whose reason comes after it, the total having moved the same way
            # (2020年“三公”经费决算支出总额较年初预算减少的主要原因是… after each item's fall)
            covered = covered or (f.metric or "").startswith("sangong.") and any(
                pos > f.span[1] and way == f.direction for pos, way in total_reasons
            )
            # …or before it, the items introduced as the total's details (下降的原因主要是…。具体情况如下：一、…
            # 二、…比预算数减少107万元)
            covered = covered or (f.metric or "").startswith("sangong.") and f.metric != "sangong.total" and any(
                pos < f.span[0] and way == f.direction and bisect.bisect_left(details_at, pos) < bisect.bisect_left(details_at, f.span[0]) for pos, way in total_reasons
            )
            covered = covered or f.span[1] < told_why_at
            covered = covered or any(
                pos > f.span[1] and way == f.direction and (("三公" in said and (f.metric or "").startswith("sangong.")) or bool(_item_head(f.subject)) and _item_head(f.subject) in said)
                for pos, way, said in told_causes
            )
            # …支出4079.9万元，比2017年执行数增加3004.9万元。(二)具体使用情况 1.社会保障和就业支出…增加16.3万元，
            # 主要是…: a total's rise accounted for by its items' rises, each with its reason, later in its part
            top = (f.section or "").split(" > ", 1)[0]
            covered = covered or any(
                g.span[0] > f.span[1] and g.direction == f.direction and (g.section or "").split(" > ", 1)[0] == top
                for g in explained_items.get(top, ())
            )
            # 收入预算…减少749.01万元 and, in the spending part, 基本支出减少499.01万元，主要原因… / 项目支出减少250万元，
            # 减少原因…: the whole's change is its split's explained changes added up (收入 on the 支出 side)
            covered = covered or f.unit in MONEY and _split_explains(f, explained_by_metric, explained_starts)
            # 剔除公务用车购置经费，我区三公经费预算同比下降3.71%: an explained change told again without a part
            covered = covered or cue_pattern("restatement_leads").search(ci.simplified[_sentence_start(ci.text, f.span[0]) : f.span[0]]) is not None
            # 比去年少0.07万元，基本持平: the text itself calls the change negligible; nothing is left to explain
            covered = covered or _called_flat_re().match(ci.text, f.span[1], f.span[1] + FLAT_AFTER) is not None
            # …具体情况如下： in an excerpt cut off before the items are through: their reasons may lie beyond the cut
            if not covered and cut_off:
                rest = ci.text[f.span[1] : f.span[1] + LINE_WINDOW]
                covered = _details_follow_re().search(rest.split("\n", 1)[0]) is not None
            # an excerpt cut off mid-sentence: a change in its last paragraph may be explained beyond the cut
            covered = covered or (cut_off and f.span[1] > last_line)
            # …and so may one in the section the text stops in when no reason follows it at all (the page's
            # reasons, told after every figure, are all beyond the cut)
            # (…and prose runs on from it to the cut: an 附表 or a table after it shows the reasons were not to come)
            covered = covered or (cut_off and f.section == last_section and last_reason_at < f.span[0] and last_appended_at < f.span[1])
            # …or in its last section, when the text stops right after a numbered list's first item
            # (…and in the section that list belongs to: 二、收支总体情况 states the change, its (一)收入 is cut —
            # the reason may follow in the items beyond the cut)
            covered = covered or (first_item_only and (f.section == last_section or bool(f.section) and last_section.startswith(f"{f.section} > ")))  # type: ignore[union-attr]
            # …and a 收入 or 支出 total of the overview (一、收支总体情况) whose own side has a section further on
            # (二、收入总体情况 with its reasons, or 三、支出总体情况 where the excerpt stops): the template explains there
            side = _SIDE_OF.get(f.metric or "")
            covered = covered or side is not None and (side_account_at.get(side, -1) > f.span[1] or cut_off and side in cut_in_sides)
            # …减少243.10万元，下降3.54%。其中，财政补助收入减少660.26万元；事业收入增长376.28万元: a total's
            # change broken down into its parts' changes is accounted for by them
            covered = covered or f.fact_id in decomposed
            # …and so are its parts (收入增加4705.82万元。其中：一般公共预算收入增加3766.89万元…): the rules ask
            # the reason of the total; a 三公 item is never such a part (each item needs its own)
            covered = covered or f.fact_id in decomposed_parts and not (f.metric or "").startswith("sangong.")
            # …a change whose paragraph is followed by little more than a heading before the cut: the next
            # paragraph, where its reason may stand (收支 explained together), is beyond the excerpt
            if not covered and cut_off:
                para_end = ci.text.find("\n", f.span[1])
                covered = para_end >= 0 and len(ci.text[para_end:].strip()) <= CUT_SOON
            # one change told for an item and again for its only part (公务用车购置及运行维护费 / 其中运行维护费
            # 增加6.09万元) is one missing reason (收入 and 支出 moving alike are two: each needs its reason)
            fam = (f.metric or "").split("_", 1)[0]
            if not covered and (f.value, f.unit, fam) not in reported:
                reported.add((f.value, f.unit, fam))
                yield ci.finding("missing_explanation", "info", f"“{f.subject}”变动{_fmt(f.value)}{f.unit}，未说明原因", fact_ids=[f.fact_id], span=f.span)


def _split_explains(f: Fact, explained_by_metric: dict[str, list[Fact]], starts: dict[str, list[int]]) -> bool:
    """The explained changes after `f` of every part of one complete split of its whole (metrics.json
    `partitions`; a 收入 total through its 支出 side) add up to f's change, in its unit's rounding.
    `starts` are each metric's change positions: the first after `f` is found by bisect."""
    whole = f.metric or ""
    scale = MONEY[f.unit]  # type: ignore[index]
    for item in (whole, spending_side().get(whole)):
        for split in metric_partitions().get(item or "", ()):
            at = [bisect.bisect_right(starts.get(m, []), f.span[1]) for m in split]
            parts = [gs[i] if i < len(gs := explained_by_metric.get(m, [])) else None for m, i in zip(split, at, strict=True)]
            if all(parts) and all(g.direction == f.direction for g in parts):  # type: ignore[union-attr]
                got = sum(float(g.value) * MONEY[g.unit] for g in parts)  # type: ignore[union-attr, arg-type, index]
                if abs(got - float(f.value) * scale) <= 0.01 * scale * len(split):  # type: ignore[arg-type]
                    return True
    return False


#: what ends a page's prose: an appended table or annex (附表：…, 附件：…) or a table row
_APPENDED = re.compile(r"(?m)^\s*附\s*(?:表|件)|\|")
_ANNEX = re.compile(r"附\s*(?:表|件)")


def _last_appended(text: str) -> int:
    r"""Where the last match of `_APPENDED` in `text` starts (-1 for none), found from the end.

    The engine cannot skip ahead for a `(?m)^\s*…|\|` pattern and tries it at every position
    (≈ 0.2 ms on a 20k-character page) only for the last match to be kept. Its two branches never
    meet: every | is a match, and an annex match holds only spaces, 附 and 表/件. The last annex
    match holds the last 附 that is followed by 表/件 and preceded, across spaces only, by a line
    start; it starts at the first line start of those spaces (a match before it ends on 表/件, so
    it cannot have taken them).
    """
    last = text.rfind("|")
    at = len(text)
    while (at := text.rfind("附", last + 1, at)) >= 0:
        if _ANNEX.match(text, at):
            ws = at
            while ws > 0 and text[ws - 1].isspace():
                ws -= 1
            if ws == 0:
                return 0
            if (nl := text.find("\n", ws, at)) >= 0:
                return nl + 1
    return last


#: a sub-heading that opens a numbered list: (一)… / 1、… / 1.… (a lone 一、 section is a whole short page)
_FIRST_ITEM = re.compile(r"^\s*(?:[（(]\s*[一1]\s*[)）]|1\s*[、.．](?!\d))")

#: how far after a total's change the 其中 of its parts' changes may start, and how far the parts run
DECOMPOSE_AFTER = 30
DECOMPOSE_SPAN = 160
#: how much text (a heading, a line's start) may follow a change's paragraph before an excerpt's cut
#: for the reason to be possibly beyond it
CUT_SOON = 60
_OF_WHICH_LEAD = re.compile(r"[。；;，,]\s*其中\s*[,，:：]?")


_CAUSE_FIRST = re.compile(r"(?:^|[，,；;。])\s*(?:因为?|由于)[^。；;]{2,60}?[，,]\s*(?:故|所以|因此|从而|因而)[^，,。；;]{0,30}$")
_ENDED_PAGE = re.compile(r"\S[^\S\n]*\n(?:[^\S\n]*\n){2,}[^\S\n]*$")


def _cause_first(change: Fact) -> bool:
    """The change's sentence gives its cause before it: 因…，故…增加2万元."""
    at = change.sentence.find(change.surface) if change.surface else -1
    return at > 0 and _CAUSE_FIRST.search(one_to_one(change.sentence[:at])) is not None


def _implied_money_changes(ci: CheckInput) -> dict[str, tuple[float, str]]:
    """A rate's money change implied by its sentence's two figures of its item (this year's and last year's)."""
    out: dict[str, tuple[float, str]] = {}
    for f in ci.facts:
        if f.kind != "change" or f.unit != "%" or not f.value:
            continue
        fs = [g for g in ci.by_sentence.get(f.sentence, []) if g.kind == "amount" and g.unit in MONEY and g.subject == f.subject and g.value is not None]
        now = [g for g in fs if g.figure_type != "上年"]
        before = [g for g in fs if g.figure_type == "上年"]
        if len(now) == 1 and len(before) == 1 and now[0].unit == before[0].unit:
            out[f.fact_id] = (round(abs(now[0].value - before[0].value), 2), now[0].unit)  # type: ignore[operator]
    return out


#: how many of the text's last lines are read for a heading the excerpt was cut under
CUT_HEADING_LINES = 2

#: the side of the budget a total belongs to, and the word its own section's heading names it by
_SIDE_OF = {"income.total": "收入", "exp.total": "支出"}


def _other_side(side: str) -> str:
    return "支出" if side == "收入" else "收入"


def _last_heading(section: str) -> str:
    """The innermost heading of a section path (一、… > (二)收入预算 → (二)收入预算)."""
    return section.rsplit(" > ", 1)[-1]


def _decomposed_changes(ci: CheckInput) -> tuple[set[str], set[str]]:
    """Changes of a total followed, in their paragraph, by 其中 and two or more changes of other items;
    returns (the totals, their parts)."""
    changes = sorted((g for g in ci.facts if g.kind == "change" and g.unit in MONEY and g.value), key=lambda g: g.span[0])
    starts = [g.span[0] for g in changes]
    out: set[str] = set()
    part_ids: set[str] = set()
    for f in ci.facts:
        # (a 三公 total is not: each item's change needs its own reason, so listing them explains nothing)
        if f.kind != "change" or not f.value or (f.metric or "").startswith("sangong."):
            continue
        m = _OF_WHICH_LEAD.search(ci.text, f.span[1], f.span[1] + DECOMPOSE_AFTER)
        if m is None or "\n" in ci.text[f.span[1] : m.start()] or re.search(r"[。；;]", ci.text[f.span[1] : m.start()]) and not re.match(r"[^。；;]*[。；;]\s*其中", ci.text[f.span[1] : m.end()]):
            continue
        end = min(len(ci.text), m.end() + DECOMPOSE_SPAN)
        nl = ci.text.find("\n", m.end(), end)
        end = nl if nl >= 0 else end
        i = bisect.bisect_left(starts, m.end())
        listed = [g for g in changes[i:] if g.span[0] < end and g.subject != f.subject]
        if len({g.subject for g in listed}) >= 2:
            out.add(f.fact_id)
            part_ids.update(g.fact_id for g in listed)
    return out, part_ids


#: how far a check looks back (or on) for the start (end) of a change's line: a text printed on one
#: line (a PDF) would otherwise be rescanned from its start for every change in it
LINE_WINDOW = 4000


def _line_start(text: str, pos: int) -> int:
    """The offset of the newline before `pos` (-1 at the text's start), looked for within LINE_WINDOW."""
    lo = max(0, pos - LINE_WINDOW)
    at = text.rfind("\n", lo, pos)
    return at if at >= 0 or lo == 0 else lo - 1


@cache
def _details_follow_re() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(map(re.escape, cues()["details_follow"])) + r")\s*[:：]?\s*$")


#: how far after a change its own clause may call it flat (…少0.07万元，基本持平)
FLAT_AFTER = 12


@cache
def _called_flat_re() -> re.Pattern[str]:
    return re.compile(r"[^，,。；;\n]{0,4}[，,]\s*(?:" + alternation(cues()["flat_qualifiers"]) + ")持平")


@cache
def _caused_move_re() -> re.Pattern[str]:
    """A sentence that tells a cause (cues.json `cause_first_leads`) and then how a figure moved, with
    no figure in it (因经费不足，“三公”经费比去年大幅减少)."""
    leads = alternation(cues()["cause_first_leads"])
    return re.compile(r"(?:^|(?<=[。；;\n]))[^。；;\n\d]{0,12}?(?:" + leads + r")[^。；;\n\d]{2,40}?[，,][^。；;\n\d]{0,30}?(?P<verb>减少|下降|增加|增长|上升|降低)[^。；;\n\d]{0,8}(?=[。；;\n]|$)")


#: a reason heading needs words after it within this many characters (or the page cut right after it)
REASON_HEADING_BODY = 40


def _reason_headings(text: str) -> Iterator[re.Match[str]]:
    """Exactly `_reason_heading_re().finditer(text)`, tried only on the lines holding a heading word.

    A match opens on a line start, stays in its line and holds one of the words, so a line without
    one cannot match; left to itself the engine tries every line start and runs the lazy prefix
    there (≈ 1.2 ms on a 20k-character page). At most one match starts at each line start.
    """
    pattern, words = _reason_heading_re(), cue_pattern("reason_headings")
    pos = 0
    while (w := words.search(text, pos)) is not None:
        if (m := pattern.match(text, text.rfind("\n", 0, w.start()) + 1)) is not None:
            yield m
        if (nl := text.find("\n", w.end())) < 0:
            return
        pos = nl + 1


@cache
def _reason_heading_re() -> re.Pattern[str]:
    """A line opening on a reason heading or label: 二、“三公”经费增减变化原因说明：… (cues.json `reason_headings`)."""
    words = alternation(cues()["reason_headings"])
    return re.compile(r"(?m)^[ \t　]*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])?[^\n。；;]{0,24}?(?:" + words + r")[ \t]*[:：]?")


#: how far before a change a reason naming its item may stand and still explain it (the same paragraph)
NAMED_REASON_BEFORE = 200
#: how far after a fall its paragraph is read for the principle it follows (只减不增)
PRINCIPLE_AFTER = 200
#: …and how far after it (the next listed item's reason, naming both)
NAMED_REASON_AFTER = 300
#: what an item's name starts with that a reason would repeat: its first characters, after a year
ITEM_HEAD_CHARS = 4
_YEAR_LEAD = re.compile(r"^(?:(?:19|20)\d{2}年度?)?[“”\"]?")


#: how far after a change a reason naming its item and direction in its lead-in may stand
LEAD_NAMED_AFTER = 800
#: how far back from a reason its lead-in clause is read
LEAD_CLAUSE_BACK = 60
_LEAD_CLAUSE = re.compile(r"(?P<item>[^，,。；;：:]{2,40}?)(?P<way>增加|增长|上升|减少|下降|降低)(?:的)?(?:主要)?(?:原因|情况)?(?:是|为|主要是)?[:：]?\s*$")
_LEAD_COMPARED = re.compile(r"较|(?<!占)比(?!重|例|率)|同比|相比|与(?=上年|去年|年初|预算|(?:19|20)\d{2})")
_LEAD_YEAR = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年度?)?")


def _lead_named(text: str, reason: Fact) -> tuple[str, str, int] | None:
    """(metric, direction, position) of a reason whose own lead-in names the item and how it moved."""
    lo = max(0, reason.span[0] - LEAD_CLAUSE_BACK)  # bounded: one reason never reads back to the text's start
    start = max(lo, *(text.rfind(ch, lo, reason.span[0]) + 1 for ch in "。；;\n，,"))
    m = _LEAD_CLAUSE.search(one_to_one(text[start : reason.span[0]]))
    if m is None:
        return None
    item = _LEAD_YEAR.sub("", m.group("item")).replace("“", "").replace("”", "")
    item = _LEAD_COMPARED.split(item, maxsplit=1)[0]  # …决算支出总额较年初预算减少: the item, not its baseline
    metric = metric_for(item)
    way = "increase" if m.group("way") in ("增加", "增长", "上升") else "decrease"
    return (metric, way, reason.span[0]) if metric else None


def _item_head(subject: str) -> str:
    """公务接待费 → 公务接待, 公务用车购置及运行费 → 公务用车: what a reason naming the item contains."""
    s = _YEAR_LEAD.sub("", subject or "").replace("“", "").replace("”", "")
    return s[:ITEM_HEAD_CHARS] if len(s) >= ITEM_HEAD_CHARS else ""


def _related(a: str, b: str) -> bool:
    """One metric is the other or part of it (sangong.vehicle / sangong.vehicle_operation)."""
    return a.startswith(b) or b.startswith(a)


CHECKS: tuple[Check, ...] = (
    prose_table_mismatch,
    table_sum_mismatch,
    total_mismatch,
    change_arithmetic,
    double_negative,
    share_sum,
    year_mismatch,
    unit_suspect,
    template_residue,
    claim_contradiction,
    missing_table,
    missing_explanation,
    prior_arithmetic,
    stated_years_change,
    list_sum,
    completion_arithmetic,
    figure_claims,
    item_exceeds_total,
    table_cross_mismatch,
    sangong_blank_cell,
    sangong_table_sums,
    class_list_sum,
    lost_units,
    average_units,
    duplicate_text,
    date_out_of_year,
    conflicting_changes,
    listed_parts_exceed_total,
    parts_add_up_to_whole,
    composition_shares,
    listed_item_exceeds_its_total,
    grand_total_below_year_total,
    shares_of_one_whole,
    foreign_unit_name,
    final_headings_in_budget,
    opening_names_the_other_kind,
    outdated_class_names,
    completion_against_gap,
    unit_against_its_total,
    unchanged_against_budget,
    implied_budgets_against_total,
    reason_denies_its_amount,
    reason_years_disagree,
    sangong_total_with_other_items,
    carryover_balance,
    misprinted_amounts,
    completion_rates_that_are_shares,
    enumerated_counts,
    both_sides_summed,
    unit_count_against_parts,
    zero_sources_under_total,
    fiscal_spending_without_fiscal_income,
    complementary_share_changes,
    finance_glossary_elsewhere,
    changes_of_equal_totals,
    items_named_as_the_other_figure,
    figure_stated_as_one_compared_as_other,
    fiscal_with_its_non_tax_sibling,
)


def run_checks(ci: CheckInput, checks: Iterable[Check] = CHECKS) -> list[Finding]:
    """All findings of one document, errors first and then in text order, as a reader works through them."""
    order = {"error": 0, "warning": 1, "info": 2}
    out, seen = [], set()
    for check in checks:
        for f in check(ci):
            # two checks that reach one problem by different roads (a list of parts over its total, and
            # 基本支出 ≠ 人员经费 + 公用经费) report it once: the first check's wording
            # (…or by one list read twice: the same total and parts, pointed at by two spans)
            key, facts = (f.check, f.span), (f.check, frozenset(f.fact_ids))
            if (f.span is None or key not in seen) and (len(f.fact_ids) < 2 or facts not in seen):
                seen.update((key, facts))
                out.append(f)
    return sorted(out, key=lambda f: (order[f.severity], f.span[0] if f.span else 10**12))
