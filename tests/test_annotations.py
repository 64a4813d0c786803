"""The gold annotations are internally consistent: subject spans spell the subject, metric ids exist,
every label was reviewed twice."""

from __future__ import annotations

import json
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
