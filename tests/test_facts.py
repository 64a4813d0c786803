"""Fact decisions on real phrasings from the genre (one sentence each)."""

from __future__ import annotations

import pytest

from extract import extract_document


def facts_of(text, dept="青云谱区医疗保障局"):
    doc = f"{dept}2023年部门预算\n\n一、收支预算情况说明\n\n{text}\n"
    r = extract_document(doc, is_text=True)
    return [f for f in r.facts]


def brief(fs):
    return [(f.kind, f.subject, f.value, f.unit) for f in fs if f.kind != "reason"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "2023年青云谱区医疗保障局收入预算总额为271.33  万元,较上年预算安排减少 65.92 万元;",
            [("amount", "收入预算总额", 271.33, "万元"), ("change", "收入预算总额", -65.92, "万元")],
        ),
        (
            "按支出项目类别划分：基本支出 271.33 万元,较上年预算安排增加 44.08万元;其中：工资福利支出222.11万元,商品和服务支出 48.8 万元。",
            [("amount", "基本支出", 271.33, "万元"), ("change", "基本支出", 44.08, "万元"), ("amount", "工资福利支出", 222.11, "万元"), ("amount", "商品和服务支出", 48.8, "万元")],
        ),
        (
            "县医保局 2023 年收入预算 4695.70 万元，其中：上年结转 1007.24 万元，占 21.45%；一般公共预算拨款收入 3688.46 万元，占 78.55%。",
            [("amount", "收入预算", 4695.7, "万元"), ("amount", "上年结转", 1007.24, "万元"), ("percent", "上年结转", 21.45, "%"), ("amount", "一般公共预算拨款收入", 3688.46, "万元"), ("percent", "一般公共预算拨款收入", 78.55, "%")],
        ),
        (
            "2023年部门机关运行费预算  48.8  万元，比2021年预算减少22.95 万元，下降  31.99   %。",
            [("amount", "机关运行费预算", 48.8, "万元"), ("change", "机关运行费预算", -22.95, "万元"), ("change", "机关运行费预算", -31.99, "%")],
        ),
        (
            "编制人数小计__17__人,其中：行政编制人数__4__人,自收自支编制人数_0___人。",
            [("headcount", "编制人数", 17.0, "人"), ("headcount", "行政编制人数", 4.0, "人"), ("headcount", "自收自支编制人数", 0.0, "人")],
        ),
        ("截至2022年 8月 31 日, 部门共有车辆  0  辆,其中：一般公务用车实有数  0  辆。", [("count", "车辆", 0.0, "辆"), ("count", "一般公务用车实有数", 0.0, "辆")]),
        ("本部门内设机构包括办公厅、研究室和4个专门委员会、8个工作委员会，有38个处室。", [("count", "专门委员会", 4.0, "个"), ("count", "工作委员会", 8.0, "个"), ("count", "处室", 38.0, "个")]),
        ("1. 人大事务（款）行政运行（项）支出7448.2万元，与上年相比增加1075.88万元，增长16.88%。", [("amount", "行政运行", 7448.2, "万元"), ("change", "行政运行", 1075.88, "万元"), ("change", "行政运行", 16.88, "%")]),
        ("公务接待 1 万元,比上年减  2  万元，主要原因是： 预测接待费用减少 。", [("amount", "公务接待", 1.0, "万元"), ("change", "公务接待", -2.0, "万元")]),
        ("因公出国（境）费支出199.25万元，占“三公”经费的25.96%。", [("amount", "因公出国（境）费支出", 199.25, "万元"), ("percent", "因公出国（境）费支出", 25.96, "%")]),
        ("确保检查覆盖面 100%、违规处理率 100%。", [("percent", "检查覆盖面", 100.0, "%"), ("percent", "违规处理率", 100.0, "%")]),
        ("单价20万元（含）以上的设备69台（套）。", [("count", "单价20万元（含）以上的设备", 69.0, "台(套)")]),  # the bound stays in the wording, it is no fact
    ],
)
def test_fact_decisions(text, expected):
    assert brief(facts_of(text)) == expected


