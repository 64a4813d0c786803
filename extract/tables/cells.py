"""What every reader and table builder shares: raw cells cut from the normalised text (with
their original offsets), the numbers in them, and the `TableCell` record a value becomes."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..normalize import MappedText
from ..records import RawCell, RawLine, Table, TableCell
from ..resources import traditional_chars

NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
CODE = re.compile(r"^\d{1,9}$")  # a bare integer: a 类/款/项 code, a unit code, or a small value
EMPTY_VALUES = {"", "-", "—", "－", "--", "——", "/", "／", "*"}  # how the genre prints "no amount"
TOTAL = re.compile(r"^(?:合计|总计|小计|本年收入合计|本年支出合计|收入总计|支出总计)$|合计$|总计$")
# a value printed with its money unit (788 万元, 44万元): forms and web tables that write units into cells
MONEY_VALUE = re.compile(r"^(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>万元|元|千元|亿元|百万元)$")
INDEX_ROW = re.compile(r"^(?:栏次|\d{1,2}|\*+)$")  # 栏次 | 1 | 2 | 3 …: column numbering, not data
# placements of k values (or header names) in n columns tried exhaustively; beyond this a row is
# mapped in order (a bound on time per row, not a tuned value)
MAX_PLACEMENTS = 5000
WIDE = re.compile("[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def compact(s: str) -> str:
    """Text without any whitespace: exports space CJK labels freely (合    计, 项 目)."""
    return "".join(s.split())  # = re.sub(r"\s+", "", s) (the same whitespace), ≈ 3× faster on short cells


@lru_cache(maxsize=1)
def _simplified() -> dict[int, str]:
    return str.maketrans(traditional_chars("titles"))


def simple(text: str) -> str:
    """Compacted text in simplified characters, for telling what a cell or line is (小計, 單位,
    項目) on traditional-character mirrors; the cell keeps the text as printed."""
    return compact(text).translate(_simplified())


def display_x(wide: list[int], i: int) -> int:
    """Display column of character i (CJK and full-width characters are two wide), given the
    sorted positions of the wide characters; pdftotext aligns columns in display width."""
    return i + bisect_left(wide, i)


def make_cell(mt: MappedText, a: int, b: int, x0: float = 0, x1: float = 0) -> RawCell:
    """The cell of normalised text [a, b): compacted text, with the offsets of its stripped text
    in the ORIGINAL document so every value's span can be checked there."""
    raw = mt.text[a:b]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw.rstrip())
    if trail <= lead:
        o = mt.offsets[a] if a < len(mt.offsets) else 0
        return RawCell("", o, o, x0, x1)
    offs, ends = mt.offsets, mt.ends  # = mt.orig_span(a + lead, a + trail), inlined: once per cell
    last = a + trail - 1
    return RawCell(compact(raw), offs[a + lead], ends[last] if ends is not None else offs[last] + 1, x0, x1)


def whole_line(ln: MappedText, line_no: int, *, cell: bool = False) -> RawLine:
    """A line read as one cell (titles, units, notes, and the cells of a one-cell-per-line table,
    marked by a leading tab in `text` when `cell`)."""
    c = make_cell(ln, 0, len(ln.text))
    r = RawLine([c], line_no, compact(ln.text))
    r.text = ("\t" if cell else "") + r.text
    return r


@lru_cache(maxsize=65536)
def parse_number(text: str) -> float | None:
    """A printed amount (3,688.46, -12, 87.97%) → its value; None for anything else.

    Cached: tables repeat the same few strings (0.00, blank markers) thousands of times."""
    t = text.replace("，", ",").strip().rstrip("%")
    if not NUMBER.match(t + ("%" if text.strip().endswith("%") else "")) and not NUMBER.match(t):
        return None
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


@lru_cache(maxsize=1 << 16)
def is_numberish(t: str) -> bool:
    """Whether a cell holds a number (value or code): the first question asked of every cell."""
    return parse_number(t) is not None


def unit_value(c: RawCell, unit: str | None) -> RawCell | None:
    """A cell printing its amount with the table's own unit (44万元 under 单位：万元) → the number
    alone, its span on the digits; None for any other cell. A unit other than the table's (or a
    table without a unit) is not converted: the cell would not state the number it is read as."""
    m = MONEY_VALUE.match(c.text)
    if m is None or unit is None or m.group("unit") != unit:
        return None
    num = m.group("num")
    return RawCell(num, c.start, c.start + len(num), c.x0, c.x1)


def decimals(text: str) -> int:
    """Decimal places as printed: the rounding a sum of printed numbers must allow."""
    return len(text.rsplit(".", 1)[1]) if "." in text else 0


def cell_record(t: Table, doc_id: str, label: str, raw: str, code: str | None, column: str, value: float, cell: RawCell, row_path: str = "") -> TableCell:
    """The output record of one value; `raw` is the label as printed, `label` cleaned of numbering."""
    return TableCell(
        doc_id=doc_id,
        table_id=t.table_id,
        table_title=t.title,
        unit=t.unit,
        row_label=label,
        code=code,
        column=column,
        value=value,
        span=(cell.start, cell.end),
        row_label_raw=raw,
        is_total=bool(TOTAL.search(label)),
        row_path=row_path,
        figure_type=t.figure_of(column, t.title) if t.figure_of is not None else None,
    )
