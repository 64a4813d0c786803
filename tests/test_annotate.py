"""Export pre-annotated tasks, import corrections: offsets survive, nothing is lost silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    if fmt == "label-studio":  # a person accepts every pre-annotation as it is
        _accept_all(out)
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


def _accept_all(path: Path) -> list[dict]:
    items = json.loads(path.read_text(encoding="utf-8"))
    for it in items:
        it["annotations"] = [{"completed_by": 1, "was_cancelled": False, "result": it["predictions"][0]["result"]}]
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return items


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
    assert "3 tasks with predictions only" in capsys.readouterr().out  # nobody labelled them: nothing imported
    assert not (tmp_path / "ann" / "facts").exists()
    _accept_all(out)
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


def test_an_unedited_label_studio_export_imports_nothing(tmp_path, tasks):
    out = tmp_path / "ls.json"
    export_tasks([DOC], out, fmt="label-studio", select="all")
    items = json.loads(out.read_text(encoding="utf-8"))
    for it in items:  # what Label Studio exports for tasks nobody labelled
        it["annotations"] = []
    items[1]["annotations"] = [{"was_cancelled": True, "result": items[1]["predictions"][0]["result"]}]  # skipped by the annotator
    out.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    rep = import_tasks(out, tmp_path / "ann", corpus=CORPUS, reviewer="alice")
    assert (rep.added, rep.changed, rep.removed) == (0, 0, 0)
    assert len(rep.unlabelled) == len(items) == len(tasks)
    assert f"{len(items)} tasks with predictions only" in rep.render()
    assert not (tmp_path / "ann" / "facts" / f"{DOC.name}.jsonl").exists()


def test_only_the_annotated_task_is_imported(tmp_path, tasks):
    out = tmp_path / "ls.json"
    export_tasks([DOC], out, fmt="label-studio", select="all")
    items = json.loads(out.read_text(encoding="utf-8"))
    items[0]["annotations"] = [{"result": items[0]["predictions"][0]["result"]}]
    out.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    rep = import_tasks(out, tmp_path / "ann", corpus=CORPUS, reviewer="alice")
    assert rep.added == len(items[0]["predictions"][0]["result"]) > 0
    assert len(rep.unlabelled) == len(items) - 1


def test_label_studio_config_matches_the_export(tmp_path):
    import xml.etree.ElementTree as ET

    from extract.annotate import label_studio_config
    from extract.evaluate import KINDS

    root = ET.parse(label_studio_config()).getroot()
    labels = root.find("Labels")
    text = root.find("Text")
    assert labels is not None and text is not None
    assert [x.get("value") for x in labels.findall("Label")] == list(KINDS)
    out = tmp_path / "ls.json"
    export_tasks([DOC], out, fmt="label-studio", select="all", n=5)
    items = json.loads(out.read_text(encoding="utf-8"))
    results = [r for it in items for r in it["predictions"][0]["result"]]
    assert results
    for r in results:
        assert r["from_name"] == labels.get("name") and r["to_name"] == text.get("name") == labels.get("toName")
        assert r["value"]["labels"][0] in KINDS
    assert text.get("value") == "$text" and all("text" in it["data"] for it in items)


def test_tasks_are_paragraphs_not_wrapped_lines(tmp_path):
    doc = tmp_path / "wrapped.txt"
    para = ["2023年某某区医疗保障局收入预算总额为271.33万元，较上年减少65.92", "万元，主要原因是人员减少；其中一般公共预算拨款收入", "271.33万元，与上年持平。"]
    doc.write_text("一、收入预算情况\n\n" + "\n".join(para) + "\n\n二、支出预算情况\n\n支出预算总额为271.33万元。\n", encoding="utf-8")
    ts = tasks_for(doc)
    text = read_document(doc).text
    assert ts
    first = next(t for t in ts if "收入预算总额" in t.text)
    assert first.text == "\n".join(para)  # the whole wrapped paragraph, not one line of it
    assert len(first.facts) >= 3
    for t in ts:
        assert t.offset == 0 or text[t.offset - 1] == "\n"  # never starts mid-line
        assert not t.text.startswith((para[1], para[2]))


def test_a_long_paragraph_is_cut_at_sentence_ends(tmp_path):
    from extract.annotate import MAX_TASK_CHARS

    doc = tmp_path / "long.txt"
    sent = "本年度部门一般公共预算支出为{}万元，较上年增加1.5万元。"
    body = "".join(sent.format(100 + i) for i in range(40))
    assert len(body) > 2 * MAX_TASK_CHARS
    doc.write_text("一、支出预算情况\n\n" + body + "\n", encoding="utf-8")
    ts = tasks_for(doc)
    assert len(ts) >= 3
    for t in ts:
        assert len(t.text) <= MAX_TASK_CHARS and t.text.endswith("。")
        assert t.text.startswith("本年度")


def test_label_studio_offsets_count_utf16_for_characters_outside_the_bmp(tmp_path):
    doc = tmp_path / "nonbmp.txt"
    doc.write_text("一、收入\n\n𠮷𠀀单位收入预算总额为271.33万元，较上年减少65.92万元。\n", encoding="utf-8")
    out = tmp_path / "ls.json"
    export_tasks([doc], out, fmt="label-studio", select="all")
    items = json.loads(out.read_text(encoding="utf-8"))
    res = items[0]["predictions"][0]["result"]
    assert res
    task_text = items[0]["data"]["text"]
    js = task_text.encode("utf-16-le")
    for r in res:  # what a browser would slice: UTF-16 code units
        v = r["value"]
        assert js[2 * v["start"] : 2 * v["end"]].decode("utf-16-le") == v["text"]
    _accept_all(out)
    import_tasks(out, tmp_path / "ann", corpus=tmp_path)
    text = read_document(doc).text
    got = [json.loads(x) for x in (tmp_path / "ann" / "facts" / "nonbmp.txt.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {g["surface"] for g in got} >= {"271.33", "65.92"}
    for g in got:
        assert text[g["start"] : g["end"]] == g["surface"]


@given(st.text(alphabet=st.sampled_from(["预", "算", "1", ".", "\n", "𠮷", "😀", "a", "，"]), max_size=40))
def test_utf16_offsets_round_trip(s):
    from extract.annotate import char_index, utf16_len

    assert utf16_len(s) == len(s.encode("utf-16-le")) // 2
    for i in range(len(s) + 1):
        assert char_index(s, utf16_len(s[:i])) == i


def test_cli_export_names_the_labelling_config(tmp_path, capsys):
    from extract.cli import main

    assert main(["annotate", "export", str(DOC), "--out", str(tmp_path / "t.json"), "--n", "2"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("labelling config"))
    assert Path(line.split(": ", 1)[1]).read_text(encoding="utf-8").lstrip().startswith("<!--")
