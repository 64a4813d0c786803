"""Shared plumbing of the pre-annotation scripts: one draft file per corpus document, never
overwriting reviewed annotations without --force and a backup."""

from __future__ import annotations

import argparse
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from extract.batch import atomic_write_text


def write_drafts(draft: Callable[[Path], list[dict]], *, description: str, default_out: str, summary: Callable[[list[dict]], str]) -> None:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--corpus", default="tests/data/corpus")
    ap.add_argument("--out", default=default_out)
    ap.add_argument("--force", action="store_true", help="replace existing files (a timestamped backup is kept)")
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
        print(f"wrote {target} ({summary(recs)})")
