"""Subject → canonical metric id, by aliases from extract/data/metrics.json.

A rules-only matcher: exact alias first, then the longest alias contained in the subject.
The trained metric classifier (issue 4) uses this as a feature and a fallback.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .resources import metrics

_PUNCT = re.compile(r"[\s“”\"'‘’《》()（）【】\[\]]")


def norm_label(s: str) -> str:
    """Normalise a label for matching: no quotes, brackets or spaces (因公出国（境）费 → 因公出国境费)."""
    return _PUNCT.sub("", s)


@cache
def _index() -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {}
    for m in metrics():
        for a in m.aliases:
            exact.setdefault(norm_label(a), m.id)
    by_len = sorted(exact.items(), key=lambda kv: -len(kv[0]))
    return exact, by_len


@lru_cache(maxsize=65536)
def metric_for(subject: str, *, kind: str | None = None) -> str | None:
    if not subject:
        return None
    exact, by_len = _index()
    s = norm_label(subject)
    if s in exact:
        return exact[s]
    for alias, mid in by_len:
        if len(alias) >= 2 and alias in s and not _only_as_other(s, alias):
            if kind in ("headcount",) and not mid.startswith("staff."):
                continue
            if kind == "count" and not mid.startswith("count."):
                continue
            if kind in ("amount", "change") and (mid.startswith("staff.") or mid.startswith("count.")):
                continue
            if mid.startswith("income."):
                # 一般公共预算拨款项目支出预算: a fund source qualifying the spending named after it — the
                # head of the phrase (项目支出) is the item
                head = _spending_after(s, s.find(alias) + len(alias), by_len)
                if head is not None:
                    return head
            return mid
    return None


def _spending_after(s: str, end: int, by_len: list[tuple[str, str]]) -> str | None:
    """The spending metric (exp.*) an alias names in `s` after position `end`, longest alias first."""
    rest = s[end:]
    if "收入" in rest or "收支" in rest:
        return None  # 一般公共预算拨款收入支出预算: both sides named, the fund's own figure
    return next((mid for alias, mid in by_len if len(alias) >= 2 and mid.startswith("exp.") and alias in rest and not _only_as_other(rest, alias)), None) if rest else None


def _only_as_other(s: str, alias: str) -> bool:
    """Every occurrence of `alias` follows 其他: 其他商品和服务支出 (30299) is a residual line of its
    class, never the class 商品和服务支出 itself."""
    at = s.find(alias)
    while at >= 0:
        if s[max(0, at - 2) : at] != "其他":
            return False
        at = s.find(alias, at + 1)
    return True
