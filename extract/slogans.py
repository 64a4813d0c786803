"""Numbered slogans and policy names (“五个坚持”, 中央八项规定, 省委省政府30条): a number with a count unit
that names a policy, not a quantity of anything the budget is about."""

from __future__ import annotations

import re
from functools import cache

from .quantity import Quantity
from .resources import alternation, slogan_cues

_OPEN = "“\"「『‘"
_CLOSE = "”\"」』’"
_CN_ORDINALS = "一二三四五六七八九十"


@cache
def _res() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    c = slogan_cues()
    nouns = re.compile(rf"^(?:{alternation(c['policy_nouns'])})")
    issuers = re.compile(rf"(?:{alternation(c['policy_issuers'])})$")
    return nouns, issuers, frozenset(c["policy_units"])


@cache
def _abstract_re() -> re.Pattern[str]:
    return re.compile(rf"^(?:{alternation(slogan_cues()['abstract_nouns'])})")


@cache
def _ordinal_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(slogan_cues()['ordinal_before'])})$")


def is_slogan(text: str, q: Quantity) -> bool:
    """True for a count in `text` (its sentence) that is a slogan or a policy name."""
    if q.category != "count":
        return False
    nouns, issuers, units = _res()
    c = slogan_cues()
    ordinal = _ordinal_re()
    after = text[q.unit_end :]
    if nouns.match(after):
        return True
    if (am := _abstract_re().match(after)) is not None and not after[am.end() :].startswith(tuple(c["abstract_not_before"])):
        return True  # 党委和政府两种职能, 两个文明建设: set phrases, not counts
    if q.unit in units and issuers.search(text[max(0, q.start - 8) : q.start]):
        return True
    if q.chinese and text[max(0, q.start - 2) : q.start].endswith(tuple(c["anaphora_before"])):
        return True  # 这三项主要职能: the three already named
    if (
        q.chinese and q.value == 1 and q.unit in c["indefinite_units"] and text[max(0, q.start - 2) : q.start].endswith(tuple(c["indefinite_before"]))
        and "\u4e00" <= after[:1] <= "\u9fff"
    ):
        return True  # 是一所集医疗…为一体的医院, 一种重要形式: an article, not a count
    if q.chinese and q.start >= 2 and _names_in_series(text, q):
        return True  # 检察一部、检察二部: numbered names
    if q.chinese and q.unit in c["ordinal_units"]:
        at = q.start
        while at >= 3 and text[at - 1] == "、" and text[at - 2] == q.unit and text[at - 3] in _CN_ORDINALS:
            at -= 3  # 一处、二处、三处: the list's first member says what they all are
        if ordinal.search(text[max(0, at - 2) : at]) and after[:1] not in ("", "，", ",", "。", "；", ";"):
            return True  # 国安办一处、二处; 公益一类事业单位: a division or a grade, not a count
    if q.start > 0 and text[q.start - 1] in _OPEN:
        close = next((i for i, ch in enumerate(after[: slogan_cues()["quoted_max"] + 1]) if ch in _CLOSE), None)
        return close is not None and not any(ch.isdigit() for ch in after[:close])
    return False


def _names_in_series(text: str, q: Quantity) -> bool:
    """检察一部、检察二部: the same two characters and counter around two Chinese numerals of the sentence."""
    head = text[q.start - 2 : q.start]
    if not all("\u4e00" <= ch <= "\u9fff" for ch in head) or head[-1] in _CN_ORDINALS:
        return False
    unit = text[q.unit_start : q.unit_end]
    seen, at = 0, text.find(head)
    while at >= 0:  # no pattern built per number: plain finds over the sentence
        k = at + len(head)
        while k < len(text) and text[k] in _CN_ORDINALS:
            k += 1
        seen += k > at + len(head) and text.startswith(unit, k)
        if seen >= 2:
            return True
        at = text.find(head, at + 1)
    return False
