"""Change verbs, compiled once from `extract/data/change_verbs.json`.

Facts read the sign of a change from them and checks read the direction a reason or a claim
states; both use these patterns, so a verb taught to one (调减, 压减, 减支) is known to the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .resources import alternation, change_verbs, cues

# what may stand between a verb and its number: 减少了, 增加约, 下降至, 增长为
_TAIL = r"(?:了|约|为|达|达到|至|共|计|共计|合计|总计)?$"


@dataclass(frozen=True, slots=True)
class VerbPatterns:
    """Verb patterns; the first three match only right before the number (…减少了|200万元)."""

    mixed: re.Pattern[str]  # 增加（减少）: the sign is the number's own
    increase: re.Pattern[str]
    decrease: re.Pattern[str]
    unchanged: re.Pattern[str]  # anywhere: 与上年持平 needs no number
    inner: re.Pattern[str]  # a two-character increase or decrease verb anywhere in a clause
    greater: re.Pattern[str]  # a claim that the actual is above the budget (决算数大于预算数, 增加)
    less: re.Pattern[str]


@cache
def patterns() -> VerbPatterns:
    """The compiled patterns, built on first use (one lexicon, one compile per process)."""
    v = change_verbs()
    two_inc = [w for w in v.increase if len(w) >= 2]
    two_dec = [w for w in v.decrease if len(w) >= 2]

    def claim(words: tuple[str, ...], verbs: list[str]) -> re.Pattern[str]:
        """决算数大于预算数 or a bare two-character verb: either states which side is larger."""
        return re.compile(rf"决算数?(?:{alternation(list(words))})(?:年初)?预算数?|{alternation(verbs)}")

    return VerbPatterns(
        mixed=re.compile(rf"(?:{alternation(list(v.mixed))}){_TAIL}"),
        increase=re.compile(rf"(?:{alternation(list(v.increase))}){_TAIL}"),
        decrease=re.compile(rf"(?:{alternation(list(v.decrease))}){_TAIL}"),
        unchanged=re.compile(alternation(list(v.unchanged))),
        inner=re.compile(alternation(two_inc + two_dec)),
        greater=claim(v.greater, two_inc),
        less=claim(v.less, two_dec),
    )


def direction_of(verb: str) -> str | None:
    """increase / decrease / unchanged / mixed for one verb as written (减少了 → decrease), else None.

    A verb's direction comes from the lexicon, never from which branch found it: that is how
    调减 and 减少了 once came out as increases."""
    v = change_verbs()
    w = verb.removesuffix("了")
    for direction, words in (("mixed", v.mixed), ("decrease", v.decrease), ("increase", v.increase), ("unchanged", v.unchanged)):
        if w in words:
            return direction
    return None


def stated_directions(text: str) -> tuple[bool, bool]:
    """(says up, says down): whether a text (a reason, a claim) names an increase or a decrease."""
    p = patterns()
    found = {direction_of(m.group()) for m in p.inner.finditer(text)}
    return "increase" in found, "decrease" in found


@dataclass(frozen=True, slots=True)
class LeadVerb:
    """A change verb that opens a subject: the item comes after it (调减外事经费 → 外事经费)."""

    start: int
    end: int  # where the item begins (after an optional 了)
    verb: str
    direction: str  # increase | decrease


@cache
def _lead_re() -> re.Pattern[str]:
    markers = alternation(cues()["comparison_markers"])
    # an optional comparison first (比上年, 较上年预算, 与上年相比): 比上年减少了外事经费
    return re.compile(rf"^(?:(?:{markers})[^，,；;：:。]{{0,12}}?)?(?P<verb>{alternation(list(change_verbs().lead))})了?")


def lead_verb(subject: str) -> LeadVerb | None:
    """The verb of a change stated verb-first (调减外事经费200万元, 比上年减少了外事经费200万元),
    or None when the subject does not open with one."""
    m = _lead_re().match(subject)
    if m is None:
        return None
    direction = direction_of(m.group("verb"))
    if direction not in ("increase", "decrease"):
        return None
    return LeadVerb(m.start("verb"), m.end(), m.group("verb"), direction)
