"""Web pages (.html/.htm, saved pages) → article text: paragraphs and headings as lines,
`<table>` rows as tab-separated cells (rowspan/colspan expanded). Navigation, headers, footers,
scripts and forms are dropped. The declared charset is honoured (GB2312/GBK read as GB18030,
its superset)."""

from __future__ import annotations

import codecs
import re

from ..errors import MalformedDocumentError
from ..ingest import decode
from .base import ReadResult
from .grid import GridCell, cell_text, expand, tab_lines

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "big5": "big5hkscs", "iso-8859-1": "cp1252", "ascii": "utf-8"}
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select", "button", "template", "svg")
# class/id words of page chrome on government sites (导航, 页脚, 面包屑, 分享)
_CHROME = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|header|head-?top|breadcrumb|crumb|sidebar|share|toolbar|copyright|topbar|bottom)(?:$|[\s_-])", re.I)
_BLOCK = frozenset("p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre center address figure figcaption caption tr".split())
_HEADING = {f"h{i}": i for i in range(1, 7)}


def _charset(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    m = _CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    name = _SUPERSETS.get(name, name)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    declared = _charset(data)
    if declared:
        try:
            return data.decode(declared), declared.removesuffix("-sig")
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: fall back to detection
    return decode(data, name=name)

def _table_lines(table) -> list[str]:  # type: ignore[no-untyped-def]
    rows: list[list[GridCell]] = []
    for tr in table.iter("tr"):
        if _nearest_table(tr) is not table:
            continue
        row = []
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            row.append(GridCell(cell_text(td.text_content()), _int(td.get("rowspan")), _int(td.get("colspan"))))
        if row:
            rows.append(row)
    return tab_lines(expand(rows))


def _nearest_table(el):  # type: ignore[no-untyped-def]
    p = el.getparent()
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p


def _int(v: str | None) -> int:
    try:
        return max(1, min(int(str(v).strip()), 200))
    except (TypeError, ValueError):
        return 1


def _walk(el, lines: list[str], buf: list[str]) -> None:  # type: ignore[no-untyped-def]
    def flush() -> None:
        s = cell_text("".join(buf)) if "\t" not in "".join(buf) else "".join(buf).strip()
        if s:
            lines.append(s)
        buf.clear()

    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "table":
        flush()
        lines.extend(_table_lines(el))
        if el.tail:
            buf.append(el.tail)
        return
    if tag == "br":
        flush()
        if el.tail:
            buf.append(el.tail)
        return
    block = tag in _BLOCK
    if block:
        flush()
    if tag in _HEADING and not re.match(r"^\s*(?:第|[一二三四五六七八九十]+、|[（(])", el.text_content() or ""):
        buf.append("#" * _HEADING[tag] + " ")
    if el.text and tag:
        buf.append(el.text)
    for child in el:
        _walk(child, lines, buf)
    if block:
        flush()
    if el.tail:
        buf.append(el.tail)


def read_html(data: bytes, *, name: str = "<html>") -> ReadResult:
    import lxml.html
    from lxml import etree

    text, enc = decode_html(data, name)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True))
    except (etree.ParserError, ValueError) as exc:
        raise MalformedDocumentError(f"unreadable HTML ({exc}): {name}") from None
    body = root.find("body")
    if body is None or not (body.text_content() or "").strip():
        raise MalformedDocumentError(f"HTML page without a body: {name}")
    for el in list(body.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(body.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and el.tag != "table":
            marks = f"{el.get('class', '')} {el.get('id', '')}"
            if _CHROME.search(marks) and not el.findall(".//table"):
                el.drop_tree()
    lines: list[str] = []
    buf: list[str] = []
    _walk(body, lines, buf)
    if buf and (s := cell_text("".join(buf))):
        lines.append(s)
    return ReadResult(text="\n".join(lines) + "\n", format="html", encoding=enc)
