"""The pipeline against the hand-checked facts of every dev-corpus document (annotations/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.evaluate import KINDS, Score, load_gold, score_document, subjects_match

ANNOTATIONS = Path(__file__).parent.parent / "annotations" / "facts"

# Floors set from the measured scores (see the closing note of the foundation issue); a change
# that makes the pipeline worse on the corpus fails here.
FOUND_F1_MIN = 0.93
CORRECT_F1_MIN = 0.80


@pytest.fixture(scope="module")
def gold():
    return load_gold(ANNOTATIONS)


def test_every_corpus_document_is_annotated(gold, corpus_files):
    assert {p.name for p in corpus_files} == set(gold)


def test_annotations_are_well_formed(gold, corpus_files):
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus_files}
    assert len(gold) == len(corpus_files)
    for doc, recs in gold.items():
        assert recs, doc
        text = texts[doc]
        starts = {r["start"] for r in recs}
        for r in recs:
            assert r["kind"] in KINDS, r
            assert text[r["start"] : r["end"]] == r["surface"], (doc, r)
            assert text.count("\n", 0, r["start"]) + 1 == r["line"], (doc, r)
            if r["kind"] == "reason":
                assert r["text"] and r["value"] is None
                assert r["explains"] is None or r["explains"] in starts, (doc, r)
            else:
                assert isinstance(r["value"], (int, float)), (doc, r)
            assert (r["direction"] is not None) == (r["kind"] == "change"), (doc, r)


def test_annotations_were_reviewed_twice(gold, corpus_files):
    assert len(gold) == len(corpus_files)
    for doc, recs in gold.items():
        assert recs and all(r.get("review") == ["pass1", "pass2"] for r in recs), doc


@pytest.fixture(scope="module")
def score(gold, corpus_results):
    s = Score()
    for doc, recs in gold.items():
        score_document(corpus_results[doc].facts, recs, s, doc=doc)
    report = Path(__file__).parent.parent / "out" / "golden_report.json"
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps({"scores": s.as_dict(), "errors": s.errors}, ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n" + s.render())
    return s


def test_facts_are_found(score):
    assert score.total("found").f1 >= FOUND_F1_MIN, score.render()


def test_facts_are_correct(score):
    assert score.total("correct").f1 >= CORRECT_F1_MIN, score.render()


@pytest.mark.parametrize("kind", ["amount", "change", "percent", "headcount", "reason"])
def test_each_main_kind_is_found(score, kind):
    assert score.found[kind].f1 >= 0.85, score.render()


@pytest.mark.parametrize(
    "a, b, same",
    [("因公出国（境）费", "因公出国(境)费", True), ("“三公”经费", "三公经费", True), ("基本支出", "项目支出", False), ("收入预算总额", "收入预算", True)],
)
def test_subject_matching(a, b, same):
    assert subjects_match(a, b) is same


def test_numbers_get_the_right_kind(score):
    """Of the prose numbers both sides have, at most 1 % carry another kind than the gold's."""
    nums = ("amount", "change", "percent", "headcount", "count")
    both = sum(score.confusion[g][p] for g in nums for p in nums)
    wrong = sum(score.confusion[g][p] for g in nums for p in nums if g != p)
    assert both > 1400 and wrong / both <= 0.01, score.render_confusion()


@pytest.mark.parametrize(("figure_type", "right"), [("上年", True), ("决算数", False), (None, False)])
def test_last_years_figure_matches_the_gold_item_with_its_suffix(figure_type, right):
    # the annotations spell a last-year amount as item + 上年数; the record carries it as figure_type 上年
    from extract.evaluate import fact_is_right
    from extract.records import Fact

    f = Fact(doc_id="d", fact_id="f1", kind="amount", subject="总支出", metric=None, value=1060.87, unit="万元", yuan=10608700.0, direction=None,
             baseline=None, text=None, explains=None, sentence="", span=(10, 17), section="", confidence=0.9, figure_type=figure_type)
    gold = [{"kind": "amount", "start": 10, "end": 17, "subject": "总支出上年数", "value": 1060.87, "unit": "万元"}]
    assert fact_is_right(f, gold) is right
