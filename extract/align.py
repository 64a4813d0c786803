"""Prose facts ↔ table cells: each amount its table entry, or an honest abstention.

Candidates are scored on three things — the name (metric taxonomy, synonym lexicon, rapidfuzz
similarity of normalised labels), the value (equal after unit conversion and rounding to the
fact's stated precision) and the fit of table and column (a 基本支出 fact belongs in a basic-
expenditure table, a total in a total column, a 三公 item in the 三公 table, a (款)(项) amount in
the functional table, the funding source the sentence names). A candidate on the other side of
the budget (an expenditure fact, an income cell) is never taken; a project's amount finds the
funds row of its 绩效目标表 by the form's 项目名称. Without an agreeing value, a mismatch is claimed
only for a strong name and a near miss; otherwise the fact is left unaligned, with the reason counted.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from .records import Fact, TableCell
from .resources import _load_json
from .taxonomy import metric_for, norm_label

MONEY = {"元": 1.0, "万元": 1e4, "亿元": 1e8, "千元": 1e3, "百万元": 1e6}
# at most this many same-named cells (and 绩效 form funds rows) are weighed per fact, the ones
# nearest to it in the text: keeps a very long document (a compilation of many departments)
# linear. The dev corpus's largest same-named group is 77 cells (一般行政管理事务), so it is untouched.
NEAREST_CELLS = 96
_PRIOR = re.compile(r"执行数|上年(?!结转|结余)|去年|决算数")  # 上年结转 is this year's income
_TOTAL_COL = re.compile(r"合计|总计|预算数|金额|小计|^本年|预算$")
_FIGURES = re.compile(r"(?:预算数|预算安排|年初预算|决算数|支出决算|执行数)$")


@dataclass(frozen=True, slots=True)
class Alignment:
    doc_id: str
    fact_id: str
    table_id: str
    row_label: str
    column: str
    table_value: float
    fact_value: float
    score: float
    status: str  # consistent | mismatch
    why: str = ""
    table_title: str = ""
    cell_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]
        d["cell_span"] = list(self.cell_span) if self.cell_span else None
        return d


@dataclass
class AlignStats:
    aligned: int = 0
    abstained: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


def _keyed(labels: list[str], i: int, out: dict[str, int]) -> None:
    for label in labels:
        out[norm_label(label)] = i
        out[_name_key(label)] = i


@cache
def _synonyms() -> dict[str, int]:
    """Label → group: labels of one group name the same item."""
    out: dict[str, int] = {}
    for i, group in enumerate(_load_json("synonyms.json")["groups"]):
        _keyed(group, i, out)
    return out


@cache
def _related() -> tuple[dict[str, int], dict[str, int]]:
    """(prose label → group, table label → group): a prose 公用经费 may be shown as a 商品和服务支出 row."""
    prose: dict[str, int] = {}
    table: dict[str, int] = {}
    for i, rel in enumerate(_load_json("synonyms.json").get("related", [])):
        _keyed(rel["prose"], i, prose)
        _keyed(rel["table"], i, table)
    return prose, table


_YEARS = re.compile(r"(?:19|20)\d{2}年度?")
_TRAILING_TAG = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z]$")  # 货物A / 工程B / 服务C


# 公务接待费预算支出, 机关运行费预算: a 费 item is the same with or without the words for spending;
# 政府性基金支出预算支出, 基本支出预算: so is a 支出 item (if a name of four characters or more is left)
_FEE_TAIL = re.compile(r"(?<=费)(?:预算支出|支出预算|预算|支出)$|(?<=.{2}支出)(?:预算支出|预算)$")


def _name_key(s: str) -> str:
    n = _TRAILING_TAG.sub("", _YEARS.sub("", norm_label(s)))
    n = _FIGURES.sub("", n) or n
    return _FEE_TAIL.sub("", n)


def name_similarity(subject: str, label: str) -> tuple[float, str]:
    """(0..1, how): exact, synonym, metric, or fuzzy."""
    from rapidfuzz import fuzz

    a, b = _name_key(subject), _name_key(label)
    if not a or not b:
        return 0.0, "none"
    if a == b:
        return 1.0, "exact"
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)) and _prefix_ok(a, b):
        return 0.96, "prefix"
    syn = _synonyms()
    if a in syn and syn.get(b) == syn[a]:
        return 0.95, "synonym"
    ma, mb = metric_for(a), metric_for(b)
    if ma and ma == mb:
        return 0.9, "metric"
    if _reordered(a, b):
        return 0.88, "reordered"
    return fuzz.ratio(a, b) / 100.0 * 0.85, "fuzzy"


def _reordered(a: str, b: str) -> bool:
    """The same characters in another order (words swapped): 居民医疗保险项目经费 ~ 居民医疗保险经费项目."""
    return len(a) >= 6 and len(a) == len(b) and sorted(a) == sorted(b)


_ROW_TOTAL = re.compile(r"^(?:(?:收入|支出|本年收入|本年支出)?(?:合计|总计)|小计|)$|(?:局|厅|院|办公室|办事处|委员会|中心|单位)(?:本级|机关)?$")


def _names_of(c: TableCell) -> list[str]:
    """What a cell is called: its row label; in a total or unit row (三公 tables: 合计 | 因公出国（境）费 |
    公务接待费) also its column's own name."""
    names = [c.row_label] if c.row_label else []
    if _ROW_TOTAL.search(c.row_label.replace(" ", "")):
        path = c.column.split(" > ")
        leaf = path[-1]
        if leaf and not re.fullmatch(r"列\d+|合计|金额|预算数|总计|小计", leaf):
            names.append(leaf)
            if len(path) >= 2 and (full := _under_parent(leaf, path[-2])):
                names.append(full)
        if _SOURCES.fullmatch(norm_label(leaf)) and len(path) >= 2:
            names.append(path[-2])  # 上年结转结余 > 一般公共预算: the carry-over, of one source
        elif leaf in ("合计", "小计") and len(path) >= 2:
            names.append(path[-2])  # “三公”经费预算数 > 合计, 公务用车购置及运行费 > 小计
        elif (_GRAND_TOTAL.match(c.row_label.replace(" ", "")) or leaf in ("合计", "总计")) and (core := _table_core(c.table_title)):
            names.extend(_cores(core))  # 一般公共预算支出表 | 合计 → 一般公共预算支出; 三公经费支出表 | 上饶市医疗保障局 | 合计
    return names


