"""Facts and table cells from the dev PDFs read directly vs. their pdftotext texts.

The gold annotations index the pdftotext texts; each gold fact/cell is carried over to the text
the PDF reader produces by its sentence context and value (whitespace ignored), then both routes
are scored with the same scorer. Prints per-document F1 (facts correct, cells correct) and the
PDF route's reading speed in pages/s.

    python -m benchmarks.pdf_routes [--pdf-dir ../shared/corpus/dev/pdf]
"""

from __future__ import annotations

import argparse
import bisect
import re
import time
from pathlib import Path

from extract.evaluate import Score, TableScore, load_gold, score_document, score_tables
from extract.ingest import RawDocument, read_document, sha256_of
from extract.pipeline import process
from extract.readers.base import join_results
from extract.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the checkout (or two levels up for a git worktree under wt/)
PDF_DIRS = [r / "shared" / "corpus" / "dev" / "pdf" for r in (ROOT.parent, ROOT.parent.parent)]
_FOOTER = re.compile(r"^[ \t\f]*[-─—–]*[ \t]*\d{1,4}[ \t]*[-─—–]*[ \t]*$", re.M)
CONTEXTS = (40, 24, 16, 10, 6, 3, 0)  # characters (whitespace ignored) of context tried on each side


class Mapper:
    """Old-text offsets → new-text offsets by matching whitespace-free context."""

    def __init__(self, old: str, new: str) -> None:
        # page-number footers (─ 7 ─) sit inside pdftotext's sentences but not the reader's:
        # blank them (same length, so offsets stay) before matching context
        old = _FOOTER.sub(lambda m: " " * len(m.group()), old)
        self.old_idx = [i for i, c in enumerate(old) if not c.isspace()]
        self.new_idx = [i for i, c in enumerate(new) if not c.isspace()]
        self.old_s = "".join(old[i] for i in self.old_idx)
        self.new_s = "".join(new[i] for i in self.new_idx)
        self.new_len = len(new)
        self.cursor = 0  # both texts keep the document's order: search on from the last match

    def map(self, start: int, end: int) -> tuple[int, int] | None:
        a = bisect.bisect_left(self.old_idx, start)
        b = bisect.bisect_left(self.old_idx, end)
        if a >= b:
            return None
        expect = a * len(self.new_s) / max(len(self.old_s), 1)
        for ctx in CONTEXTS:
            lo, hi = max(0, a - ctx), min(len(self.old_s), b + ctx)
            needle = self.old_s[lo:hi]
            hits = [m.start() for m in re.finditer(re.escape(needle), self.new_s)]
            if not hits or (ctx == 0 and len(hits) > 1 and len(needle) < 3):
                continue
            ahead = [x for x in hits if x >= self.cursor - 50]
            h = hits[0] if len(hits) == 1 else ahead[0] if ahead else min(hits, key=lambda x: abs(x - expect))
            s = h + (a - lo)
            e = s + (b - a)
            if len(hits) == 1 and ctx:
                self.cursor = h
            return self.new_idx[s], self.new_idx[e - 1] + 1
        return None


def map_gold(gold: list[dict], old: str, new: str) -> tuple[list[dict], int]:
    m = Mapper(old, new)
    out, lost = [], 0
    for g in sorted(gold, key=lambda g: g.get("start", 0)):
        g = dict(g)
        if "start" in g and g.get("end") is not None:
            span = m.map(g["start"], g["end"])
            if span is None:
                lost += 1
                g["start"], g["end"] = -10, -9
            else:
                g["start"], g["end"] = span
        if isinstance(g.get("explains"), int):
            sp = m.map(g["explains"], g["explains"] + 1)
            g["explains"] = sp[0] if sp else None
        out.append(g)
    return out, lost


def pdf_parts(pdf_dir: Path, stem: str) -> list[Path]:
    one = pdf_dir / f"{stem}.pdf"
    return [one] if one.exists() else sorted(pdf_dir.glob(f"{stem}.part*.pdf"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pdf-dir", default=str(next((d for d in PDF_DIRS if d.is_dir()), PDF_DIRS[0])))
    args = ap.parse_args()
    pdf_dir = Path(args.pdf_dir)
    facts_gold = load_gold(ROOT / "annotations" / "facts")
    tables_gold = load_gold(ROOT / "annotations" / "tables")
    corpus = ROOT / "tests" / "data" / "corpus"
    print(f"{'document':48} {'facts txt':>9} {'facts pdf':>9} {'cells txt':>9} {'cells pdf':>9}  lost gold")
    tot = {k: (Score(), TableScore()) for k in ("txt", "pdf")}
    pages = 0
    read_s = extract_s = 0.0
    for name in sorted(facts_gold):
        stem = name.removesuffix(".txt")
        parts = pdf_parts(pdf_dir, stem)
        if not parts:
            continue
        t0 = time.process_time()
        res = [read_pdf(p.read_bytes(), name=p.name) for p in parts]
        read_s += time.process_time() - t0
        joined = join_results(res)
        pages += joined.pages or 0
        data = b"".join(p.read_bytes() for p in parts)
        raw_pdf = RawDocument(str(parts[0]), joined.text, "pdf", sha256_of(data), len(data), "pdf", joined.pages, True, joined.locations)
        raw_txt = read_document(corpus / name)
        row = []
        lost = 0
        for route, raw in (("txt", raw_txt), ("pdf", raw_pdf)):
            t1 = time.process_time()
            r = process(raw)
            if route == "pdf":
                extract_s += time.process_time() - t1
            fg, tg = facts_gold[name], tables_gold.get(name, [])
            if route == "pdf":
                fg, l1 = map_gold(fg, raw_txt.text, raw.text)
                tg, l2 = map_gold(tg, raw_txt.text, raw.text)
                lost = l1 + l2
            s, ts = Score(), TableScore()
            for acc_s, acc_t in ((s, ts), tot[route]):
                score_document(r.facts, fg, acc_s, doc=name)
                score_tables(r.cells, r.indicators, tg, acc_t, doc=name)
            row.append((s.total("correct").f1, ts.correct.f1))
        print(f"{stem:48} {row[0][0]:9.3f} {row[1][0]:9.3f} {row[0][1]:9.3f} {row[1][1]:9.3f}  {lost}")
    print(f"{'all':48} {tot['txt'][0].total('correct').f1:9.3f} {tot['pdf'][0].total('correct').f1:9.3f} {tot['txt'][1].correct.f1:9.3f} {tot['pdf'][1].correct.f1:9.3f}")
    print(f"PDF reading: {pages} pages in {read_s:.2f} CPU s = {pages / read_s:.0f} pages/s/core")
    print(f"extraction of the read text: {extract_s:.2f} CPU s = {pages / extract_s:.0f} pages/s/core (reading is {read_s / (read_s + extract_s):.0%} of the PDF route)")


if __name__ == "__main__":
    main()
