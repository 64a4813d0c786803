"""Lines → blocks (headings, paragraphs, tables) with a section path, and document metadata.

Works on the normalised text and keeps every block's `MappedText`, so blocks still know where
each of their characters sits in the original document. Table regions are only *found* here
(so prose facts never read table cells); `tables.py` parses their cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .metadata import document_metadata
from .normalize import MappedText
from .records import Block, Layout
from .resources import alternation, cues

_CN = "一二三四五六七八九十百零〇"
MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^第[{_CN}\d]+部分")),
    (2, re.compile(rf"^[{_CN}]{{1,3}}[、.．]")),
    (3, re.compile(rf"^[（(][{_CN}]{{1,3}}[）)]")),
    (4, re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))")),
    (5, re.compile(r"^[（(]\d{1,2}[）)]")),
    (6, re.compile(r"^[①-⑳]")),
]
_MD_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
_BULLET = re.compile(r"^[-*+•]\s+")
_FOOTER = re.compile(
    r"^\s*(?:[-─—–_~·]+\s*)?(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[-─—–_~·]+)?\s*$"
    r"|^\s*第\s*\d+\s*页\s*(?:[,，/]?\s*共\s*\d+\s*页)?\s*$"
)
_TOC = re.compile(r"…{2,}|\.{6,}|·{6,}|-{6,}\s*\d*\s*$")
_GAP = re.compile(r"\S {2,}\S")
_NUMERIC_CELL = re.compile(r"(?:^|\s)-?[\d,]+(?:\.\d+)?(?:\s|$)(?!\s*年)")  # 2019 年度 is no cell
# Prose punctuation never appears inside a space-aligned table row (cells are short labels
# and numbers); the thousands comma of 3,688.46 is not prose.
_PROSE_PUNCT = re.compile(r"[。，；;！？]|,(?!\d{3})")


def _squeeze(s: str) -> str:
    """`s` without whitespace (= `re.sub(r"\\s+", "", s)`: str.split's whitespace is the engine's \\s), ≈ 3×
    faster on the short lines it is asked of many times a document."""
    return "".join(s.split())


_COLON_THEN_TEXT = re.compile(r"[:：].{6,}")
_SENT_END = "。！？!?；;"
_TITLE_PUNCT = re.compile(r"[。，,；;：:！？!?]")


#: every marker in one pattern, each its own group in MARKERS order: the first alternative that
#: matches is the first marker of the list that does (one match call a line instead of up to six)
_ANY_MARKER = re.compile("|".join(f"({pat.pattern})" for _, pat in MARKERS))
_GROUP_LEVEL = {i: level for i, (level, _) in enumerate(MARKERS, start=1)}


def heading_level(s: str) -> int | None:
    """The level of the numbering marker a line starts with (第一部分=1 … ①=6), or None."""
    m = _ANY_MARKER.match(s)
    return _GROUP_LEVEL[m.lastindex] if m is not None and m.lastindex is not None else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_BARE_PIPES = re.compile(r"^\s*\|[\s|]*$")
_LONE_AMOUNT = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$")


@lru_cache(maxsize=1 << 16)  # half of a document's lines repeat (blank lines, table rules, repeated headers)
def _line_kind(raw: str) -> str:
    s = raw.strip()
    if not s:
        return "blank" if "\t" not in raw else "tabblank"
    if "\t" in raw:
        return "table"
    if s.startswith("|") and s.endswith("|") and s.count("|") >= 3:
        return "table"
    if s.endswith("|") and not (_PROSE_PUNCT.search(s) and len(_squeeze(s)) > 40):
        return "table"  # a web table's cell (合 计 |), row (合 计 | 1.8 | 1.52 |) or cell end (|), flattened
    if _TOC.search(s):
        return "toc"
    if _FOOTER.match(raw):
        return "footer"
    if _PROSE_PUNCT.search(s):
        return "text"
    gaps = len(_GAP.findall(s))
    if gaps >= 2 or (gaps >= 1 and _NUMERIC_CELL.search(s)):
        return "table"
    if len(raw) - len(raw.lstrip()) >= 8 and _LONE_AMOUNT.match(s):
        return "table"  # pdftotext puts a row's amount on its own line when its label wraps
    if gaps >= 1 and re.search(r"单位\s*[:：]\s*(?:万元|元|千元|亿元)", s):
        return "table"  # 编制部门：…      单位：元 opens a table
    if gaps == 1:
        return "cellish"  # two short cells: continues a table, never starts one
    return "text"


def _is_short_title(s: str) -> bool:
    c = _squeeze(s)
    return 2 <= len(c) <= 40 and not _TITLE_PUNCT.search(c.rstrip("：:"))


_EXCLAIM = re.compile(r"[！？!?]")


def _bridgeable(line: str) -> bool:
    """A short label line (其中：动用上年结转, 单位：万元) that may sit between table rows."""
    c = _squeeze(line)
    return 1 <= len(c) <= 40 and not _PROSE_PUNCT.search(line) and not _EXCLAIM.search(c)


#: a web page's table printed one cell per line with nothing between the cells (项目 / 预算数 / 合计 /
#: 142.40 / 因公出国(境)费 / 100.00 …): at least this many cell lines, this many of them bare numbers
BARE_CELLS_MIN = 6
BARE_NUMBERS_MIN = 2
#: a label glued to its number in a one-cell-per-line table (行政经费177.50 / “三公”经费5.60): a label not
#: ending in a digit, then one number
GLUED_CELLS = re.compile(r"^\s*(?P<label>[^\s|][^|\t]*?[^\d\s.,，:：|])\s*(?P<num>[-+]?\d[\d,]*\.\d+|[-+]?\d{1,6})\s*$")
_BARE_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[-—–]$")
_TABLE_TITLE = re.compile(r"表\s*(?:[（(][^（()）]{1,20}[）)])?$")
_UNIT_LINE = re.compile(r"^(?:金额)?单位\s*[:：]\s*(?:万元|元|千元|亿元)$")


def _bare_cell(line: str) -> bool:
    c = _squeeze(line)
    return 1 <= len(c) <= 30 and not _PROSE_PUNCT.search(line) and not _GAP.search(line.strip()) and "|" not in line and "\t" not in line


def _bare_cell_tables(kinds: list[str], lines: list[str]) -> list[str]:
    """Kinds with the cells of pipe-less one-cell-per-line tables marked "table": a run of short
    lines right after a table title (…预算表) or its 单位 line, holding bare numbers between labels."""
    out = list(kinds)
    n = len(lines)
    i = 0
    while i < n:
        if not (_TABLE_TITLE.search(lines[i].strip()) and _is_short_title(lines[i])):
            i += 1
            continue
        j = i + 1
        while j < n and (not lines[j].strip() or _UNIT_LINE.match(_squeeze(lines[j]))):
            j += 1
        run = []
        while j < n and (not lines[j].strip() or _bare_cell(lines[j])) and kinds[j] != "table":
            if lines[j].strip():
                run.append(j)
            j += 1
        numbers = sum(1 for x in run if _BARE_NUMBER.match(lines[x].strip()) or GLUED_CELLS.match(lines[x]))
        # labels with numbers among them (a run of labels alone is a list, of numbers alone no table)
        if len(run) >= BARE_CELLS_MIN and numbers >= BARE_NUMBERS_MIN and numbers < len(run):
            for x in run:
                out[x] = "table"
        i = max(j, i + 1)  # every line is scanned once: a title inside the run does not start it again
    return out


def _table_regions(kinds: list[str], lines: list[str]) -> list[tuple[int, int]]:
    """Maximal runs of table lines, bridging blanks, footers and short single-cell lines.

    A short line is bridged only when more table rows follow before any prose line, so a
    space-aligned table whose rows hold one cell each (common after pdftotext) stays whole.
    """
    regions: list[tuple[int, int]] = []
    n = len(kinds)

    def table_follows(j: int) -> bool:
        for x in range(j + 1, min(n, j + 30)):
            k = kinds[x]
            if k == "table":
                return True
            if k in ("blank", "tabblank", "footer", "cellish"):
                continue
            if k in ("text", "toc") and _bridgeable(lines[x]):
                continue
            return False
        return False

    i = 0
    while i < n:
        if kinds[i] != "table":
            i += 1
            continue
        start = end = i
        j = i + 1
        while j < n:
            k = kinds[j]
            if k in ("table", "cellish"):
                end = j
                j += 1
                continue
            if k in ("blank", "tabblank", "footer"):
                j += 1
                continue
            if k in ("text", "toc") and _bridgeable(lines[j]) and table_follows(j):
                end = j
                j += 1
                continue
            break
        n_table = sum(1 for x in range(start, end + 1) if kinds[x] == "table")
        if n_table >= 2 and all(lines[x].strip().endswith("|") for x in range(start, end + 1) if kinds[x] == "table"):
            if not any(ch.isdigit() for x in range(start, end + 1) for ch in lines[x]):
                n_table = 0  # pipes around a logo or a breadcrumb, no table
            elif _BARE_PIPES.match(lines[start]) and start > 0 and kinds[start - 1] in ("text", "cellish") and _bridgeable(lines[start - 1]):
                start -= 1  # 项 目 / | / 预 算 数 / |: the first cell stands above the first pipe
        if n_table >= 2:
            # header lines above the first row that hold two cells (本年收入   本年支出) belong to it
            while start > 0 and kinds[start - 1] in ("cellish", "blank") and (not regions or start - 1 > regions[-1][1]):
                start -= 1
            while kinds[start] == "blank":
                start += 1
            regions.append((start, end))
        i = end + 1
    return regions


#: `_wrap_width` of a page whose prose lines are not hard-wrapped
UNWRAPPED = 10_000
#: how far a wrapped line's width may stray from the page's wrap width
WRAP_SLACK = 2
#: a line that opens on a year (2017年…, 2017年度…): a statement of its own
_YEAR_OPEN = re.compile(r"(?:19|20)\d{2}\s*年")
#: the shortest line that tells a page's wrap width
MIN_WRAP_SAMPLE = 16


@cache
def _clause_end() -> re.Pattern[str]:
    """A line ending on a figure or a state word (cues.json `clause_final`): a finished clause."""
    return re.compile(rf"(?:\d\s*(?:{alternation(cues()['clause_final_units'])})|{alternation(cues()['clause_final'])})\s*$")


def _wrap_width(kinds: list[str], raw: list[str]) -> int:
    """Typical width of hard-wrapped prose lines (pdftotext); large when lines are not wrapped."""
    widths = []
    for i in range(len(raw) - 1):
        if kinds[i] == "text" and kinds[i + 1] == "text" and _indent(raw[i + 1]) < 2:
            w = len(_squeeze(raw[i]))
            if w >= MIN_WRAP_SAMPLE:  # (a 目录 of short entries, or lines holding one lost character (?), wrap nothing)
                widths.append(w)
    if len(widths) < 10:
        return UNWRAPPED
    widths.sort()
    return widths[len(widths) // 2]


#: how many bare headings in a row make a contents list
BARE_CONTENTS_MIN = 3


def _without_marker(title: str) -> str:
    """A heading's title without its numbering marker (第一部分部门基本情况 → 部门基本情况)."""
    m = _ANY_MARKER.match(title)
    return title[m.end() :].strip() if m else title


