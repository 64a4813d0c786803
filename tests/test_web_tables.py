"""Flattened web tables (cells ended by pipes, one per line or one row per line) parse to the
same cells as the same tables printed with tabs; the shapes real pages print, one by one."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extract.figures import column_figure_type, figure_kind, plain, prose_figure_type
from extract.layout import BARE_CELLS_MIN, BARE_NUMBERS_MIN, parse_layout
from extract.normalize import normalize
from extract.tables import parse_tables
from extract.tables.readers import layout_of
from extract.tables.readers.web import pipe_lines, respan

ITEMS = ["因公出国（境）费", "公务接待费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行维护费", "会议费", "培训费", "机关运行经费", "行政运行", "一般行政管理事务", "其他支出"]
FIGURES = ["预算数", "决算数", "上年数", "年初预算", "调整预算", "执行数"]


def _cells(text: str) -> list[tuple[str, str, float]]:
    tables = parse_tables(parse_layout(normalize(text)).blocks, doc_id="d")
    return sorted((c.row_label, c.column, c.value) for t in tables for c in t.cells)


def _layouts(text: str) -> list[str]:
    return [layout_of(b.lines) for b in parse_layout(normalize(text)).blocks if b.kind == "table"]


def _tab(title: str, header: list[list[str]], rows: list[list[str]]) -> str:
    return f"{title}\n单位：万元\n" + "\n".join("\t".join(r) for r in header + rows) + "\n说明如下。\n"


def _one_per_line(title: str, header: list[str], rows: list[list[str]]) -> str:
    """项目 | / 预算数 | / … / 合计 | / 18 | …: every cell on its own line, ended by a pipe."""
    cells = header + [c for r in rows for c in r]
    return f"{title}\n单位：万元\n" + "\n".join(f"{c} |" if c else "|" for c in cells) + "\n说明如下。\n"


def _pipes_apart(title: str, header: list[str], rows: list[list[str]], unit: str = "") -> str:
    """项目 / | / 预算数 / | …: the pipes on lines of their own, a blank cell a pipe alone; with
    `unit`, every amount printed with it (12.50万元)."""
    cells = header + [c + unit if c and k else c for r in rows for k, c in enumerate(r)]
    return f"{title}\n单位：万元\n" + "\n".join(f"{c}\n|" if c else "|" for c in cells) + "\n说明如下。\n"


def _row_per_line(title: str, header: list[list[str]], rows: list[list[str]], pad: int = 0) -> str:
    """合 计 | 1.8 | 1.52 |: one row a line, no leading pipe; merged header cells print once."""
    lines = [" | ".join(c for c in r if c) + " |" + "|" * pad for r in header] + [" | ".join(r) + " |" for r in rows]
    return f"{title}\n单位：万元\n" + "\n".join(lines) + "\n说明如下。\n"


amount = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False).map(lambda d: f"{d:.2f}")


@st.composite
def flat_tables(draw):
    """A table of item rows under figure columns; the first row has every value (a total row)."""
    figs = draw(st.lists(st.sampled_from(FIGURES), min_size=1, max_size=4, unique=True))
    labels = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=6, unique=True))
    rows = [["合计", *[draw(amount) for _ in figs]]]
    for lb in labels:
        rows.append([lb, *[draw(st.one_of(amount, st.just(""))) for _ in figs]])
    return ["项目", *figs], rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flat_tables(), st.sampled_from(["one", "apart", "apart-units"]))
def test_one_cell_per_line_parses_back_to_the_cells_of_the_tab_table(table, shape):
    header, rows = table
    title = "2021年度一般公共预算财政拨款“三公”经费支出决算表"
    want = _cells(_tab(title, [header], rows))
    if shape == "apart-units":
        flat = _pipes_apart(title, header, rows, unit="万元")  # 单位：万元 and 12.50万元 in the cells
    else:
        flat = (_one_per_line if shape == "one" else _pipes_apart)(title, header, rows)
    assert want and _cells(flat) == want
    assert _layouts(flat) == ["web"]


def _bare(title: str, header: list[str], rows: list[list[str]]) -> str:
    """项目 / 预算数 / 合计 / 142.40 / …: one cell per line, nothing between them, a blank cell not printed."""
    cells = header + [c for r in rows for c in r if c]
    return f"{title}\n单位：万元\n" + "\n".join(cells) + "\n二、说明\n支出预算为1.00万元，比上年增加0.10万元。\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flat_tables())
def test_bare_one_cell_per_line_reads_every_whole_row_and_never_guesses_a_blank(table):
    header, rows = table
    # shorter runs, or runs with a single number, are no table
    assume(len(header) + sum(1 for r in rows for c in r if c) >= BARE_CELLS_MIN and sum(1 for r in rows for c in r[1:] if c) >= BARE_NUMBERS_MIN)
    title = "2021年度一般公共预算财政拨款“三公”经费支出决算表"
    text = _bare(title, header, rows)
    got = _cells(text)
    # every row printed whole is read whole; a row with a value missing is left out, never misread
    whole = [r for r in rows if all(r[1:])]
    want = sorted((r[0], f, float(v)) for r in whole for f, v in zip(header[1:], r[1:], strict=True))
    assert got == want
    assert set(_layouts(text)) == {"bare-cells"}


def test_bare_cells_need_a_label_before_their_numbers():
    # the first label lost (a blank line for it): its number is left out, the rest read
    text = "一、2016年“三公”经费支出预算表\n单位:万元\n \n预 算 数\n \n57.9\n因公出国(境)费\n13.9\n公务接待费\n9\n公务用车购置及运行费\n35\n"
    assert _cells(text) == [("公务接待费", "预算数", 9.0), ("公务用车购置及运行费", "预算数", 35.0), ("因公出国(境)费", "预算数", 13.9)]
    # merged header cells over one row of numbers: nothing can be paired, so no table at all
    flat = "一、2024年“三公”经费支出预算表\n单位:万元\n“三公”经费合计\n因公出国(境)费\n公务接待费\n12\n2\n10\n"
    assert _cells(flat) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flat_tables(), st.integers(min_value=0, max_value=3))
def test_one_row_per_line_parses_back_to_the_cells_of_the_tab_table(table, pad):
    header, rows = table
    title = "部门“三公”经费预算表"
    want = _cells(_tab(title, [header], rows))
    assert want and _cells(_row_per_line(title, [header], rows, pad)) == want


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(FIGURES), min_size=2, max_size=3, unique=True),
    st.lists(st.sampled_from(["一般公共预算", "政府性基金", "国有资本经营预算"]), min_size=1, max_size=2, unique=True),
    st.lists(st.sampled_from(ITEMS), min_size=1, max_size=5, unique=True),
    st.data(),
)
def test_a_merged_header_printed_once_is_laid_back_over_its_children(parents, sources, labels, data):
    """项目 | 预算数 | 决算数 | |||| over 合计 | 一般公共预算 | 政府性基金 | 合计 | …: each parent
    spans its 合计 and sources, as the tab table with its merged cells says."""
    kids = ["合计", *sources]
    top = ["项目"] + [x for p in parents for x in [p] + [""] * (len(kids) - 1)]
    bottom = [""] + kids * len(parents)
    rows = [[lb, *[data.draw(amount) for _ in bottom[1:]]] for lb in ["总计", *labels]]
    title = "2021年度一般公共预算及政府性基金财政拨款“三公”经费支出决算表"
    want = _cells(_tab(title, [top, bottom], rows))
    flat = _row_per_line(title, [top, [k for k in bottom if k]], rows, pad=len(kids))
    assert want and _cells(flat) == want
    assert {c for _, c, _ in want} == {f"{p} > {k}" for p in parents for k in kids}


# ---------------------------------------------------------------- the shapes real pages print

SANGONG_FINAL_ONE_PER_LINE = """一、2021年度一般公共预算财政拨款“三公”经费支出决算表
单位:万元
项 目 |
预 算 数 |
决 算 数 |
合 计 |
49.9 |
7.69 |
因公出国(境)费 |
20 |
|
公务接待费 |
14.9 |
5.21 |
其中:公务用车运行维护费 |
15 |
2.48 |
二、2021年度一般公共预算财政拨款“三公”经费支出情况说明
"""

LEADING_BLANK_CELL = """单位:万元
|
项 目 |
预 算 数 |
决 算 数 |
|
合 计 |
246 |
167.37 |
|
公务接待费 |
1 |
2.14 |
说明如下。
"""

PIPES_APART = """单位:万元
项 目
|
预 算 数
|
合 计
|
0.36
|
因公出国(境)费
|
|
公务接待费
|
0.36
|
二、2020年“三公”经费支出预算情况说明
"""

ONE_VALUE_ROW = """一、2022年一般公共预算“三公”经费支出预算表
单位:万元
“三公”经费合计 |
因公出国(境)费 |
公务用车购置及运行费 |
公务 接待费 |
||
小计 |
公务用车购置费 |
公务用车运行费 |
|||
79 |
0 |
75 |
50 |
25 |
4 |
二、2022年一般公共预算“三公”经费支出预算情况说明
"""

ROWS_WITH_TITLE_PADDING = """某局2016年“三公”经费预算 | |||||||
财政拨款情况表 | |||||||
| | | | | 单位:万元 | ||
合 计 | 因公出国(境)费 | 公务用车费 | 公务接待费 | ||||
小 计 | 公务用车运行维护费 | 公务用车购置费 | |||||
1.7 | 0 | 0 | 0 | 0 | 1.7 | ||
注:1、上述数据为当年财政拨款安排的“三公”经费。 | |||||||
"""

TWO_TABLES = """2020年度全区“三公”经费决算情况
经费项目 |
2020年度支出 (万元) |
支出减少情况(万元) |
支出减少率 |
因公出国(境)费 |
0 |
0 |
0% |
公务接待费 |
71.53 |
- |
- |
2020年度全区“三公”经费使用情况
使用项目 |
2020年度数量或人次 |
公务用车购置数 |
32 |
公务用车保有量 |
660 |
国(境)外公务接待情况 |
无 |
"""

FIGURE_ROWS = """(單位:萬元)
三公經費項目 |
合計 |
因公出國(境)費 |
公務用車購置及運行費 |
公務接待費 |
小計 |
公務用車
購置費 |
公務用車
運行費 |
小計 |
行政運行 |
其他支出 |
行次 |
1 |
2 |
3 |
4 |
5 |
6 |
7 |
8 |
2015年度預算數 |
5.23 |
0.00 |
3.23 |
0.00 |
3.23 |
2.00 |
2.00 |
以前年度結轉資金9.83 |
2015年度決算數 |
6.94 |
0.00 |
2.94 |
0.00 |
2.94 |
4.00 |
0.37 |
3.63 |
"""

TRADITIONAL_PIPES_APART = """|
|
單位:萬元
|
|
項 目
|
合計
|
一般公共
預算
|
政府性基金
預算
|
|
行政經費
|
312.23
|
312.23
|
0.00
|
|
其中:(一)因公出國(境)支出
|
0.00
|
0.00
|
0.00
|
一、財政撥款安排的行政經費及“三公”經費預算表說明
"""


TWO_SIDED = """部门预算公开表
101某镇财政所 |
预算年度:2025 |
单位:万元 | ||
序号 |
收入 |
支出 | ||
项 目 |
预算数 |
项 目 |
预算数 | |
栏次 |
1 |
2 |
3 |
4 |
1 |
一、一般公共预算拨款收入 |
675.82 |
一、一般公共服务支出 |
516.39 |
2 |
二、政府性基金预算拨款收入 |
|
二、外交支出 |
|
3 |
|
|
三、社会保障和就业支出 |
98.25 |
4 |
本年收入合计 |
675.82 |
本年支出合计 |
614.64 |
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TWO_SIDED, [("一般公共预算拨款收入", "收入 > 预算数", 675.82), ("一般公共服务支出", "支出 > 预算数", 516.39), ("社会保障和就业支出", "支出 > 预算数", 98.25), ("本年支出合计", "支出 > 预算数", 614.64)]),
        (SANGONG_FINAL_ONE_PER_LINE, [("合计", "预算数", 49.9), ("合计", "决算数", 7.69), ("因公出国(境)费", "预算数", 20.0), ("公务接待费", "决算数", 5.21), ("公务用车运行维护费", "决算数", 2.48)]),
        (LEADING_BLANK_CELL, [("合计", "预算数", 246.0), ("合计", "决算数", 167.37), ("公务接待费", "预算数", 1.0), ("公务接待费", "决算数", 2.14)]),
        (PIPES_APART, [("合计", "预算数", 0.36), ("公务接待费", "预算数", 0.36)]),
        (ONE_VALUE_ROW, [("", "“三公”经费合计", 79.0), ("", "因公出国(境)费", 0.0), ("", "公务用车购置及运行费 > 小计", 75.0), ("", "公务用车购置及运行费 > 公务用车购置费", 50.0), ("", "公务用车购置及运行费 > 公务用车运行费", 25.0), ("", "公务接待费", 4.0)]),
        (ROWS_WITH_TITLE_PADDING, [("", "合计", 1.7), ("", "公务用车费 > 公务用车购置费", 0.0), ("", "公务用车费 > 公务用车运行维护费", 0.0), ("", "公务接待费", 1.7)]),
        (TWO_TABLES, [("公务接待费", "2020年度支出(万元)", 71.53), ("公务用车购置数", "2020年度数量或人次", 32.0), ("公务用车保有量", "2020年度数量或人次", 660.0)]),
        (FIGURE_ROWS, [("合计", "2015年度预算数", 5.23), ("公务用车购置及运行费", "2015年度决算数", 2.94), ("公务用车运行费", "2015年度决算数", 2.94), ("行政运行", "2015年度决算数", 0.37), ("其他支出", "2015年度决算数", 3.63)]),
        (TRADITIONAL_PIPES_APART, [("行政经费", "合计", 312.23), ("行政经费", "一般公共预算", 312.23), ("因公出国(境)支出", "政府性基金预算", 0.0)]),
    ],
    ids=["two-sided", "one-per-line", "leading-blank-cell", "pipes-apart", "one-value-row", "row-per-line-merged", "two-tables", "figures-as-rows", "traditional-pipes-apart"],
)
def test_real_shapes(text, expected):
    got = _cells(text)
    assert got
    for e in expected:
        assert e in got, (e, got)


