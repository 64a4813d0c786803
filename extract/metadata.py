"""Document metadata — department, year, 预算/决算/三公, 部门/单位 — from the title, the first lines,
the body and, last, the file name.

Disclosures are published as PDFs whose first line is the title, as web pages whose title sits
under a breadcrumb, an 索引号/发布机构 block or a site banner, and as excerpts that start in the
middle. So the title is looked for among the first lines in several shapes (department before
the year, year before the department, 关于…的说明), labelled fields (预算单位：, 发布机构) come next,
then the body's own wording (第一部分 X概况, X是…的工作部门), and the year falls back to the year
the body speaks of most. A file name such as 2023年某局部门决算.pdf is read only when the text
says nothing.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

from .resources import alternation, cue_pattern, cues, traditional_map


def _squeeze(s: str) -> str:
    """`s` without whitespace (= `re.sub(r"\\s+", "", s)`: str.split's whitespace is the engine's \\s), ≈ 3×
    faster on the short lines it is asked of many times a document."""
    return "".join(s.split())


_CN = "一二三四五六七八九十"
#: how many non-empty lines may stand before the title (breadcrumbs, 索引号 blocks, site banners)
HEAD_LINES = 16
#: how much of the body is read for the year and the kind when the title says nothing
BODY_CHARS = 20000

_YEAR = r"(?P<year>(?:19|20)\d{2})\s*年度?"
_KIND = r"(?P<kind>预算|决算)"
_LEVEL = r"(?:区级|市级|省级|县级|本级|州级|旗级|[（(](?:本级|汇总)[）)])?"
_SANGONG = r"(?:[“\"']?三公[”\"']?经费)"
_DEPT_CHARS = r"[\u4e00-\u9fff（）()·“”]"

#: endings of an organisation's name: a department, a unit, a township, a school …
_ORG_END = re.compile(
    r"(?:局|厅|院|办事处|办公室|委员会|委|中心|政府|部|所|站|队|会|馆|处|署|团|社|校|园|室|法院|检察院|镇|乡|街道|"
    r"学|学区|党派|中学|小学|中专|职专|技校|职高|医院|台|联合会|联社|集团|公司|宫|场|库|监狱|办|分局|支队|大队|总队|厂|文联|侨联|残联|妇联|工商联|社科联|科协)(?:[（(][^）)]{1,8}[）)])?$"
    # a zone named by its managing organ in brackets: 某某产业集中区(管委会)
    r"|[（(](?:管委会|管理委员会|党工委|工委)[）)]$"
)
#: a form's own field for whose budget it is
_LABEL = re.compile(r"(?:预算主管部门|主管部门|预算单位|部门名称|单位名称|编制部门|填报单位)[:：]\s*(?P<dept>[^\s\d:：|][^\s:：|]{1,39})")
#: a web page's byline: who published it, often abbreviated (来源：某某驻沪办 日期：…), so weaker than the text's own
#: words; read on the line as the page gives it, where a space ends the name
_BYLINE = re.compile(r"(?:(?:发布机构|发文机关|发文机构|发文单位)[:：]?|(?:来源|信息来源)[:：])\s*(?P<dept>[^\s\d:：|][^\s:：|]{1,39}?)(?=\s|$|[|]|日期|时间|发布时间|作者|浏览|点击)")
#: a site's page-metadata table (索引号 | … | 发布机构 | X | 责任部门 | X): the label and the name in adjacent cells
_LABEL_CELL = re.compile(r"(?:^|\|)(?:发布机构|责任部门|公开责任部门|发文机关|所属机构)\|(?P<dept>[^\s\d:：|][^\s:：|]{1,39})(?:\||$)")
_TITLE_DEPT_FIRST = re.compile(rf"(?P<dept>{_DEPT_CHARS}{{2,40}}?)\s*{_YEAR}\s*{_LEVEL}(?:部门|单位)?(?:综合)?(?:财政)?(?:{_KIND}|{_SANGONG}|“?三公”?|一般公共预算)")
_TITLE_YEAR_FIRST = re.compile(rf"^{_YEAR}\s*(?P<dept>{_DEPT_CHARS}{{2,40}}?)\s*{_LEVEL}(?:部门|单位)?(?:综合)?(?:{_KIND}|{_SANGONG}|一般公共预算)")
_YEARLESS_TITLE = re.compile(rf"(?P<dept>{_DEPT_CHARS}{{3,40}}?)(?:部门|单位)?(?:财政拨款)?(?:“?三公”?经费|预算|决算)(?:支出)?(?:情况)?(?:公开|公布|说明)+$")
_OVERVIEW = re.compile(rf"第[{_CN}]+部分[:：\s]*(?P<dept>{_DEPT_CHARS}{{3,40}}?)\s*(?:\d{{4}}年度?)?(?:部门|单位)?(?:概况|基本情况)")
_FIRST_SECTION = re.compile(rf"^\s*一[、.．]\s*(?P<dept>{_DEPT_CHARS}{{3,30}}?)\s*(?:\d{{4}}年度?)?(?:部门|单位)?(?:概况|基本情况)\s*$")
#: how many of the first lines may hold the first section's heading
FIRST_SECTION_LINES = 12
#: 从预算单位构成看，某馆部门决算包括：本级决算 — the 决算 template's scope sentence names the department
_SCOPE_SENTENCE = re.compile(rf"从(?:预算)?单位构成看[,，]\s*(?P<dept>{_DEPT_CHARS}{{3,30}}?)(?:部门|单位)(?:决算|预算)(?:包括|由)")
#: 中国民主建国会武汉市委员会(简称：民建武汉市委…): an organisation introduced with its short name — one with a
#: place in it (the national party named first, 中国民主建国会(简称民建), is not the page's own)
_ABBREVIATED = re.compile(rf"(?:^|[。\n])(?P<dept>{_DEPT_CHARS}{{2,30}}?[省市县区州旗]{_DEPT_CHARS}{{1,20}}?)[（(]简称")
_COMPILED_BY = re.compile(rf"经(?P<dept>{_DEPT_CHARS}{{2,20}}?财政(?:局|厅))汇总")
_SELF_INTRO = re.compile(rf"(?:^|[。\n])(?P<dept>{_DEPT_CHARS}{{3,30}}?)是(?:[^。\n]{{0,30}})(?:工作部门|事业单位|行政单位|直属机构|组成部门|派出机构|机构)")
#: 说明：冀村镇人民政府没有使用国有资本经营预算安排支出，故本表无数据 — the note under an empty table names the unit
_EMPTY_NOTE = re.compile(rf"(?:说明|注)[:：](?:本单位|本部门)?(?P<dept>{_DEPT_CHARS}{{3,30}}?)(?:\d{{4}}年度?)?(?:没有|无|未)(?:使用|安排|发生)")
#: 920平山县下口镇财政所 | — a budget table's head cell: the unit's code, then its name
_CODED_UNIT = re.compile(rf"^\d{{3,9}}(?P<dept>{_DEPT_CHARS}{{3,30}})$")
_BODY_TITLE = re.compile(rf"{_YEAR}\s*{_LEVEL}(?:部门|单位){_KIND}")
#: (its lookbehind after 19/20, reaching two characters further back: the engine then jumps between
#: the 1s and 2s instead of trying every position — the same matches)
_ANY_YEAR = re.compile(r"((?:19|20)(?<![\d.较比与至到]..)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_UNIT_KIND = re.compile(r"单位(?:预算|决算)")
_SANGONG_TITLE = re.compile(r"三公")
_KIND_WORD = re.compile(r"预算|决算")
#: converter residue on traditional-character mirror pages: 經(jīng)費 — the reading in brackets
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
_WHOLE_DOC = re.compile(r"部门(?:预算|决算)|单位(?:预算|决算)|收入支出(?:预算|决算)总表|收支(?:预算|决算)?总表")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a document is: whose, which year, 预算/决算 (or 三公 for a page that discloses only
    三公经费), 部门/单位 — each None when neither the text nor the file name says."""

    department: str | None
    year: int | None
    doc_kind: str | None
    unit_kind: str | None
    aliases: tuple[str, ...] = ()  # the shorter form a title gave, when the body spells the name out (区直工委)


