"""Table parsing per layout, on small real-shaped fixtures; bad tables never crash or invent cells."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.layout import parse_layout
from extract.normalize import normalize
from extract.tables import Table, parse_number, parse_tables, parse_target, project_of


def tables_of(text):
    return parse_tables(parse_layout(normalize(text)).blocks, doc_id="d")


def cells(t):
    return [(c.row_label, c.code, c.column, c.value) for c in t.cells]


TAB = (
    "一般公共预算支出表\n\n单位：万元\n\n"
    "科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出\n"
    "\t\t\t小计\t人员经费\t公用经费\t\n"
    "\t合计\t929.84\t111.84\t101.13\t10.70\t818.00\n"
    "210\t卫生健康支出\t929.84\t111.84\t101.13\t10.70\t818.00\n"
    "2101501\t行政运行\t111.56\t111.56\t100.86\t10.70\t0.00\n"
)


def test_tab_layout_with_merged_header():
    (t,) = tables_of(TAB)
    assert (t.title, t.unit, t.layout) == ("一般公共预算支出表", "万元", "tab")
    assert t.columns == ["合计", "基本支出 > 小计", "基本支出 > 人员经费", "基本支出 > 公用经费", "项目支出"]
    assert cells(t)[:2] == [("合计", None, "合计", 929.84), ("合计", None, "基本支出 > 小计", 111.84)]
    assert ("行政运行", "2101501", "基本支出 > 公用经费", 10.7) in cells(t)
    assert t.cells[0].is_total and not t.cells[-1].is_total


def test_cell_span_points_to_original_text():
    (t,) = tables_of(TAB)
    c = [c for c in t.cells if c.row_label == "卫生健康支出"][0]
    assert TAB[c.span[0] : c.span[1]] == "929.84"


def test_split_class_codes_and_bare_kuan():
    text = (
        "部门支出总表\n\n单位：万元\n\n"
        "科目编码\t\t\t单位代码\t单位名称（科目）\t合计\n"
        "类\t款\t项\t\t\t\n"
        "208\t05\t05\t322001\t机关事业单位基本养老保险缴费支出\t49.98\n"
        "210\t\t\t\t卫生健康支出\t1,800.38\n"
        "\t15\t\t\t医疗保障管理事务\t1,800.38\n"
    )
    (t,) = tables_of(text)
    assert [(c.row_label, c.code, c.value) for c in t.cells] == [
        ("机关事业单位基本养老保险缴费支出", "2080505", 49.98),
        ("卫生健康支出", "210", 1800.38),
        ("医疗保障管理事务", "21015", 1800.38),
    ]


def test_two_sided_income_expenditure_table():
    text = (
        "部门收支总表\n\n金额单位：万元\n\n"
        "收 入\t\t支 出\t\n"
        "项 目\t预算数\t项 目\t预算数\n"
        "一、一般公共预算拨款收入\t3,688.46\t一、一般公共服务支出\t\n"
        "\t\t八、社会保障和就业支出\t49.98\n"
        "收入总计\t4,695.70\t支出总计\t4,695.70\n"
    )
    (t,) = tables_of(text)
    assert cells(t) == [
        ("一般公共预算拨款收入", None, "收入 > 预算数", 3688.46),
        ("社会保障和就业支出", None, "支出 > 预算数", 49.98),
        ("收入总计", None, "收入 > 预算数", 4695.7),
        ("支出总计", None, "支出 > 预算数", 4695.7),
    ]


def test_markdown_pipe_layout():
    text = "## 部门收入总表\n\n单位：万元\n\n| 项目 | 合计 | 上年结转 |\n|---|---|---|\n| 合计 | 4,695.70 | 1,007.24 |\n| 苍溪县医疗保障局 | 4,695.70 | 1,007.24 |\n"
    (t,) = tables_of(text)
    assert t.layout == "pipe"
    assert cells(t)[:2] == [("合计", None, "合计", 4695.7), ("合计", None, "上年结转", 1007.24)]


def test_one_cell_per_line_form_and_targets():
    text = (
        "预算绩效情况说明\n\n"
        "\t2023年部门整体支出绩效目标表\n\n\t部门名称\n\t青云谱区医疗保障局\n\n"
        "\t联系人\n\t何倩倩\n\t联系电话\n\t88460228\n\n"
        "\t当年预算情况（万元）\n\n\t收入预算合计\n\t271.33\n\t其中：上级财政拨款\n\t\n\n"
        "\t一级指标\n\t二级指标\n\t三级指标\n\t目标值\n\n"
        "\t产出指标\n\t数量指标\n\t媒体宣传报送数量\n\t>=15篇\n\n"
        "\t\n\t\n\t发放宣传册数量\n\t>=5000册\n\n"
        "\t\n\t质量指标\n\t医保宣传能力\n\t有所提高\n\n"
        "二、说明\n"
    )
    (t,) = tables_of(text)
    assert t.layout == "cell-line"
    assert cells(t) == [("收入预算合计", None, "当年预算情况（万元）", 271.33)]  # the phone number is no cell
    assert t.cells[0].unit is None  # the table has no 单位 line; 万元 only names the section
    inds = [(i.level1, i.level2, i.indicator, i.comparator, i.value, i.unit) for i in t.indicators]
    assert inds == [
        ("产出指标", "数量指标", "媒体宣传报送数量", "≥", 15.0, "篇"),
        ("产出指标", "数量指标", "发放宣传册数量", "≥", 5000.0, "册"),
        ("产出指标", "质量指标", "医保宣传能力", "定性", None, None),
    ]


def test_pdftotext_aligned_table():
    text = (
        "                 2024年部门支出预算总表\n"
        "编制部门：上海市普陀区人民政府万里街道办事处                      单位：元\n"
        "\n"
        "                   项目                                     支出预算\n"
        "功能分类科目编码\n"
        "                       功能分类科目名称        合计          基本支出          项目支出\n"
        "类     款    项\n"
        "\n"
        "201             一般公共服务支出              2,932,700            0       2,932,700\n"
        "\n"
        "201   05        统计信息事务                  257,700            0         257,700\n"
        "\n"
        "201   05   07   专项普查活动                  257,700            0         257,700\n"
    )
    (t,) = tables_of(text)
    assert (t.title, t.unit, t.layout) == ("2024年部门支出预算总表", "元", "aligned")
    assert [c.code for c in t.cells[::3]] == ["201", "20105", "2010507"]
    assert [c.row_label for c in t.cells[::3]] == ["一般公共服务支出", "统计信息事务", "专项普查活动"]
    assert [c.value for c in t.cells[:3]] == [2932700.0, 0.0, 2932700.0]
    assert t.columns[-1].endswith("项目支出") and t.columns[0].endswith("合计")


def test_empty_table_is_recorded_with_its_note():
    text = "政府性基金预算支出预算表\n\n部门：某局\n\n金额单位：万元\n\n科目编码\t\t\t单位名称\t合计\t基本支出\n类\t款\t项\t\t\t\n\t\t\t合 计\t\t\n\n空表说明：无此项内容。\n"
    (t,) = tables_of(text)
    assert t.empty and t.cells == [] and "无此项内容" in (t.note or "")


@pytest.mark.parametrize(
    "text",
    [
        "表1\n\n项目\t金额\n",  # a header only
        "某表\n\na\tb\tc\n1\t2\n3\n\t\t\t\t\t\n",  # ragged rows
        "某表\n\n项目\t金额\n很长的标签被\n包到下一行\t12.5\n",  # wrapped label
        "\t\n\t\n\t\n",  # blank cells only
        "某表\n\n|a|b|\n|--|--|\n|x|\n",  # ragged pipe row
    ],
)
def test_bad_tables_never_crash_or_invent(text):
    tables = tables_of(text)
    numbers_in_text = {float(x) for x in __import__("re").findall(r"\d+(?:\.\d+)?", text)}
    for t in tables:
        for c in t.cells:
            assert c.value in numbers_in_text


@pytest.mark.parametrize(
    "target, expected",
    [
        ("≥90%", ("≥", 90.0, "%")),
        (">=15篇", ("≥", 15.0, "篇")),
        ("=4台", ("=", 4.0, "台")),
        ("≤55.56万元", ("≤", 55.56, "万元")),
        ("<=20万", ("≤", 20.0, "万")),
        ("100", ("=", 100.0, None)),
        ("有所提高", ("定性", None, None)),
        ("及时", ("定性", None, None)),
    ],
)
def test_parse_target(target, expected):
    assert parse_target(target) == expected


@given(st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False))
def test_number_cells_round_trip(d):
    assert parse_number(f"{d:,.2f}") == pytest.approx(float(d))
    assert parse_number(f"{d:.2f}") == pytest.approx(float(d))


@pytest.mark.parametrize("text", ["", "-", "—", "合计", "2024-1-1", "W060701"])
def test_non_numbers(text):
    assert parse_number(text) is None


PROCUREMENT_ALIGNED = (
    "                        2019年政府采购预算表\n"
    "部门：某厅                                                    单位：万元\n"
    "\n"
    "采购品目大类         专项名称           经济科目    采购物品名称        采购组织形    总计\n"
    "                                                      式\n"
    "合计                                                             1,422.50\n"
    "\n"
    "一、货物A                                                             84.00\n"
    "\n"
    "          机要及电子政务业务费    办公设备购置                                    30.00\n"
    "\n"
    "                                     小型机            分散自行组织         2.00\n"
)


def test_label_column_headers_do_not_name_value_columns():
    """采购品目大类 … 采购组织形式 name text columns; the one value column is 总计, even though
    pdftotext prints the header wider than the rows and wraps 采购组织形 / 式 away from its head."""
    (t,) = tables_of(PROCUREMENT_ALIGNED)
    assert t.columns == ["总计"]
    assert {c.column for c in t.cells} == {"总计"}
    assert [c.row_label for c in t.cells][:2] == ["合计", "货物A"]


def test_coded_label_column_is_the_row_label():
    """Procurement rows name unit, project, 品目, function and economic class; the economic class,
    the coded column nearest the values, labels the row and gives its code."""
    text = (
        "政府采购预算表\n\n"
        "单位名称\t项目\t政府采购品目\t功能科目\t部门支出经济分类\t采购数量\t采购金额\n"
        "合计\t\t\t\t\t2\t28000\n"
        "某局本级\t工作经费\t[C0803]审计服务\t[2101502]一般行政管理事务\t[30227]委托业务费\t1\t18000\n"
        "某局本级\t工作经费\t[A090101]复印纸\t[2101502]一般行政管理事务\t[30201]办公费\t1\t10000\n"
    )
    (t,) = tables_of(text)
    assert [(c.row_label, c.code) for c in t.cells[::2]] == [("合计", None), ("委托业务费", "30227"), ("办公费", "30201")]


THREE_SIDED = (
    "                                                收支预算总表\n"
    "部门：某厅                                                                      单位：万元\n"
    "                收入                                                         支出\n"
    "                                                         功能分类                                 支出用途\n"
    "        项目名称              金额\n"
    "                                               功能科目名称              金额                  项目名称          金额\n"
    "一、财政拨款                         18,330.37 一、一般公共服务支出                     13,907.78 一、基本支出                  9,312.90\n"
    " 1.一般公共预算                      18,330.37 二、外交支出                                    二、项目支出                 6,459.58\n"
    " 2.政府性基金预算                                 三、国防支出                                  三、单位预留机动经费             2,557.89\n"
    "二、财政专户管理资金                                 四、公共安全支出\n"
    "                                           五、住房保障支出                    3,301.20\n"
    "                                           六、其他支出\n"
    "       当年收入小计                  18,330.37                        当年支出小计                                18,330.37\n"
    "        收入合计                   18,330.37                         支出合计                                 18,330.37\n"
)


def test_three_sided_table_each_side_has_its_labels_and_header():
    """收入 | 支出·功能分类 | 支出·支出用途: the third side's few rows still make it a side (its
    text follows a value on the same line); 支出 over two sides names both; a side's total
    printed in the block before it keeps its label."""
    (t,) = tables_of(THREE_SIDED)
    assert t.columns == ["收入 > 金额", "支出 > 功能分类 > 金额", "支出 > 支出用途 > 金额"]
    got = {(c.row_label, c.column, c.value) for c in t.cells}
    assert ("基本支出", "支出 > 支出用途 > 金额", 9312.9) in got
    assert ("一般公共服务支出", "支出 > 功能分类 > 金额", 13907.78) in got
    assert ("住房保障支出", "支出 > 功能分类 > 金额", 3301.2) in got
    assert ("当年支出小计", "支出 > 支出用途 > 金额", 18330.37) in got
    assert ("一般公共预算", "收入 > 金额", 18330.37) in got


WRAPPED_LABELS = (
    "                    政府采购预算表\n"
    "部门：某厅                                   单位：万元\n"
    "\n"
    "采购品目大类     专项名称        采购物品名称        采购组织形式   总计\n"
    "\n"
    "合计                                                      100.00\n"
    "\n"
    "一、货物A                                                  60.00\n"
    "\n"
    "                              台式计算机（20万以下）   分散自行组织       12.00\n"
    "\n"
    "                              便携式计算机（20万以下） 分散自行组织       14.00\n"
    "\n"
    "                              其他办公消耗用品及类似物\n"
    "                                                  分散自行组织           4.50\n"
    "                              品\n"
    "          江苏省第十三届人代会\n"
    "                                                             30.00\n"
    "          二次会议经费\n"
    "\n"
    "                              会议服务          分散自行组织       30.00\n"
)


def test_wrapped_and_run_together_labels_in_aligned_tables():
    (t,) = tables_of(WRAPPED_LABELS)
    labels = [c.row_label for c in t.cells]
    assert labels == ["合计", "货物A", "台式计算机（20万以下）", "便携式计算机（20万以下）", "其他办公消耗用品及类似物品", "江苏省第十三届人代会二次会议经费", "会议服务"]
    assert {c.column for c in t.cells} == {"总计"}


def test_label_going_on_under_itself():
    text = (
        "                    部门支出预算表\n"
        "单位：元\n"
        "\n"
        "   科目名称                                合计\n"
        "201             一般公共服务支出              2,932,700\n"
        "201   03   99   其他政府办公厅（室）及相关机构事   20,120,000.00\n"
        "                务支出\n"
        "208             社会保障和就业支出           4,213,779.28\n"
        "208   05        行政事业单位养老支出          4,213,779.28\n"
        "                其他\n"
    )
    (t,) = tables_of(text)
    assert [c.row_label for c in t.cells] == ["一般公共服务支出", "其他政府办公厅（室）及相关机构事务支出", "社会保障和就业支出", "行政事业单位养老支出"]


def test_tall_leaf_headers_beside_a_parent():
    """合计 | 因公出国(境)费 | 公务接待费 span two header lines and print above the leaf line of
    公务用车购置及运行费 > 小计 | 购置费 | 运行费; none of them is a parent."""
    text = (
        "                       部门“三公”经费和机关运行经费预算表\n"
        "编制部门：某街道办事处                                                              单位:万元\n"
        "\n"
        "                               2024年“三公”经费预算数\n"
        "\n"
        "                                                                                2024年机关运行经\n"
        "                                                  公务用车购置及运行费\n"
        "                                                                                    费预算数\n"
        "   合计           因公出国(境)费       公务接待费\n"
        "                                          小计           购置费        运行费\n"
        "\n"
        "\n"
        "\n"
        "        47.91              0       1.35        46.56         25         21.56         443.18\n"
    )
    (t,) = tables_of(text)
    top = "2024年“三公”经费预算数"
    assert t.columns == [
        f"{top} > 合计",
        f"{top} > 因公出国(境)费",
        f"{top} > 公务接待费",
        f"{top} > 公务用车购置及运行费 > 小计",
        f"{top} > 公务用车购置及运行费 > 购置费",
        f"{top} > 公务用车购置及运行费 > 运行费",
        "2024年机关运行经费预算数",
    ]


def test_subitem_prefix_is_not_part_of_the_label():
    text = "项目资金表\n\n项目\t金额\n资金总额\t20\n其中:财政拨款\t20\n"
    (t,) = tables_of(text)
    assert [c.row_label for c in t.cells] == ["资金总额", "财政拨款"]


SPARSE_MIDDLE_SIDE = (
    "                             收支预算总表\n"
    "部门名称：某法院                                                     单位:万元\n"
    "          收入                                   支出\n"
    "\n"
    "                              功能分类                      支出用途\n"
    "    项目名称         金额\n"
    "                             功能科目名称         金额          项目名称         金额\n"
    "\n"
    " 一、财政拨款        37,188.34   一、一般公共服务支出                 一、基本支出       21,968.00\n"
    "\n"
    "   1.一般公共预算    37,188.34   二、外交支出                     二、项目支出       10,208.94\n"
    "\n"
    "   2.政府性基金预算               三、国防支出                     三、单位预留机动经费    5,011.40\n"
    "\n"
    " 二、财政专户管理资金                四、公共安全支出       27,488.23\n"
    " 三、其他资金                    五、教育支出\n"
    "                           八、社会保障和就业支出     2,355.65\n"
    "                           九、卫生健康支出\n"
    "                           十八、住房保障支出       7,344.46\n"
    "                                     8\n"
    "   当年收入小计      37,188.34                 当年支出小计                    37,188.34\n"
)


def test_side_whose_values_never_share_a_line_with_all_others():
    """No line has all three values (功能分类 amounts stand on lines where 支出用途 has none): the
    middle column comes from values far from both known columns; 功能分类 | 支出用途 under 支出
    name its two sides in order; the page number 8 is no cell."""
    (t,) = tables_of(SPARSE_MIDDLE_SIDE)
    assert t.columns == ["收入 > 金额", "支出 > 功能分类 > 金额", "支出 > 支出用途 > 金额"]
    got = {(c.row_label, c.column, c.value) for c in t.cells}
    assert ("公共安全支出", "支出 > 功能分类 > 金额", 27488.23) in got
    assert ("社会保障和就业支出", "支出 > 功能分类 > 金额", 2355.65) in got
    assert ("基本支出", "支出 > 支出用途 > 金额", 21968.0) in got
    assert 8.0 not in {c.value for c in t.cells}


def test_money_column_of_a_target_table_gives_cells():
    text = (
        "部门预算项目支出绩效目标表\n\n金额单位：万元\n\n"
        "单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\n"
        "322-某局部门\t\t3,241.90\t\t\t\t\t\t\t\n"
        "322001-某局\t党组织活动经费\t1.41\t保障运转\t产出指标\t质量指标\t预算编制准确率\t=\t100\t%\n"
    )
    (t,) = tables_of(text)
    assert cells(t) == [("322-某局部门", None, "预算数", 3241.9), ("党组织活动经费", None, "预算数", 1.41)]
    assert [(i.indicator, i.value) for i in t.indicators] == [("预算编制准确率", 100.0)]


def test_key_value_form_with_sums_written_with_their_unit():
    text = (
        "某项目支出绩效目标表\n\n"
        "项目名称\t城乡医疗救助\t\t\t\n"
        "主管部门及编码\t[009015]某局\t实施单位\t某局\t\n"
        "实施时间与范围\t2022 年\t\t\t\n"
        "项目资金\t资金总额:\t788 万元\t当年资金总额:\t788 万元\n"
        "\t其中: 财政拨款\t788 万元\t其中: 当年财政拨款\t788 万元\n"
        "\t其他资金\t0\t当年其他资金\t0\n"
    )
    (t,) = tables_of(text)
    assert cells(t) == [
        ("资金总额", None, "项目资金", 788.0),
        ("当年资金总额", None, "项目资金", 788.0),
        ("财政拨款", None, "项目资金", 788.0),
        ("当年财政拨款", None, "项目资金", 788.0),
        ("其他资金", None, "项目资金", 0.0),
        ("当年其他资金", None, "项目资金", 0.0),
    ]
    c = t.cells[0]
    assert text[c.span[0] : c.span[1]] == "788"


def test_grid_inside_a_form_and_rows_shifted_by_the_export():
    text = (
        "某局整体支出绩效目标表\n\n"
        "部门名称\t某局\t\t\t\t\t\t\n"
        "填报人\t某人\t联系电话\t86861667\t\t\t\t\n"
        "部门总体资金情况 (万元)\t总体资金情况\t\t\t当年预算收支\t占比\t近两年收支情况\t\n"
        "\t\t\t\t\t\t2020 年\t2021 年\n"
        "\t收入构成\t财政拨款\t\t929.84\t100%\t445.23\t662.62\n"
        "\t支出构成\t基本支出\t\t111.84\t12.03%\t82.78\t86.45\n"
        "项目支出\t\t818\t87.97%\t362.45\t576.17\t\t\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t检查覆盖率\t100%\n"
    )
    (t,) = tables_of(text)
    got = cells(t)
    assert ("财政拨款", None, "近两年收支情况 > 2021年", 662.62) in got
    assert ("项目支出", None, "当年预算收支", 818.0) in got
    assert ("项目支出", None, "占比", 87.97) in got
    assert all(c[3] != 86861667 for c in got)
    assert [i.indicator for i in t.indicators] == ["检查覆盖率"]


DRIFTED_STACKED_HEADER = (
    "                                 2025年预算单位财务收支预算总表\n"
    "编制单位：某办公室                                                                              单位：元\n"
    "\n"
    "          本年收入                                               本年支出\n"
    "\n"
    "                                                                        预算数\n"
    "\n"
    "    项目             预算数               项目                                基本支出\n"
    "                                                  合计                                         项目支出\n"
    "                                                               人员经费           公用经费\n"
    "\n"
    "一、财政拨款收入         91,016,775.35 一、一般公共服务支出    82,096,797.42   13,819,399.88    1,867,397.54 66,410,000.00\n"
    "\n"
    "1、一般公共预算资金       91,016,775.35 二、社会保障和就业支出    4,213,779.28    3,948,399.28     265,380.00\n"
    "\n"
    "2、政府性基金                          三、卫生健康支出     1,097,073.43    1,097,073.43\n"
)


def test_stacked_header_printed_far_left_of_its_columns():
    """pdftotext prints the expenditure header ~15 columns left of its values: the leaves in
    order (合计 | 人员经费 | 公用经费 | 项目支出) place the leaf line, and of the two lone parents
    over 人员经费 | 公用经费 the upper one (预算数) spans the side."""
    (t,) = tables_of(DRIFTED_STACKED_HEADER)
    assert t.columns == [
        "本年收入 > 预算数",
        "本年支出 > 预算数 > 合计",
        "本年支出 > 预算数 > 基本支出 > 人员经费",
        "本年支出 > 预算数 > 基本支出 > 公用经费",
        "本年支出 > 预算数 > 项目支出",
    ]


def test_header_naming_more_columns_than_the_rows_fill():
    """公务用车购置及运行费 > 小计 | 购置费 | 运行费 are all blank: the four values take the
    header's own columns that fit them, in order (合计, 因公出国(境)费, 公务接待费, and the tall
    机关运行经费预算 / 数 that has no parent)."""
    text = (
        "                  2025年部门“三公”经费和机关运行经费预算表\n"
        "编制部门：某办公室                                              单位:万元\n"
        "\n"
        "                            “三公”经费预算数\n"
        "\n"
        "                                                             机关运行经费预算\n"
        "                                          公务用车购置及运行费\n"
        "                                                                 数\n"
        "   合计        因公出国(境)费     公务接待费\n"
        "                                     小计      购置费       运行费\n"
        "\n"
        "\n"
        "\n"
        "    867.50       839.00      28.50                                213.28\n"
    )
    (t,) = tables_of(text)
    top = "“三公”经费预算数"
    assert t.columns == [f"{top} > 合计", f"{top} > 因公出国(境)费", f"{top} > 公务接待费", "机关运行经费预算数"]
    assert [c.value for c in t.cells] == [867.5, 839.0, 28.5, 213.28]


def test_parent_printed_one_cell_early_moves_to_its_subtotal():
    text = (
        "收入总表\n\n单位：万元\n\n"
        "单位名称\t合计\t本年收入\t\t\t上年结转结余\t\n"
        "\t\t小计\t一般公共预算\t其他收入\t小计\t一般公共预算\n"
        "合计\t10\t8\t6\t2\t2\t2\n"
    )
    (t,) = tables_of(text)
    assert t.columns == ["合计", "本年收入 > 小计", "本年收入 > 一般公共预算", "本年收入 > 其他收入", "上年结转结余 > 小计", "上年结转结余 > 一般公共预算"]


def test_row_named_by_its_deepest_name_not_an_attribute():
    """专项名称 | 经济科目 rows take the 经济科目; 物品名称 | 采购组织形式 rows take the item."""
    text = (
        "                    政府采购支出预算表\n"
        "部门名称：某法院                                          单位：万元\n"
        "采购品目大类   专项名称         经济科目         采购物品名称      采购组织形式    总计\n"
        "合计                                                       5,227.59\n"
        "一、货物 A                                                   1,637.72\n"
        "          设备购置费     办公设备购置                                 653.22\n"
        "                                  其他办公设备       分散自行组织      153.22\n"
        "                                  其他通用设备       政府集中采购      500.00\n"
        "          审判专项业务费   印刷费                                      9.00\n"
        "                                  印刷品          分散自行组织        4.00\n"
        "                                                  部门集中采购        5.00\n"
    )
    (t,) = tables_of(text)
    assert [c.row_label for c in t.cells] == ["合计", "货物A", "办公设备购置", "其他办公设备", "其他通用设备", "印刷费", "印刷品", "印刷品"]


def test_amount_alone_on_its_line_takes_the_label_above():
    text = (
        "                                收入预算总表\n"
        "部门名称：某法院                                                      单位：万元\n"
        "                            项目名称                                   金额\n"
        "\n"
        "                            收入总计                                     37,188.34\n"
        "\n"
        "                           小计\n"
        "                                                                     37,188.34\n"
        "   一般公共预算资金                公共财政拨款（补助）资金\n"
        "                                                                     37,188.34\n"
        "                           专项收入\n"
        "\n"
        "     政府性基金                 小计\n"
    )
    (t,) = tables_of(text)
    assert [(c.row_label, c.value) for c in t.cells] == [("收入总计", 37188.34), ("小计", 37188.34), ("公共财政拨款（补助）资金", 37188.34)]


_WORDS = ["合计", "小计", "基本支出", "项目支出", "一般公共服务支出", "分散自行组织", "公务接待费", "其他资金", "财政拨款", "其中：人员经费", "费", "预算数"]
_NUMS = ["0", "0.00", "12.50", "1,234.56", "788 万元", "100%", "-3.2", "2019", "8"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(_WORDS + _NUMS + [""]), st.integers(min_value=1, max_value=12)), min_size=1, max_size=7),
        min_size=1,
        max_size=14,
    ),
    st.booleans(),
)
def test_random_tables_never_crash_and_cells_point_at_their_numbers(rows, tabs):
    """Any layout of labels and numbers (pdftotext spacing or tabs): parsing never fails, and
    every cell's span holds the number it reports."""
    sep = "\t" if tabs else " "
    lines = ["某某预算表", "单位：万元", ""]
    for r in rows:
        lines.append("".join((sep if tabs else sep * gap) + word for word, gap in r))
    text = "\n".join(lines) + "\n"
    for t in tables_of(text):
        for c in t.cells:
            surface = text[c.span[0] : c.span[1]]
            assert parse_number(surface) == pytest.approx(c.value), (surface, c)


