"""Write the pipeline's facts for each corpus document as annotation drafts to review.

    python training/preannotate.py [--corpus tests/data/corpus] [--out annotations/facts] [--force]

Existing annotation files are never overwritten unless --force, and then a backup is kept.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from extract.batch import atomic_write_text
from extract.pipeline import extract_document


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
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default="tests/data/corpus")
    ap.add_argument("--out", default="annotations/facts")
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args()
    out = Path(a.out)
    for path in sorted(Path(a.corpus).glob("*.txt")):
        target = out / f"{path.name}.jsonl"
        if target.exists():
            if not a.force:
                print(f"keep {target} (exists; --force to replace, a backup is kept)")
                continue
            shutil.copy2(target, target.with_suffix(f".jsonl.bak-{int(time.time())}"))
        recs = draft(path)
        atomic_write_text(target, (json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
        print(f"wrote {target} ({len(recs)} drafts)")


if __name__ == "__main__":
    main()
