"""One reader per table layout, each turning a table region's lines into rows of `RawCell`s
(or "" for a blank line); everything after the readers is shared by all layouts."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...layout import GLUED_CELLS, Block
from ...normalize import MappedText
from ...records import RawLine
from .aligned import read_aligned
from .cell_line import read_cell_lines
from .pipe import read_pipe
from .tab import read_tab
from .web import pipe_lines, read_bare_cells, read_web

_GAP = re.compile(r"\S {2,}\S")
#: a region is read one cell per line when this share of its lines are single unindented cells (a
#: page header line above the table may hold two)
BARE_SHARE = 0.8

READERS: dict[str, Callable[[Block], list[RawLine | str]]] = {
    "tab": read_tab,
    "pipe": read_pipe,
    "cell-line": read_cell_lines,
    "aligned": read_aligned,
    "web": read_web,
    "bare-cells": read_bare_cells,
}


def layout_of(lines: list[MappedText]) -> str:
    """Which reader a region needs, by majority of its non-blank lines: a flattened web table
    (cells ended by pipes), pipes, inner tabs, leading tabs, else pdftotext's space-aligned columns."""
    texts = [ln.text for ln in lines if ln.text.strip()]
    if not texts:
        return "tab"
    if pipe_lines(texts):
        return "web"
    inner_tab = sum(1 for t in texts if "\t" in t.lstrip("\t") and t.strip())
    lead_tab = sum(1 for t in texts if t.startswith("\t"))
    pipes = sum(1 for t in texts if t.strip().startswith("|") and t.strip().endswith("|"))
    if pipes >= max(2, len(texts) // 2):
        return "pipe"
    if inner_tab >= max(2, len(texts) // 3):
        return "tab"
    if lead_tab >= max(2, len(texts) // 2):
        return "cell-line"
    # (an indented line is an aligned table's, unless it is a label glued to its number: 行政经费177.50)
    bare = sum(1 for t in texts if not (_GAP.search(t.strip()) or "|" in t or "\t" in t or t.startswith("  ") and not GLUED_CELLS.match(t)))
    glued = sum(1 for t in texts if GLUED_CELLS.match(t))
    if glued >= 2 and not any(_GAP.search(t.strip()) or "|" in t or "\t" in t for t in texts):
        return "bare-cells"  # one cell per line, some labels glued to their numbers, some indented
    if bare >= BARE_SHARE * len(texts):
        return "bare-cells"  # one cell per line and nothing between them (web text of a <table>)
    return "aligned"


def read_lines(block: Block, layout: str) -> list[RawLine | str]:
    """Rows of cells of a table region in the given layout, or "" for a blank line."""
    return READERS[layout](block)
