from __future__ import annotations

import pytest

from extract.align import align, name_similarity, project_similarity, values_agree
from extract.records import Fact, TableCell


def fact(subject, value, unit="万元", surface=None, kind="amount", section="", sentence=""):
    return Fact(doc_id="d", fact_id=f"{kind}-{value}", kind=kind, subject=subject, metric=None, value=value, unit=unit, yuan=None, direction=None,
                baseline=None, text=None, explains=None, sentence=sentence, span=(0, 1), section=section, confidence=0.9, surface=surface or str(value))


def cell(label, value, unit="万元", column="合计", title="部门收支总表", table_id="t1", start=5):
    return TableCell(doc_id="d", table_id=table_id, table_title=title, unit=unit, row_label=label, code=None, column=column, value=value,
                     span=(start, start + 4))


# (prose subject, table label, rung, similarity): one pair per rung of the name ladder, each joined
# only by that rung's key (a fuzzy ratio below the floor), so the production path needs every rule
LADDER = [
    ("卫生健康支出", "卫生健康支出", "exact", 1.0),
    ("住房公积金预算安排", "住房公积金", "exact", 1.0),  # a figure word is no part of the name
    ("因公出国（境）费", "因公出国(境)费", "exact", 1.0),
    ("部门预算支出", "部门支出", "exact", 0.98),  # the same without 预算
    ("行政运行支出", "行政运行", "prefix", 0.96),
    ("行政运行", "行政运行（医疗保障管理事务）", "prefix", 0.96),  # the table's name is the longer one
    ("一般公共预算拨款收入", "一般公共预算", "prefix", 0.96),  # a funding source through a figure word
    ("机关运行费", "公用经费", "synonym", 0.95),
    ("收入预算总额", "收入合计", "synonym", 0.95),
    ("收入预算总额", "收入总计", "synonym", 0.96),  # the 总计 row outranks a same-group 合计
    ("财政拨款收入", "一般公共预算拨款收入", "synonym", 0.95),
    ("收入总额", "收入总预算", "metric", 0.9),
    ("培训费", "培训费用", "exact", 1.0),  # 费用 is 费
    ("公用经费", "商品和服务支出", "related", 0.85),
    ("一般行政事务管理", "行政事务管理一般", "reordered", 0.88),
    ("城乡居民基本医疗保险补助经费", "城镇居民基本医疗保险补助经费", "fuzzy", 0.789),
]


@pytest.mark.parametrize(("subject", "label", "how", "sim"), LADDER)
def test_name_similarity(subject, label, how, sim):
    assert name_similarity(subject, label) == (pytest.approx(sim, abs=1e-3), how)


@pytest.mark.parametrize(("subject", "label", "how", "sim"), LADDER)
def test_each_rung_of_the_ladder_aligns_in_production(subject, label, how, sim):
    """The pair goes through `align` (candidate keys, the name table, the choice): the alignment
    says which rung matched, so a rung or a candidate key dropped from the production path shows."""
    al = align([fact(subject, 12.34)], [cell(label, 12.34)])
    assert len(al) == 1 and al[0].status == "consistent" and al[0].why.startswith(f"name {sim:.2f} ({how})")


@pytest.mark.parametrize(
    ("subject", "label"),
    [("一般公共预算安排三公经费支出预算", "一般公共预算"),  # a funding source is no prefix of an item paid from it
     ("收入预算", "收入"),  # too short to match by prefix or without 预算
     ("事务管理", "管理事务"),  # too short for swapped words
     ("医保经办激励经费", "医保经办奖励经费")],  # fuzzy, just below the floor
)
def test_names_below_the_floor_never_align_even_on_equal_values(subject, label):
    sim, how = name_similarity(subject, label)
    assert how == "fuzzy" and sim < 0.75
    assert align([fact(subject, 12.34)], [cell(label, 12.34)]) == []


def test_empty_names_are_no_match():
    assert name_similarity("2024年", "收入") == (0.0, "none")
    assert name_similarity("收入", "") == (0.0, "none")


def test_without_tables_every_amount_abstains_with_its_reason():
    from extract.align import AlignStats

    stats = AlignStats()
    # last year's figure and an amount without a subject are not counted: they have no entry to find
    assert align([fact("卫生健康支出", 1.0), fact("基本支出", 2.0), fact("上年执行数", 3.0), fact("", 4.0)], [], stats=stats) == []
    assert (stats.aligned, stats.abstained, stats.reasons) == (0, 2, {"no table entry with this name": 2})


