"""Numbers with units in prose: Arabic, full-width (already normalised), Chinese numerals,
form blanks (__17__), comparators; and what is *not* a quantity (years, codes, numbering).

Runs on whitespace-compacted text (see `MappedText.compact`), so no pattern here needs to
allow for spaces between a number and its unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .resources import alternation, cues, units
from .scan import FirstChars

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # the number (without blanks or unit), in the compacted text
    end: int
    unit_start: int
    unit_end: int
    value: float
    surface: str  # number + unit as written (after normalisation)
    unit: str  # canonical unit
    category: str  # money | percent | people | count
    factor: float | None  # money: multiplier to 元
    chinese: bool = False
    blank: bool = False  # filled form blank (__17__)
    comparator: str | None = None
    threshold: bool = False  # 200万元以上: a bound, not a stated figure

    @property
    def yuan(self) -> float | None:
        if self.factor is None:
            return None
        return round(self.value * self.factor, 6)


@cache
def _pattern() -> re.Pattern[str]:
    u = units()
    unit_alt = alternation(u.surfaces)
    ar = r"(?P<ar>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    cn = rf"(?P<cn>[{_CN_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?)"
    return re.compile(
        rf"(?P<pre>_*){ar}(?P<post>_*)(?P<wan>万(?!元))?(?P<approx>余|多)?(?P<unit>{unit_alt})?"
        rf"|(?<![{_CN_DIGITS}]){cn}(?P<cunit>{unit_alt})"
    )


@cache
def _scan() -> FirstChars:
    """The quantity pattern tried only at characters a number can start with (digits, Chinese
    numerals, blanks, signs) — the same matches as its finditer, about twice as fast."""
    return FirstChars(_pattern())


@cache
def _comparator_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(cues()['comparators'])})$")


def _unit_ok(text: str, unit: str, end: int) -> bool:
    """Reject a unit that is really the first character of a word (个人, 人员, 一次性)."""
    nxt = text[end : end + 1]
    bad = units().not_unit_after.get(unit[-1] if len(unit) == 1 else unit, frozenset())
    return not (nxt and nxt in bad)


def _cn_value(s: str) -> float | None:
    try:
        import cn2an  # well-kept converter; only ever given the numeral itself
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise ImportError("cn2an is required for Chinese numerals: pip install cn2an") from exc
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def numeral_value(s: str) -> float | None:
    """An Arabic (12, 1,200) or Chinese (十二, 两) numeral's value; None when it is neither."""
    try:
        return parse_number(s)
    except ValueError:
        return _cn_value(s) if s and all(c in _CN_DIGITS for c in s) else None


def parse_number(s: str) -> float:
    """Arabic number text → float: thousands separators and blanks removed."""
    return float(s.replace(",", "").strip("_"))


_CODE_LEVELS = ("类", "款", "项")
_CN_WORD_BLOCK = re.compile(r"(?:一是|二是|三是|一般|一体|一些|一起|一致|一定|一直|一切|一线|一同|一并|一次性|一批次|两新|三公|两定|两病)")


@cache
def _bare_headcount_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(cues()['bare_headcount_after'])})$")


def _bare_headcount(text: str, start: int, end: int, num: str) -> bool:
    """A whole number right after 人数 (编制人数42，其中…) and before a list separator is a headcount."""
    if not num.isdigit() or (end < len(text) and text[end] not in "、，,；;。）)\n其"):
        return False
    return bool(_bare_headcount_re().search(text[max(0, start - 6) : start]))


@cache
def _threshold_after() -> tuple[str, ...]:
    return tuple(sorted(cues()["threshold_after"], key=len, reverse=True))


