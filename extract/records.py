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
    status: Literal["ok", "error"]
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


@dataclass(frozen=True, slots=True)
class Alignment(_Record):
    """A prose amount matched to its table cell; `table_value` is in the fact's unit, so a reader
    compares the two numbers directly. `why` says what the match rested on (name, value, table)."""

    doc_id: str
    fact_id: str
    table_id: str
    row_label: str
    column: str
    table_value: float
    fact_value: float
    score: float
    status: str  # consistent | mismatch
    why: str = ""
    table_title: str = ""
    cell_span: tuple[int, int] | None = None


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