@pytest.mark.parametrize(
    "f",
    [fact("卫生健康支出", 12.34, kind="change"),  # a change is not a table entry
     fact("卫生健康支出", 12.34, unit="%"),  # nor a share
     Fact(**{**fact("卫生健康支出", 12.34).to_dict(), "value": None, "span": (0, 1)})],
)
def test_only_money_amounts_are_aligned(f):
    assert align([f], [cell("卫生健康支出", 12.34)]) == []


def test_equal_candidates_take_the_most_specific_row():
    cells = [cell("医疗保障管理事务", 12.34, title="支出表"), cell("医疗保障管理事务", 12.34, title="支出表", table_id="t2", start=50)]
    cells[1] = TableCell(**{**cells[1].to_dict(), "code": "2101501", "span": (50, 54)})
    al = align([fact("医疗保障管理事务", 12.34)], cells)
    assert len(al) == 1 and al[0].table_id == "t2"


def test_a_table_without_unit_agrees_but_never_mismatches():
    assert align([fact("卫生健康支出", 4302.43)], [cell("卫生健康支出", 4302.44, unit=None)]) == []
    assert len(align([fact("卫生健康支出", 4302.44)], [cell("卫生健康支出", 4302.44, unit=None)])) == 1


def test_a_table_without_unit_takes_the_prose_unit_its_own_figures_state():
    # two of its cells state the prose's figures exactly under their names: its near miss is a mismatch
    cells = [cell("因公出国(境)经费", 12, unit=None), cell("公务接待费", 1356, unit=None, start=20), cell("车辆运行", 959, unit=None, start=40)]
    facts = [fact("因公出国(境)经费", 12), fact("公务接待费", 1356), fact("公务用车运行费", 958)]
    al = align(facts, cells)
    assert [(a.row_label, a.status) for a in al] == [("因公出国(境)经费", "consistent"), ("公务接待费", "consistent"), ("车辆运行", "mismatch")]
    # one agreeing figure is not enough to know the table's unit
    al = align(facts[1:], cells)
    assert [(a.row_label, a.status) for a in al] == [("公务接待费", "consistent")]


def test_two_near_misses_abstain():
    from extract.align import AlignStats

    stats = AlignStats()
    cells = [cell("卫生健康支出", 100.01), cell("卫生健康支出", 99.99, table_id="t2", start=50)]
    assert align([fact("卫生健康支出", 100.0, surface="100.00")], cells, stats=stats) == []
    assert stats.reasons == {"two near misses": 1}


def test_a_direct_name_beats_the_balanced_total_reading():
    # 收支预算总数 is itself a synonym of 收入总计; its 收入预算总数 reading (metric) must not replace it
    al = align([fact("收支预算总数", 12.34)], [cell("收入总计", 12.34)])
    assert len(al) == 1 and al[0].why.startswith("name 0.96 (synonym)")


def test_a_fact_not_naming_the_project_never_takes_its_funds_row():
    c = cell("年度资金总额", 138.8, unit=None, column="项目资金(万元)", title="项目绩效目标表", table_id="t10")
    assert align([fact("收入预算总额", 138.8, section="(一)收入预算情况")], [c], projects={"t10": "2024年医保经办激励经费、慢性病鉴定费"}) == []


@pytest.mark.parametrize(
    "fv, surface, funit, cv, cunit, agree",
    [(4302.44, "4302.44", "万元", 4302.44, "万元", True), (4302.43, "4302.43", "万元", 4302.44, "万元", False),
     (15621.11, "15621.11", "万元", 156211123, "元", True), (4695.7, "4695.7", "万元", 4695.70, "万元", True), (1.5, "1.5", "亿元", 15000, "万元", True)],
)
def test_values_agree_after_unit_and_rounding(fv, surface, funit, cv, cunit, agree):
    assert values_agree(fact("x", fv, funit, surface), cell("x", cv, cunit))[0] is agree


