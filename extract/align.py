"""Prose facts ↔ table cells: each amount its table entry, or an honest abstention.

Candidates are scored on three things — the name (metric taxonomy, synonym lexicon, rapidfuzz
similarity of normalised labels), the value (equal after unit conversion and rounding to the
fact's stated precision) and the fit of table and column (a 基本支出 fact belongs in a basic-
expenditure table, a total in a total column, a 三公 item in the 三公 table, a (款)(项) amount in
the functional table, the funding source the sentence names). A candidate on the other side of
the budget (an expenditure fact, an income cell) is never taken; a project's amount finds the
funds row of its 绩效目标表 by the form's 项目名称. Without an agreeing value, a mismatch is claimed
only for a strong name and a near miss; otherwise the fact is left unaligned, with the reason counted.

The steps of `align`: the amounts worth aligning, the cells by every name they go by, one name
table (`name_similarity` over the pairs that can match at all), candidates per fact, the choice.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from .figures import compatible, plain
from .records import Alignment, Fact, TableCell
from .resources import cues, synonyms
from .taxonomy import metric_for, norm_label

__all__ = ["MONEY", "AlignStats", "Alignment", "Candidate", "align", "decimals", "name_similarity", "project_similarity", "values_agree"]

# Every number below was set by hand and checked against the hand-checked alignment gold of the 12
# dev documents (annotations/alignments/, tests/test_golden_checks.py: accuracy 0.991, 4.3 % abstained);
# the order of the name ladder matters more than the exact values.

# -- the name ladder: how alike a prose subject and a table label are (0..1), strongest rule first
SIM_EXACT = 1.0  # the same name once years, figure words and 预算支出 tails are dropped
SIM_BARE = 0.98  # the same without 预算 (财政拨款预算支出 ~ 财政拨款支出)
SIM_PREFIX = 0.96  # one name starts the other (一般公共预算收入 ~ 一般公共预算; a heading cut by the line end)
SIM_SYNONYM = 0.95  # one group of synonyms.json
SIM_TOTAL_BONUS = 0.01  # …and the label is the 总计 row: a total outranks a same-group 合计
SIM_METRIC = 0.9  # one metric id of the taxonomy
SIM_REORDERED = 0.88  # the same characters, words swapped (一般行政事务管理 ~ 一般行政管理事务)
SIM_SECTION_CODE = 0.95  # the fact stands under a heading that names the row's 类/款/项 code: as sure as a synonym
SIM_RELATED = 0.85  # a related prose→table name (公用经费 → 商品和服务支出)
FUZZY_SCALE = 0.85  # rapidfuzz ratio × this: a fuzzy match never outranks a dictionary rule
NAME_FLOOR = 0.75  # pairs below this are no candidates
MIN_KEY = 4  # shorter names never match by prefix or by dropping 预算 (收入 is the start of everything)
MIN_REORDERED = 6  # swapped words only in names this long (shorter anagrams are other items)
SOURCE_PREFIX_SLACK = 4  # a bare funding source prefixes a name at most this much longer (…拨款收入)
BALANCED_DISCOUNT = 0.98  # a 收支 total read as its income or its expenditure total: just below a direct match

# -- a candidate's score: name, value agreement and table fit
W_NAME = 0.6  # the name counts most: the same number under another name is a coincidence (0.00, 1.00 …)
W_VALUE = 0.25  # an agreeing value: among same-named cells (合计, 基本支出, 项目支出) it picks the one quoted
W_FIT = 0.15  # the table and column: breaks ties between the same entry printed in several tables
STRONG_NAME = 0.9  # a mismatch is claimed only for a name at least this strong (metric and above)
NEAR_MISS = 0.02  # …and a value within 2 % (4302.43 vs 4302.44); further off is another entry
TIE = 1e-9  # candidate scores this close are equal: the most specific row (longest code) wins
SWAP_NAME = SIM_BARE  # a swapped pair needs both names this exact: each item's own row, no synonym
# (set by hand on the genre's flattened 三公 headers: 小计 | 购置费 | 运行费 over 75 | 50 | 25 while
# the prose gives 运行费 50 and 购置费 25; checked silent on the dev and wide corpora)

# -- table fit (0..1): does the table and column suit the fact
FIT_BASE = 0.5
FIT_SCOPE = 0.3  # the table is the fact's own scope: 基本支出 / 三公 table, the funding source's column, the functional table
FIT_HINT = 0.2  # a weaker hint: 财政拨款 in subject and title, a total column; or against: an economic table for (款)(项) prose

# -- a project's amount and the funds row of its 绩效目标表
PROJECT_MIN_KEY = 4  # project names shorter than this say nothing
PROJECT_MIN_PREFIX = 6  # a prefix match needs this many characters
HEADING_WEIGHT = 0.97  # a project named by the heading the fact stands under, not its own subject
PROJECT_FIT = 1.0  # a form's funds row is always the right table for its project

MONEY = {"元": 1.0, "万元": 1e4, "亿元": 1e8, "千元": 1e3, "百万元": 1e6}
# at most this many same-named cells (and 绩效 form funds rows) are weighed per fact, the ones
# nearest to it in the text: keeps a very long document (a compilation of many departments)
# linear. The dev corpus's largest same-named group is 77 cells (一般行政管理事务), so it is untouched.
NEAREST_CELLS = 96
_PRIOR = re.compile(r"执行数|上年(?!结转|结余)|去年|决算数")  # 上年结转 is this year's income
_TOTAL_COL = re.compile(r"合计|总计|预算数|金额|小计|^本年|预算$")
_FIGURES = re.compile(r"(?:预算数|预算安排|年初预算|决算数|支出决算|执行数|(?<=经费)安排)$|^(?:年初预算|决算数?|预算数?)(?=[\u4e00-\u9fff]{3})")
#: 公务接待费用 is 公务接待费
_FEE_WORD = re.compile(r"(?<=费)用$")


@dataclass
class AlignStats:
    """Counts for documents.jsonl: how many amounts found their entry, and why the others did not
    (an abstention is an answer, and its reasons show which rule to improve)."""

    aligned: int = 0
    abstained: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def abstain(self, reason: str) -> None:
        """Count one amount left unaligned, under the reason it was left."""
        self.abstained += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


@dataclass(frozen=True, slots=True)
class Candidate:
    """One table cell a fact may be: scored on its name, its value and its table."""

    score: float  # W_NAME·name + W_VALUE·agree + W_FIT·fit
    name: float  # name similarity (0..1)
    how: str  # which rung of the name ladder (exact, prefix, synonym, …, project)
    agree: bool  # the values are equal at the fact's precision
    value: float  # the cell's value in the fact's unit
    fit: float  # table fit (0..1)
    cell: TableCell


def _score(name: float, agree: bool, fit: float) -> float:
    """One formula for every candidate (named cells and a project's funds row alike)."""
    return W_NAME * name + W_VALUE * (1.0 if agree else 0.0) + W_FIT * fit


def _keyed(labels: tuple[str, ...], i: int, out: dict[str, int]) -> None:
    for label in labels:
        out[norm_label(label)] = i
        out[_name_key(label)] = i


@cache
def _synonyms() -> dict[str, int]:
    """Label → group: labels of one group name the same item."""
    out: dict[str, int] = {}
    for i, group in enumerate(synonyms().groups):
        _keyed(group, i, out)
    return out


@cache
def _related() -> tuple[dict[str, int], dict[str, int]]:
    """(prose label → group, table label → group): a prose 公用经费 may be shown as a 商品和服务支出 row."""
    prose: dict[str, int] = {}
    table: dict[str, int] = {}
    for i, (p, t) in enumerate(synonyms().related):
        _keyed(p, i, prose)
        _keyed(t, i, table)
    return prose, table


_YEARS = re.compile(r"(?:19|20)\d{2}年度?")
_TRAILING_TAG = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z]$")  # 货物A / 工程B / 服务C