#: a document's self-reference (我镇, 本局) or a site's menu (…网站) is no name
_NOT_A_NAME = re.compile(r"[我本该](?:镇|乡|局|委|办|院|所|站|中心|单位|部门|街道)$|网站")


@cache
def _scope_inside() -> re.Pattern[str]:
    """A scope phrase is no name (包括省商务厅本级及所属…)."""
    return re.compile("|".join(map(re.escape, cues()["scope_phrases"])))


def _clean_dept(s: str) -> str | None:
    # the last piece with words in it (某团委关于2023年部门预算…: the name stands before 关于, nothing after)
    s = next((x for x in reversed(re.split(rf"[：:、。，,|]|第[{_CN}]+部分|关于|标题", s)) if x.strip()), "")
    s = re.sub(r"^(?:信息正文|正文|首页|当前位置|欢迎访问|概况|基本情况|现将|现就|现对|特将|根据|按照|依据|纳入|年度|年)", "", s).strip("“”\"'（(")
    s = re.sub(r"(?:[（(](?:本级|汇总|部门|单位|机关)[）)]|(?<=[\u4e00-\u9fff]{3})(?:机关)?本级)+$", "", s)  # 某区总工会本级
    s = re.sub(r"(?<=[局委办院厅])部门$", "", s)  # 某县教育体育局部门2020年度“三公”经费…: the word 部门, not part of the name
    s = re.sub(r"^(?:包括|其中|含)", "", s)
    if _NOT_A_NAME.search(s) or _scope_inside().search(s):
        return None
    return s if 3 <= len(s) <= 40 and _ORG_END.search(s) else None


#: a page-information label before the title in a site's metadata block (信息名称 X2023年部门决算公开说明)
_TITLE_LABEL = re.compile(r"^(?:信息名称|文件名称|信息标题|标题|名称)[:：]?(?=.{6})")


