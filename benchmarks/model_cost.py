"""What the trained models add to end-to-end time: the pipeline with and without them over the
same documents (the issue's budget is ≤ 20 %), and each model's own share.

Every configuration runs in a fresh process after warming jieba and the models on an unrelated
text, so the documents meet cold caches — as unseen documents in a batch do. Repeating a run in
one process would time the rules' caches, not the work.

    python benchmarks/model_cost.py [--corpus tests/data/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
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
    from extract.facts import _tokenizer

    _tokenizer().lcut(_WARM)  # jieba's dictionary loads once per process, whatever the configuration
    t0 = time.perf_counter()
    for raw in docs:
        process(raw, models=models)
    return time.perf_counter() - t0


def read_document_text(text: str):  # noqa: ANN201 - a RawDocument
    from extract.ingest import document_from_text

    return document_from_text(text)


def timed(corpus: str, use: list[str], repeat: int) -> float:
    code = f"import json,sys; from benchmarks.model_cost import one_run; print(one_run({corpus!r}, {json.dumps(use)}))"
    runs = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()) for _ in range(repeat)]
    return min(runs)


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
    print(f"{len(list(Path(a.corpus).glob('*.txt')))} documents, best of {a.repeat} cold runs each")
    for name, t in best.items():
        print(f"  {name:<20} {t:.2f} s  ratio {t / base:.3f}")


if __name__ == "__main__":
    main()