# 公务接待费预算支出, 机关运行费预算: a 费 item is the same with or without the words for spending;
# 政府性基金支出预算支出, 基本支出预算: so is a 支出 item (if a name of four characters or more is left)
_FEE_TAIL = re.compile(r"(?<=费)(?:预算支出|支出预算|预算|支出)$|(?<=.{2}支出)(?:预算支出|预算)$")


@lru_cache(maxsize=65536)
def _name_key(s: str) -> str:
    """A name as the ladder compares it: prose and tables add years, tags (货物A), figure words and
    预算支出 tails that never change which item is meant."""
    n = _TRAILING_TAG.sub("", _YEARS.sub("", norm_label(plain(s))))
    n = _FIGURES.sub("", n) or n
    return _FEE_TAIL.sub("", _FEE_WORD.sub("", n))


def name_similarity(subject: str, label: str) -> tuple[float, str]:
    """(0..1, how) for a prose subject and a table label: the one name ladder alignment uses.

    Dictionary rules (taxonomy, synonyms) come before string likeness, so a fuzzy match never beats
    a known name; the rungs below `STRONG_NAME` (reordered, related, fuzzy) only ever align on equal
    values. Directional: `subject` is prose, `label` a table's (a related name maps one way only)."""
    a, b = _name_key(subject), _name_key(label)
    if not a or not b:
        return 0.0, "none"
    if a == b:
        return SIM_EXACT, "exact"
    if a.replace("预算", "") == b.replace("预算", "") and len(b) >= MIN_KEY:
        return SIM_BARE, "exact"
    if min(len(a), len(b)) >= MIN_KEY and (a.startswith(b) or b.startswith(a)) and _prefix_ok(a, b):
        return SIM_PREFIX, "prefix"
    syn = _synonyms()
    if (g := syn.get(a)) is not None and syn.get(b) == g:
        return SIM_SYNONYM + (SIM_TOTAL_BONUS if b.endswith("总计") else 0.0), "synonym"
    if (m := metric_for(a)) and m == metric_for(b):
        return SIM_METRIC, "metric"
    rel_prose, rel_table = _related()
    if (r := rel_prose.get(a)) is not None and rel_table.get(b) == r:
        return SIM_RELATED, "related"
    if _reordered(a, b):
        return SIM_REORDERED, "reordered"
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) / 100.0 * FUZZY_SCALE, "fuzzy"