def test_change_baselines_and_directions():
    fs = facts_of("财政拨款收入 246.33 万元,较上年预算安排增加 19.08 万元;教育收费资金收入 0 万元,较上年预算安排增加（减少） 0 万元;项目支出0万元，比2022年预算数减少110万元。")
    changes = [(f.value, f.direction, f.baseline) for f in fs if f.kind == "change"]
    assert changes == [(19.08, "increase", "上年预算"), (0.0, "unchanged", "上年预算"), (-110.0, "decrease", "2022年预算")]


def test_figure_words_join_the_item():
    fs = facts_of(
        "1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元，主要用于专项普查活动。"
        "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。主要原因是：项目调整。"
    )
    assert brief(fs) == [
        ("amount", "专项普查活动", 25.77, "万元"),
        ("amount", "专项普查活动预算执行数", 60.13, "万元"),
        ("amount", "专项普查活动预算", 25.77, "万元"),  # the 预算 document's own figure joins as 预算
        ("change", "专项普查活动", -57.14, "%"),
    ]
    change = [f for f in fs if f.kind == "change"][0]
    assert change.baseline == "2023年预算执行数"
    reason = [f for f in fs if f.kind == "reason"][0]
    assert reason.text == "项目调整" and reason.explains == change.fact_id


def test_unchanged_without_number():
    fs = facts_of("政府性基金拨款支出预算0.00万元，比2023年预算持平。")
    ch = [f for f in fs if f.kind == "change"]
    assert [(f.value, f.direction, f.baseline, f.subject) for f in ch] == [(0.0, "unchanged", "2023年预算", "政府性基金拨款支出预算")]


def test_reason_links_to_change_and_spans_original_text():
    text = "公务接待 1 万元,比上年减  2  万元，主要原因是： 预测接待费用减少 。"
    doc = f"某局2023年部门预算\n\n一、说明\n\n{text}\n"
    r = extract_document(doc, is_text=True)
    reason = [f for f in r.facts if f.kind == "reason"][0]
    change = [f for f in r.facts if f.kind == "change"][0]
    assert reason.text == "预测接待费用减少"
    assert r.text[slice(*reason.span)] == "预测接待费用减少"
    assert reason.explains == change.fact_id
    assert r.text[slice(*change.span)] == "2"


def test_numbers_in_definitions_and_tables_are_not_facts():
    doc = "某局2023年部门预算\n\n第四部分 名词解释\n\n一、机关运行经费：指单价200万元的资金，共5个项目。\n"
    assert extract_document(doc, is_text=True).facts == []


def test_money_conversion_and_metric():
    f = facts_of("一般公共预算拨款收入3,688.46万元。")[0]
    assert (f.value, f.unit, f.yuan, f.metric) == (3688.46, "万元", 36884600.0, "income.general_budget")


def test_template_residue_is_not_part_of_subject():
    fs = facts_of("MERGEFIELD ${page400644146.ds215660413_REP_BGT}项目支出 0 万元,较上年预算安排增加（减少）  0  万元。")
    assert brief(fs)[0] == ("amount", "项目支出", 0.0, "万元")


