"""Tab-separated tables (Word/Excel exports, `docx` text): one row per line, cells split at tabs."""

from __future__ import annotations

from ...layout import Block
from ...normalize import MappedText
from ...records import RawCell, RawLine
from ..cells import compact, make_cell, whole_line


def split_tab(ln: MappedText, line_no: int) -> RawLine:
    """One line → its cells at every tab; the ordinal column is the cell's position."""
    cells: list[RawCell] = []
    pos = 0
    s = ln.text
    for i, part in enumerate(s.split("\t")):
        cells.append(make_cell(ln, pos, pos + len(part), i, i))
        pos += len(part) + 1
    return RawLine(cells, line_no, compact(s))


def read_tab(block: Block) -> list[RawLine | str]:
    """Rows of a tab table; a line without a tab (a title, a unit line) is one cell; "" marks a blank line."""
    out: list[RawLine | str] = []
    for i, ln in enumerate(block.lines):
        if not ln.text.strip():
            out.append("")
        else:
            out.append(split_tab(ln, block.line_no + i) if "\t" in ln.text else whole_line(ln, block.line_no + i))
    return out
