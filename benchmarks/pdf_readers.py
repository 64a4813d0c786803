"""Which PDF library reads the text layer: pypdfium2, pdfplumber (pdfminer.six) and pypdf.

For each library: characters with positions from the first N pages of every dev PDF (what the
reader needs to rebuild lines and columns), CPU seconds → pages/s, and the quality of its text:
F1 of character bigrams (whitespace removed) against the pdftotext texts in tests/data/corpus,
which also catches characters out of reading order.

    pip install -e ".[bench]"; python -m benchmarks.pdf_readers [--pages 8]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF_DIRS = [r / "shared" / "corpus" / "dev" / "pdf" for r in (ROOT.parent, ROOT.parent.parent)]


def with_pypdfium2(path: Path, n: int) -> tuple[int, str]:
    import io

    import pypdfium2 as pdfium

    from extract.readers.pdf import read_pdf

    doc = pdfium.PdfDocument(path)
    pages = min(n, len(doc))
    w = pdfium.PdfDocument.new()
    w.import_pages(doc, list(range(pages)))
    buf = io.BytesIO()
    w.save(buf)
    return pages, read_pdf(buf.getvalue()).text  # the whole reader: chars, boxes, lines, columns


def with_pdfplumber(path: Path, n: int) -> tuple[int, str]:
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages[:n]
        for p in pages:
            out.append(p.extract_text(layout=True) or "")  # uses the chars with positions
        return len(pages), "\n".join(out)


def with_pypdf(path: Path, n: int) -> tuple[int, str]:
    from pypdf import PdfReader

    r = PdfReader(path)
    pages = r.pages[:n]
    return len(pages), "\n".join(p.extract_text(extraction_mode="layout") or "" for p in pages)


def bigrams(s: str) -> Counter[str]:
    s = "".join(s.split())
    return Counter(s[i : i + 2] for i in range(len(s) - 1))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10_000, help="pages read from each PDF (fewer: faster, but the F1 then only means precision)")
    args = ap.parse_args()
    pdf_dir = next((d for d in PDF_DIRS if d.is_dir()), None)
    if pdf_dir is None:
        raise SystemExit("no ../shared/corpus/dev/pdf")
    pdfs = sorted(pdf_dir.glob("*.pdf"))
    print(f"{'library':12} {'pages':>5} {'CPU s':>7} {'pages/s':>8} {'bigram F1 vs pdftotext':>24}")
    import logging

    logging.disable(logging.WARNING)  # pypdf warns on every rotated page
    for name, fn in (("pypdfium2", with_pypdfium2), ("pdfplumber", with_pdfplumber), ("pypdf", with_pypdf)):
        pages = 0
        cpu = 0.0
        tp = n_pred = n_ref = 0
        for p in pdfs:
            t0 = time.process_time()
            k, text = fn(p, args.pages)
            cpu += time.process_time() - t0
            pages += k
            ref_text = (ROOT / "tests" / "data" / "corpus" / (p.name.split(".")[0] + ".txt")).read_text(encoding="utf-8")
            pred, ref = bigrams(text), bigrams(ref_text)
            tp += sum((pred & ref).values())
            n_pred += sum(pred.values())
            n_ref += sum(ref.values())
        f1 = 2 * tp / (n_pred + n_ref) if n_pred + n_ref else 0.0
        print(f"{name:12} {pages:5d} {cpu:7.2f} {pages / cpu:8.1f} {f1:24.3f}")


if __name__ == "__main__":
    main()
