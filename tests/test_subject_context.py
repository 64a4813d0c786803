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
        ("枞阳县供销合作社2023年度一般公共预算财政拨款三公经费支出预算为18.5万元。\n", "三公经费支出预算", 18.5),
        ("南湖区科学技术协会2020年三公经费决算数为4.2万元。\n", "三公经费决算数", 4.2),
        # what an item includes, in brackets, is no part of its name
        ("2015年度财政拨款收入(含政府性基金拨款)447万元。\n", "财政拨款收入", 447.0),
        ("事业收入(不含专户资金)12.5万元。\n", "事业收入", 12.5),
        # a short form of the department (省社科联, 县政协办, 区信访局) names no item either
        ("2016年省文联决算收入总计612.40万元。\n", "决算收入总计", 612.4),
        ("2014年宁国县政协办因公出国经费2.6万元。\n", "因公出国经费", 2.6),
        ("区统计局2023年支出预算212.5万元。\n", "支出预算", 212.5),
        # …but words with 办/联 inside stay whole
        ("城乡居民医疗保险经办业务工作经费15万元。\n", "城乡居民医疗保险经办业务工作经费", 15.0),
        ("街道人大工委代表工作联络指导经费12000元。\n", "街道人大工委代表工作联络指导经费", 12000.0),
        # list numbering glued to a year
        ("2、2018年公务接待费预算0.8万元。\n", "公务接待费预算", 0.8),
        ("3.2019年因公出国（境）费预算2万元。\n", "因公出国（境）费预算", 2.0),
        # a heading without punctuation glued onto the next sentence
        ("三公经费支出预算情况说明城关镇人民政府2024年一般公共预算三公经费支出预算6.30万元。\n", "三公经费支出预算", 6.3),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second figure word replaces the first instead of following it
        (
            "本局“三公”经费支出预算为80万元，支出决算为61.5万元，完成年初预算的76.88%。\n",
            [("amount", "三公经费支出预算", 80.0), ("amount", "三公经费支出决算", 61.5), ("percent", "三公经费", 76.88)],
        ),
        (
            "2019年度一般公共预算财政拨款三公经费支出预算为12万元，支出决算为15.6万元，完成预算的130%。\n",
            [("amount", "三公经费支出预算", 12.0), ("amount", "三公经费支出决算", 15.6), ("percent", "三公经费", 130.0)],
        ),
        # counts in brackets name their own item; the next count continues the sentence's item
        (
            "国内公务接待共42批次（其中外事接待3批次），260人次（其中外事接待12人次）。\n",
            [("count", "国内公务接待", 42.0), ("count", "外事接待", 3.0), ("count", "国内公务接待", 260.0), ("count", "外事接待", 12.0)],
        ),
        ("国内公务接待17批次、203人次。\n", [("count", "国内公务接待", 17.0), ("count", "国内公务接待", 203.0)]),
        ("年末公务用车保有量6辆。\n", [("count", "公务用车保有量", 6.0)]),
        # lead-ins and comparison phrases are never the subject
        (
            "公务用车运行维护费为30万元，较2023年的36万元减少6万元。\n",
            [("amount", "公务用车运行维护费", 30.0), ("amount", "公务用车运行维护费", 36.0), ("change", "公务用车运行维护费", -6.0)],
        ),
        ("三公经费决算支出数为88.2万元，按同口径同比减少3.1万元。\n", [("amount", "三公经费决算支出数", 88.2), ("change", "三公经费决算支出数", -3.1)]),
        ("公务接待费支出0元，共安排因公出国团组0个，累计0人次。\n", [("amount", "公务接待费支出", 0.0), ("count", "因公出国团组", 0.0), ("count", "因公出国", 0.0)]),
    ],
)
def test_figure_words_counts_and_lead_ins(text: str, expected: list[tuple[str, str, float]]) -> None:
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "subject", "source"),
    [
        ("公务接待费预算为5万元，比上年减少1万元。\n", -1.0, "公务接待费预算", "inherited"),
        ("公务接待费预算为5万元。\n", 5.0, "公务接待费预算", "sentence"),
        ("（三）事业运行（项）。\n年初预算为36.5万元，支出决算为35.1万元。\n", 36.5, "事业运行年初预算", "item heading"),
    ],
)
def test_subject_source_says_how_the_subject_was_found(text: str, value: float, subject: str, source: str) -> None:
    facts = [f for f in extract.extract_document(text, is_text=True).facts if f.value == value]
    assert [(f.subject, f.subject_source) for f in facts] == [(subject, source)]


