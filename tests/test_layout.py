from __future__ import annotations

import pytest

from extract.layout import heading_level, parse_layout
from extract.metadata import document_metadata
from extract.normalize import normalize


def _layout(text):
    return parse_layout(normalize(text))


@pytest.mark.parametrize(
    "line, level",
    [
        ("第一部分 部门概况", 1),
        ("一、收支预算总体情况说明", 2),
        ("十二、政府采购支出预算情况说明", 2),
        ("（一）收入预算情况", 3),
        ("(二)支出预算情况", 3),
        ("1.财政拨款收入", 4),
        ("2、打造五级医保经办体系", 4),
        ("（1）公务用车购置", 5),
        ("①项目概况", 6),
        ("271.33万元", None),
        ("2023年部门预算", None),
    ],
)
def test_heading_levels(line, level):
    assert heading_level(line) == level


def test_section_paths_and_skipped_definitions():
    text = "第三部分 预算情况说明\n\n一、收支预算情况\n\n（一）收入预算\n\n收入预算总额为271.33万元。\n\n第四部分 名词解释\n\n一、财政拨款：指本级财政当年拨付的资金。\n"
    lay = _layout(text)
    para = [b for b in lay.blocks if b.kind == "paragraph"]
    assert para[0].section == "第三部分预算情况说明 > 一、收支预算情况 > （一）收入预算"
    assert not para[0].skipped
    definitions = [b for b in lay.blocks if "名词解释" in b.section and b.kind == "paragraph"]
    assert definitions and all(b.skipped for b in definitions)


def test_tab_table_is_kept_out_of_prose():
    text = "一、部门收支总表\n金额单位：万元\n项 目\t预算数\t项 目\t预算数\n一、一般公共预算拨款收入\t3,688.46\t一、一般公共服务支出\t\n本年收入合计\t3,688.46\t本年支出合计\t4,695.70\n\n二、说明\n收入预算4695.70万元。\n"
    lay = _layout(text)
    kinds = [b.kind for b in lay.blocks]
    assert "table" in kinds
    table = lay.tables[0]
    assert "3,688.46" in table.text.text
    paragraphs = [b for b in lay.blocks if b.kind == "paragraph"]
    assert paragraphs and all("3,688.46" not in b.text.text for b in paragraphs)


def test_one_cell_per_line_table():
    text = "预算绩效情况说明\n\n\t部门名称\n\t青云谱区医疗保障局\n\n\t编制控制数\n\t17\n\n\t在职人员总数\n\t17\n\n二、说明\n\n编制人数17人。\n"
    lay = _layout(text)
    assert len(lay.tables) == 1
    assert "编制控制数" in lay.tables[0].text.text


def test_space_aligned_pdftotext_table():
    text = (
        "  三、支出预算情况说明\n"
        "  基本支出9312.9万元，占50.81%。\n"
        "                         收支预算总表\n"
        "部门：            江苏省人大常委会办公厅           单位：万元\n"
        "一、财政拨款                         18,330.37 一、一般公共服务支出                     13,907.78\n"
        " 1.一般公共预算                      18,330.37 二、外交支出\n"
        "                                           三、国防支出\n"
        "       当年收入小计                  18,330.37         当年支出小计      18,330.37\n"
    )
    lay = _layout(text)
    assert len(lay.tables) == 1
    assert "13,907.78" in lay.tables[0].text.text
    assert any("9312.9" in b.text.text for b in lay.blocks if b.kind == "paragraph")


def test_prose_with_double_spaces_is_not_a_table():
    text = "2023年部门所属各单位政府采购总额  21.5   万元,其中: 政府采购货物预算  21.5   万元, 政府采购工程预算 0 万元。\n因公出国  0 万元,比上年增（减）  0 万元，主要原因是：本年无因公出国计划。\n"
    assert _layout(text).tables == []


