"""Table regions (found by `layout`) → tables of cells with row label, code, column path, value.

Four layouts share one path: each is first turned into rows of `RawCell`s (text, original
offsets, and a column position), then split into tables at title lines, then headers become
column paths, code columns become classification codes and numeric cells become `TableCell`s.
Performance-target tables (绩效目标表) additionally become `Indicator`s.

- tab:        cells separated by tabs (one row per line)
- pipe:       markdown | a | b | rows
- cell-line:  one cell per line (each line starting with a tab), rows separated by blank lines
- aligned:    `pdftotext -layout` columns; positions measured in display width (CJK = 2)

pdftotext moves text: sparse lines are compressed, wrapped cells print around their row, tall
header cells print between header lines. Aligned tables are therefore read from order and
same-line evidence first (a text after a value on its own line starts a side) and from positions
only within a tolerance. Genre vocabulary (label-column headers, code headers, money headers of
target tables, attribute values such as 政府集中采购, standard splits such as 基本支出 + 项目支出
that name a header level an export left unprinted) lives in data/table_headers.json.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from math import comb

from .layout import Block
from .normalize import MappedText
from .records import Indicator, TableCell
from .resources import table_headers

_NUM = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_CODE = re.compile(r"^\d{1,9}$")
_EMPTY_VALUE = {"", "-", "—", "－", "--", "——", "/", "／", "*"}
_UNIT_LINE = re.compile(r"(?:金额单位|单位)\s*[:：]\s*(?P<unit>万元|元|千元|亿元|百万元)")
_TITLE_HINT = re.compile(r"表\s*(?:[（(][^（()）]{1,20}[）)])?\s*$|^表\s*\d+|公开表|^#{1,6}\s|绩效目标表|情况表")
_NOTE = re.compile(r"^(?:注|备注|说明|空表说明|\*)\s*[:：]?|空表|无此项|为空表|若为空表|无[^，。]{0,20}(?:预算|收支|支出|经费)")
_EMPTY_NOTE = re.compile(r"空表|无此项|为空表|若为空表|无[^，。]{0,20}(?:预算|收支|支出|经费|内容)")
_TOTAL = re.compile(r"^(?:合计|总计|小计|本年收入合计|本年支出合计|收入总计|支出总计)$|合计$|总计$")
_LABEL_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十廿]{1,3}[、.．]|[（(][一二三四五六七八九十廿\d]{1,3}[）)]|\d{1,2}[.．、](?!\d))\s*")
_SUBITEM = re.compile(r"^其中\s*[:：]\s*")  # 其中：财政拨款 is the row 财政拨款, a part of the row above
_EMBEDDED_CODE = re.compile(r"^[\[【［]?(?P<code>\d{3,9})[\]】］]?\s*(?=[\u4e00-\u9fff])")
_INDEX_ROW = re.compile(r"^(?:栏次|\d{1,2}|\*+)$")
_CMP = re.compile(r"^(?P<cmp>≥|>=|≤|<=|=|>|<|≠|不低于|不高于|不少于|不超过|大于|小于)?\s*(?P<num>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s].{0,8})?$")
_CMP_CANON = {">=": "≥", "<=": "≤", "不低于": "≥", "不少于": "≥", "不高于": "≤", "不超过": "≤", "大于": ">", "小于": "<"}


@dataclass(slots=True)
class RawCell:
    text: str  # stripped, whitespace-compacted
    start: int  # original offsets of the stripped text
    end: int
    x0: float = 0.0  # display columns (aligned layout) or ordinal column (others)
    x1: float = 0.0
    # aligned layout: the same text as two cells, split at its last single space (台式计算机 分散自行组织)
    alt: tuple[RawCell, RawCell] | None = None


@dataclass(slots=True)
class RawLine:
    cells: list[RawCell]
    line_no: int
    text: str  # the whole line, compacted

    @property
    def is_single(self) -> bool:
        return len([c for c in self.cells if c.text]) <= 1


@dataclass
class Table:
    table_id: str
    title: str
    unit: str | None
    layout: str
    header: list[list[str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[RawLine] = field(default_factory=list)
    cells: list[TableCell] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    note: str | None = None
    span: tuple[int, int] | None = None

    @property
    def empty(self) -> bool:
        return not self.cells and not self.indicators

    def summary(self) -> dict[str, object]:
        return {
            "table_id": self.table_id,
            "table_title": self.title,
            "unit": self.unit,
            "layout": self.layout,
            "n_rows": len(self.rows),
            "n_cells": len(self.cells),
            "n_indicators": len(self.indicators),
            "empty": self.empty,
            "note": self.note,
            "columns": self.columns,
            "span": list(self.span) if self.span else None,
        }


_WS = re.compile(r"\s+")


def _compact(s: str) -> str:
    return _WS.sub("", s)


_WIDE = re.compile("[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _display_x(wide: list[int], i: int) -> int:
    """Display column of character i (CJK and full-width characters are two wide)."""
    return i + bisect_left(wide, i)


def _cell(mt: MappedText, a: int, b: int, x0: float = 0, x1: float = 0) -> RawCell:
    raw = mt.text[a:b]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw.rstrip())
    if trail <= lead:
        o = mt.offsets[a] if a < len(mt.offsets) else 0
        return RawCell("", o, o, x0, x1)
    s, e = mt.orig_span(a + lead, a + trail)
    return RawCell(_compact(raw), s, e, x0, x1)


@lru_cache(maxsize=65536)
def parse_number(text: str) -> float | None:
    t = text.replace("，", ",").strip().rstrip("%")
    if not _NUM.match(t + ("%" if text.strip().endswith("%") else "")) and not _NUM.match(t):
        return None
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


# ---------------------------------------------------------------- layouts → lines of cells


def _layout_of(lines: list[MappedText]) -> str:
    texts = [ln.text for ln in lines if ln.text.strip()]
    if not texts:
        return "tab"
    inner_tab = sum(1 for t in texts if "\t" in t.lstrip("\t") and t.strip())
    lead_tab = sum(1 for t in texts if t.startswith("\t"))
    pipes = sum(1 for t in texts if t.strip().startswith("|") and t.strip().endswith("|"))
    if pipes >= max(2, len(texts) // 2):
        return "pipe"
    if inner_tab >= max(2, len(texts) // 3):
        return "tab"
    if lead_tab >= max(2, len(texts) // 2):
        return "cell-line"
    return "aligned"


def _split_tab(ln: MappedText, line_no: int) -> RawLine:
    cells: list[RawCell] = []
    pos = 0
    s = ln.text
    for i, part in enumerate(s.split("\t")):
        cells.append(_cell(ln, pos, pos + len(part), i, i))
        pos += len(part) + 1
    return RawLine(cells, line_no, _compact(s))


def _split_pipe(ln: MappedText, line_no: int) -> RawLine | None:
    s = ln.text
    if re.match(r"^\s*\|?\s*:?-{2,}", s):
        return None
    a = s.index("|") + 1
    b = s.rindex("|")
    cells: list[RawCell] = []
    pos = a
    for i, part in enumerate(s[a:b].split("|")):
        cells.append(_cell(ln, pos, pos + len(part), i, i))
        pos += len(part) + 1
    return RawLine(cells, line_no, _compact(s))


_PIECE = re.compile(r"\S+")


def _split_aligned(ln: MappedText, line_no: int) -> RawLine:
    """Tokens separated by 2+ spaces; a number separated by one space is still its own cell."""
    s = ln.text
    pieces = [(m.start(), m.end()) for m in _PIECE.finditer(s)]
    groups: list[list[tuple[int, int]]] = []
    for a, b in pieces:
        word = s[a:b]
        if groups:
            pa, pb = groups[-1][-1]
            gap = a - pb
            prev_word = s[pa:pb]
            if gap == 1 and not _NUM.match(word) and not _NUM.match(prev_word) and not _CODE.match(prev_word):
                groups[-1].append((a, b))
                continue
            if len(word) == 1 and len(groups[-1]) == 1 and pb - pa == 1 and not word.isdigit() and not prev_word.isdigit() and gap <= 8:
                groups[-1].append((a, b))  # 合    计: one label spread across its cell
                continue
        groups.append([(a, b)])
    cells = []
    wide = [m.start() for m in _WIDE.finditer(s)]
    for g in groups:
        a, b = g[0][0], g[-1][1]
        c = _cell(ln, a, b, _display_x(wide, a), _display_x(wide, b))
        cut = next((k for k in range(len(g) - 1, 0, -1) if g[k][0] - g[k - 1][1] == 1), None)
        if cut is not None:
            m0, m1 = g[cut - 1][1], g[cut][0]
            c.alt = (_cell(ln, a, m0, c.x0, _display_x(wide, m0)), _cell(ln, m1, b, _display_x(wide, m1), c.x1))
        cells.append(c)
    return RawLine(cells, line_no, _compact(s))


def _split_run_together(rows: list[RawLine]) -> list[RawLine]:
    """Two cells pdftotext printed one space apart read as one (台式计算机（20万以下） 分散自行组织);
    split one when its tail is a cell of its own in another row (分散自行组织 in a column of them)."""
    alone = {c.text for r in rows for c in r.cells if c.text and c.alt is None}
    out = []
    for r in rows:
        if not any(c.alt and c.alt[1].text in alone and not _is_numberish(c.alt[1].text) for c in r.cells):
            out.append(r)
            continue
        cells: list[RawCell] = []
        for c in r.cells:
            cells.extend(c.alt if c.alt and c.alt[1].text in alone and not _is_numberish(c.alt[1].text) else (c,))
        out.append(RawLine(cells, r.line_no, r.text))
    return out


def _lines_of(block: Block, layout: str) -> list[RawLine | str]:
    """Rows of cells, or the string "" for a blank line (row separator in cell-line layout)."""
    out: list[RawLine | str] = []
    base = block.line_no
    for i, ln in enumerate(block.lines):
        if not ln.text.strip() and not (layout == "cell-line" and ln.text.startswith("\t")):
            out.append("")  # a bare tab in a one-cell-per-line table is an empty cell, not a break
            continue
        if layout == "tab":
            out.append(_split_tab(ln, base + i) if "\t" in ln.text.strip("\t ") or "\t" in ln.text else _whole(ln, base + i))
        elif layout == "pipe":
            if "|" in ln.text:
                r = _split_pipe(ln, base + i)
                if r is not None:
                    out.append(r)
            else:
                out.append(_whole(ln, base + i))
        elif layout == "cell-line":
            if "\t" in ln.text.strip("\t "):
                # several cells on one line of a one-cell-per-line table: keep them apart
                r = _split_tab(ln, base + i)
                if ln.text.startswith("\t"):
                    r.cells = r.cells[1:]
                    r.text = "\t" + r.text
                out.append(r)
            else:
                out.append(_whole(ln, base + i, cell=ln.text.startswith("\t")))
        else:
            out.append(_split_aligned(ln, base + i))
    if layout == "cell-line":
        return _group_cell_lines(out)
    return out


def _whole(ln: MappedText, line_no: int, *, cell: bool = False) -> RawLine:
    c = _cell(ln, 0, len(ln.text))
    r = RawLine([c], line_no, _compact(ln.text))
    r.text = ("\t" if cell else "") + r.text
    return r


def _group_cell_lines(items: list[RawLine | str]) -> list[RawLine | str]:
    """One cell per line → rows: consecutive tab-led lines form a row; blank lines end it."""
    out: list[RawLine | str] = []
    cur: list[RawCell] = []
    first = 0
    for it in items:
        if isinstance(it, str) or not it.text.startswith("\t"):
            if cur:
                out.append(RawLine(cur, first, "".join(c.text for c in cur)))
                cur = []
            if not isinstance(it, str):
                it.text = it.text.lstrip("\t")
                out.append(it)
            continue
        if not cur:
            first = it.line_no
        for c in it.cells:
            cur.append(RawCell(c.text, c.start, c.end, len(cur), len(cur)))
    if cur:
        out.append(RawLine(cur, first, "".join(c.text for c in cur)))
    return out


# ---------------------------------------------------------------- splitting into tables


def _is_title(line: RawLine) -> bool:
    t = line.text.lstrip("\t#").strip()
    return line.is_single and 2 <= len(t) <= 60 and bool(_TITLE_HINT.search(t)) and not _NOTE.match(t)


def _clean_title(t: str) -> str:
    t = re.sub(r"^#+\s*", "", t.strip())
    t = re.sub(r"^公开表[一二三四五六七八九十\d]+", "", t)
    return _compact(t).strip("*")


@dataclass
class _Segment:
    title: str = ""
    unit: str | None = None
    lines: list[RawLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None


def _note_topic(note: str, title: str) -> bool:
    return any(k in note and k in title for k in table_headers().note_topics)


def _segments(block: Block, items: list[RawLine | str], default_unit: str | None) -> list[_Segment]:
    ctx_title = ""
    ctx_unit = default_unit
    for ln in block.context:
        t = ln.text.strip()
        um = _UNIT_LINE.search(_compact(t))
        if um:
            ctx_unit = um.group("unit")
        if t and _TITLE_HINT.search(t) and not um and not re.match(r"^(?:部门|单位|编制部门|填报单位|部门名称)\s*[:：]", t):
            ctx_title = _clean_title(t)
    segs: list[_Segment] = [_Segment(title=ctx_title, unit=ctx_unit)]
    for it in items:
        if isinstance(it, str):
            continue
        cur = segs[-1]
        um = _UNIT_LINE.search(it.text)
        if um:
            cur.unit = um.group("unit")
            if it.is_single or len(it.cells) <= 3:
                continue
        if re.match(r"^公开(?:表[一二三四五六七八九十\d]+|[\d一二三四五六七八九十]+表)$", it.text):
            continue  # 公开表一 / 公开 01 表: the publication's table number, no title, no cell
        if _is_title(it):
            title = _clean_title(it.text)
            if cur.lines or cur.notes:
                nxt = _Segment(title=title, unit=cur.unit if not um else um.group("unit"))
                # 注：若为空表，则为该部门无政府性基金收支 printed before the table it is about
                for note in list(cur.notes):
                    if _note_topic(note, title) and not _note_topic(note, cur.title):
                        cur.notes.remove(note)
                        nxt.notes.append(note)
                segs.append(nxt)
            else:
                cur.title = title
            continue
        if it.is_single and _NOTE.match(it.text.lstrip("\t")):
            cur.notes.append(it.text.lstrip("\t"))
            continue
        if it.is_single and re.match(r"^(?:部门|单位|编制部门|部门名称|填报单位)[:：]|^[（(]?\d{1,2},?\d{3}年度?[）)]?$", it.text):
            continue
        cur.lines.append(it)
    # a title repeated after a page break continues the previous table
    merged: list[_Segment] = []
    for sg in segs:
        if merged and sg.title and sg.title == merged[-1].title:
            merged[-1].lines.extend(sg.lines)
            merged[-1].notes.extend(sg.notes)
        else:
            merged.append(sg)
    return [s for s in merged if s.lines or s.notes]


# ---------------------------------------------------------------- headers, columns, cells


@lru_cache(maxsize=1 << 16)
def _is_numberish(t: str) -> bool:
    return parse_number(t) is not None


def _is_data_row(row: RawLine, layout: str) -> bool:
    texts = [c.text for c in row.cells if c.text]
    if not texts:
        return False
    if all(_INDEX_ROW.match(t) for t in texts) and len(texts) >= 3:
        return False  # 1 2 3 4 … column numbering
    nums = [t for t in texts if _is_numberish(t)]
    if not nums:
        return False
    # only codes (201 05 07) and no other number: a label row of a code table still counts
    return any(not _CODE.match(t) or len(t) < 3 or "." in t for t in nums) or len(nums) < len(texts)


def _header_paths(header: list[list[str]], ncols: int) -> list[str]:
    grid = [r + [""] * (ncols - len(r)) for r in header]
    # a parent an export printed one cell early, over the last child of the group before it
    # (本年收入 … 其他收入 | 上年结转结余 over 小计 …), named or left unprinted (一般公共预算拨款 |
    # 上年结转安排 over a blank | 合计): a group starts at its 小计/合计
    for r in range(len(grid) - 1):
        below = [_compact(x) for x in grid[r + 1]]
        for j in range(ncols - 1):
            last_child = (below[j] and not _TOTAL.match(below[j])) or not any(grid[k][j] for k in range(r + 1, len(grid)))
            if grid[r][j] and not grid[r][j + 1] and last_child and _TOTAL.match(below[j + 1]):
                if any(grid[r][k] for k in range(j)) and not _TOTAL.match(_compact(grid[r][j])):
                    grid[r][j + 1], grid[r][j] = grid[r][j], ""
    # a merged header cell spans the empty cells to its right that have children below
    for r in range(len(grid) - 1):
        for j in range(1, ncols):
            if not grid[r][j] and grid[r][j - 1] and any(grid[k][j] for k in range(r + 1, len(grid))):
                grid[r][j] = grid[r][j - 1]
    paths = []
    for j in range(ncols):
        parts: list[str] = []
        for r in range(len(grid)):
            t = _compact(grid[r][j])
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        paths.append(" > ".join(parts))
    return paths


def _decimals(text: str) -> int:
    return len(text.rsplit(".", 1)[1]) if "." in text else 0


def _sum_holds(total: RawCell | None, parts: list[RawCell | None]) -> bool | None:
    """total = Σ parts within the rounding of the printed numbers; None when the row is blank there."""
    texts = [c.text for c in [total, *parts] if c is not None and c.text and c.text not in _EMPTY_VALUE]
    if not texts:
        return None
    if any(parse_number(x) is None or "%" in x for x in texts):
        return False
    t = parse_number(total.text) if total is not None and total.text not in _EMPTY_VALUE else None
    if t is None:
        return False
    s = sum(v for c in parts if c is not None and c.text not in _EMPTY_VALUE and (v := parse_number(c.text)) is not None)
    tol = 0.5 * 10 ** -max(_decimals(x) for x in texts) * len(texts) + 1e-9
    return abs(t - s) <= tol


def _unprinted_level(names: list[str], rows: list[list[RawCell | None]], title: str) -> tuple[list[str], list[tuple[int, list[int]]]]:
    """Names for value columns a header left unprinted (""), from the genre's standard splits.

    Exports drop the third header level (一般公共预算拨款 | <基本支出> | <项目支出>); the numbers
    still say what the columns are: when on nearly every row a named column equals the sum of the
    unnamed columns right after it and a standard split of that kind of column (支出: 基本支出 +
    项目支出) has as many parts, they are its children by those names. No name is invented when
    the sums do not hold, or no row has two parts filled (then the split is not evidenced), nor
    in a table about one part (基本支出预算表: its 合计 is 人员经费 + 公用经费).
    Returns the names and the (total, parts) positions named.
    """
    out = list(names)
    groups: list[tuple[int, list[int]]] = []
    splits = table_headers().standard_splits
    i = 0
    while i < len(names) - 1:
        j = i + 1
        while j < len(names) and not names[j]:
            j += 1
        run = list(range(i + 1, j))
        p = names[i]
        if not p or not run:
            i = max(j, i + 1)
            continue
        split = next(
            (parts for kind, parts in splits if len(parts) == len(run) and (kind in title or kind in p) and not any(x in p or x in title for x in parts)),
            None,
        )
        if split is not None:
            checks = [_sum_holds(r[i], [r[k] for k in run]) for r in rows]
            seen = [x for x in checks if x is not None]
            both = any(sum(1 for k in run if r[k] is not None and r[k].text not in _EMPTY_VALUE and parse_number(r[k].text)) >= 2 for r in rows)
            if len(seen) >= 2 and both and sum(seen) >= 0.9 * len(seen):
                for k, part in zip(run, split, strict=True):
                    out[k] = f"{p} > {part}"
                groups.append((i, run))
        i = j
    return out, groups


def _parts_one_cell_late(cells: list[RawCell], total: int, parts: list[int]) -> None:
    """A row that printed its parts one cell right (2.35 | | 0.77 | 1.58 under 合计 | 基本 | 项目 |
    next column) while the other rows add up: move them back when that makes the sum hold."""
    nxt = parts[-1] + 1
    if nxt >= len(cells) or cells[parts[0]].text or not cells[nxt].text or _sum_holds(cells[total], [cells[k] for k in parts]) is not False:
        return
    if _sum_holds(cells[total], [cells[k] for k in parts[1:]] + [cells[nxt]]):
        moved = [cells[k] for k in parts[1:]] + [cells[nxt]]
        for k, c in zip(parts, moved, strict=True):
            cells[k] = c
        cells[nxt] = RawCell("", 0, 0)


def _code_of(codes: list[str]) -> str | None:
    """类/款/项 cells (210, 15, 01) or full codes (2101501) → one code; unit codes are ignored."""
    digits = [c for c in codes if c and _CODE.match(c)]
    if len(digits) == 1 and len(digits[0]) not in (1, 2, 3, 5, 7):
        return None  # 322001, 202001: a unit code, not a classification code
    if not digits:
        return None
    joined = ""
    for c in digits:
        if not joined:
            joined = c
        elif c.startswith(joined) and len(c) > len(joined):
            joined = c  # a full code after its class prefix
        elif len(c) <= 2:
            joined += c.zfill(2)
        elif len(c) > len(joined) and not c.startswith(joined):
            continue  # a unit code (322001) beside a classification code
    return joined or None


def _record(t: Table, doc_id: str, label: str, raw: str, code: str | None, column: str, value: float, cell: RawCell) -> TableCell:
    return TableCell(
        doc_id=doc_id,
        table_id=t.table_id,
        table_title=t.title,
        unit=t.unit,
        row_label=label,
        code=code,
        column=column,
        value=value,
        span=(cell.start, cell.end),
        row_label_raw=raw,
        is_total=bool(_TOTAL.search(label)),
    )


def _with_parent(code: str | None, parent: str) -> tuple[str | None, str]:
    """A bare 款 code (15) under its 类 (210) is 21015; remember the last 类 for the rows below."""
    if not code:
        return code, parent
    if len(code) == 3:
        return code, code
    if len(code) <= 2 and parent:
        return parent + code.zfill(2), parent
    return code, parent


def _clean_label(t: str) -> tuple[str, str | None]:
    m = _EMBEDDED_CODE.match(t)
    code = None
    if m:
        code = m.group("code")
        t = t[m.end() :]
    return _LABEL_NUMBERING.sub("", _SUBITEM.sub("", t)).strip(), code


def _grid_columns(rows: list[RawLine], layout: str) -> tuple[list[float], bool]:
    """Column positions: ordinal for tab/pipe/cell-line; display centers for aligned."""
    if layout != "aligned":
        n = max((len(r.cells) for r in rows), default=0)
        return [float(i) for i in range(n)], False
    return [], True


def _fit_row(values: list[RawCell], centers: list[float], must: int | None = None) -> list[RawCell | None]:
    """Place a row's values in columns. A full row maps in order; a shorter one takes the columns
    whose positions fit its own under a common scale and shift (pdftotext compresses rows).
    `must`: a column the row is known to fill (the 合计 of a row whose parts have values)."""
    n = len(centers)
    slots: list[RawCell | None] = [None] * n
    k = len(values)
    if k == 0 or n == 0:
        return slots
    if k >= n:
        return list(values[:n])
    xs = [(v.x0 + v.x1) / 2 for v in values]
    if k == 1:
        slots[min(range(n), key=lambda j: abs(centers[j] - xs[0]))] = values[0]
        return slots
    best: tuple[float, tuple[int, ...]] | None = None
    if comb(n, k) <= 5000:
        for combo in combinations(range(n), k):
            if must is not None and must not in combo:
                continue
            cs = [centers[j] for j in combo]
            mc, mx = sum(cs) / k, sum(xs) / k
            var = sum((c - mc) ** 2 for c in cs)
            a = sum((c - mc) * (x - mx) for c, x in zip(cs, xs, strict=False)) / var if var else 1.0
            a = min(max(a, 0.6), 1.4)
            b = mx - a * mc
            cost = sum((a * c + b - x) ** 2 for c, x in zip(cs, xs, strict=False))
            if best is None or cost < best[0]:
                best = (cost, combo)
    if best is None:
        return list(values[:n]) + [None] * (n - k)
    for j, v in zip(best[1], values, strict=False):
        slots[j] = v
    return slots


def _assign_aligned(rows: list[RawLine], header_rows: list[RawLine]) -> tuple[list[list[str]], list[list[RawCell | None]], list[str]]:
    """pdftotext rows → a grid. Value columns come from the rows with the most values."""
    parsed = []
    for r in rows:
        toks = [c for c in r.cells if c.text]
        codes: list[RawCell] = []
        i = 0
        while i < len(toks) and _CODE.match(toks[i].text) and i < 4 and len(toks) > i + 1:
            codes.append(toks[i])
            i += 1
        labels: list[RawCell] = []
        values: list[RawCell] = []
        for c in toks[i:]:
            (values if _is_numberish(c.text) else labels).append(c)
        parsed.append((codes, labels, values))
    maxv = max((len(v) for _, _, v in parsed), default=0)
    # pdftotext spacing drifts down a long table; the rows right under the header share its layout
    anchors = [v for _, _, v in parsed if len(v) == maxv and maxv][:3]
    centers = [sorted((c.x0 + c.x1) / 2 for c in col) for col in zip(*anchors, strict=False)] if anchors else []
    centers = _with_sparse_columns([col[len(col) // 2] for col in centers], [v for _, _, v in parsed], _label_blocks(rows))
    grid_vals: list[list[RawCell | None]] = []
    for _codes, _labels, values in parsed:
        grid_vals.append(_fit_row(values, centers))
    cols = _aligned_header_paths(header_rows, centers, _label_blocks(rows, sided_edge=True)[1:])
    # a row with fewer values than columns still fills its 合计 when the 合计 column comes first
    # (a part with a value and a blank total is not how these tables are made)
    if len(cols) == len(centers) and len(cols) > 2 and _TOTAL.search(cols[0].split(" > ")[-1].replace(" ", "")):
        for i, (_c, _l, values) in enumerate(parsed):
            if 1 < len(values) < len(centers) and grid_vals[i][0] is None:
                grid_vals[i] = _fit_row(values, centers, must=0)
    labels_text = [[c.text for c in codes] + ["\u0000"] + [c.text for c in labels] for codes, labels, _ in parsed]
    return labels_text, grid_vals, cols


def _with_sparse_columns(centers: list[float], rows: list[list[RawCell]], blocks: list[float]) -> list[float]:
    """Add value columns no row fills together with all the others (a three-sided table whose
    middle side has values only on lines where another side has none): values far from every
    known column (much farther than pdftotext's drift), found in two or more rows. Only in
    tables of several label blocks (sides); a one-sided table's drift is never a new column."""
    if not centers or len(blocks) < 2:
        return centers
    spacing = min((b - a for a, b in zip(centers, centers[1:], strict=False)), default=40.0)
    far = max(15.0, 0.4 * spacing)
    orphans = sorted(((c.x0 + c.x1) / 2, i) for i, vals in enumerate(rows) for c in vals if min(abs((c.x0 + c.x1) / 2 - x) for x in centers) > far)
    clusters: list[list[tuple[float, int]]] = []
    for x, i in orphans:
        if clusters and x - clusters[-1][-1][0] <= 10:
            clusters[-1].append((x, i))
        else:
            clusters.append([(x, i)])
    extra = [sorted(x for x, _ in cl)[len(cl) // 2] for cl in clusters if len({i for _, i in cl}) >= 2]
    return sorted(centers + extra)


def _value_header_tokens(header_rows: list[RawLine]) -> list[list[RawCell]]:
    """Header tokens per line without those naming label or code columns (科目名称, 采购组织形式).

    pdftotext may wrap such a name (采购组织形 / 式) and, printing the short tail on a sparse line,
    move it away from its head; a tail of one or two characters that completes a label name with a
    token of a nearby line goes with it.
    """
    vocab = table_headers()

    def split(c: RawCell) -> tuple[RawCell, ...]:
        # two header names printed one space apart (公务用车购置 公务用车运行) are two cells
        if c.alt and all(len(p.text) >= 2 and _WIDE.match(p.text[0]) and _WIDE.match(p.text[-1]) for p in c.alt):
            return c.alt
        return (c,)

    lines = [[p for c in hr.cells if c.text and not _INDEX_ROW.match(c.text) for p in split(c)] for hr in header_rows]
    drop: set[int] = set()
    for i, ln in enumerate(lines):
        for c in ln:
            if vocab.is_label(c.text):
                drop.add(id(c))
        for j in range(i + 1, min(i + 3, len(lines))):
            for a in ln:
                for b in lines[j]:
                    if len(b.text) <= 2 and id(b) not in drop and vocab.is_label(a.text + b.text):
                        drop.update((id(a), id(b)))
    return [[c for c in ln if id(c) not in drop] for ln in lines]


def _ordered_fit(xs: list[float], cx: list[float]) -> tuple[float, tuple[int, ...]]:
    """Columns (in order) for positions xs, and the shift, minimising the total distance.

    With more positions than columns (a header naming columns the data rows leave empty),
    the columns take the best-fitting positions and the rest get -1.
    """
    if not xs or not cx:
        return 0.0, ()
    best: tuple[float, float, tuple[int, ...]] | None = None
    if len(xs) <= len(cx):
        if comb(len(cx), len(xs)) > 5000:
            return 0.0, ()
        for combo in combinations(range(len(cx)), len(xs)):
            diffs = sorted(x - cx[j] for x, j in zip(xs, combo, strict=False))
            sh = diffs[len(diffs) // 2]
            cost = sum(abs(d - sh) for d in diffs) + 0.5 * abs(sh)  # drift is a few columns, not one column
            if best is None or cost < best[0] - 1e-9:
                best = (cost, sh, combo)
    else:
        if comb(len(xs), len(cx)) > 5000:
            return 0.0, ()
        for pick in combinations(range(len(xs)), len(cx)):
            diffs = sorted(xs[i] - cx[j] for j, i in enumerate(pick))
            sh = diffs[len(diffs) // 2]
            # data rows fill columns from the left (合计 first): skipping an early header costs
            cost = sum(abs(d - sh) for d in diffs) + 0.5 * abs(sh) + 3.0 * sum(1 for i in range(pick[-1]) if i not in pick)
            if best is None or cost < best[0] - 1e-9:
                mapping = [-1] * len(xs)
                for j, i in enumerate(pick):
                    mapping[i] = j
                best = (cost, sh, tuple(mapping))
    assert best is not None
    return best[1], best[2]


def _group_wrapped(tokens: list[tuple[int, RawCell]], leaf_i: int, n: int) -> list[tuple[float, str, int]]:
    """(center, text, first line) per header label; a label split over lines becomes one."""
    groups = [[t] for t in sorted(tokens, key=lambda t: (t[1].x0 + t[1].x1) / 2)]

    def span(g: list[tuple[int, RawCell]]) -> tuple[float, float]:
        return min(c.x0 for _, c in g), max(c.x1 for _, c in g)

    while len(groups) > n:
        best = None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                la = {li for li, _ in groups[a]}
                lb = {li for li, _ in groups[b]}
                if la & lb:
                    continue
                (a0, a1), (b0, b1) = span(groups[a]), span(groups[b])
                ov = min(a1, b1) - max(a0, b0)
                if ov <= 0:
                    continue
                on_leaf = (leaf_i in la) + (leaf_i in lb)  # merge around the leaf line last
                key = (on_leaf, -ov / max(1.0, min(a1 - a0, b1 - b0)))
                if best is None or key < best[0]:
                    best = (key, a, b)
        if best is None:
            break
        _, a, b = best
        groups[a] = groups[a] + groups[b]
        del groups[b]
        groups.sort(key=lambda g: (span(g)[0] + span(g)[1]) / 2)
    out = []
    for g in groups:
        x0, x1 = span(g)
        out.append(((x0 + x1) / 2, "".join(c.text for _, c in sorted(g, key=lambda t: (t[0], t[1].x0))), min(li for li, _ in g)))
    return out


def _aligned_header_paths(header_rows: list[RawLine], centers: list[float], boundaries: list[float] | None = None) -> list[str]:
    """Column paths for pdftotext headers.

    pdftotext places text by physical position, so header and body drift by a few columns; a
    header line that names every column of a side fixes the shift. Per header line, a token
    over two or more columns is a parent (本年收入 > …), a token over one column is (part of) that
    column's label — consecutive parts are one label wrapped over lines (事业单位 / 经营收入) —
    and a token beside the columns (over the row-label area) names the side (收入 > 预算数).
    `boundaries`: left edges of the label blocks after the first (the sides of the table).
    """
    n = len(centers)
    if not n:
        return []
    bounds = sorted(boundaries or [])
    by_side: dict[int, list[int]] = {}
    for k in range(n):
        by_side.setdefault(bisect_left(bounds, centers[k] + 1e-9), []).append(k)
    multi_sided = len(by_side) > 1
    lines = _value_header_tokens(header_rows)
    side_names = _side_names(lines, by_side, bounds, centers) if multi_sided else {}
    paths: list[list[str]] = [[] for _ in range(n)]
    for s_i, side in sorted(by_side.items()):
        cx = [centers[k] for k in side]
        gap = min((b - a for a, b in zip(cx, cx[1:], strict=False)), default=24.0)
        lo, hi = (cx[0] - 2.5 * gap, cx[-1] + 1.5 * gap) if multi_sided else (-1e9, 1e9)
        if multi_sided:
            lo = max(lo, 0) if s_i == 0 else max(lo, bounds[s_i - 1] - 2)
            hi = bounds[s_i] if s_i < len(bounds) else hi
        side_lines = [[c for c in ln if lo <= (c.x0 + c.x1) / 2 <= hi] for ln in lines]
        if not any(side_lines):
            for k in side:
                paths[k] = list(side_names.get(s_i, []))
            continue
        # the lowest line naming the most columns holds the leaves; fit the drift on it
        # leaves: the lowest header line naming two or more columns (tall cells such as 合计 sit
        # higher up, beside the parents of the lowest line)
        multi = [i for i, ln in enumerate(side_lines) if len(ln) >= 2]
        leaf_i = multi[-1] if multi else max(range(len(side_lines)), key=lambda i: (len(side_lines[i]), i))
        virtual = _header_leaves(side_lines, leaf_i)
        if len(virtual) > len(cx):
            # the header names more columns than any row fills (公务用车 > 小计 | 购置费 | 运行费 all
            # blank): paths from the header's own columns; each value column takes the header
            # column its position fits, in order
            _, pick = _ordered_fit([v[0] for v in virtual], cx)
            for vi, j in enumerate(pick):
                if j >= 0:
                    paths[side[j]] = [*side_names.get(s_i, []), *virtual[vi][1]]
            continue
        shift, leaf_combo = _ordered_fit([(c.x0 + c.x1) / 2 for c in side_lines[leaf_i]], cx)
        claimed = {j for j in leaf_combo if j >= 0}
        global_parents, parents, rest = _header_roles(side_lines, cx, gap, leaf_i, shift, claimed)
        # the remaining tokens are leaf labels, some wrapped over lines: group overlapping
        # tokens of different lines until there are as many groups as columns, then fit in order
        groups = _group_wrapped(rest, leaf_i, len(cx))
        _, combo = _ordered_fit([g[0] for g in groups], cx)
        # all leaves in order may place the leaf line elsewhere than its own fit did (a header
        # drifting far from its columns): then the parents are read again from that placement
        on_leaf = [(j, g[0]) for j, g in zip(combo, groups, strict=False) if j >= 0 and g[2] == leaf_i]
        if on_leaf and {j for j, _ in on_leaf} != claimed:
            diffs = sorted(x - cx[j] for j, x in on_leaf)
            shift, claimed = diffs[len(diffs) // 2], {j for j, _ in on_leaf}
            global_parents, parents, rest = _header_roles(side_lines, cx, gap, leaf_i, shift, claimed)
            groups = _group_wrapped(rest, leaf_i, len(cx))
        _, combo = _ordered_fit([g[0] for g in groups], cx)
        leaf_text = {j: g[1] for j, g in zip(combo, groups, strict=False) if j >= 0}
        first_line = {j: g[2] for j, g in zip(combo, groups, strict=False) if j >= 0}
        for i, k in enumerate(side):
            independent = first_line.get(i, leaf_i) <= leaf_i - 2  # a tall header cell of its own
            path = [] if independent else [t for _, t in global_parents]
            path[:0] = side_names.get(s_i, [])
            path += [t for _, t in sorted(parents.get(i, []))]
            path = list(dict.fromkeys(path))
            leaf = leaf_text.get(i, "")
            if leaf and (not path or path[-1] != leaf):
                path.append(leaf)
            paths[k] = path
    return [" > ".join(p) or f"列{k + 1}" for k, p in enumerate(paths)]


def _header_leaves(side_lines: list[list[RawCell]], leaf_i: int) -> list[tuple[float, list[str]]]:
    """The header's own columns in order, as (position, path), read from the header alone.

    Pieces of one wrapped name on different lines (机关运行经费预算 / 数) join when they overlap
    by half the narrower piece and the lower piece is not the wider (a wrapped tail never is). A lone name on the top line is the parent of every column except
    a wrapped name starting two or more lines above the leaf line (a tall column of its own).
    Below it, a lone single-line name is a parent (公务用车购置及运行费), as is a name reaching
    over two or more leaf-line names or standing inside their span; the rest are tall leaves
    (合计 | 因公出国(境)费 | 公务接待费) printed above the leaf line or beyond its ends. Empty when the header has lines below its leaf line.
    """
    leaf_line = side_lines[leaf_i]
    if len(leaf_line) < 2 or any(side_lines[leaf_i + 1 :]) or any(len(c.text) < 2 for c in leaf_line):
        return []  # wrapped tails (费 | 维护费) on the lowest line: the header's columns are not clear
    top = next(i for i, ln in enumerate(side_lines) if ln)
    tops = side_lines[top] if top < leaf_i and len(side_lines[top]) == 1 else []
    xs = [(c.x0 + c.x1) / 2 for c in leaf_line]
    margin = 0.5 * min(b - a for a, b in zip(xs, xs[1:], strict=False))
    groups: list[list[tuple[int, RawCell]]] = []
    for li in range(top + (1 if tops else 0), leaf_i):
        for c in side_lines[li]:
            home = None
            for g in groups:
                if g[-1][0] < li and c.x1 - c.x0 <= g[-1][1].x1 - g[-1][1].x0:
                    a0, a1 = min(t.x0 for _, t in g), max(t.x1 for _, t in g)
                    if min(c.x1, a1) - max(c.x0, a0) >= 0.5 * min(c.x1 - c.x0, a1 - a0):
                        home = g
            if home is not None:
                home.append((li, c))
            else:
                groups.append([(li, c)])
    parents: list[tuple[int, str, list[int]]] = []
    out: list[tuple[float, int, list[str]]] = []

    def interior(c: RawCell) -> bool:
        return xs[0] + margin / 2 < (c.x0 + c.x1) / 2 < xs[-1] - margin / 2

    for g in groups:
        li, c = g[0]
        reach = [k for k, x in enumerate(xs) if c.x0 - margin <= x <= c.x1 + margin]
        if len(g) == 1 and interior(c) and len(side_lines[li]) > 1:
            # over the leaf line's span beside other names (合计 | 基本支出 | 项目支出): the parent
            # of the leaf-line names nearer to it than to any other such name of its line
            rivals = [t for t in side_lines[li] if interior(t)]
            reach = [k for k, x in enumerate(xs) if min(rivals, key=lambda t: abs((t.x0 + t.x1) / 2 - x)) is c]
        if len(g) == 1 and (len(side_lines[li]) == 1 or len(reach) >= 2 or interior(c)):
            parents.append((li, c.text, reach))
            continue
        own = li <= leaf_i - 2 and len(g) > 1
        x = sum((t.x0 + t.x1) / 2 for _, t in g) / len(g)
        out.append((x, li, ([] if own else [t.text for t in tops]) + ["".join(t.text for _, t in g)]))
    for k, c in enumerate(leaf_line):
        out.append((xs[k], leaf_i, [t.text for t in tops] + [p for _, p, r in sorted(parents) if k in r] + [c.text]))
    out.sort(key=lambda o: (o[0], o[1]))
    return [(x, path) for x, _, path in out]


def _header_roles(
    side_lines: list[list[RawCell]], cx: list[float], gap: float, leaf_i: int, shift: float, claimed: set[int]
) -> tuple[list[tuple[int, str]], dict[int, list[tuple[int, str]]], list[tuple[int, RawCell]]]:
    """Header tokens above the leaf line as (parents of the whole side, parents of runs of
    columns, leaf-label tokens), given the drift `shift` and the columns the leaf line names."""
    margin = max(2.0, 0.35 * gap)
    global_parents: list[tuple[int, str]] = []
    parents: dict[int, list[tuple[int, str]]] = {}
    runs: dict[tuple[int, ...], list[tuple[int, str]]] = {}
    rest: list[tuple[int, RawCell]] = []
    top = next(i for i, ln in enumerate(side_lines) if ln)
    for li, ln in enumerate(side_lines):
        for c in ln:
            x0, x1 = c.x0 - shift, c.x1 - shift
            mid = (x0 + x1) / 2
            value_area = [t for t in ln if (t.x0 + t.x1) / 2 - shift >= cx[0] - 0.6 * gap]
            alone = (li == top and value_area == [c]) or (len(cx) == 1 and ln == [c])  # one column: any lone upper token
            if li < leaf_i and alone and cx[0] - gap <= mid <= cx[-1] + 0.5 * gap:
                global_parents.append((li, c.text))  # 收入预算 over every column of its side
                continue
            covered = [i for i, x in enumerate(cx) if x0 - margin <= x <= x1 + margin]
            order = sorted(range(len(cx)), key=lambda i: abs(cx[i] - mid))
            if li < leaf_i:
                free_near = [i for i in order if i not in claimed and abs(cx[i] - mid) <= gap]
                if not free_near and order[0] in claimed:
                    # centred over leaf columns it does not name itself (基本支出 over
                    # 小计 | 人员经费 | 公用经费): the parent of that run of leaf columns
                    lo_i = hi_i = order[0]
                    while lo_i - 1 in claimed:
                        lo_i -= 1
                    while hi_i + 1 in claimed:
                        hi_i += 1
                    if hi_i > lo_i and cx[lo_i] - 0.5 * gap <= mid <= cx[hi_i] + 0.5 * gap:
                        covered = sorted(set(covered) | set(range(lo_i, hi_i + 1)))
            if li < leaf_i and order[0] not in claimed and (len([i for i in covered if i not in claimed]) < 2 or abs(cx[order[0]] - mid) <= 0.3 * gap):
                # a tall leaf printed above the leaf line (因公出国(境)费 beside 公用车 > 小计):
                # centred on one free column, or wide enough to reach a claimed neighbour
                covered = []
            if li < leaf_i and len(covered) >= 2:
                runs.setdefault(tuple(covered), []).append((li, c.text))
                continue
            rest.append((li, c))
    for run, toks in runs.items():
        # a header cell with one child is not how tables are drawn: of two lone parents over the
        # same run (预算数 over 基本支出 over 人员经费 | 公用经费), the upper one spans the side
        toks.sort()
        while len(toks) > 1 and len(side_lines[toks[0][0]]) == 1:
            global_parents.append(toks.pop(0))
        for i in run:
            parents.setdefault(i, []).extend(toks)
    global_parents.sort()
    return global_parents, parents, rest


def _side_names(lines: list[list[RawCell]], by_side: dict[int, list[int]], bounds: list[float], centers: list[float]) -> dict[int, list[str]]:
    """Side names on the top header line when it names fewer sides than the table has
    (收入 | 支出 over 功能分类 and 支出用途): each side takes the name nearest to it. Sides sharing
    a name take the tokens of the next line in order when that line has one per side, since
    pdftotext may print a sparse line far from where its cells are. Consumed tokens are removed
    from `lines`."""
    tops = [i for i, ln in enumerate(lines) if ln]
    if not tops:
        return {}
    top = lines[tops[0]]
    if not 2 <= len(top) < len(by_side):
        return {}
    out: dict[int, list[str]] = {}
    owner: dict[int, int] = {}
    for s_i, side in by_side.items():
        left = bounds[s_i - 1] if s_i > 0 else 0.0
        mid = (left + centers[side[-1]]) / 2
        k = min(range(len(top)), key=lambda j: abs((top[j].x0 + top[j].x1) / 2 - mid))
        out[s_i] = [top[k].text]
        owner[s_i] = k
    lines[tops[0]] = []
    if len(tops) > 1:
        nxt = lines[tops[1]]
        for k in set(owner.values()):
            group = sorted(s_i for s_i, o in owner.items() if o == k)
            if len(group) < 2:
                continue
            left = (bounds[group[0] - 1] if group[0] > 0 else 0.0) - 2
            right = bounds[group[-1]] if group[-1] < len(bounds) else 1e9
            toks = [c for c in nxt if left <= (c.x0 + c.x1) / 2 < right]
            if len(toks) == len(group):
                for s_i, c in zip(group, toks, strict=False):
                    out[s_i].append(c.text)
                lines[tops[1]] = [c for c in nxt if c not in toks]
    return out


def build_table(seg: _Segment, layout: str, table_id: str, doc_id: str) -> Table:
    t = Table(table_id=table_id, title=seg.title, unit=seg.unit, layout=layout)
    rows = seg.lines
    t.note = "；".join(seg.notes) or None
    perf_head = next((i for i, r in enumerate(rows) if "指标" in r.text and _is_performance([[c.text for c in r.cells]])), None)
    if perf_head is not None:
        # 绩效目标表: the 一级/二级/三级指标 row is the header, whatever comes before it
        t.header = [[c.text for c in r.cells] for r in rows[: perf_head + 1]]
        t.rows = rows[perf_head + 1 :]
        if rows:
            t.span = (min(c.start for r in rows for c in r.cells), max(c.end for r in rows for c in r.cells))
        _performance(t, rows[: perf_head + 1], rows[perf_head + 1 :], doc_id, project=_form_project(rows[:perf_head]))
        _form_cells(t, rows[:perf_head], doc_id)
        _performance_amounts(t, rows[perf_head], rows[perf_head + 1 :], doc_id)
        return t
    first_data = next((i for i, r in enumerate(rows) if _is_data_row(r, layout)), None)
    header_rows = rows[: first_data if first_data is not None else len(rows)]
    data_rows = rows[first_data:] if first_data is not None else []
    # a header repeated after a page break inside the table: drop it
    header_texts = {r.text for r in header_rows}
    data_rows = [r for r in data_rows if r.text not in header_texts]
    t.rows = data_rows
    t.header = [[c.text for c in r.cells] for r in header_rows]
    if rows:
        t.span = (min(c.start for r in rows for c in r.cells), max(c.end for r in rows for c in r.cells))
    if layout != "aligned" and _is_form(rows):
        t.rows = rows
        _form_cells(t, rows, doc_id)
        return t
    if layout == "aligned":
        data_rows = _join_wrapped_labels(_split_run_together([r for r in data_rows if not _is_page_number(r)]))
        t.rows = data_rows
        _cells_aligned(t, header_rows, data_rows, doc_id)
    else:
        _cells_grid(t, header_rows, data_rows, doc_id)
    return t


_NOT_A_VALUE = re.compile(r"电话|手机|传真|邮编|编码|代码|日期|时间|账号|序号")


def _performance_amounts(t: Table, head: RawLine, rows: list[RawLine], doc_id: str) -> None:
    """Money columns of a target table (单位名称 | 项目名称 | 预算数 | 一级指标 …): each number is a
    cell labelled by the nearest name left of it (the project, or the unit on its total row)."""
    amounts = table_headers().amount_headers
    cols = [j for j, c in enumerate(head.cells) if re.sub(r"[（(].*$", "", c.text) in amounts]
    for r in rows:
        for j in cols:
            if j >= len(r.cells) or not r.cells[j].text:
                continue
            v = parse_number(r.cells[j].text)
            label_raw = next((c.text for c in reversed(r.cells[:j]) if c.text and not _is_numberish(c.text)), "")
            if v is None or not label_raw:
                continue
            label, code = _clean_label(label_raw)
            t.cells.append(_record(t, doc_id, label, label_raw, code, head.cells[j].text, v, r.cells[j]))


def _form_project(rows: list[RawLine]) -> str | None:
    """项目名称： | 居民医疗保险经费项目 in the form part of a per-project target table."""
    for r in rows:
        for prev, cur in zip(r.cells, r.cells[1:], strict=False):
            if re.match(r"^项目名称[:：]?$", prev.text) and cur.text:
                return cur.text
    return None


_MONEY_VALUE = re.compile(r"^(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?:万元|元|千元|亿元)$")


def _form_value(c: RawCell) -> RawCell | None:
    """A form's value cell: a number, or a sum with its money unit (788 万元) cut to the number."""
    if _is_numberish(c.text):
        return c
    m = _MONEY_VALUE.match(c.text)
    if not m:
        return None
    return RawCell(m.group("num"), c.start, c.start + len(m.group("num")), c.x0, c.x1)


def _is_form(rows: list[RawLine]) -> bool:
    """Key–value forms outside target tables (项目资金 | 资金总额: | 788 万元 | 当年资金总额: | 788 万元):
    sums written with their unit, or keys ending in a colon before a number, on two or more rows."""
    hits = 0
    head = [c.text for c in rows[0].cells] if rows else []
    for r in rows:
        pairs = list(zip(r.cells, r.cells[1:], strict=False))
        vals = [j for j, c in enumerate(r.cells) if _MONEY_VALUE.match(c.text) or _is_numberish(c.text)]
        if vals and all(j < len(head) and head[j] and not _is_numberish(head[j]) for j in vals):
            return False  # values under the names of a header row: a grid that prints units
        if any(_MONEY_VALUE.match(c.text) for c in r.cells) or any(re.search(r"[:：]$", a.text) and _is_numberish(b.text) for a, b in pairs):
            hits += 1
    return hits >= 2


def _form_cells(t: Table, rows: list[RawLine], doc_id: str) -> None:
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
            sub = Table(t.table_id, t.title, t.unit, t.layout)
            _cells_grid(sub, head, body, doc_id)
            t.cells.extend(sub.cells)
            skip.update(range(i, i + len(head) + len(body)))
            continue
        if i + 1 < len(rows) and _form_caption_row(r, rows[i + 1], t, doc_id):
            skip.add(i + 1)
            continue
        texts = [c for c in r.cells if c.text]
        if len(texts) == 1 and not _is_numberish(texts[0].text):
            section = texts[0].text
            continue
        cells = r.cells
        if len(cells) >= 3 and cells[0].text and not _is_numberish(cells[0].text) and cells[1].text and not _is_numberish(cells[1].text) and _form_value(cells[2]):
            section = cells[0].text  # 项目资金(万元) | 年度资金总额 | 20: a merged cell naming the rows beside it
        for prev, cur in zip(r.cells, r.cells[1:], strict=False):
            val = _form_value(cur) if cur.text and prev.text and not _form_value(prev) and not _NOT_A_VALUE.search(prev.text) else None
            v = parse_number(val.text) if val else None
            if v is None or val is None:
                continue
            label, code = _clean_label(prev.text.rstrip(":："))
            t.cells.append(_record(t, doc_id, label, prev.text, code, section or "值", v, val))


def _form_caption_row(names_row: RawLine, values_row: RawLine, t: Table, doc_id: str) -> bool:
    """年度部门整体支出预算 | 资金总额 | 财政拨款 | 其他资金 over one line of exactly three numbers
    and no text: the first name labels the row, the others name the numbers' columns in order
    (wherever an export put the numbers)."""
    names = [c for c in names_row.cells if c.text]
    vals = [c for c in values_row.cells if c.text]
    if len(names) < 3 or any(_is_numberish(c.text) for c in names) or len(vals) != len(names) - 1:
        return False
    numbers = [parse_number(c.text) for c in vals]
    if any(v is None for v in numbers):
        return False
    label, code = _clean_label(names[0].text)
    for head, cell, v in zip(names[1:], vals, numbers, strict=False):
        if v is not None:
            t.cells.append(_record(t, doc_id, label, names[0].text, code, head.text, v, cell))
    return True


def _form_grid(rows: list[RawLine], i: int) -> tuple[list[RawLine], list[RawLine]] | None:
    """A grid inside a form starting at row i: one or two rows of three or more names and no number
    (总体资金情况 | 当年预算收支 | 占比 | 近两年收支情况 / 2020 年 | 2021 年), then rows with two or
    more numbers each."""
    def names(r: RawLine) -> int:
        return sum(1 for c in r.cells if c.text and not _is_numberish(c.text))

    def nums(r: RawLine) -> int:
        return sum(1 for c in r.cells if c.text and _is_numberish(c.text))

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


def _is_performance(header: list[list[str]]) -> bool:
    flat = {_compact(x) for r in header for x in r}
    flat |= {re.sub(r"[（(].*$", "", x) for x in flat}
    return ("一级指标" in flat and "二级指标" in flat) or ("三级指标" in flat and ("指标值" in flat or "目标值" in flat))


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
        nums = [v for v in vals if _is_numberish(v)]
        if len(nums) < len(vals) * 0.5:
            kinds.append("label")
        elif all(_CODE.match(v) for v in nums):
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
        coded = [j for j in before if _mostly_coded([r.cells[j].text for r in data_rows if j < len(r.cells) and r.cells[j].text])]
        if coded and primary not in coded:
            primary = coded[-1]
    else:
        primary = label_cols[0] if label_cols else -1
    code_cols = [j for j, k in enumerate(kinds) if k == "int" and j < max(primary, 0)]
    value_cols = [j for j, k in enumerate(kinds) if k == "value" or (k == "int" and j > primary)]
    label_cols = [primary] + [j for j in label_cols if j != primary] if primary >= 0 else []
    return code_cols, label_cols, value_cols


def _mostly_coded(texts: list[str]) -> bool:
    """Most of a column's labels start with a classification code ([30227]委托业务费, 2101502 行政运行)."""
    return len(texts) >= 2 and sum(1 for x in texts if _EMBEDDED_CODE.match(x)) >= 0.5 * len(texts)


def _cells_grid(t: Table, header_rows: list[RawLine], data_rows: list[RawLine], doc_id: str) -> None:
    data_rows = _unshift_rows(data_rows)
    ncols = max([len(r.cells) for r in header_rows + data_rows] + [0])
    header = [[c.text for c in r.cells] for r in header_rows if not all(_INDEX_ROW.match(c.text) or not c.text for c in r.cells)]
    paths = _header_paths(header, ncols)
    code_cols, label_cols, value_cols = _value_columns(data_rows, ncols)
    # a column headed 类/款/项/科目编码 holding integers is a code column wherever it stands
    for j in list(value_cols):
        head = _compact(paths[j].split(" > ")[-1]) if paths[j] else ""
        if head in table_headers().code_headers and all(_CODE.match(r.cells[j].text) for r in data_rows if j < len(r.cells) and r.cells[j].text):
            value_cols.remove(j)
            code_cols.append(j)
    # a column headed 单位代码/部门编码 holds unit codes, unless it extends a 类/款 code (301|01|30101)
    has_class = any(_compact(paths[j].split(" > ")[-1]) in table_headers().code_headers for j in code_cols if paths[j])
    code_cols = [j for j in code_cols if not (re.search(r"单位|部门|项目编码|项目代码", paths[j] or "") and not has_class)]
    code_cols.sort()
    sides = _sides(label_cols, value_cols, code_cols)
    padded = [r.cells + [RawCell("", 0, 0)] * (ncols - len(r.cells)) for r in data_rows]
    for _, _, side_values in sides:  # a total and its parts stand on one side
        named, groups = _unprinted_level([paths[j] for j in side_values], [[r[j] if r[j].text else None for j in side_values] for r in padded], t.title)
        for j, name in zip(side_values, named, strict=True):
            paths[j] = name
        for i, run in groups:
            cols = [side_values[k] for k in run]
            if cols == list(range(cols[0], cols[-1] + 1)):
                for cells in padded:
                    _parts_one_cell_late(cells, side_values[i], cols)
    t.columns = [paths[j] or f"列{j + 1}" for j in value_cols]
    parent = ""
    for cells in padded:
        for label_j, side_codes, side_values in sides:
            label_raw = cells[label_j].text if label_j is not None else ""
            if not label_raw:
                # the label may sit in another column of the row (合 计 under 科目编码)
                first_v = min(side_values) if side_values else len(cells)
                label_raw = next((c.text for c in cells[:first_v] if c.text and not _is_numberish(c.text)), "")
            label, emb = _clean_label(label_raw)
            code = _code_of([cells[j].text for j in side_codes]) or emb
            code, parent = _with_parent(code, parent)
            for j in side_values:
                v = parse_number(cells[j].text) if cells[j].text not in _EMPTY_VALUE else None
                if v is None:
                    continue
                t.cells.append(_record(t, doc_id, label, label_raw, code, paths[j] or f"列{j + 1}", v, cells[j]))


def _unshift_rows(rows: list[RawLine]) -> list[RawLine]:
    """Rows an export printed d cells left or right of their columns (项目支出 | | 818 | 87.97% …
    while the other rows have their numbers in columns 4-7): a row whose numbers fill the most
    common set of number columns moved by d, one of them landing in a column other rows use for
    labels, moves back by d (when no text falls off the row)."""
    def numpos(r: RawLine) -> tuple[int, ...]:
        return tuple(j for j, c in enumerate(r.cells) if c.text and _is_numberish(c.text))

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
    text_cols = {j for r in rows for j, c in enumerate(r.cells) if c.text and not _is_numberish(c.text)}
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


def _label_blocks(rows: list[RawLine], *, sided_edge: bool = False) -> list[float]:
    """Left edges of the label blocks of an aligned table: runs of text columns that value
    columns separate (one block per side of a two- or three-sided table).

    The first block counts when enough rows put text in it; a later one needs rows that print its
    text right of a value of their own (一、财政拨款 18,330.37 一、基本支出 9,312.90): pdftotext
    cannot move a cell across a number of the same line, while across lines (another page) the
    spacing drifts, and text of a first block may stand right of another row's values.
    `sided_edge`: a later block's edge is its leftmost text that follows a value of its own line
    (where the previous side surely ends), not its leftmost text (which may have drifted left).
    """
    events: list[tuple[float, str]] = []
    for r in rows:
        for c in r.cells:
            if not c.text or _CODE.match(c.text):
                continue
            events.append((c.x0, "num" if _is_numberish(c.text) else "text"))
    if not events:
        return []
    events.sort()
    # a block starts at a text position that some value lies left of (or at the first text)
    clusters: list[list[float]] = []
    seen_num = True
    cluster_end = -1e9
    for x, kind in events:
        if kind == "num":
            seen_num = True
            continue
        if seen_num and x > cluster_end + 2:
            clusters.append([x, x])
            seen_num = False
        cluster_end = max(cluster_end, x)
        clusters[-1][1] = cluster_end
    keep: list[float] = []
    for st, end in clusters:
        support = sided = 0
        edge = end
        for r in rows:
            inside = [c for c in r.cells if c.text and not _is_numberish(c.text) and st - 4 <= c.x0 <= end + 1]
            if not inside:
                continue
            support += 1
            if any(c.text and _is_numberish(c.text) and not _CODE.match(c.text) and c.x1 <= inside[0].x0 for c in r.cells):
                sided += 1
                edge = min(edge, inside[0].x0)
        if sided >= 2 or (sided and support >= max(2, len(rows) // 5)) or not keep and support >= max(2, len(rows) // 5):
            keep.append(edge if sided_edge and keep else st)
    return keep or [c[0] for c in clusters[:1]]


def _block_of(x: float, blocks: list[float]) -> int | None:
    """Index of the label block a position falls in (the last block starting at or before it)."""
    idx = None
    for i, st in enumerate(blocks):
        if x + 3 >= st:
            idx = i
    return idx


def _is_page_number(r: RawLine) -> bool:
    """A line holding one bare integer of up to three digits (a page number at a page break)."""
    texts = [c.text for c in r.cells if c.text]
    return len(texts) == 1 and bool(re.fullmatch(r"\d{1,3}", texts[0]))


def _is_fragment_line(r: RawLine) -> bool:
    """A line of text only (no value, no code): a wrapped piece of a label, or a row without values."""
    texts = [c for c in r.cells if c.text]
    return bool(texts) and not any(_is_numberish(c.text) for c in texts)


def _joined(parts: list[RawCell]) -> RawCell:
    return RawCell("".join(p.text for p in parts), parts[0].start, parts[-1].end, min(p.x0 for p in parts), max(p.x1 for p in parts))


def _join_wrapped_labels(rows: list[RawLine]) -> list[RawLine]:
    """Labels pdftotext wraps over lines become one cell of their value row.

    A wrapped cell is printed centred on its row: its first part on the line above the values,
    its last part on the line below, both starting at the same position (便携式计算机（20万以 /
    value line / 下）); a middle part at that position on the value line belongs to it too. A label
    that fills its column may also just go on under itself on the next line (…相关机构事 / 务支出).
    Only directly adjacent lines are joined, and never a line that starts with item numbering.
    """
    n = len(rows)
    used: set[int] = set()
    extra: dict[int, list[tuple[int, RawCell]]] = {}  # value row → (replaced cell index or -1, joined cell)

    def adjacent(i: int, j: int) -> bool:
        return 0 <= j < n and abs(rows[j].line_no - rows[i].line_no) == 1 and j not in used

    def numbered(c: RawCell) -> bool:
        return bool(_LABEL_NUMBERING.match(c.text)) or bool(_TOTAL.search(c.text))

    for i, r in enumerate(rows):
        if _is_fragment_line(r) or not adjacent(i, i - 1) or not adjacent(i, i + 1):
            continue
        up, down = rows[i - 1], rows[i + 1]
        if not (_is_fragment_line(up) and _is_fragment_line(down)):
            continue
        ups = [c for c in up.cells if c.text]
        downs = [c for c in down.cells if c.text]
        if len(ups) != len(downs) or any(abs(a.x0 - b.x0) > 3 or numbered(b) for a, b in zip(ups, downs, strict=False)):
            continue
        for a, b in zip(ups, downs, strict=False):
            mid = next((k for k, c in enumerate(r.cells) if c.text and not _is_numberish(c.text) and abs(c.x0 - a.x0) <= 3), -1)
            parts = [a, r.cells[mid], b] if mid >= 0 else [a, b]
            extra.setdefault(i, []).append((mid, _joined(parts)))
        used.update((i - 1, i + 1))
    # a value line with no text at all: pdftotext put its label on the line just above
    for i, r in enumerate(rows):
        if i in extra or i in used or not adjacent(i, i - 1) or any(c.text and not _is_numberish(c.text) for c in r.cells):
            continue
        up = rows[i - 1]
        if _is_fragment_line(up):
            extra[i] = [(-1, c) for c in up.cells if c.text]
            used.add(i - 1)
    # a label filling its column goes on under itself
    widest: dict[int, float] = {}
    for r in rows:
        for c in r.cells:
            if c.text and not _is_numberish(c.text):
                key = round(c.x0 / 3)
                widest[key] = max(widest.get(key, 0.0), c.x1)
    for i, r in enumerate(rows):
        if _is_fragment_line(r) or i in extra or not adjacent(i, i + 1) or i + 1 in used:
            continue
        down = [c for c in rows[i + 1].cells if c.text]
        if len(down) != 1 or not _is_fragment_line(rows[i + 1]) or numbered(down[0]):
            continue
        k, head = next(((k, c) for k, c in enumerate(r.cells) if c.text and not _is_numberish(c.text) and abs(c.x0 - down[0].x0) <= 2), (-1, None))
        if head is None or head.x1 < widest.get(round(head.x0 / 3), 0.0) - 2 or len(down[0].text) >= len(head.text):
            continue
        extra[i] = [(k, _joined([head, down[0]]))]
        used.add(i + 1)
    out: list[RawLine] = []
    for i, r in enumerate(rows):
        if i in used:
            continue
        if i in extra:
            cells = list(r.cells)
            for k, c in extra[i]:
                if k >= 0:
                    cells[k] = c
                else:
                    cells.append(c)
            cells.sort(key=lambda c: c.x0)
            r = RawLine(cells, r.line_no, r.text)
        out.append(r)
    return out


def _cells_aligned(t: Table, header_rows: list[RawLine], data_rows: list[RawLine], doc_id: str) -> None:
    labels, grid, cols = _assign_aligned(data_rows, header_rows)
    named, _ = _unprinted_level(["" if re.fullmatch(r"列\d+", c) else c for c in cols], grid, t.title)
    cols = [n or c for n, c in zip(named, cols, strict=True)]
    t.columns = cols
    parent = ""
    label_blocks = _label_blocks(data_rows)
    # a value belongs to the side whose edge (a text printed after a value on its own line) is
    # left of it: a drifted label further left does not pull the previous side's values over
    value_blocks = _label_blocks(data_rows, sided_edge=True)

    def first_block(r: RawLine) -> list[str]:
        return [c.text for c in r.cells if c.text and not _is_numberish(c.text) and not _CODE.match(c.text) and _block_of(c.x0, label_blocks) in (None, 0)]

    # hierarchical label columns (一般公共预算资金 | 公共财政拨款（补助）资金, 专项名称 | 经济科目,
    # 采购物品名称 | 采购组织形式): a row is named by its deepest name, not by an attribute — a
    # known attribute value (政府集中采购) or one that ends most such rows (分散自行组织)
    multi = [ts for ts in map(first_block, data_rows) if len(ts) >= 2]
    ends = Counter(ts[-1] for ts in multi)
    attributes = {x for x, n in ends.items() if n >= max(3, 0.4 * len(multi))} | table_headers().attribute_values
    prev_name = ""
    for r, lab, slots in zip(data_rows, labels, grid, strict=False):
        sep = lab.index("\u0000")
        codes, texts = lab[:sep], lab[sep + 1 :]
        mine = first_block(r)
        names = [x for x in mine if x not in attributes]
        if mine and not names and prev_name:
            label_raw = prev_name  # 部门集中采购 alone: the same item as the row above, bought another way
        else:
            label_raw = names[-1] if names else (mine[0] if mine else (texts[0] if texts else ""))
        prev_name = label_raw
        label, emb = _clean_label(label_raw)
        code = _code_of(codes) or emb
        code, parent = _with_parent(code, parent)
        # each value takes the label of the label block left of it: label columns separated by
        # value columns are the sides of a two-sided table (收入 | 功能分类 | 支出用途); within a
        # block the first cell is the item (台式计算机 | 分散自行组织 | 12.00)
        row_blocks: dict[int, str] = {}
        for c in r.cells:
            if c.text and not _is_numberish(c.text) and not (_CODE.match(c.text)):
                blk = _block_of(c.x0, label_blocks)
                if blk is not None and blk not in row_blocks:
                    row_blocks[blk] = c.text
        for k, cell in enumerate(slots):
            if cell is None:
                continue
            v = parse_number(cell.text)
            if v is None:
                continue
            row_label, row_raw, row_code = label, label_raw, code
            vb = _block_of(cell.x0, value_blocks)
            if len(label_blocks) > 1 and vb is not None and vb > 0:
                # a side's total may print its label in the block before it (当年支出小计 under
                # 功能分类, its value under 支出用途): the nearest block to the left that has text
                row_raw = next((row_blocks[b] for b in range(vb, 0, -1) if b in row_blocks), "")
                row_label, _ = _clean_label(row_raw)
                row_code = None
            t.cells.append(_record(t, doc_id, row_label, row_raw, row_code, cols[k], v, cell))


# ---------------------------------------------------------------- performance targets


_OPS = {"=", "≥", "≤", ">", "<", "≠", ">=", "<=", "定性", "≧", "≦"}
_OPS_CANON = {"=", "≥", "≤", ">", "<", "≠", "定性"}
_HEADER_NAMES = {"三级指标", "指标名称", "指标内容", "指标值", "目标值", "二级指标", "一级指标"}
_LEVEL1 = {"产出指标", "效益指标", "满意度指标", "成本指标"}


def parse_target(text: str) -> tuple[str | None, float | None, str | None]:
    """≥90% → (≥, 90, %); =4台 → (=, 4, 台); 有所提高 → (定性, None, None)."""
    s = _compact(text).replace("％", "%")
    m = _CMP.match(s)
    if not m:
        return ("定性", None, None) if s else (None, None, None)
    cmp_ = m.group("cmp")
    unit = m.group("unit") or None
    if unit and re.match(r"^(?:月|日|年|季度)(?:底|末|初|前|内|以前|完成)", unit) and not cmp_:
        return "定性", None, None  # 12月底前: a deadline, not a quantity
    cmp_ = _CMP_CANON.get(cmp_, cmp_) if cmp_ else "="
    return cmp_, float(m.group("num")), unit


def _performance(t: Table, header_rows: list[RawLine], data_rows: list[RawLine], doc_id: str, *, project: str | None = None) -> None:
    head = [_compact(c.text) for r in header_rows for c in r.cells]
    last = header_rows[-1].cells if header_rows else []
    names = [re.sub(r"[（(].*$", "", _compact(c.text)) for c in last]

    def col(*keys: str) -> int | None:
        # the last match: with 长期 and 年度 columns side by side, the year's target is the later one
        for k in keys:
            if k in names:
                return len(names) - 1 - names[::-1].index(k)
        return None

    c1 = names.index("一级指标") if "一级指标" in names else None
    c2 = col("二级指标")
    c3 = col("三级指标", "指标名称", "指标内容")
    cv = col("指标值", "目标值", "指标值(包含数字及文字描述)", "预期当年实现值", "绩效指标值")
    cop = col("指标性质")
    cu = col("度量单位", "计量单位")
    cp = col("项目名称")
    if c3 is None or cv is None:
        return
    l1 = l2 = ""
    for r in data_rows:
        cells = [c.text for c in r.cells]

        def at(j: int | None, cells: list[str] = cells) -> str:
            return cells[j] if j is not None and j < len(cells) else ""

        if cp is not None:
            # 项目名称 is the last text before the row's 预算数 (rows are sometimes shifted left)
            first_num = next((j for j, x in enumerate(cells) if x and _is_numberish(x)), None)
            if first_num is not None and first_num <= cp + 4:
                names_before = [x for x in cells[:first_num] if x and not re.match(r"^\d+-", x) and x not in _LEVEL1]
                if names_before:
                    project = names_before[-1]
        src_j = cv
        anchor = next((j for j, x in enumerate(cells) if _compact(x) in _OPS), None) if cop is not None else None
        if anchor is not None and anchor >= 1:
            # exports often shift a row by a few cells: read it around its 指标性质 cell
            before = [x for x in cells[:anchor] if x]
            name = before[-1] if before else ""
            l2 = before[-2] if len(before) >= 2 else l2
            l1 = before[-3] if len(before) >= 3 and before[-3] in _LEVEL1 else (before[-3] if len(before) == 3 else l1)
            target = at(anchor + 1)
            src_j = anchor + 1
            op = _compact(cells[anchor])
            unit_text = at(anchor + 2)
            cmp_, val, unit = parse_target(target)
            cmp_ = "定性" if op == "定性" else _CMP_CANON.get(op, op)
            unit = unit_text or unit
            if not target:
                continue
        else:
            l1 = at(c1) or l1
            l2 = at(c2) or l2
            name = at(c3)
            target = at(cv)
            if not name or not target:
                continue
            cmp_, val, unit = parse_target(target)
            if cop is not None and at(cop):
                op = _compact(at(cop))
                cmp_ = "定性" if op == "定性" else _CMP_CANON.get(op, op)
            if cu is not None and at(cu):
                unit = at(cu)
        if cmp_ not in _OPS_CANON or _compact(name) in _HEADER_NAMES or re.match(r"^\d{4}年$", _compact(target)):
            continue  # a repeated header row, or the 2020年/2021年 labels of history columns
        src = r.cells[src_j]
        t.indicators.append(
            Indicator(
                doc_id=doc_id,
                table_id=t.table_id,
                project=project,
                level1=l1,
                level2=l2,
                indicator=name,
                comparator=cmp_,
                value=val,
                unit=unit,
                text=target,
                span=(src.start, src.end),
            )
        )
    t.columns = [h for h in names if h]
    del head


# ---------------------------------------------------------------- entry point


def parse_tables(blocks: list[Block], *, doc_id: str) -> list[Table]:
    """Every table in the document's table regions, in order."""
    tables: list[Table] = []
    for bi, block in enumerate(blocks):
        if block.kind != "table":
            continue
        layout = _layout_of(block.lines)
        items = _lines_of(block, layout)
        segs = _segments(block, items, None)
        # 空表说明 printed just after a table (or, naming its topic, just before it) explains it
        nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
        prv = blocks[bi - 1] if bi > 0 else None
        if segs and prv is not None and prv.kind == "paragraph" and _EMPTY_NOTE.search(prv.text.text[:80]):
            if _note_topic(prv.text.text, segs[0].title):
                segs[0].notes.append(prv.text.text[:120])
        if segs and nxt is not None and nxt.kind == "paragraph" and _EMPTY_NOTE.search(nxt.text.text[:80]):
            note = re.sub(r"^(?:合计|总计)(?=注)", "", nxt.text.text[:120])
            if _note_topic(note, segs[-1].title) or not any(k in note for k in table_headers().note_topics):
                segs[-1].notes.append(note)
        for seg in segs:
            t = build_table(seg, layout, f"t{len(tables) + 1}", doc_id)
            tables.append(t)
    return tables
