"""One-cell-per-line tables: each cell on its own line, led by a tab; a blank line ends a row
(how some PDF-to-text tools print table cells they cannot place side by side)."""

from __future__ import annotations

from ...layout import Block
from ...records import RawCell, RawLine
from ..cells import whole_line
from .tab import split_tab


def group_cell_lines(items: list[RawLine | str]) -> list[RawLine | str]:
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


def read_cell_lines(block: Block) -> list[RawLine | str]:
    """Rows of a one-cell-per-line table. A bare tab is an empty cell, not a row break; several
    tab-separated cells on one line stay apart; lines without a leading tab (titles) stay lines."""
    out: list[RawLine | str] = []
    for i, ln in enumerate(block.lines):
        line_no = block.line_no + i
        if not ln.text.strip() and not ln.text.startswith("\t"):
            out.append("")
        elif "\t" in ln.text.strip("\t "):
            r = split_tab(ln, line_no)
            if ln.text.startswith("\t"):
                r.cells = r.cells[1:]
                r.text = "\t" + r.text
            out.append(r)
        else:
            out.append(whole_line(ln, line_no, cell=ln.text.startswith("\t")))
    return group_cell_lines(out)