def _clean_heading(s: str) -> str:
    s = _BULLET.sub("", s.strip())
    m = _MD_HEADING.match(s)
    if m:
        s = m.group(2)
    return _squeeze(s).strip("*")


def parse_layout(doc: MappedText, path: str | None = None) -> Layout:
    """Normalised text → blocks in reading order, each with its section path, plus metadata.

    Every line is classified first (`_line_kind`), table regions are cut out of the run of
    kinds (`_table_regions`), and the rest is read line by line (`_Reader`): headings open
    sections, other lines gather into paragraphs (PDF-wrapped lines and page footers joined back).
    """
    lines = _Lines.of(doc)
    reader = _Reader(lines)
    i = 0
    while i < len(lines.raw):
        i = reader.step(i)
    reader.flush()
    meta = document_metadata(doc.text, path)
    return Layout(reader.blocks, meta.department, meta.year, meta.doc_kind, toc=_toc_tables(lines.raw, lines.kinds), unit_kind=meta.unit_kind,
                  department_aliases=meta.aliases)


@dataclass(slots=True)
class _Lines:
    """The document's lines with their kinds, offsets and table regions (kinds may be revised)."""

    doc: MappedText
    lines: list[MappedText]
    raw: list[str]
    kinds: list[str]
    starts: list[int]  # offset of each line in the normalised text
    wrap: int  # typical width of hard-wrapped prose lines
    region_at: dict[int, int]  # first line of a table region → its last line

    @classmethod
    def of(cls, doc: MappedText) -> _Lines:
        """Split and classify the lines, find the table regions."""
        lines = list(doc.lines())
        raw = [ln.text for ln in lines]
        starts, pos = [], 0
        for r in raw:
            starts.append(pos)
            pos += len(r) + 1
        kinds = _bare_cell_tables([_line_kind(r) for r in raw], raw)
        region_at = dict(_table_regions(kinds, raw))
        return cls(doc, lines, raw, kinds, starts, _wrap_width(kinds, raw), region_at)


