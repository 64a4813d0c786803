"""The annotate → retrain loop: pre-annotated tasks out, corrected labels back in.

Tasks are the paragraphs of a document that hold facts (long ones cut at sentence ends),
pre-annotated by the current pipeline, in Label Studio JSON, doccano JSONL or this project's own
fact JSONL (`annotations/README.md`). Spans in a task are relative to its text — in characters,
except Label Studio's, which counts UTF-16 code units like the browser (a character outside the
BMP counts 2) — and `data.offset` (characters) puts them back into the original document, so
imported labels keep exact offsets. Only human annotations are imported: a Label Studio task with
predictions and no annotation was never looked at and is counted and skipped. Import merges into `annotations/facts/`: a task replaces the
facts of its own text range, never silently — reviewed labels that differ are reported as
conflicts and kept unless `force`, and every rewritten file is backed up first.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .batch import atomic_write_text
from .errors import ExtractError
from .ingest import read_document
from .layout import parse_layout
from .normalize import normalize
from .pipeline import process
from .records import Fact

FORMATS = ("label-studio", "doccano", "jsonl")
ATTRS = ("subject", "value", "unit", "direction", "baseline", "text", "explains")
# A paragraph longer than this is cut into tasks at sentence ends, so a task stays readable in
# the labelling tool (most prose paragraphs of the dev corpus are under 300 characters).
MAX_TASK_CHARS = 400
_SENT_END = "。！？；;!?"


class AnnotationFormatError(ExtractError):
    """An import file that is not one of the supported task formats."""


def fact_record(doc: str, text: str, f: Fact, starts: dict[str, int]) -> dict[str, Any]:
    """A fact in the annotation format (annotations/README.md); `starts` maps fact ids to offsets."""
    return {
        "doc": doc,
        "line": text.count("\n", 0, f.span[0]) + 1,
        "start": f.span[0],
        "end": f.span[1],
        "surface": text[f.span[0] : f.span[1]],
        "kind": f.kind,
        "subject": f.subject,
        "value": f.value,
        "unit": f.unit,
        "direction": f.direction,
        "baseline": f.baseline,
        "text": f.text,
        "explains": starts.get(f.explains or ""),
        "review": [],
        "confidence": f.confidence,
    }


@dataclass
class Task:
    doc: str
    offset: int
    text: str
    facts: list[dict[str, Any]]

    @property
    def uncertainty(self) -> float:
        """1 when some fact is a coin toss, 0 when the model is sure of all of them."""
        return max((1 - abs(2 * f["confidence"] - 1) for f in self.facts), default=0.0)


def _cut(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """[a, b) as is, or cut after sentence ends into pieces of at most MAX_TASK_CHARS (a sentence
    longer than that stays whole)."""
    if b - a <= MAX_TASK_CHARS:
        return [(a, b)]
    pieces: list[tuple[int, int]] = []
    start = last_end = a
    for i in range(a, b):
        if text[i] in _SENT_END:
            if i + 1 - start > MAX_TASK_CHARS and last_end > start:
                pieces.append((start, last_end))
                start = last_end
            last_end = i + 1
    if b - start > MAX_TASK_CHARS and start < last_end < b:
        pieces.append((start, last_end))
        start = last_end
    pieces.append((start, b))
    return pieces


def task_ranges(text: str) -> list[tuple[int, int]]:
    """Original-text ranges of the document's paragraphs and headings (PDF-wrapped lines joined, as
    the layout stage reads them), long paragraphs cut at sentence ends."""
    ranges: list[tuple[int, int]] = []
    for b in parse_layout(normalize(text)).blocks:
        if b.kind == "table" or not len(b.text):
            continue
        a, e = b.text.offsets[0], b.text.end_of(len(b.text) - 1)
        ranges += _cut(text, a, e)
    return sorted(ranges)


def tasks_for(path: str | Path) -> list[Task]:
    """One task per paragraph (or sentence run of a long one) that holds facts; a fact outside
    every paragraph (a table note) gets its own line."""
    raw = read_document(path)
    res = process(raw)
    text, doc = raw.text, Path(path).name
    starts = {f.fact_id: f.span[0] for f in res.facts}
    ranges = task_ranges(text)
    by_range: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for f in res.facts:
        rng = next(((a, b) for a, b in ranges if a <= f.span[0] and f.span[1] <= b), None)
        if rng is None:
            a = text.rfind("\n", 0, f.span[0]) + 1
            b = text.find("\n", f.span[1])
            rng = (a, len(text) if b < 0 else b)
        by_range[rng].append(fact_record(doc, text, f, starts))
    return [Task(doc, a, text[a:b], fs) for (a, b), fs in sorted(by_range.items())]


def utf16_len(s: str) -> int:
    """Length as JavaScript (and Label Studio) counts it: characters outside the BMP count 2."""
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def char_index(s: str, utf16_offset: int) -> int:
    """The character index of a UTF-16 offset into `s` (the inverse of utf16_len of a prefix)."""
    n = 0
    for i, ch in enumerate(s):
        if n >= utf16_offset:
            return i
        n += 2 if ord(ch) > 0xFFFF else 1
    return len(s)


def label_studio_config() -> Path:
    """The shipped Label Studio labelling config whose names match the export."""
    from importlib import resources

    return Path(str(resources.files("extract") / "data" / "label_studio.xml"))


def select_tasks(tasks: list[Task], select: str = "uncertain", n: int | None = None, seed: int = 0) -> list[Task]:
    if select == "uncertain":
        tasks = sorted(tasks, key=lambda t: -t.uncertainty)
    elif select == "random":
        tasks = tasks[:]
        random.Random(seed).shuffle(tasks)
    elif select != "all":
        raise ValueError(f"unknown selection {select!r} (uncertain, random, all)")
    return tasks[:n] if n else tasks


def _to_label_studio(t: Task) -> dict[str, Any]:
    result = []
    for i, f in enumerate(t.facts):
        start, end = utf16_len(t.text[: f["start"] - t.offset]), utf16_len(t.text[: f["end"] - t.offset])
        result.append(
            {
                "id": f"{t.offset}-{i}",
                "from_name": "kind",
                "to_name": "text",
                "type": "labels",
                "value": {"start": start, "end": end, "text": f["surface"], "labels": [f["kind"]]},
                "meta": {"text": [json.dumps({k: f[k] for k in ATTRS}, ensure_ascii=False)]},
                "score": f["confidence"],
            }
        )
    return {
        "data": {"text": t.text, "doc": t.doc, "offset": t.offset},
        "predictions": [{"model_version": "budget-extract", "score": round(1 - t.uncertainty, 3), "result": result}],
    }


def _to_doccano(t: Task) -> dict[str, Any]:
    return {
        "text": t.text,
        "label": [[f["start"] - t.offset, f["end"] - t.offset, f["kind"]] for f in t.facts],
        "doc": t.doc,
        "offset": t.offset,
        "attributes": [{k: f[k] for k in ATTRS} for f in t.facts],
    }


def export_tasks(
    paths: Iterable[str | Path], out: str | Path, *, fmt: str = "label-studio", select: str = "uncertain", n: int | None = None, skipped: list[str] | None = None
) -> int:
    """Write the selected tasks; returns how many. A document that cannot be read is left out
    (its one-line reason appended to `skipped`), the way a batch goes on past a bad file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} ({', '.join(FORMATS)})")
    found: list[Task] = []
    for p in paths:
        try:
            found += tasks_for(p)
        except ExtractError as exc:
            if skipped is None:
                raise
            skipped.append(f"{p}: {exc}")
    tasks = select_tasks(found, select, n)
    out = Path(out)
    if fmt == "label-studio":
        atomic_write_text(out, [json.dumps([_to_label_studio(t) for t in tasks], ensure_ascii=False, indent=1), "\n"])
    elif fmt == "doccano":
        atomic_write_text(out, (json.dumps(_to_doccano(t), ensure_ascii=False) + "\n" for t in tasks))
    else:
        atomic_write_text(out, (json.dumps({**f, "task_offset": t.offset, "task_end": t.offset + len(t.text)}, ensure_ascii=False) + "\n" for t in tasks for f in t.facts))
    return len(tasks)


