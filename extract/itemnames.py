"""Item names: the funding scope around an item that does not name it, and the per-document
gazetteer of item names (table row labels, 类/款/项 names, headings) prose subjects are read against.

Cue lists tuned on a few templates do not carry to the next province; a document's own tables and
headings do: the rows of its 支出决算表 are exactly the items its 情况说明 talks about. So the
gazetteer is built from the document itself, and a subject the rules cut inside one of its names
is completed to that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .records import Layout
from .resources import item_names, traditional_chars

#: a converter's bracketed pinyin reading after a character on traditional mirror pages: 經(jīng)費
_READING = r"(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\))?"


_READING_RE = re.compile(r"(?<=[\u4e00-\u9fff])" + _READING[3:-2])


def without_readings(s: str) -> tuple[str, list[int]]:
    """經(jīng)費支出預(yù)算 → (經費支出預算, where each plain character stands in `s`, plus len(s)):
    a converter's pinyin readings dropped so figure words can be found on mirror pages."""
    plain: list[str] = []
    at: list[int] = []
    i = 0
    for m in _READING_RE.finditer(s):
        for j in range(i, m.start()):
            plain.append(s[j])
            at.append(j)
        i = m.end()
    for j in range(i, len(s)):
        plain.append(s[j])
        at.append(j)
    at.append(len(s))
    return "".join(plain), at


@cache
def _traditional_forms() -> dict[str, str]:
    """Simplified character → its traditional forms (the titles map read backwards)."""
    back: dict[str, str] = {}
    for t, s in traditional_chars("titles").items():
        back[s] = back.get(s, "") + t
    return back


def mirror_chars(c: str) -> str:
    """The character and its traditional forms: what a mirror page may print for it."""
    return c + _traditional_forms().get(c, "")


def mirror_pattern(word: str) -> str:
    """Regex for `word` as mirror pages print it: traditional forms and pinyin readings allowed."""
    return "".join(f"[{re.escape(mirror_chars(c))}]{_READING}" for c in word)


_ONE_READING = re.compile(_READING[3:-2])


def mirror_match_end(word: str, s: str) -> int | None:
    """Where `re.match(mirror_pattern(word), s)` ends, None when it does not match — without
    compiling the pattern (≈ 2 ms for a department name, new with every document). A reading is
    taken wherever one stands, as the pattern's greedy optional group takes it (what follows a
    reading is a character, never its opening bracket)."""
    i = 0
    for c in word:
        if i >= len(s) or s[i] not in mirror_chars(c):
            return None
        i += 1
        if (m := _ONE_READING.match(s, i)) is not None:
            i = m.end()
    return i


@cache
def _scope_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    d = item_names()
    qual = "(?:" + "|".join(mirror_pattern(w) for w in sorted(d["scope_qualifiers"], key=len, reverse=True)) + ")"
    join = "(?:" + "|".join(mirror_pattern(w) for w in sorted(d["scope_joiners"], key=len, reverse=True)) + ")?"
    items = "(?:" + "|".join(mirror_pattern(w) for w in d["scope_qualified_items"]) + ")"
    lead = re.compile(rf"^{qual}{join}(?={items})")
    trail = re.compile(rf"(?P<item>{items}){qual}{join}")
    return lead, trail


def counted_item(subject: str, previous: str, previous_unit: str | None = None) -> str:
    """人数 after 因公出国(境)团组 → 因公出国(境)人数; 接待人次 after 国内公务接待批次 → 国内公务接待人次;
    人数 after 公务接待220批次 → 公务接待人数: a measure alone is the measure of the item the count
    before it named."""
    d = item_names()
    if subject not in d["measure_subjects"] or not previous:
        return subject
    stem = next((previous[: -len(m)] for m in d["measure_suffixes"] if previous.endswith(m) and len(previous) > len(m) + 1), "")
    if not stem and previous_unit in d["visit_units"] and len(previous) >= 2:
        stem = previous
    if not stem:
        return subject
    for k in range(min(len(stem), len(subject)) - 1, 1, -1):  # 国内公务接待 + 接待人次: the overlap once
        if stem.endswith(subject[:k]):
            return stem + subject[k:]
    return stem + subject


