"""Column paths of pdftotext tables from their header lines.

pdftotext prints a header cell where it stood on the page, so a header drifts against its columns,
tall cells print between the lines of shorter ones and wrapped names break over lines. Paths are
read from the leaf line (the lowest line naming two or more columns), the tokens above it
(parents over runs of columns, tall leaves) and the side names of multi-sided tables."""

from __future__ import annotations

from bisect import bisect_left
from itertools import combinations
from math import comb

from ..records import RawCell, RawLine
from ..resources import table_headers
from .cells import INDEX_ROW, MAX_PLACEMENTS, WIDE

# Costs of fitting header names to columns (fitted on the dev corpus's pdftotext headers and
# their re-typeset variants): a header drifts a few columns as a whole, not one name at a time,
# and data rows fill columns from the left, so skipping an early header name is unlikely.
_SHIFT_COST = 0.5  # per display column of common drift
_SKIP_COST = 3.0  # per header name left of the last one used that no column takes


def _value_header_tokens(header_rows: list[RawLine]) -> list[list[RawCell]]:
    """Header tokens per line without those naming label or code columns (科目名称, 采购组织形式).

    pdftotext may wrap such a name (采购组织形 / 式) and, printing the short tail on a sparse line,
    move it away from its head; a tail of one or two characters that completes a label name with a
    token of a nearby line goes with it.
    """
    vocab = table_headers()

    def split(c: RawCell) -> tuple[RawCell, ...]:
        # two header names printed one space apart (公务用车购置 公务用车运行) are two cells
        if c.alt and all(len(p.text) >= 2 and WIDE.match(p.text[0]) and WIDE.match(p.text[-1]) for p in c.alt):
            return c.alt
        return (c,)

    lines = [[p for c in hr.cells if c.text and not INDEX_ROW.match(c.text) for p in split(c)] for hr in header_rows]
    drop: set[int] = set()
    for i, ln in enumerate(lines):
        for c in ln:
            if vocab.is_label(c.text):
                drop.add(id(c))
        for j in range(i + 1, min(i + 3, len(lines))):
            for a in ln:
                for b in lines[j]:
                    if len(b.text) <= 2 and id(b) not in drop and vocab.is_label(a.text + b.text):
                        drop.update((id(a), id(b)))
    return [[c for c in ln if id(c) not in drop] for ln in lines]