def _lines(text: str) -> list[str]:
    """The non-empty lines, without spaces, markdown/table edge marks or a page label before a title."""
    lines = [_TITLE_LABEL.sub("", _squeeze(ln).strip("*#|")) for ln in text.splitlines()]
    return [ln for ln in lines if ln]


def _head(text: str) -> list[str]:
    return _lines(text[:8000])[:HEAD_LINES]


_COMPARED = re.compile(r"(?:较|比|与|同比|相比|截至|截止|至)$")


def _title(head: list[str]) -> tuple[str | None, int | None, str | None, str | None]:
    """(department, year, kind, the title line) of the first line — or two lines, for a title
    broken after the department's name — that reads as a title; a title naming no department
    (2019年度部门预算公开) gives way to one that does."""
    found: tuple[str | None, int | None, str | None, str | None] = (None, None, None, None)
    # in reading order, each line before the pair it closes (四川省…紫云乡人民政府 / 2017年部门决算编制说明):
    # a title broken after the department's name comes before any sentence further down that names it
    for ln in [x for i, line in enumerate(head) for x in (line, *((head[i - 1] + line,) if i else ()))]:
        for pat in (_TITLE_YEAR_FIRST, _TITLE_DEPT_FIRST):
            m = pat.search(ln)
            # a comparison (差旅费较2022年预算增长…) or a sentence already ended is no title
            if m and not _COMPARED.search(m.group("dept")) and "。" not in ln[: m.start("year")]:
                kind = m.groupdict().get("kind")
                if kind and any(f.end() == m.end("kind") for f in cue_pattern("fund_kinds").finditer(ln, 0, m.end("kind"))):
                    kind = None  # (2017年度一般公共预算财政拨款支出353.51万元: a fund's name, no kind word)
                hit = (_clean_dept(m.group("dept")), int(m.group("year")), kind, ln)
                if hit[0]:
                    return hit
                if found[1] is None:
                    found = hit
    return found


def _kind_of(title: str | None, head: str, body: str, sangong_sections: bool = False, other_sections: int = 0, headings_kind: str | None = None) -> tuple[str | None, str | None]:
    """(预算 / 决算 / 三公, 部门 / 单位). `other_sections`: how many top-level sections are on
    something else than 三公 — a page with 主要职能, 机构设置, 收支预算… is a whole document, whatever
    words it uses for its kind (公共财政预算)."""
    # every section on 三公 or its items (一、“三公”经费增减情况 / 二、公务用车… / 三、国内公务接待…): a 三公 page,
    # whatever its title calls the document it supplements (…部门决算公开补充说明)
    if sangong_sections and not (title and _SANGONG_TITLE.search(title)):
        return "三公", "单位" if title and _UNIT_KIND.search(title) else "部门"
    # a "title" that states a figure is the first sentence of an untitled page (2015年某院安排公务接待费
    # 预算10万元，…): on a page whose sections are all on 三公 items, its 预算 is an item's
    if title and sangong_sections and _FIGURE.search(title):
        return "三公", "单位" if _UNIT_KIND.search(title) else "部门"
    words = title or head
    unit = "单位" if _UNIT_KIND.search(words) else ("部门" if re.search(r"部门(?:预算|决算)", words) else None)
    whole = _WHOLE_DOC.search(title or "")
    # 某局2019年部门预算“三公”经费公开说明: the 三公 part of a 部门预算, published on its own
    if title and (sg := _SANGONG_TITLE.search(title)) and (whole is None or sg.start() > whole.end() and not re.search(r"[及和与、]", title[whole.end() : sg.start()])):
        return "三公", unit or "部门"
    for src in (title or "", head):
        # (从预算单位构成看: a budget unit is one in a 决算 too; 一般公共预算 is a fund — no kind words)
        src = _without_fund_names(src)
        k = "决算" if "决算" in src else ("预算" if "预算" in src else None)
        if k:
            if not title and _SANGONG_TITLE.search(head) and (not _WHOLE_DOC.search(body) or sangong_sections):
                # untitled, opens on 三公 and never names a whole 部门预算/决算 — or every section it opens is on 三公
                return "三公", unit or "部门"
            return k, unit or "部门"
    n_final, n_budget = body.count("决算"), body.count("预算")
    if headings_kind is not None:
        kind = headings_kind  # (an untitled excerpt whose sections say 收支决算总体情况 and nothing of a budget)
    elif n_final >= 3 and n_final * 3 >= n_budget:
        kind = "决算"
    elif n_budget >= 3:
        kind = "预算"
    else:
        return None, unit
    if (not _WHOLE_DOC.search(body) or sangong_sections) and body.count("三公") >= 2 and other_sections < 3:
        return "三公", unit or "部门"
    return kind, unit or "部门"


_SECTION_HEAD = re.compile(rf"^[{_CN}]+、(.*)$")
#: a line that opens a list entry: 一、 / (六) / （二） / 3. / 第二部分
_ENTRY = re.compile(rf"^(?:[（(][{_CN}\d]{{1,3}}[)）]|[{_CN}\d]{{1,3}}[、.．]|第[{_CN}]+部分)")