def _under_parent(leaf: str, parent: str) -> str | None:
    """A leaf that names one part of its parent: 公务用车购置及运行费 > 购置费 → 公务用车购置费."""
    stem = leaf.removesuffix("费")
    if len(stem) < 2 or len(leaf) > 5:
        return None
    at = parent.find(stem)
    if at <= 0:
        return None
    prefix = parent[:at]
    if prefix[-1] in "及和与" and len(prefix) > 3:
        prefix = prefix[:-3]  # …购置及 | 运行费: drop the first part, almost always a two-character word
    return prefix + leaf


_GRAND_TOTAL = re.compile(r"^(?:收入|支出|本年收入|本年支出)?(?:合计|总计)$")
_SOURCE_PREFIX = re.compile(r"^(?:一般公共预算)?(?:财政拨款)?")


def _cores(core: str) -> list[str]:
    """A table's core name, and without the funding source it is paid from (财政拨款三公经费支出 → 三公经费支出)."""
    bare = _SOURCE_PREFIX.sub("", core)
    return [core, bare] if bare != core and len(bare) >= 4 else [core]


@lru_cache(maxsize=4096)
def _table_core(title: str) -> str:
    """What a table is the total of: 表5.青山区医疗保障局2022年一般公共预算支出表 → 一般公共预算支出."""
    t = re.sub(r"^表\s*\d+[.．]?", "", title)
    t = re.sub(r"^.*?\d{4}年度?", "", t)
    t = re.sub(r"^(?:部门|单位)", "", t)
    t = re.sub(r"(?:[（(][^）)]*[）)])?$", "", t)
    t = re.sub(r"(?:功能分类|经济分类|功能科目|经济科目)?(?:预算)?表$", "", t)
    return t if len(t) >= 4 else ""


