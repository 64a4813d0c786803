"""The pipeline as a list of named stages over one Doc: order, switching stages off, the trace."""

from __future__ import annotations

import pytest

from extract.errors import StageOrderError
from extract.ingest import document_from_text
from extract.kind_model import KindInput, KindRanker
from extract.metric_model import MetricInput, MetricRanker, contexts
from extract.model import Models, shipped_model
from extract.pipeline import AFTER_PROSE, RANKERS, build_stages, layout_stage, new_doc, process, run_stages
from extract.reason_model import ReasonInput, ReasonRanker
from extract.records import Doc, Trace
from extract.subjects import SubjectContext

TEXT = (
    "某县医疗保障局2024年部门预算\n\n一、收入预算情况\n\n"
    "收入预算总额为271.33万元，较上年减少65.92万元，主要原因是人员减少。编制人数17人，车辆2辆。\n"
)


def test_the_stages_run_in_order_and_fill_the_doc():
    stages = build_stages(Models())
    assert [s.name for s in stages] == ["normalise", "layout", "facts", "metric", "reason", "confidence", "tables", "figures", "align", "checks"]
    doc = run_stages(new_doc(document_from_text(TEXT)), stages)
    assert doc.mapped is not None and doc.layout is not None and doc.blocks
    assert doc.department == "某县医疗保障局" and doc.year == 2024 and doc.doc_kind == "预算"
    assert "医疗保障局" in doc.dept_names
    assert [(f.kind, f.value) for f in doc.facts if f.kind != "reason"] == [("amount", 271.33), ("change", -65.92), ("headcount", 17.0), ("count", 2.0)]
    assert set(doc.seconds) == {s.name for s in stages}


@pytest.mark.parametrize("name", ["tables", "figures", "align", "checks", "metric", "reason", "confidence"])
def test_a_stage_is_switched_off_by_name(name):
    stages = build_stages(skip=(name,))
    assert name not in [s.name for s in stages]
    assert len(stages) == 9


def test_no_models_drops_the_rankers_and_equals_the_rules():
    raw = document_from_text(TEXT)
    names = [s.name for s in build_stages(skip=RANKERS)]
    assert not set(names) & set(RANKERS)
    assert "facts" in names
    dropped = process(raw, skip=RANKERS).facts
    rules = process(raw, models=Models(), calibrate_confidence=False).facts
    assert dropped and dropped == rules


def test_a_stage_before_its_input_is_a_clear_error():
    with pytest.raises(StageOrderError):
        layout_stage(Doc(doc_id="x", text="某局\n"))


def test_the_trace_records_what_the_in_loop_rankers_saw():
    raw = document_from_text(TEXT)
    trace = Trace()
    doc = run_stages(new_doc(raw, trace=trace), build_stages(Models(), skip=AFTER_PROSE))
    kinds = trace.of("kind")
    subjects = trace.of("subject")
    facts = [f for f in doc.facts if f.kind != "reason"]
    assert len(kinds) == len(facts) == 4
    assert {f.span[0] for f in facts} == set(kinds)  # keyed by the number's original offset
    assert all(isinstance(x, KindInput) for x in kinds.values())
    assert [x.rule_kind for x in kinds.values()] == ["amount", "change", "headcount", "count"]
    assert set(subjects) == {f.fact_id for f in facts}
    assert all(isinstance(x, SubjectContext) for x in subjects.values())
    # without a trace nothing is recorded and the facts are the same
    assert run_stages(new_doc(raw), build_stages(Models(), skip=AFTER_PROSE)).facts == doc.facts


def _rankers_and_inputs():
    facts = process(document_from_text(TEXT), models=Models()).facts
    reason_at = next(i for i, f in enumerate(facts) if f.kind == "reason")
    money = next(f for f in facts if f.kind == "amount")
    ctx = contexts(facts)[facts.index(money)]
    kind_x = KindInput(["category=money", "verb=", "l1=为"], "money", "amount")
    return [
        (KindRanker(shipped_model("kind")), kind_x),
        (MetricRanker(shipped_model("metric")), MetricInput(money, ctx)),
        (ReasonRanker(shipped_model("reason")), ReasonInput(facts[reason_at], facts, reason_at)),
    ]


def test_every_ranker_scores_its_candidates_by_its_features():
    # the shipped rankers (a ranker that does not beat the rules held out ships no model)
    pairs = [(r, x) for r, x in _rankers_and_inputs() if r.model is not None]
    assert pairs
    for ranker, x in pairs:
        cands = list(ranker.candidates(x))
        assert cands, ranker.name
        z = [ranker.model.score(ranker.features(x, cands, i)) for i in range(len(cands))]
        best, p = ranker.best(x)
        assert best == cands[max(range(len(cands)), key=lambda i: z[i])], ranker.name
        assert 0.0 < p < 1.0


def test_a_ranker_without_a_model_still_lists_candidates_for_training():
    r = KindRanker()
    x = KindInput(["category=money"], "money", "amount")
    assert list(r.candidates(x)) == ["amount", "change", "none"]
    assert r.features(x, r.candidates(x), 0)[0] == "k=amount"
    assert r.best(x) is None
    with pytest.raises(ValueError):
        r.scores(x)


def test_a_documents_records_do_not_depend_on_what_was_processed_before() -> None:
    """Caches keyed by text must never carry one document's reading into another's: the same
    documents processed in two orders in one process give the same records."""
    import json
    from pathlib import Path

    from extract.ingest import read_document

    root = Path(__file__).resolve().parent.parent
    paths = sorted((root / "corpus" / "wide").glob("[tuv]0[1-4]_*.txt"))[:6] + sorted((root / "tests" / "data" / "corpus").glob("*.txt"))[:2]

    def records(p: Path) -> str:
        r = process(read_document(p))
        return json.dumps([[f.to_dict() for f in r.facts], [f.to_dict() for f in r.findings], [c.to_dict() for c in r.cells]], ensure_ascii=False, sort_keys=True)

    forward = {p.name: records(p) for p in paths}
    backward = {p.name: records(p) for p in reversed(paths)}
    assert forward == backward
