"""Key–value forms (编制控制数 | 17 | 在职人员总数 | 17; 资金总额： | 788 万元): each number is
labelled by the text before it, under the section a single-cell row names. Performance-target
tables open with such a form; grids inside a form are read as grids."""

from __future__ import annotations

import re

from ..records import RawCell, RawLine, Table
from .cells import MONEY_VALUE as _MONEY_VALUE
from .cells import cell_record, is_numberish, parse_number
from .codes import clean_label
from .grid import grid_cells

# keys whose numbers are not amounts (a phone number, a date, a code)
_NOT_A_VALUE = re.compile(r"电话|手机|传真|邮编|编码|代码|日期|时间|账号|序号")
_COLON_END = re.compile(r"[:：]$")


def _form_value(c: RawCell) -> RawCell | None:
    """A form's value cell: a number, or a sum with its money unit (788 万元) cut to the number."""
    if is_numberish(c.text):
        return c
    m = _MONEY_VALUE.match(c.text)
    if not m:
        return None
    return RawCell(m.group("num"), c.start, c.start + len(m.group("num")), c.x0, c.x1)


def is_form(rows: list[RawLine]) -> bool:
    """Key–value forms outside target tables (项目资金 | 资金总额: | 788 万元 | 当年资金总额: | 788 万元):
    sums written with their unit, or keys ending in a colon before a number, on two or more rows."""
    hits = 0
    head = [c.text for c in rows[0].cells] if rows else []
    for r in rows:
        pairs = list(zip(r.cells, r.cells[1:], strict=False))
        vals = [j for j, c in enumerate(r.cells) if _MONEY_VALUE.match(c.text) or is_numberish(c.text)]
        if vals and all(j < len(head) and head[j] and not is_numberish(head[j]) for j in vals):
            return False  # values under the names of a header row: a grid that prints units
        if any(_MONEY_VALUE.match(c.text) for c in r.cells) or any(_COLON_END.search(a.text) and is_numberish(b.text) for a, b in pairs):
            hits += 1
    return hits >= 2


def form_cells(t: Table, rows: list[RawLine], doc_id: str) -> None:
    """Key–value form rows (编制控制数 | 17 | 在职人员总数 | 17): each number labelled by the text before it.

    A single-cell row (当年预算情况（万元）) names the section: it becomes the column and may carry the unit.
    A grid inside the form (a row of column names, then rows of numbers under them) is read as a grid.
    """
    section = ""
    skip: set[int] = set()
    for i, r in enumerate(rows):
        if i in skip:
            continue
        grid = _form_grid(rows, i)
        if grid:
            head, body = grid
            sub = Table(t.table_id, t.title, t.unit, t.layout, figure_of=t.figure_of)
            grid_cells(sub, head, body, doc_id)
            t.cells.extend(sub.cells)
            skip.update(range(i, i + len(head) + len(body)))
            continue
        if i + 1 < len(rows) and _form_caption_row(r, rows[i + 1], t, doc_id):
            skip.add(i + 1)
            continue
        texts = [c for c in r.cells if c.text]
        if len(texts) == 1 and not is_numberish(texts[0].text):
            section = texts[0].text
            continue
        cells = r.cells
        if len(cells) >= 3 and cells[0].text and not is_numberish(cells[0].text) and cells[1].text and not is_numberish(cells[1].text) and _form_value(cells[2]):
            section = cells[0].text  # 项目资金(万元) | 年度资金总额 | 20: a merged cell naming the rows beside it
        for prev, cur in zip(r.cells, r.cells[1:], strict=False):
            val = _form_value(cur) if cur.text and prev.text and not _form_value(prev) and not _NOT_A_VALUE.search(prev.text) else None
            v = parse_number(val.text) if val else None
            if v is None or val is None:
                continue
            label, code = clean_label(prev.text.rstrip(":："))
            t.cells.append(cell_record(t, doc_id, label, prev.text, code, section or "值", v, val))


def _form_caption_row(names_row: RawLine, values_row: RawLine, t: Table, doc_id: str) -> bool:
    """年度部门整体支出预算 | 资金总额 | 财政拨款 | 其他资金 over one line of exactly three numbers
    and no text: the first name labels the row, the others name the numbers' columns in order
    (wherever an export put the numbers)."""
    names = [c for c in names_row.cells if c.text]
    vals = [c for c in values_row.cells if c.text]
    if len(names) < 3 or any(is_numberish(c.text) for c in names) or len(vals) != len(names) - 1:
        return False
    numbers = [parse_number(c.text) for c in vals]
    if any(v is None for v in numbers):
        return False
    label, code = clean_label(names[0].text)
    for head, cell, v in zip(names[1:], vals, numbers, strict=False):
        if v is not None:
            t.cells.append(cell_record(t, doc_id, label, names[0].text, code, head.text, v, cell))
    return True


def _form_grid(rows: list[RawLine], i: int) -> tuple[list[RawLine], list[RawLine]] | None:
    """A grid inside a form starting at row i: one or two rows of three or more names and no number
    (总体资金情况 | 当年预算收支 | 占比 | 近两年收支情况 / 2020 年 | 2021 年), then rows with two or
    more numbers each."""
    def names(r: RawLine) -> int:
        return sum(1 for c in r.cells if c.text and not is_numberish(c.text))

    def nums(r: RawLine) -> int:
        return sum(1 for c in r.cells if c.text and is_numberish(c.text))

    if names(rows[i]) < 3 or nums(rows[i]):
        return None
    j = i + 1
    if j < len(rows) and not nums(rows[j]) and names(rows[j]) >= 2:
        j += 1
    k = j
    while k < len(rows) and nums(rows[k]) >= 2:
        k += 1
    if k - j < 2:
        return None
    return rows[i:j], rows[j:k]
