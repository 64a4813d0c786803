"""Table grids with merged cells → tab-separated lines the table parser reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_WS = re.compile(r"\s+")


@dataclass(slots=True)
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1


def cell_text(s: str) -> str:
    """One line per cell: inner line breaks and tabs would split the row."""
    return _WS.sub(" ", s.replace("\u3000", " ")).strip()


def expand(rows: list[list[GridCell]]) -> list[list[str]]:
    """Place spanning cells on a grid. A merged header cell (in a row with no number) repeats its
    text over every column and row it covers, so column paths come out whole (本年收入 > 预算数);
    a merged cell among numbers fills only its first slot, so no value is counted twice."""
    grid: dict[tuple[int, int], str] = {}
    header_rows = {r for r, row in enumerate(rows) if not any(_NUMBER.match(c.text) for c in row)}
    width = 0
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while (r, col) in grid:
                col += 1
            for dr in range(max(cell.rowspan, 1)):
                for dc in range(max(cell.colspan, 1)):
                    repeat = r in header_rows and (r + dr) in header_rows
                    grid[(r + dr, col + dc)] = cell.text if (dr == dc == 0 or repeat) else ""
            col += max(cell.colspan, 1)
            width = max(width, col)
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def tab_lines(rows: list[list[str]]) -> list[str]:
    """Rows as tab-separated lines; empty rows dropped, trailing empty cells kept (positions matter)."""
    return ["\t".join(r) for r in rows if any(c.strip() for c in r)]