def test_final_accounts_phrasing():
    """决算 documents: an item named in its own sentence, then several figures and a completion rate."""
    text = (
        "1.一般公共服务（类）财政事务（款）行政运行（项）。年初预算为100.00万元，支出决算为120.50万元，完成年初预算的120.5%。"
        "决算数大于年初预算数的主要原因是：人员调资。"
        "2.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。年初预算为30万元，支出决算为28.2万元，完成年初预算的94%。"
    )
    fs = facts_of(text)
    assert brief(fs) == [
        ("amount", "行政运行年初预算", 100.0, "万元"),
        ("amount", "行政运行支出决算", 120.5, "万元"),
        ("percent", "行政运行", 120.5, "%"),
        ("amount", "机关事业单位基本养老保险缴费支出年初预算", 30.0, "万元"),
        ("amount", "机关事业单位基本养老保险缴费支出决算", 28.2, "万元"),
        ("percent", "机关事业单位基本养老保险缴费支出", 94.0, "%"),
    ]
    reason = [f for f in fs if f.kind == "reason"][0]
    assert reason.text == "人员调资"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("机关运行经费支出45.3万元，比上年下降3.5个百分点。", [("amount", "机关运行经费支出", 45.3, "万元"), ("change", "机关运行经费支出", -3.5, "个百分点")]),
        ("国内公务接待批次12批，接待人数150人次。", [("count", "国内公务接待批次", 12.0, "批"), ("count", "国内公务接待人数", 150.0, "人次")]),
        ("“三公”经费财政拨款支出决算为5.6万元，较上年减少1.2万元，下降17.65%。", [("amount", "三公经费支出决算", 5.6, "万元"), ("change", "三公经费支出决算", -1.2, "万元"), ("change", "三公经费支出决算", -17.65, "%")]),
    ],
)
def test_more_final_accounts_sentences(text, expected):
    assert brief(facts_of(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("一般公共预算拨款收入1000万元，占收入总额的81.2%。", [("amount", "一般公共预算拨款收入", 1000.0, "万元"), ("percent", "一般公共预算拨款收入", 81.2, "%")]),
        ("其中：因公出国（境）费0万元，与上年持平；公务接待费2.5万元，比上年减少0.5万元。", [("amount", "因公出国（境）费", 0.0, "万元"), ("change", "因公出国（境）费", 0.0, "万元"), ("amount", "公务接待费", 2.5, "万元"), ("change", "公务接待费", -0.5, "万元")]),
        ("截至2023年12月31日，本部门共有车辆5辆，其中，主要负责人用车1辆、机要通信用车1辆。", [("count", "车辆", 5.0, "辆"), ("count", "主要负责人用车", 1.0, "辆"), ("count", "机要通信用车", 1.0, "辆")]),
        ("2024年，本部门共12个项目实行绩效目标管理，涉及一般公共预算当年财政拨款500万元。", [("count", "项目", 12.0, "个"), ("amount", "一般公共预算当年财政拨款", 500.0, "万元")]),
        ("本单位编制15人，实有在职人员14人，离退休人员3人。", [("headcount", "编制", 15.0, "人"), ("headcount", "实有在职人员", 14.0, "人"), ("headcount", "离退休人员", 3.0, "人")]),
        ("其他资金收入0.5亿元。", [("amount", "其他资金收入", 0.5, "亿元")]),
    ],
)
def test_phrasings_from_other_templates(text, expected):
    assert brief(facts_of(text)) == expected


