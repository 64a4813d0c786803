"""Subject → canonical metric id, by aliases from extract/data/metrics.json.

A rules-only matcher: exact alias first, then the longest alias contained in the subject.
The trained metric classifier (issue 4) uses this as a feature and a fallback.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .resources import figure_suffixes, metrics

_PUNCT = re.compile(r"[\s“”\"'‘’《》()（）【】\[\]]")


def norm_label(s: str) -> str:
    """Normalise a label for matching: no quotes, brackets or spaces (因公出国（境）费 → 因公出国境费)."""
    return _PUNCT.sub("", s)


# One alias as the matcher sees it: its rank in the longest-first order, the alias, its metric id.
_Entry = tuple[int, str, str]


@cache
def _index() -> tuple[dict[str, str], dict[str, list[_Entry]]]:
    """The exact-alias dict, and the aliases of two or more characters keyed by their first two.

    The contained-alias rule wants the longest alias inside the subject (ties in metrics.json
    order). Trying all ≈ 400 aliases against every new subject cost ≈ 75 µs a call; looking up
    the subject's two-character windows finds the few aliases that can occur in it, and their
    rank in the longest-first order puts them in the order the full scan would meet them.
    """
    exact: dict[str, str] = {}
    for m in metrics():
        for a in m.aliases:
            exact.setdefault(norm_label(a), m.id)
    by_len = sorted(exact.items(), key=lambda kv: -len(kv[0]))  # stable: ties keep metrics.json order
    by_head: dict[str, list[_Entry]] = {}
    for rank, (alias, mid) in enumerate(by_len):
        if len(alias) >= 2:
            by_head.setdefault(alias[:2], []).append((rank, alias, mid))
    return exact, by_head


def _contained(s: str, by_head: dict[str, list[_Entry]]) -> list[_Entry]:
    """The aliases of two or more characters occurring in `s`, longest first (ties in metrics.json order)."""
    found: set[_Entry] = set()
    for i in range(len(s) - 1):
        for entry in by_head.get(s[i : i + 2], ()):
            if s.startswith(entry[1], i):
                found.add(entry)
    return sorted(found)


@lru_cache(maxsize=65536)
def metric_for(subject: str, *, kind: str | None = None) -> str | None:
    """The metric id a subject names: its exact alias, else the longest alias it contains that fits `kind`."""
    if not subject:
        return None
    exact, by_head = _index()
    s = norm_label(subject)
    if s in exact:
        return exact[s]
    if (mid := figure_word_metric(s)) is not None and _fits_kind(mid, kind):
        return mid
    contained = _contained(s, by_head)
    # 由单位事业收入安排的三公经费: the words after the last 的 are the head of the phrase, what it names
    # (unless an alias spans the 的 itself: 对个人和家庭的补助)
    if "的" in s[:-1] and not any("的" in alias for _, alias, _ in contained):
        head = s[s.rindex("的") + 1 :]
        if len(head) >= 2 and (mid := metric_for(head, kind=kind)) is not None:
            return mid
    for _, alias, mid in contained:
        if not _only_as_other(s, alias) and _fits_kind(mid, kind):
            if mid.startswith("income."):
                # 一般公共预算拨款项目支出预算: a fund source qualifying the spending named after it — the
                # head of the phrase (项目支出) is the item
                head = _spending_after(s, s.find(alias) + len(alias), by_head)
                if head is not None:
                    return head
            return mid
    return None


def figure_word_metric(label: str) -> str | None:
    """The metric of a normalised label that is an exact alias but for a figure word (metrics.json
    `figure_suffixes`): 教育支出预算 is the class's budget figure — 教育支出 ties with 支出预算 (the
    whole) on length, and the words after the item only say which of its figures is meant; in
    收入决算总计 the figure word stands inside the alias 收入总计."""
    exact = _index()[0]
    for word in figure_suffixes():
        at = label.find(word, 1)
        if at > 0 and (mid := exact.get(label[:at] + label[at + len(word) :])) is not None:
            return mid
    return None


def _fits_kind(mid: str, kind: str | None) -> bool:
    """A headcount names a staff.* metric, a count a count.* one, money never either."""
    if kind == "headcount":
        return mid.startswith("staff.")
    if kind == "count":
        return mid.startswith("count.")
    if kind in ("amount", "change"):
        return not (mid.startswith("staff.") or mid.startswith("count."))
    return True


def _spending_after(s: str, end: int, by_head: dict[str, list[_Entry]]) -> str | None:
    """The spending metric (exp.*) an alias names in `s` after position `end`, longest alias first."""
    rest = s[end:]
    if "收入" in rest or "收支" in rest:
        return None  # 一般公共预算拨款收入支出预算: both sides named, the fund's own figure
    return next((mid for _, alias, mid in _contained(rest, by_head) if mid.startswith("exp.") and not _only_as_other(rest, alias)), None)


def _only_as_other(s: str, alias: str) -> bool:
    """Every occurrence of `alias` follows 其他: 其他商品和服务支出 (30299) is a residual line of its
    class, never the class 商品和服务支出 itself."""
    at = s.find(alias)
    while at >= 0:
        if s[max(0, at - 2) : at] != "其他":
            return False
        at = s.find(alias, at + 1)
    return True
