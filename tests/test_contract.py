"""Every output record carries exactly the fields and types of ../shared/CONTRACT.md."""

from __future__ import annotations

import json

import pytest

from extract import run

KINDS = {"amount", "change", "percent", "headcount", "count", "reason"}
NUM = (int, float)

DOCUMENT_FIELDS = {
    "doc_id": str, "path": str, "sha256": str, "encoding": (str, type(None)), "status": str, "error": (str, type(None)),
    "department": (str, type(None)), "year": (int, type(None)), "doc_kind": (str, type(None)),
    "n_chars": int, "n_facts": int, "n_tables": int,
}
FACT_FIELDS = {
    "doc_id": str, "fact_id": str, "kind": str, "subject": str, "metric": (str, type(None)), "value": (*NUM, type(None)),
    "unit": (str, type(None)), "yuan": (*NUM, type(None)), "direction": (str, type(None)), "baseline": (str, type(None)),
    "text": (str, type(None)), "explains": (str, type(None)), "sentence": str, "span": list, "section": str, "confidence": NUM,
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, corpus_files):
    out = tmp_path_factory.mktemp("contract")
    run(corpus_files, out=out, workers=2, progress=False)
    return out


def _records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check_fields(rec, spec):
    for name, typ in spec.items():
        assert name in rec, f"missing field {name}"
        assert isinstance(rec[name], typ), f"{name}={rec[name]!r} is not {typ}"


def test_documents_jsonl(outputs, corpus_files):
    docs = _records(outputs / "documents.jsonl")
    assert len(docs) == len(corpus_files)
    for d in docs:
        _check_fields(d, DOCUMENT_FIELDS)
        assert d["status"] in ("ok", "error")
        assert len(d["sha256"]) == 64 and d["doc_id"] == d["sha256"][:16]
        assert d["status"] == "ok" and d["n_facts"] > 0


def test_facts_jsonl(outputs, corpus_files):
    texts = {}
    for p in corpus_files:
        from extract.ingest import read_document

        raw = read_document(p)
        texts[raw.doc_id] = raw.text
    facts = _records(outputs / "facts.jsonl")
    assert facts
    ids = {(f["doc_id"], f["fact_id"]) for f in facts}
    assert len(ids) == len(facts)
    for f in facts:
        _check_fields(f, FACT_FIELDS)
        assert f["kind"] in KINDS
        assert 0.0 <= f["confidence"] <= 1.0
        s, e = f["span"]
        text = texts[f["doc_id"]]
        assert 0 <= s < e <= len(text)
        shown = text[s:e]
        if f["kind"] == "reason":
            assert f["text"] and f["value"] is None and f["explains"] is None or (f["doc_id"], f["explains"]) in ids
            assert shown.replace(" ", "").replace("\n", "")[:4] == f["text"].replace(" ", "")[:4]
        else:
            assert f["value"] is not None
            assert f["unit"] or f["surface"] in ("持平", "保持一致", "保持不变", "不变", "无变化", "相同", "一致")
            if f.get("surface") != "持平" and f["direction"] != "unchanged" or shown[:1].isdigit():
                assert any(c.isdigit() for c in shown) or any(c in "零〇一二两三四五六七八九十百千" for c in shown), shown
        if f["kind"] == "change":
            assert f["direction"] in ("increase", "decrease", "unchanged")
            assert (f["value"] < 0) == (f["direction"] == "decrease")
        else:
            assert f["direction"] is None
        if f["unit"] in ("元", "万元", "亿元"):
            assert f["yuan"] is not None


CELL_FIELDS = {
    "doc_id": str, "table_id": str, "table_title": str, "unit": (str, type(None)), "row_label": str, "code": (str, type(None)),
    "column": str, "value": NUM, "span": (list, type(None)),
}
INDICATOR_FIELDS = {
    "doc_id": str, "table_id": str, "project": (str, type(None)), "level1": str, "level2": str, "indicator": str,
    "comparator": (str, type(None)), "value": (*NUM, type(None)), "unit": (str, type(None)), "text": str, "span": (list, type(None)),
}


