"""Row hierarchy: the rows a row is part of (`TableCell.row_path`).

Tables repeat labels under different parents (一、本年收入 / 一般公共预算拨款收入 and 二、上年结转 /
一般公共预算拨款收入), so a label alone does not say which amount a cell is. The genre marks parents
in three ways, read here in order of reliability:

- classification codes: 2080505 is part of 20805, which is part of 208;
- item numbering: 一、 > （一） > 1. > （1）; a numbered row is part of the nearest row above it
  numbered at a higher level;
- 其中： a 其中 row is part of the row just above it.

Unnumbered rows after a numbered row (一、本年收入 followed by 一般公共预算拨款收入 …) are its
parts only when the numbers say so: on every column where both print amounts the numbered row
equals the sum of the run (within the rounding of the printed numbers) and at least one such
column is non-zero. Otherwise they stand beside it. A total row (合计, 收入总计) closes every group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import RawCell
from .cells import EMPTY_VALUES, TOTAL, parse_number
from .headers import sum_holds

PATH_SEP = " > "  # as in column paths

# item numbering by level, outermost first (一、 （一） 1. （1）)
_LEVELS = (
    re.compile(r"^[一二三四五六七八九十廿]{1,3}[、.．]"),
    re.compile(r"^[（(][一二三四五六七八九十廿]{1,3}[）)]"),
    re.compile(r"^\d{1,2}[.．、](?!\d)"),
    re.compile(r"^[（(]\d{1,3}[）)]"),
)
_SUBITEM = re.compile(r"^其中\s*[:：]")


@dataclass(frozen=True, slots=True)
class RowEntry:
    """What the hierarchy needs of one row on one side of a table."""

    raw: str  # the label as printed (with its numbering)
    label: str  # the cleaned label, as the cells carry it
    code: str | None
    values: tuple[RawCell | None, ...]  # the side's value cells, in column order


def numbering_level(raw: str) -> int | None:
    """1 for 一、, 2 for （一）, 3 for 1., 4 for （1）; None for an unnumbered label."""
    s = raw.lstrip()
    return next((k + 1 for k, rx in enumerate(_LEVELS) if rx.match(s)), None)


def _nonzero(c: RawCell | None) -> bool:
    return c is not None and c.text not in EMPTY_VALUES and bool(parse_number(c.text))


def _run_adds_up(rows: list[RowEntry], i: int) -> bool:
    """Whether the unnumbered rows right after numbered row i sum to it (see the module doc)."""
    run: list[RowEntry] = []
    for r in rows[i + 1 :]:
        if not r.label:
            continue
        if TOTAL.search(r.label) or numbering_level(r.raw) is not None or r.code:
            break
        if not _SUBITEM.match(r.raw):  # a 其中 row is a part of a part: counted in the part already
            run.append(r)
    if not run:
        return False
    parent = rows[i].values
    checks = [(j, sum_holds(parent[j], [r.values[j] if j < len(r.values) else None for r in run])) for j in range(len(parent))]
    seen = [(j, ok) for j, ok in checks if ok is not None]
    return bool(seen) and all(ok for _, ok in seen) and any(_nonzero(parent[j]) for j, _ in seen)


def row_paths(rows: list[RowEntry]) -> list[str]:
    """The path of parent labels (outermost first, joined by " > ") of each row; "" at top level."""
    paths = [""] * len(rows)
    stack: list[tuple[int, str]] = []  # open numbered rows: (level, label)
    by_code: dict[str, str] = {}
    adopted: str | None = None  # the path unnumbered rows take after a numbered row they add up to
    last = ""  # the path a 其中 row takes: the row above it, with its own path
    for i, r in enumerate(rows):
        if not r.label:
            continue
        if TOTAL.search(r.label):
            stack.clear()
            adopted, last = None, r.label
            continue
        if r.code:
            parents = [by_code[r.code[:k]] for k in (3, 5) if k < len(r.code) and r.code[:k] in by_code]
            by_code[r.code] = r.label
            paths[i] = PATH_SEP.join(parents)
            last = PATH_SEP.join([*parents, r.label])
            continue
        if _SUBITEM.match(r.raw):
            paths[i] = last
            continue
        level = numbering_level(r.raw)
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            paths[i] = PATH_SEP.join(x for _, x in stack)
            stack.append((level, r.label))
            adopted = PATH_SEP.join(x for _, x in stack) if _run_adds_up(rows, i) else None
        else:
            paths[i] = adopted if adopted is not None else PATH_SEP.join(x for _, x in stack[:-1])
        last = PATH_SEP.join(p for p in (paths[i], r.label) if p)
    return paths
