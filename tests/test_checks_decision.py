"""A clean 决算 document in the genre's standard layout, and one planted error of each check that
reads 决算 figures: every plant is found alone, and the clean copy has no finding at all."""

from __future__ import annotations

import pytest

from extract import extract_document
from extract.figures import column_figure_type, compatible, prose_figure_type

#: a 三公 page whose only reason closes its last item's section and names the total (set O's shape)
#: a web page's metadata rows and title, printed twice (before and after the breadcrumb)
_PAGE_HEADER = (
    "[ 索引号 ] | 11500238750071502K/2017-04041 | [ 发文字号 ] | |\n[ 主题分类 ] | 其他 | [ 体裁分类 ] | 其他 |\n"
    "[ 发布机构 ] | 某县人民政府 | [ 有效性 ] | |\n[ 成文日期 ] | 2017-09-18 | [ 发布日期 ] | 2017-09-18 |\n"
    "某乡2016年决算情况说明及决算公开表\n"
)
_CLOSING_TOTAL_REASON = (
    "经某县财政局汇总，2021年“三公”经费决算总额为80万元，较年初预算减少20%。其中：\n一、公务用车购置及运行维护费\n"
    "2021年公务用车购置及运行费决算支出60万元，较年初预算{vehicle}25%。\n二、公务接待费\n2021年公务接待费决算支出20万元，较年初预算下降10%。\n"
    "2021年“三公”经费决算支出总额较年初预算减少的主要原因是厉行节约，压减一般性支出。\n\n关闭窗口\n"
)

CLEAN = (
    "某县某局2023年度部门决算\n\n"
    "目录\n\n一、支出决算表\n二、一般公共预算财政拨款支出决算表\n三、一般公共预算财政拨款“三公”经费支出决算表\n\n"
    "第二部分 2023年度部门决算情况说明\n\n"
    "一、收入支出决算总体情况说明\n\n"
    "2023年度收入总计500.00万元，支出总计500.00万元。与上年相比，收、支总计各增加50.00万元，增长11.11%，主要原因是人员增加。\n\n"
    "二、一般公共预算财政拨款支出决算情况说明\n\n"
    "（一）行政运行（2010301）\n\n"
    "年初预算为400.00万元，支出决算为380.00万元，完成年初预算的95.00%。决算数小于年初预算数的主要原因是厉行节约。\n\n"
    "（二）一般行政管理事务（2010302）\n\n"
    "年初预算为100.00万元，支出决算为120.00万元，完成年初预算的120.00%。决算数大于年初预算数的主要原因是追加专项经费。\n\n"
    "一般公共预算财政拨款支出决算为500.00万元，其中：一般公共服务支出（201类）500.00万元，占100.00%。\n\n"
    "三、财政拨款“三公”经费支出决算情况说明\n\n"
    "2023年度“三公”经费财政拨款支出决算为8.00万元，完成预算的80.00%。其中：公务接待费支出决算为8.00万元，完成预算的80.00%。\n\n"
    "四、其他重要事项的情况说明\n\n"
    "截至2023年12月31日，本部门共有车辆2辆。\n\n"
    "支出决算表\n\n单位：万元\n\n"
    "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
    "2010301\t行政运行\t380.00\t380.00\t0.00\n"
    "2010302\t一般行政管理事务\t120.00\t0.00\t120.00\n\n"
    "一般公共预算财政拨款支出决算表\n\n单位：万元\n\n"
    "科目编码\t科目名称\t年初预算数\t决算数 > 合计\t决算数 > 基本支出\t决算数 > 项目支出\n"
    "2010301\t行政运行\t400.00\t380.00\t380.00\t0.00\n"
    "2010302\t一般行政管理事务\t100.00\t120.00\t0.00\t120.00\n\n"
    "财政拨款支出决算功能分类表\n\n单位：万元\n\n"
    "科目编码\t科目名称\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\n"
    "2010301\t行政运行\t380.00\t380.00\t0.00\n"
    "2010302\t一般行政管理事务\t120.00\t120.00\t0.00\n\n"
    "一般公共预算财政拨款“三公”经费支出决算表\n\n单位：万元\n\n"
    "项目\t年初预算数\t决算数\n"
    "合计\t10.00\t8.00\n"
    "因公出国（境）费\t0.00\t0.00\n"
    "公务接待费\t10.00\t8.00\n"
)


def checks_of(text: str) -> list[str]:
    return sorted({f.check for f in extract_document(text, is_text=True).findings})


def test_clean_final_accounts_document_has_no_findings():
    r = extract_document(CLEAN, is_text=True)
    assert r.document.doc_kind == "决算"
    assert len(r.cells) >= 10
    assert r.findings == []


@pytest.mark.parametrize(
    "old, new, check",
    [
        ("完成年初预算的95.00%", "完成年初预算的96.00%", "completion_arithmetic"),
        ("年初预算为100.00万元", "年初预算为0万元", "completion_arithmetic"),
        ("决算数小于年初预算数", "决算数大于年初预算数", "claim_contradiction"),
        ("决算数大于年初预算数", "决算数等于年初预算数", "claim_contradiction"),
        ("收、支总计各增加50.00万元，增长11.11%", "收、支总计各增加50.00万元，增长11.11", "unit_suspect"),
        ("支出决算为120.00万元，", "支出决算为120.00万\n，", "unit_suspect"),  # the unit cut at a line end
        ("主要原因是人员增加。", "主要原因是人员增加（减少）。", "template_residue"),
        ("增长11.11%", "增长/下降11.11%", "template_residue"),
        ("四、其他重要事项的情况说明\n\n", "四、其他重要事项的情况说明\n\n如无此项支出，请说明。\n\n", "template_residue"),
        ("截至2023年12月31日", "截至2022年12月31日", "date_out_of_year"),
        ("本部门共有车辆2辆。", "本部门共有车辆2辆。项目实施期限为2022年1月1日-2022年12月31日。", "date_out_of_year"),
        ("2010302\t一般行政管理事务\t120.00\t120.00\t0.00\n", "2010302\t一般行政管理事务\t125.00\t125.00\t0.00\n", "table_cross_mismatch"),
        ("其中：公务接待费支出决算为8.00万元", "其中：公务接待费支出决算为800.00万元", "item_exceeds_total"),
        # checks written for 预算 documents, planted in this 决算 one
        ("三、一般公共预算财政拨款“三公”经费支出决算表\n", "三、一般公共预算财政拨款“三公”经费支出决算表\n四、政府性基金预算财政拨款收入支出决算表\n", "missing_table"),
        ("公务接待费\t10.00\t8.00\n", "公务接待费\t10.00\t\n", "prose_table_mismatch"),
        ("2023年度收入总计", "2022年度部门决算收入总计", "year_mismatch"),
        ("（201类）500.00万元，占100.00%。", "（201类）400.00万元，占80.00%；教育支出（205类）120.00万元，占24.00%。", "list_sum"),
        ("（201类）500.00万元，占100.00%。", "（201类）400.00万元，占80.00%；教育支出（205类）90.00万元，占20.00%。", "list_sum"),
        ("（201类）500.00万元，占100.00%。", "（201类）400.00万元，占80.00%；教育支出（205类）100.00万元，占24.00%。", "share_sum"),
    ],
)
def test_planted_error_is_found(old: str, new: str, check: str):
    text = CLEAN.replace(old, new, 1)
    assert text != CLEAN
    assert check in checks_of(text)


