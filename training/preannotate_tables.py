"""Write the table parser's cells and indicators for each corpus document as drafts to review.

    python -m training.preannotate_tables [--corpus tests/data/corpus] [--out annotations/tables] [--force]

One file per document: `<doc>.jsonl` with a line per numeric cell (`"type": "cell"`), per
performance indicator (`"type": "indicator"`) and per table (`"type": "table"`, title, unit,
empty + note). Existing files are kept unless --force (then a backup is written).
"""

from __future__ import annotations

from pathlib import Path

from extract.ingest import read_document
from extract.layout import parse_layout
from extract.normalize import normalize
from extract.tables import parse_tables
from training.drafts import write_drafts


def draft(path: Path) -> list[dict]:
    raw = read_document(path)
    text = raw.text
    out: list[dict] = []
    for t in parse_tables(parse_layout(normalize(text)).blocks, doc_id=raw.doc_id):
        out.append({"type": "table", "doc": path.name, "table_id": t.table_id, "table_title": t.title, "unit": t.unit, "empty": t.empty, "note": t.note, "line": text.count("\n", 0, t.span[0]) + 1 if t.span else None, "review": []})
        for c in t.cells:
            out.append({"type": "cell", "doc": path.name, "table_id": t.table_id, "table_title": t.title, "unit": c.unit, "row_label": c.row_label, "code": c.code, "column": c.column, "value": c.value, "start": c.span[0], "end": c.span[1], "surface": text[c.span[0] : c.span[1]], "line": text.count("\n", 0, c.span[0]) + 1, "review": []})
        for i in t.indicators:
            out.append({"type": "indicator", "doc": path.name, "table_id": t.table_id, "project": i.project, "level1": i.level1, "level2": i.level2, "indicator": i.indicator, "comparator": i.comparator, "value": i.value, "unit": i.unit, "text": i.text, "start": i.span[0], "end": i.span[1], "surface": text[i.span[0] : i.span[1]], "line": text.count("\n", 0, i.span[0]) + 1, "review": []})
    return out


def main() -> None:
    write_drafts(draft, description=__doc__ or "", default_out="annotations/tables", summary=lambda recs: f"{sum(r['type'] == 'cell' for r in recs)} cells, {sum(r['type'] == 'indicator' for r in recs)} indicators")


if __name__ == "__main__":
    main()
