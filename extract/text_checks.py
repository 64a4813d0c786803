"""Checks on the document's own text: paragraphs printed twice, dates outside its year.

Both are problems of editing, not of arithmetic: a paragraph pasted twice, a project period or a
balance date left from last year's file. They read the original text, so their evidence spans
point at the words a reader will see.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from .layout import heading_level
from .normalize import one_to_one
from .quantity import numeral_value
from .records import Finding
from .resources import cue_pattern, cues

#: a paragraph must be this long (non-space characters) before its repetition is news: shorter
#: lines repeat legitimately (a heading in the 目录 and in the body, 无 / 详见附表 notes, a stock
#: reason such as 严格落实中央八项规定精神 given for several items).
MIN_REPEATED_CHARS = 50

_HEADING = re.compile(r"\n\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])")
_SENTENCE_MARK = re.compile(r"[，。；：,;]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WIDE_GAP = re.compile(r"\S {3,}\S")


def _paragraphs(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, compacted text) of each prose line (a table row has tabs or wide gaps)."""
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        body = line.strip()
        if len(body) < MIN_REPEATED_CHARS:
            continue  # (its compacted text is shorter still: never a paragraph worth reporting)
        if "\t" in line or "|" in body or _WIDE_GAP.search(body):
            continue
        flat = "".join(body.split())  # = re.sub(r"\s+", "", body)
        if len(flat) >= MIN_REPEATED_CHARS and _SENTENCE_MARK.search(flat) and len(_CJK.findall(flat)) * 2 >= len(flat):
            lead = len(line) - len(line.lstrip())
            yield start + lead, start + lead + len(body), flat


def duplicate_text(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A paragraph printed verbatim twice or more (a list pasted twice, a section copied into the
    next): reported once, at its second occurrence."""
    seen: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s, e, flat in _paragraphs(ci.text):
        i = bisect.bisect_right(ci.table_spans[0], s) - 1  # inside a table? (merged spans, bisected)
        if not (i >= 0 and s < ci.table_spans[1][i]):
            seen[flat].append((s, e))
    for flat, spans in seen.items():
        # only a repeat within one section is news: the same breakdown under 支出 and under 财政拨款
        #支出 (equal when all money is 财政拨款), or one programme's overview under its carry-over
        # project, are repeated on purpose (judged so by the dev corpus's reviewers)
        spans = [spans[0], *[s for s in spans[1:] if not _HEADING.search(ci.text, spans[0][1], s[0])]]
        if len(spans) > 1:
            times = f"（共{len(spans)}次）" if len(spans) > 2 else ""
            yield ci.finding("duplicate_text", "warning", f"段落重复出现{times}：{flat[:30]}…", span=spans[1])


_Y = r"((?:19|20)\d{2})\s*年"
_MD = r"\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
_RANGE = re.compile(_Y + _MD + r"\s*(?:-|—|－|–|~|～|至|到)+\s*" + _Y + _MD)
_AS_OF = re.compile(r"(?:截至|截止(?:到|至)?|至)\s*" + _Y + r"\s*(?:12\s*月\s*31\s*日|年?底|末)")


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def date_out_of_year(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """Dates left from another year: a period that ended before the document's year (a 2025 budget
    whose project runs 2024年1月1日-2024年12月31日), and a 决算's balances 截至 a year-end other than
    its own (a 预算's 截至 last year-end is normal; two years back is stale)."""
    year = ci.year
    if not year:
        return
    for m in _RANGE.finditer(ci.text):
        start_y, end_y = int(m.group(1)), int(m.group(2))
        if end_y < year and start_y <= end_y and not _tells_history(ci.simplified, m.start(), m.end()):
            yield ci.finding("date_out_of_year", "warning", f"{year}年文件中的期间“{_flat(m.group())}”在{year}年之前结束", span=(m.start(), m.end()))
    for m in _AS_OF.finditer(ci.text):
        y = int(m.group(1))
        stale = y != year if ci.doc_kind == "决算" else y < year - 1
        if stale:
            yield ci.finding("date_out_of_year", "warning", f"{year}年{ci.doc_kind or ''}文件中写作“{_flat(m.group())}”", span=(m.start(), m.end()))


#: how far around a period its clause is read for a history verb
CLAUSE_REACH = 30
_CLAUSE_MARK = re.compile(r"[，,。；;\n]")


def _tells_history(text: str, start: int, end: int) -> bool:
    """The clause holding text[start:end] tells the unit's own past (…至2018年1月由县幼儿园托管)."""
    before = text[max(0, start - CLAUSE_REACH) : start]
    cut = max((mm.end() for mm in _CLAUSE_MARK.finditer(before)), default=0)
    after = text[end : end + CLAUSE_REACH]
    stop = _CLAUSE_MARK.search(after)
    clause = before[cut:] + after[: stop.start() if stop else len(after)]
    return any(v in clause for v in cues()["history_verbs"])


#: a township-level unit named as this document's own 本级 (包家镇人民政府（本级）): its place name
_OWN_UNIT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4}(?:镇|乡|街道))(?:人民政府|办事处)?\s*[（(]\s*本级\s*[）)]")


