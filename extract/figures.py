"""Figure types: which of an item's several figures a table column or a prose number states.

A 决算 document prints 年初预算, 调整预算 (全年预算) and 决算数 of one item side by side, and its
prose quotes each of them; a 预算 document prints this year's 预算数 beside 上年 figures and 增减.
Pairing a prose 年初预算 with the 决算数 column of the same row gives a mismatch that does not
exist, so alignment pairs only figures of the same type (or of a type the vocabulary calls
compatible); a number whose wording names no figure may pair with any. The vocabulary is
`extract/data/figure_types.json`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .records import Fact, evolve
from .resources import cue_pattern, figure_types, traditional_chars

#: how far before a prose number its figure words may stand (characters, within the clause):
#: 事业运行（2080104）年初预算为 is 12; longer leads reach into the previous figure.
LEAD_WINDOW = 16

_CLAUSE_END = re.compile(r"[，,；;。！？!?：:\n]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_SPACES = re.compile(r"\s+")
_TOTAL_WORD = re.compile(r"(?:共计|合计|总计|累计|约|达到?|共)$")
# pinyin a page prints after characters as ruby (预(yù)算数(shù)): no part of the name
_RUBY = re.compile(r"(?<=[\u4e00-\u9fff])\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,6}\s?){1,3}\)")
# the words a 三公-only page's kind is read from: a funding source's 预算 says nothing
_SOURCE_BUDGET = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")


@lru_cache(maxsize=1)
def _names_map() -> dict[int, str]:
    return str.maketrans(traditional_chars("names"))


def plain(text: str) -> str:
    """A name or lead as the figure and name rules read it: ruby pinyin dropped, traditional
    characters in simplified form (預算數 → 预算数)."""
    return _RUBY.sub("", text).translate(_names_map())


def figure_kind(doc_kind: str | None, head: str) -> str | None:
    """预算 or 决算 for reading figures: a 三公-only page is one or the other by its title
    (…“三公”经费支出决算情况说明), which a 预算 of the funding source (一般公共预算) does not decide."""
    if doc_kind != "三公":
        return doc_kind
    h = _SOURCE_BUDGET.sub("", plain(head))
    return "决算" if "决算" in h else "预算" if "预算" in h else None


_COLUMN_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年度?")
_COLUMN_UNIT = re.compile(r"\s*[（(](?:单位[:：]?)?(?:万元|元|亿元|千元)[）)]$")


@lru_cache(maxsize=4096)
def column_figure_type(column: str, table_title: str = "", doc_kind: str | None = None, doc_year: int | None = None) -> str | None:
    """The figure type of a table column from its header path (`决算数 > 基本支出` → 决算数).

    The leaf is tried first, then its parents; a column whose path names no figure (合计,
    基本支出, 一般公共预算) states the table's own figure, read from its title (…决算表 → 决算数)
    or, failing that, from the document's kind."""
    vocab = figure_types()
    column, table_title = plain(column), plain(table_title)
    for level in reversed([p.strip() for p in column.split(">")]):
        if doc_year and (m := _YEAR.search(level)) and int(m.group(1)) < doc_year:
            return "上年"
        # 2012年预算(万元): the year and the unit are no part of the figure's name
        bare = _COLUMN_UNIT.sub("", _COLUMN_YEAR.sub("", level)) or level
        for t in vocab.types:
            if t.header.search(level) or bare != level and t.header.search(bare):
                return t.name
    title = re.sub(r"\s+", "", table_title)
    for word in ("决算", "预算"):
        if word in title and word in vocab.defaults:
            return vocab.defaults[word]
    return vocab.defaults.get(doc_kind or "")


