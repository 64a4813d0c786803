"""Reasons introduced without 主要原因, where they end, and which fact they explain."""

import pytest

from extract.ingest import document_from_text
from extract.pipeline import RANKERS, process


def _reasons(text: str) -> tuple:
    """The rules alone: the reason ranker may re-point a reason, these tests are about the rules."""
    r = process(document_from_text(text + "\n"), skip=RANKERS)
    return r, [f for f in r.facts if f.kind == "reason"]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("公务接待费支出预算4万元，比2021年预算减少4万元，下降50%，下降原因主要是压缩开支，减少接待次数。", "压缩开支，减少接待次数"),
        ("公务用车购置费支出预算0.00万元，比2020年预算减少12.00万元，下降原因主要为事业单位公车改革。", "事业单位公车改革"),
        ("2018年决算总收入2988625元,增加了194131元,增加6.95%,增加原因人员晋级晋档调资。", "人员晋级晋档调资"),
        ("“三公”经费支出决算为34.08万元,比上年决算数减少1.55万元。“三公”经费支出决算小于上年决算数的主要情况:新购车辆能耗及维保成本下降,公务用车运维费相应减少。", "新购车辆能耗及维保成本下降,公务用车运维费相应减少"),
        ("2020年度的“三公”经费支出减少了1093.92万元，下降了36.2%。这主要是受到新冠疫情防控措施的影响。", "受到新冠疫情防控措施的影响"),
        ("因公出国（境）费支出为0万元，这是因为单位暂停了因公出国（境）活动。", "单位暂停了因公出国（境）活动"),
        (
            "公务用车运行费50万元，比2021年预算减少10万元，下降16.67%，下降原因主要是厉行节约，减少公务用车支出，该项经费主要用于车辆燃料费、维修费等支出。",
            "厉行节约，减少公务用车支出",
        ),
        # a reason goes on over a semicolon to the next change it lists (no comparison, no reason of its own)
        ("支出较去年增加29.48万元,主要是基本支出增加76.05万元;项目支出增加1.86万元。", "基本支出增加76.05万元;项目支出增加1.86万元"),
        ("收、支与2023年度相比,减少17.84万元,主要原因是降本增效,公用经费减少;项目资金压减9.00万元。", "降本增效,公用经费减少;项目资金压减9.00万元"),
        # …but not into the next item's own statement
        ("公务接待费3万元,比上年减少1万元,主要原因是接待减少;公务用车运行费5万元,比上年减少1万元。", "接待减少"),
        # a doubled lead-in is no part of the reason; a consequence after the cause ends it
        ("收入增加23.74万元,增长3%,主要原因是主要是由于乡镇人员增加。", "乡镇人员增加"),
        ("支出增加16.1万元,增长2.4%,主要原因是基础设施建设投入增加从而致使乡镇支出增加。", "基础设施建设投入增加"),
        # an enumeration goes on past a full stop when its first ordinal was stated
        ("公务用车运行维护费28.91万元,较上年增加14.79万元,原因为:一是油价上涨。二是车辆老旧故障多,三是出车增加。", "一是油价上涨。二是车辆老旧故障多,三是出车增加"),
        # a reason told as the factors of the change
        ("2022年基本支出332.04万元,比2021年增加10.28万元。增加因素有工资标准提高,大病医疗保险、工伤保险。", "工资标准提高,大病医疗保险、工伤保险"),
        # what the item is spent on, told after its own name, is a new topic
        (
            "其中基本支出预算310.25万元,比2023年增加18.60万元,主要原因是增加人员经费,基本支出主要用于人员工资福利和保障单位正常运转的各项商品服务支出。",
            "增加人员经费",
        ),
    ],
)
def test_reason_leads_and_end(text: str, reason: str) -> None:
    _, rs = _reasons(text)
    assert [f.text for f in rs] == [reason]


@pytest.mark.parametrize(
    "text",
    [
        "因公出国（境）费支出预算0万元，与2021年预算一致，持平原因主要是本年度未安排因公出国（境）预算。",
        "因公出国（境）费支出决算0万元，与2021年度预算相比持平，持平的原因是2021年未安排因公出国（境）计划。",
        "因公出国（境）费支出预算0.00万元，与2020年预算相比无变化，无变化主要原因为两年均未安排因公出国（境）费支出。",
    ],
)
def test_unchanged_word_before_its_reason_is_not_a_second_change(text: str) -> None:
    r, rs = _reasons(text)
    changes = [f for f in r.facts if f.kind == "change"]
    assert len(changes) == 1 and changes[0].value == 0
    assert len(rs) == 1 and rs[0].explains == changes[0].fact_id