@dataclass(slots=True)
class _Reader:
    """Reads lines one at a time into blocks: the open sections, the paragraph being gathered,
    and what the last lines looked like (which decides whether a line starts something new)."""

    ls: _Lines
    blocks: list[Block] = field(default_factory=list)
    stack: list[tuple[int, str]] = field(default_factory=list)  # open headings: (level, title)
    para: list[MappedText] = field(default_factory=list)
    para_start: int = 0
    gap_since_text: int = 0  # blank lines since the last text line (footers are transparent)
    last_text: str = ""
    pending_l1: Block | None = None  # 第二部分 followed by its title on the next heading line
    toc_entries: set[str] = field(default_factory=set)  # headings met inside a 目录 section
    # the titles (marker removed) of headings with no text under them: a 目录 printed as bare 第一部分… lines
    bare_titles: set[str] = field(default_factory=set)

    def section(self) -> str:
        """The open headings as a path (第一部分 > 一、收入 > …)."""
        return " > ".join(t for _, t in self.stack)

    def flush(self) -> None:
        """Close the paragraph being gathered."""
        if self.para:
            body = MappedText.concat([p.strip() for p in self.para]).compact()
            if body.text:
                self.blocks.append(Block("paragraph", body, self.section(), lines=self.para, line_no=self.para_start))
        self.para = []

    def step(self, i: int) -> int:
        """Read line i (and any lines it swallows); returns the next line to read."""
        ls = self.ls
        if i in ls.region_at:
            return self._table(i)
        k = ls.kinds[i]
        if k in ("blank", "tabblank"):
            self.gap_since_text += 1
            return i + 1
        if k == "cellish":
            k = ls.kinds[i] = "text"
        if k == "footer":
            # a page break is transparent: the blank lines around the footer do not end a paragraph
            self.gap_since_text = 0
            i += 1
            while i < len(ls.kinds) and ls.kinds[i] in ("blank", "tabblank"):
                i += 1
            return i
        if k == "toc":
            self.flush()
            self.last_text = ""
            return i + 1
        heading, level, title = self._heading(i)
        if heading is not None:
            self._open_section(i, heading, level, title)
        else:
            self.pending_l1 = None
            self._text(i, title)
        return i + 1

    def _table(self, i: int) -> int:
        ls = self.ls
        self.flush()
        end = ls.region_at[i]
        ctx = [ln for ln in ls.lines[max(0, i - 8) : i] if ln.text.strip()][-4:]
        region = [ls.lines[x] for x in range(i, end + 1)]
        # the region as one slice of the document (lines and the newlines between them)
        body = ls.doc.slice(ls.starts[i], ls.starts[end] + len(ls.raw[end]))
        self.blocks.append(Block("table", body, self.section(), lines=region, line_no=i, context=ctx))
        self.gap_since_text = 2
        self.last_text = ""
        self.pending_l1 = None
        return end + 1

    def _heading(self, i: int) -> tuple[int | None, int | None, str]:
        """(heading level or None, the numbering marker's level, the line's text without markup).

        A two-line heading (九、…支出预算 / 情况说明) swallows its second line here."""
        ls = self.ls
        raw, kinds = ls.raw, ls.kinds
        body = _BULLET.sub("", raw[i].strip())
        md = _MD_HEADING.match(body)
        if md:
            body = md.group(2).strip()
        title = _squeeze(body).strip("*")
        level = heading_level(title)
        nxt = _next_content(i, kinds)
        # a line the next one continues (hard-wrapped prose) is never a heading
        continued = (
            nxt is not None
            and (nxt == i + 1 or any(kinds[x] == "footer" for x in range(i + 1, nxt)))
            and kinds[nxt] == "text"
            and _indent(raw[nxt]) < 2
            and heading_level(_BULLET.sub("", raw[nxt].strip())) is None
            and len(title) >= 0.75 * ls.wrap
        )
        if md:
            return (level if level is not None else (2 if len(md.group(1)) >= 2 else 1)), level, title
        if level is not None and _is_short_title(title) and not _COLON_THEN_TEXT.search(title):
            if not continued:
                return level, level, title
            if _two_line_heading(nxt, raw, kinds):
                ls.lines[i] = MappedText.concat([ls.lines[i].strip(), ls.lines[nxt].strip()])
                kinds[nxt] = "blank"
                return level, level, title + _squeeze(raw[nxt])
            return None, level, title
        if level is None and self._unnumbered_title(i, nxt, title):
            return 1, level, title
        return None, level, title

    def _unnumbered_title(self, i: int, nxt: int | None, title: str) -> bool:
        """A short line without a number marker is a title when it stands alone: after a break or
        a finished sentence, and not continued by the next line."""
        ls = self.ls
        return (
            _is_short_title(title)
            and not title.endswith(("：", ":"))
            and not re.search(r"\d+(?:\.\d+)?(?:万元|元|%|人)", title)
            and (self.gap_since_text > 0 or not self.last_text or self.last_text[-1] in _SENT_END)
            and (
                nxt is None
                or nxt > i + 1
                or ls.kinds[nxt] != "text"
                or _indent(ls.raw[nxt]) >= 2
                or heading_level(ls.raw[nxt].strip()) is not None
            )
        )

    def _open_section(self, i: int, heading: int, level: int | None, title: str) -> None:
        self.flush()
        if self.pending_l1 is not None and level is None and self.gap_since_text <= 3:
            # "第二部分" then "部门预算表" on its own line: one heading
            self.stack[-1] = (self.stack[-1][0], self.stack[-1][1] + " " + title)
            self.pending_l1.section = self.section()
            self.pending_l1 = None
        else:
            mt = self.ls.lines[i]
            clean = _clean_heading(mt.text)
            if self.stack and _is_toc_title(self.stack[0][1]):
                if clean in self.toc_entries:
                    self.stack.clear()  # an entry of the 目录 met again: the body has begun
                    self.toc_entries.clear()
                else:
                    self.toc_entries.add(clean)
            # a 目录 printed without its own heading (第一部分 部门基本情况 … 第七部分 名词解释, each with nothing under
            # it): the body's 一、部门基本情况 repeats an entry's title, and every entry is closed
            if self.blocks and self.blocks[-1].kind == "heading" and self.stack:
                self.bare_titles.add(_without_marker(self.stack[-1][1]))
            if len(self.bare_titles) >= BARE_CONTENTS_MIN and _without_marker(clean) in self.bare_titles:
                self.stack.clear()
                self.bare_titles.clear()
            while self.stack and self.stack[-1][0] >= heading:
                self.stack.pop()
            self.stack.append((heading, clean))
            b = Block("heading", mt.strip().compact(), self.section(), level=heading, lines=[mt], line_no=i)
            self.blocks.append(b)
            self.pending_l1 = b if heading == 1 and level == 1 and len(title) <= 6 else None
        self.gap_since_text = 0
        self.last_text = ""

    def _text(self, i: int, title: str) -> None:
        """A prose line: it continues the current paragraph unless a marker, a blank line after a
        finished sentence, or an indent after one says a new paragraph starts."""
        r = self.ls.raw[i]
        if self.para:
            last = self.last_text
            if heading_level(title) is not None or self.gap_since_text >= 2:
                cont = False
            elif self.gap_since_text == 1:
                # across one blank line: a line broken mid-word or wrapped by the page — but on a page whose
                # lines are not wrapped, a clause that ends on its figure or state without its 。 (…0万元,
                # 与2021年预算持平) ends there
                cont = bool(last) and last[-1] not in _SENT_END + "：:" and len(_squeeze(last)) >= 15 and _indent(r) < 2 \
                    and not (self.ls.wrap >= UNWRAPPED and _clause_end().search(last))
            else:
                cont = not (_indent(r) >= 2 and last and last[-1] in _SENT_END + "：:")
                # a clause ended on its figure without its 。 (…其中:财政拨款收入766.4万元,占100%) on a line the page did
                # not wrap (its width is not the page's wrap width), and a next line opening on a year (2017年…本年
                # 支出合计…): two statements
                cont = cont and not (
                    bool(last) and abs(len(_squeeze(last)) - self.ls.wrap) > WRAP_SLACK
                    and _clause_end().search(last) is not None and _YEAR_OPEN.match(r.lstrip()) is not None
                )
            if not cont:
                self.flush()
        if not self.para:
            self.para_start = i
        self.para.append(self.ls.lines[i])
        self.last_text = r.strip()
        self.gap_since_text = 0