def test_no_unmarked_empty_subject_on_the_dev_corpus() -> None:
    from pathlib import Path

    facts = [f for p in sorted(Path("tests/data/corpus").glob("*.txt")) for f in extract.extract_document(p).facts]
    assert facts
    assert all(f.subject or f.subject_source == "none" for f in facts)
    assert {f.subject_source for f in facts} <= {"sentence", "item heading", "inherited", "none"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a 决算 item paragraph under its coded heading
        (
            "（二）行政运行（2013101）\n年初预算为48.20万元，支出决算为45.08万元，完成年初预算的93.53%。\n",
            [("amount", "行政运行年初预算", 48.2), ("amount", "行政运行支出决算", 45.08), ("percent", "行政运行", 93.53)],
        ),
        (
            "3.事业运行（2080104）\n年初预算为10万元，支出决算为12万元，完成年初预算的120%。\n",
            [("amount", "事业运行年初预算", 10.0), ("amount", "事业运行支出决算", 12.0), ("percent", "事业运行", 120.0)],
        ),
        # codes inside 类/款/项 brackets are codes, never counts
        ("卫生健康支出（210类）公立医院（02款）综合医院（1项）2024年预算数为56.7万元。\n", [("amount", "综合医院", 56.7)]),
        ("教育支出（205类）普通教育（02款）小学教育（2项）支出120万元。\n", [("amount", "小学教育", 120.0)]),
    ],
)
def test_item_headings_and_classification_codes(text: str, expected: list[tuple[str, str, float]]) -> None:
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # converted traditional-character pages read as their simplified form: the same facts,
        # subjects in simplified characters (evidence still quotes the page)
        (
            "三公經費支出預算為20萬元，支出決算為15萬元，完成預算的75%。\n",
            [("amount", "三公经费支出预算", 20.0), ("amount", "三公经费支出决算", 15.0), ("percent", "三公经费", 75.0)],
        ),
        ("公務接待費支出3萬元，較上年減少0.5萬元。\n", [("amount", "公务接待费支出", 3.0), ("change", "公务接待费支出", -0.5)]),
        # the department's name with the converter's pinyin readings inside is still the department
        (
            "青溪縣民政局2021年度部門決算\n\n一、三公經費\n青(qīng)溪縣民政局國內公務接待12批次。\n",
            [("count", "国内公务接待", 12.0)],
        ),
    ],
)
def test_converted_traditional_pages(text: str, expected: list[tuple[str, str, float]]) -> None:
    assert _facts(text) == expected
    r = extract.extract_document(text, is_text=True)
    for f in r.facts:  # spans index the page as published
        if f.kind != "reason":
            assert float(text[f.span[0] : f.span[1]]) == abs(f.value)


