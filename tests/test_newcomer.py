"""What a new user trips over (issue 14): no scores on nothing, one-line errors for bad options,
defaults that do not depend on the working directory, listings that explain themselves."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import extract
from extract.cli import main

ROOT = Path(__file__).parent.parent
CORPUS = Path(__file__).parent / "data" / "corpus"
DOC = CORPUS / "000_54214275dc1fe0d9.txt"


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("budget-extract: error:") and "\n" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    "argv",
    [
        ["evaluate", "--annotations", "/nonexistent/annotations"],
        ["evaluate", "--corpus", "/nonexistent/corpus"],
        ["evaluate", "--lodo", "--corpus", "/nonexistent/corpus"],
    ],
)
def test_evaluate_on_nothing_is_an_error_not_a_perfect_score(argv, capsys):
    assert main(argv) == 2
    assert "nonexistent" in _one_line_error(capsys)


def test_evaluate_with_no_gold_for_the_corpus_is_an_error(tmp_path, capsys):
    (tmp_path / "ann" / "facts").mkdir(parents=True)
    assert main(["evaluate", "--annotations", str(tmp_path / "ann"), "--corpus", str(CORPUS)]) == 2
    assert "nothing to score" in _one_line_error(capsys)


def test_evaluate_defaults_resolve_against_the_project_not_the_cwd(tmp_path, monkeypatch, capsys):
    one = tmp_path / "corpus"
    one.mkdir()
    shutil.copy(DOC, one / DOC.name)
    monkeypatch.chdir(tmp_path)  # no annotations/ here: the default must still find the checkout's
    assert main(["evaluate", "--corpus", str(one), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["documents"] == [DOC.name]
    assert res["facts"]["found"]["all"]["n_gold"] > 20


def test_run_out_an_existing_file_is_one_line(tmp_path, capsys):
    f = tmp_path / "out.txt"
    f.write_text("x", encoding="utf-8")
    assert main(["run", str(DOC), "--out", str(f), "--quiet"]) == 2
    assert str(f) in _one_line_error(capsys)


@pytest.mark.parametrize(
    "argv",
    [
        ["run", str(DOC), "--out", "OUT", "--max-mb", "-1"],
        ["run", str(DOC), "--out", "OUT", "--max-mb", "0"],
        ["run", str(DOC), "--out", "OUT", "--workers", "0"],
        ["tables", str(DOC), "--rows", "-1"],
        ["annotate", "export", str(DOC), "--out", "OUT", "--n", "-2"],
    ],
)
def test_numeric_options_are_validated(argv, tmp_path, capsys):
    argv = [str(tmp_path / "o") if a == "OUT" else a for a in argv]
    assert main(argv) == 2
    assert re.search(r"must be .*got -?\d", _one_line_error(capsys))
    assert not (tmp_path / "o").exists()


def test_default_glob_list_is_the_same_in_help_and_in_the_error(tmp_path, capsys):
    from extract.batch import DEFAULT_PATTERNS

    with pytest.raises(SystemExit):
        main(["run", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert ", ".join(DEFAULT_PATTERNS) in help_text
    (tmp_path / "in").mkdir()
    assert main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "o")]) == 2
    assert ", ".join(DEFAULT_PATTERNS) in _one_line_error(capsys)


def test_train_help_names_the_models_it_trains(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    out = capsys.readouterr().out
    for name in ("kind", "subject", "metric", "reason", "confidence"):
        assert name in out


def test_every_exception_the_readme_lists_is_exported_from_extract():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"Errors are `extract\.ExtractError` subclasses \(([^)]*)\)", readme)
    assert m
    names = re.findall(r"`(\w+)`", m.group(1))
    assert len(names) >= 5
    for n in names:
        assert issubclass(getattr(extract, n), extract.ExtractError), n


def test_facts_listing_has_a_legend(capsys):
    assert main(["facts", str(DOC)]) == 0
    out = capsys.readouterr().out
    assert "metric id" in out and "confidence" in out and "- when none" in out
    assert re.search(r"\[[\w.]+\] 0\.\d\d", out)


def test_counts_use_plurals(tmp_path, capsys):
    assert main(["annotate", "export", str(DOC), "--out", str(tmp_path / "t.json"), "--n", "1"]) == 0
    assert "1 task from 1 document ->" in capsys.readouterr().out


def test_a_readme_in_the_folder_is_skipped_as_not_a_budget_document(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DOC, folder / DOC.name)
    (folder / "README.md").write_text("# Downloaded files\n\nFetched on 2024-05-01 from the portal, 12 files.\n", encoding="utf-8")
    (folder / "notes.txt").write_text("会议纪要：下午三点开会，共12人参加。\n", encoding="utf-8")
    s = extract.run([folder], out=tmp_path / "o", workers=1, progress=False)
    docs = {Path(d["path"]).name: d for d in map(json.loads, (tmp_path / "o" / "documents.jsonl").read_text(encoding="utf-8").splitlines())}
    assert docs[DOC.name]["status"] == "ok" and docs[DOC.name]["n_facts"] > 0
    for name in ("README.md", "notes.txt"):
        assert docs[name]["status"] == "skipped" and docs[name]["error"].startswith("not a budget document")
        assert docs[name]["n_facts"] == 0
    assert (s.n_ok, s.n_skipped, s.n_errors) == (1, 2, 0)
    facts = [json.loads(x) for x in (tmp_path / "o" / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert facts and {f["doc_id"] for f in facts} == {docs[DOC.name]["doc_id"]}


def test_bench_ratio_says_what_it_means():
    import importlib.util

    spec = importlib.util.spec_from_file_location("throughput", ROOT / "benchmarks" / "throughput.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.TARGET_RATIO == 4.0  # issue 13: the whole pipeline at ≥ 4× jieba.lcut
    low, mid, high = mod.explain_ratio(0.61), mod.explain_ratio(1.4), mod.explain_ratio(4.2)
    assert "0.61x" in low and "BELOW the target" in low and "jieba" in low
    assert "BELOW the target" in mid  # faster than jieba is not yet the target
    assert "meets the target" in high


def test_the_output_contract_is_in_the_repo_and_linked():
    contract = ROOT / "docs" / "CONTRACT.md"
    assert contract.is_file() and "documents.jsonl" in contract.read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/CONTRACT.md" in readme and "../shared/CONTRACT.md" not in readme
    assert '"skipped"' in contract.read_text(encoding="utf-8")


def test_readme_lists_the_prerequisites():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for need in ("python3-venv", "package index", "CJK font"):
        assert need in readme, need
