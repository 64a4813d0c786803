"""Batch scale benchmark: a synthetic corpus of N documents through `budget-extract run`.

    python benchmarks/scale.py --n 1000 [--workers 2] [--engine local|dask] [--keep DIR]

The corpus is the dev corpus and the wide corpus (tests/data/corpus and corpus/wide, or the folders
given with --corpus, repeatable) replicated with variation, the base documents taken in turn (so a
run has the mix of the two: a few long 部门预算/决算 reports among many web pages and 三公 summaries;
`--corpus tests/data/corpus` alone is the long-report worst case): every
copy gets its own place names (XX区/县/市 → a generated name) and its amounts scaled by a random
factor (years, dates and codes kept) and a first line of its own, so no two documents share bytes and nothing is cached by
content. Reports wall time, documents/s, MB/s, the peak RSS of the largest process (the
parent or a worker), and the size of every output. 10k and 100k are manual runs (see README).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PLACE = re.compile(r"[\u4e00-\u9fff]{2}(?=[区县市])")
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{1,2})(?![\d.])")
_SYLLABLES = "安宁和平长乐永丰兴华青山石桥东阳南溪北岭西城白水金沙云台"


def _vary(text: str, rnd: random.Random) -> str:
    names: dict[str, str] = {}  # one new name per place name, used consistently in the copy
    text = _PLACE.sub(lambda m: names.setdefault(m.group(), "".join(rnd.choice(_SYLLABLES) for _ in range(2))), text)
    factor = rnd.uniform(0.5, 2.0)

    def scale(m: re.Match[str]) -> str:  # only decimals: amounts, not years, dates or codes
        places = len(m.group(2))
        v = float(m.group(1).replace(",", "") + "." + m.group(2)) * factor
        s = f"{v:,.{places}f}" if "," in m.group(1) else f"{v:.{places}f}"
        return s

    return _AMOUNT.sub(scale, text)


def build_corpus(n: int, dest: Path, corpus: Path | list[Path], seed: int = 7) -> int:
    """N varied copies of the corpus documents under dest (100 per folder); total bytes."""
    folders = [corpus] if isinstance(corpus, Path) else corpus
    base = [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))]
    rnd = random.Random(seed)
    total = 0
    for i in range(n):
        sub = dest / f"{i // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        # (a first line of its own, as benchmarks/throughput.py does: a page with neither place names
        # nor decimals would otherwise repeat byte for byte and be counted once, as a duplicate)
        text = f"副本{i}\n" + _vary(base[i % len(base)], rnd)
        data = text.encode("utf-8")
        (sub / f"doc{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def _size(p: Path) -> int:
    return p.stat().st_size if p.is_file() else sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engine", choices=("local", "dask"), default="local")
    ap.add_argument("--corpus", action="append", default=None, metavar="DIR", help="base documents (*.txt); repeatable (default: the dev and the wide corpus)")
    ap.add_argument("--keep", default=None, metavar="DIR", help="build the corpus and outputs here and keep them")
    ap.add_argument("--no-models", action="store_true")
    a = ap.parse_args()

    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="scale_bench_"))
    src, out = work / "corpus", work / "out"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    if not src.is_dir() or sum(1 for _ in src.rglob("*.txt")) != a.n:
        shutil.rmtree(src, ignore_errors=True)
        folders = [Path(c) for c in a.corpus] if a.corpus else [ROOT / "tests" / "data" / "corpus", ROOT / "corpus" / "wide"]
        nbytes = build_corpus(a.n, src, folders)
    else:
        nbytes = sum(p.stat().st_size for p in src.rglob("*.txt"))
    print(f"corpus: {a.n} documents, {nbytes / 1e6:.1f} MB (built in {time.perf_counter() - t0:.1f} s) in {src}")

    cmd = [sys.executable, "-m", "extract", "run", str(src), "--out", str(out), "--workers", str(a.workers), "--quiet", "--engine", a.engine]
    if a.no_models:
        cmd.append("--no-models")
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"run failed ({r.returncode}): {r.stderr[-2000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss / 1024  # the largest single process, MB
    cpu = usage.ru_utime + usage.ru_stime  # robust to other load on a shared machine
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    print(f"run ({a.engine}, {a.workers} workers): {wall:.1f} s wall, {a.n / wall:.2f} documents/s, {nbytes / 1e6 / wall:.2f} MB/s")
    print(f"  CPU {cpu:.1f} s over all processes: {a.n / cpu:.2f} documents per CPU second, {nbytes / 1e6 / cpu:.2f} MB per CPU second")
    print(f"  documents ok {summary['n_ok']}, skipped {summary.get('n_skipped', 0)}, errors {summary['n_errors']}; facts {sum(summary['facts_by_kind'].values())}, cells {summary['n_cells']}")
    print(f"peak RSS of the largest process (parent or worker): {peak:.0f} MB")
    print("outputs:")
    for p in sorted(out.iterdir()):
        print(f"  {p.name:<20} {_size(p) / 1e6:8.2f} MB")
    per_doc = wall / a.n
    print(f"estimate at this rate: 10k {10_000 * per_doc / 60:.0f} min, 100k {100_000 * per_doc / 60:.0f} min ({a.workers} workers); "
          f"on {a.workers} idle cores: 100k {100_000 / (a.n / cpu) / a.workers / 60:.0f} min")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