def test_row_numbers_and_page_labels_are_no_cells_codes_or_headers():
    (t,) = parse_tables(parse_layout(normalize(TWO_SIDED)).blocks, doc_id="d")
    assert t.unit == "万元" and len(t.cells) == 5
    assert {c.column for c in t.cells} == {"收入 > 预算数", "支出 > 预算数"}
    assert all(c.code is None for c in t.cells)


def test_two_tables_are_split_at_the_title_between_them():
    tables = parse_tables(parse_layout(normalize(TWO_TABLES)).blocks, doc_id="d")
    assert [t.title for t in tables] == ["2020年度全区“三公”经费决算情况", "2020年度全区“三公”经费使用情况"]
    assert [len(t.cells) for t in tables] == [4, 2]  # "-" is no amount; 无 is no number


def test_figure_rows_are_turned_and_column_numbering_dropped():
    tables = parse_tables(parse_layout(normalize(FIGURE_ROWS)).blocks, doc_id="d")
    (t,) = tables
    assert t.unit == "万元"
    assert not any(c.column.startswith("行次") for c in t.cells)
    assert {c.column for c in t.cells} == {"2015年度预算数", "2015年度决算数"}
    # the 小计 of 公务接待费 is that item's own total
    assert ("公务接待费", "2015年度决算数", 4.0) in {(c.row_label, c.column, c.value) for c in t.cells}


