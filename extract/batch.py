"""Batch extraction: folders of documents → JSONL files, in parallel, resumable, and never
stopped by one bad file.

Each finished document is first written to `OUT/.parts/<doc_id>.json` (atomically); the
JSONL outputs are then assembled from the parts, also atomically. `resume=True` reuses parts
already on disk, so a killed batch restarts where it stopped.
"""

from __future__ import annotations

import fnmatch
import gzip
import json
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .crossyear import YearFigures, figures_from_dict, figures_to_dict, link_years, year_figures, year_over_year
from .deadline import deadline
from .errors import UsageError
from .ingest import DEFAULT_MAX_BYTES, doc_id_for, read_bytes, sha256_of
from .pipeline import error_result, process
from .records import DocumentResult
from .tabular import build_tabular

log = logging.getLogger("extract.batch")

RECORD_FILES = ("documents", "facts", "tables", "indicators", "alignments", "findings")
DEFAULT_PATTERNS = ("*.txt", "*.md", "*.markdown", "*.text", "*.pdf", "*.html", "*.htm", "*.docx", "*.xlsx", "*.xls", "*.doc")
# seconds one document may take before it becomes an error record (--doc-timeout); the slowest
# dev-corpus document takes under 2 s, a 12 MB compilation about a minute on this 2-core machine
DEFAULT_DOC_TIMEOUT = 120.0
ENGINES = ("local", "dask")
# documents submitted to each local worker ahead of the one it is on: enough to keep it busy,
# few enough that results waiting to be written stay a few megabytes
IN_FLIGHT_PER_WORKER = 4


@dataclass
class BatchSummary:
    out: str
    n_documents: int = 0
    n_ok: int = 0
    n_errors: int = 0
    n_reused: int = 0
    n_skipped: int = 0  # not budget documents (a README beside the disclosures)
    facts_by_kind: dict[str, int] = field(default_factory=dict)
    n_cells: int = 0
    n_indicators: int = 0
    n_alignments: int = 0
    findings_by_check: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    files: dict[str, str] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def render(self) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.facts_by_kind.items())) or "none"
        lines = [
            f"documents: {self.n_documents} ({self.n_ok} ok, {self.n_errors} errors, {self.n_skipped} skipped, {self.n_reused} reused)",
            f"facts: {sum(self.facts_by_kind.values())} ({kinds})",
            f"table cells: {self.n_cells}, performance indicators: {self.n_indicators}, facts aligned to tables: {self.n_alignments}",
            "findings: " + (", ".join(f"{k} {v}" for k, v in sorted(self.findings_by_check.items())) or "none"),
            f"seconds: {self.seconds:.2f}",
        ]
        lines += [f"  error: {e['path']}: {e['error']}" for e in self.errors[:20]]
        lines += [f"{name}: {path}" for name, path in self.files.items()]
        return "\n".join(lines)


def discover(paths: Iterable[str | os.PathLike[str]], *, glob: str | None = None) -> list[Path]:
    """Files named directly, plus matching files found recursively under folders."""
    patterns = tuple(p.strip() for p in glob.split(",")) if glob else DEFAULT_PATTERNS
    found: list[Path] = []
    missing: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    if any(fnmatch.fnmatch(f.name, pat) for pat in patterns):
                        found.append(f)
        elif p.exists() or p.is_symlink():
            found.append(p)
        else:
            missing.append(str(p))
    if missing and not found:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    for m in missing:
        log.warning("no such file or folder: %s", m)
    return found


def process_path(path: str, max_bytes: int, use_models: bool = True, doc_timeout: float | None = None) -> dict[str, Any]:
    """Worker: one file → plain dicts (cheap to send between processes). Never raises. The one
    per-document function of both engines (local processes, dask)."""
    data: bytes | None = None
    try:
        with deadline(doc_timeout):
            data = read_bytes(path, max_bytes=max_bytes)
            from .ingest import raw_from_bytes
            from .model import Models
            from .pipeline import RANKERS
            from .screen import screen

            raw = raw_from_bytes(path, data)
            # --no-models: the ranker stages are dropped and the rules decide
            result = screen(process(raw, models=None if use_models else Models(), skip=() if use_models else RANKERS))
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a batch
        result = error_result(path, data, exc)
    out = pack(result_dict(result))
    if result.ok and result.document.format != "text":
        out["text"] = result.text  # converted input: `run` saves the text the spans index
    if result.ok and (years := year_figures(result.document, result.text, result.facts)) is not None:
        out["years"] = figures_to_dict(years)  # what the parent needs to link consecutive years
    return out


