"""A finished run's outputs as pandas DataFrames, so an analysis starts with one line:

    import extract
    out = extract.load("out/run")
    out.facts[out.facts.metric == "three_public.total"]

pandas is an optional dependency (`pip install "budget-extract[data]"`); the JSONL files stay the
contract (docs/CONTRACT.md) and these frames hold exactly their fields, plus — on facts, tables,
indicators, alignments and findings — the document's `file`, `department`, `year` and `doc_kind`
so a frame can be grouped by department and year without a join.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

RECORDS = ("documents", "facts", "tables", "indicators", "alignments", "findings")
DOC_COLUMNS = ("file", "department", "year", "doc_kind")


def _columns() -> dict[str, list[str]]:
    """The contract's field names per record file (for the columns of an empty frame)."""
    from .align import Alignment
    from .records import DocumentRecord, Fact, Finding, Indicator, TableCell

    return {
        name: [f.name for f in fields(cls)]
        for name, cls in zip(RECORDS, (DocumentRecord, Fact, TableCell, Indicator, Alignment, Finding), strict=True)
    }


@dataclass
class RunOutputs:
    """One DataFrame per record file, and summary.json as a dict."""

    documents: pd.DataFrame
    facts: pd.DataFrame
    tables: pd.DataFrame
    indicators: pd.DataFrame
    alignments: pd.DataFrame
    findings: pd.DataFrame
    summary: dict[str, Any]
    out_dir: Path

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in RECORDS:
            raise KeyError(f"{name!r}: one of {', '.join(RECORDS)}")
        return getattr(self, name)


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}:{i}: not JSON ({exc.msg})") from exc
    return out


def load(out_dir: str | os.PathLike[str]) -> RunOutputs:
    """The outputs of `budget-extract run --out OUT_DIR` as DataFrames (see the module docstring)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise UsageError('extract.load needs pandas: pip install "budget-extract[data]"') from exc
    out = Path(out_dir)
    if not (out / "documents.jsonl").is_file():
        raise UsageError(f"no documents.jsonl in {out} (run `budget-extract run PATH --out {out}` first)")
    cols = _columns()
    frames: dict[str, pd.DataFrame] = {}
    for name in RECORDS:
        recs = _read(out / f"{name}.jsonl")
        frames[name] = pd.DataFrame.from_records(recs, columns=None if recs else cols[name])
    docs = frames["documents"]
    docs["file"] = docs["path"].map(lambda p: Path(p).name) if len(docs) else pd.Series(dtype=object)
    meta = docs[["doc_id", *DOC_COLUMNS]].drop_duplicates("doc_id")
    for name in RECORDS[1:]:
        frames[name] = frames[name].merge(meta, on="doc_id", how="left")
    summary_path = out / "summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}
    return RunOutputs(**frames, summary=summary, out_dir=out)