#: a section on 三公经费 or on one of its three items
_SANGONG_HEAD = re.compile(r"三公|因公出国|出国[（(]境[）)]|公务接待|公务用车|公车")
#: a money figure: a title states none
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元)")


def _sangong_sections(lines: list[str]) -> bool:
    """The top-level sections (一、…) of the text are all on 三公经费 or its items, at least two of them."""
    heads = [m.group(1) for ln in lines if (m := _SECTION_HEAD.match(ln))]
    return len(heads) >= 2 and all(_SANGONG_HEAD.search(h) for h in heads)


def _other_sections(lines: list[str]) -> int:
    """How many distinct top-level sections (一、…) are on something other than 三公经费 and its items."""
    return len({h for ln in lines if (m := _SECTION_HEAD.match(ln)) and not _SANGONG_HEAD.search(h := m.group(1))})


def _without_fund_names(text: str) -> str:
    """The text without the names of the budgets money is paid from (cues.json `fund_kinds`: 一般公共预算 …)
    and without 预算单位: neither says which kind of document a 预算 or 决算 is."""
    return cue_pattern("fund_kinds").sub("", text.replace("预算单位", ""))


def _headings_kind(lines: list[str]) -> str | None:
    """预算 or 决算 when the document's section headings (三、收支决算总体情况说明) name only that one."""
    said = {k for ln in lines if (m := _SECTION_HEAD.match(ln)) for k in ("预算", "决算") if k in _without_fund_names(m.group(1))}
    return next(iter(said)) if len(said) == 1 else None


def _body_year(body: str) -> int | None:
    """The year a document without a title speaks of: its 'YYYY年度部门决算', else the year named
    most often (a budget names its own year more than last year's), not counting the years it is
    compared with (较2022年度决算数 in a 2023 决算)."""
    m = _BODY_TITLE.search(body)
    if m:
        return int(m.group("year"))
    years = Counter(int(y) for y in _ANY_YEAR.findall(body))
    if not years:
        return None
    top = max(years.values())
    return max(y for y, n in years.items() if n == top)


#: the template sentences on a budget's scope, at the start of a line: X只有本级…, X所有收入和支出均纳入…,
#: 纳入X2024年部门预算编制范围…, and a 决算's table list (（一）X汇总 / （二）X本级)
_LINE_MARKER = rf"(?:[（(]?[{_CN}\d]{{1,3}}[)）、.．]?)?"
_LINE_TITLE = re.compile(rf"{_LINE_MARKER}{_TITLE_DEPT_FIRST.pattern}")
_SCOPE_LINE = re.compile(
    rf"(?:^{_LINE_MARKER}|(?<=[，,。；;：:)）]))(?:(?P<dept>{_DEPT_CHARS}{{3,30}}?)(?:只有本级|所有收入和支出均纳入|(?:汇总|本级)$"
    rf"|是[^。]{{0,30}}?(?:工作部门|事业单位|行政单位|直属机构|组成部门|派出机构|机构)|的?主要(?:职责|职能)是|主要履行以下职责)"
    rf"|纳入(?P<dept2>{_DEPT_CHARS}{{3,30}}?)(?:\d{{4}}年度?)?部门(?:汇总)?(?:预算|决算)编制范围)"
)


def _line_dept(lines: list[str]) -> str | None:
    """A name read from a whole line past the head: a title below a long table of contents
    (2021年度某县某局部门决算 after the 目录), a section that opens on the name (某办公室2016年度“三公”
    经费支出预算为…), or a template sentence on the budget's scope. Reading line by line keeps the
    heading before it (二、2016年“三公”经费预算情况说明) out of the name."""
    for ln in lines:
        for pat in (_TITLE_YEAR_FIRST, _LINE_TITLE):
            m = pat.match(ln)  # the name opens the line (or follows its year): not a name met mid-sentence
            if m and (d := _clean_dept(m.group("dept"))):
                return d
    for ln in lines:
        m = _SCOPE_LINE.search(ln)
        if m and (d := _clean_dept(m.group("dept") or m.group("dept2"))):
            return d
    return None


