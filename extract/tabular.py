"""Batch outputs a data team queries: JSON Lines, Parquet per record type and a DuckDB file.

Memory stays bounded whatever the batch size: the JSONL files are written line by line as the
documents stream past (batch.py); DuckDB then loads them into `OUT/budget.duckdb` (streaming,
spilling to disk past DUCKDB_MEMORY) and exports `OUT/parquet/<type>/data_N.parquet`, a
partitioned dataset any engine reads. Every file appears atomically (temp + rename).
"""

from __future__ import annotations

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
# largest Parquet part file (bytes): a 100,000-document batch becomes a few dozen parts per type
PARQUET_PART_BYTES = 128 * 1024 * 1024
# what DuckDB may hold in memory while loading (it spills to disk beyond that)
DUCKDB_MEMORY = "512MB"
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


def _sql_type(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _sql_type(args[0]) if len(args) == 1 else "JSON"
    if tp is bool:
        return "BOOLEAN"
    if tp is int:
        return "BIGINT"
    if tp is float:
        return "DOUBLE"
    if tp is str or origin is typing.Literal:
        return "VARCHAR"
    if origin is tuple and all(a is int for a in typing.get_args(tp)):
        return "BIGINT[]"
    if origin is list and typing.get_args(tp) == (str,):
        return "VARCHAR[]"
    return "JSON"  # nested structures (documents.tables)


def columns_for(record_type: str) -> dict[str, str]:
    """Column → DuckDB type, from the record dataclass (the output contract)."""
    cls = _record_classes()[record_type]
    hints = typing.get_type_hints(cls)
    cols = {f.name: _sql_type(hints[f.name]) for f in fields(cls)}
    if record_type == "documents":
        cols["duplicate_of"] = "VARCHAR"
    return cols


def build_tabular(out_dir: Path) -> tuple[Path, Path]:
    """`OUT/budget.duckdb` loaded from the finished JSONL files (DuckDB streams them, so memory
    stays bounded), and `OUT/parquet/<type>/` exported from it in parts of at most
    PARQUET_PART_BYTES. Both appear atomically; returns (parquet folder, database file)."""
    import duckdb

    target, parquet = out_dir / DUCKDB_FILE, out_dir / "parquet"
    fd, tmp = tempfile.mkstemp(prefix=f".{DUCKDB_FILE}.", dir=out_dir)
    os.close(fd)
    os.unlink(tmp)  # duckdb creates the file itself
    tmp_parquet = Path(tempfile.mkdtemp(prefix=".parquet.", dir=out_dir))
    try:
        con = duckdb.connect(tmp)
        try:
            con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
            con.execute("SET preserve_insertion_order = true")
            for k in RECORD_TYPES:
                src = _sql_str(str(out_dir / f"{k}.jsonl"))
                cols = "{" + ", ".join(f"{_sql_str(c)}: {_sql_str(t)}" for c, t in columns_for(k).items()) + "}"
                con.execute(f"CREATE TABLE {k} AS SELECT * FROM read_json({src}, format = 'newline_delimited', columns = {cols})")
                con.execute(f"COPY {k} TO {_sql_str(str(tmp_parquet / k))} (FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES {PARQUET_PART_BYTES})")
            for name, sql in VIEWS.items():
                con.execute(f"CREATE VIEW {name} AS {sql}")
        finally:
            con.close()
        for k in RECORD_TYPES:  # a record type without rows still gets a (typed, empty) part
            (tmp_parquet / k).mkdir(exist_ok=True)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp_parquet, 0o777 & ~mask)  # mkdtemp makes it private; results are meant to be shared
        os.chmod(tmp, 0o666 & ~mask)
        old = out_dir / ".parquet.old"
        shutil.rmtree(old, ignore_errors=True)
        if parquet.exists():
            os.replace(parquet, old)
        os.replace(tmp_parquet, parquet)
        shutil.rmtree(old, ignore_errors=True)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        Path(tmp + ".wal").unlink(missing_ok=True)
        shutil.rmtree(tmp_parquet, ignore_errors=True)
        raise
    return parquet, target


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


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