@pytest.mark.parametrize(
    "dept, short",
    [
        ("江苏省人大常委会办公厅", "人大常委会办公厅"),
        ("武汉市青山区医疗保障局", "医疗保障局"),
        ("广西壮族自治区民族宗教事务委员会", "民族宗教事务委员会"),
        ("中共江苏省委办公厅", "江苏省委办公厅"),
        ("上海市普陀区万里街道办事处", "万里街道办事处"),
    ],
)
def test_department_short_names(dept, short):
    from extract.layout import department_names

    names = department_names(dept)
    assert dept in names and short in names and all(len(n) >= 4 for n in names)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a lead-in alone names nothing: the change belongs to the item of its sentence
        ("人大会议预算支出1469.73万元，主要是换届选举经费增加200万元，其余会议费压减，增减相抵后增加164.48万元。", ("change", "人大会议预算支出", 164.48)),
        # the counted thing is not the money source after it
        ("下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为213.29万元。", ("count", "参公事业单位", 1.0)),
        # 年度 is a lead-in, but 预算安排 alone would name nothing
        ("⑥年度预算安排：138.8万元。", ("amount", "年度预算安排", 138.8)),
        # a list item stated to have none is another item than the number's
        ("安排会议及培训费12万元，其中：会议经费无、培训费12万元，与上年持平。", ("amount", "培训费", 12.0)),
        ("其中：车辆购置费未安排、车辆运行费6.5万元。", ("amount", "车辆运行费", 6.5)),
        # examples listed before the class they belong to: the class names the item
        ("全年发生住宿费、交通费、伙食补助费等因公出国(境)经费支出4.2万元。", ("amount", "因公出国(境)经费支出", 4.2)),
        # 本年预算 names no item: the change is of the item just stated
        ("公务接待费支出预算为2.5万元，本年预算与上年持平。", ("change", "公务接待费支出预算", 0.0)),
        # 各增加: the change of the totals just stated
        ("2022年度收入总计80.5万元，支出总计80.5万元，与2021年度相比，各增加3.5万元，增长4.55%。", ("change", "收入总计、支出总计", 3.5)),  # both wholes (the i12, r08 gold)
        # a share after a bracket of the item's own parts is the item's
        ("本年收入合计500万元；包括财政拨款收入400万元(其中，一般公共预算400万元，政府性基金预算0万元)，占收入合计80%。", ("percent", "财政拨款收入", 80.0)),
        # a bracket opened with 包含 names its own items
        ("1、培训支出120.5万元。(包含人员支出80.5万元、项目支出40万元)", ("amount", "人员支出", 80.5)),
        # 比去年同期32.1万元: last year's figure is the item's, 同期 is no name
        ("本年度公务接待费为30万元,比去年同期32.1万元减少了6.54%", ("amount", "公务接待费", 32.1)),
        # the department's 本级 and a year written without 年 are no part of the item
        ("某某卫生院本级2024部门预算总收入预计512.3万元。", ("amount", "预算总收入", 512.3)),
    ],
)
def test_subject_rules_on_real_phrasings(body, expected):
    from extract.ingest import document_from_text
    from extract.model import Models
    from extract.pipeline import process

    facts = process(document_from_text("某局2024年部门预算\n\n一、项目说明\n\n" + body + "\n"), models=Models()).facts
    assert expected in [(f.kind, f.subject, f.value) for f in facts]


def test_a_list_closed_by_deng_after_a_verb_is_a_change_of_the_item_before_the_verb():
    t = "主要原因是基本支出增加人员工资、住房公积金、提租补贴等3397.18万元、项目经费支出安排减少1134.33万元。"
    assert brief(facts_of(t))[:2] == [("change", "基本支出", 3397.18, "万元"), ("change", "项目经费支出安排", -1134.33, "万元")]


@pytest.mark.parametrize(
    ("subject", "metric"),
    [
        ("一般公共预算拨款项目支出预算", "exp.project"),
        ("财政拨款项目支出", "exp.project"),
        ("一般公共预算拨款基本支出", "exp.basic"),
        ("政府性基金预算拨款项目支出预算", "exp.project"),
        ("一般公共预算拨款收入", "income.general_budget"),
        ("财政拨款收入支出", "income.fiscal"),  # both sides named: the fund's own figure
        ("一般公共预算财政拨款支出", "exp.general_budget"),
    ],
)
def test_a_fund_source_qualifying_a_spending_item_is_that_item(subject, metric):
    from extract.taxonomy import metric_for

    assert metric_for(subject, kind="amount") == metric


@pytest.mark.parametrize(
    "text",
    [
        "(一)基本支出。2022年基本支出3736.92万元,其中人员经费3383.21万元,公用经费353.71万元。比2021年预算增加654万元,增长21%,主要原因是人员增加。\n",
        "2021年度“三公”经费支出20.12万元,其中:因公出国(境)经费0万元,公务接待12.39万元,公务用车运行费用7.73万元。较上年减少1.68万元。\n",
    ],
)
def test_a_change_after_a_listed_whole_is_the_wholes(text):
    first = next(f for f in facts_of(text) if f.kind == "amount")
    change = next(f for f in facts_of(text) if f.kind == "change")
    assert change.subject == first.subject
