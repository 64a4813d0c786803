"""The entry point: table regions → `Table`s, each sent to the builder of its kind."""

from __future__ import annotations

from collections.abc import Callable

from ..layout import Block
from ..records import RawLine, Table
from .aligned import aligned_cells, is_page_number, join_wrapped_labels
from .forms import form_cells, is_form
from .grid import grid_cells, is_data_row
from .readers import layout_of, read_lines
from .readers.aligned import split_run_together
from .targets import form_project, is_performance, read_targets, target_amounts
from .titles import Segment, attach_neighbour_notes, split_segments
from .years import years_as_columns

FigureOf = Callable[[str, str], "str | None"]  # (column, table title) → figure type


def printed_span(rows: list[RawLine]) -> tuple[int, int] | None:
    """Where the table's printed cells lie. A web table's header pads its merged cells with empty
    ones at offset 0, which would stretch the table over all the prose before it."""
    printed = [c for r in rows for c in r.cells if c.end > c.start]
    return (min(c.start for c in printed), max(c.end for c in printed)) if printed else None


def build_table(seg: Segment, layout: str, table_id: str, doc_id: str, figure_of: FigureOf | None = None) -> Table:
    """One segment → a `Table`. A 一级/二级/三级指标 header row makes a target table (the rows
    above it a form); otherwise the first row with a value ends the header; key–value forms are
    read as forms, pdftotext tables by position, the other layouts as grids."""
    t = Table(table_id=table_id, title=seg.title, unit=seg.unit, layout=layout, figure_of=figure_of)
    rows = seg.lines
    t.note = "；".join(seg.notes) or None
    perf_head = next((i for i, r in enumerate(rows) if "指标" in r.text and is_performance([[c.text for c in r.cells]])), None)
    if perf_head is not None:
        # 绩效目标表: the 一级/二级/三级指标 row is the header, whatever comes before it
        t.header = [[c.text for c in r.cells] for r in rows[: perf_head + 1]]
        t.rows = rows[perf_head + 1 :]
        t.span = printed_span(rows)
        read_targets(t, rows[: perf_head + 1], rows[perf_head + 1 :], doc_id, project=form_project(rows[:perf_head]))
        form_cells(t, rows[:perf_head], doc_id)
        target_amounts(t, rows[perf_head], rows[perf_head + 1 :], doc_id)
        return t
    first_data = next((i for i, r in enumerate(rows) if is_data_row(r, layout)), None)
    header_rows = rows[: first_data if first_data is not None else len(rows)]
    data_rows = rows[first_data:] if first_data is not None else []
    # a header repeated after a page break inside the table: drop it
    header_texts = {r.text for r in header_rows}
    data_rows = [r for r in data_rows if r.text not in header_texts]
    t.rows = data_rows
    t.header = [[c.text for c in r.cells] for r in header_rows]
    t.span = printed_span(rows)
    if layout != "aligned" and is_form(rows):
        t.rows = rows
        form_cells(t, rows, doc_id)
        return t
    if layout == "aligned":
        data_rows = join_wrapped_labels(split_run_together([r for r in data_rows if not is_page_number(r)]))
        t.rows = data_rows
        aligned_cells(t, header_rows, data_rows, doc_id)
    else:
        grid_cells(t, header_rows, data_rows, doc_id)
    return t


def parse_tables(blocks: list[Block], *, doc_id: str, figure_of: FigureOf | None = None) -> list[Table]:
    """Every table in the document's table regions (`layout.blocks`), in order, ids t1, t2 …;
    an empty table is kept (with its note) so a promised table left empty stays visible.
    `figure_of(column, title)`, when given, sets each cell's `figure_type` as it is built."""
    tables: list[Table] = []
    for bi, block in enumerate(blocks):
        if block.kind != "table":
            continue
        layout = layout_of(block.lines)
        items = read_lines(block, layout)
        segs = split_segments(block, items, None)
        attach_neighbour_notes(segs, blocks[bi - 1] if bi > 0 else None, blocks[bi + 1] if bi + 1 < len(blocks) else None)
        for seg in segs:
            t = years_as_columns(build_table(seg, layout, f"t{len(tables) + 1}", doc_id, figure_of))
            tables.append(t)
    return tables