def _body_dept(head: list[str], body: str, lines: list[str], raw_head: list[str]) -> str | None:
    for ln in head:
        m = _LABEL.search(ln)
        if m and (d := _clean_dept(m.group("dept"))):
            return d
    for ln in head:
        m = _CODED_UNIT.match(ln)
        if m and (d := _clean_dept(m.group("dept"))):
            return d
    if d := _line_dept(lines):
        return d
    # an aggregate page (经某县财政局汇总…) is the compiler's, whoever's site published it
    if (m := _COMPILED_BY.search(body)) and (d := _clean_dept(m.group("dept"))):
        return d
    # a title without a year (某厅三公经费公布) is the page's own words: it outranks the byline, which
    # names the site that published it (来源：某省人民政府)
    for ln in head[:2]:
        m = _YEARLESS_TITLE.match(ln)
        if m and (d := _clean_dept(m.group("dept"))):
            return d
    for ln in raw_head:
        m = _BYLINE.search(ln)
        if m and (d := _clean_dept(m.group("dept"))):
            return d
    for ln in head:
        m = _LABEL_CELL.search(ln)
        if m and (d := _clean_dept(m.group("dept"))):
            return d
    for ln in lines[:FIRST_SECTION_LINES]:
        # 一、浙江省衢州第二中专概况: the first section names the department it describes
        m = _FIRST_SECTION.match(ln)
        if m and (d := _clean_dept(m.group("dept"))):
            return d
    for pat in (_OVERVIEW, _TITLE_DEPT_FIRST, _SELF_INTRO, _COMPILED_BY, _EMPTY_NOTE, _SCOPE_SENTENCE, _ABBREVIATED):
        for m in pat.finditer(body):
            if d := _clean_dept(m.group("dept")):
                return d
    for ln, nxt in zip(head[:3], head[1:4], strict=False):
        # a cover page: the name alone on a line, the document's title on the next (山东某某学院 / 政府采购决算公开情况说明)
        if _COVER_TITLE.search(nxt) and not re.search(r"\d", ln) and _clean_dept(ln) == ln and len(ln) <= 30:
            return ln
    for ln, nxt in zip(head[:4], head[1:5], strict=False):
        # …or the title first and the name alone under it (2019年度部门决算公开 / 某县总工会 / 主要负责人：…)
        if _COVER_TITLE.search(ln) and _ORG_END.search(nxt) and not re.search(r"\d", nxt) and _clean_dept(nxt) == nxt and len(nxt) <= 30:
            return nxt
    if d := _named_in_prose("\n".join(lines)):  # by line: a site menu's words run together are no place
        return d
    return _township_in_prose("\n".join(lines))


#: a township or street that opens its sentences (群加乡下设行政单位1个。2015年群加乡本年度预算总收入…)
_TOWNSHIP_OPENS = re.compile(
    r"(?:^|[。；;\n]|(?:19|20)\d{2}年度?)(?:[\u4e00-\u9fff]{1,4}?[区县市])?(?P<dept>[\u4e00-\u9fff]{2,5}?(?:乡|镇|街道))(?=下设|下辖|本年|现有|共有|人民政府|党委|位于|地处|(?:19|20)\d{2}年|是|为)",
    re.M,
)


def _township_in_prose(body: str) -> str | None:
    """A page that never names itself in a title or byline but whose sentences open on one township
    twice or more: that township is the department (a 乡 page's own 部门预算)."""
    names = Counter(m.group("dept") for m in _TOWNSHIP_OPENS.finditer(body))
    if not names:
        return None
    (name, n), *rest = names.most_common(2)
    if n < 2 or rest and rest[0][1] == n:
        return None
    return _clean_dept(name)


#: a title line under a cover name: it names the kind of disclosure but not (necessarily) the year
_COVER_TITLE = re.compile(r"(?:预算|决算|三公|公开)(?:公开)?(?:情况)?(?:说明|报告)?$")
#: a place-prefixed organisation named in the prose of an untitled excerpt (…安排梧州市某某检测中心出国团组…):
#: the place is a 2–4 character name with its suffix; a finance bureau that is merely cited (根据…财政局) is not taken
_PROSE_ORG = re.compile(r"(?P<p>(?:(?:(?![了的和及与在是为含个各全本我等年])[\u4e00-\u9fff]){2,4}?(?:省|自治区|市|自治州|州(?!市)|盟|县|区|旗)){1,3})(?P<n>[\u4e00-\u9fff]{2,20}?"
                        r"(?:局|委员会|联合会|总工会|办公室|中心|医院|学校|学院|中学|小学|幼儿园|站|所|馆|院|队|人民政府))(?!级)")  # (属正局级: a rank)
_LAST_PLACE = re.compile(r"[\u4e00-\u9fff]{2}(?:自治区|自治州|省|市|州|盟|县|区|旗)$")
_CITED = re.compile(r"(?:根据|按照|依据|经|由|向|报|据|隶属|属于)$")


#: 设 as the verb of a list of offices (…机关设办公室), not inside a word (建设工程质量安全监督站, 设施, 设备, 设计)
_SET_UP_VERB = re.compile(r"设(?!计|施|备)")

#: a subordinate unit introduced in its clause (下属正科级事业单位1个：…), read back this far
SUBORDINATE_LEAD_BACK = 24
_SUBORDINATE_LEAD = re.compile(r"(?:下属|所属|下设|下辖|挂靠)[^，,。；;\n]*$")
#: …纳入部门预算编制范围的二级事业单位4个，分别为某镇农服中心、某镇文化服务中心…: every name of the list is a subordinate
_SUBORDINATE_LIST = re.compile(r"(?:下属|所属|下设|下辖|二级)[^。；;\n]{0,16}(?:分别为|分别是|包括)[:：]?[^。；;\n]*$")
SUBORDINATE_LIST_BACK = 160