def _reordered(a: str, b: str) -> bool:
    """The same characters in another order (words swapped): 居民医疗保险项目经费 ~ 居民医疗保险经费项目."""
    return len(a) >= MIN_REORDERED and sorted(a) == sorted(b)


_ROW_TOTAL = re.compile(r"^(?:(?:收入|支出|本年收入|本年支出)?(?:合计|总计)|小计|)$|(?:局|厅|院|办公室|办事处|委员会|中心|单位)(?:本级|机关)?$")


def _names_of(c: TableCell) -> list[str]:
    """What a cell is called: its row label; in a total or unit row (三公 tables: 合计 | 因公出国（境）费 |
    公务接待费) also its column's own name."""
    names = [c.row_label] if c.row_label else []
    row = plain(c.row_label).replace(" ", "")
    if _ROW_TOTAL.search(row):
        path = plain(c.column).split(" > ")
        leaf = path[-1]
        if leaf and not re.fullmatch(r"列\d+|合计|金额|预算数|总计|小计", leaf):
            names.append(leaf)
            if len(path) >= 2 and (full := _under_parent(leaf, path[-2])):
                names.append(full)
        if _SOURCES.fullmatch(norm_label(leaf)) and len(path) >= 2:
            names.append(path[-2])  # 上年结转结余 > 一般公共预算: the carry-over, of one source
        elif leaf in ("合计", "小计") and len(path) >= 2:
            names.append(path[-2])  # “三公”经费预算数 > 合计, 公务用车购置及运行费 > 小计
        elif (_GRAND_TOTAL.match(row) or leaf in ("合计", "总计")) and (core := _table_core(c.table_title)):
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
    t = re.sub(r"(?:功能分类|经济分类|功能科目|经济科目)?(?:预算)?(?:情况)?表$", "", t)
    # 一般公共预算及政府性基金财政拨款“三公”经费支出决算表: the funds it is paid from name no item
    item = _FUNDED_BY.sub("", t)
    t = item if len(item) >= 4 else t
    return t if len(t) >= 4 else ""


_FUND = r"(?:一般公共预算|政府性基金(?:预算)?|国有资本经营预算)"
_FUNDED_BY = re.compile(rf"^{_FUND}(?:(?:及|和|与|、){_FUND})*(?:财政)?拨款")