def _prefix_ok(a: str, b: str) -> bool:
    """A bare funding source (一般公共预算) is the prefix of a longer name only through a figure word
    (一般公共预算拨款收入), not of another item paid from it (一般公共预算安排三公经费支出)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return not _SOURCES.fullmatch(short) or len(long_) - len(short) <= 4


def _name_matrix(subjects: list[str], labels: list[str], *, floor: float = 0.75) -> dict[str, dict[str, tuple[float, str]]]:
    """subject → {label: (similarity, how)} for every pair at or above `floor`.

    Exact, synonym and metric matches come from dictionaries; fuzzy ones from one
    `rapidfuzz.process.cdist` over the distinct keys.
    """
    from rapidfuzz import fuzz, process

    skeys = [_name_key(s) for s in subjects]
    lkeys = [_name_key(lb) for lb in labels]
    syn, (rel_prose, rel_table) = _synonyms(), _related()
    lmetric = [metric_for(k) if k else None for k in lkeys]
    out: dict[str, dict[str, tuple[float, str]]] = {s: {} for s in subjects}
    fuzzy = process.cdist(skeys, lkeys, scorer=fuzz.ratio, score_cutoff=floor / 0.85 * 100, workers=1) if skeys and lkeys else None
    # which labels can match a subject at all, by each rule's key: only those pairs are compared
    index: dict[tuple[str, str], list[int]] = {}
    for j, b in enumerate(lkeys):
        if not b:
            continue
        keys = [("exact", b), ("bare", b.replace("预算", "")), ("sorted", "".join(sorted(b)))]
        if len(b) >= 4:
            keys.append(("head", b[:4]))
        if (g := syn.get(b)) is not None:
            keys.append(("syn", str(g)))
        if lmetric[j]:
            keys.append(("metric", lmetric[j]))
        if (r := rel_table.get(b)) is not None:
            keys.append(("rel", str(r)))
        for k in keys:
            index.setdefault(k, []).append(j)
    for i, (subj, a) in enumerate(zip(subjects, skeys, strict=False)):
        if not a:
            continue
        sa = syn.get(a)
        ma = metric_for(a)
        ra = rel_prose.get(a)
        cand: set[int] = set()
        for k in (("exact", a), ("bare", a.replace("预算", "")), ("sorted", "".join(sorted(a))), ("head", a[:4]) if len(a) >= 4 else None,
                  ("syn", str(sa)) if sa is not None else None, ("metric", ma) if ma else None, ("rel", str(ra)) if ra is not None else None):
            if k is not None:
                cand.update(index.get(k, ()))
        if fuzzy is not None:
            cand.update(int(j) for j in fuzzy[i].nonzero()[0])
        row = out[subj]
        for j in sorted(cand):
            label, b = labels[j], lkeys[j]
            if not b:
                continue
            if a == b:
                row[label] = (1.0, "exact")
            elif a.replace("预算", "") == b.replace("预算", "") and len(b) >= 4:
                row[label] = (0.98, "exact")  # 财政拨款预算支出 ~ 财政拨款支出
            elif min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)) and _prefix_ok(a, b):
                row[label] = (0.96, "prefix")  # 一般公共预算收入 ~ 一般公共预算, 行政运行支出 ~ 行政运行
            elif sa is not None and syn.get(b) == sa:
                row[label] = (0.95 + (0.01 if b.endswith("总计") else 0.0), "synonym")  # a total is the 总计 row
            elif ma and ma == lmetric[j]:
                row[label] = (0.9, "metric")
            elif ra is not None and rel_table.get(b) == ra:
                row[label] = (0.85, "related")  # below the 0.9 a mismatch needs: it aligns only on equal values
            elif _reordered(a, b):
                row[label] = (0.88, "reordered")  # 一般行政事务管理 ~ 一般行政管理事务: below 0.9, so equal values only
            elif fuzzy is not None and fuzzy[i, j] > 0:
                row[label] = (float(fuzzy[i, j]) / 100.0 * 0.85, "fuzzy")
    return out


# the funds rows of a per-project 绩效目标表: the project's own amount, named by the form's 项目名称
_FUNDS_ROW = re.compile(r"^(?:年度资金总额|本年度预算金额|项目总金额|资金总额|年度预算金额|项目资金总额)[:：]?$")
_HEADING_NO = re.compile(r"^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")
_BRACKETED = re.compile(r"[（(][^）)]{1,8}[）)]")


@lru_cache(maxsize=4096)
def _project_key(s: str) -> str:
    """A project name without numbering, tags, years or the words 项目/预算安排: prose and form
    word it differently (居民医疗保险项目经费 ~ 居民医疗保险经费项目; 3.（上年结转）2023年医保基金监管 ~ 医保基金监管项目)."""
    s = _HEADING_NO.sub("", s.strip())
    s = _BRACKETED.sub("", s)
    s = _YEARS.sub("", norm_label(s)).replace("项目", "")
    s = re.sub(r"(?:预算安排|预算)$", "", s)
    return re.sub(r"\d+$", "", s)  # 追加…收回资金1 / 追加…收回资金2: prose numbers same-named projects


@lru_cache(maxsize=65536)
def project_similarity(subject: str, section: str, project: str) -> float:
    """How well a fact names a project: by its subject, or by the heading it stands under
    (⑥年度预算安排：20.0万元 under 1.2024年打击欺诈骗取医疗保障基金行为举报奖励金)."""
    p = _project_key(project)
    if len(p) < 4:
        return 0.0
    best = 0.0
    for text, weight in ((subject, 1.0), (section.split(" > ")[-1] if section else "", 0.97)):
        k = _project_key(text)
        if len(k) < 4:
            continue
        if k == p:
            sim = 1.0
        elif min(len(k), len(p)) >= 6 and (k.startswith(p) or p.startswith(k)):
            sim = 0.96  # a heading cut by the line end, a trailing 项目经费
        else:
            continue
        best = max(best, sim * weight)
    return best


def _side(text: str) -> str | None:
    """收入 or 支出 when a text names only one side of the budget."""
    inc, exp = "收入" in text, "支出" in text
    return "收入" if inc and not exp else "支出" if exp and not inc else None


@cache
def _group_sides() -> dict[int, str]:
    """Synonym group → the side all its members that name one are on (财政拨款 is in the 财政拨款收入 group)."""
    out: dict[int, str] = {}
    for i, group in enumerate(_load_json("synonyms.json")["groups"]):
        sides = {sd for label in group if (sd := _side(label))}
        if len(sides) == 1:
            out[i] = sides.pop()
    return out


@lru_cache(maxsize=65536)
def _cell_side(label: str, column: str) -> str | None:
    """The side of a cell from its name, its column (收入 > 金额), or its name's synonym group."""
    if sd := _side(label) or _side(column):
        return sd
    g = _synonyms().get(_name_key(label))
    return _group_sides().get(g) if g is not None else None