@cache
def _sub_unit() -> re.Pattern[str]:
    """A sub-unit's name right after its parent's (交警大队 after 公安局), cues.json `sub_unit_suffixes`."""
    return re.compile(r"[\u4e00-\u9fff]{0,4}?(?:" + alternation(cues()["sub_unit_suffixes"]) + ")")


#: the longest verb a name may run on from, read back before a match
VERB_MAX = 3


@cache
def _leading_verb() -> re.Pattern[str]:
    """A verb a sentence opens on before the name it is about (核定, 安排), cues.json `subject_leading_verbs`."""
    return re.compile(alternation(sorted(cues()["subject_leading_verbs"], key=len, reverse=True)))


def _named_in_prose(body: str) -> str | None:
    """The organisation an untitled excerpt names most often in its own prose, with its place — the
    last resort for mid-document chunks, which carry no title (the place is read as its last
    2-character name when the name runs on from a verb: 安排梧州市… → 梧州市…)."""
    names: Counter[str] = Counter()
    for m in _PROSE_ORG.finditer(body):
        # (…人大机关设办公室、研究室: 设 is the verb of a list of its offices, not part of a name)
        if _CITED.search(body[max(0, m.start() - 2) : m.start()]) or m.group("n").startswith(("财政", "本级")) or m.group("n").endswith("网站") or _SET_UP_VERB.search(m.group("n").replace("建设", "")):
            continue
        if _scope_inside().search(body[m.start() : m.end() + 2]) or m.group("p").startswith(("包括", "其中", "根据", "按照", "依据", "下设", "下属", "所属", "内设")):
            continue  # …单位包括省商务厅本级及所属… / 下设某某中心: a scope list or a subordinate, not the owner
        if _SUBORDINATE_LEAD.search(body[max(0, m.start() - SUBORDINATE_LEAD_BACK) : m.start()]) or _SUBORDINATE_LIST.search(body[max(0, m.start() - SUBORDINATE_LIST_BACK) : m.start()]):
            continue  # 下属正科级参公事业单位1个：重庆市沙坪坝区老干部活动中心: the owner's subordinate
        place = m.group("p")
        # (核定黔东南州…, matched from 定: the verb off, not all but the last two characters)
        lead = max(0, m.start() - VERB_MAX)
        verb = next((v for v in _leading_verb().finditer(body, lead, m.end("p")) if v.end() > m.start()), None)
        if verb and m.end("p") - verb.end() >= 3:
            place = body[verb.end() : m.end("p")]
        elif m.start() > 0 and "\u4e00" <= body[m.start() - 1] <= "\u9fff" and (last := _LAST_PLACE.search(place)):
            place = last.group()
            if _CITED.search(body[max(0, m.end("p") - len(place) - 2) : m.end("p") - len(place)]):
                continue  # (隶属于某某市公安局: the place read from inside the verb's run is cited too)
        # (汾阳市公安局交警大队: the name runs on past its parent's suffix to the sub-unit's)
        sub = _sub_unit().match(body, m.end())
        names[place + m.group("n") + (sub.group() if sub else "")] += 1
    if not names:
        return None
    top = max(names.values())
    return next(n for n, k in names.items() if k == top)


#: a place before a name: 南宁市 | 凉山彝族自治州 | 广西壮族自治区 … (not after another Chinese character,
#: nor after a function word or 第…部分, so neither 根据南宁市… nor 第一部分普洱市… is read as a place)
_PLACE_PREFIX = r"(?<![\u4e00-\u9fff])(?P<p>(?:(?:(?![第部的是为和与经据由于在对从年])[\u4e00-\u9fff]){2,8}?(?:省|自治区|市|自治州|州|盟|地区)){1,3})"


#: the longest place prefix _PLACE_PREFIX can match: three names of 8 characters and a 3-character suffix
_PLACE_MAX = 3 * (8 + 3)


# _PLACE_PREFIX followed by the name, compiled once for every name: the name is written before the
# text it is looked for in (NAME \0 TEXT) and matched again by backreference, so no pattern is
# compiled per document (compiling the CJK classes cost ~2 ms a document). The second form also
# reads the character before the window, which the prefix's lookbehind must see.
_PLACE_ANY = re.compile(_PLACE_PREFIX)
_PLACE_THEN_NAME = re.compile(r"(?P<name>[^\0]+)\0" + _PLACE_PREFIX + r"(?P=name)")
_PLACE_THEN_NAME_AFTER = re.compile(r"(?P<name>[^\0]+)\0(?s:.)" + _PLACE_PREFIX + r"(?P=name)")