def test_within_a_line_wan_is_shorthand_and_a_wrapped_wan_yuan_is_whole():
    # 万 for 万元 used throughout a document is its style; a 万 wrapped before its 元 is whole
    for text in (CLEAN.replace("万元，完成", "万，完成"), CLEAN.replace("支出决算为120.00万元", "支出决算为120.00万\n元")):
        assert "unit_suspect" not in checks_of(text)


def test_a_single_wan_among_wan_yuan_is_a_cut_unit():
    # one 万 in a document that writes 万元 everywhere else (wide-corpus gold: 经营收入 0.00 万,)
    assert "unit_suspect" in checks_of(CLEAN.replace("支出决算为120.00万元", "支出决算为120.00万"))


@pytest.mark.parametrize(
    ("check", "text", "fires"),
    [
        # a short 三公 page: two 万元 and one bare 万 — the 万 is a slip, not the page's style
        ("unit_suspect", "单位:万元\n一、因公出国(境)费\n本单位未安排出国计划。\n二、公务用车购置及运行维护费\n安排公务用车运行维护费12万。较上年预算下降10%。\n三、公务接待费\n安排公务接待费预算3万元。\n", True),
        # the shorthand written on purpose, line after line
        ("unit_suspect", "安排公务用车运行维护费12万，公务接待费3万，会议费5万。全年合计20万元。\n", False),
        # an average: 24.6万元 ÷ 4辆 = 6.15万元, written 6.15元
        ("unit_suspect", "2023年公务用车运行维护费24.6万元，较上年下降5%。截至年底车辆保有量为4辆，车均运行维护费6.15元。\n", True),
        # the same average in 元 or in 万元 is right
        ("unit_suspect", "2023年公务用车运行维护费24.6万元，较上年下降5%。截至年底车辆保有量为4辆，车均运行维护费61500元。\n", False),
        ("unit_suspect", "2023年公务用车运行维护费24.6万元，较上年下降5%。截至年底车辆保有量为4辆，车均运行维护费6.15万元。\n", False),
        # per person: 公用经费36.00万元 ÷ 12人 = 3.00万元, written 3.00元
        ("unit_suspect", "本单位实有人员12人。2023年公用经费36.00万元，人均公用经费3.00元。\n", True),
        # an average that fits no unit may be of another total: not judged here
        ("unit_suspect", "2023年公务用车运行维护费24.6万元。车辆保有量为4辆，车均运行维护费2.10万元。\n", False),
        # a fall in a paragraph that opens with the measures taken is explained by them
        ("missing_explanation", "我局严格执行中央八项规定精神，严禁超标准接待，2024年公务接待费支出2.10万元，比上年减少0.50万元。\n", False),
        ("missing_explanation", "本单位厉行节约，压减一般性支出，2023年公务用车运行维护费6.00万元，较上年减少1.20万元。\n", False),
        # the same words after the figures say how the money is used, not why it fell
        ("missing_explanation", "2024年公务接待费支出2.10万元，比上年减少0.50万元。主要用于业务往来接待。经费使用严格执行有关规定。\n", True),
        # measures explain a fall, never a rise
        ("missing_explanation", "我局严格执行中央八项规定精神，2024年公务接待费支出2.10万元，比上年增加0.50万元。\n", True),
        # both template alternatives left, with 或 inside the brackets
        ("template_residue", "事业收入50.00万元，较上年度决算数增加(或减少)0万元，增长(或下降)0%。\n", True),
        ("template_residue", "上年结转3.20万元，比上年增加或减少1.10万元。\n", True),
        # one alternative deleted, its 或 left behind
        ("template_residue", "项目支出58.40万元，比2021年或增加6.20万元，主要原因是新增培训项目。\n", True),
        ("template_residue", "项目支出58.40万元，比2021年增加6.20万元，主要原因是新增培训项目。\n", False),
        # 增加或减少 as ordinary words, before no figure
        ("template_residue", "根据实际工作需要增加或减少临聘人员，经费按标准列支。\n", False),
        # a reason copied from the paragraph of an item that really has nothing this year
        ("template_residue", "公务接待费支出预算4.6万元，本年预算与上年持平，持平原因是该项经费本年未安排。\n", True),
        ("template_residue", "公务用车购置费0万元，本年预算与上年持平，持平原因是该项经费本年未安排。\n", False),
        # an increase larger than the figure itself: last year would be below zero
        ("change_arithmetic", "2022年度收入总计880.20万元，其中上年结转46.30万元，较2021年增加52.70万元，增长6.10%。\n", True),
        # …unless the rate fits the total stated before it (52.70 ÷ (880.20 − 52.70) = 6.37 %)
        ("change_arithmetic", "2022年度收入总计880.20万元，较2021年增加52.70万元，增长6.37%。\n", False),
        # 各增加: the change of each total just stated, its rate on last year's figure (1.80 ÷ 60.00 = 3.00 %, not 2.91 %)
        ("change_arithmetic", "2021年度收入总计61.80万元，支出总计61.80万元，与2020年度相比，各增加1.80万元，增长2.91%。主要原因是人员增加。\n", True),
        ("change_arithmetic", "2021年度收入总计61.80万元，支出总计61.80万元，与2020年度相比，各增加1.80万元，增长3.00%。主要原因是人员增加。\n", False),
        # a bare 万 inside a list, before 、
        ("unit_suspect", "单位:万元\n干部培训支出120.50万元。(包含人员支出80.50万、项目支出40万元)\n公用经费12万元。\n", True),
        # a total named with its amount left blank before its parts (收入总计 ,其中:…)
        ("template_residue", "2020年度收入总计 ,其中:财政拨款收入6160234.82元;占100%。\n", True),
        ("template_residue", "2020年度收入总计6160234.82元,其中:财政拨款收入6160234.82元;占100%。\n", False),
        # parts printed in 元 under a total in 万元: read in the total's unit, the list is checked as a list
        ("list_sum", "2021年收入6821.10万元，其中：财政拨款收入5359.67元，事业收入1456.59元，其他收入4.41元。\n", True),
        ("list_sum", "2021年收入6821.10万元，其中：财政拨款收入5359.67元，事业收入1457.02元，其他收入4.41元。\n", False),
        # a split that adds up exactly, then other figures of the same kind: no list problem
        ("list_sum", "全镇总人口36210人,其中农业人口30100人,城镇人口6110人,流动人口420人。\n", False),
        ("list_sum", "全镇总人口36210人,其中农业人口30100人,城镇人口7110人,流动人口420人。\n", True),
        # (staff are counted one way: a split that adds up and then one more kind of post is an error)
        ("list_sum", "编制人数42人,其中:行政编制人数19人、全额事业编制人数23人、自收自支编制人数13人。\n", True),
        # a whole's change told under (一) and its parts' under (二) of the same heading still add up
        ("list_sum", "三、支出预算说明\n(一)支出预算总规模\n支出预算1171.64万元,比上年减少339.57万元。\n(二)支出预算按用途划分\n基本支出预算376.64万元,比上年减少36.57万元;项目支出795万元,比上年减少313.5万元。\n", True),
        ("list_sum", "三、支出预算说明\n(一)支出预算总规模\n支出预算1171.64万元,比上年减少350.07万元。\n(二)支出预算按用途划分\n基本支出预算376.64万元,比上年减少36.57万元;项目支出795万元,比上年减少313.5万元。\n", False),
        # a writing instruction left in brackets; staff counts left blank; both alternatives glued together
        ("template_residue", "(一般公共预算财政拨款支出决算具体情况,按支出功能分类类级科目逐类分析)\n本单位一般公共预算财政拨款支出50万元。\n", True),
        ("template_residue", "在职实有人数8人,其中:行政人,事业8人。\n", True),
        ("template_residue", "在职实有人数8人,其中:行政0人,事业8人。\n", False),
        ("template_residue", "项目支出12万元,同比减少16万元,同比增长下降57.14%。\n", True),
        ("template_residue", "项目支出12万元,同比减少16万元,同比下降57.14%。\n", False),
        # the page's title (…决算情况说明及决算公开表) is no table printed empty
        ("missing_table", _PAGE_HEADER + "您当前的位置:首页 >政务公开 >决算公开\n" + _PAGE_HEADER + "一、单位基本情况\n本乡属行政单位,年末独立编制机构7个。\n二、部门决算情况说明\n本年收入合计120万元,本年支出合计118万元。\n", False),
        # a 决算 whose opening sentence still says 预算
        ("template_residue", "某镇卫生院2022年度部门决算公开说明\n根据有关规定,现将2022年部门预算公开如下:\n一、基本概况\n本年支出决算300万元。\n", True),
        ("template_residue", "某镇卫生院2022年度部门决算公开说明\n根据有关规定,现将2022年部门决算公开如下:\n一、基本概况\n本年支出决算300万元。\n", False),
        ("template_residue", "某镇2022年度部门预算公开说明\n现将2022年预决算公开如下:\n一、基本概况\n本年支出预算300万元。\n", False),
        # a change printed in 元 beside a total in 万元, its rate possible only in 万元: the unit slipped
        ("unit_suspect", "2018年度收入总计610.40万元,比2017年减少 40.20 元,减少 6.18 %,主要原因是经费减少。\n", True),
        ("unit_suspect", "2018年度收入总计610.40万元,比2017年减少 40.20 万元,减少 6.18 %,主要原因是经费减少。\n", False),
        # (a small change in 元 whose rate is small too is just small)
        ("unit_suspect", "2018年度公务接待费6104元,比2017年减少402元,减少6.18%,主要原因是接待减少。\n", False),
        # the carryover listed beside this year's income, not in it: the rest adds up to the total
        ("list_sum", "(一)收入预算:2023年年初预算数410.20万元,其中:一般公共预算拨款180.20万元,事业收入230万元,其他收入0万元;上年结转结余资金18.40万元;收入较去年增加12.00万元。\n", False),
        ("list_sum", "(一)收入预算:2023年年初预算数410.20万元,其中:一般公共预算拨款190.20万元,事业收入230万元,其他收入0万元;上年结转结余资金18.40万元;收入较去年增加12.00万元。\n", True),
        # a 收入预算总额 that holds the carryover adds up with it
        ("list_sum", "收入预算总额为428.60万元,其中:一般公共预算拨款180.20万元,事业收入230万元;上年结转结余资金18.40万元。\n", False),
        # 支出总计 below 本年支出合计: the grand total holds this year's total and the carryover
        ("item_exceeds_total", "2021年度收入总计812.40万元，支出总计806.10万元。本年支出合计809.50万元，其中基本支出300.20万元。\n", True),
        ("item_exceeds_total", "2021年度收入总计812.40万元，支出总计812.40万元。本年支出合计809.50万元，其中基本支出300.20万元。\n", False),
        ("item_exceeds_total", "2021年度财政拨款支出总计806.10万元。一般公共预算财政拨款支出合计809.50万元。\n", False),  # two scopes
        # a closing reason of the 三公 total, in the last item's section, covers every item that fell with it
        ("missing_explanation", _CLOSING_TOTAL_REASON.format(vehicle="减少"), False),
        ("missing_explanation", _CLOSING_TOTAL_REASON.format(vehicle="增加"), True),  # an item that rose is not covered
        # a cause stated first in the change's own sentence explains it (因…，故…增加)
        ("missing_explanation", "因本年度新增一个车辆编制，故我单位2024年公务用车运行维护费增加3万元。\n\n关闭窗口\n", False),
        ("missing_explanation", "我单位2024年公务用车运行维护费增加3万元。\n\n关闭窗口\n", True),
        # a rate restating that explained change (31 − 28 = 3)
        ("missing_explanation", "因本年度新增一个车辆编制，故2024年公务用车运行维护费增加3万元。本年度公务用车运行维护费为31万元，比去年同期28万元增长了10.71%\n\n关闭窗口 打印本页\n", False),
        # a page whose last line is its footer was not cut: a change at its end needs its reason there
        ("missing_explanation", "本年度公务接待费为25万元，比去年同期27.5万元减少了9.09%\n\n某县某局\n\n2025年1月10日\n\n关闭窗口 打印本页\n", True),
        # …an excerpt cut off just after the next heading may hold the reason beyond the cut
        ("missing_explanation", "（一）收入预算\n\n2024年收入预算总额800.00万元，比上年增加20.00万元，增长2.56%。\n\n（二）支出预算\n\n2024年支出预算总额", False),
        # the year and unit of a column's header do not hide it: the prose figure has its column
        ("prose_table_mismatch", "附：“三公”经费2019年决算和2020年预算情况表\n项目 | 2019年决算(万元) | 2020年预算(万元) |\n因公出国(境)经费 | 2 | |\n公务接待费 | 12.5 | 12.8 |\n"
         "2019年因公出国(境)经费支出2万元。2020年安排公务接待费预算12.8万元。\n", False),
        # 支出 = 基本支出 + 项目支出, also for a whole named for both sides (收入支出预算) and for its changes
        ("list_sum", "2024年财政拨款收入支出预算500.00万元，比2023年增加60.00万元。其中基本支出预算300.00万元，比2023年增加20.00万元；"
         "项目支出预算200.00万元，比2023年增加30.00万元。\n", True),
        ("list_sum", "2024年财政拨款收入支出预算500.00万元，比2023年增加50.00万元。其中基本支出预算300.00万元，比2023年增加20.00万元；"
         "项目支出预算200.00万元，比2023年增加30.00万元。\n", False),
        ("list_sum", "本年支出预算合计800.00万元，其中：基本支出500.00万元，项目支出250.00万元。\n", True),
        # …but not when a further part stands beside them, named in the taxonomy or not
        ("list_sum", "本年支出预算合计800.00万元，其中：基本支出500.00万元，项目支出250.00万元，不可预见费50.00万元。\n", False),
        ("list_sum", "支出预算总计800.00万元。基本支出预算数为500.00万元，主要原因是人员增加" + "，人员经费政策性调增" * 20 + "。"
         "项目支出预算数为250.00万元，主要原因是新增信息系统运维" + "，工作任务增加" * 20 + "。单位预留机动经费预算数为50.00万元。\n", False),
        # a class followed by its only item at the same figure is that class restated, not another part
        ("list_sum", "支出预算400.00万元，其中：教育支出300.00万元，普通教育支出300.00万元，社会保障和就业支出60.00万元，住房保障支出40.00万元。\n", False),
        ("list_sum", "支出预算400.00万元，其中：教育支出300.00万元，社会保障和就业支出160.00万元，住房保障支出40.00万元。\n", True),
        # a 三公 figure stated in prose whose row the table prints blank (a bare one-cell-per-line table), said once
        ("prose_table_mismatch", "一、2018年“三公”经费支出预算表\n项目\n预算数(万元)\n合计\n3.1\n因公出国(境)费\n0\n公务接待费\n公务用车购置及运行费\n"
         "二、2018年“三公”经费支出预算情况说明\n某局2018年度“三公”经费支出预算为3.1万元。其中:公务接待费支出预算为3.1万元,公务用车购置及运行费支出预算为0万元。\n", True),
        ("prose_table_mismatch", "一、2018年“三公”经费支出预算表\n项目\n预算数(万元)\n合计\n3.1\n因公出国(境)费\n0\n公务接待费\n3.1\n公务用车购置及运行费\n"
         "二、2018年“三公”经费支出预算情况说明\n某局2018年度“三公”经费支出预算为3.1万元。其中:公务接待费支出预算为3.1万元,公务用车购置及运行费支出预算为0万元。\n", False),
        # a rate off by 0.1 point where the printed figures leave no room for it; whole 万元 figures do
        ("change_arithmetic", "收入预算11711.64万元,比上年减少3399.57万元,减少22.40%。主要原因是项目减少。\n", True),
        ("change_arithmetic", "收入预算11711.64万元,比上年减少3399.57万元,减少22.50%。主要原因是项目减少。\n", False),
        ("change_arithmetic", "收入预算16万元,比上年增加2万元,增长14.5%。主要原因是人员增加。\n", False),
        # the change measured from last year's figure named in its sentence
        ("change_arithmetic", "2018年决算总收入2988625元,较2017年决算总收入2794494元,增加了194131元,增加6.95%,增加原因人员晋级晋档调资。\n", False),
        ("change_arithmetic", "2018年决算总收入2988625元,较2017年决算总收入2794494元,增加了194131元,增加6.49%,增加原因人员晋级晋档调资。\n", True),
        # reasons led by 增加原因 or by …小于上年决算数的主要情况：
        ("missing_explanation", "2018年决算总收入2988625元,较2017年决算总收入2794494元,增加了194131元,增加6.95%,增加原因人员晋级晋档调资。\n", False),
        ("missing_explanation", "某街道2024年度“三公”经费财政拨款支出决算为34.08万元,比上年决算数减少1.55万元,下降4.4%。\n"
         "2024年度“三公”经费支出决算小于上年决算数的主要情况:新购车辆能耗及维保成本下降,公务用车运维费相应减少。\n", False),
        ("missing_explanation", "某街道2024年度“三公”经费财政拨款支出决算为34.08万元,比上年决算数减少1.55万元,下降4.4%。\n", True),
        # a total's share of a whole stated nowhere else, and a part's breakdown in brackets, are no list errors
        ("share_sum", "本年收入合计521.49万元,占总收入99.90%,包括财政拨款收入494.34万元(其中,一般公共预算494.34万元,政府性基金预算0万元),占94.79%;其他收入27.14万元,占5.20%。\n", False),
        ("list_sum", "本年收入合计521.49万元,占总收入99.90%,包括财政拨款收入494.34万元(其中,一般公共预算494.34万元,政府性基金预算0万元),占94.79%;其他收入27.14万元,占5.20%。\n", False),
        ("share_sum", "本年收入合计521.49万元,包括财政拨款收入494.34万元,占84.79%;其他收入27.14万元,占5.20%。\n", True),
        # a text that stops after the first item of a numbered list was cut: its changes' reasons may follow
        ("missing_explanation", "一、部门预算情况\n(一)收入预算\n2021年收入预算2595万元,比2020年增加217.31万元。\n1、一般公共预算2595万元,比2020年增加217.31万元。\n", False),
        ("missing_explanation", "一、部门预算情况\n(一)收入预算\n2021年收入预算2595万元,比2020年增加217.31万元。\n(二)支出预算\n2021年支出预算2595万元。\n", True),
        # one total split two ways in a paragraph: each list of shares adds up to 100 %
        ("share_sum", "支出总计512.3万元。按支出经济分类:基本支出392.39万元,占76.59%;项目支出119.91万元,占23.41%。按支出功能分类:一般公共服务支出315.25万元,占61.54%;"
         "社会保障和就业支出162.64万元,占31.75%;住房保障支出12.23万元,占2.39%;卫生健康支出22.17万元,占4.32%。\n", False),
        ("share_sum", "支出总计512.3万元。按支出经济分类:基本支出392.39万元,占76.59%;项目支出119.91万元,占25.41%。\n", True),
        # one total split two ways in one 其中 list: the first split closes on the total, the second must too
        ("list_sum", "我校2016年收入预算总额为6488440元,其中,人员经费为6157140元,日常公用经费为331300元,财政补助收入为6404400元,其他收入为80000元。\n", True),
        ("list_sum", "我校2016年收入预算总额为6488440元,其中,人员经费为6157140元,日常公用经费为331300元,财政补助收入为6408440元,其他收入为80000元。\n", False),
        # the figure a change is measured from is no item, however garbled (比2017年 glued to its amount)
        ("item_exceeds_total", "2018年收入预算41926.94万元。基本支出40454.53万元,比201736821.86万元增加3632.67万元。\n", False),
        # a reason whose lead-in names the item and its direction covers that item's change, wherever attached
        ("missing_explanation", "2019年某区“三公”经费预算总额1,938万元,同比增长20.07%;其中:公务接待费393万元,同比下降9.24%;"
         "公车运行维护费1118万元,同比下降0.8%。2019年“三公”经费预算增长的主要原因:年初预算安排车辆购置费384万元。\n", False),
        ("missing_explanation", "2019年某区“三公”经费预算总额1,938万元,同比增长20.07%;其中:公务接待费393万元,同比下降9.24%;"
         "公车运行维护费1118万元,同比下降0.8%。2019年公务接待费减少的主要原因:压减接待。\n", True),
        # an amount printed with no unit beside its sentence's 万元 amounts
        ("unit_suspect", "收入预算100万元，支出预算100万元，基本支出80万元，项目支出20万元，三公经费5万元。\n"
         "预算总收入65625.52万元(本年收入65435.35,上年结转190.17万元)。\n", True),
        ("unit_suspect", "收入预算100万元，支出预算100万元，基本支出80万元，项目支出20万元，三公经费5万元。\n"
         "预算总收入65625.52万元(本年收入65435.35万元,上年结转190.17万元)。\n", False),
        # a list after a colon ends at the next numbered item, whatever parts it with semicolons
        ("list_sum", "按支出项目类别:1、基本支出246.59万元,包括:人员经费支出215.59万元,公用经费支出31万元;2、项目支出130万元.\n", False),
        ("list_sum", "按支出项目类别:1、基本支出246.59万元,包括:人员经费支出215.59万元,公用经费支出41万元;2、项目支出130万元.\n", True),
        # a fill-in count left as asterisks; markdown bold around a number is none
        ("template_residue", "本单位包括行政单位1个，参照公务员法管理的事业单位**个。\n", True),
        ("template_residue", "本单位包括行政单位**1**个，事业单位**2**个。\n", False),
        # one reason with its amount given twice, with two different years
        ("claim_contradiction", "一、收支总体情况\n收入预算500.00万元，较上年增加100.00万元，主要是因为2024年含上级转移支付80万元。\n"
         "二、财政拨款情况\n项目支出预算300.00万元，比2023年增加90.00万元，主要是因为2023年含上级转移支付80万元。\n", True),
        ("claim_contradiction", "一、收支总体情况\n收入预算500.00万元，较上年增加100.00万元，主要是因为2024年含上级转移支付80万元。\n"
         "二、财政拨款情况\n项目支出预算300.00万元，比2023年增加90.00万元，主要是因为2024年含上级转移支付80万元。\n", False),
        # headings of a 决算 template left in a 预算 (its contents list and a body heading)
        ("template_residue", "某某镇2021年部门预算\n目 录\n一、主要职能\n二、单位决算构成\n三、收支预算总体情况\n四、收入预算情况\n五、支出预算情况\n"
         "六、一般公共预算支出预算情况\n第三部分 政府性基金决算\n一、主要职能\n负责全镇事务。\n三、收支预算总体情况\n收支预算总额100万元。\n"
         "四、收入预算情况\n收入预算100万元。\n五、支出预算情况\n支出预算100万元。\n", True),
        # …not a heading on last year's 决算, which a budget may report, nor a 决算 page's own headings
        ("template_residue", "某某镇2021年部门预算\n一、2020年决算情况\n2020年决算支出90万元。\n二、收支预算总体情况\n收支预算总额100万元。\n"
         "三、收入预算情况\n收入预算100万元。\n四、支出预算情况\n支出预算100万元。\n", False),
        ("template_residue", "某某镇2021年部门决算\n一、收入支出决算总体情况说明\n收入决算100万元。\n二、支出决算情况说明\n支出决算100万元。\n", False),
        # a sentence opening on its own year is measured from the year before that one (a page of 2011 决算 and 2012 预算)
        ("year_mismatch", "某厅“三公”经费2011年决算和2012年预算情况如下：\n2011年因公出国(境)经费支出47.81万元。\n"
         "2012年，拟安排出国(境)经费预算74.60万元，较2011年决算增加26.79万元。\n", False),
        ("year_mismatch", "某厅“三公”经费2011年决算和2012年预算情况如下：\n2011年因公出国(境)经费支出47.81万元。\n"
         "2012年，拟安排出国(境)经费预算74.60万元，较2009年决算增加26.79万元。\n", True),
        # the scope sentence names the document's own year
        ("year_mismatch", "某幼儿园2021年度部门决算\n纳入本部门2020年度决算编制的二级预算单位共1个。\n", True),
        ("year_mismatch", "某幼儿园2021年度部门决算\n纳入本部门2021年度决算编制的二级预算单位共1个。\n", False),
        # the figure's year is the last one named before the baseline, other than the baseline's own
        ("year_mismatch", "某医院2018年部门预算\n1.2018年基本支出634.71万元,2017年基本支出1197.92万元,2018年比2017年减少563.21万元。\n", False),
        ("year_mismatch", "某局2015年部门决算\n2015年决算支出合计141.55万元,2014年为107.89万元,较2014年增加33.66万元,增加31%。\n", False),
        ("year_mismatch", "某局2015年部门决算\n2015年决算支出合计141.55万元,2014年为107.89万元,较2013年增加33.66万元,增加31%。\n", True),
    ],
)
def test_a_check_fires_where_the_genre_says_and_only_there(check: str, text: str, fires: bool):
    assert (check in checks_of(text)) is fires