def decimals(surface: str) -> int:
    m = re.search(r"\.(\d+)", surface.replace(",", ""))
    return len(m.group(1)) if m else 0


def values_agree(fact: Fact, cell: TableCell, places: int | None = None) -> tuple[bool, float]:
    """Equal after converting the cell to the fact's unit and rounding to the fact's precision."""
    if fact.value is None or fact.unit not in MONEY:
        return False, float("nan")
    if cell.unit is None:
        in_fact_unit = cell.value  # no 单位 line: read it in the prose's unit
    elif cell.unit in MONEY:
        in_fact_unit = cell.value * MONEY[cell.unit] / MONEY[fact.unit]
    else:
        return False, float("nan")
    if places is None:
        places = decimals(fact.surface or str(fact.value))
    tol = 0.5 * 10 ** (-places) + 1e-9
    return abs(round(in_fact_unit, places) - fact.value) <= tol or abs(in_fact_unit - fact.value) <= tol, in_fact_unit


def _table_fit(fact: Fact, cell: TableCell) -> float:
    return _fit(norm_label(fact.subject), norm_label(fact.section), cell.table_title, cell.column)


# the funds a budget is paid from; prose naming one (政府性基金预算财政拨款本年收入0万元、上年结转0万元)
# means that source's column
_SOURCES = re.compile(r"一般公共预算(?:拨款|财政拨款)?|政府性基金(?:预算)?(?:拨款|财政拨款)?|国有资本经营预算(?:拨款|财政拨款)?")


def _sources(text: str) -> frozenset[str]:
    return frozenset(m.group()[:4] for m in _SOURCES.finditer(text))


# 因公出国（境）费, 公务用车…, 公务接待费: items of the 三公 table
_SANGONG = re.compile(r"三公|因公出国|公务用车|公务接待")
# 行政事业单位离退休（款）机关事业单位基本养老保险缴费（项）: prose quoting the functional classification
_FUNCTIONAL = re.compile(r"[（(](?:类|款|项)[）)]")