def prose_figure_type(text: str, start: int, *, kind: str = "amount", doc_kind: str | None = None, doc_year: int | None = None) -> str | None:
    """The figure type a prose number states, from the words right before it in its clause.

    A change is an 增减 figure whatever its words; a share or rate is a 比例. A money amount
    preceded by 年初预算 / 调整预算 / 全年预算 / 决算 / 执行数 / 预算安排 (or by an earlier year than the
    document's) states that figure; one with no such words states none (it may pair with any
    column) — except in a 决算 document, whose plain amounts are what was spent, unless its
    lead names a budget."""
    if kind == "change":
        return "增减"
    if kind == "percent":
        return "比例"
    if kind != "amount":
        return None
    lead = plain(text[max(0, start - LEAD_WINDOW) : start])
    cut = max((m.end() for m in _CLAUSE_END.finditer(lead)), default=0)
    lead = _SPACES.sub("", lead[cut:])
    lead = _TOTAL_WORD.sub("", lead)
    if doc_year and (m := _YEAR.search(lead)) and int(m.group(1)) < doc_year:
        return "上年"
    if doc_year and (y := _sentence_year(text, start)) is not None and y < doc_year:
        return "上年"  # 2011年某局执行公务……共开支公务接待费43.75万元, in a page on 2012: the sentence's year is the figure's
    for t in figure_types().types:
        if t.prose.search(lead):
            return t.name
    # (2012年安排公车运行维护费…: 安排 is what a budget does — on a page of both, no claim either way)
    # (一般公共预算财政拨款收入 names a fund, not a budget figure)
    if doc_kind == "决算" and "预算" not in cue_pattern("fund_kinds").sub("", lead) and "安排" not in lead:
        return figure_types().defaults.get("决算")
    return None


#: how far back a sentence's opening year may stand from its figure
SENTENCE_YEAR_WINDOW = 80
_SENTENCE_START = re.compile(r"[。！？!?；;\n]")
_OPENING_YEAR = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")


def _sentence_year(text: str, start: int) -> int | None:
    """The year a sentence opens with (2011年某局…), when no other year stands between it and the figure."""
    lo = max(0, start - SENTENCE_YEAR_WINDOW)
    before = text[lo:start]
    cut = max((m.end() for m in _SENTENCE_START.finditer(before)), default=0 if lo == 0 else -1)
    if cut < 0:
        return None  # the sentence starts farther back than the window
    sentence = before[cut:]
    m = _OPENING_YEAR.match(sentence)
    if m is None or _YEAR.search(sentence, m.end()):
        return None
    return int(m.group(1))


def compatible(fact_type: str | None, column_type: str | None) -> bool:
    """May a prose figure of `fact_type` pair with a column of `column_type`? A figure the
    wording does not name (None) pairs with any."""
    if fact_type is None or column_type is None or fact_type == column_type:
        return True
    return frozenset((fact_type, column_type)) in figure_types().compatible


#: a figure a comparison is made with (较2024年的2190万元), read back this far
COMPARED_WINDOW = 20
_COMPARED = re.compile(r"(?:较|比|与|同)[^，,。；;]{0,18}$")
#: what ends a 其中 list (its parts may be parted by semicolons)
_LIST_END = re.compile(r"[。！？!?\n]")


def with_figure_types(facts: list[Fact], text: str, doc_kind: str | None, year: int | None) -> list[Fact]:
    """The facts with `figure_type` set for money amounts and changes (others keep None)."""
    out = []
    default = figure_types().defaults.get("决算") if doc_kind == "决算" else None
    # the figure types a 其中 list passes to its parts: a budget's, or an earlier year's
    listed_types = figure_types().budget_types | {"上年"}
    listed_under: str | None = None  # the figure type a 其中 list in progress continues
    prev_end = 0
    last_amount: Fact | None = None
    for f in facts:
        if f.kind in ("amount", "change") and f.unit not in (None, "%", "个百分点"):
            kind = prose_figure_type(text, f.span[0], kind=f.kind, doc_kind=doc_kind, doc_year=year)
            if f.kind == "amount":
                between = text[prev_end : f.span[0]] if prev_end <= f.span[0] else ""
                ends = [m.end() for m in _LIST_END.finditer(between)]
                if ends:
                    listed_under = None
                    between = between[ends[-1] :]  # (…较上年增加10万元。其中：… — a 其中 opening the next sentence)
                # 三公经费预算为168.53万元，其中：因公出国（境）费39万元、… (in a 决算); 2023年三公经费100万元，其中…
                # (in a 2024 budget): the parts listed under a whole are figures of its type, though only the
                # whole's words say so
                if "其中" in between and last_amount is not None and last_amount.figure_type in listed_types:
                    listed_under = last_amount.figure_type
                if listed_under and kind in (default, None) and prose_figure_type(text, f.span[0], kind=f.kind, doc_year=year) is None:
                    kind = listed_under
                elif kind != listed_under:
                    listed_under = None
                prev_end = f.span[1]
            f = evolve(f, figure_type=kind)
            if f.kind == "amount" and not _COMPARED.search(text[max(0, f.span[0] - COMPARED_WINDOW) : f.span[0]]):
                last_amount = f  # (较2024年的2190万元: the figure compared with is not the whole a list follows)
        out.append(f)
    return out
