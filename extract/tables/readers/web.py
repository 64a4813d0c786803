"""Web tables a page gave flattened: the `<td>`s of an HTML table printed one after another.

Copies of web pages print a table in one of three shapes, all with the row and span structure
lost:

- one cell per line, each ended by ` |` (项目 | / 预算数 | / 决算数 | / 合计 | / 18 | / 6.28 | …);
- one cell per line with the pipes on lines of their own (项目 / | / 预算数 / | …);
- one row per line, cells between pipes with no leading pipe (合 计 | 1.8 | 1.52 |), where a
  merged header cell prints once and the rows under it start one cell early.

Everything is first read into one stream of cells (a pipe ends a cell; a line without a pipe is
the first part of the next cell, unless it is a title, unit or note line). The row width is then
found from the data: the first number opens the first data row (with the row label before it),
and the width whose columns hold either labels or numbers, never both, is the table's. Headers
whose merged cells were flattened are laid back over the value columns (`respan`), column
numbering rows (栏次 1 2 3) are dropped, and a table whose rows are figures (2015年度预算数,
2015年度决算数) and whose columns are items is turned so items are rows. A row of values named by
the header alone (合计 | 出国 | 接待 | 公务用车购置及运行费 over 小计 | 运行费 | 购置费, then 11.1 | 0 |
… | and a lone | for an empty cell) is read only when the header's leaves number its cells,
empty ones included; values printed with the table's unit (44万元 under 单位：万元) are read as
their numbers. What follows is shared with the other layouts (`grid_cells`).
"""

from __future__ import annotations

import re

from ...layout import GLUED_CELLS, Block, heading_level
from ...normalize import MappedText
from ...records import RawCell, RawLine
from ...resources import figure_types, table_headers
from ..cells import EMPTY_VALUES, TOTAL, is_numberish, make_cell, simple, unit_value

# the widest row a flattened table is read with (三公 tables: 2-9 columns; 收支总表: 4-8)
MAX_COLUMNS = 24
# a region is read as one row per line when at least this share of its lines with text hold two
# or more cells (set by hand, not fitted: the wide corpus's pages are far from it either way —
# row-per-line pages 6 of 7 lines and more, one-cell-per-line pages 0-3 %)
ROW_LINE_SHARE = 0.5
# a line without a pipe longer than this (characters, spaces removed) is no cell but a title or
# note (set by hand: the longest 三公/收支 row label of the wide corpus has 26 with its pinyin)
MAX_CELL_CHARS = 30

_UNIT = re.compile(r"(?:金额单位|单位)\s*[:：]\s*(?P<unit>万元|元|千元|亿元|百万元)")
# a title between a page's tables (…决算情况表, …经费使用情况); 增减情况 / 比上年增减情况 are column heads
_TITLE = re.compile(r"表\s*(?:[（(][^（()）]{1,20}[）)])?$|(?:预算|决算|经费)(?:使用|支出|收支|执行)?(?:情况|说明)$")
_NOTE = re.compile(r"^(?:注|备注|说明|数据来源)\s*[:：]?")
_INDEX_HEAD = re.compile(r"^(?:栏次|行次|列次)$")
_FILER = re.compile(r"^(?:部门|单位|编制部门|编制单位|填报单位|部门名称|预算年度|年度)\s*[:：]")
#: the deepest heading level (layout.MARKERS: 第…部分, 一、, （一）) that is the next section, read into a
#: bare table's region, and no row of it
SECTION_LEVELS = 3
_NONE_WORDS = {"无", "暂无", "未发生", "無"}  # a value cell saying there is none (国(境)外公务接待情况 | 无)
_LABEL_HEAD = re.compile(r"项目$|名称$|科目$|^序号$")
_GLUED_HEAD = re.compile(r"^\s*(?P<label>项目|科目|名称)\s*(?P<fig>(?:\d{4}\s*年度?)?\s*(?:预算数?|决算数?|执行数|金额|预算安排))\s*$")


def _total(text: str) -> bool:
    return bool(TOTAL.match(simple(text)))


