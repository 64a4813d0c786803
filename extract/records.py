"""Plain records passed between stages; their dict form is the JSONL contract (CONTRACT.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any, Literal, TypeVar

from .normalize import MappedText
from .resources import cues

FactKind = Literal["amount", "change", "percent", "headcount", "count", "reason"]
Direction = Literal["increase", "decrease", "unchanged"]


_PLAIN = frozenset({str, int, float, bool, type(None)})  # values asdict would return unchanged


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


_R = TypeVar("_R")


@cache
def _positional(cls: type) -> tuple[attrgetter[Any], dict[str, int]]:
    names = _field_names(cls)
    return attrgetter(*names), {n: i for i, n in enumerate(names)}


def evolve(record: _R, **changes: Any) -> _R:
    """`dataclasses.replace` for the records here (every field set by `__init__`, no
    `__post_init__`), about twice as fast: the values are read with one attrgetter and passed
    positionally. Hot loops rebuild thousands of facts a batch."""
    get, index = _positional(type(record))
    values = list(get(record))
    for name, value in changes.items():
        values[index[name]] = value
    return type(record)(*values)


@lru_cache(maxsize=4096)  # asked for every block; a document has a few dozen sections
def _skipped_section(section: str) -> bool:
    return any(s in section for s in cues()["skip_sections"])


class _Record:
    """Mixin giving every record the same dict round-trip used for JSONL."""

    def to_dict(self) -> dict[str, Any]:
        """The JSONL form: tuples become lists so it round-trips through JSON. Fields of plain
        values are copied directly (`asdict` deep-copies every value: a tenth of a batch's time);
        anything else goes through `asdict`, so the result is the same."""
        d: dict[str, Any] = {}
        full: dict[str, Any] | None = None
        for k in _field_names(type(self)):
            v = getattr(self, k)
            t = type(v)
            if t in _PLAIN:
                d[k] = v
            elif (t is tuple or t is list) and all(type(x) in _PLAIN for x in v):
                d[k] = list(v)
            else:
                if full is None:
                    full = asdict(self)  # type: ignore[call-overload]
                d[k] = list(full[k]) if isinstance(full[k], tuple) else full[k]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Rebuild a record from its JSONL form, ignoring keys it does not know (newer writers)."""
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        kw = {k: (tuple(v) if k == "span" and isinstance(v, list) else v) for k, v in d.items() if k in names}
        return cls(**kw)


@dataclass(frozen=True, slots=True)
class DocumentRecord(_Record):
    """One documents.jsonl line: where the file came from, whether it was read, and what came out."""
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
    format: str = "text"  # text, pdf, html, docx, xlsx, xls
    pages: int | None = None  # PDFs: page count
    text_layer: bool | None = None  # PDFs: a text layer was found
    text_path: str | None = None  # the extracted text spans index (saved by `run` for non-text input)
    unit_kind: str | None = None  # 部门 or 单位 (doc_kind is 三公 for a page that discloses only 三公经费)


@dataclass(frozen=True, slots=True)
class Fact(_Record):
    """One narrative fact from prose; `span` indexes the original text (CONTRACT.md)."""
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
    figure_type: str | None = None  # which of an item's figures the wording states: 年初预算, 决算数, 上年 … (figure_types.json)
    page: int | None = None  # PDF input: 1-based page the number was read on
    bbox: list[float] | None = None  # PDF input: [x0, top, x1, bottom] in points, origin top-left
    subject_source: str = "sentence"  # how the subject was found: sentence, item heading, inherited, none


@dataclass(frozen=True, slots=True)
class TableCell(_Record):
    """One non-empty numeric table cell with its row label, code and column path."""
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
    page: int | None = None  # PDF input: 1-based page the cell was read on
    bbox: list[float] | None = None  # PDF input: [x0, top, x1, bottom] in points, origin top-left
    figure_type: str | None = None  # the column's figure (年初预算, 调整预算, 决算数, 预算数, 上年, 增减, 比例)


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
        seen = False  # (stops at the second non-empty cell: asked of every line, often of wide rows)
        for c in self.cells:
            if c.text:
                if seen:
                    return False
                seen = True
        return True


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
    # (column, title) → the column's figure type, when the document's kind and year are known as
    # the table is read: each cell record is then built once with it (see pipeline.tables_stage)
    figure_of: Callable[[str, str], str | None] | None = field(default=None, repr=False, compare=False)

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
    """One performance target of a 绩效目标表, its bound split into comparator, value and unit."""
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
    """One consistency or quality problem, with the facts and text it rests on as evidence."""
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
        """False for a file that became an error record."""
        return self.document.status == "ok"


# ---------------------------------------------------------------- between the stages

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass(slots=True)
class Block:
    """One heading, paragraph or table region of the layout, with the section it sits in.

    Blocks keep their `MappedText`, so every later stage can map what it reads back to the
    original text. Table regions are only *found* by the layout stage (prose facts never read
    table cells); the tables stage parses their cells.
    """

    kind: BlockKind
    text: MappedText  # paragraphs/headings: joined and whitespace-compacted; tables: raw region
    section: str
    level: int = 0
    lines: list[MappedText] = field(default_factory=list)  # original lines (tables keep them)
    line_no: int = 0  # first line, 0-based
    context: list[MappedText] = field(default_factory=list)  # tables: title/unit lines just before

    @property
    def skipped(self) -> bool:
        """True for blocks under 名词解释 / 目录, whose numbers are definitions, not facts."""
        return _skipped_section(self.section)


@dataclass(slots=True)
class Layout:
    """The layout stage's output: blocks in reading order, the document's metadata and its 目录."""

    blocks: list[Block]
    department: str | None
    year: int | None
    doc_kind: str | None
    toc: list[str] = field(default_factory=list)  # table titles the document's 目录 promises
    unit_kind: str | None = None  # 部门 or 单位
    department_aliases: tuple[str, ...] = ()  # other forms the document names itself by (区直工委 beside its full name)

    @property
    def tables(self) -> list[Block]:
        """The table regions, for the tables stage."""
        return [b for b in self.blocks if b.kind == "table"]


@dataclass(slots=True)
class Trace:
    """What the trained rankers saw, for training to learn from (inference never reads it back).

    Training sets `Doc.trace = Trace()` and runs the ordinary pipeline; each ranker (or, without
    a model, the rules in its place) records its input under its own name and a key that training
    can match to a gold annotation — the number's original offset for `kind`, the fact id for
    `subject`. The same pipeline code runs for training and inference: no keyword arguments
    thread training concerns through the stages.
    """

    seen: dict[str, dict[Any, Any]] = field(default_factory=dict)

    def record(self, ranker: str, key: Any, inputs: Any) -> None:
        """Remember what `ranker` saw for one decision (the last call for a key wins)."""
        self.seen.setdefault(ranker, {})[key] = inputs

    def of(self, ranker: str) -> dict[Any, Any]:
        """Everything one ranker saw, by key (empty when it never ran)."""
        return self.seen.get(ranker, {})


@dataclass(slots=True)
class Doc:
    """One document as it moves through the pipeline: every stage reads it and fills its part.

    The stages run in the order of `pipeline.STAGES`; each reads what earlier ones wrote and writes
    its own fields, so a stage's inputs and outputs are visible here rather than in its signature.
    `text` is the original decoded text: every span in every record indexes it.
    """

    doc_id: str
    text: str
    path: str = "<text>"
    sha256: str = ""
    encoding: str | None = None
    n_bytes: int = 0
    # normalise
    mapped: MappedText | None = None  # normalised text, each character mapped to its original offset
    # layout
    layout: Layout | None = None
    department: str | None = None
    year: int | None = None
    doc_kind: str | None = None  # 预算 / 决算 / 三公 (a page that discloses only 三公经费)
    unit_kind: str | None = None  # 部门 / 单位
    dept_names: tuple[str, ...] = ()  # the department's name and the shorter forms its prose uses
    # prose facts and the rankers
    facts: list[Fact] = field(default_factory=list)
    # tables, alignment, checks
    tables: list[Table] = field(default_factory=list)
    cells: list[TableCell] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    projects: dict[str, str] = field(default_factory=dict)  # table id → 项目名称 of a per-project 绩效目标表
    alignments: list[Alignment] = field(default_factory=list)
    n_aligned: int = 0
    n_unaligned: int = 0  # money amounts left without a table entry (abstentions)
    findings: list[Finding] = field(default_factory=list)
    # run bookkeeping
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each stage that ran
    trace: Trace | None = None  # set by training to observe the rankers

    @property
    def blocks(self) -> list[Block]:
        """The layout's blocks (empty before the layout stage ran)."""
        return self.layout.blocks if self.layout is not None else []
