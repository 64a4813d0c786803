"""Train the subject ranker (`extract.subjects`) from annotations/facts.

Every prose number the rules turn into a fact that a gold fact of the same kind overlaps gives a
ranking example: its candidate spans, labelled 1 when the cleaned candidate matches the gold
subject. Numbers whose gold subject no candidate reaches teach nothing and are skipped (counted
as `unreachable`). A binary logistic regression scores candidates; the best one wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extract.evaluate import subjects_match
from extract.facts import clean_subject
from extract.model import LinearModel
from extract.records import Fact
from extract.subjects import SubjectContext, SubjectRanker
from training import ranker

C = 0.3
RANKER = SubjectRanker()  # candidates and features only: fitting happens here


@dataclass
class Example:
    """One ranking decision and its gold answer, from one document (folds leave documents out)."""
    doc: str
    ctx: SubjectContext
    dept_names: tuple[str, ...]
    gold_subject: str


def examples_for(doc: str, facts: list[Fact], record: dict[str, SubjectContext], dept: tuple[str, ...], gold: list[dict]) -> list[Example]:
    """Ranking examples from one document's rules-only facts and what the ranker saw of each."""
    out = []
    for f in facts:
        ctx = record.get(f.fact_id)
        if ctx is None:
            continue
        g = next((g for g in gold if g["kind"] == f.kind and g["start"] < f.span[1] and f.span[0] < g["end"]), None)
        if g is not None and g.get("subject"):
            out.append(Example(doc, ctx, dept, g["subject"]))
    return out


def _candidates(ex: Example) -> list[tuple[list[str], int]]:
    cands = RANKER.candidates(ex.ctx)
    return [(RANKER.features(ex.ctx, cands, i), int(subjects_match(clean_subject(k.text, ex.dept_names), ex.gold_subject))) for i, k in enumerate(cands)]


def fit_folds(examples: list[Example], group_of: Callable[[str], str] | None = None) -> tuple[LinearModel, dict[str, LinearModel], int]:
    """The model on everything, one model per left-out document (or family, see `ranker.fit_folds`), and the unreachable count."""
    return ranker.fit_folds(examples, _candidates, "subject", C, group_of)
