"""Multi-row headers → column paths (本年收入 > 一般公共预算) for grid tables, and header levels
an export left unprinted, named from the genre's standard splits when the numbers add up."""

from __future__ import annotations

from ..records import RawCell
from ..resources import table_headers
from .cells import EMPTY_VALUES, TOTAL, compact, decimals, parse_number

# share of the rows on which a named column must equal the sum of the unnamed ones after it before
# they are named as its standard split (fitted on the dev corpus: one misprinted row in ten is allowed)
_SUMS_HOLD_SHARE = 0.9


def header_paths(header: list[list[str]], ncols: int) -> list[str]:
    """Header rows of a grid → one path per column, parents first. A merged cell prints once, so
    its name spans the blank cells right of it that have children below."""
    grid = [r + [""] * (ncols - len(r)) for r in header]
    # a parent an export printed one cell early, over the last child of the group before it
    # (本年收入 … 其他收入 | 上年结转结余 over 小计 …), named or left unprinted (一般公共预算拨款 |
    # 上年结转安排 over a blank | 合计): a group starts at its 小计/合计
    for r in range(len(grid) - 1):
        below = [compact(x) for x in grid[r + 1]]
        for j in range(ncols - 1):
            last_child = (below[j] and not TOTAL.match(below[j])) or not any(grid[k][j] for k in range(r + 1, len(grid)))
            if grid[r][j] and not grid[r][j + 1] and last_child and TOTAL.match(below[j + 1]):
                if any(grid[r][k] for k in range(j)) and not TOTAL.match(compact(grid[r][j])):
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
            t = compact(grid[r][j])
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        paths.append(" > ".join(parts))
    return paths


def sum_holds(total: RawCell | None, parts: list[RawCell | None]) -> bool | None:
    """total = Σ parts within the rounding of the printed numbers; None when the row is blank there."""
    texts = [c.text for c in [total, *parts] if c is not None and c.text and c.text not in EMPTY_VALUES]
    if not texts:
        return None
    if any(parse_number(x) is None or "%" in x for x in texts):
        return False
    t = parse_number(total.text) if total is not None and total.text not in EMPTY_VALUES else None
    if t is None:
        return False
    s = sum(v for c in parts if c is not None and c.text not in EMPTY_VALUES and (v := parse_number(c.text)) is not None)
    tol = 0.5 * 10 ** -max(decimals(x) for x in texts) * len(texts) + 1e-9
    return abs(t - s) <= tol


def unprinted_level(names: list[str], rows: list[list[RawCell | None]], title: str) -> tuple[list[str], list[tuple[int, list[int]]]]:
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
            checks = [sum_holds(r[i], [r[k] for k in run]) for r in rows]
            seen = [x for x in checks if x is not None]
            both = any(sum(1 for k in run if r[k] is not None and r[k].text not in EMPTY_VALUES and parse_number(r[k].text)) >= 2 for r in rows)
            if len(seen) >= 2 and both and sum(seen) >= _SUMS_HOLD_SHARE * len(seen):
                for k, part in zip(run, split, strict=True):
                    out[k] = f"{p} > {part}"
                groups.append((i, run))
        i = j
    return out, groups


def parts_one_cell_late(cells: list[RawCell], total: int, parts: list[int]) -> None:
    """A row that printed its parts one cell right (2.35 | | 0.77 | 1.58 under 合计 | 基本 | 项目 |
    next column) while the other rows add up: move them back when that makes the sum hold."""
    nxt = parts[-1] + 1
    if nxt >= len(cells) or cells[parts[0]].text or not cells[nxt].text or sum_holds(cells[total], [cells[k] for k in parts]) is not False:
        return
    if sum_holds(cells[total], [cells[k] for k in parts[1:]] + [cells[nxt]]):
        moved = [cells[k] for k in parts[1:]] + [cells[nxt]]
        for k, c in zip(parts, moved, strict=True):
            cells[k] = c
        cells[nxt] = RawCell("", 0, 0)