@pytest.mark.parametrize(
    ("lines", "over"),
    [
        # the numbered lines under 其中： add up to more than the total they are listed under
        (["1.财政拨款收入300.50万元，较上年减少10.00万元。", "2.事业收入80.25万元，为业务收入。", "3.上年结转和结余6.00万元。"], True),
        # a partial list (fewer parts than the total) is the genre's habit
        (["1.财政拨款收入300.50万元，较上年减少10.00万元。", "2.事业收入80.25万元，为业务收入。"], False),
        # every part listed, adding up
        (["1.财政拨款收入300.50万元。", "2.事业收入80.25万元。", "3.上年结转和结余-0.00万元。"], False),
    ],
)
def test_numbered_parts_under_a_total(lines: list[str], over: bool):
    text = "（一）收入决算情况。2023年度，收入总计为380.75万元，其中：\n" + "\n".join(lines) + "\n"
    assert ("list_sum" in checks_of(text)) is over


SANGONG_FINAL = (
    "一、“三公”经费支出决算总体情况说明。\n"
    "2023年度“三公”经费支出预算为{total}万元，支出决算为30.00万元，完成预算的{rate}%。\n"
    "二、“三公”经费支出决算具体情况说明。\n"
    "（一）因公出国（境）费支出决算0万元，比预算数增加（减少）0万元。主要原因是未安排出国团组。\n"
    "（二）公务用车购置及运行费支出决算24.00万元，比{base}减少6.00万元，下降20.00%。主要原因是压减用车。\n"
    "（三）公务接待费支出决算6.00万元，比{base}减少4.00万元，下降40.00%。主要原因是压减接待。\n"
)


