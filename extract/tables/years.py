"""Tables whose rows are years and whose columns are the items (a 三公 对比表: 年度 | 合计 | 因公出国(境)
费 | 公务接待费 | 公务用车 > 车辆购置 …, rows 2015年, 2016年, 2016年比2015年增减%): each cell is re-read
with the item as its row and the year as its column, so alignment finds an item by its name and the
year's figure type (上年, this year's, a rate) comes from the column as in any other table."""

from __future__ import annotations

import dataclasses
import re

from ..records import Table

#: a row label that is a year, or a comparison of two years (2016年比2015年增减%)
YEAR_ROW = re.compile(r"^(?:19|20)\d{2}\s*年度?(?:(?:比|较)\s*(?:19|20)\d{2}\s*年度?)?[^\d]{0,8}$")
_SUBTOTAL = re.compile(r"^(?:合计|小计)$")


def years_as_columns(t: Table) -> Table:
    """The table with items as rows when every data row is a year; otherwise unchanged."""
    labels = {c.row_label_raw or c.row_label for c in t.cells}
    if len(labels) < 2 or not all(YEAR_ROW.match(x or "") for x in labels):
        return t
    cells = []
    for c in t.cells:
        path = [p.strip() for p in c.column.split(">")]
        leaf, parents = path[-1], path[:-1]
        # (公车购置及运行维护费 > 合计 is the group's own row; a top 合计 stays the table's total)
        if _SUBTOTAL.match(leaf) and parents:
            leaf, parents = parents[-1], parents[:-1]
        year = c.row_label_raw or c.row_label
        cells.append(dataclasses.replace(
            c,
            row_label=leaf,
            row_label_raw=leaf,
            column=year,
            row_path=" > ".join(parents),
            is_total=_SUBTOTAL.match(leaf) is not None,
            figure_type=t.figure_of(year, t.title) if t.figure_of is not None else c.figure_type,
        ))
    t.cells = cells
    return t