def test_named_item_in_quotes_is_what_the_reason_explains() -> None:
    text = (
        "“三公”经费预算总额2580万元，较上年减少221万元，下降7.9%。其中：公务接待费232万元，较上年减少12万元，下降4.7%；"
        "公务用车购置及运行维护费1687万元，较上年减少209万元，下降11%。\n"
        "2025年“三公”经费预算下降的原因主要是各部门厉行勤俭节约。"
    )
    r, rs = _reasons(text)
    assert len(rs) == 1
    target = next(f for f in r.facts if f.fact_id == rs[0].explains)
    assert target.subject == "三公经费预算总额" and target.kind == "change"


@pytest.mark.parametrize(
    "text, subject",
    [
        ("2021年度镇本级“三公”经费较上年决算数减少0.03万元，下降0.6%；较年初预算数减少6.3万元，下降58.3%。", "三公经费"),
        ("公务接待费比上年决算减少1.2万元，下降10%，比年初预算减少0.5万元，下降4%。", "公务接待费"),
    ],
)
def test_the_same_item_against_another_figure_keeps_its_subject(text: str, subject: str) -> None:
    r, _ = _reasons(text)
    changes = [f for f in r.facts if f.kind == "change"]
    assert len(changes) == 4
    assert {f.subject.replace("“", "").replace("”", "") for f in changes} == {subject}
    assert changes[0].baseline != changes[2].baseline


@pytest.mark.parametrize(
    "text, reason, target",
    [
        ("收入较上年减少86.20万元，主要是一般公共预算拨款减少86.20万元。", "一般公共预算拨款减少86.20万元", "86.20"),
        ("2020年度总支出比上年增加34.80万元，主要是新建食堂工程支出增加。", "新建食堂工程支出增加", "34.80"),
        ("支出预算较去年增长12.5%，主要系人员调资。", "人员调资", "12.5"),
    ],
)
def test_zhuyaoshi_after_a_change_is_its_reason(text: str, reason: str, target: str) -> None:
    r, rs = _reasons(text)
    assert [f.text for f in rs] == [reason]
    explained = next(f for f in r.facts if f.fact_id == rs[0].explains)
    assert r.text[slice(*explained.span)] == target and explained.kind == "change"


@pytest.mark.parametrize(
    "text",
    [
        "其他收入0.00万元，主要是所属事业单位的捐赠收入。",
        "基本支出120.00万元，主要是指人员经费和日常公用经费。",
        "项目支出30万元，比上年增加5万元，主要用于办公设备购置。",
    ],
)
def test_zhuyaoshi_after_an_amount_or_a_use_is_no_reason(text: str) -> None:
    r, rs = _reasons(text)
    assert rs == [] and r.facts


@pytest.mark.parametrize(
    "text, reason",
    [
        ("公务用车运行维护费支出预算24.50万元，与2020年预算持平，持平的原因主要是按只减不增的原则编制预算数，用来保障采访用车的正常运行。", "按只减不增的原则编制预算数"),
        ("经营收入0.00万元，较上年增加0.00万元，增长0%，主要原因是：本单位无经营收入，与去年相比无变化，与预算相比无变化。", "本单位无经营收入"),
    ],
)
def test_a_reason_ends_before_a_purpose_or_a_restated_comparison(text: str, reason: str) -> None:
    _, rs = _reasons(text)
    assert [f.text for f in rs] == [reason]


def test_the_item_named_in_full_wins_over_one_named_by_its_first_words() -> None:
    text = (
        "收入预算1000.00万元，其中：财政拨款收入1000.00万元，比上年预算减少50.00万元。支出预算1000.00万元，其中：财政拨款支出预算1000.00万元，"
        "比上年预算减少50.00万元；政府性基金拨款支出预算0.00万元，比上年预算持平。\n财政拨款收入支出减少的主要原因是项目调整。"
    )
    r, rs = _reasons(text)
    assert len(rs) == 1
    target = next(f for f in r.facts if f.fact_id == rs[0].explains)
    assert target.subject == "财政拨款收入" and target.value == -50.0


def test_actual_below_budget_explains_the_completion_percent_it_names() -> None:
    text = (
        "本部门2022年度“三公”经费支出年初预算为23.40万元，支出决算为6.50万元，完成年初预算的27.8%。其中：公务接待费支出决算为3.10万元，"
        "完成年初预算的15.5%。2022年度“三公”经费支出决算数小于年初预算数的主要原因是厉行节约。"
    )
    r, rs = _reasons(text)
    assert len(rs) == 1
    target = next(f for f in r.facts if f.fact_id == rs[0].explains)
    assert target.kind == "percent" and target.value == 27.8