def pipe_lines(texts: list[str]) -> bool:
    """Whether a region's lines are a flattened web table: lines ending in a pipe that does not
    also open them (a markdown row `| a | b |` opens with one), or lines of pipes alone."""
    ended = sum(1 for t in texts if t.strip().endswith("|") and (not t.strip().startswith("|") or not t.strip().strip("| ")))
    opened = sum(1 for t in texts if t.strip().startswith("|") and t.strip().strip("| "))
    return ended >= max(2, len(texts) // 3) and ended > opened


def _joined(pieces: list[tuple[MappedText, int, int]]) -> RawCell:
    """One cell printed over several lines (公务用车 / 购置费 |): its text and original span."""
    cells = [make_cell(ln, a, b) for ln, a, b in pieces]
    cells = [c for c in cells if c.text]
    if not cells:
        ln, a, _ = pieces[-1]
        return make_cell(ln, a, a)
    return RawCell("".join(c.text for c in cells), cells[0].start, cells[-1].end)


def _line_item(text: str) -> bool:
    """A line standing between table cells that is no cell: a unit, title, note or filer line."""
    c = simple(text)
    return bool(_UNIT.search(c) or _NOTE.match(c) or _FILER.match(c) or len(c) > MAX_CELL_CHARS or (len(c) >= 8 and _TITLE.search(c)))


def _label_line(text: str) -> bool:
    """A cell of its own that labels the page, not the table: 单位：万元 |, 预算年度：2025 |, a title |."""
    c = simple(text)
    return bool(_UNIT.search(c) or _FILER.match(c) or _NOTE.match(c) or (c.endswith("表") and len(c) >= 8))


def _whole(cells: list[RawCell], line_no: int) -> RawLine:
    """A title, unit or note as one single-cell line."""
    cells = [c for c in cells if c.text]
    cell = RawCell("".join(c.text for c in cells), cells[0].start, cells[-1].end) if cells else RawCell("", 0, 0)
    return RawLine([cell], line_no, cell.text)


def _unit_in(text: str, unit: str | None) -> str | None:
    """The unit in force after a line: the one it declares (单位：万元), else the one before."""
    m = _UNIT.search(simple(text))
    return m.group("unit") if m else unit


def _context_unit(block: Block) -> str | None:
    """The unit declared in the lines just above the region (the shared code reads it there too)."""
    unit = None
    for ln in block.context:
        unit = _unit_in(ln.text, unit)
    return unit


def _cut_units(cells: list[RawCell], unit: str | None) -> list[RawCell]:
    """Cells that print their amount with the table's unit (44万元) → the number (`unit_value`)."""
    return [unit_value(c, unit) or c for c in cells]


# ------------------------------------------------------------------ reading the lines


def _read_stream(block: Block) -> tuple[list[RawCell | RawLine], list[int], float]:
    """The region as a stream of cells, with title/unit/note lines as `RawLine`s between them;
    for each item its line number; and the share of text lines holding two or more cells."""
    items: list[RawCell | RawLine] = []
    lines_of: list[int] = []
    pending: list[tuple[MappedText, int, int]] = []
    pending_no = 0
    multi = texty = 0
    for i, ln in enumerate(block.lines):
        no = block.line_no + i
        s = ln.text
        if not s.strip():
            continue
        if "|" not in s:
            if _line_item(s):
                if pending:
                    items.append(_whole([_joined(pending)], pending_no))
                    lines_of.append(pending_no)
                    pending = []
                items.append(_whole([make_cell(ln, 0, len(s))], no))
                lines_of.append(no)
                continue
            if not pending:
                pending_no = no
            pending.append((ln, 0, len(s)))
            continue
        pipes = [k for k, ch in enumerate(s) if ch == "|"]
        row: list[RawCell] = []
        prev = 0
        for k, p in enumerate(pipes):
            if k == 0 and pending:
                row.append(_joined([*pending, (ln, 0, p)]))
                pending = []
            else:
                row.append(make_cell(ln, prev, p))
            prev = p + 1
        if s[prev:].strip():
            pending, pending_no = [(ln, prev, len(s))], no
        filled = [c for c in row if c.text]
        if filled:
            texty += 1
            multi += len(filled) >= 2 or (len(row) >= 2 and not is_numberish(filled[0].text))
        if len(filled) == 1 and (len(row) >= 2 and _line_item(filled[0].text) or _label_line(filled[0].text)):
            items.append(_whole(filled, no))  # 单位：万元 | || or a title padded with pipes
            lines_of.append(no)
            continue
        for c in row:
            items.append(c)
            lines_of.append(no)
    if pending:
        items.append(_whole([_joined(pending)], pending_no))
        lines_of.append(pending_no)
    return items, lines_of, (multi / texty if texty else 0.0)


def _row_lines(block: Block) -> list[list[RawCell] | RawLine]:
    """One row per line (合 计 | 1.8 | 1.52 |): each line's cells; a line with one text cell
    (a title padded with pipes, 单位：万元 | ||) is a whole line."""
    out: list[list[RawCell] | RawLine] = []
    for i, ln in enumerate(block.lines):
        no = block.line_no + i
        s = ln.text
        if not s.strip():
            continue
        if "|" not in s:
            out.append(_whole([make_cell(ln, 0, len(s))], no))
            continue
        cells: list[RawCell] = []
        prev = 0
        for p in [k for k, ch in enumerate(s) if ch == "|"]:
            cells.append(make_cell(ln, prev, p))
            prev = p + 1
        if s[prev:].strip():
            cells.append(make_cell(ln, prev, len(s)))
        filled = [c for c in cells if c.text]
        if len(filled) <= 1 and (not filled or not is_numberish(filled[0].text)):
            if filled:
                out.append(_whole(filled, no))
            continue
        out.append(cells)
    return out


# ------------------------------------------------------------------ rows from a stream


def _kind(c: RawCell) -> str:
    """V a number (or a no-amount mark), E empty, T text."""
    if not c.text:
        return "E"
    return "V" if is_numberish(c.text) or c.text in EMPTY_VALUES or c.text in _NONE_WORDS else "T"


def _drop_index_runs(cells: list[RawCell]) -> list[RawCell]:
    """Column numbering printed as cells (栏次 | 1 | 2 | 3 | 4): not data."""
    out: list[RawCell] = []
    i = 0
    while i < len(cells):
        if _INDEX_HEAD.match(simple(cells[i].text)):
            j, want = i + 1, 1
            while j < len(cells) and cells[j].text in (str(want), ""):
                want += cells[j].text == str(want)
                j += 1
            if want > 2:
                i = j
                continue
        out.append(cells[i])
        i += 1
    return out


def _inconsistency(data: list[RawCell], n: int) -> tuple[int, bool]:
    """Cells in columns that mix labels and numbers when the data is cut in rows of n; and
    whether some column holds labels."""
    bad = 0
    has_label = False
    for j in range(n):
        col = [_kind(data[k]) for k in range(j, len(data), n)]
        t, v = col.count("T"), col.count("V")
        bad += min(t, v)
        has_label |= t > v
    return bad, has_label


def _fold(cells: list[RawCell]) -> tuple[list[list[RawCell]], list[list[RawCell]]] | None:
    """A run of cells → (header rows, data rows), or None when it holds no number.

    The first number (outside column numbering) opens the first data row, led by the label
    before it; the width is the one whose columns least mix labels and numbers, the narrowest of equals."""
    cells = _drop_index_runs(cells)
    while cells and not cells[0].text:
        cells = cells[1:]
    k0 = next((k for k, c in enumerate(cells) if c.text and is_numberish(c.text)), None)
    if k0 is None:
        return None
    r0 = k0 - 1 if k0 > 0 and _kind(cells[k0 - 1]) == "T" else k0
    head, data = cells[:r0], cells[r0:]
    # a width is tried only when it gives two rows or more: any run reads as one consistent row
    tried = [(n, *_inconsistency(data, n)) for n in range(2, min(MAX_COLUMNS, (len(data) + 1) // 2) + 1)]
    labelled = [(n, bad) for n, bad, has_label in tried if has_label]
    if labelled:
        # the most consistent width, the narrowest of equals (twice the width reads as well)
        least = min(bad for _, bad in labelled)
        n = next(n for n, bad in labelled if bad == least)
    else:
        # no label column: one row of values under its header (79 | 0 | 75 | 50 | 25 | 4)
        n = len(data)
    rows = [data[k : k + n] for k in range(0, len(data), n)]
    return [head] if head else [], rows


# ------------------------------------------------------------------ headers laid back over the columns


def _overlap(a: str, b: str) -> int:
    """Length of the longest common substring: how a merged parent names its children
    (公务用车购置及运行费 over 公务用车购置费)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _groups(labels: list[str], m: int) -> list[list[int]] | None:
    """The children row cut into m groups, each opened by its 小计/合计 (or cut evenly when no
    total is printed and m divides it)."""
    if m <= 0:
        return None
    starts = [i for i, t in enumerate(labels) if _total(t)]
    if starts and starts[0] == 0 and len(starts) == m:
        bounds = [*starts, len(labels)]
        return [list(range(bounds[i], bounds[i + 1])) for i in range(m)]
    if m == 1 and not starts:
        return [list(range(len(labels)))]
    if not starts and len(labels) % m == 0:
        w = len(labels) // m
        return [list(range(i * w, (i + 1) * w)) for i in range(m)]
    return None


def _parents(upper: list[str], lower: list[str], groups: list[list[int]]) -> list[int] | None:
    """Which upper labels are the parents of the groups, in order: the choice naming the
    children best (longest common substring), every parent after the one before."""
    m, u = len(groups), len(upper)
    if m > u:
        return None
    if m == u:
        return list(range(u))
    sim = [[_overlap(upper[p], "".join(lower[i] for i in g if not _total(lower[i]))) for p in range(u)] for g in groups]
    # dp over (group, parent): best total similarity of increasing assignments
    best: dict[tuple[int, int], tuple[int, list[int]]] = {}
    for p in range(u):
        best[(0, p)] = (sim[0][p], [p])
    for g in range(1, m):
        for p in range(g, u):
            prev = [best[(g - 1, q)] for q in range(g - 1, p) if (g - 1, q) in best]
            if prev:
                s, path = max(prev, key=lambda x: x[0])
                best[(g, p)] = (s + sim[g][p], [*path, p])
    ends = [best[(m - 1, p)] for p in range(m - 1, u) if (m - 1, p) in best]
    if not ends:
        return None
    score, path = max(ends, key=lambda x: x[0])
    return path if score > 0 else None


def respan(head: list[list[RawCell]], label_cols: list[int], value_cols: list[int], ncols: int) -> list[list[RawCell]] | None:
    """Flattened header rows → header rows laid over the columns (a merged parent over its
    children, a label header such as 项目 or 序号 over its column), or None when the labels do not fit.

    The labels must number the columns: upper labels without children stand over one column each,
    parents over the group of children that they name — groups opened by 小计/合计, or groups that
    repeat one another (项目 | 预算数 under 收入 and again under 支出)."""
    flat = [c for r in head for c in r if c.text]
    rows_given = [[c for c in r if c.text] for r in head if any(c.text for c in r)]
    targets = sorted(set(label_cols) | set(value_cols))
    blank = RawCell("", 0, 0)

    def lay(upper: list[RawCell], lower: list[RawCell], *, repeated_only: bool = False) -> list[list[RawCell]] | None:
        k = 0
        while k < min(len(upper), len(label_cols)) and _LABEL_HEAD.search(simple(upper[k].text)):
            k += 1
        lab, up = upper[:k], upper[k:]
        rest = [j for j in targets if j not in label_cols[:k]]
        top, bottom = [blank] * ncols, [blank] * ncols
        for j, c in zip(label_cols, lab, strict=False):
            top[j] = c
        if not lower:
            if len(upper) == len(targets):
                return [[*(dict(zip(targets, upper, strict=True)).get(j, blank) for j in range(ncols))]]
            if len(up) != len(value_cols):
                return None
            for j, c in zip(value_cols, up, strict=True):
                top[j] = c
            return [top]
        m = len(up) + len(lower) - len(rest)
        groups = _groups([c.text for c in lower], m)
        if groups is None:
            return None
        if repeated_only and (m < 2 or m != len(up) or len({tuple(simple(lower[i].text) for i in g) for g in groups}) != 1):
            return None
        parents = _parents([c.text for c in up], [c.text for c in lower], groups)
        if parents is None:
            return None
        slot = 0
        pi = dict(zip(parents, groups, strict=True))
        for p, c in enumerate(up):
            kids = pi.get(p, [])
            if slot + max(1, len(kids)) > len(rest):
                return None
            top[rest[slot]] = c
            for i in kids:
                bottom[rest[slot]] = lower[i]
                slot += 1
            slot += not kids
        return [top, bottom] if slot == len(rest) else None

    if len(rows_given) >= 2:
        laid = lay(rows_given[-2], rows_given[-1])
        if laid is not None:
            return laid
    if len(rows_given) == 1 and len(flat) > len(targets):
        # one run of header cells: cut it where the children row starts — at a 小计/合计, or where
        # the rest repeats one group per parent
        for p in range(1, len(flat)):
            laid = lay(flat[:p], flat[p:], repeated_only=not _total(flat[p].text))
            if laid is not None:
                return laid
    if len(rows_given) == 1 and any(simple(c.text) in table_headers().group_totals for c in flat[1:]):
        return None  # a 小计 after other labels opens a row of children: the run is no single header row
    return lay(flat, [])


# ------------------------------------------------------------------ figures as rows: turned


def _figure_label(text: str) -> bool:
    """A row label naming a figure (2015年度预算数, 2014年度决算数, 决算对比) rather than an item."""
    t = simple(text)
    return any(ft.header.search(t) for ft in figure_types().types) and not any(t == h for h in table_headers().label_headers)


def _turn(top: list[RawCell], header: list[list[RawCell]], rows: list[list[RawCell]], label_col: int, value_cols: list[int]) -> tuple[list[list[RawCell]], list[list[RawCell]]]:
    """Rows of figures under item columns → rows of items under figure columns. An item's label
    is its leaf header, or its parent's for a 小计 leaf."""
    names: list[RawCell] = []
    for j in value_cols:
        parts = [r[j] for r in header if j < len(r) and r[j].text]
        # a merged parent printed once stands over its children: carry it right
        parent = next((r[k] for r in header[:-1] for k in range(j, -1, -1) if k < len(r) and r[k].text), None) if len(header) > 1 else None
        leaf = parts[-1] if parts else RawCell("", 0, 0)
        if _total(leaf.text) and parent is not None:
            leaf = parent
        names.append(leaf)
    head = [top[label_col] if label_col < len(top) else RawCell("", 0, 0), *[r[label_col] for r in rows]]
    turned = [[names[i], *[r[j] if j < len(r) else RawCell("", 0, 0) for r in rows]] for i, j in enumerate(value_cols)]
    return [head], turned


# ------------------------------------------------------------------ the reader


def _columns(rows: list[list[RawCell]], ncols: int) -> tuple[list[int], list[int]]:
    """(label columns, value columns) of data rows, by what most of each column's cells hold; a
    column numbering the rows (序号 1, 2, 3 …) labels them."""
    labels, values = [], []
    for j in range(ncols):
        cells = [r[j] for r in rows if j < len(r)]
        kinds = [_kind(c) for c in cells]
        t, v = kinds.count("T"), kinds.count("V")
        ints = [int(c.text) for c in cells if c.text.isdigit()]
        if t > v or (len(ints) >= 3 and ints == list(range(ints[0], ints[0] + len(ints))) and len(ints) == v):
            labels.append(j)
        elif v:
            values.append(j)
    return labels, values


def _emit(head: list[list[RawCell]], rows: list[list[RawCell]], line_of: dict[int, int], first_line: int) -> list[RawLine]:
    """Header and data rows → `RawLine`s with ordinal columns (x0 = column). Rows of empty cells
    (the page's padding after the last row) are dropped."""
    rows = [r for r in rows if any(c.text for c in r)]
    ncols = max((len(r) for r in rows), default=0)
    rows = [r + [RawCell("", 0, 0)] * (ncols - len(r)) for r in rows]
    label_cols, value_cols = _columns(rows, ncols)
    if head and value_cols:
        if label_cols:
            laid = respan(head, label_cols, value_cols, ncols)
        else:
            # a lone pipe is an empty cell: every column up to the last value counts, blank or not
            # (a skipped blank would slide the values after it under the wrong names); blanks after
            # the last value may be the page's padding
            laid = respan(head, [], list(range(ncols)), ncols) if ncols > max(value_cols) + 1 else None
            laid = laid or respan(head, [], list(range(max(value_cols) + 1)), ncols)
        if laid is not None:
            head = laid
        elif not label_cols:
            # values with nothing but the header to name them (合计 | 出国 | … over 11.1 | 0 | …): when
            # the header's leaves do not number the values, no value can be named without a guess
            return []
        elif len(head) == 1:
            # padded header rows (one per width) when the run cuts evenly
            flat = head[0]
            head = [flat[k : k + ncols] for k in range(0, len(flat), ncols)] if len(flat) % ncols == 0 else [flat[-ncols:]]
    lc = label_cols[0] if label_cols else None
    if lc is not None and len(rows) >= 2 and sum(_figure_label(r[lc].text) for r in rows) >= max(2, len(rows) * 0.6):
        top = head[0] if head else []
        head, rows = _turn(top, head, rows, lc, value_cols)
    out: list[RawLine] = []
    for r in head + rows:
        cells = [RawCell(c.text, c.start, c.end, j, j) for j, c in enumerate(r[:ncols])]
        starts = [c.start for c in r if c.text]
        no = line_of.get(min(starts), first_line) if starts else first_line
        out.append(RawLine(cells, no, "|".join(c.text for c in r)))
    return out


def read_web(block: Block) -> list[RawLine | str]:
    """Rows of a flattened web table region (see the module's docstring); titles, units and
    notes between its tables stay single-cell lines, so the shared code splits tables there;
    filer and year lines (预算年度：2025) are dropped."""
    items, lines_of, share = _read_stream(block)
    keep = [not (isinstance(it, RawLine) and _FILER.match(simple(it.text)) and not _UNIT.search(simple(it.text))) for it in items]
    items = [it for it, k in zip(items, keep, strict=True) if k]
    lines_of = [no for no, k in zip(lines_of, keep, strict=True) if k]
    # value cells that carry the unit (合计 | 44万元 under 单位：万元) are read as their numbers
    unit = _context_unit(block)
    for k, it in enumerate(items):
        if isinstance(it, RawLine):
            unit = _unit_in(it.text, unit)
        else:
            items[k] = unit_value(it, unit) or it
    line_of = {it.start: no for it, no in zip(items, lines_of, strict=True) if isinstance(it, RawCell) and it.text}
    if share >= ROW_LINE_SHARE:
        out: list[RawLine | str] = []
        cur: list[list[RawCell]] = []
        unit = _context_unit(block)
        for it in _row_lines(block):
            if isinstance(it, RawLine):
                unit = _unit_in(it.text, unit)
                out.extend(_table_rows_by_line(cur, line_of, block.line_no))
                cur = []
                out.append(it)
            else:
                cur.append(_cut_units(it, unit))
        out.extend(_table_rows_by_line(cur, line_of, block.line_no))
        return _join_titles(out)
    return _stream_rows(items, line_of, block.line_no)


def read_bare_cells(block: Block) -> list[RawLine | str]:
    """Rows of a table a page printed one cell per line with nothing between the cells (项目 /
    预算数 / 合计 / 142.40 / 因公出国(境)费 / 100.00 …). An empty cell is not printed at all, so a
    label without its values cannot be told from a label whose values were lost: only rows whose
    label is followed by one number per value column are read (no cell is ever guessed blank), and
    numbers without a label before them are left out."""
    cells: list[tuple[RawCell, int]] = []
    titles: list[RawLine | str] = []  # the title and unit lines above the table, kept for the shared code
    for i, ln in enumerate(block.lines):
        if not ln.text.strip():
            continue
        if _line_item(ln.text):
            if not any(is_numberish(c.text) for c, _ in cells):
                cells = []  # a title or unit line: what stood above it (a page's header) is not this table's
                titles.append(_whole([make_cell(ln, 0, len(ln.text))], block.line_no + i))
            continue
        if (g := GLUED_CELLS.match(ln.text)) is not None:
            # a label and its number printed with nothing between them (行政经费177.50): two cells
            cells.append((make_cell(ln, g.start("label"), g.end("label")), block.line_no + i))
            cells.append((make_cell(ln, g.start("num"), g.end("num")), block.line_no + i))
            continue
        if cells == [] and (h := _GLUED_HEAD.match(ln.text)) is not None:
            # the header likewise (项目2017年预算): the label column's name, then the figure's
            cells.append((make_cell(ln, h.start("label"), h.end("label")), block.line_no + i))
            cells.append((make_cell(ln, h.start("fig"), h.end("fig")), block.line_no + i))
            continue
        cells.append((make_cell(ln, 0, len(ln.text)), block.line_no + i))
    first = next((k for k, (c, _) in enumerate(cells) if is_numberish(c.text)), None)
    if first is None:
        return []
    if first > 0 and not _figure_label(cells[first - 1][0].text):
        first -= 1  # the label before the first number opens the first row (a figure name is a header)
    head = [c for c, _ in cells[:first]]
    label_head = head[0] if head and _LABEL_HEAD.search(simple(head[0].text)) else RawCell("", 0, 0)
    value_heads = head[1:] if label_head.text else head
    width = max(1, len(value_heads))
    out: list[RawLine | str] = list(titles)
    if value_heads:
        out.append(_ordinal_row([label_head, *value_heads], cells[0][1]))
    label: tuple[RawCell, int] | None = None
    values: list[RawCell] = []

    def flush() -> None:
        if label is not None and len(values) == width:
            out.append(_ordinal_row([label[0], *values], label[1]))
        elif label is not None and not values and width == 1 and label[0].text not in _NONE_WORDS \
                and (heading_level(label[0].text) or SECTION_LEVELS + 1) > SECTION_LEVELS:
            # one value column: a label with no number before the next label (or the table's end)
            # is a row the page left blank (其中：公务用车运行维护费 / 公务用车购置费), not a guess
            out.append(_ordinal_row([label[0], RawCell("", label[0].end, label[0].end)], label[1]))

    n_before = len(out)
    for c, no in cells[first:]:
        if is_numberish(c.text):
            if label is not None:
                values.append(c)
            continue
        flush()
        label, values = (c, no), []
    flush()
    # no row read as label + values (a header of merged cells over one row of numbers): no table
    # rather than an empty one, which would be reported as a table without its empty-table note
    return out if len(out) > n_before else []


def _ordinal_row(cells: list[RawCell], line_no: int) -> RawLine:
    """A row of cells with ordinal columns (x0 = column), as the shared code reads them."""
    return RawLine([RawCell(c.text, c.start, c.end, j, j) for j, c in enumerate(cells)], line_no, "|".join(c.text for c in cells))


def _stream_rows(items: list[RawCell | RawLine], line_of: dict[int, int], first_line: int) -> list[RawLine | str]:
    """A stream of cells with title/unit/note lines between them → rows, table by table."""
    out: list[RawLine | str] = []
    run: list[RawCell] = []
    for it in items:
        if isinstance(it, RawLine):
            out.extend(_table_rows(run, line_of, first_line))
            run = []
            out.append(it)
        else:
            run.append(it)
    out.extend(_table_rows(run, line_of, first_line))
    return _join_titles(out)


def _table_rows(run: list[RawCell], line_of: dict[int, int], first_line: int) -> list[RawLine]:
    """A run of cells between line items → its rows (or its text cells as lines when it holds no number)."""
    if not run:
        return []
    folded = _fold(run)
    if folded is None:
        # no number: a header the page cut off, or the page's own labels (920某镇财政所 |) — only a
        # title among them is kept, so they do not stand over the next table's columns
        return [RawLine([c], line_of.get(c.start, first_line), c.text) for c in run if c.text and _TITLE.search(simple(c.text))]
    head, rows = folded
    return _emit(head, rows, line_of, first_line)


def _table_rows_by_line(lines: list[list[RawCell]], line_of: dict[int, int], first_line: int) -> list[RawLine]:
    """Rows printed one per line: the lines before the first with a number are the header."""
    if not lines:
        return []
    cells = [list(r) for r in lines]
    first = next((i for i, r in enumerate(cells) if any(c.text and is_numberish(c.text) for c in r) and not _INDEX_HEAD.match(simple(r[0].text))), None)
    if first is None:
        return [RawLine(r, line_of.get(r[0].start, first_line), "|".join(c.text for c in r)) for r in cells]
    head = [r for r in cells[:first] if not _INDEX_HEAD.match(simple(r[0].text))]
    rows = [r for r in cells[first:] if not _INDEX_HEAD.match(simple(r[0].text))]
    return _emit(head, rows, line_of, first_line)


def _join_titles(out: list[RawLine | str]) -> list[RawLine | str]:
    """A title broken over two single-cell lines (…2016年“三公”经费预算 / 财政拨款情况表) is one title."""
    res: list[RawLine | str] = []
    for it in out:
        prev = res[-1] if res else None
        if (
            isinstance(it, RawLine) and isinstance(prev, RawLine) and it.is_single and prev.is_single
            and len(prev.cells) == 1 and len(it.cells) == 1 and it.text.endswith("表") and not prev.text.endswith("表")
            and not _UNIT.search(simple(prev.text)) and not _NOTE.match(prev.text) and not is_numberish(prev.text)
        ):
            a, b = prev.cells[0], it.cells[0]
            cell = RawCell(a.text + b.text, a.start, b.end)
            res[-1] = RawLine([cell], prev.line_no, cell.text)
            continue
        res.append(it)
    return res