def _prefix_ok(a: str, b: str) -> bool:
    """A bare funding source (一般公共预算) is the prefix of a longer name only through a figure word
    (一般公共预算拨款收入), not of another item paid from it (一般公共预算安排三公经费支出)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return not _SOURCES.fullmatch(short) or len(long_) - len(short) <= SOURCE_PREFIX_SLACK


def _match_keys(key: str, metric: str | None, syn: int | None, rel: int | None) -> list[tuple[str, str]]:
    """The keys under which two names can meet on some rung of `name_similarity`; only pairs that
    share one (or are fuzzy-close) are compared, so a document costs subjects + labels, not their product."""
    # sorted: the exact and reordered rungs; head: the prefix rung (a shorter key's head is itself,
    # and meets only the same key, which sorted already joins)
    keys = [("bare", key.replace("预算", "")), ("sorted", "".join(sorted(key))), ("head", key[:MIN_KEY])]
    if syn is not None:
        keys.append(("syn", str(syn)))
    if metric:
        keys.append(("metric", metric))
    if rel is not None:
        keys.append(("rel", str(rel)))
    return keys


def _name_matrix(subjects: list[str], labels: list[str], *, floor: float = NAME_FLOOR) -> dict[str, dict[str, tuple[float, str]]]:
    """subject → {label: (similarity, how)} for every pair at or above `floor`, by `name_similarity`.

    Candidate pairs come from the dictionaries' keys and one `rapidfuzz.process.cdist` over the
    distinct keys (the fuzzy rung's pairs)."""
    from rapidfuzz import fuzz, process

    skeys = [_name_key(s) for s in subjects]
    lkeys = [_name_key(lb) for lb in labels]
    syn, (rel_prose, rel_table) = _synonyms(), _related()
    index: dict[tuple[str, str], list[int]] = {}
    for j, b in enumerate(lkeys):
        for k in _match_keys(b, metric_for(b), syn.get(b), rel_table.get(b)):
            index.setdefault(k, []).append(j)
    fuzzy = process.cdist(skeys, lkeys, scorer=fuzz.ratio, score_cutoff=floor / FUZZY_SCALE * 100, workers=1)
    out: dict[str, dict[str, tuple[float, str]]] = {s: {} for s in subjects}
    for i, (subj, a) in enumerate(zip(subjects, skeys, strict=True)):
        cand = {j for k in _match_keys(a, metric_for(a), syn.get(a), rel_prose.get(a)) for j in index.get(k, ())}
        cand.update(int(j) for j in fuzzy[i].nonzero()[0])  # the fuzzy rung's pairs
        for j in sorted(cand):
            sim, how = name_similarity(subj, labels[j])
            if sim >= floor:
                out[subj][labels[j]] = (sim, how)
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
    if len(p) < PROJECT_MIN_KEY:
        return 0.0
    best = 0.0
    for text, weight in ((subject, 1.0), (section.split(" > ")[-1] if section else "", HEADING_WEIGHT)):
        k = _project_key(text)
        if len(k) < PROJECT_MIN_KEY:
            continue
        if k == p:
            sim = SIM_EXACT
        elif min(len(k), len(p)) >= PROJECT_MIN_PREFIX and (k.startswith(p) or p.startswith(k)):
            sim = SIM_PREFIX  # a heading cut by the line end, a trailing 项目经费
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
    for i, group in enumerate(synonyms().groups):
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


_DECIMALS = re.compile(r"\.(\d+)")


def decimals(surface: str) -> int:
    """Decimal places as printed (4,302.40 → 2): the precision a value is compared at."""
    m = _DECIMALS.search(surface.replace(",", ""))
    return len(m.group(1)) if m else 0


def values_agree(fact: Fact, cell: TableCell, places: int | None = None) -> tuple[bool, float]:
    """(equal, the cell's value in the fact's unit): equal after converting the cell to the fact's
    unit and rounding to the fact's printed precision (prose rounds 15621.11 万元 of a 元 table)."""
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


# the funds a budget is paid from; prose naming one (政府性基金预算财政拨款本年收入0万元、上年结转0万元)
# means that source's column
_SOURCES = re.compile(r"一般公共预算(?:拨款|财政拨款)?|政府性基金(?:预算)?(?:拨款|财政拨款)?|国有资本经营预算(?:拨款|财政拨款)?")


def _sources(text: str) -> frozenset[str]:
    """The funding sources a text names, by their first four characters (一般公共, 政府性基, 国有资本)."""
    return frozenset(m.group()[:4] for m in _SOURCES.finditer(text))


# 因公出国（境）费, 公务用车…, 公务接待费: items of the 三公 table
_SANGONG = re.compile(r"三公|因公出国|公务用车|公务接待")
# 行政事业单位离退休（款）机关事业单位基本养老保险缴费（项）: prose quoting the functional classification
_SECTION_CODE = re.compile(r"[（(]\s*(\d{3}|\d{5}|\d{7})\s*[）)]")
_FUNCTIONAL = re.compile(r"[（(](?:类|款|项)[）)]")


@lru_cache(maxsize=65536)
def _fit(subj: str, section: str, table_title: str, column: str, functional: bool = False, source: str = "") -> float:
    """How well a table and column suit a fact (0..1): the same name is printed in several tables
    (收支总表, 支出表, 基本支出表), and only the table of the fact's scope is the entry it quotes."""
    score = FIT_BASE
    title = norm_label(table_title)
    if "基本支出" in subj + section.split(">")[-1] and "基本支出" in title:
        score += FIT_SCOPE  # (二)公用经费 under 财政拨款基本支出预算情况: the basic-expenditure table
    if _SANGONG.search(subj + section) and "三公" in title:
        score += FIT_SCOPE
    if source and (cs := _sources(norm_label(column))):
        score += FIT_SCOPE if source in cs else -FIT_SCOPE
    if functional and "功能" in title:
        score += FIT_SCOPE
    elif functional and "经济" in title:
        score -= FIT_HINT
    if "财政拨款" in subj and "财政拨款" in title:
        score += FIT_HINT
    if _TOTAL_COL.search(column.split(" > ")[-1]):
        score += FIT_HINT
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
    facts: list[Fact],
    cells: list[TableCell],
    *,
    near_miss: float = NEAR_MISS,
    stats: AlignStats | None = None,
    projects: dict[str, str] | None = None,
    doc_kind: str | None = None,
) -> list[Alignment]:
    """Align money amounts to table cells.

    An agreeing cell with a good name wins (consistent). Without one, a mismatch is claimed only
    for a strong name match whose value is a near miss (within `near_miss` relative difference,
    e.g. 4302.43 vs 4302.44): a larger difference more likely means another entry (a project's
    own 商品和服务支出, a different year) than a wrong number, so the fact is left unaligned.

    `projects` (table_id → 项目名称 of a per-project 绩效目标表) lets a project's amount find the
    form's 年度资金总额 / 本年度预算金额 row, whose own label never names the project.

    Figure types (`figure_type` of facts and cells, see `extract.figures`) must be compatible: a
    prose 年初预算 never pairs with the 决算数 column of its row. In a 决算 document the prose's
    决算 figures are this year's and align; in a 预算 document a 决算数 / 执行数 is last year's and
    stays out.
    """
    stats = stats if stats is not None else AlignStats()
    # a table without a 单位 line may still be the one the prose quotes: such cells can only
    # agree (same number), never be called a mismatch
    money_cells = [c for c in cells if (c.unit or "") in MONEY or c.unit is None]
    amounts = _alignable(facts, doc_kind, prior_columns=any(c.figure_type == "上年" for c in money_cells))
    by_label = _cells_by_name(money_cells)
    part_names = _part_names(amounts)
    names = _names_with_sides(list(dict.fromkeys([*(f.subject for f in amounts), *part_names.values()])), list(by_label))
    if inferred := _inferred_units(amounts, by_label, names):
        # (the same names: only units change, so `names` stands)
        money_cells = [replace(c, unit=inferred[c.table_id]) if c.unit is None and c.table_id in inferred else c for c in money_cells]
        by_label = _cells_by_name(money_cells)
    funds = [(projects[c.table_id], c) for c in money_cells if projects and c.table_id in projects and _FUNDS_ROW.match(c.row_label.replace(" ", ""))]
    # a very long document: each fact weighs the NEAREST_CELLS same-named cells around it (linear time)
    near = {label: _Nearest(cs) for label, cs in by_label.items() if len(cs) > NEAREST_CELLS}
    funds_near = _Nearest([c for _, c in funds]) if len(funds) > NEAREST_CELLS else None
    has_sangong = any("三公" in c.table_title for c in money_cells)
    by_code: dict[str, list[TableCell]] = {}
    for c in money_cells:
        if c.code:
            by_code.setdefault(c.code, []).append(c)
    out: list[Alignment] = []
    far: list[tuple[Fact, Candidate]] = []
    for f in amounts:
        fund_rows = funds if funds_near is None else [(projects[c.table_id], c) for c in funds_near.around(f.span[0])]  # type: ignore[index]
        named = names.get(f.subject, {})
        if (part := part_names.get(f.fact_id)) is not None:
            # a part named by its bare word is also its whole's part (运行维护费 → 公车运行维护费)
            named = {**named, **{k: v for k, v in names.get(part, {}).items() if v[0] > named.get(k, (0.0, ""))[0]}}
        cands = _candidates(f, named, by_label, fund_rows, by_code, near)
        chosen, status = _choose(f, cands, near_miss)
        if chosen is not None and has_sangong and _SANGONG.search(norm_label(f.subject)) and "三公" not in chosen.cell.table_title:
            # 三公 covers basic and project spending; a same-named 基本支出 economic row is another scope
            chosen, status = None, "三公 item not found in the 三公 table"
        if chosen is None and status == "no entry with this value" and (own := _own_cell(cands)) is not None:
            far.append((f, own))  # maybe one of a swapped pair: decided once every fact is seen
            continue
        if chosen is None:
            stats.abstain(status)
            continue
        stats.aligned += 1
        out.append(_alignment(f, chosen, status))
    swapped = _swapped_pairs(far)
    for f, own in far:
        if f.fact_id not in swapped and not (_SANGONG.search(norm_label(f.subject)) and "三公" in own.cell.table_title and own.cell.row_label.strip()):
            stats.abstain("no entry with this value")
            continue
        if f.fact_id not in swapped:
            # a 三公 item has one scope: the 三公 table's own row of that name is its figure, however far
            # the prose is from it (prose 运行费2.8 where the table's 运行费 row says 5.00); a name read
            # from a column header only (a wide table whose header spans may be misread) is not trusted
            stats.aligned += 1
            out.append(_alignment(f, own, "mismatch"))
            continue
        stats.aligned += 1
        a = _alignment(f, own, "mismatch")
        out.append(replace(a, why=f"{a.why}; swapped with “{swapped[f.fact_id]}”"))
    return out


