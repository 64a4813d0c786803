"""Self-contained HTML pages for people checking a batch: an index that tells documents apart, and
per document the text rendered as it reads — headings, paragraphs, tables as real tables — with
every fact highlighted in place, its aligned table cell highlighted in its table (a click on either
jumps to the other), filters by kind, finding and confidence, and a small chart.

Pages carry their own CSS, SVG and a few lines of JavaScript (no network). Everything that comes
from a document is HTML-escaped; the script is a constant and never contains document text. The
layout is parsed again from the file (no models), so headings and tables render the way the
pipeline read them; facts, alignments and findings come from the batch's JSONL files.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .batch import atomic_write_text
from .errors import ExtractError, UsageError
from .ingest import read_document

KINDS = ("amount", "change", "percent", "headcount", "count", "reason")
KIND_COLORS = {"amount": "#cfe6ff", "change": "#ffdcae", "percent": "#e3d7ff", "headcount": "#cdf2cd", "count": "#cdf2cd", "reason": "#fff1a1"}
FINDING_COLOR = "#ffb8b8"  # finding spans, and the outline of a fact a finding names
CELL_COLOR = "#9fd0ff"  # a table cell some prose fact is aligned to
MISMATCH_COLOR = "#ff9c9c"
CHART_BAR = "#2f6fb5"  # 三公经费 bars
SEVERITY_COLORS = {"error": "#c62828", "warning": "#ef8f00", "info": "#7a7a7a"}
SANGONG_ITEMS = {  # metric id → label (extract/data/metrics.json)
    "sangong.total": "三公经费合计",
    "sangong.abroad": "因公出国（境）",
    "sangong.reception": "公务接待",
    "sangong.vehicle": "公务用车",
    "sangong.vehicle_purchase": "　车辆购置",
    "sangong.vehicle_operation": "　车辆运行维护",
}

_CSS = (
    """