def _widen(text: str) -> str:
    return __import__("re").sub(r"(?<=\S)( {2,})(?=\S)", lambda m: m.group(1) + " ", text)


def _narrow(text: str) -> str:
    return __import__("re").sub(r"(?<=\S)( {3,})(?=\S)", lambda m: m.group(1)[:-1], text)


@pytest.mark.parametrize("fixture", ["THREE_SIDED", "SPARSE_MIDDLE_SIDE", "DRIFTED_STACKED_HEADER", "WRAPPED_LABELS", "PROCUREMENT_ALIGNED"])
@pytest.mark.parametrize("respace", [_widen, _narrow])
def test_pdftotext_spacing_changes_do_not_change_cells(fixture, respace):
    """Another pdftotext version or page width prints the gaps a column wider or narrower."""
    text = globals()[fixture]
    key = [(c.row_label, c.column, c.value) for t in tables_of(text) for c in t.cells]
    assert key and [(c.row_label, c.column, c.value) for t in tables_of(respace(text)) for c in t.cells] == key


def test_grid_printing_units_in_its_cells_is_not_a_form():
    text = "项目支出表\n\n项目名称\t金额\t备注\n合计\t30万元\t\n办公费\t10万元\t\n印刷费\t20万元\t\n"
    (t,) = tables_of(text)
    assert {c.column for c in t.cells} <= {"金额"}


