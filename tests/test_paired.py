"""Paired values: 各/分别 lists give one fact per item, in order."""

import pytest

from extract.paired import split_items
from extract.pipeline import extract_document


def facts_of(text):
    doc = f"某县财政局2023年部门决算\n\n一、收入支出决算总体情况说明\n\n{text}\n"
    return [(f.kind, f.subject, f.value, f.unit) for f in extract_document(doc, is_text=True).facts if f.kind != "reason"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "收、支总计各是2310.55,2298.04万元，各增加105.20,96.71万元，各增长4.77%、4.39%。",
            [
                ("amount", "收入总计", 2310.55, "万元"),
                ("amount", "支出总计", 2298.04, "万元"),
                ("change", "收入总计", 105.2, "万元"),
                ("change", "支出总计", 96.71, "万元"),
                ("change", "收入总计", 4.77, "%"),
                ("change", "支出总计", 4.39, "%"),
            ],
        ),
        (
            "2021年收入总计和支出总计分别为2310.55万元、2298.04万元，分别减少105.20万元、96.71万元。",
            [
                ("amount", "收入总计", 2310.55, "万元"),
                ("amount", "支出总计", 2298.04, "万元"),
                ("change", "收入总计", -105.2, "万元"),
                ("change", "支出总计", -96.71, "万元"),
            ],
        ),
        ("收入、支出决算总计各为1,684万元、1,115.07万元。", [("amount", "收入决算总计", 1684.0, "万元"), ("amount", "支出决算总计", 1115.07, "万元")]),
        ("三公经费预算和决算分别为12万元、10.5万元。", [("amount", "三公经费预算", 12.0, "万元"), ("amount", "三公经费决算", 10.5, "万元")]),
        ("基本支出和项目支出分别占85.2%和14.8%。", [("percent", "基本支出", 85.2, "%"), ("percent", "项目支出", 14.8, "%")]),
        ("社会保障和就业支出、卫生健康支出分别为12万元、13万元。", [("amount", "社会保障和就业支出", 12.0, "万元"), ("amount", "卫生健康支出", 13.0, "万元")]),
    ],
)
def test_paired_values_one_fact_per_item(text, expected):
    assert facts_of(text) == expected


@pytest.mark.parametrize(
    ("subject", "n", "expected"),
    [
        ("收、支总计", 2, ["收入总计", "支出总计"]),
        ("收入、支出决算总计", 2, ["收入决算总计", "支出决算总计"]),
        ("公务接待费和公务用车运行维护费", 2, ["公务接待费", "公务用车运行维护费"]),
        ("基本支出、项目支出和事业单位经营支出", 3, ["基本支出", "项目支出", "事业单位经营支出"]),
        ("三公经费预算和决算", 2, ["三公经费预算", "三公经费决算"]),
        ("收入总计", 2, None),
    ],
)
def test_split_items(subject, n, expected):
    assert split_items(subject, n) == expected


def test_a_list_without_a_marker_is_left_alone():
    assert facts_of("支出合计1,234.5万元，其中基本支出1,000万元。") == [("amount", "支出合计", 1234.5, "万元"), ("amount", "基本支出", 1000.0, "万元")]
