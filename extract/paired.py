"""Paired values: one statement, one number per item (`收、支总计各是2310.55,2298.04万元`,
`收入总计和支出总计分别为…、…`, `各增加105.20,96.71万元，各增长4.77%、4.39%`).

After 各 or 分别 a list of numbers shares the unit written after the last one, and the items named
before the marker are taken in order — one fact per side. A list with no items of its own
(`各增加…`) is about the items of the list before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from .quantity import Quantity, parse_number
from .records import Fact
from .resources import alternation, units

#: items abbreviated to one character before a shared head (收、支总计 → 收入总计, 支出总计)
ABBREVIATED = {"收": "收入", "支": "支出"}

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SEP = r"(?:、|,|，|和|及|与|以及)"
_ITEM_SEPS = ("、", "和", "及", "与", "，", ",")


@cache
def _res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    unit = f"(?:{alternation(units().surfaces)})"
    member = re.compile(rf"(?P<num>{_NUM})(?P<unit>{unit})?")
    group = re.compile(rf"(?P<mark>各|分别)(?:是|为|增加|减少|增长|下降|降低|上升|占)?(?P<list>{_NUM}(?:{unit})?(?:{_SEP}{_NUM}(?:{unit})?)+)")
    return group, member


@dataclass(frozen=True, slots=True)
class Pair:
    """One 各/分别 list: where its marker stands and its members' number starts (sentence-local)."""

    mark: int
    members: tuple[int, ...]


def _member(m: re.Match[str], unit_m: re.Match[str] | None) -> Quantity | None:
    """A list member the quantity reader left out (no unit of its own, or after `数字,`)."""
    if unit_m is None:
        return None
    try:
        value = parse_number(m.group("num"))
        category, canon = units().canonical(unit_m.group("unit"))
    except (ValueError, KeyError):
        return None
    own = m is unit_m
    factor = units().money.get(unit_m.group("unit")) if category == "money" else None
    end = m.end("num")
    return Quantity(start=m.start(), end=end, unit_start=end, unit_end=m.end() if own else end, value=value,
                    surface=m.group(), unit=canon, category=category, factor=factor)


def paired_quantities(text: str, found: list[Quantity]) -> tuple[list[Quantity], list[Pair]]:
    """The sentence's quantities with the unit-less members of 各/分别 lists added (the unit of the
    next member that has one), and the lists themselves."""
    group, member = _res()
    by_start = {q.start: q for q in found}
    added: list[Quantity] = []
    pairs: list[Pair] = []
    for g in group.finditer(text):
        ms = list(member.finditer(text, g.start("list"), g.end("list")))
        if len(ms) < 2:
            continue
        starts: list[int] = []
        for i, m in enumerate(ms):
            q = by_start.get(m.start())
            if q is None:
                unit_m = m if m.group("unit") else next((n for n in ms[i + 1 :] if n.group("unit")), None)
                q = _member(m, unit_m)
                if q is None:
                    break
                by_start[q.start] = q
                added.append(q)
            starts.append(q.start)
        if len(starts) == len(ms):
            pairs.append(Pair(g.start("mark"), tuple(starts)))
    if not added:
        return found, pairs
    return sorted([*found, *added], key=lambda q: q.start), pairs


def split_items(subject: str, n: int) -> list[str] | None:
    """收、支总计 → [收入总计, 支出总计]; 收入总计和支出总计 → the two; 基本支出和项目支出预算 → the head
    shared; 三公经费预算和决算 → the stem shared. None when the subject does not name n items."""
    parts = _split(subject, n)
    return distribute(parts) if parts else None


def _split(subject: str, n: int) -> list[str] | None:
    for sep in _ITEM_SEPS:
        parts = subject.split(sep)
        if len(parts) == n and all(parts):
            return parts
    head, _, tail = subject.rpartition("、")  # A、B和C: the last pair joined by a conjunction
    for conj in ("以及", "和", "及", "与"):
        if head and tail.count(conj) == 1:
            parts = [*head.split("、"), *tail.split(conj)]
            if len(parts) == n and all(parts):
                return parts
    return None


def distribute(parts: list[str]) -> list[str]:
    """The head or stem one item of a list writes for all (收、支总计; 三公经费预算和决算)."""
    first, last = parts[0], parts[-1]
    if len(last) > len(first) and first[-1:] != last[-1:]:
        head = last[len(first) :]  # 收、支总计: the last names the head the others share
        parts = [p + head if p is not last else p for p in parts]
    elif len(last) <= 3 < len(first) and not first.endswith(last):
        stem = first[: len(first) - len(last)]  # 三公经费预算和决算: the first names the stem
        parts = [stem + p if p is not first else p for p in parts]
    out = []
    for p in parts:
        for short, full in ABBREVIATED.items():
            if p.startswith(short) and not p.startswith(full):
                p = full + p[len(short) :]
        out.append(p)
    return out


def apply_pairs(
    text: str,
    pairs: list[Pair],
    facts_at: dict[int, Fact],
    clean: Callable[[str], str],
    metric_of: Callable[[str, str], str | None],
    previous: list[str] | None,
) -> tuple[dict[int, Fact], list[str] | None]:
    """Facts of each list renamed to its items in order (a percent in a list of changes is a
    change too, with the list's sign); returns the changed facts by number start and the last
    list's items (`previous` for the next list)."""
    changed: dict[int, Fact] = {}
    items_before = previous
    for p in pairs:
        found = [facts_at.get(s) for s in p.members]
        facts = [f for f in found if f is not None]
        if len(facts) != len(found):
            continue
        lead = re.split(r"[，,；;。：:]", text[: p.mark])[-1]
        named = clean(lead) if lead.strip() else ""
        raw = _split(lead, len(facts)) if named else None  # each item cleaned on its own first
        cleaned = [clean(x) or x for x in raw] if raw else []
        items = split_items("、".join(cleaned), len(facts)) if cleaned else None
        if items is None and named:
            items = split_items(named, len(facts))
        if items is None and not named and items_before is not None and len(items_before) == len(facts):
            items = items_before
        if items is None:
            continue
        first = facts[0]
        for s, f, item in zip(p.members, facts, items, strict=True):
            kind = "change" if first.kind == "change" and f.kind in ("percent", "amount") else f.kind
            value, yuan = f.value, f.yuan
            if kind == "change" and first.direction in ("increase", "decrease") and value is not None:
                sign = -1.0 if first.direction == "decrease" else 1.0
                value = sign * abs(value)
                yuan = sign * abs(yuan) if yuan is not None else None
            changed[s] = replace(
                f,
                fact_id=f"{kind}-{f.span[0]}",
                kind=kind,
                subject=item,
                metric=metric_of(item, kind),
                value=value,
                yuan=yuan,
                direction=first.direction if kind == "change" else f.direction,
                baseline=first.baseline if kind == "change" else f.baseline,
                subject_source="sentence",
            )
        items_before = items
    return changed, items_before
