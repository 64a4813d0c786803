"""Fitting the ecosystem: a spaCy component found through its entry point, and a run's outputs as
pandas DataFrames in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import extract

CORPUS = Path(__file__).parent / "data" / "corpus"
DOC = CORPUS / "000_54214275dc1fe0d9.txt"
TEXT = "2023年收入预算总额为271.33万元，较上年减少65.92万元。主要原因是人员减少。"


def test_spacy_factory_is_found_through_the_entry_point_offline():
    """A fresh interpreter that never imports extract: spaCy finds `budget_facts` by its entry point."""
    code = (
        "import json, spacy\n"
        "nlp = spacy.blank('zh')\n"
        "nlp.add_pipe('budget_facts')\n"
        f"doc = nlp({TEXT!r})\n"
        "print(json.dumps([[s.text, s.label_, s._.kind, s._.value, s._.unit, s._.subject] for s in doc.spans['budget_facts']], ensure_ascii=False))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "no_proxy": "*", "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd="/")
    assert out.returncode == 0, out.stderr[-2000:]
    spans = json.loads(out.stdout.strip().splitlines()[-1])
    assert ["271.33", "amount", "amount", 271.33, "万元", "收入预算总额"] in spans
    assert ["65.92", "change", "change", -65.92, "万元", "收入预算总额"] in spans


def test_spacy_component_spans_point_at_the_facts():
    import spacy

    import extract.spacy_component  # noqa: F401 - registers the factory in this process too

    nlp = spacy.blank("zh")
    nlp.add_pipe("budget_facts", config={"use_models": False})
    doc = nlp(TEXT)
    spans = doc.spans["budget_facts"]
    facts = extract.extract_document(TEXT, is_text=True).facts
    assert len(spans) == len(facts) >= 3
    for s, f in zip(spans, facts, strict=True):
        assert (s.start_char, s.end_char) == tuple(f.span)
        assert s.label_ == s._.kind == f.kind and s._.budget_fact["fact_id"] == f.fact_id
    reason = next(s for s in spans if s.label_ == "reason")
    assert "人员减少" in reason.text and reason._.value is None


@pytest.mark.parametrize("segmenter", ["char", "jieba"])
def test_spacy_component_with_word_segmenters_widens_to_token_edges(segmenter):
    import spacy

    import extract.spacy_component  # noqa: F401

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    nlp.add_pipe("budget_facts")
    doc = nlp(TEXT)
    spans = doc.spans["budget_facts"]
    assert {s._.value for s in spans} >= {271.33, -65.92}
    for s in spans:
        assert s.start_char <= s._.budget_fact["span"][0] and s._.budget_fact["span"][1] <= s.end_char
    assert list(nlp("   ").spans["budget_facts"]) == []


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    extract.run([DOC, CORPUS / "01_js_renda_2019_budget.txt"], out=out, workers=1, progress=False)
    return out


def test_load_returns_dataframes_of_every_output(run_dir):
    out = extract.load(run_dir)
    for name in ("documents", "facts", "tables", "indicators", "alignments", "findings"):
        lines = [x for x in (run_dir / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
        assert len(out[name]) == len(lines), name
    assert len(out.documents) == 2 and len(out.facts) > 50 and len(out.tables) > 50
    assert set(out.facts.department.dropna()) == set(out.documents.department.dropna()) and out.facts.department.notna().all()
    assert {"file", "year", "doc_kind", "kind", "subject", "value", "span"} <= set(out.facts.columns)
    assert out.summary["n_documents"] == 2
    first = out.facts.iloc[0]
    text = Path(out.documents.set_index("doc_id").loc[first.doc_id, "path"]).read_text(encoding="utf-8")
    assert first.surface.startswith(text[first.span[0] : first.span[1]]) and first.span[1] > first.span[0]


def test_load_gives_contract_columns_to_an_empty_output(tmp_path):
    (tmp_path / "documents.jsonl").write_text(
        json.dumps({"doc_id": "x", "path": "a.txt", "sha256": "0", "encoding": None, "status": "error", "error": "empty", "department": None, "year": None, "doc_kind": None})
        + "\n",
        encoding="utf-8",
    )
    out = extract.load(tmp_path)
    assert len(out.findings) == 0 and {"check", "severity", "message", "department"} <= set(out.findings.columns)
    assert len(out.facts) == 0 and "kind" in out.facts.columns


def test_load_of_a_folder_without_a_run_is_a_clear_error(tmp_path):
    with pytest.raises(extract.UsageError, match="no documents.jsonl"):
        extract.load(tmp_path / "nothing")
