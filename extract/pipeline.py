"""One document end to end: an ordered list of named stages, each reading and filling a `Doc`.

    normalise → layout → facts (+ kind and subject rankers) → metric → reason → confidence
              → tables → figures → align → checks

Every stage is a function `Doc -> Doc` that reads what earlier stages wrote (see `records.Doc`)
and writes its own part; `process()` runs the list. A stage is switched off by name
(`build_stages(skip=...)`); `--no-models` drops the rankers (`RANKERS`), so the rules decide.
The kind and subject rankers are not separate stages: they run inside the facts stage because
each decision feeds the context later numbers inherit (the item a change is about, the last
amount), so they must decide in document order, number by number.

The stage functions here are adapters only — the domain logic lives in each stage's module.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from .align import AlignStats, align
from .checks import CheckInput, run_checks
from .errors import ExtractError, StageOrderError
from .facts import extract_facts
from .figures import column_figure_type, figure_kind, with_figure_types
from .ingest import RawDocument, doc_id_for, document_from_text, read_document, sha256_of
from .kind_model import KindRanker
from .layout import department_names, parse_layout
from .metric_model import assign_metrics
from .model import LinearModel, Models, calibrate
from .normalize import normalize
from .readers import locate_records
from .reason_model import attach_reasons
from .records import Doc, DocumentRecord, DocumentResult, Trace
from .subjects import SubjectRanker
from .tables import parse_tables, project_of

RANKERS = ("kind", "subject", "metric", "reason", "confidence")  # what `--no-models` switches off
FIGURE_HEAD = 300  # characters of a 三公-only page whose title says 预算 or 决算 (titles stand in its first lines)
AFTER_PROSE = ("tables", "figures", "align", "checks")  # skip these for the prose facts alone (training)


@dataclass(frozen=True, slots=True)
class Stage:
    """One named step of the pipeline."""

    name: str
    run: Callable[[Doc], Doc]


# ---------------------------------------------------------------- the stages


def normalise_stage(doc: Doc) -> Doc:
    """Original text → `MappedText` (full-width, odd spaces, LaTeX residue), offsets kept."""
    doc.mapped = normalize(doc.text)
    return doc


def layout_stage(doc: Doc) -> Doc:
    """Blocks, sections, table regions, the 目录, and the department / year / 预算·决算."""
    if doc.mapped is None:
        raise StageOrderError("the layout stage needs the normalise stage before it")
    doc.layout = layout = parse_layout(doc.mapped, None if doc.path == "<text>" else doc.path)
    doc.department, doc.year, doc.doc_kind, doc.unit_kind = layout.department, layout.year, layout.doc_kind, layout.unit_kind
    doc.dept_names = department_names(layout.department, layout.department_aliases)  # the short forms prose uses
    return doc


def facts_stage(kind: KindRanker | None = None, subject: SubjectRanker | None = None) -> Callable[[Doc], Doc]:
    """Prose facts; the kind and subject rankers (when given) decide inside, number by number."""

    def run(doc: Doc) -> Doc:
        if doc.layout is None:
            raise StageOrderError("the facts stage needs the layout stage before it")
        doc.facts = extract_facts(doc.layout, doc_id=doc.doc_id, dept_names=doc.dept_names, kind_ranker=kind, subject_ranker=subject, trace=doc.trace)
        return doc

    return run


def metric_stage(model: LinearModel | None) -> Callable[[Doc], Doc]:
    """Canonical metric ids from the metric ranker (without a model the alias matcher's stay)."""

    def run(doc: Doc) -> Doc:
        doc.facts = assign_metrics(doc.facts, model)
        return doc

    return run


def reason_stage(model: LinearModel | None) -> Callable[[Doc], Doc]:
    """Which fact each reason explains, from the reason ranker."""

    def run(doc: Doc) -> Doc:
        doc.facts = attach_reasons(doc.facts, model)
        return doc

    return run


def confidence_stage(model: LinearModel | None) -> Callable[[Doc], Doc]:
    """Every fact's confidence from the calibration model (the rules' guess without one)."""

    def run(doc: Doc) -> Doc:
        if model is not None:
            doc.facts = calibrate(doc.facts, model)
        return doc

    return run


def tables_stage(doc: Doc) -> Doc:
    """Table regions → tables, cells and performance targets; each 绩效目标表's project."""
    doc.tables = parse_tables(doc.blocks, doc_id=doc.doc_id, figure_of=partial(column_figure_type, doc_kind=figure_kind(doc.doc_kind, doc.text[:FIGURE_HEAD]), doc_year=doc.year))
    doc.cells = [c for t in doc.tables for c in t.cells]
    doc.indicators = [i for t in doc.tables for i in t.indicators]
    doc.projects = {t.table_id: p for t in doc.tables if (p := project_of(t))}
    return doc


def figures_stage(doc: Doc) -> Doc:
    """Which figure each money fact and each table column states (年初预算, 决算数, 上年 …), so
    alignment pairs like with like."""
    kind = figure_kind(doc.doc_kind, doc.text[:FIGURE_HEAD])
    doc.facts = with_figure_types(doc.facts, doc.text, kind, doc.year)
    for t in doc.tables:
        # cells read with the document's kind and year known already carry their type (built once)
        t.cells = [c if c.figure_type == (ft := column_figure_type(c.column, t.title, kind, doc.year)) else replace(c, figure_type=ft) for c in t.cells]
    doc.cells = [c for t in doc.tables for c in t.cells]
    return doc


def align_stage(doc: Doc) -> Doc:
    """Prose money amounts ↔ their table cells."""
    stats = AlignStats()
    doc.alignments = align(doc.facts, doc.cells, stats=stats, projects=doc.projects, doc_kind=figure_kind(doc.doc_kind, doc.text[:FIGURE_HEAD]))
    doc.n_aligned, doc.n_unaligned = stats.aligned, stats.abstained
    return doc


def checks_stage(doc: Doc) -> Doc:
    """Consistency and quality findings over everything extracted."""
    doc.findings = run_checks(
        CheckInput(doc_id=doc.doc_id, text=doc.text, year=doc.year, facts=doc.facts, tables=doc.tables, alignments=doc.alignments, toc_titles=doc.layout.toc if doc.layout else [], doc_kind=doc.doc_kind, department=doc.department, figures_typed="figures" in doc.seconds)
    )
    return doc


def build_stages(models: Models | None = None, *, skip: Collection[str] = ()) -> list[Stage]:
    """The pipeline in order. `models` defaults to the shipped ones (`Models()`: the rules alone);
    a name in `skip` drops that stage, or that ranker from the facts stage."""
    m = Models.shipped() if models is None else models
    stages = [
        Stage("normalise", normalise_stage),
        Stage("layout", layout_stage),
        Stage("facts", facts_stage(None if "kind" in skip else KindRanker(m.kind), None if "subject" in skip else SubjectRanker(m.subject))),
        Stage("metric", metric_stage(m.metric)),
        Stage("reason", reason_stage(m.reason)),
        Stage("confidence", confidence_stage(m.confidence)),
        Stage("tables", tables_stage),
        Stage("figures", figures_stage),
        Stage("align", align_stage),
        Stage("checks", checks_stage),
    ]
    return [s for s in stages if s.name not in skip]


def new_doc(raw: RawDocument, *, trace: Trace | None = None) -> Doc:
    """A `Doc` holding only what ingest read; the stages fill the rest."""
    return Doc(doc_id=raw.doc_id, text=raw.text, path=raw.path, sha256=raw.sha256, encoding=raw.encoding, n_bytes=raw.n_bytes, trace=trace)


def run_stages(doc: Doc, stages: Sequence[Stage]) -> Doc:
    """Run the stages in order, timing each (`doc.seconds`)."""
    for stage in stages:
        t0 = time.perf_counter()
        doc = stage.run(doc)
        doc.seconds[stage.name] = time.perf_counter() - t0
    return doc


def to_result(doc: Doc) -> DocumentResult:
    """The output records of a processed `Doc` (its documents.jsonl line and the rest)."""
    record = DocumentRecord(
        doc_id=doc.doc_id,
        path=doc.path,
        sha256=doc.sha256,
        encoding=doc.encoding,
        status="ok",
        department=doc.department,
        year=doc.year,
        doc_kind=doc.doc_kind,
        unit_kind=doc.unit_kind,
        n_chars=len(doc.text),
        n_facts=len(doc.facts),
        n_tables=len(doc.tables),
        n_cells=len(doc.cells),
        n_indicators=len(doc.indicators),
        tables=[{k: v for k, v in t.summary().items() if k != "columns"} for t in doc.tables],
        n_findings=len(doc.findings),
        n_aligned=doc.n_aligned,
        n_unaligned=doc.n_unaligned,
        n_bytes=doc.n_bytes,
        seconds=round(sum(doc.seconds.values()), 4),
    )
    return DocumentResult(
        document=record, text=doc.text, facts=doc.facts, cells=doc.cells, indicators=doc.indicators, findings=doc.findings, alignments=doc.alignments
    )


def process(raw: RawDocument, *, models: Models | None = None, skip: Collection[str] = (), calibrate_confidence: bool = True) -> DocumentResult:
    """One document through every stage. `models` defaults to the shipped ones; `Models()` (all
    None) or `skip=RANKERS` is the rules alone; `calibrate_confidence=False` keeps the rules' confidence."""
    skip = (*skip, "confidence") if not calibrate_confidence else skip
    return with_source(to_result(run_stages(new_doc(raw), build_stages(models, skip=skip))), raw)


def with_source(result: DocumentResult, raw: RawDocument) -> DocumentResult:
    """What the reader knew about the input: its format, PDF pages and text layer, and the page
    and box of every fact and cell read from a PDF."""
    result.document = replace(result.document, format=raw.format, pages=raw.pages, text_layer=raw.text_layer)
    result.facts = locate_records(result.facts, raw.locations)
    result.cells = locate_records(result.cells, raw.locations)
    return result


def _is_file(s: str) -> bool:
    """A one-line string longer than a path can be is text, not a missing file (the OS refuses to stat it)."""
    try:
        return Path(s).exists()
    except (OSError, ValueError):  # File name too long, an embedded NUL
        return False


def extract_document(source: str | os.PathLike[str], *, is_text: bool | None = None) -> DocumentResult:
    """Extract one document from a path, or from the text itself.

    A string containing a newline (or `is_text=True`) is treated as document text. Errors
    propagate as `ExtractError` subclasses; `batch.run` turns them into error records.
    """
    if is_text is None:
        is_text = isinstance(source, str) and ("\n" in source or not _is_file(source))
    raw = document_from_text(str(source)) if is_text else read_document(source)
    return process(raw)


def error_result(path: str, data: bytes | None, exc: BaseException) -> DocumentResult:
    """The documents.jsonl record for a file that could not be processed."""
    sha = sha256_of(data) if data is not None else sha256_of(path.encode("utf-8"))
    msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if not isinstance(exc, ExtractError):
        msg = f"internal error ({type(exc).__name__}): {msg}"
    doc = DocumentRecord(doc_id=doc_id_for(sha), path=path, sha256=sha, encoding=None, status="error", error=msg, n_bytes=len(data) if data else 0)
    return DocumentResult(document=doc)
