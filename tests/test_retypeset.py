"""Aligned (pdftotext-style) tables give the same cells as the same tables with tabs.

The fixtures are corpus tables re-typeset by `retypeset.py`: column boundaries must come from
the header and the gaps, so shifting or widening the layout must not change the cells.
"""

from __future__ import annotations

import pytest

from extract.layout import parse_layout
from extract.normalize import normalize
from extract.tables import parse_tables

from .retypeset import retypeset

TABLES = {
    "一般公共预算支出表": (
        [["科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出"], ["", "", "", "小计", "人员经费", "公用经费", ""]],
        [
            ["", "合计", "929.84", "111.84", "101.13", "10.70", "818.00"],
            ["210", "卫生健康支出", "929.84", "111.84", "101.13", "10.70", "818.00"],
            ["21011", "行政事业单位医疗", "0.27", "0.27", "0.27", "0.00", "0.00"],
            ["2101501", "行政运行", "111.56", "111.56", "100.86", "10.70", "0.00"],
            ["2101502", "一般行政管理事务", "30.00", "0.00", "0.00", "0.00", "30.00"],
        ],
    ),
    "一般公共预算基本支出表": (
        [["部门预算支出经济分类科目", "", "本年一般公共预算基本支出", "", ""], ["科目编码", "科目名称", "合计", "人员经费", "公用经费"]],
        [
            ["", "合计", "111.84", "101.14", "10.70"],
            ["301", "工资福利支出", "101.14", "101.14", "0.00"],
            ["30101", "基本工资", "16.35", "16.35", "0.00"],
            ["302", "商品和服务支出", "10.70", "0.00", "10.70"],
            ["30299", "其他商品和服务支出", "5.57", "0.00", "5.57"],
        ],
    ),
    "一般公共预算“三公”经费支出表": (
        [["单位名称", "“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"], ["", "", "", "小计", "公务用车购置费", "公务用车运行费", ""]],
        [["某局", "13.30", "0.00", "0.00", "0.00", "0.00", "13.30"]],
    ),
    # blank cells: pdftotext prints nothing, so a row has fewer values than the table has columns
    "一般公共预算支出功能分类预算表": (
        [["功能分类科目编码", "功能分类科目名称", "一般公共预算支出", "", ""], ["", "", "合计", "基本支出", "项目支出"]],
        [
            ["", "合计", "5,300.00", "3,000.00", "2,300.00"],
            ["201", "一般公共服务支出", "3,000.00", "3,000.00", ""],
            ["20103", "政府办公厅（室）及相关机构事务", "3,000.00", "3,000.00", ""],
            ["2010302", "一般行政管理事务", "2,000.00", "", "2,000.00"],
            ["208", "社会保障和就业支出", "300.00", "", "300.00"],
            ["2080505", "机关事业单位基本养老保险缴费支出", "300.00", "300.00", ""],
        ],
    ),
}


def _tab_text(title, header, rows):
    return f"{title}\n\n单位：万元\n\n" + "\n".join("\t".join(r) for r in header + rows) + "\n"


def _cells(text):
    tables = parse_tables(parse_layout(normalize(text)).blocks, doc_id="d")
    return [(c.row_label, c.code, c.column, c.value) for t in tables for c in t.cells]


@pytest.mark.parametrize("title", list(TABLES))
@pytest.mark.parametrize("sep", [3, 4, 7])
def test_aligned_equals_tab(title, sep):
    header, rows = TABLES[title]
    tab = _cells(_tab_text(title, header, rows))
    aligned = _cells(retypeset(title, "万元", header, rows, sep=sep))
    assert tab and aligned == tab


def test_aligned_survives_a_shifted_header():
    """pdftotext drifts: the header printed a few columns right of the body."""
    header, rows = TABLES["一般公共预算支出表"]
    text = retypeset("一般公共预算支出表", "万元", header, rows, sep=4)
    lines = text.split("\n")
    lines = [("  " + ln if i in (3, 5) else ln) for i, ln in enumerate(lines)]
    assert _cells("\n".join(lines)) == _cells(_tab_text("一般公共预算支出表", header, rows))