def test_agreeing_cell_wins_over_same_name_other_column():
    al = align([fact("基本支出", 111.84)], [cell("基本支出", 929.84, column="合计"), cell("基本支出", 111.84, column="基本支出 > 小计")])
    assert len(al) == 1 and al[0].status == "consistent" and al[0].column == "基本支出 > 小计"


def test_near_miss_is_a_mismatch_far_miss_abstains():
    assert align([fact("卫生健康支出", 4302.43)], [cell("卫生健康支出", 4302.44)])[0].status == "mismatch"
    assert align([fact("卫生健康支出", 3295.19)], [cell("卫生健康支出", 4302.44)]) == []


def test_weak_names_never_claim_a_mismatch():
    assert align([fact("公务用车运行维护费", 10.0)], [cell("公务用车购置费", 10.5)]) == []


@pytest.mark.parametrize(
    "subject, label, value",
    [("公务接待费预算支出", "公务接待费", 86.95),  # …费 with or without 预算支出
     ("机关运行费预算", "公用经费", 48.8),  # synonym, once 预算 is dropped
     ("上年结转", "上年结转", 1007.24),  # this year's carry-over income, not last year's figure
     ("拟采购货物支出", "货物A", 233.1), ("拟购买服务支出", "服务C", 2183.33), ("采购工程支出", "工程B", 530.0),  # 政府采购预算表 categories
     ("政府采购支出预算总额", "政府采购", 2416.43),
     ("政府性基金支出预算支出", "政府性基金预算财政拨款支出", 0.0), ("基本支出预算", "基本支出", 453.98),
     ("公车购置及运行维护费", "公务用车费", 38.0)],  # a 三公 table's short name of the whole vehicle item  # X支出 with or without 预算(支出)
)
def test_genre_names_align_on_equal_values(subject, label, value):
    al = align([fact(subject, value)], [cell(label, value)])
    assert len(al) == 1 and al[0].row_label == label and al[0].status == "consistent"


def test_prior_year_figures_still_skipped():
    assert align([fact("上年执行数", 1007.24)], [cell("上年执行数", 1007.24)]) == []


def test_public_funds_shown_as_goods_and_services_one_way_only():
    basic = "财政拨款基本支出预算表（经济科目）"
    # (二)公用经费1642.08万元 → the 商品和服务支出 row of the basic-expenditure table
    al = align([fact("公用经费", 1642.08)], [cell("商品和服务支出", 1642.08, column="金额", title=basic)])
    assert len(al) == 1 and al[0].row_label == "商品和服务支出"
    # a prose 商品和服务支出 is its own class: a 公用经费 cell (may hold 资本性支出) is not its entry
    assert align([fact("商品和服务支出", 48.8)], [cell("公用经费", 48.8, title="部门整体支出绩效目标表")]) == []
    # a related name never claims a mismatch
    assert align([fact("公用经费", 1642.0)], [cell("商品和服务支出", 1642.08, column="金额", title=basic)]) == []


def test_expenditure_fact_never_takes_an_income_cell():
    cells = [cell("一般公共预算", 18330.37, column="收入 > 金额", title="财政拨款收支预算总表", start=5),
             cell("合计", 18330.37, column="金额", title="一般公共预算支出预算表（功能科目）", table_id="t2", start=50)]
    al = align([fact("一般公共预算财政拨款支出预算", 18330.37)], cells)
    assert len(al) == 1 and al[0].table_title == "一般公共预算支出预算表（功能科目）"
    # 财政拨款 is in the 财政拨款收入 synonym group: an income row even without the word 收入
    assert align([fact("财政拨款支出预算总额", 1487.06)], [cell("财政拨款", 1487.06, column="当年预算情况（万元）", title="部门整体支出绩效目标表")]) == []


def test_sangong_item_wants_the_sangong_table():
    econ = cell("公务接待费", 1.35, column="一般公共预算基本支出 > 合计", title="2024年部门一般公共预算基本支出部门预算经济分类预算表")
    garbled = cell("", 1.35, column="2024年“三公”经费预算数 > 因公出国(境)费 > 小计", title="部门“三公”经费和机关运行经费预算表", table_id="t9", start=80)
    f = fact("公务接待费", 1.35, section="其他相关情况说明 > 一、2024年“三公”经费预算情况说明")
    assert align([f], [econ, garbled]) == []  # the 三公 table is there but its entry cannot be named: abstain
    good = cell("", 1.35, column="2024年“三公”经费预算数 > 公务接待费", title="部门“三公”经费和机关运行经费预算表", table_id="t9", start=80)
    al = align([f], [econ, good])
    assert len(al) == 1 and al[0].table_id == "t9"
    assert len(align([f], [econ])) == 1  # no 三公 table at all: the economic row is the only entry


