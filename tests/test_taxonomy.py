"""taxonomy.metric_for against the plain scan it replaced (every alias, longest first).

The indexed matcher must name exactly the metric the scan named, for every subject: the
subjects annotated in the gold, every clause of the dev and wide corpora, and random strings
built from alias pieces, 其他 (a residual line) and 收入/收支 (both sides of a fund named).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.resources import figure_suffixes, metrics
from extract.taxonomy import metric_for, norm_label

ROOT = Path(__file__).resolve().parent.parent
KINDS = (None, "amount", "change", "headcount", "count", "percent")


@cache
def _by_len() -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {}
    for m in metrics():
        for a in m.aliases:
            exact.setdefault(norm_label(a), m.id)
    return exact, sorted(exact.items(), key=lambda kv: -len(kv[0]))


def _reference(subject: str, kind: str | None = None) -> str | None:
    """metric_for as it was: a scan over every alias, longest first."""
    if not subject:
        return None
    exact, by_len = _by_len()
    s = norm_label(subject)
    if s in exact:
        return exact[s]
    for word in sorted(figure_suffixes(), key=len, reverse=True):
        at = s.find(word, 1)
        mid = exact.get(s[:at] + s[at + len(word) :]) if at > 0 else None
        if mid is not None and not (
            kind == "headcount" and not mid.startswith("staff.")
            or kind == "count" and not mid.startswith("count.")
            or kind in ("amount", "change") and (mid.startswith("staff.") or mid.startswith("count."))
        ):
            return mid
    if "的" in s[:-1] and not any(len(alias) >= 2 and "的" in alias and alias in s for alias, _ in by_len):
        head = s[s.rindex("的") + 1 :]
        if len(head) >= 2 and (mid := _reference(head, kind)) is not None:
            return mid
    for alias, mid in by_len:
        if len(alias) >= 2 and alias in s and not _only_as_other(s, alias):
            if kind in ("headcount",) and not mid.startswith("staff."):
                continue
            if kind == "count" and not mid.startswith("count."):
                continue
            if kind in ("amount", "change") and (mid.startswith("staff.") or mid.startswith("count.")):
                continue
            if mid.startswith("income."):
                head = _spending_after(s, s.find(alias) + len(alias), by_len)
                if head is not None:
                    return head
            return mid
    return None


def _spending_after(s: str, end: int, by_len: list[tuple[str, str]]) -> str | None:
    rest = s[end:]
    if "收入" in rest or "收支" in rest:
        return None
    return (
        next(
            (
                mid
                for alias, mid in by_len
                if len(alias) >= 2 and mid.startswith("exp.") and alias in rest and not _only_as_other(rest, alias)
            ),
            None,
        )
        if rest
        else None
    )


def _only_as_other(s: str, alias: str) -> bool:
    at = s.find(alias)
    while at >= 0:
        if s[max(0, at - 2) : at] != "其他":
            return False
        at = s.find(alias, at + 1)
    return True


def _gold_subjects() -> list[str]:
    out: set[str] = set()
    for p in (ROOT / "annotations").rglob("*.jsonl"):
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                subject = json.loads(line).get("subject")
                if isinstance(subject, str):
                    out.add(subject)
    return sorted(out)


def _corpus_clauses() -> list[str]:
    files = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "wide").glob("*.txt"))
    out: set[str] = set()
    for p in files:
        for line in p.read_text(encoding="utf-8").splitlines():
            out.update(c for c in re.split(r"[，。；：、,;:！？\s]+", line) if 2 <= len(c) <= 40)
    return sorted(out)


def test_same_metric_for_gold_subjects() -> None:
    subjects = _gold_subjects()
    assert len(subjects) > 500
    diff = [(s, k) for s in subjects for k in KINDS if metric_for(s, kind=k) != _reference(s, k)]
    assert diff == []


@pytest.mark.parametrize("kind", KINDS)
def test_same_metric_for_corpus_clauses(kind: str | None) -> None:
    clauses = _corpus_clauses()
    assert len(clauses) > 10000
    diff = [s for s in clauses if metric_for(s, kind=kind) != _reference(s, kind)]
    assert diff == []


def _pieces() -> list[str]:
    aliases = [a for m in metrics() for a in m.aliases]
    cut = [a[i:j] for a in aliases for i, j in ((0, len(a) // 2), (len(a) // 2, len(a)))]
    return sorted(set(aliases) | set(cut) | {"其他", "收入", "收支", "（", "）", " ", "“", "的", "预算", "支出", "项目"})


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), max_size=6), st.sampled_from(KINDS))
def test_same_metric_for_alias_pieces(parts: list[str], kind: str | None) -> None:
    s = "".join(parts)
    assert metric_for(s, kind=kind) == _reference(s, kind)


@settings(max_examples=1000, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(sorted({c for m in metrics() for a in m.aliases for c in a} | set("其他收入支 "))), max_size=30),
    st.sampled_from(KINDS),
)
def test_same_metric_for_random_text(s: str, kind: str | None) -> None:
    assert metric_for(s, kind=kind) == _reference(s, kind)


@pytest.mark.parametrize(
    ("subject", "kind", "metric"),
    [
        ("教育支出预算", "amount", "func.205"),  # ties with 支出预算 (the whole) on alias length
        ("教育支出决算数", "change", "func.205"),
        ("外交支出预算", "amount", "func.202"),
        ("支出预算", "amount", "exp.total"),  # the whole itself is still the whole
        ("收入预算", "amount", "income.total"),
        ("项目支出预算", "amount", "exp.project"),
        ("“三公”经费决算", "amount", "sangong.total"),
        ("“三公”经费决算", "headcount", None),  # a figure word does not make a count of money
        ("收入决算总计", "amount", "income.total"),  # the figure word inside the alias 收入总计
        ("支出决算总计", "amount", "exp.total"),
        ("本年收入决算合计", "amount", "income.total"),
        ("收入、支出决算总计", "amount", "income.total"),
        ("由单位事业收入安排的三公经费", "change", "sangong.total"),  # the head after 的
        ("对个人和家庭的补助支出", "amount", "exp.econ.303"),  # an alias spanning the 的
  # a whole of both sides takes the 收入 id (spending_side)
    ],
)
def test_figure_suffix_names_the_item(subject: str, kind: str, metric: str | None) -> None:
    assert metric_for(subject, kind=kind) == metric


def test_equal_aliases_of_one_metric_do_not_depend_on_set_order() -> None:
    """专项项目 and 项目支出 are both exp.project aliases of 4 characters: the candidate is the one at
    the phrase's head, the same in every process (it once followed the string-hash order)."""
    from extract.metric_model import metric_candidates

    cands = {c.metric: c for c in metric_candidates("专项项目支出")}
    assert (cands["exp.project"].alias, cands["exp.project"].match) == ("项目支出", "suffix")
    # a label that is an alias but for its figure word is an exact candidate
    assert (cands := {c.metric: c for c in metric_candidates("收入决算总计")})["income.total"].match == "exact"