def _places_before(dept: str, text: str) -> Iterator[str]:
    """The place prefixes (group p) of `re.finditer(_PLACE_PREFIX + re.escape(dept), text)`, trying
    the pattern only where a match can start — 3 to `_PLACE_MAX` characters before an occurrence
    of `dept`, after a non-CJK character — instead of at every character of the text."""
    if not dept or "\0" in dept:
        rx = _PLACE_ANY if not dept else re.compile(_PLACE_PREFIX + re.escape(dept))
        yield from (m.group("p") for m in rx.finditer(text))
        return
    starts: set[int] = set()
    occ = text.find(dept)
    while occ >= 0:
        starts.update(s for s in range(max(0, occ - _PLACE_MAX), occ - 2) if s == 0 or not "\u4e00" <= text[s - 1] <= "\u9fff")
        occ = text.find(dept, occ + 1)
    pos = 0
    for s in sorted(starts):
        if s < pos:
            continue
        # a match of the prefix and the name lies within _PLACE_MAX + len(dept) characters of s
        window = text[s : s + _PLACE_MAX + len(dept)]
        if s == 0:
            m, lead = _PLACE_THEN_NAME.match(f"{dept}\0{window}"), len(dept) + 1
        else:
            m, lead = _PLACE_THEN_NAME_AFTER.match(f"{dept}\0{text[s - 1]}{window}"), len(dept) + 2
        if m:
            yield m.group("p")
            pos = s + m.end() - lead


_COUNTY = re.compile(r"([\u4e00-\u9fff]{2})县(.+)$")
# 寻甸县… → 寻甸回族彝族自治县… wherever the text writes it first: the name's head and rest go before
# the text (HEAD \0 REST \0 TEXT) and are matched again by backreference, so one compiled pattern
# serves every name
_AUTONOMOUS_COUNTY = re.compile(r"(?P<head>[^\0]{2})\0(?P<rest>[^\0]+)\0(?s:.)*?(?P<full>(?P=head)[\u4e00-\u9fff]{2,8}?自治县(?P=rest))")


_CJK = "[\u4e00-\u9fff]"
_PLACE_START = re.compile(r"(?:中共)?(?:[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|自治州|州|盟|地区|县|区|旗))+")


