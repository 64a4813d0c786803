"""Item names: the funding scope around an item that does not name it, and the per-document
gazetteer of item names (table row labels, 类/款/项 names, headings) prose subjects are read against.

Cue lists tuned on a few templates do not carry to the next province; a document's own tables and
headings do: the rows of its 支出决算表 are exactly the items its 情况说明 talks about. So the
gazetteer is built from the document itself, and a subject the rules cut inside one of its names
is completed to that name.
"""

from __future__ import annotations

import re
from functools import cache

from .resources import item_names, traditional_chars

#: a converter's bracketed pinyin reading after a character on traditional mirror pages: 經(jīng)費
_READING = r"(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\))?"


def _tolerant(word: str) -> str:
    """Regex for `word` as mirror pages print it: traditional forms and pinyin readings allowed."""
    back: dict[str, str] = {}
    for t, s in traditional_chars("titles").items():
        back[s] = back.get(s, "") + t
    return "".join(f"[{re.escape(c + back.get(c, ''))}]{_READING}" for c in word)


@cache
def _scope_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    d = item_names()
    qual = "(?:" + "|".join(_tolerant(w) for w in sorted(d["scope_qualifiers"], key=len, reverse=True)) + ")"
    join = "(?:" + "|".join(_tolerant(w) for w in sorted(d["scope_joiners"], key=len, reverse=True)) + ")?"
    items = "(?:" + "|".join(_tolerant(w) for w in d["scope_qualified_items"]) + ")"
    lead = re.compile(rf"^{qual}{join}(?={items})")
    trail = re.compile(rf"^(?P<item>{items}){qual}{join}")
    return lead, trail


def drop_scope(subject: str) -> str:
    """一般公共预算财政拨款三公经费支出预算 → 三公经费支出预算; 三公经费财政拨款预算 → 三公经费预算.
    Only before the items whose every figure has that scope (`scope_qualified_items`)."""
    if len(subject) < 6:
        return subject
    lead, trail = _scope_res()
    s = lead.sub("", subject, count=1)
    m = trail.match(s)
    if m is not None:
        s = m.group("item") + s[m.end() :]
    return s