def find_quantities(text: str) -> list[Quantity]:
    u = units()
    c = cues()
    out: list[Quantity] = []
    comp_pat = _comparator_pattern()
    threshold_after = _threshold_after()
    has_wanyuan = "万元" in text  # once, not per bare 万 (a long text has thousands)
    for m in _scan().finditer(text):
        if m.group("ar") is not None:
            unit_surface = m.group("unit")
            wan = m.group("wan")
            num = m.group("ar")
            start, end = m.start("ar"), m.end("ar")
            if start > 0 and (text[start - 1].isdigit() or text[start - 1] == "." or (text[start - 1] == "," and (start < 2 or text[start - 2].isdigit() or m.group("unit") in (None, "%")))):
                continue  # inside 1,234 or 3.5 (or a chart label: 项目支出,27.45%); but 8批次,160人次 is a second number
            if start > 0 and text[start - 1] in "第〔[【" or text[max(0, start - 2) : start] in ("No", "编号"):
                continue
            if start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():  # W060701: a code
                continue
            if start > 0 and text[start - 1] in "万亿":  # 30.66万0元: conversion noise
                continue
            if wan:
                # a bare 万 after a number means 万元 only in a money context (增加209万用于…)
                left = text[max(0, start - 12) : start]
                if unit_surface is None and (has_wanyuan or any(cue in left for cue in u.bare_wan_money_cues)):
                    unit_surface = "万元"
                    unit_end = m.end("wan")
                else:
                    continue
            elif unit_surface is None:
                # 行政编制人数19、…、自收自支编制人数13人: a list of headcounts names the unit once
                if not _bare_headcount(text, start, end, m.group("ar")):
                    continue
                unit_surface, unit_end = "人", end
            else:
                unit_end = m.end("unit")
            if not _unit_ok(text, unit_surface, unit_end):
                continue
            if unit_surface in _CODE_LEVELS and start > 0 and text[start - 1] in "（(" and text[unit_end : unit_end + 1] in "）)":
                continue  # 教育支出（205类）普通教育（02款）: a classification code, not a count
            try:
                value = parse_number(num)
            except ValueError:
                continue
            chinese = False
            blank = bool(m.group("pre") or m.group("post"))
            unit_start = m.start("wan") if wan else m.start("unit")
        else:
            num = m.group("cn")
            unit_surface = m.group("cunit")
            start, end = m.start("cn"), m.end("cn")
            unit_start, unit_end = m.start("cunit"), m.end("cunit")
            if _CN_WORD_BLOCK.match(text, start) or (start > 0 and text[start - 1] in "第周初每"):
                continue
            if not _unit_ok(text, unit_surface, unit_end) or text[unit_end : unit_end + 1] in u.cn_not_unit_after.get(unit_surface, ()):
                continue
            if num in ("万", "亿", "百", "千", "十") or num.endswith("点"):
                continue
            if unit_surface == "元" and num[-1] in "万亿" and len(num) > 1:
                # 一千二百万元 is 1200 万元, not 12000000 元: keep the stated unit
                unit_surface, unit_start, num = num[-1] + "元", unit_start - 1, num[:-1]
                end -= 1
            value = _cn_value(num)
            if value is None:
                continue
            chinese, blank = True, False
        try:
            category, canon = u.canonical(unit_surface)
        except KeyError:
            continue
        if category == "people" and canon == "万人":
            value, canon = value * 10000, "人"
        factor = u.money.get(unit_surface) if category == "money" else None
        after = text[unit_end : unit_end + 6]
        threshold = any(after.startswith(t) for t in threshold_after)
        comparator_after = None
        if threshold and category == "percent":
            # 参保率达99%以上 states a level (≥ 99%), it does not qualify another thing
            threshold = False
            comparator_after = "≥" if after.startswith(("以上", "及以上")) else ("≤" if after.startswith(("以下", "及以下", "以内")) else None)
        cm = comp_pat.search(text[max(0, start - 4) : start - len(m.group("pre") or "")] if not chinese else text[max(0, start - 4) : start])
        comparator = c["comparators"][cm.group()] if cm else comparator_after
        out.append(
            Quantity(
                start=start,
                end=end,
                unit_start=unit_start,
                unit_end=unit_end,
                value=value,
                surface=text[m.start() if blank else start : unit_end],
                unit=canon,
                category=category,
                factor=factor,
                chinese=chinese,
                blank=blank,
                comparator=comparator,
                threshold=threshold,
            )
        )
    return out