@lru_cache(maxsize=65536)
def _fit(subj: str, section: str, table_title: str, column: str, functional: bool = False, source: str = "") -> float:
    score = 0.5
    title = norm_label(table_title)
    if "基本支出" in subj + section.split(">")[-1] and "基本支出" in title:
        score += 0.3  # (二)公用经费 under 财政拨款基本支出预算情况: the basic-expenditure table
    if _SANGONG.search(subj + section) and "三公" in title:
        score += 0.3
    if source and (cs := _sources(norm_label(column))):
        score += 0.3 if source in cs else -0.3
    if functional and "功能" in title:
        score += 0.3
    elif functional and "经济" in title:
        score -= 0.2
    if "财政拨款" in subj and "财政拨款" in title:
        score += 0.2
    if _TOTAL_COL.search(column.split(" > ")[-1]):
        score += 0.2
    return min(score, 1.0)


class _Nearest:
    """The NEAREST_CELLS cells closest to a text position, in their original order."""

    def __init__(self, cells: list[TableCell]) -> None:
        order = sorted(range(len(cells)), key=lambda i: cells[i].span[0] if cells[i].span else -1)
        self.cells = cells
        self.order = order
        self.pos = [cells[i].span[0] if cells[i].span else -1 for i in order]

    def around(self, pos: int) -> list[TableCell]:
        lo = hi = bisect.bisect_left(self.pos, pos)
        while hi - lo < NEAREST_CELLS and (lo > 0 or hi < len(self.pos)):
            if lo > 0 and (hi >= len(self.pos) or pos - self.pos[lo - 1] <= self.pos[hi] - pos):
                lo -= 1
            else:
                hi += 1
        return [self.cells[i] for i in sorted(self.order[lo:hi])]


