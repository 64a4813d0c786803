"""Table regions → tables: split at title lines, with each table's unit (单位：万元) and its
notes (注, 空表说明), including a 空表说明 printed in the paragraph just before or after a region."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout import Block
from ..records import RawLine
from ..resources import table_headers
from .cells import compact, simple

# title, unit and note lines as the genre prints them (fitted on the dev corpus and the 公开 templates)
_UNIT_LINE = re.compile(r"(?:金额单位|单位)\s*[:：]\s*(?P<unit>万元|元|千元|亿元|百万元)")
_TITLE_HINT = re.compile(r"表\s*(?:[（(][^（()）]{1,20}[）)])?\s*$|^表\s*\d+|公开表|^#{1,6}\s|绩效目标表|情况表|(?:预算|决算|经费)(?:使用|支出|收支|执行)?情况$")
_NOTE = re.compile(r"^(?:注|备注|说明|空表说明|\*)\s*[:：]?|空表|无此项|为空表|若为空表|无[^，。]{0,20}(?:预算|收支|支出|经费)")
# a note saying the table is empty (本表为空表, 无政府性基金收支): also read by the missing-table check
EMPTY_NOTE = re.compile(r"空表|无此项|为空表|若为空表|无[^，。]{0,20}(?:预算|收支|支出|经费|内容)")
_FILER = re.compile(r"^(?:部门|单位|编制部门|填报单位|部门名称)\s*[:：]")  # 编制部门：… above or in a table
_FILER_OR_YEAR = re.compile(r"^(?:部门|单位|编制部门|部门名称|填报单位)[:：]|^[（(]?\d{1,2},?\d{3}年度?[）)]?$")
_TABLE_NUMBER = re.compile(r"^公开(?:表[一二三四五六七八九十\d]+|[\d一二三四五六七八九十]+表)$")  # 公开表一, 公开 01 表


def _is_title(line: RawLine) -> bool:
    """A short single-cell line that names a table (…预算表, 表3, 公开表一, # heading) and is no note."""
    t = line.text.lstrip("\t#").strip()
    return line.is_single and 2 <= len(t) <= 60 and bool(_TITLE_HINT.search(simple(t))) and not _NOTE.match(t)


def _clean_title(t: str) -> str:
    """A title without markdown marks, the 公开表N prefix and spaces."""
    t = re.sub(r"^#+\s*", "", t.strip())
    t = re.sub(r"^公开表[一二三四五六七八九十\d]+", "", t)
    return compact(t).strip("*")


@dataclass
class Segment:
    """The lines of one table between title lines, with what was read around them."""

    title: str = ""
    unit: str | None = None
    lines: list[RawLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def note_topic(note: str, title: str) -> bool:
    """Whether a note and a title share a topic word (政府性基金, 三公经费 …; data/table_headers.json):
    a note printed away from its table still belongs to the table of its topic."""
    return any(k in note and k in title for k in table_headers().note_topics)


def split_segments(block: Block, items: list[RawLine | str], default_unit: str | None) -> list[Segment]:
    """A region's lines → one segment per table. Title and unit may stand in the lines just
    above the region (`block.context`); a note about another table's topic moves to it; a title
    repeated after a page break continues its table; department and year lines are dropped."""
    ctx_title = ""
    ctx_unit = default_unit
    for ln in block.context:
        t = ln.text.strip()
        um = _UNIT_LINE.search(simple(t))
        if um:
            ctx_unit = um.group("unit")
        if t and _TITLE_HINT.search(simple(t)) and not um and not _FILER.match(t):
            ctx_title = _clean_title(t)
    segs: list[Segment] = [Segment(title=ctx_title, unit=ctx_unit)]
    for it in items:
        if isinstance(it, str):
            continue
        cur = segs[-1]
        um = _UNIT_LINE.search(simple(it.text))
        if um:
            cur.unit = um.group("unit")
            if it.is_single or len(it.cells) <= 3:
                continue
        if _TABLE_NUMBER.match(it.text):
            continue  # 公开表一 / 公开 01 表: the publication's table number, no title, no cell
        if _is_title(it):
            title = _clean_title(it.text)
            if cur.lines or cur.notes:
                nxt = Segment(title=title, unit=cur.unit if not um else um.group("unit"))
                # 注：若为空表，则为该部门无政府性基金收支 printed before the table it is about
                for note in list(cur.notes):
                    if note_topic(note, title) and not note_topic(note, cur.title):
                        cur.notes.remove(note)
                        nxt.notes.append(note)
                segs.append(nxt)
            else:
                cur.title = title
            continue
        if it.is_single and _NOTE.match(it.text.lstrip("\t")):
            cur.notes.append(it.text.lstrip("\t"))
            continue
        if it.is_single and _FILER_OR_YEAR.match(it.text):
            continue
        cur.lines.append(it)
    # a title repeated after a page break continues the previous table
    merged: list[Segment] = []
    for sg in segs:
        if merged and sg.title and sg.title == merged[-1].title:
            merged[-1].lines.extend(sg.lines)
            merged[-1].notes.extend(sg.notes)
        else:
            merged.append(sg)
    return [s for s in merged if s.lines or s.notes]


def attach_neighbour_notes(segs: list[Segment], before: Block | None, after: Block | None) -> None:
    """A 空表说明 printed as a paragraph just after a region explains its last table (unless it
    names another table's topic); one just before it explains the first table only when it names
    that table's topic."""
    if not segs:
        return
    if before is not None and before.kind == "paragraph" and EMPTY_NOTE.search(before.text.text[:80]):
        if note_topic(before.text.text, segs[0].title):
            segs[0].notes.append(before.text.text[:120])
    if after is not None and after.kind == "paragraph" and EMPTY_NOTE.search(after.text.text[:80]):
        note = re.sub(r"^(?:合计|总计)(?=注)", "", after.text.text[:120])
        if note_topic(note, segs[-1].title) or not any(k in note for k in table_headers().note_topics):
            segs[-1].notes.append(note)