def _part_names(amounts: list[Fact]) -> dict[str, str]:
    """fact_id → the full name of a part the prose names by its bare word right after its whole:
    安排公车购置及运行维护费34万元，其中：运行维护费34万元 → 公车运行维护费 (as `_under_parent` completes
    a column's 购置费 under 公务用车购置及运行费). The whole is the amount just before, in the same
    section, and no smaller than the part."""
    out: dict[str, str] = {}
    prev: Fact | None = None
    for f in amounts:
        if prev is not None and prev.section == f.section and prev.span[0] < f.span[0] and (f.yuan or 0.0) <= (prev.yuan or 0.0):
            whole, part = norm_label(prev.subject), norm_label(f.subject)
            if part and part != whole and part in whole and (full := _under_parent(part, whole)) is not None:
                out[f.fact_id] = full
        prev = f
    return out


def _own_cell(cands: list[Candidate]) -> Candidate | None:
    """The one cell a fact's exact name points to (every exactly named candidate has one value), or None."""
    exact = [x for x in cands if x.name >= SWAP_NAME and x.how == "exact" and x.cell.unit is not None]
    if not exact or any(abs(x.value - exact[0].value) > 1e-6 for x in exact):
        return None
    return exact[0]


def _swapped_pairs(far: list[tuple[Fact, Candidate]]) -> dict[str, str]:
    """fact_id → the other item's subject, for two prose amounts of one table whose exact-named cells
    each state the other's value (prose 运行费 50、购置费 25; the table's 运行费 25、购置费 50): the
    two figures were exchanged, in the prose or in the table's header, which a single near-miss
    test cannot see. Both in one section (one passage on the items). Anything less symmetric stays
    an abstention: one item far from its cell is mostly another scope (a project's own 差旅费 against
    the basic-expenditure table's; the dev corpus has 35 such amounts, none an error)."""
    out: dict[str, str] = {}
    for i, (f, x) in enumerate(far):
        for g, y in far[i + 1 :]:
            if x.cell is y.cell or x.cell.table_id != y.cell.table_id or f.value == g.value or f.section != g.section:
                continue
            if values_agree(f, y.cell)[0] and values_agree(g, x.cell)[0] and f.fact_id not in out and g.fact_id not in out:
                out[f.fact_id], out[g.fact_id] = g.subject, f.subject
    return out


