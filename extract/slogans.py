"""Numbered slogans and policy names (“五个坚持”, 中央八项规定, 省委省政府30条): a number with a count unit
that names a policy, not a quantity of anything the budget is about."""

from __future__ import annotations

import re
from functools import cache

from .quantity import Quantity
from .resources import alternation, slogan_cues

_OPEN = "“\"「『‘"
_CLOSE = "”\"」』’"


@cache
def _res() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    c = slogan_cues()
    nouns = re.compile(rf"^(?:{alternation(c['policy_nouns'])})")
    issuers = re.compile(rf"(?:{alternation(c['policy_issuers'])})$")
    return nouns, issuers, frozenset(c["policy_units"])


def is_slogan(text: str, q: Quantity) -> bool:
    """True for a count in `text` (its sentence) that is a slogan or a policy name."""
    if q.category != "count":
        return False
    nouns, issuers, units = _res()
    after = text[q.unit_end :]
    if nouns.match(after):
        return True
    if q.unit in units and issuers.search(text[max(0, q.start - 8) : q.start]):
        return True
    if q.start > 0 and text[q.start - 1] in _OPEN:
        close = next((i for i, ch in enumerate(after[: slogan_cues()["quoted_max"] + 1]) if ch in _CLOSE), None)
        return close is not None and not any(ch.isdigit() for ch in after[:close])
    return False
