"""Markdown pipe tables (| a | b |), as converters from PDF and HTML print them."""

from __future__ import annotations

import re

from ...layout import Block
from ...normalize import MappedText
from ...records import RawCell, RawLine
from ..cells import compact, make_cell, whole_line

_RULE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?:[:\-]+\s*)?$")  # the |---|:--| line under a markdown header: dashes, colons and pipes only


def split_pipe(ln: MappedText, line_no: int) -> RawLine | None:
    """The cells between the first and last pipe; None for the header rule line."""
    s = ln.text
    if _RULE.match(s):
        return None
    a = s.index("|") + 1
    b = s.rindex("|")
    cells: list[RawCell] = []
    pos = a
    for i, part in enumerate(s[a:b].split("|")):
        cells.append(make_cell(ln, pos, pos + len(part), i, i))
        pos += len(part) + 1
    return RawLine(cells, line_no, compact(s))


def read_pipe(block: Block) -> list[RawLine | str]:
    """Rows of a pipe table; a line without a pipe (title, unit) is one cell; "" marks a blank line."""
    out: list[RawLine | str] = []
    for i, ln in enumerate(block.lines):
        if not ln.text.strip():
            out.append("")
        elif "|" in ln.text:
            r = split_pipe(ln, block.line_no + i)
            if r is not None:
                out.append(r)
        else:
            out.append(whole_line(ln, block.line_no + i))
    return out