def test_functional_classification_prose_prefers_the_functional_table():
    s = "2.行政事业单位离退休（款）机关事业单位基本养老保险缴费（项）支出785.06万元，与上年相比增加41.67万元。"
    cells = [cell("机关事业单位基本养老保险缴费", 785.06, column="金额", title="财政拨款基本支出预算表（经济科目）", start=5),
             cell("机关事业单位基本养老保险缴费支出", 785.06, column="金额", title="财政拨款支出预算表（功能科目）", table_id="t2", start=50)]
    al = align([fact("机关事业单位基本养老保险缴费", 785.06, sentence=s)], cells)
    assert len(al) == 1 and al[0].table_title == "财政拨款支出预算表（功能科目）"


@pytest.mark.parametrize(
    "subject, section, project",
    [("居民医疗保险项目经费", "西湖区医疗保障局项目情况说明", "居民医疗保险经费项目"),
     ("共计预算安排", "4.2024年医保经办激励经费、慢性病鉴定费", "2024年医保经办激励经费、慢性病鉴定费"),
     ("医保基金监管行政执法装备项目预算安排", "(2024年度) > 3.（上年结转）2023年医保基金监管", "医保基金监管项目"),
     ("共预算安排", "(2024年度) > 5.追加2023年一体化非税收入指标收回资金2", "追加2023年一体化非税收入指标收回资金"),
     ("加上超出预算安排", "1.2024年打击欺诈骗取医疗保障基金行为举报奖励金", "2024年打击欺诈骗取医疗保障基金行为举报奖励金项目")],
)
def test_project_named_by_subject_or_heading(subject, section, project):
    assert project_similarity(subject, section, project) >= 0.9


@pytest.mark.parametrize("subject, section", [("收入预算总额", "(一)收入预算情况"), ("医保经办经费", "7.2023医保基金经办专项经费")])
def test_other_facts_do_not_name_the_project(subject, section):
    assert project_similarity(subject, section, "2024年医保经办激励经费、慢性病鉴定费") == 0.0


def test_project_amount_finds_the_forms_funds_row():
    cells = [cell("年度资金总额", 138.8, unit=None, column="项目资金(万元)", title="项目绩效目标表", table_id="t10", start=5),
             cell("年度资金总额", 40.79, unit=None, column="项目资金(万元)", title="项目绩效目标表", table_id="t11", start=50)]
    projects = {"t10": "2024年医保经办激励经费、慢性病鉴定费", "t11": "追加2023年一体化非税收入指标收回资金"}
    f = fact("共计预算安排", 138.8, section="4.2024年医保经办激励经费、慢性病鉴定费")
    al = align([f], cells, projects=projects)
    assert len(al) == 1 and al[0].table_id == "t10" and al[0].status == "consistent"
    assert align([f], cells) == []  # without the form's 项目名称 nothing names the row


def test_table_total_named_by_the_table_whatever_its_column():
    # pdftotext put every amount of 政府采购预算表 under 采购组织形式: the 合计 row's first amount is still the total
    cells = [cell("合计", 2416.43, column="采购组织形式", title="2019年政府采购预算表", start=5),
             cell("合计", 233.1, column="采购组织形式", title="2019年政府采购预算表", start=20)]
    al = align([fact("政府采购支出预算总额", 2416.43)], cells)
    assert len(al) == 1 and al[0].cell_span == (5, 9)


def test_total_row_named_by_a_title_paid_from_two_funds():
    # 一般公共预算及政府性基金财政拨款“三公”经费支出决算表: the funds name no item, the 总计 row is the 三公 total
    title = "一、2021年度一般公共预算及政府性基金财政拨款“三公”经费支出决算表"
    cells = [cell("总计", 74.23, column="决算数 > 合计", title=title, start=5), cell("公务接待费", 2.26, column="决算数 > 合计", title=title, start=20)]
    al = align([fact("三公经费支出决算", 74.23)], cells)
    assert len(al) == 1 and al[0].cell_span == (5, 9)