def test_unit_and_title_of_a_traditional_mirror():
    (t,) = parse_tables(parse_layout(normalize(TRADITIONAL_PIPES_APART)).blocks, doc_id="d")
    assert t.unit == "万元"
    assert len(t.cells) == 6


@pytest.mark.parametrize(
    "text",
    [
        "![]() |\n|\n正文第一段。\n",  # pipes around a logo
        "首页 | 政务公开 |\n机构概况 | 领导信息 |\n正文。\n",  # a breadcrumb of links
        "收入预算总额为271.33万元，较上年减少65.92万元，主要原因是人员减少，详见下表所列各项支出情况 |\n说明。\n",
    ],
)
def test_pipes_that_are_no_table(text):
    assert not [b for b in parse_layout(normalize(text)).blocks if b.kind == "table"]


def test_markdown_pipe_tables_keep_their_reader():
    md = "| 项目 | 预算数 |\n|---|---|\n| 合计 | 12.00 |\n| 会议费 | 3.00 |\n"
    assert _layouts(md) == ["pipe"]
    assert not pipe_lines(md.splitlines())
    assert _cells(md) == [("会议费", "预算数", 3.0), ("合计", "预算数", 12.0)]


def test_respan_refuses_labels_that_do_not_fit():
    from extract.records import RawCell

    def cells(*t):
        return [RawCell(x, 0, 0) for x in t]

    # three leaves cannot be two value columns
    assert respan([cells("项目", "甲", "乙", "丙")], [0], [1, 2], 3) is None
    laid = respan([cells("项目", "预算数", "决算数")], [0], [1, 2], 3)
    assert laid is not None and [c.text for c in laid[0]] == ["项目", "预算数", "决算数"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("预(yù)算数(shù)", "预算数"),
        ("公務(wù)用車購置費", "公务用车购置费"),
        ("決算數", "决算数"),
        ("2015年度預算數", "2015年度预算数"),
        ("因公出国(境)费", "因公出国(境)费"),  # a bracketed word is no pinyin
        ("政府和社会资本合作(PPP)项目", "政府和社会资本合作(PPP)项目"),  # nor an abbreviation
    ],
)
def test_plain_names(text, want):
    assert plain(text) == want


