"""The subject ranker's candidates: the rules' subject and its token-edge neighbours in the sentence."""

from __future__ import annotations

import pytest

from extract.model import LinearModel, hash_feature
from extract.subjects import SubjectContext, candidates, choose_subject


def _ctx(sentence: str, number: str, rule: str, kind: str = "amount") -> SubjectContext:
    return SubjectContext(sentence=sentence, number_at=sentence.index(number), kind=kind, rule_subject=rule)


@pytest.mark.parametrize(
    ("sentence", "number", "rule", "wanted"),
    [
        ("“三公”经费一般公共预算安排13.3万元。", "13.3", "三公”经费一般公共预算安排", "三公”经费"),
        ("2025年预留给小型和微型企业的政府采购项目预算34.00万元。", "34.00", "政府采购项目预算", "预留给小型和微型企业的政府采购项目预算"),
        ("参公事业单位财政拨款1家。", "1", "参公事业单位财政拨款", "参公事业单位"),
    ],
)
def test_candidates_reach_trimmed_and_extended_subjects(sentence, number, rule, wanted):
    texts = {c.text for c in candidates(_ctx(sentence, number, rule))}
    assert rule in texts and wanted in texts


def test_an_inherited_subject_stays_a_candidate():
    cands = candidates(_ctx("较上年增加44.08万元。", "44.08", "基本支出", kind="change"))
    rule = [c for c in cands if c.is_rule]
    assert len(rule) == 1 and rule[0].text == "基本支出" and rule[0].start == -1


def test_candidates_never_cross_punctuation_edges():
    cands = candidates(_ctx("其中：工资福利支出430.37万元、商品和服务支出23.59万元。", "23.59", "商品和服务支出"))
    assert len(cands) > 1 and any(c.is_rule for c in cands)
    for c in cands:
        assert c.text[0] not in "，、：。" and c.text[-1] not in "，、：。"


def test_choose_without_model_is_none_and_a_model_decides():
    ctx = _ctx("“三公”经费一般公共预算安排13.3万元。", "13.3", "三公”经费一般公共预算安排")
    assert choose_subject(ctx, None) is None
    # a model that likes spans ending in 经费 picks the trimmed one
    m = LinearModel("subject", {hash_feature("e2=经费"): 5.0}, -1.0)
    text, p = choose_subject(ctx, m)
    assert text.endswith("经费") and p > 0.9
