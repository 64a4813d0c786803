"""Property tests for the four table readers: whatever the cells hold, each reader gives back the
printed cells in order, with spans that point at them in the original text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.layout import Block
from extract.normalize import MappedText
from extract.tables.cells import compact
from extract.tables.readers import layout_of, read_lines

# cell text as these tables print it: CJK labels, amounts with separators, brackets, percents
_CHARS = "预算支出合计一般公共服务收入项目其中人员经费（）()0123456789.,%-"
_cell = st.text(alphabet=_CHARS, min_size=0, max_size=8)
_word = st.text(alphabet=_CHARS, min_size=2, max_size=8)  # pdftotext cells: no single characters


def _block(text: str) -> Block:
    lines, pos = [], 0
    for ln in text.split("\n"):
        lines.append(MappedText.identity(ln, start=pos))
        pos += len(ln) + 1
    return Block(kind="table", text=MappedText.identity(text), section="", lines=lines, line_no=0)


def _rows(items):
    return [r for r in items if not isinstance(r, str)]


def _spans_hold(text, rows):
    for r in rows:
        for c in r.cells:
            assert compact(text[c.start : c.end]) == c.text


_grid = st.lists(st.lists(_cell, min_size=2, max_size=6), min_size=2, max_size=8)


@settings(max_examples=80, deadline=None)
@given(_grid)
def test_tab_reader_gives_back_every_cell(grid):
    text = "\n".join("\t".join(r) for r in grid)
    rows = _rows(read_lines(_block(text), "tab"))
    printed = [r for r in grid if any(x.strip() for x in r)]  # a line of tabs only is a blank line
    assert [[c.text for c in r.cells] for r in rows] == [[compact(x) for x in r] for r in printed]
    if len(printed) >= 2 and all(r[0] for r in printed):  # else leading tabs may read as one cell per line
        assert layout_of(_block(text).lines) == "tab"
    _spans_hold(text, rows)


def _not_a_rule(row: list[str]) -> bool:
    """A data row of dashes only (| -- | |) is a markdown rule by definition, not data."""
    return any(x.strip(" -:") for x in row)


@settings(max_examples=80, deadline=None)
@given(_grid.filter(lambda g: all(_not_a_rule(r) for r in g)))
def test_pipe_reader_drops_the_rule_and_gives_back_every_cell(grid):
    lines = ["| " + " | ".join(r) + " |" for r in grid]
    lines.insert(1, "|" + "|".join("---" for _ in grid[0]) + "|")
    text = "\n".join(lines)
    rows = _rows(read_lines(_block(text), "pipe"))
    assert layout_of(_block(text).lines) == "pipe"
    assert [[c.text for c in r.cells] for r in rows] == [[compact(x) for x in r] for r in grid]
    _spans_hold(text, rows)


@settings(max_examples=80, deadline=None)
@given(_grid)
def test_cell_line_reader_groups_cells_into_rows_at_blank_lines(grid):
    text = "\n\n".join("\n".join("\t" + x for x in r) for r in grid)
    rows = _rows(read_lines(_block(text), "cell-line"))
    if sum(1 for r in grid for x in r if x.strip()) >= 2:
        assert layout_of(_block(text).lines) == "cell-line"
    assert [[c.text for c in r.cells] for r in rows] == [[compact(x) for x in r] for r in grid]
    assert all([c.x0 for c in r.cells] == list(range(len(r.cells))) for r in rows)
    _spans_hold(text, rows)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(st.tuples(_word, st.integers(min_value=2, max_value=9)), min_size=1, max_size=6), min_size=1, max_size=8),
    st.integers(min_value=0, max_value=6),
)
def test_aligned_reader_splits_at_wide_gaps_and_measures_display_width(grid, indent):
    lines = [" " * indent + "".join((" " * gap if i else "") + w for i, (w, gap) in enumerate(r)) for r in grid]
    text = "\n".join(lines)
    rows = _rows(read_lines(_block(text), "aligned"))
    assert [[c.text for c in r.cells] for r in rows] == [[w for w, _ in r] for r in grid]
    for r, src in zip(rows, grid, strict=True):
        x = indent
        for c, (w, gap) in zip(r.cells, src, strict=True):
            x += gap if c is not r.cells[0] else 0
            assert c.x0 == x  # display columns: CJK and full-width brackets count two
            x += sum(2 if ord(ch) > 0x2E80 else 1 for ch in w)
            assert c.x1 == x
    _spans_hold(text, rows)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.just(""), st.just("   "), _cell), min_size=0, max_size=12))
def test_readers_never_fail_on_ragged_input(lines):
    text = "\n".join(lines)
    for layout in ("tab", "pipe", "cell-line", "aligned"):
        items = read_lines(_block(text), layout)
        assert all(isinstance(it, str) and it == "" or not isinstance(it, str) for it in items)
        _spans_hold(text, _rows(items))
