"""The evaluator scores every document that has a findings gold file, even one whose facts gold is
empty, and `only` restricts scoring to a held-out part of a corpus by file-name prefix."""

from __future__ import annotations

import json

import pytest

from extract.errors import UsageError
from extract.evaluate import evaluate_all

TEXT = "某县财政局2024年部门预算\n一、收入预算\n2024年收入预算总额为120.00万元，比上年增加20.00万元。\n"


def _corpus(tmp_path):
    corpus, ann = tmp_path / "corpus", tmp_path / "ann"
    corpus.mkdir()
    for sub in ("facts", "findings"):
        (ann / sub).mkdir(parents=True)
    for name in ("a1.txt", "c1.txt"):
        (corpus / name).write_text(TEXT, encoding="utf-8")
        (ann / "facts" / f"{name}.jsonl").write_text("", encoding="utf-8")  # empty facts gold
        gold = {"check": "missing_explanation", "severity": "info", "message": "收入预算总额增加20.00万元，未说明原因", "start": 30, "end": 40}
        (ann / "findings" / f"{name}.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    return corpus, ann


def test_documents_with_only_findings_gold_are_scored(tmp_path):
    corpus, ann = _corpus(tmp_path)
    res = evaluate_all(corpus, ann)
    assert res["documents"] == ["a1.txt", "c1.txt"]
    assert res["findings"]["all"]["n_gold"] == 2
    assert res["facts"]["found"]["all"]["n_gold"] == 0  # no facts gold: facts are not scored


@pytest.mark.parametrize(("only", "docs"), [(("a",), ["a1.txt"]), (("c",), ["c1.txt"]), (("a", "c"), ["a1.txt", "c1.txt"])])
def test_only_keeps_documents_by_prefix(tmp_path, only, docs):
    corpus, ann = _corpus(tmp_path)
    res = evaluate_all(corpus, ann, only=only)
    assert res["documents"] == docs
    assert res["findings"]["all"]["n_gold"] == len(docs)


def test_only_matching_nothing_is_a_usage_error(tmp_path):
    corpus, ann = _corpus(tmp_path)
    with pytest.raises(UsageError, match="starting with z"):
        evaluate_all(corpus, ann, only=("z",))


@pytest.mark.parametrize(
    "a, b",
    [("“三公”經(jīng)費(fèi)支出", "三公經費支出"), ("實有人數(shù)", "實有人数"), ("國內(nèi)公務接待", "国内公务接待")],
)
def test_subjects_compare_without_ruby_pinyin_or_traditional_forms(a: str, b: str) -> None:
    from extract.evaluate import norm_subject

    assert norm_subject(a) == norm_subject(b)


def test_a_document_without_a_findings_file_is_not_scored_for_findings(tmp_path):
    """Facts gold alone says nothing about findings: the document's findings are neither right nor
    false (an empty findings file, by contrast, says the document is clean)."""
    corpus, ann = _corpus(tmp_path)
    (corpus / "p1.txt").write_text(TEXT, encoding="utf-8")
    gold = {"doc": "p1.txt", "line": 3, "start": 30, "end": 36, "surface": "120.00", "kind": "amount", "subject": "收入预算总额",
            "value": 120.0, "unit": "万元", "direction": None, "baseline": None, "text": None, "explains": None, "review": ["pass1"]}
    (ann / "facts" / "p1.txt.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    res = evaluate_all(corpus, ann)
    assert res["documents"] == ["a1.txt", "c1.txt", "p1.txt"]
    assert res["findings"]["all"]["n_pred"] == evaluate_all(corpus, ann, only=("a", "c"))["findings"]["all"]["n_pred"]
    (ann / "findings" / "p1.txt.jsonl").write_text("", encoding="utf-8")
    assert evaluate_all(corpus, ann)["findings"]["all"]["n_pred"] > res["findings"]["all"]["n_pred"]


def test_a_long_evidence_does_not_take_the_place_a_closer_finding_needs():
    from extract.evaluate import FindingScore, score_findings
    from extract.records import Finding

    gold = [
        {"check": "list_sum", "start": 311, "end": 327, "message": "小计与其中项不符"},
        {"check": "list_sum", "start": 132, "end": 152, "message": "分项增减之和与总额增减不符"},
    ]
    long = Finding(doc_id="d", check="list_sum", severity="warning", message="总额变动与分项变动合计不等", fact_ids=[], span=(48, 569))
    close = Finding(doc_id="d", check="list_sum", severity="warning", message="其中所列2项合计大于它", fact_ids=[], span=(311, 318))
    score = FindingScore()
    score_findings([long, close], gold, score)
    assert score.per_check["list_sum"].tp_gold == 2  # each gold place found once
    assert score.per_check["list_sum"].tp == 2
    assert not score.errors


def test_a_finding_grouped_over_places_finds_each_gold_place_of_those_words():
    from extract.evaluate import FindingScore, score_findings
    from extract.records import Finding

    gold = [
        {"check": "template_residue", "start": 259, "end": 280, "evidence": "比上年增加(减少)0万元,增长(下降)0%"},
        {"check": "template_residue", "start": 339, "end": 360, "evidence": "比上年增加(减少)0万元,增长(下降)0%"},
        {"check": "template_residue", "start": 500, "end": 510, "evidence": "请根据实际情况填写"},
    ]
    grouped = Finding(doc_id="d", check="template_residue", severity="warning", message="模板残留（未处理的模板选项）：增加(减少)（共4处）", fact_ids=[], span=(262, 268))
    score = FindingScore()
    score_findings([grouped], gold, score)
    assert score.per_check["template_residue"].tp_gold == 2  # both places of 增加(减少), not the fill-in note
