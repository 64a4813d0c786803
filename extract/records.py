"""Plain records passed between stages; their dict form is the JSONL contract (CONTRACT.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

FactKind = Literal["amount", "change", "percent", "headcount", "count", "reason"]
Direction = Literal["increase", "decrease", "unchanged"]


class _Record:
    """Mixin giving every record the same dict round-trip used for JSONL."""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)  # type: ignore[call-overload]
        for k, v in d.items():
            if isinstance(v, tuple):
                d[k] = list(v)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]):  # type: ignore[no-untyped-def]
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        kw = {k: (tuple(v) if k == "span" and isinstance(v, list) else v) for k, v in d.items() if k in names}
        return cls(**kw)


@dataclass(frozen=True, slots=True)
class DocumentRecord(_Record):
    doc_id: str
    path: str
    sha256: str
    encoding: str | None
    status: Literal["ok", "error", "skipped"]  # skipped: not a budget document (reason in `error`)
    error: str | None = None
    department: str | None = None
    year: int | None = None
    doc_kind: str | None = None
    n_chars: int = 0
    n_facts: int = 0
    n_tables: int = 0
    n_bytes: int = 0
    seconds: float = 0.0
    n_cells: int = 0
    n_indicators: int = 0
    tables: list[dict] = field(default_factory=list)  # per-table summaries: title, unit, size, empty + note
    n_findings: int = 0
    n_aligned: int = 0
    n_unaligned: int = 0  # money amounts left without a table entry (abstentions)


@dataclass(frozen=True, slots=True)
class Fact(_Record):
    doc_id: str
    fact_id: str
    kind: FactKind
    subject: str
    metric: str | None
    value: float | None
    unit: str | None
    yuan: float | None
    direction: Direction | None
    baseline: str | None
    text: str | None
    explains: str | None
    sentence: str
    span: tuple[int, int]
    section: str
    confidence: float
    surface: str = ""  # the quantity as written (or reason lead-in), for people checking output
    comparator: str | None = None  # ≥, ≤ ... when prose states a bound
    share_of: str | None = None  # for shares: the whole (占“三公”经费的25.96% → 三公经费)


@dataclass(frozen=True, slots=True)
class TableCell(_Record):
    doc_id: str
    table_id: str
    table_title: str
    unit: str | None
    row_label: str
    code: str | None
    column: str
    value: float
    span: tuple[int, int] | None
    row_label_raw: str = ""
    is_total: bool = False
    row_path: str = ""  # the rows this row is part of, outermost first (本年收入 > 一般公共预算拨款收入)


@dataclass(slots=True)
class RawCell:
    """One cell as a table reader cut it from a line, before it is known what it holds; the
    offsets index the original text so a value's span can be checked there."""

    text: str  # stripped, whitespace-compacted
    start: int  # original offsets of the stripped text
    end: int
    x0: float = 0.0  # display columns (aligned layout) or ordinal column (others)
    x1: float = 0.0
    # aligned layout: the same text as two cells, split at its last single space (台式计算机 分散自行组织)
    alt: tuple[RawCell, RawCell] | None = None


@dataclass(slots=True)
class RawLine:
    """One printed line of a table region as cells (a row, a title, a note or a wrapped piece)."""

    cells: list[RawCell]
    line_no: int
    text: str  # the whole line, compacted

    @property
    def is_single(self) -> bool:
        """At most one non-empty cell: a title, unit or note line rather than a row."""
        return len([c for c in self.cells if c.text]) <= 1


@dataclass
class Table:
    """One parsed table: its cells and indicators plus what the checks and the CLI need beside
    them (title, unit, header, column paths, rows as read, the 空表说明 note of an empty table)."""

    table_id: str
    title: str
    unit: str | None
    layout: str
    header: list[list[str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[RawLine] = field(default_factory=list)
    cells: list[TableCell] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    note: str | None = None
    span: tuple[int, int] | None = None

    @property
    def empty(self) -> bool:
        """No value and no indicator: a table the document promises but leaves empty."""
        return not self.cells and not self.indicators

    def summary(self) -> dict[str, object]:
        """The per-table entry of documents.jsonl (`tables`)."""
        return {
            "table_id": self.table_id,
            "table_title": self.title,
            "unit": self.unit,
            "layout": self.layout,
            "n_rows": len(self.rows),
            "n_cells": len(self.cells),
            "n_indicators": len(self.indicators),
            "empty": self.empty,
            "note": self.note,
            "columns": self.columns,
            "span": list(self.span) if self.span else None,
        }


@dataclass(frozen=True, slots=True)
class Indicator(_Record):
    doc_id: str
    table_id: str
    project: str | None
    level1: str
    level2: str
    indicator: str
    comparator: str | None
    value: float | None
    unit: str | None
    text: str
    span: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Finding(_Record):
    doc_id: str
    check: str
    severity: Literal["error", "warning", "info"]
    message: str
    fact_ids: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None


@dataclass(slots=True)
class DocumentResult:
    """Everything extracted from one document; `text` is the original decoded text spans index."""

    document: DocumentRecord
    text: str = ""
    facts: list[Fact] = field(default_factory=list)
    cells: list[TableCell] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    alignments: list = field(default_factory=list)  # extract.align.Alignment

    @property
    def ok(self) -> bool:
        return self.document.status == "ok"
