"""Item names: funding scope around 三公经费, and the per-document gazetteer."""

import pytest

from extract.facts import clean_subject
from extract.ingest import read_document
from extract.itemnames import build_gazetteer, drop_scope
from extract.model import Models
from extract.pipeline import build_stages, new_doc, run_stages


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
        ("江苏省人大常委会办公厅2019年一般公共预算机关运行经费预算支出", "机关运行经费预算支出"),
        ("家行政单位的机关运行经费财政拨款预算", "机关运行经费预算"),
    ],
)
def test_clean_subject_drops_the_scope_of_sangong(raw, expected):
    assert clean_subject(raw) == expected


def _layout(text, tmp_path):
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    skip = ("facts", "metric", "reason", "confidence", "tables", "figures", "align", "checks")
    return run_stages(new_doc(read_document(p)), build_stages(Models(), skip=skip)).layout


DOC = """某县水利局2023年部门决算

一、收入支出决算总体情况说明

本年收入390.55万元，教育支出（205类）普通教育（02款）学前教育（01项）支出12.3万元。

收入支出决算总表
单位：万元
项目\t决算数
本年收入\t390.55
一般公共预算财政拨款收入\t382.17
其中：上级补助收入\t8.38
2130101 行政运行\t100.00
合计\t390.55

（一）事业运行
"""


def test_gazetteer_reads_row_labels_chain_names_and_item_headings(tmp_path):
    g = build_gazetteer(_layout(DOC, tmp_path))
    for name in ("本年收入", "一般公共预算财政拨款收入", "上级补助收入", "行政运行", "普通教育", "学前教育", "事业运行"):
        assert name in g
    for not_name in ("合计", "收入支出决算总表", "收入支出决算总体情况说明", "单位：万元"):
        assert not_name not in g


@pytest.mark.parametrize(
    ("subject", "before", "expected"),
    [
        ("收入", "其中本年收入", "本年收入"),  # cut inside a name the tables use, written whole
        ("财政拨款收入", "1.一般公共预算财政拨款收入", "一般公共预算财政拨款收入"),
        ("收入", "其中收入", "收入"),  # not written as the longer name: unchanged
        ("本年收入", "本年收入", "本年收入"),
        ("支出", "本年支出", "支出"),  # no such name in the document
    ],
)
def test_gazetteer_completes_a_cut_subject(subject, before, expected, tmp_path):
    assert build_gazetteer(_layout(DOC, tmp_path)).complete(subject, before) == expected


@pytest.mark.parametrize(
    ("subject", "previous", "expected"),
    [
        ("人数", "因公出国(境)团组", "因公出国(境)人数"),
        ("接待人次", "国内公务接待批次", "国内公务接待人次"),
        ("接待人次", "国(境)外公务接待批次", "国(境)外公务接待人次"),
        ("人次", "国内公务接待批次", "国内公务接待人次"),
        ("人数", "公务用车", "人数"),  # the count before names no measured item
        ("编制人数", "因公出国(境)团组", "编制人数"),  # not a bare measure
    ],
)
def test_counted_item(subject, previous, expected):
    from extract.itemnames import counted_item

    assert counted_item(subject, previous) == expected


def test_a_bare_measure_takes_the_item_counted_before_it():
    from extract.pipeline import extract_document

    doc = "鹿寨县2019年三公经费决算\n\n一、情况说明\n\n2019年因公出国(境)团组0个,人数0人;国内公务接待批次3978个,接待人次28598人。\n"
    got = [(f.kind, f.subject, f.value) for f in extract_document(doc, is_text=True).facts]
    assert ("headcount", "因公出国(境)人数", 0.0) in got
    assert ("headcount", "国内公务接待人次", 28598.0) in got


@pytest.mark.parametrize(
    ("subject", "stem", "bare"),
    [
        ("三公經(jīng)費支出预(yù)算", "三公經(jīng)費支出", "三公經(jīng)費支出"),
        ("三公經(jīng)費支出决算", "三公經(jīng)費", "三公經(jīng)費"),
        ("因公出国(境)费支出决算", "因公出国(境)费", "因公出国(境)费"),
        ("三公经费支出预算", "三公经费支出", "三公经费"),
    ],
)
def test_figure_words_are_found_past_pinyin_readings(subject, stem, bare):
    from extract.facts import bare_item, figure_stem

    assert (figure_stem(subject), bare_item(subject)) == (stem, bare)


def test_a_department_written_in_traditional_characters_with_readings_is_trimmed():
    assert clean_subject("2021年杜集區(qū)政府辦國內(nèi)公務接待", ("杜集区政府办",)) == "國內(nèi)公務接待"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("特种作业车(洒水车、垃圾车)", "特种作业车"),
        ("绩效服务费（根据查处金额预估）", "绩效服务费"),
        ("使用非财政拨款结余(含专用结余)", "使用非财政拨款结余(含专用结余)"),
        ("因公出国(境)费", "因公出国(境)费"),
        ("2021年红河县本级一般公共预算财政拨款“三公”经费预算数为", "三公经费预算"),
    ],
)
def test_notes_in_brackets_and_the_budget_figure_of_sangong(raw, expected):
    assert clean_subject(raw) == expected
