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
