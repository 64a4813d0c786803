"""Performance-target tables (绩效目标表): indicators with their levels, comparator, value and
unit (≥90% → ≥, 90, %), the money columns beside them, and the project a table is about."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Indicator, RawLine, Table
from ..resources import table_headers
from .cells import cell_record, compact, is_numberish, parse_number
from .codes import clean_label

# header names, as exports print them (fitted on the dev corpus's target tables and the guides'
# templates): the indicator's name, its target value
_NAME_HEADERS = ("三级指标", "指标名称", "指标内容")
_VALUE_HEADERS = ("指标值", "目标值", "指标值(包含数字及文字描述)", "预期当年实现值", "绩效指标值")
_PROJECT_KEY = re.compile(r"项目名称[:：]?")
# a target as written: comparator (symbol or word), number, unit (≥90%, 不低于15篇, =4台)
_CMP = re.compile(r"^(?P<cmp>≥|>=|≤|<=|=|>|<|≠|不低于|不高于|不少于|不超过|大于|小于)?\s*(?P<num>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s].{0,8})?$")
_CMP_CANON = {">=": "≥", "<=": "≤", "不低于": "≥", "不少于": "≥", "不高于": "≤", "不超过": "≤", "大于": ">", "小于": "<"}
# a 指标性质 cell as exports print it, and the comparators of the contract
_OPS = {"=", "≥", "≤", ">", "<", "≠", ">=", "<=", "定性", "≧", "≦"}
_OPS_CANON = {"=", "≥", "≤", ">", "<", "≠", "定性"}
# header names repeated in the body after a page break (a row to skip, not an indicator)
_HEADER_NAMES = {"三级指标", "指标名称", "指标内容", "指标值", "目标值", "二级指标", "一级指标"}
# the 一级指标 of the national performance-indicator framework: never a project or a 二级指标
_LEVEL1 = {"产出指标", "效益指标", "满意度指标", "成本指标"}


def parse_target(text: str) -> tuple[str | None, float | None, str | None]:
    """≥90% → (≥, 90, %); =4台 → (=, 4, 台); 有所提高 → (定性, None, None)."""
    s = compact(text).replace("％", "%")
    m = _CMP.match(s)
    if not m:
        return ("定性", None, None) if s else (None, None, None)
    cmp_ = m.group("cmp")
    unit = m.group("unit") or None
    if unit and re.match(r"^(?:月|日|年|季度)(?:底|末|初|前|内|以前|完成)", unit) and not cmp_:
        return "定性", None, None  # 12月底前: a deadline, not a quantity
    cmp_ = _CMP_CANON.get(cmp_, cmp_) if cmp_ else "="
    return cmp_, float(m.group("num")), unit


def is_performance(header: list[list[str]]) -> bool:
    """A header naming indicator levels (一级指标 + 二级指标, or 三级指标 + 指标值/目标值)."""
    flat = {compact(x) for r in header for x in r}
    flat |= {re.sub(r"[（(].*$", "", x) for x in flat}
    return ("一级指标" in flat and "二级指标" in flat) or ("三级指标" in flat and ("指标值" in flat or "目标值" in flat))


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where a target table keeps each part of an indicator (None: not printed)."""

    level1: int | None
    level2: int | None
    name: int
    value: int
    op: int | None
    unit: int | None
    project: int | None


@dataclass(frozen=True, slots=True)
class _Reading:
    """One indicator row as read: its name, target text, comparator, value, unit and the cell read."""

    name: str
    target: str
    comparator: str | None
    value: float | None
    unit: str | None
    source: int


def _columns(names: list[str]) -> _Columns | None:
    """Columns by header name; None when the table names no indicator or no target column."""

    def col(*keys: str) -> int | None:
        # the last match: with 长期 and 年度 columns side by side, the year's target is the later one
        for k in keys:
            if k in names:
                return len(names) - 1 - names[::-1].index(k)
        return None

    name, value = col(*_NAME_HEADERS), col(*_VALUE_HEADERS)
    if name is None or value is None:
        return None
    level1 = names.index("一级指标") if "一级指标" in names else None
    return _Columns(level1, col("二级指标"), name, value, col("指标性质"), col("度量单位", "计量单位"), col("项目名称"))


def _canon_op(op: str) -> str:
    """A printed 指标性质 (>=, 不低于, 定性) → the contract's comparator."""
    return "定性" if op == "定性" else _CMP_CANON.get(op, op)


def _read_anchored(cells: list[str], anchor: int, levels: list[str]) -> _Reading | None:
    """A row read around its 指标性质 cell (≥, =, 定性): exports often shift a row by a few
    cells, but name, levels, target and unit keep their places around it. Updates `levels`."""
    before = [x for x in cells[:anchor] if x]
    name = before[-1] if before else ""
    levels[1] = before[-2] if len(before) >= 2 else levels[1]
    levels[0] = before[-3] if len(before) >= 3 and before[-3] in _LEVEL1 else (before[-3] if len(before) == 3 else levels[0])
    target = cells[anchor + 1] if anchor + 1 < len(cells) else ""
    if not target:
        return None
    unit_text = cells[anchor + 2] if anchor + 2 < len(cells) else ""
    _, val, unit = parse_target(target)
    return _Reading(name, target, _canon_op(compact(cells[anchor])), val, unit_text or unit, anchor + 1)