def test_unit_row_total_named_by_the_table_without_its_funding_source():
    c = cell("上饶市医疗保障局", 13.3, column="合计", title="财政拨款“三公”经费支出表")
    al = align([fact("三公经费一般公共预算安排", 13.3, section="二、2024年“三公”经费预算情况说明")], [c])
    assert len(al) == 1 and al[0].row_label == "上饶市医疗保障局"


@pytest.mark.parametrize(
    "sentence, column",
    [("收入包括：一般公共预算财政拨款本年收入929.84万元、上年结转0万元；", "上年结转结余 > 一般公共预算"),
     ("政府性基金预算财政拨款本年收入0万元、上年结转0万元；", "上年结转结余 > 政府性基金预算"),
     ("国有资本经营预算财政拨款本年收入0万元、上年结转0万元。", "上年结转结余 > 国有资本经营预算")],
)
def test_funding_source_in_the_sentence_picks_its_column(sentence, column):
    title = "表2.青山区医疗保障局2022年收入总表"
    cells = [cell("上年结转结余", 0.0, column="收入 > 预算数", title="表1.青山区医疗保障局2022年收支总表", start=5)]
    cells += [cell("合计", 0.0, column=f"上年结转结余 > {s}", title=title, table_id="t2", start=20 + i * 10)
              for i, s in enumerate(["一般公共预算", "政府性基金预算", "国有资本经营预算"])]
    al = align([fact("上年结转", 0.0, sentence=sentence)], cells)
    assert len(al) == 1 and al[0].column == column


def test_swapped_words_align_only_on_equal_values():
    # 2.法院（款）一般行政事务管理（项）支出5804.83万元 — the table says 一般行政管理事务
    title = "财政拨款支出预算表（功能科目）"
    al = align([fact("一般行政事务管理", 5804.83)], [cell("一般行政管理事务", 5804.83, column="金额", title=title)])
    assert len(al) == 1 and al[0].status == "consistent"
    assert align([fact("一般行政事务管理", 5804.83)], [cell("一般行政管理事务", 5804.80, column="金额", title=title)]) == []


def test_basic_wage_is_in_service_staff_wage():
    al = align([fact("在职人员基本工资", 16.35)], [cell("基本工资", 16.35, unit=None, column="本年一般公共预算基本支出 > 合计", title="表6.一般公共预算基本支出表")])
    assert len(al) == 1 and al[0].row_label == "基本工资"


def test_a_bound_under_the_project_heading_is_not_the_projects_amount():
    c = cell("年度资金总额", 20.0, unit=None, column="项目资金(万元)", title="项目支出绩效目标表", table_id="t7")
    section = "1.2024年打击欺诈骗取医疗保障基金行为举报奖励金"
    bound = Fact(**{**fact("最高不超过", 20.0, section=section).to_dict(), "comparator": "≤", "span": (0, 1)})
    assert align([bound], [c], projects={"t7": "2024年打击欺诈骗取医疗保障基金行为举报奖励金项目"}) == []
    assert len(align([fact("加上超出预算安排", 20.0, section=section)], [c], projects={"t7": "2024年打击欺诈骗取医疗保障基金行为举报奖励金项目"})) == 1


def test_balanced_budget_total_is_the_expenditure_total():
    # 县医保局2023年财政拨款收支预算总数4695.7万元 ~ 财政拨款支出预算表 合计
    c = cell("合计", 4695.7, column="总计", title="财政拨款支出预算表（部门经济分类科目）")
    al = align([fact("财政拨款收支预算总数", 4695.7)], [c])
    assert len(al) == 1 and al[0].status == "consistent"


def test_project_name_from_the_form_when_no_indicator_was_read():
    from extract.tables import Table
    from extract.tables import project_of as _project_of

    header = [["南昌市西湖区医疗保障局"], ["基本信息"], ["项目名称：", "基层医保能力建设经费项目", "项目编码：", ""], ["项目类别：", "当年项目", "资金用途：", "业务类"]]
    assert _project_of(Table(table_id="t5", title="项目支出绩效目标表", unit=None, layout="cell-line", header=header)) == "基层医保能力建设经费项目"
    assert _project_of(Table(table_id="t1", title="部门收支总表", unit="万元", layout="grid", header=[["项目", "预算数"]])) is None


