"""Review sheets for the metric labels of the gold facts, and merging reviewed sheets back.

    python -m training.metric_sheets export --out sheets/   # one sheet per document, drafts from the taxonomy rules
    python -m training.metric_sheets merge sheets/ --pass pass1   # write `metric` into annotations/facts

A sheet line is one gold fact (reasons excluded) with its context and a draft `metric`; the reviewer
sets `metric` to a taxonomy id from extract/data/metrics.json or null. Merging keeps a backup.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from extract.batch import atomic_write_text
from extract.ingest import read_document
from extract.resources import metrics
from extract.taxonomy import metric_for

FACTS = Path("annotations/facts")


def _context(text: str, start: int, end: int) -> str:
    a = max(text.rfind("\n", 0, start), text.rfind("。", 0, start), start - 120) + 1
    b_candidates = [i for i in (text.find("\n", end), text.find("。", end)) if i != -1]
    b = min(b_candidates + [end + 60])
    return text[a:start] + "【" + text[start:end] + "】" + text[end:b + 1]


def export(out: Path, corpus: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for f in sorted(FACTS.glob("*.jsonl")):
        recs = [json.loads(line) for line in f.open(encoding="utf-8")]
        text = read_document(corpus / recs[0]["doc"]).text if recs else ""
        rows = []
        for i, r in enumerate(recs):
            if r["kind"] == "reason":
                continue
            draft = r.get("metric") if "metric_review" in r else metric_for(r.get("subject") or "", kind=r["kind"])
            rows.append({"i": i, "line": r["line"], "kind": r["kind"], "surface": r["surface"], "subject": r.get("subject"),
                         "value": r.get("value"), "unit": r.get("unit"), "context": _context(text, r["start"], r["end"]),
                         "metric": draft, "note": r.get("metric_note")})
        atomic_write_text(out / f.name, (json.dumps(x, ensure_ascii=False) + "\n" for x in rows))
        print(f"wrote {out / f.name} ({len(rows)} facts)")


def merge(sheets: Path, stamp: str) -> None:
    ids = {m.id for m in metrics()}
    for sheet in sorted(sheets.glob("*.jsonl")):
        target = FACTS / sheet.name
        recs = [json.loads(line) for line in target.open(encoding="utf-8")]
        rows = [json.loads(line) for line in sheet.open(encoding="utf-8")]
        for row in rows:
            m = row.get("metric")
            if m is not None and m not in ids:
                raise SystemExit(f"{sheet.name} line {row['line']}: unknown metric id {m!r}")
            r = recs[row["i"]]
            if r["surface"] != row["surface"] or r["kind"] != row["kind"]:
                raise SystemExit(f"{sheet.name}: row {row['i']} no longer matches the annotations")
            r["metric"] = m
            if row.get("note"):
                r["metric_note"] = row["note"]
            r["metric_review"] = sorted(set(r.get("metric_review", [])) | {stamp})
        shutil.copy2(target, target.with_suffix(f".jsonl.bak-{int(time.time())}"))
        atomic_write_text(target, (json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
        print(f"merged {sheet.name} ({len(rows)} facts, {stamp})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export")
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--corpus", type=Path, default=Path("tests/data/corpus"))
    m = sub.add_parser("merge")
    m.add_argument("sheets", type=Path)
    m.add_argument("--pass", dest="stamp", required=True)
    a = ap.parse_args()
    if a.cmd == "export":
        export(a.out, a.corpus)
    else:
        merge(a.sheets, a.stamp)


if __name__ == "__main__":
    main()
