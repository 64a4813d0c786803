"""Export pre-annotated tasks, import corrections: offsets survive, nothing is lost silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.annotate import AnnotationFormatError, export_tasks, import_tasks, read_tasks, select_tasks, tasks_for
from extract.errors import ExtractError
from extract.ingest import read_document

CORPUS = Path(__file__).parent / "data" / "corpus"
DOC = CORPUS / "000_54214275dc1fe0d9.txt"


@pytest.fixture(scope="module")
def tasks():
    return tasks_for(DOC)


def test_task_spans_point_into_the_original_text(tasks):
    text = read_document(DOC).text
    assert len(tasks) > 10
    for t in tasks:
        assert text[t.offset : t.offset + len(t.text)] == t.text
        for f in t.facts:
            assert text[f["start"] : f["end"]] == f["surface"]
            assert t.offset <= f["start"] < f["end"] <= t.offset + len(t.text)


def test_uncertain_tasks_come_first(tasks):
    ordered = select_tasks(tasks, "uncertain")
    u = [t.uncertainty for t in ordered]
    assert u == sorted(u, reverse=True) and u[0] > u[-1]
    assert len(select_tasks(tasks, "random", 3)) == 3
    with pytest.raises(ValueError):
        select_tasks(tasks, "best")


@pytest.mark.parametrize("fmt, name", [("label-studio", "t.json"), ("doccano", "t.jsonl"), ("jsonl", "t.jsonl")])
def test_export_import_round_trip(tmp_path, tasks, fmt, name):
    out = tmp_path / name
    assert export_tasks([DOC], out, fmt=fmt, select="all") == len(tasks)
    rep = import_tasks(out, tmp_path / "ann", corpus=CORPUS)
    n = sum(len(t.facts) for t in tasks)
    assert (rep.added, rep.changed, rep.removed, rep.conflicts) == (n, 0, 0, [])
    got = [json.loads(x) for x in (tmp_path / "ann" / "facts" / f"{DOC.name}.jsonl").read_text(encoding="utf-8").splitlines()]
    want = sorted((f for t in tasks for f in t.facts), key=lambda f: (f["start"], f["end"]))
    assert [(g["start"], g["end"], g["kind"], g["subject"], g["value"], g["surface"], g["line"]) for g in got] == [
        (f["start"], f["end"], f["kind"], f["subject"], f["value"], f["surface"], f["line"]) for f in want
    ]
    # importing the same file again changes nothing and makes no backup
    again = import_tasks(out, tmp_path / "ann", corpus=CORPUS)
    assert again.added == again.changed == again.removed == 0 and again.backups == []


def _label_studio_correction(tmp_path, tasks):
    """A person relabels the first fact of the first task in Label Studio."""
    out = tmp_path / "ls.json"
    export_tasks([DOC], out, fmt="label-studio", select="all")
    items = json.loads(out.read_text(encoding="utf-8"))
    result = json.loads(json.dumps(items[0]["predictions"][0]["result"]))
    new = "amount" if result[0]["value"]["labels"] == ["count"] else "count"
    result[0]["value"]["labels"] = [new]
    items[0]["annotations"] = [{"result": result}]
    out.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return out, items[0]["data"]["offset"] + result[0]["value"]["start"], new


def test_reviewed_labels_are_never_overwritten_silently(tmp_path, tasks):
    ann = tmp_path / "ann"
    base = tmp_path / "base.jsonl"
    export_tasks([DOC], base, fmt="jsonl", select="all")
    import_tasks(base, ann, corpus=CORPUS, reviewer="pass1")
    out, start, new = _label_studio_correction(tmp_path, tasks)
    target = ann / "facts" / f"{DOC.name}.jsonl"
    before = target.read_text(encoding="utf-8")

    rep = import_tasks(out, ann, corpus=CORPUS)
    assert len(rep.conflicts) == 1 and f"@{start}" in rep.conflicts[0]
    assert target.read_text(encoding="utf-8") == before  # the reviewed label kept, file untouched

    rep = import_tasks(out, ann, corpus=CORPUS, force=True)
    assert rep.changed == 1 and len(rep.backups) == 1
    assert Path(rep.backups[0]).read_text(encoding="utf-8") == before
    rec = next(json.loads(x) for x in target.read_text(encoding="utf-8").splitlines() if json.loads(x)["start"] == start)
    assert rec["kind"] == new and rec["review"] == ["pass1", "import"]


def test_a_label_deleted_in_the_task_is_removed_when_unreviewed(tmp_path, tasks):
    dc = tmp_path / "dc.jsonl"
    export_tasks([DOC], dc, fmt="doccano", select="all")
    import_tasks(dc, tmp_path / "ann", reviewer="")
    lines = [json.loads(x) for x in dc.read_text(encoding="utf-8").splitlines()]
    lines[0]["label"], lines[0]["attributes"] = lines[0]["label"][1:], lines[0]["attributes"][1:]
    dc.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    # review [""] counts as reviewed; strip it to simulate unreviewed pre-annotations
    target = tmp_path / "ann" / "facts" / f"{DOC.name}.jsonl"
    recs = [{**json.loads(x), "review": []} for x in target.read_text(encoding="utf-8").splitlines()]
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    rep = import_tasks(dc, tmp_path / "ann")
    assert rep.removed == 1 and rep.conflicts == [] and len(rep.backups) == 1


@pytest.mark.parametrize("junk", ["", "not json", "[1, 2]", '{"foo": 1}\n', '[{"data": {"text": "x"}}]'])
def test_bad_import_file_is_a_clear_error(tmp_path, junk):
    p = tmp_path / "bad.json"
    p.write_text(junk, encoding="utf-8")
    with pytest.raises(AnnotationFormatError):
        read_tasks(p)


def test_cli_export_then_import(tmp_path, capsys):
    from extract.cli import main

    out = tmp_path / "tasks.json"
    assert main(["annotate", "export", str(DOC), "--out", str(out), "--n", "3"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 3
    assert main(["annotate", "import", str(out), "--into", str(tmp_path / "ann"), "--corpus", str(CORPUS)]) == 0
    assert "added" in capsys.readouterr().out
    assert (tmp_path / "ann" / "facts" / f"{DOC.name}.jsonl").is_file()


def test_docbin_holds_every_gold_fact(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    from extract.annotate import export_docbin

    ann = tmp_path / "ann" / "facts"
    ann.mkdir(parents=True)
    src = Path(__file__).parent.parent / "annotations" / "facts" / f"{DOC.name}.jsonl"
    (ann / src.name).write_bytes(src.read_bytes())
    gold = [json.loads(x) for x in src.read_text(encoding="utf-8").splitlines()]
    c = export_docbin(tmp_path / "ann", CORPUS, tmp_path / "t.spacy")
    assert c["spans"] == len(gold) and c["dropped"] == 0
    docs = list(DocBin().from_disk(tmp_path / "t.spacy").get_docs(spacy.blank("zh").vocab))
    assert len(docs) == c["docs"]
    text = read_document(DOC).text
    for d in docs:
        off = d.user_data["source"]["offset"]
        assert d.text == text[off : off + len(d.text)]
        for span, rec in zip(d.spans["facts"], d.user_data["source"]["facts"], strict=True):
            assert span.label_ == rec["kind"]
            assert span.start_char <= rec["start"] - off and rec["end"] - off <= span.end_char


def test_export_goes_on_past_a_bad_document(tmp_path):
    bad = tmp_path / "junk.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    skipped: list[str] = []
    n = export_tasks([bad, DOC], tmp_path / "t.jsonl", fmt="doccano", select="all", skipped=skipped)
    assert n == len(tasks_for(DOC)) and len(skipped) == 1 and "junk.txt" in skipped[0]
    with pytest.raises(ExtractError):
        export_tasks([bad], tmp_path / "t2.jsonl", fmt="doccano")


def test_import_with_a_missing_document_writes_nothing(tmp_path):
    out = tmp_path / "t.jsonl"
    export_tasks([DOC], out, fmt="doccano", select="all")
    lines = out.read_text(encoding="utf-8").splitlines()
    other = json.loads(lines[0]) | {"doc": "not_in_corpus.txt"}
    out.write_text("\n".join([*lines, json.dumps(other, ensure_ascii=False)]) + "\n", encoding="utf-8")
    with pytest.raises(ExtractError):
        import_tasks(out, tmp_path / "ann", corpus=CORPUS)
    assert not (tmp_path / "ann" / "facts").exists() or not any((tmp_path / "ann" / "facts").iterdir())
