"""training.agreement pairs two passes' facts by kind and overlapping span and scores them at the
span, content (value + fuzzy subject), metric and strict levels."""

from __future__ import annotations

import json

import pytest

from training.agreement import compare_document, compare_folders, main, pair_facts

DOC = "x.txt"


def fact(start, end, kind="amount", subject="公务接待费", value=1.0, unit="万元", metric="sangong.reception", **kw):
    r = {"doc": DOC, "line": 1, "start": start, "end": end, "surface": "?" * (end - start), "kind": kind,
         "subject": subject, "value": value, "unit": unit, "direction": None, "baseline": None,
         "text": None, "explains": None, "metric": metric}
    r.update(kw)
    return r


def reason(start, end, text, explains):
    return fact(start, end, kind="reason", subject=None, value=None, unit=None, metric=None, text=text, explains=explains)


def write(folder, recs):
    folder.mkdir()
    (folder / f"{DOC}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")


def test_pairs_are_one_to_one_by_largest_overlap():
    a = [fact(0, 10)]
    b = [fact(0, 2), fact(1, 9)]
    assert pair_facts(a, b) == [(0, 1)]


def test_kinds_must_agree_to_pair():
    assert pair_facts([fact(0, 4)], [fact(0, 4, kind="change")]) == []


def test_identical_labels_agree_fully():
    recs = [fact(0, 4), fact(10, 14, kind="change", value=-2.0, direction="decrease", baseline="上年"),
            reason(20, 30, "接待任务减少", 10)]
    res = compare_document(DOC, recs, [dict(r) for r in recs])
    assert {k: (c.agree, c.n_a, c.n_b) for k, c in res.levels.items()} == {
        "span": (3, 3, 3), "content": (3, 3, 3), "metric": (2, 2, 2), "strict": (3, 3, 3)}
    assert res.diffs == []


@pytest.mark.parametrize(
    ("b_changes", "content", "metric", "strict", "n_diffs"),
    [
        ({"subject": "公务接待费支出"}, 1, 1, 0, 1),  # fuzzy match (ratio >= 80) but not equal
        ({"subject": "（公务接待费）"}, 1, 1, 1, 0),  # brackets are ignored, as in the evaluator
        ({"subject": "因公出国（境）费"}, 0, 1, 0, 1),
        ({"value": 2.0}, 0, 1, 0, 1),
        ({"unit": "元"}, 0, 1, 0, 1),
        ({"metric": None}, 1, 0, 1, 1),
        ({"metric": None, "value": 3.0}, 0, 0, 0, 2),
    ],
)
def test_levels_separate_what_differs(b_changes, content, metric, strict, n_diffs):
    b = fact(0, 4)
    b.update(b_changes)
    res = compare_document(DOC, [fact(0, 4)], [b])
    assert (res.levels["span"].agree, res.levels["content"].agree, res.levels["metric"].agree,
            res.levels["strict"].agree) == (1, content, metric, strict)
    assert len(res.diffs) == n_diffs


def test_change_baseline_counts_only_for_strict():
    a = fact(0, 4, kind="change", direction="decrease", baseline="上年", value=-1.0)
    b = dict(a, baseline="2020年")
    res = compare_document(DOC, [a], [b])
    assert res.levels["content"].agree == 1
    assert res.levels["strict"].agree == 0
    assert "direction/baseline" in res.diffs[0]


def test_reason_needs_same_target_and_text():
    a = [fact(0, 4), fact(10, 14), reason(20, 30, "接待任务减少", 0)]
    same = compare_document(DOC, a, [fact(0, 4), fact(10, 14), reason(20, 30, "接待任务减少", 0)])
    other_target = compare_document(DOC, a, [fact(0, 4), fact(10, 14), reason(20, 30, "接待任务减少", 10)])
    other_text = compare_document(DOC, a, [fact(0, 4), fact(10, 14), reason(20, 30, "会议增加，差旅费上升", 0)])
    assert same.levels["content"].agree == 3
    assert other_target.levels["content"].agree == 2
    assert other_text.levels["content"].agree == 2


def test_unpaired_facts_lower_precision_and_recall():
    res = compare_document(DOC, [fact(0, 4), fact(10, 14)], [fact(0, 4), fact(20, 24), fact(30, 34)])
    span = res.levels["span"]
    assert (span.precision, span.recall) == (0.5, pytest.approx(1 / 3))
    assert span.f1 == pytest.approx(0.4)
    assert sum("only A" in d for d in res.diffs) == 1
    assert sum("only B" in d for d in res.diffs) == 2


def test_folders_and_cli(tmp_path, capsys):
    write(tmp_path / "a", [fact(0, 4), fact(10, 14, subject="会议费", metric="exp.meeting")])
    write(tmp_path / "b", [fact(0, 4), fact(10, 14, subject="培训费", metric="exp.training")])
    per_doc, total = compare_folders(tmp_path / "a", tmp_path / "b")
    assert [d.doc for d in per_doc] == [DOC]
    assert (total["span"].agree, total["content"].agree, total["metric"].agree) == (2, 1, 1)
    assert main([str(tmp_path / "a"), str(tmp_path / "b"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["all"]["content"]["f1"] == 0.5


def test_no_common_document_is_an_error(tmp_path, capsys):
    write(tmp_path / "a", [fact(0, 4)])
    (tmp_path / "b").mkdir()
    assert main([str(tmp_path / "a"), str(tmp_path / "b")]) == 2
    assert "no document" in capsys.readouterr().err
