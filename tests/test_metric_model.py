"""The metric ranker: taxonomy candidates, context-aware choices, scoring per metric."""

from __future__ import annotations

import pytest

from extract.evaluate import MetricScore, score_metrics
from extract.ingest import document_from_text
from extract.metric_model import NONE, assign_metrics, metric_candidates
from extract.model import Models
from extract.pipeline import process

HEAD = "某局2024年部门预算\n\n一、预算情况说明\n\n"


def _facts(body: str, models: Models | None = None):
    return process(document_from_text(HEAD + body + "\n"), models=models).facts


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("工资福利支出", {("exp.econ.301", "exact")}),
        ("三公经费财政拨款安排", {("sangong.total", "prefix"), ("income.fiscal", "inside")}),
        ("一般公共预算财政拨款收入", {("income.general_budget", "exact")}),
        ("其他社会保障和就业支出", {("func.208", "suffix")}),
    ],
)
def test_candidates_name_every_alias_match(subject, expected):
    cands = metric_candidates(subject)
    assert cands[0].metric == NONE
    assert expected <= {(c.metric, c.match) for c in cands}


def test_no_alias_means_only_none():
    assert [c.metric for c in metric_candidates("医保基金专项稽核经费")] == [NONE]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("2024年收入预算总额为271.33万元，较上年减少65.92万元。", [("收入预算总额", "income.total"), ("收入预算总额", "income.total")]),
        # a breakdown listed under 基本支出 is not the department's 工资福利支出
        ("基本支出453.98万元，其中：工资福利支出430.37万元、商品和服务支出23.59万元。", [("基本支出", "exp.basic"), ("工资福利支出", None), ("商品和服务支出", None)]),
        # the 类 is a function class; a 项 under it is not
        ("社会保障和就业支出（类）500.00万元；其他社会保障和就业支出（项）100.00万元。", [("社会保障和就业支出", "func.208"), ("其他社会保障和就业支出", None)]),
        # planned purchases are not the fleet
        ("2024年部门预算安排购置车辆1辆，单位现有一般公务用车2辆。", [("购置车辆", "count.vehicles_planned"), ("一般公务用车", "count.vehicles_official")]),
        ("本单位编制人数17人，其中行政编制4人，事业编制13人。", [("编制人数", "staff.authorized"), ("行政编制", "staff.authorized_admin"), ("事业编制", "staff.authorized_institution")]),
    ],
)
def test_a_trained_ranker_picks_metrics_in_context(body, expected, trained_ranker):
    # the ranker ships only while it beats the alias matcher by family (`make train`); what it
    # learns from the annotations is tested whether or not it ships
    got = [(f.subject, f.metric) for f in _facts(body, Models(metric=trained_ranker)) if f.kind != "reason"]
    assert got == expected


@pytest.fixture(scope="module")
def trained_ranker():
    """The metric ranker fitted on the dev corpus's annotations (one fit, no folds: seconds)."""
    from training import metric as metric_training
    from training.ranker import fit_rows, prose_doc, rows
    from training.train import ROOT, load_examples

    docs = load_examples([(ROOT / "tests" / "data" / "corpus", ROOT / "annotations" / "facts")])
    examples = [e for d in docs for e in metric_training.examples_for(d.name, prose_doc(d.raw, Models()).facts, d.gold)]
    X, y, _, _ = rows(examples, metric_training.candidates)
    return fit_rows(X, y, "metric", metric_training.C)


def test_without_a_model_the_alias_matcher_stays():
    body = "基本支出453.98万元，其中：工资福利支出430.37万元。"
    rules = _facts(body, Models())
    assert [f.metric for f in rules] == ["exp.basic", "exp.econ.301"]
    assert assign_metrics(rules, None) == rules


def test_a_reason_takes_the_metric_of_what_it_explains():
    facts = _facts("“三公”经费预算12.5万元，比上年减少2万元，主要原因是压减公务接待。")
    reason = next(f for f in facts if f.kind == "reason")
    target = next(f for f in facts if f.fact_id == reason.explains)
    assert reason.metric == target.metric == "sangong.total"


def test_metric_score_counts_confusions_and_missed_gold(trained_ranker):
    text = HEAD + "基本支出453.98万元，其中：工资福利支出430.37万元。\n"
    facts = process(document_from_text(text), models=Models(metric=trained_ranker)).facts  # the breakdown: none
    a = text.index("453.98")
    b = text.index("430.37")
    gold = [
        {"kind": "amount", "start": a, "end": a + 6, "metric": "exp.basic", "metric_review": ["t"]},
        {"kind": "amount", "start": b, "end": b + 6, "metric": "exp.econ.301", "metric_review": ["t"]},
        {"kind": "amount", "start": 0, "end": 1, "metric": "exp.project", "metric_review": ["t"]},  # never found
    ]
    s = MetricScore()
    score_metrics(facts, gold, s)
    assert s.n == 2 and s.right == 1
    assert s.confusion[("exp.econ.301", "none")] == 1
    assert s.per["exp.project"].n_gold == 1 and s.per["exp.project"].recall == 0.0
    assert s.as_dict()["confusions"][0] == {"gold": "exp.econ.301", "predicted": "none", "n": 1}
    assert "exp.basic" in s.render()


@pytest.mark.parametrize(
    ("subject", "metric"),
    [
        ("商品和服务支出", "exp.econ.302"),
        ("预算总收入", "income.total"),  # 总收入 / 总支出 are the document's totals
        ("总支出", "exp.total"),
        ("其他商品和服务支出", None),  # 30299, a residual line of the class, never the class itself
        ("公务用车运行维护及购置费支出预算", "sangong.vehicle"),  # both parts, named in the other order
        ("公务用车购置及运行维护费", "sangong.vehicle"),
        ("车辆运行费", "sangong.vehicle_operation"),
        ("公车运行维护费", "sangong.vehicle_operation"),
        ("公务车购置及运行维护费支出决算", "sangong.vehicle"),  # 公务车 for 公务用车 (k04, l09's tables say 公务用车)
    ],
)
def test_rules_metric_of_subject(subject: str, metric: str | None):
    from extract.taxonomy import metric_for

    assert metric_for(subject, kind="amount") == metric