def _windowed(rx: re.Pattern[str], text: str, anchor: str, before: int, longest: int) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)` for a pattern whose every match holds `anchor` at most `before`
    characters after its start and is at most `longest` long: only the windows around the
    anchor's occurrences are scanned (a name is looked for in 20,000 characters per document)."""
    spans: list[tuple[int, int]] = []
    at = text.find(anchor)
    while at >= 0:
        lo, hi = max(0, at - before), min(len(text), at + longest)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
        at = text.find(anchor, at + 1)
    pos = 0
    for lo, hi in spans:
        for m in rx.finditer(text, max(lo, pos), hi):  # pos/endpos keep the lookbehind's view of the text
            if m.start() >= pos:
                yield m
                pos = m.end()


#: how many characters of the full name one gap between an abbreviation's characters may stand for
#: (经科局 → 经济信息化和科技局: 5)
ABBR_GAP = 5


def _spread_out(abbr: str, text: str) -> bool:
    """Whether the text holds the abbreviation's characters in order with at most ABBR_GAP ideographs
    between neighbours and at least one gap — what every name `expanded_name` accepts contains. Read
    before its pattern is built: most documents have none, and compiling the pattern costs more than
    the whole scan."""
    n = len(text)
    at = text.find(abbr[0])
    while at >= 0:
        ends = {(at, False)}  # where the characters so far end, and whether a gap was passed
        for c in abbr[1:]:
            nxt: set[tuple[int, bool]] = set()
            for prev, gapped in ends:
                for q in range(prev + 1, min(n, prev + ABBR_GAP + 2)):
                    if text[q] == c:
                        nxt.add((q, gapped or q > prev + 1))
                    if not "\u4e00" <= text[q] <= "\u9fff":
                        break
            ends = nxt
            if not ends:
                break
        if any(gapped for _, gapped in ends):
            return True
        at = text.find(abbr[0], at + 1)
    return False


def expanded_name(abbr: str, text: str) -> str | None:
    """The full name an abbreviated title stands for, when the document spells it out once: 区直工委 →
    中共宣城市宣州区直属机关工作委员会, 某区政府办 → 某区人民政府办公室. The full name holds the
    abbreviation's characters in order (each gap at most ABBR_GAP characters), starts at a place and ends
    as an organisation does."""
    if not 3 <= len(abbr) <= 10 or not re.fullmatch(f"{_CJK}+", abbr) or not _spread_out(abbr, text):
        return None
    core = f"{_CJK}{{0,{ABBR_GAP}}}?".join(re.escape(c) for c in abbr)
    rx = re.compile(rf"(?<![\u4e00-\u9fff])(?:{_CJK}{{0,12}}?){core}(?P<tail>{_CJK}{{0,3}})")
    found: Counter[str] = Counter()
    for m in _windowed(rx, text, abbr[0], 12, 12 + len(abbr) + ABBR_GAP * (len(abbr) - 1) + 3):
        name = m.group()
        tail = m.group("tail")
        after = text[m.end() - len(tail) : m.end() + 1]
        name = next((name[: len(name) - k] for k in range(len(tail) + 1)
                     if _ORG_END.search(name[: len(name) - k]) and not (name[: len(name) - k].endswith("部") and after[len(tail) - k : len(tail) - k + 1] == "门")), "")
        name = re.sub(r"^年度?", "", name)  # (2014年昌吉州…: the year's 年 opens no name)
        start = _PLACE_START.match(name)
        if name and abbr not in name and len(name) > len(abbr) + 1 and start and start.end() > 1:
            found[name] += 1
    if not found:
        return None
    return max(found, key=lambda n: (found[n], len(n)))


def fullest_name(dept: str, text: str) -> str:
    """The fullest form of the department's name the document itself states: a title often drops
    the city (良庆区水库移民局 under 南宁市良庆区水库移民局), the 自治县 (寻甸县 for 寻甸回族彝族自治县)
    or a township's 人民政府; the name the document gives in full is its name."""
    forms = Counter(_places_before(dept, text))
    if forms:
        top = max(forms.values())
        dept = max((p for p, n in forms.items() if n == top), key=len) + dept
    m = _COUNTY.match(dept)
    if m and "\0" not in dept and (full := _AUTONOMOUS_COUNTY.match(f"{m.group(1)}\0{m.group(2)}\0{text}")):
        dept = full.group("full")  # = re.search(rf"{head}[\u4e00-\u9fff]{{2,8}}?自治县{re.escape(rest)}", text)
    town = re.split(r"(?<=[县区市旗])", dept)[-1]  # 普洱市景东彝族自治县大街镇 → 大街镇
    if dept.endswith(("镇", "乡")) and (dept + "人民政府" in text or len(town) >= 2 and town + "人民政府" in text):
        dept += "人民政府"
    if not dept.startswith("中共") and "中共" + dept in text:
        dept = "中共" + dept  # 中共江苏省委办公厅: a party organ's name as the document states it in full
    return dept


#: how much of a text's end is read for its signature
SIGNATURE_CHARS = 600
_DATE_LINE = re.compile(r"^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-./]?\d{1,2}[-./]?\d{1,2})$")


def _signature(tail: str) -> str | None:
    """The organisation a page is signed by: a line that is only its name, followed within two lines by
    the date (某县某局 / 2014年9月29日), among the last lines."""
    lines = _lines(tail)[-10:]
    for i in range(len(lines) - 2, -1, -1):
        ln = lines[i]
        if 4 <= len(ln) <= 40 and not re.search(r"\d", ln) and any(_DATE_LINE.match(x) for x in lines[i + 1 : i + 3]) \
                and _clean_dept(ln) == ln:
            return ln
    return None


def document_metadata(text: str, path: str | None = None) -> Metadata:
    """Department, year, 预算/决算/三公 and 部门/单位 of one document (see the module docstring)."""
    # read in simplified characters, once: a mirror page's 預算 is 预算, and the name it gives is
    # reported as subjects are (simplified), so a subject's leading department name is recognised
    mapped = traditional_map("full")(_PINYIN.sub("", text[:BODY_CHARS]))
    lines = _lines(mapped)
    head = lines[:HEAD_LINES] if len(mapped) <= 8000 else _head(mapped)
    body = _squeeze(mapped)
    raw_head = [ln.strip(" \t*#|") for ln in _PINYIN.sub("", text[:8000]).splitlines() if ln.strip(" \t*#|")][:HEAD_LINES]
    dept, year, kind, title = _title(head)
    if title is not None:
        # a title broken over lines: its kind words may stand on the next one (…财政 / 拨款“三公”经费支出决算情况说明)
        at = next((i for i, ln in enumerate(head) if title.startswith(ln)), None)
        if at is not None:
            # …but a line opening on its own list marker ((六)2019年…“三公”经费…) is the next entry of a
            # contents list, not the title's continuation
            follow = list(itertools.takewhile(lambda ln: not _ENTRY.match(ln), head[at + 1 : at + 3]))
            joined = "".join([head[at], *follow])
            title = joined if not _KIND_WORD.search(title) or "三公" not in title and "三公" in joined else title
    if dept is None:
        dept = _body_dept(head, body, lines, [traditional_map("full")(ln) for ln in raw_head])
    # the page signs itself (绩溪县政协办公室 / 2014年9月29日): the name found is that signature's short form
    sig = _signature(traditional_map("full")(_PINYIN.sub("", text[-SIGNATURE_CHARS:])))
    if sig is not None and (dept is None or dept != sig and dept in sig):
        dept = sig
    aliases: tuple[str, ...] = ()
    if dept is not None:
        full = expanded_name(dept, mapped)
        aliases = (dept,) if full else ()
        dept = fullest_name(full or dept, mapped)
    if year is None:
        year = _body_year(body)
    doc_kind, unit_kind = _kind_of(title, "".join(head[:4]), body, _sangong_sections(lines), _other_sections(lines), _headings_kind(lines))
    if kind and doc_kind != "三公":
        doc_kind = kind
    if path and (dept is None or year is None or doc_kind is None):
        name = _squeeze(PurePath(path).stem)
        f_dept, f_year, f_kind, _ = _title([name])
        dept = dept or f_dept
        year = year or f_year
        doc_kind = doc_kind or f_kind
    return Metadata(dept, year, doc_kind, unit_kind, aliases)