def test_header_names_one_space_apart_are_two_columns():
    text = (
        "                    某支出表\n"
        "单位：万元\n"
        "\n"
        "  项目          合计     公务用车购置 公务用车运行\n"
        "\n"
        "  合计          30.00        10.00        20.00\n"
        "  某局          30.00        10.00        20.00\n"
    )
    (t,) = tables_of(text)
    assert t.columns == ["合计", "公务用车购置", "公务用车运行"]


def test_form_caption_row_over_one_line_of_numbers():
    text = (
        "部门整体支出绩效目标表\n\n"
        "部门名称\t\t某局\t\t\t\n"
        "\t年度部门整体支出预算\t\t资金总额\t财政拨款\t其他资金\n"
        "\t\t4,695.70\t4,695.70\t0.00\t\n"
        "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值(包含数字及文字描述)\t\n"
        "\t产出指标\t数量指标\t参保率\t≥95%\t\n"
    )
    (t,) = tables_of(text)
    assert cells(t) == [
        ("年度部门整体支出预算", None, "资金总额", 4695.7),
        ("年度部门整体支出预算", None, "财政拨款", 4695.7),
        ("年度部门整体支出预算", None, "其他资金", 0.0),
    ]


# 当年 > 一般公共预算拨款 is followed by two columns the header never names (the export dropped
# the third level 基本支出 | 项目支出) and 上年结转安排 is printed one cell early, over the blank
UNPRINTED = (
    "财政拨款支出预算表\n\n单位：万元\n\n"
    "科目名称\t总计\t当年财政拨款安排\t\t\t上年结转安排\t\n"
    "\t\t合计\t一般公共预算拨款\t\t\t合计\t一般公共预算拨款\n"
    "合计\t{}\n"
    "工资福利支出\t{}\n"
    "商品和服务支出\t{}\n"
)


