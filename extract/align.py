"""Prose facts ↔ table cells: each amount its table entry, or an honest abstention.

Candidates are scored on three things — the name (metric taxonomy, synonym lexicon, rapidfuzz
similarity of normalised labels), the value (equal after unit conversion and rounding to the
fact's stated precision) and the fit of table and column (a 基本支出 fact belongs in a basic-
expenditure table, a total in a total column). The best candidate is kept only with a margin
over the runner-up; otherwise the fact is left unaligned, with the reason counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from .records import Fact, TableCell
from .resources import _load_json
from .taxonomy import metric_for, norm_label

MONEY = {"元": 1.0, "万元": 1e4, "亿元": 1e8, "千元": 1e3, "百万元": 1e6}
_PRIOR = re.compile(r"执行数|上年|去年|决算数")
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


@cache
def _synonyms() -> dict[str, int]:
    d = _load_json("synonyms.json")
    out: dict[str, int] = {}
    for i, group in enumerate(d["groups"]):
        for label in group:
            out[norm_label(label)] = i
    return out


_YEARS = re.compile(r"(?:19|20)\d{2}年度?")
_TRAILING_TAG = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z]$")  # 货物A / 工程B / 服务C


def _name_key(s: str) -> str:
    n = _TRAILING_TAG.sub("", _YEARS.sub("", norm_label(s)))
    return _FIGURES.sub("", n) or n


def name_similarity(subject: str, label: str) -> tuple[float, str]:
    """(0..1, how): exact, synonym, metric, or fuzzy."""
    from rapidfuzz import fuzz

    a, b = _name_key(subject), _name_key(label)
    if not a or not b:
        return 0.0, "none"
    if a == b:
        return 1.0, "exact"
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
        return 0.96, "prefix"
    syn = _synonyms()
    if a in syn and syn.get(b) == syn[a]:
        return 0.95, "synonym"
    ma, mb = metric_for(a), metric_for(b)
    if ma and ma == mb:
        return 0.9, "metric"
    return fuzz.ratio(a, b) / 100.0 * 0.85, "fuzzy"


_ROW_TOTAL = re.compile(r"^(?:合计|总计|小计|)$|(?:局|厅|院|办公室|办事处|委员会|中心|单位)(?:本级|机关)?$")


def _names_of(c: TableCell) -> list[str]:
    """What a cell is called: its row label; in a total or unit row (三公 tables: 合计 | 因公出国（境）费 |
    公务接待费) also its column's own name."""
    names = [c.row_label] if c.row_label else []
    if _ROW_TOTAL.search(c.row_label.replace(" ", "")):
        path = c.column.split(" > ")
        leaf = path[-1]
        if leaf and not re.fullmatch(r"列\d+|合计|金额|预算数|总计|小计", leaf):
            names.append(leaf)
        elif leaf in ("合计", "小计") and len(path) >= 2:
            names.append(path[-2])  # “三公”经费预算数 > 合计, 公务用车购置及运行费 > 小计
        elif c.row_label.replace(" ", "") in ("合计", "总计") and (core := _table_core(c.table_title)):
            names.append(core)  # 一般公共预算支出表 | 合计 → 一般公共预算支出
    return names


@lru_cache(maxsize=4096)
def _table_core(title: str) -> str:
    """What a table is the total of: 表5.青山区医疗保障局2022年一般公共预算支出表 → 一般公共预算支出."""
    t = re.sub(r"^表\s*\d+[.．]?", "", title)
    t = re.sub(r"^.*?\d{4}年度?", "", t)
    t = re.sub(r"^(?:部门|单位)", "", t)
    t = re.sub(r"(?:[（(][^）)]*[）)])?$", "", t)
    t = re.sub(r"(?:功能分类|经济分类|功能科目|经济科目)?(?:预算)?表$", "", t)
    return t if len(t) >= 4 else ""


def _name_matrix(subjects: list[str], labels: list[str], *, floor: float = 0.75) -> dict[str, dict[str, tuple[float, str]]]:
    """subject → {label: (similarity, how)} for every pair at or above `floor`.

    Exact, synonym and metric matches come from dictionaries; fuzzy ones from one
    `rapidfuzz.process.cdist` over the distinct keys.
    """
    from rapidfuzz import fuzz, process

    skeys = [_name_key(s) for s in subjects]
    lkeys = [_name_key(lb) for lb in labels]
    syn = _synonyms()
    lmetric = [metric_for(k) if k else None for k in lkeys]
    out: dict[str, dict[str, tuple[float, str]]] = {s: {} for s in subjects}
    fuzzy = process.cdist(skeys, lkeys, scorer=fuzz.ratio, score_cutoff=floor / 0.85 * 100, workers=1) if skeys and lkeys else None
    for i, (subj, a) in enumerate(zip(subjects, skeys, strict=False)):
        if not a:
            continue
        sa = syn.get(a)
        ma = metric_for(a)
        row = out[subj]
        for j, (label, b) in enumerate(zip(labels, lkeys, strict=False)):
            if not b:
                continue
            if a == b:
                row[label] = (1.0, "exact")
            elif a.replace("预算", "") == b.replace("预算", "") and len(b) >= 4:
                row[label] = (0.98, "exact")  # 财政拨款预算支出 ~ 财政拨款支出
            elif min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
                row[label] = (0.96, "prefix")  # 一般公共预算收入 ~ 一般公共预算, 行政运行支出 ~ 行政运行
            elif sa is not None and syn.get(b) == sa:
                row[label] = (0.95 + (0.01 if b.endswith("总计") else 0.0), "synonym")  # a total is the 总计 row
            elif ma and ma == lmetric[j]:
                row[label] = (0.9, "metric")
            elif fuzzy is not None and fuzzy[i, j] > 0:
                row[label] = (float(fuzzy[i, j]) / 100.0 * 0.85, "fuzzy")
    return out


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


@lru_cache(maxsize=65536)
def _fit(subj: str, section: str, table_title: str, column: str) -> float:
    score = 0.5
    title = norm_label(table_title)
    if "基本支出" in subj and "基本支出" in title:
        score += 0.3
    if "三公" in subj + section and "三公" in title:
        score += 0.3
    if "财政拨款" in subj and "财政拨款" in title:
        score += 0.2
    if _TOTAL_COL.search(column.split(" > ")[-1]):
        score += 0.2
    return min(score, 1.0)


def align(facts: list[Fact], cells: list[TableCell], *, near_miss: float = 0.02, stats: AlignStats | None = None) -> list[Alignment]:
    """Align money amounts to table cells.

    An agreeing cell with a good name wins (consistent). Without one, a mismatch is claimed only
    for a strong name match whose value is a near miss (within `near_miss` relative difference,
    e.g. 4302.43 vs 4302.44): a larger difference more likely means another entry (a project's
    own 商品和服务支出, a different year) than a wrong number, so the fact is left unaligned.
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
    labels = list(by_label)
    subjects = list(dict.fromkeys(f.subject for f in amounts))
    names = _name_matrix(subjects, labels)

    for f in amounts:
        scored = []
        places = decimals(f.surface or str(f.value))
        subj, section = norm_label(f.subject), norm_label(f.section)
        for label, (name, how) in names.get(f.subject, {}).items():
            for c in by_label[label]:
                agree, conv = values_agree(f, c, places)
                fit = _fit(subj, section, c.table_title, c.column)
                score = 0.6 * name + 0.25 * (1.0 if agree else 0.0) + 0.15 * fit
                scored.append((score, name, how, agree, conv, fit, c))
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