@pytest.mark.parametrize(
    ("text", "subject", "value"),
    [
        ("2024年全县各单位（含参公单位）、事业单位使用财政拨款安排“三公”经费预算总额为512万元。\n", "三公经费预算总额", 512.0),
        ("某区2023年财政拨款安排的三公经费共计8.6万元。\n", "三公经费", 8.6),
        ("镇本级三公经费支出18.3万元。\n", "三公经费支出", 18.3),
        ("年度预算安排：20.0万元。\n", "年度预算安排", 20.0),
    ],
)
def test_source_of_funds_and_level_qualifiers_are_trimmed(text: str, subject: str, value: float) -> None:
    assert _facts(text) == [("amount", subject, value)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a percent right after an amount change restates that change, not the section's last item
        (
            "公务接待费支出0元；公务用车购置费支出决算减少12.5万元，下降100%；公务用车运行维护费支出决算增加1.2万元，增长8.5%。\n",
            [
                ("amount", "公务接待费支出", 0.0),
                ("change", "公务用车购置费支出决算", -12.5),
                ("change", "公务用车购置费支出决算", -100.0),
                ("change", "公务用车运行维护费支出决算", 1.2),
                ("change", "公务用车运行维护费支出决算", 8.5),
            ],
        ),
        # the change's rate in a bracket after its money (no verb of its own)
        (
            "2、公务接待费3.10万元，较上年减少0.9万元（22.50%），主要原因是压减接待。\n",
            [("amount", "公务接待费", 3.1), ("change", "公务接待费", -0.9), ("change", "公务接待费", -22.5)],
        ),
        (
            "公务用车运行维护费12.00万元，比上年增加2万元(20%)。\n",
            [("amount", "公务用车运行维护费", 12.0), ("change", "公务用车运行维护费", 2.0), ("change", "公务用车运行维护费", 20.0)],
        ),
        # one template alternative left in its brackets is still the change's verb
        ("2.商品和服务支出较上年(减少)8.40万元，减幅12%。\n", [("change", "商品和服务支出", -8.4), ("change", "商品和服务支出", -12.0)]),
        ("2022年基本支出预算较上年（增）15万元，（增）幅6%。\n", [("change", "基本支出预算", 15.0), ("change", "基本支出预算", 6.0)]),
        # both alternatives left in: no direction can be read (a 0 is unchanged)
        ("公务接待费较上年增加(减少)0万元。\n", [("change", "公务接待费", 0.0)]),
    ],
)
def test_changes_their_rates_and_their_verbs(text: str, expected: list[tuple[str, str, float]]) -> None:
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "subject", "value"),
    [
        ("三公经费支出45.67万元，完成全年预算56.10万元的81.4%。\n", "三公经费", 81.4),
        ("公务接待费支出决算为2.3万元，完成年初预算4万元的57.5%。\n", "公务接待费", 57.5),
        ("机关运行经费支出决算为12.3万元，完成预算的77.85%。\n", "机关运行经费", 77.85),
    ],
)
def test_completion_rates_take_the_item(text: str, subject: str, value: float) -> None:
    got = [(k, s) for k, s, v in _facts(text) if v == value]
    assert got == [("percent", subject)]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("2015年部门决算公开“三公”经费合计31.23万元。\n", "三公经费合计"),
        ("本着厉行节约的原则公务接待费用减少0.2万元。\n", "公务接待费用"),
        ("1、公务接待费2016年预算8万元。\n", "公务接待费预算"),
    ],
)
def test_lead_ins_of_unseen_templates(text: str, subject: str) -> None:
    assert _facts(text)[0][1] == subject


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comparison naming last year's figure of the item: the item, not 比2019年度…, and last year's type
        ("2020年度单位决算总支出865.20万元，比2019年度决算总支出790.05万元增加了75.15万元。\n",
         [("amount", "决算总支出", 790.05, "上年"), ("change", "决算总支出", 75.15, "增减")]),
        ("2021年事业收入312.4万元，较2020年度事业收入330.6万元减少18.2万元。\n",
         [("amount", "事业收入", 312.4, None), ("amount", "事业收入", 330.6, "上年"), ("change", "事业收入", -18.2, "增减")]),
        ("2022年度部门决算收入合计97.35万元，相比2021年的收入合计88.00万元增加9.35万元。\n",
         [("amount", "收入合计", 88.0, "上年"), ("change", "收入合计", 9.35, "增减")]),
    ],
)
def test_a_comparison_before_last_years_figure_is_no_part_of_the_item(text: str, expected: list[tuple[str, str, float, str | None]]) -> None:
    r = extract.extract_document(text, is_text=True)
    got = [(f.kind, f.subject, f.value, f.figure_type) for f in r.facts if f.kind != "reason"]
    for kind, subject, value, ftype in expected:
        assert any(g[:3] == (kind, subject, value) and (ftype is None or g[3] == ftype) for g in got), (kind, subject, value, ftype, got)


def test_one_long_line_of_text_is_text_not_a_path() -> None:
    # longer than a file name may be (the OS refuses to stat it): read as the document's text
    line = "2024年本单位收入预算总额为271.33万元，较上年增加12.00万元。" * 12
    r = extract.extract_document(line)
    assert r.document.status == "ok" and any(f.value == 271.33 for f in r.facts)


def test_a_comparison_first_sentence_follows_the_item_last_stated() -> None:
    # the previous change was of another item; an amount of this item stands between
    text = ("2.经营收入0万元，与上年相比没有变化。\n"
            "3.其他收入12.5万元，为利息等收入。较上年度决算数增加2.5万元，增长25%。\n")
    facts = _facts(text)
    assert ("change", "其他收入", 2.5) in facts and ("change", "其他收入", 25.0) in facts