@pytest.mark.parametrize(
    ("total", "rate", "base", "wrong"),
    [
        ("40.00", "75.00", "预算数", False),  # 30 + 10 = 40: the items' budgets add up
        ("50.00", "60.00", "预算数", True),  # the items' budgets add to 40, not 50
        ("50.00", "60.00", "上年", False),  # gaps against last year say nothing of the budget
    ],
)
def test_item_budgets_implied_by_their_gaps_add_up_to_the_total(total: str, rate: str, base: str, wrong: bool):
    text = SANGONG_FINAL.format(total=total, rate=rate, base=base)
    assert ("list_sum" in checks_of(text)) is wrong


def test_a_parts_own_breakdown_in_brackets_is_not_another_part():
    text = ("2021年度“三公”经费35万元，其中：因公出国(境)费0万元，公务用车购置及运行维护费18万元(公务用车购置费0万元、"
            "公务用车运行维护费18万元)，公务接待费17万元。\n")
    assert "list_sum" not in checks_of(text)
    assert "list_sum" in checks_of(text.replace("公务接待费17万元", "公务接待费21万元"))  # 0 + 18 + 21 ≠ 35, beyond whole-万 rounding


def test_one_item_of_two_scopes_wrapped_over_lines_is_no_contradiction():
    # 商品和服务支出 of the basic and of the project budget, each with its own amount on the line above its change
    text = ("1. 基本支出预算 800000 元，同比减少 5000 元。其中：\n商品和服务支出预算 300000.50 元，占基本支出预算\n37.5%，同比减少 20000 元，下降 6.25%。\n"
            "2. 项目支出 200000 元，同比增加 30000 元。其中：\n商品和服务支出 150000 元，占项目支出预算 75%，同比\n增加 30000 元，增长 25%。\n")
    assert "claim_contradiction" not in checks_of(text)


