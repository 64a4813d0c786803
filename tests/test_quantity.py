from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.quantity import find_quantities, parse_number


def _q(text):
    return [(q.value, q.unit, q.category) for q in find_quantities(text) if not q.threshold]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("收入预算总额为271.33万元", [(271.33, "万元", "money")]),
        ("一般公共预算拨款收入3,688.46万元", [(3688.46, "万元", "money")]),
        ("其他商品和服务支出5.56元等", [(5.56, "元", "money")]),
        ("支出预算15621.11万元", [(15621.11, "万元", "money")]),
        ("合计1.5亿元", [(1.5, "亿元", "money")]),
        ("一千二百万元", [(1200.0, "万元", "money")]),
        ("下降31.99%", [(31.99, "%", "percent")]),
        ("提高2个百分点", [(2.0, "个百分点", "percent")]),
        ("编制人数小计__17__人", [(17.0, "人", "people")]),
        ("自收自支编制人数_0___人", [(0.0, "人", "people")]),
        ("设局长1名，副局长两名", [(1.0, "人", "people"), (2.0, "人", "people")]),
        ("共有车辆0辆", [(0.0, "辆", "count")]),
        ("大型设备0台（套）", [(0.0, "台(套)", "count")]),
        ("开展绩效目标管理的项目17个", [(17.0, "个", "count")]),
        ("共计一家", [(1.0, "家", "count")]),
        ("救助约11948人次", [(11948.0, "人次", "count")]),
        ("联办12期法制专刊", [(12.0, "期", "count")]),
        ("增加209万用于办公用房租赁", [(209.0, "万元", "money")]),
    ],
)
def test_quantities(text, expected):
    assert _q(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023年8月31日",
        "苏财预〔2019〕7号",
        "联系电话88460228",
        "1.根据部门职责分工",
        "（一）收入预算情况",
        "一般公共服务",
        "年终一次性奖金",
        "个人和家庭",
        "十三届全国人大二次会议",
        "组织动员53万多城乡居民",
        "W060701单元",
        "科目编码2101501",
    ],
)
def test_not_quantities(text):
    assert _q(text) == []


def test_threshold_is_marked_not_dropped():
    qs = find_quantities("单位价值200万元以上大型设备0台（套）")
    assert [(q.value, q.threshold) for q in qs] == [(200.0, True), (0.0, False)]


@pytest.mark.parametrize("text, comp", [("≥90%", "≥"), ("不低于85%", "≥"), (">=15篇", "≥"), ("≤20万元", "≤")])
def test_comparators(text, comp):
    assert find_quantities(text)[0].comparator == comp


def test_yuan_conversion():
    q = find_quantities("271.33万元")[0]
    assert q.yuan == 2713300.0
    assert find_quantities("5%")[0].yuan is None


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_number_round_trip_with_thousands(d):
    s = f"{d:,.2f}"
    assert parse_number(s) == pytest.approx(float(d))
    qs = find_quantities(f"支出{s}万元")
    assert len(qs) == 1 and qs[0].value == pytest.approx(float(d))
    assert qs[0].surface == f"{s}万元"


@given(st.integers(min_value=0, max_value=99999))
def test_integer_people_round_trip(n):
    qs = find_quantities(f"在职人数{n}人。")
    assert [(q.value, q.unit) for q in qs] == [(float(n), "人")]
