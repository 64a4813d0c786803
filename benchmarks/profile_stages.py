"""Where the time goes: CPU seconds per pipeline stage over the dev corpus ×N, and the top
functions by own time (cProfile).

    python benchmarks/profile_stages.py [--copies 3] [--top 25] [--corpus tests/data/corpus]

Each copy gets a distinct first line so caches keyed by text do not make later copies free.
Stages are timed by calling the pipeline's stage functions in the order `pipeline.process` does.
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

    from extract.align import AlignStats, align
    from extract.checks import CheckInput, run_checks
    from extract.facts import extract_facts
    from extract.ingest import document_from_text
    from extract.layout import parse_layout
    from extract.metric_model import assign_metrics
    from extract.model import Models, calibrate
    from extract.normalize import normalize
    from extract.pipeline import process
    from extract.reason_model import attach_reasons
    from extract.tables import parse_tables

    base = [p.read_text(encoding="utf-8") for p in sorted(Path(a.corpus).glob("*.txt"))]
    docs = [document_from_text(f"副本{i}\n" + t) for i in range(a.copies) for t in base]
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    models = Models.shipped()
    for t in base:  # warm jieba's dictionary, the models and the compiled patterns before timing
        process(document_from_text("预热\n" + t))

    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, fn, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        t0 = time.process_time()
        out = fn(*args, **kw)
        spent[name] += time.process_time() - t0
        return out

    prof = cProfile.Profile()
    prof.enable()
    for raw in docs:
        mapped = timed("normalize", normalize, raw.text)
        layout = timed("layout", parse_layout, mapped)
        facts = timed("facts (rules + kind ranker)", extract_facts, layout, doc_id=raw.doc_id, kind_model=models.kind, subject_model=models.subject)
        facts = timed("metric ranker", assign_metrics, facts, models.metric)
        facts = timed("reason ranker", attach_reasons, facts, models.reason)
        if models.confidence is not None:
            facts = timed("confidence", calibrate, facts, models.confidence)
        tables = timed("tables", parse_tables, layout.blocks, doc_id=raw.doc_id)
        cells = [c for t in tables for c in t.cells]
        alignments = timed("align", align, facts, cells, stats=AlignStats())
        ci = CheckInput(doc_id=raw.doc_id, text=raw.text, year=layout.year, facts=facts, tables=tables, alignments=alignments, toc_titles=layout.toc)
        timed("checks", run_checks, ci)
    prof.disable()

    total = sum(spent.values())
    print(f"{len(docs)} documents, {mb:.2f} MB, {total:.2f} CPU s under the profiler ({mb / total:.2f} MB/s)")
    for name, t in sorted(spent.items(), key=lambda x: -x[1]):
        print(f"  {name:<28} {t:6.2f} s  {100 * t / total:5.1f} %")
    print()
    pstats.Stats(prof).sort_stats("tottime").print_stats(a.top)


if __name__ == "__main__":
    main()