def test_a_sangong_total_is_explained_by_its_items_reasons_in_their_own_sections():
    text = ("2021年某局“三公”经费财政拨款预算安排389000元,比上年预算增56400元。具体情况如下:\n(一)公务接待费\n"
            "安排公务接待费64000元,比上年预算减15600元,同比下降19.60%。主要是严格执行厉行节约。\n(二)公务用车运行维护费\n"
            "安排公务用车运行维护费325000元,比上年预算增72000元。主要原因是监测任务增加。\n")
    assert "missing_explanation" not in checks_of(text)
    # an item that moved the other way explains nothing about the total
    assert "missing_explanation" in checks_of(text.replace("比上年预算增72000元。主要原因是监测任务增加", "比上年预算减72000元。主要原因是车辆减少"))


def test_details_that_follow_beyond_the_cut_may_explain():
    text = ("2011年,某厅“三公经费”支出535.81万元,较上年减少12%,其中,公务接待费83.95万元,较上年减少7%。具体如下:\n"
            "(一)因公出国(境)经费\n全年实际安排因公出国(境)团组33个,主要用于经贸洽谈活动,赴德国举办投资促进")
    assert "missing_explanation" not in checks_of(text)
    assert "missing_explanation" in checks_of(text + "活动。\n")  # not cut off: the details are all there