def align(
    facts: list[Fact], cells: list[TableCell], *, near_miss: float = 0.02, stats: AlignStats | None = None, projects: dict[str, str] | None = None
) -> list[Alignment]:
    """Align money amounts to table cells.

    An agreeing cell with a good name wins (consistent). Without one, a mismatch is claimed only
    for a strong name match whose value is a near miss (within `near_miss` relative difference,
    e.g. 4302.43 vs 4302.44): a larger difference more likely means another entry (a project's
    own 商品和服务支出, a different year) than a wrong number, so the fact is left unaligned.

    `projects` (table_id → 项目名称 of a per-project 绩效目标表) lets a project's amount find the
    form's 年度资金总额 / 本年度预算金额 row, whose own label never names the project.
    """
    stats = stats if stats is not None else AlignStats()
    # a table without a 单位 line may still be the one the prose quotes: such cells can only
    # agree (same number), never be called a mismatch
    money_cells = [c for c in cells if (c.unit or "") in MONEY or c.unit is None]
    out: list[Alignment] = []

    def abstain(reason: str) -> None:
        stats.abstained += 1
        stats.reasons[reason] = stats.reasons.get(reason, 0) + 1

    # last year's execution (预算执行数, 上年决算) is never in this year's tables
    amounts = [f for f in facts if f.kind == "amount" and f.unit in MONEY and f.value is not None and f.subject and not _PRIOR.search(f.subject)]
    if not amounts:
        return out
    # names are compared once per distinct subject and label, not per fact and cell
    by_label: dict[str, list[TableCell]] = {}
    for c in money_cells:
        for name in _names_of(c):
            by_label.setdefault(name, []).append(c)
    # the first amount of a table's 合计 row is the table's total, whatever its (maybe garbled) column says
    first: dict[str, TableCell] = {}
    for c in money_cells:
        if c.span and _GRAND_TOTAL.match(c.row_label.replace(" ", "")):
            prev = first.get(c.table_id)
            if prev is None or (prev.span is not None and c.span < prev.span):
                first[c.table_id] = c
    # by identity in a set, not `c in list` (field-by-field equality over a list that grows with the document)
    listed = {(name, id(c)) for name, cs in by_label.items() for c in cs}
    for c in first.values():
        for core in _cores(_table_core(c.table_title)) if _table_core(c.table_title) else []:
            if (core, id(c)) not in listed:
                listed.add((core, id(c)))
                by_label.setdefault(core, []).append(c)
    labels = list(by_label)
    near = {label: _Nearest(cs) for label, cs in by_label.items() if len(cs) > NEAREST_CELLS}
    subjects = list(dict.fromkeys(f.subject for f in amounts))
    names = _name_matrix(subjects, labels)
    # a balanced budget's 收支 total (财政拨款收支预算总数) is both its income and its expenditure total
    sides = {s: [s.replace("收支", x) for x in ("收入", "支出")] for s in subjects if "收支" in s}
    if sides:
        by_side = _name_matrix([v for vs in sides.values() for v in vs], labels)
        for s, vs in sides.items():
            for v in vs:
                for label, (sim, how) in by_side[v].items():
                    if sim * 0.98 > names[s].get(label, (0.0, ""))[0]:
                        names[s][label] = (sim * 0.98, f"{how}, 收支")
    has_sangong = any("三公" in c.table_title for c in money_cells)
    funds = [(projects[c.table_id], c) for c in money_cells if projects and c.table_id in projects and _FUNDS_ROW.match(c.row_label.replace(" ", ""))]
    funds_near = _Nearest([c for _, c in funds]) if len(funds) > NEAREST_CELLS else None

    for f in amounts:
        scored = []
        places = decimals(f.surface or str(f.value))
        subj, section = norm_label(f.subject), norm_label(f.section)
        functional = bool(_FUNCTIONAL.search(f.sentence))
        srcs = _sources(norm_label(f.sentence))
        source = next(iter(srcs)) if len(srcs) == 1 else ""
        fside = _side(subj)
        for label, (name, how) in names.get(f.subject, {}).items():
            for c in near[label].around(f.span[0]) if label in near else by_label[label]:
                if fside and (cside := _cell_side(label, c.column)) and cside != fside:
                    continue  # 一般公共预算财政拨款支出 is never the 一般公共预算 income row
                agree, conv = values_agree(f, c, places)
                fit = _fit(subj, section, c.table_title, c.column, functional, source)
                score = 0.6 * name + 0.25 * (1.0 if agree else 0.0) + 0.15 * fit
                scored.append((score, name, how, agree, conv, fit, c))
        fund_rows = funds if funds_near is None else [(projects[c.table_id], c) for c in funds_near.around(f.span[0])]  # type: ignore[index]
        for project, c in fund_rows if not f.comparator else ():  # 最高不超过20万元 is a bound, not the project's amount
            if (name := project_similarity(f.subject, f.section, project)) > 0:
                agree, conv = values_agree(f, c, places)
                fit = 1.0
                scored.append((0.6 * name + 0.25 * (1.0 if agree else 0.0) + 0.15 * fit, name, "project", agree, conv, fit, c))
        if not scored:
            abstain("no table entry with this name")
            continue
        scored.sort(key=lambda x: -x[0])
        agreeing = [x for x in scored if x[3]]
        if agreeing:
            # equal scores: the most specific row (项 2101501 over 款 21015) is the entry meant
            top = agreeing[0][0]
            best = max((x for x in agreeing if x[0] >= top - 1e-9), key=lambda x: len(x[6].code or ""))
            status = "consistent"
        else:
            strong = [x for x in scored if x[1] >= 0.9 and x[6].unit is not None]
            if not strong:
                abstain("only weak name matches, none with this value")
                continue
            best = min(strong, key=lambda x: (abs(x[4] - f.value) / max(abs(f.value), 1e-9), -x[0]))
            rel = abs(best[4] - f.value) / max(abs(f.value), abs(best[4]), 1e-9)
            if rel > near_miss:
                abstain("no entry with this value")
                continue
            rivals = [x for x in strong if x is not best and abs(x[4] - best[4]) > 1e-6 and abs(x[4] - f.value) / max(abs(f.value), 1e-9) <= near_miss]
            if rivals:
                abstain("two near misses")
                continue
            status = "mismatch"
        score, name, how, agree, conv, fit, c = best
        if has_sangong and _SANGONG.search(subj) and "三公" not in c.table_title:
            # 三公 covers basic and project spending; a same-named 基本支出 economic row is another scope
            abstain("三公 item not found in the 三公 table")
            continue
        stats.aligned += 1
        out.append(
            Alignment(
                doc_id=f.doc_id,
                fact_id=f.fact_id,
                table_id=c.table_id,
                row_label=c.row_label,
                column=c.column,
                table_value=round(conv, 6),
                fact_value=f.value,
                score=round(score, 3),
                status=status,
                why=f"name {name:.2f} ({how}); value {'agrees' if agree else 'differs'}; table fit {fit:.2f}",
                table_title=c.table_title,
                cell_span=c.span,
            )
        )
    return out