def _alignable(facts: list[Fact], doc_kind: str | None = None, *, prior_columns: bool = False) -> list[Fact]:
    """Money amounts with a subject. In a 预算 document last year's execution (预算执行数, 上年决算)
    is never in this year's tables; in a 决算 document 决算数 is the year's own figure, and
    last year's (figure type 上年) stays out unless a table prints last year's column
    (2014年度决算数 beside 2015年度决算数), where only it can pair."""

    def prior(f: Fact) -> bool:
        return f.figure_type == "上年" and not prior_columns if doc_kind == "决算" else bool(_PRIOR.search(f.subject))

    return [f for f in facts if f.kind == "amount" and f.unit in MONEY and f.value is not None and f.subject and not prior(f)]


#: how many prose figures a table without a 单位 line must state exactly, under their own names, to take their unit
UNIT_VOTES = 2


def _inferred_units(amounts: list[Fact], by_label: dict[str, list[TableCell]], names: dict[str, dict[str, tuple[float, str]]]) -> dict[str, str]:
    """table_id → the unit of a table printed without its 单位 line whose cells state two or more of the
    prose's figures exactly under their own names (因公出国(境)经费 12, 公务接待费 1356 beside prose in 万元):
    its figures are in that unit, so a near miss in it (车辆运行 959 against 958万元) can be called one."""
    votes: dict[str, dict[str, set[str]]] = {}
    for f in amounts:
        if f.unit not in MONEY or not f.value:
            continue
        for label, (sim, _how) in names.get(f.subject, {}).items():
            if sim < STRONG_NAME:
                continue
            for c in by_label.get(label, ()):
                if c.unit is None and c.value == f.value:
                    votes.setdefault(c.table_id, {}).setdefault(f.unit, set()).add(f.fact_id)  # type: ignore[arg-type]
    out: dict[str, str] = {}
    for table_id, by_unit in votes.items():
        units = [u for u, ids in by_unit.items() if len(ids) >= UNIT_VOTES]
        if len(units) == 1:
            out[table_id] = units[0]
    return out