def test_pdf_wrapped_lines_join_across_page_footer():
    text = (
        "  项目支出预算数为6459.58万元。与上年相比增加125.62万\n"
        "元，增长1.98%。主要原因是运转类项目经费统一压减10%，江苏省第十三届人\n"
        "\n"
        " ─ 8 ─\n"
        "代会二次会议经费专项增加200万元。\n"
        "  单位预留机动经费预算数为2557.89万元。\n"
    )
    paras = [b for b in _layout(text).blocks if b.kind == "paragraph"]
    assert len(paras) == 2
    assert "125.62万元" in paras[0].text.text
    assert "第十三届人代会二次会议" in paras[0].text.text
    i = paras[0].text.text.index("125.62")
    s, e = paras[0].text.orig_span(i, i + 6)
    assert text[s:e] == "125.62"


def test_markdown_headings_and_broken_paragraph():
    text = "## 第三部分\n\n### （一）收入预算情况\n\n**5. 三医联动，改革医药管理服务。**开展医疗机构医保精\n\n细化管理，拓展医保管理深度。\n"
    lay = _layout(text)
    heads = [b for b in lay.blocks if b.kind == "heading"]
    assert [h.level for h in heads] == [1, 3]
    paras = [b for b in lay.blocks if b.kind == "paragraph"]
    assert len(paras) == 1 and "医保精细化管理" in paras[0].text.text


@pytest.mark.parametrize(
    "head, expected",
    [
        ("江苏省人大常委会办公厅\n2019年度部门预算公开\n目 录\n", ("江苏省人大常委会办公厅", 2019, "预算")),
        ("**苍溪县医疗保障局**  \n**2023 年部门预算**\n", ("苍溪县医疗保障局", 2023, "预算")),
        ("上海市普陀区2024年区级部门预算\n 预算主管部门：上海市普陀区人民政府万里街道办事处\n", ("上海市普陀区人民政府万里街道办事处", 2024, "预算")),
        (" 第一部分  西湖区医疗保障局概况\n一、部门主要职责\n第二部分 西湖区医疗保障局2024年部门预算表\n", ("西湖区医疗保障局", 2024, "预算")),
        ("某某县财政局2022年度部门决算\n", ("某某县财政局", 2022, "决算")),
    ],
)
def test_document_metadata(head, expected):
    m = document_metadata(head)
    assert (m.department, m.year, m.doc_kind) == expected
    assert (_layout(head).department, _layout(head).year) == expected[:2]  # the layout stage reads the same


@pytest.mark.parametrize(
    "name, dept, year",
    [
        ("000_54214275dc1fe0d9.txt", "青云谱区医疗保障局", 2023),
        ("002_2f12658d6dd2eaf6.txt", "武汉市青山区医疗保障局", 2022),  # the fullest name it states (its rows)
        ("05_js_high_court_2019_budget.txt", "江苏省高级人民法院", 2019),
        ("12_sh_putuo_gov_office_2025_unit_budget.txt", "上海市普陀区人民政府办公室", 2025),
    ],
)
def test_metadata_on_corpus(corpus_results, name, dept, year):
    d = corpus_results[name].document
    assert (d.department, d.year, d.doc_kind) == (dept, year, "预算")


def test_markdown_pipe_table():
    text = "## 部门收支总表\n\n| 项目 | 预算数 |\n|---|---|\n| 一般公共预算拨款收入 | 3,688.46 |\n| 上年结转 | 1,007.24 |\n\n收入预算4695.70万元。\n"
    lay = _layout(text)
    assert len(lay.tables) == 1 and "1,007.24" in lay.tables[0].text.text
    assert [b.text.text for b in lay.blocks if b.kind == "paragraph"] == ["收入预算4695.70万元。"]