def test_figure_words_on_mirror_pages():
    assert column_figure_type("预(yù)算数(shù)", "一般公共预(yù)算財政撥款“三公”經(jīng)費支出决算表", "三公") == "预算数"
    text = "三公經(jīng)費支出預算為49.9萬元"
    assert prose_figure_type(text, text.index("49.9"), doc_kind="决算") == "预算数"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("2021年度一般公共预算财政拨款“三公”经费支出决算情况说明", "决算"),
        ("寿县司法局2022年“三公”经费预算情况", "预算"),
        ("一、2021年度一般公共預算財政撥款“三公”經費支出決算表", "决算"),
        ("某局“三公”经费情况", None),
    ],
)
def test_a_sangong_page_is_a_budget_or_a_final_account_by_its_title(head, kind):
    assert figure_kind("三公", head) == kind
    assert figure_kind("预算", head) == "预算"


_CHARS = "预算决算合计公务接待费项目其中0123456789.,%-| "
_line = st.text(alphabet=_CHARS, min_size=0, max_size=14)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, min_size=0, max_size=16))
def test_the_web_reader_never_fails_and_its_values_point_at_their_text(lines):
    from extract.layout import Block
    from extract.normalize import MappedText
    from extract.tables.cells import compact, is_numberish
    from extract.tables.readers import read_lines

    text = "\n".join(lines)
    block_lines, pos = [], 0
    for ln in lines:
        block_lines.append(MappedText.identity(ln, start=pos))
        pos += len(ln) + 1
    block = Block(kind="table", text=MappedText.identity(text), section="", lines=block_lines, line_no=0)
    for it in read_lines(block, "web"):
        assert it == "" or not isinstance(it, str)
        if isinstance(it, str):
            continue
        for c in it.cells:
            if c.text and is_numberish(c.text):
                assert compact(text[c.start : c.end]) == c.text
    _cells(text + "\n")  # the whole pipeline over the same lines