def test_another_items_explained_change_in_the_sentence_explains_nothing():
    text = ("“三公”经费31.23万元。较上年增加15.15万元。其中:公务接待费减少0.26万元,公务用车运行维护费增加14.79万元。\n"
            "2、公车运行费\n公务用车运行维护费28.91万元,较上年增加14.79万元,原因为油价上涨。\n")
    found = [f for f in extract_document(text, is_text=True).findings if f.check == "missing_explanation"]
    assert any("公务接待费" in f.message for f in found)


def test_a_change_of_the_bare_income_is_of_the_paragraphs_total():
    text = "2024年本部门收入预算7018.51万元,其中,一般公共预算财政拨款收入7018.51万元。收入较上年增加2042.52万元,增加30.14%,主要是人员增加。\n"
    assert "change_arithmetic" in checks_of(text)
    assert "change_arithmetic" not in checks_of(text.replace("30.14%", "41.05%"))


def test_a_class_list_ends_at_the_next_numbered_heading_on_one_line():
    text = ("三、部门收支概况 (一)2017年初预算支出275.72万元,其中:一般公共服务支出(201类)177.26万元,社会保障和就业支出(208类)98.46万元。"
            " 四、一般公共预算拨款支出 2017年一般公共预算拨款支出226.72万元,其中:一般公共服务支出(201类)177.26万元,社会保障和就业支出(208类)49.46万元。\n")
    assert "list_sum" not in checks_of(text)


def test_a_paragraph_repeated_under_another_heading_is_not_reported():
    para = "一般行政管理事务支出主要用于机关日常运转、信息化建设、档案管理和专项业务工作的开展，保障部门正常履职。\n\n"
    text = CLEAN.replace("三、财政拨款", para + "三、财政拨款").replace("四、其他重要事项", para + "四、其他重要事项")
    assert "duplicate_text" not in checks_of(text)


def test_repeated_paragraph_is_found_once():
    para = "一般行政管理事务支出主要用于机关日常运转、信息化建设、档案管理和专项业务工作的开展，保障部门正常履职。\n\n"
    text = CLEAN.replace("四、其他重要事项", para + para + "四、其他重要事项")
    found = [f for f in extract_document(text, is_text=True).findings if f.check == "duplicate_text"]
    assert len(found) == 1
    assert found[0].span is not None and text[found[0].span[0] : found[0].span[1]] == para.strip()


def test_rounding_gap_of_one_cent_across_tables_is_info():
    text = CLEAN.replace("2010302\t一般行政管理事务\t120.00\t120.00\t0.00\n", "2010302\t一般行政管理事务\t120.01\t120.01\t0.00\n")
    found = [f for f in extract_document(text, is_text=True).findings if f.check == "table_cross_mismatch"]
    assert found and {f.severity for f in found} == {"info"}


@pytest.mark.parametrize(
    "column, title, kind, year, expected",
    [
        ("决算数 > 基本支出", "一般公共预算财政拨款支出决算表", "决算", 2023, "决算数"),
        ("年初预算数", "一般公共预算财政拨款支出决算表", "决算", 2023, "年初预算"),
        ("调整预算数", "一般公共预算财政拨款支出决算表", "决算", 2023, "调整预算"),
        ("全年预算数", "财政拨款收入支出决算总表", "决算", 2023, "调整预算"),
        ("合计", "支出决算表", "决算", 2023, "决算数"),
        ("本年收入 > 一般公共预算", "部门收支总表", "预算", 2024, "预算数"),
        ("合计", "部门收支总表", None, 2024, None),
        ("上年预算数", "部门收支总表", "预算", 2024, "上年"),
        ("2023年预算数", "部门收支总表", "预算", 2024, "上年"),
        ("2024年预算数", "部门收支总表", "预算", 2024, "预算数"),
        ("增减", "一般公共预算“三公”经费支出表", "预算", 2024, "增减"),
        ("增减率", "一般公共预算“三公”经费支出表", "预算", 2024, "比例"),
        ("执行数", "一般公共预算“三公”经费支出表", "预算", 2024, "决算数"),
        # a year and a unit around the figure's name (2019年决算和2020年预算情况表)
        ("2020年预算(万元)", "“三公”经费2019年决算和2020年预算情况表", "三公", 2020, "预算数"),
        ("2019年决算(万元)", "“三公”经费2019年决算和2020年预算情况表", "三公", 2020, "上年"),
    ],
)
def test_column_figure_type(column, title, kind, year, expected):
    assert column_figure_type(column, title, kind, year) == expected