def _is_toc_title(title: str) -> bool:
    return _squeeze(title) in ("目录", "目次")


_TOC_TABLE = re.compile(r"^(?:[-*]\s*)?(?:[一二三四五六七八九十]+[、.．]|\d{1,2}\s*[.．、]\s*)?《?(?P<t>[^《》…]{3,40}?表(?:[（(][^）)]{1,12}[）)])?)》?\s*(?:…|\.{3,}|$)")


_PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")


def _toc_tables(raw: list[str], kinds: list[str]) -> list[str]:
    """Table titles listed in the 目录 (dot-leader lines, or the list right after a 目录 heading)."""
    out: list[str] = []
    in_toc = False
    for r, k in zip(raw[:200], kinds[:200], strict=False):
        s = _squeeze(r).lstrip("#")
        if s == "目录":
            in_toc = True
            continue
        if in_toc and _PART_HEADING.match(s) and out and s.endswith(("概况", "部门概况")):
            break  # the body starts: 第一部分 … 概况 again
        if k == "toc" or in_toc:
            m = _TOC_TABLE.match(s)
            if m and not m.group("t").startswith("第"):
                out.append(m.group("t"))
    return list(dict.fromkeys(out))


def _two_line_heading(nxt: int, raw: list[str], kinds: list[str]) -> bool:
    """九、…支出预算 / 情况说明: a heading wrapped once, its tail short and followed by a new paragraph."""
    tail = _squeeze(raw[nxt])
    if not (1 <= len(tail) <= 15) or _TITLE_PUNCT.search(tail):
        return False
    after = nxt + 1
    return after >= len(raw) or kinds[after] in ("blank", "footer") or _indent(raw[after]) >= 2


def _next_content(i: int, kinds: list[str]) -> int | None:
    for x in range(i + 1, len(kinds)):
        if kinds[x] not in ("blank", "tabblank", "footer"):
            return x
    return None


_DIVISION = re.compile(r"^[\u4e00-\u9fff]{1,7}?(?:省|自治区|特别行政区|自治州|地区|盟|市|县|区|旗)(?=[\u4e00-\u9fff])(?!委)")


def department_names(dept: str | None, aliases: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The department's name and the shorter forms its prose uses, longest first.

    Prose drops the division prefix (江苏省人大常委会办公厅 → 人大常委会办公厅) and 中共; the facts
    stage strips every form from the front of a subject, so the longest must be tried first.
    """
    if not dept:
        return ()
    names = {dept, *aliases}
    rest = dept.removeprefix("中共")
    names.add(rest)
    # 江苏省人大常委会办公厅 → 人大常委会办公厅; 上海市普陀区万里街道办事处 → 普陀区万里街道办事处
    while (m := _DIVISION.match(rest)) and len(rest) - m.end() >= 4:
        rest = rest[m.end() :]
        names.add(rest)
    return tuple(sorted(names, key=len, reverse=True))
