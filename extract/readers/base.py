"""The reader result and the text-offset → page/bbox map."""

from __future__ import annotations

import dataclasses
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


@dataclass(slots=True)
class LocationMap:
    """Runs of text offsets with the page and box of each character (PDF only).

    Stored as parallel arrays so a 300-page document costs a few MB, not millions of objects.
    """

    starts: array = field(default_factory=lambda: array("l"))  # text offset of each located char
    pages: array = field(default_factory=lambda: array("l"))  # 1-based page number
    boxes: array = field(default_factory=lambda: array("f"))  # 4 floats per char

    def add(self, offset: int, page: int, box: BBox) -> None:
        self.starts.append(offset)
        self.pages.append(page)
        self.boxes.extend(box)

    def __len__(self) -> int:
        return len(self.starts)

    def locate(self, span: tuple[int, int] | None) -> tuple[int | None, list[float] | None]:
        """Page and union box of the located characters in `span` (on the span's first page)."""
        if span is None or not len(self.starts):
            return None, None
        lo = bisect_right(self.starts, span[0] - 1)
        hi = bisect_right(self.starts, span[1] - 1)
        if lo >= hi:
            return None, None
        page = self.pages[lo]
        x0 = y0 = float("inf")
        x1 = y1 = float("-inf")
        for i in range(lo, hi):
            if self.pages[i] != page:
                break
            a, b, c, d = self.boxes[4 * i : 4 * i + 4]
            x0, y0, x1, y1 = min(x0, a), min(y0, b), max(x1, c), max(y1, d)
        return page, [round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1)]


@dataclass(slots=True)
class ReadResult:
    text: str
    format: str  # pdf, html, docx, xlsx, xls
    encoding: str | None = None  # the declared/detected charset for HTML
    pages: int | None = None
    text_layer: bool | None = None
    locations: LocationMap | None = None


def locate_records(records: list[Any], locations: LocationMap | None) -> list[Any]:
    """Copies of facts/cells with `page` and `bbox` filled from their span (PDF input only)."""
    if locations is None or not len(locations):
        return records
    out = []
    for r in records:
        page, bbox = locations.locate(getattr(r, "span", None))
        out.append(dataclasses.replace(r, page=page, bbox=bbox) if page is not None else r)
    return out


def join_results(parts: list[ReadResult]) -> ReadResult:
    """One document published as several files (说明 + 公开表): texts joined by a page break,
    page numbers continued, locations shifted."""
    texts: list[str] = []
    loc = LocationMap()
    offset = page_base = 0
    for r in parts:
        if texts:
            texts.append("\f")
            offset += 1
        if r.locations is not None:
            m = r.locations
            for i in range(len(m)):
                loc.add(m.starts[i] + offset, m.pages[i] + page_base, tuple(m.boxes[4 * i : 4 * i + 4]))  # type: ignore[arg-type]
        texts.append(r.text)
        offset += len(r.text)
        page_base += r.pages or 0
    first = parts[0]
    return ReadResult("".join(texts), first.format, first.encoding, page_base or None, first.text_layer, loc if len(loc) else None)
