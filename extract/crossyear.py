"""Follow a department across years: link each document to the same department's document of the
previous year in the batch, and check this year's 上年 figures against what last year's said.

A 2025 budget states 较上年预算增加X万元 beside its 2025 figure, so it implies the 2024 figure; the
2024 budget of the same department states that figure itself. Two documents of one department
and consecutive years in one batch must agree on it (`year_over_year_mismatch`). Only 预算 is
compared with 预算 and 决算 with 决算, and a baseline that names another figure (上年执行数,
上年决算数 in a 预算 document) is not compared with last year's budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .align import MONEY
from .figures import prose_figure_type
from .records import DocumentRecord, Fact, Finding

_SPACE = re.compile(r"\s+")
_PARTY = re.compile(r"^中共|^中国共产党")
#: baselines that name another figure than last year's budget (预算) or 决算 (决算)
_OTHER_FIGURE = {"预算": re.compile(r"执行|决算|实际"), "决算": re.compile(r"预算")}


def department_key(name: str | None) -> str | None:
    """A department's name as a join key: spaces and a leading 中共 dropped, 办事处 as 办."""
    if not name:
        return None
    key = _PARTY.sub("", _SPACE.sub("", name))
    return key.replace("办事处", "办") or None


@dataclass(frozen=True, slots=True)
class Figure:
    """One money figure a document states for a metric, in 元: its own year's (`stated`) or the
    previous year's implied by an amount and its change (`implied_prior`)."""

    fact_ids: tuple[str, ...]
    metric: str
    subject: str
    yuan: float
    step: float  # half the last printed digit, in 元
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class YearFigures:
    """What the cross-year check keeps of one document (small, so a batch of 10⁵ fits in memory)."""

    doc_id: str
    path: str
    key: str
    year: int
    doc_kind: str
    stated: tuple[Figure, ...]
    implied_prior: tuple[Figure, ...]


def _half_step(f: Fact) -> float:
    m = re.search(r"\.(\d+)", f.surface or str(f.value))
    return 0.5 * 10 ** (-(len(m.group(1)) if m else 0)) * MONEY[f.unit or "元"]


def _names_last_year(baseline: str | None, year: int) -> bool:
    return bool(baseline) and ("上年" in baseline or "去年" in baseline or f"{year - 1}年" in baseline)  # type: ignore[operator]


def year_figures(doc: DocumentRecord, text: str, facts: Sequence[Fact]) -> YearFigures | None:
    """The figures of one document worth comparing across years, or None if it cannot be linked."""
    key = department_key(doc.department)
    if doc.status != "ok" or not key or not doc.year or doc.doc_kind not in ("预算", "决算"):
        return None
    stated: list[Figure] = []
    prior: list[Figure] = []
    amounts = [f for f in facts if f.kind == "amount" and f.unit in MONEY and f.value is not None and f.metric]
    typed = any(f.figure_type for f in amounts)  # the figures stage ran: its types stand
    ftype = {f.fact_id: f.figure_type if typed else prose_figure_type(text, f.span[0], kind="amount", doc_kind=doc.doc_kind, doc_year=doc.year) for f in amounts}
    for a in amounts:
        if ftype[a.fact_id] == "上年":
            prior.append(Figure((a.fact_id,), a.metric, a.subject, a.value * MONEY[a.unit], _half_step(a), a.span))  # type: ignore[operator, arg-type]
        elif ftype[a.fact_id] in (None, "预算数", "决算数", "年初预算"):
            stated.append(Figure((a.fact_id,), a.metric, a.subject, a.value * MONEY[a.unit], _half_step(a), a.span))  # type: ignore[operator, arg-type]
    by_sentence: dict[str, list[Fact]] = {}
    for f in facts:
        by_sentence.setdefault(f.sentence, []).append(f)
    other = _OTHER_FIGURE[doc.doc_kind]
    for c in facts:
        if c.kind != "change" or c.unit not in MONEY or c.value is None or not _names_last_year(c.baseline, doc.year) or other.search(c.baseline or ""):
            continue
        a = next((x for x in reversed(by_sentence.get(c.sentence, [])) if x in amounts and x.span[0] < c.span[0] and x.subject == c.subject and ftype[x.fact_id] != "上年"), None)
        if a is None or a.unit != c.unit:
            continue
        value = (a.value - c.value) * MONEY[a.unit]  # type: ignore[operator, index]
        prior.append(Figure((a.fact_id, c.fact_id), a.metric, a.subject, value, _half_step(a) + _half_step(c), c.span))  # type: ignore[arg-type]
    return YearFigures(doc.doc_id, doc.path, key, doc.year, doc.doc_kind, tuple(stated), tuple(prior))


def figures_to_dict(y: YearFigures) -> dict:
    """Plain JSON for a batch's part files (the parent links documents after the workers ran)."""
    return {
        "doc_id": y.doc_id, "path": y.path, "key": y.key, "year": y.year, "doc_kind": y.doc_kind,
        "stated": [[list(f.fact_ids), f.metric, f.subject, f.yuan, f.step, list(f.span)] for f in y.stated],
        "implied_prior": [[list(f.fact_ids), f.metric, f.subject, f.yuan, f.step, list(f.span)] for f in y.implied_prior],
    }


def figures_from_dict(d: dict) -> YearFigures:
    """The inverse of `figures_to_dict`."""

    def figs(rows: list) -> tuple[Figure, ...]:
        return tuple(Figure(tuple(ids), metric, subject, float(yuan), float(step), (int(span[0]), int(span[1]))) for ids, metric, subject, yuan, step, span in rows)

    return YearFigures(d["doc_id"], d["path"], d["key"], int(d["year"]), d["doc_kind"], figs(d["stated"]), figs(d["implied_prior"]))


def link_years(docs: Iterable[YearFigures]) -> dict[str, YearFigures]:
    """doc_id → the same department's document of the previous year (same 预算/决算 kind)."""
    index: dict[tuple[str, str, int], YearFigures] = {}
    docs = list(docs)
    for d in docs:
        index.setdefault((d.key, d.doc_kind, d.year), d)
    return {d.doc_id: prev for d in docs if (prev := index.get((d.key, d.doc_kind, d.year - 1))) is not None}


def _fmt(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def year_over_year(current: YearFigures, previous: YearFigures) -> list[Finding]:
    """This year's statements about last year against last year's own: one finding per metric
    whose figures differ by more than their printed precision."""
    out: list[Finding] = []
    last = {}
    for f in previous.stated:
        last.setdefault(f.metric, []).append(f)
    seen: set[str] = set()
    for p in current.implied_prior:
        cands = last.get(p.metric, [])
        same = [f for f in cands if f.subject == p.subject] or cands
        if len(same) != 1 or p.metric in seen:
            continue  # no figure, or several (this metric is stated for several items): cannot tell which
        f = same[0]
        if abs(f.yuan - p.yuan) > f.step + p.step + 1e-6:
            seen.add(p.metric)
            out.append(
                Finding(
                    doc_id=current.doc_id,
                    check="year_over_year_mismatch",
                    severity="warning",
                    message=f"“{p.subject}”上年为{_fmt(p.yuan / 1e4)}万元（据本文件），{previous.year}年文件（{previous.path}）中为{_fmt(f.yuan / 1e4)}万元",
                    fact_ids=list(p.fact_ids),
                    span=p.span,
                )
            )
    return out