def test_unprinted_third_level_is_named_from_the_sums():
    rows = ("110\t100\t100\t60\t40\t10\t10", "70\t60\t60\t60\t\t10\t10", "40\t40\t40\t\t40\t\t")
    (t,) = tables_of(UNPRINTED.format(*rows))
    g = "当年财政拨款安排 > 一般公共预算拨款"
    assert t.columns == ["总计", "当年财政拨款安排 > 合计", g, f"{g} > 基本支出", f"{g} > 项目支出", "上年结转安排 > 合计", "上年结转安排 > 一般公共预算拨款"]
    assert ("合计", None, f"{g} > 项目支出", 40.0) in cells(t)
    assert ("合计", None, "上年结转安排 > 合计", 10.0) in cells(t)  # not shifted under the early parent


def test_unprinted_columns_stay_unnamed_when_the_sums_do_not_hold():
    rows = ("110\t100\t100\t60\t30\t10\t10", "70\t60\t60\t50\t\t10\t10", "40\t40\t40\t\t40\t\t")
    (t,) = tables_of(UNPRINTED.format(*rows))
    assert t.columns == ["总计", "当年财政拨款安排 > 合计", "当年财政拨款安排 > 一般公共预算拨款", "列5", "列6", "上年结转安排 > 合计", "上年结转安排 > 一般公共预算拨款"]
    assert not any("基本支出" in c or "项目支出" in c for c in t.columns)


