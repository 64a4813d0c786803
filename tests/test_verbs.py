"""Change verbs: the sign, direction and baseline of a change, with the verb before or after the
amount, read through the public API (the whole pipeline, models included)."""

from __future__ import annotations

import pytest

import extract
from extract.resources import change_verbs
from extract.verbs import direction_of, lead_verb, stated_directions

# (sentence, subject, value, unit, direction, baseline) of the one change it states
CHANGES = [
    # verb first: the item after the verb
    ("调减外事经费200.00万元。", "外事经费", -200.0, "万元", "decrease", None),
    ("减少了外事经费200.00万元。", "外事经费", -200.0, "万元", "decrease", None),
    ("压减会议费20万元。", "会议费", -20.0, "万元", "decrease", None),
    ("核减印刷费3.5万元。", "印刷费", -3.5, "万元", "decrease", None),
    ("缩减差旅费12万元。", "差旅费", -12.0, "万元", "decrease", None),
    ("下调公务接待费1.2万元。", "公务接待费", -1.2, "万元", "decrease", None),
    ("减支项目经费30万元。", "项目经费", -30.0, "万元", "decrease", None),
    ("节约办公经费8万元。", "办公经费", -8.0, "万元", "decrease", None),
    ("增加外事经费200万元。", "外事经费", 200.0, "万元", "increase", None),
    ("增加了人员经费30万元。", "人员经费", 30.0, "万元", "increase", None),
    ("调增培训费5万元。", "培训费", 5.0, "万元", "increase", None),
    ("增支人员经费15万元。", "人员经费", 15.0, "万元", "increase", None),
    ("追加专项经费50万元。", "专项经费", 50.0, "万元", "increase", None),
    ("上调公务用车运行维护费2万元。", "公务用车运行维护费", 2.0, "万元", "increase", None),
    # verb first after the comparison: the baseline is what comes before the verb
    ("比上年减少了外事经费200万元。", "外事经费", -200.0, "万元", "decrease", "上年"),
    ("与上年相比，减少外事经费200万元。", "外事经费", -200.0, "万元", "decrease", "上年"),
    ("较上年预算安排减少会议费20万元。", "会议费", -20.0, "万元", "decrease", "上年预算"),
    ("较上年调增培训费5万元。", "培训费", 5.0, "万元", "increase", "上年"),
    ("比上年压减会议费10%。", "会议费", -10.0, "%", "decrease", "上年"),
    # verb after the item, right before the amount
    ("外事经费调减200.00万元。", "外事经费", -200.0, "万元", "decrease", None),
    ("外事经费下调1.2万元。", "外事经费", -1.2, "万元", "decrease", None),
    ("项目支出减支30万元。", "项目支出", -30.0, "万元", "decrease", None),
    ("人员经费增支15万元。", "人员经费", 15.0, "万元", "increase", None),
    ("会议费调增5万元。", "会议费", 5.0, "万元", "increase", None),
    ("会议费超支20万元。", "会议费", 20.0, "万元", "increase", None),
    ("会议费压缩10%。", "会议费", -10.0, "%", "decrease", None),
    ("会议费压减10%。", "会议费", -10.0, "%", "decrease", None),
    ("会议费同比下降5%。", "会议费", -5.0, "%", "decrease", "上年同期"),
    ("会议费同比增长8%。", "会议费", 8.0, "%", "increase", "上年同期"),
    ("会议费比上年增长10.5%。", "会议费", 10.5, "%", "increase", "上年"),
    ("会议费较上年上涨5%。", "会议费", 5.0, "%", "increase", "上年"),
    ("会议费较上年提高5%。", "会议费", 5.0, "%", "increase", "上年"),
    ("会议费较上年预算增长20万元。", "会议费", 20.0, "万元", "increase", "上年预算"),
    ("会议费较上年下降20万元。", "会议费", -20.0, "万元", "decrease", "上年"),
    ("会议费较上年降低20万元。", "会议费", -20.0, "万元", "decrease", "上年"),
    ("会议费较上年减少20万元。", "会议费", -20.0, "万元", "decrease", "上年"),
    ("会议费较上年节约20万元。", "会议费", -20.0, "万元", "decrease", "上年"),
    ("会议费较上年核减3万元。", "会议费", -3.0, "万元", "decrease", "上年"),
    ("会议费比上年预算缩减3万元。", "会议费", -3.0, "万元", "decrease", "上年预算"),
    ("会议费较上年增加了20万元。", "会议费", 20.0, "万元", "increase", "上年"),
    ("会议费较上年减少了20万元。", "会议费", -20.0, "万元", "decrease", "上年"),
    ("会议费比上年增长了5万元。", "会议费", 5.0, "万元", "increase", "上年"),
    ("会议费较2023年预算数减少20万元。", "会议费", -20.0, "万元", "decrease", "2023年预算"),
    ("会议费比上年增加（减少）-3万元。", "会议费", -3.0, "万元", "decrease", "上年"),  # the sign is the number's own
    # no change
    ("会议费较上年减少0万元。", "会议费", 0.0, "万元", "unchanged", "上年"),
    ("会议费与上年持平。", "会议费", 0.0, None, "unchanged", "上年"),
    ("会议费较上年无增减。", "会议费", 0.0, None, "unchanged", "上年"),
    ("会议费与上年预算保持一致。", "会议费", 0.0, None, "unchanged", "上年预算"),
]


