"""Write the pipeline's facts for each corpus document as annotation drafts to review.

    python -m training.preannotate [--corpus tests/data/corpus] [--out annotations/facts] [--force]

Existing annotation files are never overwritten unless --force, and then a backup is kept.
"""

from __future__ import annotations

from pathlib import Path

from extract.pipeline import extract_document
from training.drafts import write_drafts


def draft(path: Path) -> list[dict]:
    r = extract_document(path, is_text=False)
    text = r.text
    out = []
    by_id = {f.fact_id: f for f in r.facts}
    for f in r.facts:
        rec = {
            "doc": path.name,
            "line": text.count("\n", 0, f.span[0]) + 1,
            "start": f.span[0],
            "end": f.span[1],
            "surface": text[f.span[0] : f.span[1]],
            "kind": f.kind,
            "subject": f.subject,
            "value": f.value,
            "unit": f.unit,
            "direction": f.direction,
            "baseline": f.baseline,
            "text": f.text,
            "explains": by_id[f.explains].span[0] if f.explains in by_id else None,
            "review": [],
        }
        out.append(rec)
    return out


def main() -> None:
    write_drafts(draft, description=__doc__ or "", default_out="annotations/facts", summary=lambda recs: f"{len(recs)} drafts")


if __name__ == "__main__":
    main()