# ---------------------------------------------------------------- import


def _attrs(meta: Any) -> dict[str, Any]:
    try:
        return json.loads(meta["text"][0]) if meta else {}
    except (KeyError, IndexError, TypeError, ValueError):
        return {}


def _fact(doc: str, start: int, end: int, kind: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {"doc": doc, "start": start, "end": end, "kind": kind, **{k: attrs.get(k) for k in ATTRS}}


def read_tasks(path: str | Path, *, unlabelled: list[str] | None = None) -> list[tuple[str, int, int, list[dict[str, Any]]]]:
    """(doc, range start, range end, facts with document offsets) per human-labelled task, from any
    export format. A Label Studio task nobody annotated (predictions only) is left out; its
    `doc@offset` is appended to `unlabelled`."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationFormatError(f"{p}: cannot read ({exc})") from exc
    try:
        items = json.loads(raw) if raw.startswith("[") else [json.loads(x) for x in raw.splitlines() if x.strip()]
    except ValueError as exc:
        raise AnnotationFormatError(f"{p}: not JSON or JSON lines ({exc})") from exc
    if not items:
        raise AnnotationFormatError(f"{p}: no tasks")
    try:
        return _parse_tasks(p, items, [] if unlabelled is None else unlabelled)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise AnnotationFormatError(f"{p}: a task lacks a field or has a bad one ({type(exc).__name__}: {exc})") from exc


def _human_annotation(task: dict[str, Any]) -> dict[str, Any] | None:
    """The last annotation a person submitted (cancelled/skipped ones do not count), never a prediction."""
    done = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    return done[-1] if done else None


def _parse_tasks(p: Path, items: list[Any], unlabelled: list[str]) -> list[tuple[str, int, int, list[dict[str, Any]]]]:
    out: list[tuple[str, int, int, list[dict[str, Any]]]] = []
    own: dict[tuple[str, int, int], list[dict[str, Any]]] = defaultdict(list)
    for it in items:
        if not isinstance(it, dict):
            raise AnnotationFormatError(f"{p}: a task is not a JSON object")
        if "data" in it:  # Label Studio: the last human annotation; predictions alone are not gold
            d = it["data"]
            off, text = int(d["offset"]), d["text"]
            ann = _human_annotation(it)
            if ann is None:
                unlabelled.append(f"{d['doc']}@{off}")
                continue
            res = [r for r in ann.get("result", []) if r.get("type") == "labels"]
            facts = [
                _fact(d["doc"], off + char_index(text, r["value"]["start"]), off + char_index(text, r["value"]["end"]), r["value"]["labels"][0], _attrs(r.get("meta")))
                for r in res
            ]
            out.append((d["doc"], off, off + len(d["text"]), facts))
        elif "label" in it and "offset" in it:  # doccano
            off, attrs = int(it["offset"]), it.get("attributes") or []
            facts = [_fact(it["doc"], off + s, off + e, k, attrs[i] if i < len(attrs) else {}) for i, (s, e, k) in enumerate(it["label"])]
            out.append((it["doc"], off, off + len(it["text"]), facts))
        elif "kind" in it and "start" in it:  # our own fact lines
            rng = (it["doc"], int(it.get("task_offset", it["start"])), int(it.get("task_end", it["end"])))
            own[rng].append(_fact(it["doc"], it["start"], it["end"], it["kind"], it))
        else:
            raise AnnotationFormatError(f"{p}: unknown task format (keys: {', '.join(sorted(it)[:6])})")
    out += [(doc, a, b, fs) for (doc, a, b), fs in own.items()]
    return out


@dataclass
class ImportReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)  # tasks with predictions only: skipped

    def render(self) -> str:
        rows = [f"{self.added} added, {self.changed} changed, {self.removed} removed, {self.unchanged} unchanged, {len(self.conflicts)} conflicts"]
        if self.unlabelled:
            rows.append(f"{len(self.unlabelled)} task{'s' if len(self.unlabelled) != 1 else ''} with predictions only (nobody annotated them): skipped")
        rows += [f"  conflict: {c}" for c in self.conflicts]
        rows += [f"  backup: {b}" for b in self.backups]
        return "\n".join(rows)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(k) == b.get(k) for k in ("start", "end", "kind", *ATTRS))


def import_tasks(path: str | Path, into: str | Path, *, corpus: str | Path | None = None, force: bool = False, reviewer: str = "import") -> ImportReport:
    """Merge corrected tasks into INTO/facts/; each task replaces the labels inside its range."""
    rep = ImportReport()
    by_doc: dict[str, list[tuple[int, int, list[dict[str, Any]]]]] = defaultdict(list)
    for doc, a, b, facts in read_tasks(path, unlabelled=rep.unlabelled):
        by_doc[doc].append((a, b, facts))
    folder = Path(into) / "facts"
    # every document is read before anything is written: a missing one stops the import cleanly
    texts = {doc: read_document(Path(corpus) / doc).text for doc in by_doc} if corpus else {}
    for doc, tasks in sorted(by_doc.items()):
        target = folder / f"{doc}.jsonl"
        old = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines() if x.strip()] if target.exists() else []
        text = texts.get(doc)
        keep = list(old)
        new_recs: list[dict[str, Any]] = []
        for a, b, facts in tasks:
            inside = [r for r in keep if a <= r["start"] < b]
            old_by_span = {(r["start"], r["end"]): r for r in inside}
            accepted = []
            for f in facts:
                prev = old_by_span.pop((f["start"], f["end"]), None)
                if prev is not None and _same(prev, f):
                    accepted.append(prev)
                    rep.unchanged += 1
                    continue
                if prev is not None and prev.get("review") and not force:
                    rep.conflicts.append(f"{doc}@{f['start']}: reviewed {prev['kind']} {prev.get('subject')!r} {prev.get('value')} kept; import says {f['kind']} {f.get('subject')!r} {f.get('value')}")
                    accepted.append(prev)
                    continue
                rep.changed += prev is not None
                rep.added += prev is None
                rec = {**f, "line": text.count("\n", 0, f["start"]) + 1 if text else None, "surface": text[f["start"] : f["end"]] if text else None}
                rec["review"] = [*(prev.get("review", []) if prev else []), reviewer]
                if prev and prev.get("note"):
                    rec["note"] = prev["note"]
                accepted.append(rec)
            for r in old_by_span.values():  # labels the corrected task no longer has
                if r.get("review") and not force:
                    rep.conflicts.append(f"{doc}@{r['start']}: reviewed {r['kind']} {r.get('subject')!r} missing from the import; kept")
                    accepted.append(r)
                else:
                    rep.removed += 1
            keep = [r for r in keep if not a <= r["start"] < b]
            new_recs += accepted
        merged = sorted(keep + new_recs, key=lambda r: (r["start"], r["end"]))
        if merged == old:
            continue
        if target.exists():
            backup = target.with_name(f"{target.name}.bak-{time.strftime('%Y%m%d-%H%M%S')}")
            k = 1
            while backup.exists():
                backup, k = target.with_name(f"{target.name}.bak-{time.strftime('%Y%m%d-%H%M%S')}-{k}"), k + 1
            shutil.copy2(target, backup)
            rep.backups.append(str(backup))
        atomic_write_text(target, (json.dumps(r, ensure_ascii=False) + "\n" for r in merged))
    return rep


# ---------------------------------------------------------------- spaCy DocBin


def export_docbin(annotations: str | Path, corpus: str | Path, out: str | Path) -> dict[str, int]:
    """Gold facts as a spaCy DocBin for training span models: one Doc per line that holds facts,
    segmented by jieba (`spacy.blank("zh")`), spans in `doc.spans["facts"]` labelled by kind, the
    other attributes and the document offset in `doc.user_data`. Spans that cut a jieba token are
    widened to token edges and counted."""
    import logging

    import jieba
    import spacy
    from spacy.tokens import DocBin

    jieba.setLogLevel(logging.WARNING)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    db = DocBin(store_user_data=True)
    counts = {"docs": 0, "spans": 0, "widened": 0, "dropped": 0}
    for gold_file in sorted(Path(annotations, "facts").glob("*.jsonl")):
        doc_name = gold_file.name.removesuffix(".jsonl")
        text = read_document(Path(corpus) / doc_name).text
        recs = [json.loads(x) for x in gold_file.read_text(encoding="utf-8").splitlines() if x.strip()]
        lines: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
        for r in recs:
            a = text.rfind("\n", 0, r["start"]) + 1
            b = text.find("\n", r["end"])
            lines[(a, len(text) if b < 0 else b)].append(r)
        for (a, b), rs in sorted(lines.items()):
            doc = nlp(text[a:b])
            spans = []
            for r in rs:
                span = doc.char_span(r["start"] - a, r["end"] - a, label=r["kind"])
                if span is None:
                    span = doc.char_span(r["start"] - a, r["end"] - a, label=r["kind"], alignment_mode="expand")
                    counts["widened" if span is not None else "dropped"] += 1
                if span is not None:
                    spans.append(span)
            doc.spans["facts"] = spans
            doc.user_data["source"] = {"doc": doc_name, "offset": a, "facts": [{k: r.get(k) for k in ("start", "end", "kind", *ATTRS)} for r in rs]}
            db.add(doc)
            counts["docs"] += 1
            counts["spans"] += len(spans)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(out).with_name(f".{Path(out).name}.tmp")
    db.to_disk(tmp)
    tmp.replace(out)
    return counts