def test_an_unchanged_item_before_the_change_is_not_what_the_reason_explains() -> None:
    text = "因公出国（境）费与上年持平，公务接待费比上年增加0.5万元，增长50%，主要原因是接待任务增加。"
    r, rs = _reasons(text)
    assert len(rs) == 1
    target = next(f for f in r.facts if f.fact_id == rs[0].explains)
    assert target.value == 50 and target.unit == "%"


def test_a_reason_whose_change_is_cut_off_is_not_emitted() -> None:
    r, rs = _reasons("主要原因是退休公用经费增加。")
    assert rs == [] and not r.facts


def test_budget_gap_reason_explains_the_completion_rate_and_the_change_is_of_the_final_figure() -> None:
    """决算数小于预算数的主要原因 names no item: it explains the completion rate just stated; the change
    against last year after 支出决算为… is the 决算 figure's, and its reason explains it."""
    text = (
        "2022年度“三公”经费支出预算为6万元,支出决算为4.20万元,完成预算的70%;较上年减少0.80万元,下降16%。"
        "决算数小于预算数的主要原因是会议减少。决算数较上年减少的主要原因是压减接待。"
    )
    r, rs = _reasons(text)
    by = {f.fact_id: f for f in r.facts}
    changes = [f for f in r.facts if f.kind == "change"]
    assert [f.subject for f in changes] == ["三公经费支出决算", "三公经费支出决算"]
    assert [(by[x.explains].kind, by[x.explains].value) for x in rs] == [("percent", 70.0), ("change", -16.0)]


def test_a_cause_told_before_the_change_it_brings_is_its_reason():
    r, rs = _reasons("本年度因机构改革畜牧站并入我镇政府管理导致事业人员较上年增加9人,同时人员保障经费增加。")
    by = {f.fact_id: f for f in r.facts}
    assert [(x.text, by[x.explains].subject, by[x.explains].value) for x in rs] == [("机构改革畜牧站并入我镇政府管理", "事业人员", 9.0)]


def test_causes_listed_under_a_heading_of_reasons_explain_the_items_they_name():
    text = (
        "二、2019年决算及变动\n“三公”经费决算支出41万元,与上年相比减少7万元。其中:因公出国(境)费支出决算4万元,比上年增加4万元;"
        "公务用车购置及运行费支出决算10万元,与上年相比减少4万元,下降28.6%;公务接待费支出决算27万元,与上年相比减少7万元,下降20.6%。\n"
        "三、“三公”经费变动原因\n一是根据出访计划新增2批出国考察,因公出国(境)费用增加;二是完成公务用车改革,公务用车运行维护费减少。三是压缩公务接待规模。\n"
    )
    r, rs = _reasons(text)
    by = {f.fact_id: f for f in r.facts}
    assert [(x.text, by[x.explains].subject, by[x.explains].value) for x in rs] == [
        ("根据出访计划新增2批出国考察", "因公出国(境)费支出决算", 4.0),
        ("完成公务用车改革", "公务用车购置及运行费支出决算", -28.6),
        ("压缩公务接待规模", "公务接待费支出决算", -20.6),
    ]


def test_the_shipped_reason_ranker_keeps_listed_and_cause_first_reasons_where_the_rules_put_them():
    """The ranker sees only facts before a reason: a cause told first explains a change after it, and a
    listed cause names its item — both stay where the rules attached them."""
    text = (
        "二、2019年决算及变动\n“三公”经费决算支出41万元,与上年相比减少7万元。其中:因公出国(境)费支出决算4万元,比上年增加4万元;"
        "公务用车购置及运行费支出决算10万元,与上年相比减少4万元,下降28.6%。\n"
        "三、“三公”经费变动原因\n一是根据出访计划新增2批共2人出国考察,因公出国(境)费用增加;二是完成公务用车改革,公务用车运行维护费减少。\n"
        "四、人员情况\n本年度因机构改革林业站并入镇政府管理导致事业人员较上年增加6人。\n"
    )
    r = process(document_from_text(text + "\n"))
    by = {f.fact_id: f for f in r.facts}
    got = [(by[x.explains].subject, by[x.explains].value) for x in r.facts if x.kind == "reason"]
    assert got == [("因公出国(境)费支出决算", 4.0), ("公务用车购置及运行费支出决算", -28.6), ("事业人员", 6.0)]
