"""The table parser against the hand-checked cells and targets of every dev-corpus table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.evaluate import TableScore, score_tables

GOLD = Path(__file__).parent.parent / "annotations" / "tables"

# Floors at the measured scores of this version (closing note of the tables issue); a change that
# makes the parser worse on the corpus fails here. The target is 0.98 for correct cells.
FOUND_F1_MIN = 0.995
CORRECT_F1_MIN = 0.993  # measured 0.9937 (unprinted 基本支出/项目支出 level named from the sums)
INDICATOR_F1_MIN = 0.95


def _gold():
    out = {}
    for p in sorted(GOLD.glob("*.jsonl")):
        recs = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
        out[recs[0]["doc"]] = recs
    return out


@pytest.fixture(scope="module")
def gold():
    return _gold()


def test_every_document_has_table_gold(gold, corpus_files):
    assert set(gold) == {p.name for p in corpus_files}


def test_table_gold_is_well_formed_and_reviewed_twice(gold, corpus_files):
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus_files}
    assert len(gold) == len(corpus_files)
    for doc, recs in gold.items():
        titles = {r["table_title"] for r in recs if r["type"] == "table"}
        assert titles and any(r["type"] == "cell" for r in recs), doc
        for r in recs:
            assert r["review"] == ["pass1", "pass2"], (doc, r)
            if r["type"] in ("cell", "indicator"):
                assert texts[doc][r["start"] : r["end"]] == r["surface"], (doc, r)
            if r["type"] == "cell":
                assert isinstance(r["value"], (int, float)) and r["table_title"] in titles, (doc, r)
            if r["type"] == "indicator":
                assert r["comparator"] in ("=", "≥", "≤", ">", "<", "≠", "定性"), (doc, r)


@pytest.fixture(scope="module")
def score(gold, corpus_results):
    s = TableScore()
    for doc, recs in gold.items():
        r = corpus_results[doc]
        score_tables(r.cells, r.indicators, recs, s, doc=doc)
    out = Path(__file__).parent.parent / "out" / "golden_tables_report.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"errors": s.errors[:2000]}, ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n" + s.render())
    return s


def test_cells_are_found(score):
    assert score.found.f1 >= FOUND_F1_MIN, score.render()


def test_cells_are_correct(score):
    assert score.correct.f1 >= CORRECT_F1_MIN, score.render()


def test_indicators(score):
    assert score.indicators.f1 >= INDICATOR_F1_MIN, score.render()
