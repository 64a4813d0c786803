"""Batch outputs a data team queries: JSON Lines, Parquet per record type and a DuckDB file.

Everything is written while the documents stream past, so memory stays bounded whatever the
batch size: JSONL lines go straight to temp files, Parquet gets one part file per chunk of
documents (`OUT/parquet/<type>/part-00000.parquet`, a partitioned dataset any engine reads), and
`OUT/budget.duckdb` is loaded from those parts at the end by DuckDB itself. Every file appears
atomically (temp + rename).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import types
import typing
from dataclasses import fields
from pathlib import Path
from typing import Any

from .errors import UsageError

RECORD_TYPES = ("documents", "facts", "tables", "indicators", "alignments", "findings")
# documents per Parquet part file: ~1 MB parts on the dev corpus; bounds what is held in memory
PARQUET_CHUNK_DOCS = 500
DUCKDB_FILE = "budget.duckdb"

# views a data team starts from; documents repeated under another path (duplicate_of) are left
# out so a join never counts one document's facts twice
VIEWS = {
    "docs": "SELECT * FROM documents WHERE status = 'ok' AND duplicate_of IS NULL",
    # prose amounts beside the table cell they were matched to
    "fact_cells": """
        SELECT f.doc_id, f.fact_id, f.kind, f.subject, f.metric, f.value, f.unit, f.yuan, f.sentence,
               a.status AS alignment_status, a.score AS alignment_score, a.table_value,
               c.table_id, c.table_title, c.row_label, c.code, c."column", c.value AS cell_value, c.unit AS cell_unit, c.span AS cell_span
        FROM facts f
        JOIN alignments a ON a.doc_id = f.doc_id AND a.fact_id = f.fact_id
        LEFT JOIN tables c ON c.doc_id = a.doc_id AND c.table_id = a.table_id AND c.row_label = a.row_label
                          AND c."column" = a."column" AND c.span IS NOT DISTINCT FROM a.cell_span""",
    # every finding with the document it is about
    "finding_documents": """
        SELECT d.department, d.year, d.doc_kind, d.path, g.*
        FROM findings g JOIN docs d ON d.doc_id = g.doc_id""",
    # facts with their document's department and year (三公经费 by department and year)
    "fact_documents": """
        SELECT d.department, d.year, d.doc_kind, d.path, f.*
        FROM facts f JOIN docs d ON d.doc_id = f.doc_id""",
}


def _record_classes() -> dict[str, type]:
    from .align import Alignment
    from .records import DocumentRecord, Fact, Finding, Indicator, TableCell

    return {"documents": DocumentRecord, "facts": Fact, "tables": TableCell, "indicators": Indicator, "alignments": Alignment, "findings": Finding}


def _arrow_type(tp: Any):  # noqa: ANN202 - a pyarrow DataType
    import pyarrow as pa

    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _arrow_type(args[0]) if len(args) == 1 else pa.string()
    if tp is bool:
        return pa.bool_()
    if tp is int:
        return pa.int64()
    if tp is float:
        return pa.float64()
    if tp is str or origin is typing.Literal:
        return pa.string()
    if origin is tuple and all(a is int for a in typing.get_args(tp)):
        return pa.list_(pa.int64())
    if origin is list and typing.get_args(tp) == (str,):
        return pa.list_(pa.string())
    return None  # nested structures are stored as JSON text


def schema_for(record_type: str):  # noqa: ANN201 - a pyarrow Schema
    """Typed columns from the record dataclass; nested values (documents.tables) as JSON text."""
    import pyarrow as pa

    cls = _record_classes()[record_type]
    hints = typing.get_type_hints(cls)
    cols = []
    for f in fields(cls):
        t = _arrow_type(hints[f.name])
        cols.append(pa.field(f.name, t if t is not None else pa.string()))
    if record_type == "documents":
        cols.append(pa.field("duplicate_of", pa.string()))
    return pa.schema(cols)


class ParquetParts:
    """One Parquet dataset folder per record type, a part file per chunk of documents."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = Path(tempfile.mkdtemp(prefix=".parquet.", dir=root.parent))
        self.rows: dict[str, list[dict[str, Any]]] = {k: [] for k in RECORD_TYPES}
        self.schemas = {k: schema_for(k) for k in RECORD_TYPES}
        hints = {k: typing.get_type_hints(c) for k, c in _record_classes().items()}
        self.json_cols = {k: {f.name for f in fields(_record_classes()[k]) if _arrow_type(hints[k][f.name]) is None} for k in RECORD_TYPES}
        self.n_parts = 0
        self.n_docs = 0
        for k in RECORD_TYPES:
            (self.tmp / k).mkdir()

    def add(self, res: dict[str, list[dict[str, Any]]]) -> None:
        for k in RECORD_TYPES:
            self.rows[k].extend(res.get(k, []))
        self.n_docs += 1
        if self.n_docs % PARQUET_CHUNK_DOCS == 0:
            self.flush()

    def flush(self, *, force: bool = False) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not force and not any(self.rows.values()):
            return
        for k in RECORD_TYPES:
            rows = self.rows[k]
            if not rows and not force:
                continue
            schema = self.schemas[k]
            names = set(schema.names)
            extra = sorted({key for r in rows for key in r} - names)
            cols = {}
            for fld in schema:
                vals = [r.get(fld.name) for r in rows]
                if fld.name in self.json_cols[k]:
                    vals = [None if v is None else json.dumps(v, ensure_ascii=False) for v in vals]
                cols[fld.name] = pa.array(vals, type=fld.type)
            for name in extra:  # a field added after this module was written: kept, as JSON text
                cols[name] = pa.array([None if r.get(name) is None else r[name] if isinstance(r[name], str) else json.dumps(r[name], ensure_ascii=False) for r in rows], type=pa.string())
            table = pa.table(cols)
            if rows or not any((self.tmp / k).iterdir()):
                pq.write_table(table, self.tmp / k / f"part-{self.n_parts:05d}.parquet", compression="zstd")
            self.rows[k] = []
        self.n_parts += 1

    def commit(self) -> Path:
        """Write what is left (and an empty part for a record type with no rows) and move into place."""
        self.flush(force=True)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(self.tmp, 0o777 & ~mask)  # mkdtemp makes it private; results are meant to be shared
        if self.root.exists():
            old = self.root.with_name(f".{self.root.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(self.root, old)
            os.replace(self.tmp, self.root)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(self.tmp, self.root)
        return self.root

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def build_duckdb(out_dir: Path, parquet_root: Path) -> Path:
    """OUT/budget.duckdb: a table per record type loaded from the Parquet parts, and the views."""
    import duckdb

    target = out_dir / DUCKDB_FILE
    fd, tmp = tempfile.mkstemp(prefix=f".{DUCKDB_FILE}.", dir=out_dir)
    os.close(fd)
    os.unlink(tmp)  # duckdb creates the file itself
    try:
        con = duckdb.connect(tmp)
        try:
            for k in RECORD_TYPES:
                glob = str(parquet_root / k / "*.parquet").replace("'", "''")
                con.execute(f"CREATE TABLE {k} AS SELECT * FROM read_parquet('{glob}', union_by_name = true)")
            for name, sql in VIEWS.items():
                con.execute(f"CREATE VIEW {name} AS {sql}")
        finally:
            con.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        Path(tmp + ".wal").unlink(missing_ok=True)
        raise
    return target


def query(out_dir: str | os.PathLike[str], sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run SQL against a finished batch's DuckDB file (read-only): column names and rows."""
    import duckdb

    path = Path(out_dir) / DUCKDB_FILE
    if not path.is_file():
        raise UsageError(f"no {DUCKDB_FILE} in {out_dir} (run `budget-extract run ... --out {out_dir}` first)")
    con = duckdb.connect(str(path), read_only=True)
    try:
        try:
            cur = con.execute(sql)
        except duckdb.Error as exc:
            raise UsageError(f"SQL error: {str(exc).splitlines()[0]}") from exc
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
    finally:
        con.close()


def render_rows(columns: list[str], rows: list[tuple[Any, ...]], max_width: int = 40) -> str:
    """A plain text table, widths by display (CJK characters count twice)."""

    def cell(v: Any) -> str:
        s = "" if v is None else f"{v:.6g}" if isinstance(v, float) else str(v)
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    def width(s: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)

    body = [[cell(v) for v in r] for r in rows]
    widths = [max([width(c)] + [width(r[i]) for r in body]) for i, c in enumerate(columns)]
    lines = ["  ".join(c + " " * (w - width(c)) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v + " " * (w - width(v)) for v, w in zip(r, widths, strict=True)) for r in body]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
