"""PDF text layer → layout text: lines rebuilt from character positions, columns kept by spacing.

Reads with pypdfium2 (fastest of pypdfium2 / pdfplumber / pypdf on the dev PDFs, and its
character boxes are exact; see benchmarks/pdf_readers.py). Each page's characters are grouped
into lines by vertical overlap and written left to right; a gap wider than a character becomes
enough spaces to reach the character's display column (CJK = two columns), the way
`pdftotext -layout` prints tables, so the space-aligned table parser reads them. CJK characters
are never separated by a space inside a run. Running headers, footers and page numbers are
dropped; pages are separated by a form feed. Every written character is recorded with its page
and box in a `LocationMap`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from statistics import median

from ..errors import EncryptedDocumentError, MalformedDocumentError, ScannedPDFError, TruncatedDocumentError
from .base import LocationMap, ReadResult
from .pdf_grid import Grid, Seg, column_kinds, find_grids, grid_rows, label_after_values

# Fitted on the 9 dev PDFs (Songti/Fangsong body text 10–16 pt, tables 8–10 pt):
LINE_OVERLAP = 0.5  # share of the smaller char height two chars must overlap vertically to share a line
WORD_GAP = 0.28  # gap (in font heights) between Latin/digit chars that becomes one space
COLUMN_GAP = 0.9  # gap (in font heights) that separates two cells / columns (≥ 2 spaces)
RULE_THICKNESS = 3.0  # points: a path this thin and at least RULE_MIN_LENGTH tall is a vertical rule
RULE_MIN_LENGTH = 6.0
RULE_GAP = 0.1  # gap (in font heights) below which no rule is looked for between two characters
PATH_PIECES = 5  # a path with more segments than a rectangle is read piece by piece
GRID_TABLES = False  # ruled tables → tab rows (False: space-aligned like pdftotext; better on the dev PDFs, see benchmarks/pdf_routes.py)
MERGED_HEADER_INSET = 4.0  # points right of a merged header cell's left border where its text is laid out
PAGE_BREAK = ""  # between pages; a form feed here reads as a blank line, which splits paragraphs and tables running on
MIN_TEXT_CHARS = 20  # fewer visible characters in the whole document than this → no text layer
MARGIN_BAND = 0.09  # top/bottom share of the page height where running headers and footers live
REPEAT_SHARE = 0.5  # a margin line repeated (digits ignored) on this share of pages is a running header

_PAGE_NO = re.compile(r"^[-—–_~·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/，,]?\s*共\s*\d+\s*页)?[-—–_~·\s]*$")


@dataclass(slots=True)
class _Char:
    c: str
    x0: float
    top: float
    x1: float
    bottom: float
    dx: float = 0.0  # shift applied when laying out (a merged header cell's text moved to the cell's left edge)

    @property
    def h(self) -> float:
        return self.bottom - self.top


def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in ("W", "F")


def _open(data: bytes):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    if not data.lstrip()[:1024].startswith(b"%PDF"):
        raise MalformedDocumentError("not a PDF: no %PDF header")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise EncryptedDocumentError("encrypted PDF: password required") from None
        if b"%%EOF" not in data[-2048:]:
            raise TruncatedDocumentError("truncated PDF: the file ends before its end-of-file marker") from None
        raise MalformedDocumentError(f"unreadable PDF: {str(exc).splitlines()[0]}") from None


def _path_lines(obj) -> list[tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    """Straight pieces (x0, y0, x1, y1, PDF space) of a path drawing several lines at once."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    m = obj.get_matrix()
    out = []
    n = pdfium_c.FPDFPath_CountSegments(obj.raw)
    x, y = ctypes.c_float(), ctypes.c_float()
    prev = start = None
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        pt = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
            out.append((*prev, *pt))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = pt
        prev = pt
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None and prev != start:
            out.append((*prev, *start))
            prev = start
    return out


