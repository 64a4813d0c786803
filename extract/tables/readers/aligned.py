"""Space-aligned tables as `pdftotext -layout` prints them: cells are runs of text separated by
two or more spaces, positioned in display width (CJK = 2) so later steps can match columns."""

from __future__ import annotations

import re

from ...layout import Block
from ...normalize import MappedText
from ...records import RawCell, RawLine
from ..cells import CODE, NUMBER, WIDE, compact, display_x, is_numberish, make_cell

_PIECE = re.compile(r"\S+")


def split_aligned(ln: MappedText, line_no: int) -> RawLine:
    """Tokens separated by 2+ spaces; a number separated by one space is still its own cell."""
    # (once per table line, ≈ 150 a page: the words are sliced and tested only when a rule asks)
    s = ln.text
    groups: list[list[tuple[int, int]]] = []
    for m in _PIECE.finditer(s):
        a, b = m.span()
        if groups:
            last = groups[-1]
            pa, pb = last[-1]
            gap = a - pb
            if gap == 1:
                word, prev_word = m.group(), s[pa:pb]
                if not NUMBER.match(word) and not NUMBER.match(prev_word) and not CODE.match(prev_word):
                    last.append((a, b))
                    continue
            if b - a == 1 and len(last) == 1 and pb - pa == 1 and not s[a].isdigit() and not s[pa].isdigit() and gap <= 8:
                last.append((a, b))  # 合    计: one label spread across its cell
                continue
        groups.append([(a, b)])
    cells = []
    wide = [m.start() for m in WIDE.finditer(s)]
    for g in groups:
        a, b = g[0][0], g[-1][1]
        c = make_cell(ln, a, b, display_x(wide, a), display_x(wide, b))
        if len(g) > 1:
            cut = next((k for k in range(len(g) - 1, 0, -1) if g[k][0] - g[k - 1][1] == 1), None)
            if cut is not None:
                m0, m1 = g[cut - 1][1], g[cut][0]
                c.alt = (make_cell(ln, a, m0, c.x0, display_x(wide, m0)), make_cell(ln, m1, b, display_x(wide, m1), c.x1))
        cells.append(c)
    return RawLine(cells, line_no, compact(s))


def split_run_together(rows: list[RawLine]) -> list[RawLine]:
    """Two cells pdftotext printed one space apart read as one (台式计算机（20万以下） 分散自行组织);
    split one when its tail is a cell of its own in another row (分散自行组织 in a column of them)."""
    alone = {c.text for r in rows for c in r.cells if c.text and c.alt is None}
    out = []
    for r in rows:
        if not any(c.alt and c.alt[1].text in alone and not is_numberish(c.alt[1].text) for c in r.cells):
            out.append(r)
            continue
        cells: list[RawCell] = []
        for c in r.cells:
            cells.extend(c.alt if c.alt and c.alt[1].text in alone and not is_numberish(c.alt[1].text) else (c,))
        out.append(RawLine(cells, r.line_no, r.text))
    return out


def read_aligned(block: Block) -> list[RawLine | str]:
    """Rows of a pdftotext table, one per non-blank line; "" marks a blank line."""
    return [split_aligned(ln, block.line_no + i) if ln.text.strip() else "" for i, ln in enumerate(block.lines)]