# ---------------------------------------------------------------- a group header over one value row; units inside cells

_SINGLES = ["因公出国(境)费", "公务接待费", "会议费", "培训费"]
_GROUP = ("公务用车购置及运行维护费", ["小计", "公务用车运行维护费", "公务用车购置费"])


def _horizontal(singles: list[str], at: int, values: list[str]) -> str:
    """合计 | singles with the group among them | || / 小计 | its parts | ||| / one value a line, an
    empty cell a lone pipe: the flattened two-row header over one row of values."""
    parent, kids = _GROUP
    top = ["“三公”经费合计", *singles[:at], parent, *singles[at:]]
    lines = [f"{t} |" for t in top] + ["|" * (len(kids) - 1)] + [f"{k} |" for k in kids] + ["|" * len(kids)]
    lines += [f"{v} |" if v else "|" for v in values]
    return "一、2031年一般公共预算“三公”经费支出预算表\n单位:万元\n" + "\n".join(lines) + "\n二、说明\n支出预算为9.00万元。\n"


def _horizontal_leaves(singles: list[str], at: int) -> list[str]:
    parent, kids = _GROUP
    return ["“三公”经费合计", *singles[:at], *[f"{parent} > {k}" for k in kids], *singles[at:]]


def test_a_group_header_over_one_value_row_with_explicit_empty_cells():
    # the group last, its 购置费 left blank by a lone pipe (made-up figures of a made-up bureau)
    text = _horizontal(["因公出国(境)费", "公务接待费"], 2, ["26.4", "1.5", "6.9", "18", "18", ""])
    (t,) = parse_tables(parse_layout(normalize(text)).blocks, doc_id="d")
    assert [(c.row_label, c.column, c.value) for c in t.cells] == [
        ("", "“三公”经费合计", 26.4),
        ("", "因公出国(境)费", 1.5),
        ("", "公务接待费", 6.9),
        ("", "公务用车购置及运行维护费 > 小计", 18.0),
        ("", "公务用车购置及运行维护费 > 公务用车运行维护费", 18.0),
    ]
    assert all(text[c.span[0] : c.span[1]] == f"{c.value:g}" for c in t.cells)
    # the group in the middle, its 运行维护费 left blank inside the row
    text = _horizontal(["会议费", "培训费"], 1, ["47", "30", "10", "", "10", "7"])
    assert _cells(text) == sorted([
        ("", "“三公”经费合计", 47.0), ("", "会议费", 30.0), ("", "公务用车购置及运行维护费 > 小计", 10.0),
        ("", "公务用车购置及运行维护费 > 公务用车购置费", 10.0), ("", "培训费", 7.0),
    ])