@pytest.mark.parametrize(
    "text, number, kind, doc_kind, expected",
    [
        ("（三）事业运行（2080104）年初预算为36.50万元", "36.50", "amount", "决算", "年初预算"),
        ("年初预算为36.50万元，支出决算为35.12万元", "35.12", "amount", "决算", "决算数"),
        ("调整预算数为40.00万元", "40.00", "amount", "决算", "调整预算"),
        ("全年预算为5.00万元", "5.00", "amount", "决算", "调整预算"),
        ("2023年预算执行数1822.46万元，2024年预算安排922.02万元", "1822.46", "amount", "预算", "上年"),
        ("2023年预算执行数1822.46万元，2024年预算安排922.02万元", "922.02", "amount", "预算", "预算数"),
        ("上年预算数为30.00万元", "30.00", "amount", "预算", "上年"),
        ("本年收入合计12.00万元", "12.00", "amount", "决算", "决算数"),
        ("本年收入合计12.00万元", "12.00", "amount", "预算", None),
        ("比上年增加3.00万元", "3.00", "change", "预算", "增减"),
        ("占支出总额的21.45%", "21.45", "percent", "预算", "比例"),
        # 安排 is what a budget does: on a page of both, a plain amount after it claims neither
        ("2024年安排公车运行维护费18.20万元", "18.20", "amount", "决算", None),
        # a sentence opening on an earlier year speaks of that year's figures, however long its lead
        ("2023年某局执行公务、开展业务活动共开支出交通费、住宿费等公务接待费43.75万元", "43.75", "amount", "决算", "上年"),
        ("2023年某局公务接待费43.75万元，2024年某局安排公务接待费预算44.58万元", "44.58", "amount", "预算", "预算数"),
    ],
)
def test_prose_figure_type(text, number, kind, doc_kind, expected):
    assert prose_figure_type(text, text.index(number), kind=kind, doc_kind=doc_kind, doc_year=2024) == expected


def test_compatibility():
    assert compatible(None, "决算数") and compatible("年初预算", None)
    assert compatible("年初预算", "年初预算") and compatible("预算数", "年初预算")
    assert not compatible("年初预算", "决算数") and not compatible("上年", "预算数")


def _aligned(text: str) -> dict[str, tuple[str, float, str]]:
    r = extract_document(text, is_text=True)
    by_id = {f.fact_id: f for f in r.facts}
    return {by_id[a.fact_id].surface.removesuffix("万元"): (a.column, a.table_value, a.status) for a in r.alignments}


def test_final_accounts_figures_align_to_their_own_columns():
    got = _aligned(CLEAN)
    assert got["400.00"] == ("年初预算数", 400.0, "consistent")
    assert got["380.00"] == ("本年支出合计", 380.0, "consistent")  # 支出决算表: a 决算数 column by its title
    assert got["100.00"] == ("年初预算数", 100.0, "consistent")


def test_a_budget_figure_near_the_actual_is_not_a_mismatch_with_the_actual():
    # 年初预算 210.40 and 决算 208.95 of one row: close enough to be called a near miss, but they are
    # different figures — the prose 年初预算 pairs with its own column and agrees
    text = CLEAN.replace("年初预算为400.00万元，支出决算为380.00万元，完成年初预算的95.00%", "年初预算为210.40万元，支出决算为208.95万元，完成年初预算的99.31%")
    text = text.replace("2010301\t行政运行\t400.00\t380.00\t380.00\t0.00", "2010301\t行政运行\t210.40\t208.95\t208.95\t0.00")
    text = text.replace("2010301\t行政运行\t380.00\t380.00\t0.00", "2010301\t行政运行\t208.95\t208.95\t0.00")
    text = text.replace("2010301\t行政运行\t380.00\t380.00\t0.00", "2010301\t行政运行\t208.95\t208.95\t0.00")
    r = extract_document(text, is_text=True)
    assert "prose_table_mismatch" not in {f.check for f in r.findings}
    assert _aligned(text)["210.40"] == ("年初预算数", 210.4, "consistent")


def test_figure_types_are_recorded_on_facts_and_cells():
    r = extract_document(CLEAN, is_text=True)
    by_surface = {f.surface.removesuffix("万元"): f.figure_type for f in r.facts if f.kind == "amount"}
    assert by_surface["400.00"] == "年初预算" and by_surface["380.00"] == "决算数"
    cols = {(c.table_title, c.column): c.figure_type for c in r.cells}
    assert cols[("一般公共预算财政拨款支出决算表", "年初预算数")] == "年初预算"
    assert cols[("支出决算表", "本年支出合计")] == "决算数"


# Every part of a whole's complete split (metrics.json `partitions`) stated after the whole: the parts
# add up to it — amounts and changes against one baseline alike — within the printed rounding.
@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # changes of the three economic classes under 基本支出's change: +94.22 + 1.11 − 16.23 = 79.10, not 59.11
        ("2024年基本支出较上年增加59.11万元，其中：工资福利支出增加94.22万元，商品和服务支出增加1.11万元，对个人和家庭的补助减少16.23万元。\n", True),
        ("2024年基本支出较上年增加79.10万元，其中：工资福利支出增加94.22万元，商品和服务支出增加1.11万元，对个人和家庭的补助减少16.23万元。\n", False),
        # the parts in their own numbered lines, each with its reason
        ("基本支出预算较上年增 59.11万元,增幅22% 。主要变动原因如下:\n1.工资福利支出较上年增94.22万元。主要原因是增资。\n"
         "2.商品和服务支出较上年增1.11万元。主要原因是新增人员。\n3.对个人和家庭补助支出较上年减少16.23万元。主要原因是退休人员减少。\n", True),
        # a fourth class named beside them (资本性支出): three classes are not all of 基本支出 here
        ("基本支出1220.94万元，较上年减少465.92万元，其中：工资福利支出891.52万元，商品和服务支出295.44万元，对个人和家庭的补助3.61万元，资本性支出30.37万元。\n", False),
        # changes against another baseline are not the parts of this change
        ("“三公”经费较上年减少19万元，较年初预算减少4万元。其中：公务用车购置及运行维护费较上年减少16万元，较年初预算减少2万元；"
         "公务接待费较上年减少3万元，较年初预算减少2万元；因公出国（境）费较上年无变化，较年初预算无变化。\n", False),
        # the three 三公 items listed after the total: 0 + 8.3 + 4.5 = 12.8, not 12.5 (a printed 0 is exactly nothing)
        ("“三公”经费财政拨款支出预算为12.5万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费8.3万元，公务接待费4.5万元。\n", True),
        ("“三公”经费财政拨款支出预算为12.8万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费8.3万元，公务接待费4.5万元。\n", False),
        # 基本支出 = 人员经费 + 公用经费, stated in the next sentence
        ("基本支出100.00万元。其中人员经费80.00万元，公用经费30.00万元。\n", True),
        ("基本支出110.00万元。其中人员经费80.00万元，公用经费30.00万元。\n", False),
    ],
)
def test_parts_of_a_complete_split_add_up_to_their_whole(text: str, fires: bool):
    assert ("list_sum" in checks_of(text)) is fires