def _texts(corpus_files):
    from extract.ingest import read_document

    return {raw.doc_id: raw.text for raw in map(read_document, corpus_files)}


def test_tables_jsonl(outputs, corpus_files):
    texts = _texts(corpus_files)
    cells = _records(outputs / "tables.jsonl")
    assert len(cells) > 1000
    for c in cells:
        _check_fields(c, CELL_FIELDS)
        s, e = c["span"]
        shown = texts[c["doc_id"]][s:e]
        assert float(shown.replace(",", "").rstrip("%")) == pytest.approx(c["value"]), (shown, c)
        assert c["code"] is None or c["code"].isdigit()
        assert c["unit"] in (None, "元", "万元", "千元", "亿元", "百万元")


def test_indicators_jsonl(outputs, corpus_files):
    texts = _texts(corpus_files)
    inds = _records(outputs / "indicators.jsonl")
    assert len(inds) > 100
    for i in inds:
        _check_fields(i, INDICATOR_FIELDS)
        assert i["comparator"] in ("=", "≥", "≤", ">", "<", "≠", "定性")
        s, e = i["span"]
        from extract.normalize import normalize

        # the record's text is normalised (LaTeX $\geq 85\%$ → ≥85%); the span shows it as written
        assert normalize(texts[i["doc_id"]][s:e]).compact().text == normalize(i["text"]).compact().text


def test_documents_count_their_tables(outputs, corpus_files):
    docs = _records(outputs / "documents.jsonl")
    assert len(docs) == len(corpus_files)
    for d in docs:
        assert d["n_tables"] == len(d["tables"]) and d["n_tables"] > 0
        assert all({"table_id", "table_title", "unit", "empty", "note"} <= set(t) for t in d["tables"])


ALIGNMENT_FIELDS = {"doc_id": str, "fact_id": str, "table_id": str, "row_label": str, "column": str, "table_value": NUM, "fact_value": NUM, "score": NUM, "status": str}
FINDING_FIELDS = {"doc_id": str, "check": str, "severity": str, "message": str, "fact_ids": list, "span": (list, type(None))}


def test_alignments_jsonl(outputs):
    facts = {(f["doc_id"], f["fact_id"]) for f in _records(outputs / "facts.jsonl")}
    tables = {(c["doc_id"], c["table_id"]) for c in _records(outputs / "tables.jsonl")}
    als = _records(outputs / "alignments.jsonl")
    assert len(als) > 100
    for a in als:
        _check_fields(a, ALIGNMENT_FIELDS)
        assert a["status"] in ("consistent", "mismatch") and 0 <= a["score"] <= 1
        assert (a["doc_id"], a["fact_id"]) in facts and (a["doc_id"], a["table_id"]) in tables
        if a["status"] == "consistent":
            assert a["table_value"] == pytest.approx(a["fact_value"], abs=0.006)


def test_findings_jsonl(outputs, corpus_files):
    texts = _texts(corpus_files)
    facts = {(f["doc_id"], f["fact_id"]) for f in _records(outputs / "facts.jsonl")}
    fs = _records(outputs / "findings.jsonl")
    assert fs and any(f["fact_ids"] for f in fs) and any(f["span"] for f in fs)
    for f in fs:
        _check_fields(f, FINDING_FIELDS)
        assert f["severity"] in ("error", "warning", "info") and f["message"] and "\n" not in f["message"]
        assert all((f["doc_id"], i) in facts for i in f["fact_ids"])
        if f["span"]:
            s, e = f["span"]
            assert 0 <= s < e <= len(texts[f["doc_id"]])
    checks = {f["check"] for f in fs}
    assert {"prose_table_mismatch", "template_residue", "year_mismatch", "unit_suspect"} <= checks
