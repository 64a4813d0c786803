"""What the trained models add to end-to-end time (the issue's budget is ≤ 20 %): a batch run with
and without them, and the pipeline alone with and without each model.

Times are CPU seconds (process time), not wall time: on a shared virtual machine other guests
steal the CPU unpredictably and wall-clock ratios swing by ±30 %. Every configuration runs in a fresh process after warming jieba and the models on an unrelated
text, so the documents meet cold caches — as unseen documents in a batch do. Repeating a run in
one process would time the rules' caches, not the work.

    python benchmarks/model_cost.py [--corpus tests/data/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from extract.ingest import read_document
from extract.model import Models
from extract.pipeline import process

_WARM = "一、收入预算情况\n某单位收入预算总额为12.5万元，较上年增加1.2万元，主要原因是人员增加。\n"


def one_run(corpus: str, use: list[str]) -> float:
    shipped = Models.shipped()
    models = Models(**{n: getattr(shipped, n) for n in use})
    docs = [read_document(p) for p in sorted(Path(corpus).glob("*.txt"))]
    process(read_document_text(_WARM), models=models)
    from extract.tokens import tokenizer

    tokenizer().lcut(_WARM)  # jieba's dictionary loads once per process, whatever the configuration
    t0 = time.process_time()
    for raw in docs:
        process(raw, models=models)
    return time.process_time() - t0


def read_document_text(text: str):  # noqa: ANN201 - a RawDocument
    from extract.ingest import document_from_text

    return document_from_text(text)


def timed(corpus: str, use: list[str], repeat: int) -> float:
    code = f"import json,sys; from benchmarks.model_cost import one_run; print(one_run({corpus!r}, {json.dumps(use)}))"
    runs = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()) for _ in range(repeat)]
    return min(runs)


def batch_time(corpus: str, models: bool) -> float:
    """`budget-extract run` on the corpus, one worker, as a user runs it (start-up, jieba, writing)."""
    import shutil
    import tempfile

    out = tempfile.mkdtemp(prefix="model_cost_")
    cmd = [sys.executable, "-m", "extract.cli", "run", corpus, "--out", out, "--quiet", "--workers", "1", *([] if models else ["--no-models"])]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    took = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shutil.rmtree(out, ignore_errors=True)
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="tests/data/corpus")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    shipped = [n for n in Models.NAMES if getattr(Models.shipped(), n) is not None]
    configs: dict[str, list[str]] = {"rules only": [], **{f"+ {n}": [n] for n in shipped}, "all shipped models": shipped}
    best = dict.fromkeys(configs, float("inf"))
    for _ in range(a.repeat):  # interleaved, so a busy spell on a shared machine hits every configuration
        for name, use in configs.items():
            best[name] = min(best[name], timed(a.corpus, use, 1))
    base = best["rules only"]
    print(f"pipeline only: {len(list(Path(a.corpus).glob('*.txt')))} documents, best of {a.repeat} cold runs each (jieba loaded before timing)")
    for name, t in best.items():
        print(f"  {name:<20} {t:.2f} s  ratio {t / base:.3f}")
    runs = {"--no-models": float("inf"), "models": float("inf")}
    for _ in range(a.repeat):
        runs["--no-models"] = min(runs["--no-models"], batch_time(a.corpus, False))
        runs["models"] = min(runs["models"], batch_time(a.corpus, True))
    print(f"end to end (`budget-extract run`, 1 worker, best of {a.repeat}): rules {runs['--no-models']:.2f} s, "
          f"models {runs['models']:.2f} s, ratio {runs['models'] / runs['--no-models']:.3f}")


if __name__ == "__main__":
    main()
