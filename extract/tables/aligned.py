"""pdftotext (space-aligned) tables → cells: value columns from the rows with the most values,
each row's values fitted to them by position, wrapped labels joined back, and the sides of two-
and three-sided tables (收入 | 支出) found from text printed right of a value on its own line."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from math import comb

from ..records import RawCell, RawLine, Table
from ..resources import table_headers
from .aligned_header import aligned_header_paths
from .cells import CODE, MAX_PLACEMENTS, TOTAL, cell_record, is_numberish, parse_number
from .codes import LABEL_NUMBERING, clean_label, code_of, with_parent
from .headers import unprinted_level
from .rows import RowEntry, row_paths

# Fitted on the dev corpus's pdftotext tables (江苏 and 上海 exports) and their re-typeset variants
# (tests/test_retypeset.py); positions are display columns.
_SCALE_RANGE = (0.6, 1.4)  # how much pdftotext may compress or stretch a sparse row against the columns
_ANCHOR_ROWS = 3  # full rows right under the header that fix the value columns (spacing drifts lower down)
_FAR_MIN, _FAR_SHARE = 15.0, 0.4  # a value this far from every column (or this share of the spacing) is a new column
_CLUSTER_GAP = 10  # such values within this distance are one column
_ATTRIBUTE_MIN, _ATTRIBUTE_SHARE = 3, 0.4  # a name ending this many (and this share) of two-name rows is an attribute


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
    if comb(n, k) <= MAX_PLACEMENTS:
        for combo in combinations(range(n), k):
            if must is not None and must not in combo:
                continue
            cs = [centers[j] for j in combo]
            mc, mx = sum(cs) / k, sum(xs) / k
            var = sum((c - mc) ** 2 for c in cs)
            a = sum((c - mc) * (x - mx) for c, x in zip(cs, xs, strict=False)) / var if var else 1.0
            a = min(max(a, _SCALE_RANGE[0]), _SCALE_RANGE[1])
            b = mx - a * mc
            cost = sum((a * c + b - x) ** 2 for c, x in zip(cs, xs, strict=False))
            if best is None or cost < best[0]:
                best = (cost, combo)
    if best is None:
        return list(values[:n]) + [None] * (n - k)
    for j, v in zip(best[1], values, strict=False):
        slots[j] = v
    return slots


def _assign_aligned(
    rows: list[RawLine], header_rows: list[RawLine], label_blocks: list[float], value_blocks: list[float]
) -> tuple[list[list[str]], list[list[RawCell | None]], list[str]]:
    """pdftotext rows → a grid. Value columns come from the rows with the most values."""
    parsed = []
    for r in rows:
        toks = [c for c in r.cells if c.text]
        codes: list[RawCell] = []
        i = 0
        while i < len(toks) and CODE.match(toks[i].text) and i < 4 and len(toks) > i + 1:
            codes.append(toks[i])
            i += 1
        labels: list[RawCell] = []
        values: list[RawCell] = []
        for c in toks[i:]:
            (values if is_numberish(c.text) else labels).append(c)
        parsed.append((codes, labels, values))
    maxv = max((len(v) for _, _, v in parsed), default=0)
    # pdftotext spacing drifts down a long table; the rows right under the header share its layout
    anchors = [v for _, _, v in parsed if len(v) == maxv and maxv][:_ANCHOR_ROWS]
    centers = [sorted((c.x0 + c.x1) / 2 for c in col) for col in zip(*anchors, strict=False)] if anchors else []
    centers = _with_sparse_columns([col[len(col) // 2] for col in centers], [v for _, _, v in parsed], label_blocks)
    grid_vals: list[list[RawCell | None]] = []
    for _codes, _labels, values in parsed:
        grid_vals.append(_fit_row(values, centers))
    cols = aligned_header_paths(header_rows, centers, value_blocks[1:])
    # a row with fewer values than columns still fills its 合计 when the 合计 column comes first
    # (a part with a value and a blank total is not how these tables are made)
    if len(cols) == len(centers) and len(cols) > 2 and TOTAL.search(cols[0].split(" > ")[-1].replace(" ", "")):
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
    far = max(_FAR_MIN, _FAR_SHARE * spacing)
    orphans = sorted(((c.x0 + c.x1) / 2, i) for i, vals in enumerate(rows) for c in vals if min(abs((c.x0 + c.x1) / 2 - x) for x in centers) > far)
    clusters: list[list[tuple[float, int]]] = []
    for x, i in orphans:
        if clusters and x - clusters[-1][-1][0] <= _CLUSTER_GAP:
            clusters[-1].append((x, i))
        else:
            clusters.append([(x, i)])
    extra = [sorted(x for x, _ in cl)[len(cl) // 2] for cl in clusters if len({i for _, i in cl}) >= 2]
    return sorted(centers + extra)


def _label_blocks(rows: list[RawLine]) -> tuple[list[float], list[float]]:
    """Left edges of the label blocks of an aligned table: runs of text columns that value
    columns separate (one block per side of a two- or three-sided table) — as (label edges,
    sided edges), both from one reading of the rows.

    The first block counts when enough rows put text in it; a later one needs rows that print its
    text right of a value of their own (一、财政拨款 18,330.37 一、基本支出 9,312.90): pdftotext
    cannot move a cell across a number of the same line, while across lines (another page) the
    spacing drifts, and text of a first block may stand right of another row's values.
    Sided edges: a later block's edge is its leftmost text that follows a value of its own line
    (where the previous side surely ends), not its leftmost text (which may have drifted left).
    """
    events: list[tuple[float, str]] = []
    for r in rows:
        for c in r.cells:
            if not c.text or CODE.match(c.text):
                continue
            events.append((c.x0, "num" if is_numberish(c.text) else "text"))
    if not events:
        return [], []
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
    keep_sided: list[float] = []
    # each row's text cells and the right edges of its values, sorted out once (not per cluster)
    texts = [[c for c in r.cells if c.text and not is_numberish(c.text)] for r in rows]
    value_ends = [[c.x1 for c in r.cells if c.text and is_numberish(c.text) and not CODE.match(c.text)] for r in rows]
    for st, end in clusters:
        support = sided = 0
        edge = end
        for row_texts, row_ends in zip(texts, value_ends, strict=True):
            inside = [c for c in row_texts if st - 4 <= c.x0 <= end + 1]
            if not inside:
                continue
            support += 1
            if any(x1 <= inside[0].x0 for x1 in row_ends):
                sided += 1
                edge = min(edge, inside[0].x0)
        if sided >= 2 or (sided and support >= max(2, len(rows) // 5)) or not keep and support >= max(2, len(rows) // 5):
            keep_sided.append(edge if keep else st)
            keep.append(st)
    first = [c[0] for c in clusters[:1]]
    return keep or first, keep_sided or list(first)


def _block_of(x: float, blocks: list[float]) -> int | None:
    """Index of the label block a position falls in (the last block starting at or before it)."""
    idx = None
    for i, st in enumerate(blocks):
        if x + 3 >= st:
            idx = i
    return idx


def is_page_number(r: RawLine) -> bool:
    """A line holding one bare integer of up to three digits (a page number at a page break)."""
    texts = [c.text for c in r.cells if c.text]
    return len(texts) == 1 and bool(re.fullmatch(r"\d{1,3}", texts[0]))


def _is_fragment_line(r: RawLine) -> bool:
    """A line of text only (no value, no code): a wrapped piece of a label, or a row without values."""
    texts = [c for c in r.cells if c.text]
    return bool(texts) and not any(is_numberish(c.text) for c in texts)


def _joined(parts: list[RawCell]) -> RawCell:
    """Pieces of one wrapped label as one cell spanning them."""
    return RawCell("".join(p.text for p in parts), parts[0].start, parts[-1].end, min(p.x0 for p in parts), max(p.x1 for p in parts))


def join_wrapped_labels(rows: list[RawLine]) -> list[RawLine]:
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
        return bool(LABEL_NUMBERING.match(c.text)) or bool(TOTAL.search(c.text))

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
            mid = next((k for k, c in enumerate(r.cells) if c.text and not is_numberish(c.text) and abs(c.x0 - a.x0) <= 3), -1)
            parts = [a, r.cells[mid], b] if mid >= 0 else [a, b]
            extra.setdefault(i, []).append((mid, _joined(parts)))
        used.update((i - 1, i + 1))
    # a value line with no text at all: pdftotext put its label on the line just above
    for i, r in enumerate(rows):
        if i in extra or i in used or not adjacent(i, i - 1) or any(c.text and not is_numberish(c.text) for c in r.cells):
            continue
        up = rows[i - 1]
        if _is_fragment_line(up):
            extra[i] = [(-1, c) for c in up.cells if c.text]
            used.add(i - 1)
    # a label filling its column goes on under itself
    widest: dict[int, float] = {}
    for r in rows:
        for c in r.cells:
            if c.text and not is_numberish(c.text):
                key = round(c.x0 / 3)
                widest[key] = max(widest.get(key, 0.0), c.x1)
    for i, r in enumerate(rows):
        if _is_fragment_line(r) or i in extra or not adjacent(i, i + 1) or i + 1 in used:
            continue
        down = [c for c in rows[i + 1].cells if c.text]
        if len(down) != 1 or not _is_fragment_line(rows[i + 1]) or numbered(down[0]):
            continue
        k, head = next(((k, c) for k, c in enumerate(r.cells) if c.text and not is_numberish(c.text) and abs(c.x0 - down[0].x0) <= 2), (-1, None))
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


@dataclass(frozen=True, slots=True)
class _RowName:
    """How a pdftotext row is named: its label on the first side (as printed and cleaned), its
    code, and the first text of each label block (the names of the other sides)."""

    raw: str
    label: str
    code: str | None
    blocks: dict[int, str]


def _row_names(data_rows: list[RawLine], labels: list[list[str]], label_blocks: list[float]) -> list[_RowName]:
    """Each row's name. Hierarchical label columns (一般公共预算资金 | 公共财政拨款（补助）资金,
    专项名称 | 经济科目, 采购物品名称 | 采购组织形式) name a row by its deepest name, not by an
    attribute — a known attribute value (政府集中采购) or one that ends most such rows (分散自行组织)."""

    def first_block(r: RawLine) -> list[str]:
        return [c.text for c in r.cells if c.text and not is_numberish(c.text) and not CODE.match(c.text) and _block_of(c.x0, label_blocks) in (None, 0)]

    firsts = [first_block(r) for r in data_rows]
    multi = [ts for ts in firsts if len(ts) >= 2]
    ends = Counter(ts[-1] for ts in multi)
    attributes = {x for x, n in ends.items() if n >= max(_ATTRIBUTE_MIN, _ATTRIBUTE_SHARE * len(multi))} | table_headers().attribute_values
    out: list[_RowName] = []
    prev_name = ""
    parent = ""
    for r, lab, mine in zip(data_rows, labels, firsts, strict=False):
        sep = lab.index("\u0000")
        codes, texts = lab[:sep], lab[sep + 1 :]
        names = [x for x in mine if x not in attributes]
        if mine and not names and prev_name:
            label_raw = prev_name  # 部门集中采购 alone: the same item as the row above, bought another way
        else:
            label_raw = names[-1] if names else (mine[0] if mine else (texts[0] if texts else ""))
        prev_name = label_raw
        label, emb = clean_label(label_raw)
        code = code_of(codes) or emb
        code, parent = with_parent(code, parent)
        # the first text of each label block: label columns separated by value columns are the
        # sides of a two-sided table (收入 | 功能分类 | 支出用途); within a block the first cell is
        # the item (台式计算机 | 分散自行组织 | 12.00)
        row_blocks: dict[int, str] = {}
        for c in r.cells:
            if c.text and not is_numberish(c.text) and not (CODE.match(c.text)):
                blk = _block_of(c.x0, label_blocks)
                if blk is not None and blk not in row_blocks:
                    row_blocks[blk] = c.text
        out.append(_RowName(label_raw, label, code, row_blocks))
    return out


def aligned_cells(t: Table, header_rows: list[RawLine], data_rows: list[RawLine], doc_id: str) -> None:
    """The cells of a pdftotext table into `t.cells` (and its column paths into `t.columns`)."""
    # a value belongs to the side whose edge (a text printed after a value on its own line) is
    # left of it (value_blocks): a drifted label further left does not pull the previous side's values over
    label_blocks, value_blocks = _label_blocks(data_rows)
    labels, grid, cols = _assign_aligned(data_rows, header_rows, label_blocks, value_blocks)
    named, _ = unprinted_level(["" if re.fullmatch(r"列\d+", c) else c for c in cols], grid, t.title)
    cols = [n or c for n, c in zip(named, cols, strict=True)]
    t.columns = cols
    sided = len(label_blocks) > 1
    rows = _row_names(data_rows, labels, label_blocks)
    # each row's name per side: the first side's is the row's; a later side's is the nearest
    # block to the left that has text (a side's total may print its label in the block before
    # it: 当年支出小计 under 功能分类, its value under 支出用途), without a code
    side_of = [[(_block_of(c.x0, value_blocks) or 0) if sided and c is not None else 0 for c in slots] for slots in grid]
    n_sides = max(1, len(label_blocks))
    entries: list[list[RowEntry]] = [[] for _ in range(n_sides)]
    for name, slots, sides in zip(rows, grid, side_of, strict=False):
        for s in range(n_sides):
            values = tuple(c if side == s else None for c, side in zip(slots, sides, strict=True))
            if s == 0:
                entries[s].append(RowEntry(name.raw, name.label, name.code, values))
            else:
                raw = next((name.blocks[b] for b in range(s, 0, -1) if b in name.blocks), "")
                entries[s].append(RowEntry(raw, clean_label(raw)[0], None, values))
    paths = [row_paths(side_rows) for side_rows in entries]
    for i, (slots, sides) in enumerate(zip(grid, side_of, strict=False)):
        for k, cell in enumerate(slots):
            if cell is None:
                continue
            v = parse_number(cell.text)
            if v is None:
                continue
            e = entries[sides[k]][i]
            t.cells.append(cell_record(t, doc_id, e.label, e.raw, e.code, cols[k], v, cell, paths[sides[k]][i]))