def _page_rules(page, rot: int, w: float, h: float) -> tuple[list[Seg], list[Seg]]:  # type: ignore[no-untyped-def]
    """Horizontal and vertical ruling lines on the displayed page: thin paths, the edges of drawn
    rectangles (cell borders), and the straight pieces of paths that draw a whole grid at once."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    boxes: list[tuple[float, float, float, float]] = []
    x0_, y0_, x1_, y1_ = (ctypes.c_float() for _ in range(4))
    # the raw API: wrapping each of thousands of text objects just to skip it costs more than reading the page
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        raw = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(raw) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if pdfium_c.FPDFPath_CountSegments(raw) > PATH_PIECES:
            for x0, y0, x1, y1 in _path_lines(pdfium.PdfObject(raw, page=page, pdf=page.pdf)):
                boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        elif pdfium_c.FPDFPageObj_GetBounds(raw, ctypes.byref(x0_), ctypes.byref(y0_), ctypes.byref(x1_), ctypes.byref(y1_)):
            boxes.append((x0_.value, y0_.value, x1_.value, y1_.value))
    hs: list[Seg] = []
    vs: list[Seg] = []
    for left, bottom, right, top in boxes:
        b = _rotated("", left, bottom, right, top, rot, w, h)
        width, height = b.x1 - b.x0, b.bottom - b.top
        if width <= RULE_THICKNESS and height >= RULE_MIN_LENGTH:
            vs.append((b.x0, b.top, b.x1, b.bottom))
        elif height <= RULE_THICKNESS and width >= RULE_MIN_LENGTH:
            hs.append((b.x0, b.top, b.x1, b.bottom))
        elif width >= RULE_MIN_LENGTH and height >= RULE_MIN_LENGTH:
            vs += [(b.x0, b.top, b.x0, b.bottom), (b.x1, b.top, b.x1, b.bottom)]
            hs += [(b.x0, b.top, b.x1, b.top), (b.x0, b.bottom, b.x1, b.bottom)]
    return hs, vs


def _page_chars(page) -> tuple[list[_Char], tuple[list[Seg], list[Seg]]]:  # type: ignore[no-untyped-def]
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        text = tp.get_text_range(0, n) if n else ""
        per_char = len(text) != n
        rot = page.get_rotation() % 360
        w, h = page.get_size()
        if rot in (90, 270):
            w, h = h, w  # get_size is the displayed size; boxes are in the unrotated page
        out: list[_Char] = []
        for i in range(n):
            c = tp.get_text_range(i, 1) if per_char else text[i]
            if not c or c.isspace() or c == "\ufffe":
                continue
            left, bottom, right, top = tp.get_charbox(i, loose=True)
            if right <= left or top <= bottom:
                continue
            out.append(_rotated(c, left, bottom, right, top, rot, w, h))
        return out, (_page_rules(page, rot, w, h) if out else ([], []))
    finally:
        tp.close()


def _rotated(c: str, left: float, bottom: float, right: float, top: float, rot: int, w: float, h: float) -> _Char:
    """A PDF-space box (y up) as seen on the displayed page (y down), after the page's /Rotate."""
    if rot == 90:
        return _Char(c, bottom, left, top, right)
    if rot == 180:
        return _Char(c, w - right, bottom, w - left, top)
    if rot == 270:
        return _Char(c, h - top, w - right, h - bottom, w - left)
    return _Char(c, left, h - top, right, h - bottom)


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Group characters into lines: sorted by centre, joined while they overlap vertically."""
    chars = sorted(chars, key=lambda ch: (ch.top + ch.bottom) / 2)
    lines: list[list[_Char]] = []
    top = bottom = 0.0
    for ch in chars:
        if lines:
            overlap = min(bottom, ch.bottom) - max(top, ch.top)
            if overlap >= LINE_OVERLAP * min(bottom - top, ch.h):
                lines[-1].append(ch)
                top, bottom = min(top, ch.top), max(bottom, ch.bottom)
                continue
        lines.append([ch])
        top, bottom = ch.top, ch.bottom
    for ln in lines:
        ln.sort(key=lambda ch: ch.x0)
    return lines


def _line_key(line: list[_Char]) -> str:
    return re.sub(r"\d+", "#", "".join(ch.c for ch in line))


def _margin_lines(pages: list[tuple[float, list[list[_Char]]]]) -> set[tuple[int, int]]:
    """(page index, line index) of running headers, footers and page numbers."""
    drop: set[tuple[int, int]] = set()
    keys: Counter[str] = Counter()
    margin: list[tuple[int, int, str]] = []
    for p, (height, lines) in enumerate(pages):
        for i, ln in enumerate(lines):
            top, bottom = min(ch.top for ch in ln), max(ch.bottom for ch in ln)
            if bottom > height * (1 - MARGIN_BAND) or top < height * MARGIN_BAND:
                text = "".join(ch.c for ch in ln)
                if _PAGE_NO.match(text):
                    drop.add((p, i))
                    continue
                k = _line_key(ln)
                margin.append((p, i, k))
                keys[k] += 1
    if len(pages) >= 3:
        for p, i, k in margin:
            if keys[k] >= max(3, REPEAT_SHARE * len(pages)):
                drop.add((p, i))
    return drop


def _ruled(a: _Char, b: _Char, rules: list[tuple[float, float, float]]) -> bool:
    """A drawn vertical line between two neighbouring characters: a cell boundary."""
    y = (b.top + b.bottom) / 2
    return any(a.x1 - 1 <= x <= b.x0 + 1 and top <= y <= bottom for x, top, bottom in rules)


def _render_line(line: list[_Char], left: float, unit: float, offset: int, page_no: int, out: list[str], loc: LocationMap, rules: list[tuple[float, float, float]]) -> int:
    """Append one line's characters (with spacing) to `out`; returns the new text offset."""
    col = 0
    prev: _Char | None = None
    for ch in line:
        target = max(0, round((ch.x0 + ch.dx - left) / unit))
        if prev is None:
            pad = target
        else:
            gap = (ch.x0 + ch.dx) - (prev.x1 + prev.dx)
            fs = max(min(prev.h, ch.h), 1.0)
            if gap > COLUMN_GAP * fs or (rules and gap > RULE_GAP * fs and _ruled(prev, ch, rules)):
                pad = max(2, target - col)
            elif gap > WORD_GAP * fs and not (_wide(prev.c) or _wide(ch.c)):
                pad = 1
            else:
                pad = 0
        if pad:
            out.append(" " * pad)
            offset += pad
            col += pad
        out.append(ch.c)
        loc.add(offset, page_no, (ch.x0, ch.top, ch.x1, ch.bottom))
        offset += 1
        col += 2 if _wide(ch.c) else 1
        prev = ch
    return offset


