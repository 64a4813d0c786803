"""Write the pipeline's facts for each corpus document as annotation drafts to review.

    python -m training.preannotate [--corpus tests/data/corpus] [--out annotations/facts] [--force]

Existing annotation files are never overwritten unless --force, and then a backup is kept.
"""

from __future__ import annotations

from pathlib import Path

from extract.annotate import fact_record
from extract.pipeline import extract_document
from training.drafts import write_drafts


def draft(path: Path) -> list[dict]:
    r = extract_document(path, is_text=False)
    starts = {f.fact_id: f.span[0] for f in r.facts}
    # the same record `budget-extract annotate export --format jsonl` writes, without the confidence
    return [{k: v for k, v in fact_record(path.name, r.text, f, starts).items() if k != "confidence"} for f in r.facts]


def main() -> None:
    write_drafts(draft, description=__doc__ or "", default_out="annotations/facts", summary=lambda recs: f"{len(recs)} drafts")


if __name__ == "__main__":
    main()
