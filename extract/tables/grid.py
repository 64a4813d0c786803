"""Grid tables (tab, markdown pipe, one cell per line): cells already sit in ordinal columns, so
the work is telling code, label and value columns apart, the sides of two-sided tables (收入 |
支出), and rows an export printed shifted by a cell or two."""

from __future__ import annotations

import re

from ..records import RawCell, RawLine, Table
from ..resources import table_headers
from .cells import CODE, EMPTY_VALUES, INDEX_ROW, cell_record, compact, is_numberish, parse_number
from .codes import clean_label, code_of, mostly_coded, with_parent
from .headers import header_paths, parts_one_cell_late, unprinted_level
from .rows import RowEntry, row_paths

# a column is a label column when fewer than this share of its cells are numbers (项目 columns
# hold the odd numeric label; value columns the odd note)
_NUMBER_SHARE = 0.5
_UNIT_CODE_HEADER = re.compile(r"单位|部门|项目编码|项目代码|^序号$")  # 单位代码, 部门编码, 序号 (row numbers): not classification codes


def is_data_row(row: RawLine, layout: str) -> bool:
    """The first row with a value ends the header; column numbering (栏次 1 2 3) and rows of
    codes alone do not count as values."""
    texts = [c.text for c in row.cells if c.text]
    if not texts:
        return False
    if all(INDEX_ROW.match(t) for t in texts) and len(texts) >= 3 and layout != "web":
        return False  # 1 2 3 4 … column numbering (the web reader drops it itself: 79 | 0 | 75 is data)
    nums = [t for t in texts if is_numberish(t)]
    if not nums:
        return False
    # only codes (201 05 07) and no other number: a label row of a code table still counts
    return any(not CODE.match(t) or len(t) < 3 or "." in t for t in nums) or len(nums) < len(texts)


def _value_columns(data_rows: list[RawLine], ncols: int) -> tuple[list[int], list[int], list[int]]:
    """(code columns, label columns, value columns) from what the data rows hold.

    Codes sit left of the row label (208 | 05 | 05 | 机关事业单位…); a column of small integers
    there (款 05, 项 01) is a code column too, while the same integers right of the label are values.
    """
    kinds: list[str] = []
    for j in range(ncols):
        vals = [r.cells[j].text for r in data_rows if j < len(r.cells) and r.cells[j].text]
        if not vals:
            kinds.append("empty")
            continue
        nums = [v for v in vals if is_numberish(v)]
        if len(nums) < len(vals) * _NUMBER_SHARE:
            kinds.append("label")
        elif all(CODE.match(v) for v in nums):
            kinds.append("int")
        else:
            kinds.append("value")
    label_cols = [j for j, k in enumerate(kinds) if k == "label"]
    first_value = next((j for j, k in enumerate(kinds) if k == "value"), ncols)
    before = [j for j in label_cols if j < first_value]
    if before:
        # the row label: the text column before the values that names the most rows
        primary = max(before, key=lambda j: (sum(1 for r in data_rows if j < len(r.cells) and r.cells[j].text), j))
        # several text columns, some carrying classification codes ([2101502]… | [30227]委托业务费):
        # the coded column nearest the values is the most specific name of what the row spends on
        coded = [j for j in before if mostly_coded([r.cells[j].text for r in data_rows if j < len(r.cells) and r.cells[j].text])]
        if coded and primary not in coded:
            primary = coded[-1]
    else:
        primary = label_cols[0] if label_cols else -1
    code_cols = [j for j, k in enumerate(kinds) if k == "int" and j < max(primary, 0)]
    value_cols = [j for j, k in enumerate(kinds) if k == "value" or (k == "int" and j > primary)]
    label_cols = [primary] + [j for j in label_cols if j != primary] if primary >= 0 else []
    return code_cols, label_cols, value_cols