def _split_grids(chars: list[_Char], grids: list[Grid]) -> list[_Char]:
    """Put characters inside a ruled grid into their cells; returns the others."""
    free = []
    for ch in chars:
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        g = next((g for g in grids if g.contains(x, y)), None)
        cell = g.slot(x, y) if g is not None else None
        if cell is None or g.full_width(cell):  # type: ignore[union-attr]
            free.append(ch)  # a framed title or note spanning the whole table reads as lines
        else:
            cell.chars.append(ch)
    for g in grids:
        for cell in g.cells():
            cell.chars = [ch for ln in _lines(cell.chars) for ch in ln]
    return free


def _align_merged_headers(grid: Grid) -> None:
    """A header cell merged over several columns (收入预算 over 合计 … 其他收入) is printed centred,
    over none of its columns' values; moved to the cell's left edge, its text sits over the first
    of them, where a space-aligned header names its columns."""
    kinds = column_kinds(grid)
    first = next((r for r, row in enumerate(grid.slots) if not any(grid.full_width(c) for c in row)), 0)
    for cell in grid.cells():
        spanned = kinds[cell.c0 : cell.c1 + 1]
        top = cell.r0 == first  # a top-level header; lower ones sit under a parent that names them
        if top and cell.c1 > cell.c0 and cell.chars and spanned[0] == "num" and "text" not in spanned:
            dx = grid.xs[cell.c0] + MERGED_HEADER_INSET - min(ch.x0 for ch in cell.chars)
            for ch in cell.chars:
                ch.dx = min(dx, 0.0)