def test_unprinted_split_needs_its_kind_of_column():
    """合计 = two unnamed columns in an income table, or in a table of 基本支出 alone: no
    基本支出/项目支出 names there."""
    text = (
        "部门收入总表\n\n单位：万元\n\n"
        "单位名称\t合计\t\t\n"
        "合计\t10\t6\t4\n"
        "某局\t10\t6\t4\n"
    )
    (t,) = tables_of(text)
    assert t.columns == ["合计", "列3", "列4"]
    (t,) = tables_of(text.replace("部门收入总表", "一般公共预算基本支出预算表"))  # 人员经费 + 公用经费
    assert t.columns == ["合计", "列3", "列4"]


def test_printed_third_level_is_unchanged():
    text = (
        "财政拨款支出预算表\n\n单位：万元\n\n"
        "科目名称\t总计\t当年财政拨款安排\t\t\t\n"
        "\t\t合计\t一般公共预算拨款\t\t\n"
        "\t\t\t小计\t基本支出\t项目支出\n"
        "合计\t100\t100\t100\t60\t40\n"
        "工资福利支出\t60\t60\t60\t60\t\n"
        "商品和服务支出\t40\t40\t40\t\t40\n"
    )
    (t,) = tables_of(text)
    g = "当年财政拨款安排 > 一般公共预算拨款"
    assert t.columns == ["总计", "当年财政拨款安排 > 合计", f"{g} > 小计", f"{g} > 基本支出", f"{g} > 项目支出"]
    assert ("合计", None, f"{g} > 项目支出", 40.0) in cells(t)


