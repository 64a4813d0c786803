"""The reason-attachment ranker: candidates before the reason, the shipped model's choices."""

from __future__ import annotations

import pytest

from extract import extract_document
from extract.ingest import document_from_text
from extract.model import Models
from extract.pipeline import process
from extract.reason_model import attach_reasons, reason_candidates

HEAD = "某局2024年部门预算\n\n一、支出预算\n\n"


def _facts(body: str, models: Models | None = None):
    return process(document_from_text(HEAD + body + "\n"), models=models).facts


def test_candidates_are_the_facts_before_the_reason_nearest_first():
    facts = _facts("基本支出100.00万元，比上年增加10.00万元，增长11.11%，主要原因是新增人员3人。")
    reason = next(f for f in facts if f.kind == "reason")
    cands = reason_candidates(reason, facts[: facts.index(reason)])
    assert [c.surface.rstrip("万元%") for c in cands] == ["11.11", "10.00", "100.00"]  # the 3人 inside the reason is not one
    assert all(c.span[1] <= reason.span[0] for c in cands)


def test_a_reason_explains_the_change_not_the_amount():
    facts = _facts("人大会议预算1469.73万元，比上年增加164.48万元，增长12.6%，主要原因是增加了换届选举经费。")
    reason = next(f for f in facts if f.kind == "reason")
    target = next(f for f in facts if f.fact_id == reason.explains)
    assert target.kind == "change" and target.subject.startswith("人大会议") and reason.subject == target.subject


def test_a_reason_in_its_own_sentence_explains_the_previous_change():
    body = "一般公共预算收入预算1000.00万元，比上年增加100.00万元，增长11.11%。一般公共预算收入预算增加的主要原因是人员工资调整。"
    facts = _facts(body)
    reason = next(f for f in facts if f.kind == "reason")
    target = next(f for f in facts if f.fact_id == reason.explains)
    assert target.kind == "change" and target.subject.startswith("一般公共预算收入")


def test_without_a_model_the_rules_attachment_stays():
    facts = extract_document(HEAD + "基本支出100.00万元，比上年增加10.00万元，主要原因是新增人员。\n", is_text=True).facts
    assert attach_reasons(facts, None) == facts
    rules = _facts("基本支出100.00万元，比上年增加10.00万元，主要原因是新增人员。", Models())
    reason = next(f for f in rules if f.kind == "reason")
    assert next(f for f in rules if f.fact_id == reason.explains).kind == "change"


@pytest.mark.parametrize(
    "lead, direction",
    [
        ("财政拨款收入支出减少的主要原因是", "decrease"),
        ("公务用车购置及运行维护费高于预算数的主要原因是", "increase"),
        ("2022年度“三公”经费支出决算数小于年初预算数的主要原因是", "decrease"),
        ("较2020年度决算数减少157.86万元，下降29.2%，主要原因：", "decrease"),
        ("公务用车运行维护费支出预算24.50万元，与2020年预算持平，持平的原因主要是", "unchanged"),
        ("比上年预算增加164.48万元，主要原因", "increase"),
        ("这主要是", None),
    ],
)
def test_lead_direction(lead: str, direction: str | None) -> None:
    from extract.reason_model import lead_direction

    assert lead_direction(lead) == direction