@pytest.mark.parametrize(
    ("leaf", "parent", "name"),
    [
        ("购置费", "公务用车购置及运行费", "公务用车购置费"),
        ("运行费", "公务用车购置及运行费", "公务用车运行费"),
        ("运行维护费", "公务用车购置及运行维护费", "公务用车运行维护费"),
        ("合计", "公务用车购置及运行费", None),  # not a part named inside the parent
        ("公务接待费", "“三公”经费预算数", None),
    ],
)
def test_a_short_leaf_is_named_with_its_parent(leaf, parent, name):
    from extract.align import _under_parent

    assert _under_parent(leaf, parent) == name


def test_a_sangong_table_leaves_other_items_alone():
    sangong = cell("", 1.35, column="2024年“三公”经费预算数 > 公务接待费", title="部门“三公”经费和机关运行经费预算表", table_id="t9", start=80)
    assert len(align([fact("卫生健康支出", 5.0)], [cell("卫生健康支出", 5.0), sangong])) == 1


def test_the_first_amount_of_a_total_row_is_the_tables_total():
    # the 合计 row's cells are named by their columns (支出 > 合计, 基本支出 > 合计); the first, and only
    # the first, is also the table's total (一般公共预算支出); a cell without a span is never it
    title = "表5.青山区医疗保障局2022年一般公共预算支出表"
    cells = [TableCell(**{**cell("合计", 4695.7, column="项目支出 > 合计", title=title).to_dict(), "span": None}),
             cell("合计", 4695.7, column="支出 > 合计", title=title, start=5), cell("合计", 3000.0, column="基本支出 > 合计", title=title, start=20)]
    al = align([fact("一般公共预算支出", 4695.7)], cells)
    assert len(al) == 1 and al[0].cell_span == (5, 9)


def test_only_the_funds_row_of_a_project_form_is_its_amount():
    cells = [cell("年度资金总额", 138.8, unit=None, column="项目资金(万元)", title="项目绩效目标表", table_id="t10", start=5),
             cell("预算执行率", 50.0, unit=None, column="指标值", title="项目绩效目标表", table_id="t10", start=50)]
    f = fact("共计预算安排", 50.0, section="4.2024年医保经办激励经费、慢性病鉴定费")
    assert align([f], cells, projects={"t10": "2024年医保经办激励经费、慢性病鉴定费"}) == []


@pytest.mark.parametrize(
    ("subject", "section", "wrong", "right"),
    [
        # (二)公用经费 under 财政拨款基本支出预算情况: the basic-expenditure table
        ("公用经费", "三、财政拨款基本支出预算情况", ("部门支出总表", "金额"), ("财政拨款基本支出预算表", "金额")),
        # a 财政拨款 item: the 财政拨款 table
        ("财政拨款支出", "", ("部门支出总表", "金额"), ("财政拨款支出预算表", "金额")),
        # a total: the total column
        ("卫生健康支出", "", ("部门支出总表", "基本支出"), ("部门支出总表", "合计")),
    ],
)
def test_the_table_of_the_facts_scope_wins_between_equal_entries(subject, section, wrong, right):
    cells = [cell(subject, 12.34, title=wrong[0], column=wrong[1], start=5), cell(subject, 12.34, title=right[0], column=right[1], table_id="t2", start=50)]
    al = align([fact(subject, 12.34, section=section)], cells)
    assert len(al) == 1 and (al[0].table_title, al[0].column) == right


@pytest.mark.parametrize(
    ("neutral_first", "other", "want"),
    [(True, "财政拨款支出预算表（功能科目）", "t2"),  # (款)(项) prose: the functional table over a neutral one
     (False, "财政拨款基本支出预算表（经济科目）", "t1")],  # …and never the economic one
)
def test_functional_classification_prose_and_the_classification_tables(neutral_first, other, want):
    s = "2.行政事业单位离退休（款）机关事业单位基本养老保险缴费（项）支出785.06万元。"
    neutral = cell("机关事业单位基本养老保险缴费", 785.06, column="金额", title="部门支出总表", table_id="t1", start=5)
    classified = cell("机关事业单位基本养老保险缴费", 785.06, column="金额", title=other, table_id="t2", start=50)
    al = align([fact("机关事业单位基本养老保险缴费", 785.06, sentence=s)], [neutral, classified] if neutral_first else [classified, neutral])
    assert len(al) == 1 and al[0].table_id == want