def _has_prose(grid: Grid) -> bool:
    return any(ch.c in "。；;！？" for cell in grid.cells() for ch in cell.chars)


def _render_grid(grid: Grid, offset: int, page_no: int, out: list[str], loc: LocationMap) -> int:
    """Grid rows as tab-separated lines, every character located."""
    for row in grid_rows(grid):
        for j, cell in enumerate(row):
            if j:
                out.append("\t")
                offset += 1
            for ch in cell.chars if cell is not None else ():
                out.append(ch.c)
                loc.add(offset, page_no, (ch.x0, ch.top, ch.x1, ch.bottom))
                offset += 1
        out.append("\n")
        offset += 1
    return offset


def read_pdf(data: bytes, *, name: str = "<pdf>") -> ReadResult:
    """The text layer of a PDF as layout text (ruled tables as tab rows) with a location map."""
    doc = _open(data)
    try:
        n_pages = len(doc)
        if n_pages == 0:
            raise MalformedDocumentError(f"PDF has no pages: {name}")
        pages: list[tuple[float, list[list[_Char]]]] = []
        page_rules: list[list[tuple[float, float, float]]] = []
        page_grids: list[list[Grid]] = []
        n_chars = 0
        for i in range(n_pages):
            page = doc[i]
            try:
                chars, (hs, vs) = _page_chars(page)
                n_chars += len(chars)
                grids = find_grids(hs, vs)
                chars = _split_grids(chars, grids)
                prose = [g for g in grids if not GRID_TABLES or _has_prose(g) or label_after_values(g)]
                for g in prose:
                    _align_merged_headers(g)
                if prose:  # a framed text box or a two-sided table: its characters read as lines
                    grids = [g for g in grids if g not in prose]
                    chars += [ch for g in prose for cell in g.cells() for ch in cell.chars]
                page_grids.append(grids)
                page_rules.append([((s[0] + s[2]) / 2, s[1], s[3]) for s in vs])
                pages.append((page.get_size()[1], _lines(chars)))
            finally:
                page.close()
    finally:
        doc.close()
    if n_chars < MIN_TEXT_CHARS:
        raise ScannedPDFError("scanned PDF: no text layer")
    drop = _margin_lines(pages)
    out: list[str] = []
    loc = LocationMap()
    offset = 0
    for p, (_height, lines) in enumerate(pages):
        kept = [ln for i, ln in enumerate(lines) if (p, i) not in drop]
        if p and PAGE_BREAK:
            out.append(PAGE_BREAK)
            offset += len(PAGE_BREAK)
        grids = [g for g in page_grids[p] if any(c.chars for c in g.cells())]
        if not kept and not grids:
            continue
        left = min((ln[0].x0 for ln in kept), default=0.0)
        unit = median(ch.h for ln in kept for ch in ln) / 2 if kept else 1.0
        items: list[tuple[float, int, list[_Char] | Grid]] = [(min(ch.top for ch in ln), 0, ln) for ln in kept]
        items += [(g.top, 1, g) for g in grids]
        items.sort(key=lambda it: (it[0], it[1]))
        for _top, _kind, item in items:
            if isinstance(item, Grid):
                offset = _render_grid(item, offset, p + 1, out, loc)
                continue
            offset = _render_line(item, left, unit or 1.0, offset, p + 1, out, loc, page_rules[p])
            out.append("\n")
            offset += 1
    return ReadResult(text="".join(out), format="pdf", pages=n_pages, text_layer=True, locations=loc)
