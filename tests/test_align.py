from __future__ import annotations

import pytest

from extract.align import align, name_similarity, values_agree
from extract.records import Fact, TableCell


def fact(subject, value, unit="万元", surface=None, kind="amount"):
    return Fact(doc_id="d", fact_id=f"{kind}-{value}", kind=kind, subject=subject, metric=None, value=value, unit=unit, yuan=None, direction=None,
                baseline=None, text=None, explains=None, sentence="", span=(0, 1), section="", confidence=0.9, surface=surface or str(value))


def cell(label, value, unit="万元", column="合计", title="部门收支总表"):
    return TableCell(doc_id="d", table_id="t1", table_title=title, unit=unit, row_label=label, code=None, column=column, value=value, span=(5, 9))


@pytest.mark.parametrize(
    "a, b, how",
    [("收入预算总额", "收入总计", "synonym"), ("财政拨款收入", "一般公共预算拨款收入", "synonym"), ("机关运行费", "公用经费", "synonym"),
     ("卫生健康支出", "卫生健康支出", "exact"), ("因公出国（境）费", "因公出国(境)费", "exact"), ("住房公积金预算安排", "住房公积金", "exact")],
)
def test_name_similarity(a, b, how):
    score, got = name_similarity(a, b)
    assert got == how and score >= 0.9


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
