"""Self-contained HTML pages for people checking a batch: an index, and per document its
findings first, the text with every fact highlighted, and each fact beside its table cell.

Everything from a document is HTML-escaped; pages carry their own CSS and no scripts.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from .batch import atomic_write_text
from .errors import ExtractError, UsageError
from .ingest import read_document

_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:76rem;color:#222;line-height:1.6}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ddd;padding:.25rem .45rem;vertical-align:top}
th{background:#f4f4f4;text-align:left}.num{text-align:right;font-variant-numeric:tabular-nums}
.error{color:#b00020}.warning{color:#9a5b00}.info{color:#555}
.sev{font-weight:600;text-transform:uppercase;font-size:.75rem}
pre.doc{white-space:pre-wrap;font-family:inherit;background:#fafafa;border:1px solid #eee;padding:1rem}
mark{padding:0 .1rem;border-radius:.2rem}mark.amount{background:#d7ecff}mark.change{background:#ffe3c2}
mark.percent{background:#e8dcff}mark.headcount,mark.count{background:#d6f5d6}mark.reason{background:#fff5b0}
mark.finding{background:#ffc9c9}.consistent{color:#1b7f3b}.mismatch{color:#b00020;font-weight:600}
"""


def _e(s: Any) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _page(title: str, body: str) -> str:
    return f'<!doctype html>\n<html lang="zh"><head><meta charset="utf-8"><title>{_e(title)}</title><style>{_CSS}</style></head><body>{body}</body></html>\n'


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _highlighted(text: str, facts: list[dict[str, Any]], findings: list[dict[str, Any]]) -> str:
    """The text with non-overlapping marks: finding spans, then facts (numbers before reasons)."""
    spans: list[tuple[int, int, str, str]] = []
    for i, f in enumerate(findings):
        if f.get("span"):
            spans.append((f["span"][0], f["span"][1], "finding", f"finding-{i}"))
    for f in sorted(facts, key=lambda f: f["kind"] == "reason"):
        s, e = f["span"]
        spans.append((s, e, f["kind"], f"fact-{f['fact_id']}"))
    chosen: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for s, e, kind, anchor in spans:
        if e <= s or any(s < b and a < e for a, b in taken):
            continue
        taken.append((s, e))
        chosen.append((s, e, kind, anchor))
    chosen.sort()
    out: list[str] = []
    pos = 0
    for s, e, kind, anchor in chosen:
        out.append(_e(text[pos:s]))
        out.append(f'<mark class="{kind}" id="{_e(anchor)}">{_e(text[s:e])}</mark>')
        pos = e
    out.append(_e(text[pos:]))
    return "".join(out)


def document_page(doc: dict[str, Any], text: str | None, facts: list[dict[str, Any]], alignments: list[dict[str, Any]], findings: list[dict[str, Any]]) -> str:
    title = f"{doc.get('department') or doc['path']} {doc.get('year') or ''} {doc.get('doc_kind') or ''}".strip()
    parts = [f"<h1>{_e(title)}</h1>", f"<p>{_e(doc['path'])} · {len(facts)} facts · {doc.get('n_tables', 0)} tables · {len(findings)} findings</p>"]
    parts.append("<h2>Findings</h2>")
    if findings:
        parts.append("<table><tr><th>severity</th><th>check</th><th>message</th></tr>")
        for i, f in enumerate(findings):
            link = f'<a href="#finding-{i}">{_e(f["message"])}</a>' if f.get("span") and text is not None else _e(f["message"])
            parts.append(f'<tr><td class="sev {f["severity"]}">{_e(f["severity"])}</td><td>{_e(f["check"])}</td><td>{link}</td></tr>')
        parts.append("</table>")
    else:
        parts.append("<p>No findings.</p>")
    by_fact = {a["fact_id"]: a for a in alignments}
    parts.append("<h2>Facts and their table cells</h2><table><tr><th>kind</th><th>subject</th><th class=num>value</th><th>unit</th><th>baseline</th><th>table cell</th><th class=num>table value</th><th>status</th></tr>")
    for f in facts:
        if f["kind"] == "reason":
            continue
        a = by_fact.get(f["fact_id"])
        cell = f"{_e(a['table_title'])} · {_e(a['row_label'])} · {_e(a['column'])}" if a else ""
        tv = _e(f"{a['table_value']:g}") if a else ""
        st = f'<span class="{_e(a["status"])}">{_e(a["status"])}</span>' if a else ""
        subj = f'<a href="#fact-{_e(f["fact_id"])}">{_e(f["subject"])}</a>' if text is not None else _e(f["subject"])
        value = "" if f["value"] is None else f"{f['value']:g}"
        parts.append(f"<tr><td>{_e(f['kind'])}</td><td>{subj}</td><td class=num>{_e(value)}</td><td>{_e(f['unit'])}</td><td>{_e(f.get('baseline'))}</td><td>{cell}</td><td class=num>{tv}</td><td>{st}</td></tr>")
    parts.append("</table>")
    parts.append("<h2>Text</h2>")
    if text is None:
        parts.append("<p>The document's file could not be read again, so its text is not shown.</p>")
    else:
        parts.append(f'<pre class="doc">{_highlighted(text, facts, findings)}</pre>')
    return _page(title, "".join(parts))


def write_report(out_dir: str | Path) -> Path:
    """Write OUT_DIR/report/index.html and one page per document from a batch's JSONL files."""
    out = Path(out_dir)
    docs = _read_jsonl(out / "documents.jsonl")
    if not docs:
        raise UsageError(f"no documents.jsonl with records in {out} (run `budget-extract run` first)")
    group: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for name in ("facts", "alignments", "findings"):
        for r in _read_jsonl(out / f"{name}.jsonl"):
            group[r["doc_id"]][name].append(r)
    rdir = out / "report"
    rows = []
    for d in docs:
        if d["status"] != "ok" or d.get("duplicate_of"):
            rows.append(f"<tr><td>{_e(d['path'])}</td><td colspan=4 class=error>{_e(d.get('error') or 'duplicate of ' + str(d.get('duplicate_of')))}</td></tr>")
            continue
        g = group[d["doc_id"]]
        text: str | None
        try:
            raw = read_document(d["path"])
            text = raw.text if raw.sha256 == d["sha256"] else None
        except ExtractError:
            text = None
        page = document_page(d, text, g["facts"], g["alignments"], g["findings"])
        atomic_write_text(rdir / f"{d['doc_id']}.html", [page])
        sev = defaultdict(int)
        for f in g["findings"]:
            sev[f["severity"]] += 1
        rows.append(
            f'<tr><td><a href="{_e(d["doc_id"])}.html">{_e(d.get("department") or d["path"])}</a></td><td>{_e(d.get("year"))}</td>'
            f'<td class=num>{len(g["facts"])}</td><td class=num>{d.get("n_tables", 0)}</td>'
            f'<td><span class=error>{sev["error"]}</span> / <span class=warning>{sev["warning"]}</span> / <span class=info>{sev["info"]}</span></td></tr>'
        )
    index = _page(
        "budget-extract report",
        "<h1>budget-extract report</h1><table><tr><th>document</th><th>year</th><th class=num>facts</th><th class=num>tables</th><th>findings (error / warning / info)</th></tr>"
        + "".join(rows)
        + "</table>",
    )
    atomic_write_text(rdir / "index.html", [index])
    return rdir / "index.html"
