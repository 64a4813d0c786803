"""Subjects, item context and metadata on phrasings from many template families (issue 10).

The sentences are made up in the genre's patterns; each asserts what the whole pipeline makes of
them (`extract.extract_document(text, is_text=True)`)."""

from __future__ import annotations

import pytest

import extract


def _facts(text: str) -> list[tuple[str, str, float | None]]:
    r = extract.extract_document(text, is_text=True)
    return [(f.kind, f.subject, f.value) for f in r.facts if f.kind != "reason"]


@pytest.mark.parametrize(
    ("text", "dept", "year", "kind", "unit"),
    [
        ("2024年度桐柏县水利局部门预算公开\n一、部门基本情况\n本部门收入预算总额为120.00万元。\n", "桐柏县水利局", 2024, "预算", "部门"),
        ("首页>信息公开>财政资金\n索引号：11341500/2022-00123\n青阳县文化旅游局2022年度一般公共预算财政拨款“三公”经费支出预算情况说明\n"
         "2022年“三公”经费支出预算为12.00万元。\n", "青阳县文化旅游局", 2022, "三公", "部门"),
        ("东湖区园林绿化服务中心\n2019年单位决算公开\n本单位本年支出决算为88.10万元。\n", "东湖区园林绿化服务中心", 2019, "决算", "单位"),
    ],
)
def test_document_metadata_reaches_the_document_record(text: str, dept: str, year: int, kind: str, unit: str) -> None:
    d = extract.extract_document(text, is_text=True).document
    assert (d.department, d.year, d.doc_kind, d.unit_kind) == (dept, year, kind, unit)


@pytest.mark.parametrize(
    ("text", "subject", "value"),
    [
        # a department and a year before the item name no item
        ("枞阳县供销合作社2023年度一般公共预算财政拨款三公经费支出预算为18.5万元。\n", "一般公共预算财政拨款三公经费支出预算", 18.5),
        ("南湖区科学技术协会2020年三公经费决算数为4.2万元。\n", "三公经费决算数", 4.2),
        # list numbering glued to a year
        ("2、2018年公务接待费预算0.8万元。\n", "公务接待费预算", 0.8),
        ("3.2019年因公出国（境）费预算2万元。\n", "因公出国（境）费预算", 2.0),
        # a heading without punctuation glued onto the next sentence
        ("三公经费支出预算情况说明城关镇人民政府2024年一般公共预算三公经费支出预算6.30万元。\n", "一般公共预算三公经费支出预算", 6.3),
        # a 类/款/项 chain before the year stays the item
        ("1.教育（类）普通教育（款）小学教育（项）2024年预算数为31.6万元。\n", "小学教育", 31.6),
    ],
)
def test_department_year_and_numbering_are_trimmed(text: str, subject: str, value: float) -> None:
    got = _facts(text)
    assert got, text
    assert got[0] == ("amount", subject, value)


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("公務接待費支出決算為5.2萬元。\n", "amount", 5.2, "万元"),
        ("全省三公經費預算為3.1億元。\n", "amount", 3.1, "亿元"),
        ("公務用車保有量12輛。\n", "count", 12.0, "辆"),
    ],
)
def test_traditional_character_units_are_units(text: str, kind: str, value: float, unit: str) -> None:
    r = extract.extract_document(text, is_text=True)
    got = [(f.kind, f.value, f.unit) for f in r.facts]
    assert got == [(kind, value, unit)]
    f = r.facts[0]
    assert r.text[f.span[0] : f.span[1]] == str(value).removesuffix(".0")  # the span indexes the original text