def pack(res: dict[str, Any]) -> dict[str, Any]:
    """A document's records as its part file holds them: the document record, the other records
    already serialised as JSONL text (the worker pays for that, not the assembling parent), and
    their counts for the summary."""
    if "jsonl" in res:
        return res
    return {
        "documents": res["documents"],
        "jsonl": {k: "".join(_jsonl(res.get(k, []))) for k in RECORD_FILES[1:]},
        "counts": {k: len(res.get(k, [])) for k in RECORD_FILES[1:]},
        "kinds": dict(Counter(f["kind"] for f in res.get("facts", []))),
        "checks": dict(Counter(f["check"] for f in res.get("findings", []))),
    }


def _ignore_sigint() -> None:
    # workers leave Ctrl-C to the parent, which stops them at once (see run)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def result_dict(r: DocumentResult) -> dict[str, Any]:
    return {
        "documents": [r.document.to_dict()],
        "facts": [f.to_dict() for f in r.facts],
        "tables": [c.to_dict() for c in r.cells],
        "indicators": [i.to_dict() for i in r.indicators],
        "alignments": [a.to_dict() for a in r.alignments],
        "findings": [f.to_dict() for f in r.findings],
    }


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: Path, lines: Iterable[str]) -> None:
    """Write via a temp file in the same folder and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for line in lines:
                fh.write(line)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; results are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_part(path: Path, res: dict[str, Any]) -> None:
    """A finished document's part, gzip-compressed (≈ 10× smaller: `.parts/` of a 1,000-document
    batch was 249 MB), written atomically like every output."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(gzip.compress(json.dumps(res, ensure_ascii=False).encode("utf-8"), compresslevel=1))
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_part(path: Path) -> dict[str, Any]:
    """A part as `_write_part` wrote it, or as plain JSON (parts of batches from before compression)."""
    data = path.read_bytes()
    return json.loads(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)