def _cells_by_name(money_cells: list[TableCell]) -> dict[str, list[TableCell]]:
    """Every name a cell goes by → its cells; names are then compared once per distinct subject and label."""
    by_label: dict[str, list[TableCell]] = {}
    for c in money_cells:
        for name in _names_of(c):
            by_label.setdefault(name, []).append(c)
    # the first amount of a table's 合计 row is the table's total, whatever its (maybe garbled) column
    # says — of each figure the table prints (预算数 | 决算数: the total budgeted and the total spent)
    first: dict[tuple[str, str | None], TableCell] = {}
    for c in money_cells:
        if c.span and _GRAND_TOTAL.match(plain(c.row_label).replace(" ", "")):
            prev = first.get((c.table_id, c.figure_type))
            if prev is None or (prev.span is not None and c.span < prev.span):
                first[(c.table_id, c.figure_type)] = c
    # by identity in a set, not `c in list` (field-by-field equality over a list that grows with the document)
    listed = {(name, id(c)) for name, cs in by_label.items() for c in cs}
    for c in first.values():
        for core in _cores(_table_core(c.table_title)) if _table_core(c.table_title) else []:
            if (core, id(c)) not in listed:  # a total row may carry the core name already
                listed.add((core, id(c)))
                by_label.setdefault(core, []).append(c)
    return by_label


def _names_with_sides(subjects: list[str], labels: list[str]) -> dict[str, dict[str, tuple[float, str]]]:
    """The name table; a balanced budget's 收支 total (财政拨款收支预算总数) is also matched as its
    income and its expenditure total, just below a direct match."""
    names = _name_matrix(subjects, labels)
    sides = {s: [s.replace("收支", x) for x in ("收入", "支出")] for s in subjects if "收支" in s}
    by_side = _name_matrix([v for vs in sides.values() for v in vs], labels)
    for s, vs in sides.items():
        for v in vs:
            for label, (sim, how) in by_side[v].items():
                if sim * BALANCED_DISCOUNT > names[s].get(label, (0.0, ""))[0]:
                    names[s][label] = (sim * BALANCED_DISCOUNT, f"{how}, 收支")
    return names


