"""The gold annotations are internally consistent: subject spans spell the subject, metric ids exist,
every label was reviewed twice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extract.evaluate import norm_subject
from extract.ingest import read_document
from extract.resources import metrics

ROOT = Path(__file__).parent.parent
FILES = sorted((ROOT / "annotations" / "facts").glob("*.jsonl"))


@pytest.mark.parametrize("path", FILES, ids=[p.name[:12] for p in FILES])
def test_subject_spans_and_metrics(path):
    recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert recs, path
    assert any(r.get("subject_span") for r in recs), path  # the span checks below have something to check
    text = read_document(ROOT / "tests" / "data" / "corpus" / recs[0]["doc"]).text
    ids = {m.id for m in metrics()}
    for r in recs:
        assert text[r["start"] : r["end"]] == r["surface"]
        if r["kind"] == "reason":
            continue
        assert r.get("metric") is None or r["metric"] in ids, r
        assert r.get("metric_review") == ["pass1", "pass2"], r
        span = r.get("subject_span")
        if span is not None:
            a, b = span
            assert b <= r["start"] or a >= r["end"], r  # the subject is not the number
            assert norm_subject(text[a:b]).replace("*", "") == norm_subject(r["subject"]), (text[a:b], r["subject"])


@pytest.mark.parametrize(
    ("text", "subject", "span"),
    [
        ("二、一般公共预算当年拨款规模变化情况\n一般公共预算拨款收入271.33万元。", "一般公共预算拨款收入", "一般公共预算拨款收入"),
        ("二、一般公共預算當年撥款規模變化情況\n一般公共預算撥款收入271.33萬元。", "一般公共预算拨款收入", "一般公共預算撥款收入"),
        ("公務用車購置及運行費（含“公車改革”）8.20萬元。", "公务用车购置及运行费", "公務用車購置及運行費"),
        ("“三公”經費財政撥款支出預算為12.39萬元。", "三公经费财政拨款支出预算", "三公”經費財政撥款支出預算"),
        ("收入271.33万元。", "支出", None),
    ],
    ids=["simplified", "traditional", "traditional-bracket-after", "traditional-quotes", "absent"],
)
def test_a_subject_is_found_in_the_original_characters(text, subject, span):
    from training.subject_spans import locate

    number = re.search(r"\d+\.\d+", text)
    got = locate(text, number.start(), number.end(), subject)
    assert (text[got[0] : got[1]] if got else None) == span
