"""One document end to end: ingest → normalise → layout → facts, tables → alignment → checks."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from .align import AlignStats, align
from .checks import CheckInput, run_checks
from .errors import ExtractError
from .facts import extract_facts
from .ingest import RawDocument, doc_id_for, document_from_text, read_document, sha256_of
from .layout import Layout, parse_layout
from .metric_model import assign_metrics
from .model import Models, calibrate
from .normalize import normalize
from .reason_model import attach_reasons
from .records import DocumentRecord, DocumentResult, Fact
from .subjects import SubjectContext
from .tables import Table, parse_tables

_DIVISION = re.compile(r"^[\u4e00-\u9fff]{1,7}?(?:省|自治区|特别行政区|自治州|地区|盟|市|县|区|旗)(?=[\u4e00-\u9fff])(?!委)")


def _dept_names(dept: str | None) -> tuple[str, ...]:
    """The department's name and the shorter forms prose uses for it."""
    if not dept:
        return ()
    names = {dept}
    rest = dept.removeprefix("中共")
    names.add(rest)
    # 江苏省人大常委会办公厅 → 人大常委会办公厅; 上海市普陀区万里街道办事处 → 普陀区万里街道办事处
    while (m := _DIVISION.match(rest)) and len(rest) - m.end() >= 4:
        rest = rest[m.end() :]
        names.add(rest)
    return tuple(sorted(names, key=len, reverse=True))


def _project_of(t: Table) -> str | None:
    """The 项目名称 of a per-project 绩效目标表: from its indicators, or its form rows when no indicator was read."""
    if p := next((i.project for i in t.indicators if i.project), None):
        return p
    for row in t.header + [[c.text for c in r.cells] for r in t.rows[:12]]:
        for prev, cur in zip(row, row[1:], strict=False):
            if re.fullmatch(r"项目名称[:：]?", prev.strip()) and cur.strip():
                return cur.strip()
    return None


def prose_facts(
    raw: RawDocument,
    *,
    models: Models,
    calibrate_confidence: bool = True,
    record: dict[str, SubjectContext] | None = None,
    kind_record: dict[int, tuple[list[str], str, str]] | None = None,
) -> tuple[Layout, list[Fact]]:
    """The layout and the prose facts (rules propose; the models pick kinds, subjects, metrics,
    reason targets and confidence). The records are for training: what each model saw."""
    layout = parse_layout(normalize(raw.text))
    facts = extract_facts(
        layout,
        doc_id=raw.doc_id,
        dept_names=_dept_names(layout.department),
        subject_model=models.subject,
        record=record,
        kind_model=models.kind,
        kind_record=kind_record,
    )
    facts = assign_metrics(facts, models.metric)
    facts = attach_reasons(facts, models.reason)
    if calibrate_confidence and models.confidence is not None:
        facts = calibrate(facts, models.confidence)
    return layout, facts


def process(raw: RawDocument, *, calibrate_confidence: bool = True, models: Models | None = None, record: dict[str, SubjectContext] | None = None) -> DocumentResult:
    """`models` defaults to the shipped ones; `Models()` (all None) is the rules alone."""
    t0 = time.perf_counter()
    models = Models.shipped() if models is None else models
    layout, facts = prose_facts(raw, models=models, calibrate_confidence=calibrate_confidence, record=record)
    tables = parse_tables(layout.blocks, doc_id=raw.doc_id)
    cells = [c for t in tables for c in t.cells]
    indicators = [i for t in tables for i in t.indicators]
    stats = AlignStats()
    projects = {t.table_id: p for t in tables if (p := _project_of(t))}
    alignments = align(facts, cells, stats=stats, projects=projects)
    findings = run_checks(
        CheckInput(doc_id=raw.doc_id, text=raw.text, year=layout.year, facts=facts, tables=tables, alignments=alignments, toc_titles=layout.toc, doc_kind=layout.doc_kind)
    )
    doc = DocumentRecord(
        doc_id=raw.doc_id,
        path=raw.path,
        sha256=raw.sha256,
        encoding=raw.encoding,
        status="ok",
        department=layout.department,
        year=layout.year,
        doc_kind=layout.doc_kind,
        n_chars=len(raw.text),
        n_facts=len(facts),
        n_tables=len(tables),
        n_cells=len(cells),
        n_indicators=len(indicators),
        tables=[{k: v for k, v in t.summary().items() if k != "columns"} for t in tables],
        n_findings=len(findings),
        n_aligned=stats.aligned,
        n_unaligned=stats.abstained,
        n_bytes=raw.n_bytes,
        seconds=round(time.perf_counter() - t0, 4),
    )
    return DocumentResult(document=doc, text=raw.text, facts=facts, cells=cells, indicators=indicators, findings=findings, alignments=alignments)


def extract_document(source: str | os.PathLike[str], *, is_text: bool | None = None) -> DocumentResult:
    """Extract one document from a path, or from the text itself.

    A string containing a newline (or `is_text=True`) is treated as document text. Errors
    propagate as `ExtractError` subclasses; `batch.run` turns them into error records.
    """
    if is_text is None:
        is_text = isinstance(source, str) and ("\n" in source or not Path(source).exists())
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
