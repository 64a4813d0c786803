"""Item names: funding scope around 三公经费, and the per-document gazetteer."""

import pytest

from extract.facts import clean_subject
from extract.itemnames import drop_scope


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("一般公共预算财政拨款三公经费支出预算", "三公经费支出预算"),
        ("一般公共预算三公经费支出预算", "三公经费支出预算"),
        ("一般公共预算及政府性基金财政拨款三公经费支出年初预算", "三公经费支出年初预算"),
        ("一般公共预算中三公经费支出预算", "三公经费支出预算"),
        ("一般公共预算拨款安排的三公经费决算支出数", "三公经费决算支出数"),
        ("财政拨款三公经费预算总额", "三公经费预算总额"),
        ("三公经费财政拨款支出预算", "三公经费支出预算"),
        ("三公经费一般公共预算安排", "三公经费"),
        ("一般公共預(yù)算財政撥款三公經(jīng)費支出預(yù)算", "三公經(jīng)費支出預(yù)算"),
        ("一般公共預算財政撥款三公經(jīng)費", "三公經(jīng)費"),
        # the scope before other items names a different figure: kept
        ("一般公共预算财政拨款支出预算", "一般公共预算财政拨款支出预算"),
        ("财政拨款收入", "财政拨款收入"),
        ("一般公共预算财政拨款基本支出", "一般公共预算财政拨款基本支出"),
    ],
)
def test_drop_scope(raw, expected):
    assert drop_scope(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("杜集区机关事务管理中心2021年度一般公共预算财政拨款“三公”经费支出预算为", "三公经费支出预算"),
        ("2021年区本级一般公共预算中“三公”经费支出预算为", "三公经费支出预算"),
        ("2023年青云谱区医疗保障局\"三公\"经费一般公共预算安排", "三公经费"),
        ("江苏省人大常委会办公厅2019年一般公共预算财政拨款支出预算", "一般公共预算财政拨款支出预算"),
    ],
)
def test_clean_subject_drops_the_scope_of_sangong(raw, expected):
    assert clean_subject(raw) == expected