def test_a_table_of_contents_ends_where_its_first_entry_is_met_again():
    # the 目录 lists the headings; the body repeats them: the body's prose is not in the 目录 (which is skipped)
    toc = "目录\n\n一、概况\n\n（一）单位职责\n\n二、决算情况说明\n\n（一）收入支出决算总体情况说明\n\n三、名词解释\n\n"
    body = "一、概况\n\n（一）单位职责\n\n为辖区儿童提供教育服务。\n\n二、决算情况说明\n\n（一）收入支出决算总体情况说明\n\n2022年度收入总计300.00万元。\n"
    lay = _layout("某某小学2022年度单位决算\n\n" + toc + body)
    para = [b for b in lay.blocks if b.kind == "paragraph" and "300.00" in b.text.text]
    assert para and para[0].section == "二、决算情况说明 > （一）收入支出决算总体情况说明"
    assert not para[0].skipped


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # an unwrapped web page: a clause ending on its state or figure without 。 ends at the blank line
        ("(三)公务用车购置及运行维护费\n\n公务用车购置费预算安排0万元,与2021年预算持平\n\n公务用车运行维护费预算安排8万元,较2021年预算下降42.86%。\n", 2),
        ("(三)公务用车购置及运行维护费\n\n因公出国(境)经费2022年预算安排0万元\n\n公务用车运行维护费预算安排8万元,较2021年预算下降42.86%。\n", 2),
        # …a line broken mid-word still joins its next line
        ("(三)公务用车购置及运行维护费\n\n开展医疗机构医保精\n\n细化管理，拓展医保管理深度。\n", 1),
    ],
    ids=["state-word", "figure", "mid-word"],
)
def test_a_blank_line_after_a_finished_clause_ends_the_paragraph_on_an_unwrapped_page(text: str, n: int) -> None:
    assert len([b for b in _layout(text).blocks if b.kind == "paragraph"]) == n


def test_a_contents_list_of_short_entries_does_not_make_the_page_look_hard_wrapped():
    """A 目录 of short entries (and lines of one lost character) are no wrapped prose: the page's
    headings stay headings, not the first words of the paragraph under them."""
    toc = "目录\n" + "".join(f"{n}、第{n}张情况表\n" for n in "一二三四五六七八九十") + "?\n?\n?\n"
    body = "第三部分 部门预算情况说明\n(一)财政拨款收支预算情况\n某接待办财政拨款收支总预算1043.61万元。\n(二)一般公共预算基本情况\n一般公共预算基本支出比2016年增加6.71万元。\n"
    paras = [b.text.text for b in _layout(toc + body).blocks if b.kind == "paragraph"]
    assert "某接待办财政拨款收支总预算1043.61万元。" in paras
    assert not any(p.startswith("(一)财政拨款收支预算情况某") for p in paras)


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # a clause ended on its figure without 。 and a next line opening on a year: two statements
        ("三、收支决算总体情况说明\n2017年某乡本年收入合计766.4万元,其中:财政拨款收入766.4万元,占100%\n"
         "2017年某乡本年支出合计766.4万元,其中:基本支出465.33万元,占60.71%。\n", 2),
        # …a line broken mid-clause before a year still joins (…比\n2016年增加)
        ("三、收支决算总体情况说明\n某乡本年收入合计766.4万元,比\n2016年增加45.16万元。\n", 1),
    ],
    ids=["figure-then-year", "broken-before-year"],
)
def test_a_line_opening_on_a_year_after_a_finished_clause_starts_a_statement(text: str, n: int) -> None:
    assert len([b for b in _layout(text).blocks if b.kind == "paragraph"]) == n


def test_a_contents_list_without_its_own_heading_closes_when_the_body_repeats_an_entry() -> None:
    text = ("2018年某县某会预算基本情况说明\n目录\n第一部分 部门基本情况\n第二部分 收入预算说明\n第三部分 支出预算说明\n第四部分 名词解释\n"
            "一、部门基本情况\n某会现有2个内设科。\n二、收入预算说明\n2018年收入预算43.65万元。\n")
    layout = parse_layout(normalize(text))
    para = next(b for b in layout.blocks if b.kind == "paragraph" and "43.65" in b.text.text)
    assert "名词解释" not in para.section and para.section.endswith("二、收入预算说明")
