"""Where the time goes: CPU seconds per pipeline stage over the dev corpus ×N, and the top
functions by own time (cProfile).

    python benchmarks/profile_stages.py [--copies 3] [--top 25] [--corpus tests/data/corpus]

Each copy gets a distinct first line so caches keyed by text do not make later copies free.
Stages are the pipeline's own list (`build_stages`), each timed in CPU seconds as it runs.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--corpus", default=str(ROOT / "tests" / "data" / "corpus"))
    a = ap.parse_args()

    from extract.ingest import document_from_text
    from extract.pipeline import build_stages, new_doc

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(a.corpus).glob("*.txt"))]
    stages = build_stages()
    doc = new_doc(document_from_text(texts[0]))  # every stage once: models, jieba, lexicons loaded before timing
    for t in stages:
        doc = t.run(doc)
    cpu: dict[str, float] = defaultdict(float)
    prof = cProfile.Profile()
    prof.enable()
    for i in range(a.copies):
        for j, text in enumerate(texts):
            doc = new_doc(document_from_text(f"副本{i}-{j}\n" + text))
            for s in stages:
                t0 = time.process_time()
                doc = s.run(doc)
                cpu[s.name] += time.process_time() - t0
    prof.disable()
    total = sum(cpu.values())
    print(f"{len(texts) * a.copies} documents, {total:.2f} CPU s in the stages")
    for name, sec in sorted(cpu.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<11} {sec:7.2f} s  {sec / total:6.1%}")
    print()
    pstats.Stats(prof).sort_stats("tottime").print_stats(a.top)


if __name__ == "__main__":
    main()
