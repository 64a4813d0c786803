"""Check hand-labelled fact files against their documents before they become gold.

    python -m training.check_gold [--corpus corpus/wide] [--annotations annotations/wide/facts]

Every record must point at its own text (`text[start:end] == surface`, `line` = 1-based line of
`start`), carry the fields of annotations/README.md, use a known kind and a known metric id, and a
reason must explain an existing fact of the same file. Exit status 1 lists every problem, so a
labelling slip is caught before a model is trained or scored on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extract.ingest import read_document

KINDS = {"amount", "change", "percent", "headcount", "count", "reason"}
DIRECTIONS = {"increase", "decrease", "unchanged"}
FIELDS = ("doc", "line", "start", "end", "surface", "kind", "subject", "value", "unit", "direction",
          "baseline", "text", "explains", "review")
METRICS_FILE = Path(__file__).resolve().parent.parent / "extract" / "data" / "metrics.json"


def metric_ids() -> set[str]:
    data = json.loads(METRICS_FILE.read_text(encoding="utf-8"))
    return {m["id"] for m in data["metrics"]}


def check_record(rec: dict, text: str, name: str, metrics: set[str]) -> list[str]:
    """Problems of one record (empty when it is sound)."""
    where = f"{name}:{rec.get('start')}"
    missing = [f for f in FIELDS if f not in rec]
    if missing:
        return [f"{where}: missing fields {missing}"]
    out: list[str] = []
    start, end = rec["start"], rec["end"]
    if not (0 <= start < end <= len(text)) or text[start:end] != rec["surface"]:
        out.append(f"{where}: text[start:end] != surface {rec['surface']!r}")
    if rec["line"] != text.count("\n", 0, start) + 1:
        out.append(f"{where}: line {rec['line']} != {text.count(chr(10), 0, start) + 1}")
    if rec["doc"] != name:
        out.append(f"{where}: doc {rec['doc']!r} != file {name!r}")
    kind = rec["kind"]
    if kind not in KINDS:
        out.append(f"{where}: unknown kind {kind!r}")
    if not rec["subject"]:
        out.append(f"{where}: empty subject")
    if not rec["review"]:
        out.append(f"{where}: review is empty")
    if kind == "reason":
        if not rec["text"] or rec["explains"] is None:
            out.append(f"{where}: reason without text or explains")
    else:
        if not isinstance(rec["value"], (int, float)) or not rec["unit"]:
            out.append(f"{where}: value/unit missing")
        if "metric" not in rec or "metric_review" not in rec:
            out.append(f"{where}: metric or metric_review missing")
        elif rec["metric"] is not None and rec["metric"] not in metrics:
            out.append(f"{where}: unknown metric {rec['metric']!r}")
    if kind == "change":
        if rec["direction"] not in DIRECTIONS or not rec["baseline"]:
            out.append(f"{where}: change without direction or baseline")
        elif (rec["direction"] == "unchanged") != (rec["value"] == 0):
            out.append(f"{where}: direction {rec['direction']} does not fit value {rec['value']}")
        elif rec["direction"] == "decrease" and rec["value"] > 0:
            out.append(f"{where}: decrease with a positive value")
    elif kind != "reason" and (rec["direction"] is not None or rec["baseline"] is not None):
        out.append(f"{where}: direction/baseline on a {kind}")
    return out


def check_file(path: Path, corpus: Path, metrics: set[str]) -> list[str]:
    name = path.name.removesuffix(".jsonl")
    text = read_document(corpus / name).text
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: list[str] = []
    starts = {r.get("start") for r in recs if r.get("kind") != "reason"}
    seen: set[tuple] = set()
    for rec in recs:
        out += check_record(rec, text, name, metrics)
        key = (rec.get("start"), rec.get("kind"))
        if key in seen:
            out.append(f"{name}:{rec.get('start')}: duplicate record")
        seen.add(key)
        if rec.get("kind") == "reason" and rec.get("explains") not in starts:
            out.append(f"{name}:{rec.get('start')}: explains {rec.get('explains')} is no fact's start")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="corpus/wide")
    ap.add_argument("--annotations", default="annotations/wide/facts")
    args = ap.parse_args(argv)
    metrics = metric_ids()
    root = Path(args.annotations)
    if not any(root.glob("*.jsonl")) and (root / "facts").is_dir():
        root = root / "facts"  # the annotations folder itself (as `evaluate --annotations` takes it)
    files = sorted(root.glob("*.jsonl"))
    if not files:
        print(f"no annotation files under {args.annotations}", file=sys.stderr)
        return 2
    problems: list[str] = []
    n = 0
    for path in files:
        problems += check_file(path, Path(args.corpus), metrics)
        n += sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    for p in problems:
        print(p)
    print(f"{len(files)} files, {n} records, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