@pytest.mark.parametrize(("sentence", "subject", "value", "unit", "direction", "baseline"), CHANGES, ids=[c[0] for c in CHANGES])
def test_change_sign_direction_and_baseline(sentence, subject, value, unit, direction, baseline):
    facts = [f for f in extract.extract_document(sentence + "\n", is_text=True).facts if f.kind != "reason"]
    assert [(f.kind, f.subject, f.value, f.unit, f.direction, f.baseline) for f in facts] == [("change", subject, value, unit, direction, baseline)]


def test_amount_then_change_then_rate_keep_their_own_signs():
    facts = extract.extract_document("会议费200万元，比上年减少20万元，下降9.09%。\n", is_text=True).facts
    assert [(f.kind, f.subject, f.value, f.direction, f.baseline) for f in facts] == [
        ("amount", "会议费", 200.0, None, None), ("change", "会议费", -20.0, "decrease", "上年"), ("change", "会议费", -9.09, "decrease", "上年")]


@pytest.mark.parametrize(
    ("verb", "direction"),
    [("调减", "decrease"), ("减少了", "decrease"), ("压减", "decrease"), ("减支", "decrease"), ("调增", "increase"), ("增支", "increase"),
     ("增加了", "increase"), ("持平", "unchanged"), ("无增减", "unchanged"), ("增加（减少）", "mixed"), ("安排", None)],
)
def test_direction_comes_from_the_lexicon(verb, direction):
    assert direction_of(verb) == direction


@pytest.mark.parametrize(
    ("subject", "item", "direction"),
    [("调减外事经费", "外事经费", "decrease"), ("减少了外事经费", "外事经费", "decrease"), ("比上年减少了外事经费", "外事经费", "decrease"),
     ("增加外事经费", "外事经费", "increase"), ("外事经费", None, None), ("增长率", None, None)],
)
def test_lead_verb(subject, item, direction):
    lead = lead_verb(subject)
    assert (subject[lead.end :] if lead else None, lead.direction if lead else None) == (item, direction)


@pytest.mark.parametrize(
    ("text", "up", "down"),
    [("人员经费政策性调增", True, False), ("运转类经费压减10%", False, True), ("本着厉行节约，压缩费用开支", False, True),
     ("增减相抵后减少", False, True), ("新增人员", True, False), ("机构改革", False, False)],
)
def test_stated_directions(text, up, down):
    assert stated_directions(text) == (up, down)


def test_every_lead_verb_has_a_sign_and_no_verb_has_two():
    v = change_verbs()
    assert v.lead and all(direction_of(w) in ("increase", "decrease") for w in v.lead)
    assert not set(v.increase) & set(v.decrease)