@pytest.mark.parametrize(
    ("subject", "label"),
    [
        ("决算车辆运行维护费用", "公务用车运行维护费"),  # a figure word before, 费用 for 费, 车辆 for 公务用车
        ("机关运行经费安排", "行政经费"),  # the older tables' name for 机关运行经费
        ("公务接待费用", "公务接待费"),
    ],
)
def test_names_that_older_and_mirror_pages_use(subject: str, label: str) -> None:
    from extract.align import STRONG_NAME, name_similarity

    assert name_similarity(subject, label)[0] >= STRONG_NAME


def test_a_sangong_item_far_from_its_own_row_is_a_mismatch():
    # one scope for a 三公 item: the 三公 table's row of that name is its figure, however far off
    title = "2024年“三公”经费支出预算表"
    cells = [cell("公务用车购置及运行费", 5.0, column="预算数", title=title), cell("公务用车运行费", 5.0, column="预算数", title=title, start=20)]
    al = align([fact("公务用车运行费", 2.8)], cells)
    assert len(al) == 1 and al[0].status == "mismatch" and al[0].row_label == "公务用车运行费"
    # any other item far from a same-named row stays unaligned: mostly another scope (a project's own 差旅费)
    assert align([fact("差旅费", 2.8)], [cell("差旅费", 5.0, column="合计", title="一般公共预算基本支出表")]) == []
    # and so does a 三公 item whose name only a column header gives (a wide table's spans may be misread)
    wide = cell("", 8.47, column="2024年“三公”经费 > 公务接待费", title=title)
    assert align([fact("公务接待费", 0.3)], [wide]) == []


def test_a_part_named_by_its_bare_word_after_its_whole_finds_the_parts_row():
    """安排车辆购置及运行维护费9万元，其中：运行维护费9万元: the part is 车辆运行维护费, not the whole's row."""
    from dataclasses import replace

    whole = replace(fact("车辆购置及运行维护费", 9.0, section="三、车辆"), fact_id="a1", span=(10, 11), yuan=90000.0)
    part = replace(fact("运行维护费", 9.0, section="三、车辆"), fact_id="a2", span=(30, 31), yuan=90000.0)
    cells = [cell("车辆费", 9.0, column="预算数", start=100), cell("车辆运行维护费", 9.0, column="预算数", start=120)]
    got = {a.fact_id: a.row_label for a in align([whole, part], cells)}
    assert got.get("a2") == "车辆运行维护费"
    # the same bare word with no whole before it (or after a smaller amount) stays unnamed
    assert not align([part], cells)
    smaller = replace(whole, value=5.0, yuan=50000.0)
    assert "a2" not in {a.fact_id for a in align([smaller, part], cells)}


def test_a_qualified_part_is_not_the_row_of_its_whole():
    # 其中：国内公务接待支出12.5万元 beside a 公务接待费 row of 12.5: the table states the whole, not the part
    title = "2024年“三公”经费情况表"
    cells = [cell("公务接待费", 12.5, column="决算数", title=title)]
    assert align([fact("国内公务接待支出", 12.5)], cells) == []
    assert [a.row_label for a in align([fact("公务接待费", 12.5)], cells)] == ["公务接待费"]
    # a row that names the same part is its row
    assert [a.row_label for a in align([fact("国内公务接待费", 12.5)], [cell("国内公务接待费", 12.5, column="决算数", title=title)])] == ["国内公务接待费"]


def test_a_whole_figure_takes_the_cell_equal_to_it_not_one_within_its_rounding():
    """17万元 agrees with 17.5 at its printed precision, but the row also has 17: that is the cell."""
    cells = [cell("公务用车购置及运行费", 17.5, column="2016年预算数", title="某局2017年“三公”经费财政拨款预算表", start=5),
             cell("公务用车购置及运行费", 17.0, column="2017年预算数", title="某局2017年“三公”经费财政拨款预算表", start=12)]
    (a,) = align([fact("公务用车购置及运行费", 17.0, surface="17")], cells)
    assert (a.column, a.table_value) == ("2017年预算数", 17.0)
