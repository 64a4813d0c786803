"""Tables drawn with ruling lines → cells: the grid from the lines, merged cells where a
border is missing, each character placed in the cell its centre falls in."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# Fitted on the dev PDFs (cell borders 0.5–1 pt, drawn as lines or thin filled rectangles):
TOL = 2.0  # points: rule ends and positions this close are the same line
MIN_ROWS = 2
MIN_COLS = 2
MAX_SEGMENTS = 3000  # a page with more path pieces is a chart or a drawing, not a table

_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")

Seg = tuple[float, float, float, float]  # x0, top, x1, bottom (display coordinates)


@dataclass(slots=True)
class Cell:
    r0: int
    c0: int
    r1: int
    c1: int
    chars: list = field(default_factory=list)  # pdf._Char, in reading order once finished


@dataclass(slots=True)
class Grid:
    xs: list[float]
    ys: list[float]
    slots: list[list[Cell]]  # [row][col] → the (possibly merged) cell covering it

    @property
    def top(self) -> float:
        """Top of the first row that is not one full-width cell (a framed title above the table)."""
        n_c = len(self.xs) - 1
        for r, row in enumerate(self.slots):
            if not (row[0] is row[-1] and row[0].c0 == 0 and row[0].c1 == n_c - 1):
                return self.ys[r]
        return self.ys[0]

    def cells(self) -> list[Cell]:
        """Each (possibly merged) cell once, in reading order."""
        seen: dict[int, Cell] = {}
        for row in self.slots:
            for cell in row:
                seen.setdefault(id(cell), cell)
        return list(seen.values())

    def full_width(self, cell: Cell) -> bool:
        return cell.c0 == 0 and cell.c1 == len(self.xs) - 2

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] - TOL <= x <= self.xs[-1] + TOL and self.ys[0] - TOL <= y <= self.ys[-1] + TOL

    def slot(self, x: float, y: float) -> Cell:
        c = min(max(bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        r = min(max(bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        return self.slots[r][c]


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= TOL:
            continue
        out.append(v)
    return out


def _clusters(segs: list[Seg]) -> list[list[Seg]]:
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(segs):
        for j in range(i + 1, len(segs)):
            b = segs[j]
            if a[0] - TOL <= b[2] and b[0] - TOL <= a[2] and a[1] - TOL <= b[3] and b[1] - TOL <= a[3]:
                parent[find(i)] = find(j)
    groups: dict[int, list[Seg]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def find_grids(hsegs: list[Seg], vsegs: list[Seg]) -> list[Grid]:
    """Grids from horizontal and vertical rules that touch each other."""
    if len(hsegs) + len(vsegs) > MAX_SEGMENTS:
        return []
    grids = []
    for group in _clusters(hsegs + vsegs):
        hs = [s for s in group if s[3] - s[1] <= s[2] - s[0]]
        vs = [s for s in group if s[3] - s[1] > s[2] - s[0]]
        ys = _positions([(s[1] + s[3]) / 2 for s in hs])
        xs = _positions([(s[0] + s[2]) / 2 for s in vs])
        if len(ys) < MIN_ROWS + 1 or len(xs) < MIN_COLS + 1:
            continue
        grids.append(_build(xs, ys, hs, vs))
    return sorted(grids, key=lambda g: g.top)


def _build(xs: list[float], ys: list[float], hs: list[Seg], vs: list[Seg]) -> Grid:
    n_r, n_c = len(ys) - 1, len(xs) - 1

    def v_edge(k: int, r: int) -> bool:  # a rule at xs[k] across row r
        mid = (ys[r] + ys[r + 1]) / 2
        return any(abs((s[0] + s[2]) / 2 - xs[k]) <= TOL and s[1] - TOL <= mid <= s[3] + TOL for s in vs)

    def h_edge(k: int, c: int) -> bool:  # a rule at ys[k] across column c
        mid = (xs[c] + xs[c + 1]) / 2
        return any(abs((s[1] + s[3]) / 2 - ys[k]) <= TOL and s[0] - TOL <= mid <= s[2] + TOL for s in hs)

    parent = list(range(n_r * n_c))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_r):
        for c in range(n_c):
            if c + 1 < n_c and not v_edge(c + 1, r):
                parent[find(r * n_c + c)] = find(r * n_c + c + 1)
            if r + 1 < n_r and not h_edge(r + 1, c):
                parent[find(r * n_c + c)] = find((r + 1) * n_c + c)
    cells: dict[int, Cell] = {}
    for r in range(n_r):
        for c in range(n_c):
            root = find(r * n_c + c)
            cell = cells.get(root)
            if cell is None:
                cells[root] = Cell(r, c, r, c)
            else:
                cell.r0, cell.c0, cell.r1, cell.c1 = min(cell.r0, r), min(cell.c0, c), max(cell.r1, r), max(cell.c1, c)
    slots = [[cells[find(r * n_c + c)] for c in range(n_c)] for r in range(n_r)]
    return Grid(xs, ys, slots)


def cell_text(cell: Cell) -> str:
    return "".join(ch.c for ch in cell.chars)


def grid_rows(grid: Grid) -> list[list[Cell | None]]:
    """Per grid row, the cell whose text each column shows (None: blank). A merged cell shows
    its text in every slot of a header row (no numbers), so column paths come out whole, and
    only in its first slot elsewhere, so no value is counted twice."""
    n_r = len(grid.slots)
    texts = {id(c): cell_text(c) for row in grid.slots for c in row}
    header = [not any(_NUMBER.match(texts[id(c)]) for c in row) for row in grid.slots]
    out = []
    for r in range(n_r):
        row: list[Cell | None] = []
        for c, cell in enumerate(grid.slots[r]):
            first = cell.r0 == r and cell.c0 == c
            show = first or (header[r] and header[cell.r0])
            row.append(cell if show and texts[id(cell)] else None)
        if any(row):
            out.append(row)
    return out


def _is_amount(t: str) -> bool:
    """A money cell; a bare integer other than 0 may be a code (201, 03, 2010301)."""
    return bool(_NUMBER.match(t)) and ("." in t or "," in t or t in ("0", "-"))


def label_after_values(grid: Grid) -> bool:
    """True when a column of labels follows a column of numbers (收入 | 支出 side by side): the
    tab-row parser reads one label column per row, so such tables are better space-aligned."""
    seen_num = False
    for k in column_kinds(grid):
        if k == "num":
            seen_num = True
        elif k == "text" and seen_num:
            return True
    return False


def column_kinds(grid: Grid) -> list[str]:
    """Per column: "num" (amounts), "text" (labels) or "" (empty or codes), from the data rows."""
    n_c = len(grid.xs) - 1
    kinds: list[str] = []
    data_rows = {r for r, row in enumerate(grid.slots) if any(_is_amount(cell_text(c)) for c in row)}
    for c in range(n_c):
        num = txt = 0
        for r, row in enumerate(grid.slots):
            cell = row[c]
            if cell.r0 != r or cell.c0 != c or r not in data_rows:
                continue
            t = cell_text(cell)
            if not t:
                continue
            if _is_amount(t):
                num += 1
            elif not _NUMBER.match(t):
                txt += 1
        kinds.append("num" if num > txt else "text" if txt else "")
    return kinds