def _jsonl(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    for r in records:
        yield json.dumps(r, ensure_ascii=False) + "\n"


def _part_name(path: str) -> str:
    # keyed by path (not content) so resume knows which inputs are done without reading them
    return sha256_of(os.path.abspath(path).encode("utf-8"))[:20] + ".json"


def run(
    paths: Iterable[str | os.PathLike[str]],
    *,
    out: str | os.PathLike[str],
    workers: int | None = None,
    glob: str | None = None,
    resume: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    on_document: Callable[[dict[str, Any]], None] | None = None,
    use_models: bool = True,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    engine: str = "local",
    scheduler: str | None = None,
    tabular: bool = True,
) -> BatchSummary:
    """Extract every document under `paths` into JSONL files in `out` (and, with `tabular`,
    Parquet parts and `budget.duckdb`). `use_models=False` runs the rules alone (faster; the
    facts' `confidence` is then the rules' own estimate). `engine="dask"` runs the documents on a
    dask.distributed cluster (`scheduler` address, or a local cluster of `workers` processes).
    A document over `doc_timeout` seconds becomes an error record. Ctrl-C stops at once and keeps
    the finished documents for `resume`."""
    t0 = time.perf_counter()
    files = discover(paths, glob=glob)
    if not files:
        raise UsageError("no input documents found (searched for " + ", ".join(glob.split(",") if glob else DEFAULT_PATTERNS) + ")")
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"output {out_dir} is a file; give a folder (it is created when missing)")
    parts = out_dir / ".parts"
    parts.mkdir(parents=True, exist_ok=True)
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    if engine not in ENGINES:
        raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    n_workers = workers or min(len(files), os.cpu_count() or 1, 4)

    todo: list[str] = []
    reused = 0
    for f in files:
        if resume and (parts / _part_name(str(f))).exists():
            reused += 1
        else:
            todo.append(str(f))

    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        try:
            from tqdm import tqdm

            bar = tqdm(total=len(todo), unit="doc", desc="extract", file=sys.stderr)
        except ImportError:  # pragma: no cover - tqdm is a dependency
            bar = None

    def finish(path: str, res: dict[str, Any]) -> None:
        doc = res["documents"][0]
        if (text := res.pop("text", None)) is not None:
            text_file = out_dir / "texts" / f"{doc['doc_id']}.txt"
            atomic_write_text(text_file, [text])
            doc["text_path"] = str(text_file)
        years = res.pop("years", None)
        _write_part(parts / _part_name(path), res)
        # beside the part, small: the parent links a department's consecutive years from these alone
        atomic_write_text(parts / (_part_name(path) + ".years"), [json.dumps(years, ensure_ascii=False)])
        if bar is not None:
            bar.update(1)
        else:
            log.info("%s %s (%d facts)", doc["status"], path, res["counts"]["facts"])
        if on_document:
            on_document(doc)

    try:
        if engine == "dask":
            from .dask_engine import run_dask

            run_dask(todo, finish, scheduler=scheduler, n_workers=n_workers, args=(max_bytes, use_models, doc_timeout))
        elif n_workers == 1 or len(todo) <= 1:
            for p in todo:
                finish(p, process_path(p, max_bytes, use_models, doc_timeout))
        else:
            _run_pool(todo, finish, n_workers, (max_bytes, use_models, doc_timeout))
    except KeyboardInterrupt:
        if bar is not None:
            bar.close()
        log.warning("interrupted: finished documents are kept in %s; run again with --resume", parts)
        raise
    if bar is not None:
        bar.close()

    summary = _assemble(files, out_dir, parts, tabular=tabular)
    summary.n_reused = reused
    summary.seconds = round(time.perf_counter() - t0, 3)
    atomic_write_text(out_dir / "summary.json", [json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"])
    return summary


def _run_pool(todo: list[str], finish: Callable[[str, dict[str, Any]], None], n_workers: int, args: tuple[Any, ...]) -> None:
    """Local worker processes. On Ctrl-C the workers are terminated at once (they hold nothing
    that is not already written: a document's part is written by the parent when it returns)."""
    pool = ProcessPoolExecutor(max_workers=n_workers, initializer=_ignore_sigint)
    pending = iter(todo)
    try:
        # a bounded window of submitted documents: a future keeps its result (a whole document's
        # records) for as long as it is referenced, so holding every future of a 10,000-document
        # batch held every result — peak RSS grew with the batch (≈ 4 GB at 10k documents)
        futs = {pool.submit(process_path, p, *args): p for p in islice(pending, IN_FLIGHT_PER_WORKER * n_workers)}
        while futs:
            done, _ = wait(futs, return_when=FIRST_COMPLETED)
            for fut in done:
                p = futs.pop(fut)
                try:
                    res = fut.result()
                except Exception as exc:  # noqa: BLE001 - a crashed worker is one error record
                    res = pack(result_dict(error_result(p, None, exc)))
                del fut
                finish(p, res)
                del res
                for nxt in islice(pending, 1):
                    futs[pool.submit(process_path, nxt, *args)] = nxt
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():
            child.terminate()
        raise
    pool.shutdown(wait=True)


class _Streams:
    """The JSONL outputs, written line by line into temp files renamed into place at the end."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.tmp: dict[str, str] = {}
        self.fh: dict[str, Any] = {}
        out_dir.mkdir(parents=True, exist_ok=True)
        for k in RECORD_FILES:
            fd, tmp = tempfile.mkstemp(prefix=f".{k}.jsonl.", dir=out_dir)
            self.tmp[k] = tmp
            self.fh[k] = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, k: str, text: str) -> None:
        self.fh[k].write(text)

    def commit(self) -> dict[str, str]:
        files = {}
        for k in RECORD_FILES:
            self.fh[k].close()
            os.chmod(self.tmp[k], 0o666 & ~_umask())
            path = self.out_dir / f"{k}.jsonl"
            os.replace(self.tmp[k], path)
            files[f"{k}.jsonl"] = str(path)
        return files

    def abort(self) -> None:
        for k in RECORD_FILES:
            self.fh[k].close()
            Path(self.tmp[k]).unlink(missing_ok=True)


def _link_years(files: list[Path], parts: Path) -> dict[str, tuple[Path, Path]]:
    """doc_id → (its `.years` file, the same department's previous-year document's) over the batch.
    Only the linking keys are held (department, kind, year: ~100 bytes a document); the figures
    are read again for the linked pairs alone — holding every document's figures cost 2.6 GB at
    100,000 documents."""
    light: list[YearFigures] = []
    where: dict[str, Path] = {}
    for f in files:
        path = parts / (_part_name(str(f)) + ".years")
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue  # an error record, or a part from before cross-year linking
        if d:
            light.append(YearFigures(d["doc_id"], d["path"], d["key"], int(d["year"]), d["doc_kind"], (), ()))
            where[d["doc_id"]] = path
    links = link_years(light)
    return {doc_id: (where[doc_id], where[prev.doc_id]) for doc_id, prev in links.items()}


def _figures(path: Path) -> YearFigures | None:
    try:
        return figures_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, KeyError):
        return None


def _assemble(files: list[Path], out_dir: Path, parts: Path, *, tabular: bool = True) -> BatchSummary:
    """Stream every document's part into the outputs, in input order (deterministic whatever
    the worker order); memory holds one part at a time, never the whole batch."""
    seen: dict[str, str] = {}
    summary = BatchSummary(out=str(out_dir))
    previous = _link_years(files, parts)
    kinds: Counter[str] = Counter()
    checks: Counter[str] = Counter()
    streams = _Streams(out_dir)
    try:
        for f in files:
            part = parts / _part_name(str(f))
            try:
                res = pack(_read_part(part))
            except (OSError, EOFError, zlib.error, ValueError, KeyError) as exc:  # ValueError: bad JSON or UTF-8
                res = pack(result_dict(error_result(str(f), None, exc)))
            doc = res["documents"][0]
            doc["path"] = str(f)
            summary.n_documents += 1
            if doc["status"] == "ok":
                summary.n_ok += 1
                if doc["doc_id"] in seen:  # same bytes twice: one record per file, facts once
                    doc["duplicate_of"] = seen[doc["doc_id"]]
                    streams.write("documents", json.dumps(doc, ensure_ascii=False) + "\n")
                    continue
                seen[doc["doc_id"]] = str(f)
            elif doc["status"] == "skipped":
                summary.n_skipped += 1
                log.info("skipped %s: %s", f, doc.get("error"))
            else:
                summary.n_errors += 1
                summary.errors.append({"path": str(f), "error": doc.get("error") or ""})
            pair = previous.get(doc["doc_id"])
            cur, prev = (_figures(pair[0]), _figures(pair[1])) if pair else (None, None)
            if prev is not None:
                doc["previous_doc_id"] = prev.doc_id
            streams.write("documents", json.dumps(doc, ensure_ascii=False) + "\n")
            for k, text in res["jsonl"].items():
                streams.write(k, text)
            if cur is not None and prev is not None:
                for finding in year_over_year(cur, prev):
                    streams.write("findings", json.dumps(finding.to_dict(), ensure_ascii=False) + "\n")
                    checks[finding.check] += 1
            kinds.update(res["kinds"])
            checks.update(res["checks"])
            summary.n_cells += res["counts"]["tables"]
            summary.n_indicators += res["counts"]["indicators"]
            summary.n_alignments += res["counts"]["alignments"]
        summary.files = streams.commit()
    except BaseException:
        streams.abort()
        raise
    if tabular:
        parquet, db = build_tabular(out_dir)
        summary.files["parquet"] = str(parquet)
        summary.files["duckdb"] = str(db)
    summary.facts_by_kind = dict(kinds)
    summary.findings_by_check = dict(checks)
    return summary


__all__ = ["BatchSummary", "atomic_write_text", "discover", "doc_id_for", "pack", "process_path", "run"]