def grid_cells(t: Table, header_rows: list[RawLine], data_rows: list[RawLine], doc_id: str) -> None:
    """The cells of a grid table into `t.cells` (and its column paths into `t.columns`): each
    value labelled by its side's row label, code and column path."""
    data_rows = _unshift_rows(data_rows)
    ncols = max([len(r.cells) for r in header_rows + data_rows] + [0])
    header = [[c.text for c in r.cells] for r in header_rows if not all(INDEX_ROW.match(c.text) or not c.text for c in r.cells)]
    paths = header_paths(header, ncols)
    code_cols, label_cols, value_cols = _value_columns(data_rows, ncols)
    # a column headed 类/款/项/科目编码 holding integers is a code column wherever it stands
    for j in list(value_cols):
        head = compact(paths[j].split(" > ")[-1]) if paths[j] else ""
        if head in table_headers().code_headers and all(CODE.match(r.cells[j].text) for r in data_rows if j < len(r.cells) and r.cells[j].text):
            value_cols.remove(j)
            code_cols.append(j)
    # a column headed 单位代码/部门编码 holds unit codes, unless it extends a 类/款 code (301|01|30101)
    has_class = any(compact(paths[j].split(" > ")[-1]) in table_headers().code_headers for j in code_cols if paths[j])
    code_cols = [j for j in code_cols if not (_UNIT_CODE_HEADER.search(paths[j] or "") and not has_class)]
    code_cols.sort()
    sides = _sides(label_cols, value_cols, code_cols)
    padded = [r.cells + [RawCell("", 0, 0)] * (ncols - len(r.cells)) for r in data_rows]
    for _, _, side_values in sides:  # a total and its parts stand on one side
        named, groups = unprinted_level([paths[j] for j in side_values], [[r[j] if r[j].text else None for j in side_values] for r in padded], t.title)
        for j, name in zip(side_values, named, strict=True):
            paths[j] = name
        for i, run in groups:
            cols = [side_values[k] for k in run]
            if cols == list(range(cols[0], cols[-1] + 1)):
                for cells in padded:
                    parts_one_cell_late(cells, side_values[i], cols)
    t.columns = [paths[j] or f"列{j + 1}" for j in value_cols]
    parent = ""
    entries: list[list[RowEntry]] = [[] for _ in sides]
    for cells in padded:
        for s, (label_j, side_codes, side_values) in enumerate(sides):
            label_raw = cells[label_j].text if label_j is not None else ""
            if not label_raw:
                # the label may sit in another column of the row (合 计 under 科目编码)
                first_v = min(side_values) if side_values else len(cells)
                label_raw = next((c.text for c in cells[:first_v] if c.text and not is_numberish(c.text)), "")
            label, emb = clean_label(label_raw)
            code = code_of([cells[j].text for j in side_codes]) or emb
            code, parent = with_parent(code, parent)
            entries[s].append(RowEntry(label_raw, label, code, tuple(cells[j] for j in side_values)))
    row_path = [row_paths(side_rows) for side_rows in entries]
    for i, cells in enumerate(padded):
        for s, (_, _, side_values) in enumerate(sides):
            e = entries[s][i]
            for j in side_values:
                v = parse_number(cells[j].text) if cells[j].text not in EMPTY_VALUES else None
                if v is None:
                    continue
                t.cells.append(cell_record(t, doc_id, e.label, e.raw, e.code, paths[j] or f"列{j + 1}", v, cells[j], row_path[s][i]))


def _unshift_rows(rows: list[RawLine]) -> list[RawLine]:
    """Rows an export printed d cells left or right of their columns (项目支出 | | 818 | 87.97% …
    while the other rows have their numbers in columns 4-7): a row whose numbers fill the most
    common set of number columns moved by d, one of them landing in a column other rows use for
    labels, moves back by d (when no text falls off the row)."""
    def numpos(r: RawLine) -> tuple[int, ...]:
        """Positions of the row's numbers."""
        return tuple(j for j, c in enumerate(r.cells) if c.text and is_numberish(c.text))

    patterns: dict[tuple[int, ...], int] = {}
    for r in rows:
        p = numpos(r)
        if len(p) >= 2:
            patterns[p] = patterns.get(p, 0) + 1
    if not patterns:
        return rows
    common, n = max(patterns.items(), key=lambda kv: (kv[1], len(kv[0])))
    if n < 2:
        return rows
    text_cols = {j for r in rows for j, c in enumerate(r.cells) if c.text and not is_numberish(c.text)}
    out = []
    for r in rows:
        p = numpos(r)
        d = common[0] - p[0] if len(p) == len(common) else 0
        width = max(len(r.cells), common[-1] + 1)
        if d == 0 or not set(p) & text_cols or any(v - q != d for q, v in zip(p, common, strict=False)) or any(c.text and not 0 <= j + d < width for j, c in enumerate(r.cells)):
            out.append(r)
            continue
        moved = [RawCell("", 0, 0, j, j) for j in range(width)]
        for j, c in enumerate(r.cells):
            if c.text:
                moved[j + d] = c
        out.append(RawLine(moved, r.line_no, r.text))
    return out


def _sides(label_cols: list[int], value_cols: list[int], code_cols: list[int]) -> list[tuple[int | None, list[int], list[int]]]:
    """Two-sided tables (收入 | 支出 side by side): each label column owns the values after it."""
    if not label_cols:
        return [(None, code_cols, value_cols)]
    primary = label_cols[0]  # chosen by _value_columns: the text column naming the most rows
    later = [j for j in label_cols if value_cols and j > value_cols[0]]
    if not later:
        return [(primary, code_cols, value_cols)]
    split = later[0]
    return [
        (primary, code_cols, [j for j in value_cols if j < split]),
        (split, [], [j for j in value_cols if j > split]),
    ]