def test_row_printing_its_parts_one_cell_late_is_moved_back():
    """2.35 | | 0.77 | 1.58: the parts of this row stand one cell right of where all other rows add up."""
    adding_up = "".join(f"费用{k}\t{k + 3}.00\t{k + 3}.00\t{k}.00\t3.00\t\n" for k in range(1, 10))
    text = (
        "财政拨款支出预算表\n\n单位：万元\n\n"
        "科目名称\t合计\t一般公共预算拨款\t\t\t其他\n"
        f"{adding_up}"
        "印刷费\t2.35\t2.35\t\t0.77\t1.58\n"
    )
    (t,) = tables_of(text)
    g = "一般公共预算拨款"
    assert ("印刷费", None, f"{g} > 基本支出", 0.77) in cells(t)
    assert ("印刷费", None, f"{g} > 项目支出", 1.58) in cells(t)
    assert not any(c.column == "其他" for c in t.cells)


def test_unprinted_third_level_in_a_pdftotext_table():
    text = (
        "                    财政拨款支出预算表\n"
        "单位：万元\n"
        "\n"
        "  项目            合计     一般公共预算拨款\n"
        "\n"
        "  合计          110.00     100.00      60.00      40.00\n"
        "  工资福利支出   70.00      60.00      60.00\n"
        "  商品和服务支出 40.00      40.00                 40.00\n"
    )
    (t,) = tables_of(text)
    assert t.columns == ["合计", "一般公共预算拨款", "一般公共预算拨款 > 基本支出", "一般公共预算拨款 > 项目支出"]
    assert ("商品和服务支出", None, "一般公共预算拨款 > 项目支出", 40.0) in cells(t)


