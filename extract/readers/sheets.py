"""Excel workbooks (.xlsx, .xls) → one table per sheet: its title and unit lines, then its rows
as tab-separated cells with merged header cells expanded. Read with python-calamine (fast, reads
both formats, no macros evaluated)."""

from __future__ import annotations

import datetime as dt
import io
import re

from ..errors import EncryptedDocumentError, MalformedDocumentError
from .base import ReadResult
from .grid import GridCell, cell_text, expand, tab_lines

_UNIT = re.compile(r"单位\s*[:：]")


def _fmt(v: object, money: bool = False) -> str:
    """Cell value as printed. In a workbook of amounts with cents (`money`), every number gets
    thousands separators and two decimals (303 → 303.00) as such sheets display them; elsewhere
    integers stay plain. (Classification codes are text cells in budget exports: 2080505, 05.)"""
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int | float):
        if money:
            return f"{v:,.2f}" if round(v, 2) == v else f"{v:,}"
        if float(v).is_integer():
            return str(int(v))
        return f"{v:.10f}".rstrip("0").rstrip(".")
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    return cell_text(str(v))


def _sheet_lines(sheet, raw: list[list[object]], name: str, money: bool) -> list[str]:  # type: ignore[no-untyped-def]
    values = [[_fmt(v, money) for v in row] for row in raw]
    merges = {}
    for m in getattr(sheet, "merged_cell_ranges", None) or []:
        (r0, c0), (r1, c1) = m
        merges[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
    covered = {(r, c) for (r0, c0), (h, w) in merges.items() for r in range(r0, r0 + h) for c in range(c0, c0 + w) if (r, c) != (r0, c0)}
    lines: list[str] = []
    body: list[list[GridCell]] = []
    titled = False
    for r, row in enumerate(values):
        filled = [v for v in row if v]
        # title / unit lines above the grid: one or two short cells (表名, 单位：万元)
        if not body and filled and len(filled) <= 2 and (len(filled) == 1 or any(_UNIT.search(v) for v in filled)):
            lines.append("    ".join(filled))
            titled = True
            continue
        cells = []
        for c, v in enumerate(row):
            if (r, c) in covered:
                continue
            h, w = merges.get((r, c), (1, 1))
            cells.append(GridCell(v, h, w))
        body.append(cells)
    if not titled and name:
        lines.append(name)
    lines.extend(tab_lines(expand(body)))
    return lines


def read_sheets(data: bytes, *, name: str = "<xlsx>", fmt: str = "xlsx") -> ReadResult:
    import python_calamine

    try:
        wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types for every kind of damage
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "password" in msg.lower() or "encrypt" in msg.lower():
            raise EncryptedDocumentError(f"encrypted {fmt} workbook: password required: {name}") from None
        raise MalformedDocumentError(f"unreadable .{fmt} workbook ({msg}): {name}") from None
    lines: list[str] = []
    sheets = []
    for sheet_name in wb.sheet_names:
        try:
            sheet = wb.get_sheet_by_name(sheet_name)
            sheets.append((sheet_name, sheet, sheet.to_python(skip_empty_area=False)))
        except Exception as exc:  # noqa: BLE001 - a damaged sheet is a damaged workbook
            raise MalformedDocumentError(f"unreadable sheet {sheet_name!r} in .{fmt} workbook ({exc}): {name}") from None
    money = any(isinstance(v, float) and not v.is_integer() for _, _, raw in sheets for row in raw for v in row)
    for sheet_name, sheet, raw in sheets:
        sheet_lines = _sheet_lines(sheet, raw, sheet_name, money)
        if len(sheet_lines) > 1:
            lines.extend(sheet_lines)
            lines.append("")
    return ReadResult(text="\n".join(lines) + "\n", format=fmt)
