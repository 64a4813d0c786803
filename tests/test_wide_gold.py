"""The wide corpus's gold facts are internally consistent: every label points at its surface in the
original text on the right line, subjects are never empty and their spans spell them, reasons explain
an existing fact, metric ids exist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.evaluate import KINDS, norm_subject
from extract.ingest import read_document
from extract.resources import metrics

ROOT = Path(__file__).parent.parent
FILES = sorted((ROOT / "annotations" / "wide" / "facts").glob("*.jsonl"))


def test_wide_gold_exists():
    assert len(FILES) >= 33


@pytest.mark.parametrize("path", FILES, ids=[p.name[:12] for p in FILES])
def test_wide_gold_records(path):
    recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    text = read_document(ROOT / "corpus" / "wide" / path.name.removesuffix(".jsonl")).text
    ids = {m.id for m in metrics()}
    starts = {r["start"] for r in recs if r["kind"] != "reason"}
    for r in recs:
        assert r["doc"] == path.name.removesuffix(".jsonl"), r
        assert r["kind"] in KINDS, r
        assert text[r["start"] : r["end"]] == r["surface"], r
        assert r["line"] == text.count("\n", 0, r["start"]) + 1, r
        if r["kind"] == "reason":
            assert r["text"] and r["explains"] in starts, r
            continue
        assert norm_subject(r["subject"]), r
        assert r["value"] is not None and (r["unit"] or r["value"] == 0), r  # a bare 0 may stand without its unit
        assert (r["direction"] is not None) == (r["kind"] == "change"), r
        if r["kind"] == "change":
            sign = {"increase": 1, "decrease": -1, "unchanged": 0}[r["direction"]]
            assert (r["value"] > 0) - (r["value"] < 0) == sign, r
        assert r.get("metric") is None or r["metric"] in ids, r
        span = r.get("subject_span")
        if span is not None:
            a, b = span
            assert b <= r["start"] or a >= r["end"], r
            assert norm_subject(text[a:b]).replace("*", "") == norm_subject(r["subject"]), (text[a:b], r["subject"])