def _candidates(
    f: Fact,
    named: dict[str, tuple[float, str]],
    by_label: dict[str, list[TableCell]],
    funds: list[tuple[str, TableCell]],
    by_code: dict[str, list[TableCell]] | None = None,
    near: dict[str, _Nearest] | None = None,
) -> list[Candidate]:
    """Every cell a fact may be, best first: cells whose name matches its subject (never one on the
    other side of the budget), the rows of the 类/款/项 code its section is headed by, and the funds
    row of a project the fact names."""
    out: list[Candidate] = []
    places = decimals(f.surface or str(f.value))
    subj, section = norm_label(f.subject), norm_label(f.section)
    functional = bool(_FUNCTIONAL.search(f.sentence))
    srcs = _sources(norm_label(f.sentence))
    source = next(iter(srcs)) if len(srcs) == 1 else ""
    fside = _side(subj)
    quals = [q for q in cues()["part_qualifiers"] if q in (f.subject or "")]
    for label, (name, how) in named.items():
        if any(q not in label for q in quals):
            continue  # 国内公务接待支出 is a part of the 公务接待费 row, not the row
        for c in near[label].around(f.span[0]) if near and label in near else by_label[label]:
            if not compatible(f.figure_type, c.figure_type):
                continue  # a prose 年初预算 is never the 决算数 column of its row
            if fside and (cside := _cell_side(label, c.column)) and cside != fside:
                continue  # 一般公共预算财政拨款支出 is never the 一般公共预算 income row
            agree, conv = values_agree(f, c, places)
            fit = _fit(subj, section, c.table_title, c.column, functional, source)
            out.append(Candidate(_score(name, agree, fit), name, how, agree, conv, fit, c))
    if by_code and (m := _SECTION_CODE.search(f.section.rsplit(">", 1)[-1])):
        # （三）事业运行（2080104） 年初预算为36.50万元: the item is the heading's code, whatever the subject says
        for c in by_code.get(m.group(1), []):
            if compatible(f.figure_type, c.figure_type):
                agree, conv = values_agree(f, c, places)
                fit = _fit(subj, section, c.table_title, c.column, functional, source)
                out.append(Candidate(_score(SIM_SECTION_CODE, agree, fit), SIM_SECTION_CODE, "section code", agree, conv, fit, c))
    for project, c in funds if not f.comparator else ():  # 最高不超过20万元 is a bound, not the project's amount
        if (name := project_similarity(f.subject, f.section, project)) > 0:
            agree, conv = values_agree(f, c, places)
            out.append(Candidate(_score(name, agree, PROJECT_FIT), name, "project", agree, conv, PROJECT_FIT, c))
    out.sort(key=lambda x: -x.score)
    return out


def _choose(f: Fact, cands: list[Candidate], near_miss: float) -> tuple[Candidate | None, str]:
    """(the entry, consistent | mismatch), or (None, why the fact stays unaligned)."""
    if not cands:
        return None, "no table entry with this name"
    agreeing = [x for x in cands if x.agree]
    if agreeing:
        # equal scores: the most specific row (项 2101501 over 款 21015) is the entry meant; then the
        # cell equal to the figure over one only within its rounding (17 万元: the 17 of 2017年预算数,
        # not the 17.5 of 2016年预算数), then one that is not last year's
        top = agreeing[0].score
        return max(
            (x for x in agreeing if x.score >= top - TIE),
            key=lambda x: (len(x.cell.code or ""), -abs(x.value - (f.value or 0.0)), x.cell.figure_type != "上年"),
        ), "consistent"
    strong = [x for x in cands if x.name >= STRONG_NAME and x.cell.unit is not None]
    if not strong:
        return None, "only weak name matches, none with this value"
    value = f.value or 0.0

    def off(x: Candidate) -> float:
        """Relative distance of a candidate's value from the fact's."""
        return abs(x.value - value) / max(abs(value), 1e-9)

    best = min(strong, key=lambda x: (off(x), -x.score))
    if abs(best.value - value) / max(abs(value), abs(best.value), 1e-9) > near_miss:
        return None, "no entry with this value"
    if any(x is not best and abs(x.value - best.value) > 1e-6 and off(x) <= near_miss for x in strong):
        return None, "two near misses"
    return best, "mismatch"


def _alignment(f: Fact, x: Candidate, status: str) -> Alignment:
    """The output record; `why` keeps the evidence so a reader can judge the match without rerunning it."""
    c = x.cell
    return Alignment(
        doc_id=f.doc_id,
        fact_id=f.fact_id,
        table_id=c.table_id,
        row_label=c.row_label,
        column=c.column,
        table_value=round(x.value, 6),
        fact_value=f.value,  # type: ignore[arg-type]
        score=round(x.score, 3),
        status=status,
        why=f"name {x.name:.2f} ({x.how}); value {'agrees' if x.agree else 'differs'}; table fit {x.fit:.2f}",
        table_title=c.table_title,
        cell_span=c.span,
    )