*{box-sizing:border-box}
body{font-family:system-ui,"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#222;line-height:1.7;background:#fff}
main{max-width:62rem;margin:0 auto;padding:1.5rem 1.5rem 6rem}
h1{font-size:1.35rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
.meta{color:#555;font-size:.9rem}
table{border-collapse:collapse;font-size:.88rem}td,th{border:1px solid #d8d8d8;padding:.2rem .45rem;vertical-align:top}
th{background:#f3f4f6;text-align:left}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.index{width:100%}table.index th{cursor:pointer;user-select:none}table.index th:after{content:" ⇅";color:#aaa;font-size:.75em}
table.index tfoot td{font-weight:600;background:#f3f4f6}table.index td:nth-child(n+2){white-space:nowrap}
.sev-error{color:#c62828}.sev-warning{color:#b36b00}.sev-info{color:#666}.skipped{color:#777}.error{color:#c62828}
.bar{position:sticky;top:0;z-index:5;background:#fffffffa;border-bottom:1px solid #ddd;padding:.45rem 1.5rem;font-size:.85rem;display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:center}
.bar label{white-space:nowrap}.bar .sw{display:inline-block;width:.8rem;height:.8rem;border-radius:.15rem;vertical-align:-.1rem;margin-right:.15rem}
.doc{font-size:1rem}.doc h3{font-size:1.1rem;margin:1.4rem 0 .4rem}.doc h4{font-size:1rem;margin:1rem 0 .3rem}.doc h5{font-size:.95rem;margin:.8rem 0 .2rem}
.doc p{margin:.35rem 0 .7rem}.doc p.note{white-space:pre-line;font-size:.88rem;color:#444}.doc pre{white-space:pre-wrap;font-size:.8rem;background:#fafafa;border:1px solid #eee;padding:.5rem}
.doc table{margin:.5rem 0 1rem;max-width:100%;display:block;overflow-x:auto}.doc caption{text-align:left;font-weight:600;padding:.2rem 0;caption-side:top}
mark{border-radius:.2rem;padding:0 .08rem;cursor:pointer;color:inherit}
mark.off{background:transparent!important;outline:none!important;cursor:default}
mark.has-finding{outline:2px solid """
    + FINDING_COLOR
    + """;outline-offset:1px}
mark.finding{background:"""
    + FINDING_COLOR
    + """}
td.cell{background:"""
    + CELL_COLOR
    + """;cursor:pointer}td.cell.mismatch{background:"""
    + MISMATCH_COLOR
    + """}
.flash{animation:flash 1.4s ease-out}@keyframes flash{0%{box-shadow:0 0 0 4px #1e6fd9}100%{box-shadow:0 0 0 0 transparent}}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}.charts figure{margin:0}.charts figcaption{font-size:.85rem;color:#444}
ul.findings{padding-left:1.1rem;font-size:.92rem}ul.findings li{margin:.15rem 0}
details{margin:1rem 0}summary{cursor:pointer;color:#333}
"""
    + "".join(f"mark.k-{k}{{background:{c}}}" for k, c in KIND_COLORS.items())
)

# Constant script: filters and the fact ↔ cell jumps. It reads only data-* attributes the
# report wrote; no document text is ever placed inside it.
_DOC_JS = """
(function(){
  var marks=[].slice.call(document.querySelectorAll('mark.f'));
  function apply(){
    var kinds={};[].forEach.call(document.querySelectorAll('input[name=kind]:checked'),function(x){kinds[x.value]=1;});
    var onlyF=document.getElementById('only-findings').checked;
    var lo=parseFloat(document.getElementById('conf-min').value),hi=parseFloat(document.getElementById('conf-max').value);
    document.getElementById('conf-out').textContent=lo.toFixed(2)+'–'+hi.toFixed(2);
    var shown=0;
    marks.forEach(function(m){var c=parseFloat(m.getAttribute('data-conf'));
      var ok=kinds[m.getAttribute('data-kind')]&&(!onlyF||m.classList.contains('has-finding'))&&c>=lo&&c<=hi;
      m.classList.toggle('off',!ok);if(ok)shown++;});
    document.getElementById('n-shown').textContent=shown;
  }
  function go(id){var el=document.getElementById(id);if(!el)return;el.scrollIntoView({block:'center'});
    el.classList.remove('flash');void el.offsetWidth;el.classList.add('flash');}
  document.addEventListener('click',function(e){
    var m=e.target.closest('mark.f[data-cell]');if(m&&!m.classList.contains('off')){go(m.getAttribute('data-cell'));return;}
    var td=e.target.closest('td[data-facts]');if(td){go(td.getAttribute('data-facts').split(' ')[0]);}
  });
  [].forEach.call(document.querySelectorAll('.bar input'),function(x){x.addEventListener('input',apply);});
  apply();
  document.body.setAttribute('data-ready',String(marks.length));
})();
"""

_INDEX_JS = """
(function(){
  var t=document.querySelector('table.index');if(!t)return;var body=t.tBodies[0];
  [].forEach.call(t.tHead.rows[0].cells,function(th,i){th.addEventListener('click',function(){
    var asc=th.getAttribute('data-dir')!=='asc';[].forEach.call(t.tHead.rows[0].cells,function(h){h.removeAttribute('data-dir');});
    th.setAttribute('data-dir',asc?'asc':'desc');
    var rows=[].slice.call(body.rows);
    rows.sort(function(a,b){var x=a.cells[i].getAttribute('data-v')||a.cells[i].textContent,y=b.cells[i].getAttribute('data-v')||b.cells[i].textContent;
      var nx=parseFloat(x),ny=parseFloat(y);var r=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,'zh');return asc?r:-r;});
    rows.forEach(function(r){body.appendChild(r);});});});
  document.body.setAttribute('data-ready','index');
})();
"""


def _e(s: Any) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _page(title: str, body: str, script: str = "") -> str:
    js = f"<script>{script}</script>" if script else ""
    return (
        f'<!doctype html>\n<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>{body}{js}</body></html>\n"
    )


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _where(f: dict[str, Any]) -> str:
    """Where on the PDF page a number was read (' · p. 3 [72, 140, 96, 152]'), for checking it there."""
    if not f.get("page"):
        return ""
    box = f.get("bbox")
    return f" · p. {f['page']}" + (f" [{', '.join(f'{v:.0f}' for v in box)}]" if box else "")


def _num(v: Any) -> str:
    return "" if v is None else f"{v:,.2f}".rstrip("0").rstrip(".") if isinstance(v, float) else str(v)


# ---------------------------------------------------------------- marks in the text


class _Marks:
    """Non-overlapping highlight ranges over the original text, found by offset."""

    def __init__(self, ranges: list[tuple[int, int, str]]) -> None:  # (start, end, opening tag)
        self.ranges = sorted(ranges)
        self.starts = [r[0] for r in self.ranges]
        self.opened: set[int] = set()

    def at(self, pos: int) -> int | None:
        i = bisect_right(self.starts, pos) - 1
        return i if i >= 0 and self.ranges[i][0] <= pos < self.ranges[i][1] else None

    def tag(self, i: int) -> str:
        """The opening tag; the id only on its first piece (a mark split across blocks)."""
        t = self.ranges[i][2]
        if i in self.opened:
            t = t.replace(' id="', ' data-cont="', 1)
        self.opened.add(i)
        return t


class _Layers:
    """Numbers on top; reasons and finding spans underneath, shown wherever no number covers them
    (a reason that quotes 压减10% is highlighted around its number)."""

    def __init__(self, top: _Marks, under: _Marks) -> None:
        self.layers = (top, under)

    def at(self, pos: int) -> tuple[int, int] | None:
        for n, layer in enumerate(self.layers):
            i = layer.at(pos)
            if i is not None:
                return (n, i)
        return None

    def tag(self, m: tuple[int, int]) -> str:
        return self.layers[m[0]].tag(m[1])


def _marks(facts: list[dict[str, Any]], findings: list[dict[str, Any]], cell_of: dict[str, str]) -> _Layers:
    flagged = {fid for f in findings for fid in f.get("fact_ids") or []}
    layers: tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]] = ([], [])
    taken: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])

    def add(s: int, e: int, tag: str, layer: int) -> None:
        if e <= s or any(s < b and a < e for a, b in taken[layer]):
            return
        taken[layer].append((s, e))
        layers[layer].append((s, e, tag))

    for f in sorted(facts, key=lambda f: f["span"][0]):
        s, e = f["span"]
        cls = f"f k-{f['kind']}" + (" has-finding" if f["fact_id"] in flagged else "")
        value = "" if f.get("value") is None else f" = {_num(f['value'])} {f.get('unit') or ''}"
        tip = f"{f['kind']}: {f.get('subject') or ''}{value}" + (f" · {f['metric']}" if f.get("metric") else "") + f" · confidence {f['confidence']:.2f}"
        tip += _where(f)
        cell = f' data-cell="{_e(cell_of[f["fact_id"]])}"' if f["fact_id"] in cell_of else ""
        tag = f'<mark class="{cls}" id="fact-{_e(f["fact_id"])}" data-kind="{_e(f["kind"])}" data-conf="{f["confidence"]:.3f}"{cell} title="{_e(tip)}">'
        add(s, e, tag, 1 if f["kind"] == "reason" else 0)
    for i, f in enumerate(findings):
        if f.get("span") and not f.get("fact_ids"):
            add(f["span"][0], f["span"][1], f'<mark class="finding" id="finding-{i}" title="{_e(f["check"] + ": " + f["message"])}">', 1)
    return _Layers(_Marks(layers[0]), _Marks(layers[1]))


def _render_chars(chars: Iterable[tuple[str, int]], marks: _Layers) -> str:
    """Characters with their original offsets → escaped HTML with marks opened and closed in place."""
    out: list[str] = []
    cur: tuple[int, int] | None = None
    for ch, pos in chars:
        m = marks.at(pos)
        if m != cur:
            if cur is not None:
                out.append("</mark>")
            if m is not None:
                out.append(marks.tag(m))
            cur = m
        out.append(_e(ch))
    if cur is not None:
        out.append("</mark>")
    return "".join(out)


def _mapped_chars(mt: Any) -> Iterable[tuple[str, int]]:
    return zip(mt.text, mt.offsets[: len(mt.text)], strict=True)


def _cell_info(start: int, end: int, cells_by_span: dict[tuple[int, int], dict[str, Any]]) -> dict[str, Any] | None:
    """The alignments of the printed cell [start, end): the same span, or a cell span inside it
    (a cell record may cover just the number of a printed cell)."""
    hits = [(k, v) for k, v in cells_by_span.items() if k == (start, end) or start <= k[0] < end]
    if not hits:
        return None
    (s, e), first = hits[0]
    return {
        "id": f"cell-{s}-{e}",
        "facts": [x for _, v in hits for x in v["facts"]],
        "mismatch": any(v["mismatch"] for _, v in hits),
        "title": first["title"],
    }


_CELL_SPLIT = re.compile(r"\t+| {2,}|\|")
_RULE = re.compile(r"^[\s|:\-—─=+]*$")


def _raw_lines(text: str, a: int, b: int) -> list[list[tuple[str, int, int]]]:
    """The lines of text[a:b] as cells (split at tabs, runs of spaces, markdown pipes), each with
    its original offsets: how the header and form parts of a table are shown."""
    rows: list[list[tuple[str, int, int]]] = []
    pos = a
    for line in text[a:b].split("\n"):
        if line.strip() and not _RULE.match(line):
            cells, start = [], 0
            for m in [*_CELL_SPLIT.finditer(line), None]:
                end = m.start() if m else len(line)
                piece = line[start:end]
                if piece.strip():
                    lead = len(piece) - len(piece.lstrip())
                    cells.append((piece.strip(), pos + start + lead, pos + start + lead + len(piece.strip())))
                start = m.end() if m else len(line)
            rows.append(cells)
        pos += len(line) + 1
    return rows


def _td(text: str, start: int, end: int, cells_by_span: dict[tuple[int, int], dict[str, Any]], tag: str = "td") -> str:
    info = _cell_info(start, end, cells_by_span)
    num = " num" if text and text.replace(",", "").replace(".", "", 1).lstrip("-").isdigit() else ""
    if info:
        cls = "cell" + (" mismatch" if info["mismatch"] else "")
        return f'<td class="{cls}{num}" id="{info["id"]}" data-facts="{_e(" ".join(info["facts"]))}" title="{_e(info["title"])}">{_e(text)}</td>'
    return f'<{tag} class="{num.strip()}">{_e(text)}</{tag}>' if num else f"<{tag}>{_e(text)}</{tag}>"


def _table_html(t: Any, text: str, cells_by_span: dict[tuple[int, int], dict[str, Any]]) -> str:
    unit = f"（单位：{_e(t.unit)}）" if t.unit else ""
    parts = [f'<table id="table-{_e(t.table_id)}"><caption>{_e(t.title) or "（无标题表格）"} {unit}</caption>']
    body_start = next((c.start for line in t.rows for c in line.cells if c.text), t.span[1] if t.span else 0)
    head = _raw_lines(text, t.span[0], body_start) if t.span else []
    if head:  # header and form lines as printed, with offsets, so a cell aligned there is found too
        parts.append("<thead>" + "".join("<tr>" + "".join(_td(x, s, e, cells_by_span, "th") for x, s, e in row) + "</tr>" for row in head) + "</thead>")
    parts.append("<tbody>")
    for line in t.rows:
        tds = []
        for c in line.cells:
            info = _cell_info(c.start, c.end, cells_by_span)
            num = " num" if c.text and c.text.replace(",", "").replace(".", "", 1).lstrip("-").isdigit() else ""
            if info:
                cls = "cell" + (" mismatch" if info["mismatch"] else "")
                tds.append(f'<td class="{cls}{num}" id="{info["id"]}" data-facts="{_e(" ".join(info["facts"]))}" title="{_e(info["title"])}">{_e(c.text)}</td>')
            else:
                tds.append(f'<td class="{num.strip()}">{_e(c.text)}</td>' if num else f"<td>{_e(c.text)}</td>")
        parts.append("<tr>" + "".join(tds) + "</tr>")
    parts.append("</tbody></table>")
    if t.empty and t.note:
        parts.append(f"<p class=meta>空表说明：{_e(t.note)}</p>")
    return "".join(parts)


_MARKDOWN_LEAD = "#-*>+ \t"


def _without_marks(chars: Any) -> list[tuple[str, int]]:
    """A heading's or paragraph's characters without the markdown marks that open it (## 目录,
    - 一、…): a page shows the document as it reads, the marks are how the file was typed."""
    chars = list(chars)
    i = 0
    while i < len(chars) and chars[i][0] in _MARKDOWN_LEAD:
        if chars[i][0] in "-*+" and not (i + 1 < len(chars) and chars[i + 1][0] in " \t"):
            break  # -5.3%: a sign, not a list mark
        i += 1
    return chars[i:]


def _gap(text: str, a: int, b: int, marks: _Layers) -> str:
    """Lines of a table region outside its parsed tables (notes such as 注：…), as printed."""
    chars: list[tuple[str, int]] = []
    for m in re.finditer(r"[^\n]+", text[a:b]):
        line = m.group(0)
        body = line.lstrip().lstrip("#").strip() if line.lstrip().startswith("#") else line.strip()
        if not body or _RULE.match(line):
            continue
        start = a + m.start() + line.index(body)
        if chars:
            chars.append(("\n", start - 1))
        chars += [(ch, start + i) for i, ch in enumerate(body)]
    return f'<p class="note">{_render_chars(chars, marks)}</p>' if chars else ""


def _document_html(text: str, doc_id: str, marks: _Layers, cells_by_span: dict[tuple[int, int], dict[str, Any]]) -> str:
    """The document as it reads: headings, paragraphs and tables from the layout stage."""
    from .layout import parse_layout
    from .normalize import normalize
    from .tables import parse_tables

    layout = parse_layout(normalize(text))
    tables = parse_tables(layout.blocks, doc_id=doc_id)
    out: list[str] = []
    used: set[str] = set()
    for b in layout.blocks:
        if not len(b.text):
            continue
        if b.kind == "heading":
            level = min(max(b.level, 1), 3) + 2
            out.append(f"<h{level}>{_render_chars(_without_marks(_mapped_chars(b.text)), marks)}</h{level}>")
        elif b.kind == "paragraph":
            out.append(f"<p>{_render_chars(_without_marks(_mapped_chars(b.text)), marks)}</p>")
        else:
            a, e = b.text.offsets[0], b.text.offsets[len(b.text)]
            mine = sorted((t for t in tables if t.table_id not in used and t.span and a <= t.span[0] < e), key=lambda t: t.span[0])
            if not mine:
                out.append(f"<pre>{_render_chars(((text[i], i) for i in range(a, e)), marks)}</pre>")
            pos = a
            for t in mine:
                used.add(t.table_id)
                out.append(_gap(text, pos, t.span[0], marks))
                out.append(_table_html(t, text, cells_by_span))
                pos = max(pos, t.span[1])
            if mine:
                out.append(_gap(text, pos, e, marks))
    return "".join(out)


# ---------------------------------------------------------------- charts


def _svg_bars(rows: list[tuple[str, float, str, str]], *, width: int = 360, unit: str = "") -> str:
    """Horizontal bars: (label, value, bar colour, note after the value)."""
    if not rows:
        return ""
    top = max((v for _, v, _, _ in rows), default=0) or 1.0
    lh, lw, bw = 22, 112, width - 112 - 96
    h = lh * len(rows) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" viewBox="0 0 {width} {h}" role="img" font-size="12">']
    for i, (label, v, color, note) in enumerate(rows):
        y = 3 + i * lh
        w = max(2.0, bw * max(v, 0) / top)
        parts.append(f'<text x="{lw - 6}" y="{y + 15}" text-anchor="end">{_e(label)}</text>')
        parts.append(f'<rect x="{lw}" y="{y + 3}" width="{w:.1f}" height="{lh - 7}" fill="{color}"/>')
        parts.append(f'<text x="{lw + w + 4:.1f}" y="{y + 15}">{_e(_num(v))}{_e(unit)} {_e(note)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def sangong_rows(facts: list[dict[str, Any]]) -> list[tuple[str, float, str, str]]:
    """三公经费 items: the first amount in 万元 per item, with its stated change (± vs last year)."""
    amount: dict[str, float] = {}
    change: dict[str, float] = {}
    for f in facts:
        m = f.get("metric")
        if m in SANGONG_ITEMS and f.get("unit") == "万元" and f.get("value") is not None:
            if f["kind"] == "amount":
                amount.setdefault(m, f["value"])
            elif f["kind"] == "change":
                change.setdefault(m, f["value"])
    rows = []
    for m, label in SANGONG_ITEMS.items():
        if m in amount:
            c = change.get(m)
            note = "" if c is None else ("持平" if c == 0 else f"{'+' if c > 0 else '−'}{_num(abs(c))}")
            rows.append((label, amount[m], CHART_BAR, note))
    return rows


def _charts(facts: list[dict[str, Any]], findings: list[dict[str, Any]]) -> str:
    sev = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITY_COLORS}
    figs = []
    sg = sangong_rows(facts)
    if sg:
        figs.append(f'<figure class="chart-sangong">{_svg_bars(sg, unit="万元")}<figcaption>三公经费（万元；± 较上年）</figcaption></figure>')
    rows = [(s, float(n), SEVERITY_COLORS[s], "") for s, n in sev.items()]
    figs.append(f'<figure class="chart-findings">{_svg_bars(rows, width=280)}<figcaption>findings by severity</figcaption></figure>')
    return f'<div class="charts">{"".join(figs)}</div>'


# ---------------------------------------------------------------- pages


def _doc_title(doc: dict[str, Any]) -> str:
    return " ".join(str(x) for x in (doc.get("department") or Path(doc["path"]).name, doc.get("year") or "", doc.get("doc_kind") or "") if x).strip()


def document_page(doc: dict[str, Any], text: str | None, facts: list[dict[str, Any]], alignments: list[dict[str, Any]], findings: list[dict[str, Any]]) -> str:
    title = _doc_title(doc)
    n_mis = sum(a["status"] == "mismatch" for a in alignments)
    parts = [
        '<main><p class=meta><a href="index.html">← all documents</a></p>',
        f"<h1>{_e(title)}</h1>",
        f"<p class=meta>{_e(Path(doc['path']).name)} · {len(facts)} facts · {doc.get('n_tables', 0)} tables · "
        f"{len(alignments)} facts aligned to a table cell ({n_mis} mismatches) · {len(findings)} findings</p>",
        _charts(facts, findings),
        "<h2>Findings</h2>",
    ]
    if findings:
        items = []
        for i, f in enumerate(findings):
            target = f"fact-{f['fact_ids'][0]}" if f.get("fact_ids") else (f"finding-{i}" if f.get("span") else "")
            msg = f'<a href="#{_e(target)}">{_e(f["message"])}</a>' if target and text is not None else _e(f["message"])
            items.append(f'<li><span class="sev-{_e(f["severity"])}">{_e(f["severity"])}</span> · {_e(f["check"])} · {msg}</li>')
        parts.append(f'<ul class="findings">{"".join(items)}</ul>')
    else:
        parts.append("<p>No findings.</p>")

    by_fact = {a["fact_id"]: a for a in alignments}
    cell_of: dict[str, str] = {}
    cells_by_span: dict[tuple[int, int], dict[str, Any]] = {}
    for a in alignments:
        if a.get("cell_span"):
            s, e = a["cell_span"]
            cell_of[a["fact_id"]] = f"cell-{s}-{e}"
            info = cells_by_span.setdefault((s, e), {"facts": [], "mismatch": False, "title": f"{a.get('table_title') or ''} › {a['row_label']} › {a['column']}"})
            info["facts"].append(f"fact-{a['fact_id']}")
            info["mismatch"] |= a["status"] == "mismatch"

    parts.append("<details><summary>All facts as a table</summary><table><tr><th>kind</th><th>subject</th><th class=num>value</th><th>unit</th>"
                 "<th>metric</th><th class=num>confidence</th><th>page</th><th>table cell</th></tr>")
    for f in facts:
        a = by_fact.get(f["fact_id"])
        cell = f"{_e(a['row_label'])} › {_e(a['column'])} = {_e(_num(a['table_value']))} ({_e(a['status'])})" if a else ""
        subj = f'<a href="#fact-{_e(f["fact_id"])}">{_e(f["subject"])}</a>' if text is not None else _e(f["subject"])
        parts.append(f"<tr><td>{_e(f['kind'])}</td><td>{subj}</td><td class=num>{_e(_num(f.get('value')))}</td><td>{_e(f.get('unit'))}</td>"
                     f"<td>{_e(f.get('metric'))}</td><td class=num>{f['confidence']:.2f}</td><td>{_e(_where(f).lstrip(' ·'))}</td><td>{cell}</td></tr>")
    parts.append("</table></details></main>")

    if text is None:
        body = "".join(parts).replace("</main>", "<p>The document's file could not be read again (moved or changed), so its text is not shown.</p></main>")
        return _page(title, body)
    kinds = sorted({f["kind"] for f in facts}, key=lambda k: KINDS.index(k) if k in KINDS else 99)
    bar = ['<div class="bar"><strong>Show</strong>']
    bar += [f'<label><input type="checkbox" name="kind" value="{_e(k)}" checked><span class="sw" style="background:{KIND_COLORS.get(k, "#eee")}"></span>{_e(k)}</label>' for k in kinds]
    bar.append('<label><input type="checkbox" id="only-findings"> only facts named by a finding</label>')
    bar.append('<label>confidence <input type="range" id="conf-min" min="0" max="1" step="0.05" value="0"> '
               '<input type="range" id="conf-max" min="0" max="1" step="0.05" value="1"> <span id="conf-out"></span></label>')
    bar.append(f'<span><span id="n-shown">{len(facts)}</span> shown · <span class="sw" style="background:{CELL_COLOR}"></span>table cell of a fact'
               f' · <span class="sw" style="background:{FINDING_COLOR}"></span>finding · click a mark or a cell to jump</span></div>')
    doc_html = _document_html(text, doc["doc_id"], _marks(facts, findings, cell_of), cells_by_span)
    body = "".join(parts).replace("</main>", "") + "".join(bar) + f'<main><h2>Document</h2><div class="doc">{doc_html}</div></main>'
    return _page(title, body, _DOC_JS)


def _index_row(d: dict[str, Any], g: dict[str, list[dict[str, Any]]], linked: bool) -> tuple[str, dict[str, int]]:
    name = Path(d["path"]).name
    sev = {s: sum(1 for f in g["findings"] if f["severity"] == s) for s in SEVERITY_COLORS}
    counts = {
        "facts": len(g["facts"]),
        "cells": int(d.get("n_cells") or 0),
        "aligned": len(g["alignments"]),
        "mismatch": sum(a["status"] == "mismatch" for a in g["alignments"]),
        **sev,
    }
    file_cell = f'<a href="{_e(d["doc_id"])}.html">{_e(name)}</a>' if linked else _e(name)
    status = d["status"] if not d.get("duplicate_of") else "duplicate"
    note = d.get("error") or (f"same bytes as {Path(d['duplicate_of']).name}" if d.get("duplicate_of") else "")
    cls = {"error": "error", "skipped": "skipped"}.get(d["status"], "")
    row = (
        f'<tr><td data-v="{_e(name)}">{file_cell}</td><td>{_e(d.get("department"))}</td><td class=num>{_e(d.get("year"))}</td><td>{_e(d.get("doc_kind"))}</td>'
        f'<td class="{cls}" title="{_e(note)}">{_e(status)}{(" · " + _e(note)) if note else ""}</td>'
        + "".join(f"<td class=num>{counts[k]}</td>" for k in ("facts", "cells", "aligned", "mismatch"))
        + "".join(f'<td class="num sev-{s}">{counts[s]}</td>' for s in SEVERITY_COLORS)
        + "</tr>"
    )
    return row, counts


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
    rows: list[str] = []
    totals: dict[str, int] = defaultdict(int)
    status_counts: dict[str, int] = defaultdict(int)
    for d in docs:
        status_counts["duplicate" if d.get("duplicate_of") else d["status"]] += 1
        ok = d["status"] == "ok" and not d.get("duplicate_of")
        g = group[d["doc_id"]] if ok else defaultdict(list)
        if ok:
            text: str | None
            try:
                raw = read_document(d["path"])
                text = raw.text if raw.sha256 == d["sha256"] else None
            except ExtractError:
                text = None
            atomic_write_text(rdir / f"{d['doc_id']}.html", [document_page(d, text, g["facts"], g["alignments"], g["findings"])])
        row, counts = _index_row(d, g, ok)
        rows.append(row)
        for k, v in counts.items():
            totals[k] += v
    heads = ["file", "部门/单位", "年度", "预算/决算", "status", "facts", "table cells", "aligned", "mismatches", "errors", "warnings", "info"]
    summary = ", ".join(f"{n} {s}" for s, n in sorted(status_counts.items()))
    foot = (
        f'<tfoot><tr><td colspan=5>all {len(docs)} documents ({_e(summary)})</td>'
        + "".join(f"<td class=num>{totals[k]}</td>" for k in ("facts", "cells", "aligned", "mismatch", "error", "warning", "info"))
        + "</tr></tfoot>"
    )
    index = _page(
        "budget-extract report",
        "<main><h1>budget-extract report</h1><p class=meta>One row per input file; click a column to sort, a file name to open its page.</p>"
        '<table class="index"><thead><tr>' + "".join(f"<th>{_e(h)}</th>" for h in heads) + "</tr></thead><tbody>"
        + "".join(rows) + "</tbody>" + foot + "</table></main>",
        _INDEX_JS,
    )
    atomic_write_text(rdir / "index.html", [index])
    return rdir / "index.html"