@pytest.mark.parametrize(
    ("text", "subject", "value"),
    [
        # a label before the colon names the item; the words after it only its figure
        ("(一)收入预算：2025年年初预算数530.20万元，其中：一般公共预算拨款530.20万元。\n", "收入预算", 530.2),
        ("2.项目支出:全年决算数418.06万元。\n", "项目支出决算数", 418.06),
        # (in a 决算 document 年初预算 stays: it stands beside the 决算数; in a 预算 document it is the budget)
        ("公务接待费：年初预算3.00万元，支出决算2.10万元。\n", "公务接待费年初预算", 3.0),
        ("公务接待费：年初预算3.00万元。\n", "公务接待费预算", 3.0),
        ("1.农林水(类)农业农村(款)事业运行(项): 支出决算为52.60万元。\n", "事业运行支出决算", 52.6),
    ],
)
def test_a_numbered_heading_label_names_the_item(text: str, subject: str, value: float) -> None:
    assert ("amount", subject, value) in _facts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change in people is of the people just counted, not the section's item
        ("三、收入支出总体情况\n收入总计120万元。\n本单位年末实有人员58人，比上年增加3人，退休人员12人，比上年减少2人。\n",
         [("change", "实有人员", 3.0), ("change", "退休人员", -2.0)]),
        # a figure printed without its unit is no part of the item's name
        ("相比2022年的总支出5302.17增加120.40万元，增长2.27%。\n", [("change", "总支出", 120.4), ("change", "总支出", 2.27)]),
        # the part named inside its whole
        ("项目支出中专项业务支出86.50万元。\n", [("amount", "专项业务支出", 86.5)]),
    ],
)
def test_people_changes_unitless_figures_and_parts(text: str, expected: list[tuple[str, str, float]]) -> None:
    got = _facts(text)
    for e in expected:
        assert e in got, (e, got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the owner before 所属 and a whole-unit scope (全镇, 全局) name no item
        ("截至2023年12月31日，县文化馆所属车辆总数3辆。\n", ("count", "车辆总数", 3.0)),
        ("2022年度全镇“三公”经费支出合计18.60万元。\n", ("amount", "三公经费支出合计", 18.6)),
        # a part named inside its whole, whatever the whole
        ("对个人和家庭的补助支出中抚恤金12.30万元。\n", ("amount", "抚恤金", 12.3)),
    ],
)
def test_owner_scope_and_part_prefixes(text: str, expected: tuple[str, str, float]) -> None:
    assert expected in _facts(text)


def test_a_word_on_the_change_just_stated_is_no_change_of_its_own() -> None:
    got = _facts("1、决算公务用车运行维护费3.10万元，比去年3.15万元少0.05万元，基本持平。\n")
    assert [f for f in got if f[0] == "change"] == [("change", "决算公务用车运行维护费", -0.05)]


def test_a_comparison_lead_in_names_no_item() -> None:
    got = _facts("经比较2021年度镇本级“三公”经费36万元，较上年减少4万元。\n")
    assert ("amount", "三公经费", 36.0) in got and ("change", "三公经费", -4.0) in got


