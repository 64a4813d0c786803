"""Word .docx → paragraphs as lines (styled headings without a 一、/（一） marker get markdown
`#`), tables as tab-separated rows with gridSpan/vMerge expanded. Reads the XML directly (the
zip was size-checked by `sniff`), so nothing but lxml is needed."""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import MalformedDocumentError
from .base import ReadResult
from .grid import GridCell, cell_text, expand, tab_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*(\d)", re.I)
_MARKER = re.compile(r"^\s*(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])")


def _para_text(p) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _styles(zf: zipfile.ZipFile) -> dict[str, int]:
    """styleId → heading level (Heading1, 标题 1, or styles based on them by name)."""
    from lxml import etree

    try:
        root = etree.fromstring(zf.read("word/styles.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out = {}
    for st in root.iter(f"{W}style"):
        sid = st.get(f"{W}styleId") or ""
        name_el = st.find(f"{W}name")
        name = name_el.get(f"{W}val") if name_el is not None else ""
        m = _HEADING_STYLE.search(name or "") or _HEADING_STYLE.search(sid)
        if m:
            out[sid] = int(m.group(1))
    return out


def _table_lines(tbl) -> list[str]:  # type: ignore[no-untyped-def]
    rows: list[list[GridCell]] = []
    starts: list[list[tuple[int, GridCell]]] = []  # per row: (grid column, cell) for vMerge
    for tr in tbl.findall(f"{W}tr"):
        row: list[GridCell] = []
        placed: list[tuple[int, GridCell]] = []
        col = 0
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span = 1
            vmerge = None
            if pr is not None:
                gs = pr.find(f"{W}gridSpan")
                if gs is not None and (gs.get(f"{W}val") or "").isdigit():
                    span = max(1, min(int(gs.get(f"{W}val")), 100))
                vm = pr.find(f"{W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{W}val") or "continue"
            text = cell_text("".join(_para_text(p) for p in tc.iter(f"{W}p")))
            if vmerge == "continue":
                above = next((c for r in reversed(starts) for (cc, c) in r if cc == col), None)
                if above is not None:
                    above.rowspan += 1
                    col += span
                    continue
            cell = GridCell(text, 1, span)
            row.append(cell)
            placed.append((col, cell))
            col += span
        rows.append(row)
        starts.append(placed)
    return tab_lines(expand(rows))


def read_docx(data: bytes, *, name: str = "<docx>") -> ReadResult:
    from lxml import etree

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        root = etree.fromstring(zf.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise MalformedDocumentError(f"broken .docx ({exc}): {name}") from None
    levels = _styles(zf)
    body = root.find(f"{W}body")
    if body is None:
        raise MalformedDocumentError(f".docx without a body: {name}")
    lines: list[str] = []
    for el in body:
        if el.tag == f"{W}p":
            text = _para_text(el).strip()
            if not text:
                continue
            ps = el.find(f"{W}pPr/{W}pStyle")
            level = levels.get(ps.get(f"{W}val") or "") if ps is not None else None
            if level and not _MARKER.match(text):
                text = "#" * level + " " + text
            lines.extend(s for s in text.split("\n") if s.strip())
        elif el.tag == f"{W}tbl":
            lines.extend(_table_lines(el))
    return ReadResult(text="\n".join(lines) + "\n", format="docx")