def _read_by_columns(cells: list[str], cols: _Columns, levels: list[str]) -> _Reading | None:
    """A row read by the header's columns; blank level cells continue the rows above (merged
    cells). Updates `levels`."""

    def at(j: int | None) -> str:
        return cells[j] if j is not None and j < len(cells) else ""

    levels[0] = at(cols.level1) or levels[0]
    levels[1] = at(cols.level2) or levels[1]
    name, target = at(cols.name), at(cols.value)
    if not name or not target:
        return None
    cmp_, val, unit = parse_target(target)
    if cols.op is not None and at(cols.op):
        cmp_ = _canon_op(compact(at(cols.op)))
    if cols.unit is not None and at(cols.unit):
        unit = at(cols.unit)
    return _Reading(name, target, cmp_, val, unit, cols.value)


def _row_project(cells: list[str], project_col: int, project: str | None) -> str | None:
    """项目名称 is the last text before the row's 预算数 (rows are sometimes shifted left); rows
    without one continue the project above."""
    first_num = next((j for j, x in enumerate(cells) if x and is_numberish(x)), None)
    if first_num is not None and first_num <= project_col + 4:
        names_before = [x for x in cells[:first_num] if x and not re.match(r"^\d+-", x) and x not in _LEVEL1]
        if names_before:
            return names_before[-1]
    return project


def read_targets(t: Table, header_rows: list[RawLine], data_rows: list[RawLine], doc_id: str, *, project: str | None = None) -> None:
    """Indicators of a 绩效目标表 into `t.indicators`: one per row that has an indicator name and
    a target, with its 一级/二级指标 (carried down merged cells) and the project it belongs to
    (`project`: the 项目名称 of the form above the table, or a 项目名称 column)."""
    last = header_rows[-1].cells if header_rows else []
    names = [re.sub(r"[（(].*$", "", compact(c.text)) for c in last]
    cols = _columns(names)
    if cols is None:
        return
    levels = ["", ""]
    for r in data_rows:
        cells = [c.text for c in r.cells]
        if cols.project is not None:
            project = _row_project(cells, cols.project, project)
        anchor = next((j for j, x in enumerate(cells) if compact(x) in _OPS), None) if cols.op is not None else None
        got = _read_anchored(cells, anchor, levels) if anchor is not None and anchor >= 1 else _read_by_columns(cells, cols, levels)
        if got is None or got.comparator not in _OPS_CANON or compact(got.name) in _HEADER_NAMES or re.match(r"^\d{4}年$", compact(got.target)):
            continue  # no target; a repeated header row, or the 2020年/2021年 labels of history columns
        src = r.cells[got.source]
        t.indicators.append(
            Indicator(
                doc_id=doc_id,
                table_id=t.table_id,
                project=project,
                level1=levels[0],
                level2=levels[1],
                indicator=got.name,
                comparator=got.comparator,
                value=got.value,
                unit=got.unit,
                text=got.target,
                span=(src.start, src.end),
            )
        )
    t.columns = [h for h in names if h]


def target_amounts(t: Table, head: RawLine, rows: list[RawLine], doc_id: str) -> None:
    """Money columns of a target table (单位名称 | 项目名称 | 预算数 | 一级指标 …): each number is a
    cell labelled by the nearest name left of it (the project, or the unit on its total row)."""
    amounts = table_headers().amount_headers
    cols = [j for j, c in enumerate(head.cells) if re.sub(r"[（(].*$", "", c.text) in amounts]
    for r in rows:
        for j in cols:
            if j >= len(r.cells) or not r.cells[j].text:
                continue
            v = parse_number(r.cells[j].text)
            label_raw = next((c.text for c in reversed(r.cells[:j]) if c.text and not is_numberish(c.text)), "")
            if v is None or not label_raw:
                continue
            label, code = clean_label(label_raw)
            t.cells.append(cell_record(t, doc_id, label, label_raw, code, head.cells[j].text, v, r.cells[j]))


def form_project(rows: list[RawLine]) -> str | None:
    """项目名称： | 居民医疗保险经费项目 in the form part of a per-project target table."""
    for r in rows:
        for prev, cur in zip(r.cells, r.cells[1:], strict=False):
            if _PROJECT_KEY.fullmatch(prev.text) and cur.text:
                return cur.text
    return None


def project_of(t: Table) -> str | None:
    """The 项目名称 of a per-project 绩效目标表: from its indicators, or from its form rows when no
    indicator was read. Alignment uses it to tell apart the amounts of different projects."""
    if p := next((i.project for i in t.indicators if i.project), None):
        return p
    for row in t.header + [[c.text for c in r.cells] for r in t.rows[:12]]:
        for prev, cur in zip(row, row[1:], strict=False):
            if _PROJECT_KEY.fullmatch(prev.strip()) and cur.strip():
                return cur.strip()
    return None
