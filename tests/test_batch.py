from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract import run
from extract.cli import build_parser, main
from extract.errors import UsageError

GOOD = "某某县医疗保障局2023年部门预算\n\n一、收支预算情况说明\n\n收入预算总额为271.33万元，较上年预算安排减少65.92万元。\n"


@pytest.fixture
def mixed_folder(tmp_path, corpus_files):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(corpus_files[0], src / "a.txt")
    (src / "sub" / "gbk.txt").write_bytes(GOOD.encode("gb18030"))
    (src / "empty.txt").write_bytes(b"")
    (src / "junk.txt").write_bytes(bytes(range(256)) * 10)
    (src / "dup.md").write_bytes((src / "a.txt").read_bytes())
    (src / "ignored.csv").write_text("a,b\n1,2\n")
    return src


def _read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_isolates_bad_files_and_records_them(mixed_folder, tmp_path):
    out = tmp_path / "out"
    summary = run([mixed_folder], out=out, workers=2, progress=False)
    docs = {d["path"].split("/")[-1]: d for d in _read(out / "documents.jsonl")}
    assert set(docs) == {"a.txt", "gbk.txt", "empty.txt", "junk.txt", "dup.md"}
    assert docs["empty.txt"]["status"] == "error" and "empty" in docs["empty.txt"]["error"]
    assert docs["junk.txt"]["status"] == "error" and "binary" in docs["junk.txt"]["error"]
    assert docs["gbk.txt"]["encoding"] == "gb18030" and docs["gbk.txt"]["n_facts"] == 2
    assert docs["dup.md"]["duplicate_of"].endswith("a.txt")
    assert summary.n_documents == 5 and summary.n_errors == 2
    facts = _read(out / "facts.jsonl")
    assert len({(f["doc_id"], f["fact_id"]) for f in facts}) == len(facts)
    assert not list(out.glob(".*.tmp*")) and not list(out.glob(".documents.jsonl.*"))


def test_resume_reuses_finished_documents(mixed_folder, tmp_path):
    out = tmp_path / "out"
    first = run([mixed_folder], out=out, workers=1, progress=False)
    again = run([mixed_folder], out=out, workers=1, progress=False, resume=True)
    assert again.n_reused == first.n_documents
    assert (out / "facts.jsonl").read_text() == (out / "facts.jsonl").read_text()


def test_output_is_deterministic_across_worker_counts(mixed_folder, tmp_path):
    run([mixed_folder], out=tmp_path / "o1", workers=1, progress=False)
    run([mixed_folder], out=tmp_path / "o2", workers=2, progress=False)
    a = [{k: v for k, v in d.items() if k != "seconds"} for d in _read(tmp_path / "o1" / "documents.jsonl")]
    b = [{k: v for k, v in d.items() if k != "seconds"} for d in _read(tmp_path / "o2" / "documents.jsonl")]
    assert a == b
    assert (tmp_path / "o1" / "facts.jsonl").read_text() == (tmp_path / "o2" / "facts.jsonl").read_text()


def test_no_inputs_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no input documents"):
        run([tmp_path], out=tmp_path / "out", progress=False)
    with pytest.raises(UsageError, match="no such file"):
        run([tmp_path / "missing"], out=tmp_path / "out", progress=False)


def test_cli_run_exit_codes(mixed_folder, tmp_path, capsys):
    assert main(["run", str(mixed_folder), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "documents: 5 (3 ok, 2 errors" in out
    assert main(["run", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "o2")]) == 2
    assert "error: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["facts", "--help"], ["tables", "--help"], ["report", "--help"], ["evaluate", "--help"]])
def test_every_command_has_help(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(argv)
    assert exc.value.code == 0
    assert "usage: budget-extract" in capsys.readouterr().out


def test_console_script_runs(tmp_path, corpus_files):
    r = subprocess.run([sys.executable, "-m", "extract", "facts", str(corpus_files[0])], capture_output=True, text=True, check=True)
    assert "收入预算总额 = 271.33 万元" in r.stdout


def test_no_models_runs_the_rules_alone(tmp_path):
    from extract.batch import run

    src = Path(__file__).parent / "data" / "corpus" / "09_sh_putuo_wanli_street_2024_budget.txt"
    a = run([src], out=tmp_path / "rules", workers=1, progress=False, use_models=False)
    b = run([src], out=tmp_path / "models", workers=1, progress=False)
    assert a.n_ok == b.n_ok == 1
    rules = [json.loads(x) for x in (tmp_path / "rules" / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    models = [json.loads(x) for x in (tmp_path / "models" / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rules and models
    # the metric ranker and the trained confidence change what the rules alone say
    assert [f["confidence"] for f in rules] != [f["confidence"] for f in models]


def test_the_local_pool_keeps_a_bounded_window_of_documents(monkeypatch) -> None:
    """A submitted document's future keeps its whole result: a batch must not submit all of them
    at once (peak memory grew with the batch, ≈ 4 GB at 10,000 documents)."""
    from concurrent.futures import ThreadPoolExecutor

    import extract.batch as batch

    outstanding: list[str] = []
    peak = 0

    class Counting(ThreadPoolExecutor):
        def __init__(self, max_workers: int, initializer=None) -> None:  # noqa: ANN001
            super().__init__(max_workers)

        def submit(self, fn, path, *args):  # noqa: ANN001, ANN202
            nonlocal peak
            outstanding.append(path)
            peak = max(peak, len(outstanding))
            return super().submit(lambda: {"path": path})

    monkeypatch.setattr(batch, "ProcessPoolExecutor", Counting)
    done: list[str] = []

    def finish(path: str, res: dict) -> None:
        assert res == {"path": path}
        outstanding.remove(path)
        done.append(path)

    todo = [f"doc{i}.txt" for i in range(200)]
    batch._run_pool(todo, finish, 2, ())
    assert sorted(done) == sorted(todo)
    assert peak <= batch.IN_FLIGHT_PER_WORKER * 2
