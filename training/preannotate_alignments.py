"""Drafts of gold alignments and findings to review.

    python -m training.preannotate_alignments [--corpus tests/data/corpus] [--facts annotations/facts] [--force]

alignments/<doc>.jsonl: one line per money amount of the gold facts (annotations/facts), with the
table cell the aligner chose (or null). findings/<doc>.jsonl: the checks' findings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extract.align import MONEY
from extract.pipeline import extract_document
from training.drafts import write_drafts

FACTS = Path("annotations/facts")


def draft_alignments(path: Path, facts: Path = FACTS) -> list[dict]:
    r = extract_document(path, is_text=False)
    text = r.text
    gold = [json.loads(x) for x in (facts / f"{path.name}.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    by_fact = {a.fact_id: a for a in r.alignments}
    cells = {c.span: c for c in r.cells}
    out = []
    for g in gold:
        if g["kind"] != "amount" or g.get("unit") not in MONEY:
            continue
        pf = next((f for f in r.facts if f.kind == "amount" and f.span[0] < g["end"] and g["start"] < f.span[1]), None)
        a = by_fact.get(pf.fact_id) if pf else None
        cell = cells.get(tuple(a.cell_span)) if a and a.cell_span else None
        out.append({
            "doc": path.name, "fact_start": g["start"], "fact_end": g["end"], "surface": g["surface"], "line": g["line"],
            "subject": g["subject"], "value": g["value"], "unit": g["unit"],
            "cell": None if cell is None else {"table_title": cell.table_title, "row_label": cell.row_label, "column": cell.column,
                                               "value": cell.value, "unit": cell.unit, "start": cell.span[0], "end": cell.span[1],
                                               "surface": text[cell.span[0]:cell.span[1]]},
            "status": a.status if a else "none", "review": [],
        })
    return out


def draft_findings(path: Path) -> list[dict]:
    r = extract_document(path, is_text=False)
    return [{"doc": path.name, "check": f.check, "severity": f.severity, "message": f.message,
             "start": f.span[0] if f.span else None, "end": f.span[1] if f.span else None, "review": []} for f in r.findings]


def main() -> None:
    what = sys.argv.pop(1) if len(sys.argv) > 1 and sys.argv[1] in ("alignments", "findings") else "alignments"
    facts = FACTS
    if "--facts" in sys.argv:  # the gold facts of another corpus (annotations/wide/facts)
        at = sys.argv.index("--facts")
        facts = Path(sys.argv[at + 1])
        del sys.argv[at : at + 2]
    if what == "alignments":
        write_drafts(lambda p: draft_alignments(p, facts), description=__doc__ or "", default_out="annotations/alignments", summary=lambda recs: f"{len(recs)} amounts, {sum(r['cell'] is not None for r in recs)} aligned")
    else:
        write_drafts(draft_findings, description=__doc__ or "", default_out="annotations/findings", summary=lambda recs: f"{len(recs)} findings")


if __name__ == "__main__":
    main()
