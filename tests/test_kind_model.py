"""The kind ranker: candidates the unit allows plus "none"; the shipped model on real phrasings."""

from __future__ import annotations

import pytest

from extract.ingest import document_from_text
from extract.kind_model import NONE, candidates_for
from extract.model import Models, shipped_model
from extract.pipeline import process

HEAD = "某局2024年部门预算\n\n一、预算情况说明\n\n"


@pytest.mark.parametrize(
    ("category", "kinds"),
    [("money", ("amount", "change", NONE)), ("percent", ("percent", "change", NONE)), ("people", ("headcount", "change", NONE)), ("count", ("count", "change", NONE))],
)
def test_candidates_follow_the_unit(category, kinds):
    assert candidates_for(category) == kinds


@pytest.mark.parametrize(
    ("body", "kinds"),
    [
        ("2024年收入预算总额为271.33万元，较上年减少65.92万元，下降19.55%。", ["amount", "change", "change"]),
        ("本单位编制人数17人，其中行政编制4人。", ["headcount", "headcount"]),
        ("一般公共预算拨款收入200.00万元，占收入预算总额的73.71%。", ["amount", "percent"]),
        ("2024年部门预算安排购置车辆1辆。", ["count"]),
        ("增加外事经费200.00万元。", ["change"]),
    ],
)
def test_shipped_model_agrees_with_clear_phrasings(body, kinds):
    # with the kind model when it ships, with the rules' kinds when it does not beat them held out
    facts = process(document_from_text(HEAD + body + "\n")).facts
    assert [f.kind for f in facts if f.kind != "reason"] == kinds


def test_without_a_model_the_rules_decide():
    body = "2024年收入预算总额为271.33万元，较上年减少65.92万元。"
    rules = process(document_from_text(HEAD + body + "\n"), models=Models()).facts
    assert [f.kind for f in rules] == ["amount", "change"]


def test_fast_scoring_equals_scoring_the_feature_strings():
    import math

    from extract.kind_model import choose_kind, kind_features

    base = ["category=money", "verb=increase", "l1=加", "lb=增加", "sec=收入", "r1=，", "mag=2"]
    model = shipped_model("kind")
    if model is None:  # not shipped (it must beat the rules held out): score with fixed made-up weights
        from extract.model import LinearModel, hash_feature

        feats = {t for k in candidates_for("money") for r in ("amount", "change") for t in kind_features(base, k, r)}
        model = LinearModel("kind", {hash_feature(t): ((i * 37) % 11 - 5) / 7 for i, t in enumerate(sorted(feats))}, 0.1)
    for rule_kind in ("amount", "change"):
        best, p = choose_kind(base, "money", rule_kind, model)
        z = {k: model.score(kind_features(base, k, rule_kind)) for k in candidates_for("money")}
        assert best == max(z, key=z.get)
        assert math.isclose(p, 1 / (1 + math.exp(-z[best])), rel_tol=1e-9)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("增加外事经费200.00万元。", [("change", "外事经费", 200.0)]),
        ("2024年收入预算总额为271.33万元，较上年减少65.92万元。", [("amount", "收入预算总额", 271.33), ("change", "收入预算总额", -65.92)]),
    ],
)
def test_subjects_follow_the_chosen_kind(body, expected):
    facts = process(document_from_text(HEAD + body + "\n")).facts
    assert [(f.kind, f.subject, f.value) for f in facts if f.kind != "reason"] == expected