def measure_stem(subject: str) -> str:
    """因公出国(境)团组 → 因公出国(境): the item a count's measure word (团组, 批次) counts in."""
    return next((subject[: -len(m)] for m in item_names()["measure_suffixes"] if subject.endswith(m) and len(subject) > len(m) + 1), subject)


def drop_scope(subject: str) -> str:
    """一般公共预算财政拨款三公经费支出预算 → 三公经费支出预算; 三公经费财政拨款预算 → 三公经费预算.
    Only before the items whose every figure has that scope (`scope_qualified_items`)."""
    if len(subject) < 6:
        return subject
    lead, trail = _scope_res()
    s = lead.sub("", subject, count=1)
    return trail.sub(lambda m: m.group("item"), s, count=1)


#: a table row's label cell: the text before the first tab, | or run of spaces, codes and numbering cut
_CELL_SPLIT = re.compile(r"\t|\||\s{2,}")
_LABEL_LEAD = re.compile(r"^(?:[\d\s.、．]+|[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*|其中[:：]?|[#*\s]+)+")
_CHAIN_NAME = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,24})[（(]\d{0,9}(?:类|款|项)[）)]")
_TRAILING_PAREN = re.compile(r"[（(][^（()）]*[）)]$")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff（）()、]+")
_NOT_NAME = re.compile(r"[\d%，,。；;：:“”\"]|^(?:合计|总计|小计|项目|科目|单位|金额|备注)")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The item names one document uses: its table row labels, 类/款/项 names and heading items."""

    names: frozenset[str]
    by_tail: dict[str, tuple[str, ...]]  # last two characters → the names ending with them

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def complete(self, subject: str, before: str) -> str:
        """A subject the rules cut inside one of the document's names (本年收入 → 收入, written
        本年收入 in the sentence) → that name; otherwise the subject as it is."""
        if len(subject) < 2 or subject in self.names:
            return subject
        at = before.rfind(subject)
        if at < 0:
            return subject
        longest = subject
        for name in self.by_tail.get(subject[-2:], ()):
            extra = len(name) - len(subject)
            if 0 < extra <= item_names()["gazetteer_extend_max"] and name.endswith(subject) and before[max(0, at - extra) : at] == name[:extra]:
                if len(name) > len(longest):
                    longest = name
        return longest


EMPTY = Gazetteer(frozenset(), {})


@lru_cache(maxsize=1 << 16)  # a table's label cells repeat within and across documents (合计, 基本支出 …)
def _label(cell: str) -> str:
    cell = _LABEL_LEAD.sub("", cell.strip()).strip(" ：:·.*")
    d = item_names()
    if not d["gazetteer_min_chars"] <= len(cell) <= d["gazetteer_max_chars"] or _NOT_NAME.search(cell):
        return ""
    bare = _TRAILING_PAREN.sub("", cell)  # 一般公共预算支出预算表（功能科目）
    if bare.endswith(tuple(d["gazetteer_not_items"])) or cell.startswith(("第", "年")):
        return ""
    return cell if _NAME_CHARS.fullmatch(cell) else ""


def build_gazetteer(layout: Layout) -> Gazetteer:
    """The document's own item names, read cheaply from the layout: each table line's label cell,
    the 类/款/项 names written in prose, and headings short enough to name an item."""
    names: set[str] = set()
    for block in layout.blocks:
        if block.kind == "table":
            for line in block.lines:
                for cell in _CELL_SPLIT.split(line.text)[:2]:
                    if (name := _label(cell)):
                        names.add(name)
                        break
        elif block.kind == "heading":
            if (name := _label(block.text.text)):
                names.add(name)
        else:
            for m in _CHAIN_NAME.finditer(block.text.text):
                if (name := _label(m.group("name"))):
                    names.add(name)
    tails: dict[str, list[str]] = {}
    for n in names:
        tails.setdefault(n[-2:], []).append(n)
    return Gazetteer(frozenset(names), {k: tuple(v) for k, v in tails.items()})