def test_the_baseline_may_name_the_item() -> None:
    got = _facts("2018年收入预算1370.18万元，其中一般公共预算收入1370.18万元。比2017年部门收入预算增加了12.8%。\n")
    assert ("change", "收入预算", 12.8) in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare figure under a 三公 item's heading, or under the item named in a line of its own
        ("（二）公务接待费\n2021年预算安排6万元，主要用于上级检查接待。2020年预算数9万元。\n",
         [("amount", "公务接待费预算", 6.0), ("amount", "公务接待费预算", 9.0)]),
        ("三、“三公”经费说明\n1、因公出国(境)费用。2019年预算数30.5万元。\n2、公务接待费。2019年预算数4.2万元。\n",
         [("amount", "因公出国(境)费用预算", 30.5), ("amount", "公务接待费预算", 4.2)]),
        # a heading that names its own figure stays whole
        ("（一）收入预算\n2020年年初预算数150.2万元。\n", [("amount", "收入预算", 150.2)]),
        # lead-ins and verbs before the item
        ("（1）农林水（类）80.5万元。包括林业（款）60.5万元。\n", [("amount", "农林水支出", 80.5), ("amount", "林业", 60.5)]),
        ("某某县人民医院设置科室31个。\n", [("count", "科室", 31.0)]),
        ("单位下辖完全小学六所。\n", [("count", "完全小学", 6.0)]),
        ("按核定的岗位核算，工资岗位为管理岗5人。\n", [("headcount", "管理岗", 5.0)]),
        ("2019年部门预算收入为一般公共预算收入312.5万元。\n", [("amount", "一般公共预算收入", 312.5)]),
        ("学校内设5个机构：办公室、教务处、政教处、总务处、团委。\n", [("count", "内设机构", 5.0)]),
        # a bracket opened by a lead-in or right after the whole names the part
        ("基本支出900.5万元，其中(工资福利支出700.5万元，商品和服务支出200万元)。\n",
         [("amount", "基本支出", 900.5), ("amount", "工资福利支出", 700.5), ("amount", "商品和服务支出", 200.0)]),
        ("2019年基本支出5120.3元(人员经费4120.3元，日常公用经费1000元)。\n",
         [("amount", "基本支出", 5120.3), ("amount", "人员经费", 4120.3), ("amount", "日常公用经费", 1000.0)]),
        ("现有学校12所(其中:小学8所(含村小、教学点)、初中4所)。\n",
         [("count", "学校", 12.0), ("count", "小学", 8.0), ("count", "初中", 4.0)]),
        # the whole opening its own sentence, and the other whole after a 收入 figure
        ("支出预算500万元，其中：教育支出300万元，住房保障支出200万元。支出较去年增加50万元。\n",
         [("amount", "支出预算", 500.0), ("amount", "教育支出", 300.0), ("amount", "住房保障支出", 200.0), ("change", "支出", 50.0)]),
        ("2019年收入8810元，支出8900元。\n", [("amount", "收入", 8810.0), ("amount", "支出", 8900.0)]),
        # a sum word names no item: the item's or the counted things' money
        ("因公出国(境)经费9万元。拟安排出访2批次，预算费用4.5万元/批次，共计9万元。\n",
         [("amount", "因公出国(境)经费", 9.0), ("count", "出访", 2.0), ("amount", "预算费用", 4.5), ("amount", "因公出国(境)经费", 9.0)]),
        ("共有车辆3辆，合计65.2万元。\n", [("count", "车辆", 3.0), ("amount", "车辆", 65.2)]),
        # a count compared with last year's count, and the measure after a visit count
        ("2021年审结各类案件3120件，比上年同期3300件减少5.45%。\n",
         [("count", "审结各类案件", 3120.0), ("count", "审结各类案件", 3300.0), ("change", "审结各类案件", -5.45)]),
        ("国内公务接待150批次，人数1200人。\n", [("count", "国内公务接待", 150.0), ("headcount", "国内公务接待人数", 1200.0)]),
        ("行政编制5人，事业编制9，实有人数13人。\n", [("headcount", "行政编制", 5.0), ("headcount", "事业编制", 9.0), ("headcount", "实有人数", 13.0)]),
        # names, not counts: 一期工程, 这三项
        ("主要追加的是道路改造工程(二期工程)300万元。\n", [("amount", "道路改造工程(二期工程)", 300.0)]),
        ("这三项主要职能相互联系。\n", []),
        # 比2017年初预算: the comparison's year is no part of the item
        ("2018年初收入预算数900万元，比2017年初预算800万元，增加100万元。\n",
         [("amount", "收入预算", 900.0), ("amount", "收入预算", 800.0), ("change", "收入预算", 100.0)]),
    ],
)
def test_item_context_and_lead_ins_of_the_k_to_o_pages(text: str, expected: list[tuple[str, str, float]]) -> None:
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # articles and numbered names are no counts
        ("本中心是一所集医疗、预防、保健为一体的卫生服务机构。\n", []),
        ("专题协商是协商民主的一种重要形式。\n", []),
        ("内设机构5个，包括办公室、审判一庭、审判二庭、执行一庭、执行二庭。\n", [("count", "内设机构", 5.0)]),
        ("主要原因是道路基础配套项目(二期)、道路基础配套项目(三期)等工程完工。\n", []),
        # posts counted in 个 are headcounts; a car's quota is not
        ("共有行政编制6个，事业编制3个。\n", [("headcount", "行政编制", 6.0), ("headcount", "事业编制", 3.0)]),
        ("设有1正2副3个领导岗位。\n", [("headcount", "领导岗位", 3.0)]),
        # 同上年 is a change of zero against last year; 同上年相比 opens a comparison
        ("1、培训费80000元，同上年；2、印刷费50000元，同上年。\n",
         [("amount", "培训费", 80000.0), ("change", "培训费", 0.0), ("amount", "印刷费", 50000.0), ("change", "印刷费", 0.0)]),
        ("公务接待费5万元，同上年相比减少1万元。\n", [("amount", "公务接待费", 5.0), ("change", "公务接待费", -1.0)]),
    ],
)
def test_articles_series_posts_and_same_as_last_year(text: str, expected: list[tuple[str, str, float]]) -> None:
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 与上年下降5.3%: 与 opens the comparison even without 相比
        ("因公出国(境)经费12万元，与上年决算数下降86.62%。\n", [("amount", "因公出国(境)经费", 12.0), ("change", "因公出国(境)经费", -86.62)]),
        # a change stated without a comparison word is the change of the figure just stated
        ("学校2021年支出6821.10万元2020年度增加1276.13万元。\n", [("amount", "支出", 6821.1), ("change", "支出", 1276.13)]),
        # a heading glued to its first sentence: …情况说明 is no part of the item
        ("三、收入决算情况说明本年收入合计7403.96万元。\n", [("amount", "收入合计", 7403.96)]),
        # a sum word alone names nothing: the visits of the item just spent on
        ("2016年公务接待费12.40万元,较上年减少2.10万元。公务接待费主要用于上级检查指导。共52批次,418人次。\n", [("amount", "公务接待费", 12.4), ("change", "公务接待费", -2.1), ("count", "公务接待费", 52.0), ("count", "公务接待费", 418.0)]),
        # the people of the visits just counted, not the item before them
        ("其中:外事接待费支出0万元,国内公务接待96批次,730人。\n", [("amount", "外事接待费支出", 0.0), ("count", "国内公务接待", 96.0), ("headcount", "国内公务接待", 730.0)]),
        # a listed heading run into its sentence with a comma labels the figure after it; in a 预算
        # document 年初预算数 is the document's own figure
        ("2019年部门预算\n(一)收入预算,2019年年初预算数412.30万元,其中,一般公共预算拨款412.30万元。(二)支出预算,2019年年初预算数412.30万元,其中,基本支出80.20万元。\n(一)基本支出:2019年年初预算数为80.20万元,是指保障运转的支出。\n",
         [("amount", "收入预算", 412.3), ("amount", "一般公共预算拨款", 412.3), ("amount", "支出预算", 412.3), ("amount", "基本支出", 80.2), ("amount", "基本支出预算", 80.2)]),
        # …not a listed sentence that states a figure before its comma
        ("1.公务接待费预算为1万元,支出决算为0.53万元。\n", [("amount", "公务接待费预算", 1.0), ("amount", "公务接待费支出决算", 0.53)]),
        # a comparison whose 较 was dropped before last year's number; 均 after the item is no part of it
        ("支出预算2025年预算数902.10万元;支出2024增加57.73万元。2024年度收、支总计均为357.21万元。人均2400元。\n",
         [("amount", "支出预算", 902.1), ("change", "支出", 57.73), ("amount", "收、支总计", 357.21), ("amount", "人均", 2400.0)]),
        # a short form of the department before a headcount or a count
        ("区信访局编制人数6名。2013年绩溪县政协办因公出国1人次。\n", [("headcount", "编制人数", 6.0), ("count", "因公出国", 1.0)]),
        # the trips of a count of 团组 are the item's, not its 团组's
        ("2023年因公出国(境)团组3个,7人次。\n", [("count", "因公出国(境)团组", 3.0), ("count", "因公出国(境)", 7.0)]),
        # a change without a subject after a clause that compares an item without a number is that item's
        ("其中,因公出国支出决算比预算无增减变化,比去年无增减变化;公务接待费支出决算比预算无增减变化,比去年增加0.8万元,增长40%。\n",
         [("change", "因公出国支出决算", 0.0), ("change", "因公出国支出决算", 0.0), ("change", "公务接待费支出决算", 0.8), ("change", "公务接待费支出决算", 40.0), ("change", "公务接待费支出决算", 0.0)]),
        # one change told for two wholes of one figure (各减少) is both wholes'; subjects start over after 导致 or X人数中
        ("2021年度收入总计298.34万元,支出总计298.34万元,与2020年度相比,各减少15.34万元。\n", [("amount", "收入总计", 298.34), ("amount", "支出总计", 298.34), ("change", "收入总计、支出总计", -15.34)]),
        ("本年度因机构改革畜牧站并入我镇政府管理导致事业人员较上年增加9人。在职人数中行政55人。我镇年末实有人数88人。\n", [("change", "事业人员", 9.0), ("headcount", "行政", 55.0), ("headcount", "实有人数", 88.0)]),
        # a verb-first change of the bare whole word is the figure just stated
        ("2017年区级三公经费支出1360.13万元,比上年减少支出613.80万元,下降36.0%。\n", [("amount", "三公经费支出", 1360.13), ("change", "三公经费支出", -613.8), ("change", "三公经费支出", -36.0)]),
        # the verb alone before a count: a change in what follows the counter
        ("因工作需要,新增1名政府聘员。新增2个内设机构。\n", [("change", "政府聘员", 1.0), ("change", "内设机构", 2.0)]),
        # the share of the things just counted, not of the section's heading
        ("(二)单位构成:独立核算机构1个,其中:行政单位0个,占机构总数的0.00%;事业单位1个,占机构总数的100.00%。\n",
         [("count", "独立核算机构", 1.0), ("count", "行政单位", 0.0), ("percent", "行政单位", 0.0), ("count", "事业单位", 1.0), ("percent", "事业单位", 100.0)]),
        # a town government's short name before its 编制 names no item
        ("卷硐政府编制总数36人,其中行政编制21人。政府采购项目预算金额34万元。\n", [("headcount", "编制总数", 36.0), ("headcount", "行政编制", 21.0), ("amount", "政府采购项目预算金额", 34.0)]),
        # a holder and what it has: what it has is counted (下设 too)
        ("2015年财政拨款(含政府性基金拨款)收支总计484万元。某乡下设行政单位1个。\n", [("amount", "财政拨款收支总计", 484.0), ("count", "行政单位", 1.0)]),
        # a holder and what it has: what it has is counted
        ("全镇共有工作人员58人。辖区内有完全小学3所。所属各预算单位共有车辆2辆。\n", [("headcount", "工作人员", 58.0), ("count", "完全小学", 3.0), ("count", "车辆", 2.0)]),
        # 本年收入 beside 总收入: the year's own income keeps its 本年
        ("联社2016年度总收入1276.23万元,其中本年收入1272.74万元。\n", [("amount", "总收入", 1276.23), ("amount", "本年收入", 1272.74)]),
        ("本年支出812.40万元,较上年减少12.10万元。\n", [("amount", "本年支出", 812.4), ("change", "本年支出", -12.1)]),
    ],
)
def test_set_p_comparisons_and_glued_headings(text: str, expected: list[tuple[str, str, float]]) -> None:
    assert _facts(text) == expected


def test_a_count_that_recurs_word_for_word_is_a_place_name():
    """六座中心校 in every heading of 某区六座中心校 is the school's name; 一个单位 may recur and still counts."""
    text = (
        "某区六座中心校2023年部门预算公开说明\n第一部分 某区六座中心校概况\n某区六座中心校为公益一类事业单位。\n"
        "纳入预算编制范围的单位共一个单位。本单位为一个单位编制预算。另有一个单位并入。\n承担市四套班子的接待工作。\n"
    )
    counts = [(f.subject, f.value) for f in extract.extract_document(text, is_text=True).facts if f.kind == "count"]
    assert all(v != 6.0 for _, v in counts) and all(v != 4.0 for _, v in counts)
    assert any(v == 1.0 for _, v in counts)


def test_functions_and_civilisations_are_no_counts_but_offices_are():
    text = "党政机构具有党委和政府两种职能,党委领导政府工作。发挥老干部在两个文明建设中的作用。内设4个职能科室。\n"
    counts = [(f.subject, f.value) for f in extract.extract_document(text, is_text=True).facts if f.kind == "count"]
    assert counts == [("职能科室", 4.0)]