@pytest.mark.parametrize(
    ("header", "rows", "expected"),
    [
        ([["基本信息"], ["项目名称：", "基层医保能力建设经费项目", "项目编码：", ""]], [], "基层医保能力建设经费项目"),
        ([["项目名称", "医疗救助资金项目"]], [], "医疗救助资金项目"),
        ([["单位名称", "某局"]], [["项目名称:", "城乡居民医保补助"]], "城乡居民医保补助"),
        ([["项目", "预算数"]], [], None),
        ([["项目名称：", ""]], [], None),  # the key with its value left blank
    ],
)
def test_project_of_reads_the_form_when_no_indicator_was_read(header, rows, expected):
    from extract.records import RawCell, RawLine

    raw = [RawLine([RawCell(x, 0, 0) for x in r], i, "".join(r)) for i, r in enumerate(rows)]
    assert project_of(Table(table_id="t1", title="项目支出绩效目标表", unit=None, layout="tab", header=header, rows=raw)) == expected


def test_project_of_a_target_table_comes_from_its_form():
    text = (
        "项目支出绩效目标表\n\n项目名称\t居民医疗保险经费项目\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t参保人数\t≥1000人\n"
    )
    (t,) = tables_of(text)
    assert [i.project for i in t.indicators] == ["居民医疗保险经费项目"] and project_of(t) == "居民医疗保险经费项目"
