"""Row paths: the rows a table row is part of, so repeated labels (本年 / 上年结转 parts of
一般公共预算拨款收入) stay apart. Real phrasings of 收支总表, 收入总表 and 支出表 rows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.layout import parse_layout
from extract.normalize import normalize
from extract.records import RawCell
from extract.tables import parse_tables
from extract.tables.rows import RowEntry, numbering_level, row_paths


def tables_of(text):
    return parse_tables(parse_layout(normalize(text)).blocks, doc_id="d")


def paths(t):
    """(row_path, row_label, value) of every cell of the first column."""
    first = t.cells[0].column
    return [(c.row_path, c.row_label, c.value) for c in t.cells if c.column == first]


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        ("一、本年收入", 1), ("二、上年结转", 1), ("十一、其他支出", 1), ("三.事业收入", 1),
        ("（一）一般公共预算拨款", 2), ("(七)卫生健康支出", 2), ("（十二）债务付息支出", 2),
        ("1.一般公共预算资金", 3), ("2、政府性基金", 3), ("1. 一般公共预算资金", 3),
        ("（1）办公费", 4), ("(12)印刷费", 4),
        ("一般公共预算拨款收入", None), ("其中：人员经费", None), ("2019年预算数", None), ("1.5万元", None),
    ],
)
def test_numbering_level(raw, level):
    assert numbering_level(raw) == level


# 财政拨款收支预算总表 as a 四川 county exports it (tab): the same label under 本年收入 and 上年结转
CARRY_OVER = (
    "财政拨款收支预算总表\n\n单位：万元\n\n"
    "收 入\t\t支 出\t\t\t\t\n"
    "项 目\t预算数\t项 目\t合计\t一般公共预算\t政府性基金预算\n"
    "一、本年收入\t3,688.46\t一、本年支出\t4,695.70\t4,695.70\t\n"
    "一般公共预算拨款收入\t3,688.46\t一般公共服务支出\t\t\t\n"
    "政府性基金预算拨款收入\t\t社会保障和就业支出\t49.98\t49.98\t\n"
    "国有资本经营预算拨款收入\t\t卫生健康支出\t4,302.44\t4,302.44\t\n"
    "二、上年结转\t1,007.24\t农林水支出\t303.00\t303.00\t\n"
    "一般公共预算拨款收入\t1,007.24\t住房保障支出\t40.29\t40.29\t\n"
    "政府性基金预算拨款收入\t\t\t\t\t\n"
    "收入总计\t4,695.70\t支出总计\t4,695.70\t4,695.70\t\n"
)


def test_repeated_label_under_this_year_and_carry_over():
    (t,) = tables_of(CARRY_OVER)
    income = [(c.row_path, c.row_label, c.value) for c in t.cells if c.column.startswith("收入")]
    assert income == [
        ("", "本年收入", 3688.46),
        ("本年收入", "一般公共预算拨款收入", 3688.46),
        ("", "上年结转", 1007.24),
        ("上年结转", "一般公共预算拨款收入", 1007.24),
        ("", "收入总计", 4695.7),
    ]
    spending = {(c.row_path, c.row_label) for c in t.cells if c.column == "支出 > 合计"}
    assert ("本年支出", "卫生健康支出") in spending and ("", "支出总计") in spending and ("", "本年支出") in spending


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 上海 街道 收支总表: 1. under 一、
        (
            "部门财务收支预算总表\n\n项目\t预算数\n一、财政拨款收入\t156,211,123\n1.一般公共预算资金\t156,211,123\n"
            "2.政府性基金\t\n二、事业收入\t\n收入总计\t156,211,123\n",
            [("", "财政拨款收入", 156211123.0), ("财政拨款收入", "一般公共预算资金", 156211123.0), ("", "收入总计", 156211123.0)],
        ),
        # 江西 收支总表: （一） under 一、 and （七） under 一、本年支出
        (
            "部门收支总表\n\n项目\t预算数\n一、本年收入\t1,386.52\n（一）一般公共预算拨款\t1,386.52\n二、上年结转\t12.00\n"
            "（一）一般公共预算拨款\t12.00\n收入总计\t1,398.52\n",
            [("", "本年收入", 1386.52), ("本年收入", "一般公共预算拨款", 1386.52), ("", "上年结转", 12.0), ("上年结转", "一般公共预算拨款", 12.0), ("", "收入总计", 1398.52)],
        ),
        # 其中 rows are parts of the row above them
        (
            "一般公共预算支出表\n\n项目\t金额\n基本支出\t111.84\n其中：人员经费\t101.13\n公用经费\t10.70\n项目支出\t818.00\n其中：专项业务费\t800.00\n",
            [("", "基本支出", 111.84), ("基本支出", "人员经费", 101.13), ("", "公用经费", 10.7), ("", "项目支出", 818.0), ("项目支出", "专项业务费", 800.0)],
        ),
        # a 其中 row under a numbered part keeps the whole path
        (
            "收入总表\n\n项目\t金额\n一、本年收入\t100.00\n（一）财政拨款\t80.00\n其中：一般公共预算\t70.00\n（二）事业收入\t20.00\n",
            [("", "本年收入", 100.0), ("本年收入", "财政拨款", 80.0), ("本年收入 > 财政拨款", "一般公共预算", 70.0), ("本年收入", "事业收入", 20.0)],
        ),
        # unnumbered rows that do not add up to the numbered row above stand beside it
        (
            "收入总表\n\n项目\t金额\n一、财政拨款收入\t60.00\n二、其他收入\t10.00\n用事业基金弥补收支差额\t5.00\n上年结转\t3.00\n",
            [("", "财政拨款收入", 60.0), ("", "其他收入", 10.0), ("", "用事业基金弥补收支差额", 5.0), ("", "上年结转", 3.0)],
        ),
        # a total closes the group: 上年结转 after 本年收入合计 is not a part of 本年收入
        (
            "收入总表\n\n项目\t金额\n一、本年收入\t100.00\n一般公共预算拨款收入\t100.00\n本年收入合计\t100.00\n上年结转\t20.00\n收入总计\t120.00\n",
            [("", "本年收入", 100.0), ("本年收入", "一般公共预算拨款收入", 100.0), ("", "本年收入合计", 100.0), ("", "上年结转", 20.0), ("", "收入总计", 120.0)],
        ),
        # a numbered row of zero with unnumbered rows after it: no evidence they are its parts
        (
            "收入总表\n\n项目\t金额\n一、上年结转\t0.00\n一般公共预算拨款收入\t0.00\n二、本年收入\t5.00\n",
            [("", "上年结转", 0.0), ("", "一般公共预算拨款收入", 0.0), ("", "本年收入", 5.0)],
        ),
    ],
)
def test_row_paths_of_real_phrasings(text, expected):
    (t,) = tables_of(text)
    assert paths(t) == expected


def test_classification_codes_give_the_path():
    text = (
        "一般公共预算支出表\n\n科目编码\t科目名称\t合计\n"
        "210\t卫生健康支出\t929.84\n21015\t医疗保障管理事务\t929.84\n2101501\t行政运行\t111.56\n"
        "2101502\t一般行政管理事务\t818.28\n221\t住房保障支出\t40.29\n2210201\t住房公积金\t40.29\n"
    )
    (t,) = tables_of(text)
    assert [(c.code, c.row_path) for c in t.cells] == [
        ("210", ""),
        ("21015", "卫生健康支出"),
        ("2101501", "卫生健康支出 > 医疗保障管理事务"),
        ("2101502", "卫生健康支出 > 医疗保障管理事务"),
        ("221", ""),
        ("2210201", "住房保障支出"),
    ]


PDFTOTEXT_SUMMARY = (
    "                    2024年部门财务收支预算总表\n"
    "                                                                  单位：元\n"
    "本年收入                                   本年支出\n"
    "\n"
    "           项目             预算数                       项目          预算数\n"
    "\n"
    "一、财政拨款收入                   156,211,123 一、一般公共服务支出                  2,932,700\n"
    "\n"
    "1. 一般公共预算资金                156,211,123 二、公共安全支出                    1,633,000\n"
    "\n"
    "2. 政府性基金                                 三、教育支出                       250,000\n"
    "\n"
    "二、事业收入                                   四、城乡社区支出                152,395,423\n"
    "\n"
    "           收入总计            156,211,123            支出总计           156,211,123\n"
)


def test_pdftotext_two_sided_table_paths_per_side():
    (t,) = tables_of(PDFTOTEXT_SUMMARY)
    got = {(c.row_label, c.row_path) for c in t.cells}
    assert ("一般公共预算资金", "财政拨款收入") in got
    assert ("公共安全支出", "") in got and ("城乡社区支出", "") in got and ("收入总计", "") in got


def _entry(raw, value, code=None):
    cell = RawCell(value, 0, len(value)) if value else None
    return RowEntry(raw, raw.split("、")[-1].split("：")[-1], code, (cell,))


def test_blank_labels_get_no_path_and_do_not_break_groups():
    rows = [_entry("一、本年收入", "10.00"), _entry("", ""), _entry("一般公共预算拨款收入", "10.00")]
    assert row_paths(rows) == ["", "", "本年收入"]


def test_percent_columns_are_not_summed():
    rows = [_entry("一、本年收入", "100%"), _entry("一般公共预算拨款收入", "100%")]
    assert row_paths(rows) == ["", ""]


_RAWS = ["一、本年收入", "二、上年结转", "（一）财政拨款", "(二)事业收入", "1.一般公共预算资金", "（1）办公费", "其中：人员经费",
         "一般公共预算拨款收入", "卫生健康支出", "合计", "收入总计", "本年收入合计", ""]
_VALUES = ["", "0.00", "10.00", "5.00", "15.00", "100%", "-", "3,688.46"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_RAWS), st.sampled_from(_VALUES), st.sampled_from([None, None, "210", "21015", "2101501"])), max_size=15))
def test_paths_name_only_earlier_rows_and_totals_stand_alone(rows):
    from extract.tables.codes import clean_label

    entries = [RowEntry(raw, clean_label(raw)[0], code, (RawCell(v, 0, len(v)) if v else None,)) for raw, v, code in rows]
    got = row_paths(entries)
    assert len(got) == len(entries)
    for i, (e, p) in enumerate(zip(entries, got, strict=True)):
        earlier = {x.label for x in entries[:i]}
        assert all(part in earlier for part in p.split(" > ") if p)
        if not e.label or e.label in ("合计", "收入总计", "本年收入合计"):
            assert p == ""