def _ordered_fit(xs: list[float], cx: list[float]) -> tuple[float, tuple[int, ...]]:
    """Columns (in order) for positions xs, and the shift, minimising the total distance.

    With more positions than columns (a header naming columns the data rows leave empty),
    the columns take the best-fitting positions and the rest get -1.
    """
    if not xs or not cx:
        return 0.0, ()
    best: tuple[float, float, tuple[int, ...]] | None = None
    if len(xs) <= len(cx):
        if comb(len(cx), len(xs)) > MAX_PLACEMENTS:
            return 0.0, ()
        for combo in combinations(range(len(cx)), len(xs)):
            diffs = sorted(x - cx[j] for x, j in zip(xs, combo, strict=False))
            sh = diffs[len(diffs) // 2]
            cost = sum(abs(d - sh) for d in diffs) + _SHIFT_COST * abs(sh)
            if best is None or cost < best[0] - 1e-9:
                best = (cost, sh, combo)
    else:
        if comb(len(xs), len(cx)) > MAX_PLACEMENTS:
            return 0.0, ()
        for pick in combinations(range(len(xs)), len(cx)):
            diffs = sorted(xs[i] - cx[j] for j, i in enumerate(pick))
            sh = diffs[len(diffs) // 2]
            # data rows fill columns from the left (合计 first): skipping an early header costs
            cost = sum(abs(d - sh) for d in diffs) + _SHIFT_COST * abs(sh) + _SKIP_COST * sum(1 for i in range(pick[-1]) if i not in pick)
            if best is None or cost < best[0] - 1e-9:
                mapping = [-1] * len(xs)
                for j, i in enumerate(pick):
                    mapping[i] = j
                best = (cost, sh, tuple(mapping))
    assert best is not None
    return best[1], best[2]


def _group_wrapped(tokens: list[tuple[int, RawCell]], leaf_i: int, n: int) -> list[tuple[float, str, int]]:
    """(center, text, first line) per header label; a label split over lines becomes one."""
    groups = [[t] for t in sorted(tokens, key=lambda t: (t[1].x0 + t[1].x1) / 2)]

    def span(g: list[tuple[int, RawCell]]) -> tuple[float, float]:
        return min(c.x0 for _, c in g), max(c.x1 for _, c in g)

    while len(groups) > n:
        best = None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                la = {li for li, _ in groups[a]}
                lb = {li for li, _ in groups[b]}
                if la & lb:
                    continue
                (a0, a1), (b0, b1) = span(groups[a]), span(groups[b])
                ov = min(a1, b1) - max(a0, b0)
                if ov <= 0:
                    continue
                on_leaf = (leaf_i in la) + (leaf_i in lb)  # merge around the leaf line last
                key = (on_leaf, -ov / max(1.0, min(a1 - a0, b1 - b0)))
                if best is None or key < best[0]:
                    best = (key, a, b)
        if best is None:
            break
        _, a, b = best
        groups[a] = groups[a] + groups[b]
        del groups[b]
        groups.sort(key=lambda g: (span(g)[0] + span(g)[1]) / 2)
    out = []
    for g in groups:
        x0, x1 = span(g)
        out.append(((x0 + x1) / 2, "".join(c.text for _, c in sorted(g, key=lambda t: (t[0], t[1].x0))), min(li for li, _ in g)))
    return out


def aligned_header_paths(header_rows: list[RawLine], centers: list[float], boundaries: list[float] | None = None) -> list[str]:
    """Column paths for pdftotext headers.

    pdftotext places text by physical position, so header and body drift by a few columns; a
    header line that names every column of a side fixes the shift. Per header line, a token
    over two or more columns is a parent (本年收入 > …), a token over one column is (part of) that
    column's label — consecutive parts are one label wrapped over lines (事业单位 / 经营收入) —
    and a token beside the columns (over the row-label area) names the side (收入 > 预算数).
    `boundaries`: left edges of the label blocks after the first (the sides of the table).
    """
    n = len(centers)
    if not n:
        return []
    bounds = sorted(boundaries or [])
    by_side: dict[int, list[int]] = {}
    for k in range(n):
        by_side.setdefault(bisect_left(bounds, centers[k] + 1e-9), []).append(k)
    multi_sided = len(by_side) > 1
    lines = _value_header_tokens(header_rows)
    side_names = _side_names(lines, by_side, bounds, centers) if multi_sided else {}
    paths: list[list[str]] = [[] for _ in range(n)]
    for s_i, side in sorted(by_side.items()):
        cx = [centers[k] for k in side]
        gap = min((b - a for a, b in zip(cx, cx[1:], strict=False)), default=24.0)
        lo, hi = (cx[0] - 2.5 * gap, cx[-1] + 1.5 * gap) if multi_sided else (-1e9, 1e9)
        if multi_sided:
            lo = max(lo, 0) if s_i == 0 else max(lo, bounds[s_i - 1] - 2)
            hi = bounds[s_i] if s_i < len(bounds) else hi
        side_lines = [[c for c in ln if lo <= (c.x0 + c.x1) / 2 <= hi] for ln in lines]
        if not any(side_lines):
            for k in side:
                paths[k] = list(side_names.get(s_i, []))
            continue
        # the lowest line naming the most columns holds the leaves; fit the drift on it
        # leaves: the lowest header line naming two or more columns (tall cells such as 合计 sit
        # higher up, beside the parents of the lowest line)
        multi = [i for i, ln in enumerate(side_lines) if len(ln) >= 2]
        leaf_i = multi[-1] if multi else max(range(len(side_lines)), key=lambda i: (len(side_lines[i]), i))
        virtual = _header_leaves(side_lines, leaf_i)
        if len(virtual) > len(cx):
            # the header names more columns than any row fills (公务用车 > 小计 | 购置费 | 运行费 all
            # blank): paths from the header's own columns; each value column takes the header
            # column its position fits, in order
            _, pick = _ordered_fit([v[0] for v in virtual], cx)
            for vi, j in enumerate(pick):
                if j >= 0:
                    paths[side[j]] = [*side_names.get(s_i, []), *virtual[vi][1]]
            continue
        shift, leaf_combo = _ordered_fit([(c.x0 + c.x1) / 2 for c in side_lines[leaf_i]], cx)
        claimed = {j for j in leaf_combo if j >= 0}
        global_parents, parents, rest = _header_roles(side_lines, cx, gap, leaf_i, shift, claimed)
        # the remaining tokens are leaf labels, some wrapped over lines: group overlapping
        # tokens of different lines until there are as many groups as columns, then fit in order
        groups = _group_wrapped(rest, leaf_i, len(cx))
        _, combo = _ordered_fit([g[0] for g in groups], cx)
        # all leaves in order may place the leaf line elsewhere than its own fit did (a header
        # drifting far from its columns): then the parents are read again from that placement
        on_leaf = [(j, g[0]) for j, g in zip(combo, groups, strict=False) if j >= 0 and g[2] == leaf_i]
        if on_leaf and {j for j, _ in on_leaf} != claimed:
            diffs = sorted(x - cx[j] for j, x in on_leaf)
            shift, claimed = diffs[len(diffs) // 2], {j for j, _ in on_leaf}
            global_parents, parents, rest = _header_roles(side_lines, cx, gap, leaf_i, shift, claimed)
            groups = _group_wrapped(rest, leaf_i, len(cx))
        _, combo = _ordered_fit([g[0] for g in groups], cx)
        leaf_text = {j: g[1] for j, g in zip(combo, groups, strict=False) if j >= 0}
        first_line = {j: g[2] for j, g in zip(combo, groups, strict=False) if j >= 0}
        for i, k in enumerate(side):
            independent = first_line.get(i, leaf_i) <= leaf_i - 2  # a tall header cell of its own
            path = [] if independent else [t for _, t in global_parents]
            path[:0] = side_names.get(s_i, [])
            path += [t for _, t in sorted(parents.get(i, []))]
            path = list(dict.fromkeys(path))
            leaf = leaf_text.get(i, "")
            if leaf and (not path or path[-1] != leaf):
                path.append(leaf)
            paths[k] = path
    return [" > ".join(p) or f"列{k + 1}" for k, p in enumerate(paths)]


def _header_leaves(side_lines: list[list[RawCell]], leaf_i: int) -> list[tuple[float, list[str]]]:
    """The header's own columns in order, as (position, path), read from the header alone.

    Pieces of one wrapped name on different lines (机关运行经费预算 / 数) join when they overlap
    by half the narrower piece and the lower piece is not the wider (a wrapped tail never is). A lone name on the top line is the parent of every column except
    a wrapped name starting two or more lines above the leaf line (a tall column of its own).
    Below it, a lone single-line name is a parent (公务用车购置及运行费), as is a name reaching
    over two or more leaf-line names or standing inside their span; the rest are tall leaves
    (合计 | 因公出国(境)费 | 公务接待费) printed above the leaf line or beyond its ends. Empty when the header has lines below its leaf line.
    """
    leaf_line = side_lines[leaf_i]
    if len(leaf_line) < 2 or any(side_lines[leaf_i + 1 :]) or any(len(c.text) < 2 for c in leaf_line):
        return []  # wrapped tails (费 | 维护费) on the lowest line: the header's columns are not clear
    top = next(i for i, ln in enumerate(side_lines) if ln)
    tops = side_lines[top] if top < leaf_i and len(side_lines[top]) == 1 else []
    xs = [(c.x0 + c.x1) / 2 for c in leaf_line]
    margin = 0.5 * min(b - a for a, b in zip(xs, xs[1:], strict=False))
    groups: list[list[tuple[int, RawCell]]] = []
    for li in range(top + (1 if tops else 0), leaf_i):
        for c in side_lines[li]:
            home = None
            for g in groups:
                if g[-1][0] < li and c.x1 - c.x0 <= g[-1][1].x1 - g[-1][1].x0:
                    a0, a1 = min(t.x0 for _, t in g), max(t.x1 for _, t in g)
                    if min(c.x1, a1) - max(c.x0, a0) >= 0.5 * min(c.x1 - c.x0, a1 - a0):
                        home = g
            if home is not None:
                home.append((li, c))
            else:
                groups.append([(li, c)])
    parents: list[tuple[int, str, list[int]]] = []
    out: list[tuple[float, int, list[str]]] = []

    def interior(c: RawCell) -> bool:
        return xs[0] + margin / 2 < (c.x0 + c.x1) / 2 < xs[-1] - margin / 2

    for g in groups:
        li, c = g[0]
        reach = [k for k, x in enumerate(xs) if c.x0 - margin <= x <= c.x1 + margin]
        if len(g) == 1 and interior(c) and len(side_lines[li]) > 1:
            # over the leaf line's span beside other names (合计 | 基本支出 | 项目支出): the parent
            # of the leaf-line names nearer to it than to any other such name of its line
            rivals = [t for t in side_lines[li] if interior(t)]
            reach = [k for k, x in enumerate(xs) if min(rivals, key=lambda t: abs((t.x0 + t.x1) / 2 - x)) is c]
        if len(g) == 1 and (len(side_lines[li]) == 1 or len(reach) >= 2 or interior(c)):
            parents.append((li, c.text, reach))
            continue
        own = li <= leaf_i - 2 and len(g) > 1
        x = sum((t.x0 + t.x1) / 2 for _, t in g) / len(g)
        out.append((x, li, ([] if own else [t.text for t in tops]) + ["".join(t.text for _, t in g)]))
    for k, c in enumerate(leaf_line):
        out.append((xs[k], leaf_i, [t.text for t in tops] + [p for _, p, r in sorted(parents) if k in r] + [c.text]))
    out.sort(key=lambda o: (o[0], o[1]))
    return [(x, path) for x, _, path in out]


def _header_roles(
    side_lines: list[list[RawCell]], cx: list[float], gap: float, leaf_i: int, shift: float, claimed: set[int]
) -> tuple[list[tuple[int, str]], dict[int, list[tuple[int, str]]], list[tuple[int, RawCell]]]:
    """Header tokens above the leaf line as (parents of the whole side, parents of runs of
    columns, leaf-label tokens), given the drift `shift` and the columns the leaf line names."""
    margin = max(2.0, 0.35 * gap)
    global_parents: list[tuple[int, str]] = []
    parents: dict[int, list[tuple[int, str]]] = {}
    runs: dict[tuple[int, ...], list[tuple[int, str]]] = {}
    rest: list[tuple[int, RawCell]] = []
    top = next(i for i, ln in enumerate(side_lines) if ln)
    for li, ln in enumerate(side_lines):
        for c in ln:
            x0, x1 = c.x0 - shift, c.x1 - shift
            mid = (x0 + x1) / 2
            value_area = [t for t in ln if (t.x0 + t.x1) / 2 - shift >= cx[0] - 0.6 * gap]
            alone = (li == top and value_area == [c]) or (len(cx) == 1 and ln == [c])  # one column: any lone upper token
            if li < leaf_i and alone and cx[0] - gap <= mid <= cx[-1] + 0.5 * gap:
                global_parents.append((li, c.text))  # 收入预算 over every column of its side
                continue
            covered = [i for i, x in enumerate(cx) if x0 - margin <= x <= x1 + margin]
            order = sorted(range(len(cx)), key=lambda i: abs(cx[i] - mid))
            if li < leaf_i:
                free_near = [i for i in order if i not in claimed and abs(cx[i] - mid) <= gap]
                if not free_near and order[0] in claimed:
                    # centred over leaf columns it does not name itself (基本支出 over
                    # 小计 | 人员经费 | 公用经费): the parent of that run of leaf columns
                    lo_i = hi_i = order[0]
                    while lo_i - 1 in claimed:
                        lo_i -= 1
                    while hi_i + 1 in claimed:
                        hi_i += 1
                    if hi_i > lo_i and cx[lo_i] - 0.5 * gap <= mid <= cx[hi_i] + 0.5 * gap:
                        covered = sorted(set(covered) | set(range(lo_i, hi_i + 1)))
            if li < leaf_i and order[0] not in claimed and (len([i for i in covered if i not in claimed]) < 2 or abs(cx[order[0]] - mid) <= 0.3 * gap):
                # a tall leaf printed above the leaf line (因公出国(境)费 beside 公用车 > 小计):
                # centred on one free column, or wide enough to reach a claimed neighbour
                covered = []
            if li < leaf_i and len(covered) >= 2:
                runs.setdefault(tuple(covered), []).append((li, c.text))
                continue
            rest.append((li, c))
    for run, toks in runs.items():
        # a header cell with one child is not how tables are drawn: of two lone parents over the
        # same run (预算数 over 基本支出 over 人员经费 | 公用经费), the upper one spans the side
        toks.sort()
        while len(toks) > 1 and len(side_lines[toks[0][0]]) == 1:
            global_parents.append(toks.pop(0))
        for i in run:
            parents.setdefault(i, []).extend(toks)
    global_parents.sort()
    return global_parents, parents, rest


def _side_names(lines: list[list[RawCell]], by_side: dict[int, list[int]], bounds: list[float], centers: list[float]) -> dict[int, list[str]]:
    """Side names on the top header line when it names fewer sides than the table has
    (收入 | 支出 over 功能分类 and 支出用途): each side takes the name nearest to it. Sides sharing
    a name take the tokens of the next line in order when that line has one per side, since
    pdftotext may print a sparse line far from where its cells are. Consumed tokens are removed
    from `lines`."""
    tops = [i for i, ln in enumerate(lines) if ln]
    if not tops:
        return {}
    top = lines[tops[0]]
    if not 2 <= len(top) < len(by_side):
        return {}
    out: dict[int, list[str]] = {}
    owner: dict[int, int] = {}
    for s_i, side in by_side.items():
        left = bounds[s_i - 1] if s_i > 0 else 0.0
        mid = (left + centers[side[-1]]) / 2
        k = min(range(len(top)), key=lambda j: abs((top[j].x0 + top[j].x1) / 2 - mid))
        out[s_i] = [top[k].text]
        owner[s_i] = k
    lines[tops[0]] = []
    if len(tops) > 1:
        nxt = lines[tops[1]]
        for k in set(owner.values()):
            group = sorted(s_i for s_i, o in owner.items() if o == k)
            if len(group) < 2:
                continue
            left = (bounds[group[0] - 1] if group[0] > 0 else 0.0) - 2
            right = bounds[group[-1]] if group[-1] < len(bounds) else 1e9
            toks = [c for c in nxt if left <= (c.x0 + c.x1) / 2 < right]
            if len(toks) == len(group):
                for s_i, c in zip(group, toks, strict=False):
                    out[s_i].append(c.text)
                lines[tops[1]] = [c for c in nxt if c not in toks]
    return out