def test_a_value_row_that_does_not_fit_its_header_names_no_cell():
    # six leaves over five values (a value lost, no lone pipe for it): nothing is paired
    assert _cells(_horizontal(["因公出国(境)费", "公务接待费"], 2, ["26.4", "1.5", "6.9", "18", "18"])) == []
    # …nor over seven, even when the seven equal the labels printed (the header is two rows, not one)
    assert _cells(_horizontal(["因公出国(境)费", "公务接待费"], 2, ["26.4", "1.5", "6.9", "18", "18", "", "3"])) == []
    assert _cells(_horizontal(["会议费"], 1, ["40", "30", "", "10", "", "10"])) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_SINGLES), min_size=1, max_size=4, unique=True), st.data())
def test_a_group_header_anywhere_in_the_row_names_every_printed_value(singles, data):
    at = data.draw(st.integers(min_value=0, max_value=len(singles)))
    leaves = _horizontal_leaves(singles, at)
    # the total is always printed (a blank first value could not be told from the header's padding)
    values = [data.draw(amount), *[data.draw(st.one_of(amount, st.just(""))) for _ in leaves[1:]]]
    got = _cells(_horizontal(singles, at, values))
    assert got == sorted(("", leaf, float(v)) for leaf, v in zip(leaves, values, strict=True) if v)
    # a value lost (one line fewer) or one too many: the counts do not match and no cell is guessed
    assert _cells(_horizontal(singles, at, [v for k, v in enumerate(values) if k != len(values) // 2])) == []
    assert _cells(_horizontal(singles, at, [*values, data.draw(amount)])) == []


def _vertical(unit_line: str, rows: list[tuple[str, str]], pad: int = 3) -> str:
    """项目 / | / 本年预算数 / | / 合计 / | / 12万元 / | …: a two-column table one cell a line, each
    cell ended by a pipe of its own, an empty cell a pipe alone, and padding pipes after the table."""
    cells = [("项目", True), ("本年预算数", True)] + [x for label, v in rows for x in ((label, True), (v, bool(v)))]
    lines = [unit_line, "|"] + [ln for c, filled in cells for ln in ([c, "|"] if filled else ["|"])] + ["|"] * pad
    return "附件:\n|\n2032年“三公”经费预算财政拨款情况统计表\n|\n" + "\n".join(lines) + "\n某单位\n"


_VERTICAL_ROWS = [
    ("合计", "27.5万元"),
    ("1、因公出国(境)费用", "6万元"),
    ("2、公务接待费", ""),
    ("3、公务用车费", "21.5万元"),
    ("其中:(1)公务用车运行维护费", "9.5万元"),
    ("(2)公务用车购置", "12万元"),
]


def test_a_vertical_table_with_units_in_its_cells():
    text = _vertical("单位:万元", _VERTICAL_ROWS)
    (t,) = parse_tables(parse_layout(normalize(text)).blocks, doc_id="d")
    assert t.unit == "万元"
    got = [(c.row_label, c.row_label_raw, c.column, c.value, text[c.span[0] : c.span[1]]) for c in t.cells]
    assert got == [
        ("合计", "合计", "本年预算数", 27.5, "27.5"),
        ("因公出国(境)费用", "1、因公出国(境)费用", "本年预算数", 6.0, "6"),
        ("公务用车费", "3、公务用车费", "本年预算数", 21.5, "21.5"),
        ("公务用车运行维护费", "其中:(1)公务用车运行维护费", "本年预算数", 9.5, "9.5"),
        ("公务用车购置", "(2)公务用车购置", "本年预算数", 12.0, "12"),
    ]
    assert [c.row_path for c in t.cells][3:] == ["公务用车费", "公务用车费"]


def test_units_inside_cells_are_read_only_in_the_tables_own_unit():
    # cells in 万元 under 单位:元, or a table that names no unit: the number would not be the cell's amount
    assert _cells(_vertical("单位:元", _VERTICAL_ROWS)) == []
    assert _cells(_vertical("", _VERTICAL_ROWS)) == []


def test_unit_value_cuts_the_unit_and_keeps_the_digits_span():
    from extract.records import RawCell
    from extract.tables.cells import unit_value

    assert unit_value(RawCell("1,204.5万元", 10, 19), "万元") == RawCell("1,204.5", 10, 17)
    assert unit_value(RawCell("1,204.5万元", 10, 19), "元") is None
    assert unit_value(RawCell("1,204.5", 10, 17), "万元") is None  # a bare number needs no cut
    assert unit_value(RawCell("约5万元", 10, 14), "万元") is None


def test_a_bare_table_keeps_the_rows_it_leaves_blank_and_not_the_next_heading():
    """One value column: a label with no number before the next label is a blank row of the table
    (其中 rows a page did not fill); the next section's heading, read into the region, is none."""
    text = ("一、2013年“三公”经费财政拨款支出决算表\n(单位:万元)\n项目\n决算数\n合计\n60.6\n因公出国(境)费\n0\n公务接待费\n28.1\n"
            "公务用车购置及运行费\n32.5\n其中:公务用车运行维护费\n公务用车购置费\n二、2013年“三公”经费财政拨款支出决算情况说明\n")
    tables = parse_tables(parse_layout(normalize(text)).blocks, doc_id="d")
    rows = [[c.text for c in r.cells] for t in tables for r in t.rows]
    assert ["其中:公务用车运行维护费", ""] in rows and ["公务用车购置费", ""] in rows
    assert not any(r[0].startswith("二、") for r in rows)
    assert _cells(text) == sorted([("合计", "决算数", 60.6), ("因公出国(境)费", "决算数", 0.0), ("公务接待费", "决算数", 28.1), ("公务用车购置及运行费", "决算数", 32.5)])


def test_labels_glued_to_their_numbers_are_read_as_two_cells():
    """A web table pasted one row per line with no gap between label and number (行政经费177.50),
    some rows indented, the header glued too (项目2017年预算)."""
    text = ("表8\n2017年一般公共预算安排的行政经费及“三公”经费预算表\n单位名称:某某县某某局单位:万元\n项目2017年预算\n行政经费177.50 \n“三公”经费5.60 \n"
            "      其中:(一)因公出国(境)支出\n           (二)公务用车购置及运行维护支出\n                   1.公务用车购置\n"
            "                   2.公务用车运行维护费3.60 \n           (三)公务接待费支出2.00 \n注:\n1、行政经费包括基本支出和一般行政管理项目支出。\n")
    got = {(label, value) for label, _, value in _cells(text)}
    assert {("行政经费", 177.5), ("“三公”经费", 5.6), ("公务用车运行维护费", 3.6)} <= got
    assert {column for _, column, _ in _cells(text)} == {"2017年预算"}
    assert set(_layouts(text)) == {"bare-cells"}


def test_a_web_tables_padded_header_cells_do_not_stretch_it_over_the_prose_before() -> None:
    # merged header cells come out as empty cells at offset 0; the table starts at its first printed cell
    from extract.records import RawCell, RawLine
    from extract.tables.parse import printed_span

    header = RawLine([RawCell("年度", 620, 622), RawCell("", 0, 0), RawCell("合计", 624, 626)], 10, "年度 合计")
    row = RawLine([RawCell("2016年", 630, 635), RawCell("2364", 636, 640)], 11, "2016年 2364")
    assert printed_span([header, row]) == (620, 640)
    assert printed_span([RawLine([RawCell("", 0, 0)], 1, "")]) is None


# a 三公 对比表 whose rows are years and whose columns are the items (a flattened web table, one cell a line)
YEARS_TABLE = (
    "2016年某区“三公”经费决算数为2364万元。\n"
    "年度\n|\n合计\n|\n因公出国(境)经费\n|\n公务接待费\n|\n公车购置及运行维护费\n|\n"
    "合计\n|\n车辆购置\n|\n车辆运行\n|\n"
    "2015年\n|\n2840\n|\n90\n|\n1400\n|\n1350\n|\n73\n|\n1277\n|\n"
    "2016年\n|\n2364\n|\n12\n|\n1356\n|\n996\n|\n37\n|\n959\n|\n"
    "2016年比2015年增减%\n|\n-16.77\n|\n-86.62\n|\n-3.14\n|\n-26.24\n|\n-47.95\n|\n-24.98\n|\n"
)


def test_a_table_of_years_by_items_is_read_with_the_items_as_rows() -> None:
    from extract import extract_document

    got = extract_document("某区2016年“三公”经费决算情况说明\n" + YEARS_TABLE, is_text=True)
    cells = {(c.row_label, c.row_path, c.column): (c.value, c.figure_type) for c in got.cells}
    # a year is no classification code: 2015年 keeps its digits, and is a column
    assert cells[("车辆运行", "公车购置及运行维护费", "2015年")] == (1277.0, "上年")
    assert cells[("车辆购置", "公车购置及运行维护费", "2016年")] == (37.0, "决算数")
    assert cells[("公车购置及运行维护费", "", "2016年")] == (996.0, "决算数")
    assert cells[("因公出国(境)经费", "", "2016年比2015年增减%")] == (-86.62, "比例")
    assert {c.row_label for c in got.cells if c.is_total} == {"合计"}


def test_a_table_whose_rows_are_not_all_years_is_left_as_it_is() -> None:
    from extract.records import Table, TableCell
    from extract.tables.years import years_as_columns

    def cell(label: str, column: str) -> TableCell:
        return TableCell(doc_id="d", table_id="t1", table_title="", unit=None, row_label=label, code=None, column=column, value=1.0, span=(0, 1), row_label_raw=label)

    t = Table(table_id="t1", title="", unit=None, layout="web")
    t.cells = [cell("2015年", "合计"), cell("基本支出", "合计")]
    assert [c.row_label for c in years_as_columns(t).cells] == ["2015年", "基本支出"]