def foreign_unit_name(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """The document's own 本级 unit named after another town (单位构成：包家镇人民政府（本级） in 裴兴镇's
    决算): the paragraph was copied from a neighbour's file and its name not replaced."""
    dept = re.sub(r"\s+", "", ci.department or "")
    if not re.search(r"镇|乡|街道", dept):
        return
    for m in _OWN_UNIT.finditer(ci.text):
        name = m.group("name")
        if name not in dept and name not in re.sub(r"\s+", "", ci.text[: m.start()] + ci.text[m.end() :]):
            yield ci.finding("template_residue", "warning", f"模板残留（他单位名称）：本级单位写作“{_flat(m.group())}”，本文件为{dept}", span=m.span("name"))


#: how much of a copied glossary line a message quotes
GLOSSARY_LINE_CHARS = 60


def finance_glossary_elsewhere(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """一般公共服务：指县财政厅用于保障机构正常运行、开展财政管理活动的支出 in a library's budget: a glossary
    line that describes the finance department's own spending, copied with the finance bureau's
    template by a department that is none. Once per document (the glossary is one copied block)."""
    dept = re.sub(r"\s+", "", ci.department or "")
    if not dept or "财政" in dept:
        return
    m = cue_pattern("finance_own_spending").search(ci.text)
    if m is not None:
        end = ci.text.find("\n", m.end())
        line = ci.text[ci.text.rfind("\n", 0, m.start()) + 1 : end if end >= 0 else len(ci.text)].strip()[:GLOSSARY_LINE_CHARS]
        yield ci.finding("template_residue", "info", f"模板残留（照抄财政部门的名词解释）：“{_flat(line)}”，本文件为{dept}", span=m.span())


#: a heading or contents entry is a short line of its own, opening on a numbering marker (layout.MARKERS)
HEADING_MAX = 44
_HEADING_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CLAUSE_PUNCT = re.compile(r"[。；;，,]")


_OPENING_KIND = re.compile(r"现将[^。\n]{0,40}?(?<![预决])(?P<kind>预算|决算)(?:情况)?(?:予以)?公开如下")
#: how far into a document its opening sentence (现将…公开如下) may stand
OPENING_WITHIN = 800


def opening_names_the_other_kind(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """现将2021年部门预算公开如下 opening a 决算 (or 决算 opening a 预算): the opening sentence kept from
    the other template. The document's kind comes from its title and headings (metadata), which the
    opening did not settle."""
    if ci.doc_kind not in ("预算", "决算"):
        return
    m = _OPENING_KIND.search(one_to_one(ci.text[:OPENING_WITHIN]))
    if m is None or m.group("kind") == ci.doc_kind:
        return
    yield ci.finding("template_residue", "info", f"模板残留：{ci.doc_kind}说明的开头写“{_flat(m.group())}”", span=m.span())


#: a year's figure stated as one of 预算/决算 and compared, in the same breath, as the other
#: (2011年预算数72万元,比2011年决算数增长的主要原因): the comparison's words were not changed with the figure
_STATED_THEN_COMPARED = re.compile(
    r"(?P<y>(?:19|20)\d{2})年度?[^。；;\n，,]{0,12}?(?P<stated>预算|决算)数?(?:为)?\s*\d[\d.,]*\s*(?:万元|元)"
    r"[^。；;\n]{0,30}?(?P<compared>[比较]\s*(?P=y)年度?(?:年初)?(?P<other>预算|决算)数?)"
)


def figure_stated_as_one_compared_as_other(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """Last year's 预算数 stated, then the change explained against last year's 决算数 (or the other
    way round): one of the two words is left from the other template."""
    for m in _STATED_THEN_COMPARED.finditer(ci.simplified):
        if m.group("stated") != m.group("other"):
            yield ci.finding(
                "template_residue", "info",
                f"模板残留（预算/决算用语混用）：{m.group('y')}年写作“{m.group('stated')}数”，比较时却写“{_flat(m.group('compared'))}”",
                span=m.span("compared"),
            )


#: a budget's title line (2015年部门预算情况说明), looked for this far into the text
TITLE_WITHIN = 400
_BUDGET_TITLE = re.compile(r"(?m)^[^\n。，,]{0,30}(?:19|20)\d{2}\s*年度?(?:部门|单位)?预算(?:情况)?(?:说明|公开)[^\n。]{0,6}$")


def final_headings_in_budget(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """Headings of a 决算 template left in a 预算 (目录：三、乡财政决算单位构成 / 第三部分 政府性基金决算
    in a town's budget): one finding for all of them. Only where the budget's own headings outnumber
    them two to one — a 决算 misread as a 预算 has few budget headings — and not for a heading on
    another year's 决算, which a budget may report."""
    if ci.doc_kind != "预算" or not ci.year:
        return
    final: list[tuple[int, str]] = []  # (offset, heading)
    budget = 0
    pos = 0
    for line in ci.simplified.split("\n"):  # = one_to_one(ci.text)
        h = line.strip()
        if h and len(h) <= HEADING_MAX and heading_level(h) is not None and not _CLAUSE_PUNCT.search(h):
            words = cue_pattern("fund_kinds").sub("", h)  # (四、公共预算财政拨款支出决算情况: 公共预算 is a fund, the heading says 决算)
            if "决算" in words and "预算" not in words and all(int(y) == ci.year for y in _HEADING_YEAR.findall(h)):
                final.append((pos + line.index(h), h))
            elif "预算" in h and "决算" not in h:  # (五、公共财政预算收支情况 is a budget's heading, fund and all)
                budget += 1
        pos += len(line) + 1
    # (a title that names the page a 预算 — 2015年部门预算情况说明 — settles its kind as two budget headings would)
    head = ci.simplified[:TITLE_WITHIN]
    if any("决算" not in m.group() for m in _BUDGET_TITLE.finditer(head)):
        budget += 2
    if final and budget >= 2 * len(final):
        at, h = final[0]
        times = f"（共{len(final)}处）" if len(final) > 1 else ""
        yield ci.finding("template_residue", "info", f"模板残留（预算中的决算标题）：{_flat(h)}{times}", span=(at, at + len(h)))



def outdated_class_names(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A function class under the name the 2019 classification retired (医疗卫生与计划生育支出 in a 2022
    budget, now 卫生健康支出): the page kept an old template's wording. One finding per name."""
    if not ci.year:
        return
    text = ci.simplified  # = one_to_one(ci.text): same offsets, traditional pages read as simplified
    for rename in cues()["renamed_classes"]:
        if ci.year < rename["from_year"]:
            continue
        at = text.find(rename["old"])
        if at >= 0:
            n = text.count(rename["old"])
            times = f"（共{n}处）" if n > 1 else ""
            yield ci.finding(
                "template_residue", "info",
                f"模板残留（旧科目名称）：{ci.year}年文件仍写“{rename['old']}”，该类科目{rename['from_year'] - 1}年起称“{rename['new']}”{times}",
                span=(at, at + len(rename["old"])),
            )


#: 机关股、室12个，分别是：办公室、财务室、… / 事业部门5个：… — a count of named units and the names after it
_COUNT_THEN_NAMES = re.compile(r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<unit>个|家|所|处)(?P<noun>[^，,。；;：:\n\d]{0,8}?)[，,]?\s*(?:(?:分别是|分别为|具体为)\s*[:：]?|包括\s*[:：]|[:：])")
#: 云龙、玄滩、牛滩、玄滩、…等8个基层人民法庭 — names and the count that closes them
_NAMES_THEN_COUNT = re.compile(r"等\s*(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<unit>个|家|所|处)(?P<noun>[^，,。；;：:\n\d、]{0,10})")
_LIST_STOP = re.compile(r"[。；;\n]")
_CLAUSE_STOP = re.compile(r"[，,。；;：:\n]")
_BRACKETED = re.compile(r"[（(][^（()）]{0,40}[）)]")  # (a note of merged offices: 医务科、科教科、质量管理科、医院感染控制科合署)
#: an item that is no name: a figure, an open 等, a numbered point (一是…)
_NO_NAME = re.compile(r"\d|等$|等[（(]|^[一二三四五六七八九十]是")
#: how far a list of names may run after its count, and the length of one name
NAMES_REACH = 300
#: how far before a count its noun may stand (内设科室11个)
NOUN_BEFORE = 6
NAME_CHARS = (2, 20)


def _names(text: str, start: int, end: int) -> list[tuple[int, str]] | None:
    """The names text[start:end] lists, each with its offset (split on 、, else on commas; a bracketed
    note stays with its name), or None when an item is no name (a figure, a clause, an open 等)."""
    s = text[start:end]
    masked = _BRACKETED.sub(lambda m: "\0" * len(m.group()), s)
    sep = "、" if "、" in masked else "，,"
    if sep == "、":  # (a 、 list ends at its first comma: the clause after it says something else)
        cut = re.search(r"[，,]", masked)
        masked = masked[: cut.start()] if cut else masked
    out: list[tuple[int, str]] = []
    pos = 0
    for part in re.split(f"[{sep}]", masked):
        raw = s[pos : pos + len(part)]
        if item := raw.strip():
            out.append((start + pos + raw.index(item), item))
        pos += len(part) + 1
    if len(out) < 2 or any(not NAME_CHARS[0] <= len(n) <= NAME_CHARS[1] or _NO_NAME.search(n) for _, n in out):
        return None
    return out


@cache
def _unit_nouns() -> tuple[str, ...]:
    return (*cues()["counted_unit_nouns"], *cues()["org_suffixes"])


def _counts_units(noun: str) -> bool:
    """The noun after 个 names units (科室, 基层人民法庭) or is left out (机关股、室12个，分别是：…)."""
    noun = noun.strip()
    return not noun or noun.endswith(_unit_nouns())


def enumerated_counts(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """A count of units against the names listed with it (机关股、室12个，分别是：… eleven names; …玄滩、
    牛滩、玄滩…等8个法庭: one name twice). Only whole lists are read: one running into the cut of an
    excerpt, or holding an item that is no name, is left alone."""
    text = ci.simplified
    for m in _COUNT_THEN_NAMES.finditer(text):
        n = numeral_value(m.group("n"))
        stop = _LIST_STOP.search(text, m.end(), m.end() + NAMES_REACH)
        # (内设科室11个，分别为…: the noun counted stands before the count)
        noun = m.group("noun") or text[max(0, m.start() - NOUN_BEFORE) : m.start()]
        names = _names(text, m.end(), stop.start()) if n and stop is not None and _counts_units(noun) else None
        if names is None:
            continue  # (no end within reach: cut off, or no list of names)
        distinct = len({name for _, name in names})
        if len(names) != n or distinct != n:
            twice = f"，其中{len(names) - distinct}个名称重复" if distinct != len(names) else ""
            yield ci.finding("list_sum", "info", f"“{m.group('n')}{m.group('unit')}”后列出{len(names)}个名称{twice}，与数目不符", span=(m.start("n"), m.end("unit")))
    for m in _NAMES_THEN_COUNT.finditer(text):
        n = numeral_value(m.group("n"))
        start = max((x.end() for x in _CLAUSE_STOP.finditer(text, max(0, m.start() - NAMES_REACH), m.start())), default=max(0, m.start() - NAMES_REACH))
        names = _names(text, start, m.start()) if n and _counts_units(m.group("noun")) else None
        if names is None or len(names) != n:
            continue  # (等 may close a partial list: only a full count with a name twice is sure)
        first = names[0][1]  # (the first item carries the clause's verb: 另设有云龙)
        seen: set[str] = set()
        for at, name in names[1:]:
            if name in seen or first.endswith(name):
                yield ci.finding("list_sum", "info", f"“等{m.group('n')}{m.group('unit')}”所列{len(names)}个名称中“{name}”重复，不同名称不足{m.group('n')}个", span=(at, at + len(name)))
                break
            seen.add(name)


#: 本部门共有预算单位1家，其中：行政单位1家、…事业单位3 — a count of budget units and its parts
_UNITS_TOTAL = re.compile(r"共有(?:预算)?单位\s*(?P<n>\d{1,3})\s*(?P<unit>个|家)")
#: one listed part: 二级预算单位2个 / 行政单位1 家 / 全额拨款事业单位3 / 1 个二级预算单位
_UNITS_PART = re.compile(r"单位\s*(?P<a>\d{1,3})(?!\d)\s*(?:个|家)?|(?P<b>\d{1,3})\s*(?:个|家)[^，,、；;。\d]{0,8}?单位")
#: where the parts end: the units' names (具体为 / 分别是), the staff, the sentence
_UNITS_LIST_END = re.compile(r"具体|分别|编制|人员|[。；;\n]")
UNITS_LIST_REACH = 120


def unit_count_against_parts(ci) -> Iterable[Finding]:  # noqa: ANN001 - CheckInput
    """共有预算单位1家，其中：行政单位1家、…全额拨款事业单位3 (or 本级和二级预算单位2个): the units listed
    add up to more than the count the sentence opens with. 本级 named among them is one unit."""
    text = ci.simplified
    for m in _UNITS_TOTAL.finditer(text):
        end = _UNITS_LIST_END.search(text, m.end(), m.end() + UNITS_LIST_REACH)
        region = text[m.end() : end.start() if end else m.end() + UNITS_LIST_REACH]
        parts = [int(p.group("a") or p.group("b")) for p in _UNITS_PART.finditer(region)]
        listed = sum(parts) + ("本级" in region)
        if parts and listed > int(m.group("n")):
            yield ci.finding("claim_contradiction", "info", f"“共有预算单位{m.group('n')}{m.group('unit')}”，同句所列单位共{listed}{m.group('unit')}", span=m.span())
