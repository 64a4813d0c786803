"""What the trained models add to end-to-end time: the pipeline with and without them, same
process, same documents (the issue's budget is ≤ 20 %).

    python benchmarks/model_cost.py [--corpus tests/data/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from extract.ingest import read_document
from extract.model import shipped_model
from extract.pipeline import process


def timed(docs, calibrate: bool, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for raw in docs:
            process(raw, calibrate_confidence=calibrate)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="tests/data/corpus")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    docs = [read_document(p) for p in sorted(Path(a.corpus).glob("*.txt"))]
    shipped_model("confidence")  # loading is once per process; not part of per-document cost
    timed(docs, True, 1)  # warm jieba and caches
    base = timed(docs, False, a.repeat)
    with_models = timed(docs, True, a.repeat)
    print(f"{len(docs)} documents: rules only {base:.2f} s, with models {with_models:.2f} s, ratio {with_models / base:.3f}")


if __name__ == "__main__":
    main()