def test_an_unstated_part_spent_nothing_bounds_the_wholes_change():
    # 因公出国(境)费 was 0, so its change against the budget is at most 0: the other items' −4 − 1 = −5
    # leave the whole at −5 or below, never −4 (info: the reader sees why)
    text = ("“三公”经费20.5万元，其中：因公出国(境)费0万元，公务用车购置及运行维护费12.5万元，公务接待费8.0万元。"
            "“三公”经费较年初预算数减少4.0万元。公务用车购置及运行维护费较年初预算数减少4.0万元，公务接待费较年初预算数减少1.0万元。\n")
    found = [f for f in extract_document(text, is_text=True).findings if f.check == "list_sum"]
    assert [f.severity for f in found] == ["info"]
    assert "list_sum" not in checks_of(text.replace("减少4.0万元。公务用车购置", "减少5.0万元。公务用车购置"))


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("公务用车运行维护费2.94万元，比去年3.01万元少0.07万元，基本持平。\n", False),  # called negligible by the text itself
        ("公务用车运行维护费2.94万元，比去年3.61万元少0.67万元，下降18.56%。\n", True),
    ],
)
def test_a_change_the_text_calls_flat_needs_no_reason(text: str, fires: bool):
    assert ("missing_explanation" in checks_of(text)) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # a list that ends with the catch-all names every part: 300 + 100 + 50 = 450 ≠ 500 (after the total's own change)
        ("2024年部门预算总收入500.00万元，比上年增加20.00万元，增长4.17%。其中：财政拨款300.00万元，占60.00%；事业收入100.00万元，占20.00%；其他收入50.00万元，占10.00%。\n", True),
        ("2024年部门预算总收入500.00万元，比上年增加20.00万元，增长4.17%。其中：财政拨款300.00万元，占60.00%；事业收入150.00万元，占30.00%；其他收入50.00万元，占10.00%。\n", False),
        # without the catch-all, a 其中 list may leave parts out
        ("2024年部门预算总收入500.00万元。其中：财政拨款300.00万元，事业收入100.00万元。\n", False),
        # a breakdown in brackets after the total's sentence: 75 + 30 + 6 = 111 > 108
        ("1、干部培训支出108.00万元。(包含人员支出75.00万元、项目支出30.00万元、不可预见费6.00万元)\n", True),
        ("1、干部培训支出111.00万元。(包含人员支出75.00万元、项目支出30.00万元、不可预见费6.00万元)\n", False),
        # a bracketed 其中 list ends where the bracket closes: the next item is no part
        ("“三公”经费95.00万元，其中：公务用车购置及运行维护费60.00万元(其中：公务用车购置费20.00万元，公务用车运行维护费40.00万元)，比上年增加5.00万元；公务接待费35.00万元。\n", False),
        # what a part is spent on is not the next part
        ("部门支出预算900.00万元，其中：教育100.00万元，主要用于所属学校基本支出；卫生健康800.00万元，主要用于医院补助500.00万元、人才培养60.00万元等项目支出。\n", False),
        # last year's figure the change is measured from is no total for the list that follows
        ("“三公”经费预算总额为180万元，较2024年的200万元减少20万元；其中：因公出国(境)费10万元，公务接待费50万元，公务用车购置及运行维护费120万元。\n", False),
    ],
)
def test_listed_parts_against_their_total(text: str, fires: bool):
    assert ("list_sum" in checks_of(text)) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # a total's change broken down into its parts' changes is accounted for by them
        ("2023年总收入860.00万元。相比2022年的总收入900.00减少40.00万元，下降4.44%。其中，财政补助收入减少60.00万元；事业收入增长20.00万元。\n", False),
        # …but a 三公 total needs reasons: listing its items' changes explains nothing
        ("2023年“三公”经费决算6.20万元，较上年减少4.10万元，下降39.80%。其中，公务接待费减少3.00万元，公务用车运行维护费减少1.10万元。\n", True),
        # a small change needs its reason too (reviewers of two blind sets filed a 0.31 % fall)
        ("2023年部门预算总收入1200.00万元，比上年增加6.00万元，增长0.50%。\n", True),
        ("2023年部门预算总收入1200.00万元，比上年增加60.00万元，增长5.26%。\n", True),
    ],
)
def test_which_changes_need_a_reason(text: str, fires: bool):
    assert ("missing_explanation" in checks_of(text)) is fires


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        # this year's and last year's figures in two lists, the change stated alone after them: 9.64 − 10.49 = −0.85, not −0.75
        ("一、2024年“三公”经费预算安排情况\n2024年度“三公”经费预算总计20.04万元，其中：公务接待9.64万元，公务用车运行费用10.4万元。\n"
         "二、2023年“三公”经费决算情况\n2023年度“三公”经费合计支出21.09万元，其中：公务接待10.49万元，公务用车运行费用10.6万元。\n"
         "公务接待较上年同期减少0.75万元。\n", "warning"),
        # far from fitting (another scope's figure, most likely): not judged
        ("一、2024年“三公”经费预算安排情况\n2024年度公务接待1.35万元。\n二、2023年“三公”经费决算情况\n2023年度公务接待12.39万元。\n"
         "公务接待较上年同期减少0.58万元。\n", None),
        # a last-digit gap is rounding: 11.8 − 12.39 = −0.59 against −0.58
        ("一、2024年“三公”经费预算安排情况\n2024年度公务接待11.8万元。\n二、2023年“三公”经费决算情况\n2023年度公务接待12.39万元。\n"
         "公务接待较上年同期减少0.58万元。\n", "info"),
        ("一、2024年“三公”经费预算安排情况\n2024年度公务接待11.8万元。\n二、2023年“三公”经费决算情况\n2023年度公务接待12.39万元。\n"
         "公务接待较上年同期减少0.59万元。\n", None),
    ],
)
def test_a_change_against_the_two_years_figures_stated_elsewhere(text: str, severity: str | None):
    found = [f.severity for f in extract_document(text, is_text=True).findings if f.check == "change_arithmetic"]
    assert found == ([severity] if severity else [])
