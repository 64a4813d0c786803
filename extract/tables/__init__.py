"""Table regions (found by `layout`) → tables of cells with row label, code, column path, value.

Four layouts share one path: a reader per layout (`readers/`) turns a region into rows of
`RawCell`s (text, original offsets, and a column position); `titles` splits the rows into
tables at title lines and finds units and 空表说明 notes; `parse.build_table` then sends each
table to the builder of its kind — grids (`grid`, with `headers` for multi-row headers → column
paths), pdftotext tables (`aligned`, `aligned_header`), key–value forms (`forms`) and
performance-target tables (`targets`: 绩效目标表 → `Indicator`s); `codes` reads 类/款/项 codes and
`rows` records each row's parents (`row_path`).

- tab:        cells separated by tabs (one row per line)
- pipe:       markdown | a | b | rows
- cell-line:  one cell per line (each line starting with a tab), rows separated by blank lines
- aligned:    `pdftotext -layout` columns; positions measured in display width (CJK = 2)

pdftotext moves text: sparse lines are compressed, wrapped cells print around their row, tall
header cells print between header lines. Aligned tables are therefore read from order and
same-line evidence first (a text after a value on its own line starts a side) and from positions
only within a tolerance. Genre vocabulary (label-column headers, code headers, money headers of
target tables, attribute values such as 政府集中采购, standard splits such as 基本支出 + 项目支出
that name a header level an export left unprinted) lives in data/table_headers.json.
"""

from __future__ import annotations

from ..records import RawCell, RawLine, Table
from .cells import parse_number
from .parse import build_table, parse_tables
from .targets import parse_target, project_of
from .titles import EMPTY_NOTE

__all__ = ["EMPTY_NOTE", "RawCell", "RawLine", "Table", "build_table", "parse_number", "parse_tables", "parse_target", "project_of"]
