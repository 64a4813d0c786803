"""Command line: a thin layer that parses arguments, calls the library and prints results."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import ExtractError, UsageError


def _positive(name: str, value: float | None, *, allow_zero: bool = False) -> None:
    """Numeric options: a negative (or zero) count or size is a one-line usage error."""
    if value is not None and (value < 0 or (value == 0 and not allow_zero)):
        raise UsageError(f"{name} must be {'0 or more' if allow_zero else 'more than 0'}, got {value:g}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _cmd_run(args: argparse.Namespace) -> int:
    from .batch import run

    _positive("--max-mb", args.max_mb)
    _positive("--workers", args.workers)
    summary = run(
        args.paths,
        out=args.out,
        workers=args.workers,
        glob=args.glob,
        resume=args.resume,
        max_bytes=int(args.max_mb * 1024 * 1024),
        progress=False if args.quiet else None,
        use_models=not args.no_models,
        doc_timeout=args.doc_timeout or None,
        engine=args.engine,
        scheduler=args.scheduler,
        tabular=not args.jsonl_only,
    )
    print(summary.render())
    print(f"summary: {args.out}/summary.json")
    if args.report:
        from .report import write_report

        print(f"report: {write_report(args.out)}")
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from .tabular import query, render_rows

    columns, rows = query(args.out_dir, args.sql)
    if args.json:
        for r in rows:
            print(json.dumps(dict(zip(columns, r, strict=True)), ensure_ascii=False, default=str))
    elif columns:
        print(render_rows(columns, rows))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    print(f"report: {write_report(args.out_dir)}")
    return 0


def _cmd_facts(args: argparse.Namespace) -> int:
    from .pipeline import extract_document

    r = extract_document(args.file, is_text=False)
    if args.json:
        for f in r.facts:
            print(json.dumps(f.to_dict(), ensure_ascii=False))
        return 0
    d = r.document
    print(f"{d.path}  {d.department or '?'} {d.year or '?'} {d.doc_kind or '?'}  encoding={d.encoding}  facts={d.n_facts}")
    print(FACTS_LEGEND)
    section = None
    for f in r.facts:
        if f.section != section:
            section = f.section
            print(f"\n## {section}")
        if f.kind == "reason":
            print(f"  reason    {f.subject} ← {f.text}")
            continue
        extra = f"  vs {f.baseline}" if f.baseline else ""
        print(f"  {f.kind:<9} {f.subject} = {f.value:g} {f.unit or ''}{extra}   [{f.metric or '-'}] {f.confidence:.2f}")
    return 0


FACTS_LEGEND = "kind  subject = value unit  [vs baseline]  [metric id, - when none]  confidence (0-1: trained probability the fact is right)"


def _cmd_tables(args: argparse.Namespace) -> int:
    from .ingest import read_document
    from .layout import parse_layout
    from .normalize import normalize
    from .tables import parse_tables

    _positive("--rows", args.rows, allow_zero=True)
    raw = read_document(args.file)
    tables = parse_tables(parse_layout(normalize(raw.text)).blocks, doc_id=raw.doc_id)
    if args.json:
        for t in tables:
            for c in t.cells:
                print(json.dumps(c.to_dict(), ensure_ascii=False))
        return 0
    for t in tables:
        head = f"{t.table_id}  {t.title or '(untitled)'}  [{t.layout}]  unit={t.unit or '?'}  cells={len(t.cells)}"
        if t.indicators:
            head += f"  indicators={len(t.indicators)}"
        print(head)
        if t.empty:
            print(f"    empty table{': ' + t.note if t.note else ''}")
        if t.cells:
            print("    columns: " + " | ".join(t.columns))
            rows: dict[tuple[str, str | None], list[str]] = {}
            for c in t.cells:
                rows.setdefault((c.row_label, c.code), []).append(f"{c.column}={c.value:g}")
            for (label, code), vals in list(rows.items())[: args.rows]:
                print(f"    {(code or ''):>8} {label[:24]:<24} " + "; ".join(vals))
            if len(rows) > args.rows:
                print(f"    … {len(rows) - args.rows} more rows")
        for i in t.indicators[: args.rows]:
            print(f"    {i.project or ''} {i.level1} > {i.level2} > {i.indicator}: {i.comparator or ''}{'' if i.value is None else f'{i.value:g}'}{i.unit or ''} «{i.text}»")
        print()
    return 0


def _training_main():  # noqa: ANN202 - the training entry point, or None when it was not installed
    """`training.train`, installed beside `extract` (pyproject packages); None in a build without it."""
    try:
        from training import train
    except ImportError:
        return None
    return train


def _project_defaults(args: argparse.Namespace, **defaults: str) -> None:
    """Unset folder options resolve against the source checkout, not the working directory."""
    from .evaluate import project_path

    for name, rel in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, str(project_path(rel)))


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import check_inputs, evaluate_all
    from .model import Models

    args.named_folders = args.annotations is not None or args.corpus is not None
    _project_defaults(args, annotations="annotations", corpus="tests/data/corpus")
    check_inputs(args.corpus, args.annotations)
    if args.lodo or args.lofo:
        train = _training_main()
        if train is None:
            print("budget-extract evaluate --lodo/--lofo: the training package is not installed (pip install budget-extract with training/)", file=sys.stderr)
            return 2
        # the dev corpus alone when folders are named; else every annotated corpus (dev + wide)
        sources = [(Path(args.corpus), Path(args.annotations) / "facts")] if args.named_folders else train.default_sources()
        _, held = train.train_all(sources, group_of=train.family_grouping() if args.lofo else None)
        print(json.dumps(held, ensure_ascii=False, indent=1) if args.json else train.render_lodo(held) + "\n" + train.render_groups(held))
        return 0
    models = Models() if args.rules else Models.from_dir(args.models) if args.models else None
    only = tuple(x for x in (args.only or "").split(",") if x)
    res = evaluate_all(args.corpus, args.annotations, models=models, only=only)
    text = res.pop("_render")
    if args.errors:
        text += "\n" + "\n".join(f"  {e['type']:<6} {e['check']:<22} {e['doc']}: {e['message']}" for e in res["finding_errors"])
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        print(f"{len(res['documents'])} documents, models: {', '.join(res['models']) or 'none (rules only)'}\n\n{text}")
    return 0


def _cmd_annotate_export(args: argparse.Namespace) -> int:
    from .annotate import export_tasks
    from .batch import discover

    _positive("--n", args.n)
    files = discover(args.paths)
    skipped: list[str] = []
    n = export_tasks(files, Path(args.out), fmt=args.format, select=args.select, n=args.n, skipped=skipped)
    for msg in skipped:
        print(f"skipped {msg}", file=sys.stderr)
    print(f"{_plural(n, 'task')} from {_plural(len(files) - len(skipped), 'document')} -> {args.out} ({args.format}, {args.select} first)")
    if args.format == "label-studio":
        from .annotate import label_studio_config

        print(f"labelling config for the Label Studio project: {label_studio_config()}")
    return 0


def _cmd_annotate_import(args: argparse.Namespace) -> int:
    from .annotate import import_tasks

    rep = import_tasks(args.file, args.into, corpus=args.corpus, force=args.force, reviewer=args.reviewer)
    print(rep.render())
    return 1 if rep.conflicts and not args.force else 0


def _cmd_annotate_docbin(args: argparse.Namespace) -> int:
    from .annotate import export_docbin

    _project_defaults(args, annotations="annotations", corpus="tests/data/corpus")
    c = export_docbin(args.annotations, args.corpus, args.out)
    print(f"{c['docs']} docs, {c['spans']} spans ({c['widened']} widened to token edges, {c['dropped']} dropped) -> {args.out}")
    return 0


def _cmd_train(args: argparse.Namespace) -> int:
    train = _training_main()
    if train is None:
        print("budget-extract train: the training package is not installed (pip install budget-extract with training/)", file=sys.stderr)
        return 2
    _project_defaults(args, out="extract/models")
    argv = ["--out", args.out, "--held-out", args.held_out]
    if args.annotations:  # one named corpus; by default every annotated corpus (dev + wide)
        argv += ["--annotations", args.annotations] + (["--corpus", args.corpus] if args.corpus else [])
    return train.main(argv)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="budget-extract", description="Extract verifiable data from Chinese budget disclosure documents.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="extract a batch of documents into JSONL files", description="Extract every document under PATH into JSONL record files (see CONTRACT).")
    r.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    r.add_argument("--out", required=True, metavar="DIR", help="output folder")
    from .batch import DEFAULT_PATTERNS

    r.add_argument("--workers", type=int, default=None, metavar="N", help="parallel processes (default: up to 4, one per core)")
    r.add_argument("--glob", default=None, metavar="PATTERN", help=f"file name patterns in folders, comma separated (default: {', '.join(DEFAULT_PATTERNS)})")
    r.add_argument("--resume", action="store_true", help="reuse documents already finished in DIR")
    r.add_argument("--max-mb", type=float, default=50.0, metavar="MB", help="skip files larger than this with an error record (default 50)")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.add_argument("--report", action="store_true", help="also write the HTML report (DIR/report/index.html)")
    r.add_argument("--no-models", action="store_true", help="the rules alone, without the trained models (faster, less accurate)")
    r.add_argument("--doc-timeout", type=float, default=120.0, metavar="S", help="a document taking longer becomes an error record (default 120; 0 = no limit)")
    r.add_argument("--engine", choices=["local", "dask"], default="local", help="local worker processes (default) or a dask.distributed cluster")
    r.add_argument("--scheduler", default=None, metavar="ADDRESS", help="dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local dask cluster of --workers processes)")
    r.add_argument("--jsonl-only", action="store_true", help="skip the Parquet parts and DIR/budget.duckdb")
    r.set_defaults(func=_cmd_run)

    q = sub.add_parser("query", help="run SQL on a finished batch (DIR/budget.duckdb)", description="Run SQL against OUT_DIR/budget.duckdb: tables documents, facts, tables, indicators, alignments, findings; views docs, fact_documents, fact_cells, finding_documents.")
    q.add_argument("out_dir", metavar="OUT_DIR", help="the --out folder of a finished `run`")
    q.add_argument("sql", metavar="SQL")
    q.add_argument("--json", action="store_true", help="one JSON object per row")
    q.set_defaults(func=_cmd_query)

    rp = sub.add_parser("report", help="write HTML pages for a finished batch", description="Write OUT_DIR/report/index.html (a sortable row per file) and a page per document: chart, findings, and the document as it reads with every fact highlighted and linked to its table cell.")
    rp.add_argument("out_dir", metavar="OUT_DIR", help="the --out folder of a finished `run`")
    rp.set_defaults(func=_cmd_report)

    f = sub.add_parser("facts", help="print the narrative facts of one document", description="Print the facts of one document, grouped by section.")
    f.add_argument("file", metavar="FILE")
    f.add_argument("--json", action="store_true", help="JSON lines instead of the readable listing")
    f.set_defaults(func=_cmd_facts)
    t = sub.add_parser("tables", help="print the parsed tables of one document", description="Print every table of one document as parsed: title, unit, columns and rows.")
    t.add_argument("file", metavar="FILE")
    t.add_argument("--rows", type=int, default=12, metavar="N", help="rows shown per table (default 12)")
    t.add_argument("--json", action="store_true", help="the tables.jsonl cell records instead")
    t.set_defaults(func=_cmd_tables)

    e = sub.add_parser("evaluate", help="score the pipeline against hand-checked annotations", description="Precision/recall of facts per kind and per metric (with confusions), table cells and targets, alignment accuracy, findings per check; --lodo for held-out model scores.")
    e.add_argument("--annotations", default=None, metavar="DIR", help="folder with facts/, tables/, alignments/, findings/ (default: the checkout's annotations/)")
    e.add_argument("--corpus", default=None, metavar="DIR", help="the annotated documents (default: the checkout's tests/data/corpus)")
    e.add_argument("--json", action="store_true", help="JSON instead of the readable report")
    e.add_argument("--only", default=None, metavar="PREFIX[,PREFIX]", help="score only documents whose file name starts with one of these (e.g. c for the held-out third of corpus/wide)")
    e.add_argument("--errors", action="store_true", help="list every missed and every false finding")
    which = e.add_mutually_exclusive_group()
    which.add_argument("--models", default=None, metavar="DIR", help="models written by `train --out DIR` (default: the shipped ones)")
    which.add_argument("--rules", action="store_true", help="score the rules alone, no trained model")
    e.add_argument("--lodo", action="store_true", help="leave-one-document-out: retrain on all but one document, score it, for each (≈ 100 s of CPU)")
    e.add_argument("--lofo", action="store_true", help="leave-one-family-out: retrain without each template family (corpus/families.tsv) and score it — the number changes are judged by")
    e.set_defaults(func=_cmd_evaluate)

    an = sub.add_parser("annotate", help="export pre-annotated tasks, import corrections", description="The annotate → retrain loop (see annotations/README.md).")
    asub = an.add_subparsers(dest="annotate_command", required=True)
    ax = asub.add_parser("export", help="pre-annotated tasks for Label Studio, doccano or JSONL", description="One task per line of a document that holds facts, pre-annotated by the current pipeline.")
    ax.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders")
    ax.add_argument("--out", required=True, metavar="FILE")
    ax.add_argument("--format", choices=["label-studio", "doccano", "jsonl"], default="label-studio")
    ax.add_argument("--select", choices=["uncertain", "random", "all"], default="uncertain", help="order: least confident first (default), shuffled, or document order")
    ax.add_argument("--n", type=int, default=None, metavar="N", help="at most N tasks")
    ax.set_defaults(func=_cmd_annotate_export)
    ai = asub.add_parser("import", help="merge corrected tasks into annotations/", description="Each task replaces the labels of its text range; reviewed labels that differ are conflicts (kept unless --force); files are backed up before they change.")
    ai.add_argument("file", metavar="FILE", help="a Label Studio export (JSON), doccano JSONL or fact JSONL")
    ai.add_argument("--into", default="annotations", metavar="DIR")
    ai.add_argument("--corpus", default=None, metavar="DIR", help="the documents, to fill in line numbers and surfaces")
    ai.add_argument("--force", action="store_true", help="let imported labels replace reviewed ones")
    ai.add_argument("--reviewer", default="import", help="name added to each imported label's review list")
    ai.set_defaults(func=_cmd_annotate_import)

    ad = asub.add_parser("docbin", help="gold facts as a spaCy DocBin for training", description="One Doc per line that holds gold facts (jieba-segmented), spans in doc.spans['facts'].")
    ad.add_argument("--annotations", default=None, metavar="DIR", help="default: the checkout's annotations/")
    ad.add_argument("--corpus", default=None, metavar="DIR", help="default: the checkout's tests/data/corpus")
    ad.add_argument("--out", required=True, metavar="FILE", help="e.g. train.spacy")
    ad.set_defaults(func=_cmd_annotate_docbin)

    tr = sub.add_parser(
        "train",
        help="retrain the shipped models from annotations",
        description="Train the kind, subject, metric, reason and confidence models (seeded, in pipeline order) and print their "
        "held-out scores (by template family, or by document) next to the rules'; a ranker that does not beat the rules is not written.",
    )
    tr.add_argument("--annotations", default=None, metavar="DIR", help="one folder with facts/ (default: the dev and wide corpora's annotations)")
    tr.add_argument("--corpus", default=None, metavar="DIR", help="its annotated documents (with --annotations)")
    tr.add_argument("--held-out", choices=("family", "document"), default="family", help="cross-fit by template family (default) or by document")
    tr.add_argument("--out", default=None, metavar="DIR", help="where the model files go (default: the checkout's extract/models)")
    tr.set_defaults(func=_cmd_train)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except ExtractError as exc:
        print(f"budget-extract: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("budget-extract: interrupted (finished documents are kept: run again with --resume)", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
