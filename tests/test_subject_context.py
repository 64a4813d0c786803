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
